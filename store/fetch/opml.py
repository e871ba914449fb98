"""OPML, the file every feed reader imports and exports its subscriptions as.

Import reads any nesting of ``<outline>``: an outline with ``xmlUrl`` is a feed, and the
folder outlines around it become its category (the innermost folder's name), which is how
other readers group feeds. Export writes OPML 2.0 with one folder per category.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import formatdate
from xml.sax.saxutils import quoteattr

from store.fetch.registry import Feed

MAX_OPML_BYTES = 10 * 1024 * 1024


class OpmlError(Exception):
    """An OPML file that cannot be read; the message is one sentence for the user."""


@dataclass(frozen=True)
class OpmlFeed:
    """A feed listed in an OPML file."""

    url: str
    name: str = ""
    category: str = ""


def read_opml(data: bytes) -> list[OpmlFeed]:
    """The feeds an OPML document lists, in document order, each address once."""
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError("The OPML file is over the 10 MB limit.")
    if b"<!ENTITY" in data[:4096].upper():
        raise OpmlError("The OPML file declares XML entities, which are not read (unsafe).")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise OpmlError(f"The file is not valid OPML (XML error: {exc}).") from None
    if _local(root.tag) != "opml":
        raise OpmlError("The file is XML but not OPML (its root is not <opml>).")
    body = next((c for c in root if _local(c.tag) == "body"), None)
    if body is None:
        raise OpmlError("The OPML file has no <body> with feeds.")
    out: list[OpmlFeed] = []
    seen: set[str] = set()

    def walk(node: ET.Element, folder: str) -> None:
        for child in node:
            if _local(child.tag) != "outline":
                continue
            name = (child.get("title") or child.get("text") or "").strip()
            url = (child.get("xmlUrl") or child.get("xmlurl") or "").strip()
            if url:
                if url.startswith(("http://", "https://")) and url not in seen:
                    seen.add(url)
                    out.append(OpmlFeed(url, " ".join(name.split()), folder))
                walk(child, folder)
            else:
                walk(child, " ".join(name.split()) or folder)

    walk(body, "")
    return out


def write_opml(feeds: Sequence[Feed], title: str = "newsdesk feeds") -> str:
    """OPML 2.0 for ``feeds``: uncategorised feeds first, then one folder per category."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_esc(title)}</title>",
        f"    <dateCreated>{formatdate(usegmt=True)}</dateCreated>",
        "  </head>",
        "  <body>",
    ]

    def outline(feed: Feed, indent: str) -> str:
        name = feed.name or feed.title or feed.url
        attrs = (
            f'type="rss" text={quoteattr(name)} title={quoteattr(name)} '
            f"xmlUrl={quoteattr(feed.url)}"
        )
        if feed.site_url:
            attrs += f" htmlUrl={quoteattr(feed.site_url)}"
        return f"{indent}<outline {attrs}/>"

    for feed in feeds:
        if not feed.category:
            lines.append(outline(feed, "    "))
    categories = sorted({f.category for f in feeds if f.category}, key=str.casefold)
    for category in categories:
        lines.append(f"    <outline text={quoteattr(category)} title={quoteattr(category)}>")
        lines.extend(outline(f, "      ") for f in feeds if f.category == category)
        lines.append("    </outline>")
    lines += ["  </body>", "</opml>"]
    return "\n".join(lines) + "\n"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""
