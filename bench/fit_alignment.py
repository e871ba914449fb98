"""Fit the weights of ``store.figures.affinity`` on the facts gold, and check them fairly.

Pairs of figures that the comparison may put in one row (same unit, change and rate, nothing
in ``facts.linkable`` against them) are read from every story of ``bench/facts``; a pair is
positive when the gold puts both figures in one fact. Figures the gold does not list are left
out. A logistic regression (Newton steps, L2 penalty) fits one weight per feature.

Checked by leaving one story out: the weights fitted on the other stories align the story
left out, and its rows are scored as ``bench/facts_accuracy.py`` scores them. The totals of
those runs are what the weights can be expected to do on a story they never saw; the weights
printed at the end (fitted on all stories) are the ones to paste into ``affinity.WEIGHTS``.

The pairs are read after ``facts.fold_repeats``, which itself asks the fitted weights whether
two equal numbers of one article are one said twice: after pasting new weights, fit once more
(``--no-loso``) until the printed weights no longer change (one round has been enough).

Run: python3 bench/fit_alignment.py [--l2 20] [--threshold T] [--no-loso] [--drop FEATURE]
[--extra DIR]  (--drop leaves a feature out, to see what it is worth; --extra scores the
stories under DIR with the weights fitted on all of bench/facts, for stories kept blind).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import facts_accuracy as fa  # noqa: E402

from store.figures import extract_article  # noqa: E402
from store.figures.affinity import FEATURES, THRESHOLD, Rarity, features, profile  # noqa: E402
from store.figures.claims import Claim, make_claims  # noqa: E402
from store.figures.facts import change_of, fold_repeats, linkable, marks_of  # noqa: E402

Pair = tuple[list[float], int]
DROPPED: set[int] = set()  # features left out (--drop): their weight stays 0


def story_pairs(folder: Path) -> list[Pair]:
    """The labelled pairs of one story."""
    data = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    names = sorted(p.name for p in folder.glob("*.txt"))
    articles = {n: fa.parse_bytes((folder / n).read_bytes()) for n in names}
    figures = {n: extract_article(articles[n]) for n in names}
    fact_of, _ = fa.facts_of_figures(data, articles, figures)  # id(figure) -> gold fact
    column = {n: i for i, n in enumerate(names)}
    claims = fold_repeats(make_claims([(column[n], articles[n], figures[n]) for n in names]))
    rarity = Rarity.of(claims)  # as ``facts.align`` weighs the words
    known = [c for c in claims if id(c.figure) in fact_of]
    pairs: list[Pair] = []
    for i, a in enumerate(known):
        for b in known[i + 1 :]:
            if not _pairable(a, b):
                continue
            same = fact_of[id(a.figure)] == fact_of[id(b.figure)]
            pairs.append((features(profile(a, rarity), profile(b, rarity)), int(same)))
    return pairs


def _pairable(a: Claim, b: Claim) -> bool:
    if (a.unit, change_of(a.figure), a.rate) != (b.unit, change_of(b.figure), b.rate):
        return False
    return linkable(a, b, marks_of(a), marks_of(b))


def fit(pairs: list[Pair], l2: float, steps: int = 12) -> list[float]:
    """Logistic regression by Newton's method (the bias is not penalised)."""
    n = len(FEATURES)
    w = [0.0] * n
    for _ in range(steps):
        grad = [l2 * w[j] if j else 0.0 for j in range(n)]
        hess = [[(l2 if i == j and i else 0.0) for j in range(n)] for i in range(n)]
        for x, y in pairs:
            z = sum(wj * xj for wj, xj in zip(w, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = p - y
            h = p * (1.0 - p)
            nz = [(j, xj) for j, xj in enumerate(x) if xj and j not in DROPPED]
            for j, xj in nz:
                grad[j] += g * xj
                row = hess[j]
                for k, xk in nz:
                    row[k] += h * xj * xk
        step = _solve(hess, grad)
        pairs_ = enumerate(zip(w, step, strict=True))
        w = [0.0 if j in DROPPED else wj - sj for j, (wj, sj) in pairs_]
    return w


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Solve a x = b by Gaussian elimination with partial pivoting (a tiny ridge keeps
    features that never fire from making it singular)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for i in range(n):
        m[i][i] += 1e-6
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[piv] = m[piv], m[col]
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def score_with(folder: Path, weights: tuple[float, ...], threshold: float) -> fa.Score:
    """Score a story with the comparison aligning by ``weights`` (passed down, not patched
    in: a compiled ``compare`` calls the compiled ``align`` directly)."""
    return fa.score_story(folder, False, weights, threshold)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--l2", type=float, default=20.0)
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--no-loso", action="store_true")
    parser.add_argument("--extra", action="append", default=[], help="more story roots to score")
    parser.add_argument("--drop", action="append", default=[], help="leave a feature out")
    args = parser.parse_args()
    unknown = set(args.drop) - set(FEATURES)
    if unknown:
        parser.error(f"no such feature: {', '.join(sorted(unknown))}")
    DROPPED.update(FEATURES.index(name) for name in args.drop)
    folders = sorted(p for p in fa.FACTS.iterdir() if (p / "gold.json").exists())
    pairs = {f.name: story_pairs(f) for f in folders}
    print(f"{sum(len(p) for p in pairs.values())} pairs from {len(folders)} stories")
    if not args.no_loso:
        total = fa.Score()
        for folder in folders:
            train = [p for name, ps in pairs.items() if name != folder.name for p in ps]
            w = tuple(fit(train, args.l2))
            score = score_with(folder, w, args.threshold)
            fa.report(folder.name, score)
            total.add(score)
        fa.report("left-one-out", total)
    weights = tuple(fit([p for ps in pairs.values() for p in ps], args.l2))
    if args.extra:
        for root in args.extra:
            total = fa.Score()
            for folder in sorted(p for p in Path(root).iterdir() if (p / "gold.json").exists()):
                score = score_with(folder, weights, args.threshold)
                fa.report(folder.name, score)
                total.add(score)
            fa.report(f"all-fit on {Path(root).name}", total)
    print("WEIGHTS: Final[tuple[float, ...]] = (")
    for name, value in zip(FEATURES, weights, strict=True):
        print(f"    {value:.3f},  # {name}")
    print(")")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
