"""`newsdesk extract --per-line` in chunks and across processes: the same bytes as line by line."""

from __future__ import annotations

import io
import sys

import pytest

from tui.cli import per_line
from tui.cli.figures import _dumps

LINES = [
    "At least 300 people were killed and about 1,200 injured, officials said.",
    "",
    "   ",
    "no numbers here",
    "Exports rose 15% in May, up from 12% a year earlier.\r",
    "A C1 control \x85 and a bidi override \u202e sit beside 40 boats.",
    "The Nikkei fell 0.6% to 38,412, according to the exchange.",
    "Between 1,000 and 3,000 new troops were sent, Seoul's spy agency said.",
    "£4.1m was raised; the 58-year-old said 3 people died.",
]


def _line_by_line(lines: list[str]) -> str:
    """What the command wrote before chunks: one ``_dumps`` per line."""
    out = []
    for raw in lines:
        line = raw.removesuffix("\r")
        figs = per_line.figures_of(line) if line.strip() else []
        out.append(_dumps([f.to_json() for f in figs], compact=True) + "\n")
    return "".join(out)


def _written(lines: list[str]) -> str:
    buffer = io.StringIO()
    per_line.write_per_line(lines, buffer)
    return buffer.getvalue()


def test_chunks_write_what_line_by_line_wrote(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = LINES * 5
    monkeypatch.setattr(per_line, "CHUNK_LINES", 4)
    monkeypatch.setattr(per_line, "PARALLEL_LINES", 10**9)
    expected = _line_by_line(lines)
    assert "\\u0085" in expected and "\\u202e" in expected  # the escapes are exercised
    assert _written(lines) == expected


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_workers_write_what_one_process_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [f"{line} ({i} of them)" if line.strip() else line for i, line in enumerate(LINES * 7)]
    monkeypatch.setattr(per_line, "CHUNK_LINES", 5)
    monkeypatch.setattr(per_line, "PARALLEL_LINES", 10**9)
    alone = _written(lines)
    monkeypatch.setattr(per_line, "PARALLEL_LINES", 1)
    monkeypatch.setattr(per_line, "_cores", lambda: 3)
    pools: list[int] = []
    real_pool = per_line.multiprocessing_pool

    def counting_pool(workers: int):  # noqa: ANN202 - the pool type is multiprocessing's
        pools.append(workers)
        return real_pool(workers)

    monkeypatch.setattr(per_line, "multiprocessing_pool", counting_pool)
    assert _written(lines) == alone
    assert pools == [3]  # the chunks really went to worker processes
    assert alone.count("\n") == len(lines)
