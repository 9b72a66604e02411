"""Keep card numbers (PANs) out of everything staff type: notes, symptoms, alerts, log lines.

Rule: a Luhn-valid run of 13-19 digits, optionally grouped by single spaces or dashes, keeps
only its last four digits; every other digit becomes ``*`` (separators and length unchanged).

A card number is whole tokens: groups of digits joined by exactly one separator form a run, and a
candidate is any window of consecutive whole groups with 13-19 digits. A contiguous digit string
is never searched inside, since a long reference number contains Luhn-valid substrings by chance.
Runs end at any non-digit, non-separator character, so letters and CJK may touch a number
("卡号6222...号码"). The one exception: the group right after ``+`` is a dialling code, which keeps
"+86 138 0013 8000" intact. Overlapping valid windows are all masked (union), so each shows at
most its own last four digits. False positives (e.g. "20261126 103205") are accepted; the
issue asks for no false negatives.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator
from typing import Final

#: May join the digit groups of one number: the issue's space and dash, the no-break and thin
#: spaces that web pages and Word paste in, and the full-width space/hyphen of Chinese IMEs.
#: Tabs and newlines are not: they separate columns and lines, i.e. different values.
SEPARATORS: Final = " -\u00a0\u2007\u2009\u202f\u3000\u2010\u2011\u2012\u2013\uff0d"
MIN_DIGITS: Final = 13
MAX_DIGITS: Final = 19
VISIBLE_DIGITS: Final = 4

_SEP: Final = re.escape(SEPARATORS)
# For str patterns \d is Unicode category Nd, i.e. exactly str.isdecimal(): full-width ０-９ too.
_RUN: Final = re.compile(rf"\d+(?:[{_SEP}]\d+)*")
_GROUP: Final = re.compile(r"\d+")
# Necessary condition for any candidate; rejects digit-free or short-number text in one scan.
_MAYBE_CARD: Final = re.compile(rf"\d(?:[{_SEP}]?\d){{{MIN_DIGITS - 1}}}")
_DIALLING_PREFIX: Final = "+\uff0b"
_TRACEBACK_FORMATTER: Final = logging.Formatter()


def luhn_valid(digits: str) -> bool:
    """True if ``digits`` is non-empty, only decimal digits (any script), and passes Luhn."""
    if not digits.isdecimal():  # also False for ""
        return False
    total = 0
    for i, char in enumerate(reversed(digits)):
        digit = unicodedata.decimal(char)
        if i % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def _card_windows(text: str) -> Iterator[list[int]]:
    """Yield the text positions of the digits of every Luhn-valid candidate window."""
    if not _MAYBE_CARD.search(text):
        return
    for run in _RUN.finditer(text):
        groups = [range(*m.span()) for m in _GROUP.finditer(text, run.start(), run.end())]
        if run.start() and text[run.start() - 1] in _DIALLING_PREFIX:
            del groups[0]
        for first in range(len(groups)):
            positions: list[int] = []
            for group in groups[first:]:
                positions.extend(group)
                if len(positions) > MAX_DIGITS:
                    break
                if len(positions) >= MIN_DIGITS and luhn_valid("".join(text[p] for p in positions)):
                    yield list(positions)


def _mask_once(text: str) -> str:
    hidden = {p for window in _card_windows(text) for p in window[:-VISIBLE_DIGITS]}
    if not hidden:
        return text
    chars = list(text)
    for p in hidden:
        chars[p] = "*"
    return "".join(chars)


def mask_card_numbers(text: str) -> str:
    """Return ``text`` with every card number masked to its last four digits; same length."""
    # Repeat until stable: a window's visible tail plus following digits can, very rarely, form
    # a new Luhn-valid window. The loop makes the result idempotent and card-free by construction.
    while (masked := _mask_once(text)) != text:
        text = masked
    return text


def contains_card_number(text: str) -> bool:
    """True if ``mask_card_numbers`` would change ``text``."""
    return next(_card_windows(text), None) is not None


class CardNumberFilter(logging.Filter):
    """Handler filter that masks PANs in the record itself, before any formatter sees it.

    The message is formatted first (so %-args are covered) and ``args`` cleared. Tracebacks are
    rendered into ``exc_text`` and masked there; ``exc_info`` is kept for handlers that need the
    live exception, and every stdlib Formatter prefers the cached ``exc_text``. Attach it to each
    handler: logger filters do not see records propagated from child loggers.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # broken %-args must not make logging raise; keep the evidence
            message = f"{record.msg} {record.args!r}"
        record.msg, record.args = mask_card_numbers(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = _TRACEBACK_FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_card_numbers(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_card_numbers(record.stack_info)
        return True


class MaskingFormatter(logging.Formatter):
    """Masks the whole formatted output: message, traceback, stack and any custom field.

    Recommended for file handlers, where nothing written may carry a PAN whatever the record holds.
    """

    def format(self, record: logging.LogRecord) -> str:
        return mask_card_numbers(super().format(record))
