"""Synonym groups: shipped words, plurals and near spellings, and the user's own synonyms."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.figures import extract_text
from store.figures.lexicon import (
    builtin_lexicon,
    default_lexicon,
    singular,
    synonyms_fingerprint,
    user_synonyms,
)


def _clear() -> None:
    user_synonyms.cache_clear()
    default_lexicon.cache_clear()


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("troops", "troops"),
        ("soldiers", "troops"),
        ("soldier", "troops"),
        ("servicemen", "troops"),
        ("personnel", "troops"),
        ("killed", "killed"),
        ("dead", "killed"),
        ("died", "killed"),
        ("deaths", "killed"),
        ("fatalities", "killed"),
        ("injured", "injured"),
        ("wounded", "injured"),
        ("hurt", "injured"),
        ("civilans", "civilians"),  # one slip
        ("wonded", "injured"),
        ("houses", "home"),
        ("dwellings", "home"),
        ("lorries", "truck"),
    ],
)
def test_groups(word: str, key: str) -> None:
    assert builtin_lexicon().group_of(word) == key


@pytest.mark.parametrize(
    "word",
    ["workers", "prisons", "olives", "missiles", "holders", "horses", "households", "tracks"],
)
def test_near_words_that_are_other_things_stay_out(word: str) -> None:
    assert builtin_lexicon().group_of(word) is None


def test_death_toll_phrase_and_plural_keys() -> None:
    lex = builtin_lexicon()
    assert lex.phrase_at(["death", "toll", "rose"]) == ("killed", 2)
    assert lex.key_for_noun("vessels") == "vessel"
    assert lex.key_for_noun("batteries") == "battery"
    assert lex.key_for_noun("exports") == "exports"
    assert singular("boxes") == "box"


def test_killed_and_died_share_a_key_across_wordings() -> None:
    a = extract_text("At least 70 miners died underground.")[0]
    b = extract_text("The collapse killed at least 70 miners.")[0]
    c = extract_text("The death toll stands at 70.")[0]
    assert a.key == b.key == c.key == "killed"


def test_user_synonyms_extend_and_move_words() -> None:
    lex = builtin_lexicon().extended({"troops": ["legionnaires"], "aircraft": ["jets", "planes"]})
    assert lex.group_of("legionnaires") == "troops"
    assert extract_text("Paris sent 300 legionnaires.", lexicon=lex)[0].key == "troops"
    assert extract_text("Paris sent 12 jets.", lexicon=lex)[0].key == "aircraft"
    # Without the addition the same words are their own things.
    assert extract_text("Paris sent 12 jets.")[0].key == "jet"


def test_user_words_for_an_event_group_act_as_events() -> None:
    lex = builtin_lexicon().extended({"killed": ["executed"]})
    assert extract_text("Rights groups say 40 were executed.", lexicon=lex)[0].key == "killed"
    assert extract_text("Rights groups say 40 were executed.") == []


def test_default_lexicon_reads_config_synonyms(tmp_path: Path, monkeypatch) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text('[synonyms]\ntroops = ["legionnaires"]\n', encoding="utf-8")
    monkeypatch.setenv("NEWSDESK_CONFIG", str(cfg))
    _clear()
    try:
        assert default_lexicon().group_of("legionnaires") == "troops"
        assert extract_text("Paris sent 300 legionnaires.")[0].key == "troops"
    finally:
        _clear()


def test_broken_config_falls_back_to_builtin(tmp_path: Path, monkeypatch) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text("this is = = not toml", encoding="utf-8")
    monkeypatch.setenv("NEWSDESK_CONFIG", str(cfg))
    _clear()
    try:
        assert default_lexicon().group_of("soldiers") == "troops"
    finally:
        _clear()


def test_synonyms_fingerprint_changes_with_the_synonyms() -> None:
    assert synonyms_fingerprint({}) == 0
    one = synonyms_fingerprint({"troops": ["legionnaires"]})
    assert one == synonyms_fingerprint({"troops": ["legionnaires"]})
    assert one != synonyms_fingerprint({"troops": ["legionaries"]})
    assert 1 <= one <= 9999
