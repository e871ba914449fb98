"""The synonym lexicon: which written words count the same thing, and their shared key.

The groups ship as ``lexicon.toml`` beside this module; users extend them through the
``synonyms`` table of their config file. Near spellings and plurals that no group lists are
matched with rapidfuzz (cached, so a word is fuzzed once per process), which lets "soldeirs" or
"servicemembers" land on ``troops`` without listing every variant.
"""

from __future__ import annotations

import json
import tomllib
import zlib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any, Final

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

# Minimum normalised Damerau-Levenshtein similarity for a near spelling to join a group: one
# slip in an 8-letter word ("soldeirs", "civilans") passes; "prisons" (not "prisoners") and
# "olives" (not "lives") do not. Words under 5 letters are never fuzzed.
FUZZ_CUTOFF: Final = 0.85


def _load_builtin() -> dict[str, Any]:
    data = resources.files("store.figures").joinpath("lexicon.toml").read_bytes()
    return tomllib.loads(data.decode("utf-8"))


_IRREGULAR = {
    "children": "child",
    "men": "man",
    "women": "woman",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "leaves": "leaf",
    "halves": "half",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "analyses": "analysis",
    "crises": "crisis",
}


def singular(word: str) -> str:
    """A cheap English singular for keys: "vessels" -> "vessel", "batteries" -> "battery",
    "GPUs" -> "gpu" (an acronym's plural, when written as such)."""
    if len(word) >= 3 and word[-1] == "s" and word[:-1].isupper():
        return word[:-1].lower()
    w = word.lower()
    irregular = _IRREGULAR.get(w)
    if irregular is not None:
        return irregular
    if len(w) <= 3 or not w.endswith("s") or w.endswith(("ss", "us", "is", "ics")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "zes")):
        return w[:-2]
    return w[:-1]


# Groups whose words name what happened to people; user words for them also act as events.
EVENT_GROUPS: Final = frozenset(
    {
        "killed",
        "injured",
        "hospitalised",
        "critical condition",
        "casualties",
        "missing",
        "trapped",
        "displaced",
        "detained",
        "prisoners",
        "rescued",
        "case",
        "vaccinated",
    }
)


class Lexicon:
    """Word -> key lookups for counted things and events, built from synonym groups."""

    def __init__(
        self,
        groups: Mapping[str, Sequence[str]],
        events: Sequence[str] = (),
        plurals: Sequence[str] = (),
        money_verbs: Mapping[str, Sequence[str]] | None = None,
        unit_keys: Mapping[str, str] | None = None,
        people: Sequence[str] = (),
    ) -> None:
        self.groups = {k: list(v) for k, v in groups.items()}
        self.word_key: dict[str, str] = {}
        self.phrases: list[tuple[tuple[str, ...], str]] = []
        for key, words in self.groups.items():
            self.word_key[key.lower()] = key
            for w in words:
                w = w.lower().strip()
                if " " in w:
                    self.phrases.append((tuple(w.split()), key))
                else:
                    self.word_key.setdefault(w, key)
        # Longest phrases first so "prisoners of war" wins over "prisoners".
        self.phrases.sort(key=lambda p: -len(p[0]))
        self.events = frozenset(e.lower() for e in events if " " not in e)
        self.event_phrases = [tuple(e.lower().split()) for e in events if " " in e]
        self.event_phrase_starts = frozenset(p[0] for p in self.event_phrases)
        self.plurals = frozenset(p.lower() for p in plurals)
        self.money_verbs_src = {k: list(v) for k, v in (money_verbs or {}).items()}
        self.money_verbs = {
            w.lower(): key for key, words in self.money_verbs_src.items() for w in words
        }
        self.unit_keys = dict(unit_keys or {})
        self.people = frozenset(p.lower() for p in people)
        # Keys of people nouns (as the extractor normalises them), which an event overrides.
        self.people_keys = frozenset(self.key_for_noun_uncached(p) for p in self.people)
        self.phrase_starts = frozenset(p[0][0] for p in self.phrases)
        self._choices = sorted(self.word_key)
        # Per-word results, cached: the same few hundred words recur in every article.
        self._group_cache: dict[str, str | None] = {}
        self._noun_cache: dict[str, str] = {}

    def _fuzzy_uncached(self, word: str) -> str | None:
        if len(word) < 5:
            return None
        hit = process.extractOne(
            word,
            self._choices,
            scorer=DamerauLevenshtein.normalized_similarity,
            score_cutoff=FUZZ_CUTOFF,
        )
        if hit is None:
            return None
        return self.word_key[hit[0]]

    def group_of(self, word: str) -> str | None:
        """The key of the group a word belongs to (exactly, as a singular, or by near spelling)."""
        try:
            return self._group_cache[word]
        except KeyError:
            pass
        w = word.lower()
        key = self.word_key.get(w)
        if key is None:
            key = self.word_key.get(singular(w))
        if key is None:
            key = self._fuzzy_uncached(w)
        if len(self._group_cache) > 50_000:
            self._group_cache.clear()
        self._group_cache[word] = key
        return key

    def phrase_at(self, words: Sequence[str]) -> tuple[str, int] | None:
        """A multi-word entry starting at ``words[0]``: (key, number of words) or None."""
        if not words or words[0].lower() not in self.phrase_starts:
            return None
        for phrase, key in self.phrases:
            n = len(phrase)
            if len(words) >= n and tuple(w.lower() for w in words[:n]) == phrase:
                return key, n
        return None

    def key_for_noun_uncached(self, head: str) -> str:
        w = head.lower()
        key = self.word_key.get(w) or self.word_key.get(singular(w))
        if key is None:
            key = w if w in self.plurals else singular(w)
        return key

    def key_for_noun(self, head: str) -> str:
        """The normalised key of a counted noun: its group, else its lowercase singular."""
        try:
            return self._noun_cache[head]
        except KeyError:
            pass
        key = self.group_of(head)
        if key is None:
            w = head.lower()
            key = w if w in self.plurals else singular(head)
        if len(self._noun_cache) > 50_000:
            self._noun_cache.clear()
        self._noun_cache[head] = key
        return key

    def phrase_key(self, phrase: tuple[str, ...]) -> str | None:
        """The group of a multi-word entry ("in hospital" -> hospitalised), None if none."""
        for words, key in self.phrases:
            if words == phrase:
                return key
        return None

    def is_event(self, word: str) -> bool:
        return word.lower() in self.events

    def extended(self, synonyms: Mapping[str, Sequence[str]]) -> Lexicon:
        """A copy with user synonyms merged in (new keys allowed; words may move groups)."""
        groups = {k: list(v) for k, v in self.groups.items()}
        events = sorted(self.events) + [" ".join(p) for p in self.event_phrases]
        for key, words in synonyms.items():
            key = str(key).strip().lower()
            if not key:
                continue
            moved = {str(w).strip().lower() for w in words if str(w).strip()}
            for other in groups.values():
                other[:] = [w for w in other if w.lower() not in moved]
            groups.setdefault(key, []).extend(sorted(moved))
            if key in EVENT_GROUPS:
                # "300 were executed" once "executed" is a word for killed.
                events.extend(w for w in sorted(moved) if not w.endswith("s"))
        return Lexicon(
            groups,
            events,
            sorted(self.plurals),
            self.money_verbs_src,
            self.unit_keys,
            sorted(self.people),
        )


@lru_cache(maxsize=1)
def builtin_lexicon() -> Lexicon:
    """The lexicon shipped with newsdesk, without user additions."""
    data = _load_builtin()
    groups = data.get("groups", {})
    return Lexicon(
        groups,
        data.get("events", {}).get("words", []),
        data.get("plurals", {}).get("words", []),
        data.get("money_verbs", {}),
        data.get("unit_keys", {}),
        data.get("people", {}).get("words", []),
    )


@lru_cache(maxsize=1)
def user_synonyms() -> dict[str, list[str]]:
    """The ``synonyms`` of the user's config file; empty when there is none or it is broken.

    A broken config never stops extraction: the built-in groups are used then.
    """
    try:
        from store.config import load_config

        synonyms = load_config().synonyms
    except Exception:  # noqa: BLE001 - any config problem falls back to the built-ins
        return {}
    return {str(k): [str(w) for w in v] for k, v in (synonyms or {}).items()}


def synonyms_fingerprint(synonyms: Mapping[str, Sequence[str]]) -> int:
    """A number in 0..9999 that changes when the user's synonyms change (0 for none)."""
    if not synonyms:
        return 0
    canonical = json.dumps({k: sorted(v) for k, v in sorted(synonyms.items())}, sort_keys=True)
    return zlib.crc32(canonical.encode("utf-8")) % 9999 + 1


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The built-in lexicon plus the user's config ``synonyms`` (if a valid config exists)."""
    base = builtin_lexicon()
    synonyms = user_synonyms()
    return base.extended(synonyms) if synonyms else base
