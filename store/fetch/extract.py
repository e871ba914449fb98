"""A web page (HTML bytes) to the parts of an ``Article``: text, key points, metadata.

The reading text comes from trafilatura in its fast mode: on a public 181-page benchmark it
scored ~0.96 body F1 at 11-16 ms a page, ahead of readability, newspaper and goose
(FIELD-NOTES). What trafilatura does not give, news readers need, so it is read from the
page itself with lxml (parsed by ``store.fetch.htmltext``), before trafilatura sees it:

* **key points** (``store.fetch.keypoints``): a summary list at the top of the article, or a box
  headed "Key points", "Highlights", "Summary", "Key takeaways" (and its items are then left out
  of the body);
* **metadata** from the tags sites publish for link previews (``og:site_name``,
  ``article:published_time``, ``<time datetime>``), because trafilatura's own date guessing
  searches the whole page and is both slow and prone to picking up unrelated dates.

Page furniture that slips through (cookie banners, "subscribe to continue" under a paywall
teaser, share rows) is moved to ``clutter`` with the same rules as imported files: nothing is
thrown away, and a user's own clutter patterns apply here too.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from store.clutter import matcher
from store.fetch.htmltext import SKIP_TAGS, ExtractError, clean_text, html_tree
from store.fetch.keypoints import KEY_POINT_LABEL_RE, key_points
from store.model import Section

_PAYWALL_RE = re.compile(
    r"(?:(?:subscribe|sign in|log in|register|become a (?:member|subscriber))\b.{0,40}"
    r"\b(?:continue|keep|read|full (?:article|story)|unlock)\b"
    r"|.{0,80}\b(?:for|exclusive to) (?:subscribers|members|premium)\b(?: only)?"
    r"|already a (?:subscriber|member)\??.{0,80}"
    r"|this (?:article|story|content) is (?:for|reserved for|available to) (?:subscribers|members)"
    r"|you have reached (?:your|the) (?:limit|free article).{0,120}).{0,120}",
    re.IGNORECASE,
)
MIN_WORDS = 8  # less than this is a menu or a button row that slipped through, not an article


@dataclass
class PageMeta:
    """What a page says about itself in its head (all "" when it does not say)."""

    title: str = ""
    site_name: str = ""
    published: str = ""  # ISO 8601
    published_raw: str = ""
    canonical: str = ""
    section: str = ""
    tags: list[str] = field(default_factory=list)
    description: str = ""


@dataclass
class PageText:
    """The article a page holds: title, lead, key points, body sections, and what was cut."""

    title: str
    lead: str = ""
    key_points: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    clutter: list[str] = field(default_factory=list)
    meta: PageMeta = field(default_factory=PageMeta)

    @property
    def words(self) -> int:
        """How much reading text there is (lead, key points and body), in words."""
        text = [self.lead, *self.key_points]
        for s in self.sections:
            text.extend(s.paragraphs)
        return sum(len(t.split()) for t in text)


def quiet_dependencies() -> None:
    """Keep the extraction libraries' log lines and warnings away from the user's terminal.

    trafilatura, htmldate and courlan log at WARNING for pages they find odd; the user gets
    one line per page from newsdesk instead.
    """
    for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer", "justext"):
        log = logging.getLogger(name)
        log.setLevel(logging.CRITICAL + 1)
        log.propagate = False
    warnings.filterwarnings("ignore", module=r"(trafilatura|htmldate|courlan|justext|lxml)")


# ---- metadata -------------------------------------------------------------------------------


def page_meta(root: Any) -> PageMeta:
    """Title, site name, date, canonical URL, section and tags from the page's head."""
    from store.dates import parse_date

    metas: dict[str, str] = {}
    tags: list[str] = []
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        value = (m.get("content") or "").strip()
        if not key or not value:
            continue
        if key in ("article:tag", "news_keywords", "keywords"):
            tags.extend(t.strip() for t in value.split(",") if t.strip())
        metas.setdefault(key, value)
    title = metas.get("og:title") or metas.get("twitter:title") or ""
    if not title:
        h1 = root.find(".//h1")
        title = clean_text(h1.text_content()) if h1 is not None else ""
    if not title:
        t = root.find(".//title")
        title = clean_text(t.text_content()) if t is not None else ""
    raw_date = ""
    for key in ("article:published_time", "datepublished", "date", "dc.date", "pubdate"):
        if metas.get(key):
            raw_date = metas[key]
            break
    if not raw_date:
        raw_date = _json_ld_date(root)
    if not raw_date:
        for t in root.iter("time"):
            if t.get("datetime"):
                raw_date = t.get("datetime", "")
                break
    canonical = ""
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            canonical = link.get("href", "").strip()
            break
    return PageMeta(
        title=" ".join(title.split()),
        site_name=" ".join(
            (metas.get("og:site_name") or metas.get("application-name") or "").split()
        ),
        published=parse_date(raw_date) if raw_date else "",
        published_raw=raw_date,
        canonical=canonical or metas.get("og:url", ""),
        section=metas.get("article:section", ""),
        tags=list(dict.fromkeys(tags))[:12],
        description=metas.get("og:description") or metas.get("description") or "",
    )


_LD_DATE_RE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')


def _json_ld_date(root: Any) -> str:
    """``datePublished`` from the page's JSON-LD (AMP pages often give it only there)."""
    for script in root.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            m = _LD_DATE_RE.search(script.text)
            if m:
                return m.group(1)
    return ""


# ---- the text -------------------------------------------------------------------------------


def extract_page(
    data: bytes,
    url: str = "",
    *,
    charset: str = "",
    clutter_patterns: Sequence[str] | None = None,
) -> PageText:
    """Read the article in a page. Raises ``ExtractError`` when the page holds no text."""
    quiet_dependencies()
    root = html_tree(data, charset)
    meta = page_meta(root)
    points = key_points(root)
    blocks = live_posts(root) or _trafilatura_blocks(root, url)
    if not points and sum(len(text.split()) for _kind, text in blocks) < MIN_WORDS:
        raise ExtractError("the page holds no article text")
    return assemble(meta.title, blocks, points, meta, clutter_patterns)


_POST_RE = re.compile(r"post|update|entry|event|live", re.IGNORECASE)


def live_posts(root: Any) -> list[tuple[str, str]]:
    """A live blog's posts as blocks: each post's time and heading, then its paragraphs.

    Why not trafilatura: on live blogs it keeps the first post's heading and drops the others
    (and every post's time), so a reader can no longer tell where one update ends. A live blog
    is recognised by two or more sibling posts (class or id naming a post, update or entry),
    each holding a ``<time>`` and a paragraph.
    """
    by_parent: dict[Any, list[Any]] = {}
    for el in root.iter("div", "article", "section", "li"):
        marks = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not _POST_RE.search(marks) or el.find(".//time") is None or el.find(".//p") is None:
            continue
        if any(a.tag in SKIP_TAGS for a in el.iterancestors()):
            continue
        by_parent.setdefault(el.getparent(), []).append(el)
    posts = max(by_parent.values(), key=len, default=[])
    if len(posts) < 2:
        return []
    blocks: list[tuple[str, str]] = []
    for post in posts:
        when = clean_text(post.find(".//time").text_content())
        head = next(iter(post.iter("h2", "h3", "h4", "h5")), None)
        heading = clean_text(head.text_content()) if head is not None else ""
        title = " · ".join(x for x in (when, heading) if x)
        if title:
            blocks.append(("h", title))
        for p in post.iter("p", "li", "blockquote"):
            if p.tag == "p" and any(a.tag in ("li", "blockquote") for a in p.iterancestors()):
                continue
            text = clean_text(p.text_content())
            if text:
                blocks.append(("p", text))
    return blocks


def _trafilatura_blocks(root: Any, url: str) -> list[tuple[str, str]]:
    """(kind, text) blocks of the main text: kind "h" for a subheading, "p" otherwise."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import trafilatura

        try:
            doc = trafilatura.bare_extraction(
                root,
                url=url or None,
                fast=True,
                include_comments=False,
                include_tables=False,
                with_metadata=False,
            )
        except Exception:  # noqa: BLE001 - a page trafilatura chokes on has no text for us
            return []
    body = getattr(doc, "body", None) if doc is not None else None
    if body is None:
        return []
    blocks: list[tuple[str, str]] = []
    for el in body:
        tag = el.tag
        if tag == "head":
            blocks.append(("h", _flat(el)))
        elif tag == "list":
            blocks.extend(("p", _flat(item)) for item in el.findall("item"))
        else:
            blocks.append(("p", _flat(el)))
    return [(k, t) for k, t in blocks if t]


def _flat(el: Any) -> str:
    """An element's text with ``<lb/>`` as a line break and spaces folded on each line."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag == "lb":
                parts.append("\n")
            elif child.tag not in ("list",) or node is el:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return clean_text("".join(parts))


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def assemble(
    title: str,
    blocks: Sequence[tuple[str, str]],
    points: Sequence[str],
    meta: PageMeta | None = None,
    clutter_patterns: Sequence[str] | None = None,
) -> PageText:
    """Blocks of text to lead, key points and sections; furniture moved to ``clutter``.

    Used for pages and for a feed's own HTML content alike, so both read the same way.
    """
    cm = matcher(clutter_patterns)
    point_keys = {_fold(p) for p in points}
    title_key = _fold(title)
    kept: list[tuple[str, str]] = []
    clutter: list[str] = []
    for kind, text in blocks:
        key = _fold(text)
        if not key:
            continue
        if key in point_keys or (not kept and key == title_key):
            continue  # shown as key points / as the title already
        if KEY_POINT_LABEL_RE.fullmatch(text) and points:
            continue
        if cm.is_widget(text) or (not kept and cm.is_leading(text)):
            clutter.append(text)
            continue
        kept.append((kind, text))
    # trailing furniture: cookie notes, copyright, "subscribe to continue reading"
    while kept and (cm.is_trailing(kept[-1][1]) or _PAYWALL_RE.fullmatch(kept[-1][1])):
        clutter.insert(len(clutter), kept.pop()[1])
    # paywall lines anywhere (a teaser's "log in to keep reading" sits mid-page too)
    still: list[tuple[str, str]] = []
    for kind, text in kept:
        if len(text) < 200 and _PAYWALL_RE.fullmatch(text):
            clutter.append(text)
        else:
            still.append((kind, text))
    kept = still
    lead = ""
    sections: list[Section] = []
    section: Section | None = None
    for kind, text in kept:
        if kind == "h":
            section = Section(" ".join(text.split()))
            sections.append(section)
            continue
        if not lead and not sections:
            lead = text
            continue
        if section is None:
            section = Section("")
            sections.append(section)
        section.paragraphs.append(text)
    sections = [s for s in sections if s.paragraphs or s.heading]
    while sections and not sections[-1].paragraphs:
        clutter.append(sections.pop().heading)  # a heading with nothing under it: furniture
    return PageText(
        title=" ".join(title.split()),
        lead=lead,
        key_points=list(points),
        sections=sections,
        clutter=clutter,
        meta=meta or PageMeta(),
    )
