"""HTTP fetching with httpx: conditional GET, limits on size, time and redirects, polite retries.

A ``Fetcher`` holds one connection pool and the concurrency limits (overall and per host); ``get`` never
raises for network trouble: it returns a ``FetchResult`` whose ``error`` says what went wrong, so one bad
feed or page never stops a run.
"""

from __future__ import annotations

import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from newsmon.config import FetchSettings
from newsmon.errors import RefusedError
from newsmon.models import FetchResult
from newsmon.netguard import AddressGuard
from newsmon.netguard import deadline as total_deadline

# Bodies of these types are never read: a feed or page link that serves media is refused up front.
_REFUSED_TYPES = ("video/", "audio/", "image/", "font/", "application/zip", "application/pdf",
                  "application/octet-stream", "application/x-", "application/vnd.")
_RETRY_STATUSES = {500, 502, 503, 504, 429}
_MAX_INLINE_RETRY_AFTER = 10.0  # seconds; longer waits are recorded and honoured on later runs


class Fetcher:
    """A polite HTTP client shared by all feeds and pages of a run (thread-safe)."""

    def __init__(
        self,
        settings: FetchSettings,
        *,
        user_agent: str,
        guard: AddressGuard | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.guard = guard
        self._sleep = sleep
        timeout = httpx.Timeout(
            settings.read_timeout, connect=settings.connect_timeout, pool=settings.total_timeout
        )
        limits = httpx.Limits(
            max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency
        )
        self.client = httpx.Client(
            timeout=timeout,
            limits=limits,
            follow_redirects=False,  # followed by hand so every hop is checked
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            transport=transport if transport is not None else (
                guard.transport() if guard is not None else None
            ),
            trust_env=False,
        )
        self._overall = threading.BoundedSemaphore(settings.concurrency)
        self._hosts: dict[str, threading.BoundedSemaphore] = defaultdict(
            lambda: threading.BoundedSemaphore(settings.per_host)
        )
        self._hosts_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __reduce__(self) -> tuple[object, ...]:
        # a Fetcher sent to another process (a Dask worker) is rebuilt there with its own pool and locks
        return (_rebuild_fetcher, (self.settings, self.client.headers["User-Agent"], self.guard))

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _host_slot(self, url: str) -> threading.BoundedSemaphore:
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:  # the request will fail with the reason; it still takes a slot
            host = ""
        with self._hosts_lock:
            return self._hosts[host]

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
    ) -> FetchResult:
        """GET ``url`` (conditionally when validators are given), retrying transient failures."""
        attempts = self.settings.retries + 1
        result = FetchResult(url=url, status=None, error="not attempted")
        for attempt in range(attempts):
            with self._overall, self._host_slot(url), total_deadline(self.settings.total_timeout):
                result = self._get_once(url, etag=etag, last_modified=last_modified, accept=accept)
            if not _transient(result) or attempt == attempts - 1:
                break
            wait = result.retry_after
            if wait is not None and wait > _MAX_INLINE_RETRY_AFTER:
                break  # the caller records it and comes back after that time
            if wait is None:
                wait = self.settings.backoff * (2**attempt) * (0.5 + random.random())
            self._sleep(wait)
        return result

    def _get_once(
        self, url: str, *, etag: str | None, last_modified: str | None, accept: str
    ) -> FetchResult:
        started = time.monotonic()
        deadline = started + self.settings.total_timeout
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        permanent: str | None = None
        seen = {url}
        try:
            for _hop in range(self.settings.max_redirects + 1):
                if urlsplit(current).scheme not in ("http", "https"):
                    raise RefusedError(f"refused: scheme of {current}", url=current)
                with self.client.stream("GET", current, headers=headers) as response:
                    if response.is_redirect and "location" in response.headers:
                        target = urljoin(current, response.headers["location"])
                        if response.status_code in (301, 308) and permanent is None and current == url:
                            permanent = target
                        if target in seen:
                            return _failed(url, started, f"redirect loop at {target}", response.status_code)
                        seen.add(target)
                        current = target
                        continue
                    return self._read(url, current, response, started, deadline, permanent)
            return _failed(url, started, f"more than {self.settings.max_redirects} redirects", None)
        except RefusedError as exc:
            return _failed(url, started, str(exc), None)
        except httpx.TimeoutException as exc:
            return _failed(url, started, f"timed out ({type(exc).__name__})", None)
        except httpx.HTTPError as exc:
            return _failed(url, started, f"{type(exc).__name__}: {exc}", None)
        except (httpx.InvalidURL, ValueError, UnicodeError) as exc:  # a link no request can be made of
            return _failed(url, started, f"invalid URL: {exc}", None)

    def _read(
        self,
        url: str,
        final: str,
        response: httpx.Response,
        started: float,
        deadline: float,
        permanent: str | None,
    ) -> FetchResult:
        status = response.status_code
        headers = {k.lower(): v for k, v in response.headers.items()}
        common = dict(
            url=url,
            status=status,
            headers=headers,
            final_url=final,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            permanent_redirect=permanent,
        )
        if status == 304:
            return FetchResult(**common, elapsed=time.monotonic() - started)  # type: ignore[arg-type]
        if status >= 400:
            return FetchResult(
                **common,  # type: ignore[arg-type]
                error=f"HTTP {status}",
                retry_after=_retry_after(response.headers.get("retry-after"), self.settings.max_retry_after),
                elapsed=time.monotonic() - started,
            )
        ctype = headers.get("content-type", "").lower()
        if ctype.startswith(_REFUSED_TYPES):
            return _failed(url, started, f"refused content type {ctype.split(';')[0]}", status)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.settings.max_bytes:
            return _failed(url, started, f"too large: {declared} bytes declared", status)
        chunks: list[bytes] = []
        size = 0
        # iter_bytes decompresses: the cap holds for the decompressed size too (compression bombs)
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.settings.max_bytes:
                return _failed(url, started, f"too large: over {self.settings.max_bytes} bytes", status)
            if time.monotonic() > deadline:
                return _failed(url, started, f"timed out after {self.settings.total_timeout:g} s", status)
            chunks.append(chunk)
        return FetchResult(**common, content=b"".join(chunks), elapsed=time.monotonic() - started)  # type: ignore[arg-type]


def _rebuild_fetcher(settings: FetchSettings, user_agent: str, guard: AddressGuard | None) -> Fetcher:
    return Fetcher(settings, user_agent=user_agent, guard=guard)


def _failed(url: str, started: float, error: str, status: int | None) -> FetchResult:
    return FetchResult(url=url, status=status, error=error, elapsed=time.monotonic() - started)


def _transient(result: FetchResult) -> bool:
    if result.error is None:
        return False
    if result.status in _RETRY_STATUSES:
        return True
    return result.status is None and (
        result.error.startswith("timed out") or result.error.startswith(("ConnectError", "ReadError",
                                                                           "RemoteProtocolError"))
    )


def _retry_after(value: str | None, cap: float) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, min((when - datetime.now(UTC)).total_seconds(), cap))
