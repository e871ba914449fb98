"""The sides a count can belong to, from the user-extendable ``actors.toml`` lexicon.

Kept apart from ``store.figures.qualifiers`` (the readers of wave, scope, rate and actor)
because this is the lexicon and its cheap first tests, loaded once and shared by the readers,
the event finder and the claim builder.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Final


def _load_actors() -> dict[str, str]:
    data = resources.files("store.figures").joinpath("actors.toml").read_bytes()
    doc = tomllib.loads(data.decode("utf-8"))
    table: dict[str, str] = {}
    for name, spellings in doc.get("actors", {}).items():
        for spelling in [name, *spellings]:
            table[spelling.lower()] = name
    return table


@lru_cache(maxsize=1)
def actor_table() -> dict[str, str]:
    """Lowercase spelling -> actor name ("pyongyang" -> "North Korean")."""
    return _load_actors()


@lru_cache(maxsize=1)
def actor_first_words() -> frozenset[str]:
    return frozenset(spelling.split()[0] for spelling in actor_table())


def bare_name(word: str) -> str:
    return word.lower().removesuffix("'s").removesuffix("’s")


# A capitalised word inside a sentence that reads like a people's name or a possessive name
# ("Karvosian", "Tesmari", "Sarvenia's"): one regex scan, started by a character class.
_PEOPLES_NAME_RE: Final = re.compile(r"[A-Z][a-z'’-]*(?:an|i|ese|ish|ic|['’]s)\b(?<=[a-z]..)")


def may_name_actor(text: str, lower: str, vocab: frozenset[str]) -> bool:
    """A cheap first test: could a sentence name the side a count belongs to? It names a
    side the lexicon knows, or holds a capitalised word that reads like a people's name
    ("Karvosian", "Tesmari"), a possessive name, or opens with a name ("Pyongyang has...")."""
    if not _actor_words().isdisjoint(vocab) or opens_with_actor(lower):
        return True
    return _PEOPLES_NAME_RE.search(text) is not None


@lru_cache(maxsize=1)
def _actor_words() -> frozenset[str]:
    """Every word of every actor spelling, lowercased (what a sentence's words are tested
    against)."""
    words = (w.strip(".") for spelling in actor_table() for w in spelling.split())
    return frozenset(w for w in words if len(w) > 3)  # not "us", "uk": words of every text


def opens_with_actor(lower: str) -> bool:
    """Whether a lowercased sentence starts with the first word of an actor's name."""
    head = lower[:24].split(None, 1)
    return bool(head) and bare_name(head[0].strip(_QUOTES)) in actor_first_words()


_QUOTES = "\"“‘'(["
