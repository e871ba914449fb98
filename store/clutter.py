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
from typing import NamedTuple

_FLAGS = re.IGNORECASE


class Rule(NamedTuple):
    """One built-in clutter pattern.

    ``guards``: lower-case substrings of which the line must contain at least one before the
    regex runs (a cheap pre-filter: most lines are rejected without any regex work). ``whole``:
    the regex must match the whole line (else ``re.search``).
    """

    name: str
    pattern: str
    guards: tuple[str, ...] = ()
    whole: bool = True


_VIEWS = r"(?:views?|переглядів|перегляди|просмотр(?:ов|а|ы)?)"

WIDGET_PATTERNS: tuple[Rule, ...] = (
    Rule(
        "view counter",
        rf"(?:👁\s*)?\d[\d\s.,]*[kк]?\s*{_VIEWS}|{_VIEWS}\s*:?\s*\d[\d\s.,]*[kк]?",
        ("view", "перегляд", "просмотр"),
    ),
    Rule("font-size widget", r"(?:[+\-−–↺⟲↻]|\d{1,3}\s?px|\s)+", ("px", "↺", "⟲", "↻")),
    Rule("font-size buttons", r"a\s?[+\-−]\s*a\s?[+\-−]"),
    Rule(
        "share buttons",
        r"(?:(?:share(?: on| this(?: article)?)?|print(?: version)?|subscribe|tweet|e-?mail"
        r"|copy(?: link)?|link copied|facebook|twitter|x|telegram|whatsapp|viber|linkedin|reddit"
        r"|pinterest|messenger|bookmark|save)\b[\s|·•,/:]*){1,10}",
    ),
    Rule(
        "read-also teaser",
        r"(?:read (?:also|more)|see also|also read|читайте (?:також|также)|дивіться також)"
        r"\s*[:.\-–—].{0,300}",
    ),
    Rule(
        "language prompt",
        r".{0,200}\b(?:version|language|english|ukrainian|russian)\b.{0,200}\?",
        ("switch",),
    ),
    Rule("advertisement", r"(?:advertisement|advert|sponsored|реклама)"),
)

# Cookie consent: only the consent phrasing, not any sentence that mentions a cookie.
COOKIE_RULE = Rule(
    "cookie consent",
    r"cookie.*\b(?:agree|consent|accept|policy|settings|preferences|use of)\b"
    r"|\b(?:agree|consent|accept)\w*\b.*cookie|\b(?:site|website|we) uses? cookie",
    ("cookie",),
    whole=False,
)

TRAILING_PATTERNS: tuple[Rule, ...] = (
    COOKIE_RULE,
    Rule("copyright", r"(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4})).{0,200}"),
    Rule("rights reserved", r"all rights reserved", ("reserved",), whole=False),
    Rule("typo report", r"ctrl\s*\+\s*enter", ("ctrl",), whole=False),
    Rule(
        "quoting terms",
        r"hyperlink.*\b(?:required|mandatory|obligatory)\b",
        ("hyperlink",),
        whole=False,
    ),
    Rule(
        "subscribe prompt",
        r"(?:subscribe(?: to| for| now|!|$)|sign up (?:for|to)|follow us|join us)\b.{0,200}",
    ),
    Rule("tag list", r"(?:tags?|теги|мітки)\s*:.{0,300}"),
    Rule("preference prompt", r"(?:you might|you may|would you) (?:prefer|like).{0,200}"),
)

_MAX_LEN = 320  # no built-in widget or trailing clutter is longer than this


class _Compiled:
    """Unguarded rules fused into one anchored regex; guarded ones behind one guard search."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        plain = [r.pattern for r in rules if not r.guards]
        self.fused = re.compile("|".join(f"(?:{p})" for p in plain), _FLAGS) if plain else None
        self.guarded = [
            (r.guards, getattr(re.compile(r.pattern, _FLAGS), "fullmatch" if r.whole else "search"))
            for r in rules
            if r.guards
        ]
        self.guard_words = tuple(sorted({g for r in rules for g in r.guards}))

    def hit(self, line: str) -> bool:
        if len(line) > _MAX_LEN:
            return False
        if self.fused is not None and self.fused.fullmatch(line):
            return True
        if self.guard_words:
            low = line.lower()
            for word in self.guard_words:
                if word in low:
                    break
            else:
                return False
            for guards, test in self.guarded:
                for g in guards:
                    if g in low:
                        if test(line):
                            return True
                        break
        return False


class ClutterMatcher:
    """Compiled built-in and user patterns; build once per pattern set (see ``matcher``)."""

    def __init__(self, user_patterns: Sequence[str] = ()) -> None:
        self._widget = _Compiled(WIDGET_PATTERNS)
        self._trailing = _Compiled(TRAILING_PATTERNS)
        self._cookie = _Compiled((COOKIE_RULE,))
        self._user = [re.compile(p, _FLAGS) for p in user_patterns]

    def is_widget(self, line: str) -> bool:
        """True for a line that is page furniture wherever it stands (whole-line match)."""
        if self._widget.hit(line):
            return True
        if self._user:
            return any(p.fullmatch(line) for p in self._user)
        return False

    def is_leading(self, line: str) -> bool:
        """True for furniture above the title: a widget or a cookie banner (never a headline)."""
        return self.is_widget(line) or self._cookie.hit(line)

    def is_trailing(self, line: str) -> bool:
        """True for a line that is clutter when it sits in the trailing run of the article."""
        if self.is_widget(line) or self._trailing.hit(line):
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
