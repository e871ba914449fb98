"""How newsdesk words figures, verdicts and comparisons: one renderer for the command line,
the app and the exports (issue 14: they used to disagree, "$1.5bn" here, "$1.5 billion"
there, ``≠`` in one and ``✗`` in the other, sentences cut without "…").

Pure string building, no terminal library, so ``store/`` stays headless and every front end
shows the same words. Article text is untrusted: ``clean`` removes control characters and
folds whitespace before anything is laid out; widths are counted in terminal cells (wide CJK
characters count two).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from store.figures import periods as pd
from store.figures.units import format_value
from store.model import Figure
from store.sanitize import one_line

if TYPE_CHECKING:
    from store.figures.claims import Claim
    from store.figures.compare import Comparison, VersionChange

# Verdict marks, the same everywhere; each reads without colour.
MARKS: Final = {"conflict": "✗", "revised": "↗", "agree": "✓", "single": "·"}
CLASH_MARK: Final = "≠"  # a cell whose figure clashes with the most others (the odd one out)
CHANGE_MARKS: Final = {"changed": "Δ", "added": "+", "removed": "−", "same": "="}
LEGEND: Final = "✗ conflict  ↗ revised  ✓ agree  · single  ≠ odd one out"
CHANGE_LEGEND: Final = "Δ changed  + added  − removed  = same"
ELLIPSIS: Final = "…"
_BOUND_PREFIX: Final = {"=": "", "~": "~", ">": ">", ">=": "≥", "<": "<", "<=": "≤", "range": ""}
_ARROWS: Final = {"up": "↑", "down": "↓"}


def clean(text: str) -> str:
    """Text safe for a terminal (``store.sanitize``, the one sanitizer), whitespace folded."""
    return one_line(text)


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes: wide characters 2, combining marks 0."""
    width = 0
    for ch in text:
        if ord(ch) < 0x300:
            width += 1
        elif unicodedata.combining(ch):
            continue
        elif unicodedata.east_asian_width(ch) in ("W", "F"):
            width += 2
        else:
            width += 1
    return width


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells (ending in "…" when cut) and padded to exactly it."""
    if width <= 0:
        return ""
    if cell_width(text) <= width:
        return text + " " * (width - cell_width(text))
    out = []
    used = 0
    for ch in text:
        w = cell_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + ELLIPSIS + " " * (width - used - 1)


def wrap(text: str, width: int, indent: str = "", max_lines: int = 0) -> list[str]:
    """Greedy word wrap by cells; words longer than a line are cut. With ``max_lines`` the
    text is cut to that many lines, the last one ending in "…" when anything was left out."""
    lines: list[str] = []
    line = ""
    room = max(1, width - cell_width(indent))
    for word in text.split():
        if cell_width(word) > room:
            word = fit(word, room).rstrip()
        candidate = f"{line} {word}" if line else word
        if cell_width(candidate) <= room:
            line = candidate
        else:
            lines.append(indent + line)
            line = word
    if line:
        lines.append(indent + line)
    if max_lines and len(lines) > max_lines:
        last = lines[max_lines - 1]
        if cell_width(last) + 1 > width:
            last = indent + fit(last[len(indent) :], room - 1).rstrip()
        lines = lines[: max_lines - 1] + [last.rstrip() + ELLIPSIS]
    return lines or [indent]


def number(value: float) -> str:
    """A number as a reader writes it: "11,000", "2.5", "1.5bn", "2.1m", "0.25"."""
    return format_value(value, "count")


def amount(value: float, unit: str) -> str:
    """A value in its unit: "$1.5bn", "15%", "UAH 200", "23,713 acres", "12,000" (the units
    vocabulary's own wording, ``store.figures.units.format_value``)."""
    return format_value(value, unit)


def figure_value(fig: Figure, with_from: bool = False) -> str:
    """A figure's value with its hedge and change: "~12,000", "≥537", "$1.5bn",
    "1,000–3,000", "↑15%"; with ``with_from`` a move says where it started ("↓$59,870 from
    $61,200")."""
    unit = clean(fig.unit)
    if fig.value_low != fig.value_high:
        text = f"{amount(fig.value_low, unit)}–{amount(fig.value_high, unit)}"
        if fig.bound not in ("range", "="):
            text = _BOUND_PREFIX.get(fig.bound, "") + text
    else:
        text = _BOUND_PREFIX.get(fig.bound, "") + amount(fig.value_low, unit)
    text = _ARROWS.get(fig.change, "") + text
    if with_from and fig.value_from is not None:
        text += f" from {amount(fig.value_from, unit)}"
    return clean(text)  # the unit is text from the library


def cell_text(figures: Sequence[Figure]) -> str:
    """Every figure an article gives for one row, joined; "–" when it gives none."""
    return "; ".join(figure_value(f) for f in figures) if figures else "–"


def about_text(fig: Figure) -> str:
    """What a figure is about, for one line: "first, North Korean · 2024 · per NIS"."""
    parts = []
    if fig.qualifier:
        parts.append(clean(fig.qualifier))
    if fig.period:
        parts.append(pd.describe(fig.period))
    if fig.attribution:
        parts.append("per " + clean(fig.attribution))
    return " · ".join(parts)


def verdict_text(verdict: str) -> str:
    """A verdict with its mark: "✗ conflict"."""
    return f"{MARKS.get(verdict, '?')} {verdict}"


def _who(claims: Sequence[Claim]) -> str:
    names = list(dict.fromkeys(clean(c.source) for c in claims if c.source))
    return "; ".join(names)


def claims_summary(claims: Sequence[Claim], verdict: str) -> str:
    """Who says what. A conflict or an agreement: each value with its sources, "~11,000 (NIS)
    vs ~12,000 (US; HUR)"; a revised count: its values in date order, "≥144 (Reuters
    2025-03-28) → 1,644 (AP 2025-03-29)"."""
    if not claims:
        return ""
    if verdict == "revised":
        ordered = sorted(claims, key=lambda c: (c.published or "9999", c.column, c.order))
        steps: list[str] = []
        last_value: str | None = None
        for claim in ordered:
            value = figure_value(claim.figure)
            when = claim.published if not claim.published.startswith("v") else ""
            who = clean(claim.source)
            tag = " ".join(t for t in (who, when) if t)
            if value == last_value and steps:
                continue
            steps.append(f"{value} ({tag})" if tag else value)
            last_value = value
        return " → ".join(steps)
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(figure_value(claim.figure), []).append(claim)
    ordered_groups = sorted(
        groups.items(), key=lambda kv: (kv[1][0].figure.value_low, kv[1][0].figure.value_high)
    )
    parts = []
    for value, members in ordered_groups:
        who = _who(members)
        parts.append(f"{value} ({who})" if who else value)
    return " vs ".join(parts) if verdict == "conflict" else "; ".join(parts)


def render_figures(figures: Sequence[Figure], width: int = 80) -> str:
    """Each figure on one line (value, key, the counted thing as written, where it sits), then
    what it is about (qualifier, period, source) and its sentence, indented and wrapped."""
    if not figures:
        return "No figures found."
    value_w, key_w, part_w = 18, 16, 10
    counts_w = max(8, width - value_w - key_w - part_w)
    lines = [
        f"{fit('value', value_w)}{fit('key', key_w)}{fit('counts', counts_w)}where".rstrip(),
        "─" * width,
    ]
    for fig in figures:
        part = {"key_point": "key point"}.get(fig.part, fig.part)
        lines.append(
            f"{fit(figure_value(fig, with_from=True), value_w - 1)} "
            f"{fit(clean(fig.key), key_w - 1)} "
            f"{fit(clean(fig.counts), counts_w - 1)} {part}".rstrip()
        )
        about = about_text(fig)
        if about:
            lines.extend(wrap(about, width, indent="    ", max_lines=1))
        lines.extend(wrap(clean(fig.sentence), width, indent="    ", max_lines=3))
    return "\n".join(lines)


def _row_mark(row: Any, change: str | None) -> str:
    if change is not None:
        return CHANGE_MARKS.get(change, " ")
    return MARKS.get(row.verdict, " ")


def render_comparison(
    comparison: Comparison,
    titles: Mapping[int, str] | None = None,
    width: int = 80,
    changes: Sequence[VersionChange] | None = None,
) -> str:
    """The side-by-side table: a row per fact, a column per article, then who says what and
    the sentences.

    Rows carry the verdict mark (✗ conflict, ↗ revised, ✓ agree, · single), a clashing cell
    ``≠``. Between versions of one article the mark says what changed instead (Δ + − =), as
    in the app. More articles than fit in the width are shown in several blocks of columns.
    """
    from store.figures.verdicts import row_change

    titles = titles or {}
    ids = list(comparison.articles)
    versions = bool(getattr(comparison, "versions", False))
    lines: list[str] = []
    for n, aid in enumerate(ids, 1):
        lines.append(fit(f"[{n}] #{aid} {clean(titles.get(aid, ''))}", width).rstrip())
    lines.append(fit(CHANGE_LEGEND if versions else LEGEND, width).rstrip())
    if not comparison.rows:
        lines.append("")
        lines.append("No figures to compare.")
        return "\n".join(lines)
    mark_w, key_w = 2, 24
    col_min = 12
    per_block = max(1, (width - mark_w - key_w) // col_min)
    row_changes = {
        id(row): (row_change(row, ids[0], ids[-1]) if versions else None) for row in comparison.rows
    }
    for block_start in range(0, len(ids), per_block):
        block = ids[block_start : block_start + per_block]
        col_w = max(col_min, (width - mark_w - key_w) // len(block))
        lines.append("")
        head = " " * mark_w + fit("fact", key_w)
        for aid in block:
            head += fit(f"[{ids.index(aid) + 1}]", col_w)
        lines.append(head.rstrip())
        lines.append("─" * min(width, mark_w + key_w + col_w * len(block)))
        for row in comparison.rows:
            mark = _row_mark(row, row_changes[id(row)])
            line = fit(mark, mark_w) + fit(clean(row.label), key_w - 1) + " "
            for aid in block:
                cell = cell_text(row.cells.get(aid, []))
                if aid in getattr(row, "clashing", ()) and row.verdict == "conflict":
                    cell = CLASH_MARK + " " + cell
                line += fit(cell, col_w - 1) + " "
            lines.append(line.rstrip())
    if changes:
        lines.append("")
        lines.append("Between the first and the last version:")
        for change in changes:
            before = cell_text(change.old)
            after = cell_text(change.new)
            text = f"{CHANGE_MARKS.get(change.status, ' ')} {change.label}: {before} → {after}"
            lines.extend(wrap(clean(text), width))
    lines.append("")
    lines.append("What each article says:")
    for row in comparison.rows:
        if not any(row.cells.values()):
            continue
        lines.append("")
        mark = _row_mark(row, row_changes[id(row)])
        lines.extend(wrap(f"{mark} {clean(row.label)} ({row.verdict})", width, max_lines=2))
        summary = getattr(row, "summary", "")
        if summary and row.verdict in ("conflict", "revised"):
            lines.extend(wrap(summary, width, indent="  ", max_lines=3))
        for aid in ids:
            for fig in row.cells.get(aid, []):
                who = f" per {clean(fig.attribution)}" if fig.attribution else ""
                text = f"[{ids.index(aid) + 1}] {figure_value(fig, with_from=True)}{who}: "
                text += clean(fig.sentence)
                lines.extend(wrap(text, width, indent="    ", max_lines=4))
    return "\n".join(lines)
