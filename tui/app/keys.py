"""Every key binding of the app, each with a stable id so a config file can remap it.

The ids are the public names users write in ``config.toml`` under ``[keys]`` (for example
``search = "slash,ctrl+f"``); keep them stable. Textual's keymap replaces all keys of a binding
whose id appears in the map, so one id covers both the arrow and the vim key of an action.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding

# The footer lists the focused widget's keys, then the screen's, then these, and is cut at the
# right edge: what a new user needs to find (search, sort, category, compare) comes before what
# every terminal user knows (? and q).
APP_BINDINGS: list[Binding] = [
    # priority: handled by the app before the key reaches the list, so the search box has the
    # focus before the next keys are routed ("/word" typed fast must all land in the box).
    Binding("slash", "search", "Search", id="search", priority=True),
    Binding("ctrl+p", "command_palette", "Commands", id="palette", show=False),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "quit", "Quit", id="quit"),
    Binding("ctrl+t", "toggle_theme", "Theme", id="theme", show=False),
    Binding("f1", "help", "Help", id="help.f1", show=False),
]

# The browse screen's own keys: they act on its list, so they are gone while another screen is
# on top (s pressed on the comparison must not re-sort the hidden list).
SCREEN_BINDINGS: list[Binding] = [
    Binding("tab,shift+tab", "switch_pane", "Pane", id="pane.switch"),
    Binding("s", "cycle_sort", "Sort", id="sort"),
    Binding("f", "cycle_category", "Category", id="category"),
    Binding("c", "compare", "Compare", id="compare"),
    Binding("R", "fetch", "Fetch feeds", id="fetch", show=False),
    Binding("o", "open_url", "Open page", id="open_url", show=False),
    Binding("x", "clear_picks", "Unpick all", id="pick.clear", show=False),
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
    Binding("r", "screen.related", "Related", id="related"),
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

# Compare screen (tui/app/screens/compare.py), its table, and the related-articles modal.
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
    Binding("ctrl+d", "half_down", "Half page down", id="compare.half_down", show=False),
    Binding("ctrl+u", "half_up", "Half page up", id="compare.half_up", show=False),
    # Rows like every other list: g/G first/last row; 0/$ first/last article column.
    Binding("home,g", "first_row", "First row", id="compare.first", show=False),
    Binding("end,G", "last_row", "Last row", id="compare.last", show=False),
    Binding("0", "first_column", "First article", id="compare.first_column", show=False),
    Binding("dollar_sign", "last_column", "Last article", id="compare.last_column", show=False),
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


# Bindings that can be active at the same moment (the focused widget's, its screen's, the
# app's): one key may mean only one action within each.
_TOGETHER: list[list[Binding]] = [
    LIST_BINDINGS + SCREEN_BINDINGS + APP_BINDINGS,
    READER_BINDINGS + SCREEN_BINDINGS + APP_BINDINGS,
    SEARCH_BINDINGS + SCREEN_BINDINGS + APP_BINDINGS,
    RESULTS_BINDINGS + SCREEN_BINDINGS + APP_BINDINGS,
    COMPARE_TABLE_BINDINGS + COMPARE_BINDINGS + APP_BINDINGS,
    RELATED_BINDINGS + APP_BINDINGS,
    HELP_BINDINGS + APP_BINDINGS,
]
# What config files may write for a key, in Textual's long names.
_KEY_NAMES = {
    "?": "question_mark",
    "/": "slash",
    " ": "space",
    "[": "left_square_bracket",
    "]": "right_square_bracket",
    "$": "dollar_sign",
}
_KEEP_FIRST = ("quit", "help")  # in a clash these keep the key: the app can always be left


def _keys(key_string: str) -> list[str]:
    return [_KEY_NAMES.get(k.strip(), k.strip()) for k in key_string.split(",") if k.strip()]


def keymap_from_config(keys: Mapping[str, str]) -> tuple[dict[str, str], str]:
    """Turn a config ``[keys]`` table into a Textual keymap, and one sentence on what was wrong.

    Unknown ids are left out and named. A remapped key that another action already has where
    both are active (``q`` for ``list.down`` while ``q`` quits) is refused: that binding keeps
    its default keys, so quit (and help) are never lost. An empty key list is refused likewise.
    """
    keymap: dict[str, str] = {}
    unknown: list[str] = []
    empty: list[str] = []
    for binding_id, key_string in keys.items():
        if binding_id not in BINDING_IDS:
            unknown.append(binding_id)
        elif not _keys(str(key_string)):
            empty.append(binding_id)
        else:
            keymap[binding_id] = ",".join(_keys(str(key_string)))
    clashes: list[str] = []
    for together in _TOGETHER:
        owner: dict[str, str] = {}
        ordered = sorted(together, key=lambda b: b.id not in _KEEP_FIRST)
        for binding in ordered:
            if not binding.id:
                continue
            remapped = binding.id in keymap
            wanted = _keys(keymap[binding.id]) if remapped else _keys(binding.key)
            taken = [k for k in wanted if owner.get(k, binding.id) != binding.id]
            if taken and remapped:
                other = owner[taken[0]]
                clashes.append(f"{taken[0]} is both {other} and {binding.id}")
                del keymap[binding.id]
                wanted = _keys(binding.key)
            for key in wanted:
                owner.setdefault(key, binding.id)
    problems: list[str] = []
    if unknown:
        problems.append("unknown binding id(s) " + ", ".join(sorted(unknown)))
    if empty:
        problems.append("no key given for " + ", ".join(sorted(empty)))
    if clashes:
        problems.append("; ".join(dict.fromkeys(clashes)))
    if not problems:
        return keymap, ""
    kept = " (those keep their default keys)" if clashes or empty else ""
    return keymap, "config.toml [keys]: " + "; ".join(problems) + kept + "."
