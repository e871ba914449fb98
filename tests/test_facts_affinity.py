"""Facts formed by fitted pair scores (store.figures.affinity) and average linkage."""

from __future__ import annotations

import sys
from pathlib import Path

import facts_stories as stories
import pytest

from store.figures import extract_article
from store.figures.affinity import FEATURES, WEIGHTS, Rarity, features, profile, score
from store.figures.claims import make_claims
from store.figures.compare import compare
from store.figures.nearby import names_near

ROOT = Path(__file__).resolve().parent.parent


def _rows(articles):
    """Each row as the set of (article title, figure text) it gathers: comparable whatever
    the column order."""
    table = compare([(i, a, extract_article(a)) for i, a in enumerate(articles)])
    return {
        frozenset(
            (articles[aid].title, f.sentence[f.start : f.end] if f.end else f.sentence, f.start)
            for aid, figs in row.cells.items()
            for f in figs
        )
        for row in table.rows
    }


@pytest.mark.parametrize("story", [stories.TROOPS, stories.FIRES], ids=["troops", "fires"])
def test_rows_do_not_depend_on_the_order_the_articles_come_in(story) -> None:
    assert _rows(story) == _rows(list(reversed(story)))
    assert _rows(story) == _rows(story[1:] + story[:1])


def test_features_are_named_and_symmetric() -> None:
    articles = stories.TROOPS
    claims = make_claims([(i, a, extract_article(a)) for i, a in enumerate(articles)])
    assert len(WEIGHTS) == len(FEATURES)
    profiles = [profile(c) for c in claims[:12]]
    for a in profiles:
        for b in profiles:
            assert len(features(a, b)) == len(FEATURES)
            assert features(a, b) == features(b, a)
            assert score(a, b) == pytest.approx(score(b, a))


def test_the_names_of_a_number_s_clause_are_its_own() -> None:
    sentence = "The Civic Alliance took 33.4 per cent, the National Renewal Party 45.1 per cent."
    first = names_near(sentence, sentence.index("33.4"), 4, frozenset())
    second = names_near(sentence, sentence.index("45.1"), 4, frozenset())
    assert first == {"civic", "allia"}
    assert second == {"natio", "renew", "party"}
    # Time words and the credited source are no one's name.
    said = "On Monday Norvik Bank lost 420 million euros, Reuters said."
    assert names_near(said, said.index("420"), 3, frozenset({"reuters"})) == {"norvi", "bank"}
    # A counted word capitalised only because it opens the sentence is no name.
    opening = "Customers withdrew €420 million from Norvik Bank."
    assert names_near(opening, opening.index("420"), 3, frozenset()) == {"norvi", "bank"}


def _claims_of(*leads: str):
    from store.model import Article, Section

    articles = [
        Article(title=f"t{i}", lead=lead, sections=[Section("", ["No more."])])
        for i, lead in enumerate(leads)
    ]
    return make_claims([(i, a, extract_article(a)) for i, a in enumerate(articles)])


def test_a_key_written_in_the_other_claim_s_sentence_is_read_as_a_cross_key() -> None:
    cross = FEATURES.index("key_cross")
    a, b = _claims_of(
        "Velmar's 17.8% slide on Monday shocked traders.",
        "The 17.8% fall in Velmar shares, its worst slide since 2020, came on Monday.",
    )
    assert a.key != b.key  # two outlets, two keys for one move
    assert features(profile(a), profile(b))[cross] == 1.0
    c, d = _claims_of("The storm cut power to 4,000 homes.", "Rescuers pulled 40 people out.")
    assert features(profile(c), profile(d))[cross] == 0.0


def test_names_near_one_number_found_in_the_other_s_sentence_are_read_as_a_cross() -> None:
    cross = FEATURES.index("names_cross")
    a, b = _claims_of(
        "Dalmeria has collected 140 tonnes of dead fish.",
        "Volunteers gathered 143 tonnes of fish, most of it along the banks in Dalmeria.",
    )
    assert a.names and not a.names & b.names  # the name is not next to the other number
    assert features(profile(a), profile(b))[cross] == 1.0
    c, d = _claims_of(
        "Dalmeria has collected 140 tonnes of dead fish.",
        "Korvenia has collected 38 tonnes of dead fish.",
    )
    assert features(profile(c), profile(d))[cross] == 0.0


def test_the_weights_are_the_ones_the_gold_gives() -> None:
    """Changing a feature without fitting again leaves weights that belong to other features:
    bench/fit_alignment.py fits them again (and prints the lines to paste)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import fit_alignment

    folders = sorted(p for p in (ROOT / "bench" / "facts").iterdir() if (p / "gold.json").exists())
    pairs = [pair for folder in folders for pair in fit_alignment.story_pairs(folder)]
    fitted = fit_alignment.fit(pairs, 20.0)
    assert fitted == pytest.approx(list(WEIGHTS), abs=0.0015)


def _scopes(text: str) -> list[tuple[float, str, str]]:
    a = stories.article("T", "2026-09-16", "X", text)
    return [(c.figure.value_low, c.key, c.scope) for c in make_claims([(0, a, extract_article(a))])]


def test_a_hedge_of_the_next_number_makes_no_excess() -> None:
    assert _scopes("Official toll: 58 dead, more than 200 injured.") == [
        (58.0, "killed", ""),
        (200.0, "injured", ""),
    ]
    assert _scopes("It carried 33 more passengers than allowed.")[0][2] == "excess"


def test_some_of_a_group_that_died_are_the_toll_not_a_part_of_it() -> None:
    assert _scopes("Kalvoria says six of its troops died.") == [(6.0, "killed", "")]
    assert _scopes("Officials said 12 of the dead were in Marrit.")[0][2] == "part"
    assert _scopes("96 of the passengers were foreigners.")[0][2] == "part"


def test_another_after_a_count_of_another_thing_is_no_second_wave() -> None:
    text = "The council said 31 people died. Another 47 people had been injured, he said."
    assert [(v, k) for v, k, _ in _scopes(text)] == [(31.0, "killed"), (47.0, "injured")]
    a = stories.article("T", "2026-09-16", "X", text)
    assert all(not c.wave for c in make_claims([(0, a, extract_article(a))]))
    again = stories.article(
        "T", "2026-09-16", "X", "Russia got 11,000 troops. Another 1,000 troops came in June."
    )
    waves = [c.wave for c in make_claims([(0, again, extract_article(again))])]
    assert waves == ["", "additional"]


def test_a_comparison_has_at_most_a_hundred_columns() -> None:
    from store.figures.compare import MAX_COMPARED, TOO_MANY, compared_versions

    assert compared_versions(list(range(5))) == [0, 1, 2, 3, 4]
    many = compared_versions(list(range(250)))  # a live page updated all day
    assert len(many) == MAX_COMPARED and many[0] == 0 and many[1] == 151 and many[-1] == 249
    a = stories.TROOPS[0]
    with pytest.raises(ValueError, match=TOO_MANY):
        compare([(i, a, extract_article(a)) for i in range(MAX_COMPARED + 1)])


def _keys(text: str) -> list[tuple[float, str]]:
    a = stories.article("T", "2026-09-16", "X", text)
    return [(c.figure.value_low, c.key) for c in make_claims([(0, a, extract_article(a))])]


def test_a_word_that_names_nothing_counted_points_back_to_what_was() -> None:
    # An adverb or a possessive cut from its noun is no key, and no row should be labelled so.
    assert _keys("The firm will cut 2,100 jobs. That takes the week's total to nearly 2,900.") == [
        (2100.0, "job"),
        (2900.0, "job"),
    ]
    assert _keys("The firm cut 2,100 jobs. The total at both plants thus rises to 2,245.")[1] == (
        2245.0,
        "job",
    )
    # The figure itself (what `figures` and the reader show) is keyed as the total it is.
    a = stories.article("T", "2026-09-16", "X", "They are cutting 640 somewhere else.")
    assert [f.key for f in extract_article(a)] == ["total"]
    b = stories.article("T", "2026-09-16", "X", "The family got 3 letters; 12 families left.")
    assert "total" not in [f.key for f in extract_article(b)]  # "family" is a thing


def test_a_comparison_aligns_with_the_weights_it_is_given() -> None:
    """``bench/fit_alignment.py`` scores a story left out with other weights by passing them
    down (a compiled ``compare`` would not see a patched ``align``)."""
    a = stories.article("A", "2026-05-04", "A", "About 300 soldiers were killed, the army said.")
    b = stories.article("B", "2026-05-04", "B", "Some 320 soldiers were killed, officials said.")
    sources = [(i, art, extract_article(art)) for i, art in enumerate((a, b))]
    assert len(compare(sources).rows) == 1
    apart = tuple(-50.0 if name == "bias" else 0.0 for name in FEATURES)
    assert len(compare(sources, weights=apart).rows) == 2
    assert len(compare(sources, weights=apart, threshold=-100.0).rows) == 1


def test_a_place_the_other_sentence_never_names_is_read_as_absent() -> None:
    absent = FEATURES.index("place_absent")
    a, b = _claims_of(
        "Nurses gave 41,000 doses in Tarvik on Monday.",
        "Nurses have given 27,000 doses so far, the ministry said.",
    )
    assert a.place == "Tarvik"
    assert features(profile(a), profile(b))[absent] == 1.0
    c, d = _claims_of(
        "Nurses gave 41,000 doses in Tarvik on Monday.",
        "In the Tarvik region nurses have given 44,000 doses so far.",
    )
    assert features(profile(c), profile(d))[absent] == 0.0


def test_a_word_every_claim_shares_weighs_less_than_a_rare_one() -> None:
    claims = _claims_of(
        "Inspectors culled 560,000 birds over the weekend in Orsenna.",
        "Inspectors culled 1,590,000 birds in Kelmar.",
        "Over the weekend inspectors culled 600,000 birds in Orsenna.",
        "Inspectors culled 2.2 million birds in all.",
    )
    rarity = Rarity.of(claims)
    assert rarity.words["culle"] < rarity.words["weeke"]
    rare = FEATURES.index("words_rare")
    weekend = features(profile(claims[0], rarity), profile(claims[2], rarity))[rare]
    plain = features(profile(claims[0], rarity), profile(claims[1], rarity))[rare]
    assert weekend > plain
    # Weighed alike (no comparison to weigh them in), the index is Jaccard's.
    a, b = profile(claims[0]), profile(claims[2])
    shared = len(a.words & b.words) / len(a.words | b.words)
    assert features(a, b)[rare] == pytest.approx(shared)


def test_rarity_is_read_from_the_claims_whatever_their_order() -> None:
    claims = make_claims([(i, a, extract_article(a)) for i, a in enumerate(stories.TROOPS)])
    assert Rarity.of(claims) == Rarity.of(list(reversed(claims)))
    assert Rarity.of([]) == Rarity({}, {})
