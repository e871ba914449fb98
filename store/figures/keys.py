"""Keys a first reading gets wrong: the word it lands on names the change or the measure, and
the counted thing is one step further.

"a 3% drop in sales" counts sales, not the drop; "3.7 million units" of shipments counts
shipments, not units. Each rule here takes the key the noun-phrase reading gave and looks one
step on, only when that key is one of these words, so other figures never pay for it.
"""

from __future__ import annotations

from store.figures import counted as ct
from store.figures.lexicon import Lexicon

# Nouns of a change after a number ("a 3% drop in sales"): the thing is after "in"/"of".
CHANGE_HEADS = frozenset(
    """
    drop fall rise increase decrease decline gain jump surge slump dip cut reduction growth
    hike climb slide plunge tumble
    """.split()
)
# Counters that name no thing ("289.4 million units"): the subject of the clause does.
GENERIC_COUNTERS = frozenset({"unit", "item", "piece"})
_IN_OF = frozenset({"in", "of"})


def changed_thing(text: str, pos: int, head: str, lexicon: Lexicon) -> str:
    """What a change noun after a number is a change in ("a 3% drop in sales" -> "sale"), or
    "" when no "in"/"of" phrase follows the noun."""
    words = ct.right_words(text, pos)
    for i, raw in enumerate(words[:3]):
        if raw.rstrip(".,;:!?)").lower() == head:
            rest = words[i + 1 :]
            if raw[-1:] in ".,;:!?)" or not rest or rest[0].lower() not in _IN_OF:
                return ""
            return ct.read_of_phrase(rest, lexicon).key
    return ""
