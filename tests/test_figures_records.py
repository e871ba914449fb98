"""``new_figure`` makes the same ``Figure`` as its constructor (the extractor's fast path)."""

from __future__ import annotations

import dataclasses
import pickle

from store.figures.records import new_figure
from store.model import Figure

ARGS = {
    "value_low": 1000.0,
    "value_high": 3000.0,
    "bound": "range",
    "unit": "count",
    "counts": "new soldiers",
    "key": "troops",
    "change": "up",
    "sentence": "Between 1,000 and 3,000 new soldiers were sent.",
    "start": 8,
    "end": 22,
    "part": "body",
    "places": (("body", 8, 22), ("lead", 0, 5)),
}


def test_new_figure_equals_the_constructor() -> None:
    fast, slow = new_figure(**ARGS), Figure(**ARGS)
    assert fast == slow and hash(repr(fast)) == hash(repr(slow))
    assert dataclasses.asdict(fast) == dataclasses.asdict(slow)
    assert vars(fast) == vars(slow)  # every field set on the instance, defaults included
    assert fast.to_json() == slow.to_json()
    assert pickle.loads(pickle.dumps(fast)) == slow


def test_new_figure_keeps_fields_apart_and_stays_frozen() -> None:
    fast = new_figure(*ARGS.values())
    assert [getattr(fast, name) for name in ARGS] == list(ARGS.values())
    assert (fast.qualifier, fast.period, fast.attribution, fast.value_from) == ("", "", "", None)
    assert dataclasses.replace(fast, key="people").key == "people"
    try:
        fast.key = "x"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:  # pragma: no cover - the assertion below reports it
        raise AssertionError("a figure made by new_figure must stay frozen")
