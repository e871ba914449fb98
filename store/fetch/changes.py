"""What changed in the figures when a page became a new version: "killed: 2,719 → 2,886".

An analyst following a developing story wants the revision itself, not just "updated": the
fetch summary and the app say which counts moved, using the same comparison as
``newsdesk compare --versions``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from store.model import Figure


@dataclass
class VersionNote:
    """One article that became a new version, and its figure changes as short phrases."""

    id: int
    title: str
    version: int
    changes: list[str] = field(default_factory=list)  # "killed: 2,719 → 2,886"

    def line(self) -> str:
        what = "; ".join(self.changes) if self.changes else "text changed, figures the same"
        return f"#{self.id} {self.title} (v{self.version}): {what}"


def figure_changes(old: Sequence[Figure], new: Sequence[Figure], limit: int = 4) -> list[str]:
    """Changed, added and removed figures as "label: old → new" phrases (at most ``limit``)."""
    from store.figures.compare import compare_versions
    from store.figures.render import figure_value

    def values(figs: Sequence[Figure]) -> str:
        return ", ".join(dict.fromkeys(figure_value(f) for f in figs)) or "–"

    out: list[str] = []
    for change in compare_versions(old, new):
        if change.status == "same":
            continue
        out.append(f"{change.label}: {values(change.old)} → {values(change.new)}")
        if len(out) >= limit:
            break
    return out


def version_notes(library: object, ids: Sequence[int]) -> list[VersionNote]:
    """Notes for the articles among ``ids`` that are a second or later version."""
    lib = library  # store.library.Library (kept untyped: this module is imported by the app)
    notes: list[VersionNote] = []
    for id_ in ids:
        stored = lib.get(id_)  # type: ignore[attr-defined]
        if stored is None or stored.version < 2:
            continue
        previous = [v for v in stored.versions if v.version == stored.version - 1]
        changes: list[str] = []
        if previous:
            changes = figure_changes(
                lib.figures(previous[0].id),  # type: ignore[attr-defined]
                lib.figures(id_),  # type: ignore[attr-defined]
            )
        notes.append(VersionNote(id_, stored.article.title, stored.version, changes))
    return notes
