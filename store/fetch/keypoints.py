"""A page's key points: its own summary box or the bullet list above the article's body.

Read from the page with lxml before trafilatura sees it: a box headed "Key points",
"Highlights", "Summary", "Key takeaways" (or marked so by class, id or aria-label), else a short
list of sentences standing above the first real paragraph.
"""

from __future__ import annotations

import re
from typing import Any

from store.fetch.htmltext import SKIP_TAGS, clean_text

KEY_POINT_LABEL_RE = re.compile(
    r"(?:key (?:points|facts|takeaways)|highlights|summary|at a glance|in brief|in short"
    r"|what we know(?: so far)?|main points|the essentials|головне|главное)\s*:?",
    re.IGNORECASE,
)
_KEY_BOX_RE = re.compile(
    r"key-?points|keypoints|highlights|takeaways|summary-list|at-a-glance", re.I
)


def key_points(root: Any) -> list[str]:
    """The page's own summary: a labelled box, else a bullet list above the first paragraph."""
    return _labelled_box(root) or _top_list(root)


def _items(container: Any) -> list[str]:
    items = [clean_text(li.text_content()) for li in container.iter("li")]
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
        if any(a.tag in SKIP_TAGS for a in el.iterancestors()):
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
