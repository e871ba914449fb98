"""`newsdesk figures`, `compare` and `extract`: JSON shapes, tables, errors, --per-line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from store.library import Library
from tui.cli import CliContext
from tui.cli.figures import compare, extract, figures

FIGURE_KEYS = {
    "value_low",
    "value_high",
    "bound",
    "unit",
    "counts",
    "key",
    "change",
    "sentence",
    "start",
    "end",
    "part",
    "qualifier",
    "period",
    "attribution",
    "from",
}
ROW_KEYS = {"key", "label", "unit", "verdict", "qualifier", "period", "actor", "summary", "claims"}


def _article(title: str, source: str, lead: str, points: list[str], body: str) -> bytes:
    bullets = "\n".join(f"  • {p}" for p in points)
    return (
        f"{title}\nCategory\nWorld\nPublication date\n3 March 2025, 09:40\n\n{title}\n"
        f"Source:\u00a0 {source}\n\n{lead}\n\nPoints of attention\n\n{bullets}\n\n"
        f"What happened\n\n{body}\n"
    ).encode()


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "lib.db"
    lib = Library.open(path)
    lib.import_bytes(
        [
            (
                "a.txt",
                _article(
                    "Dam breach floods valley",
                    "Wire One",
                    "About 11,000 residents fled after the dam broke on Sunday.",
                    ["At least 40 villagers died."],
                    "Engineers said 3 bridges were swept away.",
                ),
            ),
            (
                "b.txt",
                _article(
                    "Valley flooded as dam fails",
                    "Wire Two",
                    "About 12,000 residents fled, officials said.",
                    ["More than 30 villagers were killed."],
                    "Rescuers used 25 boats.",
                ),
            ),
        ]
    )
    lib.import_bytes(
        [
            (
                "a2.txt",
                _article(
                    "Dam breach floods valley",
                    "Wire One",
                    "About 11,000 residents fled after the dam broke on Sunday.",
                    ["At least 55 villagers died."],
                    "Engineers said 3 bridges were swept away.",
                ),
            ),
        ]
    )
    lib.close()
    return path


def _ids(path: Path) -> dict[str, list[int]]:
    lib = Library.open(path, readonly=True)
    try:
        out: dict[str, list[int]] = {}
        for row in lib.conn.execute("SELECT id, source FROM articles ORDER BY id"):
            out.setdefault(row[1], []).append(row[0])
        return out
    finally:
        lib.close()


def run(cmd, args: list[str], db: Path | None = None, stdin: str | None = None):
    obj = CliContext(db) if db is not None else None
    result = CliRunner().invoke(cmd, args, obj=obj, input=stdin)
    return result


def test_figures_json_shape(db: Path) -> None:
    first = _ids(db)["Wire One"][0]
    result = run(figures, [str(first), "--json"], db)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert isinstance(data, list) and data
    for item in data:
        assert set(item) >= FIGURE_KEYS
        assert item["bound"] in ("=", "~", ">", ">=", "<", "<=", "range")
        assert item["part"] in ("key_point", "lead", "body")
    keys = {(d["key"], d["value_low"], d["bound"]) for d in data}
    assert ("killed", 40, ">=") in keys and ("bridge", 3, "=") in keys


def test_figures_table_and_missing_article(db: Path) -> None:
    first = _ids(db)["Wire One"][0]
    result = run(figures, [str(first)], db)
    assert result.exit_code == 0
    assert "~11,000" in result.output and "key point" in result.output
    assert all(len(line) <= 80 for line in result.output.splitlines())
    missing = run(figures, ["9999"], db)
    assert missing.exit_code != 0
    assert "no article with id 9999" in missing.output
    assert "Traceback" not in missing.output


def test_compare_json_shape_and_table(db: Path) -> None:
    ids = _ids(db)
    a, b = ids["Wire One"][0], ids["Wire Two"][0]
    result = run(compare, [str(a), str(b), "--json"], db)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["articles"] == [a, b]
    rows = {r["key"]: r for r in data["rows"]}
    assert rows["displaced"]["verdict"] == "conflict"
    assert rows["killed"]["verdict"] == "agree"
    assert rows["bridge"]["verdict"] == "single"
    assert data["rows"][0]["verdict"] == "conflict"
    assert rows["displaced"]["summary"] == "~11,000 (Wire One) vs ~12,000 (officials)"
    for row in data["rows"]:
        assert set(row) >= ROW_KEYS
        assert set(row["cells"]) == {str(a), str(b)}
        for figs in row["cells"].values():
            for item in figs:
                assert set(item) >= FIGURE_KEYS
    table = run(compare, [str(a), str(b)], db)
    assert table.exit_code == 0
    lines = table.output.splitlines()
    assert any(line.startswith("✗ displaced") for line in lines)  # the app's marks
    assert "~11,000 (Wire One) vs ~12,000 (officials)" in table.output


def test_compare_needs_two_ids_and_versions(db: Path) -> None:
    ids = _ids(db)
    one = run(compare, [str(ids["Wire One"][0])], db)
    assert one.exit_code != 0 and "at least two" in one.output
    versions = run(compare, [str(ids["Wire One"][0]), "--versions", "--json"], db)
    assert versions.exit_code == 0, versions.output
    data = json.loads(versions.output)
    assert data["articles"] == ids["Wire One"] and data["versions"] is True
    killed = next(r for r in data["rows"] if r["key"] == "killed")
    assert killed["verdict"] == "revised"
    status = {c["key"]: c["status"] for c in data["changes"]}
    assert status["killed"] == "changed"
    assert status["displaced"] == "same"


def test_extract_per_line_keeps_order_and_blank_lines() -> None:
    stdin = "At least 300 were killed.\n\nno numbers here\nExports rose 15%.\n"
    result = run(extract, ["-", "--per-line"], stdin=stdin)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 4
    parsed = [json.loads(line) for line in lines]
    assert parsed[0][0]["key"] == "killed" and parsed[0][0]["bound"] == ">="
    assert parsed[1] == [] and parsed[2] == []
    assert parsed[3][0]["change"] == "up"


def test_extract_per_line_counts_only_newlines_as_line_breaks() -> None:
    stdin = "Some 40 boats sank.\u2028Another 5 boats\x85 sank.\r\nNothing.\r\n"
    result = run(extract, ["-", "--per-line"], stdin=stdin)
    lines = result.output.split("\n")
    assert lines[-1] == "" and len(lines) == 3
    assert [len(json.loads(line)) for line in lines[:2]] == [2, 0]


def test_extract_file_json_and_table(tmp_path: Path) -> None:
    src = tmp_path / "note.txt"
    src.write_text("Nearly 2,000 nurses went on strike on 3 May.", encoding="utf-8")
    result = run(extract, [str(src), "--json"])
    data = json.loads(result.output)
    assert [(d["value_low"], d["bound"], d["key"]) for d in data] == [(2000, "~", "nurse")]
    table = run(extract, [str(src)])
    assert "~2,000" in table.output


def test_commands_are_registered_on_main() -> None:
    from tui.cli import main

    for name in ("figures", "compare", "extract"):
        assert name in main.commands


def test_compare_takes_at_most_a_hundred_articles(db: Path) -> None:
    result = run(compare, [str(i) for i in range(1, 102)], db)
    assert result.exit_code == 2
    assert "Compare at most 100 articles at a time." in result.output
    assert "Traceback" not in result.output
