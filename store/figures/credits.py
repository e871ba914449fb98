"""Credits that no "X said" clause around a number gives: the short sentence after it ("At
least 31 people drowned. The coast guard said in a statement."), and a possessive right
before a bare number ("against the union's 200,000").

Apart from ``store.figures.about`` (which calls it for sentences naming no source) so that
the annotating pass stays one subject per module; it reads text only, never the figures.
"""

from __future__ import annotations

import re
from typing import Final

from store.figures.affix import ends_at_any
from store.figures.attribution import Mention, find_mentions
from store.figures.currency import ISO_CODES
from store.figures.records import replaced
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


# The owner of a bare number: "the union's 200,000" ("the organisers' 1m" is not read).
_OWNER_RE: Final = re.compile(r"\b((?:the\s+)?[\w-]+)['’]s\s+$")


def owner_before(sentence: str, pos: int) -> Mention | None:
    """Whose number a bare number at ``pos`` is, when a possessive stands right before it:
    "against the union's 200,000" -> "the union"; None otherwise."""
    if not ends_at_any(sentence, ("'s ", "’s "), pos):
        return None
    owner = _OWNER_RE.search(sentence, max(0, pos - 40), pos)
    if owner is None:
        return None
    return Mention(owner.start(), owner.end(), owner.group(1), False)


# Below this a number recurs in one article for different things too often ("2 dead", "2
# days"): a credit passes between two of its figures only when they count the same thing.
_DISTINCT_VALUE: Final = 100


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
    it for that number. Numbers credited to two sources are left alone."""
    credits: dict[tuple[float, float, str], set[str]] = {}
    for fig in figures:
        if fig.attribution:
            credits.setdefault((fig.value_low, fig.value_high, fig.unit), set()).add(
                fig.attribution
            )
    if not credits:
        return figures
    keys: dict[tuple[float, float, str], set[str]] | None = None  # (read only when asked)
    out = []
    for fig in figures:
        if not fig.attribution:
            ident = (fig.value_low, fig.value_high, fig.unit)
            given = credits.get(ident)
            if given is not None and len(given) == 1:
                if not fig.value_low >= _DISTINCT_VALUE:  # (a NaN value too)
                    if keys is None:
                        keys = _keys_by_number(figures)
                    if len(keys[ident]) != 1:
                        out.append(fig)
                        continue
                fig = replaced(fig, attribution=next(iter(given)))
        out.append(fig)
    return out


def _keys_by_number(figures: list[Figure]) -> dict[tuple[float, float, str], set[str]]:
    """The keys the figures of each number (value and unit) were given."""
    keys: dict[tuple[float, float, str], set[str]] = {}
    for fig in figures:
        keys.setdefault((fig.value_low, fig.value_high, fig.unit), set()).add(fig.key)
    return keys
