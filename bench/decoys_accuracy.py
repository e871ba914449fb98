"""How many decoys the extractor reads as figures, and how many gold figures it still reads.

Every ``bench/facts/<story>/gold.json`` lists ``decoys``: a text of one article that holds a
number which is no figure (a page or view counter, a phone number, an error code, a software
version, a storm category, a unit or road number, a law number, a calibre, a time, a date).
For every story the articles are parsed (``store.parse.parse_bytes``) and extracted
(``store.figures.extract_article``) as an import would, then:

* Decoys: every place of the decoy ``text`` in the article's lead, key points or body is
  found (every occurrence, not only the first). The decoy counts as *read* when some
  extracted figure of that article was read at a place (``Figure.places``, or its part,
  start and end) that overlaps one of those spans: the extractor took the decoy's number for
  a figure. Decoys whose text is in no content part (a title, a tag) are counted apart as
  *absent*; they cannot be read.
* Recall guard: the gold figures of the same files, matched as ``bench/facts_accuracy.py``
  matches them (same value_low and value_high to 1e-6 relative, and the gold text's first
  place in the lead, key points or body overlapping one of the figure's places, or failing
  that the text inside the figure's sentence; each extracted figure serves one gold figure).
  A rule that rejects decoys must not lower this count.

Run: python3 bench/decoys_accuracy.py [-v] [--heldout | --blind] [STORY ...]
(-v lists every decoy read and every gold figure not read, dev stories only; --heldout scores
bench/facts_heldout/ and --blind bench/facts_blind/, each printing the aggregate only: their
stories are never to be read.)
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from facts_accuracy import (  # noqa: E402
    BLIND,
    FACTS,
    HELDOUT,
    PARTS,
    GoldFigure,
    _matches,
    _places,
    extract_article,
    parse_bytes,
)

from store.model import Article, Figure  # noqa: E402

Span = tuple[str, int, int]


@dataclass
class Tally:
    decoys: int = 0
    read: int = 0
    absent: int = 0
    gold: int = 0
    gold_read: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.decoys += other.decoys
        self.read += other.read
        self.absent += other.absent
        self.gold += other.gold
        self.gold_read += other.gold_read


def _spans(article: Article, text: str) -> list[Span]:
    """Every place of ``text`` in the article's content parts."""
    found: list[Span] = []
    for part in PARTS:
        whole = article.part_text(part)
        at = whole.find(text)
        while at != -1:
            found.append((part, at, at + len(text)))
            at = whole.find(text, at + 1)
    return found


def _overlaps(fig: Figure, spans: list[Span]) -> bool:
    return any(
        p == part and s < end and start < e
        for p, s, e in _places(fig)
        for part, start, end in spans
    )


def _gold_figure(gold: dict, where: list[Span]) -> GoldFigure:
    """A gold figure as bench/facts_accuracy.py matches it (its text's first place)."""
    return GoldFigure(
        0,
        gold["article"],
        gold["text"],
        float(gold["value_low"]),
        float(gold["value_high"]),
        "",
        frozenset(),
        where[0] if where else None,
    )


def score_story(folder: Path, verbose: bool) -> Tally:
    data = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    names = sorted(p.name for p in folder.glob("*.txt"))
    articles = {name: parse_bytes((folder / name).read_bytes()) for name in names}
    figures = {name: extract_article(articles[name]) for name in names}
    tally = Tally()
    for decoy in data.get("decoys", []):
        tally.decoys += 1
        spans = _spans(articles[decoy["article"]], decoy["text"])
        if not spans:
            tally.absent += 1
            if verbose:
                tally.notes.append(f"  ABSENT {decoy['article'][:28]}: {decoy['text']!r}")
            continue
        hits = [f for f in figures[decoy["article"]] if _overlaps(f, spans)]
        if hits:
            tally.read += 1
            if verbose:
                got = ", ".join(f"{f.value_low:g} {f.key or '-'}" for f in hits)
                tally.notes.append(
                    f"  READ {decoy['article'][:28]}: {decoy['text']!r} ({decoy['why']}) -> {got}"
                )
    owner: set[tuple[str, int]] = set()
    for fact in data["facts"]:
        for gold in fact["figures"]:
            tally.gold += 1
            name = gold["article"]
            wanted = _gold_figure(gold, _spans(articles[name], gold["text"]))
            for fi, fig in enumerate(figures[name]):
                if (name, fi) not in owner and _matches(fig, wanted):
                    owner.add((name, fi))
                    tally.gold_read += 1
                    break
            else:
                if verbose:
                    tally.notes.append(f"  UNREAD GOLD {name[:28]}: {gold['text']!r}")
    return tally


def _line(name: str, tally: Tally) -> str:
    return (
        f"{name:36} decoys {tally.decoys:3}  read {tally.read:3}  absent {tally.absent:2}"
        f"  | gold figures read {tally.gold_read:4}/{tally.gold}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", nargs="*", help="story folders under bench/facts")
    parser.add_argument("-v", "--verbose", action="store_true", help="dev stories only")
    parser.add_argument(
        "--heldout", action="store_true", help="aggregate of bench/facts_heldout only"
    )
    parser.add_argument("--blind", action="store_true", help="aggregate of bench/facts_blind only")
    args = parser.parse_args()
    apart = args.heldout or args.blind  # stories never to be read: the aggregate only
    base = HELDOUT if args.heldout else BLIND if args.blind else FACTS
    folders = [base / s for s in args.stories] or sorted(
        p for p in base.iterdir() if (p / "gold.json").exists()
    )
    total = Tally()
    for folder in folders:
        tally = score_story(folder, args.verbose and not apart)
        total.add(tally)
        if apart:
            continue
        print(_line(folder.name, tally))
        if tally.notes:
            print("\n".join(tally.notes))
    name = "overall (held-out)" if args.heldout else "overall (blind)" if args.blind else "overall"
    print(_line(name, total))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
