"""Readers of what tells one count apart from another of the same thing, from nearby words.

Each reader takes the words of the number's clause just left and right of it (already split,
see ``store.figures.about``) and answers with one word of a small vocabulary: a wave (``first``
/ ``additional``), a scope (``total``), a rate (``per day``), or the actor the count belongs to
("North Korean" troops, the "Palisades fire"). Working on short word lists rather than
regular expressions over the sentence keeps the whole pass cheap (a few microseconds a figure).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from store.figures.actors import (
    actor_first_words,
    actor_table,
    bare_name,
)

FIRST, ADDITIONAL, TOTAL = "first", "additional", "total"
RATES: Final = (
    "per day",
    "per week",
    "per month",
    "per year",
    "per hour",
    "per group",
    "per person",
)
QUALIFIER_WORDS: Final = frozenset((FIRST, ADDITIONAL, TOTAL, "projected", *RATES))

_FIRST_WORDS = frozenset({"first", "initial", "original", "earliest"})
_ADDITIONAL_WORDS: Final = frozenset(
    "additional new fresh further another second extra third fourth more".split()
)
# After "first": words that make it no wave ("for the first time", "the first half of 2024").
_NOT_WAVE_AFTER: Final = frozenset({"time", "half", "quarter", "place", "lady", "minister"})
_TIME_AFTER: Final = frozenset({"day", "week", "month", "year", "round", "term", "night", "hour"})
# Nouns that name a wave of something ("a second contingent of 3,000").
_WAVE_NOUNS: Final = frozenset(
    """
    wave waves batch batches contingent contingents deployment deployments group groups round
    rounds tranche tranches shipment shipments influx surge stage stages phase phases rotation
    dispatch consignment package packages instalment installment
    """.split()
)
_HEDGE_WORDS: Final = frozenset(
    "about around some nearly almost roughly approximately over than least".split()
)
# After "N more": a verb means others ("2,700 more were injured"), not a new wave.
_VERB_AFTER_MORE: Final = frozenset(
    "were was are is have has had than be been will would could may might died".split()
)
_TOTAL_WORDS: Final = frozenset(
    {"total", "overall", "cumulative", "combined", "altogether", "aggregate"}
)
_TOTAL_PAIRS: Final = frozenset(
    {("in", "total"), ("in", "all"), ("so", "far"), ("to", "date"), ("thus", "far")}
)
_TOTAL_RIGHT: Final = frozenset({"altogether", "overall", "combined", "cumulatively"})
_BRING_VERBS: Final = frozenset(
    """
    bring brings bringing brought take takes taking took raise raises raising raised push pushes
    pushing pushed
    """.split()
)
_TOTAL_NOUNS: Final = frozenset({"total", "toll", "tally", "number", "count"})
_RATE_UNITS: Final = frozenset({"day", "week", "month", "year", "hour"})
_RATE_OPENERS: Final = frozenset({"per", "a", "an", "each", "every"})
_RATE_ADVERBS: Final = {
    "daily": "per day",
    "weekly": "per week",
    "monthly": "per month",
    "annually": "per year",
    "yearly": "per year",
    "hourly": "per hour",
}
# Words before an actor that make it a place or a target, not the side counted.
PLACE_WORDS: Final = frozenset(
    "in to into from for against with of by at across inside near toward towards on over "
    "via through within between".split()
)
# Words after "of Name" that make it a place the people live in, not their side: "residents
# of Ostrel and Kavan provinces", "villagers of Kherson region".
_PLACE_FOLLOWERS: Final = frozenset(
    """
    and province provinces region regions county counties district districts state states city
    town village oblast prefecture department municipality area valley
    """.split()
)
_SUBJECT_OPENERS: Final = frozenset(
    "the a an and but meanwhile separately also both now so then yet still however".split()
)


@dataclass(frozen=True)
class Qualifier:
    """A qualifier read back into its parts ("" for a part the figure does not state)."""

    wave: str = ""
    scope: str = ""
    rate: str = ""
    actor: str = ""

    def text(self) -> str:
        """The stored form: the parts that are set, joined by ", "."""
        return ", ".join(p for p in (self.wave, self.scope, self.rate, self.actor) if p)


def parse(qualifier: str) -> Qualifier:
    """The parts of a stored qualifier string."""
    wave = scope = rate = ""
    actors: list[str] = []
    for part in qualifier.split(", ") if qualifier else ():
        if part in (FIRST, ADDITIONAL):
            wave = part
        elif part in (TOTAL, PROJECTED):
            scope = part
        elif part in RATES:
            rate = part
        elif part:
            actors.append(part)
    return Qualifier(wave, scope, rate, ", ".join(actors))


PROJECTED = "projected"
# Words before a number in its clause that make it a number that may come, not one that is.
# (Not the verbs "plans to" or "aims to": a plan announced, like "will cut 2,100 jobs", is the
# plan's number, the one every later report of that plan gives. "A plan to raise the age to
# 67" names the plan as a plan. Nor "would": most often the future of reported speech, "said
# it would pay EUR 4.20 a share", "would cost 84 million", the number every other report of it
# gives; the gold holds one fact in 77 pairs the projection gate kept apart, and "would" no
# longer read as one gains 5 rows of 1,389, 6-fold.)
_PROJECTION: Final = frozenset(
    "could may might eventually plan projected forecast forecasts threatens threatened".split()
)
_GROUP_NOUNS: Final = frozenset(
    "groups teams units squads batches convoys waves crews groupings detachments".split()
)
_WAVE_ANY: Final = _FIRST_WORDS | _ADDITIONAL_WORDS
_SCOPE_ANY: Final = _TOTAL_WORDS | _BRING_VERBS | _TOTAL_RIGHT | {"in", "so", "to", "thus"}
_RATE_ANY: Final = _RATE_OPENERS | frozenset(_RATE_ADVERBS)
# Words at least one of which a sentence must hold for each reader to find anything: the
# caller skips a reader for sentences without them.
WAVE_WORDS: Final = _WAVE_ANY
SCOPE_WORDS: Final = (
    _TOTAL_WORDS | _BRING_VERBS | _TOTAL_RIGHT | {"all", "far", "date"} | _PROJECTION
)
# Whom a sum or a count is given to one by one: "per customer", "to each victim's family".
_EACH_ONE: Final = frozenset(
    """
    person persons head customer client depositor saver account family household victim
    survivor passenger worker employee child student patient resident member applicant
    """.split()
)
RATE_WORDS: Final = _RATE_UNITS | frozenset(_RATE_ADVERBS) | _GROUP_NOUNS | {"per", "each"}


class Window:
    """The words of a number's clause around it: ``left`` and ``right`` as written (for
    capitals), ``low_left`` and ``low_right`` lowercased (for the vocabularies). A plain class
    that mypyc compiles: one is built for every figure of every imported article, and a named
    tuple's constructor runs as interpreted Python (~2k instructions)."""

    __slots__ = ("left", "right", "low_left", "low_right")

    def __init__(
        self,
        left: Sequence[str],
        right: Sequence[str],
        low_left: Sequence[str],
        low_right: Sequence[str],
    ) -> None:
        self.left = left
        self.right = right
        self.low_left = low_left
        self.low_right = low_right


def window(left: Sequence[str], right: Sequence[str]) -> Window:
    """A ``Window`` from words as written (tests and callers without lowercased words)."""
    return Window(left, right, [w.lower() for w in left], [w.lower() for w in right])


def wave_of(w: Window) -> str:
    """first / additional from the words just around the number ("" when none).

    Left of the number a wave word counts right before it ("another 3,000", "the first
    11,000") or before a noun of waves ("a second contingent of"); right of it, before the
    counted noun ("1,000 additional troops", "1,000 more troops").
    """
    low = w.low_left
    n = len(low)
    for i in range(n - 1, max(-1, n - 4), -1):
        lower = low[i]
        if lower not in _WAVE_ANY:
            continue
        if not w.left[i][:1].islower() and lower not in ("first", "another", "additional"):
            continue  # "New York", "Second World War"
        nxt = low[i + 1] if i + 1 < n else ""
        if not (i == n - 1 or (i == n - 2 and nxt in _HEDGE_WORDS) or nxt in _WAVE_NOUNS):
            continue
        if lower in _FIRST_WORDS:
            if nxt not in _NOT_WAVE_AFTER:
                return FIRST
        elif lower != "more":
            return ADDITIONAL
    right = w.low_right
    for i in range(min(3, len(right))):
        lower = right[i]
        if lower not in _WAVE_ANY or not w.right[i][:1].islower():
            continue
        after = right[i + 1] if i + 1 < len(right) else ""
        if after in _NOT_WAVE_AFTER or after in _TIME_AFTER:
            continue  # "6.1% in the second quarter": a time, not a wave
        if lower in _FIRST_WORDS:
            return FIRST
        if lower == "more":
            nxt = right[i + 1] if i + 1 < len(right) else ""
            if not nxt or nxt in _VERB_AFTER_MORE:
                return ""  # "2,700 more were injured": others, not a new wave
        return ADDITIONAL
    return ""


def scope_of(w: Window) -> str:
    """total when the clause says the count is a total ("in all", "bringing the toll to");
    projected when it is a number that may come ("could eventually send as many as 20,000")."""
    low = w.low_left[-8:]
    right = w.low_right[:8]
    if not _PROJECTION.isdisjoint(low):
        return PROJECTED
    if _SCOPE_ANY.isdisjoint(low) and _SCOPE_ANY.isdisjoint(right):
        return ""
    if not _TOTAL_WORDS.isdisjoint(low[-6:]):
        return TOTAL
    for i, word in enumerate(low):
        if word in _BRING_VERBS:
            rest = low[i + 1 :]
            if not _TOTAL_NOUNS.isdisjoint(rest) or (
                rest and rest[-1] == "to" and word.startswith(("br", "t"))
            ):
                # "bringing the toll to", "bringing casualties to"; not "raising the
                # retirement age to 64", a level rather than a total
                return TOTAL
    for i, word in enumerate(right):
        if word in _TOTAL_RIGHT:
            return TOTAL
        if i + 1 < len(right) and (word, right[i + 1]) in _TOTAL_PAIRS:
            return TOTAL
    return ""


def rate_of(w: Window) -> str:
    """per day / week / month / year / hour written with the number."""
    right = w.low_right[:8]
    if not _RATE_ANY.isdisjoint(right):
        for i, word in enumerate(right):
            if word in _RATE_OPENERS and i + 1 < len(right) and right[i + 1] in _RATE_UNITS:
                after = right[i + 2] if i + 2 < len(right) else ""
                if word in ("a", "an") and after in ("ago", "earlier"):
                    continue  # "a year ago": a time, not a rate
                return "per " + right[i + 1]
            rate = _RATE_ADVERBS.get(word)
            if rate is not None and i < 6 and w.right[i][:1].islower():
                return rate  # (not "Ostrel Daily reports": a name)
    left = w.low_left[-8:]
    for k, word in enumerate(left):
        rate = _RATE_ADVERBS.get(word)
        if rate is not None and word != "annually" and w.left[k - len(left)][:1].islower():
            return rate  # "rises 4% monthly", "the real daily loss is closer to"
    if len(w.low_left) >= 2 and w.low_left[-1] == "of" and w.low_left[-2] in _GROUP_NOUNS:
        return "per group"  # "in groups of 20 to 30 soldiers": the size of each
    for i, word in enumerate(right[:7]):
        nxt = right[i + 1] if i + 1 < len(right) else ""
        if (word in ("per", "each", "every") and nxt in _EACH_ONE) or (
            word in ("each", "apiece") and nxt not in _RATE_UNITS and not nxt.isalpha()
        ):
            # "up to €100,000 per customer", "€2,500 to each survivor", "€10,000 each"
            return "per person"
    return ""


def actor_in(words: Sequence[str]) -> tuple[int, str] | None:
    """The last actor named by capitalised ``words``: (index of its first word, name)."""
    firsts = actor_first_words()
    table = actor_table()
    found: tuple[int, str] | None = None
    n = len(words)
    i = 0
    while i < n:
        word = words[i]
        if not word[:1].isupper() or bare_name(word) not in firsts and word.lower() not in firsts:
            i += 1
            continue
        size_hit = 0
        for size in (3, 2, 1):
            if i + size > n:
                continue
            phrase = " ".join(words[i : i + size]).lower().removesuffix("'s").removesuffix("’s")
            name = table.get(phrase)
            if name is not None:
                found, size_hit = (i, name), size
                break
        i += size_hit or 1
    return found


_SUBJECT_VERBS = frozenset(
    """
    has have had is was are were will would could may might can sent sends send deployed
    deploys massed masses moved shipped dispatched lost loses holds held fired fires launched
    launches released releases brought brings took takes captured killed
    """.split()
)
_DEMONYM_SUFFIXES: Final = (
    "ians",
    "ian",
    "eans",
    "ean",
    "ans",
    "an",
    "ese",
    "ish",
    "is",
    "i",
    "ia",
    "a",
    "e",
    "s",
)


def actor_stem(name: str) -> str:
    """One spelling-free identity for an actor: "Karvosian" and "Karvosia" are "karvos",
    "Tesmari" and "Tesmar" "tesmar" (the lexicon's name first, for the ones it knows)."""
    known = actor_table().get(bare_name(name))
    words = bare_name(known or name).split()
    out = []
    for word in words:
        for suffix in _DEMONYM_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        out.append(word)
    return " ".join(out)


def _proper(words: Sequence[str]) -> str:
    """The run of capitalised words at the start of ``words`` that may name a side ("Karvosian"
    in "Karvosian soldiers"), "" when the first word is not one."""
    run: list[str] = []
    for word in words:
        bare = word.removesuffix("'s").removesuffix("’s")
        if not bare[:1].isupper() or not bare.replace("-", "").isalpha():
            break
        if bare in CAPITAL_COMMON or bare.isupper() and len(bare) > 4:
            break
        run.append(bare)
        if bare != word:
            break
    return " ".join(run)


def _never_a_name(word: str) -> bool:
    """The default test for ``actor_of``: no article around says what is a name."""
    return False


def actor_of(
    w: Window,
    counts: str,
    key: str,
    is_source: Callable[[int], bool],
    is_name: Callable[[str], bool] = _never_a_name,
) -> str:
    """The side a count belongs to, never a source or a place: named in the counted phrase
    ("North Korean troops", "Karvosian soldiers"), right after the number ("300 Karvosian
    soldiers were killed", "soldiers of Karvosia"), before the counted noun when it comes
    first ("North Korean casualties at 4,000"), as a possessive ("Russia's 50,000 troops") or
    as the subject that opens the number's clause ("Karvosia has sent 12,000 soldiers").

    Sides the lexicon knows get their lexicon name; others are kept as written when they
    read as names: capitalised before the counted noun, or (as a subject) also written
    capitalised mid-sentence elsewhere in the article (``is_name``). ``is_source(i)`` says
    whether left word ``i`` belongs to a named source ("Seoul says")."""
    words = counts.split()
    if len(words) > 1:
        got = actor_in(words)
        if got is not None:
            return got[1]
        modifier = _proper(words[:-1])
        if modifier:
            return modifier
    near: list[str] = []
    for index, (word, lower) in enumerate(zip(w.right[:5], w.low_right[:5], strict=False)):
        if lower in PLACE_WORDS:
            if lower == "of" and index > 0 and index + 1 < len(w.right):
                of_name = _proper(w.right[index + 1 : index + 3])
                after = index + 1 + len(of_name.split())
                follow = w.low_right[after] if after < len(w.low_right) else ""
                if (
                    of_name
                    and follow not in _PLACE_FOLLOWERS
                    and w.low_right[index - 1].startswith(key.lower()[:4])
                ):
                    return actor_table().get(of_name.lower(), of_name)  # "soldiers of Karvosia"
            break
        near.append(word)
    got = actor_in(near)
    if got is not None:
        return got[1]
    if near and near[0][:1].isupper() and len(near) > 1:
        modifier = _proper(near[:-1])
        if modifier:
            return modifier  # "300 Karvosian soldiers"
    left = w.left
    if not left:
        return ""
    last = left[-1]
    if last.endswith(("'s", "’s")):
        got = actor_in([last])
        if got is not None:
            return got[1]  # "Russia's 50,000 troops"
        name = _proper([last])
        if name and is_name(name):
            return name
    head = key.lower()[:5]
    if len(head) >= 4:
        low = w.low_left
        for index in range(len(low) - 1, 0, -1):
            if low[index].startswith(head):
                got = actor_in(left[max(0, index - 3) : index])
                if got is not None:
                    return got[1]  # "estimates North Korean casualties at nearly 4,000"
                break
    first = 0
    while first < len(left) and w.low_left[first] in _SUBJECT_OPENERS:
        first += 1
    if first >= len(left) or not left[first][:1].isupper() or is_source(first):
        return ""
    if "and" in w.low_left[first + 1 : first + 3]:
        return ""  # "Russia and Ukraine each released": both sides
    got = actor_in(left[first : first + 3])
    if got is not None:
        return got[1] if got[0] == 0 else ""
    name = _proper(left[first : first + 3])
    verb = w.low_left[first + len(name.split())] if first + len(name.split()) < len(left) else ""
    if name and verb in _SUBJECT_VERBS and is_name(name.split()[0]):
        return name  # "Karvosia has sent about 12,000 soldiers"
    return ""


@lru_cache(maxsize=1)
def _common_capitals() -> tuple[frozenset[str], tuple[tuple[str, tuple[str, ...]], ...]]:
    """Capitalised common words ("The", "Since") that ``actor_of`` can never read as a side,
    and those that open a known side's name ("The" of "The Hague") with the rest of it."""
    firsts = actor_first_words()
    inert = frozenset(w for w in CAPITAL_COMMON if w.lower() not in firsts)
    openers = []
    for word in sorted(CAPITAL_COMMON - inert):
        rests = [p.split()[1:] for p in actor_table() if p.split()[0] == word.lower()]
        if all(rests):  # a side named by this word alone is never inert
            openers.append((word, tuple(w for rest in rests for w in rest)))
    return inert, tuple(openers)


def inert_capitals(lower: str) -> frozenset[str]:
    """The capitalised words that cannot name a side in a sentence (``lower``, lowercased):
    the common ones, and "The" too when no side it opens ("The Hague") is written there."""
    inert, openers = _common_capitals()
    extra = [word for word, rest in openers if not any(w in lower for w in rest)]
    return inert.union(extra) if extra else inert


def may_hold_side(w: Window, counts: str, inert: frozenset[str]) -> bool:
    """Whether ``actor_of`` can find anything: every side it reads is a capitalised word of
    the counted phrase, of the left words or of the first right ones, other than ``inert``
    ones. Most windows hold only "The" opening the sentence; this skips reading them."""
    for words in (w.left, w.right[:7], counts.split()):
        for word in words:
            if word[:1].isupper() and word not in inert:
                return True
    return False


# Capitalised words that open sentences or titles, never a side or an event's name.
CAPITAL_COMMON: Final = frozenset(
    """
    The A An In On At By For From Of To And Or But As After Before Since During Both Two Three
    This That These Those Its Their His Her Our Another Last Next Early Late Meanwhile However
    Separately Yesterday Today Monday Tuesday Wednesday Thursday Friday Saturday Sunday Latest
    New Massive Huge Deadly Major Big Small Second First Third Fast Fresh Update Breaking Live
    """.split()
)
