"""Where the facts diff loses its rows: how many facts each stage leaves within reach (issue 11).

``bench/facts_accuracy.py`` says how many rows are right; this says in which stage the others
are lost, so that work goes where the rows are. Each gold fact of each story is followed
through the stages a row passes, and counted at the first one it cannot pass:

1. **read**: every gold figure of the fact is matched by an extracted figure (as
   ``facts_accuracy`` matches them);
2. **one kind**: the claims of those figures share unit, change and rate (``facts.align``
   groups by these before any score: claims of two kinds never share a row);
3. **gates**: every two of them may share a row (``facts.linkable``: one article and one
   source, part against whole, totals, projections, places, waves, periods);
4. **scores**: the row the fitted pair scores form holds exactly those figures (a row
   counted right by ``facts_accuracy``).

The facts that pass 3 are the ceiling perfect pair scores would reach with the extraction and
gates as they are; the difference to 4 is what the scores lose.

Run: python3 bench/facts_ceiling.py [--heldout | --blind] [STORY ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import facts_accuracy as fa  # noqa: E402

from store.figures import extract_article  # noqa: E402
from store.figures.claims import Claim, make_claims  # noqa: E402
from store.figures.facts import change_of, fold_repeats, linkable, marks_of  # noqa: E402


@dataclass
class Stages:
    """Facts counted at the first stage they do not pass, and those that pass all."""

    facts: int = 0
    unread: int = 0
    kinds: int = 0
    gates: int = 0
    reachable: int = 0
    right: int = 0

    def add(self, other: Stages) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _kind(claim: Claim) -> tuple[str, str, str]:
    return claim.unit, change_of(claim.figure), claim.rate


def _gated(claims: list[Claim]) -> bool:
    """Whether some two of ``claims`` may not share a row."""
    marks = [marks_of(c) for c in claims]
    return any(
        not linkable(claims[i], claims[j], marks[i], marks[j])
        for i in range(len(claims))
        for j in range(i + 1, len(claims))
    )


def story_stages(folder: Path) -> Stages:
    """Where each fact of one story stops."""
    data = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    names = sorted(p.name for p in folder.glob("*.txt"))
    articles = {n: fa.parse_bytes((folder / n).read_bytes()) for n in names}
    figures = {n: extract_article(articles[n]) for n in names}
    fact_of, unread = fa.facts_of_figures(data, articles, figures)
    column = {n: i for i, n in enumerate(names)}
    claims = fold_repeats(make_claims([(column[n], articles[n], figures[n]) for n in names]))
    of_fact: dict[int, list[Claim]] = {}
    for claim in claims:
        index = fact_of.get(id(claim.figure))
        if index is not None:
            of_fact.setdefault(index, []).append(claim)
    got = Stages(facts=len(data["facts"]))
    for index in range(len(data["facts"])):
        mine = of_fact.get(index, [])
        if index in unread or not mine:
            got.unread += 1
        elif len({_kind(c) for c in mine}) > 1:
            got.kinds += 1
        elif _gated(mine):
            got.gates += 1
        else:
            got.reachable += 1
    got.right = fa.score_story(folder, False).rows_right
    return got


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", nargs="*", help="story folders under the chosen set")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--heldout", action="store_true", help="bench/facts_heldout/")
    group.add_argument("--blind", action="store_true", help="bench/facts_blind/")
    args = parser.parse_args()
    base = fa.HELDOUT if args.heldout else fa.BLIND if args.blind else fa.FACTS
    folders = (
        [base / s for s in args.stories]
        if args.stories
        else sorted(p for p in base.iterdir() if (p / "gold.json").exists())
    )
    total = Stages()
    for folder in folders:
        total.add(story_stages(folder))
    print(f"{len(folders)} stories, {total.facts} facts; where each fact stops:")
    for label, count in (
        ("not read (a gold figure unmatched)", total.unread),
        ("read into two kinds (unit/change/rate)", total.kinds),
        ("kept apart by a gate (facts.linkable)", total.gates),
        ("within reach of perfect pair scores", total.reachable),
        ("  of which rows right (facts_accuracy)", total.right),
    ):
        print(f"  {label:<40} {count:5d}  {count / max(total.facts, 1):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
