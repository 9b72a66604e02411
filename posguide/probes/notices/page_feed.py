"""An announcement page as a notice source: the page itself, and for a list page its newest
maintenance announcements, read concurrently (posguide.probes.notices.pages does the reading,
in a worker thread: a hostile page must not stall the Qt loop).

The probe hands in where pages come from (``Pages``): the network, answered conditionally and
kept in the cache only once a page has read cleanly, or the cache alone. An announcement that
cannot be read is read from its cached copy; without one it becomes a problem the probe
reports (a WARN naming the page, never "no maintenance announced").
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta, tzinfo
from typing import Final

from posguide.concurrency import gather_all
from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.notices.announcements import mentions_maintenance, notices_from_article
from posguide.probes.notices.fetch import NoticeFeed, host_of, read_in_worker
from posguide.probes.notices.model import FeedError, Notice
from posguide.probes.notices.pages import (
    MIN_TEXT,
    Article,
    Page,
    PageUnreadable,
    letters,
    read_page,
)

log = logging.getLogger("posguide.probes.notices")

#: An announcement without a readable time is worth mentioning while this recent.
UNCLEAR_DAYS: Final = 1


@dataclass(frozen=True)
class Pages:
    """Where pages come from. ``fetch``: the bytes (raises FeedError); ``cached``: the last
    clean copy or None; ``keep``: remember a page that read cleanly."""

    fetch: Callable[[str], Awaitable[bytes]]
    cached: Callable[[str], Awaitable[bytes | None]]
    keep: Callable[[str, bytes], Awaitable[None]]


@dataclass
class PageFeedRead:
    notices: list[Notice]
    title: str
    problems: list[tuple[str, FeedError]] = field(default_factory=list)  # (url, why)


async def read_page_feed(
    first: bytes,
    feed: NoticeFeed,
    *,
    pages: Pages,
    provider_id: str,
    tz: tzinfo,
    now: datetime,
) -> PageFeedRead:
    """The notices of the page at ``feed.url`` (whose bytes are ``first``) and of the
    announcements it lists. Raises FeedError when that page itself cannot be used."""
    page, own = await _read(first, feed.url, feed, provider_id=provider_id, tz=tz, now=now)
    label = feed.name or page.article.title or feed.url
    own = [_labelled(n, label) for n in own]
    links = page.links[: feed.follow]
    if not own and not links and len(letters(page.article.text)) < MIN_TEXT:
        # An empty page, or the website's own "系统维护中，请稍后访问": not an announcement list.
        raise FeedError(Text(QT_TR_NOOP("the page has nothing to read")))

    async def one(url: str) -> tuple[list[Notice], FeedError | None]:
        try:
            data = await pages.fetch(url)
            detail, found = await _read(data, url, feed, provider_id=provider_id, tz=tz, now=now)
            await pages.keep(url, data)
        except FeedError as err:
            log.info("announcement %s unreadable: %s", host_of(url), err)
            copy = await pages.cached(url)
            if copy is None:
                return [], err
            try:
                detail, found = await _read(copy, url, feed, provider_id=provider_id, tz=tz,
                                            now=now)  # fmt: skip
            except FeedError:
                return [], err
        found = [_labelled(n, label) for n in found]
        return found or _unclear(detail.article, provider_id, tz=tz, now=now, label=label,
                                 words=feed.words), None  # fmt: skip

    results = await gather_all(*(one(link.url) for link in links))
    notices = [n for found, _ in results for n in found]
    problems = [(link.url, err) for link, (_, err) in zip(links, results, strict=True) if err]
    # The page's own windows (an announcement itself, or dates in a list's link titles) count
    # unless an announcement it links gives the same window with its own sentence.
    seen = {(n.starts, n.ends) for n in notices}
    notices += [n for n in own if (n.starts, n.ends) not in seen]
    return PageFeedRead(notices, page.article.title, problems)


def _labelled(notice: Notice, label: str) -> Notice:
    return replace(notice, feed=label)


async def _read(
    data: bytes, url: str, feed: NoticeFeed, *, provider_id: str, tz: tzinfo, now: datetime
) -> tuple[Page, list[Notice]]:
    """Parse the page and read its windows, in a worker thread."""

    def work() -> tuple[Page, list[Notice]]:
        try:
            page = read_page(data, url, words=feed.words, today=now.astimezone(tz).date())
            return page, notices_from_article(page.article, provider_id=provider_id, tz=tz,
                                              now=now)  # fmt: skip
        except FeedError:
            raise
        except Exception as err:  # hostile markup is a bad page, not a crash of the check
            log.warning("announcement page %s: reading failed", host_of(url), exc_info=True)
            raise FeedError(Text(QT_TR_NOOP("its content could not be read"))) from err

    return await read_in_worker(work, name="notice-page")


def _unclear(
    article: Article,
    provider_id: str,
    *,
    tz: tzinfo,
    now: datetime,
    label: str,
    words: tuple[str, ...],
) -> list[Notice]:
    """A recent maintenance announcement whose time we could not read: "read it" (WARN)."""
    if article.published is None or not mentions_maintenance(article, words):
        return []
    published = datetime.combine(article.published, time(0, 0), tzinfo=tz)
    if not timedelta(0) <= now - published <= timedelta(days=UNCLEAR_DAYS):
        return []
    notice = Notice(
        provider_id,
        "page",
        article.title,
        published,
        url=article.url,
        feed=label,
        window_known=False,
        published=article.published.isoformat(),
    )
    return [notice]


def problem_text(problems: list[tuple[str, FeedError]]) -> tuple[Text, str]:
    """What to tell staff about announcements that could not be read, and a page to open."""
    url, first = problems[0]
    opening = next((u for u, err in problems if isinstance(err, PageUnreadable)), url)
    if len(problems) == 1:
        return Text(
            QT_TR_NOOP("an announcement could not be read: {reason}"), reason=first.text
        ), opening
    return (
        Text(
            QT_TR_NOOP("{count} announcements could not be read: {reason}"),
            count=len(problems),
            reason=first.text,
        ),
        opening,
    )
