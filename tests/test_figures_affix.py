"""``store.figures.affix`` answers as ``str.startswith``/``str.endswith`` do, at any offset."""

from __future__ import annotations

import random

from store.figures.affix import ends_at, ends_at_any, starts_at, starts_at_any

_PIECES = ["", "a", "b", "ab", " ", "a ", " in ", "é", "ß"]


def test_affix_matches_the_str_methods() -> None:
    rnd = random.Random(5)
    for _ in range(30_000):
        text = "".join(rnd.choice("ab é") for _ in range(rnd.randint(0, 8)))
        at = rnd.randint(-12, 12)
        one = rnd.choice(_PIECES)
        many = tuple(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 3)))
        assert starts_at(text, one, at) == text.startswith(one, at), (text, one, at)
        assert ends_at(text, one, at) == text.endswith(one, 0, at), (text, one, at)
        assert starts_at_any(text, many, at) == text.startswith(many, at), (text, many, at)
        assert ends_at_any(text, many, at) == text.endswith(many, 0, at), (text, many, at)
