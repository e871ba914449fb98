"""Credits that no "X said" clause around a number gives: the sentence after it ("At least
31 people drowned. The coast guard said in a statement.", "That figure came from X, which
..."), a possessive right before a bare number ("against the union's 200,000"), and what the
figures of one article give one another once each was read (``credit_article``): a repeat
of a credited number, the source an outlet is seen citing, a conversion; and what no source
gave (a comparison of two numbers, where a place lies).

Apart from ``store.figures.about`` (which calls it for sentences naming no source, and once
per article) so that the annotating pass stays one subject per module.
"""

from __future__ import annotations

import re
from typing import Final

from store.figures.affix import ends_at_any
from store.figures.attribution import find_mentions
from store.figures.currency import ISO_CODES
from store.figures.mentions import Mention
from store.figures.records import replaced
from store.figures.source_phrases import object_after, subject_before
from store.figures.sources import TIME_WORDS
from store.model import Figure

NEXT_CREDIT_CHARS = 120  # a credit sentence is short: "The figure came from the NIS."
# Words one of which a credit sentence holds (a cheap test before reading it for sources).
_CREDIT_HINTS: Final = (
    " said",
    " says",
    "came from",
    "according",
    " reported",
    " told",
    " added",
    "released by",
)
_DIGIT_RE: Final = re.compile(r"\d")


def credit_after(text: str, at: int) -> tuple[Mention, int] | None:
    """(the mention, where it starts in ``text``) of the sentence that starts at ``at``, when
    that sentence is short, in the same paragraph, gives no number of its own and credits
    backwards ("The figure came from the coast guard.", "The ministry said in a
    statement."); None otherwise. A sentence saying something new ("X said that ...") is no
    credit of the one before."""
    line_end = text.find("\n", at)
    after = text[at : line_end if line_end != -1 else len(text)]
    stripped = after.strip()
    cut = stripped.find(". ")
    nxt = stripped[: cut + 1] if cut != -1 else stripped
    low = nxt.lower()
    named = _names_the_figure(nxt)
    if named is not None:
        return named, at + after.find(nxt) + named.start
    if (
        not nxt
        or len(nxt) > NEXT_CREDIT_CHARS
        or not any(word in low for word in _CREDIT_HINTS)
        or " that " in low
        or _DIGIT_RE.search(nxt) is not None
    ):
        return None
    base = at + after.find(nxt)
    mentions = find_mentions(nxt, low)
    for mention in mentions:
        if not mention.forward:
            return mention, base + mention.start
    if mentions and "released" in low:
        # "The figures were released by the coast guard.": no number follows to credit
        return mentions[0], base + mentions[0].start
    return None


# A sentence that says where the number before it came from, however long it runs on: "That
# figure came from the health department, which ...", "The figure was published by the
# commission shortly after midnight, and ...".
_FIGURE_WORDS: Final = r"(?:figure|figures|number|numbers|estimate|count|toll|tally|total|data)"
_FIGURE_STEMS: Final = ("figure", "number", "estimate", "count", "toll", "tally", "total", "data")
_FIGURE_CAME_RE: Final = re.compile(
    rf"(?:That|This|The|These|Those)\s+(?:latest\s+|same\s+|last\s+)?{_FIGURE_WORDS}\s+"
    r"(?:came|comes|come|was|were|is|are|had\s+been|has\s+been)\s+(?:(?:first\s+)?(?:given"
    r"|published|released|provided|confirmed|issued|supplied|announced|compiled)\s+by|from)\s+"
)
# "The central bank gave that figure to parliament": who gave it, left of the verb.
_GAVE_FIGURE_RE: Final = re.compile(
    r"\s(?:gave|provided|published|released|confirmed|supplied|issued|announced)\s+(?:that"
    rf"|this|the|these|those)\s+(?:latest\s+|same\s+)?{_FIGURE_WORDS}\b"
)


def _names_the_figure(sentence: str) -> Mention | None:
    """The source a sentence says the number before it came from ("That figure came from
    X", "X gave that figure to ..."), None when it says no such thing."""
    lower = sentence.lower()
    if not any(word in lower for word in _FIGURE_STEMS):
        return None  # (both patterns need one of these words: most sentences hold none)
    came = _FIGURE_CAME_RE.match(sentence)
    if came is not None:
        got = object_after(sentence, came.end())
        if got is not None:
            return Mention(came.end(), got[0], got[1], False)
        return None
    gave = _GAVE_FIGURE_RE.search(sentence)
    if gave is not None:
        subject = subject_before(sentence, gave.start() + 1)
        if subject is not None and not sentence[: subject[0]].strip():
            return Mention(subject[0], gave.start(), subject[1], False)  # opens the sentence
    return None


_SHARE_RE: Final = re.compile(r"[\d.,]+\s*(?:%|per\s*cent|percent)")
# The owner of a bare number: "the union's 200,000" ("the organisers' 1m" is not read).
_OWNER_RE: Final = re.compile(r"\b((?:the\s+)?[\w-]+)['’]s\s+$")


def owner_before(sentence: str, pos: int) -> Mention | None:
    """Whose number a bare number at ``pos`` is, when a possessive stands right before it:
    "against the union's 200,000" -> "the union"; None otherwise."""
    if not ends_at_any(sentence, ("'s ", "’s "), pos) or _SHARE_RE.match(sentence, pos):
        return None  # "the Civic Alliance's 33.8%": a share is its owner's result, no claim
    owner = _OWNER_RE.search(sentence, max(0, pos - 40), pos)
    if owner is None:
        return None
    return Mention(owner.start(), owner.end(), owner.group(1), False)


# Below this a number recurs in one article for different things too often ("2 dead", "2
# days"): a credit passes between two of its figures only when they count the same thing.
_DISTINCT_VALUE: Final = 100


def _distinct(value: float) -> bool:
    """Whether a number is rare enough in one article to stand for one thing wherever it is
    written: a large one, or one with decimals ("36.4C", "44.6%")."""
    return value >= _DISTINCT_VALUE or value != int(value)


# Between an amount and its conversion: "€4.5 billion (about $4.9 billion)", "£5 million, or
# about $6.3 million".
_CONVERSION_RE: Final = re.compile(
    r"\s*(?:\(|,\s*or\b)\s*(?:(?:about|around|roughly|some|nearly|almost|approximately)\s*)?"
)


def credit_conversions(figures: list[Figure]) -> list[Figure]:
    """An amount converted into another currency right after it takes its credit: "€18 million
    (about $19.6 million), the filing says" credits both; the conversion is the article's
    arithmetic on the credited number, not a number of its own."""
    out = list(figures)
    for i in range(1, len(out)):
        before, fig = out[i - 1], out[i]
        if (
            fig.attribution
            or not before.attribution
            or fig.sentence != before.sentence
            or fig.unit == before.unit
            or fig.unit.lower() not in ISO_CODES
            or before.unit.lower() not in ISO_CODES
            or not 0 <= fig.start - before.end <= 24
        ):
            continue
        # (the figure's own span may open with its bracket: "(about $4.9 billion")
        opening = _CONVERSION_RE.match(fig.sentence, before.end)
        if opening is not None and opening.end() >= fig.start:
            out[i] = replaced(fig, attribution=before.attribution)
    return out


def credit_repeats(figures: list[Figure]) -> list[Figure]:
    """Figures of one article with no credit take the one credit a figure of the same number
    got elsewhere in it ("Victims: 2 886 dead" in the key points, "... reached 2 886
    persons, informed the ERA" in the lead): the credit counts wherever the article gives
    it for that number. Numbers credited to two sources are left alone; a small number
    passes its credit only to a figure of the same thing, or one said with a word only the
    two passages share."""
    credits: dict[tuple[float, float, str], set[str]] = {}
    keys: dict[tuple[float, float, str], set[str]] = {}
    for fig in figures:
        ident = (fig.value_low, fig.value_high, fig.unit)
        keys.setdefault(ident, set()).add(fig.key)
        if fig.attribution:
            credits.setdefault(ident, set()).add(fig.attribution)
    if not credits:
        return figures
    out = []
    rare: frozenset[str] | None = None
    values_of: dict[str, set[float]] | None = None
    for fig in figures:
        ident = (fig.value_low, fig.value_high, fig.unit)
        given = credits.get(ident)
        if not fig.attribution and given is not None and len(given) == 1 and not _staff(fig):
            if _distinct(fig.value_low) or len(keys[ident]) == 1:
                fig = replaced(fig, attribution=next(iter(given)))
            else:
                # A small number said again with a word only the two passages share ("41
                # men are trapped in the north gallery", "Forty-one men remain ... in the
                # north gallery", not "three sports halls" for "three men freed overnight")
                rare = _rare_words(figures) if rare is None else rare
                words = _content(fig.sentence) & rare
                if values_of is None:
                    values_of = _values_by_sentence(figures)
                others = values_of[fig.sentence] - {fig.value_low}
                same = {
                    f.attribution
                    for f in figures
                    if f.attribution
                    and (f.value_low, f.value_high, f.unit) == ident
                    and (
                        not words.isdisjoint(_content(f.sentence))
                        # "23 held in Lorvik and nine in Daskeny" sums up "23 were arrested
                        # in Lorvik and nine in Daskeny, Falk said": the same numbers together
                        or not others.isdisjoint(values_of[f.sentence])
                    )
                }
                if len(same) == 1:
                    fig = replaced(fig, attribution=same.pop())
        out.append(fig)
    return out


_WORD_RE: Final = re.compile(r"[A-Za-z][a-z'’-]{3,}")
_PLAIN: Final = frozenset(
    "that this with from have been were they their there which when more than said says about"
    " also into after before over under some most other people".split()
)

_NUMBER_WORDS: Final = frozenset(
    "three four five seven eight nine eleven twelve dozen dozens hundred hundreds thousand"
    " thousands million millions".split()
)


def _rare_words(figures: list[Figure]) -> frozenset[str]:
    """Content words of at most two of the article's sentences holding figures: the words
    that tell one passage from the rest ("gallery", "rubble"), not the story's own ("Velby",
    "workers"), nor a time, which two things of one night share ("overnight")."""
    seen: dict[str, int] = {}
    for sentence in {f.sentence for f in figures}:
        for word in _content(sentence):
            seen[word] = seen.get(word, 0) + 1
    return frozenset(w for w, n in seen.items() if n <= 2) - _NUMBER_WORDS - TIME_WORDS


def _values_by_sentence(figures: list[Figure]) -> dict[str, set[float]]:
    """The numbers each sentence of the article holds (two passages holding the same two
    numbers tell the same thing)."""
    out: dict[str, set[float]] = {}
    for fig in figures:
        out.setdefault(fig.sentence, set()).add(fig.value_low)
    return out


def _content(sentence: str) -> frozenset[str]:
    """The words of a sentence that say what it is about (four letters or more, not plain),
    without a possessive ending ("Marrit's toll" is about Marrit)."""
    return (
        frozenset(
            w.lower().removesuffix("'s").removesuffix("’s").rstrip("'’")
            for w in _WORD_RE.findall(sentence)
        )
        - _PLAIN
    )


# A body's own size, which no report of the story gives: "The group employs 22,000 people",
# "Sorvik has 4,800 employees".
_STAFF_KEYS: Final = frozenset({"employee", "people", "person", "staff", "worker"})
_EMPLOY_RE: Final = re.compile(r"\bemploy(?:s|ed|ees|ing)?\b|\bworkforce\b")


def _staff(fig: Figure) -> bool:
    """Whether a figure is the size of a body's staff (a credit of the same number elsewhere
    is for another thing: "4,800 complaints" and "4,800 employees")."""
    return fig.key in _STAFF_KEYS and _EMPLOY_RE.search(fig.sentence.lower()) is not None


def credit_article(figures: list[Figure]) -> list[Figure]:
    """The credits an article's figures take from one another once each was read: a repeat
    of a credited number, a conversion of a credited amount; a comparison drawn between two
    numbers keeps none."""
    figures = credit_relayed(credit_repeats(figures))
    return uncredit_places(uncredit_comparisons(credit_conversions(figures)))


# A comparison of one number with another: "44.8%, nearly five points lower", "312,000, almost
# four times its first estimate", "almost ten times the price a year ago".
_COMPARED_RE: Final = re.compile(
    r"\b(?:points?\s+(?:lower|higher|below|above)|times\s+(?:its|the|their|his|her|that|what"
    r"|last|a)\b)"
)


def uncredit_comparisons(figures: list[Figure]) -> list[Figure]:
    """A multiple or a gap in points that compares two numbers ("nearly five points lower",
    "almost four times its first estimate") is the article's arithmetic, as a conversion
    is: no source gave it, whoever gave the numbers compared."""
    return [
        replaced(fig, attribution="")
        if fig.attribution
        and fig.unit in ("x", "pp")
        and _COMPARED_RE.search(fig.sentence) is not None
        else fig
        for fig in figures
    ]


# Where a place lies: "the Dry Creek Fire, 30 miles to the south,", "12 km north-east of Dorn".
_PLACE_DISTANCE_RE: Final = re.compile(
    r"(?P<n>\d[\d,.]*)\s*(?:miles|mi|km|kilometres|kilometers)\s+(?:to\s+the\s+)?(?:north|south"
    r"|east|west)(?:-?(?:east|west))?(?:\b|ward)"
)


def uncredit_places(figures: list[Figure]) -> list[Figure]:
    """A distance saying where a place lies ("30 miles to the south") describes the map, not
    a number any source gave, whoever the sentence credits with its other numbers."""
    out = []
    for fig in figures:
        if fig.attribution and fig.unit in ("mi", "km"):
            for m in _PLACE_DISTANCE_RE.finditer(fig.sentence):
                digits = m.group("n").replace(",", "").rstrip(".")
                if digits.count(".") <= 1 and float(digits) == fig.value_low:
                    fig = replaced(fig, attribution="")
                    break
        out.append(fig)
    return out


def credit_relayed(figures: list[Figure]) -> list[Figure]:
    """A number credited to an outlet takes the source the outlet is seen citing for the same
    number elsewhere in the article ("15 miners were lifted out, VelPress reported" and
    "VelPress, quoting the ministry, said the 15 men ..."): the source gave it."""
    relays = [
        f for f in figures if f.attribution and ("citing" in f.sentence or "quoting" in f.sentence)
    ]
    if not relays:
        return figures
    out = []
    for fig in figures:
        if fig.attribution:
            cited = {
                r.attribution
                for r in relays
                if r.value_low == fig.value_low
                and r.unit == fig.unit
                and r.attribution != fig.attribution
                and fig.attribution.lower() in r.sentence.lower()
            }
            if len(cited) == 1:
                fig = replaced(fig, attribution=cited.pop())
        out.append(fig)
    return out
