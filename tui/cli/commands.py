"""The ``newsdesk`` command line: import, list and show articles, or open the app.

Start-up time matters (``newsdesk list`` should answer in well under a second), so this module
imports only click and the standard library at load time; the library code, sqlite-utils and
Textual are imported inside the commands that need them.

The ``--json`` shapes printed by ``list`` and ``show`` are a public interface for scripts and are
documented in README.md: add keys if needed, never rename or remove one.
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from store.errors import LibraryError
from tui.cli.output import clean, dumps, one_line, row_json, row_lines, valid_since

if TYPE_CHECKING:
    from store.library import ImportSummary, Library
    from store.model import ArticleRow, StoredArticle

# Imports of more files than this show a progress bar on stderr.
PROGRESS_MIN = 200


@dataclass
class CliContext:
    """What every command gets as ``ctx.obj``: which library, and whether writes are allowed."""

    db_path: Path
    readonly: bool = False
    explicit: bool = False  # True when --db or NEWSDESK_DB chose the library

    def library(
        self,
        readonly: bool | None = None,
        *,
        reading: bool = False,
        figures: bool = False,
        create: bool = False,
    ) -> Library:
        """Open the library (one-sentence ``ClickException`` on failure).

        The platform-default library, when empty and writable, first gets the shipped samples,
        so a fresh install has something to browse. ``reading=True`` (list, show, figures,
        compare) opens it read-only (``store.opening``), so a read works while another process
        imports; ``figures=True`` also asks for figures from the current extractor.
        Only ``create=True`` (import, feeds) or the default library makes a missing file: a
        mistyped ``--db`` must say so, not show an empty library it just made.
        """
        from store.library import BUSY_TIMEOUT_MS, Library
        from store.opening import open_for_reading

        self.require_existing(create=create)
        ro = self.readonly if readonly is None else readonly
        progress = ProgressBar("Updating the library")

        def writable(wait_ms: int = BUSY_TIMEOUT_MS) -> Library:
            lib = Library.open(self.db_path, progress=progress, wait_ms=wait_ms)
            if self.seeds_samples():
                lib.ensure_samples()
            return lib

        try:
            if reading:
                return open_for_reading(
                    self.db_path,
                    may_write=not ro,
                    fresh_figures=figures,
                    wants_samples=self.seeds_samples(),
                    writable=writable,
                )
            if ro:
                return Library.open(self.db_path, readonly=True)
            return writable()
        except LibraryError as exc:
            raise click.ClickException(str(exc)) from None

    def require_existing(self, *, create: bool = False) -> None:
        """Refuse a library file that does not exist unless it is to be made here."""
        if create or self.seeds_samples() or self.db_path.exists():
            return
        raise click.ClickException(
            f"{self.db_path} does not exist; `newsdesk --db {self.db_path} import PATH` creates"
            " a library there."
        )

    def seeds_samples(self) -> bool:
        from store.paths import receives_samples

        return receives_samples(self.db_path, named=self.explicit)


class ProgressBar:
    """A ``progress(done, total)`` callback that shows a click progress bar on stderr once the
    job turns out to be long, and nothing for short ones."""

    def __init__(self, label: str, minimum: int = PROGRESS_MIN) -> None:
        self.label = label
        self.minimum = minimum
        self.bar: Any = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if total < self.minimum:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


class _Group(click.Group):
    """Turns a library that breaks mid-command (corrupt pages, disk full) into one sentence."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except sqlite3.DatabaseError as exc:
            from store.errors import describe

            obj = ctx.obj
            path = obj.db_path if isinstance(obj, CliContext) else None
            raise click.ClickException(one_line(describe(exc, path))) from None
        except click.ClickException as exc:
            # Every error sentence reaches the terminal sanitized: they quote paths, categories
            # and arguments, any of which can hold escape sequences.
            exc.message = one_line(exc.message)
            raise


class _LazyCommands(dict):  # type: ignore[type-arg]
    """``Group.commands`` where some commands are ``"module:attribute"`` until first looked up.

    Every name is a key from the start (``"figures" in main.commands``, ``--help`` lists it);
    the module is imported when click asks for the command itself (``get``/``[]``/``items``).
    """

    def __init__(self, loaded: dict[str, click.Command], lazy: dict[str, str]) -> None:
        super().__init__(loaded)
        self._lazy = {name: target for name, target in lazy.items() if name not in loaded}
        for name in self._lazy:
            super().__setitem__(name, None)

    def _load(self, name: str) -> click.Command:
        import importlib

        module, _, attr = self._lazy[name].partition(":")
        command = getattr(importlib.import_module(module), attr)
        del self._lazy[name]
        super().__setitem__(name, command)
        return command

    def _load_all(self) -> None:
        for name in list(self._lazy):
            self._load(name)

    def __getitem__(self, name: str) -> click.Command:
        if name in self._lazy:
            return self._load(name)
        return super().__getitem__(name)

    def get(self, name: str, default: Any = None) -> Any:
        if name in self._lazy:
            return self._load(name)
        return super().get(name, default)

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._lazy.pop(name, None)
        super().__setitem__(name, command)

    def values(self) -> Any:
        self._load_all()
        return super().values()

    def items(self) -> Any:
        self._load_all()
        return super().items()

    def copy(self) -> dict[str, click.Command]:
        self._load_all()
        return dict(super().items())


@click.group(cls=_Group, invoke_without_command=True)
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Library file (default: $NEWSDESK_DB, else library.db in the user data folder).",
)
@click.option("--read-only", "readonly", is_flag=True, help="Never write to the library.")
@click.version_option(package_name="newsdesk")
@click.pass_context
def main(ctx: click.Context, db: Path | None, readonly: bool) -> None:
    """newsdesk: a keyboard-driven terminal news browser.

    With no command, opens the app on the library.
    """
    import os

    from tui.dependency_warnings import route

    route()  # before any command imports a dependency that may warn (asyncssh, textual)

    from store.paths import DB_ENV, default_db_path

    explicit = db is not None or bool(os.environ.get(DB_ENV, "").strip())
    path = db.expanduser() if db is not None else default_db_path()
    ctx.obj = CliContext(db_path=path, readonly=readonly, explicit=explicit)
    if ctx.invoked_subcommand is None:
        ctx.exit(_run_app(ctx.obj))


def _run_app(obj: CliContext) -> int:
    """Open the TUI when it is installed; until then print the newest articles."""
    import importlib.util

    from store.library_file import check_path

    try:
        check_path(obj.db_path)  # a FIFO or device is refused before the app takes the screen
    except LibraryError as exc:
        raise click.ClickException(str(exc)) from None
    if importlib.util.find_spec("tui.app") is None:
        with obj.library(reading=True) as lib:
            _print_rows(lib.recent(100))
        return 0
    obj.require_existing()
    if not obj.readonly and obj.seeds_samples():
        obj.library().close()  # seeds an empty default library with the samples
    from tui.app import run

    return int(run(obj.db_path, readonly=obj.readonly) or 0)


# ---- import --------------------------------------------------------------------------------


@main.command("import")
# readable=False: an unreadable file is one failed file in the summary like any other (with
# the readable files beside it imported), not a usage error that imports nothing.
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.pass_obj
def import_cmd(obj: CliContext, paths: tuple[str, ...]) -> None:
    """Import article files and folders (recursively) into the library.

    Prints how many were imported, became new versions, were unchanged or failed (one line per
    failure, and one per FIFO, socket or device skipped); exits with status 1 when any failed.
    """
    if obj.readonly:
        raise click.ClickException("The library is open read-only (--read-only); nothing imported.")
    clutter = _clutter_patterns()
    progress = ProgressBar("Importing")
    with obj.library(create=True) as lib:
        try:
            summary = lib.import_paths(paths, progress, clutter_patterns=clutter)
        finally:
            progress.close()
    _print_summary(summary)
    if summary.failed:
        sys.exit(1)


def _clutter_patterns() -> list[str] | None:
    try:
        from store.config import ConfigError, load_config
    except ImportError:
        return None
    try:
        return list(load_config().clutter_patterns)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


def _print_summary(summary: ImportSummary) -> None:
    click.echo(
        f"imported {summary.imported}, new versions {summary.new_versions}, "
        f"unchanged {summary.unchanged}, failed {len(summary.failed)}"
    )
    for failure in summary.failed:
        click.echo(f"failed: {one_line(failure.path)}: {one_line(failure.reason)}")
    for item in summary.skipped:
        click.echo(f"skipped: {one_line(item.path)}: {one_line(item.reason)}")


# ---- list ----------------------------------------------------------------------------------


def _since(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    text = valid_since(value)
    if text is None:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY).")
    return text


@main.command("list")
@click.option("--category", "-c", default=None, help="Only this category.")
@click.option("--since", callback=_since, default=None, help="Only articles dated on/after.")
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(min=0),
    default=100,
    show_default=True,
    help="How many (0 = all).",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array (see README).")
@click.pass_obj
def list_cmd(
    obj: CliContext, category: str | None, since: str | None, limit: int, as_json: bool
) -> None:
    """List articles, newest first (undated ones last)."""
    with obj.library(reading=True) as lib:
        if category is not None:
            category = lib.match_category(category)
        rows = lib.recent(limit or -1, category=category, since=since)
    if as_json:
        click.echo(dumps([row_json(r) for r in rows]))
    else:
        _print_rows(rows)


def _print_rows(rows: list[ArticleRow]) -> None:
    for line in row_lines(rows):
        click.echo(line)


# ---- show ----------------------------------------------------------------------------------


@main.command("show")
@click.argument("article_id", metavar="ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see README).")
@click.pass_obj
def show_cmd(obj: CliContext, article_id: int, as_json: bool) -> None:
    """Show one article: title, details, key points and body."""
    with obj.library(reading=True) as lib:
        stored = lib.get(article_id)
    if stored is None:
        raise click.ClickException(f"There is no article with id {article_id}.")
    if as_json:
        click.echo(dumps(article_json(stored)))
    else:
        _print_article(stored)


def article_json(stored: StoredArticle) -> dict[str, Any]:
    """The public ``show --json`` object (documented in README.md)."""
    from store.library import stored_body

    a = stored.article
    return {
        "id": stored.id,
        "title": a.title,
        "category": a.category,
        "published": a.published,
        "published_raw": a.published_raw,
        "source": a.source,
        "tags": list(a.tags),
        "key_points": list(a.key_points),
        "lead": a.lead,
        "body": stored_body(a),
        "version": stored.version,
        "versions": [
            {"id": v.id, "version": v.version, "imported_at": v.imported_at}
            for v in stored.versions
        ],
        "path": stored.path,
        "url": a.url,
        "imported_at": stored.imported_at,
    }


def _print_article(stored: StoredArticle) -> None:
    a = stored.article
    click.echo(one_line(a.title))
    details = [
        one_line(a.published) or "undated",
        one_line(a.category) or "no category",
        one_line(a.source) or "no source",
    ]
    if len(stored.versions) > 1:
        details.append(f"version {stored.version} of {len(stored.versions)}")
    click.echo(" · ".join(details))
    if a.url:
        click.echo(one_line(a.url))
    if a.tags:
        click.echo("Tags: " + ", ".join(one_line(t) for t in a.tags))
    if a.key_points:
        click.echo("\nKey points:")
        for point in a.key_points:
            click.echo(f"  • {one_line(point)}")
    if a.lead:
        click.echo("\n" + clean(a.lead))
    for section in a.sections:
        if section.heading:
            click.echo("\n" + one_line(section.heading))
        for para in section.paragraphs:
            click.echo("\n" + clean(para))
    if len(stored.versions) > 1:
        ids = ", ".join(f"v{v.version}=#{v.id}" for v in stored.versions)
        click.echo(f"\nVersions: {ids}")


# ---- commands from other modules -----------------------------------------------------------
# Other owners register their click commands here, one entry each: "name": "module:attribute"
# below (main.add_command(...) still works, but imports the module at every start-up).
# Keep those modules' heavy imports (textual, asyncssh, sqlite_utils) inside their functions.
# They are registered by NAME and imported only when that command runs (or `--help` lists
# them): every `newsdesk list` start-up would otherwise pay for importing them.
# >>> added commands
main.commands = _LazyCommands(
    main.commands,
    {
        "serve": "tui.serve.command:serve",
        "figures": "tui.cli.figures:figures",
        "compare": "tui.cli.figures:compare",
        "extract": "tui.cli.figures:extract",
        "feeds": "tui.cli.feeds:feeds",
        "fetch": "tui.cli.feeds:fetch",
    },
)
# <<< added commands


if __name__ == "__main__":  # pragma: no cover
    main()
