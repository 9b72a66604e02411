"""Keep card numbers (PANs) out of everything staff type: notes, symptoms, alerts, log lines.

Rule: a Luhn-valid card number of 13-19 digits keeps only its last four digits; every other digit
becomes ``*`` (separators and length unchanged). A card number is written as cards print it:

- unbroken (``6222021234567890128``), or
- in groups of four with a shorter last group (``6222 0212 3456 7890 128``), or
- Amex/Diners 4-6-5 / 4-6-4 (``3782 822463 10005``),

with one separator style between its groups: whitespace of any kind (spaces, double spaces, tab,
line break), dashes, dots, slashes, commas or underscores, up to three characters per gap
(``6222 - 0212``). Invisible formatting characters (zero-width space/joiners, BOM, soft hyphen,
direction marks) are ignored wherever they are. A card number starts like an issued card: not with
0 or 1 (no payment network; Chinese mobile numbers start with 1) and, with 2, only as 22-27
(Mastercard 2-series, Mir), which keeps dates and timestamps (20xx) out.

What this rules out on purpose, measured on random phone+amount texts: ``13800138000 128`` is a
phone number and an amount (a 11-3 grouping), not a card; ``138-5513-8000`` on one line and
``2026-11-26`` on the next mix two styles. A long digit string is never searched inside, since a
reference number contains Luhn-valid substrings by chance; a card number longer than 19 digits
cannot exist. Letters and CJK may touch a number ("卡号6222...号码").

After ``+`` comes a phone number: a first group of 1-3 digits is a dialling code ("+86 138...");
a first group of 4-15 digits is not a card on its own (E.164 numbers have at most 15 digits), so
"+8613800138000" stays and "+6222021234567890128" is masked. Overlapping valid windows are all
masked (union), so each shows at most its own last four digits.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator
from typing import Final

#: Whitespace that may stand between the groups of one card number (one style with each other):
#: the no-break and thin spaces that web pages and Word paste in, the full-width space of Chinese
#: IMEs, tabs and line breaks (a number wrapped or pasted from a table).
_WHITESPACE: Final = " \t\n\r\u000b\u000c\u0085\u00a0\u2007\u2009\u202f\u2028\u2029\u3000"
#: Symbols that may join groups, by style; full-width forms count as their ASCII style.
_STYLES: Final = {
    "-": "-\u2010\u2011\u2012\u2013\u2014\u2212\uff0d",
    ".": ".\uff0e",
    "/": "/\uff0f",
    ",": ",\uff0c",
    "_": "_\uff3f",
}
_STYLE_OF: Final = {char: style for style, chars in _STYLES.items() for char in chars}
SEPARATORS: Final = _WHITESPACE + "".join(_STYLES.values())
#: Invisible characters that chat apps and editors slip into copied text: skipped entirely.
INVISIBLE: Final = (
    "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
MIN_DIGITS: Final = 13
MAX_DIGITS: Final = 19
VISIBLE_DIGITS: Final = 4
MAX_GAP: Final = 3  # separator characters between two groups: "6222 - 0212"
MAX_PHONE: Final = 15  # digits of an E.164 number

_SEP: Final = re.escape(SEPARATORS)
_INVISIBLE: Final = re.compile(f"[{re.escape(INVISIBLE)}]")
# For str patterns \d is Unicode category Nd, i.e. exactly str.isdecimal(): full-width ０-９ too.
_RUN: Final = re.compile(rf"\d+(?:[{_SEP}]{{1,{MAX_GAP}}}\d+)*")
_GROUP: Final = re.compile(r"\d+")
# Necessary condition for any candidate; rejects digit-free or short-number text in one scan.
_MAYBE_CARD: Final = re.compile(rf"\d(?:[{_SEP}]{{0,{MAX_GAP}}}\d){{{MIN_DIGITS - 1}}}")
_DIALLING_PREFIX: Final = "+\uff0b"
_DIALLING_CODE: Final = 3  # digits of the longest country code
_PRINTED: Final = ((4, 6, 5), (4, 6, 4))  # Amex, Diners
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


def _issued_prefix(digits: str) -> bool:
    """Could a card start like this? Not 0 or 1; 2 only as 22-27."""
    first = unicodedata.decimal(digits[0])
    return first >= 3 or (first == 2 and 2 <= unicodedata.decimal(digits[1]) <= 7)


def _card_layout(sizes: list[int]) -> bool:
    """Group sizes as a card is written: unbroken, fours with a shorter tail, or 4-6-5/4-6-4."""
    if len(sizes) == 1 or tuple(sizes) in _PRINTED:
        return True
    return all(size == 4 for size in sizes[:-1]) and sizes[-1] <= 4


def _extendable(sizes: list[int]) -> bool:
    """Could these groups, the last one not yet complete, still grow into a card layout?"""
    head = tuple(sizes[:-1])
    return all(size == 4 for size in head) or any(p[: len(head)] == head for p in _PRINTED)


def _style(gap: str) -> str:
    """The style of the characters between two groups: its symbols, or whitespace."""
    return "".join(sorted({_STYLE_OF[c] for c in gap if c in _STYLE_OF})) or " "


def _windows_in_run(view: str, start: int, end: int) -> Iterator[list[int]]:
    groups = [m.span() for m in _GROUP.finditer(view, start, end)]
    lone_phone = False  # the first group is a whole phone number, not a card on its own
    if start > 0 and view[start - 1] in _DIALLING_PREFIX:
        head = groups[0][1] - groups[0][0]
        if head <= _DIALLING_CODE:
            del groups[0]  # "+86 ...": the country code belongs to no card
        lone_phone = _DIALLING_CODE < head <= MAX_PHONE
    for first in range(len(groups)):
        digits, sizes, styles = "", [], set()
        for n, (g_start, g_end) in enumerate(groups[first:], first):
            digits += view[g_start:g_end]
            sizes.append(g_end - g_start)
            if n > first:
                styles.add(_style(view[groups[n - 1][1] : g_start]))
            if len(digits) > MAX_DIGITS or len(styles) > 1 or not _extendable(sizes):
                break
            if (
                len(digits) >= MIN_DIGITS
                and not (lone_phone and first == n == 0)
                and _card_layout(sizes)
                and _issued_prefix(digits)
                and luhn_valid(digits)
            ):
                yield [p for s, e in groups[first : n + 1] for p in range(s, e)]


def _card_windows(text: str) -> Iterator[list[int]]:
    """Yield the text positions of the digits of every card number."""
    positions: list[int] | None = None
    view = text
    if _INVISIBLE.search(text):  # look through invisible characters, map positions back
        positions = [i for i, c in enumerate(text) if not _INVISIBLE.match(c)]
        view = "".join(text[i] for i in positions)
    if not _MAYBE_CARD.search(view):
        return
    for run in _RUN.finditer(view):
        for window in _windows_in_run(view, run.start(), run.end()):
            yield window if positions is None else [positions[p] for p in window]


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
