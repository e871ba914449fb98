"""Turning a fetched page (or a feed entry, or a saved page) into a library ``Article``.

The rules the issue sets, in one place:

* source: the site's own name (``og:site_name``), else the feed's name, else its host;
* category: the feed's, else the entry's first tag, else the page's section;
* published: the entry's date, else the page's;
* text: the page's, unless it holds less than the feed's own content (a paywall teaser, a
  page the extractor could not read): then the feed's content is the article.

``raw`` is the article written back in the text-file format the importer reads, so what is
stored (and hashed to tell "unchanged" from "new version") is the article, not the page: a
page whose ads or timestamps changed but whose text did not is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from store.fetch.extract import PageText, assemble, extract_page
from store.fetch.htmltext import ExtractError, html_blocks
from store.model import Article


@dataclass
class FeedInfo:
    """What the fetcher knows about the feed an entry came from."""

    url: str = ""
    name: str = ""  # the user's name for it, else the feed's own title
    category: str = ""


@dataclass
class EntryInfo:
    """The parts of a feed entry an article is built from (see feedparse.Entry)."""

    url: str
    title: str = ""
    summary_html: str = ""
    content_html: str = ""
    published: str = ""
    published_raw: str = ""
    tags: list[str] = field(default_factory=list)


def feed_text(entry: EntryInfo, clutter_patterns: Sequence[str] | None = None) -> PageText:
    """The entry's own content (full content, else the summary) read like a page."""
    html = entry.content_html or entry.summary_html
    blocks = [("p", b) for b in html_blocks(html)]
    return assemble(entry.title, blocks, [], None, clutter_patterns)


def build_article(
    entry: EntryInfo,
    feed: FeedInfo,
    page: PageText | None,
    *,
    clutter_patterns: Sequence[str] | None = None,
) -> tuple[Article | None, bool]:
    """The article for an entry, and whether the feed's text stood in for the page's.

    Returns ``(None, True)`` when neither the page nor the feed has any text.
    """
    own = feed_text(entry, clutter_patterns)
    used_feed = page is None or page.words < own.words
    text = own if used_feed else page
    assert text is not None
    if text.words == 0:
        return None, True
    meta = page.meta if page is not None else None
    # the page's own headline when the page was read: the same page in two feeds (or an entry
    # re-titled by its feed) must not read as a changed article
    title = (text.title if not used_feed else "") or entry.title or text.title or entry.url
    site = meta.site_name if meta else ""
    source = site or feed.name or urlsplit(entry.url or feed.url).netloc
    category = (
        feed.category or (entry.tags[0] if entry.tags else "") or (meta.section if meta else "")
    )
    published, published_raw = entry.published, entry.published_raw
    if not published and meta is not None and meta.published:
        published, published_raw = meta.published, meta.published_raw
    tags = [t for t in entry.tags if t != category] or (meta.tags if meta else [])
    article = Article(
        title=" ".join(title.split()),
        category=category,
        published=published,
        published_raw=published_raw,
        source=source,
        tags=list(tags),
        key_points=list(text.key_points) or (list(page.key_points) if page else []),
        lead=text.lead,
        sections=text.sections,
        clutter=text.clutter,
        url=entry.url,
    )
    article.raw = render_raw(article)
    return article, used_feed


def article_from_html(
    data: bytes, label: str = "", clutter_patterns: Sequence[str] | None = None
) -> Article:
    """A saved web page (``newsdesk import page.html``) through the same extractor.

    Raises ``ExtractError`` (one sentence) for a page without an article. The article keeps
    ``url`` "" (it came from a file); the page's canonical address is kept in its tags' place
    only when the page names no tags, so nothing the page said about itself is lost.
    """
    page = extract_page(data, "", clutter_patterns=clutter_patterns)
    if not page.title:
        raise ExtractError("the page has no title")
    meta = page.meta
    article = Article(
        title=page.title,
        category=meta.section,
        published=meta.published,
        published_raw=meta.published_raw,
        source=meta.site_name or (urlsplit(meta.canonical).netloc if meta.canonical else ""),
        tags=list(meta.tags),
        key_points=page.key_points,
        lead=page.lead,
        sections=page.sections,
        clutter=page.clutter,
    )
    article.raw = render_raw(article)
    return article


def render_raw(article: Article) -> str:
    """The article in the text-file format ``newsdesk import`` reads (see store/parse.py)."""
    lines = [article.title]
    if article.category:
        lines += ["Category", article.category]
    lines += ["Publication date", article.published_raw or article.published, "", article.title]
    lines += article.tags
    if article.source:
        lines.append(f"Source: {article.source}")
    if article.url:
        lines.append(article.url)
    if article.lead:
        lines += ["", article.lead]
    if article.key_points:
        lines += ["", "Key points", ""]
        lines += [f"• {p}" for p in article.key_points]
    for section in article.sections:
        if section.heading:
            lines += ["", section.heading]
        for para in section.paragraphs:
            lines += ["", para]
    if article.clutter:
        lines += ["", *article.clutter]
    return "\n".join(lines) + "\n"
