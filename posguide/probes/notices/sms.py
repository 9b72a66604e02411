"""Find maintenance windows in a provider's SMS / WeChat notice (or any feed item's text).

Chinese acquirers announce maintenance in prose: "定于11月28日00:00至04:00进行系统升级",
"明日凌晨1点至5点", "11月28日23:00至次日02:00", "12/01 01:00-03:00". The text is scanned into
tokens (dates, relative days, day periods, times, separators), then windows are read as
``[date] [period] time SEP [date] [period] time`` with only blanks and filler words between.

Decisions:
* Year not given: the closest date that is not more than ~2 months (62 days) in the past, so a
  "12月28日" notice read on 10 January means last December, and "1月5日" read in December means
  next January.
* No date at all ("升级时间为00:00-04:00"): used only if no window in the text has a date; the
  window is today's, or tomorrow's if today's has already ended.
* A date in an earlier sentence ("11月28日进行升级。升级时间为0:00至4:00") applies if it is
  within 80 characters; a date later in the same sentence ("from 00:00 to 04:00 on 28 Nov") too.
* Evening words with small hours ("今晚0:00") mean after midnight; "24:00" is next day 00:00.
  An end before its start without its own date rolls to the next day ("23:00至02:00").
* A start without an end ("00:00开始升级") becomes an open window, ended by a duration when
  one is given ("预计持续4小时").
* Windows next to 客服/热线/营业时间 (service hours, not maintenance) are ignored.
* Card numbers are masked in the title and body before they go anywhere.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Final

from posguide.privacy import mask_card_numbers
from posguide.probes.notices.model import Notice, Source
from posguide.probes.notices.timewords import (
    Tok,
    at,
    day_of,
    duration_after,
    implied_period,
    tokenize,
    zone_near,
)

MAX_TEXT: Final = 20_000  # characters scanned; notices are short, pasted pages are not
TITLE_LIMIT: Final = 200
CONTEXT_REACH: Final = 80
MAX_WINDOW: Final = timedelta(days=31)
MAX_SPAN_S: Final = MAX_WINDOW.total_seconds()

# Between a date/period and its time: blanks, a weekday, and filler words ("于", "from").
_GLUE: Final = re.compile(
    r"[\s,，]*(?:[(（]?\s*(?:周|星期|礼拜)[一二三四五六日天]\s*[)）]?"
    r"|[(（]?(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?[)）]?)?"
    r"[\s,，]*(?:从|自|于|在|的|起|from|at|between|on)?[\s,，]*",
    re.IGNORECASE,
)
_TIME_TO_SEP: Final = re.compile(r"\s*(?:起|开始)?\s*")
_BLANK: Final = re.compile(r"[\s(（]*")
_SERVICE_HOURS: Final = re.compile(
    r"客服|热线|服务时间|工作时间|营业时间|咨询|电话|hotline|office hours|business hours", re.I
)


@dataclass
class _Side:
    """One end of a window: its time token and the date/period/zone context in front of it."""

    time: Tok
    day: Tok | None = None
    period: str = ""


@dataclass(frozen=True)
class Window:
    """A maintenance window found in a text, and where: ``at`` indexes the original text."""

    starts: datetime
    ends: datetime | None
    dated: bool
    at: int


def find_windows(text: str, *, now: datetime, tz: tzinfo) -> list[Window]:
    """Every window in ``text`` in order of start (only the dated ones when any has a date);
    [] when none is found (never raises on bad text)."""
    norm, origin = _normalize(text[:MAX_TEXT])
    toks = tokenize(norm)
    ref = now.astimezone(tz)
    found: list[Window] = []
    i = 0
    while i < len(toks):
        if toks[i].kind != "time":
            i += 1
            continue
        window = _read_window(norm, toks, i)
        if window is None:
            i += 1
            continue
        first, last, used = window
        if not _SERVICE_HOURS.search(norm[max(0, toks[i].start - 16) : toks[i].start]):
            # An impossible date (31 Feb) or time (25:00) is not a window.
            with contextlib.suppress(ValueError, OverflowError):
                dated, starts, ends = _resolve(norm, toks, i, first, last, ref=ref, tz=tz)
                found.append(Window(starts, ends, dated, origin[toks[i].start]))
        i = used
    dated_ones = [w for w in found if w.dated]
    return sorted(
        (
            w
            for w in (dated_ones or found)
            if w.ends is None or 0 < w.ends.timestamp() - w.starts.timestamp() <= MAX_SPAN_S
        ),
        key=lambda w: (w.starts.timestamp(), w.at),
    )


def _normalize(text: str) -> tuple[str, list[int]]:
    """NFKC (全角 digits and dashes become ASCII) character by character, with the index in
    ``text`` of every character of the result, so a window found can point at its sentence."""
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = unicodedata.normalize("NFKC", char)
        pieces.append(piece)
        origin.extend([index] * len(piece))
    return "".join(pieces), origin


def parse_notice_text(
    text: str,
    *,
    now: datetime,
    tz: tzinfo,
    provider_id: str = "",
    source: Source = "sms",
) -> list[Notice]:
    """Every maintenance window in ``text``; [] when none is found (never raises on bad text)."""
    windows = sorted(
        {(w.starts, w.ends) for w in find_windows(text, now=now, tz=tz)}, key=lambda w: w[0]
    )
    clean = mask_card_numbers(text.strip())
    title = " ".join(clean.split())
    if len(title) > TITLE_LIMIT:
        title = title[: TITLE_LIMIT - 1] + "…"
    return [
        Notice(provider_id, source, title, s, e, status="scheduled", body=clean) for s, e in windows
    ]


def _gap(norm: str, a: Tok, b: Tok, pattern: re.Pattern[str]) -> bool:
    return pattern.fullmatch(norm, a.end, b.start) is not None


def _prefix(norm: str, toks: list[Tok], i: int) -> _Side:
    """The time at ``toks[i]`` with the period and date written directly in front of it."""
    side = _Side(toks[i])
    j = i - 1
    if j >= 0 and toks[j].kind == "per" and _gap(norm, toks[j], toks[j + 1], _GLUE):
        side.period = toks[j].groups["per"]
        j -= 1
    if j >= 0 and toks[j].kind in ("date", "rel") and _gap(norm, toks[j], toks[j + 1], _GLUE):
        side.day = toks[j]
    return side


def _read_window(norm: str, toks: list[Tok], i: int) -> tuple[_Side, _Side | None, int] | None:
    """Start side, end side (None: open end) and the index after the window; None if no window."""
    first = _prefix(norm, toks, i)
    k = i + 1
    if k < len(toks) and toks[k].kind == "sep" and _gap(norm, toks[i], toks[k], _TIME_TO_SEP):
        j = k + 1
        while j < len(toks) and toks[j].kind in ("date", "rel", "per"):
            j += 1
        if j < len(toks) and toks[j].kind == "time":
            ok = all(_gap(norm, toks[n], toks[n + 1], _GLUE) for n in range(k, j))
            if ok and _gap(norm, toks[k], toks[k + 1], _BLANK):
                last = _prefix(norm, toks, j)
                return first, last, j + 1
    if k < len(toks) and toks[k].kind == "startw" and _gap(norm, toks[i], toks[k], _BLANK):
        return (first, None, k + 1) if first.day is not None else None
    return None


def _resolve(
    norm: str,
    toks: list[Tok],
    i: int,
    first: _Side,
    last: _Side | None,
    *,
    ref: datetime,
    tz: tzinfo,
) -> tuple[bool, datetime, datetime | None]:
    """(has a date, start, end) in the zone the text names, else ``tz``."""
    day_tok = first.day or _contextday_of(norm, toks, i)
    base = day_of(day_tok, ref.date(), ref.date()) if day_tok else ref.date()
    zone = zone_near(toks, i) or tz
    period = first.period or implied_period(day_tok)
    start = at(base, first.time, period, zone)
    if last is None:
        hours = duration_after(toks, i)
        return day_tok is not None, start, start + timedelta(hours=hours) if hours else None
    if last.day is not None:
        end = at(day_of(last.day, ref.date(), base), last.time, last.period, zone)
        if end <= start:
            raise ValueError("window ends before it starts")
    else:
        end = at(base, last.time, last.period or period, zone)
        if end <= start:
            end = at(base + timedelta(days=1), last.time, last.period or period, zone)
    if day_tok is None and end <= ref:  # a dateless window that is over: the next one is meant
        start, end = start + timedelta(days=1), end + timedelta(days=1)
    return day_tok is not None, start, end


def _contextday_of(norm: str, toks: list[Tok], i: int) -> Tok | None:
    """A date later in the same sentence, else the nearest one shortly before."""
    for tok in toks[i + 1 :]:
        if tok.kind == "stop":
            break
        if tok.kind in ("date", "rel"):
            return tok
    for tok in reversed(toks[:i]):
        if toks[i].start - tok.end > CONTEXT_REACH:
            break
        if tok.kind in ("date", "rel"):
            return tok
    return None
