"""Page extraction on the hand-written fixture pages: text against gold, key points, clutter."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from fetch_support import gold, page

from store.fetch.article import EntryInfo, FeedInfo, build_article, render_raw
from store.fetch.discover import feed_links
from store.fetch.extract import extract_page
from store.fetch.feedparse import FeedError, parse_feed
from store.fetch.htmltext import ExtractError, html_blocks
from store.library import stored_body


def body_f1(got: str, want: str) -> float:
    """Bag-of-words F1 (the measure article-extraction benchmarks use)."""
    a = Counter(re.findall(r"\w+", got.casefold()))
    b = Counter(re.findall(r"\w+", want.casefold()))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


@pytest.mark.parametrize("name", ["harbour", "paywall", "liveblog", "amp"])
def test_fixture_pages_read_like_their_gold_text(name: str) -> None:
    text = extract_page(page(name), f"https://example.test/{name}")
    entry = EntryInfo(url=f"https://example.test/{name}")
    article, used_feed = build_article(entry, FeedInfo(), text)
    assert article is not None and not used_feed
    assert body_f1(stored_body(article), gold(name)) >= 0.95


def test_key_points_from_a_labelled_box_a_summary_heading_and_a_top_list() -> None:
    from fetch_support import quake_page

    harbour = extract_page(page("harbour"))
    assert len(harbour.key_points) == 3 and harbour.key_points[1].startswith("About 140")
    assert "Key points" not in stored_body_of(harbour)
    live = extract_page(page("liveblog"))
    assert live.key_points[0].startswith("Water levels on the river reached 5.8 metres")
    quake = extract_page(quake_page("2,719", "4,521"))
    assert quake.key_points[0] == "2,719 people have died, the military government says."
    assert "people have died, the military" not in stored_body_of(quake)
    assert extract_page(page("amp")).key_points == []


def stored_body_of(text: object) -> str:
    parts = [text.lead]  # type: ignore[attr-defined]
    for s in text.sections:  # type: ignore[attr-defined]
        parts += [s.heading, *s.paragraphs]
    return "\n".join(parts)


def test_furniture_goes_to_clutter_and_nothing_is_lost() -> None:
    paywall = extract_page(page("paywall"))
    assert "Subscribe to continue reading this article." in paywall.clutter
    assert "Already a subscriber? Log in to keep reading." in paywall.clutter
    body = stored_body_of(paywall)
    assert "Subscribe" not in body and "subscriber" not in body
    harbour = extract_page(page("harbour"))
    assert "cookie" not in stored_body_of(harbour).lower()
    assert harbour.meta.published == "2025-03-04T08:15" and harbour.meta.tags == ["Ports", "Labour"]


def test_a_paywall_teaser_shorter_than_the_feed_text_uses_the_feed() -> None:
    teaser = extract_page(page("paywall"))
    full = "".join(
        f"<p>Paragraph {i} of the full story as the feed carries it, word for word.</p>"
        for i in range(8)
    )
    entry = EntryInfo(url="https://example.test/p", title="Planes", content_html=full)
    article, used_feed = build_article(entry, FeedInfo(name="Ledger feed"), teaser)
    assert used_feed and article is not None
    assert article.lead.startswith("Paragraph 0") and article.title == "Planes"
    assert article.raw == render_raw(article) and article.url == "https://example.test/p"


def test_pages_without_article_text_are_refused_in_one_sentence() -> None:
    with pytest.raises(ExtractError, match="empty"):
        extract_page(b"   ")
    with pytest.raises(ExtractError):
        extract_page(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")


def test_html_in_descriptions_becomes_plain_blocks() -> None:
    html = "<p>First <b>bold</b> line<br>second line</p><ul><li>one</li><li>two</li></ul>tail"
    assert html_blocks(html) == ["First bold line\nsecond line", "one", "two", "tail"]
    assert html_blocks("no markup at all\n\nsecond") == ["no markup at all", "second"]
    assert html_blocks("<p>[b]x[/b] <script>alert(1)</script>y</p>") == ["[b]x[/b] y"]


def test_feed_links_are_found_in_the_page_head() -> None:
    links = feed_links(page("harbour"), "https://courier.example/business/harbour-cranes")
    assert [(f.url, f.title) for f in links] == [
        ("https://courier.example/feeds/business.xml", "Coastline Courier: Business")
    ]
    assert feed_links(page("paywall"), "https://ledger.example/") == []


def test_feedparse_without_dates_and_not_a_feed() -> None:
    data = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
    <item><title>Undated &amp; fine</title><link>/rel/1</link></item></channel></rss>"""
    doc = parse_feed(data, "https://feeds.example/news/rss")
    assert doc.entries[0].url == "https://feeds.example/rel/1"
    assert (doc.entries[0].title, doc.entries[0].published) == ("Undated & fine", "")
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed(b"just some text, no markup", "https://feeds.example/x")
