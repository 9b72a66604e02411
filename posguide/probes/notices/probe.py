"""The "notices" probe: is the payment provider in planned or emergency maintenance right now?

Every feed is read concurrently over one aiohttp session (system/env proxies honoured), each
within ``per_feed_timeout_s``; parsing runs in a worker thread so a large feed cannot stall the
Qt loop. A feed that fails falls back to its last good fetch on disk, reported with its age.
Manual notices (typed in, or pasted from an SMS) are merged in. ``report.verdict`` decides.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import aiohttp

from posguide import __version__
from posguide.concurrency import gather_all
from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.base import Outcome, ProbeResult, ProgressCallback, Status
from posguide.probes.notices.cache import CachedFetch, FeedCache
from posguide.probes.notices.fetch import (
    PARSE_TIMEOUT_S,
    Downloaded,
    NoticeFeed,
    detect_kind,
    download,
    host_of,
    is_page,
    parse_feed,
    read_in_worker,
)
from posguide.probes.notices.model import DEFAULT_UPCOMING, FeedError, Notice
from posguide.probes.notices.page_feed import PageFeedRead, Pages, problem_text, read_page_feed
from posguide.probes.notices.pages import PageUnreadable
from posguide.probes.notices.report import FeedResult, verdict
from posguide.probes.threads import run_blocking

log = logging.getLogger("posguide.probes.notices")

MAX_BYTES: Final = 2 * 1024 * 1024
CACHE_TIMEOUT_S: Final = 3.0
#: An announcement page is fetched at most this often; meanwhile its cached copy is read
#: (the window re-checks every 30 s during an incident; a bank's website is not a feed).
PAGE_REFRESH_S: Final = 180.0
HEADERS: Final = {
    "User-Agent": f"posguide/{__version__} (maintenance notice check)",
    "Accept": "application/json, application/rss+xml, application/atom+xml, text/calendar, */*",
    "Accept-Encoding": "gzip, deflate",  # we inflate these ourselves, within max_bytes
}


def system_zone() -> tzinfo:
    """The PC's zone with its DST rules where the OS names it, else its current UTC offset."""
    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            link = str(Path("/etc/localtime").resolve())
        except OSError:
            link = ""
        name = link.split("zoneinfo/", 1)[1] if "zoneinfo/" in link else ""
    try:
        return ZoneInfo(name) if name else _fixed_local()
    except (ZoneInfoNotFoundError, ValueError):
        return _fixed_local()


def _fixed_local() -> tzinfo:
    return datetime.now().astimezone().tzinfo or UTC


class NoticeProbe:
    """Reads the provider's notice feeds and manual notices; id "notices"."""

    def __init__(
        self,
        provider_id: str,
        provider_name: str = "",
        feeds: Sequence[NoticeFeed] = (),
        manual: Sequence[Notice] = (),
        *,
        cache_dir: Path | None = None,
        local_tz: tzinfo | None = None,
        provider_tz: tzinfo | None = None,
        now: Callable[[], datetime] | None = None,
        per_feed_timeout_s: float = 5.0,
        max_bytes: int = MAX_BYTES,
        upcoming_within: timedelta = DEFAULT_UPCOMING,
    ) -> None:
        self.id = "notices"
        # Feeds run concurrently: one feed timeout, plus parsing and the cache; a page source
        # may fetch a list page, then its announcements.
        fetches = 2 if any(f.kind in ("page", "auto") for f in feeds) else 1
        self.timeout_s = fetches * (per_feed_timeout_s + PARSE_TIMEOUT_S) + 2 * CACHE_TIMEOUT_S
        self.provider_id = provider_id
        self.provider_name = provider_name or provider_id
        self.feeds = list(feeds)
        self.manual = list(manual)
        self.cache = FeedCache(cache_dir) if cache_dir is not None else None
        self.local_tz = local_tz  # None: convert with the PC's own rules
        self.provider_tz = provider_tz or local_tz or system_zone()
        self._now = now or (lambda: datetime.now(UTC))
        self.per_feed_timeout_s = per_feed_timeout_s
        self.max_bytes = max_bytes
        self.upcoming_within = upcoming_within

    async def check(self, progress: ProgressCallback) -> ProbeResult:
        outcome = Outcome(self.id)
        if not self.feeds and not self.manual:
            return outcome.finish(
                Status.SKIPPED,
                Text(
                    QT_TR_NOOP("No notice feeds configured for {provider}"),
                    provider=self.provider_name,
                ),
            )
        now = self._now()
        results: list[FeedResult] = []
        if self.feeds:
            reading = (
                Text(QT_TR_NOOP("Reading the notice feed"))
                if len(self.feeds) == 1
                else Text(QT_TR_NOOP("Reading {count} notice feeds"), count=len(self.feeds))
            )
            progress(0.0, reading)
            async with aiohttp.ClientSession(
                trust_env=True, auto_decompress=False, headers=HEADERS
            ) as session:
                done = 0

                async def one(feed: NoticeFeed) -> FeedResult:
                    nonlocal done
                    result = await self._read(session, feed, now)
                    done += 1
                    total = len(self.feeds)
                    read = (
                        Text(QT_TR_NOOP("Read {done} of {total} feeds"), done=done, total=total)
                        if total > 1
                        else Text(QT_TR_NOOP("Read the notice feed"))
                    )
                    progress(done / total, read)
                    return result

                results = await gather_all(*(one(f) for f in self.feeds))
        notices = _unique([*self.manual, *(n for r in results for n in r.notices)])
        status, summary, measurements, detail = verdict(
            self.provider_name,
            notices,
            results,
            now=now,
            within=self.upcoming_within,
            local_tz=self.local_tz,
        )
        detail["provider_id"] = self.provider_id
        return outcome.finish(status, summary, measurements=measurements, **detail)

    async def _read(
        self, session: aiohttp.ClientSession, feed: NoticeFeed, now: datetime
    ) -> FeedResult:
        t0 = time.perf_counter()
        label = feed.name or feed.url
        recent = await self._recent_page(feed, now)
        if recent is not None:  # fetched moments ago: read the copy, spare the website
            try:
                read = await self._read_page(recent, feed, now, self._cache_only)
                return self._page_result(feed, read, 0.0)
            except FeedError as err:
                log.info("recent copy of %s unusable: %s", host_of(feed.url), err)
        try:
            cached = await self._load_quietly(feed.url)
            got = await self._download(session, feed.url, cached)
            if is_page(got.data, feed.kind):
                if feed.kind == "auto" and cached is not None and cached.kind not in ("page", ""):
                    # This address gave a feed before: a web page now is an error page.
                    raise FeedError(Text(QT_TR_NOOP("a web page came instead of the feed")))
                read = await self._read_page(got.data, feed, now, self._network(session))
                await self._save(feed.url, "page", got, now)
                return self._page_result(feed, read, (time.perf_counter() - t0) * 1000)
            notices, title = await self._parse(got.data, feed, now)
        except FeedError as err:
            log.info("notice feed %s failed: %s", feed.name or host_of(feed.url), err)
            ms = (time.perf_counter() - t0) * 1000
            result = await self._from_cache(feed, label, err.text, now, ms)
            if isinstance(err, PageUnreadable):
                return replace(result, open_url=err.url)
            return result
        ms = (time.perf_counter() - t0) * 1000
        await self._save(feed.url, feed.kind, got, now)  # only what could be read: the last good
        kind = detect_kind(got.data, feed.kind)
        return FeedResult(feed, feed.name or title or feed.url, notices, fetch_ms=ms, kind=kind)

    def _page_result(self, feed: NoticeFeed, read: PageFeedRead, ms: float) -> FeedResult:
        label = feed.name or read.title or feed.url
        if not read.problems:
            return FeedResult(feed, label, read.notices, fetch_ms=ms, kind="page")
        why, page = problem_text(read.problems)
        return FeedResult(feed, label, read.notices, error=why, fetch_ms=ms, open_url=page,
                          kind="page")  # fmt: skip

    def _network(self, session: aiohttp.ClientSession) -> Pages:
        """Announcements from the website, asked for conditionally; kept once read cleanly."""

        fetched: dict[str, Downloaded] = {}  # kept with its validators once it reads cleanly

        async def fetch(url: str) -> bytes:
            got = fetched[url] = await self._download(session, url, await self._load_quietly(url))
            return got.data

        async def keep(url: str, data: bytes) -> None:
            await self._save(url, "page", fetched.pop(url, Downloaded(data)), self._now())

        return Pages(fetch, self._cached_data, keep)

    @property
    def _cache_only(self) -> Pages:
        async def fetch(url: str) -> bytes:
            data = await self._cached_data(url)
            if data is None:
                raise FeedError(f"{host_of(url)} is not in the cache")
            return data

        async def keep(url: str, data: bytes) -> None:
            return None

        return Pages(fetch, self._cached_data, keep)

    async def _cached_data(self, url: str) -> bytes | None:
        cached = await self._load_quietly(url)
        return cached.data if cached is not None else None

    async def _load_quietly(self, url: str) -> CachedFetch | None:
        try:
            return await self._load(url)
        except TimeoutError:
            return None

    async def _download(
        self, session: aiohttp.ClientSession, url: str, cached: CachedFetch | None
    ) -> Downloaded:
        """The body of ``url``; asked for conditionally when a copy is cached, and a 304
        ("not modified") answered with the copy."""
        try:
            async with asyncio.timeout(self.per_feed_timeout_s):
                got = await download(
                    session,
                    url,
                    max_bytes=self.max_bytes,
                    etag=cached.etag if cached else "",
                    last_modified=cached.last_modified if cached else "",
                )
        except TimeoutError:
            raise FeedError(
                Text(
                    QT_TR_NOOP("no answer within {timeout_s:g} s"),
                    timeout_s=self.per_feed_timeout_s,
                )
            ) from None
        return replace(got, data=cached.data) if got.unchanged and cached is not None else got

    async def _save(self, url: str, kind: str, got: Downloaded, now: datetime) -> None:
        if self.cache is None:
            return
        cache = self.cache
        try:
            await run_blocking(
                lambda: cache.save(
                    url, kind, got.data, now, etag=got.etag, last_modified=got.last_modified
                ),
                timeout_s=CACHE_TIMEOUT_S,
                name="notice-cache",
            )
        except (OSError, TimeoutError) as err:  # a full disk must not hide a notice
            log.warning("could not cache notice feed %s: %s", host_of(url), err)

    async def _load(self, url: str) -> CachedFetch | None:
        if self.cache is None:
            return None
        cache = self.cache
        return await run_blocking(
            lambda: cache.load(url), timeout_s=CACHE_TIMEOUT_S, name="notice-cache"
        )

    async def _recent_page(self, feed: NoticeFeed, now: datetime) -> bytes | None:
        try:
            cached = await self._load(feed.url)
        except TimeoutError:
            return None
        if cached is None or cached.kind != "page":
            return None
        age = now.timestamp() - cached.fetched_at.timestamp()
        return cached.data if 0 <= age < PAGE_REFRESH_S else None

    async def _read_page(
        self, data: bytes, feed: NoticeFeed, now: datetime, pages: Pages
    ) -> PageFeedRead:
        return await read_page_feed(
            data, feed, pages=pages, provider_id=self.provider_id, tz=self.provider_tz, now=now
        )

    async def _parse(
        self, data: bytes, feed: NoticeFeed, now: datetime
    ) -> tuple[list[Notice], str]:
        def work() -> tuple[list[Notice], str]:
            parsed = parse_feed(
                data,
                feed,
                provider_id=self.provider_id,
                tz=self.provider_tz,
                now=now,
                horizon=self.upcoming_within + timedelta(hours=1),
            )
            return parsed.notices, parsed.title

        return await read_in_worker(work, name="notice-parse")

    async def _from_cache(
        self, feed: NoticeFeed, label: str, error: Text, now: datetime, ms: float
    ) -> FeedResult:
        if self.cache is None:
            return FeedResult(feed, label, [], error=error, fetch_ms=ms)
        cache = self.cache
        try:
            cached = await run_blocking(
                lambda: cache.load(feed.url), timeout_s=CACHE_TIMEOUT_S, name="notice-cache"
            )
            if cached is None:
                return FeedResult(feed, label, [], error=error, fetch_ms=ms)
            if cached.kind == "page":
                notices = (await self._read_page(cached.data, feed, now, self._cache_only)).notices
            else:
                notices, _ = await self._parse(cached.data, feed, now)
        except (FeedError, TimeoutError) as err:
            log.warning(
                "cached copy of notice feed %s unusable: %s", feed.name or host_of(feed.url), err
            )
            return FeedResult(feed, label, [], error=error, fetch_ms=ms)
        age = max(0.0, now.timestamp() - cached.fetched_at.timestamp())
        return FeedResult(feed, label, notices, error=error, stale_age_s=age, fetch_ms=ms)


def _unique(notices: list[Notice]) -> list[Notice]:
    """Drop exact repeats (the same window seen in two feeds, or typed in twice)."""
    seen: dict[tuple[str, datetime, datetime | None], Notice] = {}
    for notice in notices:
        seen.setdefault((notice.title, notice.starts, notice.ends), notice)
    return list(seen.values())
