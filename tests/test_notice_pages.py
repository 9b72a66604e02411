"""Announcement web pages as a notice source (posguide/probes/notices/pages.py): list and detail
pages in UTF-8 and GBK, a WeChat-style article, a window in a table, one crossing midnight, two
windows, a postponed, a cancelled and an old announcement, a script-only and a captcha page —
written for these tests (tests/pages/), served by the loopback feed server, read by the real
probe. Every notice keeps the sentence it was read from."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posguide.probes import ProbeResult, Status, run_probe
from posguide.probes.notices import NoticeFeed, NoticeProbe
from posguide.probes.notices.announcements import notices_from_article
from posguide.probes.notices.pages import PageUnreadable, decode, read_page
from posguide.probes.notices.sms import find_windows
from posguide.sim.feeds import FeedServer
from posguide.sim.shop import SimulatedShop

SH = ZoneInfo("Asia/Shanghai")
PAGES = Path(__file__).parent / "pages"
ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2025, 7, 11, 10, 0, tzinfo=SH)  # a Friday morning, two days after the notice
HTML = "text/html"


def page(name: str, encoding: str = "utf-8", **fill: str) -> bytes:
    text = (PAGES / name).read_text(encoding="utf-8")
    return (text.format(**fill) if fill else text).encode(encoding)


def read(name: str, encoding: str = "utf-8", now: datetime = NOW) -> list[tuple[str, str, str]]:
    """(start, end, sentence) of every notice the page gives."""
    article = read_page(page(name, encoding), f"http://bank.test/{name}").article
    return [
        (
            n.starts.strftime("%m-%d %H:%M"),
            n.ends.strftime("%m-%d %H:%M") if n.ends else "",
            n.sentence,
        )
        for n in notices_from_article(article, provider_id="bank", tz=SH, now=now)
    ]


# --- reading one page ------------------------------------------------------------------------


def test_an_announcement_keeps_its_sentence_title_and_publication_date() -> None:
    data = page("detail_0709.html")
    article = read_page(data, "http://bank.test/n/0709.html").article
    (notice,) = notices_from_article(article, provider_id="bank", tz=SH, now=NOW)
    assert (notice.starts, notice.ends) == (
        datetime(2025, 7, 12, 14, 0, tzinfo=SH),
        datetime(2025, 7, 12, 17, 0, tzinfo=SH),
    )  # full-width digits, colon and dash read as ASCII
    assert notice.sentence == (
        "本次工作将于２０２５年０７月１２日１４：００—１７：００进行，期间银行卡刷卡消费业务将暂停服务。"
    )  # as written, full width included
    assert notice.title == "关于系统升级维护的公告"
    assert notice.published == "2025-07-09"
    assert notice.url == "http://bank.test/n/0709.html"
    assert notice.source == "page"
    # The menu, the "related" box (with a window of its own) and the footer are not the text.
    assert "相关阅读" not in article.text and "版权所有" not in article.text
    assert "首页" not in article.text


GBK_SENTENCE = (
    "我行将于2025年7月12日（周六）晚20:00至7月13日（周日）凌晨6:00进行支付系统网络设备改造，"
    "届时POS收单、网上支付等业务将无法办理。"
)
WECHAT_SENTENCE = (
    "为提升网络稳定性，我司定于7月12日23:00至次日02:00进行核心网络割接，"
    "期间刷卡交易可能出现短时中断。"
)
FIRST_STAGE = "我公司将分两个阶段进行系统切换：第一阶段：2025年7月12日22:00至23:30；"
POSTPONED = "原定于2025年7月12日14:00—17:00进行的系统升级，调整为2025年7月19日14:00—17:00进行。"
DETAIL_SENTENCE = "本次工作将于２０２５年０７月１２日１４：００—１７：００进行，期间银行卡刷卡消费业务将暂停服务。"  # noqa: E501
OVER_SENTENCE = "我行定于2025年6月1日凌晨1:00至5:00进行系统维护，期间暂停银行卡交易。"


#: What each fixture page announces, as (start, end, sentence): also bench/notice_pages.py's
#: count of phrasings read right.
FIXTURE_WINDOWS: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    # GBK bytes, labelled gb2312; the window crosses midnight with a weekday in brackets.
    "detail_gbk.html": ("gbk", [("07-12 20:00", "07-13 06:00", GBK_SENTENCE)]),
    "wechat.html": ("utf-8", [("07-12 23:00", "07-13 02:00", WECHAT_SENTENCE)]),  # 次日
    "table.html": ("utf-8", [("07-12 00:00", "07-12 04:00", "2025年7月12日 0:00-4:00")]),
    "two_windows.html": ("utf-8", [
        ("07-12 22:00", "07-12 23:30", FIRST_STAGE),
        ("07-19 22:00", "07-19 23:30", "第二阶段：2025年7月19日22:00至23:30。"),
    ]),
    "postponed.html": ("utf-8", [("07-19 14:00", "07-19 17:00", POSTPONED)]),  # the new one
    "cancelled.html": ("utf-8", []),
    "detail_0709.html": ("utf-8", [("07-12 14:00", "07-12 17:00", DETAIL_SENTENCE)]),
    "over.html": ("utf-8", [("06-01 01:00", "06-01 05:00", OVER_SENTENCE)]),
}  # fmt: skip


@pytest.mark.parametrize("name", FIXTURE_WINDOWS)
def test_each_fixture_page_gives_its_windows_with_their_sentences(name: str) -> None:
    encoding, expected = FIXTURE_WINDOWS[name]
    assert read(name, encoding) == expected


def test_what_is_affected_is_kept_when_another_sentence_says_it() -> None:
    article = read_page(page("table.html"), "http://bank.test/t.html").article
    (notice,) = notices_from_article(article, provider_id="bank", tz=SH, now=NOW)
    assert notice.affected == "暂停受理银行卡交易"
    wechat = read_page(page("wechat.html"), "http://mp.test/s/x").article
    (own,) = notices_from_article(wechat, provider_id="bank", tz=SH, now=NOW)
    assert own.affected == ""  # its own sentence says it, and that sentence is shown anyway
    assert wechat.published is not None and wechat.published.isoformat() == "2025-07-10"


def test_an_old_announcement_is_neither_active_nor_upcoming() -> None:
    article = read_page(page("over.html"), "http://bank.test/o.html").article
    (notice,) = notices_from_article(article, provider_id="bank", tz=SH, now=NOW)
    assert not notice.is_active(NOW) and not notice.is_upcoming(NOW)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("script_only.html", "the page only shows with JavaScript; open it yourself"),
        ("captcha.html", "the page asks for a login or a check; open it yourself"),
    ],
)
def test_pages_a_program_cannot_read_say_so(name: str, reason: str) -> None:
    with pytest.raises(PageUnreadable) as raised:
        read_page(page(name), "http://bank.test/x")
    assert str(raised.value) == reason and raised.value.url == "http://bank.test/x"


def test_a_login_page_cannot_be_read() -> None:
    login = b"<html><body><form><input name=u><input type=password name=p></form></body></html>"
    with pytest.raises(PageUnreadable, match="login"):
        read_page(login, "http://bank.test/login")


def test_the_bytes_decide_the_encoding_whatever_the_page_claims() -> None:
    text = "关于系统升级维护的公告：我行将于7月12日进行升级。"
    utf8_claiming_gbk = f'<html><head><meta charset="gbk"></head><body>{text}</body></html>'
    assert text in decode(utf8_claiming_gbk.encode("utf-8"))
    gbk_unlabelled = f"<html><body><p>{text * 3}</p></body></html>".encode("gbk")
    assert text in decode(gbk_unlabelled)
    gb18030_labelled_gb2312 = f'<meta charset="gb2312"><p>{text}䶮</p>'.encode("gb18030")
    assert f"{text}䶮" in decode(gb18030_labelled_gb2312)  # beyond GB2312: read as GB18030


def test_a_list_page_gives_its_maintenance_announcements_on_the_same_site_newest_first() -> None:
    listing = read_page(
        page("list.html", "gbk", charset="gb2312"), "http://bank.test/news/list.html"
    )
    found = [(link.url, link.published and link.published.isoformat()) for link in listing.links]
    assert found == [
        ("http://bank.test/news/notices/0710.html", "2025-07-10"),
        ("http://bank.test/news/notices/0709.html", "2025-07-09"),
        ("http://bank.test/news/notices/0628.html", "2025-06-28"),
    ]  # fmt: skip
    # Not: the fraud warning and the holiday hours (no maintenance word), the partner's site,
    # the menu's and footer's 维护/升级 links, the pagination.


# --- the probe, over HTTP --------------------------------------------------------------------


async def serve_bank(server: FeedServer, *, unreadable: bool = False) -> str:
    """The bank's site: a GBK list page and its announcements; ``unreadable``: the newest
    only shows in a browser (else it cancels an old maintenance)."""
    server.set_document("/news/list.html", page("list.html", "gbk", charset="gb2312"), HTML)
    server.set_document("/news/notices/0709.html", page("detail_0709.html"), HTML)
    wrong_header = "text/html; charset=utf-8"
    server.set_document("/news/notices/0628.html", page("detail_gbk.html", "gbk"), wrong_header)
    newest = page("script_only.html") if unreadable else page("cancelled.html")
    server.set_document("/news/notices/0710.html", newest, HTML)
    return server.base_url + "/news/list.html"


def probe_bank(
    now: datetime, tmp_path: Path | None = None, *, unreadable: bool = False, **kw: Any
) -> ProbeResult:
    async def go() -> ProbeResult:
        async with FeedServer(now=lambda: now) as server:
            url = await serve_bank(server, unreadable=unreadable)
            feed = NoticeFeed(url, "auto", "示例银行公告")
            probe = NoticeProbe("bank", "示例银行", [feed], now=lambda: now, local_tz=SH,
                                provider_tz=SH, cache_dir=tmp_path, **kw)  # fmt: skip
            return await run_probe(probe)

    return asyncio.run(go())


def test_a_list_page_announcing_maintenance_now_fails_with_the_sentence_and_link() -> None:
    result = probe_bank(datetime(2025, 7, 12, 15, 0, tzinfo=SH))
    assert result.status is Status.FAIL
    assert result.summary == (
        "示例银行 maintenance in progress until 17:00. Source: “本次工作将于２０２５年０７月１２日"
        "１４：００—１７：００进行，期间银行卡刷卡消费业务将暂停服务。” (关于系统升级维护的公告, "
        "published 2025-07-09)"
    )
    (active,) = result.detail["active"]
    assert active["sentence"].startswith("本次工作将于２０２５年０７月１２日")
    assert active["url"].endswith("/news/notices/0709.html")
    assert active["published"] == "2025-07-09" and active["feed"] == "示例银行公告"
    # The GBK announcement's window (20:00 to 06:00) is later the same day: known, not active.
    assert [n["title"] for n in result.detail["upcoming"]] == ["关于支付系统网络设备改造的通知"]


def test_before_and_after_the_windows() -> None:
    before = probe_bank(datetime(2025, 7, 12, 9, 0, tzinfo=SH))
    assert before.status is Status.WARN and "planned" in str(before.summary)
    after = probe_bank(datetime(2025, 7, 14, 9, 0, tzinfo=SH))
    assert after.status is Status.OK
    assert after.summary == "No maintenance announced by 示例银行"


def test_a_fresh_announcement_without_a_readable_time_says_read_it() -> None:
    listing = (
        '<html><body><ul><li><a href="/n/1.html">关于近期系统维护的公告</a> 2025-07-11</li>'
        "</ul></body></html>"
    ).encode()
    detail = (
        "<html><body><h1>关于近期系统维护的公告</h1><p>发布时间：2025-07-11</p>"
        "<p>我行近期将进行系统维护，具体时间另行通知，敬请留意。</p></body></html>"
    ).encode()

    async def go() -> ProbeResult:
        async with FeedServer(now=lambda: NOW) as server:
            url = server.set_document("/list", listing, HTML)
            server.set_document("/n/1.html", detail, HTML)
            probe = NoticeProbe("bank", "示例银行", [NoticeFeed(url, "page", "公告")],
                                now=lambda: NOW, local_tz=SH, provider_tz=SH)  # fmt: skip
            return await run_probe(probe)

    result = asyncio.run(go())
    assert result.status is Status.WARN
    assert result.summary == "示例银行 posted a maintenance notice 10 h ago without a time; read it"
    assert result.detail["unclear"][0]["url"].endswith("/n/1.html")


def test_an_announcement_only_a_browser_can_show_is_named_with_its_address() -> None:
    result = probe_bank(datetime(2025, 7, 14, 9, 0, tzinfo=SH), unreadable=True)
    assert result.status is Status.WARN  # the others are over; this one might not be
    assert result.summary == (
        "Feed '示例银行公告' could not be read: an announcement could not be read: "
        "the page only shows with JavaScript; open it yourself"
    )
    (error,) = result.detail["feed_errors"]
    assert error["open_url"].endswith("/news/notices/0710.html")
    during = probe_bank(datetime(2025, 7, 12, 15, 0, tzinfo=SH), unreadable=True)
    assert during.status is Status.FAIL  # what could be read still counts


def test_a_page_only_a_browser_can_show_is_never_no_notice() -> None:
    async def go() -> ProbeResult:
        async with FeedServer(now=lambda: NOW) as server:
            url = server.set_document("/notice", page("captcha.html"), HTML)
            probe = NoticeProbe("bank", "示例银行", [NoticeFeed(url, "page", "公告")],
                                now=lambda: NOW, local_tz=SH, provider_tz=SH)  # fmt: skip
            return await run_probe(probe)

    result = asyncio.run(go())
    assert result.status is Status.WARN
    assert result.summary == (
        "Feed '公告' could not be read: the page asks for a login or a check; open it yourself"
    )
    (error,) = result.detail["feed_errors"]
    assert error["open_url"].endswith("/notice")


def test_the_website_is_fetched_at_most_once_in_a_few_minutes_and_then_conditionally(
    tmp_path: Path,
) -> None:
    async def go() -> tuple[ProbeResult, ProbeResult, ProbeResult, int, int, int]:
        now = datetime(2025, 7, 12, 15, 0, tzinfo=SH)
        clock = [now]
        async with FeedServer(now=lambda: now) as server:
            url = await serve_bank(server)
            probe = NoticeProbe("bank", "示例银行", [NoticeFeed(url, "page", "公告")],
                                now=lambda: clock[0], local_tz=SH, provider_tz=SH,
                                cache_dir=tmp_path)  # fmt: skip
            first = await run_probe(probe)
            clock[0] = now + timedelta(minutes=1)
            second = await run_probe(probe)  # a recheck 60 s later: from the cache
            hits_after_two = server.hits["/news/list.html"]
            clock[0] = now + timedelta(minutes=4)
            third = await run_probe(probe)  # 4 minutes on: asked again, "if not modified"
            listing, notice = "/news/list.html", "/news/notices/0709.html"
            unchanged = server.not_modified[listing] + server.not_modified[notice]
            return first, second, third, hits_after_two, server.hits[listing], unchanged

    first, second, third, hits_after_two, hits, unchanged = asyncio.run(go())
    assert first.status is second.status is third.status is Status.FAIL
    assert second.detail["active"] == first.detail["active"] == third.detail["active"]
    assert (hits_after_two, hits) == (1, 2)
    assert unchanged == 2  # the list page and the announcement came back 304: read from the copy


def test_a_failed_fetch_falls_back_to_the_cached_pages(tmp_path: Path) -> None:
    async def go() -> ProbeResult:
        now = datetime(2025, 7, 12, 15, 0, tzinfo=SH)
        async with FeedServer(now=lambda: now) as server:
            url = await serve_bank(server)
            feed = NoticeFeed(url, "page", "公告")

            def probe(at: datetime) -> NoticeProbe:
                return NoticeProbe("bank", "示例银行", [feed], now=lambda: at, local_tz=SH,
                                   provider_tz=SH, cache_dir=tmp_path)  # fmt: skip

            await run_probe(probe(now))
            server.scenario = "error_500"
            return await run_probe(probe(now + timedelta(minutes=10)))

    result = asyncio.run(go())
    assert result.status is Status.FAIL  # the cached announcement still says: in maintenance
    assert result.detail["stale"] == [{"feed": "公告", "age_s": 600}]


def test_diagnose_says_provider_maintenance_exactly_while_a_page_window_covers_now(
    tmp_path: Path,
) -> None:
    def window_page(starts: datetime, ends: datetime) -> bytes:
        fmt = "%Y年%m月%d日%H:%M"
        return (
            "<html><head><meta charset='utf-8'><title>系统维护公告</title></head><body>"
            f"<h1>系统维护公告</h1><p>我行将于{starts.strftime(fmt)}至{ends.strftime(fmt)}"
            "进行系统维护，期间暂停银行卡交易。</p></body></html>"
        ).encode()

    async def diagnose(offset: timedelta) -> dict[str, Any]:
        now = datetime.now(SH).replace(second=0, microsecond=0)
        async with SimulatedShop() as shop:
            url = shop.feeds.set_document(
                "/notice.html", window_page(now + offset, now + offset + timedelta(hours=2)), HTML
            )
            home = tmp_path / f"home{offset.total_seconds():.0f}"
            home.mkdir()
            extra = f'[[providers.notice_feeds]]\nurl = "{url}"\nkind = "page"\n'
            (home / "posguide.toml").write_text(shop.config_toml() + extra, encoding="utf-8")
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "posguide", "--data-dir", str(home), "diagnose", "--json",
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=ROOT,
            )  # fmt: skip
            out, err = await asyncio.wait_for(process.communicate(), 60)
            assert process.returncode in (0, 1), err.decode()
            return json.loads(out)

    covering = asyncio.run(diagnose(-timedelta(hours=1)))
    assert covering["verdict"] == "provider_notice_active"
    later = asyncio.run(diagnose(timedelta(hours=3)))
    assert later["verdict"] != "provider_notice_active"
    notices = next(p for p in later["probes"] if p["id"] == "notices")
    assert notices["status"] == "warn"  # planned later today: said, not blamed


# --- the time phrases, generated ---------------------------------------------------------------

FULL_WIDTH = str.maketrans("0123456789:-", "０１２３４５６７８９：－")


@st.composite
def phrasing(draw: st.DrawFn) -> tuple[str, datetime, datetime]:
    day = draw(st.dates(min_value=NOW.date(), max_value=NOW.date() + timedelta(days=40)))
    start_h = draw(st.integers(0, 21))
    start_m = draw(st.sampled_from([0, 15, 30, 45]))
    length = draw(st.integers(1, 12)) * 30
    starts = datetime(day.year, day.month, day.day, start_h, start_m, tzinfo=SH)
    ends = starts + timedelta(minutes=length)
    dated = draw(st.sampled_from(["{y}年{m}月{d}日", "{m}月{d}日", "{y}-{m:02d}-{d:02d} ",
                                  "{y}年{m:02d}月{d:02d}日（周{w}）"]))  # fmt: skip
    weekday = "一二三四五六日"[day.weekday()]
    date_text = dated.format(y=day.year, m=day.month, d=day.day, w=weekday)
    dash = draw(st.sampled_from(["—", "－", "~", "至", "到", "-", "——"]))
    clock = "{:02d}:{:02d}" if draw(st.booleans()) else "{}:{:02d}"
    end_text = clock.format(ends.hour, ends.minute)
    if ends.date() != starts.date():
        end_text = draw(st.sampled_from(["次日", f"{ends.month}月{ends.day}日"])) + end_text
    text = (
        f"本行将于{date_text}{clock.format(starts.hour, starts.minute)}{dash}{end_text}进行系统维护"
    )
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    filler = draw(st.sampled_from(["", "如遇特殊情况需调整，将另行通知。", "客服热线：95500。"]))
    return text + "。" + filler, starts, ends


@settings(max_examples=300, deadline=None)
@given(phrasing())
def test_generated_phrasings_are_read_back_exactly(case: tuple[str, datetime, datetime]) -> None:
    text, starts, ends = case
    windows = find_windows(text, now=NOW, tz=SH)
    assert [(w.starts, w.ends) for w in windows] == [(starts, ends)], text


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789年月日时点分:：-—至到~（）周六晚凌晨次日。 ")),
        max_size=80,
    )
)
def test_the_reader_never_crashes_on_garbled_phrases(text: str) -> None:
    for window in find_windows(text, now=NOW, tz=SH):
        assert window.ends is None or window.ends > window.starts
        assert 0 <= window.at < len(text)


def test_a_long_list_page_gives_every_announcement_once() -> None:
    rows = b"".join(
        f'<li><a href="n/{i}.html">关于第{i}期系统维护的公告</a>'
        f"<span>2025-06-{i % 28 + 1:02d}</span></li>".encode("gbk")
        for i in range(2500)
    )
    end_of_news = b'</ul>\n  <div class="pagination">'
    data = page("list.html", "gbk", charset="gbk").replace(end_of_news, rows + end_of_news, 1)
    assert len(data) > 200_000
    links = read_page(data, "http://bank.test/news/list.html").links
    assert len(links) == 2503 and len({link.url for link in links}) == 2503
    assert links[0].published is not None and links[0].published.isoformat() == "2025-07-10"


def test_the_fault_description_quotes_the_announcement(tmp_path: Path) -> None:
    from posguide.config import Provider, Terminal
    from posguide.probe_records import to_record
    from posguide.reports import build_fault_report
    from posguide.store import IncidentStore

    result = probe_bank(datetime(2025, 7, 12, 15, 0, tzinfo=SH))
    with IncidentStore.open(tmp_path / "posguide.db") as store:
        incident = store.start_incident(terminal="till1", symptom="在维护中")
        step = store.begin_step(incident, "symptom")
        store.record_probe(step, to_record(result))
        store.save_step(step, answers={}, status="done")
        detail = store.get_incident(incident)
    report = build_fault_report(
        detail,
        provider=Provider(id="bank", name="示例银行", hotline="95500"),
        terminal=Terminal(id="till1", name="1号收银台", provider="bank"),
        recent={30: 1, 90: 1},
        now=datetime.now(SH),
        language="en",
    )
    assert (
        "Source: “本次工作将于２０２５年０７月１２日１４：００—１７：００进行，"
        "期间银行卡刷卡消费业务将暂停服务。” (关于系统升级维护的公告, published 2025-07-09)"
    ) in report.text


def test_notice_check_shows_what_a_page_gives_before_it_is_configured(tmp_path: Path) -> None:
    async def check(path: str) -> tuple[int, str]:
        async with FeedServer() as server:
            await serve_bank(server, unreadable=True)
            start = datetime.now(SH) + timedelta(hours=2)
            fmt = "%Y年%m月%d日%H:%M"
            announcement = (
                "<html><head><meta charset='utf-8'><title>系统维护公告</title></head><body>"
                f"<h1>系统维护公告</h1><p>我行将于{start.strftime(fmt)}至"
                f"{(start + timedelta(hours=1)).strftime(fmt)}进行系统维护。</p></body></html>"
            )
            server.set_document("/today.html", announcement.encode(), HTML)
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "posguide", "--data-dir", str(tmp_path), "notice", "check",
                server.base_url + path, stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT, cwd=ROOT,
            )  # fmt: skip
            out, _ = await asyncio.wait_for(process.communicate(), 60)
            return process.returncode or 0, out.decode()

    code, out = asyncio.run(check("/today.html"))
    assert code == 0, out
    assert out.startswith("WARN  the provider maintenance planned ")  # today or tomorrow
    assert "  soon     " in out and "系统维护公告" in out
    assert "“我行将于" in out and out.rstrip().endswith("/today.html")
    code, out = asyncio.run(check("/news/notices/0710.html"))  # only a browser shows it
    assert code == 1
    assert "cannot read: the page only shows with JavaScript; open it yourself — open http" in out


# --- what a review found (each failed before its fix) -----------------------------------------


def windows_in(body: str, now: datetime = NOW) -> list[tuple[str, str]]:
    html = f"<html><head><meta charset='utf-8'></head><body><div>{body}</div></body></html>"
    article = read_page(html.encode(), "http://bank.test/x").article
    return [
        (n.starts.strftime("%m-%d %H:%M"), n.ends.strftime("%m-%d %H:%M") if n.ends else "")
        for n in notices_from_article(article, provider_id="bank", tz=SH, now=now)
    ]


TODAY_14_17 = [("07-12 14:00", "07-12 17:00")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A CMS's inline markup does not split a window.
        ("<p>我司定于<span>7月12日23:00</span><span>至次日02:00</span>进行网络割接。</p>",
         [("07-12 23:00", "07-13 02:00")]),
        ("<p><span>2025年7月12日</span><span>14:00</span>-<span>17:00</span>进行维护</p>",
         TODAY_14_17),
        # 取消 and 改为 about something else in the sentence do not drop the window.
        ("<p>本行将于2025年7月12日14:00-17:00进行系统维护，维护期间消费、预授权取消交易均无法受理。</p>",
         TODAY_14_17),
        ("<p>本行将于2025年7月12日14:00-17:00进行系统维护，请商户改为扫码收款。</p>", TODAY_14_17),
        ("<p>原定于7月5日的系统维护已取消，新的维护时间为2025年7月12日14:00-17:00。</p>", TODAY_14_17),  # noqa: E501
        # The old time in brackets, or before 推迟至, is not announced.
        ("<p>维护时间调整为2025年7月19日14:00-17:00（原定2025年7月12日14:00-17:00）。</p>",
         [("07-19 14:00", "07-19 17:00")]),
        ("<p>2025年7月12日14:00—17:00的系统维护推迟至2025年7月19日14:00—17:00进行。</p>",
         [("07-19 14:00", "07-19 17:00")]),
    ],
    ids=["spans", "spans-times", "preauth-cancel", "pay-by-scan", "new-time",
         "old-in-brackets", "postponed-same-clause"],
)  # fmt: skip
def test_windows_as_a_reader_finds_them(body: str, expected: list[tuple[str, str]]) -> None:
    assert windows_in(body) == expected


def test_card_numbers_are_masked_before_anything_is_cut_or_shown() -> None:
    pan = "6222021234567890128"  # Luhn-valid
    html = (
        f"<html><body><h1>关于卡{pan}的维护公告</h1><p>持卡人{pan}请注意：" + "请留意。" * 60
        + f"本行将于2025年7月12日14:00-17:00进行系统维护{pan}。</p></body></html>"
    )  # fmt: skip
    article = read_page(html.encode(), "http://bank.test/x").article
    (notice,) = notices_from_article(article, provider_id="bank", tz=SH, now=NOW)
    for text in (notice.title, notice.sentence, notice.body, notice.affected):
        assert "234567890" not in text and "62220212345678" not in text


def test_a_list_with_dates_without_a_year_follows_the_newest() -> None:
    rows = "".join(
        f"<li><a href='/n/{day}.html'>第{i}期系统维护公告</a> [{day}]</li>"
        for i, day in enumerate(["07-10", "06-10", "05-10", "04-10", "03-10", "02-10", "12-10"])
    )
    listing = read_page(f"<html><body><ul>{rows}</ul></body></html>".encode(),
                        "http://bank.test/list", today=NOW.date())  # fmt: skip
    assert [link.url.rsplit("/", 1)[1] for link in listing.links[:2]] == [
        "07-10.html",
        "06-10.html",
    ]  # "[12-10]" is last December, not next
    assert listing.links[-1].published is not None
    assert listing.links[-1].published.isoformat() == "2024-12-10"


@pytest.mark.parametrize(
    "hostile",
    [
        b'<html><head><meta charset="base64"></head><body>\xff\xfe</body></html>',
        b'<html><body><a href="http://bank.test\xef\xbc\x8fnews">\xe7\xbb\xb4\xe6\x8a\xa4</a>'
        b'<a href="http://[broken/x">\xe5\x8d\x87\xe7\xba\xa7</a></body></html>',
        b"<html><body>" + b"<table><tr><td>" * 4000 + b"x" + b"</td></tr></table>" * 4000
        + b"</body></html>",
    ],
    ids=["text-less-codec", "broken-links", "nested-4000-deep"],
)  # fmt: skip
def test_hostile_pages_are_a_bad_page_not_a_crash(hostile: bytes) -> None:
    async def go() -> ProbeResult:
        async with FeedServer(now=lambda: NOW) as server:
            url = server.set_document("/x", hostile, HTML)
            probe = NoticeProbe("bank", "示例银行", [NoticeFeed(url, "page", "公告")],
                                now=lambda: NOW, local_tz=SH, provider_tz=SH)  # fmt: skip
            return await run_probe(probe)

    result = asyncio.run(go())
    assert result.status in (Status.OK, Status.WARN), result.summary
    assert result.duration_ms < 5000


def test_an_empty_or_placeholder_page_is_not_a_clean_read() -> None:
    async def go(body: bytes) -> ProbeResult:
        async with FeedServer(now=lambda: NOW) as server:
            url = server.set_document("/x", body, HTML)
            probe = NoticeProbe("bank", "示例银行", [NoticeFeed(url, "page", "公告")],
                                now=lambda: NOW, local_tz=SH, provider_tz=SH)  # fmt: skip
            return await run_probe(probe)

    for body in (b"<html><body></body></html>", "<p>系统维护中，请稍后访问</p>".encode()):
        result = asyncio.run(go(body))
        assert result.status is Status.WARN
        assert result.summary == "Feed '公告' could not be read: the page has nothing to read"


def test_a_feed_that_turns_into_a_web_page_is_an_error_not_an_all_clear(tmp_path: Path) -> None:
    from posguide.sim.feeds import feed_document

    async def go() -> ProbeResult:
        at = datetime(2026, 11, 26, 10, 0, tzinfo=SH)
        async with FeedServer(now=lambda: at) as server:
            active = feed_document("statuspage", "maintenance_active", at, provider="示例收单",
                                   tz=SH, base=server.base_url)  # fmt: skip
            url = server.set_document("/status.json", active, "application/json")

            def probe() -> NoticeProbe:
                return NoticeProbe("bank", "示例收单", [NoticeFeed(url, "auto", "状态页")],
                                   now=lambda: at, local_tz=SH, provider_tz=SH,
                                   cache_dir=tmp_path)  # fmt: skip

            assert (await run_probe(probe())).status is Status.FAIL
            server.set_document(
                "/status.json",
                b"<html><body><h1>404</h1><p>"
                + "页面不存在，请返回首页。".encode() * 5
                + b"</p></body></html>",
                HTML,
            )
            return await run_probe(probe())

    result = asyncio.run(go())
    assert result.status is Status.FAIL  # still the maintenance the feed announced
    assert "a web page came instead of the feed (using notices last checked" in result.summary
