"""A comparison of figures as plain text: the cell wording, Markdown, CSV, and safe file writes.

Why here and not in the UI: the same words ("~11,000", ">1,000", "1,000–3,000") appear in the
compare screen, in exported files and in scripts, so they are produced in one headless place.
Nothing here knows about Textual; the screen turns these strings into styled ``Content``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from store.model import ArticleRow, Figure
from store.sanitize import one_line, sanitize

VERDICT_ORDER = {"conflict": 0, "agree": 1, "single": 2}
VERDICT_SYMBOL = {"conflict": "✗", "agree": "✓", "single": "·"}
# Between versions of one article: what happened to each row from the oldest to the newest.
CHANGE_SYMBOL = {"changed": "Δ", "added": "+", "removed": "−", "same": "="}
_BOUND_PREFIX = {"=": "", "~": "~", ">": ">", ">=": "≥", "<": "<", "<=": "≤"}
_CURRENCY_SIGN = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_CHANGE_ARROW = {"up": "↑", "down": "↓"}


class CompareRowLike(Protocol):
    """The fields of ``store.figures.compare.CompareRow`` this module reads."""

    key: str
    label: str
    verdict: str
    cells: Mapping[int, list[Figure]]


class ComparisonLike(Protocol):
    """The fields of ``store.figures.compare.Comparison`` this module reads."""

    articles: list[int]
    rows: Sequence[Any]


def strip_controls(text: str) -> str:
    """Text made inert in terminals and files: ``store.sanitize``, the one sanitizer."""
    return sanitize(text)


def _number(value: float) -> str:
    """A number as a reader writes it: thousands separators, scale words past a million."""
    magnitude = abs(value)
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if magnitude >= scale:
            return f"{value / scale:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _with_unit(number: str, unit: str) -> str:
    """Attach the unit the way it is read: "15%", "$1.5 billion", "UAH 200", "40 km"."""
    unit = one_line(unit)
    if not unit or unit.lower() in {"count", "number", "people"}:
        return number
    if unit == "%":
        return f"{number}%"
    if unit in _CURRENCY_SIGN:
        return f"{_CURRENCY_SIGN[unit]}{number}"
    if len(unit) == 3 and unit.isalpha() and unit.isupper():
        return f"{unit} {number}"
    return f"{number} {unit}"


def figure_text(fig: Figure) -> str:
    """One figure with its hedge: "~11,000", ">1,000", "1,000–3,000", "↑15%"."""
    if fig.bound == "range" and fig.value_high != fig.value_low:
        value = f"{_number(fig.value_low)}–{_number(fig.value_high)}"
    else:
        value = _BOUND_PREFIX.get(fig.bound, fig.bound) + _number(fig.value_low)
    # bound and unit are text from the library: sanitized like every other string shown
    return one_line(_CHANGE_ARROW.get(fig.change, "") + _with_unit(value, fig.unit))


def cell_text(figures: Iterable[Figure]) -> str:
    """Every figure an article gives for one row, joined; "" when it gives none."""
    return " / ".join(figure_text(f) for f in figures)


def sorted_rows(rows: Iterable[Any]) -> list[Any]:
    """Rows with conflicts first, then agreements, then single-source rows (stable otherwise)."""
    return sorted(rows, key=lambda r: VERDICT_ORDER.get(r.verdict, 3))


def conflicting_articles(row: Any) -> set[int]:
    """Ids of the articles in a conflict row whose figures clash with another article's.

    The verdict itself comes from ``store.figures.compare``; this only says WHICH cells to mark,
    so a reader sees the odd one out rather than a whole red row.
    """
    if row.verdict != "conflict":
        return set()
    from store.figures.compare import figures_agree  # the same rule that gave the verdict

    ids = [i for i, figs in row.cells.items() if figs]
    clashes = {
        i: sum(1 for j in ids if j != i and not figures_agree(row.cells[i], row.cells[j]))
        for i in ids
    }
    worst = max(clashes.values(), default=0)
    if worst == 0:
        return set(ids)
    # The article(s) clashing with the most others: with two sources both, with three where
    # two agree, only the odd one out.
    return {i for i, n in clashes.items() if n == worst}


@dataclass(frozen=True)
class ColumnInfo:
    """What an exported column (one article) is called: source, date, title, version."""

    id: int
    source: str
    published: str
    title: str
    version: int = 0

    @property
    def heading(self) -> str:
        """ "Source · date" (or "undated"), with the version when one is compared with itself."""
        source = one_line(self.source) or "unknown source"
        date = one_line(self.published)[:10] or "undated"
        head = f"{source} · {date}"
        return f"{head} · v{self.version}" if self.version else head


def columns_from_rows(rows: Mapping[int, ArticleRow]) -> dict[int, ColumnInfo]:
    """Column descriptions from the article list's rows (``Library.rows``)."""
    return {i: ColumnInfo(i, r.source, r.published, r.title) for i, r in rows.items()}


def _md(text: str) -> str:
    """Untrusted text made inert in Markdown: one line, markup characters escaped."""
    return re.sub(r"([\\`*_{}\[\]<>()#+!|~])", r"\\\1", one_line(text))


def _md_figure(text: str) -> str:
    """A figure's own wording, escaped like text except its hedge: "~11,000", ">1,000" and
    "<5%" stay readable (a lone tilde in one cell cannot pair into strikethrough, and "<" or
    ">" before a digit starts neither an HTML tag nor a quote inside a table cell)."""
    return re.sub(r"\\([~<>])(?=[\d$€£¥])", r"\1", _md(text))


def to_markdown(comparison: ComparisonLike, columns: Mapping[int, ColumnInfo]) -> str:
    """The comparison as a Markdown document: the table, then each row's source sentences."""
    ids = list(comparison.articles)
    rows = sorted_rows(comparison.rows)
    conflicts = sum(1 for r in rows if r.verdict == "conflict")
    out: list[str] = [f"# Comparison of {len(ids)} articles", ""]
    out.append(f"{len(rows)} figures compared, {conflicts} in conflict.")
    out.append("")
    for n, i in enumerate(ids, 1):
        col = columns.get(i) or ColumnInfo(i, "", "", "")
        out.append(f"{n}. {_md(col.heading)}: {_md(col.title)} (id {i})")
    out.append("")
    head = ["What", "Verdict"] + [
        f"{n}. {_md(_col(columns, i).heading)}" for n, i in enumerate(ids, 1)
    ]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    for row in rows:
        cells = [_md_figure(cell_text(row.cells.get(i, []))) or "–" for i in ids]
        verdict = f"{VERDICT_SYMBOL.get(row.verdict, '?')} {row.verdict}"
        out.append("| " + " | ".join([_md(row.label), verdict, *cells]) + " |")
    out.append("")
    out.append("## Sentences")
    for row in rows:
        out.append("")
        out.append(f"### {_md(row.label)} ({row.verdict})")
        out.append("")
        for i in ids:
            for fig in row.cells.get(i, []):
                col = _col(columns, i)
                out.append(
                    f"- {_md(col.heading)}: **{_md_figure(figure_text(fig))}**. {_md(fig.sentence)}"
                )
    return "\n".join(out) + "\n"


CSV_HEADER = [
    "key",
    "label",
    "verdict",
    "article_id",
    "source",
    "published",
    "title",
    "figure",
    "value_low",
    "value_high",
    "bound",
    "unit",
    "change",
    "part",
    "sentence",
]


def to_csv(comparison: ComparisonLike, columns: Mapping[int, ColumnInfo]) -> str:
    """The comparison as CSV: one line per figure (row x article), conflict rows first.

    Long form on purpose: a spreadsheet or script can pivot it, and an article giving two
    figures for one row keeps both instead of squeezing them into one cell.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in sorted_rows(comparison.rows):
        for i in comparison.articles:
            col = _col(columns, i)
            for fig in row.cells.get(i, []):
                writer.writerow(
                    [
                        one_line(row.key),
                        one_line(row.label),
                        row.verdict,
                        i,
                        one_line(col.source),
                        one_line(col.published),
                        one_line(col.title),
                        figure_text(fig),
                        _plain(fig.value_low),
                        _plain(fig.value_high),
                        one_line(fig.bound),
                        one_line(fig.unit),
                        one_line(fig.change),
                        one_line(fig.part),
                        one_line(fig.sentence),
                    ]
                )
    return buffer.getvalue()


def _plain(value: float) -> str:
    """A value for CSV: integers without ".0", others as Python prints them."""
    return str(int(value)) if value == int(value) else repr(value)


def _col(columns: Mapping[int, ColumnInfo], article_id: int) -> ColumnInfo:
    return columns.get(article_id) or ColumnInfo(article_id, "", "", "")


def free_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, or ``stem-2.suffix``, ``stem-3`` ... : the first name not taken."""
    candidate = folder / f"{stem}{suffix}"
    n = 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem}-{n}{suffix}"
    return candidate


def write_new(folder: Path, stem: str, suffix: str, text: str) -> Path:
    """Write ``text`` to a new file (never overwriting one) and return its path.

    Opening with mode "x" makes the no-overwrite promise hold even if another process creates
    the same name between the check and the write: we then move on to the next suffix.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for _ in range(1000):
        path = free_path(folder, stem, suffix)
        try:
            with path.open("x", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except FileExistsError:
            continue
        return path
    raise OSError(f"could not find a free file name for {stem}{suffix} in {folder}")


def export_comparison(
    comparison: ComparisonLike,
    columns: Mapping[int, ColumnInfo],
    folder: Path,
    fmt: str,
    stem: str = "newsdesk-comparison",
) -> Path:
    """Write the comparison as ``fmt`` ("markdown" or "csv") into ``folder``; return the path."""
    if fmt == "markdown":
        return write_new(folder, stem, ".md", to_markdown(comparison, columns))
    if fmt == "csv":
        return write_new(folder, stem, ".csv", to_csv(comparison, columns))
    raise ValueError(f"unknown export format: {fmt!r}")


def figure_in_sentence(article: Any, fig: Figure) -> tuple[str, int, int]:
    """The figure's sentence and where its number sits in it: (sentence, start, end).

    Figure offsets point into the article part (``Article.part_text``), not into the sentence;
    the sentence is found around the offset so that a number said twice in one sentence is
    highlighted where this figure was read. Falls back to the first textual match, then to no
    highlight (start == end == 0) when the text changed under the figure.
    """
    sentence = fig.sentence
    try:
        text = article.part_text(fig.part) if article is not None else ""
    except ValueError:
        text = ""
    number = text[fig.start : fig.end] if text else ""
    if text and number:
        lo = max(0, fig.end - len(sentence))
        at = text.find(sentence, lo, fig.start + len(sentence))
        if at != -1 and at <= fig.start and fig.end <= at + len(sentence):
            return sentence, fig.start - at, fig.end - at
        inner = sentence.find(number)
        if inner != -1:
            return sentence, inner, inner + len(number)
    return sentence, 0, 0
