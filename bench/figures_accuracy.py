"""Accuracy of the figure extractor against the hand-written gold for the sample articles.

Parses each sample with store.parse.parse_bytes, extracts its figures, matches them to
bench/figures_gold.json and prints precision and recall for value, bound and key, then the
comparison verdict of every key of every sample story. Run: python3 bench/figures_accuracy.py
[-v] (-v lists every miss and every extra figure).

Matching: an extracted figure matches a gold figure of the same article when value_low and
value_high agree (to 1e-6 relative); among several such gold figures the one with the same key
(then the same bound) is taken. Value precision = matched / extracted, recall = matched / gold;
bound and key precision/recall count only matches whose bound (key) is also right.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.figures import extract_article  # noqa: E402
from store.figures.compare import compare  # noqa: E402
from store.model import Figure  # noqa: E402
from store.parse import parse_bytes  # noqa: E402

GOLD = ROOT / "bench" / "figures_gold.json"
SAMPLES = ROOT / "sample_articles"


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def match(found: list[Figure], gold: list[dict]) -> list[tuple[Figure, dict]]:
    """Pairs (extracted, gold) with equal values, each side used at most once."""
    free = list(range(len(gold)))
    pairs: list[tuple[Figure, dict]] = []
    # Figures whose key also matches go first, so "15,000 troops" and "15,000 workers" pair
    # with their own gold entries.
    ordered = sorted(
        found,
        key=lambda f: (
            not any(g["key"] == f.key and _same(g["value_low"], f.value_low) for g in gold)
        ),
    )
    for fig in ordered:
        best = None
        best_score = -1
        for gi in free:
            g = gold[gi]
            if not (
                _same(g["value_low"], fig.value_low) and _same(g["value_high"], fig.value_high)
            ):
                continue
            score = 2 * (g["key"] == fig.key) + (g["bound"] == fig.bound)
            if score > best_score:
                best, best_score = gi, score
        if best is not None:
            free.remove(best)
            pairs.append((fig, gold[best]))
    return pairs


def _pr(hits: int, found: int, gold: int) -> str:
    p = hits / found if found else 1.0
    r = hits / gold if gold else 1.0
    return f"P {p:.3f}  R {r:.3f}  ({hits}/{found} found, {hits}/{gold} gold)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    args = parser.parse_args()
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    n_found = n_gold = v_hits = b_hits = k_hits = 0
    figures_by_file: dict[str, list[Figure]] = {}
    articles = {}
    for name, gold in sorted(data["articles"].items()):
        article = parse_bytes((SAMPLES / name).read_bytes())
        articles[name] = article
        found = extract_article(article)
        figures_by_file[name] = found
        pairs = match(found, gold)
        n_found += len(found)
        n_gold += len(gold)
        v_hits += len(pairs)
        b_hits += sum(f.bound == g["bound"] for f, g in pairs)
        k_hits += sum(f.key == g["key"] for f, g in pairs)
        if args.verbose:
            matched_f = {id(f) for f, _ in pairs}
            matched_g = {id(g) for _, g in pairs}
            lines = []
            for g in gold:
                if id(g) not in matched_g:
                    lines.append(f"  MISS  {g['value_low']:g} {g['bound']} {g['key']}: {g['text']}")
            for f in found:
                if id(f) not in matched_f:
                    lines.append(
                        f"  EXTRA {f.value_low:g} {f.bound} {f.key} [{f.counts}]: {f.sentence[:90]}"
                    )
            for f, g in pairs:
                if f.bound != g["bound"] or f.key != g["key"]:
                    lines.append(
                        f"  DIFF  {f.value_low:g} bound {f.bound}/{g['bound']} "
                        f"key {f.key}/{g['key']}: {g['text']}"
                    )
            if lines:
                print(name)
                print("\n".join(lines))
    print(f"articles: {len(data['articles'])}, gold figures: {n_gold}, extracted: {n_found}")
    print(f"value  {_pr(v_hits, n_found, n_gold)}")
    print(f"bound  {_pr(b_hits, n_found, n_gold)}")
    print(f"key    {_pr(k_hits, n_found, n_gold)}")
    right = total = 0
    for story in data.get("stories", []):
        items = [(i, articles[f], figures_by_file[f]) for i, f in enumerate(story["files"])]
        table = compare(items)
        got = {row.key: row.verdict for row in table.rows}
        print(f"story: {story['name']}")
        for key, want in story["verdicts"].items():
            have = got.get(key, "(no row)")
            total += 1
            right += have == want
            mark = "ok " if have == want else "BAD"
            print(f"  {mark} {key:<14} want {want:<9} got {have}")
    print(f"verdicts right: {right}/{total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
