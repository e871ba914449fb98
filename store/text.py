"""Text helpers shared by the parser, the library and the UI.

Scraped article text is untrusted: it can carry terminal escape sequences, invisible characters
and a zoo of Unicode spaces. These helpers make it safe to store, compare and display. They are
deliberately plain string/regex code with a fast path for the common clean case, because the
parser calls them on every article of a 100,000-article import.
"""

from __future__ import annotations

import re

from store.sanitize import control_sequences

# Terminal control sequences: the one definition lives in store.sanitize (the display
# sanitizer); parsing removes the same sequences before text is stored.
_CONTROL_RE = control_sequences()
_ANY_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Characters that render as nothing but break comparisons and searches: zero-width space and
# non-joiner, marks, word joiner and invisible operators, soft hyphen, byte-order mark, and the
# bidi embedding/override/isolate controls (which can also reorder what a terminal shows).
# U+200D (zero-width joiner) is kept: it binds emoji sequences (a family, a flag with a sign),
# and removing it splits one picture into several.
_INVISIBLE_RE = re.compile(
    "[\u00ad\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# A joiner that joins nothing: next to a space or at either end of the text (after the other
# invisibles are gone, so "a\u200d\u00ad" loses its joiner too).
_LOOSE_JOINER_RE = re.compile("(?<!\\S)\u200d+|\u200d+(?!\\S)")


def _drop_invisibles(s: str) -> str:
    s = _INVISIBLE_RE.sub("", s)
    return _LOOSE_JOINER_RE.sub("", s) if "\u200d" in s else s


# Horizontal whitespace: every Unicode space (NBSP, thin, narrow NBSP, ideographic...) and tabs.
# Anything a plain single ASCII space does not cover: the trigger for the slow path.
_ODD_SPACE_RE = re.compile(r"[^\S\n]{2,}|[^\S\n ]")

_NEWLINE_RE = re.compile("\r\n?|[\u2028\u2029]")


def strip_controls(s: str) -> str:
    """Remove C0/C1 control characters and whole ESC/CSI/OSC sequences; keep ``\\n`` and ``\\t``.

    Use it on anything from an article before it reaches a terminal: ESC sequences can recolour
    or retitle the user's terminal, and C1 bytes (0x80-0x9f) act as controls on some terminals.
    """
    if not _ANY_CONTROL_RE.search(s):
        return s
    return _CONTROL_RE.sub("", s)


def remove_invisibles(s: str) -> str:
    """Drop zero-width characters, soft hyphens, BOMs and bidi controls."""
    return _drop_invisibles(s)


def normalise_spaces(s: str) -> str:
    """One line of text with invisibles removed, every whitespace run a single space, trimmed.

    Newlines inside ``s`` are kept (each run of other whitespace around them still collapses),
    so it is safe on multi-line text too.
    """
    s = _drop_invisibles(s)
    if _ODD_SPACE_RE.search(s):
        s = _ODD_SPACE_RE.sub(" ", s)
    return s.strip()


def normalise_newlines(text: str) -> str:
    """CRLF, lone CR and the Unicode line/paragraph separators all become ``\\n``."""
    if "\r" in text or not text.isascii():
        return _NEWLINE_RE.sub("\n", text)
    return text


_CONTROL_OR_INVISIBLE_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def _clean_line(line: str) -> str:
    if _CONTROL_OR_INVISIBLE_RE.search(line):
        line = _drop_invisibles(strip_controls(line))
    # str.split() splits on exactly the characters str.isspace() knows: every Unicode space
    # (NBSP, thin, narrow NBSP, ideographic...) and tabs, at C speed.
    return " ".join(line.split())


def normalise_lines(text: str, ascii_clean: bool = False) -> list[str]:
    """The parser's canonical form of a whole file: the lines it actually reads.

    Newlines unified, control characters and invisibles removed, horizontal whitespace collapsed
    to single spaces, every line trimmed. Line count is preserved apart from CR/CRLF folding,
    so line *n* of the result corresponds to line *n* of the ``\\n``-split input. (No escape
    sequence that ``strip_controls`` removes can span a newline, so cleaning line by line gives
    the same result as cleaning the whole text.)

    ``ascii_clean``: the caller knows ``text`` holds no ASCII control character but ``\\n``
    and ``\\r`` (``store.parse`` reads it off the file's bytes). An ASCII line is then
    printable without asking: ``isascii()`` is read from the string's header, while
    ``isprintable()`` looks up every character (about half of this function's instructions
    on corpus articles, whose lines are ~93% ASCII).
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and ("\u2028" in text or "\u2029" in text):
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    lines = text.split("\n")
    for i, line in enumerate(lines):
        # isprintable() is False for every control, format (zero-width, bidi, BOM, soft hyphen)
        # and non-ASCII space character: one C-speed test sends only odd lines the slow way.
        if (ascii_clean and line.isascii()) or line.isprintable():
            if "  " in line:
                lines[i] = " ".join(line.split())
            elif line[:1] == " " or line[-1:] == " ":
                lines[i] = line.strip(" ")
        else:
            lines[i] = _clean_line(line)
    return lines


def normalise_text(text: str) -> str:
    """``normalise_lines`` joined with ``\\n``."""
    return "\n".join(normalise_lines(text))


def fold(s: str) -> str:
    """A comparison key: case-folded with whitespace normalised (titles, sources, labels)."""
    return normalise_spaces(s).casefold()
