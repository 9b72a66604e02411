"""Words for dates and times in provider notices: the token scanner and how to read each token.

``sms`` assembles tokens into windows; this module only knows what a single token means:
"11月28日" is a date, "明日" a day relative to today, "凌晨"/"下午" a period that shifts the hour,
"1点半"/"01:00"/"4 pm" a time of day, "北京时间"/"UTC+8" a zone, "预计持续4小时" a duration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Final
from zoneinfo import ZoneInfo

PAST_LIMIT: Final = timedelta(days=62)  # a date without a year is at most this far back

_MON = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_CN = "[零〇一二两三四五六七八九十]{1,3}"  # Chinese numerals: 两点, 二十三点
_YEAR = r"(?:19|20)\d\d(?![\d:])"
# One alternative per token kind; the first that matches at a position wins, so dates come
# before the separators their "-" and "/" would otherwise become.
TOKENS: Final = re.compile(
    "|".join(
        (
            r"(?P<fy>(?:19|20)\d\d)\s*(?:年|-|/|\.)\s*(?P<fm>\d{1,2})\s*(?:月|-|/|\.)\s*"
            r"(?P<fd>\d{1,2})(?!\d)\s*(?:日|号)?",
            rf"(?<!\d)(?P<ed1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<emon1>{_MON})(?![a-z])\.?"
            rf"(?:,?\s+(?P<ey1>{_YEAR}))?",
            rf"(?<![a-z])(?P<emon2>{_MON})\.?\s+(?P<ed2>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])"
            rf"(?:,?\s+(?P<ey2>{_YEAR}))?",
            r"(?P<cm>\d{1,2})\s*月\s*(?P<cd>\d{1,2})(?!\d)\s*(?:日|号)?",
            r"(?<![\d/.])(?<!\d:)(?P<sm>\d{1,2})/(?P<sd>\d{1,2})(?![\d/:])",
            r"(?P<tz>北京时间|beijing\s+time|utc|gmt)"
            r"(?:\s*(?P<tzs>[+-])\s*(?P<tzh>\d{1,2})(?::?(?P<tzm>\d\d))?)?",
            r"(?P<rel>今天|今日|今晚|今夜|今早|今晨|明天|明日|明晚|明早|明晨|后天|次日|翌日|第二天"
            r"|隔天|当日|当天|当晚|today|tonight|tomorrow)",
            r"(?P<per>凌晨|清晨|早上|早晨|上午|中午|下午|午后|傍晚|晚上|晚间|夜间|夜里|深夜|半夜|午夜"
            r"|晚(?=\s*\d|\s*[零〇一二两三四五六七八九十]))",  # "周五晚20:00", "晚8点"
            r"(?<![\d./])(?<!\d:)(?P<th>\d{1,2})\s*:\s*(?P<tm>\d\d)(?!\d)(?:\s*:\s*\d\d(?!\d))?"
            r"(?:\s*(?P<tap>[ap])\.?m\.?(?![a-z]))?",
            r"(?<![\d.])(?P<eh>\d{1,2})(?:\.(?P<em>\d\d))?\s*(?P<eap>[ap])\.?m\.?(?![a-z])",
            rf"(?P<ch>\d{{1,2}}|{_CN})\s*[点时](?:\s*(?P<chalf>半)|\s*(?P<cmin>\d{{1,2}}|{_CN})\s*分?)?",
            r"(?P<mid>midnight|noon|midday)",
            r"(?P<sep>至|到|~|〜|—{1,2}|–|―|-|‐|\bto\b|\buntil\b|\btill\b|\bthrough\b|\band\b)",
            r"(?P<startw>开始|起)",
            rf"(?:持续|历时|预计|大约|约|为期)\s*约?\s*(?P<dur>\d{{1,2}}(?:\.\d)?|{_CN}|半)\s*个?\s*小时",
            r"\bfor\s+(?:about\s+)?(?P<edur>\d{1,2})\s+hours?",
            r"(?P<stop>[。；;!！?？\n])",
        )
    ),
    re.IGNORECASE,
)
_MONTHS: Final = "jan feb mar apr may jun jul aug sep oct nov dec".split()  # noqa: SIM905
_REL_DAYS: Final = {"明天": 1, "明日": 1, "明晚": 1, "明早": 1, "明晨": 1, "后天": 2, "tomorrow": 1}
# Evening words: hours 6-11 are after 18:00, hours 0-5 after midnight.
EVENING: Final = frozenset(
    "晚 晚上 晚间 夜间 夜里 深夜 半夜 午夜 今晚 今夜 明晚 当晚 tonight".split()  # noqa: SIM905
)
_DIGITS: Final = {c: n for n, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


@dataclass
class Tok:
    kind: str  # date, rel, per, time, tz, sep, startw, dur, stop
    start: int
    end: int
    groups: dict[str, str] = field(default_factory=dict)


def tokenize(norm: str) -> list[Tok]:
    return [_token(m) for m in TOKENS.finditer(norm)]


def _token(m: re.Match[str]) -> Tok:
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    if any(k in g for k in ("fy", "ed1", "emon2", "cm", "sm")):
        kind = "date"
    elif any(k in g for k in ("th", "eh", "ch", "mid")):
        kind = "time"
    elif "dur" in g or "edur" in g:
        kind = "dur"
    else:
        kind = next(iter(g)) if g else "other"
    return Tok(kind, m.start(), m.end(), g)


def day_of(tok: Tok, today: date, start_day: date) -> date:
    g = tok.groups
    if "rel" in g:
        word = g["rel"].lower()
        if word[0] in "次翌第隔":  # "next day": relative to the window's start
            return start_day + timedelta(days=1)
        if word[0] == "当":
            return start_day
        return today + timedelta(days=_REL_DAYS.get(word, 0))  # 今天, 今晚, today, ...
    if "fy" in g:
        return date(int(g["fy"]), int(g["fm"]), int(g["fd"]))
    if "cm" in g:
        month, day = int(g["cm"]), int(g["cd"])
    elif "sm" in g:
        month, day = int(g["sm"]), int(g["sd"])
    else:
        mon = (g.get("emon1") or g["emon2"]).lower()[:3]
        month, day = _MONTHS.index(mon) + 1, int(g.get("ed1") or g["ed2"])
        if year := g.get("ey1") or g.get("ey2"):
            return date(int(year), month, day)
    return infer_year(month, day, today)


def infer_year(month: int, day: int, today: date) -> date:
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue  # 29 Feb in a common year
    recent = [c for c in candidates if c >= today - PAST_LIMIT]
    if not recent:
        raise ValueError("no such date")
    return min(recent, key=lambda c: abs(c - today))


def implied_period(tok: Tok | None) -> str:
    word = tok.groups.get("rel", "") if tok else ""
    return word if word in EVENING else ""


def at(day: date, tok: Tok, period: str, zone: tzinfo) -> datetime:
    hour, minute = _clock(tok)
    ap = (tok.groups.get("tap") or tok.groups.get("eap") or "").lower()
    if ap:
        if not 1 <= hour <= 12:
            raise ValueError("bad 12-hour time")
        hour = hour % 12 + (12 if ap == "p" else 0)
    elif period == "中午":
        hour += 12 if hour < 6 else 0  # "中午1点" is 13:00
    elif period in ("下午", "午后", "傍晚"):
        hour += 12 if hour < 12 else 0
    elif period in EVENING:
        if 6 <= hour < 12:
            hour += 12
        elif hour == 12:
            hour = 24
        elif hour < 6:  # "今晚0:00" / "夜间2点": after midnight
            day += timedelta(days=1)
    elif period == "凌晨" and hour == 12:
        hour = 0
    if hour == 24 and minute == 0:
        day, hour = day + timedelta(days=1), 0
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def _clock(tok: Tok) -> tuple[int, int]:
    g = tok.groups
    if "th" in g:
        return int(g["th"]), int(g["tm"])
    if "eh" in g:
        return int(g["eh"]), int(g.get("em") or 0)
    if "mid" in g:
        return (0, 0) if g["mid"].lower() == "midnight" else (12, 0)
    minute = 30 if "chalf" in g else _number(g.get("cmin", "0"))
    return _number(g["ch"]), minute


def _number(text: str) -> int:
    """Arabic or Chinese numerals up to 99 ("两" = 2, "二十三" = 23)."""
    if text.isdigit():
        return int(text)
    tens, ten, ones = text.partition("十")
    if not ten:
        tens, ones = "", text
    if len(tens) > 1 or len(ones) > 1 or not {*tens, *ones} <= _DIGITS.keys():
        raise ValueError(f"not a number: {text}")
    value = _DIGITS[ones] if ones else 0
    return value + ((_DIGITS[tens] if tens else 1) * 10 if ten else 0)


def zone_near(toks: list[Tok], i: int) -> tzinfo | None:
    """A zone named right around the window ("北京时间", "UTC+8")."""
    for tok in toks[max(0, i - 3) : i + 6]:
        if tok.kind == "tz":
            g = tok.groups
            if g["tz"] in ("北京时间",) or g["tz"].lower().startswith("beijing"):
                return ZoneInfo("Asia/Shanghai")
            sign = -1 if g.get("tzs") == "-" else 1
            offset = timedelta(hours=int(g.get("tzh") or 0), minutes=int(g.get("tzm") or 0))
            return timezone(sign * offset) if offset < timedelta(hours=15) else None
    return None


def duration_after(toks: list[Tok], i: int) -> float:
    for tok in toks[i + 1 :]:
        if tok.kind == "stop":
            break
        if tok.kind == "dur":
            amount = tok.groups.get("dur") or tok.groups["edur"]
            if amount == "半":
                return 0.5
            return float(amount) if amount[0].isdigit() else float(_number(amount))
    return 0.0
