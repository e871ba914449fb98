"""Feed bytes (RSS 0.9x/1.0/2.0, Atom) to ``FeedDoc``: the entries the fetcher works through.

feedparser does the reading: it copes with the feeds real sites publish (wrong declared
encodings, HTML in descriptions, relative links, half-broken XML) where a strict XML parser
would give up. It is synchronous and takes ~0.3 ms per entry, so the fetcher calls
``parse_feed`` in a worker thread, never on the event loop.
"""

from __future__ import annotations

import calendar
import time
import warnings
from dataclasses import dataclass, field
from typing import Any


class FeedError(Exception):
    """Bytes that hold no feed; ``str()`` is one sentence without a final period."""


@dataclass
class Entry:
    """One item of a feed, links already absolute."""

    url: str  # the article page ("" when the entry links nowhere)
    guid: str
    title: str
    summary_html: str = ""  # the description / summary, as HTML
    content_html: str = ""  # the full content (content:encoded, Atom content), as HTML
    published: str = ""  # ISO 8601 (UTC, to the minute), "" when the entry gives no date
    published_raw: str = ""
    tags: list[str] = field(default_factory=list)
    author: str = ""


@dataclass
class FeedDoc:
    """A parsed feed: its own title and site, the entries (duplicate GUIDs dropped)."""

    title: str
    site_url: str
    entries: list[Entry]
    problem: str = ""  # what was wrong with the XML when entries could still be read
    duplicates: int = 0  # entries dropped because their GUID (or link) came earlier


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    """A cheap test: feed content types, or an RSS/RDF/Atom root near the start."""
    if any(k in content_type for k in ("rss", "atom", "rdf")):
        return True
    head = data[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def parse_feed(data: bytes, url: str, content_type: str = "", charset: str = "") -> FeedDoc:
    """Parse ``data`` fetched from ``url``; raises ``FeedError`` when it is not a feed at all."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # feedparser's own deprecation notes are not the user's
        import feedparser

        headers = {"content-location": url}
        if content_type:
            headers["content-type"] = content_type + (f"; charset={charset}" if charset else "")
        parsed = feedparser.parse(
            data, response_headers=headers, sanitize_html=False, resolve_relative_uris=True
        )
    feed = parsed.get("feed", {})
    entries_in = parsed.get("entries", [])
    problem = ""
    if parsed.get("bozo"):
        problem = _bozo_reason(parsed.get("bozo_exception"))
    if not entries_in and not feed.get("title"):
        if problem or not looks_like_feed(data, content_type):
            raise FeedError(
                f"this is not an RSS or Atom feed ({problem})"
                if problem
                else "this is not an RSS or Atom feed"
            )
    entries: list[Entry] = []
    seen: set[str] = set()
    duplicates = 0
    for item in entries_in:
        entry = _entry(item, url)
        key = entry.guid or entry.url or entry.title
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        entries.append(entry)
    return FeedDoc(
        title=_text(feed.get("title", "")),
        site_url=str(feed.get("link", "") or ""),
        entries=entries,
        problem=problem,
        duplicates=duplicates,
    )


def _entry(item: Any, feed_url: str) -> Entry:
    from urllib.parse import urljoin

    link = str(item.get("link", "") or "")
    if not link:
        for alt in item.get("links", []) or []:
            if alt.get("rel", "alternate") == "alternate" and alt.get("href"):
                link = str(alt["href"])
                break
    guid = str(item.get("id", "") or "")
    if not link and guid.startswith(("http://", "https://")):
        link = guid
    if link:
        link = urljoin(feed_url, link.strip())
        if not link.startswith(("http://", "https://")):
            link = ""
    content = ""
    for part in item.get("content", []) or []:
        value = str(part.get("value", "") or "")
        if len(value) > len(content):
            content = value
    summary = str(item.get("summary", "") or "")
    if summary == content:
        summary = ""
    published_raw = str(item.get("published", "") or item.get("updated", "") or "")
    stamp = item.get("published_parsed") or item.get("updated_parsed")
    published = ""
    if stamp:
        try:
            published = time.strftime("%Y-%m-%dT%H:%M", time.gmtime(calendar.timegm(stamp)))
        except (TypeError, ValueError, OverflowError):
            published = ""
    tags = [
        _text(str(t.get("term", "") or t.get("label", "") or ""))
        for t in item.get("tags", []) or []
    ]
    return Entry(
        url=link,
        guid=guid or link,
        title=_text(str(item.get("title", "") or "")),
        summary_html=summary,
        content_html=content,
        published=published,
        published_raw=published_raw,
        tags=[t for t in dict.fromkeys(tags) if t],
        author=_text(str(item.get("author", "") or "")),
    )


def _text(value: str) -> str:
    """A title-like string: HTML entities decoded by feedparser already; whitespace folded."""
    if "<" in value:
        from store.fetch.htmltext import html_text

        value = html_text(value)
    return " ".join(value.split())


def _bozo_reason(exc: Any) -> str:
    if exc is None:
        return "the XML is malformed"
    name = type(exc).__name__
    if "Encoding" in name:
        return "its declared text encoding is wrong"
    message = str(getattr(exc, "getMessage", lambda: exc)()).strip()
    message = message.splitlines()[0] if message else name
    return f"the XML is malformed: {message}"
