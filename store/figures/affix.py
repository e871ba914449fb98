"""``str.startswith``/``str.endswith`` at an offset, as calls mypyc compiles to C.

Why: mypyc turns ``text.startswith(prefix)`` into one C call, but with an offset
(``text.startswith(" in ", end)``) or a tuple and an offset it makes a generic method call: a
bound method, an argument tuple parsed by ``PyArg_ParseTuple``, about a microsecond each, and
the extractor makes ~100 of them per article. ``str.find`` with both bounds is compiled to C:
a match of ``prefix`` found starting at ``pos`` within ``len(prefix)`` characters is one
written at ``pos``. Offsets outside the text (negative ones count from its end) go to the
method itself, so every answer is the one ``startswith``/``endswith`` gives.
"""

from __future__ import annotations


def starts_at(text: str, prefix: str, pos: int) -> bool:
    """``text.startswith(prefix, pos)``."""
    if pos < 0:
        return text.startswith(prefix, pos)
    return text.find(prefix, pos, pos + len(prefix)) == pos


def starts_at_any(text: str, prefixes: tuple[str, ...], pos: int) -> bool:
    """``text.startswith(prefixes, pos)`` for a tuple of prefixes: the text from ``pos``, cut
    to the longest prefix, tested by ``startswith(prefixes)`` (compiled to C without an
    offset), one short copy instead of a ``find`` per prefix."""
    if pos < 0 or pos > len(text):
        return text.startswith(prefixes, pos)
    longest = 0
    for prefix in prefixes:
        if len(prefix) > longest:
            longest = len(prefix)
    return text[pos : pos + longest].startswith(prefixes)


def ends_at(text: str, suffix: str, end: int) -> bool:
    """``text.endswith(suffix, 0, end)``: whether ``text[:end]`` ends with ``suffix``."""
    start = end - len(suffix)
    if start < 0 or end > len(text):
        return text.endswith(suffix, 0, end)
    return text.find(suffix, start, end) == start


def ends_at_any(text: str, suffixes: tuple[str, ...], end: int) -> bool:
    """``text.endswith(suffixes, 0, end)`` for a tuple of suffixes."""
    for suffix in suffixes:
        if ends_at(text, suffix, end):
            return True
    return False
