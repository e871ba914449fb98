"""store.export: the cell wording, Markdown and CSV of a comparison, and never overwriting."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from store.export import (
    CSV_HEADER,
    ColumnInfo,
    cell_text,
    conflicting_articles,
    export_comparison,
    figure_in_sentence,
    figure_text,
    free_path,
    sorted_rows,
    strip_controls,
    to_csv,
    to_markdown,
    write_new,
)
from store.model import Article, Figure, Section

INJECTION = "[bold red]x[/] [@click=app.quit]y[/] Budget [/x] vote"


def fig(low: float, high: float | None = None, bound: str = "=", **kw: object) -> Figure:
    base: dict[str, object] = dict(
        unit="count",
        counts="killed",
        key="killed",
        change="",
        sentence="s",
        start=0,
        end=1,
        part="body",
    )
    base.update(kw)
    return Figure(low, low if high is None else high, bound, **base)  # type: ignore[arg-type]


@dataclass
class Row:
    key: str
    label: str
    verdict: str
    cells: dict[int, list[Figure]] = field(default_factory=dict)


@dataclass
class Comp:
    articles: list[int]
    rows: list[Row]


def sample() -> tuple[Comp, dict[int, ColumnInfo]]:
    rows = [
        Row(
            "troops", "troops", "agree", {1: [fig(1000, bound=">")], 2: [fig(1000, 3000, "range")]}
        ),
        Row("grain", "tonnes of grain", "single", {2: [fig(2.1e6, unit="tonnes")]}),
        Row(
            "killed",
            "killed",
            "conflict",
            {
                1: [fig(11000, bound="~", sentence="About 11,000 were killed | here.")],
                2: [fig(12000, sentence=f"{INJECTION}\x1b]0;owned\x07 12,000 killed")],
            },
        ),
    ]
    columns = {
        1: ColumnInfo(1, "Reuters", "2025-03-01", "Title one"),
        2: ColumnInfo(2, "AP", "", "Title | two"),
    }
    return Comp([1, 2], rows), columns


@pytest.mark.parametrize(
    ("figure", "text"),
    [
        (fig(11000, bound="~"), "~11,000"),
        (fig(1000, bound=">"), ">1,000"),
        (fig(1000, bound=">="), "≥1,000"),
        (fig(1000, 3000, "range"), "1,000–3,000"),
        (fig(15, unit="%", change="up"), "↑15%"),
        (fig(1.5e9, unit="USD"), "$1.5bn"),
        (fig(200, unit="UAH"), "UAH 200"),
        (fig(2.1e6, unit="tonnes"), "2.1m tonnes"),
        (fig(2.5, unit="km"), "2.5 km"),
    ],
)
def test_figure_text_keeps_the_hedge(figure: Figure, text: str) -> None:
    from store.figures.render import figure_value

    assert figure_text(figure) == text == figure_value(figure)  # one renderer for all


def test_cell_text_joins_several_figures_and_is_empty_for_none() -> None:
    assert cell_text([fig(5), fig(7, bound="<")]) == "5; <7"
    assert cell_text([]) == ""


def test_rows_sort_conflict_first() -> None:
    comp, _ = sample()
    assert [r.verdict for r in sorted_rows(comp.rows)] == ["conflict", "agree", "single"]


def test_odd_one_out_is_marked_not_the_whole_row() -> None:
    row = Row("killed", "killed", "conflict", {1: [fig(11000)], 2: [fig(11000)], 3: [fig(20000)]})
    assert conflicting_articles(row) == {3}
    two = Row("killed", "killed", "conflict", {1: [fig(11000)], 2: [fig(12000)]})
    assert conflicting_articles(two) == {1, 2}
    assert conflicting_articles(Row("k", "k", "agree", {1: [fig(1)]})) == set()


def test_markdown_has_the_table_and_escapes_untrusted_text() -> None:
    comp, columns = sample()
    md = to_markdown(comp, columns)
    lines = md.splitlines()
    table = [line for line in lines if line.startswith("| ")]
    assert table[0].startswith(
        "| Fact | Verdict | Who says what | 1. Reuters · 2025-03-01 | 2. AP · undated"
    )
    assert lines[lines.index(table[0]) + 1].startswith("|---|")
    assert "killed | ✗ conflict | – | ~11,000 | 12,000 |" in table[1]
    assert "troops | ✓ agree | – | >1,000 | 1,000–3,000 |" in table[2]
    assert "| – | 2.1m tonnes |" in table[3]
    assert "\x1b" not in md and "\x07" not in md
    # Brackets, pipes and the like are backslash-escaped so the text stays inert.
    assert "\\[bold red\\]x\\[/\\]" in md
    assert "Title \\| two" in md
    assert "About 11,000 were killed \\| here." in md


def test_csv_has_one_line_per_figure_conflicts_first() -> None:
    comp, columns = sample()
    rows = list(csv.reader(io.StringIO(to_csv(comp, columns))))
    assert rows[0] == CSV_HEADER
    body = [dict(zip(CSV_HEADER, r, strict=True)) for r in rows[1:]]
    assert [(r["key"], r["article_id"], r["figure"]) for r in body] == [
        ("killed", "1", "~11,000"),
        ("killed", "2", "12,000"),
        ("troops", "1", ">1,000"),
        ("troops", "2", "1,000–3,000"),
        ("grain", "2", "2.1m tonnes"),
    ]
    assert body[0]["verdict"] == "conflict" and body[0]["source"] == "Reuters"
    assert body[3]["value_low"] == "1000" and body[3]["value_high"] == "3000"
    assert body[1]["sentence"].startswith(INJECTION)  # kept literally, control chars gone
    assert "\x1b" not in body[1]["sentence"]


def test_write_new_never_overwrites(tmp_path: Path) -> None:
    first = write_new(tmp_path, "cmp", ".md", "one")
    second = write_new(tmp_path, "cmp", ".md", "two")
    third = write_new(tmp_path, "cmp", ".md", "three")
    assert [p.name for p in (first, second, third)] == ["cmp.md", "cmp-2.md", "cmp-3.md"]
    assert first.read_text() == "one" and third.read_text() == "three"
    assert free_path(tmp_path, "cmp", ".md").name == "cmp-4.md"


def test_export_comparison_writes_both_formats(tmp_path: Path) -> None:
    comp, columns = sample()
    md = export_comparison(comp, columns, tmp_path / "out", "markdown")
    csv_path = export_comparison(comp, columns, tmp_path / "out", "csv")
    assert md.suffix == ".md" and csv_path.suffix == ".csv"
    assert "# Comparison of 2 articles" in md.read_text(encoding="utf-8")
    assert csv_path.read_text(encoding="utf-8").startswith("key,label,verdict")
    with pytest.raises(ValueError):
        export_comparison(comp, columns, tmp_path, "pdf")


def test_figure_in_sentence_finds_the_number_where_it_was_read() -> None:
    body = "Intro. 300 troops came, and later 300 more. End."
    sentence = "300 troops came, and later 300 more."
    start = body.index("300 more")
    article = Article(title="t", sections=[Section("", [body])])
    f = fig(300, sentence=sentence, start=start, end=start + 3)
    text, s, e = figure_in_sentence(article, f)
    assert text == sentence and sentence[s:e] == "300" and s == sentence.index("300 more")
    # Without the article the first textual match is not possible either: no highlight.
    assert figure_in_sentence(None, f) == (sentence, 0, 0)


def test_strip_controls_removes_escape_osc_bel_and_c1() -> None:
    # Whole sequences go (the OSC title, the 8-bit CSI "\x9bc"), not just their control bytes.
    assert strip_controls("a\x1b]0;owned\x07b\x9bc\td\n") == "ab\td\n"


def test_export_folder_comes_from_env_then_config_then_cwd(tmp_path: Path, monkeypatch) -> None:
    from types import SimpleNamespace

    from store.config import load_config
    from tui.app.screens.compare import EXPORT_DIR_ENV, export_folder

    monkeypatch.delenv(EXPORT_DIR_ENV, raising=False)
    config_file = tmp_path / "config.toml"
    config_file.write_text('export_dir = "~/exports"\n', encoding="utf-8")
    config = load_config(config_file)
    assert export_folder(config) == Path("~/exports").expanduser()
    assert export_folder(SimpleNamespace(export_dir="")) == Path.cwd()
    monkeypatch.setenv(EXPORT_DIR_ENV, str(tmp_path))
    assert export_folder(config) == tmp_path


def test_a_version_comparison_exports_as_the_screen_shows_it() -> None:
    from store.figures import extract_text
    from store.figures.compare import compare

    old = extract_text("About 300 were killed. 40 ships waited.")
    new = extract_text("About 400 were killed. 40 ships waited.")
    table = compare([(5, None, old), (6, None, new)], versions=True)
    columns = {
        5: ColumnInfo(5, "Wire", "2025-03-01", "Quake toll", 1),
        6: ColumnInfo(6, "Wire", "2025-03-01", "Quake toll", 2),
    }
    md = to_markdown(table, columns)
    assert md.startswith("# Comparison of 2 versions of Quake toll")
    assert "| Fact | Change |" in md
    assert "| killed | Δ changed | ~300 → ~400 | ~300 | ~400 |" in md
    assert "| ships waited | = same |" in md
    body = list(csv.reader(io.StringIO(to_csv(table, columns))))
    header = body[0]
    statuses = {r[header.index("key")]: r[header.index("status")] for r in body[1:]}
    assert statuses == {"killed": "Δ changed", "ship": "= same"}
