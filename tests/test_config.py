"""Config loading: defaults, the documented example, path resolution and one-sentence errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import store.config as config_mod
from store.config import Config, ConfigError, config_path, load_config
from store.parse import parse_text


def _write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "config.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "nope.toml") == Config()
    assert Config().theme == "dark"


def test_docstring_example_is_valid_and_used(tmp_path: Path) -> None:
    doc = config_mod.__doc__ or ""
    example = doc.split("Example (every key optional)::", 1)[1]
    example = "\n".join(line[4:] for line in example.split('"""')[0].splitlines())
    cfg = load_config(_write(tmp_path, example))
    assert cfg.theme == "dark"
    assert cfg.clutter_patterns == ["^Advertisement$", "Join our WhatsApp channel"]
    assert cfg.synonyms["troops"] == ["servicemen", "personnel"]
    assert cfg.keys == {"search": "slash,ctrl+f", "compare": "c"}


def test_user_patterns_reach_the_parser(tmp_path: Path) -> None:
    cfg = load_config(_write(tmp_path, "clutter_patterns = ['^Promo code \\w+$']\n"))
    a = parse_text("Title\n\nLead.\n\nPromo code SAVE10\n\nBody.\n", **_kw(cfg))
    assert a.clutter == ["Promo code SAVE10"]


def _kw(cfg: Config) -> dict[str, list[str]]:
    return {"clutter_patterns": cfg.clutter_patterns}


def test_env_overrides_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, 'theme = "light"\n')
    monkeypatch.setenv("NEWSDESK_CONFIG", str(path))
    assert config_path() == path
    assert load_config().theme == "light"


def test_default_path_is_in_user_config_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSDESK_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", "/tmp/xdg-config-test")
    assert config_path() == Path("/tmp/xdg-config-test/newsdesk/config.toml")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("theme = ", "not valid TOML"),
        (b"theme = '\xff'", "not UTF-8"),
        ('colour = "red"\n', "'colour' is unknown"),
        ('theme = "blue"\n', "theme must be"),
        ("clutter_patterns = 'x'\n", "list of strings"),
        ("clutter_patterns = [1]\n", "list of strings"),
        ("clutter_patterns = ['(unclosed']\n", "not a valid regular expression"),
        ("clutter_patterns = ['.*']\n", "matches an empty string"),
        ("synonyms = 3\n", "table"),
        ("[synonyms]\ntroops = 'soldiers'\n", "synonyms.troops"),
        ("[synonyms]\ntroops = ['']\n", "synonyms.troops"),
        ("keys = []\n", "table"),
        ("[keys]\nsearch = 5\n", "keys.search"),
    ],
)
def test_bad_files_give_one_sentence(tmp_path: Path, text: str | bytes, words: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert words in message
    assert str(path) in message
    assert "\n" not in message
    assert re.fullmatch(r"[A-Z].*\.", message), message


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a folder"):
        load_config(tmp_path)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, 'theme = "light"\n')

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(ConfigError, match="Cannot read the config file .*: Permission denied"):
        load_config(path)
