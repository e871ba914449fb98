"""The help screen: the key bindings of the focused pane, then the ones that work everywhere.

Only newsdesk's own bindings are listed (those with an id, which is also what a config file
uses to remap them), so the list fits an 80x24 terminal.

Keys are read from the live binding chain, so a key remapped in the config file shows its new
key here, and a pane's help never lists keys that do nothing there.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.app.keys import HELP_BINDINGS
from tui.safe import one_line

MARKS_NOTE = "List marks: * picked for comparison, + several versions."


def _title_for(node: object) -> str:
    """A heading a person reads ("Article list", "Comparison"), never a class name: each
    widget and screen with keys says what it is in ``HELP_TITLE``."""
    return getattr(node, "HELP_TITLE", None) or "Other keys"


def describe_bindings(screen: Screen[object]) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """[(section title, [(keys, description, binding id)])] for the focused widget first."""
    app = screen.app
    groups: dict[int, tuple[str, list[tuple[str, str, str]]]] = {}
    order: list[int] = []
    seen: set[tuple[int, str]] = set()
    for key, active in screen.active_bindings.items():
        binding, node = active.binding, active.node
        if binding.system or not binding.description or not binding.id:
            continue
        if id(node) not in groups:
            groups[id(node)] = (_title_for(node), [])
            order.append(id(node))
        marker = (id(node), binding.action)
        entries = groups[id(node)][1]
        display = app.get_key_display(binding.with_key(key))
        if marker in seen:
            for index, (keys, description, binding_id) in enumerate(entries):
                if description == binding.description:
                    entries[index] = (f"{keys}, {display}", description, binding_id)
                    break
            continue
        seen.add(marker)
        entries.append((display, binding.description, binding.id or ""))
    return [groups[i] for i in order]


class HelpScreen(ModalScreen[None]):
    """Lists bindings; Esc, q or ? closes it."""

    BINDINGS = HELP_BINDINGS
    HELP_TITLE = "Help"

    def __init__(self, sections: list[tuple[str, list[tuple[str, str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    @classmethod
    def for_screen(cls, screen: Screen[object]) -> HelpScreen:
        return cls(describe_bindings(screen))

    def compose(self) -> ComposeResult:
        parts: list[Content] = [Content.styled("Keys", "bold $text-primary")]
        for title, entries in self.sections:
            parts.append(Content(""))
            parts.append(Content.styled(title, "bold"))
            # Key names and ids can come from the user's config file: sanitized too.
            shown = [(one_line(k), one_line(d), one_line(i)) for k, d, i in entries]
            width = max((len(keys) for keys, _d, _i in shown), default=0)
            for keys, description, binding_id in shown:
                line = Content.assemble(
                    (f"  {keys:<{width}}  ", "$text-primary"),
                    description,
                    (f"  [{binding_id}]" if binding_id else "", "$text-muted"),
                )
                parts.append(line)
        parts += [
            Content(""),
            Content.styled(MARKS_NOTE, "$text-muted"),
            Content.styled("Esc closes this help.", "$text-muted"),
        ]
        with VerticalScroll(id="help-box"):
            yield Static(Content("\n").join(parts), id="help-text")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
