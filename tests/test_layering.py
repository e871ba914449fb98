"""The core must never depend on the UI: a scan of every module under store/."""

import ast
from pathlib import Path

STORE = Path(__file__).resolve().parent.parent / "store"


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_store_never_imports_textual_or_tui() -> None:
    files = sorted(STORE.rglob("*.py"))
    assert files, "store/ has no modules to check"
    offenders = {
        str(p.relative_to(STORE)): sorted(_imported_roots(p) & {"textual", "rich", "tui"})
        for p in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_scanner_catches_a_textual_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from textual.app import App\n")
    assert "textual" in _imported_roots(bad)
