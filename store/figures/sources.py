"""The names of sources: the lexicon that folds spellings into one shown name, and what a
written name reduces to ("the state Department of Forestry and Fire (DFF)").

Why apart from the reader of mentions (``store.figures.attribution``): the lexicon is also
what the library fingerprints to know when stored figures must be re-extracted, and what the
user extends in config.toml; the mention reader only needs ``fold`` and ``is_generic``.
"""

from __future__ import annotations

import json
import re
import tomllib
import zlib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Final

from store.figures.lexicon import EVENT_GROUPS, default_lexicon
from store.figures.periods import MONTHS, WEEKDAYS

# Words that end a subject read leftwards from its verb.
SUBJECT_STOP: Final = frozenset(
    """
    that which who whom whose and or but nor while as when if because after before since though
    although where so than then is are was were be been being has have had to in on at by with
    from into after over under about around nearly almost some more less than what how why
    against despite unlike without
    it's there here this these those its their his her our my your
    """.split()
)

_DETERMINERS = ("the ", "a ", "an ", "some ", "several ", "two ", "three ", "many ")
PRONOUNS: Final = frozenset("he she it they we i him her them".split())


def is_pronoun(written: str) -> bool:
    """Whether a written source is a pronoun ("it", "She"): it names no one by itself."""
    return written.strip().lower() in PRONOUNS


# Heads of generic names that stand for a source named earlier ("the agency says").
GENERIC_HEADS: Final = frozenset(
    """
    agency ministry service office military army department government official officials
    spokesperson spokesman spokeswoman statement report authorities authority sources source
    committee council institute organisation organization body group regulator watchdog
    count tally figures data estimate estimates assessment company firm paper document
    """.split()
)


@lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("`", "'").strip(' ,;:."“”')
    text = " ".join(text.split()).lower()
    for det in ("the ",):
        if text.startswith(det):
            text = text[len(det) :]
    return text


def _load_builtin() -> dict[str, list[str]]:
    data = resources.files("store.figures").joinpath("attribution.toml").read_bytes()
    doc = tomllib.loads(data.decode("utf-8"))
    return {str(k): [str(a) for a in v] for k, v in doc.get("sources", {}).items()}


class AttributionLexicon:
    """Spellings of sources -> the one name shown for each (case and "the" ignored)."""

    def __init__(self, sources: Mapping[str, Sequence[str]]) -> None:
        self.sources = {k: list(v) for k, v in sources.items()}
        self.alias: dict[str, str] = {}
        for name, spellings in self.sources.items():
            self.alias[_norm(name)] = name
            for spelling in spellings:
                self.alias[_norm(spelling)] = name
        # Multi-word spellings found inside a longer written name ("South Korea's spy agency
        # NIS"), longest first.
        self.phrases = sorted((a for a in self.alias if " " in a), key=len, reverse=True)

    def extended(self, extra: Mapping[str, Sequence[str]]) -> AttributionLexicon:
        """A copy with user spellings added (a new name allowed; a spelling may move)."""
        merged = {k: list(v) for k, v in self.sources.items()}
        for name, spellings in extra.items():
            moved = {_norm(s) for s in spellings}
            for other in merged.values():
                other[:] = [s for s in other if _norm(s) not in moved]
            merged.setdefault(str(name), []).extend(str(s) for s in spellings)
        return AttributionLexicon(merged)

    def knows(self, written: str) -> bool:
        """Whether the lexicon lists this spelling (an acronym it folds itself)."""
        return _norm(written) in self.alias

    @lru_cache(maxsize=4096)  # noqa: B019 - lexicons live for the process; names recur
    def fold(self, written: str) -> str:
        """The shown name of a written source: its lexicon name, else as written."""
        key = _norm(written)
        if not key:
            return ""
        hit = self.alias.get(key)
        if hit is not None:
            return hit
        # "South Korea's National Intelligence Service (NIS)": the acronym, then the rest.
        paren = re.search(r"\(([^)]+)\)", key)
        if paren is not None:
            for part in (paren.group(1), key[: paren.start()] + key[paren.end() :]):
                hit = self.alias.get(_norm(part))
                if hit is not None:
                    return hit
        padded = f" {key} "
        for phrase in self.phrases:
            if f" {phrase} " in padded:
                return self.alias[phrase]
        cleaned = clean_written(written)
        return "" if cleaned.lower() in SUBJECT_STOP else cleaned


# Words that make a phrase a time, not a body: "Monday evening", "last week", "the day".
TIME_WORDS: Final = (
    frozenset(WEEKDAYS)
    | {month.lower() for month in MONTHS}
    | frozenset(
        """
        today tonight yesterday tomorrow morning afternoon evening night week weekend month
        year day hour hours days weeks months last this next early late overnight midnight noon
        dawn
        """.split()
    )
)
# Words for what a source publishes ("X's figures show", "the ministry's latest count").
DATA_WORDS: Final = frozenset(
    "figures data numbers statistics estimate estimates count tally toll assessment tallies "
    "survey poll".split()
)


@lru_cache(maxsize=8192)
def clean_written(written: str) -> str:
    """A written source as a name: without its article, quotes, trailing punctuation, an
    acronym in brackets after it, or lowercase words before a capitalised name ("state
    Department of Forestry and Fire (DFF)" -> "Department of Forestry and Fire")."""
    text = " ".join(written.replace("’", "'").split()).strip(' ,;:."“”')
    words = text.split()
    while len(words) > 1 and words[-1] in TIME_WORDS:
        words.pop()  # "the Ministry of Transport overnight": a time after the name, lowercase
    text = " ".join(words)
    if text.count('"') % 2 and written.rstrip(" ,;:.").endswith('"'):
        text += '"'  # 'the campaign "No"': a quoted name keeps its closing quote
    lowered = text.lower()
    for det in _DETERMINERS:
        if lowered.startswith(det):
            text = text[len(det) :]
            break
    if text.lower().startswith("own "):
        text = text[4:]  # "(Its) own election commission": the commission
    office = _PLACE_OFFICE_RE.fullmatch(text)
    if office is not None and office.group(2).lower() in _TITLE_WORDS:
        return f"{office.group(2)} of {office.group(1)}"  # "Marrit's governor"
    owner = _OWNER_OPENER_RE.match(text)
    if owner is not None and owner.end() < len(text):
        text = text[owner.end() :]  # "the country's coast guard": the coast guard
    bare = _ACRONYM_AFTER_RE.sub("", text).strip()
    if bare:
        text = bare
    words = text.split()
    title = _person_after_title(words)
    if title:
        return " ".join(words[title:])  # "Health Minister Ana Ruiz": Ana Ruiz
    first_name = next((i for i, w in enumerate(words) if w[:1].isupper()), 0)
    if (
        1 < first_name < len(words)
        and words[first_name - 1] == "of"
        and words[first_name - 2].lower() in _TITLE_WORDS
    ):
        return " ".join(words[first_name - 2 :])  # "the governor of Oskel": the governor
    media = next(
        (
            k
            for k in range(1, min(len(words) - 1, 4))
            if words[k] in _MEDIA_NOUNS and words[k + 1][:1].isupper()
        ),
        0,
    )
    if media and all(w.islower() for w in words[1:media]):
        return " ".join(words[media + 1 :])  # "Local news site Brenholm Today": the outlet
    if len(words) > 2 and words[1].islower() and words[1] not in _LINK_WORDS:
        # "Belmarian carmaker Vantorre", "Kestwick's kit supplier Torvane": what the name is
        named = next((k for k in range(2, min(len(words), 5)) if words[k][:1].isupper()), 0)
        if named and all(w.islower() and w not in _LINK_WORDS for w in words[1:named]):
            return " ".join(words[named:])
    if len(words) == 2 and words[0].lower() in _DESCRIBING_NOUNS and words[1][:1].isupper():
        return words[1]  # "Carmaker Vantorre" opening a sentence
    if len(words) > 2 and words[0].endswith("'s") and words[1].islower():
        named = next((k for k in range(2, min(len(words), 5)) if words[k][:1].isupper()), 0)
        if named and all(w.islower() for w in words[1:named]):
            return " ".join(words[named:])  # "Kestwick's kit supplier Torvane": Torvane
    if (
        0 < first_name < len(words)
        and all(w.islower() for w in words[:first_name])
        and not (  # "the transport ministry in Valdor" names the ministry by its seat
            first_name > 1
            and words[first_name - 1] in ("in", "at")
            and words[first_name - 2] in _SEATED
        )
    ):
        # "state Department of ...", "the country's Emergency Relief Authority"
        text = " ".join(words[first_name:])
    return text


# Lowercase words inside a name ("Bank of the North", "Doctors without Borders").
_LINK_WORDS: Final = frozenset("of for and the de without against on in at to".split())
# What a company or body is, written before its name at a sentence's start.
_DESCRIBING_NOUNS: Final = frozenset(
    "carmaker insurer airline lender retailer broker brokerage regulator operator carrier "
    "supplier manufacturer maker chipmaker consultancy utility bank group firm company".split()
)
# What an outlet is, written before its name ("the news agency CORPRESS", "state broadcaster").
_MEDIA_NOUNS: Final = frozenset(
    "site website portal agency broadcaster daily newspaper paper weekly tabloid channel "
    "station outlet magazine network".split()
)
# A place's office holder: "Marrit's governor" is the governor of Marrit.
_PLACE_OFFICE_RE = re.compile(r"([A-Z][\w-]+)'s ([a-z]+)")
_SEATED: Final = frozenset(
    "ministry agency office department embassy consulate authority board commission council "
    "service".split()
)
_OWNER_OPENER_RE = re.compile(
    r"(?:country|nation|state|city|region|province|island|government)['’]s\s+", re.IGNORECASE
)
# Words of a person's title before their name ("Health Minister Ana Ruiz", "police spokesman
# Tom Berg", "Colonel Adrian Vesk"): the name is what every outlet writes the same way.
_TITLE_WORDS: Final = frozenset(
    """
    minister spokesman spokeswoman spokesperson president governor mayor sheriff chief director
    secretary colonel general captain commander commissioner inspector dr professor senator
    chairman chairwoman chair ceo head premier lieutenant major sergeant officer analyst
    """.split()
)


def _person_after_title(words: list[str]) -> int:
    """Where a person's name starts after a title that opens ``words`` (0 when no title): a
    title word, then two or three capitalised words that end the name."""
    for i, word in enumerate(words[:4]):
        if word.lower().strip(",") in _TITLE_WORDS:
            rest = words[i + 1 :]
            if 2 <= len(rest) <= 3 and all(w[:1].isupper() and w.isalpha() for w in rest):
                return i + 1
            # "director of the Road Safety Agency Mikael Tornqvist": the person after the body
            heads = [k for k, w in enumerate(rest) if w.lower() in GENERIC_HEADS]
            if heads and rest[0].lower() == "of":
                name = rest[heads[-1] + 1 :]
                if 2 <= len(name) <= 3 and all(w[:1].isupper() and w.isalpha() for w in name):
                    return len(words) - len(name)
            if rest[:1] == ["of"]:
                # "governor of the Orvane province Marta Lenn": the name after a lowercase word
                run = 0
                while run < len(rest) and rest[-1 - run][:1].isupper() and rest[-1 - run].isalpha():
                    run += 1
                before = rest[-1 - run] if run < len(rest) else ""
                if 2 <= run <= 3 and before.islower() and before not in ("of", "the", "and"):
                    return len(words) - run
            return 0
    return 0


_ACRONYM_AFTER_RE = re.compile(r"\s*\(([A-Z][A-Za-z]{1,8})\)$")


def acronym_of(written: str) -> tuple[str, str] | None:
    """(acronym, name) when a source is written "Name (ACR)": later mentions of ACR in the
    same article stand for the name."""
    m = _ACRONYM_AFTER_RE.search(written.strip(' ,;:."“”'))
    if m is None:
        return None
    name = clean_written(written)
    return (m.group(1), name) if name and name != m.group(1) else None


@lru_cache(maxsize=8192)
def is_generic(written: str) -> bool:
    """True for a pronoun or a name that only points back ("the agency", "officials")."""
    words = _norm(written).split()
    if not words:
        return True
    if len(words) == 1 and words[0] in PRONOUNS:
        return True
    if words[-1] not in GENERIC_HEADS:
        return False
    # "the agency", "officials", "the spy agency": no capitalised word, nothing named.
    originals = clean_written(written).split()
    return not any(w[:1].isupper() for w in originals[:-1]) and (
        len(originals) <= 2 or all(w.islower() for w in originals)
    )


@lru_cache(maxsize=1)
def builtin_attributions() -> AttributionLexicon:
    """The sources shipped with newsdesk."""
    return AttributionLexicon(_load_builtin())


@lru_cache(maxsize=1)
def user_attributions() -> dict[str, list[str]]:
    """The ``[attributions]`` table of the user's config; empty when absent or broken."""
    try:
        from store.config import load_config

        extra = load_config().attributions
    except Exception:  # noqa: BLE001 - a broken config never stops extraction
        return {}
    return {str(k): [str(s) for s in v] for k, v in (extra or {}).items()}


@lru_cache(maxsize=1)
def default_attributions() -> AttributionLexicon:
    """The built-in sources plus the user's config additions."""
    extra = user_attributions()
    base = builtin_attributions()
    return base.extended(extra) if extra else base


def attributions_fingerprint(extra: Mapping[str, Sequence[str]]) -> int:
    """A number that changes when the user's source spellings change (0 for none)."""
    if not extra:
        return 0
    canonical = json.dumps({k: sorted(v) for k, v in sorted(extra.items())}, sort_keys=True)
    return zlib.crc32(canonical.encode("utf-8")) % 9999 + 1


# Words of a generic source name that say nothing of which one it is.
_UNDESCRIBED: Final = frozenset(
    """
    the a an its his her their our this that same country's nation's state's city's region's
    government's local official top senior preliminary provisional latest final updated new
    """.split()
)


def described_words(words: list[str]) -> list[str]:
    """The stems of the lowercased words that tell a generic source apart ("const" in "the
    construction ministry"), [] when it is only "the ministry"."""
    out = []
    for word in words:
        bare = word.removesuffix("'s").removesuffix("’s")
        if word not in _UNDESCRIBED and bare.isalpha():
            out.append(bare[:5])
    return out


GENERIC_HEAD_SET: Final = GENERIC_HEADS | frozenset(
    {"police", "union", "unions", "organisers", "operator", "insurer", "owner", "airline"}
)
# Heads that name what is counted, never who counts it.
_COUNT_HEADS: Final = frozenset("number total toll count tally share rate".split())


def body_like(text: str) -> bool:
    """Whether an agent after "by" reads as a source: a name, or a body ("the ministry")."""
    words = text.split()
    return any(w[:1].isupper() for w in words) or words[-1].lower() in GENERIC_HEAD_SET


# Heads of a subject that is what happened, never who reports it: "The storm puts the toll
# nearer 40", "The outbreak counts 120 cases", "The flood left 300 homes without power".
_THING_HEADS: Final = frozenset(
    """
    storm storms flood floods flooding fire fires blaze blazes wildfire wildfires quake
    earthquake tremor aftershock outbreak epidemic pandemic virus heatwave eruption volcano
    crash collapse explosion blast typhoon hurricane cyclone tornado tornadoes avalanche
    landslide mudslide drought spill disease derailment sinking capsizing
    """.split()
)


def thing_named(text: str) -> bool:
    """Whether a subject read as a source names an event or a phenomenon by its head word
    (what happened, not who reports it)."""
    words = text.split()
    if words and words[0] in ("The", "A", "An"):
        words = words[1:]
    if not words or any(w[:1].isupper() for w in words):
        return False  # a name ("Department of Forestry and Fire") is a body
    return words[-1].strip(".,;:'’\"") in _THING_HEADS


def names_body(text: str) -> bool:
    """Whether a subject names a body that keeps counts of its own ("the health ministry",
    "NIS", "The Disease Bureau"), not a place or the ones who did what was counted
    ("Hospitals", "Dorvel")."""
    words = text.split()
    return (
        not GENERIC_HEAD_SET.isdisjoint(w.lower().strip(",") for w in words)
        or any(len(w) > 1 and w.isupper() for w in words)
        or (words[0].lower() == "the" and len(words) > 2 and words[1][:1].isupper())
    )


def counted_word(text: str) -> bool:
    """Whether a subject read as a source is the thing counted ("Cases", "The number of
    cases", "Deaths"): its head word is in a counted-thing group or names a count."""
    words = text.lower().split()
    if not words:
        return False
    if "of" in words[1:]:
        words = words[: words.index("of", 1)]  # "the number of cases": "number"
    head = words[-1].strip(".,;:'’\"")
    if head in _COUNT_HEADS:
        return True
    lexicon = default_lexicon()
    group = lexicon.word_key.get(head)
    # Events and their tallies ("Deaths", "Cases", "Injuries"), not people who may speak
    # ("Survivors said", "Detainees told", "Security forces said").
    return (
        group in EVENT_GROUPS
        and head not in lexicon.people
        and not head.endswith(("ors", "ers", "ees", "ants", "ists"))
    )


def same_source(a: str, b: str) -> bool:
    """One source spelled two ways in one article ("Meranda's Seismological Institute",
    "Meranda Seismological Institute")."""

    def bare(name: str) -> str:
        return name.lower().replace("’s", "").replace("'s", "")

    return bare(a) == bare(b)
