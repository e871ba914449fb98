"""Every key binding of the app, each with a stable id so a config file can remap it.

The ids are the public names users write in ``config.toml`` under ``[keys]`` (for example
``search = "slash,ctrl+f"``); keep them stable. Textual's keymap replaces all keys of a binding
whose id appears in the map, so one id covers both the arrow and the vim key of an action.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding

# The footer lists keys in this order and is cut at the right edge: what a new user needs to
# find (search, sort, category, compare) comes before what every terminal user knows (? and q).
APP_BINDINGS: list[Binding] = [
    # priority: handled by the app before the key reaches the list, so the search box has the
    # focus before the next keys are routed ("/word" typed fast must all land in the box).
    Binding("slash", "search", "Search", id="search", priority=True),
    Binding("ctrl+p", "command_palette", "Commands", id="palette", show=False),
    Binding("s", "cycle_sort", "Sort", id="sort"),
    Binding("f", "cycle_category", "Category", id="category"),
    Binding("c", "compare", "Compare", id="compare"),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "quit", "Quit", id="quit"),
    Binding("x", "clear_picks", "Unpick all", id="pick.clear", show=False),
    Binding("ctrl+t", "toggle_theme", "Theme", id="theme", show=False),
    Binding("f1", "help", "Help", id="help.f1", show=False),
]

SCREEN_BINDINGS: list[Binding] = [
    Binding("tab,shift+tab", "switch_pane", "Pane", id="pane.switch"),
]

LIST_BINDINGS: list[Binding] = [
    Binding("down,j", "cursor_down", "Down", id="list.down", show=False),
    Binding("up,k", "cursor_up", "Up", id="list.up", show=False),
    Binding("pagedown", "page_down", "Page down", id="list.page_down", show=False),
    Binding("pageup", "page_up", "Page up", id="list.page_up", show=False),
    Binding("ctrl+d", "half_down", "Half page down", id="list.half_down", show=False),
    Binding("ctrl+u", "half_up", "Half page up", id="list.half_up", show=False),
    Binding("home,g", "first", "First", id="list.first", show=False),
    Binding("end,G", "last", "Last", id="list.last", show=False),
    Binding("enter", "open", "Read", id="list.open"),
    Binding("space", "pick", "Pick", id="list.pick"),
]

READER_BINDINGS: list[Binding] = [
    Binding("down,j", "scroll_down", "Down", id="reader.down", show=False),
    Binding("up,k", "scroll_up", "Up", id="reader.up", show=False),
    Binding("pagedown", "page_down", "Page down", id="reader.page_down", show=False),
    Binding("pageup", "page_up", "Page up", id="reader.page_up", show=False),
    Binding("ctrl+d", "half_down", "Half page down", id="reader.half_down", show=False),
    Binding("ctrl+u", "half_up", "Half page up", id="reader.half_up", show=False),
    Binding("home,g", "scroll_home", "Top", id="reader.top", show=False),
    Binding("end,G", "scroll_end", "Bottom", id="reader.bottom", show=False),
    Binding("left_square_bracket", "version(-1)", "Older version", id="reader.older"),
    Binding("right_square_bracket", "version(1)", "Newer version", id="reader.newer"),
    # screen.: run on the screen at once, not through a message that a fast "c" would overtake.
    Binding("space", "screen.pick_shown", "Pick", id="reader.pick"),
    Binding("r", "app.related", "Related", id="related"),
    Binding("escape", "back", "Back", id="reader.back"),
]

SEARCH_BINDINGS: list[Binding] = [
    Binding("escape", "close", "Close search", id="search.close"),
    Binding("down", "results", "Results", id="search.results", show=False),
]

RESULTS_BINDINGS: list[Binding] = [
    Binding("escape", "close", "Close search", id="results.close"),
    Binding("j", "cursor_down", "Down", id="results.down", show=False),
    Binding("k", "cursor_up", "Up", id="results.up", show=False),
]

HELP_BINDINGS: list[Binding] = [
    Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
]

# Compare screen (tui/screens/compare.py), its table, and the related-articles modal.
COMPARE_BINDINGS: list[Binding] = [
    Binding("escape", "close", "Back", id="compare.close"),
    Binding("e", "export_markdown", "Export Markdown", id="export_markdown"),
    Binding("E", "export_csv", "Export CSV", id="export_csv"),
    Binding("r", "related", "Related", id="compare.related", show=False),
]

COMPARE_TABLE_BINDINGS: list[Binding] = [
    Binding("enter", "select_cursor", "Open at sentence", id="compare.open"),
    Binding("down,j", "cursor_down", "Down", id="compare.down", show=False),
    Binding("up,k", "cursor_up", "Up", id="compare.up", show=False),
    Binding("left,h", "cursor_left", "Left", id="compare.left", show=False),
    Binding("right,l", "cursor_right", "Right", id="compare.right", show=False),
    Binding("pagedown", "page_down", "Page down", id="compare.page_down", show=False),
    Binding("pageup", "page_up", "Page up", id="compare.page_up", show=False),
    Binding("home,g", "first_column", "First article", id="compare.first", show=False),
    Binding("end,G", "last_column", "Last article", id="compare.last", show=False),
]

RELATED_BINDINGS: list[Binding] = [
    Binding("escape", "close", "Close", id="related.close"),
    Binding("space", "pick", "Pick for comparison", id="related.pick"),
    Binding("j", "cursor_down", "Down", id="related.down", show=False),
    Binding("k", "cursor_up", "Up", id="related.up", show=False),
    *(
        Binding(str(n), f"open_nth({n})", f"Open {n}", id=f"related.open_{n}", show=False)
        for n in range(1, 10)
    ),
]

ALL_BINDINGS: list[Binding] = (
    APP_BINDINGS
    + SCREEN_BINDINGS
    + LIST_BINDINGS
    + READER_BINDINGS
    + SEARCH_BINDINGS
    + RESULTS_BINDINGS
    + HELP_BINDINGS
    + COMPARE_BINDINGS
    + COMPARE_TABLE_BINDINGS
    + RELATED_BINDINGS
)
BINDING_IDS: frozenset[str] = frozenset(b.id for b in ALL_BINDINGS if b.id)


def keymap_from_config(keys: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """Split a config ``[keys]`` table into a Textual keymap and the ids nobody knows.

    Unknown ids are returned (not silently dropped) so the app can say which entry is wrong.
    """
    keymap: dict[str, str] = {}
    unknown: list[str] = []
    for binding_id, key_string in keys.items():
        if binding_id in BINDING_IDS:
            keymap[binding_id] = ",".join(k.strip() for k in str(key_string).split(",") if k)
        else:
            unknown.append(binding_id)
    return keymap, unknown
