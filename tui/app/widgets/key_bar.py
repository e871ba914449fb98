"""The key hints at the bottom of a screen, in one widget.

Why not Textual's ``Footer``: it builds a widget per key (a dozen here) and rebuilds them all
whenever the bindings change, which made the first full frame (list and footer) cost 1.5-1.7x a
bare Textual app's at 100,000 articles. This bar draws one line from the same public data
(``Screen.active_bindings``, redrawn on ``Screen.bindings_updated_signal``), so it is part of the
very first frame. Keys come first in binding order and the line is cut at the right edge, which
is why the order of bindings in ``tui.app.keys`` matters.
"""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

PALETTE = "  ^p Commands"  # shown at the right edge when the line has room for it


class KeyBar(Widget):
    """One line: "key description" for each shown binding of the focused widget, its screen and
    the app; disabled ones dimmed; the command palette key at the right when there is room."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    """
    KEY_STYLE = "bold $text-primary"

    def __init__(self, *, show_palette: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_palette = show_palette

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.refresh()  # the screen may have focused its first widget before this subscribed

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def hints(self) -> list[tuple[str, str, bool]]:
        """(key as shown, description, enabled) for every shown binding, one per action."""
        seen: set[str] = set()
        found = []
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            found.append((self.app.get_key_display(binding), binding.description, active.enabled))
        return found

    def render(self) -> RenderResult:
        key_style = self.KEY_STYLE
        parts: list[Content] = []
        for key, description, enabled in self.hints():
            item = Content.assemble((key, key_style), " ", description)
            parts.append(item.stylize("dim") if not enabled else item)
        line = Content(" ").join(parts)
        width = self.size.width
        if self.show_palette and line.cell_length + len(PALETTE) < width:
            gap = " " * (width - line.cell_length - len(PALETTE))
            line = Content.assemble(line, gap, ("  ^p", key_style), " Commands")
        return line.truncate(width) if width else line
