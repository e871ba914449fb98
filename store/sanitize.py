"""The one display sanitizer: every string that reaches a terminal passes through here.

Why one module: article text, file names and error messages come from files and libraries that
anyone may have written (another tool can put anything in a library's columns), and a terminal
obeys what it is sent. An escape sequence can clear the screen, recolour it, set the window title
or write the clipboard (OSC 52); a bidi override (U+202E) can reorder what a reader sees so that
one thing is shown and another is meant. Sanitizing in many places drifts apart (one status line
was left raw); here there is one rule, used by the widgets, notifications, the status line,
exports and the command line alike.

The rule:

* whole escape sequences go (CSI, OSC, DCS, SOS, PM, APC, two-byte ESC sequences, and their
  8-bit C1 forms), so no half-sequence like ``[31m`` is left behind;
* every other C0/C1 control character goes, except ``\\t`` and ``\\n``;
* bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) go;
* lone surrogates (undecodable bytes of a file name kept by ``surrogateescape``) are written as a
  visible ``\\xNN``, never passed on (they cannot even be encoded for output);
* everything else, including emoji joiners (U+200D), is kept.

It imports nothing but ``re`` so the command line's quick path can use it, and compiles its
larger patterns only when a string needs them (~2.5 ms of start-up otherwise, against the
quick ``list`` path's 50 ms budget).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import cache

# Terminal control sequences, removed whole. None may span a newline: an unterminated OSC/DCS
# string must not swallow the rest of an article, so then only its introducer is dropped and the
# remaining text stays visible (and inert, since its ESC is gone).
CONTROL_SEQUENCE_PATTERN = r"""
      (?:\x1b\[|\x9b) [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]          # CSI ... final byte
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]) [^\x07\x1b\x9c\n]*
      (?:\x07|\x1b\\|\x9c)                                          # OSC/DCS/SOS/PM/APC ... BEL|ST
    | \x1b [\x20-\x2f]* [\x30-\x7e]                                 # other ESC sequences
    | [\x00-\x08\x0b-\x1f\x7f-\x9f]                                 # any other C0 (bar \t \n), C1
    """
# Bidi embeddings, overrides and isolates: they reorder the characters around them on screen.
_BIDI = "[\u202a-\u202e\u2066-\u2069]"
# One C-speed test decides whether a string needs any work at all (nearly all strings do not).
_NEEDS_WORK_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


@cache
def control_sequences() -> re.Pattern[str]:
    """Whole terminal control sequences and other control characters (compiled on first use)."""
    return re.compile(CONTROL_SEQUENCE_PATTERN, re.VERBOSE)


@cache
def _removed() -> re.Pattern[str]:
    """Everything ``sanitize`` removes, as one pattern, for the offset-tracking variant."""
    return re.compile(f"{CONTROL_SEQUENCE_PATTERN}|{_BIDI}", re.VERBOSE)


CUT_MARK = "…"


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def _as_text(value: object) -> str:
    """Another program may have stored NULL, a number or a blob where text belongs."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def sanitize(text: str) -> str:
    """``text`` made inert for a terminal (see the module notes); ``\\t`` and ``\\n`` are kept."""
    if not isinstance(text, str):
        text = _as_text(text)
    if not _NEEDS_WORK_RE.search(text):
        return text
    text = _removed().sub("", text)
    return _SURROGATE_RE.sub(_escape_surrogate, text)


def one_line(text: str, limit: int | None = None) -> str:
    """Sanitized text on one line: every whitespace run (newlines too) one space, trimmed.

    With ``limit``, text longer than ``limit`` characters is cut first (see ``clip``), so a
    4 MB title costs no more than a short one wherever a single line is shown.
    """
    if limit is not None:
        text = clip(text, limit)
    return " ".join(sanitize(text).split())


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with a visible mark saying how much was left out.

    For display only: the stored text is never cut. The mark counts characters of the original.
    """
    if not isinstance(text, str):
        text = _as_text(text)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}{CUT_MARK} [{len(text) - limit:,} more characters not shown]"


def sanitize_with_offsets(text: str) -> tuple[str, Callable[[int], int]]:
    """``sanitize`` for text with highlights: also returns a map from old offsets to new ones.

    Figure and search offsets refer to the stored text; when something is removed the offsets
    after it shift, so highlights are moved by the same amount. (Surrogates are not expected in
    highlighted article text; they are escaped like ``sanitize`` does, offsets then approximate.)
    """
    if not isinstance(text, str):
        text = _as_text(text)
    if not _NEEDS_WORK_RE.search(text):
        return text, lambda offset: offset
    starts: list[int] = []  # start of each removed run, in the original text
    shift: list[int] = []  # characters removed up to and including that run
    ends: list[int] = []
    total = 0
    pieces: list[str] = []
    last = 0
    for match in _removed().finditer(text):
        pieces.append(text[last : match.start()])
        last = match.end()
        total += match.end() - match.start()
        starts.append(match.start())
        ends.append(match.end())
        shift.append(total)
    pieces.append(text[last:])
    cleaned = "".join(pieces)
    if _SURROGATE_RE.search(cleaned):
        cleaned = _SURROGATE_RE.sub(_escape_surrogate, cleaned)

    def remap(offset: int) -> int:
        index = bisect_left(ends, offset + 1) - 1  # last run ending at or before offset
        before = shift[index] if index >= 0 else 0
        inside = bisect_left(starts, offset + 1) - 1  # a run containing offset?
        if inside > index:  # offset falls inside a removed run: clamp to its start
            return starts[inside] - (shift[inside - 1] if inside > 0 else 0)
        return offset - before

    return cleaned, remap


_JSON_UNSAFE_RE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_safe(text: str) -> str:
    """JSON text (as ``json.dumps`` wrote it) with C1 controls, bidi controls and surrogates
    written as ``\\uXXXX`` escapes: the same JSON value, but inert on a terminal.

    JSON itself escapes C0 controls (ESC included); the rest is readable UTF-8 for scripts.
    """
    return _JSON_UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
