"""``new_figure`` makes the same ``Figure`` as its constructor (the extractor's fast path)."""

from __future__ import annotations

import ast
import dataclasses
import pickle
import random
from pathlib import Path

import pytest

from store.figures.cand import Cand
from store.figures.counted import Counted
from store.figures.currency import CurrencyHit
from store.figures.records import new_figure, replaced
from store.figures.unit_readers import UnitHit
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


def test_replaced_equals_dataclasses_replace() -> None:
    """``replaced`` (collapse, moves) gives what ``dataclasses.replace`` gives, field for field,
    and leaves the figure it copies as it was."""
    rnd = random.Random(18)
    names = [f.name for f in dataclasses.fields(Figure)]
    values = {
        "value_low": [0.5, 12.0, -3.0],
        "value_high": [1.0, 99.5],
        "value_from": [None, 4.0],
        "start": [0, 7],
        "end": [3, 40],
        "places": [(), (("body", 1, 4),), (("lead", 0, 2), ("body", 9, 12))],
    }
    for _ in range(2_000):
        base = new_figure(*ARGS.values()) if rnd.random() < 0.5 else Figure(**ARGS)
        before = vars(base).copy()
        changes = {
            name: rnd.choice(values.get(name, ["", "x", "up", "troops"]))
            for name in rnd.sample(names, rnd.randint(0, 5))
        }
        fast, slow = replaced(base, **changes), dataclasses.replace(base, **changes)
        assert type(fast) is Figure and fast == slow and vars(fast) == vars(slow), changes
        assert pickle.loads(pickle.dumps(fast)) == slow
        assert vars(base) == before
    with pytest.raises(TypeError):
        replaced(new_figure(*ARGS.values()), colour="red")  # no such field, as replace says


_ROOT = Path(__file__).resolve().parent.parent
_WRITTEN_DEFAULTS: dict[type, dict[str, object]] = {
    Cand: {"sign": 0, "change": "", "age": False},
    Counted: {"counts": "", "key": "", "from_event": False, "head": ""},
    UnitHit: {"factor": None},
    CurrencyHit: {},
}


@pytest.mark.parametrize("cls", list(_WRITTEN_DEFAULTS))
def test_written_init_is_the_dataclass_init(cls: type) -> None:
    """These classes write their ``__init__`` out (so that mypyc compiles it): its parameters
    must be the fields, in order, with the defaults the fields had."""
    # Read from the source: a compiled ``__init__`` shows no signature.
    source = _ROOT / "store" / "figures" / f"{cls.__module__.rsplit('.', 1)[-1]}.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    init = next(
        item
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef) and node.name == cls.__name__
        for item in node.body
        if isinstance(item, ast.FunctionDef) and item.name == "__init__"
    )
    names = [a.arg for a in init.args.args[1:]]
    fields = dataclasses.fields(cls)
    assert names == [f.name for f in fields]
    given = [ast.literal_eval(d) for d in init.args.defaults]
    defaults = dict(zip(names[len(names) - len(given) :], given, strict=True))
    assert defaults == _WRITTEN_DEFAULTS[cls]
    make = {"int": int, "float": float, "bool": lambda i: i % 2 == 1, "str": lambda i: f"v{i}"}
    values = [
        make.get(getattr(f.type, "__name__", f.type), lambda i: None)(i)  # (None: an optional)
        for i, f in enumerate(fields)
    ]
    made = cls(*values)
    assert [getattr(made, f.name) for f in fields] == values
    assert made == cls(*values) and repr(made).startswith(cls.__name__ + "(")
