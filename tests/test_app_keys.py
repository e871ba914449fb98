"""Pilot tests of keys, help, palette, remapping, themes, first run and error handling."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import build_library, make_app, make_article, screen_text, wait_for

from store.config import Config
from store.library import Library
from tui.app.keys import BINDING_IDS, keymap_from_config
from tui.app.screens.help import HelpScreen
from tui.app.widgets.reader import ReaderBody
from tui.app.widgets.search import SearchInput


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return build_library(tmp_path / "lib.db", [make_article(i) for i in range(60)])


def help_text(app) -> str:
    assert isinstance(app.screen, HelpScreen)
    return "\n".join(
        f"{title}: " + "; ".join(f"{k}={d} [{i}]" for k, d, i in entries)
        for title, entries in app.screen.sections
    )


async def test_vim_and_arrow_keys_move_the_cursor(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        article_list = app.browse.article_list
        await pilot.press("j", "down", "j")
        assert article_list.cursor == 3
        await pilot.press("k", "up")
        assert article_list.cursor == 1
        await pilot.press("ctrl+d")
        half = article_list.scrollable_content_region.height // 2
        assert article_list.cursor == 1 + half
        await pilot.press("ctrl+u")
        assert article_list.cursor == 1
        await pilot.press("G")
        assert article_list.cursor == 59
        await pilot.press("g")
        assert article_list.cursor == 0
        await pilot.press("pagedown")
        assert article_list.cursor == article_list.scrollable_content_region.height


async def test_help_lists_the_focused_panes_bindings(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = help_text(app)
        assert text.startswith("Article list:")
        assert "[list.pick]" in text and "[list.open]" in text
        assert "[reader.pick]" not in text
        assert "Everywhere:" in text and "[quit]" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("enter")  # narrow: reading mode, the reader body has the focus
        await wait_for(pilot, lambda: isinstance(app.focused, ReaderBody))
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = help_text(app)
        assert text.startswith("Reader:")
        assert "[reader.pick]" in text and "[reader.back]" in text and "[list.pick]" not in text
        # One version only: the version keys are hidden rather than listed as doing nothing.
        assert "[reader.older]" not in text
        assert "[reader.back]" in screen_text(app)


async def test_a_remapped_key_works_and_shows_in_help(library: Path) -> None:
    config = Config(keys={"search": "ctrl+f", "list.down": "n"})
    app = make_app(library, config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("n", "n")
        assert app.browse.article_list.cursor == 2
        await pilot.press("j")  # replaced by "n"
        assert app.browse.article_list.cursor == 2
        await pilot.press("slash")  # no longer bound
        assert not isinstance(app.focused, SearchInput)
        await pilot.press("ctrl+f")
        assert isinstance(app.focused, SearchInput)
        await pilot.press("escape", "question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert "^f=Search [search]" in help_text(app)


def test_keymap_from_config_reports_unknown_ids() -> None:
    keymap, problem = keymap_from_config({"search": "ctrl+f, slash", "nonsense": "x"})
    assert keymap == {"search": "ctrl+f,slash"}
    assert problem == "config.toml [keys]: unknown binding id(s) nonsense."
    assert {"quit", "help", "search", "list.pick", "reader.older"} <= BINDING_IDS


def test_a_key_given_to_two_actions_is_refused_and_quit_keeps_q() -> None:
    keymap, problem = keymap_from_config({"list.down": "q", "no.such": "x"})
    assert keymap == {}
    assert problem == (
        "config.toml [keys]: unknown binding id(s) no.such; q is both quit and list.down"
        " (those keep their default keys)."
    )
    # Keys that are never active together may share: n in the list and in the comparison.
    keymap, problem = keymap_from_config({"list.down": "n", "compare.down": "n"})
    assert keymap == {"list.down": "n", "compare.down": "n"} and problem == ""


async def test_q_still_quits_when_the_config_gives_it_to_another_action(library: Path) -> None:
    app = make_app(library, config=Config(keys={"list.down": "q", "no.such": "x"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        messages = [n.message for n in app._notifications]
        assert len(messages) == 1 and "no.such" in messages[0] and "q is both" in messages[0]
        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running)


async def test_unknown_binding_id_is_reported_in_one_sentence(library: Path) -> None:
    app = make_app(library, config=Config(keys={"no.such.thing": "x"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        messages = [n.message for n in app._notifications]
        assert any("no.such.thing" in m for m in messages)


async def test_a_bracketed_unknown_id_is_shown_literally_not_as_markup(library: Path) -> None:
    app = make_app(library, config=Config(keys={"[/x] [b]odd[/b]": "x"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        shown = [n for n in app._notifications if "[/x] [b]odd[/b]" in n.message]
        assert shown, "the unknown id was not reported"
        # As markup, "[/x]" would raise when the toast is drawn and "[b]odd[/b]" would lose
        # its brackets: the id must reach the screen as plain text.
        assert all(n.markup is False for n in shown)


async def test_palette_filters_by_category(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready and bool(app.browse.categories))
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "CommandPalette")
        await pilot.press(*"category: science")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.browse.category == "Science")
        await wait_for(pilot, lambda: app.browse.total == 15)
        assert "Science" in screen_text(app).splitlines()[0]


async def test_palette_sorts(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("ctrl+p", *"sort by source")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: app.browse.sort == "source" and "by source" in screen_text(app)
        )


async def test_tab_switches_between_list_and_reader(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("tab")
        assert isinstance(app.focused, ReaderBody)
        await pilot.press("tab")
        assert app.focused is app.browse.article_list


async def test_themes_dark_light_and_no_color(library: Path, monkeypatch) -> None:
    app = make_app(library, config=Config(theme="light"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        assert app.theme == "textual-light"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-dark"
    monkeypatch.setenv("NO_COLOR", "1")
    plain = make_app(library)
    async with plain.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: plain.browse.ready)
        assert plain.no_color


async def test_q_quits(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running)


async def test_first_run_imports_samples_into_an_empty_library(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    app = make_app(path, import_samples=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready, timeout=60)
        assert app.browse.total > 0
    with Library.open(path, readonly=True) as library:
        assert library.count() == app.browse.total


async def test_read_only_never_imports_samples(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    Library.open(path).close()
    app = make_app(path, import_samples=True, readonly=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        assert app.browse.total == 0
        assert "read-only" in screen_text(app)
        assert "The library is empty" in screen_text(app) or app.browse.is_wide is False


async def test_a_corrupt_library_exits_with_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database at all" * 100)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: not app.is_running)
    assert app.return_code == 1
    message = app.error
    assert message and message.endswith(".") and "broken.db" in message
    assert "\n" not in message and "Traceback" not in message


def test_run_reports_a_bad_config_file_in_one_sentence(tmp_path: Path, monkeypatch, capsys) -> None:
    from tui.app import run

    config = tmp_path / "config.toml"
    config.write_text("theme = [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("NEWSDESK_CONFIG", str(config))
    assert run(tmp_path / "lib.db") == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("newsdesk: ") and err.endswith(".") and "\n" not in err
    assert "Traceback" not in err
    assert not (tmp_path / "lib.db").exists()  # nothing was opened or created


async def test_palette_shows_a_bracketed_category_literally(tmp_path: Path) -> None:
    odd = make_article(1)
    odd.category = "[/x] Budget [b]desk[/b]"
    path = build_library(tmp_path / "odd.db", [make_article(0), odd])
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready and bool(app.browse.categories))
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "CommandPalette")
        await pilot.press(*"budget")
        await pilot.pause(0.3)
        assert app.is_running  # as markup, "[/x]" raised MarkupError while drawing the hit
        assert "[/x] Budget [b]desk[/b]" in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.browse.category == odd.category)


async def test_footer_at_80_columns_shows_sort_category_and_compare(library: Path) -> None:
    """The footer is cut at the right edge: the browse keys come before ^p, ? and q."""
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await wait_for(pilot, lambda: bool(app.browse.query_one("KeyBar").hints()))
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for label in ("s Sort", "f Category", "c Compare", "/ Search", "? Help", "q Quit"):
            assert label in footer, footer


async def test_the_palette_has_one_theme_command_and_exports_from_the_list(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.command import CommandPalette

    monkeypatch.setenv("NEWSDESK_EXPORT_DIR", str(tmp_path))
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"theme")
        await pilot.pause(0.5)
        options = app.screen.query_one("CommandList")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert sum("theme" in p.lower() for p in prompts) == 1, prompts
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.browse)
        await pilot.press("space", "j", "space", "ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"export comparison markdown")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(tmp_path.glob("*.md")), timeout=20)
