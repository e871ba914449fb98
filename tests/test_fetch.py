"""The fetcher end to end against a local server: good feeds, every bad case, versions."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from fetch_support import (
    FixtureServer,
    Item,
    Route,
    article_page,
    atom,
    big_feed_stream,
    gzip_bomb,
    http_date,
    page,
    quake_page,
    rss1,
    rss2,
)

from store.fetch.http import Limits
from store.fetch.registry import add_feed, get_feed, list_feeds
from store.fetch.run import FetchSummary, fetch_feeds
from store.library import Library

FAST = Limits(backoff=0.01, read_timeout=1.0, request_timeout=5.0, retries=1)
RSS = "application/rss+xml"


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    srv = FixtureServer().start()
    yield srv
    srv.stop()


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    with Library.open(tmp_path / "lib.db") as library:
        yield library


def fetch(lib: Library, limits: Limits = FAST) -> FetchSummary:
    return asyncio.run(fetch_feeds(lib, limits=limits))


def by_url(lib: Library) -> dict[str, object]:
    out = {}
    for row in lib.recent(0 or -1):
        stored = lib.get(row.id)
        assert stored is not None
        out[stored.article.url] = stored
    return out


def test_rss2_atom_and_rss1_import_correctly(server: FixtureServer, lib: Library) -> None:
    server.set("/news/harbour", body=page("harbour"))
    server.set("/news/quake", body=quake_page("2,719", "4,521"))
    server.set("/sky/amp", body=page("amp"))
    server.set("/live", body=page("liveblog"))
    rss_items = [
        # a relative link, HTML in the description, a category
        Item(
            "Harbour cranes return to work",
            "/news/harbour",
            guid="h-1",
            description="<p>Cranes <b>back</b> at work after <a href='/x'>the strike</a>.</p>",
            date="Tue, 04 Mar 2025 08:15:00 GMT",
            categories=["Ports"],
        ),
        Item("Quake toll rises", "quake", guid="q-1", date="Tue, 01 Apr 2025 11:05:00 GMT"),
    ]
    server.set(
        "/news/rss.xml", body=rss2("Courier", "/news/", rss_items).encode(), content_type=RSS
    )
    atom_items = [Item("Meteor shower", server.url("/sky/amp"), date="2025-08-13T05:30:00Z")]
    server.set(
        "/sky/atom",
        body=atom("Sky", "/sky/", atom_items).encode(),
        content_type="application/atom+xml",
    )
    rdf_items = [Item("Live: flooding", server.url("/live"), date="2025-10-30T05:00:00Z")]
    server.set(
        "/rdf",
        body=rss1("Valley", server.url("/"), rdf_items).encode(),
        content_type="application/rdf+xml",
    )
    add_feed(lib.conn, server.url("/news/rss.xml"))
    add_feed(lib.conn, server.url("/sky/atom"), category="Science", name="Sky feed")
    add_feed(lib.conn, server.url("/rdf"))

    summary = fetch(lib)

    assert summary.failed == [] and summary.new == 4, summary.lines()
    stored = by_url(lib)
    harbour = stored[server.url("/news/harbour")].article  # the relative link, resolved
    assert harbour.title == "Harbour cranes return to work after three-week strike"
    assert harbour.source == "Coastline Courier"  # the site's own name wins over the feed's
    assert harbour.category == "Ports"  # no feed category: the entry's tag
    assert harbour.published == "2025-03-04T08:15"
    assert harbour.key_points[0].startswith("Crane operators accepted a 6.5% pay rise")
    assert harbour.lead.startswith("Crane operators at the northern harbour went back")
    assert [s.heading for s in harbour.sections] == ["", "Ships at anchor", "Clearing the backlog"]
    assert not any("cookie" in p.lower() for s in harbour.sections for p in s.paragraphs)
    assert not any("Most read" in p for s in harbour.sections for p in s.paragraphs)
    quake = stored[server.url("/news/quake")].article
    assert quake.key_points[0] == "2,719 people have died, the military government says."
    meteor = stored[server.url("/sky/amp")].article
    assert (meteor.category, meteor.source) == ("Science", "Sky Watch Daily")
    live = stored[server.url("/live")].article
    assert live.published == "2025-10-30T05:00"
    assert live.sections[0].heading == "11:20 · Rescue teams reach the old mill district"
    # figures were extracted as for any import
    quake_id = next(r.id for r in lib.recent(10) if r.title.startswith("Earthquake"))
    assert any(f.key == "killed" and f.value_low == 2719 for f in lib.figures(quake_id))
    # the feed's own state was stored
    feeds = {f.url: f for f in list_feeds(lib.conn)}
    assert (
        feeds[server.url("/sky/atom")].title == "Sky" and feeds[server.url("/rdf")].status == "ok"
    )


def test_second_fetch_is_conditional_and_imports_nothing(
    server: FixtureServer, lib: Library
) -> None:
    server.set("/a", body=page("harbour"), etag='"page-a"')
    server.set("/b", body=page("paywall"), last_modified=http_date())
    items = [Item("A", server.url("/a"), guid="a"), Item("B", server.url("/b"), guid="b")]
    server.set("/feed", body=rss2("F", "/", items).encode(), content_type=RSS, etag='"feed-1"')
    add_feed(lib.conn, server.url("/feed"))
    assert fetch(lib).new == 2
    first = len(server.seen)

    again = fetch(lib)

    assert (again.new, again.updated, again.failed) == (0, 0, [])
    sent = server.seen[first:]
    assert [s.path for s in sent] == ["/feed"]  # 304: the pages are not asked for
    assert sent[0].headers.get("If-None-Match") == '"feed-1"'
    assert "newsdesk" in sent[0].headers.get("User-Agent", "")
    # the feed changed: its pages are asked for conditionally and answer 304
    server.routes["/feed"].etag = '"feed-2"'
    third = fetch(lib)
    assert (third.new, third.updated, third.unchanged) == (0, 0, 2)
    asked = {s.path: s.headers for s in server.seen if s.path in ("/a", "/b")}
    assert asked["/a"].get("If-None-Match") == '"page-a"'
    assert asked["/b"].get("If-Modified-Since") == server.routes["/b"].last_modified


def test_a_changed_page_becomes_a_version_with_its_figure_changes(
    server: FixtureServer, lib: Library
) -> None:
    server.set("/quake", body=quake_page("2,719", "4,521"), etag='"v1"')
    items = [Item("Quake toll rises", server.url("/quake"), guid="q")]
    server.set("/feed", body=rss2("Wire", "/", items).encode(), content_type=RSS, etag='"f1"')
    add_feed(lib.conn, server.url("/feed"))
    assert fetch(lib).new == 1
    server.set("/quake", body=quake_page("2,886", "4,639"), etag='"v2"')
    retitled = [Item("Quake toll passes 2,800", server.url("/quake"), guid="q")]
    server.set("/feed", body=rss2("Wire", "/", retitled).encode(), content_type=RSS, etag='"f2"')

    summary = fetch(lib)

    assert (summary.new, summary.updated) == (0, 1), summary.lines()
    note = summary.versions[0]
    assert note.version == 2 and "killed: 2,719 → 2,886" in note.changes
    assert any(line.startswith("updated: ") and "2,719 → 2,886" in line for line in summary.lines())
    rows = lib.recent(10)
    assert len(rows) == 1 and rows[0].versions == 2
    assert rows[0].title == "Earthquake: death toll rises as rescuers search rubble"  # the page's


def test_every_bad_case_gives_one_line_and_loses_nothing(
    server: FixtureServer, lib: Library
) -> None:
    good = [Item("Good story", server.url("/good"), guid="g")]
    server.set("/good", body=article_page("Good story", "Good Site", ["One two three. " * 20]))
    server.set("/good-feed", body=rss2("Good", "/", good).encode(), content_type=RSS)
    # bad pages behind one feed each; every entry carries its own description as a fallback
    bad_pages = {
        "/p404": Route(status=404),
        "/p410": Route(status=410),
        "/p500": Route(status=500),
        "/loop-a": Route(redirect="/loop-b"),
        "/loop-b": Route(redirect="/loop-a"),
        "/pdf": Route(body=b"%PDF-1.4 not a page", content_type="application/pdf"),
        "/bomb": Route(raw_gzip=gzip_bomb(60)),
        "/slow": Route(body=page("harbour"), delay=3),
    }
    for path, route in bad_pages.items():
        if path == "/loop-b":
            server.set(path, route)
            continue
        server.set(path, route)
        entry = Item(
            f"Entry {path}",
            server.url(path),
            guid=path,
            description=f"<p>Feed text for {path[1:]} here.</p>",
        )
        server.set(
            f"/feed{path}", body=rss2(f"Feed {path}", "/", [entry]).encode(), content_type=RSS
        )
    # bad feeds
    plain = [Item("Undated story", server.url("/good"), guid="u")]
    dup = [
        Item("Same", server.url("/d1"), guid="same", description="<p>First copy of it.</p>"),
        Item("Same again", server.url("/d2"), guid="same", description="<p>Second copy.</p>"),
    ]
    server.set("/d1", body=article_page("Same", "Dup Site", ["The first of two copies. " * 10]))
    wrong = rss2(
        "Café feed",
        "/",
        [
            Item(
                "Crème brûlée wins",
                server.url("/wrong-page"),
                guid="w",
                description="<p>Le café était très bon.</p>",
            )
        ],
    )
    server.set("/wrong-page", status=404)
    bad_feeds = {
        "/f404": Route(status=404),
        "/f410": Route(status=410),
        "/f500": Route(status=500),
        "/floop": Route(redirect="/floop"),
        "/malformed": Route(body=b"<rss><channel><title>Broken<item></rss", content_type=RSS),
        "/empty": Route(body=rss2("Empty", "/", []).encode(), content_type=RSS),
        "/huge": Route(stream=big_feed_stream(50), content_type=RSS),
        "/slowfeed": Route(body=rss2("Slow", "/", good).encode(), delay=3, content_type=RSS),
        "/html-not-feed": Route(body=page("paywall")),
        "/nodates": Route(body=rss2("No dates", "/", plain).encode(), content_type=RSS),
        "/dups": Route(body=rss2("Dups", "/", dup).encode(), content_type=RSS),
        # declared UTF-8, sent as Windows-1252
        "/wrongenc": Route(body=wrong.encode("cp1252"), content_type="application/rss+xml"),
        "/bombfeed": Route(raw_gzip=gzip_bomb(60), content_type=RSS),
    }
    for path, route in bad_feeds.items():
        server.set(path, route)
    urls = [server.url("/good-feed")]
    urls += [server.url(f"/feed{p}") for p in bad_pages if p != "/loop-b"]
    urls += [server.url(p) for p in bad_feeds]
    for url in urls:
        add_feed(lib.conn, url)

    summary = fetch(lib, Limits(backoff=0.01, read_timeout=1.0, request_timeout=2.0, retries=1))

    lines = summary.lines()
    assert summary.updated == 0  # one page in two feeds is one article, not two versions
    for url in urls[1:]:
        if url.endswith(("/nodates", "/good-feed")):
            continue
        path = url.rsplit("/", 1)[1]
        mentioning = [
            line
            for line in lines[1:]
            if f"/{path}:" in line or f"/{path.removeprefix('feed')}:" in line
        ]
        assert len(mentioning) == 1, (url, lines)
    text = "\n".join(lines)
    assert "404 Not Found" in text and "410 Gone" in text and "(500)" in text
    assert "redirects in a loop" in text and "not HTML" in text and "over the 5 MB limit" in text
    assert "over the 10 MB limit" in text and "did not answer in time" in text
    assert "not an RSS or Atom feed" in text and "holds no entries" in text
    assert "repeat an earlier id" in text
    assert all("\n" not in line and "Traceback" not in line for line in lines)
    # nothing lost: every bad page's entry was stored from the feed's own text
    stored = by_url(lib)
    for path in bad_pages:
        if path == "/loop-b":
            continue
        article = stored[server.url(path)].article
        assert article.lead == f"Feed text for {path[1:]} here."
    assert stored[server.url("/good")].article.source == "Good Site"
    assert stored[server.url("/d1")].article.title == "Same"  # the first of the duplicates
    assert server.url("/d2") not in stored
    wrong_article = stored[server.url("/wrong-page")].article
    assert wrong_article.title == "Crème brûlée wins"
    assert wrong_article.lead == "Le café était très bon."
    # a feed with a failed page keeps its old validators, so the page is asked for again
    feed = get_feed(lib.conn, server.url("/feed/p404"))
    assert feed is not None and feed.etag == "" and "some pages failed" in feed.status
    server.set("/p404", body=article_page("Now it is there", "Late Site", ["Late text. " * 20]))
    again = fetch(lib, Limits(backoff=0.01, read_timeout=1.0, request_timeout=2.0, retries=0))
    assert by_url(lib)[server.url("/p404")].article.source == "Late Site"
    assert again.updated >= 1


def test_retry_after_is_honoured_and_redirects_are_followed(
    server: FixtureServer, lib: Library
) -> None:
    import time

    server.set("/page", body=page("paywall"))
    server.set("/r1", redirect="/r2", status=301)
    server.set("/r2", redirect="/r3", status=308)
    server.set("/r3", redirect=server.url("/page"), status=302)
    items = [Item("Planes", server.url("/r1"), guid="p")]
    server.set(
        "/feed",
        Route(
            body=rss2("F", "/", items).encode(),
            content_type=RSS,
            failures=[(503, {"Retry-After": "1"})],
        ),
    )
    chain = "".join(f"<link>{i}</link>" for i in range(1))
    assert chain
    add_feed(lib.conn, server.url("/feed"))
    started = time.monotonic()
    summary = fetch(lib, Limits(backoff=0.01, retries=2))
    assert time.monotonic() - started >= 1.0  # waited as asked, not the 0.01 s backoff
    assert summary.new == 1 and summary.failed == []
    assert len(server.requests_to("/feed")) == 2
    # six hops is one too many
    for n in range(7):
        server.set(f"/hop{n}", redirect=f"/hop{n + 1}")
    server.set("/hop7", body=page("paywall"))
    hops = [Item("Far", server.url("/hop0"), guid="far", description="<p>Far away.</p>")]
    server.set("/feed2", body=rss2("F2", "/", hops).encode(), content_type=RSS)
    add_feed(lib.conn, server.url("/feed2"))
    second = fetch(lib, Limits(backoff=0.01, retries=0))
    assert any("more than 5 times" in str(f) for f in second.failed)


def test_gzip_pages_are_read(server: FixtureServer, lib: Library) -> None:
    server.set("/z", Route(body=page("amp"), gzip=True))
    server.set(
        "/feed",
        Route(
            body=rss2("Z", "/", [Item("Z", server.url("/z"))]).encode(), gzip=True, content_type=RSS
        ),
    )
    add_feed(lib.conn, server.url("/feed"))
    summary = fetch(lib)
    assert summary.new == 1 and summary.failed == []
    assert "gzip" in server.requests_to("/z")[0].headers.get("Accept-Encoding", "")
