"""The fetcher: every followed feed, its new and changed pages, stored as articles.

How a fetch runs, and why:

* All feeds are fetched concurrently through one ``Client`` (limits per host and in total).
  A feed that answers 304 Not Modified costs nothing more. A feed that changed has every
  entry's page asked for, conditionally: pages answer 304 when unchanged, and a page whose
  text changed becomes a new version of its article (the library's version path).
* CPU work (feedparser, trafilatura, figure extraction) runs in an executor, never on the
  event loop, so downloads keep flowing while pages are read. At most ``IN_FLIGHT`` pages are
  held at once (downloaded, waiting to be read), which bounds memory whatever the feed sizes.
* Each feed is stored as ONE transaction: its new articles and versions, the validators of
  its pages and its own ETag/Last-Modified. A fetch stopped at any moment (even ``kill -9``)
  leaves every feed either as before or fully stored; running it again completes it.
* Nothing is lost: a page that cannot be fetched or read gives one line, and its entry is
  stored from the feed's own text when the feed has any; the feed's validators are then not
  updated, so the next fetch asks for the feed (and that page) again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from store.fetch.article import EntryInfo, FeedInfo, build_article
from store.fetch.changes import VersionNote, version_notes
from store.fetch.http import Client, Fetched, FetchError, Limits, Validators
from store.fetch.registry import Feed, PageState, list_feeds, now, page_states, save_feed_state
from store.fetch.registry import save_pages as _save_pages

IN_FLIGHT = 48  # pages downloaded and not yet read, at most
HTML_TYPES = ("text/html", "application/xhtml+xml", "")
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True)
class FetchFailure:
    """A feed or page that could not be fetched or read, and why, in one line."""

    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}"


@dataclass
class FetchProgress:
    """Where a fetch stands: feeds finished of all, pages read of those seen so far."""

    feeds_done: int
    feeds_total: int
    pages_done: int
    pages_seen: int
    last: str = ""  # the feed that just finished


@dataclass
class FetchSummary:
    """What one fetch did, in the import summary's words (new, updated, unchanged, failed)."""

    feeds: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[FetchFailure] = field(default_factory=list)
    notes: list[FetchFailure] = field(default_factory=list)  # odd but harmless, one line each
    versions: list[VersionNote] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)  # rows stored (new articles and versions)
    pages: int = 0  # pages downloaded (200 answers)
    requests: int = 0

    def lines(self) -> list[str]:
        out = [
            f"new {self.new}, updated {self.updated}, unchanged {self.unchanged}, "
            f"failed {len(self.failed)}"
        ]
        out += [f"updated: {note.line()}" for note in self.versions]
        out += [f"failed: {failure}" for failure in self.failed]
        out += [f"note: {note}" for note in self.notes]
        return out

    def to_json(self) -> dict[str, object]:
        """The public ``fetch --json`` shape (documented in README.md)."""
        return {
            "feeds": self.feeds,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": [{"url": f.url, "reason": f.reason} for f in self.failed],
            "notes": [{"url": n.url, "reason": n.reason} for n in self.notes],
            "versions": [
                {"id": v.id, "title": v.title, "version": v.version, "changes": v.changes}
                for v in self.versions
            ],
            "ids": self.ids,
        }


@dataclass
class PreparedEntry:
    """An entry made ready to store in a worker: the insert record, or why there is none."""

    url: str
    record: tuple | None
    used_feed: bool = False
    problem: str = ""  # why the page itself was not read ("" when it was)


def prepare_entry(
    entry: EntryInfo,
    feed: FeedInfo,
    page: bytes | None,
    charset: str,
    problem: str,
    clutter: Sequence[str] | None,
) -> PreparedEntry:
    """Read a page (or fall back to the feed's text) and prepare its record, figures included.

    Module-level and given plain data only, so it runs in a thread or a process alike.
    """
    from store.fetch.extract import extract_page
    from store.fetch.htmltext import ExtractError
    from store.library import prepare_article

    text = None
    if page is not None:
        try:
            text = extract_page(page, entry.url, charset=charset, clutter_patterns=clutter)
        except ExtractError as exc:
            problem = str(exc)
    article, used_feed = build_article(entry, feed, text, clutter_patterns=clutter)
    if article is None:
        return PreparedEntry(entry.url, None, True, problem or "the page holds no article text")
    label = entry.url or feed.url
    return PreparedEntry(entry.url, prepare_article(label, article), used_feed, problem)


Stored = Callable[[FetchSummary], None]


async def fetch_feeds(
    library: Any,
    *,
    limits: Limits | None = None,
    clutter_patterns: Sequence[str] | None = None,
    progress: Callable[[FetchProgress], None] | None = None,
    on_stored: Stored | None = None,
    executor: Executor | None = None,
    only: Sequence[int] | None = None,
) -> FetchSummary:
    """Fetch every followed feed (or the ids in ``only``) into ``library`` (a writable Library).

    ``on_stored(partial)`` is called on the event loop after each feed's transaction commits,
    with what that feed added: the app shows new articles as they land.
    """
    from store.fetch.extract import quiet_dependencies

    quiet_dependencies()
    limits = limits or Limits()
    loop = asyncio.get_running_loop()
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-fetch-db")
    cpu = executor or ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-fetch-cpu")
    summary = FetchSummary()
    try:
        feeds = await loop.run_in_executor(writer, list_feeds, library.conn)
        if only is not None:
            feeds = [f for f in feeds if f.id in set(only)]
        summary.feeds = len(feeds)
        job = _Job(library, limits, clutter_patterns, loop, writer, cpu, summary, progress)
        job.on_stored = on_stored
        async with Client(limits) as client:
            job.client = client
            await asyncio.gather(*(job.feed(feed) for feed in feeds))
            summary.requests = client.requests
    finally:
        writer.shutdown(wait=True)
        if executor is None:
            cpu.shutdown(wait=False, cancel_futures=True)
    return summary


@dataclass
class _Job:
    """The state one fetch shares between its feed tasks."""

    library: Any
    limits: Limits
    clutter: Sequence[str] | None
    loop: asyncio.AbstractEventLoop
    writer: Executor
    cpu: Executor
    summary: FetchSummary
    progress: Callable[[FetchProgress], None] | None
    client: Any = None
    on_stored: Stored | None = None
    feeds_done: int = 0
    pages_done: int = 0
    pages_seen: int = 0
    slots: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(IN_FLIGHT))

    def _report(self, last: str = "") -> None:
        if self.progress is not None:
            self.progress(
                FetchProgress(
                    self.feeds_done,
                    self.summary.feeds,
                    self.pages_done,
                    self.pages_seen,
                    last,
                )
            )

    async def feed(self, feed: Feed) -> None:
        try:
            await self._feed(feed)
        finally:
            self.feeds_done += 1
            self._report(feed.label)

    async def _feed(self, feed: Feed) -> None:
        from store.fetch.feedparse import FeedError, parse_feed

        validators = Validators(feed.etag, feed.last_modified)
        feed.checked_at = now()
        try:
            got = await self.client.get(
                feed.url,
                max_bytes=self.limits.max_feed_bytes,
                validators=validators,
                accept=FEED_ACCEPT,
            )
        except FetchError as exc:
            self.summary.failed.append(FetchFailure(feed.url, str(exc)))
            feed.status = str(exc)
            await self._store(feed, [], [])
            return
        if got.not_modified:
            feed.status = "not modified"
            await self._store(feed, [], [])
            return
        try:
            doc = await self.loop.run_in_executor(
                self.cpu, parse_feed, got.body, got.final_url, got.content_type, got.charset
            )
        except FeedError as exc:
            self.summary.failed.append(FetchFailure(feed.url, str(exc)))
            feed.status = str(exc)
            await self._store(feed, [], [])
            return
        finally:
            got.body = b""
        if doc.problem:
            self.summary.notes.append(
                FetchFailure(feed.url, f"{doc.problem}; read {len(doc.entries)} entries anyway")
            )
        if doc.duplicates:
            self.summary.notes.append(
                FetchFailure(feed.url, f"{doc.duplicates} entries repeat an earlier id; read once")
            )
        if not doc.entries:
            self.summary.notes.append(FetchFailure(feed.url, "the feed holds no entries"))
        feed.title = doc.title or feed.title
        feed.site_url = doc.site_url or feed.site_url
        info = FeedInfo(feed.url, feed.name or doc.title, feed.category)
        urls = [e.url for e in doc.entries if e.url]
        states = await self.loop.run_in_executor(self.writer, page_states, self.library.conn, urls)
        self.pages_seen += len(doc.entries)
        results = await asyncio.gather(
            *(self._entry(entry, info, states.get(entry.url), feed.id) for entry in doc.entries)
        )
        records: list[tuple] = []
        pages: list[PageState] = []
        complete = True
        for prepared, state in results:
            if state is not None:
                pages.append(state)
            if prepared is None:
                continue
            if prepared.problem:
                complete = False
                fallback = "; the feed's own text was stored instead" if prepared.record else ""
                self.summary.failed.append(
                    FetchFailure(prepared.url or feed.url, prepared.problem + fallback)
                )
            if prepared.record is not None:
                records.append(prepared.record)
        if complete:
            feed.etag, feed.last_modified = got.etag, got.last_modified
            feed.status = "ok"
        else:
            feed.status = "some pages failed; they are asked for again next time"
        await self._store(feed, records, pages)

    async def _entry(
        self, entry: Any, info: FeedInfo, state: PageState | None, feed_id: int
    ) -> tuple[PreparedEntry | None, PageState | None]:
        """Fetch and read one entry's page: (prepared entry or None if unchanged, new state)."""
        einfo = EntryInfo(
            url=entry.url,
            title=entry.title,
            summary_html=entry.summary_html,
            content_html=entry.content_html,
            published=entry.published,
            published_raw=entry.published_raw,
            tags=list(entry.tags),
        )
        async with self.slots:
            body: bytes | None = None
            charset = problem = ""
            new_state: PageState | None = None
            if entry.url:
                validators = Validators(state.etag, state.last_modified) if state else None
                try:
                    got: Fetched = await self.client.get(
                        entry.url,
                        max_bytes=self.limits.max_page_bytes,
                        validators=validators,
                        accept=PAGE_ACCEPT,
                    )
                except FetchError as exc:
                    problem = str(exc)
                else:
                    new_state = PageState(entry.url, feed_id, got.etag, got.last_modified, now())
                    if got.not_modified:
                        self.summary.unchanged += 1
                        self.pages_done += 1
                        return None, new_state
                    self.summary.pages += 1
                    if got.content_type not in HTML_TYPES:
                        problem = f"the page is not HTML (it is {got.content_type})"
                        new_state = None
                    else:
                        body, charset = got.body, got.charset
            prepared = await self.loop.run_in_executor(
                self.cpu, prepare_entry, einfo, info, body, charset, problem, self.clutter
            )
            self.pages_done += 1
            if prepared.problem:
                new_state = None  # not read: ask for the whole page again next time
            return prepared, new_state

    async def _store(self, feed: Feed, records: list[tuple], pages: list[PageState]) -> None:
        """One transaction: the records, the page validators, the feed's state."""

        def write() -> tuple[Any, list[VersionNote]]:
            def before_commit(conn: Any) -> None:
                _save_pages(conn, pages)
                save_feed_state(conn, feed)

            result = self.library.import_prepared(records, before_commit=before_commit)
            notes = version_notes(self.library, result.ids) if result.new_versions else []
            return result, notes

        result, notes = await self.loop.run_in_executor(self.writer, write)
        part = FetchSummary(
            new=result.imported,
            updated=result.new_versions,
            unchanged=result.unchanged,
            versions=notes,
            ids=list(result.ids),
        )
        self.summary.new += part.new
        self.summary.updated += part.updated
        self.summary.unchanged += part.unchanged
        self.summary.versions += notes
        self.summary.ids += part.ids
        if self.on_stored is not None and (part.new or part.updated):
            self.on_stored(part)
