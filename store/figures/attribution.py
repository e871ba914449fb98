"""Who an article credits with a number: "according to X", "X said", "citing X", "X's figures".

Why: a comparison that says "agree" or "conflict" must say who says what; two sources quoted
in one article are two claims, and "NIS", "the National Intelligence Service" and "South
Korea's spy agency" are one source written three ways. Names are folded through a lexicon
(``attribution.toml``, extended by the ``[attributions]`` table of config.toml); a source the
lexicon does not know is kept as written, without its article ("the").

A mention credits the numbers its clause states: "X said N" and "According to X, N" credit
what follows, "N, X said" and "N, according to X" what precedes. Pronouns and generic names
("it said", "the agency says", "officials said") take the nearest named source before them in
the article, when one exists.
"""

from __future__ import annotations

import json
import re
import tomllib
import zlib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from operator import attrgetter
from typing import NamedTuple

from store.figures.words import find_words, vocabulary

# Verbs that report a number when their subject is a source.
_VERBS = (
    "said|says|say|told|tells|estimated|estimates|estimate|reported|reports|believes|believe"
    "|believed|puts|put|claimed|claims|claim|announced|announces|confirmed|confirms|stated"
    "|warned|warns|added|adds|wrote|writes|counted|tallied|assessed|assesses|calculated"
    "|calculates|relayed|relays|recorded|insisted|insists|acknowledged|acknowledges|admitted"
    "|admits|noted|notes|cited|cites|testified|informed|informs|speaks|spoke|according"
)
_VERB_WORDS = frozenset((*_VERBS.split("|"), "citing"))
# "X's figures show", "the junta's latest count:", "figures from X", "data by X".
_DATA_WORDS = "figures|data|numbers|statistics|estimates?|count|tally|toll|assessment|tallies"
_DATA_WORD_LIST = frozenset(
    "figures data numbers statistics estimate estimates count tally toll assessment tallies".split()
)
_DATA_OWNER_RE = re.compile(
    r"(?P<owner>[\w.’'-]+)['’]s?\s+(?:(?:latest|own|official|new|updated|preliminary"
    r"|provisional|final)\s+)*$",
    re.IGNORECASE,
)
_DATA_SHOW_RE = re.compile(
    r"\s*(?::|,?\s+(?:show|shows|showed|suggest|suggests|suggested|put|puts|indicate"
    r"|indicates|indicated|say|says)\b)",
    re.IGNORECASE,
)
_DATA_FROM_RE = re.compile(r"\s+(?:from|by|released\s+by|published\s+by)\s+", re.IGNORECASE)
_WORD_RE = re.compile(r"\(?[\w.’'&-]+\)?[,;:]?")

# Words right before the verb that belong to the verb ("has said", "also told").
_AUX = frozenset(
    "has have had also reportedly previously now later earlier would will could may might "
    "separately further again then first initially still already today yesterday".split()
)
_BE = frozenset("is are was were be been being".split())
# Words that end a subject read leftwards from its verb.
_SUBJECT_STOP = frozenset(
    """
    that which who whom whose and or but nor while as when if because after before since though
    although where so than then is are was were be been being has have had to in on at by with
    from into after over under about around nearly almost some more less than what how why
    it's there here this these those its their his her our my your
    """.split()
)
# A verb right after one of these shares the subject of the clause before it.
_COORDINATORS = frozenset({"and", "but", "or", "nor"})
# Words after a name read rightwards ("said the NIS on Friday") that end it.
_OBJECT_STOP = (
    _SUBJECT_STOP
    | frozenset(
        "on in at for during last this that late early show shows showed suggest suggests "
        "suggested put puts indicate indicates said says".split()
    )
) - {"and"}
_DETERMINERS = ("the ", "a ", "an ", "some ", "several ", "two ", "three ", "many ")
PRONOUNS = frozenset("he she it they we i".split())
# Heads of generic names that stand for a source named earlier ("the agency says").
GENERIC_HEADS = frozenset(
    """
    agency ministry service office military army department government official officials
    spokesperson spokesman spokeswoman statement report authorities authority sources source
    committee council institute organisation organization body group regulator watchdog
    count tally figures data estimate estimates assessment company firm
    """.split()
)
# Recipients after "told" that are no source ("told the BBC", "told reporters").
_TIME_AFTER_RE = re.compile(
    r"\s*(?:,?\s*(?:on\s+\w+|in\s+a\s+(?:statement|report|briefing|post)|late\s+on\s+\w+"
    r"|earlier|this\s+week|last\s+week|on\s+\w+\s+night|in\s+\w+\s+\d{4}))?",
    re.IGNORECASE,
)
MAX_SUBJECT_WORDS = 8


class Mention(NamedTuple):
    """A source named in a sentence: its span, the name as written, and which way it credits.

    ``forward`` mentions ("X said ...", "According to X, ...") credit numbers after them;
    the others ("..., X said", "..., according to X") numbers before them. A named tuple:
    one is built for most sentences holding a figure, a third of the cost of a dataclass.
    """

    start: int
    end: int
    written: str
    forward: bool


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
        return "" if cleaned.lower() in _SUBJECT_STOP else cleaned


@lru_cache(maxsize=8192)
def clean_written(written: str) -> str:
    """A written source as a name: without its article, quotes, trailing punctuation, an
    acronym in brackets after it, or lowercase words before a capitalised name ("state
    Department of Forestry and Fire (DFF)" -> "Department of Forestry and Fire")."""
    text = " ".join(written.replace("’", "'").split()).strip(' ,;:."“”')
    lowered = text.lower()
    for det in _DETERMINERS:
        if lowered.startswith(det):
            text = text[len(det) :]
            break
    bare = _ACRONYM_AFTER_RE.sub("", text).strip()
    if bare:
        text = bare
    words = text.split()
    first_name = next((i for i, w in enumerate(words) if w[:1].isupper()), 0)
    if 0 < first_name < len(words) and all(w.islower() for w in words[:first_name]):
        # "state Department of ...", "the country's Emergency Relief Authority"
        text = " ".join(words[first_name:])
    return text


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


_ABBREVIATION_RE = re.compile(r"^\(?(?:[A-Z]\.)+\)?[,;:]?$")


def _ends_clause(word: str) -> bool:
    """True for a word that closes a clause or a sentence ("killed,", "artillery.")."""
    if word.endswith((",", ";", ":", "!", "?")):
        return True
    return word.endswith(".") and not _ABBREVIATION_RE.match(word)


_PARTICIPLES = frozenset(
    "quoted cited interviewed polled surveyed speaking writing contacted reached".split()
)


def _name_end(words: list[str], i: int) -> int:
    """Where a name ending at ``words[i]`` really ends: "Western officials quoted in the same
    report put" names the officials, before the participle."""
    for k in range(i, max(-1, i - 6), -1):
        if k > 0 and words[k].lower() in _PARTICIPLES:
            return k - 1
    return i


def _walk_left(words: list[str], i: int) -> int:
    """The index of the first word of the name that ends at ``words[i]``."""
    first = i
    while first - 1 >= 0 and i - first + 1 < MAX_SUBJECT_WORDS:
        word = words[first - 1]
        if word == "and" and first - 2 >= 0 and words[first - 2][:1].isupper():
            if words[first][:1].isupper():
                first -= 1  # "Centers for Disease Control and Prevention"
                continue
        if _ends_clause(word) or word.lower() in _SUBJECT_STOP or word[:1].isdigit():
            break
        first -= 1
    return first


def _subject_before(sentence: str, verb_start: int) -> tuple[int, str] | None:
    """The subject written left of a verb: (its start, its text), or None.

    The walk reads the words as strings; only the subject's own words are then located in
    the sentence (a verb follows most sentences' figures, so this runs for most of them)."""
    line_start = max(sentence.rfind("\n", 0, verb_start) + 1, verb_start - 110)
    left = sentence[:verb_start]
    segment = left[line_start:]
    words = segment.split()[-2 * MAX_SUBJECT_WORDS :]
    i = len(words) - 1
    while i >= 0 and words[i].lower().strip(",") in _AUX:
        i -= 1
    if i >= 0 and words[i].lower() in _BE:
        return None  # "are said to be involved": a passive, nobody is named
    if i < 0:
        return None
    if words[i].lower() in _COORDINATORS:
        return None  # "X reported ... and said": the subject is the first verb's, credited there
    if words[i].endswith(","):
        # "Ukraine's military intelligence agency, the HUR, puts": the appositive names it;
        # "A Western official, speaking on condition of anonymity, said": the name comes first.
        j = i - 1
        while j >= 0 and not words[j].endswith(",") and i - j < MAX_SUBJECT_WORDS:
            j -= 1
        if j < 0 or not words[j].endswith(","):
            return None
        opener = words[j + 1]
        if opener[:1].isupper() or opener.lower() == "the":
            first = j + 1  # "..., the HUR, puts"
        else:
            # "Lee, a member of the committee, said": the name before the description.
            i = j
            if words[i].lower().rstrip(",") in _SUBJECT_STOP:
                return None
            first = _walk_left(words, i)
    else:
        i = _name_end(words, i)
        first = _walk_left(words, i)
    # Locate words[first..i] from the right, as a reader of the segment would.
    at = len(segment)
    stop = 0
    for k in range(len(words) - 1, first - 1, -1):
        at = segment.rfind(words[k], 0, at)
        if k == i:
            stop = at + len(words[k])
    start = line_start + at
    text = left[start : line_start + stop].rstrip(",;: ")
    while text.lower().split()[:1] and text.lower().split()[0] in _SUBJECT_STOP:
        text = text.split(None, 1)[1] if " " in text else ""
    if not text or not any(ch.isalpha() for ch in text):
        return None
    if _norm(text) in ("", "it's"):
        return None
    return start, text


# Verbs written before their subject after a comma (", said the ministry", ", informed on
# Wednesday the agency"); others after a comma close an appositive ("the HUR, puts").
_INVERTED = frozenset(
    """
    said says added adds informed informs reported reports wrote writes noted notes stated
    announced confirmed explained
    """.split()
)
_REPORT_OF_RE = re.compile(
    r"\s*(?:the\s+|a\s+)?(?:(?:last|latest|new|recent|first|daily|official|final|preliminary"
    r"|updated)\s+)*(?:report|reports|statement|figures|data|estimate|count|update|bulletin"
    r"|assessment|tally|survey|briefing)\s+(?:of|from|by)\s+",
    re.IGNORECASE,
)


def _object_after(sentence: str, pos: int) -> tuple[int, str] | None:
    """The name written right of ``pos`` ("according to the NIS on Friday"): (end, text)."""
    line_end = sentence.find("\n", pos)
    stop = line_end if line_end != -1 else len(sentence)
    report = _REPORT_OF_RE.match(sentence, pos)
    if report is not None:
        pos = report.end()  # "the last report of the Department of ...": the department
    words = [(m.start(), m.group()) for m in _WORD_RE.finditer(sentence, pos, stop)]
    taken: list[tuple[int, str]] = []
    for start, word in words[:MAX_SUBJECT_WORDS]:
        bare = word.rstrip(",;:")
        if taken and bare.lower() in _OBJECT_STOP:
            break
        if bare.lower() == "and" and not (
            taken and len(words) > len(taken) + 1 and words[len(taken) + 1][1][:1].isupper()
        ):
            break
        if bare[:1].isdigit():
            break
        taken.append((start, bare))
        if word != bare or word.endswith("."):
            break
    if not taken:
        return None
    end = taken[-1][0] + len(taken[-1][1])
    text = sentence[taken[0][0] : end].rstrip(".")
    text = re.sub(rf"['’]s?\s+(?:(?:latest|own|official|new)\s+)*(?:{_DATA_WORDS})$", "", text)
    if not any(ch.isalpha() for ch in text):
        return None
    return end, text


def _credits_backward(sentence: str, end: int) -> bool:
    """True when nothing but a time phrase follows a mention before its clause ends."""
    m = _TIME_AFTER_RE.match(sentence, end)
    rest = sentence[m.end() if m else end :].lstrip()
    return not rest or rest[0] in ',.;:)!?"”’'


def find_mentions(
    sentence: str, lower: str | None = None, vocab: frozenset[str] | None = None
) -> list[Mention]:
    """Every source named in a sentence, in order of position (``lower`` and ``vocab``: the
    sentence lowercased and its ``vocabulary``, when the caller has them)."""
    out: list[Mention] = []
    if lower is None:
        lower = sentence.lower()
    if vocab is None:
        vocab = vocabulary(lower)
    if not (_VERB_WORDS & vocab or _DATA_WORD_LIST & vocab):
        return out
    for m in find_words(lower, _VERB_WORDS, vocab):
        word = m.word
        if word in ("according", "citing"):
            if word == "according":
                if not sentence.startswith(" to ", m.end()):
                    continue
                name_at = m.end() + 4
            else:
                name_at = m.end() + 1
            got = _object_after(sentence, name_at)
            if got is None:
                continue
            end, text = got
            at_start = not sentence[: m.start()].strip(" \"“'‘(")
            out.append(Mention(m.start(), end, text, at_start))
            continue
        if word in _INVERTED and sentence[: m.start()].rstrip().endswith(","):
            # ", said the ministry.", ", informed on Wednesday the Defence Intelligence": the
            # name follows the verb (after a time) and ends the clause.
            skip = _TIME_AFTER_RE.match(sentence, m.end())
            at = skip.end() if skip is not None else m.end()
            got = _object_after(sentence, at)
            if (
                got is not None
                and (got[1][:1].isupper() or got[1].lower().startswith("the "))
                and _credits_backward(sentence, got[0])
            ):
                out.append(Mention(m.start(), got[0], got[1], False))
                continue
        subject = _subject_before(sentence, m.start())
        if subject is None:
            continue
        start, text = subject
        end = m.end()
        if word in ("told", "tells"):
            recipient = _object_after(sentence, end)
            if recipient is not None:
                end = recipient[0]
        if word in ("put", "puts") and " at " not in sentence[m.end() : m.end() + 120]:
            continue
        out.append(Mention(start, m.end(), text, not _credits_backward(sentence, end)))
    data_hits = find_words(lower, _DATA_WORD_LIST, vocab)
    for m in data_hits:
        # "X's figures show", "the junta's latest count:": the owner of the numbers.
        if not _DATA_SHOW_RE.match(sentence, m.end()):
            continue
        before = sentence[max(0, m.start() - 60) : m.start()]
        owner = _DATA_OWNER_RE.search(before)
        if owner is None:
            continue
        got = _subject_before(sentence, m.start() - len(before) + owner.end("owner"))
        if got is None:
            continue
        start, text = got
        out.append(Mention(start, m.end(), text, True))
    for hit in data_hits:
        m = _DATA_FROM_RE.match(sentence, hit.end())
        if m is None:
            continue
        got = _object_after(sentence, m.end())
        if got is not None:
            out.append(Mention(m.start(), got[0], got[1], _credits_backward(sentence, got[0])))
    if len(out) > 1:
        out.sort(key=_START)
    return _originals(sentence, out) if "citing" in lower else out


_START = attrgetter("start")


def _originals(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """Who gave a number rather than who relays it: "VNA reported, citing the Chamber of
    Commerce" and "Lindorpress, citing Lindoran intelligence, says" credit the cited source."""
    cited = [m for m in mentions if sentence[m.start : m.start + 6].lower() == "citing"]
    if not cited:
        return mentions
    out: list[Mention] = []
    for mention in mentions:
        if mention in cited:
            continue
        source = next(
            (
                c
                for c in cited
                if mention.start <= c.start < mention.end  # inside the relay's subject
                or 0 <= c.start - mention.end <= 3  # right after it: "VNA reported, citing"
            ),
            None,
        )
        if source is not None:
            mention = Mention(
                mention.start, max(mention.end, source.end), source.written, mention.forward
            )
        out.append(mention)
    used = {m.written for m in out}
    out.extend(c for c in cited if c.written not in used)
    out.sort(key=lambda x: x.start)
    return out


def credited(mentions: Sequence[Mention], pos: int) -> Mention | None:
    """The mention that credits the number at ``pos`` of its sentence, if any."""
    before = [x for x in mentions if x.end <= pos]
    after = [x for x in mentions if x.start >= pos]
    fwd = before[-1] if before and before[-1].forward else None
    back = after[0] if after and not after[0].forward else None
    if fwd is not None and back is not None:
        # "X puts the toll at 300, Y reported": X is who gave the number, Y relays it.
        return fwd
    if fwd is not None or back is not None:
        return fwd or back
    # A forward mention further back still credits what follows it when nothing intervenes.
    for x in reversed(before):
        if x.forward:
            return x
    if len(mentions) == 1:
        return mentions[0]
    return None


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
