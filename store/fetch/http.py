"""One bounded, polite HTTP client for feeds and pages (aiohttp).

Why each rule:

* **Limits per host and in total** (the connector's): following 50 feeds of one site must not
  open 50 connections to it, and a fetch must not exhaust the machine's sockets.
* **Timeouts** (connect, between reads, whole request): one slow server must not hold a fetch.
* **Retries with backoff, honouring Retry-After**: transient 429/5xx and dropped connections
  are common; asking again at once is rude and usually fails again.
* **Conditional requests** (ETag, Last-Modified): most polls find nothing new; a 304 costs the
  server and us almost nothing.
* **Redirects followed by hand**, at most ``max_redirects``, http(s) only, loops named as such.
* **Size limits that hold after decompression**: aiohttp's own decompression inflates a whole
  received chunk at once, so a gzip bomb of 64 KiB can become 64 MiB in one step. Bodies are
  therefore read compressed and inflated here with ``max_length``, never past the limit.
* **A User-Agent naming newsdesk**, so site owners can tell who is fetching.

Errors are ``FetchError`` with one sentence for the user; nothing here prints or logs.
"""

from __future__ import annotations

import asyncio
import random
import zlib
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

USER_AGENT = "newsdesk/0.1 (terminal news reader; +https://pypi.org/project/newsdesk/)"
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
READ_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """Every bound the client keeps; tests shrink the waits, the defaults suit real sites."""

    total: int = 20  # connections open at once
    per_host: int = 4  # connections to one host at once
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # longest silence between two reads
    request_timeout: float = 60.0  # one request, start to last byte
    retries: int = 2  # further attempts after the first
    backoff: float = 1.0  # first wait between attempts (doubled each time, with jitter)
    max_retry_after: float = 120.0  # a longer Retry-After gives up instead of waiting
    max_redirects: int = 5
    max_feed_bytes: int = 10 * 1024 * 1024  # after decompression
    max_page_bytes: int = 5 * 1024 * 1024  # after decompression (the import limit)


class FetchError(Exception):
    """A URL that could not be fetched; ``str()`` is one sentence without a final period."""


@dataclass
class Fetched:
    """One successful answer: the body (decompressed), or ``not_modified`` for a 304."""

    url: str  # what was asked for
    final_url: str  # where the redirects ended
    status: int
    body: bytes = b""
    content_type: str = ""  # lower case, without parameters
    charset: str = ""  # from the Content-Type header, "" when it names none
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False


@dataclass
class Validators:
    """What the last answer for a URL said, sent back as a conditional request."""

    etag: str = ""
    last_modified: str = ""

    def headers(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


@dataclass
class Client:
    """An open HTTP client; use ``async with Client(limits) as client``."""

    limits: Limits = field(default_factory=Limits)
    session: Any = None
    requests: int = 0  # requests sent (attempts and redirects included), for tests and bench

    async def __aenter__(self) -> Client:
        import aiohttp

        connector = aiohttp.TCPConnector(
            limit=self.limits.total, limit_per_host=self.limits.per_host, ttl_dns_cache=300
        )
        timeout = aiohttp.ClientTimeout(
            total=self.limits.request_timeout,
            connect=self.limits.connect_timeout,
            sock_read=self.limits.read_timeout,
        )
        self.session = aiohttp.ClientSession(
            connector=connector,
            timeout=timeout,
            auto_decompress=False,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.session is not None:
            await self.session.close()
            self.session = None

    async def get(
        self,
        url: str,
        *,
        max_bytes: int,
        validators: Validators | None = None,
        accept: str = "*/*",
    ) -> Fetched:
        """GET ``url`` with retries; raises ``FetchError`` with the reason in one sentence."""
        attempt = 0
        while True:
            try:
                return await self._follow(url, max_bytes, validators, accept)
            except _Retryable as exc:
                if attempt >= self.limits.retries:
                    raise FetchError(exc.reason) from None
                wait = self.limits.backoff * (2**attempt) * (0.75 + random.random() / 2)
                if exc.retry_after is not None:
                    if exc.retry_after > self.limits.max_retry_after:
                        raise FetchError(
                            f"{exc.reason}, and the server asks to wait "
                            f"{exc.retry_after:.0f} s before trying again"
                        ) from None
                    wait = max(wait, exc.retry_after)
                attempt += 1
                await asyncio.sleep(wait)

    async def _follow(
        self, url: str, max_bytes: int, validators: Validators | None, accept: str
    ) -> Fetched:
        """One attempt: the request and its redirects (``_Retryable`` for transient trouble)."""
        seen = [url]
        current = url
        while True:
            _check_scheme(current)
            headers = {"Accept": accept}
            if validators is not None and current == url:
                headers.update(validators.headers())
            got = await self._once(current, headers, max_bytes)
            if isinstance(got, Fetched):
                got.url = url
                return got
            target = urljoin(current, got)
            if target in seen:
                raise FetchError(f"the server redirects in a loop (back to {target})")
            if len(seen) > self.limits.max_redirects:
                raise FetchError(
                    f"the server redirects more than {self.limits.max_redirects} times"
                )
            seen.append(target)
            current = target

    async def _once(self, url: str, headers: dict[str, str], max_bytes: int) -> Fetched | str:
        """One request: a ``Fetched``, or the Location of a redirect."""
        import aiohttp

        self.requests += 1
        try:
            async with self.session.get(url, headers=headers, allow_redirects=False) as resp:
                status = resp.status
                if status in REDIRECT_STATUSES:
                    location = resp.headers.get("Location", "").strip()
                    if not location:
                        raise FetchError(f"the server answered {status} without saying where to")
                    return location
                if status == 304:
                    return Fetched(
                        url,
                        str(resp.url),
                        304,
                        etag=resp.headers.get("ETag", ""),
                        last_modified=resp.headers.get("Last-Modified", ""),
                        not_modified=True,
                    )
                if status in RETRY_STATUSES:
                    raise _Retryable(_status_reason(status), _retry_after(resp.headers))
                if status >= 400:
                    raise FetchError(_status_reason(status))
                if status != 200:
                    raise FetchError(f"the server answered {status} instead of the content")
                declared = resp.content_length
                if declared is not None and declared > max_bytes * 2 + 1024 * 1024:
                    raise FetchError(_too_big(max_bytes))
                body = await _read_body(resp, max_bytes)
                return Fetched(
                    url,
                    str(resp.url),
                    status,
                    body,
                    content_type=(resp.content_type or "").lower(),
                    charset=(resp.charset or "").lower(),
                    etag=resp.headers.get("ETag", ""),
                    last_modified=resp.headers.get("Last-Modified", ""),
                )
        except (FetchError, _Retryable):
            raise
        except TimeoutError:
            raise _Retryable("the server did not answer in time") from None
        except aiohttp.ClientConnectorError as exc:
            raise _Retryable(
                f"cannot connect to {urlsplit(url).netloc} ({_os_reason(exc)})"
            ) from None
        except aiohttp.ServerDisconnectedError:
            raise _Retryable("the server closed the connection before answering") from None
        except aiohttp.ClientPayloadError:
            raise _Retryable("the server broke off the answer midway") from None
        except aiohttp.ClientResponseError as exc:
            raise FetchError(f"the server's answer was not valid HTTP ({exc.message})") from None
        except aiohttp.ClientError as exc:
            raise _Retryable(f"the request failed ({type(exc).__name__})") from None
        except (ValueError, UnicodeError) as exc:
            raise FetchError(f"the address cannot be fetched ({exc})") from None


class _Retryable(Exception):
    """Transient trouble: worth another attempt after a wait."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


async def _read_body(resp: Any, max_bytes: int) -> bytes:
    """The body, inflated here (gzip or deflate) and never past ``max_bytes`` + 1 bytes."""
    encoding = resp.headers.get("Content-Encoding", "").strip().lower()
    inflater: Any = None
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = _Deflate()
    elif encoding not in ("", "identity"):
        raise FetchError(f"the server sent the content encoded as {encoding!r}, which is not read")
    out = bytearray()
    raw = 0
    async for chunk in resp.content.iter_chunked(READ_CHUNK):
        raw += len(chunk)
        if inflater is None:
            out += chunk
        else:
            _inflate_into(out, inflater, chunk, max_bytes)
        if len(out) > max_bytes or raw > max_bytes * 2 + 1024 * 1024:
            raise FetchError(_too_big(max_bytes))
    if inflater is not None:
        try:
            tail = inflater.flush()
        except zlib.error:
            tail = b""
        out += tail[: max_bytes + 1 - len(out)]
        if len(out) > max_bytes:
            raise FetchError(_too_big(max_bytes))
    return bytes(out)


def _inflate_into(out: bytearray, inflater: Any, chunk: bytes, max_bytes: int) -> None:
    """Inflate ``chunk`` onto ``out``, stopping once ``out`` passes ``max_bytes``."""
    data = chunk
    try:
        while data:
            room = max_bytes + 1 - len(out)
            if room <= 0:
                return
            out += inflater.decompress(data, room)
            data = inflater.unconsumed_tail
    except zlib.error:
        raise FetchError("the server sent a compressed answer that cannot be inflated") from None


class _Deflate:
    """``Content-Encoding: deflate`` is zlib-wrapped by the standard, raw in some servers."""

    def __init__(self) -> None:
        self._inner: Any = None

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if self._inner is None:
            raw = not (
                len(data) >= 2 and data[0] & 0x0F == 8 and int.from_bytes(data[:2]) % 31 == 0
            )
            self._inner = zlib.decompressobj(-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)
        return self._inner.decompress(data, max_length)

    @property
    def unconsumed_tail(self) -> bytes:
        return self._inner.unconsumed_tail if self._inner is not None else b""

    def flush(self) -> bytes:
        return self._inner.flush() if self._inner is not None else b""


def _check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"only http and https addresses are fetched, not {scheme or 'this'!r}")


def _retry_after(headers: Any) -> float | None:
    """Retry-After as seconds (it may be a number or an HTTP date), None when absent."""
    value = headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    from datetime import UTC, datetime

    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


_STATUS_REASONS = {
    401: "the server asks for a login (401)",
    403: "the server refuses access (403)",
    404: "the server has no such page (404 Not Found)",
    408: "the server timed out waiting for the request (408)",
    410: "the page is gone for good (410 Gone)",
    429: "the server says too many requests were made (429)",
    500: "the server failed with an internal error (500)",
    502: "the server's gateway failed (502)",
    503: "the server is unavailable (503)",
    504: "the server's gateway timed out (504)",
}


def _status_reason(status: int) -> str:
    return _STATUS_REASONS.get(status, f"the server answered with error {status}")


def _too_big(max_bytes: int) -> str:
    return f"the answer is over the {max_bytes / 1048576:.0f} MB limit"


def _os_reason(exc: Any) -> str:
    err = getattr(exc, "os_error", None)
    text = getattr(err, "strerror", None) or str(err or exc)
    return text.lower().rstrip(".")
