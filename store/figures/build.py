"""One figure from one number candidate (or a range of two): the extractor's main step.

For a candidate ``build`` (1) rejects what is no figure (dates, years, times, ordinals,
calibres, codes, page clutter), (2) reads a hedge or range opener on the left for the bound,
(3) reads a unit and the counted noun or event on the right, (4) falls back to an event or a
subject on the left, and (5) notes a change direction. The word lists it reads are in
``build_words``; the scan for candidates and the merging of moves and repeats in ``extract``.
"""

from __future__ import annotations

from typing import Final

from store.figures import around as ar
from store.figures import bare as br
from store.figures import candidates as cd
from store.figures import context as cx
from store.figures import counted as ct
from store.figures import keys as kw
from store.figures import moves as mv
from store.figures import numbers as nb
from store.figures import subject as sj
from store.figures import unit_readers as ur
from store.figures import units as un
from store.figures.affix import ends_at, starts_at, starts_at_any
from store.figures.around import sentence_around
from store.figures.bare_reading import read_bare
from store.figures.build_words import (
    CLAUSE_END_CHARS,
    EVENT_KEYS,
    GIVE_VERBS,
    HYPHEN_NOUNS,
    MEASURE_OF_WORDS,
    MOTION_VERBS,
    MOVE_UNITS,
    NOT_HEADS,
    OF_ONLY_UNITS,
    ONE_BEFORE,
    ONE_COUNTS,
    ONE_OF_RE,
    PARTICLE_VERBS,
    RAISED_MONEY,
    REFERENCE_WORDS,
    TENOR_RE,
    SentenceSpans,
    is_fallback,
    poll_points,
)
from store.figures.lexicon import Lexicon
from store.figures.periods import WEEKDAYS
from store.figures.records import new_figure
from store.figures.rejects import not_a_figure
from store.model import Figure


def build(
    text: str,
    lower: str,
    part: str,
    lexicon: Lexicon,
    a: cd.Cand,
    b: cd.Cand | None,
    prev: Figure | None,
    counted_before: Figure | None = None,
    spans: SentenceSpans | None = None,
) -> Figure | None:
    last = b if b is not None else a
    unit = a.unit or a.unit_after or last.unit or last.unit_after
    low, high = a.low, last.high
    if b is not None:
        # "2 to 3 million", "10-15bn": a scale written once applies to both ends.
        if b.scaled and not a.scaled:
            factor = ar.scale_of(text, b)
            if factor > 1:
                scaled_low = nb.times(a.low, factor)
                if scaled_low is not None and scaled_low <= b.low:
                    low = scaled_low
        if a.unit_after and b.unit_after and a.unit_after != b.unit_after:
            unit_factor = mv.unit_factor(b.unit_after, a.unit_after)  # "4Hz to 40kHz"
            if unit_factor is not None:
                converted = nb.times(b.high, unit_factor)
                if converted:
                    high = converted
        if low > high:
            low, high = high, low
    floor = text.rfind("\n", 0, a.start) + 1
    left = sj.left_words(lower, a.start, floor)
    if not_a_figure(text, lower, a, b, last, unit, left, floor):
        return None
    bound = "<" if ends_at(lower, "sub-", a.start) else "="  # "sub-5 nanometre chips"
    start = a.start
    hedge_len = 0
    if left and left[-1] in cx.HEDGE_LAST_WORDS:
        for k in range(min(cx.HEDGE_MAX_WORDS, len(left)), 0, -1):
            hedge = cx.HEDGES.get(" ".join(left[-k:]))
            if hedge is not None:
                bound, hedge_len = hedge, k
                break
    if hedge_len == 2 and left[-2:] == ["up", "to"] and len(left) > 2:
        before = left[-3]
        if before.endswith("ed") or before in MOTION_VERBS:
            bound, hedge_len = "=", 0  # "edged up to 4.2%": a move, not a ceiling
    rest = left[: len(left) - hedge_len] if hedge_len else left
    if hedge_len:
        start = ar.hedge_start(text, a.start, hedge_len)
    # "minus 3 yards" is signed; "plus or minus 2 points" is a margin, no sign.
    minus = bool(rest) and rest[-1] == "minus" and b is None and rest[-3:-1] != ["plus", "or"]
    if minus:
        start = ar.hedge_start(text, a.start, 1 + hedge_len)
        rest = rest[:-1]
    if b is not None:
        bound = "range"
        if not hedge_len and rest and rest[-1] in cx.RANGE_OPENERS:
            start = ar.hedge_start(text, a.start, 1)
            rest = rest[:-1]
    elif a.vague:
        bound = "range"
    else:
        bound = ar.bound_after(text, last.unit_end) or bound
    end = last.unit_end
    # A hyphenated word after the number: a unit, "-strong", or an adjective compound.
    counted: ct.Counted
    if not last.unit_after and starts_at(text, "-", end) and end + 1 < len(text):
        word_end = end + 1
        while word_end < len(text) and text[word_end].isalpha():
            word_end += 1
        word = text[end + 1 : word_end].lower()
        if not word:
            return None
        hyphen = ur.hyphen_unit(word)
        after = ct.right_words(text, word_end)
        if word == "strong":
            counted = ct.read_noun_phrase(after, lexicon, allow_event=False)
            if not counted.key:
                counted = ct.Counted(counts="strong", key="troops")
        elif hyphen:
            unit = hyphen
            if unit in cx.DURATIONS and after and TENOR_RE.match(after[0]):
                return None  # "the 10-year Treasury yield", "three-month delivery": a name
            end = word_end  # "a 34-year high", "a 6.7-inch screen", "a 240-hp engine"
            counted = ct.read_noun_phrase(after, lexicon, allow_event=False)
            if not counted.key and after and after[0] == ",":
                counted = kw.after_apposed_sum(after, lexicon)  # "a 10-year, $700m deal"
            head = after[0].strip(".,;:!?)\"'").lower() if after else ""
            if not counted.key and head.isalpha() and head in ct.STOP and head not in NOT_HEADS:
                counted = ct.Counted(counts=head, key=head)  # "a 34-year high", "52-week lows"
        elif word in HYPHEN_NOUNS and not unit:
            unit = "count"  # "six-cylinder", "an 8-speed gearbox": the noun is what is counted
            end = word_end
            counted = ct.Counted(counts=word, key=word)
        elif word in ("a", "an", "per") and unit in un.MONEY and ar.period_after(text, word_end):
            end = text.find(" ", word_end) if " " in text[word_end:] else len(text)
            end = len(text[:end].rstrip(".,;:!?)"))  # "£150,000-a-week": a rate of pay
            counted = ct.Counted()
        elif not unit and not a.spelled and br.compound_noun(word, after):
            # "a 105-qubit chip", "a 12-season stint": digits joined to a noun before another
            # noun count that noun, or the head after it when the noun is a measure.
            unit, end = "count", word_end
            counted = ct.read_noun_phrase(after, lexicon, allow_event=False)
            if word not in br.HYPHEN_MEASURES or not counted.key:
                counted = ct.Counted(counts=word, key=lexicon.key_for_noun(word))
        else:
            return None
    elif last.unit_after == "fraction":
        counted = ar.fraction_of(text, last.unit_end, lexicon)
    elif last.unit_after and last.unit_after not in cx.CURRENCIES:
        counted = ct.Counted()
        if last.unit_after in OF_ONLY_UNITS:
            # "The deficit will reach 19.4% of GDP": the subject is what the share measures.
            subject = sj.left_subject(rest, lexicon, text, lower, a.start)
            if subject:
                counted = ct.Counted(key=subject)
        if not counted.key:
            after = ct.right_words(text, last.unit_end)  # only read when no subject was found
            # "6,120 MW in the south", "2 km in the valley": after a measure "in" says where
            # or when, and only "of"/"for" name what is measured ("1,200 MW of load").
            counted = ct.read_of_phrase(after, lexicon, MEASURE_OF_WORDS)
            if counted.key:
                counted.counts = f"{text[last.end : last.unit_end].strip()} {counted.counts}"
            else:
                counted = ct.read_noun_phrase(after, lexicon, allow_event=False)
    else:
        if not unit and starts_at(text, " times", end):
            if ar.times_is_multiplier(lower, end + 6, rest):
                unit, end = "x", end + 6  # "3.5 times faster", "2.8 times as likely"
            else:
                unit, end = "count", end + 6  # "broke his serve five times": how often
        after = ct.right_words(text, end)
        if unit == "GBP" and not a.unit and after and after[0].lower() == "of":
            if text[last.end : last.unit_end].strip().lower().startswith("pound"):
                unit = "lb"  # "five pounds of beef": weight, not money
        counted = ct.read_noun_phrase(after, lexicon, allow_event=not unit)
        if not unit and not counted.key and len(after) > 2 and after[0] == "of":
            counted = _part_of_own(after, lexicon)  # "six of its own soldiers"
        if unit and not counted.key and not ar.in_place(after):
            counted = ct.read_of_phrase(after, lexicon, ct.MONEY_OF_WORDS)
        if unit and not counted.key:
            counted = ct.Counted(key=sj.money_verb(rest, lexicon))
            if counted.key == "cost":
                # "A kilo of rice costs RM12.90": the sum is the price of the subject.
                # (the verb is read as a copula, so the walk left starts at its subject)
                words = [*rest[:-1], "is"] if rest and rest[-1].startswith("cost") else rest
                subject = sj.left_subject(words, lexicon, text, lower, a.start)
                if subject and subject != ct.PREVIOUS:
                    counted = ct.Counted(key=subject)
        if unit and not counted.key and after and after[0].lower() == "for":
            counted = ct.read_of_phrase(after, lexicon)  # "€500m for ammunition"
    key = counted.key
    counts = counted.counts
    if key in kw.CHANGE_HEADS:
        key = kw.changed_thing(text, end, counted.head or key, lexicon) or key  # "3% drop in sales"
    elif key in kw.GENERIC_COUNTERS and unit in ("", "count"):
        subject = sj.left_subject(rest, lexicon, text, lower, a.start)  # "sales of 3.7m units"
        if subject == ct.PREVIOUS and prev is not None and not is_fallback(prev):
            subject = prev.key  # "shipments rose 7.8% to 289.4 million units"
        key = subject if subject and subject != ct.PREVIOUS else key
    elif key in kw.MARK_HEADS and (unit in ("", "count") or unit in un.MONEY):
        key = kw.mark_subject(rest, lexicon, text, lower, a.start) or key  # "the 1,000 mark"
    if bound == "=" and counted.key and " or " in text[end : end + 60]:
        far = cx.AFTER_NOUN_BOUND_RE.match(text, end)
        if far is not None:
            bound = ">=" if far.group("ge") else "<="
    if not counted.from_event and (not unit or unit == "count"):
        ev = sj.left_event(rest)
        if ev and (not key or key in ct.EVENT_OVERRIDES or key in lexicon.people_keys):
            key = ev
            counts = counts or ev
    # "The number of dead ... was 11": what the tally numbers, if it names the number
    tally, first = sj.tally_subject(text, lower, a.start, rest, lexicon, key, unit)
    key = tally if first else key
    key = kw.forecast_key(text, lower, end, unit or "count", prev, counted_before, counted) or key
    # Change direction: "rose 15%", "fell by $2bn", "up 19 cents", "a 15% rise".
    change = a.change
    if rest:
        verb = rest[-1]
        if verb == "of" and len(rest) > 3 and rest[-2] in ("average", "total"):
            verb = rest[-4]  # "lost an average of 20.9%": the verb before the average
        elif verb in ("by", "of") and len(rest) > 1:
            verb = rest[-2]
        if verb.endswith("ly") and len(rest) > 1 and verb not in cx.UP_WORDS:
            verb = rest[-2]  # "rose sharply 5%"
        if verb.endswith(",") and verb[:-1] in cx.UP_WORDS | cx.DOWN_WORDS:
            verb = verb[:-1]
        if verb in ("up", "back") and len(rest) > 1 and rest[-2] in GIVE_VERBS:
            verb = "down"  # "gave up 412 points", "gave back 3%": a fall
        elif verb in ("up", "down") and len(rest) > 1:
            if not unit or unit == "count" or rest[-2] in PARTICLE_VERBS:
                verb = ""  # "shot down 25 drones", "touched down 3 km away": a particle
        elif verb in ("higher", "lower") and len(rest) > 1 and rest[-2] in ("the", "a", "an"):
            verb = ""  # "the higher 15-mg dose": an adjective
        elif verb in RAISED_MONEY and unit in un.MONEY:
            verb = ""  # "raised $40m from investors", "recovered Rs 40 lakh": no change
        elif verb in ("adds", "added", "add") and ar.more_of(lower, end):
            verb = ""  # "adds 20% more range": an amount of something, no change
        if verb in cx.UP_WORDS:
            change = "up"
        elif verb in cx.DOWN_WORDS:
            change = "down"
        elif rest[-1] == "of" and verb in cx.CHANGE_NOUNS_UP:
            change = "up"  # "growth of 7%"
        elif rest[-1] == "of" and verb in cx.CHANGE_NOUNS_DOWN:
            change = "down"  # "a cut of 25 basis points"
        elif rest[-1] == "by":
            change = ar.verb_back(rest[:-1])  # "raised its repo rate by 500 basis points"
    if not change and unit:
        cr = cx.CHANGE_RIGHT_RE.match(text, end)
        if cr is not None:
            change = "up" if cr.group("up") else "down"
        elif unit == "%" and starts_at_any(lower, (" off", "\u00a0off"), end):
            change = "down"  # "40pc off": a cut in the price
        elif unit == "%" and (more := cx.SHARE_MORE_RE.match(text, end)) is not None:
            change = "up" if more.group("up") else "down"  # "9% more than a year earlier"
    if a.sign and unit in un.SIGN_IS_CHANGE:
        change = "up" if a.sign > 0 else "down"  # "closed -0.8%": a fall of 0.8%
    elif a.sign < 0 or minus:
        low, high = -high, -low  # "−40 °F", "minus 3 yards": a signed level, no change
        change = ""
    carried = ar.carried_from(text, a.start, prev, part)
    if carried is not None:
        # "shed 240 points, or 0.7%", "about 50 km (31 miles)": the same move or level said
        # again in another unit keeps its direction, hedge and what it measures.
        change = change or carried.change
        if bound == "=" and not hedge_len:
            bound = carried.bound
        if not key and not is_fallback(carried):
            key = carried.key
    if not key and (unit or change):
        key = kw.left_key(text, lower, a, end, rest, lexicon, prev, unit)
        if key == ct.PREVIOUS and not unit:
            key = ""
        if not key and (change or unit in OF_ONLY_UNITS):
            key = sj.left_name(rest, text, lower, a.start)  # "the Nikkei fell 0.6%"
        if not key and len(rest) <= 1:
            key = sj.apposed_subject(text, lower, a.start, floor, lexicon)  # "Turnout, at 61%,"
        if not key and unit == "%" and not change and sj.vote_share(rest):
            key = "vote"  # "the Civic Alliance took 33.8%": its share of the vote
    if unit in un.DURATIONS and (not key or key in ("prison", "jail", "custody")):
        key = kw.duration_key(rest) or key  # "jailed for four years": the sentence
        spread = kw.spread_over(text, a.start, left, prev, part) if not key else None
        if spread is not None:
            bound, key = "=", spread.key  # "set aside £11.5bn over five years": its period
    if unit == "INR" and a.unit == "INR" and starts_at(lower, "rs", a.start):
        unit = kw.rupee_of(lower, a.start)  # "Rs" in Pakistan is the Pakistani rupee
    elif unit == "fraction" and a.spelled:
        whole = kw.multiplier_of(text, a.start, prev, part)
        if whole is not None:
            unit, key = "x", whole.key  # "fined EUR25m, a tenth of its quarterly profit"
    if a.age:
        key = counts = "age"
    elif key == "age" and unit == "count":
        unit = "years"  # "the voting age to 16"
    elif (
        not unit
        and b is None
        and (
            (not key and not a.spelled and br.apposed_age(text, a.start, last.end, low, lexicon))
            or (hedge_len and br.age_bound(rest, bound, low, lexicon))
        )
    ):
        unit, key, counts = "years", "age", "age"  # "Hamilton, 39, will", "Brits over 50"
    if unit == "points" and poll_points(text, a.start, low):
        unit = "pp"  # "Labour's lead grew 4 points" in a story of shares: percentage points
    elif not unit and rest and rest[-1] == "aged":
        unit, key, counts = "years", "age", "age"  # "aged 32", "aged between 19 and 24"
    if not key and not unit and rest and rest[-1] in ("to", "at") and b is None:
        # "the Nikkei rose 1.2% to 38,412.35", "the index closed at 7,912": a level of the
        # thing that moved, or of the thing named before the verb.
        if (
            prev is not None
            and prev.part == part
            and not is_fallback(prev)
            and (prev.change or prev.unit in un.SHARES)
            and sentence_around(text, prev.start) == sentence_around(text, a.start)
        ):
            key = prev.key
        else:
            key = sj.left_subject(rest, lexicon, text, lower, a.start)  # "admissions rose to"
            if key == ct.PREVIOUS:
                key = ""
                if (
                    prev is not None
                    and prev.part == part
                    and (prev.change or prev.unit in MOVE_UNITS)
                ):
                    # "the ASX 200 edged up 0.5 points to 7,683": the name before the change
                    prev_left = sj.left_words(lower, prev.start, floor)
                    key = sj.left_name(prev_left, text, lower, prev.start) or prev.key
            key = key or sj.left_name(rest, text, lower, a.start)
    elif not key and not a.spelled and text[end : end + 1] in CLAUSE_END_CHARS:
        # A bare count closing its clause takes the subject of its verb ("a majority
        # requires 316.", "The number of shelters stands at 46.").
        key = sj.left_subject(rest, lexicon, text, lower, a.start)
        if key == ct.PREVIOUS:
            # "the Nikkei fell 0.6% to 38,412": the level reached is of the thing that moved.
            named = prev is not None and prev.change and not is_fallback(prev)
            key = prev.key if named and prev is not None and rest and rest[-1] == "to" else ""
    if (
        not key
        and rest
        and rest[-1] in REFERENCE_WORDS
        and prev is not None
        and prev.part == part
        and prev.unit == (unit or "count")
        and not is_fallback(prev)
        and sentence_around(text, prev.start) == sentence_around(text, a.start)
    ):
        key = prev.key  # "restored to 80,000 households, up from 45,000"
    if (
        rest
        and rest[-1] == "including"
        and prev is not None
        and prev.key in EVENT_KEYS
        and (not unit or unit == "count")
        and sentence_around(text, prev.start) == sentence_around(text, a.start)
    ):
        key = prev.key  # "14 people, including three children, died": the children died too
    if (
        rest
        and (not unit or unit == "count")
        and (
            rest[-1] in ("magnitude", "magnitude-")
            or (rest[-1] in ("measuring", "measured") and br.quake_measure(lower, a.start, low))
        )
    ):
        unit = "magnitude"  # "a magnitude 7.4 earthquake", "the quake, measuring 6.4,"
        key = key or "quake"
        counts = counts or "magnitude"
    if (
        not key
        and len(rest) <= 2
        and prev is not None
        and prev.part == part
        and (change or (unit and cx.SHARE_MORE_RE.match(text, end) is not None))
        and not is_fallback(prev)
        and ar.comma_after(text[prev.end : a.start])
    ):
        # "net profit was $1.1bn, up 12%": a change right after a figure is that figure's
        # ("costs £117,620, nearly £30,000 more than ..." too: the difference of the cost).
        key = prev.key
    if key == ct.PREVIOUS:
        # "raised the rate to 15.5% from 14.5%": a bare number after another shares its key.
        key = prev.key if prev is not None and not is_fallback(prev) else ""
    # "fines of up to €35 million or 7%": a hedge before a list applies to each item.
    if bound == "=" and not hedge_len and prev is not None and prev.bound not in ("=", "range"):
        if prev.part == part and text[prev.end : a.start].strip(" ,") in ("or", "and"):
            bound = prev.bound
    keep = False
    if not key and not unit and b is None:
        bare = read_bare(
            text, lower, part, lexicon, a, end, prev, counted_before, rest, low, hedge_len
        )
        key, keep, unit = bare.key, bare.keep, bare.unit
    key = key or tally  # "the number of patients waiting ... narrowed to 38,650"
    if a.spelled and not a.vague:
        if not key and not unit and not keep:
            return None
        if a.low == 1 and (
            (rest and rest[-1] in ONE_BEFORE)
            or ONE_OF_RE.match(text, a.end) is not None
            or (
                not keep
                and key not in lexicon.groups
                and key not in lexicon.people_keys
                and key not in ONE_COUNTS
            )
        ):
            return None  # "one side", "no one": a spelled "one" counts only people or events
    if not unit:
        if not key and not keep:
            return None
        unit = "years" if key == "age" else "count"  # "lower the voting age to 16"
    if not key:
        key = lexicon.unit_keys.get(unit, "") or unit.lower()
    if spans is None:
        spans = SentenceSpans()
    s_lo, s_hi = spans.span(text, a.start, floor)
    return new_figure(  # (value_low, value_high, bound, unit, counts, key, change, ...)
        float(low),
        float(high),
        bound,
        unit,
        counts,
        key,
        change,
        text[s_lo:s_hi].strip(),  # the sentence, as sentence_around would cut it, in one step
        start,
        end,
        part,
        ((part, start, end),),
    )


_OWNERS: Final = frozenset({"its", "their", "his", "her", "our"})


def _part_of_own(after: list[str], lexicon: Lexicon) -> ct.Counted:
    """What "N of its (own) X" counts: X, a part of what the owner has ("210 of its Wednesday
    flights", "six of its own soldiers"); nothing for any other "of"."""
    if after[1].lower() not in _OWNERS:
        return ct.Counted()
    rest = after[3:] if after[2].lower() == "own" else after[2:]
    if rest and rest[0].lower().removesuffix("'s") in WEEKDAYS:
        rest = rest[1:]  # "210 of its Wednesday flights"
    return ct.read_noun_phrase(rest, lexicon, allow_event=False)
