"""Parser tests: every format variant from issue 2, bad input, the samples, and properties.

The central property is the no-loss invariant: every non-blank line of the (normalised) input
ends up in exactly one field of the Article, except pure structure (block labels, an empty
``Source:`` line, the repeated title), of which each kind may be consumed at most once.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.clutter import matcher
from store.dates import parse_date
from store.model import Article
from store.parse import (
    MAX_BYTES,
    ParseError,
    inline_label,
    label_kind,
    parse_bytes,
    parse_text,
    source_of,
    strip_bullet,
)
from store.text import normalise_spaces, normalise_text, strip_controls

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "sample_articles"
ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?")

EXAMPLE = """\
Danube barges carry a record grain volume in March
Category
Economy
Publication date
3 March 2025, 09:40

Danube barges carry a record grain volume in March

Reni port
Grain terminals
Source:\u00a0 Port Watch

Barges moved about 2.3 million tonnes of grain along the Danube in March, 12% more than in February.

Points of attention

  • Barges moved about 2.3 million tonnes of grain in March.
  • Volumes rose 12% month on month.

Queues at the Sulina channel

Around 35 vessels waited at the mouth of the channel on Sunday, the harbour master said.

Pilots worked double shifts to clear the queue.

What comes next

Operators expect volumes to ease in April as sea routes reopen.

By staying on the site, you agree to the use of cookies.
You might prefer the English version of this page. Switch?
24196 views
+ \u21ba \u2212 16 px
"""


# ---- the invariant -------------------------------------------------------------------------


def _core(line: str) -> str:
    """A line's content as a field keeps it: bullet marks and a ``Source:`` label removed."""
    while True:
        text = strip_bullet(line)
        if text is None:
            text = source_of(line) or None
        if text is None:
            inline = inline_label(line)
            text = inline[1] if inline else None
        if text is None or text == line:
            return line
        line = text


def _units(article: Article) -> list[str]:
    units = [article.title, article.category, article.published_raw, article.source]
    units += article.tags
    units += article.lead.split("\n")
    for point in article.key_points:
        units += point.split("\n")
    for section in article.sections:
        units.append(section.heading)
        for paragraph in section.paragraphs:
            units += paragraph.split("\n")
    units += article.clutter
    return [u for u in units if u]


def assert_no_loss(text: str, article: Article) -> None:
    """Every non-blank line is in exactly one field; only structure may go missing."""
    expected = Counter(_core(line) for line in normalise_text(text).split("\n") if line)
    got = Counter(_core(unit) for unit in _units(article))
    invented = got - expected
    assert not invented, f"fields hold text that is not a line of the input: {invented}"
    missing = expected - got
    structure: Counter[str] = Counter()
    title_key = _core(article.title).casefold()
    for line, count in missing.items():
        if line.casefold() == title_key:
            structure["repeated title"] += 1
            count -= 1
        if not count:
            continue
        if label_kind(line):
            structure[label_kind(line)] += count
        elif source_of(line) == "":
            structure["empty source"] += count
        else:
            raise AssertionError(f"line lost: {line!r} (x{count})")
    assert all(v == 1 for v in structure.values()), f"structure consumed twice: {structure}"


def parse_checked(text: str, **kw: object) -> Article:
    article = parse_text(text, **kw)
    assert_no_loss(text, article)
    assert article.raw == text
    return article


# ---- the full format -----------------------------------------------------------------------


def test_full_example() -> None:
    a = parse_checked(EXAMPLE)
    assert a.title == "Danube barges carry a record grain volume in March"
    assert a.category == "Economy"
    assert a.published == "2025-03-03T09:40"
    assert a.published_raw == "3 March 2025, 09:40"
    assert a.tags == ["Reni port", "Grain terminals"]
    assert a.source == "Port Watch"
    assert a.lead.startswith("Barges moved about 2.3 million tonnes")
    assert a.key_points == [
        "Barges moved about 2.3 million tonnes of grain in March.",
        "Volumes rose 12% month on month.",
    ]
    assert [s.heading for s in a.sections] == ["Queues at the Sulina channel", "What comes next"]
    assert a.sections[0].paragraphs == [
        "Around 35 vessels waited at the mouth of the channel on Sunday, the harbour master said.",
        "Pilots worked double shifts to clear the queue.",
    ]
    assert a.clutter == [
        "By staying on the site, you agree to the use of cookies.",
        "You might prefer the English version of this page. Switch?",
        "24196 views",
        "+ \u21ba \u2212 16 px",
    ]
    assert "cookies" not in a.body
    assert a.body.startswith("Queues at the Sulina channel\n\nAround 35 vessels")


@pytest.mark.parametrize(
    "heading", ["Points of attention", "Key points", "KEY TAKEAWAYS", "Highlights", "Key points:"]
)
def test_key_point_headings(heading: str) -> None:
    a = parse_checked(EXAMPLE.replace("Points of attention", heading))
    assert len(a.key_points) == 2
    assert heading not in a.body


@pytest.mark.parametrize("bullet", ["\u2022", "-", "*", "\u2013"])
@pytest.mark.parametrize("indent", ["", "  ", "\t", "\u00a0\u00a0"])
def test_bullets_with_any_indentation(bullet: str, indent: str) -> None:
    text = EXAMPLE.replace("  \u2022 ", f"{indent}{bullet} ")
    a = parse_checked(text)
    assert a.key_points[1] == "Volumes rose 12% month on month."


def test_wrapped_bullet_keeps_its_continuation() -> None:
    text = EXAMPLE.replace(
        "  \u2022 Volumes rose 12% month on month.",
        "  \u2022 Volumes rose 12% month on month,\n    the best March on record.",
    )
    a = parse_checked(text)
    assert a.key_points[1] == "Volumes rose 12% month on month,\nthe best March on record."


def test_crlf_and_lone_cr() -> None:
    crlf = parse_checked(EXAMPLE.replace("\n", "\r\n"))
    cr = parse_checked(EXAMPLE.replace("\n", "\r"))
    plain = parse_text(EXAMPLE)
    for a in (crlf, cr):
        assert (a.title, a.source, a.key_points, a.sections, a.clutter) == (
            plain.title,
            plain.source,
            plain.key_points,
            plain.sections,
            plain.clutter,
        )
    assert crlf.raw == EXAMPLE.replace("\n", "\r\n")  # raw stays verbatim


def test_no_break_and_zero_width_spaces() -> None:
    text = EXAMPLE.replace("Category\n", "Cate\u200bgory\u00a0\n").replace(
        "Source:\u00a0 Port Watch", "Source:\u00a0\u00a0Port\u200d Watch\u2060"
    )
    text = text.replace("2.3 million", "2.3\u00a0million").replace("Reni port", "Reni\u202fport")
    a = parse_checked(text)
    assert a.category == "Economy"
    assert a.source == "Port Watch"
    assert a.tags[0] == "Reni port"
    assert "2.3 million" in a.lead


def test_utf8_bom_bytes() -> None:
    a = parse_bytes(b"\xef\xbb\xbf" + EXAMPLE.encode())
    assert a.title == "Danube barges carry a record grain volume in March"
    assert not a.raw.startswith("\ufeff")


def test_utf16_with_bom_is_decoded() -> None:
    a = parse_bytes(EXAMPLE.encode("utf-16"))
    assert a.source == "Port Watch"


CYRILLIC = """\
Порти Дунаю перевантажили рекордний обсяг зерна
Категорія
Економіка
Дата публікації
3 березня 2025, 09:40

Порти Дунаю перевантажили рекордний обсяг зерна

Джерело: Укрінформ

У лютому порти Дунаю відвантажили близько 2,1 млн тонн зерна, на 15% більше, ніж у січні.

Головне

  • Порти відвантажили 2,1 млн тонн зерна.
"""


def test_windows_1251_bytes() -> None:
    data = CYRILLIC.encode("cp1251")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    a = parse_bytes(data)
    assert a.title == "Порти Дунаю перевантажили рекордний обсяг зерна"
    assert a.category == "Економіка"
    assert a.published == "2025-03-03T09:40"
    assert a.source == "Укрінформ"
    assert a.key_points == ["Порти відвантажили 2,1 млн тонн зерна."]
    assert_no_loss(a.raw, a)


def test_cp1251_english_text_with_smart_quotes() -> None:
    text = EXAMPLE.replace("Economy", "\u201cEconomy\u201d").replace("\u21ba \u2212 ", "")
    data = text.encode("cp1251")
    a = parse_bytes(data)
    assert a.category == "\u201cEconomy\u201d"


# ---- missing blocks ------------------------------------------------------------------------


def _without(text: str, *chunks: str) -> str:
    for chunk in chunks:
        assert chunk in text
        text = text.replace(chunk, "", 1)
    return text


def test_missing_category() -> None:
    a = parse_checked(_without(EXAMPLE, "Category\nEconomy\n"))
    assert a.category == ""
    assert a.published == "2025-03-03T09:40"
    assert a.source == "Port Watch"


def test_missing_date_block() -> None:
    a = parse_checked(_without(EXAMPLE, "Publication date\n3 March 2025, 09:40\n"))
    assert (a.published, a.published_raw) == ("", "")
    assert a.category == "Economy"


def test_empty_date_line() -> None:
    a = parse_checked(EXAMPLE.replace("3 March 2025, 09:40\n", "\n"))
    assert (a.published, a.published_raw) == ("", "")
    assert a.tags == ["Reni port", "Grain terminals"]


def test_date_block_before_category() -> None:
    text = EXAMPLE.replace(
        "Category\nEconomy\nPublication date\n3 March 2025, 09:40\n",
        "Publication date\n3 March 2025, 09:40\nCategory\nEconomy\n",
    )
    a = parse_checked(text)
    assert (a.category, a.published) == ("Economy", "2025-03-03T09:40")


def test_one_line_header_fields() -> None:
    text = EXAMPLE.replace(
        "Category\nEconomy\nPublication date\n3 March 2025, 09:40\n",
        "Category: Economy\nPublication date:\u00a0Mar 3, 2025\n",
    )
    a = parse_checked(text)
    assert (a.category, a.published, a.published_raw) == ("Economy", "2025-03-03", "Mar 3, 2025")
    assert a.tags == ["Reni port", "Grain terminals"]


def test_date_label_followed_by_source_line_takes_no_date() -> None:
    a = parse_checked("T\nPublication date\nSource: Wire\n\nLead text here.\n")
    assert (a.published_raw, a.source) == ("", "Wire")


def test_unparseable_date_is_kept_raw_never_invented() -> None:
    a = parse_checked(EXAMPLE.replace("3 March 2025, 09:40", "earlier today"))
    assert a.published == ""
    assert a.published_raw == "earlier today"


def test_no_category_no_date_no_source_no_repeat() -> None:
    text = (
        "Barge queues grow on the Danube\n\n"
        "Around 35 vessels waited at the Sulina channel on Sunday.\n\n"
        "Pilots worked double shifts.\n"
    )
    a = parse_checked(text)
    assert (a.category, a.published, a.source, a.tags) == ("", "", "", [])
    assert a.lead == "Around 35 vessels waited at the Sulina channel on Sunday."
    assert a.sections[0].paragraphs == ["Pilots worked double shifts."]


def test_no_source_line_but_repeated_title_keeps_caption_as_tag() -> None:
    a = parse_checked(_without(EXAMPLE, "Source:\u00a0 Port Watch\n"))
    assert a.source == ""
    assert a.tags == ["Reni port", "Grain terminals"]
    assert a.lead.startswith("Barges moved")


def test_no_repeated_title() -> None:
    a = parse_checked(_without(EXAMPLE, "\nDanube barges carry a record grain volume in March\n"))
    assert a.tags == ["Reni port", "Grain terminals"]
    assert a.source == "Port Watch"


def test_empty_source_line() -> None:
    a = parse_checked(EXAMPLE.replace("Source:\u00a0 Port Watch", "Source:"))
    assert a.source == ""
    assert a.tags == ["Reni port", "Grain terminals"]


def test_no_key_points() -> None:
    text = _without(
        EXAMPLE,
        "Points of attention\n\n"
        "  \u2022 Barges moved about 2.3 million tonnes of grain in March.\n"
        "  \u2022 Volumes rose 12% month on month.\n\n",
    )
    a = parse_checked(text)
    assert a.key_points == []
    assert a.lead.startswith("Barges moved")
    assert a.sections[0].heading == "Queues at the Sulina channel"


def test_key_points_before_lead() -> None:
    text = (
        "Grain exports climb\n\nKey takeaways\n\n- Exports rose 12%.\n- Queues grew.\n\n"
        "Exports climbed 12% in March, the ministry said.\n\nMore text follows here.\n"
    )
    a = parse_checked(text)
    assert a.key_points == ["Exports rose 12%.", "Queues grew."]
    assert a.lead == "Exports climbed 12% in March, the ministry said."


def test_key_point_heading_without_bullets_as_lines() -> None:
    text = "Grain exports climb\n\nLead sentence here.\n\nKey points\nExports rose.\nQueues grew.\n"
    a = parse_checked(text)
    assert a.key_points == ["Exports rose.", "Queues grew."]


def test_highlights_as_ordinary_subheading_stays_in_body() -> None:
    text = (
        "Match report\n\nThe home side won 3-1.\n\nSome opening words.\n\n"
        "Highlights\n\nThe second goal came from a corner in the 70th minute.\n"
    )
    a = parse_checked(text)
    assert a.key_points == []
    assert a.sections[-1].heading == "Highlights"


def test_body_one_long_paragraph() -> None:
    words = " ".join(f"word{i}" for i in range(600)) + "."
    text = (
        f"A title\nCategory\nWar\nPublication date\n2025-02-27\n\nA title\nSource: X\n\n{words}\n"
    )
    a = parse_checked(text)
    assert a.lead == words
    assert a.sections == []
    assert a.published == "2025-02-27"


def test_one_paragraph_after_lead() -> None:
    para = " ".join(["Long sentence about the harbour."] * 80)
    a = parse_checked(f"T\n\nT\nSource: Y\n\nLead here.\n\n{para}\n")
    assert a.sections[0].heading == ""
    assert a.sections[0].paragraphs == [para]


def test_multi_line_paragraphs_are_kept_as_lines() -> None:
    a = parse_checked("T\n\nLine one of the lead\nline two of the lead.\n\nBody a\nbody b.\n")
    assert a.lead == "Line one of the lead\nline two of the lead."
    assert a.sections[0].paragraphs == ["Body a\nbody b."]


def test_scraped_without_blank_lines_one_paragraph_per_line() -> None:
    para = "Around 35 vessels waited at the Sulina channel on Sunday, the harbour master said. " * 2
    text = (
        "Barge queues grow\nCategory\nEconomy\nPublication date\nFeb 27, 2025\n"
        "Barge queues grow\nSource: Port Watch\n"
        f"{para.strip()}\nKey points\n\u2022 Queues grew.\n\u2022 Pilots worked shifts.\n"
        f"Why it matters\n{para.strip()}\nSecond paragraph of the body.\n"
    )
    a = parse_checked(text)
    assert a.lead == para.strip()
    assert a.key_points == ["Queues grew.", "Pilots worked shifts."]
    assert [s.heading for s in a.sections] == ["Why it matters"]
    assert a.sections[0].paragraphs == [para.strip(), "Second paragraph of the body."]


def test_subheading_rules() -> None:
    text = (
        "T\n\nLead.\n\nA heading line\n\nParagraph one.\n\nNot a heading, it ends with a comma,\n\n"
        "Para two.\n\nlowercase start is no heading\n\nPara three.\n\nLast line alone\n"
    )
    a = parse_checked(text)
    assert [s.heading for s in a.sections] == ["A heading line"]
    assert a.sections[0].paragraphs[-1] == "Last line alone"


def test_source_at_the_end_when_header_has_none() -> None:
    a = parse_checked("T\n\nThe lead sentence of the story.\n\nBody.\n\nSource: Wire Desk\n")
    assert a.source == "Wire Desk"
    assert a.sections[0].paragraphs == ["Body."]


# ---- clutter -------------------------------------------------------------------------------


def test_real_sentence_about_cookies_is_kept() -> None:
    text = (
        "Bakery exports rise\n\nLead.\n\n"
        "We agree that cookie exports rose 5% as bakers accepted new orders.\n\n"
        "Exporters said cookies now sell well in Poland.\n"
    )
    a = parse_checked(text)
    assert a.clutter == []
    assert a.sections[0].paragraphs[-1] == "Exporters said cookies now sell well in Poland."


def test_cookie_banner_mid_body_is_kept_but_widgets_are_removed_anywhere() -> None:
    text = (
        "T\n\nLead.\n\nBy staying on the site, you agree to the use of cookies.\n\n"
        "1 204 views\n\nShare Print\n\nRead also: Another headline here\n\nReal last line.\n"
    )
    a = parse_checked(text)
    assert a.clutter == ["1 204 views", "Share Print", "Read also: Another headline here"]
    assert "By staying on the site" in a.body


@pytest.mark.parametrize(
    "last",
    [
        "Copyright disputes over the design have dragged on for years.",
        "Subscribers to the fund will be paid in March.",
        "Sign up numbers for the army rose 20% this year.",
        "Tags on the containers showed they came from Odesa.",
        "Cookies and pastries were handed out, and visitors accepted them gladly.",
    ],
)
def test_real_last_sentences_are_not_trailing_clutter(last: str) -> None:
    a = parse_checked(f"T\n\nLead.\n\nBody.\n\n{last}\n\n24196 views\n")
    assert a.clutter == ["24196 views"]
    assert a.sections[0].paragraphs[-1] == last


@pytest.mark.parametrize(
    "line",
    [
        "\u00a9 2025 Port Watch. All rights reserved.",
        "Copyright 2025 Wire Desk",
        "Subscribe to our Telegram channel",
        "Follow us on X and Facebook",
        "If you find an error, select it and press Ctrl+Enter.",
        "When quoting, a hyperlink to the source is required.",
        "Tags: Danube, grain, ports",
        "We use cookies to personalise content. Read our cookie policy.",
        "This website uses cookies.",
    ],
)
def test_trailing_clutter_lines(line: str) -> None:
    a = parse_checked(f"T\n\nLead.\n\nBody.\n\n{line}\n")
    assert a.clutter == [line]


def test_trailing_clutter_below_a_paragraph_in_the_same_block() -> None:
    a = parse_checked("T\n\nLead.\n\nLast para.\nThis website uses cookies to improve it.\n")
    assert a.sections[0].paragraphs == ["Last para."]
    assert a.clutter == ["This website uses cookies to improve it."]


def test_leading_clutter_before_the_title() -> None:
    a = parse_checked("You might prefer the English version of this page. Switch?\nTitle\n\nL.\n")
    assert a.title == "Title"
    assert a.clutter == ["You might prefer the English version of this page. Switch?"]


def test_widget_line_in_caption_area_goes_to_clutter() -> None:
    a = parse_checked(EXAMPLE.replace("Reni port\n", "Reni port\n812 views\n"))
    assert a.tags == ["Reni port", "Grain terminals"]
    assert a.clutter[0] == "812 views"


def test_user_clutter_patterns() -> None:
    text = "T\n\nLead.\n\nAdvertisement\n\nBody text.\n\nJoin our channel for more news today\n"
    plain = parse_checked(text)
    assert "Advertisement" in plain.clutter  # built in
    assert plain.sections[-1].paragraphs[-1].startswith("Join our channel")
    a = parse_checked(text, clutter_patterns=[r"join our channel", r"Body text\."])
    assert a.clutter == ["Advertisement", "Body text.", "Join our channel for more news today"]


@pytest.mark.parametrize(
    "line",
    [
        "24196 views",
        "Views: 3,411",
        "+ \u21ba \u2212 16 px",
        "\u2212 18px +",
        "Share",
        "Facebook Twitter Telegram",
        "Print version",
        "Read more: Ports reopen after storm",
    ],
)
def test_builtin_widget_lines(line: str) -> None:
    assert matcher().is_widget(line)


@pytest.mark.parametrize(
    "line",
    [
        "Russia fired 24 missiles, officials said.",
        "The plan would switch funding to the English programme.",
        "Shares in the company rose 4%.",
        "Print media lost 16 px... of readers",
        "Subscribers grew.",
    ],
)
def test_builtin_widgets_do_not_eat_sentences(line: str) -> None:
    assert not matcher().is_widget(line)


# ---- controls ------------------------------------------------------------------------------


def test_terminal_escapes_removed_from_fields_but_raw_kept() -> None:
    text = "Ti\x1b[31mtle\x1b]0;pwned\x07\nCategory\nW\x85ar\n\nLead\x07 here.\n"
    a = parse_checked(text)
    assert a.title == "Title"
    assert a.category == "War"
    assert a.lead == "Lead here."
    assert a.raw == text


def test_strip_controls() -> None:
    assert strip_controls("a\x1b[1;31mb\x1b[0mc") == "abc"
    assert strip_controls("x\x1b]8;;http://e.vil\x1b\\link\x1b]8;;\x1b\\y") == "xlinky"
    assert strip_controls("x\x1b]0;title\x07y") == "xy"
    assert strip_controls("keep\ttab\nnewline\x00\x08\x7f\x85\x9f") == "keep\ttab\nnewline"
    # an unterminated OSC does not swallow the following lines
    assert strip_controls("a\x1b]0;never ends\nnext line") == "a0;never ends\nnext line"
    assert strip_controls("plain text") == "plain text"


def test_normalise_spaces() -> None:
    assert normalise_spaces("\u00a0 a\u2009\u2009b\u200b c\t\u3000") == "a b c"
    assert normalise_spaces("3\u202f000 troops") == "3 000 troops"


# ---- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"\n \r\n\t\n", "empty"),
        ("\u200b\u00a0\n\ufeff".encode(), "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 40 + b"some words", "binary"),
        (b"caf\x98 \xff\xfe broken", "undecodable"),
        (b"\xef\xbb\xbfTitle \xff\xfe", "not valid UTF-8"),
        (b"Category\nWorld\n\nText.", "no title"),
        (b"Source: Reuters\n\nText.", "no title"),
        (b"24196 views\n+ \xe2\x86\xba \xe2\x88\x92 16 px\n", "no title"),
    ],
)
def test_bad_input(data: bytes, words: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_bytes(data)
    assert words in info.value.reason
    assert "\n" not in info.value.reason


def test_over_five_megabytes_rejected_before_decoding() -> None:
    data = b"T\n\n" + b"x" * MAX_BYTES
    with pytest.raises(ParseError, match="5 MB"):
        parse_bytes(data)
    assert parse_bytes(b"T\n\n" + b"x" * (MAX_BYTES - 3)).title == "T"


def test_parse_error_is_a_value_error_with_reason() -> None:
    err = ParseError("the file is empty")
    assert isinstance(err, ValueError)
    assert str(err) == err.reason == "the file is empty"


# ---- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("27 February 2025, 14:05", "2025-02-27T14:05"),
        ("27 February 2025 14:05", "2025-02-27T14:05"),
        ("Feb 27, 2025", "2025-02-27"),
        ("Feb. 27, 2025, 2:05 pm", "2025-02-27T14:05"),
        ("February 27, 2025", "2025-02-27"),
        ("27 Feb 2025", "2025-02-27"),
        ("27th of February 2025", "2025-02-27"),
        ("Thursday, 27 February 2025", "2025-02-27"),
        ("Thu, 27 Feb 2025 14:05:09 +0000", "2025-02-27T14:05"),
        ("2025-02-27", "2025-02-27"),
        ("2025-02-27T14:05:33+02:00", "2025-02-27T14:05"),
        ("2025/02/27", "2025-02-27"),
        ("27.02.2025", "2025-02-27"),
        ("27.02.2025 14:05", "2025-02-27T14:05"),
        ("14:05, 27.02.2025", "2025-02-27T14:05"),
        ("13/04/2025", "2025-04-13"),
        ("04/13/2025", "2025-04-13"),
        ("12:30 AM, Feb 3, 2025", "2025-02-03T00:30"),
        ("27 лютого 2025 р.", "2025-02-27"),
        ("27 февраля 2025, 14:05", "2025-02-27T14:05"),
        ("1 Sept 2024", "2024-09-01"),
        ("27 February 2025, 25:70", "2025-02-27"),
        # never invented:
        ("03/04/2025", ""),
        ("31 February 2025", ""),
        ("February 2025", ""),
        ("27 February", ""),
        ("yesterday, 14:05", ""),
        ("2 hours ago", ""),
        ("27 Smarch 2025", ""),
        ("20250227", ""),
        ("", ""),
    ],
)
def test_dates(raw: str, iso: str) -> None:
    assert parse_date(raw) == iso


# ---- samples -------------------------------------------------------------------------------

SAMPLES = sorted(SAMPLES_DIR.glob("*.txt"))


@pytest.mark.parametrize("path", SAMPLES or [None], ids=lambda p: p.name if p else "none")
def test_sample_article(path: Path | None) -> None:
    assert path is not None, f"no sample articles (*.txt) in {SAMPLES_DIR}"
    data = path.read_bytes()
    a = parse_bytes(data)
    assert a.title.strip()
    assert a.published == "" or ISO_RE.fullmatch(a.published), a.published
    lines = normalise_text(a.raw).split("\n")
    if any(source_of(line) for line in lines[:40]):
        assert a.source, "the file has a Source line but no source was parsed"
    assert a.lead or a.sections, "no text parsed"
    assert_no_loss(a.raw, a)


# ---- properties ----------------------------------------------------------------------------

_VOCAB = [
    "Category",
    "Category: War",
    "Date: Feb 27, 2025",
    "category:",
    "Publication date",
    "Published",
    "Key points",
    "Points of attention",
    "HIGHLIGHTS",
    "Source:",
    "Source:\u00a0 Wire",
    "Source: \u2022 Wire",
    "\u2022 a point",
    "  - dash point",
    "* star",
    "\u2013 en dash",
    "\u2022",
    "- ",
    "27 February 2025, 14:05",
    "Feb 27, 2025",
    "A short heading",
    "A sentence that ends here.",
    "24196 views",
    "+ \u21ba \u2212 16 px",
    "By staying on the site, you agree to the use of cookies.",
    "You might prefer the English version of this page. Switch?",
    "Title",
    "title",
    "\x1b[31mred\x1b[0m",
    "\u200b",
    "\u00a0",
    "",
    "",
    "",
]

_line = st.one_of(
    st.sampled_from(_VOCAB),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.text(alphabet="ab .:-\u2022\u00a0\t\r", max_size=12),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_line, max_size=30), st.sampled_from(["\n", "\r\n", "\r"]))
def test_property_structured_lines_never_lose_anything(lines: list[str], eol: str) -> None:
    text = eol.join(lines)
    try:
        article = parse_text(text)
    except ParseError as exc:
        assert exc.reason and "\n" not in exc.reason
        return
    assert_no_loss(text, article)
    assert article.published == "" or ISO_RE.fullmatch(article.published)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_property_arbitrary_text(text: str) -> None:
    try:
        article = parse_text(text)
    except ParseError:
        return
    assert_no_loss(text, article)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_property_arbitrary_bytes_raise_only_parse_error(data: bytes) -> None:
    try:
        article = parse_bytes(data)
    except ParseError:
        return
    assert_no_loss(article.raw, article)


_WORD = st.sampled_from(
    ["grain", "port", "troops", "Kyiv", "said", "2,100", "15%", "about", "more", "the", "on"]
)


def _words(lo: int, hi: int) -> st.SearchStrategy[str]:
    return st.lists(_WORD, min_size=lo, max_size=hi).map(" ".join)


@st.composite
def _articles(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    """A well-formed article with a random choice of optional blocks, and what it holds."""
    title = "Title " + draw(_words(1, 6))
    want: dict[str, object] = {"title": title}
    out = [title]
    if draw(st.booleans()):
        cat = draw(st.sampled_from(["World", "Economy", "War", "Politics"]))
        out += ["Category", cat]
        want["category"] = cat
    if draw(st.booleans()):
        raw, iso = draw(
            st.sampled_from(
                [
                    ("27 February 2025, 14:05", "2025-02-27T14:05"),
                    ("Feb 27, 2025", "2025-02-27"),
                    ("", ""),
                    ("27.02.2025", "2025-02-27"),
                ]
            )
        )
        out += ["Publication date", raw]
        want["published"] = iso
    out.append("")
    repeated = draw(st.booleans())
    if repeated:
        out.append(title)
    tags = draw(st.lists(st.sampled_from(["North Korea", "Izmail port", "Grain"]), max_size=2))
    has_source = draw(st.booleans())
    if has_source or repeated:
        out += tags
        want["tags"] = tags
    if has_source:
        src = draw(st.sampled_from(["Yonhap", "Ukrinform", "Wire Desk"]))
        out.append("Source:" + draw(st.sampled_from([" ", "\u00a0 ", "  "])) + src)
        want["source"] = src
    out.append("")
    lead = draw(_words(4, 30)) + "."
    out += ["Lead " + lead, ""]
    want["lead"] = "Lead " + lead
    points = draw(st.lists(_words(2, 12).map(lambda w: "Point " + w + "."), max_size=4))
    if points:
        heading = draw(st.sampled_from(["Points of attention", "Key points", "Highlights"]))
        bullet = draw(st.sampled_from(["\u2022", "-", "*", "\u2013"]))
        out += [heading, ""] + [f"  {bullet} {p}" for p in points] + [""]
    want["key_points"] = points
    sections = []
    for n in range(draw(st.integers(0, 3))):
        head = (f"Subheading {n} " + draw(_words(0, 4))).strip() if draw(st.booleans()) else ""
        paras = ["Para " + draw(_words(3, 40)) + "." for _ in range(draw(st.integers(1, 3)))]
        if head:
            out += [head, ""]
        for para in paras:
            out += [para, ""]
        sections.append((head, paras))
    want["sections"] = sections
    tail = draw(
        st.lists(
            st.sampled_from(
                [
                    "By staying on the site, you agree to the use of cookies.",
                    "You might prefer the English version of this page. Switch?",
                    "24196 views",
                    "+ \u21ba \u2212 16 px",
                ]
            ),
            max_size=3,
        )
    )
    out += tail
    want["clutter"] = tail
    return draw(st.sampled_from(["\n", "\r\n"])).join(out), want


@settings(max_examples=300, deadline=None)
@given(_articles())
def test_property_well_formed_articles_parse_exactly(case: tuple[str, dict[str, object]]) -> None:
    text, want = case
    a = parse_checked(text)
    assert a.title == want["title"]
    assert a.category == want.get("category", "")
    assert a.published == want.get("published", "")
    assert a.source == want.get("source", "")
    if "tags" in want:
        assert a.tags == want["tags"]
    assert a.lead == want["lead"]
    assert a.key_points == want["key_points"]
    assert a.clutter == want["clutter"]
    got = [(s.heading, s.paragraphs) for s in a.sections]
    expected: list[tuple[str, list[str]]] = []
    for head, paras in want["sections"]:  # type: ignore[attr-defined]
        if head or not expected:
            expected.append((head, list(paras)))
        else:
            expected[-1][1].extend(paras)
    assert got == expected


def test_no_loss_check_catches_a_dropped_line() -> None:
    a = parse_text(EXAMPLE)
    a.tags.pop()
    with pytest.raises(AssertionError, match="line lost"):
        assert_no_loss(EXAMPLE, a)
    b = parse_text(EXAMPLE)
    b.clutter.append(b.clutter[0])
    with pytest.raises(AssertionError, match="not a line of the input"):
        assert_no_loss(EXAMPLE, b)


_ODD_CHARS = "\x00\x07\x1b\x7f\x85\x9b\u00a0\u00ad\u200b\u200d\u202e\u2060\ufeff\u3000\t"


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list(_ODD_CHARS) + list("ab [];0\n\r ")), max_size=80))
def test_property_normalised_lines_are_clean(text: str) -> None:
    lines = normalise_text(text).split("\n")
    assert len(lines) == len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for line in lines:
        assert line == line.strip()
        assert "  " not in line
        # A zero-width joiner between two visible characters stays (emoji sequences need it).
        assert line == "" or line.replace("\u200d", "").isprintable(), repr(line)
        assert not line.startswith("\u200d") and not line.endswith("\u200d"), repr(line)
        assert " \u200d" not in line and "\u200d " not in line, repr(line)
