"""A web page (HTML bytes) to the parts of an ``Article``: text, key points, metadata.

The reading text comes from trafilatura in its fast mode: on a public 181-page benchmark it
scored ~0.96 body F1 at 11-16 ms a page, ahead of readability, newspaper and goose
(FIELD-NOTES). What trafilatura does not give, news readers need, so it is read here from the
page itself with lxml, before trafilatura sees it:

* **key points**: a summary list at the top of the article, or a box headed "Key points",
  "Highlights", "Summary", "Key takeaways" (and its items are then left out of the body);
* **metadata** from the tags sites publish for link previews (``og:site_name``,
  ``article:published_time``, ``<time datetime>``), because trafilatura's own date guessing
  searches the whole page and is both slow and prone to picking up unrelated dates.

Page furniture that slips through (cookie banners, "subscribe to continue" under a paywall
teaser, share rows) is moved to ``clutter`` with the same rules as imported files: nothing is
thrown away, and a user's own clutter patterns apply here too.
"""

from __future__ import annotations

import codecs
import logging
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from store.clutter import matcher
from store.model import Section

KEY_POINT_LABEL_RE = re.compile(
    r"(?:key (?:points|facts|takeaways)|highlights|summary|at a glance|in brief|in short"
    r"|what we know(?: so far)?|main points|the essentials|головне|главное)\s*:?",
    re.IGNORECASE,
)
_KEY_BOX_RE = re.compile(
    r"key-?points|keypoints|highlights|takeaways|summary-list|at-a-glance", re.I
)
_PAYWALL_RE = re.compile(
    r"(?:(?:subscribe|sign in|log in|register|become a (?:member|subscriber))\b.{0,40}"
    r"\b(?:continue|keep|read|full (?:article|story)|unlock)\b"
    r"|.{0,80}\b(?:for|exclusive to) (?:subscribers|members|premium)\b(?: only)?"
    r"|already a (?:subscriber|member)\??.{0,80}"
    r"|this (?:article|story|content) is (?:for|reserved for|available to) (?:subscribers|members)"
    r"|you have reached (?:your|the) (?:limit|free article).{0,120}).{0,120}",
    re.IGNORECASE,
)
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_SPACE_RE = re.compile(r"[^\S\n]+")
MIN_WORDS = 8  # less than this is a menu or a button row that slipped through, not an article
_SKIP_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "menu", "script", "style"})


class ExtractError(Exception):
    """A page with no readable article; ``str()`` is one sentence without a final period."""


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


def html_tree(data: bytes, charset: str = "") -> Any:
    """Parse HTML bytes with lxml in the right encoding; ``ExtractError`` when there is none.

    The encoding: valid UTF-8 wins over a declared single-byte charset (sites often declare
    ISO-8859-1 and send UTF-8), then the HTTP charset, then ``<meta charset>``, then
    Windows-1252 (a superset of Latin-1 that decodes any byte).
    """
    import lxml.html

    if not data.strip():
        raise ExtractError("the page is empty")
    declared = charset or _meta_charset(data)
    encoding = _usable(declared)
    if encoding is None or encoding in ("iso8859-1", "cp1252", "ascii"):
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = encoding or "cp1252"
    parser = lxml.html.HTMLParser(encoding=encoding, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except Exception:  # noqa: BLE001 - lxml raises several types for unreadable input
        raise ExtractError("the page cannot be read as HTML") from None
    if root is None:
        raise ExtractError("the page cannot be read as HTML")
    return root


def _meta_charset(data: bytes) -> str:
    m = _META_CHARSET_RE.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else ""


def _usable(name: str) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def html_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed description), blocks separated by blank lines."""
    return "\n\n".join(html_blocks(fragment))


def html_blocks(fragment: str) -> list[str]:
    """An HTML fragment as text blocks: paragraphs, list items and headings, in order."""
    import lxml.html

    if not fragment or not fragment.strip():
        return []
    if "<" not in fragment:
        return [p for p in (_clean(x) for x in re.split(r"\n\s*\n", fragment)) if p]
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - a broken fragment is kept as plain text
        return [_clean(re.sub(r"<[^>]*>", " ", fragment))]
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    blocks: list[str] = []
    _collect_blocks(root, blocks)
    return [b for b in blocks if b]


_BLOCK_TAGS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "div", "section", "ul"}
)


def _collect_blocks(el: Any, blocks: list[str]) -> None:
    """Walk ``el``: inline text gathers into the current block, block tags start new ones."""
    current: list[str] = [el.text or ""]
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCK_TAGS or tag == "ol":
            blocks.append(_clean("".join(current)))
            current = []
            _collect_blocks(child, blocks)
        elif tag == "br":
            current.append("\n")
        else:
            current.append(child.text_content() if tag else "")
        current.append(child.tail or "")
    blocks.append(_clean("".join(current)))


def _clean(text: str) -> str:
    lines = (_SPACE_RE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


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
        title = _clean(h1.text_content()) if h1 is not None else ""
    if not title:
        t = root.find(".//title")
        title = _clean(t.text_content()) if t is not None else ""
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


# ---- key points -----------------------------------------------------------------------------


def key_points(root: Any) -> list[str]:
    """The page's own summary: a labelled box, else a bullet list above the first paragraph."""
    return _labelled_box(root) or _top_list(root)


def _items(container: Any) -> list[str]:
    items = [_clean(li.text_content()) for li in container.iter("li")]
    return [i for i in items if i]


def _labelled_box(root: Any) -> list[str]:
    # A list marked by class, id or aria-label ("key-points", "highlights"...).
    for el in root.iter("ul", "ol", "div", "section", "aside"):
        marks = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("aria-label"))))
        if marks and _KEY_BOX_RE.search(marks):
            items = _items(el)
            if 1 <= len(items) <= 12:
                return items
    # A list right after a heading or bold line that says "Key points", "Highlights"...
    for el in root.iter("h2", "h3", "h4", "h5", "h6", "strong", "b", "p", "span", "div"):
        text = el.text_content().strip()
        if len(text) > 40 or not KEY_POINT_LABEL_RE.fullmatch(text):
            continue
        node = el
        for _ in range(3):  # the label may sit inside a <header> or <p> next to the list
            sibling = node.getnext()
            while sibling is not None and not isinstance(sibling.tag, str):
                sibling = sibling.getnext()
            if sibling is not None:
                if sibling.tag in ("ul", "ol"):
                    items = _items(sibling)
                    if items:
                        return items
                break
            node = node.getparent()
            if node is None:
                break
        parent = el.getparent()
        if parent is not None:
            lists = [x for x in parent.iter("ul", "ol") if x is not el]
            if lists:
                items = _items(lists[0])
                if items:
                    return items
    return []


def _top_list(root: Any) -> list[str]:
    """A list of 2-7 sentence-like items standing above the article's first real paragraph."""
    scope = root.find(".//article")
    if scope is None:
        scope = root.find(".//main")
    if scope is None:
        return []
    for el in scope.iter("ul", "ol", "p"):
        if any(a.tag in _SKIP_TAGS for a in el.iterancestors()):
            continue
        if el.tag == "p":
            if len(el.text_content().split()) >= 12:
                return []  # the body started: a list after this is part of it
            continue
        items = _items(el)
        if (
            2 <= len(items) <= 7
            and all(len(i.split()) >= 5 for i in items)
            and len(el.findall(".//a")) < len(items)
        ):
            return items
        return []
    return []


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
        if any(a.tag in _SKIP_TAGS for a in el.iterancestors()):
            continue
        by_parent.setdefault(el.getparent(), []).append(el)
    posts = max(by_parent.values(), key=len, default=[])
    if len(posts) < 2:
        return []
    blocks: list[tuple[str, str]] = []
    for post in posts:
        when = _clean(post.find(".//time").text_content())
        head = next(iter(post.iter("h2", "h3", "h4", "h5")), None)
        heading = _clean(head.text_content()) if head is not None else ""
        title = " · ".join(x for x in (when, heading) if x)
        if title:
            blocks.append(("h", title))
        for p in post.iter("p", "li", "blockquote"):
            if p.tag == "p" and any(a.tag in ("li", "blockquote") for a in p.iterancestors()):
                continue
            text = _clean(p.text_content())
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
    return _clean("".join(parts))


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
