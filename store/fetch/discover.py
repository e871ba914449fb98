"""Finding the feed of a web page: ``<link rel="alternate" type="application/rss+xml">``.

People paste the address of a site or an article, not of its feed. Sites announce their feeds
in the page head for exactly this; when a page announces none, the user is told so in one
sentence rather than following a page that will never parse as a feed.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


@dataclass(frozen=True)
class FeedLink:
    """A feed a page announces: its absolute address and the title it gives it."""

    url: str
    title: str = ""


def feed_links(data: bytes, page_url: str, charset: str = "") -> list[FeedLink]:
    """The feeds a page's head announces, in page order, duplicates dropped."""
    from store.fetch.htmltext import ExtractError, html_tree

    try:
        root = html_tree(data, charset)
    except ExtractError:
        return []
    base = page_url
    for b in root.iter("base"):
        if b.get("href"):
            base = urljoin(page_url, b.get("href", ""))
            break
    found: list[FeedLink] = []
    seen: set[str] = set()
    for link in root.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = (link.get("href") or "").strip()
        if "alternate" not in rels or kind not in FEED_TYPES or not href:
            continue
        url = urljoin(base, href)
        if url.startswith(("http://", "https://")) and url not in seen:
            seen.add(url)
            found.append(FeedLink(url, " ".join((link.get("title") or "").split())))
    return found
