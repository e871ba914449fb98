"""Page clutter: the lines a scraper picks up that are not part of the article.

Two kinds, because they carry different risks:

* **Widgets** (``WIDGET_PATTERNS``) are lines no article sentence ever looks like: "24196 views",
  a font-size control "+ ↺ − 16 px", a row of share buttons, "Read also: ...", a "switch to the
  English version?" prompt. They are removed wherever they stand.
* **Trailing clutter** (``TRAILING_PATTERNS``) are sentences such as a cookie-consent notice or a
  copyright line. A real paragraph can mention cookies, so these are only removed from the *end*
  of the article (the trailing run of clutter and blank lines), where page chrome lives.

Users extend the list with regexes in the config file (``clutter_patterns``). A user pattern is
matched with ``re.search`` (case-insensitive) against each trailing line, and removes a line
anywhere in the body when it matches the *whole* line. Removed lines are kept in
``Article.clutter``; nothing is thrown away.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

_FLAGS = re.IGNORECASE

# Cookie consent: only the consent phrasing, not any sentence that mentions a cookie.
COOKIE_PATTERN = (
    r"(?=.{0,300}$).*(?:cookie.*\b(?:agree|consent|accept|policy|settings|preferences|use of)\b"
    r"|\b(?:agree|consent|accept)\w*\b.*cookie|\b(?:site|website|we) uses? cookie).*"
)

WIDGET_PATTERNS: tuple[str, ...] = (
    # view counters: "24196 views", "Views: 1 204", "1.2K views", "Переглядів: 350"
    r"(?:👁\s*)?\d[\d\s.,]*[kKкК]?\s*(?:views?|переглядів|перегляди|просмотр(?:ов|а|ы)?)",
    r"(?:views?|переглядів|перегляди|просмотр(?:ов|а|ы)?)\s*:?\s*\d[\d\s.,]*[kKкК]?",
    # font-size widgets: "+ ↺ − 16 px", "A- A+", "− 16px +"
    r"(?=.*(?:\dpx|\d px|[↺⟲↻]))(?:[+\-−–↺⟲↻]|\d{1,3}\s?px|\s)+",
    r"a\s?[+\-−]\s*a\s?[+\-−]",
    # rows of share / print / subscribe buttons (only these words, with separators)
    r"(?:(?:share(?: on| this(?: article)?)?|print(?: version)?|subscribe|tweet|e-?mail"
    r"|copy(?: link)?|link copied|facebook|twitter|x|telegram|whatsapp|viber|linkedin|reddit"
    r"|pinterest|messenger|bookmark|save)\b[\s|·•,/:]*){1,10}",
    # "Read also: <another headline>" teasers
    r"(?:read (?:also|more)|see also|also read|читайте (?:також|также)|дивіться також)\s*[:.\-–—]"
    r".{0,300}",
    # language prompts: "You might prefer the English version of this page. Switch?"
    r"(?=.{0,250}$)(?=.*\bswitch\b)(?=.*\b(?:version|language|english|ukrainian|russian)\b).*\?",
    r"(?:advertisement|advert|sponsored|реклама)",
)

TRAILING_PATTERNS: tuple[str, ...] = (
    COOKIE_PATTERN,
    r"(?:©|\(c\)\s|copyright\b).{0,200}",
    r"(?=.{0,300}$).*all rights reserved.*",
    r"(?=.{0,300}$).*ctrl\s*\+\s*enter.*",
    r"(?=.{0,300}$).*hyperlink.*\b(?:required|mandatory|obligatory)\b.*",
    r"(?:subscribe|follow us|join us|sign up)\b.{0,200}",
    r"(?:tags?|теги|мітки)\s*:.{0,300}",
    r"(?:you might|you may|would you) (?:prefer|like).{0,200}",
)


class ClutterMatcher:
    """Compiled built-in and user patterns; build once per pattern set (see ``matcher``)."""

    def __init__(self, user_patterns: Sequence[str] = ()) -> None:
        self._widget = re.compile("|".join(f"(?:{p})" for p in WIDGET_PATTERNS), _FLAGS)
        self._trailing = re.compile("|".join(f"(?:{p})" for p in TRAILING_PATTERNS), _FLAGS)
        self._cookie = re.compile(COOKIE_PATTERN, _FLAGS)
        self._user = [re.compile(p, _FLAGS) for p in user_patterns]

    def is_widget(self, line: str) -> bool:
        """True for a line that is page furniture wherever it stands (whole-line match)."""
        if len(line) <= 320 and self._widget.fullmatch(line):
            return True
        return any(p.fullmatch(line) for p in self._user)

    def is_leading(self, line: str) -> bool:
        """True for furniture above the title: a widget or a cookie banner (never a headline)."""
        return self.is_widget(line) or (len(line) <= 320 and bool(self._cookie.fullmatch(line)))

    def is_trailing(self, line: str) -> bool:
        """True for a line that is clutter when it sits in the trailing run of the article."""
        if self.is_widget(line):
            return True
        if len(line) <= 320 and self._trailing.fullmatch(line):
            return True
        return any(p.search(line) for p in self._user)


@lru_cache(maxsize=16)
def _cached(patterns: tuple[str, ...]) -> ClutterMatcher:
    return ClutterMatcher(patterns)


def matcher(user_patterns: Sequence[str] | None = None) -> ClutterMatcher:
    """The matcher for built-ins plus ``user_patterns``, compiled once and cached.

    Raises ``re.error`` for an invalid user pattern; ``store.config`` validates patterns when it
    loads the config file, so users see a one-sentence error there instead.
    """
    return _cached(tuple(user_patterns or ()))
