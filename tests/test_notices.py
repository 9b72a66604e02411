"""The provider-notice probe against the real feed simulator (HTTP on 127.0.0.1).

The clock is injected (the simulator and the probe share ``NOW``), so windows are exact.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Awaitable
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import aiohttp
import pytest
from loop_turns import LoopTurns

from posguide.probes import ProbeResult, Status, run_probe
from posguide.probes.notices import Notice, NoticeFeed, NoticeProbe, parse_notice_text
from posguide.probes.notices import probe as notices_probe
from posguide.probes.notices.cache import FeedCache
from posguide.sim.feeds import FeedServer, Scenario

T = TypeVar("T")
SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=SH)  # a Thursday morning in Shanghai
ALL_KINDS = ["statuspage", "upcoming", "active", "unresolved", "rss", "atom", "ical"]


def run(coro: Awaitable[T]) -> T:
    async def wrapper() -> T:
        return await coro

    return asyncio.run(wrapper())


def make_probe(feeds: list[NoticeFeed], *, now: datetime = NOW, **kw: Any) -> NoticeProbe:
    kw.setdefault("local_tz", SH)
    kw.setdefault("provider_tz", SH)
    kw.setdefault("per_feed_timeout_s", 3.0)
    return NoticeProbe("ums", "UnionPay", feeds, now=lambda: now, **kw)


async def probe_sim(
    scenario: Scenario, kind: str, *, name: str = "Notices", **kw: Any
) -> ProbeResult:
    async with FeedServer(scenario, now=lambda: NOW) as server:
        return await run_probe(make_probe([NoticeFeed(server.urls[kind], "auto", name)], **kw))


async def probe_document(body: bytes, *, now: datetime = NOW, **kw: Any) -> ProbeResult:
    """Serve one fixed document from the simulator and probe it."""
    async with FeedServer(now=lambda: now) as server:
        url = server.set_document("/doc", body, "application/octet-stream")
        return await run_probe(make_probe([NoticeFeed(url, "auto", "Doc")], now=now, **kw))


def windows(result: ProbeResult, key: str) -> list[tuple[str, str | None]]:
    return [(n["starts"], n["ends"]) for n in result.detail[key]]


# --- the simulator's scenarios, every format -----------------------------------------------


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_nothing_announced_is_ok(kind: str) -> None:
    result = run(probe_sim("none", kind))
    assert result.status is Status.OK, result.summary
    assert result.summary == "No maintenance announced by UnionPay"
    assert result.detail["active"] == result.detail["upcoming"] == []
    assert result.detail["feed_errors"] == []
    assert result.detail["feeds"][0]["source"] == "live"


@pytest.mark.parametrize("kind", ["statuspage", "active", "rss", "atom", "ical"])
def test_maintenance_in_progress_fails(kind: str) -> None:
    result = run(probe_sim("maintenance_active", kind))
    assert result.status is Status.FAIL
    assert result.summary == "UnionPay maintenance in progress until 12:00"
    assert windows(result, "active") == [("2026-11-26T09:00:00+08:00", "2026-11-26T12:00:00+08:00")]
    assert result.measurements["remaining_s"].value == 2 * 3600
    assert json.loads(json.dumps(result.to_json()))["detail"]["active"][0]["provider_id"] == "ums"


@pytest.mark.parametrize("kind", ["statuspage", "upcoming", "rss", "atom", "ical"])
def test_maintenance_upcoming_warns(kind: str) -> None:
    result = run(probe_sim("maintenance_upcoming", kind))
    assert result.status is Status.WARN
    assert result.summary == "UnionPay maintenance planned today 13:00–15:00"
    assert windows(result, "upcoming") == [
        ("2026-11-26T13:00:00+08:00", "2026-11-26T15:00:00+08:00")
    ]
    assert result.detail["active"] == []
    assert result.measurements["starts_in_s"].value == 3 * 3600


@pytest.mark.parametrize("kind", ["statuspage", "unresolved"])
def test_major_incident_fails_as_an_outage(kind: str) -> None:
    result = run(probe_sim("incident_major", kind))
    assert result.status is Status.FAIL
    assert result.summary == "UnionPay reports a major outage in progress"
    (outage,) = result.detail["active"]
    assert (outage["kind"], outage["impact"], outage["ends"]) == ("outage", "major", None)
    assert outage["starts"] == "2026-11-26T09:40:00+08:00"


def test_incident_post_with_start_and_duration_fails() -> None:
    # RSS: "11月26日09:40起部分POS交易失败，正在紧急处理，预计持续2小时。"
    result = run(probe_sim("incident_major", "rss"))
    assert result.status is Status.FAIL
    assert result.summary == "UnionPay maintenance in progress until 11:40"


def test_slow_feed_times_out_naming_it() -> None:
    async def body() -> ProbeResult:
        # The server would hold the answer for 30 s; the feed's own 1 s deadline ends the wait.
        async with FeedServer("slow", now=lambda: NOW, slow_s=30) as server:
            feed = NoticeFeed(server.urls["statuspage"], "statuspage", "UMS status")
            return await run_probe(make_probe([feed], per_feed_timeout_s=1.0))

    result = run(body())
    assert result.status is Status.WARN
    assert result.summary == "Feed 'UMS status' could not be read: no answer within 1 s"
    assert result.detail["feed_errors"] == [
        {"feed": "UMS status", "reason": "no answer within 1 s"}
    ]


def test_http_500_warns() -> None:
    result = run(probe_sim("error_500", "rss", name="News"))
    assert result.status is Status.WARN
    assert result.summary == ("Feed 'News' could not be read: the server answered with error 500")


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("statuspage", "not valid JSON (line 1)"),
        ("unresolved", "not valid JSON (line 1)"),
        ("rss", "not valid XML (line "),
        ("atom", "not valid XML (line "),
        ("ical", "not a valid iCalendar file"),
    ],
)
def test_malformed_feed_warns_naming_it(kind: str, reason: str) -> None:
    result = run(probe_sim("malformed", kind, name="Broken"))
    assert result.status is Status.WARN
    (error,) = result.detail["feed_errors"]
    assert error["feed"] == "Broken"
    assert error["reason"].startswith(reason), error
    assert result.summary.startswith("Feed 'Broken' could not be read: " + reason)


def test_huge_feed_is_cut_off_at_the_limit() -> None:
    async def body() -> tuple[ProbeResult, int]:
        server = FeedServer("huge", now=lambda: NOW, huge_bytes=256 * 1024 * 1024)
        async with server:
            feed = NoticeFeed(server.urls["statuspage"], "auto", "Huge")
            result = await run_probe(make_probe([feed], max_bytes=256 * 1024))
        return result, server.huge_sent

    result, sent = run(body())
    assert result.status is Status.WARN
    assert result.detail["feed_errors"] == [
        {"feed": "Huge", "reason": "larger than 256 KB; not read in full"}
    ]
    assert sent < 64 * 1024 * 1024  # stopped reading: only socket buffers' worth went out


def test_declared_length_over_the_limit_is_not_read() -> None:
    padded = json.dumps({"incidents": [], "padding": "x" * 5000}).encode()
    result = run(probe_document(padded, max_bytes=4096))
    (error,) = result.detail["feed_errors"]
    assert error["reason"] == "larger than 4 KB (4.91 KB)"


SUMMARY_ACTIVE = {
    "page": {"name": "UMS"},
    "incidents": [],
    "scheduled_maintenances": [
        {"id": "m", "name": "升级", "status": "in_progress",
         "scheduled_for": "2026-11-26T09:00:00+08:00",
         "scheduled_until": "2026-11-26T12:00:00+08:00"}
    ],
}  # fmt: skip


def test_compressed_feed_is_read_and_a_compression_bomb_is_bounded() -> None:
    async def body() -> tuple[ProbeResult, ProbeResult]:
        async with FeedServer(now=lambda: NOW) as server:
            small = gzip.compress(json.dumps(SUMMARY_ACTIVE).encode())
            bomb = gzip.compress(b"{" + b" " * (64 * 1024 * 1024))  # 64 MB of blanks, ~64 KB
            ok = server.set_document("/ok.json", small, "application/json", encoding="gzip")
            bad = server.set_document("/bomb.json", bomb, "application/json", encoding="gzip")
            first = await run_probe(make_probe([NoticeFeed(ok)], max_bytes=256 * 1024))
            second = await run_probe(make_probe([NoticeFeed(bad)], max_bytes=256 * 1024))
            return first, second

    first, second = run(body())
    assert first.status is Status.FAIL
    assert second.detail["feed_errors"][0]["reason"] == "larger than 256 KB; not read in full"


def test_active_notice_fails_even_when_another_feed_fails() -> None:
    async def body() -> ProbeResult:
        async with (
            FeedServer("maintenance_active", now=lambda: NOW) as good,
            FeedServer("error_500", now=lambda: NOW) as bad,
        ):
            feeds = [
                NoticeFeed(bad.urls["rss"], "rss", "News"),
                NoticeFeed(good.urls["statuspage"], "statuspage", "Status"),
            ]
            return await run_probe(make_probe(feeds))

    result = run(body())
    assert result.status is Status.FAIL
    assert result.summary == (
        "UnionPay maintenance in progress until 12:00; "
        "Feed 'News' could not be read: the server answered with error 500"
    )
    assert result.measurements["feeds_read"].value == 1
    assert result.measurements["feeds_failed"].value == 1


def test_two_failed_feeds_are_both_named() -> None:
    async def body() -> ProbeResult:
        async with FeedServer("error_500", now=lambda: NOW) as server:
            feeds = [NoticeFeed(server.urls["rss"], "rss", "A"), NoticeFeed(server.urls["ical"])]
            return await run_probe(make_probe(feeds))

    result = run(body())
    assert result.status is Status.WARN
    assert result.summary.startswith(
        "2 feeds could not be read: 'A' (the server answered with error 500)"
    )
    assert [e["feed"] for e in result.detail["feed_errors"]] == [
        "A",
        result.detail["feeds"][1]["url"],
    ]


# --- offline: the last good fetch ----------------------------------------------------------


def test_cache_stands_in_when_the_server_is_down(tmp_path: Path) -> None:
    async def body() -> tuple[ProbeResult, ProbeResult, ProbeResult]:
        async with FeedServer("maintenance_upcoming", now=lambda: NOW) as server:
            feeds = [NoticeFeed(server.urls["statuspage"], "statuspage", "Status")]
            fresh = await run_probe(make_probe(feeds, cache_dir=tmp_path))
            server.scenario = "error_500"  # the status page itself breaks: the cache is kept
            broken = await run_probe(
                make_probe(feeds, cache_dir=tmp_path, now=NOW + timedelta(minutes=30))
            )
        # Server gone (connection refused), three hours later: the planned window has begun.
        later = await run_probe(make_probe(feeds, cache_dir=tmp_path, now=NOW + timedelta(hours=3)))
        return fresh, broken, later

    fresh, broken, later = run(body())
    assert fresh.status is Status.WARN and fresh.detail["stale"] == []
    assert broken.detail["stale"] == [{"feed": "Status", "age_s": 1800}]
    assert broken.summary.endswith("(using notices last checked 30 min ago)")
    assert later.status is Status.FAIL
    assert later.detail["stale"] == [{"feed": "Status", "age_s": 3 * 3600}]
    assert later.summary.startswith(
        "UnionPay maintenance in progress until 15:00; Feed 'Status' could not be read: "
        "cannot connect to 127.0.0.1: the connection was refused"
    )
    assert later.summary.endswith("(using notices last checked 3 h ago)")
    assert later.detail["feeds"][0]["source"] == "cache"


def test_no_cache_or_a_damaged_one_means_nothing_is_known(tmp_path: Path) -> None:
    async def body() -> tuple[ProbeResult, str]:
        async with FeedServer(now=lambda: NOW) as server:
            url = server.urls["statuspage"]
        FeedCache(tmp_path).path_for(url).parent.mkdir(parents=True, exist_ok=True)
        FeedCache(tmp_path).path_for(url).write_bytes(b"\x00garbage\nmore")
        return await run_probe(make_probe([NoticeFeed(url, name="S")], cache_dir=tmp_path)), url

    result, _ = run(body())
    assert result.status is Status.WARN
    assert result.detail["stale"] == [] and result.detail["active"] == []
    assert result.summary.startswith(
        "Feed 'S' could not be read: cannot connect to 127.0.0.1: the connection was refused"
    )


def test_cache_round_trip_and_mismatch(tmp_path: Path) -> None:
    cache = FeedCache(tmp_path / "sub")
    assert cache.load("http://a/") is None
    cache.save("http://a/", "rss", b"<rss/>\n\x00bytes", NOW)
    loaded = cache.load("http://a/")
    assert loaded is not None
    assert (loaded.kind, loaded.data, loaded.fetched_at) == ("rss", b"<rss/>\n\x00bytes", NOW)
    cache.path_for("http://b/").write_bytes(cache.path_for("http://a/").read_bytes())
    assert cache.load("http://b/") is None  # a header for another URL is not trusted
    assert list((tmp_path / "sub").glob("*.tmp")) == []


# --- manual notices --------------------------------------------------------------------------


def manual(start: datetime, end: datetime | None, status: str = "scheduled") -> Notice:
    return Notice("ums", "manual", "系统升级", start, end, status)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("notice", "status", "summary"),
    [
        (manual(NOW - timedelta(hours=1), NOW + timedelta(hours=2)), Status.FAIL,
         "UnionPay maintenance in progress until 12:00"),
        (manual(NOW - timedelta(hours=1), None), Status.FAIL,
         "UnionPay maintenance in progress, end not announced"),
        (manual(NOW + timedelta(hours=14), NOW + timedelta(hours=18)), Status.WARN,
         "UnionPay maintenance planned tomorrow 00:00–04:00"),
        (manual(NOW + timedelta(hours=13), NOW + timedelta(hours=16)), Status.WARN,
         "UnionPay maintenance planned today 23:00 to tomorrow 02:00"),
        (manual(NOW + timedelta(hours=12), NOW + timedelta(hours=14)), Status.WARN,
         "UnionPay maintenance planned today 22:00–24:00"),
        (manual(NOW + timedelta(hours=25), NOW + timedelta(hours=27)), Status.OK,
         "No maintenance announced by UnionPay"),
        (manual(NOW - timedelta(hours=1), NOW + timedelta(hours=2), "completed"), Status.OK,
         "No maintenance announced by UnionPay"),
        (manual(NOW - timedelta(hours=3), NOW - timedelta(hours=1)), Status.OK,
         "No maintenance announced by UnionPay"),
        (manual(NOW - timedelta(hours=3), NOW - timedelta(hours=1), "in_progress"), Status.FAIL,
         "UnionPay maintenance running late (planned end 09:00)"),
    ],
)  # fmt: skip
def test_manual_notices(notice: Notice, status: Status, summary: str) -> None:
    result = run(run_probe(make_probe([], manual=[notice])))
    assert (result.status, result.summary) == (status, summary)


def test_pasted_sms_becomes_a_manual_notice() -> None:
    notices = parse_notice_text("今日09:00至12:00系统升级", now=NOW, tz=SH, provider_id="ums")
    result = run(run_probe(make_probe([], manual=notices)))
    assert result.status is Status.FAIL
    assert result.detail["active"][0]["source"] == "sms"


def test_nothing_configured_is_skipped() -> None:
    result = run(run_probe(make_probe([])))
    assert result.status is Status.SKIPPED


def test_model_rules() -> None:
    with pytest.raises(ValueError, match="aware"):
        Notice("ums", "manual", "x", datetime(2026, 11, 26, 9, 0), None)
    overrun = manual(NOW - timedelta(hours=3), NOW - timedelta(hours=1), "in_progress")
    assert overrun.is_active(NOW + timedelta(hours=4))
    assert not overrun.is_active(NOW + timedelta(hours=6))  # 6 h past the planned end: over
    open_end = manual(NOW, None)
    assert open_end.is_active(NOW + timedelta(hours=23))
    assert not open_end.is_active(NOW + timedelta(hours=25))
    card = Notice("ums", "sms", "卡号 4111 1111 1111 1111", NOW, None, body="4111111111111111")
    data = card.to_dict(SH)
    assert "4111 1111 1111 1111" not in data["title"] and "4111111111111111" not in data["body"]


# --- time zones ------------------------------------------------------------------------------


def summary_json(starts: str, ends: str, status: str = "in_progress") -> bytes:
    doc = {"page": {"name": "UMS"}, "scheduled_maintenances": [
        {"id": "m", "name": "升级", "status": status, "scheduled_for": starts,
         "scheduled_until": ends}]}  # fmt: skip
    return json.dumps(doc).encode()


@pytest.mark.parametrize(
    ("starts", "ends", "provider_tz"),
    [
        ("2026-11-26T01:00:00Z", "2026-11-26T04:00:00Z", UTC),
        ("2026-11-26T09:00:00.000+08:00", "2026-11-26T12:00:00.000+08:00", UTC),
        ("2026-11-26T09:00:00", "2026-11-26T12:00:00", SH),  # naive: the provider's zone
        ("2026-11-25T20:00:00", "2026-11-25T23:00:00", ZoneInfo("America/New_York")),
    ],
)
def test_feed_times_in_any_zone_show_in_shop_time(
    starts: str, ends: str, provider_tz: tzinfo
) -> None:
    result = run(probe_document(summary_json(starts, ends), provider_tz=provider_tz))
    assert result.status is Status.FAIL
    assert result.summary == "UnionPay maintenance in progress until 12:00"
    assert windows(result, "active") == [("2026-11-26T09:00:00+08:00", "2026-11-26T12:00:00+08:00")]


def test_naive_times_follow_the_provider_zone_and_output_the_shop_zone() -> None:
    body = summary_json("2026-11-26T09:00:00", "2026-11-26T12:00:00", "scheduled")
    berlin = ZoneInfo("Europe/Berlin")
    result = run(probe_document(body, provider_tz=UTC, local_tz=berlin))
    # 09:00 UTC is 17:00 in Shanghai (still ahead) and 10:00 in a Berlin shop.
    assert result.status is Status.WARN
    assert windows(result, "upcoming") == [
        ("2026-11-26T10:00:00+01:00", "2026-11-26T13:00:00+01:00")
    ]
    assert result.summary == "UnionPay maintenance planned today 10:00–13:00"


def test_dst_fall_back_window_lasts_three_real_hours() -> None:
    ny = ZoneInfo("America/New_York")
    body = summary_json("2026-11-01T01:00:00", "2026-11-01T03:00:00", "scheduled")
    now = datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT, before the clocks go back
    result = run(probe_document(body, now=now, provider_tz=ny, local_tz=ny))
    assert result.summary == "UnionPay maintenance in progress until 03:00"
    assert result.measurements["remaining_s"].value == 2.5 * 3600  # to 03:00 EST = 08:00 UTC
    assert windows(result, "active") == [("2026-11-01T01:00:00-04:00", "2026-11-01T03:00:00-05:00")]


WEEKLY = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//ums//maintenance//EN\r
X-WR-CALNAME:UMS windows\r
BEGIN:VEVENT\r
UID:weekly@ums\r
DTSTAMP:20260101T000000Z\r
DTSTART;TZID={tz}:20260106T020000\r
DTEND;TZID={tz}:20260106T040000\r
RRULE:FREQ=WEEKLY;BYDAY=TU\r
SUMMARY:每周二例行维护\r
END:VEVENT\r
END:VCALENDAR\r
"""


@pytest.mark.parametrize(
    ("now", "status", "summary"),
    [
        (datetime(2026, 12, 1, 3, 0, tzinfo=SH), Status.FAIL,
         "UnionPay maintenance in progress until 04:00"),  # Tuesday 03:00
        (datetime(2026, 12, 2, 3, 0, tzinfo=SH), Status.OK,
         "No maintenance announced by UnionPay"),  # Wednesday 03:00
        (datetime(2026, 11, 30, 23, 0, tzinfo=SH), Status.WARN,
         "UnionPay maintenance planned tomorrow 02:00–04:00"),  # Monday night
    ],
)  # fmt: skip
def test_recurring_weekly_ical_window(now: datetime, status: Status, summary: str) -> None:
    body = WEEKLY.format(tz="Asia/Shanghai").encode()
    result = run(probe_document(body, now=now))
    assert (result.status, result.summary) == (status, summary)


@pytest.mark.parametrize(
    ("now_utc", "active"),
    [
        (datetime(2026, 3, 24, 2, 30, tzinfo=UTC), True),  # 03:30 CET
        (datetime(2026, 3, 31, 1, 30, tzinfo=UTC), True),  # 03:30 CEST, after the change
        (datetime(2026, 3, 31, 2, 30, tzinfo=UTC), False),  # 04:30 CEST: a UTC-fixed rule says yes
    ],
)
def test_recurring_window_follows_dst(now_utc: datetime, active: bool) -> None:
    berlin = ZoneInfo("Europe/Berlin")
    body = WEEKLY.format(tz="Europe/Berlin").encode()
    result = run(probe_document(body, now=now_utc, local_tz=berlin, provider_tz=SH))
    assert (result.status is Status.FAIL) is active, result.summary
    if active:
        assert result.summary == "UnionPay maintenance in progress until 04:00"


def test_runaway_recurrence_is_dropped_not_expanded() -> None:
    body = (
        WEEKLY.format(tz="Asia/Shanghai")
        .replace("RRULE:FREQ=WEEKLY;BYDAY=TU", "RRULE:FREQ=SECONDLY")
        .replace("20260106T", "20000106T")
    )
    # Expanded, it would run into the parse deadline and come back as an unreadable feed.
    result = run(probe_document(body.encode(), now=datetime(2026, 12, 1, 3, 0, tzinfo=SH)))
    assert result.status is Status.OK, result.summary


def test_floating_ical_times_are_provider_time() -> None:
    body = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:f@x\r\n"
        "DTSTAMP:20260101T000000Z\r\nDTSTART:20261126T090000\r\nDTEND:20261126T120000\r\n"
        "SUMMARY:维护\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    assert run(probe_document(body, provider_tz=SH)).status is Status.FAIL
    later = run(probe_document(body, provider_tz=UTC))  # 09:00 UTC = 17:00 in Shanghai
    assert windows(later, "upcoming") == [
        ("2026-11-26T17:00:00+08:00", "2026-11-26T20:00:00+08:00")
    ]


# --- what counts in RSS / Atom / Statuspage --------------------------------------------------


def rss(title: str, text: str, published: datetime) -> bytes:
    from email.utils import format_datetime

    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>UMS</title>"
        f"<item><title>{title}</title><description>{text}</description>"
        f"<pubDate>{format_datetime(published)}</pubDate></item></channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    ("title", "text", "age", "status"),
    [
        ("系统维护公告", "详情请见附件。", timedelta(hours=2), Status.WARN),  # no time: read it
        ("系统维护公告", "详情请见附件。", timedelta(days=3), Status.OK),  # old news
        ("新品直播", "11月26日09:00-12:00直播新品发布会。", timedelta(hours=2), Status.OK),
        ("维护完成", "Completed - 11月26日09:00-12:00的维护已完成。", timedelta(hours=1),
         Status.OK),
        ("Planned outage", "Card payments down from 9:00 to 12:00 today.", timedelta(hours=5),
         Status.FAIL),
    ],
)  # fmt: skip
def test_which_feed_items_count(title: str, text: str, age: timedelta, status: Status) -> None:
    result = run(probe_document(rss(title, text, NOW - age)))
    assert result.status is status, result.summary
    if status is Status.WARN:
        assert (
            result.summary == "UnionPay posted a maintenance notice 2 h ago without a time; read it"
        )
        assert result.detail["unclear"][0]["title"] == "系统维护公告"


@pytest.mark.parametrize(
    ("item", "status"),
    [
        ({"status": "investigating", "impact": "minor", "created_at": "2026-11-26T09:00:00+08:00"},
         Status.OK),  # minor incidents do not stop card payments
        ({"status": "monitoring", "impact": "critical", "created_at": "2026-11-26T09:00:00+08:00"},
         Status.FAIL),
        ({"status": "resolved", "impact": "critical", "created_at": "2026-11-26T09:00:00+08:00"},
         Status.OK),
        ({"status": "verifying", "scheduled_for": "2026-11-26T08:00:00+08:00",
          "scheduled_until": "2026-11-26T09:30:00+08:00"}, Status.FAIL),  # overrunning
        ({"status": "scheduled", "scheduled_for": "not a time"}, Status.OK),  # skipped item
    ],
)  # fmt: skip
def test_statuspage_item_rules(item: dict[str, Any], status: Status) -> None:
    doc = {"page": {"name": "UMS"}, "incidents": [{"id": "x", "name": "Payments", **item}]}
    result = run(probe_document(json.dumps(doc).encode()))
    assert result.status is status, result.summary


@pytest.mark.parametrize(
    ("body", "kind", "reason"),
    [
        (b"<html><body>Status: all good</body></html>", "rss", "not an RSS or Atom feed"),
        (
            b"hello",
            "auto",
            "unknown format (not Statuspage JSON, RSS/Atom, iCalendar or a web page)",
        ),
        (b"  \n", "auto", "the feed is empty"),
        (b'{"page": {}, "status": "ok"}', "auto", "not a Statuspage feed"),
        (b"\xff\xfe{garbage", "statuspage", "not valid JSON (not UTF-8 text)"),
        (json.dumps(SUMMARY_ACTIVE).encode(), "ical", "not a valid iCalendar file"),
        (b"[" * 100_000, "auto", "its content could not be read"),  # hostile nesting
    ],
)
def test_unusable_documents_warn(body: bytes, kind: str, reason: str) -> None:
    async def probe() -> ProbeResult:
        async with FeedServer(now=lambda: NOW) as server:
            url = server.set_document("/x", body)
            return await run_probe(make_probe([NoticeFeed(url, kind, "X")]))  # type: ignore[arg-type]

    result = run(probe())
    assert result.status is Status.WARN
    assert result.detail["feed_errors"][0]["reason"].startswith(reason)


def test_missing_page_warns() -> None:
    async def probe() -> ProbeResult:
        async with FeedServer(now=lambda: NOW) as server:
            return await run_probe(make_probe([NoticeFeed(server.base_url + "/nope", name="X")]))

    result = run(probe())
    assert result.summary == "Feed 'X' could not be read: the server answered with error 404"


# --- running well on the GUI's loop ----------------------------------------------------------


def test_progress_is_reported_and_feeds_are_parsed_off_the_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = "".join(
        f"<item><title>系统维护通知 {i}</title><description>定于12月{i % 28 + 1}日00:00至04:00"
        f"进行系统升级。{'说明' * 100}</description></item>"
        for i in range(800)
    )
    big = f"<rss version='2.0'><channel><title>Big</title>{items}</channel></rss>".encode()
    calls: list[tuple[float | None, str]] = []
    # Parsing this feed takes ~300 ms of CPU: on the loop's thread it would stall the window.
    parsed_on: list[bool] = []
    real_parse = notices_probe.parse_feed

    def watched_parse(*args: Any, **kwargs: Any) -> Any:
        parsed_on.append(threading.current_thread() is threading.main_thread())
        return real_parse(*args, **kwargs)

    monkeypatch.setattr(notices_probe, "parse_feed", watched_parse)

    async def body() -> tuple[ProbeResult, int]:
        async with FeedServer("maintenance_upcoming", now=lambda: NOW) as server:
            feeds = [NoticeFeed(server.set_document("/big", big)), NoticeFeed(server.urls["atom"])]
            async with LoopTurns() as turns:
                result = await run_probe(make_probe(feeds), lambda f, m: calls.append((f, str(m))))
            return result, turns.count

    result, turns = run(body())
    assert result.status is Status.WARN
    assert calls[0] == (0.0, "Reading 2 notice feeds")
    assert calls[-1] == (1.0, "Read 2 of 2 feeds")
    assert parsed_on == [False, False]  # both feeds parsed in worker threads
    assert turns > 0  # the loop kept turning (how long it may stall: bench/probes.py)


# --- the simulator itself --------------------------------------------------------------------


def test_simulator_switches_scenario_over_http() -> None:
    async def body() -> tuple[int, dict[str, Any], int, str]:
        async with FeedServer(now=lambda: NOW) as server, aiohttp.ClientSession() as client:
            async with client.post(server.base_url + "/control?scenario=huge") as resp:
                switched = resp.status, await resp.json()
            async with client.post(server.base_url + "/control?scenario=bogus") as resp:
                bad = resp.status
            return *switched, bad, server.scenario

    status, data, bad, scenario = run(body())
    assert (status, data["scenario"], bad, scenario) == (200, "huge", 400, "huge")
    with pytest.raises(ValueError, match="unknown scenario"):
        FeedServer("bogus")  # type: ignore[arg-type]


def test_simulator_command_line_prints_working_urls() -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    cmd = [sys.executable, "-m", "posguide.sim.feeds", "--scenario", "maintenance_active"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(3)]
        url = lines[1].split()[-1]
        assert lines[0].startswith("Scenario maintenance_active") and url.endswith("summary.json")

        async def fetch() -> dict[str, Any]:
            async with aiohttp.ClientSession() as client, client.get(url) as resp:
                return dict(await resp.json())

        doc = run(fetch())
        assert [m["status"] for m in doc["scheduled_maintenances"]] == ["completed", "in_progress"]
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
        if proc.stdout is not None:
            proc.stdout.close()
