"""The user's ``config.toml``: extra clutter patterns, figure synonyms, key bindings, theme.

Where it lives: ``$NEWSDESK_CONFIG`` if set, else ``config.toml`` in the platform's user config
directory for "newsdesk" (``~/.config/newsdesk/config.toml`` on Linux). A missing file means the
defaults; a file that cannot be used raises ``ConfigError`` with one sentence for the user, so a
typo never turns into a traceback or a silently ignored setting.

Example (every key optional)::

    # Dark or light colours.
    theme = "dark"

    # Extra page-clutter lines to remove, as regular expressions (case-insensitive). A pattern
    # that matches a WHOLE line removes that line anywhere in the article body; one that matches
    # part of a line removes it only from the trailing run of clutter at the end of the article.
    # Removed lines are kept in the article's clutter list, never thrown away.
    clutter_patterns = [
        '^Advertisement$',
        'Join our WhatsApp channel',
    ]

    # Extra words for the figure diff: each key is a figure kind, the words count as it.
    [synonyms]
    troops = ["servicemen", "personnel"]
    killed = ["perished"]

    # Other spellings of a source figures are credited to: the name shown, then its spellings.
    [attributions]
    NIS = ["Seoul's spy service"]

    # Key bindings: binding id -> comma-separated keys (Textual key names).
    [keys]
    search = "slash,ctrl+f"
    compare = "c"
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

THEMES = ("dark", "light")
_KNOWN_KEYS = ("clutter_patterns", "synonyms", "attributions", "keys", "theme", "export_dir")


class ConfigError(ValueError):
    """A config file that cannot be used; the message is one sentence for the user."""


@dataclass
class Config:
    """Settings from ``config.toml``; the defaults are what an absent file means."""

    clutter_patterns: list[str] = field(default_factory=list)
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    attributions: dict[str, list[str]] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    theme: str = "dark"
    export_dir: str = ""  # where compare exports go ("" = the current directory)


def config_path() -> Path:
    """Where the config file is read from: ``$NEWSDESK_CONFIG`` or the user config dir."""
    env = os.environ.get("NEWSDESK_CONFIG")
    if env:
        return Path(env).expanduser()
    import platformdirs  # only needed here; keeps ``import store.config`` cheap

    return platformdirs.user_config_path("newsdesk") / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """Read and validate the config file; a missing file gives the defaults.

    Raises ``ConfigError`` (one sentence naming the file) for unreadable files, invalid TOML,
    unknown settings, values of the wrong type, invalid regexes and unknown themes.
    """
    path = Path(path) if path is not None else config_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except IsADirectoryError:
        raise ConfigError(f"The config path {path} is a folder, not a file.") from None
    except OSError as exc:
        raise ConfigError(f"Cannot read the config file {path}: {exc.strerror}.") from None
    import tomllib  # here: most users have no config file, and the app's start skips it (~2 ms)

    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"The config file {path} is not UTF-8 text.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"The config file {path} is not valid TOML ({exc}).") from None
    return _validate(doc, path)


def _validate(doc: dict[str, object], path: Path) -> Config:
    where = f"In the config file {path}"
    unknown = sorted(set(doc) - set(_KNOWN_KEYS))
    if unknown:
        raise ConfigError(
            f"{where}, the setting {unknown[0]!r} is unknown "
            f"(known settings: {', '.join(_KNOWN_KEYS)})."
        )
    config = Config()

    patterns = doc.get("clutter_patterns", [])
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise ConfigError(f"{where}, clutter_patterns must be a list of strings.")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(
                f"{where}, the clutter pattern {pattern!r} is not a valid regular expression "
                f"({exc})."
            ) from None
        if re.fullmatch(pattern, ""):
            raise ConfigError(
                f"{where}, the clutter pattern {pattern!r} matches an empty string, so it would "
                "match every line."
            )
    config.clutter_patterns = list(patterns)

    synonyms = doc.get("synonyms", {})
    if not isinstance(synonyms, dict):
        raise ConfigError(f"{where}, [synonyms] must be a table of word lists.")
    for key, words in synonyms.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise ConfigError(f"{where}, synonyms.{key} must be a list of non-empty strings.")
        config.synonyms[key] = [w.strip() for w in words]

    attributions = doc.get("attributions", {})
    if not isinstance(attributions, dict):
        raise ConfigError(f"{where}, [attributions] must be a table of spelling lists.")
    for name, spellings in attributions.items():
        if not isinstance(spellings, list) or not all(
            isinstance(w, str) and w.strip() for w in spellings
        ):
            raise ConfigError(f"{where}, attributions.{name} must be a list of non-empty strings.")
        config.attributions[name] = [w.strip() for w in spellings]

    keys = doc.get("keys", {})
    if not isinstance(keys, dict):
        raise ConfigError(f'{where}, [keys] must be a table of binding = "keys".')
    for binding, value in keys.items():
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where}, keys.{binding} must be a non-empty string of keys.")
        config.keys[binding] = value.strip()

    theme = doc.get("theme", "dark")
    if not isinstance(theme, str) or theme not in THEMES:
        raise ConfigError(f'{where}, theme must be "dark" or "light", not {theme!r}.')
    config.theme = theme

    export_dir = doc.get("export_dir", "")
    if not isinstance(export_dir, str):
        raise ConfigError(f"{where}, export_dir must be a folder path (a string).")
    config.export_dir = export_dir.strip()
    return config
