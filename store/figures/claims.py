"""Claims: each figure of the compared articles read as the fact it states (how claims are
grouped into rows is ``store.figures.facts``).

A claim holds the figure's counted key (generic nouns like "people" take the thing their
sentence counts, "killed and wounded" reads as casualties), its qualifier fields (wave, scope,
rate, actor, from ``store.figures.qualifiers``), its period and the stems of the words around
the number, which alignment compares.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from store.figures import periods as pd
from store.figures import qualifiers as ql
from store.figures.aspects import aspect_of
from store.figures.lexicon import EVENT_GROUPS, Lexicon, default_lexicon
from store.figures.measures import (
    MEASURE_SYNONYMS,
    OWNER_NOUNS,
    TALLY_UNITS,
    label_word,
    market_noun,
    measure_noun,
    measure_word,
    measured_key,
    temperature_of,
)
from store.figures.readings import (
    NEXT_NUMBER_RE,
    crowd_verb,
    event_phrase,
    gapped,
    is_capacity,
    named_subject,
    place_of,
    share_taking_part,
)
from store.figures.subject import left_event
from store.model import Article, Figure

# Keys that name people in general: the fact is what their sentence says happened to them.
GENERIC_KEYS = frozenset(
    """
    people person persons individual individuals other others resident residents inhabitant
    inhabitants local locals citizen citizens member members number figure total count tally
    estimate
    """.split()
)
# Keys that only point at a count named before them ("the number was about 11,000").
_POINTER_KEYS = frozenset({"number", "figure", "total", "count", "tally", "estimate"})
# Keys of people an event can happen to: "two soldiers it captured" are prisoners.
PEOPLE_KEYS = GENERIC_KEYS | frozenset({"troops", "civilians", "worker", "child", "man", "woman"})
# Units of time: such a figure is a duration or an age, kept out of facts unless it counts
# something named ("a 10-year prison sentence" counts a sentence).
TIME_UNITS = frozenset({"years", "months", "weeks", "days", "hours", "minutes", "seconds"})
_NO_FACT_KEYS = frozenset({"age", "old", "year", "month", "week", "day", "hour", "time"})
_STOP = frozenset(
    """
    the a an of in on at to from by for with and or but as that which who whom whose were was
    is are be been being had have has will would could should may might must can did do does
    said says say told this these those its their his her our it they he she we you i than
    more less about around some nearly almost over under up down also after before since
    into out all any each other such not no only just so very per its than into while there
    here what when where how why then now been being according
    """.split()
)
_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’-]+")
STEM = 5  # words are compared by their first letters: "evacuation" and "evacuated" agree
CONTEXT_CHARS = 70  # characters read on each side of the number for its words


@dataclass(frozen=True)
class Claim:
    """One figure as the comparison reads it: where it comes from and what fact it states."""

    article: int
    column: int  # position of the article among the compared ones
    published: str  # ISO date of the article ("" when undated); a version number for versions
    outlet: str
    figure: Figure
    key: str  # the counted key, generic people nouns resolved through their sentence
    wave: str
    scope: str
    rate: str
    actor: str
    period: tuple[date | None, date | None]  # what the text states; (None, None) if nothing
    stated_period: bool
    asof: date | None  # the publication date: a count is as of then when nothing else is said
    words: frozenset[str]  # stems of the words around the number
    order: int  # stable order of appearance
    aspect: str = ""  # the verb said of the counted thing ("sent", "burned"), for labels
    place: str = ""  # where the counted thing is, when written right after it ("in Corvell")
    unit: str = ""  # the figure's unit, or the one a gapped figure shares ("and X nearly 5,000")

    def __post_init__(self) -> None:
        if not self.unit:
            object.__setattr__(self, "unit", self.figure.unit)

    @property
    def source(self) -> str:
        """Who says it: the credited source, else the outlet."""
        return self.figure.attribution or self.outlet

    def specificity(self) -> int:
        return sum(1 for v in (self.wave, self.scope, self.rate, self.actor) if v) + int(
            self.stated_period
        )


# Running tallies of a developing story (a toll, acres burned): their plain counts are the
# total so far, so "in all" does not set a count of them apart.
TALLY_KEYS = frozenset(
    """
    killed injured casualties missing displaced detained prisoners hostages civilians case
    acre hectare structure building home house evacuee refugee victim body arrest
    containment contained aftershock evacuation damage rescued vaccinated job
    customer people person resident inhabitant patient hospitalised outage household family
    child student tourist animal level rain snow temperature withdrawal loss trapped
    """.split()
)


@lru_cache(maxsize=8)
def _stem_groups(lexicon: Lexicon) -> dict[str, str]:
    """Stem -> synonym group for every single word of the lexicon ("evacu" -> displaced)."""
    out: dict[str, str] = {}
    for key, words in lexicon.groups.items():
        for word in [key, *words]:
            if " " not in word and len(word) >= 4:
                out.setdefault(word.lower()[:STEM], key)
    return out


def _number_at(figure: Figure, article: Article | None) -> int:
    """Where the figure's number starts in its sentence (-1 when it cannot be placed)."""
    sentence = figure.sentence
    if article is None:
        return -1
    try:
        text = article.part_text(figure.part)
    except ValueError:
        return -1
    at = text.find(sentence, max(0, figure.end - len(sentence) - 1), figure.start + len(sentence))
    if at != -1 and at <= figure.start < at + len(sentence):
        return figure.start - at
    number = text[figure.start : figure.end]
    return sentence.find(number) if number else -1


def _context(figure: Figure, at: int) -> tuple[list[str], list[str]]:
    """The words left and right of the number in its sentence (whole sentence if unplaced)."""
    sentence = figure.sentence
    if at < 0:
        return _TOKEN_RE.findall(sentence), []
    length = max(1, figure.end - figure.start)
    left = _TOKEN_RE.findall(sentence[max(0, at - CONTEXT_CHARS) : at])
    after = sentence[at + length : at + length + CONTEXT_CHARS]
    cut = NEXT_NUMBER_RE.search(after)
    if cut is not None:
        after = after[: cut.start()]  # "4,960 acres, 20% contained": "contained" is the 20's
    right = _TOKEN_RE.findall(after)
    return left, right


def _before(figure: Figure, article: Article | None) -> list[str]:
    """The words of the sentence and the sentence before, left of the figure's sentence: where
    "the number" or "the figure" says what it counts when its own clause does not."""
    if article is None:
        return []
    try:
        text = article.part_text(figure.part)
    except ValueError:
        return []
    at = text.rfind(figure.sentence, 0, figure.start + len(figure.sentence))
    if at <= 0:
        return []
    return _TOKEN_RE.findall(text[max(0, at - 200) : at])


def _stems(words: Sequence[str], skip: frozenset[str]) -> set[str]:
    out = set()
    for word in words:
        low = word.lower()
        if low in _STOP or len(low) < 3 or low in skip:
            continue
        out.add(low[:STEM])
    return out


# Words that name what happened to people only when they stand for a count of them, so they
# are not synonyms of a key (a "victim" of fraud is alive), but say it of a generic count:
# "the number of victims has reached 2,886 persons", "the toll rose to 40 people".
_GENERIC_HINTS = {"victi": "killed", "toll": "killed", "tolls": "killed"}
_COUNT_NOUNS = frozenset({"number", "count", "total", "tally"})


def _group_of_stem(low: str, groups: dict[str, str]) -> str | None:
    return groups.get(low[:STEM]) or _GENERIC_HINTS.get(low[:STEM])


def _counted_subject(left: Sequence[str], lexicon: Lexicon) -> str:
    """What "the number of X" left of the number counts ("The number of victims of the
    earthquake ... has reached 2,886 persons" -> killed), "" when the sentence has none."""
    groups = _stem_groups(lexicon)
    for i in range(len(left) - 2, -1, -1):
        if left[i].lower() in _COUNT_NOUNS and left[i + 1].lower() == "of":
            # "the number of victims", "the number of measles infections"
            for word in left[i + 2 : i + 4]:
                group = _group_of_stem(word.lower(), groups)
                if group is not None and group not in GENERIC_KEYS:
                    return group
            return ""
    return ""


def _resolve_generic(
    key: str, left: Sequence[str], right: Sequence[str], lexicon: Lexicon, reach: int = 8
) -> str:
    """A generic key takes the thing its sentence says it counts: the nearest word of a
    synonym group ("people ... under evacuation orders" -> displaced, "the number of dead"
    -> killed), read outwards from the number."""
    groups = _stem_groups(lexicon)
    near_right = list(right[:reach])
    near_left = list(reversed(left[-reach:]))
    for i in range(max(len(near_right), len(near_left))):
        for words in (near_right, near_left):
            if i < len(words):
                low = words[i].lower()
                if low in GENERIC_KEYS:
                    continue  # "persons" is no "personnel": a people noun names no event
                group = _group_of_stem(low, groups)
                if group is not None and group not in GENERIC_KEYS:
                    return group
                if words is near_right and _own_verb(low, words[i - 1].lower() if i else ""):
                    # "5,000 people attended the funeral of the soldiers": what follows
                    # their own verb is what they did it to, not what befell them
                    near_right = near_right[:i]
    return key


# Verbs people do (not undergo) that end in neither "-ed" nor a lexicon word.
_ACTION_VERBS = frozenset(
    """
    took take takes live lives came come went go turned turn joined join gathered watched
    attended signed mourned held hold ran run fled left
    """.split()
)


_BE = frozenset("is are was were be been being".split())
# Participles that say how a count is known, with its event after them ("412 persons are
# considered missing", "20 feared dead").
_STATUS_VERBS = frozenset(
    "considered believed feared presumed thought reported listed declared confirmed "
    "registered recorded estimated said".split()
)


def _own_verb(low: str, prev: str = "") -> bool:
    """Whether a word right of a count of people is their own verb (an action of theirs:
    "attended", "watched", "took"), not a passive ("were treated") nor how they are known
    ("are considered missing")."""
    if low in _ACTION_VERBS:
        return True
    return len(low) >= 6 and low.endswith("ed") and prev not in _BE and low not in _STATUS_VERBS


# What an idiom says people were (on board), which an event after it overrides: "all 180
# people on board were killed" counts the dead.
_STATES = frozenset({"passenger"})
# "nearly 4,000 killed and wounded": one count of both, the casualties.
_BOTH_EVENTS = frozenset({"killed", "injured", "casualties"})


def _resolve_event(key: str, right: Sequence[str], lexicon: Lexicon) -> str:
    """The event a count of people went through, when the words right after it say so:
    "4,000 killed and wounded" -> casualties, "two soldiers it captured" -> prisoners."""
    groups = _stem_groups(lexicon)
    found: list[str] = []
    joined = False  # two events written as one pair: "killed and wounded"
    event = ""
    if key in PEOPLE_KEYS or key in lexicon.people_keys:
        event = event_phrase(right)
        if event and event not in _STATES:
            return event  # "160,000 residents have lost their homes"
    low = ""
    for word in right[:6]:  # "two servicemen of the army, captured last week"
        prev, low = low, word.lower()
        if low in ("and", "or"):
            if not found:
                break  # "15,000 troops and 300 killed": the event is another count's
            joined = True
            continue
        group = groups.get(low[:STEM]) if len(low) >= 4 else None
        if group in EVENT_GROUPS:
            found.append(group)
            if joined:
                break
        elif found or _own_verb(low, prev):
            break  # "2 million people watched the rescue": not the rescued
    if joined and len(set(found) & _BOTH_EVENTS) >= 2:
        return "casualties"
    if event and not found:
        return event  # "283 people on board": where they were, when nothing befell them
    if found and key in PEOPLE_KEYS:
        return found[0]
    return key


# Counted keys that are the name of a unit: such a "count" is a measure in that unit.
_UNIT_KEYS = {"magnitude": "magnitude"}


def _age_to(left: Sequence[str]) -> bool:
    """ "... the pension age to 67": a bare number that is an age (the extractor may key it by
    another count of its sentence)."""
    return len(left) >= 2 and left[-1].lower() == "to" and left[-2].lower() == "age"


# Units that name the one quantity they measure, whatever the clause calls it.
UNIT_NAMES = {"magnitude": "magnitude"}


def _elliptic(figure: Figure, previous: Claim) -> bool:
    """Whether a figure that names no thing of its own (a bare number, "the figure") goes on
    counting what the figure before it in its sentence counted."""
    before = previous.figure
    return (
        before.sentence == figure.sentence
        and before.unit == figure.unit
        and before.start < figure.start
        and previous.key not in GENERIC_KEYS
        and (bool(previous.key) or previous.unit != "count")
        and (
            not figure.counts
            or figure.key in _POINTER_KEYS
            or figure.key in _SAYING_KEYS
            or figure.key == previous.figure.key
        )
    )


# Verbs of saying that the extractor may take for the counted thing of a bare number ("the
# union speaks of 70%"): such a number counts what the figure before it counted.
_SAYING_KEYS = frozenset(
    "speak speaks say says said claim claims claimed put puts estimate estimates report "
    "reports count counts counted".split()
)
_ELLIPTIC_KEYS = GENERIC_KEYS | _SAYING_KEYS


# Words of the troops group that name soldiers only among soldiers: "emergency personnel",
# "fire fighters", "security forces", "a task force".
_SOMETIMES_TROOPS = frozenset({"personnel", "fighters", "fighter", "forces", "force"})
_SINGULAR_ROLES = {
    "forces": "force",
    "fighters": "fighter",
    "workers": "worker",
    "crews": "crew",
    "teams": "team",
    "volunteers": "volunteer",
    "officers": "officer",
    "officials": "official",
    "employees": "employee",
    "members": "member",
    "specialists": "specialist",
    "experts": "expert",
    "responders": "responder",
    "medics": "medic",
}
# Words that make a sentence military: then "personnel" or "fighters" are soldiers.
_MILITARY = frozenset(
    """
    troops soldiers soldier army armies military armed war wars front frontline battle battles
    brigade brigades battalion battalions regiment regiments division navy naval marines
    defence defense combat invasion offensive artillery militia militias rebel rebels
    insurgents insurgent mercenaries mercenary deployment deployments contingent drafted
    conscripts reservists paramilitary jihadist jihadists occupation enemy
    """.split()
)


def _military(figure: Figure, left: Sequence[str], right: Sequence[str]) -> bool:
    """Whether a count keyed as troops is of soldiers: it names them with a word that only
    names soldiers, or its sentence speaks of war (an army, a front, a deployment)."""
    words = figure.counts.lower().split()
    if not words or _SOMETIMES_TROOPS.isdisjoint(words):
        return True
    if not _MILITARY.isdisjoint(w.lower() for w in figure.sentence.split()):
        return True
    return bool(figure.qualifier and ql.parse(figure.qualifier).actor)


# Nouns of people by their work: the word before them says what work ("rescue workers").
_ROLE_NOUNS = frozenset(
    """
    personnel workers worker staff crews crew teams team volunteers officers officials
    employees members specialists experts responders medics
    """.split()
)


def _civil_key(counts: str) -> str:
    """The key of people a troops word names outside a war: its own singular word."""
    words = counts.lower().split()
    last = words[-1] if words else "personnel"
    return _SINGULAR_ROLES.get(last, last)


# Verbs right before a count of people (or of lives) that say what happened to them.
_VERB_EVENTS = {
    "claimed": "killed",
    "claiming": "killed",
    "claims": "killed",
    "took": "killed",
    "cost": "killed",
    "sickened": "case",
    "sickening": "case",
    "infected": "case",
    "infecting": "case",
    "hospitalised": "hospitalised",
    "hospitalized": "hospitalised",
    "evacuated": "displaced",
    "evacuating": "displaced",
    "saved": "rescued",
    "trapped": "trapped",
    "trapping": "trapped",
    "stranded": "trapped",
    "saving": "rescued",
}
_LIFE_KEYS = frozenset({"life", "lives"})
_NUMBER_WORDS = frozenset(
    """
    one two three four five six seven eight nine ten eleven twelve dozen dozens hundred
    hundreds thousand thousands million millions billion billions trillion
    """.split()
)


def _deed_verb(left: Sequence[str]) -> bool:
    """Whether a verb of a deed stands right before the count ("pulled 14 miners alive"),
    not a verb of being ("the 9 miners remain alive")."""
    last = left[-1].lower() if left else ""
    return (last.endswith("ed") and len(last) > 4) or last in ("found", "brought", "dug", "got")


def _verb_before(left: Sequence[str]) -> str:
    """The event a verb right before a count of people names ("the heatwave has claimed 38
    lives", "claimed the lives of 38 people", "the outbreak sickened 214 people")."""
    lows = [w.lower() for w in left[-4:]]
    if lows[-3:-1] == ["the", "lives"] and lows[-1] == "of" and len(lows) == 4:
        return _VERB_EVENTS.get(lows[0], "")
    return _VERB_EVENTS.get(lows[-1], "") if lows else ""


# The scope of a count that is a part of a whole named before it: "including 12 children",
# "among the dead were 12 children", "the dead include 3 firefighters".
PART = "part"
_PART_WORDS = frozenset({"including", "include", "includes", "included", "among"})
_OF_THEM = (["of", "them"], ["of", "whom"], ["of", "which"])
_PART_OF = (["of", "the"], ["of", "those"], ["of", "these"], ["of", "their"], ["of", "its"])


def _part_scope(left: Sequence[str], right: Sequence[str], unit: str) -> str:
    """EXCESS for a difference, PART for a part of a whole, else ""."""
    if _difference(left, right, unit):
        return EXCESS
    if unit == "count" and not _PART_WORDS.isdisjoint(w.lower() for w in left[-4:]):
        return PART
    if unit == "count" and [w.lower() for w in right[:2]] in _PART_OF:
        return PART  # "96 of the passengers were foreigners"
    if unit == "count" and [w.lower() for w in left[-2:]] in _OF_THEM:
        return PART  # "1,820 cases, of which 260 were confirmed"
    return ""


# The scope of a count that is a difference from another: "overloaded by 33 passengers",
# "33 more passengers than allowed". Never the same fact as the whole count.
EXCESS = "excess"


def _difference(left: Sequence[str], right: Sequence[str], unit: str) -> bool:
    """A count that is a difference, written after a verb and "by" ("overloaded by 33
    passengers", "exceeded the limit by 40") or before "more ... than": the excess, never
    the whole count."""
    if unit != "count":
        return False
    ahead = [w.lower() for w in right[:4]]
    if "more" in ahead[:1] and "than" in ahead or ahead[1:2] == ["more"] and "than" in ahead:
        return True
    lows = [w.lower() for w in left[-5:]]
    while lows and lows[-1] in _HEDGE_TOKENS:
        lows.pop()  # "overloaded by at least 33"
    return (
        len(lows) >= 2
        and lows[-1] == "by"
        and lows[-2].endswith("ed")
        and lows[-2] not in _BY_AGENTS
    )


_HEDGE_TOKENS = frozenset("at least more than about some nearly almost around over up to".split())
# Participles whose "by" names who did it, not a difference ("killed by", "injured by").
_BY_AGENTS = frozenset("killed injured wounded caused hit struck affected displaced".split())


def _word_follows(figure: Figure, at: int) -> bool:
    """Whether a word, not another number, comes right after the number."""
    if at < 0:
        return False
    rest = figure.sentence[at + max(1, figure.end - figure.start) :].lstrip()
    return rest[:1].isalpha()


_SEVERITY = frozenset({"seriously", "critically", "severely", "gravely", "badly", "serious"})
_SUBSET_SKIP = frozenset("were are was is remain remained remains still now being with".split())


def _subset_event(right: Sequence[str], lexicon: Lexicon) -> str:
    """What happened to a part of a count, written right after "of them" ("22 of them
    seriously", "of whom 12 were critically hurt"): the first event word of its clause."""
    for word in right[:4]:
        low = word.lower()
        if low in _SUBSET_SKIP:
            continue
        if low in _SEVERITY:
            return "critical condition"  # "22 of them seriously"
        group = lexicon.group_of(low) if len(low) >= 4 else None
        if group in EVENT_GROUPS:
            return group
        if group is None:
            return ""
    return ""


def is_duration(figure: Figure) -> bool:
    """A duration or an age: kept out of facts unless it counts something named."""
    if figure.unit in TIME_UNITS:
        return figure.key in _NO_FACT_KEYS or figure.key == figure.unit.lower() or not figure.key
    return figure.key in ("age",)


def make_claims(
    articles: Sequence[tuple[int, Article | None, Sequence[Figure]]],
    lexicon: Lexicon | None = None,
    dates: Sequence[str] | None = None,
) -> list[Claim]:
    """Claims for every figure of ``articles`` ((id, article, figures) in column order).

    ``dates`` replaces the publication dates when comparing versions of one article (the
    version order is then the order in time)."""
    lex = lexicon if lexicon is not None else default_lexicon()
    claims: list[Claim] = []
    order = 0
    for column, (article_id, article, figures) in enumerate(articles):
        published = article.published[:10] if article is not None else ""
        if dates is not None:
            published = dates[column]
        outlet = article.source if article is not None else ""
        asof = pd.published_date(published) if dates is None else None
        previous: Claim | None = None
        for figure in figures:
            at = _number_at(figure, article)
            place = place_of(figure, at)
            left, right = _context(figure, at)
            q = ql.parse(figure.qualifier)
            actor, unit = q.actor, figure.unit
            if unit == "count" and figure.key in _UNIT_KEYS:
                unit = _UNIT_KEYS[figure.key]  # "a magnitude of 7.4" is "magnitude 7.4"
            elif unit == "count" and not figure.counts and _age_to(left):
                unit = "years"  # "oppose raising the retirement age to 64"
            gap = gapped(figure, at, figures) if at > 0 else None
            if gap is not None:
                # "burned 23,700 acres and the Dry Creek Fire nearly 5,000": the acres of the
                # Dry Creek fire; "pledged £5m and the European Commission €12m": its aid.
                earlier, subject = gap
                actor = named_subject(subject) or actor
                if unit == "count":
                    unit = earlier.unit
                figure_for_key = earlier
            else:
                figure_for_key = figure
            key = measured_key(figure_for_key, actor)
            if key in _NUMBER_WORDS:
                # "$4.2 billion in two days": a number word names nothing counted; a money
                # verb before the sum does ("depositors withdrew $4.2 billion")
                key = lex.money_verbs.get(left[-1].lower(), "") if left else ""
            if unit == "years" and figure.unit == "count":
                key = "age"
            if figure.key in _UNIT_KEYS and unit != figure.unit:
                key = ""  # keyed by its unit, like every other wording of the measure
            if unit not in ("count", *TALLY_UNITS) and (not key or key in OWNER_NOUNS):
                key = measure_word(left, right, lex, GENERIC_KEYS) or key
            if unit != "count" and (not key or key == unit.lower()):
                key = label_word(figure.sentence, at) or key  # "Turnout: 64%"
            if unit == "%" and (not key or key == "%"):
                key = market_noun(left) or key  # "The share price collapsed by 41 %"
            if unit == "count" and figure.counts == "m" and figure.value_low < 1000:
                unit, key = "m", ""  # "reached 6.8 m.": metres the extractor left a count
            degrees = temperature_of(figure.value_low, key, unit, left + right)
            if degrees:
                unit = degrees  # "Orsa sweltered at 45 degrees"
            key = measure_noun(key, unit, left, right) or MEASURE_SYNONYMS.get(key, key)
            carried = (
                previous is not None
                and (
                    key in _ELLIPTIC_KEYS
                    or (not figure.counts and figure.key == previous.figure.key)
                )
                and _elliptic(figure, previous)
            )
            if carried and previous is not None:
                # "people marched in Corvell; police counted about 60,000": the same thing.
                key, place, unit = previous.key, place or previous.place, previous.unit
            if key and key in ql.actor_table():
                # "killed 40 Palestinians": a people named by their side, counted by the event
                key = left_event([w.lower() for w in left]) or _resolve_event("people", right, lex)
            if key == "troops" and not _military(figure, left, right):
                key = _civil_key(figure.counts)  # "2,000 emergency personnel were deployed"
            if (
                len(right) >= 2
                and right[1].lower() in _ROLE_NOUNS
                and figure.counts.lower() == right[0].lower()
                and key in EVENT_GROUPS
            ):
                key = _civil_key(right[1])  # "400 rescue personnel" are no people rescued
            elif key in PEOPLE_KEYS or key in _BOTH_EVENTS or key in lex.people_keys:
                key = _resolve_event(key, right, lex)
            if key in _LIFE_KEYS or key in PEOPLE_KEYS or key in lex.people_keys:
                key = _verb_before(left) or key  # "claimed 38 lives", "sickened 214 people"
                if "alive" in (w.lower() for w in right[:3]) and _deed_verb(left):
                    key = "rescued"  # "pulled 14 miners alive", "found 3 survivors alive"
            if not figure.counts and unit == "count":
                key = _verb_before(left) or key  # "killed 23 people and sickened 1,100"
            part = False
            if [w.lower() for w in right[:2]] in _OF_THEM and _word_follows(figure, at):
                # "214 cases, 38 of them in hospital": what happened to those 38; with nothing
                # said of them ("6 of them with ..."), a part of the whole all the same
                named = event_phrase(right[2:]) or _subset_event(right[2:], lex)
                key, part = named or key, not named
            elif not figure.counts and unit == "count" and _word_follows(figure, at):
                # "Injured: 60 (12 in critical condition)": a part of the count before it
                key = event_phrase(right[:3]) or key
            if unit == "count" and is_capacity(left):
                key = "capacity"  # "a capacity of 600 passengers" is not how many were aboard
            elif unit == "%":
                key = share_taking_part(right) or key  # "55% of nurses stayed off work"
            elif unit == "count" and key and key not in EVENT_GROUPS and crowd_verb(right):
                key = "protesters"  # "8,000 teachers marched"
            if key in GENERIC_KEYS:
                key = _resolve_generic(key, left, right, lex)
            if at > 0 and (key in GENERIC_KEYS or (not figure.counts and key not in lex.groups)):
                # "The number of measles infections has reached 250": what the subject counts
                whole = _TOKEN_RE.findall(figure.sentence[:at])
                key = _counted_subject(whole, lex) or key
            if key in _POINTER_KEYS:
                whole = _TOKEN_RE.findall(figure.sentence[: max(0, at)]) if at > 0 else []
                key = _resolve_generic(key, _before(figure, article) + whole, [], lex, 40)
            if not key and unit in UNIT_NAMES:
                key = UNIT_NAMES[unit]  # "at magnitude 7.4" and "put it at 7.2": a magnitude
            lo, hi = pd.period_bounds(figure.period)
            # A day or a week dates a report of a running count as often as the count ("the
            # toll rose to 1,644 on Saturday"): for those it keeps no claims apart, it only
            # draws alike ones together. For other things the day is the fact's (Wednesday's
            # march and Thursday's are two).
            short = lo is not None and hi is not None and (hi - lo).days < 7
            # A plan is the same plan whichever day's report gives it ("to raise the age to
            # 64", reported on Wednesday and again on Friday).
            short = short and (key in TALLY_KEYS or unit in TALLY_UNITS or q.scope == ql.PROJECTED)
            skip = frozenset(w.lower() for w in figure.attribution.split())
            words = frozenset(_stems(left[-8:], skip) | _stems(right[:8], skip))
            stated = bool(figure.period) and not short
            rival = (
                previous is not None
                and not figure.counts
                and key == previous.key
                and _elliptic(figure, previous)
            )
            if rival and previous is not None:
                # "60,000 marchers in Corvell on Wednesday, against the union's 200,000": the
                # other source's number for the same crowd, at the same place and time.
                place = place or previous.place
                if not stated and previous.stated_period:
                    (lo, hi), stated = previous.period, True
            claims.append(
                Claim(
                    article_id,
                    column,
                    published,
                    outlet,
                    figure,
                    key,
                    q.wave,
                    PART if part else _part_scope(left, right, unit) or q.scope,
                    q.rate,
                    actor,
                    (lo, hi),
                    stated,
                    asof,
                    words,
                    order,
                    aspect_of(left, right),
                    place,
                    unit,
                )
            )
            previous = claims[-1]
            order += 1
    return claims
