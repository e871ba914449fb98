"""Fetch benchmark: 2,000 pages from 50 local feeds fetched, extracted and stored.

    python3 bench/bench_fetch.py [--feeds 50] [--per-feed 40]

A local server (aiohttp.web on 127.0.0.1, in a forked process so it does not share the
fetcher's CPU time) serves 50 RSS feeds of 40 entries each; every entry's page is one of the
hand-written fixture pages in tests/fetch_pages/ (news layouts: navigation, asides and a cookie
banner; a paywall teaser; a live blog; an AMP page) or a plain article page, each made unique
with a dispatch number. Nothing reaches the internet.

Prints pages/s for the whole fetch (feeds, pages, extraction, figures, storing; target >= 100
on the 2-core build machine), the fetching process's peak RSS (target <= 200 MB), the body F1
of every stored article against the gold text of its page (target >= 0.95), and the time of
a second fetch, which only sends conditional requests.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

TEMPLATES = ("harbour", "paywall", "liveblog", "amp", "plain")
PLAIN = [
    "The city council approved a plan on Thursday to plant 4,000 trees along the ring road "
    "over the next three years, paid for by a levy on new car parks.",
    "Council members voted 31 to 9 in favour after a debate that lasted most of the afternoon, "
    "with opponents arguing that the levy would push parking costs onto shoppers.",
    "Planners say the trees will lower summer temperatures on the busiest streets by up to two "
    "degrees and soak up rainwater that now floods the underpasses after storms.",
    "The first 600 saplings are due to go in this autumn, starting with the stretch between the "
    "railway station and the old market hall, where pavements are widest.",
]


def make_site(feeds: int, per_feed: int) -> tuple[dict[str, tuple[bytes, str]], dict[str, str]]:
    """Routes (path -> (body, content type)) and gold texts (path -> text)."""
    from fetch_support import Item, article_page, gold, page, rss2

    routes: dict[str, tuple[bytes, str]] = {}
    golds: dict[str, str] = {}
    sources = {name: (page(name).decode(), gold(name)) for name in TEMPLATES if name != "plain"}
    plain = article_page("Council backs tree levy", "City Post", PLAIN, "2025-05-02T10:00:00Z")
    sources["plain"] = (plain.decode(), "\n\n".join(PLAIN))
    n = 0
    for f in range(feeds):
        items = []
        for e in range(per_feed):
            name = TEMPLATES[n % len(TEMPLATES)]
            html, text = sources[name]
            first = next(line for line in text.split("\n\n") if len(line) > 80)
            marker = f"Dispatch {n}: "
            anchor = first[:40]
            assert anchor in html, (name, anchor)
            path = f"/site{f}/story{e}"
            routes[path] = (html.replace(anchor, marker + anchor, 1).encode(), "text/html")
            golds[path] = text.replace(anchor, marker + anchor, 1)
            items.append(Item(f"Story {n}", path, guid=f"s{n}", description="<p>Short.</p>"))
            n += 1
        routes[f"/feed{f}.xml"] = (rss2(f"Feed {f}", "/", items).encode(), "application/rss+xml")
    return routes, golds


def serve(feeds: int, per_feed: int, port_out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from aiohttp import web

    routes, _ = make_site(feeds, per_feed)

    async def handle(request: web.Request) -> web.Response:
        got = routes.get(request.path)
        if got is None:
            return web.Response(status=404)
        etag = f'"{hash(request.path) & 0xFFFFFFF:x}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=got[0], content_type=got[1], headers={"ETag": etag})

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/{tail:.*}", handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port_out.put(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
        await asyncio.Event().wait()

    asyncio.run(main())


def f1(got: str, want: str) -> float:
    a = Counter(re.findall(r"\w+", got.casefold()))
    b = Counter(re.findall(r"\w+", want.casefold()))
    common = sum((a & b).values())
    if not common:
        return 0.0
    p, r = common / sum(a.values()), common / sum(b.values())
    return 2 * p * r / (p + r)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--per-feed", type=int, default=40)
    args = parser.parse_args()

    ctx = multiprocessing.get_context("fork")
    ports: multiprocessing.Queue = ctx.Queue()  # type: ignore[type-arg]
    server = ctx.Process(target=serve, args=(args.feeds, args.per_feed, ports), daemon=True)
    server.start()
    port = ports.get(timeout=60)
    base = f"http://127.0.0.1:{port}"
    _, golds = make_site(args.feeds, args.per_feed)

    from store.fetch.registry import add_many
    from store.fetch.run import fetch_feeds
    from store.library import Library, stored_body

    with tempfile.TemporaryDirectory() as tmp, Library.open(Path(tmp) / "bench.db") as lib:
        add_many(lib.conn, ((f"{base}/feed{f}.xml", "", "") for f in range(args.feeds)))
        started = time.perf_counter()
        summary = asyncio.run(fetch_feeds(lib))
        elapsed = time.perf_counter() - started
        stored = summary.new + summary.updated
        scores = []
        for id_ in summary.ids:
            article = lib.get(id_)
            assert article is not None
            path = article.article.url.removeprefix(base)
            scores.append(f1(stored_body(article.article), golds[path]))
        started = time.perf_counter()
        again = asyncio.run(fetch_feeds(lib))
        second = time.perf_counter() - started
    server.kill()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    per_template: dict[str, list[float]] = {}
    for i, score in enumerate(scores):
        per_template.setdefault(TEMPLATES[i % len(TEMPLATES)], []).append(score)
    print(f"feeds {args.feeds}, pages stored {stored}, failed {len(summary.failed)}")
    print(f"fetched, extracted and stored in {elapsed:.2f} s: {stored / elapsed:.0f} pages/s")
    print(f"peak RSS of the fetching process: {peak_mb:.0f} MB")
    mean = sum(scores) / len(scores) if scores else 0.0
    print(f"body F1 against gold: mean {mean:.3f}, lowest {min(scores, default=0):.3f}")
    print(f"second fetch (conditional, nothing new): {second:.2f} s, new {again.new}")
    return 0 if summary.failed == [] else 1


if __name__ == "__main__":
    raise SystemExit(main())
