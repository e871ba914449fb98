"""Find the figures in a text: one scan for number candidates, then a short look around each.

Each candidate is built into a figure by ``build.build`` (which rejects what is no figure and
reads the bound, unit, counted thing and change around it). Moves ("to 38,650 from 52,100")
and ranges ("1,000 to 3,000") merge two adjacent candidates. Figures with the same key and
value collapse into one with every place.
"""

from __future__ import annotations

from store.figures import candidates as cd
from store.figures import context as cx
from store.figures import counted as ct
from store.figures import moves as mv
from store.figures import spelled as sp
from store.figures import subject as sj
from store.figures.about import annotate
from store.figures.around import sentence_span
from store.figures.build import build
from store.figures.build_words import SentenceSpans, is_fallback
from store.figures.collapse import collapse
from store.figures.durations import join_durations
from store.figures.lexicon import Lexicon, default_lexicon
from store.figures.records import replaced
from store.figures.words import no_thing
from store.model import PART_BODY, PART_KEY_POINT, PART_LEAD, Article, Figure


def _candidates(text: str, lower: str) -> list[cd.Cand]:
    """Every number candidate of ``text`` in order of position.

    A candidate whose reading fails (a value no float holds, a shape no rule expected) is
    dropped alone: one odd number never costs the text its other figures.
    """
    ascii_lower = lower.encode("ascii") if lower.isascii() else None
    out: list[cd.Cand] = []
    for m in cd.digit_runs(text, ascii_lower):
        try:
            cand = cd.digit_candidate(text, lower, m)
        except (ArithmeticError, ValueError, IndexError):
            continue
        if cand is not None and not (out and cand.start < out[-1].unit_end):
            out.append(cand)  # (digits inside the one before are its own: "1 in 3")
    words = sp.word_candidates(text, lower, [(c.start, c.end) for c in out], ascii_lower)
    if words:
        # Digits a word number spans are its own ("one in 10 genes"): not a second figure.
        spans = [(w.start, w.unit_end) for w in words if w.unit_after == "fraction"]
        if spans:
            out = [c for c in out if not any(lo < c.start < hi for lo, hi in spans)]
        out.extend(words)
        out.sort(key=lambda c: c.start)
    return out


def _lowered(text: str) -> str:
    lower = text.lower()
    if len(lower) != len(text):  # a rare letter whose lowercase is longer: keep offsets true
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lower


def _figures_in(text: str, part: str, lexicon: Lexicon) -> list[Figure]:
    """The figures of one text, in order. Each candidate is built on its own guard: one that
    fails is skipped, never the text's other figures."""
    lower = _lowered(text)
    cands = _candidates(text, lower)
    figures: list[Figure] = []
    prev: Figure | None = None
    counted_before: Figure | None = None  # the last count that named its thing
    spans = SentenceSpans()  # the last sentence found: the next number is often in it too
    i = 0
    n = len(cands)
    while i < n:
        a = cands[i]
        i += 1
        b: cd.Cand | None = None
        try:
            nxt = cands[i] if i < n else None
            # A move needs "from" right before its first number or between the two: looked
            # for first, as most pairs of numbers are no move.
            if (
                nxt is not None
                and nxt.start - a.unit_end <= 70
                and lower.find("from", max(0, a.start - 6), nxt.start) != -1
            ):
                move = mv.find_move(text, lower, a, nxt)
                if move is not None:
                    fig = _build_move(text, lower, part, lexicon, move, prev, spans)
                    if fig is not None:
                        i += 1
                        figures.append(fig)
                        prev = fig
                        continue
            # Ranges: "1,000 to 3,000", "1,000–3,000", "between 1,000 and 3,000", "two or three".
            if nxt is not None and nxt.start - a.unit_end <= 6:
                join = cx.RANGE_JOIN_RE.match(text, a.unit_end)
                if join is not None and join.end() == nxt.start:
                    word = (join.group("word") or "").lower()
                    if mv.is_score(text, lower, a, nxt, join.group("dash") or word) or (
                        word != "and" and mv.is_label(a, nxt)
                    ):
                        i += 1
                        continue  # "won 3-2": a result, never a figure
                    if mv.is_range(lower, a, nxt, word):
                        b = nxt
                        i += 1
            fig = build(text, lower, part, lexicon, a, b, prev, counted_before, spans)
        except (ArithmeticError, ValueError, IndexError, KeyError):
            continue
        if fig is not None:
            figures.append(fig)
            prev = fig
            if fig.unit == "count" and not is_fallback(fig):
                counted_before = fig
    # A key a first reading landed on that names nothing counted ("thus", "week'" of "the
    # week's total") is read as the total it stands for: the comparison then points it back to
    # what the article counted, and no row or listing is labelled "thus".
    figures = join_durations(text, figures)
    return [replaced(f, key="total") if no_thing(f.key) else f for f in figures]


def _build_move(
    text: str,
    lower: str,
    part: str,
    lexicon: Lexicon,
    move: mv.Move,
    prev: Figure | None,
    spans: SentenceSpans | None = None,
) -> Figure | None:
    """One figure for a move: the new value, its direction, the old value as ``value_from``.

    Both ends are built as figures first (each reads its own words), then merged: the key is
    the first one found, as the subject sits before whichever end is written first.
    """
    if move.old.start < move.new.start:
        first, second = move.old, move.new
    else:
        first, second = move.new, move.old
    fig_first = build(text, lower, part, lexicon, first, None, prev, None, spans)
    fig_second = build(text, lower, part, lexicon, second, None, fig_first or prev, None, spans)
    new, old = (fig_first, fig_second) if first is move.new else (fig_second, fig_first)
    # A move's ends may name nothing on their own ("... narrowed to 38,650 from 52,100"): the
    # move itself is still a figure, of the thing its other end names if any.
    new = new or _bare(text, part, move.new, old)
    old = old or _bare(text, part, move.old, new)
    named = fig_first if fig_first is not None and not is_fallback(fig_first) else new
    key, counts = named.key, named.counts
    after = [w.strip(".,;:!?)") for w in lower[second.unit_end : second.unit_end + 20].split()[:1]]
    bare = not after or not after[0].isalpha() or after[0] in ct.STOP
    if new.unit == "count" and (is_fallback(named) or bare):
        # "raise the retirement age from 62 to 64 by 2034": no noun after the numbers, so the
        # object before "from" is what moves (never a key the figure before lent them)
        floor = max(0, first.start - 60)
        words = lower[floor : first.start].split()
        if floor and lower[floor - 1].isalnum():
            words = words[1:]  # the window began inside a word
        if words and words[-1] == "from":
            thing = sj.left_subject([*words[:-1], "is"], lexicon, text, lower, first.start)
            if thing and thing != ct.PREVIOUS:
                key, counts = thing, thing
    direction = move.direction
    if not direction and new.value_low != old.value_low:
        direction = "up" if new.value_low > old.value_low else "down"
    lo, hi = min(new.start, old.start), max(new.end, old.end)
    return replaced(
        new,
        key=key,
        counts=counts,
        change=direction,
        value_from=old.value_low,
        start=lo,
        end=hi,
        places=((part, lo, hi),),
    )


def _bare(text: str, part: str, cand: cd.Cand, like: Figure | None) -> Figure:
    """A figure for one end of a move that named nothing itself (key of ``like``, if any)."""
    unit = cand.unit or cand.unit_after or (like.unit if like is not None else "count")
    key = like.key if like is not None else unit.lower()
    s_lo, s_hi = sentence_span(text, cand.start, text.rfind("\n", 0, cand.start) + 1)
    return Figure(
        value_low=cand.low,
        value_high=cand.high,
        bound="=",
        unit=unit,
        counts=like.counts if like is not None else "",
        key=key,
        change="",
        sentence=text[s_lo:s_hi].strip(),
        start=cand.start,
        end=cand.unit_end,
        part=part,
        places=((part, cand.start, cand.unit_end),),
    )


def extract_text(text: str, part: str = PART_BODY, lexicon: Lexicon | None = None) -> list[Figure]:
    """Every figure in one text, offsets into ``text``; repeats collapse into one figure."""
    lex = lexicon if lexicon is not None else default_lexicon()
    return collapse(_figures_in(text, part, lex))


def extract_article(article: Article, lexicon: Lexicon | None = None) -> list[Figure]:
    """Every figure of an article: key points, then lead, then body; repeats collapse."""
    lex = lexicon if lexicon is not None else default_lexicon()
    found: list[Figure] = []
    texts = {p: article.part_text(p) for p in (PART_KEY_POINT, PART_LEAD, PART_BODY)}
    for part, text in texts.items():
        if text:
            found.extend(_figures_in(text, part, lex))
    # What each figure is about (qualifier, period, attribution): one pass after collapsing.
    return annotate(collapse(found), article, texts=texts)
