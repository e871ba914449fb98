"""A comparison as files: Markdown and CSV, written without ever overwriting a file.

Why here and not in the UI: exports are made from the compare screen but are plain data, and
scripts read them. Every value, verdict mark and summary is worded by
``store.figures.render``, the one renderer the command line and the app use too, so a figure
reads the same on screen, in a file and in a terminal. Nothing here knows about Textual.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from store.figures.render import CHANGE_MARKS, MARKS, figure_value
from store.figures.render import cell_text as _cell_text
from store.model import ArticleRow, Figure
from store.sanitize import one_line, sanitize

VERDICT_ORDER = {"conflict": 0, "revised": 1, "agree": 2, "single": 3}
VERDICT_SYMBOL = MARKS
# Between versions of one article: what happened to each row from the oldest to the newest.
CHANGE_SYMBOL = CHANGE_MARKS


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


def figure_text(fig: Figure) -> str:
    """One figure with its hedge: "~11,000", ">1,000", "1,000–3,000", "↑15%" (the renderer's
    wording; bound and unit are text from the library, sanitized like every string shown)."""
    return one_line(figure_value(fig))


def cell_text(figures: Iterable[Figure]) -> str:
    """Every figure an article gives for one row, joined; "" when it gives none."""
    figures = list(figures)
    return _cell_text(figures) if figures else ""


def sorted_rows(rows: Iterable[Any]) -> list[Any]:
    """Rows with conflicts first, then revised counts, agreements, single-source rows."""
    return sorted(rows, key=lambda r: VERDICT_ORDER.get(r.verdict, 4))


def conflicting_articles(row: Any) -> set[int]:
    """Ids of the articles in a conflict row whose figures clash with the most others (the
    odd one out, not a whole red row). The comparison works this out with its verdict
    (``CompareRow.clashing``); rows without it are worked out here by the same rule."""
    if row.verdict != "conflict":
        return set()
    clashing = getattr(row, "clashing", None)
    if clashing:
        return set(clashing)
    from store.figures.compare import figures_agree  # the same rule that gives verdicts

    ids = [i for i, figs in row.cells.items() if figs]
    clashes = {
        i: sum(1 for j in ids if j != i and not figures_agree(row.cells[i], row.cells[j]))
        for i in ids
    }
    worst = max(clashes.values(), default=0)
    if worst == 0:
        return set(ids)
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
    """Untrusted text made inert in Markdown: one line, markup characters escaped. Round
    brackets are left alone: with square brackets escaped they can start no link, and who
    says what reads "~11,000 (NIS)"."""
    return re.sub(r"([\\`*_{}\[\]<>#+!|~])", r"\\\1", one_line(text))


def _md_figure(text: str) -> str:
    """A figure's own wording, escaped like text except its hedge: "~11,000", ">1,000" and
    "<5%" stay readable (a lone tilde in one cell cannot pair into strikethrough, and "<" or
    ">" before a digit starts neither an HTML tag nor a quote inside a table cell)."""
    return re.sub(r"\\([~<>])(?=[\d$€£¥])", r"\1", _md(text))


def _status(comparison: ComparisonLike, row: Any) -> str:
    """What a row says: its verdict, or between versions what changed (as the app shows)."""
    if getattr(comparison, "versions", False) and comparison.articles:
        from store.figures.verdicts import row_change

        change = row_change(row, comparison.articles[0], comparison.articles[-1])
        return f"{CHANGE_SYMBOL.get(change, '?')} {change}"
    return f"{VERDICT_SYMBOL.get(row.verdict, '?')} {row.verdict}"


def _title(comparison: ComparisonLike, columns: Mapping[int, ColumnInfo]) -> str:
    ids = list(comparison.articles)
    if getattr(comparison, "versions", False) and ids:
        title = one_line(_col(columns, ids[-1]).title) or "one article"
        return f"Comparison of {len(ids)} versions of {title}"
    return f"Comparison of {len(ids)} articles"


def to_markdown(comparison: ComparisonLike, columns: Mapping[int, ColumnInfo]) -> str:
    """The comparison as a Markdown document: the table of facts, who says what, then each
    row's source sentences with their sources."""
    ids = list(comparison.articles)
    rows = sorted_rows(comparison.rows)
    versions = bool(getattr(comparison, "versions", False))
    out: list[str] = [f"# {_md(_title(comparison, columns))}", ""]
    if versions:
        changed = sum(1 for r in rows if not _status(comparison, r).endswith("same"))
        out.append(f"{len(rows)} facts compared, {changed} changed between the versions.")
    else:
        conflicts = sum(1 for r in rows if r.verdict == "conflict")
        revised = sum(1 for r in rows if r.verdict == "revised")
        out.append(f"{len(rows)} facts compared, {conflicts} in conflict, {revised} revised.")
    out.append("")
    for n, i in enumerate(ids, 1):
        col = columns.get(i) or ColumnInfo(i, "", "", "")
        out.append(f"{n}. {_md(col.heading)}: {_md(col.title)} (id {i})")
    out.append("")
    head = ["Fact", "Change" if versions else "Verdict", "Who says what"] + [
        f"{n}. {_md(_col(columns, i).heading)}" for n, i in enumerate(ids, 1)
    ]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    for row in rows:
        cells = [_md_figure(cell_text(row.cells.get(i, []))) or "–" for i in ids]
        summary = _md_figure(getattr(row, "summary", "")) or "–"
        out.append(
            "| " + " | ".join([_md(row.label), _status(comparison, row), summary, *cells]) + " |"
        )
    out.append("")
    out.append("## Sentences")
    for row in rows:
        out.append("")
        out.append(f"### {_md(row.label)} ({_status(comparison, row)})")
        out.append("")
        for i in ids:
            for fig in row.cells.get(i, []):
                col = _col(columns, i)
                who = f" (per {_md(fig.attribution)})" if fig.attribution else ""
                out.append(
                    f"- {_md(col.heading)}: **{_md_figure(figure_value(fig, with_from=True))}**"
                    f"{who}. {_md(fig.sentence)}"
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
    # Added with facts (issue 11); earlier columns keep their places.
    "qualifier",
    "period",
    "attribution",
    "who_says_what",
    "status",
]


def to_csv(comparison: ComparisonLike, columns: Mapping[int, ColumnInfo]) -> str:
    """The comparison as CSV: one line per figure (row x article), conflict rows first.

    Long form on purpose: a spreadsheet or script can pivot it, and an article giving two
    figures for one row keeps both instead of squeezing them into one cell. ``status`` is the
    verdict with its mark, or between versions what changed (as the app shows it).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in sorted_rows(comparison.rows):
        summary = one_line(getattr(row, "summary", ""))
        status = _status(comparison, row)
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
                        one_line(fig.qualifier),
                        one_line(fig.period),
                        one_line(fig.attribution),
                        summary,
                        status,
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
