"""store.related: other reports of the same story come first; own versions never appear."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.library import Library
from store.model import Article, Section
from store.related import (
    COUNT_CAP,
    _distinctive,
    _list_old_versions,
    _match_query,
    _term_counts,
    _words,
    related,
)


def art(title: str, source: str, published: str, points: list[str], body: str) -> Article:
    a = Article(
        title=title,
        source=source,
        published=published,
        key_points=points,
        sections=[Section("", [body])],
    )
    a.raw = f"{title}\n{source}\n{published}\n{points}\n{body}"  # identity = content hash
    return a


DAM = [
    art(
        "Dam breach floods Kherson villages",
        "Reuters",
        "2025-06-06",
        ["About 11,000 people were evacuated near Kherson after the dam breach"],
        "Water rose across the lower Dnipro. About 11,000 people were evacuated.",
    ),
    art(
        "Kherson dam collapse: thousands evacuated from villages",
        "AP",
        "2025-06-07",
        ["12,000 people evacuated from villages below the Kherson dam"],
        "Officials said 12,000 people were evacuated as the water rose.",
    ),
    art(
        "Evacuations continue after Kherson dam breach",
        "Ukrinform",
        "2025-06-09",
        ["Evacuation of flooded villages continues for a third day"],
        "More than 12,000 people have left the flooded area.",
    ),
]
OTHERS = [
    art(
        "Grain exports rise through Danube ports",
        "Reuters",
        "2025-06-06",
        ["Danube ports shipped 2.1 million tonnes of grain"],
        "Ships queued at Izmail. Exports rose 15% on May.",
    ),
    art(
        "Parliament delays budget vote",
        "AP",
        "2025-06-06",
        ["The budget vote was delayed by a week"],
        "Lawmakers argued about defence spending.",
    ),
    art(
        "Village school reopens after repairs",
        "Ukrinform",
        "2025-06-07",
        ["A school in a village near Lviv reopened"],
        "About 300 pupils returned to classes.",
    ),
]


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library.open(tmp_path / "related.db")
    lib.import_articles([(f"a{i}", a) for i, a in enumerate(DAM + OTHERS)])
    yield lib
    lib.close()


def _id(lib: Library, title: str) -> int:
    return next(r.id for r in lib.rows(lib.ids()) if r.title == title)


def test_same_story_comes_first(library: Library) -> None:
    me = _id(library, DAM[0].title)
    hits = related(library.conn, me)
    titles = [h.row.title for h in hits]
    assert set(titles[:2]) == {DAM[1].title, DAM[2].title}
    assert me not in [h.row.id for h in hits]
    assert all(0.0 <= h.score <= 1.0 for h in hits)
    assert hits[0].score >= hits[-1].score
    assert hits[0].days_apart in (1, 3)


def test_own_versions_are_left_out(library: Library) -> None:
    changed = art(
        DAM[0].title,
        "Reuters",
        "2025-06-06",
        DAM[0].key_points,
        "Updated: about 13,000 people were evacuated.",
    )
    summary = library.import_articles([("v2", changed)])
    assert summary.new_versions == 1
    new_id = summary.ids[0]
    ids = [h.row.id for h in related(library.conn, new_id)]
    old_id = next(v.id for v in library.versions(new_id) if v.id != new_id)
    assert old_id not in ids and new_id not in ids
    assert _id(library, DAM[1].title) in ids


def test_unknown_article_gives_nothing(library: Library) -> None:
    assert related(library.conn, 999_999) == []


def test_query_words_are_quoted_so_operators_stay_words(library: Library) -> None:
    query = _match_query(["NOT", 'a"b', "NEAR"])
    assert query == '{title key_points} : ("NOT" OR "a""b" OR "NEAR")'
    # The query is valid FTS5 syntax even with operator words and quotes inside.
    library.conn.execute(
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (query,)
    ).fetchone()


def test_common_words_only_match_in_pairs() -> None:
    counts = {"kharkiv": COUNT_CAP, "drone": COUNT_CAP, "attack": COUNT_CAP, "rare": 5}
    assert _match_query(["kharkiv", "drone", "attack"], counts) == (
        '{title key_points} : (("kharkiv" AND "drone") OR ("kharkiv" AND "attack"))'
    )
    # One rare word is enough: it matches alone and the common ones are left out.
    assert _match_query(["rare", "kharkiv"], counts) == '{title key_points} : ("rare")'


def test_distinctive_words_lead_with_the_title_and_drop_unique(library: Library) -> None:
    title = _words("Kherson villages parliament zzzunique the of 2025")
    points = _words("Evacuation of flooded villages")
    assert "the" not in title and "2025" not in title
    _list_old_versions(library.conn)
    counts = _term_counts(library.conn, title + points)
    assert "zzzunique" not in counts  # in no article at all
    chosen = _distinctive(counts, title, points, 8)
    assert "parliament" not in chosen  # only one article uses it: it would find only itself
    assert chosen[:2] == ["kherson", "villages"] or chosen[:2] == ["villages", "kherson"]
    assert set(chosen) <= set(title) | set(points)


async def test_related_screen_lists_the_story_first_and_opens_in_one_key(tmp_path: Path) -> None:
    from compare_support import QUAKE, build_sample_library, find_id, ids_by_title, wait_for
    from compare_support import wait_ready as ready

    from tui.app import NewsdeskApp
    from tui.app.screens.related import RelatedScreen

    db = build_sample_library(tmp_path / "samples.db")
    titles = ids_by_title(db)
    story = {find_id(titles, prefix) for prefix in QUAKE.values()}
    me = find_id(titles, QUAKE["bbc"])
    app = NewsdeskApp(db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        app.browse.open_article(me)
        await wait_for(pilot, lambda: app.browse.reader.article_id == me, "the reader")
        await pilot.press("r")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, RelatedScreen) and bool(app.screen.hits),
            "related articles",
        )
        hits = app.screen.hits
        assert {h.row.id for h in hits[:3]} == story - {me}
        assert me not in {h.row.id for h in hits}
        await pilot.press("space")  # picks the highlighted one for comparison, stays open
        await pilot.pause()
        assert app.browse.picked == [hits[0].row.id] and isinstance(app.screen, RelatedScreen)
        await pilot.press("1")  # one key press opens the first one
        await wait_for(
            pilot, lambda: app.browse.reader.article_id == hits[0].row.id, "the related article"
        )
        assert not isinstance(app.screen, RelatedScreen)


async def test_related_without_an_article_open_says_so(tmp_path: Path) -> None:
    from compare_support import build_sample_library, wait_for
    from compare_support import wait_ready as ready

    from tui.app import NewsdeskApp

    db = build_sample_library(tmp_path / "samples.db")
    app = NewsdeskApp(db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        app.browse.action_related()
        await wait_for(pilot, lambda: len(app._notifications) > 0, "a notification")
        assert "Open an article" in list(app._notifications)[0].message


def test_one_day_apart_is_singular_and_a_pick_mark_keeps_a_space(library: Library) -> None:
    from tui.app.screens.related import hit_content

    me = _id(library, DAM[0].title)
    hits = {h.days_apart: h for h in related(library.conn, me)}
    assert "1 day apart" in hits[1].reasons and "3 days apart" in hits[3].reasons
    title = hits[1].row.title
    assert hit_content(1, hits[1], picked=True).plain.startswith(f"1* {title}")
    assert hit_content(1, hits[1], picked=False).plain.startswith(f"1  {title}")


def _new_version(lib: Library, original: Article, body: str) -> int:
    """Import a new version of ``original`` (same title and source, another body); its id."""
    changed = art(original.title, original.source, original.published, original.key_points, body)
    summary = lib.import_articles([(f"v-{body}", changed)])
    assert summary.new_versions == 1
    return summary.ids[0]


def _latest(lib: Library) -> set[int]:
    return {r[0] for r in lib.conn.execute("SELECT id FROM articles WHERE is_latest = 1")}


def test_old_versions_take_no_candidate_slot(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An echo of the story (the same headline from another outlet) revised thirty times: its
    old versions match every query word, so they used to fill the candidate slots and were then
    dropped, leaving out the real reports of the story. Slots are few here (as 200 are at
    100,000 articles) so that thirty versions are enough to show it."""
    echo = art(DAM[0].title, "AFP", "2025-06-06", DAM[0].key_points, "Water rose. Version 0.")
    library.import_articles([("echo", echo)])
    for n in range(1, 31):
        _new_version(library, echo, f"Water rose. Version {n}.")
    monkeypatch.setattr("store.related.CANDIDATES", 3)
    hits = related(library.conn, _id(library, DAM[1].title))
    ids = {h.row.id for h in hits}
    assert ids <= _latest(library)
    titles = {h.row.title for h in hits}
    assert {DAM[0].title, DAM[2].title} <= titles  # the echo's latest version shares a title
    assert len(hits) == 3


def test_a_new_version_only_replaces_the_old_one_in_other_lists(library: Library) -> None:
    """Revising one article changes another article's related list by exactly that article's
    row (same place, same score, the new id), because old versions weigh nothing: neither as
    candidates nor in the word counts that decide the query and the weights."""
    me = _id(library, DAM[0].title)
    before = related(library.conn, me)
    old_id = _id(library, DAM[1].title)
    new_id = _new_version(library, DAM[1], "Officials said 12,500 people were evacuated.")
    after = related(library.conn, me)
    assert [h.row.id for h in after] == [new_id if h.row.id == old_id else h.row.id for h in before]
    assert [h.score for h in after] == [h.score for h in before]
    assert [h.reasons for h in after] == [h.reasons for h in before]
    changed = next(h for h in after if h.row.id == new_id)
    assert changed.row.versions == 2


def test_a_version_imported_by_another_connection_is_left_out_at_once(library: Library) -> None:
    """The list of old versions is kept between lookups; an import by another connection (the
    command line while the app is open) must still make the replaced version disappear."""
    me = _id(library, DAM[0].title)
    old_id = _id(library, DAM[1].title)
    assert old_id in {h.row.id for h in related(library.conn, me)}
    other = Library.open(library.path)
    try:
        new_id = _new_version(other, DAM[1], "Officials said 12,700 people were evacuated.")
    finally:
        other.close()
    ids = {h.row.id for h in related(library.conn, me)}
    assert new_id in ids and old_id not in ids


def test_word_counts_kept_between_lookups_are_forgotten_when_the_library_changes(
    library: Library,
) -> None:
    _list_old_versions(library.conn)
    assert _term_counts(library.conn, ["kherson"]) == {"kherson": 3}
    other = Library.open(library.path)
    try:
        more = art("Kherson ferry resumes", "AFP", "2025-06-10", ["The ferry runs"], "It runs.")
        other.import_articles([("ferry", more)])
    finally:
        other.close()
    _list_old_versions(library.conn)
    assert _term_counts(library.conn, ["kherson"]) == {"kherson": 4}
    library.import_articles([("ferry2", art("Kherson bridge", "DPA", "2025-06-11", [], "B."))])
    _list_old_versions(library.conn)
    assert _term_counts(library.conn, ["kherson", "kherson"]) == {"kherson": 5}
