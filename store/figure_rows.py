"""Figures as the import stores them: the extractor, looked up once, and its output as rows
ready to insert.

Apart from ``store.importing`` (which reads files into articles) because it is its own seam:
the one place that knows the extractor exists, so a test can put another one in
(``_EXTRACTOR``) and a broken install fails here, loudly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from store.model import Article, Figure

_PLAIN_PARTS = frozenset({"key_point", "lead", "body"})


def _places_json(places: Sequence[tuple[str, int, int]]) -> str:
    """``places`` as compact JSON, byte-identical to ``json.dumps`` with the compact separators,
    without the json module.

    An import stores ~10 figures per article: ``json.dumps`` per figure measured 0.033 ms per
    article in the workers, this 0.008 ms (~2.5 s of CPU saved over 100k). Anything but the
    usual part names and plain ints takes the json path.
    """
    out = []
    for place in places:
        part, start, end = place
        if part not in _PLAIN_PARTS or type(start) is not int or type(end) is not int:
            import json  # where used: the plain path above is the one imports take

            return json.dumps([list(p) for p in places], ensure_ascii=False, separators=(",", ":"))
        out.append(f'["{part}",{start},{end}]')
    return f"[{','.join(out)}]"


class Extractor(NamedTuple):
    """The figure extractor and its version (stored with the figures it wrote)."""

    extract: Callable[[Article], list[Figure]]
    version: int


_EXTRACTOR: Extractor | None = None


def figure_extractor() -> Extractor:
    """``store.figures.extract_article`` and its version, looked up on first use.

    Lazy so that opening a library to browse does not pay for importing the extractor. An
    ImportError is not caught: the extractor is part of the product, and a broken (say,
    half-compiled) install must fail loudly rather than import articles without figures.
    """
    global _EXTRACTOR
    if _EXTRACTOR is None:
        from store.figures import EXTRACTOR_VERSION, extract_article

        _EXTRACTOR = Extractor(extract_article, int(EXTRACTOR_VERSION))
    return _EXTRACTOR


def figure_rows(article: Article) -> tuple[list[tuple[Any, ...]], int]:
    """Figure rows (without article id) and the extractor version that produced them.

    An extractor crash on one article must not fail the import: that article gets no figures
    and version 0, so a later extractor release retries it.
    """
    extract, version = figure_extractor()
    try:
        figures = extract(article)
    except Exception:  # noqa: BLE001 - a bad article must not stop a 100k import
        return [], 0
    rows = [
        (
            ord_,
            f.value_low,
            f.value_high,
            f.bound,
            f.unit,
            f.counts,
            f.key,
            f.change,
            f.sentence,
            f.start,
            f.end,
            f.part,
            _places_json(f.places),
            f.qualifier,
            f.period,
            f.attribution,
            f.value_from,
        )
        for ord_, f in enumerate(figures)
    ]
    return rows, version
