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
from typing import Final

from store.figures import periods as pd
from store.figures import qualifiers as ql
from store.figures.aspects import aspect_of
from store.figures.generic import counted_subject, resolve_generic
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
    money_key,
    money_noun,
    temperature_of,
)
from store.figures.nearby import names_near
from store.figures.people import (
    BOTH_EVENTS,
    GENERIC_KEYS,
    LIFE_KEYS,
    NUMBER_WORDS,
    PEOPLE_KEYS,
    ROLE_NOUNS,
    STEM,
    civil_key,
    deed_verb,
    done_alive,
    left_home,
    military,
    received_things,
    resolve_event,
    subset_event,
    verb_before,
    voters,
)
from store.figures.phases import day_follows, running_total
from store.figures.places import place_of
from store.figures.pointers import SUBSET_OPENERS, last_counted, whole_before
from store.figures.readings import (
    NEXT_NUMBER_RE,
    crowd_verb,
    event_phrase,
    gapped,
    is_capacity,
    named_subject,
    share_taking_part,
)
from store.figures.scopes import OF_THEM, PART, each_after, part_scope
from store.figures.sides import vote_side, winner_of
from store.figures.subject import left_event
from store.figures.units import MONEY
from store.model import Article, Figure

# Keys that only point at a count named before them ("the number was about 11,000").
_POINTER_KEYS: Final = frozenset({"number", "figure", "total", "count", "tally", "estimate"})
_STOP: Final = frozenset(
    """
    the a an of in on at to from by for with and or but as that which who whom whose were was
    is are be been being had have has will would could should may might must can did do does
    said says say told this these those its their his her our it they he she we you i than
    more less about around some nearly almost over under up down also after before since
    into out all any each other such not no only just so very per its than into while there
    here what when where how why then now been being according
    """.split()
)
_TOKEN_RE: Final = re.compile(r"[A-Za-z][A-Za-z'’-]+")
CONTEXT_CHARS: Final = 70  # characters read on each side of the number for its words


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
    names: frozenset[str] = frozenset()  # capitalised words of the number's clause (nearby)

    def __post_init__(self) -> None:
        if not self.unit:
            object.__setattr__(self, "unit", self.figure.unit)

    @property
    def source(self) -> str:
        """Who says it: the credited source, else the outlet."""
        return self.figure.attribution or self.outlet


# Running tallies of a developing story (a toll, acres burned): their plain counts are the
# total so far, so "in all" does not set a count of them apart.
TALLY_KEYS: Final = frozenset(
    """
    killed injured casualties missing displaced detained prisoners hostages civilians case
    acre hectare structure building home house evacuee refugee victim body arrest
    containment contained aftershock evacuation damage rescued vaccinated job
    customer people person resident inhabitant patient hospitalised outage household family
    child student tourist animal level rain snow withdrawal loss trapped
    """.split()
)


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
    before = sentence[max(0, at - CONTEXT_CHARS) : at]
    # "About 80 people were hurt; more than 12,000 residents have left": a semicolon joins
    # two clauses, and the words of the one before count another thing.
    left = _TOKEN_RE.findall(before[before.rfind(";") + 1 :])
    after = sentence[at + length : at + length + CONTEXT_CHARS]
    cut = NEXT_NUMBER_RE.search(after)
    if cut is not None:
        after = after[: cut.start()]  # "4,960 acres, 20% contained": "contained" is the 20's
    right = _TOKEN_RE.findall(after)
    return left, right


def _after(figure: Figure, at: int) -> str:
    """The text of the number's sentence right of it ("" if unplaced)."""
    return figure.sentence[at + max(1, figure.end - figure.start) :] if at >= 0 else ""


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


def _another_thing(wave: str, key: str, figure: Figure, previous: Claim | None) -> bool:
    """Whether "another" or "more" adds a count to one of another thing just before it, not
    to its own: "31 died; another 47 were injured" is the injured count, no second wave of
    injured (a tally's count right before it, in the same part, within a few sentences)."""
    if wave != ql.ADDITIONAL or previous is None or key not in TALLY_KEYS:
        return False
    before = previous.figure
    return (
        previous.key != key
        and previous.key in TALLY_KEYS
        and before.part == figure.part
        and 0 <= figure.start - before.end <= _ANOTHER_REACH
    )


_ANOTHER_REACH: Final = 250  # characters: the sentence before, or the same one


def _stems(words: Sequence[str], skip: frozenset[str]) -> set[str]:
    out = set()
    for word in words:
        low = word.lower()
        if low in _STOP or len(low) < 3 or low in skip:
            continue
        out.add(low[:STEM])
    return out


# Counted keys that are the name of a unit: such a "count" is a measure in that unit.
_UNIT_KEYS: Final = {"magnitude": "magnitude"}
_COUNT_OR_TALLY: Final = frozenset(("count", *TALLY_UNITS))  # units read as a number of things


def _age_to(left: Sequence[str]) -> bool:
    """ "... the pension age to 67": a bare number that is an age (the extractor may key it by
    another count of its sentence)."""
    return len(left) >= 2 and left[-1].lower() == "to" and left[-2].lower() == "age"


# Units that name the one quantity they measure, whatever the clause calls it.
UNIT_NAMES: Final = {"magnitude": "magnitude"}


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
_SAYING_KEYS: Final = frozenset(
    "speak speaks say says said claim claims claimed put puts estimate estimates report "
    "reports count counts counted".split()
)
_ELLIPTIC_KEYS: Final = GENERIC_KEYS | _SAYING_KEYS


def _word_follows(figure: Figure, at: int) -> bool:
    """Whether a word, not another number, comes right after the number."""
    if at < 0:
        return False
    rest = figure.sentence[at + max(1, figure.end - figure.start) :].lstrip()
    return rest[:1].isalpha()


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
            if unit in MONEY:
                key = money_key(left, key, lex, figure.sentence[: max(0, at)])
            if unit in MONEY and key in EVENT_GROUPS:
                # "The rescue is worth €4.5 billion": a sum is no count of people rescued
                key = money_noun(left, right, key) or key
            if key in NUMBER_WORDS:
                # "$4.2 billion in two days": a number word names nothing counted; a money
                # verb before the sum does ("depositors withdrew $4.2 billion")
                key = lex.money_verbs.get(left[-1].lower(), "") if left else ""
            if unit == "years" and figure.unit == "count":
                key = "age"
            if figure.key in _UNIT_KEYS and unit != figure.unit:
                key = ""  # keyed by its unit, like every other wording of the measure
            if unit not in _COUNT_OR_TALLY and (not key or key in OWNER_NOUNS):
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
                    or (not figure.counts and key == unit.lower())
                )
                and _elliptic(figure, previous)
            )
            if carried and previous is not None:
                # "people marched in Corvell; police counted about 60,000": the same thing;
                # "97% of stations in Varn, in Ilsk 81%": a number named by its unit alone
                # goes on measuring what the one before it in the sentence measured.
                key, place, unit = previous.key, place or previous.place, previous.unit
            if (
                unit == "count"
                and [w.lower() for w in left[-2:]] in SUBSET_OPENERS
                and (key in PEOPLE_KEYS or key in lex.people_keys)
            ):
                # "12,000 residents have left the zone, among them 9,000 Velby residents":
                # a part of the count before it went through what it went through
                key = whole_before(claims, column, figure) or key
            if key and key in ql.actor_table():
                # "killed 40 Palestinians": a people named by their side, counted by the event
                key = left_event([w.lower() for w in left]) or resolve_event("people", right, lex)
            if key == "troops" and not military(figure, left, right):
                key = civil_key(figure.counts)  # "2,000 emergency personnel were deployed"
            if (
                len(right) >= 2
                and right[1].lower() in ROLE_NOUNS
                and figure.counts.lower() == right[0].lower()
                and key in EVENT_GROUPS
            ):
                key = civil_key(right[1])  # "400 rescue personnel" are no people rescued
            elif key in PEOPLE_KEYS or key in BOTH_EVENTS or key in lex.people_keys:
                key = resolve_event(key, right, lex)
            if key in LIFE_KEYS or key in PEOPLE_KEYS or key in lex.people_keys:
                key = verb_before(left) or key  # "claimed 38 lives", "sickened 214 people"
                if "alive" in (w.lower() for w in right[:3]) and deed_verb(left):
                    key = "rescued"  # "pulled 14 miners alive", "found 3 survivors alive"
            if not figure.counts and unit == "count":
                key = verb_before(left) or key  # "killed 23 people and sickened 1,100"
            if unit == "count" and key not in EVENT_GROUPS and done_alive(right):
                key = "rescued"  # "nine miners were pulled out alive", "3 dogs dug out alive"
            elif unit == "count" and key not in EVENT_GROUPS and left_home(right):
                key = "displaced"  # "800 tenants had to abandon their houses"
            elif unit == "count" and key not in EVENT_GROUPS and voters(right):
                key = "voter"  # "6.1 million Kestovians were registered to vote"
            elif unit == "count" and (things := received_things(right)):
                # "410,000 clients received letters": as many letters, one each
                key = lex.group_of(things) or lex.key_for_noun(things)
            part = False
            if [w.lower() for w in right[:2]] in OF_THEM and _word_follows(figure, at):
                # "214 cases, 38 of them in hospital": what happened to those 38; with nothing
                # said of them ("6 of them with ..."), a part of the whole all the same
                named = event_phrase(right[2:]) or subset_event(right[2:], lex)
                key, part = named or key, not named
            elif not figure.counts and unit == "count" and _word_follows(figure, at):
                # "Injured: 60 (12 in critical condition)": a part of the count before it
                key = event_phrase(right[:3]) or key
            elif [w.lower() for w in right[:2]] == ["of", "the"] and unit == "count":
                # "five of the injured died": the dead; "12 of the dead were in Marrit": dead
                befell = lex.group_of(right[3].lower()) if len(right) > 3 else None
                key = befell if befell in EVENT_GROUPS else event_phrase(right[3:6]) or key
            if unit == "count" and is_capacity(left) and left[-1:] != ["of"]:
                # (not "74 seats of 140": the whole after "of" is a count of the same seats)
                key = "capacity"  # "a capacity of 600 passengers" is not how many were aboard
            elif unit == "%":
                key = share_taking_part(right) or key  # "55% of nurses stayed off work"
            elif unit == "count" and key and key not in EVENT_GROUPS and crowd_verb(right):
                key = "protesters"  # "8,000 teachers marched"
            if key in GENERIC_KEYS:
                key = resolve_generic(key, left, right, lex)
            if at > 0 and (key in GENERIC_KEYS or (not figure.counts and key not in lex.groups)):
                # "The number of measles infections has reached 250": what the subject counts
                whole = _TOKEN_RE.findall(figure.sentence[:at])
                key = counted_subject(whole, lex) or key
            if key in _POINTER_KEYS:
                # What "the figure" points at: a thing its own sentence names, else the last
                # thing the article counted in its unit, else any thing named before it.
                whole = _TOKEN_RE.findall(figure.sentence[: max(0, at)]) if at > 0 else []
                key = resolve_generic(key, whole, [], lex, 40)
                if key in _POINTER_KEYS:
                    pointed = last_counted(claims, column, unit, figure, _ELLIPTIC_KEYS)
                    if pointed is not None:  # "the true number": that count's, where it was
                        key, place, actor = (
                            pointed.key,
                            place or pointed.place,
                            actor or pointed.actor,
                        )
                if key in _POINTER_KEYS:
                    key = resolve_generic(key, _before(figure, article) + whole, [], lex, 40)
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
            # But a forecast's day written with its number is the day it is for ("up to 42C on
            # Friday", "could reach 2,000 MW on Monday"): two days, two forecasts.
            planned = q.scope == ql.PROJECTED and not day_follows(right)
            short = short and (key in TALLY_KEYS or unit in TALLY_UNITS or planned)
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
            scope = (
                part_scope(left, right, unit, key in EVENT_GROUPS, lex, _after(figure, at))
                or q.scope
                or running_total(left, right)
            )
            wave = "" if _another_thing(q.wave, key, figure, previous) else q.wave
            side = (
                vote_side(figure.sentence, at, figure.end - figure.start, key)
                if not actor and unit == "count"
                else ""
            )
            if side:
                actor, key = side, ("vote" if key in ("", "voted") else key)  # "97 voted for"
            actor = actor or winner_of(figure.sentence, at, key)  # "National Renewal won 72"
            claims.append(
                Claim(
                    article_id,
                    column,
                    published,
                    outlet,
                    figure,
                    key,
                    wave,
                    PART if part else scope,
                    q.rate or each_after(figure, at),
                    actor,
                    (lo, hi),
                    stated,
                    asof,
                    words,
                    order,
                    aspect_of(left, right),
                    place,
                    unit,
                    names_near(figure.sentence, at, figure.end - figure.start, skip),
                )
            )
            previous = claims[-1]
            order += 1
    return claims
