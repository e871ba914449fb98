"""Live news: the feeds a library follows, fetched over HTTP, their pages turned into articles.

Modules, each named for what it holds:

* ``registry``: the ``feeds`` and ``pages`` tables (what is followed, HTTP validators).
* ``http``: one polite, bounded HTTP client (aiohttp): limits, timeouts, retries, redirects,
  conditional requests, size limits that hold for compressed bodies too.
* ``feedparse``: feed bytes to entries (feedparser, run off the event loop).
* ``extract``: a web page to an ``Article`` (trafilatura's fast mode, key points, metadata).
* ``htmltext``: HTML bytes parsed in the right encoding, HTML fragments as text blocks.
* ``keypoints``: a page's own summary box or top bullet list.
* ``discover``: a page's ``<link rel="alternate">`` feeds.
* ``opml``: OPML import and export.
* ``run``: the fetcher itself, feeds to stored articles, with a summary.

Nothing here is imported by ``newsdesk list`` or the app's first frame: aiohttp, feedparser
and trafilatura cost ~0.4 s to import together, so every module imports them where used.
"""
