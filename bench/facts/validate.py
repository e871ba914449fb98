"""Check the facts gold (bench/facts/<story>/gold.json) against its articles. Stdlib only.

Run: python3 bench/facts/validate.py [--audit] [--root=DIR] [STORY ...]

``--root=DIR`` checks the stories under DIR instead of bench/facts (for example
``--root=bench/facts_heldout``, the held-out stories); the checks are the same.

Checks, for every story directory:
* every article file parses with store.parse.parse_bytes and has a title, a date and a source;
* every figure's ``text`` occurs verbatim in its article's lead, key points or body (the parts
  figures are read from; a text only in the title or page clutter is an error), and its digits
  agree with ``value_low``/``value_high``; decoy texts occur in the raw file;
* fields and bounds are well formed; one attribution name has one alias list in a story and no
  alias belongs to two names; no (article, text) feeds two rows; every article feeds a row;
* each row's verdict follows from its figures and the articles' publication dates, with the
  intervals of README.md: `single` one article; `agree` every two figures overlap; `conflict`
  some two do not; `revised` some two of different dates do not, all of the same date do.
  (Whether a cross-date disagreement is `revised` or `conflict` depends on what is counted, so
  for that choice the check only makes sure the verdict is possible.)

``--audit`` also lists, per article, numbers in the lead, key points and body that no figure or
decoy accounts for (years, times and ordinals are skipped), for a human to look at.
Exit status 1 when any check fails.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from store.parse import parse_bytes  # noqa: E402

FACTS = Path(__file__).resolve().parent
BOUNDS = ("=", "~", ">", ">=", "<", "<=", "range")
VERDICTS = ("agree", "conflict", "single", "revised")
LEXICON_KEYS = {
    "troops",
    "killed",
    "injured",
    "casualties",
    "missing",
    "displaced",
    "detained",
    "prisoners",
    "civilians",
    "hostages",
}
INF = math.inf

_NUM_RE = re.compile(r"\d+(?:[ ,]\d{3})*(?:\.\d+)?")
_SCALES = {"thousand": 1e3, "million": 1e6, "m": 1e6, "bn": 1e9, "billion": 1e9}
_SPELLED = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "hundred": 100,
    "thousand": 1000,
    "dozen": 12,
    "dozens": None,
    "hundreds": None,
    "thousands": None,
    "millions": None,
    "pair": 2,
    "twice": 2,
    "half": 0.5,
    "triple": 3,
    "double": 2,
}
_SPELLED_RE = re.compile(r"\b(" + "|".join(_SPELLED) + r")\b", re.IGNORECASE)
_SKIP_RE = re.compile(
    r"\b(?:19|20)\d\d\b"  # years
    r"|\b\d{1,2}[:.]\d\d\b(?:\s*[ap]\.?m\.?)?"  # times
    r"|\b\d{1,2}\s*[ap]\.m\.|\b\d{1,2}\s*[ap]m\b"
    r"|\b\d+(?:st|nd|rd|th)\b",  # ordinals
    re.IGNORECASE,
)
_MONTH_DAY_RE = re.compile(
    r"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b|\b(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+\d{1,2}\b"
)


def interval(fig: dict) -> tuple[float, bool, float, bool]:
    """(low, low_closed, high, high_closed) a figure stands for (README.md, "Intervals")."""
    lo, hi, b = float(fig["value_low"]), float(fig["value_high"]), fig["bound"]
    if b == "=":
        return lo, True, lo, True
    if b == "~":
        p = place(lo)
        return lo - p / 2, True, lo + p / 2, False
    if b == ">":
        return lo, False, INF, False
    if b == ">=":
        return lo, True, INF, False
    if b == "<":
        return -INF, False, lo, False
    if b == "<=":
        return -INF, False, lo, True
    return lo, True, hi, True  # range


def place(v: float) -> float:
    """Place value of the last non-zero digit of ``v`` as written: 23700 -> 100, 7.4 -> 0.1."""
    v = abs(v)
    if v == 0:
        return 1.0
    p = 10.0 ** math.floor(math.log10(v))
    while p > 1e-9:
        q = v / p
        if abs(q - round(q)) < 1e-6:
            return p
        p /= 10
    return p


def overlap(a: dict, b: dict) -> bool:
    alo, alc, ahi, ahc = interval(a)
    blo, blc, bhi, bhc = interval(b)
    # a's low end against b's high end, and the other way round
    if alo > bhi or (alo == bhi and not (alc and bhc)):
        return False
    if blo > ahi or (blo == ahi and not (blc and ahc)):
        return False
    return True


def numbers_in(text: str) -> list[float]:
    out = []
    for m in _NUM_RE.finditer(text):
        n = float(m.group().replace(",", "").replace(" ", ""))
        out.append(n)
        tail = text[m.end() : m.end() + 10].lstrip().lower()
        for word, scale in _SCALES.items():
            if re.match(re.escape(word) + r"\b", tail):
                out.append(n * scale)
    return out


def same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


class Checker:
    def __init__(self) -> None:
        self.errors = 0

    def err(self, where: str, msg: str) -> None:
        self.errors += 1
        print(f"ERROR {where}: {msg}")


def content_parts(article) -> list[str]:
    return [article.lead, article.key_points_text, article.body]


def check_story(story: Path, ck: Checker, audit: bool, totals: dict) -> None:
    name = story.name
    gold_path = story / "gold.json"
    articles = {}
    for path in sorted(story.glob("*.txt")):
        try:
            art = parse_bytes(path.read_bytes())
        except Exception as exc:  # noqa: BLE001 - report any parse failure
            ck.err(f"{name}/{path.name}", f"does not parse: {exc}")
            continue
        for field in ("title", "published", "source"):
            if not getattr(art, field):
                ck.err(f"{name}/{path.name}", f"parsed without a {field}")
        articles[path.name] = art
    if not gold_path.exists():
        ck.err(name, "no gold.json")
        return
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    if gold.get("story") != name:
        ck.err(name, f'"story" is {gold.get("story")!r}, not the directory name')
    if not gold.get("title"):
        ck.err(name, "no title")
    aliases_of: dict[str, set] = {}
    owner: dict[str, str] = {}
    used: dict[tuple[str, str], str] = {}
    fed: set[str] = set()
    spans: dict[str, list[tuple[str, float | None]]] = {a: [] for a in articles}

    def check_attr(where: str, name_: str, aliases: list, field: str) -> None:
        if not isinstance(name_, str) or not isinstance(aliases, list):
            ck.err(where, f"{field} must be a string and its aliases a list")
            return
        if not name_:
            if aliases:
                ck.err(where, f"empty {field} with aliases")
            return
        low = {a.casefold() for a in aliases}
        if name_.casefold() in low:
            ck.err(where, f"{field} {name_!r} lists itself among its aliases")
        prev = aliases_of.setdefault(name_, low)
        if prev != low:
            ck.err(where, f"{field} {name_!r} has different alias lists in this story")
        for a in low | {name_.casefold()}:
            if owner.setdefault(a, name_) != name_:
                ck.err(where, f"alias {a!r} belongs to both {owner[a]!r} and {name_!r}")

    facts = gold.get("facts", [])
    for i, fact in enumerate(facts):
        where = f"{name} fact {i} ({fact.get('label', '?')})"
        for field in ("label", "key", "unit", "verdict", "figures"):
            if field not in fact:
                ck.err(where, f"missing {field}")
        key = fact.get("key", "")
        if key != key.lower() or not key:
            ck.err(where, f"key {key!r} is not a lowercase name")
        verdict = fact.get("verdict")
        if verdict not in VERDICTS:
            ck.err(where, f"verdict {verdict!r}")
        figs = fact.get("figures", [])
        if not figs:
            ck.err(where, "no figures")
            continue
        for fig in figs:
            fw = f"{where} [{fig.get('article')}: {fig.get('text')!r}]"
            art = articles.get(fig.get("article"))
            if art is None:
                ck.err(fw, "no such article in the story")
                continue
            fed.add(fig["article"])
            text = fig.get("text", "")
            if text not in art.raw:
                ck.err(fw, "text not in the article")
            elif not any(text in part for part in content_parts(art)):
                ck.err(fw, "text only outside lead, key points and body")
            k = (fig["article"], text)
            if k in used:
                ck.err(fw, f"the same text also feeds row {used[k]!r}")
            used[k] = fact.get("label", "?")
            if fig.get("bound") not in BOUNDS:
                ck.err(fw, f"bound {fig.get('bound')!r}")
            lo, hi = fig.get("value_low"), fig.get("value_high")
            if not isinstance(lo, (int, float)) or not isinstance(hi, (int, float)):
                ck.err(fw, "values must be numbers")
                continue
            if fig.get("bound") == "range":
                if not lo < hi:
                    ck.err(fw, "a range needs value_low < value_high")
            elif lo != hi:
                ck.err(fw, "value_low != value_high outside a range")
            nums = numbers_in(text)
            if nums and not any(same(abs(n), abs(lo)) for n in nums):
                ck.err(fw, f"value {lo} not among the numbers written {nums}")
            if fig.get("bound") == "range" and nums and not any(same(n, hi) for n in nums):
                ck.err(fw, f"value_high {hi} not among the numbers written {nums}")
            check_attr(fw, fig.get("attribution"), fig.get("attribution_aliases"), "attribution")
            if "attribution_via" in fig:
                check_attr(
                    fw,
                    fig["attribution_via"],
                    fig.get("attribution_via_aliases", []),
                    "attribution_via",
                )
            spans[fig["article"]].append((text, lo))
            if hi != lo:
                spans[fig["article"]].append((text, hi))
            if "from" in fig:
                spans[fig["article"]].append((text, fig["from"]))
        check_verdict(where, fact, articles, ck)
        totals[verdict] = totals.get(verdict, 0) + 1
        totals["figures"] += len(figs)
    for d in gold.get("decoys", []):
        art = articles.get(d.get("article"))
        if art is None:
            ck.err(f"{name} decoy {d}", "no such article")
        elif d.get("text", "") not in art.raw:
            ck.err(f"{name} decoy {d}", "text not in the article")
        else:
            spans[d["article"]].append((d["text"], None))
    for a in articles:
        if a not in fed:
            ck.err(f"{name}/{a}", "feeds no fact row")
    totals["articles"] += len(articles)
    totals["decoys"] += len(gold.get("decoys", []))
    totals["stories"] += 1
    if audit:
        for a, art in articles.items():
            for part in content_parts(art):
                audit_part(f"{name}/{a}", part, spans[a])


def check_verdict(where: str, fact: dict, articles: dict, ck: Checker) -> None:
    figs = [f for f in fact["figures"] if f.get("article") in articles]
    if len(figs) != len(fact["figures"]):
        return
    verdict = fact.get("verdict")
    arts = {f["article"] for f in figs}
    if verdict == "single":
        if len(arts) != 1:
            ck.err(where, f"single, but {len(arts)} articles")
        return
    if len(arts) < 2:
        ck.err(where, f"{verdict} with one article only (should be single)")
        return

    def day(f):
        return articles[f["article"]].published[:10]

    same_day_clash = cross_day_clash = False
    for i in range(len(figs)):
        for j in range(i + 1, len(figs)):
            if overlap(figs[i], figs[j]):
                continue
            if day(figs[i]) == day(figs[j]):
                same_day_clash = True
            else:
                cross_day_clash = True
    if verdict == "agree" and (same_day_clash or cross_day_clash):
        ck.err(where, "agree, but two figures do not overlap")
    elif verdict == "conflict" and not (same_day_clash or cross_day_clash):
        ck.err(where, "conflict, but every two figures overlap")
    elif verdict == "revised":
        if same_day_clash:
            ck.err(where, "revised, but two figures of the same day disagree (conflict)")
        if not cross_day_clash:
            ck.err(where, "revised, but no two figures of different days disagree")


def audit_part(where: str, part: str, spans: list[tuple[str, float | None]]) -> None:
    covered = [False] * len(part)
    values = [v for _, v in spans if v is not None]
    for text, _ in spans:
        start = part.find(text)
        while start >= 0:
            for k in range(start, start + len(text)):
                covered[k] = True
            start = part.find(text, start + 1)
    for rx in (_SKIP_RE, _MONTH_DAY_RE):
        for m in rx.finditer(part):
            for k in range(m.start(), m.end()):
                covered[k] = True
    for m in _NUM_RE.finditer(part):
        if any(covered[m.start() : m.end()]):
            continue
        n = float(m.group().replace(",", "").replace(" ", ""))
        tail = part[m.end() : m.end() + 10].lstrip().lower()
        scaled = [n * s for w, s in _SCALES.items() if tail.startswith(w)]
        if any(same(v, c) for v in values for c in [n, *scaled]):
            continue  # a repeat of a listed figure
        context = part[max(0, m.start() - 40) : m.end() + 30]
        print(f"  audit {where}: unlisted number {m.group()!r} in ...{context!r}")
    for m in _SPELLED_RE.finditer(part):
        if any(covered[m.start() : m.end()]):
            continue
        context = part[max(0, m.start() - 40) : m.end() + 30]
        print(f"  audit {where}: spelled {m.group()!r} in ...{context!r}")


def main(argv: list[str]) -> int:
    audit = "--audit" in argv
    if any(a in ("-h", "--help") for a in argv):
        print(__doc__)
        return 0
    base = FACTS
    for a in argv:
        if a.startswith("--root="):
            base = Path(a[len("--root=") :]).resolve()
    names = [a for a in argv if not a.startswith("-")]
    stories = (
        [base / n for n in names]
        if names
        else sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    )
    ck = Checker()
    totals = {"figures": 0, "articles": 0, "decoys": 0, "stories": 0}
    for story in stories:
        check_story(story, ck, audit, totals)
    rows = {v: totals.get(v, 0) for v in VERDICTS}
    print(
        f"{totals['stories']} stories, {totals['articles']} articles, "
        f"{sum(rows.values())} fact rows ({', '.join(f'{v} {n}' for v, n in rows.items())}), "
        f"{totals['figures']} figures, {totals['decoys']} decoys; {ck.errors} errors"
    )
    return 1 if ck.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
