"""Every field of every figure for a fixed set of inputs, as JSON lines: proof a change kept output.

Why: a speed-up of the extractor must leave its output byte for byte the same. Dump a
snapshot before the change and after it, then compare:

    python3 bench/figures_snapshot.py /tmp/before.jsonl            # on the old code
    python3 bench/figures_snapshot.py /tmp/after.jsonl             # on the new code
    python3 bench/figures_snapshot.py --compare /tmp/before.jsonl /tmp/after.jsonl

``--root DIR`` dumps with the code (and the inputs) of another checkout, e.g. an export made
with ``git archive``. The inputs: every article of sample_articles/, bench/facts*/ and
bench/gold/; every sentence of the gold files and every paragraph of those articles, each
read three ways (``extract_text``; as ``extract --per-line`` reads a line; as the lead and a
key point of an article dated 2025-02-27, so periods resolve); and 3,000 articles generated
by ``bench_figures.make_article`` at fixed seeds and densities, a third of them dated.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

GENERATED = ((1, 0.18, 1500), (2, 0.45, 1000), (3, 0.3, 500))  # (seed, density, articles)


def _article_files(root: Path) -> list[Path]:
    files = sorted((root / "sample_articles").glob("*.txt"))
    for folder in ("facts", "facts_heldout"):
        files += sorted((root / "bench" / folder).glob("*/*.txt"))
    return files + sorted((root / "bench" / "gold").glob("*.txt"))


def _texts(root: Path, files: list[Path], parse: Any) -> list[str]:
    """Gold sentences and the paragraphs of every article file."""
    texts = []
    for path in sorted((root / "bench" / "gold").glob("*.json")):
        texts += [s["text"] for s in json.loads(path.read_text(encoding="utf-8"))["sentences"]]
    gold = json.loads((root / "bench" / "figures_gold.json").read_text(encoding="utf-8"))
    for _, figures in sorted(gold["articles"].items()):
        texts += [g["text"] for g in figures]
    for path in files:
        for section in parse(path.read_bytes()).sections:
            texts.extend(section.paragraphs)
    return texts


def snapshot(root: Path) -> Iterator[str]:
    """The JSON lines of the snapshot, made with the code under ``root``."""
    sys.path[:0] = [str(root), str(root / "bench")]
    from bench_figures import make_article

    from store.figures import extract_article, extract_text
    from store.figures.about import annotate
    from store.model import Article, Section
    from store.parse import parse_bytes

    def line(name: str, figures: list[Any]) -> str:
        dumped = [dataclasses.asdict(f) for f in figures]
        return json.dumps({"in": name, "figs": dumped}, ensure_ascii=False, sort_keys=True)

    files = _article_files(root)
    for path in files:
        yield line(str(path.relative_to(root)), extract_article(parse_bytes(path.read_bytes())))
    for i, text in enumerate(_texts(root, files, parse_bytes)):
        yield line(f"text{i}", extract_text(text))
        body = Article(title="", sections=[Section("", [text])])
        yield line(f"line{i}", annotate(extract_text(text), body))
        dated = Article(title="", published="2025-02-27", lead=text, key_points=[text[:40]])
        yield line(f"dated{i}", extract_article(dated))
    for seed, density, count in GENERATED:
        rnd = random.Random(seed)
        for j in range(count):
            article = make_article(rnd, density=density)
            if j % 3 == 1:
                article.published = f"2025-0{1 + j % 9}-{10 + j % 18}"
            yield line(f"gen{seed}-{j}", extract_article(article))


def compare(before: Path, after: Path) -> int:
    """0 when the two snapshots are the same; else print the first inputs that differ."""
    old = before.read_text(encoding="utf-8").splitlines()
    new = after.read_text(encoding="utf-8").splitlines()
    if old == new:
        print(f"identical: {len(old)} inputs")
        return 0
    differ = [i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
    print(f"DIFFERENT: {len(differ)} of {len(old)} inputs (lines {len(old)} vs {len(new)})")
    for i in differ[:5]:
        print(f"- {old[i][:300]}\n+ {new[i][:300]}")
    return 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, help="JSON lines file to write")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        parser.error("give a file to write, or --compare BEFORE AFTER")
    root = args.root.resolve()
    with args.out.open("w", encoding="utf-8") as out:
        for text in snapshot(root):
            out.write(text + "\n")
    import store.figures

    print(f"{args.out}: made with {Path(store.figures.__file__).parent}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
