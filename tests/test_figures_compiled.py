"""The compiled extractor and parser (setup.py builds ``store/figures`` and its ``PARSER``
modules with mypyc) never run stale code.

Why: an editable install puts each compiled module beside its ``.py`` file, and Python loads
the compiled one first. Editing a rule without reinstalling would then test, benchmark and
ship the old rule while the source says otherwise; these tests make that a failure with the
fix in its message instead of a silent surprise.
"""

from __future__ import annotations

import importlib
import importlib.machinery
from pathlib import Path

import store.figures

FIGURES = Path(store.figures.__file__).parent
STORE = FIGURES.parent
# setup.py's PARSER: compiled with the extractor.
PARSER = ("parse", "text", "clutter", "dates")


def _sources() -> list[tuple[str, Path]]:
    """(module name, source) of every module setup.py may compile."""
    found = [
        (f"store.figures.{p.stem}", p)
        for p in sorted(FIGURES.glob("*.py"))
        if p.name != "__init__.py"
    ]
    return found + [(f"store.{name}", STORE / f"{name}.py") for name in PARSER]


def _compiled_beside(source: Path) -> list[Path]:
    return [
        source.with_name(source.stem + suffix)
        for suffix in importlib.machinery.EXTENSION_SUFFIXES
        if source.with_name(source.stem + suffix).exists()
    ]


def test_no_compiled_module_is_older_than_its_source() -> None:
    stale = [
        source.name
        for _, source in _sources()
        for built in _compiled_beside(source)
        if built.stat().st_mtime < source.stat().st_mtime
    ]
    assert not stale, (
        f"{', '.join(stale)} changed after it was compiled: run "
        "`pip install -e .` again (or install with NEWSDESK_PURE=1 to run the Python source)"
    )


def test_a_module_with_a_compiled_build_loads_it() -> None:
    """Where a build exists it is what runs (so the staleness test above guards the code
    that runs), and modules without one run from source."""
    for name, source in _sources():
        module = importlib.import_module(name)
        loaded = Path(module.__file__ or "")
        if _compiled_beside(source):
            assert loaded.suffix != ".py", source.name
        else:
            assert loaded == source, source.name
