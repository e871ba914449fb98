"""The sample articles shipped inside the package (``store.sample_articles``).

They are package data so that a plain ``pip install .`` (not only an editable install) carries
them; ``importlib.resources`` finds them wherever the package was installed.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

SAMPLE_PACKAGE = "store.sample_articles"


def sample_files() -> list[Traversable]:
    """Every shipped ``*.txt`` sample, sorted by name so imports are deterministic."""
    root = files(SAMPLE_PACKAGE)
    found = [item for item in root.iterdir() if item.is_file() and item.name.endswith(".txt")]
    return sorted(found, key=lambda item: item.name)


def sample_items() -> list[tuple[str, bytes]]:
    """(label, bytes) for each sample; the label is ``samples/<file name>``."""
    return [(f"samples/{item.name}", item.read_bytes()) for item in sample_files()]
