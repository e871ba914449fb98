"""The plain-text tables: 80 columns, conflicts marked, untrusted text made inert."""

from __future__ import annotations

from store.figures import extract_text
from store.figures.about import annotate
from store.figures.compare import compare
from store.figures.render import (
    MARKS,
    cell_width,
    figure_value,
    fit,
    render_comparison,
    render_figures,
    wrap,
)
from store.model import Article, Section


def test_figure_values_read_naturally() -> None:
    values = [
        figure_value(f)
        for f in extract_text(
            "About 12,000 troops left. Exports rose 15%. They pledged $1.5bn in aid. "
            "Between 1,000 and 3,000 residents fled. At least 300 were killed."
        )
    ]
    assert values == ["~12,000", "↑15%", "$1.5bn", "1,000–3,000", "≥300"]


def test_comparison_fits_80_columns_and_marks_conflicts() -> None:
    texts = [
        "About 11,000 troops crossed. At least 40 villagers died. Engineers built 3 bridges.",
        "About 12,000 troops crossed. More than 30 villagers were killed.",
        "Some 12,000 troops crossed and 15,000 workers followed.",
        "Nearly 12,500 troops crossed, officials said.",
        "Up to 13,000 troops crossed. 2 bridges were built.",
        "Around 11,500 troops crossed.",
        "Roughly 12,000 troops crossed.",
    ]
    items = [(i + 100, None, extract_text(t)) for i, t in enumerate(texts)]
    titles = {100 + i: "A very long title " * 8 for i in range(len(texts))}
    out = render_comparison(compare(items), titles)
    for line in out.splitlines():
        assert cell_width(line) <= 80, line
    marked = [
        line.split()[1] for line in out.splitlines() if line.startswith(MARKS["conflict"] + " ")
    ]
    assert "troops" in marked
    assert "killed" not in marked  # "at least 40" and "more than 30" agree
    assert "~11,000" in out and "≤13,000" in out
    assert "What each article says" in out
    assert "≠ ~11,000" in out  # the odd one out is marked in its cell


def test_control_characters_never_reach_the_terminal() -> None:
    figs = extract_text("\x1b]0;owned\x07About 300 \x1b[31mtroops\x1b[0m left.")
    table = compare([(1, None, figs), (2, None, figs)])
    for text in (render_figures(figs), render_comparison(table, {1: "ti\x1btle\x9b", 2: ""})):
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text


def test_wide_characters_are_measured_in_cells() -> None:
    assert cell_width("漢字") == 4
    assert cell_width(fit("漢字漢字漢字", 5)) == 5
    assert render_figures([]) == "No figures found."


def test_cut_sentences_end_in_an_ellipsis() -> None:
    long = "word " * 60
    lines = wrap(long, 30, indent="    ", max_lines=2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(cell_width(line) <= 30 for line in lines)
    assert fit("abcdef", 4) == "abc…"


def test_figures_show_what_they_are_about() -> None:
    text = "About 300 were killed last year, the NIS said."
    article = Article(title="t", published="2025-02-27", sections=[Section("", [text])])
    out = render_figures(annotate(extract_text(text), article))
    assert "2024 · per NIS" in out
