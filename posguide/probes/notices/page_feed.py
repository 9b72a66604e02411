"""An announcement page as a notice source: the page itself, and for a list page its newest
maintenance announcements, read concurrently (posguide.probes.notices.pages does the reading).

``fetch`` gets a page's bytes: from the network (the probe saves each page to the cache as it
comes) or from the cache (a failed or too-recent fetch). A detail page that fails is left out
and logged; the list page failing, or being unreadable, fails the source.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, time, timedelta, tzinfo
from typing import Final

from posguide.probes.notices.fetch import NoticeFeed, host_of
from posguide.probes.notices.model import FeedError, Notice
from posguide.probes.notices.pages import (
    Article,
    Page,
    mentions_maintenance,
    notices_from_article,
    read_page,
)
from posguide.probes.threads import run_blocking

log = logging.getLogger("posguide.probes.notices")

PARSE_TIMEOUT_S: Final = 5.0
#: An announcement without a readable time is worth mentioning while this recent.
UNCLEAR_DAYS: Final = 1

Fetch = Callable[[str], Awaitable[bytes]]


async def read_page_feed(
    first: bytes,
    feed: NoticeFeed,
    *,
    fetch: Fetch,
    provider_id: str,
    tz: tzinfo,
    now: datetime,
) -> tuple[list[Notice], str]:
    """The notices of the page at ``feed.url`` (whose bytes are ``first``) and its title."""
    page = await _parse(first, feed.url, feed)
    label = feed.name or page.article.title or feed.url
    notices = notices_from_article(
        page.article, provider_id=provider_id, tz=tz, now=now, feed=label
    )
    if notices or feed.follow == 0:
        return notices, page.article.title  # an announcement itself

    async def one(url: str) -> list[Notice]:
        try:
            detail = await _parse(await fetch(url), url, feed)
        except FeedError as err:
            log.info("announcement %s unreadable: %s", host_of(url), err)
            return []
        found = notices_from_article(
            detail.article, provider_id=provider_id, tz=tz, now=now, feed=label
        )
        return found or _unclear(
            detail.article, provider_id, tz=tz, now=now, label=label, words=feed.words
        )

    links = page.links[: feed.follow]
    found = await asyncio.gather(*(one(link.url) for link in links))
    return [n for notices in found for n in notices], page.article.title


async def _parse(data: bytes, url: str, feed: NoticeFeed) -> Page:
    try:
        return await run_blocking(
            lambda: read_page(data, url, words=feed.words),
            timeout_s=PARSE_TIMEOUT_S,
            name="notice-page",
        )
    except TimeoutError:
        raise FeedError(f"reading {host_of(url)} took longer than {PARSE_TIMEOUT_S:g} s") from None


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
    return [
        Notice(
            provider_id,
            "page",
            article.title,
            published,
            url=article.url,
            feed=label,
            window_known=False,
            published=article.published.isoformat(),
        )
    ]
