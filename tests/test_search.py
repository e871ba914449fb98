"""store.search against a real Library: typos, filters, spans, body words, hostile queries."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.library import Library
from store.model import Article, Section
from store.search import Searcher, SearchHit, fold, match_spans, parse_query

INJECTION = "[bold red]x[/] [@click=app.quit]y[/] Budget [/x] vote"


def art(
    title: str,
    *,
    category: str = "World",
    published: str = "2024-05-01",
    source: str = "Reuters",
    tags: list[str] | None = None,
    key_points: list[str] | None = None,
    body: str = "Officials met on Monday to discuss the plan.",
) -> Article:
    raw = f"{title}\n{category}\n{published}\n{source}\n{key_points}\n{body}"
    return Article(
        title=title,
        category=category,
        published=published,
        published_raw=published,
        source=source,
        tags=tags or [],
        key_points=key_points or [],
        lead="",
        sections=[Section("", [body])],
        raw=raw,
    )


ARTICLES = [
    art(
        "Ukraine signs grain deal with Turkey",
        category="Economy",
        published="2024-07-02",
        tags=["grain", "trade"],
    ),
    art(
        "Parliament approves the spending plan",
        category="Politics",
        published="2024-03-10",
        source="Kyiv Independent",
        key_points=["The government will borrow 3 billion", "Opposition walked out"],
    ),
    art(
        "Drone attack on Kyiv overnight",
        category="War",
        published="2024-08-20",
        source="Associated Press",
    ),
    art("Kyiv metro reopens after repairs", category="Society", published="2024-08-21"),
    art(
        "Shelling near Kharkiv",
        category="War",
        published="2023-12-30",
        body="Residents of Kyiv and Kharkiv sheltered as zymurgical plants burned.",
    ),
    art("Talks resume in Geneva", category="World", published="", source="BBC News"),
    art("Wire roundup", category="World", published="", source="Reuters"),
    art(INJECTION, category="Politics", published="2024-09-09", source="Le Monde"),
    art("Snow returns to Kyïv", category="Society", published="2024-01-15", source="Ukrinform"),
    art(
        "Central bank holds rates",
        category="Economy",
        published="2024-06-30",
        source="Bloomberg",
        body="The hryvnia was stable. Analysts expected inflation to ease by autumn.",
    ),
]


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "lib.db"
    lib = Library.open(path)
    summary = lib.import_articles((f"a{i}.txt", a) for i, a in enumerate(ARTICLES))
    assert summary.imported == len(ARTICLES)
    lib.close()
    return path


@pytest.fixture()
def searcher(db: Path):
    lib = Library.open(db, readonly=True)
    s = Searcher(lib)
    yield s
    s.close()
    lib.close()


def titles(hits: list[SearchHit]) -> list[str]:
    return [h.row.title for h in hits]


def marked(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_typo_finds_the_article_and_marks_the_shared_letters(searcher: Searcher) -> None:
    hits = searcher.search("ukrane")
    assert hits and hits[0].row.title == "Ukraine signs grain deal with Turkey"
    assert hits[0].field == "title"
    # "ukrane" shares u-k-r-a and n-e with "Ukraine": the inserted "i" stays unmarked.
    assert marked(hits[0].row.title, hits[0].spans) == ["Ukra", "ne"]


def test_prefix_while_typing_marks_the_typed_characters(searcher: Searcher) -> None:
    for typed, expect in (("uk", "Uk"), ("ukr", "Ukr"), ("ukra", "Ukra"), ("ukrain", "Ukrain")):
        hits = searcher.search(typed)
        assert hits[0].row.title.startswith("Ukraine"), typed
        assert marked(hits[0].row.title, hits[0].spans) == [expect]


def test_short_prefix_becomes_the_words_it_most_often_starts() -> None:
    from store.search import _Vocabulary

    rows = [("kyiv", 40), ("kyivan", 2), ("kylie", 7), ("kyoto", 9), ("kyrgyz", 1), ("la", 5)]
    vocab = _Vocabulary(rows)
    assert vocab.most_common_with_prefix("ky", 10) == ["kyiv", "kyivan", "kylie", "kyoto", "kyrgyz"]
    assert vocab.most_common_with_prefix("ky", 3) == ["kyiv", "kylie", "kyoto"]
    assert vocab.most_common_with_prefix("kz", 3) == []


def test_short_words_before_the_vocabulary_is_read_are_whole_words(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big library reads its vocabulary in the background; until then "co" is the word "co",
    not "co*" (which FTS5 would answer by merging every word starting with "co")."""
    monkeypatch.setattr(searcher, "_vocabulary", lambda conn, wait=False: None)  # still loading
    monkeypatch.setattr(searcher._state, "vocab", None)
    conn = searcher._conn()
    assert searcher._fts_group(["co"], conn) == '("co")'
    assert searcher._fts_group(["kyi"], conn) == '("kyi")'
    assert searcher._fts_group(["20"], conn) == '("20")'
    assert searcher._fts_group(["kyiv"], conn) == '("kyiv"*)'


def test_short_prefixes_while_typing_on_a_big_library(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the vocabulary loaded (as on a big library), 2-3 letters find their words, also
    past the expansion cap, and a short number is the number itself."""
    import store.search as search_mod
    import store.search_candidates as search_candidates

    monkeypatch.setattr(search_mod, "VOCAB_SYNC_LIMIT", 0)
    monkeypatch.setattr(search_candidates, "SHORT_PREFIX_TERMS", 1)
    monkeypatch.setenv("NEWSDESK_CACHE_DIR", str(db.parent / "cache"))
    writer = Library.open(db)
    writer.import_articles(
        [
            ("k1.txt", art("Kharkiv trams run again", body="Trams ran 20 routes.")),
            ("k2.txt", art("Kherson ferry restarts", body="A ferry crossed 201 times.")),
        ]
    )
    writer.close()
    lib = Library.open(db, readonly=True)
    s = Searcher(lib)
    try:
        s.warm()
        assert s._state.vocab is not None
        found = titles(s.search("kh"))
        assert "Shelling near Kharkiv" in found and "Kharkiv trams run again" in found
        assert "Kherson ferry restarts" not in found  # past the cap: the commoner word only
        assert titles(s.search("khe"))[:1] == ["Kherson ferry restarts"]
        assert titles(s.search("20")) == ["Kharkiv trams run again"]
        assert titles(s.search("201")) == ["Kherson ferry restarts"]
    finally:
        s.close()
        lib.close()


def test_typo_in_key_points_gives_a_snippet_with_spans(searcher: Searcher) -> None:
    hits = searcher.search("goverment")
    assert titles(hits)[:1] == ["Parliament approves the spending plan"]
    hit = hits[0]
    assert hit.field == "key_points"
    assert hit.snippet == "The government will borrow 3 billion"
    assert marked(hit.snippet, hit.spans) == ["gover", "ment"]  # the missing "n" stays plain


def test_body_only_word_found_through_fts(searcher: Searcher) -> None:
    hits = searcher.search("zymurgical")
    assert titles(hits) == ["Shelling near Kharkiv"]
    hit = hits[0]
    assert hit.field == "body"
    assert "zymurgical plants" in hit.snippet
    assert marked(hit.snippet, hit.spans) == ["zymurgical"]


def test_body_word_typed_with_a_typo(searcher: Searcher) -> None:
    hits = searcher.search("inflaton")
    assert titles(hits) == ["Central bank holds rates"]
    assert hits[0].field == "body"
    assert marked(hits[0].snippet, hits[0].spans) == ["inflat", "on"]


def test_title_hits_rank_above_body_hits(searcher: Searcher) -> None:
    hits = searcher.search("kyiv")
    fields = [h.field for h in hits]
    assert set(titles(hits)[:2]) == {
        "Drone attack on Kyiv overnight",
        "Kyiv metro reopens after repairs",
    }
    assert "Shelling near Kharkiv" in titles(hits)
    assert fields.index("body") > fields.index("title")


def test_category_filter_combines_with_text(searcher: Searcher) -> None:
    hits = searcher.search("cat:war kyiv")
    assert titles(hits) == ["Drone attack on Kyiv overnight", "Shelling near Kharkiv"]
    assert {h.row.category for h in hits} == {"War"}


def test_source_filter_alone_lists_newest_first(searcher: Searcher) -> None:
    hits = searcher.search("src:reuters")
    assert [h.row.published for h in hits] == sorted(
        (a.published for a in ARTICLES if a.source == "Reuters"), reverse=True
    )
    assert all(h.row.source == "Reuters" and h.spans == [] for h in hits)
    assert hits[-1].row.title == "Wire roundup"  # undated articles come last
    # quoted multi-word source, matched case-insensitively
    assert titles(searcher.search('src:"kyiv independent" plan')) == [
        "Parliament approves the spending plan"
    ]


def test_since_filter_accepts_month_and_day(searcher: Searcher) -> None:
    month = searcher.search("since:2024-08")
    assert titles(month) == [
        INJECTION,
        "Kyiv metro reopens after repairs",
        "Drone attack on Kyiv overnight",
    ]
    assert all(h.row.published >= "2024-08" for h in month)
    day = searcher.search("since:2024-08-21 kyiv")
    assert titles(day) == ["Kyiv metro reopens after repairs"]
    assert searcher.search("since:2025") == []


def test_a_first_letter_after_filters_keeps_the_filter_listing(searcher: Searcher) -> None:
    assert titles(searcher.search("cat:war k")) == titles(searcher.search("cat:war"))
    assert titles(searcher.search("cat:war ky")) == [
        "Drone attack on Kyiv overnight",  # title match first
        "Shelling near Kharkiv",  # "Kyiv" only in its body
    ]


def test_filters_and_text_together(searcher: Searcher) -> None:
    assert titles(searcher.search("cat:economy src:bloomberg rates")) == [
        "Central bank holds rates"
    ]
    assert searcher.search("cat:economy src:bloomberg ukraine") == []
    assert searcher.search("cat:nosuchcategory kyiv") == []
    # a category typed with a typo still resolves
    assert titles(searcher.search("cat:ecnomy grain")) == ["Ukraine signs grain deal with Turkey"]


def test_injection_title_returned_verbatim(searcher: Searcher) -> None:
    hits = searcher.search("budget vote")
    assert titles(hits)[:1] == [INJECTION]
    assert marked(INJECTION, hits[0].spans) == ["Budget", "vote"]
    hits = searcher.search("[bold red]x[/] Budget [/x] vote")
    assert INJECTION in titles(hits)


def test_diacritics_fold_and_spans_cover_the_original_letters(searcher: Searcher) -> None:
    hits = searcher.search("snow kyiv")
    assert titles(hits) == ["Snow returns to Kyïv"]
    assert marked(hits[0].row.title, hits[0].spans) == ["Snow", "Kyïv"]


@pytest.mark.parametrize(
    "query",
    ["", "   ", '"', "*", "AND", "OR", "NOT", "NEAR(", "NEAR(a b", '"unclosed', "a*b*",
     "{title}: x", "title:kyiv", "-", "^", "()", "(((", "cat:", "src:", "since:", "since:xyz",
     "since:2024-13", "cat:\"", "'; DROP TABLE articles; --", "\x00\x1b]0;owned\x07", "ü" * 300,
     "kyiv AND", "AND kyiv", "k", ".", " ".join(["ukraine"] * 40), "a" * 5000],
)  # fmt: skip
def test_hostile_or_odd_queries_never_raise(searcher: Searcher, query: str) -> None:
    hits = searcher.search(query)
    assert isinstance(hits, list)


def test_empty_and_punctuation_only_queries_give_nothing(searcher: Searcher) -> None:
    assert searcher.search("") == []
    assert searcher.search('"*() ') == []


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=40))
def test_any_text_never_raises(searcher: Searcher, query: str) -> None:
    for hit in searcher.search(query):
        target = hit.row.title if hit.field == "title" else hit.snippet
        assert all(0 <= s < e <= len(target) for s, e in hit.spans)


def test_numbers_are_searchable_on_a_big_library(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import store.search as search_mod

    monkeypatch.setattr(search_mod, "VOCAB_SYNC_LIMIT", 0)
    monkeypatch.setenv("NEWSDESK_CACHE_DIR", str(db.parent / "cache"))
    writer = Library.open(db)
    writer.import_articles([("n.txt", art("Budget of 2025 passes", body="Votes: 301 to 120."))])
    writer.close()
    lib = Library.open(db, readonly=True)
    s = Searcher(lib)
    try:
        s.warm()  # the vocabulary (which leaves numbers out) is loaded and used for prefixes
        assert titles(s.search("2025"))[:1] == ["Budget of 2025 passes"]
        assert titles(s.search("budget 2025"))[:1] == ["Budget of 2025 passes"]
        assert titles(s.search("301")) == ["Budget of 2025 passes"]
    finally:
        s.close()
        lib.close()


def test_limit_is_respected(searcher: Searcher) -> None:
    assert len(searcher.search("cat:war", limit=1)) == 1
    assert searcher.search("kyiv", limit=0) == []


def test_cancelled_search_returns_nothing(searcher: Searcher) -> None:
    assert searcher.search("kyiv", cancelled=lambda: True) == []
    calls = []

    def later() -> bool:
        calls.append(1)
        return len(calls) > 2

    assert searcher.search("kyiv", cancelled=later) == []
    assert searcher.search("kyiv", cancelled=lambda: False)  # not cancelled: real hits


def test_search_from_worker_threads(searcher: Searcher) -> None:
    results: dict[int, list[str]] = {}

    def work(n: int) -> None:
        results[n] = titles(searcher.search("ukrane"))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r[:1] == ["Ukraine signs grain deal with Turkey"] for r in results.values())


def test_new_import_refreshes_vocabulary_and_versions(db: Path, searcher: Searcher) -> None:
    assert searcher.search("quixotically") == []
    searcher.search("ukrane")  # the vocabulary is loaded and cached now
    writer = Library.open(db)
    newer = art("Ukraine signs grain deal with Turkey", category="Economy", published="2024-07-03",
                tags=["grain", "trade"], body="A quixotic clause was added.")  # fmt: skip
    writer.import_articles([("new.txt", newer), ("q.txt", art("Quixotically late trains"))])
    writer.close()
    # the typo is corrected against the NEW vocabulary
    assert titles(searcher.search("quixoticaly")) == ["Quixotically late trains"]
    hits = [h for h in searcher.search("ukraine grain") if h.row.title.startswith("Ukraine")]
    assert len(hits) == 1 and hits[0].row.versions == 2 and hits[0].row.published == "2024-07-03"


def test_parse_query_splits_filters() -> None:
    q = parse_query('cat:War src:"Kyiv Independent" since:2024-3 Drone  attack')
    assert q.categories == ["War"]
    assert q.sources == ["Kyiv Independent"]
    assert q.since == "2024-03"
    assert q.words == ["drone", "attack"]
    assert parse_query("since:2024-02-30 x").since is None
    assert parse_query("since:2024-02-30 x").problems


def test_match_spans_handles_folding_that_changes_length() -> None:
    text = "İstanbul, Zoë and Київ"  # "İ" lower-cases to two code points
    spans = match_spans(text, [["istanbul"], ["zoe"], ["київ"]])
    assert marked(text, spans) == ["İstanbul", "Zoë", "Київ"]


def test_fold_matches_the_fts_tokenizer() -> None:
    assert fold("Kyïv İSTANBUL Łódź Ỹen") == "kyiv istanbul łodz yen"
    assert fold("Київ Йод Ёлка") == "київ йод ёлка"  # Cyrillic keeps its letters, as in FTS5


def test_cyrillic_title_found_and_marked(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "cyr.db")
    lib.import_articles(
        [
            ("k.txt", art("Київ готується до зими", body="Енергетики ремонтують мережі.")),
            ("i.txt", art("Ціни на зерно ростуть", body="Експорт через Ізмаїл зростає.")),
        ]
    )
    s = Searcher(lib)
    try:
        for query in ("київ", "Київ", "киї", "кыїв"):
            hits = s.search(query)
            assert titles(hits)[:1] == ["Київ готується до зими"], query
        hit = s.search("Київ")[0]
        assert marked(hit.row.title, hit.spans) == ["Київ"]
        body = s.search("ізмаїл")[0]
        assert body.field == "body" and marked(body.snippet, body.spans) == ["Ізмаїл"]
    finally:
        s.close()
        lib.close()


def test_big_library_loads_vocabulary_in_background(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    import store.search as search_mod

    monkeypatch.setattr(search_mod, "VOCAB_SYNC_LIMIT", 0)  # treat the tiny library as big
    lib = Library.open(db, readonly=True)
    s = Searcher(lib)
    try:
        s.search("ukrane")  # starts the background load; this search may lack corrections
        deadline = time.monotonic() + 30
        while s._state.vocab is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert s._state.vocab is not None
        assert titles(s.search("ukrane"))[:1] == ["Ukraine signs grain deal with Turkey"]
    finally:
        s.close()
        lib.close()


@pytest.mark.parametrize(
    ("query", "field", "snippet", "marks"),
    [
        ("independent", "source", "Kyiv Independent", ["Independent"]),
        ("trade", "tags", "grain, trade", ["trade"]),
        ("bloomberg", "source", "Bloomberg", ["Bloomberg"]),
    ],
)
def test_source_and_tag_hits_show_that_field(
    searcher: Searcher, query: str, field: str, snippet: str, marks: list[str]
) -> None:
    hit = searcher.search(query)[0]
    assert (hit.field, hit.snippet) == (field, snippet)
    assert marked(hit.snippet, hit.spans) == marks


def test_long_body_snippet_is_one_line_around_the_match(tmp_path: Path) -> None:
    filler = " ".join(f"word{i}" for i in range(200))
    body = f"{filler}\n\nThe quokka census found 312 animals.\n\n{filler}"
    lib = Library.open(tmp_path / "long.db")
    lib.import_articles([("x.txt", art("Island survey", body=body))])
    s = Searcher(lib)
    try:
        hit = s.search("quokka")[0]
    finally:
        s.close()
        lib.close()
    assert hit.field == "body"
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert "\n" not in hit.snippet and len(hit.snippet) <= 125
    assert marked(hit.snippet, hit.spans) == ["quokka"]
    # some context before the match, starting on a whole word
    assert hit.snippet.index("The quokka") >= 25 and hit.snippet[1:5] == "word"


def test_big_library_vocabulary_is_kept_on_disk_until_the_library_changes(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json
    import os

    import store.search as search_mod

    monkeypatch.setattr(search_mod, "VOCAB_SYNC_LIMIT", 0)  # treat the tiny library as big
    monkeypatch.setenv("NEWSDESK_CACHE_DIR", str(tmp_path / "cache"))

    sources: list[str] = []

    def fresh_vocabulary() -> list[str]:
        search_mod._STATES.clear()  # forget what this process loaded: read it again
        lib = Library.open(db, readonly=True)
        s = Searcher(lib)
        try:
            s.warm()
            sources[:] = s._state.sources
            return list(s._state.vocab.terms)
        finally:
            s.close()
            lib.close()

    first = fresh_vocabulary()
    (saved_sources,) = (tmp_path / "cache" / "search").glob("sources-*.json")
    listed = json.loads(saved_sources.read_text(encoding="utf-8"))
    assert sorted(listed["sources"]) == sorted({a.source for a in ARTICLES})
    listed["sources"].append("Planted Wire")
    saved_sources.write_text(json.dumps(listed), encoding="utf-8")
    (saved,) = (tmp_path / "cache" / "search").glob("vocab-*.json")
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["terms"] == first and "ukraine" in first
    # Plant a term only the saved copy has: seeing it proves the copy was used.
    data["terms"].insert(0, "aaaplanted")
    data["counts"].insert(0, 1)
    saved.write_text(json.dumps(data), encoding="utf-8")
    assert fresh_vocabulary()[0] == "aaaplanted"
    assert "Planted Wire" in sources

    writer = Library.open(db)
    writer.import_articles([("n.txt", art("Quokkas thrive on Rottnest"))])
    writer.close()
    after = fresh_vocabulary()  # the library changed: the copy is stale and rebuilt
    assert "aaaplanted" not in after and "quokkas" in after
    assert "Planted Wire" not in sources

    folder = tmp_path / "cache" / "search"
    for n in range(30):  # copies left by libraries long gone
        (folder / f"vocab-old{n}.json").write_text("{}", encoding="utf-8")
        os.utime(folder / f"vocab-old{n}.json", (1_000_000 + n, 1_000_000 + n))
    search_mod._save_cached(folder / "vocab-new.json", ["k"], {"terms": [], "counts": []})
    kept = {p.name for p in folder.glob("*.json")}
    assert len(kept) == search_mod.CACHE_KEEP_FILES and "vocab-new.json" in kept
    search_mod._STATES.clear()
