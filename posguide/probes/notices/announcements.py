"""What an announcement says: every maintenance window in its text, each with the sentence it
was read from, the page's title, publication date and address, and what is affected.

Windows are found with the SMS notices' time-phrase reading (posguide.probes.notices.sms).
A window no longer holds when its clause cancels it ("…的维护取消"), names it the original time
("原定于…", "（原定…）") or moves it on ("…推迟至…": the new time after it counts) — read in the
window's clause, so "预授权取消交易" or "请商户改为扫码收款" elsewhere in the sentence change
nothing. Card numbers are masked before anything is cut short.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import Final

from posguide.privacy import mask_card_numbers
from posguide.probes.notices.model import Notice
from posguide.probes.notices.pages import MAINTENANCE_WORDS, TITLE_LIMIT, Article
from posguide.probes.notices.sms import find_windows

SENTENCE_LIMIT: Final = 240
_STOPS: Final = "。！？；!?;\n"
# Cancelling words after the window in its clause ("…的维护取消"), or before it as the
# maintenance's own cancellation ("取消原定于…的维护"); not "预授权取消交易".
_CANCELLED: Final = re.compile(r"^[^，,]*?(?:已|予以|暂|决定)?取消(?!交易|订单|授权)")
_CANCELLED_BEFORE: Final = re.compile(r"取消(?:原定|原计划|于)")
_MOVED: Final = re.compile(
    r"调整为|调整至|改为|改至|推迟至|推迟到|延期至|延期到|延后至|变更为|顺延至|提前至|提前到"
)
_ORIGINAL: Final = re.compile(r"原定|原计划|原通知")
_AFFECTED: Final = re.compile(r"影响|暂停|中断|无法|不能|停止")
_SERVICES: Final = re.compile(r"业务|服务|交易|受理|支付|使用|办理|刷卡|收单")


def notices_from_article(
    article: Article, *, provider_id: str, tz: tzinfo, now: datetime, feed: str = ""
) -> list[Notice]:
    """Every window the article announces, each with the sentence it was read from."""
    text = article.text
    affected = _affected_sentence(text)
    title = _clip(mask_card_numbers(article.title), TITLE_LIMIT)
    notices: list[Notice] = []
    for window in find_windows(text, now=now, tz=tz):
        start, end = _sentence_bounds(text, window.at)
        sentence = text[start:end].strip()
        if _superseded(text, window.at):
            continue
        says_effect = _AFFECTED.search(sentence) and _SERVICES.search(sentence)
        shown = _clip(mask_card_numbers(sentence), SENTENCE_LIMIT)
        notices.append(
            Notice(
                provider_id,
                "page",
                title or _clip(shown, TITLE_LIMIT),
                window.starts,
                window.ends,
                status="scheduled",
                url=article.url,
                body=mask_card_numbers(text[:2000]),
                feed=feed,
                sentence=shown,
                published=article.published.isoformat() if article.published else "",
                # What is affected, when another sentence says it (this one is shown anyway).
                affected="" if says_effect else _clip(mask_card_numbers(affected), SENTENCE_LIMIT),
            )
        )
    return notices


def _superseded(text: str, at: int) -> bool:
    """The window at ``at`` no longer holds: its clause cancels it ("…维护取消"), calls it the
    original time ("原定于…"), or moves it on ("…推迟至…", the new time comes after)."""
    start, end = _clause_bounds(text, at)
    before, after = text[start:at], text[at:end]
    if _CANCELLED.search(after) or _CANCELLED_BEFORE.search(before):
        return True
    if _MOVED.search(after):
        return True  # "7月12日14:00—17:00的维护推迟至7月19日…": the first is the old one
    return bool(_ORIGINAL.search(before)) and not _MOVED.search(before)


def _clause_bounds(text: str, at: int) -> tuple[int, int]:
    stops = _STOPS + "，,（）()【】"
    start = max((text.rfind(stop, max(0, at - SENTENCE_LIMIT), at) for stop in stops), default=-1)
    ends = [i for i in (text.find(stop, at, at + SENTENCE_LIMIT) for stop in stops) if i >= 0]
    return start + 1, (min(ends) if ends else min(len(text), at + SENTENCE_LIMIT))


def _sentence_bounds(text: str, at: int) -> tuple[int, int]:
    """The sentence around ``at``, looked for at most SENTENCE_LIMIT characters either side
    (a page without punctuation must not make every window scan all of it)."""
    low, high = max(0, at - SENTENCE_LIMIT), at + SENTENCE_LIMIT
    start = max((text.rfind(stop, low, at) for stop in _STOPS), default=-1)
    ends = [i for i in (text.find(stop, at, high) for stop in _STOPS) if i >= 0]
    return (start + 1 if start >= 0 else low), (min(ends) + 1 if ends else min(len(text), high))


def _affected_sentence(text: str) -> str:
    for sentence in re.split(r"(?<=[。！？；!?;\n])", text):
        if _AFFECTED.search(sentence) and _SERVICES.search(sentence):
            return sentence.strip()
    return ""


def _clip(text: str, limit: int) -> str:
    """Cut to ``limit`` characters; card numbers must be masked before (a cut one would not be
    recognised as one)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def mentions_maintenance(article: Article, words: Iterable[str] = MAINTENANCE_WORDS) -> bool:
    return any(w in article.title for w in words)
