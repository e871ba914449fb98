"""Scraped article files to ``Article`` records.

The file format (every part after the title optional, any combination may be missing)::

    <title>
    Category
    <category>
    Publication date
    <date in any common form, or an empty line>

    <title repeated>
    <tag / photo-caption lines>
    Source: <source name>

    <lead paragraph>

    Points of attention            (or Key points / Key takeaways / Highlights)

      • <key point>

    <subheading>

    <paragraphs...>

    <page clutter>

Design rules, because the library and the figure diff depend on them:

* **Nothing is lost.** Every non-blank line of the normalised text lands in exactly one field
  (title, category, published_raw, tags, source, lead, key_points, a section heading or
  paragraph, clutter), or is pure structure: the block labels in ``CATEGORY_LABELS``,
  ``DATE_LABELS``, ``KEY_POINT_HEADINGS``, an empty ``Source:`` line, and the repeated title.
  Lines of one paragraph (or a wrapped bullet) are joined with ``\\n``, never re-flowed, and the
  field keeps the line's text apart from the bullet mark or the ``Source:`` label.
* **Never invent.** A date that cannot be read definitely gives ``published=""`` and
  ``published_raw`` keeps the text.
* **Fast.** One pass over the lines with pre-compiled regexes; no dateutil, no strptime. The
  budget is ~100 µs for a 400-word article (``bench/bench_parse.py`` measures it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from store.clutter import matcher
from store.dates import parse_date
from store.model import Article, Section
from store.text import normalise_lines

MAX_BYTES = 5 * 1024 * 1024
WRAP_WIDTH = 120  # hard-wrapped text never has longer lines; scraped paragraphs usually do

CATEGORY_LABELS = frozenset({"category", "категорія", "категория", "рубрика"})
DATE_LABELS = frozenset(
    {
        "publication date",
        "published",
        "date",
        "date published",
        "дата публікації",
        "дата публикации",
    }
)
KEY_POINT_HEADINGS = frozenset(
    {
        "points of attention",
        "key points",
        "key takeaways",
        "highlights",
        "main points",
        "головне",
        "главное",
    }
)

_SOURCE_RE = re.compile(r"(?:source|sources|джерело|источник)\s*:\s*(.*)", re.IGNORECASE)
_BULLET_RE = re.compile(r"(?:[•●◦▪▫‣⁃·■□►▶✓✔]\s*|[-*–—]\s+)(?=\S)")
_END_PUNCT = frozenset(".,;:!…")
_CLOSERS = frozenset("\"'”’»)]")


class ParseError(ValueError):
    """An article file that cannot be read; ``reason`` is one sentence for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def label_kind(line: str) -> str | None:
    """ "category", "date" or "key_points" when ``line`` is one of the block labels, else None.

    A trailing colon is allowed ("Key points:"). Used by the tests to account for structure.
    """
    if len(line) > 24:
        return None
    key = line.rstrip(":").rstrip().casefold()
    if key in CATEGORY_LABELS:
        return "category"
    if key in DATE_LABELS:
        return "date"
    if key in KEY_POINT_HEADINGS:
        return "key_points"
    return None


def inline_label(line: str) -> tuple[str, str] | None:
    """("category" | "date", value) for a one-line header field such as "Category: World"."""
    head, sep, value = line.partition(":")
    if not sep or len(head) > 20:
        return None
    kind = label_kind(head)
    value = value.strip()
    if kind in ("category", "date") and value:
        return kind, value
    return None


def source_of(line: str) -> str | None:
    """The source name if ``line`` is a ``Source:`` line ("" when it names none), else None."""
    m = _SOURCE_RE.fullmatch(line)
    return m.group(1).strip() if m else None


def strip_bullet(line: str) -> str | None:
    """The text after a list bullet (• - * – and friends), or None if ``line`` is no bullet."""
    m = _BULLET_RE.match(line)
    return line[m.end() :] if m else None


# ---- decoding -------------------------------------------------------------------------------

_BINARYISH_RE = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffd]")
# Bytes that never occur in text: C0 controls other than \t \n \v \f \r and ESC, and DEL.
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 27), *range(28, 32), 127])
_OTHER_CONTROLS = (b"\t", b"\x0b", b"\x0c", b"\x1b")  # the rest of ASCII's but \n, \r


def decode(data: bytes) -> str:
    """File bytes to text: UTF-8 (BOM optional), UTF-16 with a BOM, else Windows-1251.

    Raises ``ParseError`` for empty, oversized, binary or undecodable input. The size check
    comes first so a huge file is never decoded.
    """
    return _decode(data)[0]


def _decode(data: bytes) -> tuple[str, bool]:
    """``decode``, and whether the text holds no ASCII control but line breaks (``ascii_clean``
    of ``normalise_lines``), read off the bytes: UTF-8 and Windows-1251 write ASCII as the same
    single bytes and nothing else below 0x80 (UTF-16 is not checked)."""
    if not data:
        raise ParseError("the file is empty")
    if len(data) > MAX_BYTES:
        raise ParseError(f"the file is {len(data) / 1048576:.1f} MB, over the 5 MB limit")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ParseError("the file starts like UTF-16 text but is not valid UTF-16") from None
    else:
        if b"\x00" in data:
            raise ParseError("the file is binary, not text (it contains NUL bytes)")
        if data[:3] == b"\xef\xbb\xbf":
            try:
                text = data[3:].decode("utf-8")
            except UnicodeDecodeError:
                raise ParseError(
                    "the file has a UTF-8 byte-order mark but is not valid UTF-8"
                ) from None
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = data.decode("cp1251")
                except UnicodeDecodeError:
                    raise ParseError(
                        "the file is neither UTF-8 nor Windows-1251 text (undecodable bytes)"
                    ) from None
    if text[:1] == "\ufeff":
        text = text[1:]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        odd, clean = len(_BINARYISH_RE.findall(text)), False
    else:  # counting bytes runs at C speed; a regex over the text would cost ~10 µs
        odd = len(data) - len(data.translate(None, _CONTROL_BYTES))
        clean = not odd and not any(c in data for c in _OTHER_CONTROLS)
    if odd * 20 > len(text):  # more than 5% control characters: not prose
        raise ParseError("the file is binary, not text (too many control characters)")
    return text, clean


# ---- parsing --------------------------------------------------------------------------------


def parse_bytes(data: bytes, *, clutter_patterns: Sequence[str] | None = None) -> Article:
    """Parse one article file's bytes; raises ``ParseError`` with a one-sentence reason."""
    text, ascii_clean = _decode(data)
    return _parse(text, clutter_patterns, ascii_clean)


def parse_text(text: str, *, clutter_patterns: Sequence[str] | None = None) -> Article:
    """Parse an article already decoded to text (``raw`` keeps ``text`` verbatim)."""
    if not text:
        raise ParseError("the file is empty")
    if len(text) > MAX_BYTES:
        raise ParseError("the text is over the 5 MB limit")
    if "\x00" in text:
        raise ParseError("the file is binary, not text (it contains NUL characters)")
    return _parse(text, clutter_patterns)


def _is_heading(block: list[str]) -> bool:
    """A subheading: one short line standing alone, no final punctuation, not a list item."""
    if len(block) != 1:
        return False
    line = block[0]
    if len(line) > 120 or line[0].islower() or _BULLET_RE.match(line):
        return False
    last = line[-1]
    if last in _CLOSERS and len(line) > 1:
        last = line[-2]
    if last in _END_PUNCT:
        return False
    return line.count(" ") < 16


def _is_sentence(line: str) -> bool:
    """Prose rather than a tag or caption: ends like a sentence and has a few words."""
    last = line[-1]
    if last in _CLOSERS and len(line) > 1:
        last = line[-2]
    return last in ".!?…" and line.count(" ") >= 3


def _is_tag(line: str) -> bool:
    """A tag / caption line when there is no Source line to mark where they end."""
    return (
        len(line) <= 80
        and line[-1] not in _END_PUNCT
        and line[-1] != "?"
        and line.count(" ") < 8
        and label_kind(line) is None
        and not _BULLET_RE.match(line)
    )


def _take_key_points(blocks: list[list[str]], b: int, *, plain: bool) -> tuple[list[str], int]:
    """Key points under the heading that opens ``blocks[b]``; ([], b) when there are none.

    Bullet mode: bullets (blank lines between allowed), an unbulleted line right after a bullet
    continues it. Plain mode (``plain``): a block of two or more unbulleted lines, one point
    each, for sites that drop the bullet glyphs.
    """
    rest = blocks[b][1:]
    nxt = b + 1
    if not rest:
        if nxt >= len(blocks):
            return [], b
        rest = blocks[nxt]
        nxt += 1
    points: list[str] = []
    if strip_bullet(rest[0]) is not None:
        chunk: list[str] | None = rest
        while chunk is not None:
            for line in chunk:
                text = strip_bullet(line)
                if text is not None:
                    points.append(text)
                else:
                    points[-1] += "\n" + line
            if nxt < len(blocks) and strip_bullet(blocks[nxt][0]) is not None:
                chunk = blocks[nxt]
                nxt += 1
            else:
                chunk = None
        return points, nxt
    if plain and len(rest) >= 2:
        return list(rest), nxt
    return [], b


def _parse(text: str, clutter_patterns: Sequence[str] | None, ascii_clean: bool = False) -> Article:
    cm = matcher(clutter_patterns)
    lines = normalise_lines(text, ascii_clean)
    n = len(lines)
    clutter: list[tuple[int, str]] = []

    # Title: the first non-blank line that is not page furniture.
    i = 0
    while i < n:
        line = lines[i]
        if line:
            if not cm.is_leading(line):
                break
            clutter.append((i, line))
        i += 1
    if i >= n:
        if clutter:
            raise ParseError("the file has no title, only page clutter")
        raise ParseError("the file is empty (it holds only blank lines or invisible characters)")
    title = lines[i]
    if label_kind(title) in ("category", "date") or source_of(title) is not None:
        raise ParseError(f'the file has no title (its first line is the label "{title[:40]}")')
    title_key = title.casefold()
    i += 1

    def next_filled(k: int) -> int:
        while k < n and not lines[k]:
            k += 1
        return k

    # "Category" / "Publication date" blocks, in either order, each at most once; the one-line
    # forms "Category: World" and "Publication date: 3 March 2025" are read too.
    category = published_raw = ""
    seen: set[str] = set()
    while True:
        j = next_filled(i)
        if j >= n:
            break
        kind = label_kind(lines[j])
        inline = None if kind else inline_label(lines[j])
        if inline:
            kind = inline[0]
        if kind not in ("category", "date") or kind in seen:
            break
        seen.add(kind)
        i = j + 1
        if inline:
            value = inline[1]
        else:
            value = lines[i] if i < n else ""
            if (
                value
                and label_kind(value) is None
                and value.casefold() != title_key
                and source_of(value) is None
            ):
                i += 1
            elif not value and kind == "date":
                # An empty date line, or a blank before the date: only a definite date is taken.
                k = next_filled(i)
                value = ""
                if k < n and lines[k].casefold() != title_key and parse_date(lines[k]):
                    value = lines[k]
                    i = k + 1
            else:
                value = ""
        if kind == "category":
            category = value
        else:
            published_raw = value

    # The repeated title.
    j = next_filled(i)
    repeated = j < n and lines[j].casefold() == title_key
    if repeated:
        i = j + 1

    # Tags / captions and the Source line.
    tags: list[str] = []
    source = ""
    src_idx = -1
    k, seen_lines = i, 0
    while k < n and seen_lines < 12:
        line = lines[k]
        if line:
            if source_of(line) is not None:
                src_idx = k
                break
            if len(line) > 200 or label_kind(line) == "key_points" or _is_sentence(line):
                break
            seen_lines += 1
        k += 1
    if src_idx >= 0:
        for k in range(i, src_idx):
            line = lines[k]
            if line:
                if cm.is_widget(line):
                    clutter.append((k, line))
                else:
                    tags.append(line)
        source = source_of(lines[src_idx]) or ""
        i = src_idx + 1
    elif repeated:
        while True:
            j = next_filled(i)
            if j >= n:
                break
            line = lines[j]
            if cm.is_widget(line):
                clutter.append((j, line))
            elif _is_tag(line) and next_filled(j + 1) < n:
                tags.append(line)
            else:
                break
            i = j + 1

    # Body region: widgets anywhere, then the trailing run of clutter.
    body = lines[i:]
    for k, line in enumerate(body):
        if line and cm.is_widget(line):
            clutter.append((i + k, line))
            body[k] = ""
    k = len(body) - 1
    while k >= 0:
        line = body[k]
        if line:
            if not cm.is_trailing(line):
                break
            clutter.append((i + k, line))
            body[k] = ""
        k -= 1

    # Blocks: runs of non-blank lines. A run holding a line longer than any hard-wrapped text
    # has (WRAP_WIDTH) comes from a page scraped one paragraph per line with no blank lines
    # between: each of its lines is then a block of its own.
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in [*body, ""]:
        if line:
            current.append(line)
        elif current:
            if len(current) > 1 and max(map(len, current)) > WRAP_WIDTH:
                blocks.extend([x] for x in current)
            else:
                blocks.append(current)
            current = []

    # Lead and key points (key points may come before or after the lead).
    lead = ""
    key_points: list[str] = []
    b = 0
    nb = len(blocks)

    def heading_at(x: int) -> bool:
        return x + 1 < nb and _is_heading(blocks[x]) and not _is_heading(blocks[x + 1])

    def key_points_at(x: int, plain: bool) -> int:
        nonlocal key_points
        if x < nb and label_kind(blocks[x][0]) == "key_points":
            points, after = _take_key_points(blocks, x, plain=plain)
            if points:
                key_points = points
                return after
        return x

    b = key_points_at(b, plain=True)
    if b < nb and not heading_at(b) and label_kind(blocks[b][0]) != "key_points":
        lead = "\n".join(blocks[b])
        b += 1
    if not key_points:
        b = key_points_at(b, plain=True)

    # Sections: a subheading starts a new one; a stray key-point list is still key points.
    sections: list[Section] = []
    section: Section | None = None
    while b < nb:
        if not key_points:
            after = key_points_at(b, plain=False)
            if after != b:
                b = after
                continue
        if heading_at(b):
            section = Section(blocks[b][0])
            sections.append(section)
        else:
            if section is None:
                section = Section("")
                sections.append(section)
            section.paragraphs.append("\n".join(blocks[b]))
        b += 1

    # A "Source: X" line closing the article names the source when the header did not.
    if not source and sections and sections[-1].paragraphs:
        last = sections[-1].paragraphs[-1]
        name = source_of(last) if "\n" not in last else None
        if name:
            source = name
            sections[-1].paragraphs.pop()
            if not sections[-1].paragraphs and not sections[-1].heading:
                sections.pop()

    clutter.sort()
    return Article(
        title=title,
        category=category,
        published=parse_date(published_raw) if published_raw else "",
        published_raw=published_raw,
        source=source,
        tags=tags,
        key_points=key_points,
        lead=lead,
        sections=sections,
        clutter=[line for _, line in clutter],
        raw=text,
    )
