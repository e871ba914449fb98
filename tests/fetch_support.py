"""A local HTTP server for the fetch tests and benchmark, and the feeds and pages it serves.

Everything here is written for these tests (no page or feed is copied from a real site) and
nothing reaches the internet: the server listens on 127.0.0.1, on a free port, in a thread of
its own so both async tests and subprocesses (``newsdesk fetch``) can use it.
"""

from __future__ import annotations

import asyncio
import gzip
import threading
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

PAGES = Path(__file__).resolve().parent / "fetch_pages"


@dataclass
class Route:
    """What the server answers on one path."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    etag: str = ""  # when set: sent, and If-None-Match with it answers 304
    last_modified: str = ""  # when set: sent, and If-Modified-Since with it answers 304
    gzip: bool = False  # compress the body (Content-Encoding: gzip)
    raw_gzip: bytes | None = None  # an already-compressed body (the gzip bomb)
    stream: Callable[[], Any] | None = None  # an async generator of body chunks
    redirect: str = ""  # a Location to redirect to (with status 302 unless set)
    failures: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # answered first


@dataclass
class Seen:
    """One request the server received."""

    path: str
    headers: dict[str, str]


class FixtureServer:
    """aiohttp.web on 127.0.0.1:0 in a background thread; routes can change between fetches."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: Any = None
        self._ready = threading.Event()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def set(self, path: str, route: Route | None = None, **kwargs: Any) -> str:
        self.routes[path] = route or Route(**kwargs)
        return self.url(path)

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    def start(self) -> FixtureServer:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the fixture server did not start")
        return self

    def _run(self) -> None:
        from aiohttp import web

        loop = asyncio.new_event_loop()
        self._loop = loop
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._ready.set()
        loop.run_forever()
        loop.run_until_complete(self._runner.cleanup())
        loop.close()

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    async def _handle(self, request: Any) -> Any:
        from aiohttp import web

        path = request.path_qs
        self.seen.append(Seen(path, dict(request.headers)))
        route = self.routes.get(path) or self.routes.get(request.path)
        if route is None:
            return web.Response(status=404, text="no such page")
        if route.delay:
            await asyncio.sleep(route.delay)
        if route.failures:
            status, extra = route.failures.pop(0)
            return web.Response(status=status, headers=extra, text="try later")
        headers = dict(route.headers)
        if route.redirect:
            headers["Location"] = route.redirect
            return web.Response(
                status=route.status if route.status != 200 else 302, headers=headers
            )
        if route.etag:
            headers["ETag"] = route.etag
            if request.headers.get("If-None-Match") == route.etag:
                return web.Response(status=304, headers=headers)
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
            if request.headers.get("If-Modified-Since") == route.last_modified:
                return web.Response(status=304, headers=headers)
        headers["Content-Type"] = route.content_type
        if route.stream is not None:
            resp = web.StreamResponse(status=route.status, headers=headers)
            await resp.prepare(request)
            try:
                async for chunk in route.stream():
                    await resp.write(chunk)
            except (ConnectionError, RuntimeError):
                return resp
            return resp
        body = route.body
        if route.raw_gzip is not None:
            body = route.raw_gzip
            headers["Content-Encoding"] = "gzip"
        elif route.gzip:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        return web.Response(status=route.status, body=body, headers=headers)


# ---- feeds ------------------------------------------------------------------------------------


@dataclass
class Item:
    """One feed entry (all text written for these tests)."""

    title: str
    link: str
    guid: str = ""
    description: str = ""  # HTML allowed (escaped into the XML)
    content: str = ""  # full HTML content (content:encoded / Atom content)
    date: str = ""  # RFC 822 for RSS 2.0, ISO 8601 for Atom and RSS 1.0
    categories: Sequence[str] = ()


def rss2(title: str, link: str, items: Sequence[Item], encoding: str = "utf-8") -> str:
    out = [
        f'<?xml version="1.0" encoding="{encoding}"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        "<channel>",
        f"<title>{escape(title)}</title><link>{escape(link)}</link>",
        "<description>Fixture feed</description>",
    ]
    for it in items:
        out.append("<item>")
        out.append(f"<title>{escape(it.title)}</title><link>{escape(it.link)}</link>")
        if it.guid:
            out.append(f'<guid isPermaLink="false">{escape(it.guid)}</guid>')
        if it.description:
            out.append(f"<description>{escape(it.description)}</description>")
        if it.content:
            out.append(f"<content:encoded><![CDATA[{it.content}]]></content:encoded>")
        if it.date:
            out.append(f"<pubDate>{it.date}</pubDate>")
        out.extend(f"<category>{escape(c)}</category>" for c in it.categories)
        out.append("</item>")
    out += ["</channel>", "</rss>"]
    return "\n".join(out)


def atom(title: str, link: str, items: Sequence[Item]) -> str:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f'<title>{escape(title)}</title><link href="{escape(link)}"/>',
        "<id>urn:fixture:atom</id><updated>2025-03-04T10:00:00Z</updated>",
    ]
    for it in items:
        out.append("<entry>")
        out.append(f'<title>{escape(it.title)}</title><link href="{escape(it.link)}"/>')
        out.append(f"<id>{escape(it.guid or it.link)}</id>")
        if it.date:
            out.append(f"<updated>{it.date}</updated><published>{it.date}</published>")
        if it.description:
            out.append(f'<summary type="html">{escape(it.description)}</summary>')
        if it.content:
            out.append(f'<content type="html">{escape(it.content)}</content>')
        out.extend(f'<category term="{escape(c)}"/>' for c in it.categories)
        out.append("</entry>")
    out.append("</feed>")
    return "\n".join(out)


def rss1(title: str, link: str, items: Sequence[Item]) -> str:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
        f'<channel rdf:about="{escape(link)}"><title>{escape(title)}</title>',
        f"<link>{escape(link)}</link><description>Fixture</description>",
        "<items><rdf:Seq>",
        *(f'<rdf:li rdf:resource="{escape(it.link)}"/>' for it in items),
        "</rdf:Seq></items></channel>",
    ]
    for it in items:
        out.append(f'<item rdf:about="{escape(it.link)}">')
        out.append(f"<title>{escape(it.title)}</title><link>{escape(it.link)}</link>")
        if it.description:
            out.append(f"<description>{escape(it.description)}</description>")
        if it.date:
            out.append(f"<dc:date>{it.date}</dc:date>")
        out.append("</item>")
    out.append("</rdf:RDF>")
    return "\n".join(out)


def http_date(offset_days: int = 0) -> str:
    import time

    return formatdate(time.time() - 86400 * 30 + offset_days * 86400, usegmt=True)


# ---- pages ------------------------------------------------------------------------------------


def page(name: str) -> bytes:
    """One of the hand-written article pages in tests/fetch_pages/."""
    return (PAGES / f"{name}.html").read_bytes()


def gold(name: str) -> str:
    return (PAGES / f"{name}.gold.txt").read_text(encoding="utf-8")


def quake_page(killed: str, injured: str, stamp: str = "2025-04-01T11:05:00Z") -> bytes:
    """A story that is revised as the toll rises, with its summary list at the top."""
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Earthquake: death toll rises as rescuers search rubble - Northern Wire</title>
<meta property="og:site_name" content="Northern Wire">
<meta property="article:published_time" content="{stamp}">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/asia">Asia</a></nav>
<article>
<h1>Earthquake: death toll rises as rescuers search rubble</h1>
<ul class="story-summary">
<li>{killed} people have died, the military government says.</li>
<li>{injured} were injured and 441 are still missing.</li>
<li>Aid convoys reached the worst-hit towns on Monday night.</li>
</ul>
<p>The death toll from last week's earthquake has risen to {killed}, the head of the military
government said on Tuesday, with {injured} people injured and 441 still missing as rescuers dug
through collapsed buildings in the heat.</p>
<p>Aid agencies said survivors in the worst-hit towns were sleeping outdoors for fear of
aftershocks, and that clean water was running short in several districts.</p>
<h2>International help</h2>
<p>Teams from six countries have joined the search, bringing sniffer dogs and heavy lifting
equipment. A field hospital with 60 beds opened near the airport on Sunday.</p>
</article>
<footer><p>© 2025 Northern Wire</p></footer>
</body></html>""".encode()


def article_page(title: str, site: str, paragraphs: Sequence[str], date: str = "") -> bytes:
    """A simple article page in a typical layout (navigation, related links, footer)."""
    paras = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    meta_date = f'<meta property="article:published_time" content="{date}">' if date else ""
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{escape(title)} | {escape(site)}</title>
<meta property="og:site_name" content="{escape(site)}">{meta_date}</head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>{escape(title)}</h1>
{paras}
</article>
<aside><h3>More stories</h3><ul><li><a href="/x">Another story</a></li></ul></aside>
</main><footer><p>© 2025 {escape(site)}</p></footer></body></html>""".encode()


def gzip_bomb(megabytes: int = 100) -> bytes:
    """``megabytes`` MB of zeros gzip-compressed (about 1,000 times smaller)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = b"\0" * (1 << 20)
    parts = [comp.compress(zeros) for _ in range(megabytes)]
    parts.append(comp.flush())
    return b"".join(parts)


def big_feed_stream(megabytes: int = 50) -> Callable[[], Any]:
    """An RSS feed of ``megabytes`` MB, generated while it is sent (never held whole)."""

    async def chunks() -> Any:
        yield b'<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>'
        item = (
            b"<item><title>Filler entry</title><link>http://127.0.0.1/none</link>"
            b"<description>" + b"x" * 900 + b"</description></item>\n"
        )
        per_mb = (1 << 20) // len(item) + 1
        block = item * per_mb
        for _ in range(megabytes):
            yield block
        yield b"</channel></rss>"

    return chunks
