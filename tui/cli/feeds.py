"""``newsdesk feeds ...`` and ``newsdesk fetch``: following feeds from the command line.

Registered lazily in ``tui/cli/commands.py`` like the figures commands: aiohttp, feedparser and
trafilatura (~0.4 s to import) load only when one of these commands runs. The JSON shapes of
``feeds list --json`` and ``fetch --json`` are public and documented in README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tui.cli.output import dumps, one_line

if TYPE_CHECKING:
    from store.fetch.run import FetchProgress, FetchSummary
    from store.library import Library


def _library(ctx: click.Context, *, write: bool = True) -> Library:
    obj = ctx.obj
    if obj is None or not hasattr(obj, "library"):
        raise click.ClickException("No library is configured for this command.")
    if write and getattr(obj, "readonly", False):
        raise click.ClickException("The library is open read-only (--read-only); nothing changed.")
    return obj.library(create=True) if write else obj.library(reading=True)


def _quiet() -> None:
    """A dependency's warnings and log lines never reach the user (FIELD-NOTES)."""
    import warnings

    warnings.filterwarnings("ignore", module=r"(aiohttp|feedparser|trafilatura|htmldate|lxml)")
    from store.fetch.extract import quiet_dependencies

    quiet_dependencies()


@click.group("feeds")
def feeds() -> None:
    """Follow RSS and Atom feeds: add, list, remove, import and export them."""


@feeds.command("add")
@click.argument("url")
@click.option("--category", "-c", default="", help="Category for its articles.")
@click.option("--name", default="", help="Your name for the feed (default: its own title).")
@click.pass_context
def add(ctx: click.Context, url: str, category: str, name: str) -> None:
    """Follow the feed at URL (a page's address finds the feed the page names)."""
    import asyncio

    from store.fetch.registry import RegistryError, add_feed

    _quiet()
    url = url.strip()
    if not url.startswith(("http://", "https://")):
        raise click.ClickException(
            f"{url!r} is not a web address (it must start with http:// or https://)."
        )
    found = asyncio.run(_resolve(url))
    with _library(ctx) as lib:
        try:
            feed = add_feed(lib.conn, found.url, name=name, category=category, title=found.title)
        except RegistryError as exc:
            raise click.ClickException(str(exc)) from None
    if found.url != url:
        click.echo(f"The page names a feed: {one_line(found.url)}")
    title = f" ({one_line(feed.title)})" if feed.title else ""
    click.echo(f"Following feed {feed.id}: {one_line(feed.url)}{title}")


class _Found:
    def __init__(self, url: str, title: str) -> None:
        self.url = url
        self.title = title


async def _resolve(url: str) -> _Found:
    """The feed behind ``url``: itself when it is a feed, else the first one the page names."""
    from store.fetch.discover import feed_links
    from store.fetch.feedparse import FeedError, looks_like_feed, parse_feed
    from store.fetch.http import Client, FetchError, Limits

    limits = Limits()
    async with Client(limits) as client:
        try:
            got = await client.get(url, max_bytes=limits.max_feed_bytes)
        except FetchError as exc:
            raise click.ClickException(f"Cannot add {url}: {exc}.") from None
        if looks_like_feed(got.body, got.content_type):
            try:
                doc = parse_feed(got.body, got.final_url, got.content_type, got.charset)
            except FeedError as exc:
                raise click.ClickException(f"Cannot add {url}: {exc}.") from None
            return _Found(url, doc.title)
        links = feed_links(got.body, got.final_url, got.charset)
        if not links:
            raise click.ClickException(
                f"{url} is a web page that names no feed (no RSS or Atom link in its head)."
            )
        try:
            feed = await client.get(links[0].url, max_bytes=limits.max_feed_bytes)
            doc = parse_feed(feed.body, feed.final_url, feed.content_type, feed.charset)
        except (FetchError, FeedError) as exc:
            raise click.ClickException(
                f"{url} names the feed {links[0].url}, but it cannot be read: {exc}."
            ) from None
        return _Found(links[0].url, doc.title or links[0].title)


@feeds.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array (see README).")
@click.pass_context
def list_feeds_cmd(ctx: click.Context, as_json: bool) -> None:
    """List the followed feeds and what their last fetch said."""
    from store.fetch.registry import list_feeds

    with _library(ctx, write=False) as lib:
        rows = list_feeds(lib.conn)
    if as_json:
        click.echo(dumps([f.to_json() for f in rows]))
        return
    if not rows:
        click.echo("No feeds followed; add one with `newsdesk feeds add URL`.")
        return
    width = max(len(str(f.id)) for f in rows)
    for f in rows:
        status = one_line(f.status) or "not fetched yet"
        category = one_line(f.category) or "-"
        click.echo(f"{f.id:>{width}}  {one_line(f.label)[:40]:<40}  {category[:14]:<14}  {status}")
        click.echo(f"{'':>{width}}  {one_line(f.url)}")


@feeds.command("remove")
@click.argument("feed", metavar="ID|URL")
@click.pass_context
def remove(ctx: click.Context, feed: str) -> None:
    """Stop following a feed (the articles already fetched stay)."""
    from store.fetch.registry import RegistryError, remove_feed

    with _library(ctx) as lib:
        try:
            gone = remove_feed(lib.conn, feed)
        except RegistryError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"No longer following feed {gone.id}: {one_line(gone.url)}")


@feeds.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def import_opml(ctx: click.Context, file: Path) -> None:
    """Follow every feed in an OPML file (its folders become categories)."""
    from store.fetch.opml import OpmlError, read_opml
    from store.fetch.registry import add_many

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise click.ClickException(
            f"Cannot read {file}: {(exc.strerror or str(exc)).lower()}."
        ) from None
    try:
        listed = read_opml(data)
    except OpmlError as exc:
        raise click.ClickException(str(exc)) from None
    with _library(ctx) as lib:
        added, known = add_many(lib.conn, ((f.url, f.name, f.category) for f in listed))
    click.echo(f"added {added} feed(s), {known} followed already")


@feeds.command("export")
@click.pass_context
def export_opml(ctx: click.Context) -> None:
    """Print the followed feeds as OPML 2.0 (for other feed readers)."""
    from store.fetch.opml import write_opml
    from store.fetch.registry import list_feeds

    with _library(ctx, write=False) as lib:
        rows = list_feeds(lib.conn)
    click.echo(write_opml(rows), nl=False)


@click.command("fetch")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON (see README).")
@click.pass_context
def fetch(ctx: click.Context, as_json: bool) -> None:
    """Fetch every followed feed and store new and changed articles.

    Prints how many articles are new, updated (a changed page: a new version, with what
    changed in its figures), unchanged or failed, one line per failed feed or page; exits
    with status 1 when any failed.
    """
    import asyncio

    from store.fetch.registry import list_feeds
    from store.fetch.run import fetch_feeds

    _quiet()
    clutter = _clutter()
    with _library(ctx) as lib:
        if not list_feeds(lib.conn):
            raise click.ClickException("No feeds followed; add one with `newsdesk feeds add URL`.")
        progress = _Progress()
        try:
            summary = asyncio.run(fetch_feeds(lib, clutter_patterns=clutter, progress=progress))
        finally:
            progress.close()
    _print(summary, as_json)
    if summary.failed:
        sys.exit(1)


def _clutter() -> list[str] | None:
    from tui.cli.commands import _clutter_patterns

    return _clutter_patterns()


def _print(summary: FetchSummary, as_json: bool) -> None:
    if as_json:
        click.echo(dumps(summary.to_json()))
        return
    for line in summary.lines():
        click.echo(one_line(line))


class _Progress:
    """Progress on stderr: one line redrawn on a terminal, a line per feed otherwise."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.drawn = False

    def __call__(self, p: FetchProgress) -> None:
        text = f"fetched {p.feeds_done}/{p.feeds_total} feeds, {p.pages_done} pages read"
        if self.tty:
            sys.stderr.write("\r" + text[:100].ljust(60))
            self.drawn = True
        else:
            sys.stderr.write(f"{text}: {one_line(p.last)[:80]}\n")
        sys.stderr.flush()

    def close(self) -> None:
        if self.drawn:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self.drawn = False
