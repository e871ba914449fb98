"""Plain-text views of figures and comparisons for the command line, fitting 80 columns.

Pure string building (no terminal library), so the same text serves the CLI, tests and pipes.
Article text is untrusted: control characters are removed and whitespace folded before any of
it is laid out, and widths are measured in terminal cells (wide CJK characters count two).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

from store.figures.compare import Comparison, VersionChange
from store.figures.numbers import format_value
from store.model import Figure
from store.sanitize import one_line

CONFLICT_MARK = "≠"
AGREE_MARK = "="
SINGLE_MARK = " "
MARKS = {"conflict": CONFLICT_MARK, "agree": AGREE_MARK, "single": SINGLE_MARK}
CHANGE_MARKS = {"changed": "Δ", "added": "+", "removed": "−", "same": "="}
_BOUND_PREFIX = {"=": "", "~": "~", ">": ">", ">=": "≥", "<": "<", "<=": "≤", "range": ""}
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


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
    """``text`` cut to ``width`` cells (with "…" when cut) and padded to exactly ``width``."""
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
    return "".join(out) + "…" + " " * (width - used - 1)


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Greedy word wrap by cells; words longer than a line are cut."""
    lines: list[str] = []
    line = ""
    room = width - cell_width(indent)
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
    return lines or [indent]


def figure_value(fig: Figure) -> str:
    """A figure's value as a reader writes it: "~12,000", "≥537", "$1.5bn", "1,000–3,000"."""

    def amount(v: float) -> str:
        text = format_value(v)
        if fig.unit in _SYMBOLS:
            return _SYMBOLS[fig.unit] + text
        if fig.unit == "%":
            return text + "%"
        if fig.unit == "count":
            return text
        if fig.unit in ("°C", "km", "km²", "kg", "m"):
            return f"{text} {fig.unit}" if fig.unit != "°C" else f"{text}°C"
        if len(fig.unit) == 3 and fig.unit.isupper():
            return f"{fig.unit} {text}"
        return f"{text} {fig.unit}"

    if fig.value_low != fig.value_high:
        text = f"{amount(fig.value_low)}–{amount(fig.value_high)}"
        if fig.bound not in ("range", "="):
            text = _BOUND_PREFIX.get(fig.bound, "") + text
    else:
        text = _BOUND_PREFIX.get(fig.bound, "") + amount(fig.value_low)
    if fig.change == "up":
        text = "↑" + text
    elif fig.change == "down":
        text = "↓" + text
    return clean(text)  # the unit is text from the library


def render_figures(figures: Sequence[Figure], width: int = 80) -> str:
    """Each figure on one line (value, key, the counted thing as written, where it sits),
    followed by its sentence, indented and wrapped."""
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
            f"{fit(figure_value(fig), value_w - 1)} {fit(clean(fig.key), key_w - 1)} "
            f"{fit(clean(fig.counts), counts_w - 1)} {part}".rstrip()
        )
        lines.extend(wrap(clean(fig.sentence), width, indent="    ")[:3])
    return "\n".join(lines)


def _cell_text(figs: Sequence[Figure]) -> str:
    return "; ".join(figure_value(f) for f in figs) if figs else "–"


def render_comparison(
    comparison: Comparison,
    titles: Mapping[int, str] | None = None,
    width: int = 80,
    changes: Sequence[VersionChange] | None = None,
) -> str:
    """The side-by-side table: a row per thing counted, a column per article, then the claims.

    Conflicting rows are marked ``≠`` in the first column (agreeing ones ``=``); the sentences
    each article gives follow the table so the reader can judge. More articles than fit in the
    width are shown in several blocks of columns.
    """
    titles = titles or {}
    ids = list(comparison.articles)
    lines: list[str] = []
    for n, aid in enumerate(ids, 1):
        lines.append(fit(f"[{n}] #{aid} {clean(titles.get(aid, ''))}", width).rstrip())
    lines.append(
        fit(
            f"{CONFLICT_MARK} conflict   {AGREE_MARK} agree   (blank) one source only", width
        ).rstrip()
    )
    if not comparison.rows:
        lines.append("")
        lines.append("No figures to compare.")
        return "\n".join(lines)
    mark_w, key_w = 2, 16
    col_min = 12
    per_block = max(1, (width - mark_w - key_w) // col_min)
    for block_start in range(0, len(ids), per_block):
        block = ids[block_start : block_start + per_block]
        col_w = max(col_min, (width - mark_w - key_w) // len(block))
        lines.append("")
        head = " " * mark_w + fit("what", key_w)
        for aid in block:
            head += fit(f"[{ids.index(aid) + 1}]", col_w)
        lines.append(head.rstrip())
        lines.append("─" * min(width, mark_w + key_w + col_w * len(block)))
        for row in comparison.rows:
            line = fit(MARKS.get(row.verdict, " "), mark_w) + fit(clean(row.label), key_w - 1) + " "
            for aid in block:
                line += fit(_cell_text(row.cells.get(aid, [])), col_w - 1) + " "
            lines.append(line.rstrip())
    if changes:
        lines.append("")
        lines.append("Between the first and the last version:")
        for change in changes:
            before = _cell_text(change.old)
            after = _cell_text(change.new)
            text = f"{CHANGE_MARKS.get(change.status, ' ')} {change.label}: {before} → {after}"
            lines.extend(wrap(clean(text), width))
    lines.append("")
    lines.append("What each article says:")
    for row in comparison.rows:
        if not any(row.cells.values()):
            continue
        lines.append("")
        lines.append(fit(f"{MARKS.get(row.verdict, ' ')} {clean(row.label)}", width).rstrip())
        for aid in ids:
            for fig in row.cells.get(aid, []):
                text = f"[{ids.index(aid) + 1}] {figure_value(fig)}: {clean(fig.sentence)}"
                lines.extend(wrap(text, width, indent="    ")[:4])
    return "\n".join(lines)
