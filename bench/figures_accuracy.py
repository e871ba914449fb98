"""Accuracy of the figure extractor against hand-written gold: sample articles, sentence sets.

Parses each sample with store.parse.parse_bytes, extracts its figures, matches them to
bench/figures_gold.json and prints precision and recall for value, bound and key, then the
comparison verdict of every key of every sample story. Run: python3 bench/figures_accuracy.py
[-v] (-v lists every miss and every extra figure).

The story verdicts are per counted key: the weightiest verdict among the key's facts
(conflict, revised, agree, single). ``ok~`` marks a "conflict" of this gold that the facts
diff calls "revised" (a count that moved between publication dates, issue 11).

Matching: an extracted figure matches a gold figure of the same article when value_low and
value_high agree (to 1e-6 relative); among several such gold figures the one with the same key
(then the same bound) is taken. Value precision = matched / extracted, recall = matched / gold;
bound and key precision/recall count only matches whose bound (key) is also right.

``--sentences`` (issue 12) scores the sentence gold instead: every
``bench/gold/sentences_dev_*.json`` (the set rules may be tuned on) and
``sentences_heldout_*.json`` (run only to report), plus ``bench/gold/own_*.json`` (sentences the
rule writers wrote themselves), each set on its own, per genre and overall. Figures of one
sentence match gold figures of that sentence by value (value_low and value_high within 1e-6
relative; 1e-3 when either side is a ``fraction``); ties prefer the same unit, change, then key.
Printed: precision, recall and F1 for value, value+unit, value+change, and counted key (among
matched figures whose gold key is non-empty: P = right keys / such matches, R = right keys /
gold figures with a non-empty key). ``--set dev|heldout|own`` limits the sets; ``-v`` lists the
misses, extras and wrong fields of the dev and own sets (never of heldout: its sentences are
not to be read while tuning).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.figures import extract_article, extract_text  # noqa: E402
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


GOLD_DIR = ROOT / "bench" / "gold"
SETS = {"dev": "sentences_dev_*.json", "heldout": "sentences_heldout_*.json", "own": "own_*.json"}
MEASURES = ("value", "value+unit", "value+change", "key")


def _close(a: float, b: float, fraction: bool) -> bool:
    """Equal within 1e-6 relative (1e-3 when a fraction is compared: 0.3333 is a third)."""
    return _same_rel(a, b, 1e-3 if fraction else 1e-6)


def _same_rel(a: float, b: float, tol: float) -> bool:
    if a == b:
        return True
    return abs(a - b) <= tol * max(abs(a), abs(b))


def match_sentence(found: list[Figure], gold: list[dict]) -> list[tuple[Figure, dict]]:
    """Pairs (extracted, gold) of one sentence with equal values, each side used at most once.

    Every candidate pair is scored (same unit 4, same change 2, same key 1) and pairs are taken
    best first, so a figure is never stolen by a worse partner.
    """
    scored: list[tuple[int, int, int]] = []
    for fi, fig in enumerate(found):
        for gi, g in enumerate(gold):
            frac = "fraction" in (fig.unit, g.get("unit"))
            if not (
                _close(float(g["value_low"]), fig.value_low, frac)
                and _close(float(g["value_high"]), fig.value_high, frac)
            ):
                continue
            score = (
                4 * (fig.unit == g.get("unit"))
                + 2 * (fig.change == g.get("change", ""))
                + (fig.key == g.get("key", ""))
            )
            scored.append((-score, fi, gi))
    scored.sort()
    used_f: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[Figure, dict]] = []
    for _, fi, gi in scored:
        if fi in used_f or gi in used_g:
            continue
        used_f.add(fi)
        used_g.add(gi)
        pairs.append((found[fi], gold[gi]))
    return pairs


class _Tally:
    """Counts behind P/R/F1 of each measure for one genre (or all)."""

    def __init__(self) -> None:
        self.found = self.gold = self.sentences = 0
        self.hits = dict.fromkeys(MEASURES, 0)
        self.key_found = self.key_gold = 0

    def add(self, found: list[Figure], gold: list[dict], pairs: list[tuple[Figure, dict]]) -> None:
        self.sentences += 1
        self.found += len(found)
        self.gold += len(gold)
        self.hits["value"] += len(pairs)
        self.hits["value+unit"] += sum(f.unit == g.get("unit") for f, g in pairs)
        self.hits["value+change"] += sum(f.change == g.get("change", "") for f, g in pairs)
        keyed = [(f, g) for f, g in pairs if g.get("key")]
        self.key_found += len(keyed)
        self.key_gold += sum(1 for g in gold if g.get("key"))
        self.hits["key"] += sum(f.key == g["key"] for f, g in keyed)

    def prf(self, measure: str) -> tuple[float, float, float]:
        hits = self.hits[measure]
        found, gold = (
            (self.key_found, self.key_gold) if measure == "key" else (self.found, self.gold)
        )
        p = hits / found if found else 1.0
        r = hits / gold if gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def _print_tallies(name: str, tallies: dict[str, _Tally]) -> None:
    total = tallies["(all)"]
    print(
        f"== {name}: {total.sentences} sentences, {total.gold} gold figures, "
        f"{total.found} extracted"
    )
    header = f"{'genre':<10} {'sent':>4} {'gold':>4} " + " ".join(
        f"{m + ' P/R/F1':>20}" for m in MEASURES
    )
    print(header)
    for genre in sorted(tallies, key=lambda g: (g == "(all)", g)):
        t = tallies[genre]
        cells = " ".join(
            "{:>20}".format("{:.3f}/{:.3f}/{:.3f}".format(*t.prf(m))) for m in MEASURES
        )
        print(f"{genre:<10} {t.sentences:>4} {t.gold:>4} {cells}")


def _describe(fig: Figure) -> str:
    frm = f" from {fig.value_from:g}" if fig.value_from is not None else ""
    return (
        f"{fig.value_low:g}..{fig.value_high:g} {fig.bound} {fig.unit} {fig.change or '-'}"
        f"{frm} key={fig.key}"
    )


def _gold_describe(g: dict) -> str:
    frm = f" from {g['from']:g}" if g.get("from") is not None else ""
    return (
        f"{g['value_low']:g}..{g['value_high']:g} {g['bound']} {g.get('unit')} "
        f"{g.get('change') or '-'}{frm} key={g.get('key')}"
    )


def score_sentences(sets: list[str], verbose: bool) -> None:
    """Print P/R/F1 of every measure per genre and overall, for each sentence set."""
    for name in sets:
        files = sorted(GOLD_DIR.glob(SETS[name]))
        if not files:
            print(f"== {name}: no files ({SETS[name]})")
            continue
        tallies: dict[str, _Tally] = {"(all)": _Tally()}
        for path in files:
            data = json.loads(path.read_text(encoding="utf-8"))
            for sent in data["sentences"]:
                found = extract_text(sent["text"])
                gold = sent["figures"]
                pairs = match_sentence(found, gold)
                genre = sent.get("genre", "?")
                tallies.setdefault(genre, _Tally()).add(found, gold, pairs)
                tallies["(all)"].add(found, gold, pairs)
                if verbose and name != "heldout":
                    _print_diffs(sent, found, gold, pairs)
        _print_tallies(f"{name} ({', '.join(p.name for p in files)})", tallies)


def _print_diffs(
    sent: dict, found: list[Figure], gold: list[dict], pairs: list[tuple[Figure, dict]]
) -> None:
    lines = []
    mf = {id(f) for f, _ in pairs}
    mg = {id(g) for _, g in pairs}
    for g in gold:
        if id(g) not in mg:
            lines.append(f"  MISS  {_gold_describe(g)}  [{g.get('text')}]")
    for f in found:
        if id(f) not in mf:
            lines.append(f"  EXTRA {_describe(f)}  [{f.counts}]")
    for f, g in pairs:
        wrong = [
            field
            for field, a, b in (
                ("unit", f.unit, g.get("unit")),
                ("change", f.change, g.get("change", "")),
                ("key", f.key, g.get("key") or f.key),
            )
            if a != b
        ]
        if wrong:
            lines.append(f"  DIFF  {','.join(wrong)}: got {_describe(f)} want {_gold_describe(g)}")
    if lines:
        print(f"{sent.get('id')}: {sent['text']}")
        print("\n".join(lines))


def _pr(hits: int, found: int, gold: int) -> str:
    p = hits / found if found else 1.0
    r = hits / gold if gold else 1.0
    return f"P {p:.3f}  R {r:.3f}  ({hits}/{found} found, {hits}/{gold} gold)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    parser.add_argument(
        "--sentences", action="store_true", help="score the sentence gold sets (issue 12)"
    )
    parser.add_argument(
        "--set", action="append", choices=sorted(SETS), help="sentence sets to score (repeatable)"
    )
    args = parser.parse_args()
    if args.sentences:
        score_sentences(args.set or ["dev", "heldout", "own"], args.verbose)
        return 0
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
    right = total = moved = 0
    for story in data.get("stories", []):
        items = [(i, articles[f], figures_by_file[f]) for i, f in enumerate(story["files"])]
        table = compare(items)
        got = key_verdicts(table.rows)
        print(f"story: {story['name']}")
        for key, want in story["verdicts"].items():
            have = got.get(key, "(no row)")
            total += 1
            ok = have == want
            # Issue 11: a count that moved between publication dates (a toll that grew) is
            # "revised", which this gold, written before the distinction, calls "conflict".
            revised = want == "conflict" and have == "revised"
            right += ok or revised
            moved += revised
            mark = "ok " if ok else ("ok~" if revised else "BAD")
            print(f"  {mark} {key:<14} want {want:<9} got {have}")
    print(
        f"verdicts right: {right}/{total} ({moved} of them 'conflict' in this gold read as "
        "'revised': counts that moved between publication dates, issue 11)"
    )
    return 0


SEVERITY = {"conflict": 0, "revised": 1, "agree": 2, "single": 3}


def key_verdicts(rows: list) -> dict[str, str]:
    """Per counted key, the weightiest verdict of its facts (a key may now have several rows:
    one per fact). Measures aligned by unit carry no key; they count under their figures'."""
    out: dict[str, str] = {}
    for row in rows:
        keys = {row.key} if row.key else {f.key for figs in row.cells.values() for f in figs}
        for key in keys:
            if key not in out or SEVERITY[row.verdict] < SEVERITY[out[key]]:
                out[key] = row.verdict
    return out


if __name__ == "__main__":
    raise SystemExit(main())
