"""Maintenance windows read from providers' SMS / WeChat notices (notices.sms)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posguide.probes.notices import parse_notice_text

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")
# Friday 20 November 2026, 10:00 in Shanghai: the shop reads the SMS in the morning.
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=SH)


def windows(text: str, now: datetime = NOW, tz: ZoneInfo = SH) -> list[tuple[str, str | None]]:
    """The windows found, as ISO text in ``tz`` (the zone the reader is in)."""
    return [
        (n.starts.astimezone(tz).isoformat(), n.ends.astimezone(tz).isoformat() if n.ends else None)
        for n in parse_notice_text(text, now=now, tz=tz)
    ]


def w(start: str, end: str | None) -> tuple[str, str | None]:
    """Expected window in Shanghai time, written short: "11-28 00:00"."""

    def full(short: str) -> str:
        day, clock = short.split()
        return f"2026-{day}T{clock}:00+08:00"

    return full(start), full(end) if end else None


CASES = [
    # Real-looking acquirer texts (银联商务, 拉卡拉, 收钱吧, bank SMS), as staff paste them.
    (
        "【银联商务】尊敬的商户：我司定于11月28日00:00至04:00进行系统升级，届时POS刷卡业务将暂停，"
        "请提前做好安排。客服热线95534",
        [w("11-28 00:00", "11-28 04:00")],
    ),
    (
        "尊敬的商户，2026年11月28日凌晨0:00-4:00系统维护，期间POS无法交易，给您带来不便敬请谅解。",
        [w("11-28 00:00", "11-28 04:00")],
    ),
    (
        "【拉卡拉】通知：11月28日23:00至次日02:00核心系统割接，期间刷卡、扫码交易暂停。",
        [w("11-28 23:00", "11-29 02:00")],
    ),
    ("温馨提示：今晚22:00-24:00系统升级，请提前做好结算。", [w("11-20 22:00", "11-21 00:00")]),
    ("【收钱吧】明日凌晨1点至5点系统维护，维护期间暂停收款。", [w("11-21 01:00", "11-21 05:00")]),
    ("系统维护通知 12/01 01:00-03:00 刷卡交易暂停", [w("12-01 01:00", "12-01 03:00")]),
    (
        "定于１１月２８日００：００－０４：００进行系统升级（全角数字）",
        [w("11-28 00:00", "11-28 04:00")],
    ),
    ("11月28日（周六）凌晨00:00~04:00进行网络升级", [w("11-28 00:00", "11-28 04:00")]),
    ("11月28日 00:00—04:00 银行卡收单系统升级", [w("11-28 00:00", "11-28 04:00")]),
    ("11月28日00:00到04:00暂停服务", [w("11-28 00:00", "11-28 04:00")]),
    (
        "Dear merchant, card payments will be unavailable from 00:00 to 04:00 on 28 Nov.",
        [w("11-28 00:00", "11-28 04:00")],
    ),
    ("Scheduled maintenance Nov 28, 2026 16:00 - 20:00 UTC", [w("11-29 00:00", "11-29 04:00")]),
    (
        "我司将于11月28日进行系统升级。升级时间为0:00至4:00。如有疑问请致电客服热线（9:00-18:00）。",
        [w("11-28 00:00", "11-28 04:00")],
    ),
    ("定于11月28日00:00开始系统升级，预计持续4小时。", [w("11-28 00:00", "11-28 04:00")]),
    ("明晚11点至次日凌晨3点银联通道升级", [w("11-21 23:00", "11-22 03:00")]),
    ("明天凌晨两点至四点半收单系统维护", [w("11-21 02:00", "11-21 04:30")]),
    ("11月28日晚上10点至12点系统升级", [w("11-28 22:00", "11-29 00:00")]),
    ("北京时间2026年11月28日02:00至06:00维护", [w("11-28 02:00", "11-28 06:00")]),
    (
        "11月28日00:00至04:00、11月29日01:00至03:00分两次升级",
        [w("11-28 00:00", "11-28 04:00"), w("11-29 01:00", "11-29 03:00")],
    ),
    # No date at all: today's 00:00-04:00 is over at 10:00, so the next one is meant.
    ("升级时间：00:00-04:00，请提前做好准备。", [w("11-21 00:00", "11-21 04:00")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:14] for c in CASES])
def test_windows_found(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert windows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello world",
        "您的账户于11月20日消费人民币128.00元。",  # a date, but no time window
        "客服热线95534，服务时间9:00-18:00",  # service hours, not maintenance
        "订单号 2026-11-28-0001-0400 已发货",
        "请于11月30日前完成签到。",
        "version 1.2.3-4.5.6",
        "2月30日00:00至04:00系统升级",  # no such date
        "11月28日25:00至26:00系统升级",  # no such time
        "11月28日04:00至11月28日02:00",  # ends before it starts, both dates given
    ],
)
def test_no_window(text: str) -> None:
    assert parse_notice_text(text, now=NOW, tz=SH) == []


def test_notice_fields() -> None:
    (notice,) = parse_notice_text(
        "  【银联商务】定于11月28日00:00至04:00\n进行系统升级  ", now=NOW, tz=SH, provider_id="ums"
    )
    assert notice.provider_id == "ums"
    assert notice.source == "sms"
    assert notice.status == "scheduled"
    assert notice.title == "【银联商务】定于11月28日00:00至04:00 进行系统升级"  # trimmed, one line
    assert notice.is_upcoming(datetime(2026, 11, 27, 23, 0, tzinfo=SH))
    assert notice.is_active(datetime(2026, 11, 28, 3, 59, tzinfo=SH))
    assert not notice.is_active(datetime(2026, 11, 28, 4, 0, tzinfo=SH))


def test_card_numbers_are_masked() -> None:
    text = "卡号4111 1111 1111 1111的商户：11月28日00:00至04:00系统升级"
    (notice,) = parse_notice_text(text, now=NOW, tz=SH)
    assert "4111 1111 1111 1111" not in notice.title
    assert "4111 1111 1111 1111" not in notice.body
    assert "**** **** **** 1111" in notice.title


@pytest.mark.parametrize(
    ("text", "now", "expected_start"),
    [
        # A December notice read in January is last December (13 days ago), not next year.
        ("12月28日00:00-02:00升级", datetime(2027, 1, 10, tzinfo=SH), "2026-12-28"),
        # A January notice read in December is next January.
        ("1月5日00:00-02:00升级", datetime(2026, 12, 20, tzinfo=SH), "2027-01-05"),
        # More than ~2 months back: the next one.
        ("9月1日00:00-02:00升级", datetime(2026, 11, 20, tzinfo=SH), "2027-09-01"),
        ("2月29日00:00-02:00升级", datetime(2027, 11, 20, tzinfo=SH), "2028-02-29"),
    ],
)
def test_year_is_inferred(text: str, now: datetime, expected_start: str) -> None:
    (notice,) = parse_notice_text(text, now=now, tz=SH)
    assert notice.starts.date().isoformat() == expected_start


def test_times_are_in_the_given_zone_across_dst() -> None:
    # 1 Nov 2026 is the US fall-back day: 01:00 EDT to 03:00 EST is three real hours.
    now = datetime(2026, 10, 30, 12, 0, tzinfo=NY)
    (notice,) = parse_notice_text("Maintenance 11/01 01:00-03:00", now=now, tz=NY)
    assert notice.starts.isoformat() == "2026-11-01T01:00:00-04:00"
    assert notice.ends is not None
    assert notice.ends.isoformat() == "2026-11-01T03:00:00-05:00"
    assert notice.ends.timestamp() - notice.starts.timestamp() == 3 * 3600
    assert notice.is_active(datetime(2026, 11, 1, 7, 30, tzinfo=ZoneInfo("UTC")))  # 02:30 EST
    assert not notice.is_active(datetime(2026, 11, 1, 8, 5, tzinfo=ZoneInfo("UTC")))  # 03:05 EST


def test_relative_words_follow_the_reference_time() -> None:
    late = datetime(2026, 11, 20, 23, 50, tzinfo=SH)
    assert windows("今晚0:00-4:00升级", now=late) == [w("11-21 00:00", "11-21 04:00")]
    utc_now = NOW.astimezone(ZoneInfo("UTC"))  # same instant, other zone: same answer
    assert windows("明日凌晨1点至5点", now=utc_now) == [w("11-21 01:00", "11-21 05:00")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_never_raises_on_any_text(text: str) -> None:
    for notice in parse_notice_text(text, now=NOW, tz=SH):
        assert notice.ends is None or notice.ends.timestamp() > notice.starts.timestamp()


_PIECES = st.sampled_from(
    ["11月28日", "2026年", "12/01", "28 Nov", "今晚", "明日", "次日", "凌晨", "下午", "晚上",
     "00:00", "4:00", "24:00", "23:59", "1点", "两点半", "12 pm", "至", "-", "~", "到", "—",
     "开始", "持续4小时", "。", "UTC+8", "北京时间", " ", "十十", "99:99", "31日", "2月30日"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_never_raises_on_near_miss_notices(text: str) -> None:
    for notice in parse_notice_text(text, now=NOW, tz=SH):
        assert (
            notice.ends is None
            or 0 < notice.ends.timestamp() - notice.starts.timestamp() <= 31 * 86400
        )
