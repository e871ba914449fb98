"""HTML to text for fetching: a page's bytes parsed in the right encoding, a fragment as blocks.

Used for whole pages (``store.fetch.extract``, ``store.fetch.discover``) and for the HTML in
feed entries (``store.fetch.feedparse``, ``store.fetch.article``); ``ExtractError`` is what any
of them raises for a page with no readable article.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_SPACE_RE = re.compile(r"[^\S\n]+")
# Page furniture: lists and posts inside these tags are never taken for the article's.
SKIP_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "menu", "script", "style"})


class ExtractError(Exception):
    """A page with no readable article; ``str()`` is one sentence without a final period."""


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
        return [p for p in (clean_text(x) for x in re.split(r"\n\s*\n", fragment)) if p]
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - a broken fragment is kept as plain text
        return [clean_text(re.sub(r"<[^>]*>", " ", fragment))]
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
            blocks.append(clean_text("".join(current)))
            current = []
            _collect_blocks(child, blocks)
        elif tag == "br":
            current.append("\n")
        else:
            current.append(child.text_content() if tag else "")
        current.append(child.tail or "")
    blocks.append(clean_text("".join(current)))


def clean_text(text: str) -> str:
    """Spaces folded and each line trimmed; empty lines dropped."""
    lines = (_SPACE_RE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
