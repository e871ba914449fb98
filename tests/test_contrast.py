"""Text contrast >= 4.5:1 (WCAG AA) in both themes, and no state carried by colour alone.

The contrast is computed from what the app really draws: every segment of text on screen (lines
and scroll bars excluded) has its foreground and background colour, after Textual's own
filters, compared with the WCAG relative-luminance formula. A modal screen is checked inside
its box only: what lies behind it is faded on purpose.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from compare_support import QUAKE, build_sample_library, find_id, ids_by_title, open_compare
from compare_support import wait_ready as wait_app_ready

from tui.app import NewsdeskApp
from tui.app.screens.help import HelpScreen

THEMES = ["textual-dark", "textual-light"]
MINIMUM = 4.5


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _is_drawing(text: str) -> bool:
    """Box-drawing and block characters: borders, rules and scroll bars, not text."""
    return all(ch in " →" or 0x2500 <= ord(ch) <= 0x259F for ch in text)


def low_contrast(app: NewsdeskApp) -> list[str]:
    """Every piece of text on screen under the minimum, with its colours and ratio."""
    region = None
    if isinstance(app.screen, HelpScreen):
        region = app.screen.query_one("#help-box").region
    found = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            start, x = x, x + segment.cell_length
            style = segment.style
            if style is None or not segment.text.strip() or _is_drawing(segment.text):
                continue
            if region is not None and not (
                region.y <= y < region.bottom and region.x <= start < region.right
            ):
                continue
            if style.color is None or style.bgcolor is None or style.dim:
                continue
            fg = tuple(style.color.get_truecolor())
            bg = tuple(style.bgcolor.get_truecolor())
            ratio = contrast(fg, bg)  # type: ignore[arg-type]
            if ratio < MINIMUM:
                found.append(f"{segment.text.strip()[:24]!r} {fg} on {bg}: {ratio:.2f}")
    return found


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_library(tmp_path_factory.mktemp("contrast") / "samples.db")


@pytest.mark.parametrize("theme", THEMES)
async def test_list_reader_and_help_text_contrast(sample_db: Path, theme: str) -> None:
    app = NewsdeskApp(sample_db, cursor_blink=False)
    async with app.run_test(size=(110, 30)) as pilot:
        app.theme = theme
        await wait_app_ready(app, pilot)
        for _ in range(200):
            if app.browse.reader.data is not None and app.browse.query("KeyBar"):
                break
            await pilot.pause(0.02)
        await pilot.pause(0.3)
        assert low_contrast(app) == []
        await pilot.press("j", "space")  # a picked mark and a blurred cursor
        await pilot.press("tab")
        await pilot.pause(0.2)
        assert low_contrast(app) == []
        await pilot.press("question_mark")
        await pilot.pause(0.2)
        assert low_contrast(app) == []


@pytest.mark.parametrize("theme", THEMES)
async def test_comparison_text_contrast(sample_db: Path, theme: str) -> None:
    titles = ids_by_title(sample_db)
    ids = [find_id(titles, QUAKE[name]) for name in ("bbc", "ap", "reuters")]
    app = NewsdeskApp(sample_db, cursor_blink=False)
    async with app.run_test(size=(110, 40)) as pilot:
        app.theme = theme
        await wait_app_ready(app, pilot)
        await open_compare(app, pilot, ids)
        assert low_contrast(app) == []


async def test_no_color_draws_in_the_terminals_own_colours(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR: no cell carries a colour of its own, so nothing can fade into the background;
    the cursor is reverse video and picks and conflicts carry marks."""
    monkeypatch.setenv("NO_COLOR", "1")
    titles = ids_by_title(sample_db)
    ids = [find_id(titles, QUAKE[name]) for name in ("bbc", "ap", "reuters")]
    app = NewsdeskApp(sample_db, cursor_blink=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_app_ready(app, pilot)
        await pilot.pause(0.3)
        strips = list(app.screen._compositor.render_strips())
        styles = [s.style for strip in strips for s in strip if s.style is not None]
        assert all(
            (s.color is None or s.color.is_default) and (s.bgcolor is None or s.bgcolor.is_default)
            for s in styles
        )
        cursor_line = strips[1]
        assert any(s.style and s.style.reverse for s in cursor_line if s.text.strip())
        await open_compare(app, pilot, ids)
        text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "✗" in text and "≠" in text
