"""Card numbers must never survive in staff text or logs; ordinary numbers must."""

from __future__ import annotations

import io
import logging
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posguide.privacy import (
    SEPARATORS,
    CardNumberFilter,
    MaskingFormatter,
    contains_card_number,
    luhn_valid,
    mask_card_numbers,
)

# No example database: the tests must not leave a .hypothesis directory in the checkout.
PROPERTY = settings(database=None, max_examples=300, deadline=None)

ASCII_DIGITS = "0123456789"
# Zero of each script staff may paste: ASCII, full-width (Chinese IMEs), Arabic-Indic, Devanagari.
ZEROS = ("0", "\uff10", "\u0660", "\u0966")


def check_digit(body: str) -> str:
    """Luhn check digit for ASCII ``body``, written independently of the module under test."""
    total = 0
    for i, char in enumerate(reversed(body)):
        digit = int(char)
        if i % 2 == 0:  # these positions get doubled once the check digit is appended
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return str((10 - total % 10) % 10)


def is_luhn(number: str) -> bool:
    return check_digit(number[:-1]) == number[-1]


def ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.decimal(c)) for c in text if c.isdecimal())


def in_script(digits: str, zeros: list[str]) -> str:
    return "".join(chr(ord(z) + int(d)) for d, z in zip(digits, zeros, strict=True))


card_numbers = (
    st.integers(13, 19)
    .flatmap(lambda n: st.text(ASCII_DIGITS, min_size=n - 1, max_size=n - 1))
    .map(lambda body: body + check_digit(body))
)


@st.composite
def formatted(draw: st.DrawFn, digits: str) -> str:
    """``digits`` grouped like people write card numbers, in one or several digit scripts."""
    n = len(digits)
    layout = draw(st.sampled_from(["contiguous", "fours", "4-6-5", "random"]))
    if layout == "contiguous":
        cuts: list[int] = []
    elif layout == "fours":
        cuts = list(range(4, n, 4))
    elif layout == "4-6-5":
        cuts = [4, 10]
    else:
        cuts = sorted(draw(st.sets(st.integers(1, n - 1), max_size=n - 1)))
    if draw(st.booleans()):
        zeros = [draw(st.sampled_from(ZEROS))] * n
    else:
        zeros = draw(st.lists(st.sampled_from(ZEROS), min_size=n, max_size=n))
    text = in_script(digits, zeros)
    one_sep = draw(st.booleans())
    sep = draw(st.sampled_from(SEPARATORS))
    for cut in reversed(cuts):
        sep = sep if one_sep else draw(st.sampled_from(SEPARATORS))
        text = text[:cut] + sep + text[cut:]
    return text


# Characters allowed to touch a card number: anything but a digit, a group separator, or the
# "+" that marks a dialling code. Letters, CJK and punctuation all qualify.
boundary = st.characters(
    categories=["L", "P", "S"], exclude_characters=SEPARATORS + "+\uff0b"
) | st.just("\n")
other_numbers = st.text(ASCII_DIGITS + " -", min_size=1, max_size=25) | card_numbers.flatmap(
    formatted
)
filler = st.lists(st.text(max_size=8) | other_numbers, max_size=4).map("".join)


@st.composite
def embedded_card(draw: st.DrawFn) -> tuple[str, str, int, int]:
    """(text, card digits, start, end) with the card at text[start:end]."""
    digits = draw(card_numbers)
    card = draw(formatted(digits))
    left = draw(st.just("") | st.tuples(filler, boundary).map("".join))
    right = draw(st.just("") | st.tuples(boundary, filler).map("".join))
    return left + card + right, digits, len(left), len(left) + len(card)


@PROPERTY
@given(embedded_card())
def test_every_card_number_is_masked_to_its_last_four(case: tuple[str, str, int, int]) -> None:
    text, digits, start, end = case
    masked = mask_card_numbers(text)
    assert len(masked) == len(text)
    card, masked_card = text[start:end], masked[start:end]
    assert digits not in ascii_digits(masked_card)
    assert ascii_digits(masked_card) == digits[-4:]
    # Only digits change, only to "*", and the last four stay in place.
    for i, (before, after) in enumerate(zip(card, masked_card, strict=True)):
        assert after == before or (before.isdecimal() and after == "*"), (i, card, masked_card)
    assert contains_card_number(text)
    assert not contains_card_number(masked)
    assert mask_card_numbers(masked) == masked


@PROPERTY
@given(st.text(ASCII_DIGITS + "０９" + SEPARATORS[:4] + "+a卡.,\n", max_size=80))
def test_masking_is_length_preserving_idempotent_and_only_touches_digits(text: str) -> None:
    masked = mask_card_numbers(text)
    assert len(masked) == len(text)
    assert all(a == b or (a.isdecimal() and b == "*") for a, b in zip(text, masked, strict=True))
    assert mask_card_numbers(masked) == masked
    assert not contains_card_number(masked)
    assert contains_card_number(text) == (masked != text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4111 1111 1111 1111", "**** **** **** 1111"),
        ("card 4111-1111-1111-1111.", "card ****-****-****-1111."),
        ("金额 100 4111 1111 1111 1111", "金额 100 **** **** **** 1111"),
        ("卡号4111111111111111号码", "卡号************1111号码"),
        ("卡号４１１１１１１１１１１１１１１１", "卡号************１１１１"),
        ("卡号：4111\u30001111\u30001111\u30001111", "卡号：****\u3000****\u3000****\u30001111"),
        ("4111\u00a01111\u00a01111\u00a01111", "****\u00a0****\u00a0****\u00a01111"),
        # The dialling-code exception must not hide a card that follows it.
        ("+86 4111 1111 1111 1111", "+86 **** **** **** 1111"),
        ("rc=05 pan=4111111111111111 rc=96", "rc=05 pan=************1111 rc=96"),
    ],
)
def test_known_card_numbers(text: str, expected: str) -> None:
    assert mask_card_numbers(text) == expected


def test_unionpay_numbers() -> None:
    body = "622202020011223344"
    c = check_digit(body)
    assert mask_card_numbers(f"6222-0202-0011-2233-44{c}") == f"****-****-****-***3-44{c}"
    unionpay19 = "621226120200123456" + check_digit("621226120200123456")
    assert mask_card_numbers(f"银联卡{unionpay19}。") == f"银联卡{'*' * 15}{unionpay19[-4:]}。"


ORDINARY = [
    "138 0013 8000",
    "13800138000",
    "+86 138-0013-8000",
    "+86 138 0013 8000",
    "+8613800138000",
    "(+86) 138-0013-8000",
    "021-6888 8888",
    "0755-88888888",
    "¥1,234.56",
    "100.00元",
    "¥12,345,678,901,234.00",
    "2026-11-26 10:32",
    "2026-11-26 10:32:05,123 INFO terminal 12345678 rc=96",
    "应答码 96",
    "终端号 12345678 商户号 123456789012345",
    "192.168.100.200",
    "REF 41111111111111110000",  # 20 contiguous digits, though a valid PAN is inside
    "12345678901234567890123456",
    "在维护中，请稍后再试",
    "",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_untouched(text: str) -> None:
    assert mask_card_numbers(text) == text
    assert not contains_card_number(text)


def digits(n: int) -> st.SearchStrategy[str]:
    return st.text(ASCII_DIGITS, min_size=n, max_size=n)


mobile = st.tuples(st.sampled_from("3456789"), digits(9)).map(lambda t: "1" + t[0] + t[1])
mobiles = st.tuples(
    mobile, st.sampled_from(["", "+86 ", "+86-", "(+86) ", "+86"]), st.sampled_from(["", " ", "-"])
).map(lambda t: t[1] + t[2].join([t[0][:3], t[0][3:7], t[0][7:]]))
landlines = st.tuples(
    st.sampled_from(["010", "021", "0755", "0571"]), digits(4), digits(4), st.sampled_from("- ")
).map(lambda t: f"{t[0]}-{t[1]}{t[3] if t[3] == ' ' else ''}{t[2]}")
amounts = st.integers(0, 10**13).map(lambda c: f"¥{c // 100:,}.{c % 100:02d}") | st.integers(
    0, 10**9
).map(lambda y: f"{y}.00元")
timestamps = st.datetimes().map(lambda d: d.strftime("%Y-%m-%d %H:%M") + f":{d.second:02d}")
merchant_ids = digits(15).filter(lambda d: not is_luhn(d))
ordinary_numbers = st.one_of(
    mobiles,
    landlines,
    amounts,
    timestamps,
    digits(2),  # response codes
    digits(8),  # terminal IDs
    merchant_ids,
    st.ip_addresses(v=4).map(str),
    st.text(ASCII_DIGITS + "０１２３４５６７８９", min_size=20, max_size=40),
)


@PROPERTY
@given(
    st.lists(ordinary_numbers, min_size=1, max_size=6), st.sampled_from([" | ", "\n", "，", "元 "])
)
def test_ordinary_numbers_are_untouched(numbers: list[str], joiner: str) -> None:
    text = joiner.join(numbers)
    assert mask_card_numbers(text) == text
    assert not contains_card_number(text)


def test_luhn_valid() -> None:
    assert luhn_valid("79927398713")
    assert not luhn_valid("123456789012345")  # the merchant ID in ORDINARY
    assert not luhn_valid("79927398710")
    assert luhn_valid("４１１１１１１１１１１１１１１１")
    assert luhn_valid("\u0664\u0661\u0661\u0661" + "\u0661" * 12)  # Arabic-Indic 4111...
    for not_digits in ("", "4111 1111", "x", "4111-1111-1111-1111"):
        assert not luhn_valid(not_digits)


def test_digit_free_note_is_fast() -> None:
    note = "设备显示在维护中，请检查网络连接和密码键盘。" * 500  # ~10 KB, no digits
    best = min(_seconds(lambda: mask_card_numbers(note), 50) for _ in range(3))
    assert best / 50 < 2e-3  # measured ~70 µs; a wide margin for slow CI machines


def _seconds(call: Callable[[], object], times: int) -> float:
    start = time.perf_counter()
    for _ in range(times):
        call()
    return time.perf_counter() - start


PAN = "4111 1111 1111 1111"


@pytest.fixture
def stream_logger() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(CardNumberFilter())
    logger = logging.getLogger("posguide.tests.privacy.filter")
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    yield logger, out
    logger.removeHandler(handler)


def _leaks(output: str, pan: str) -> bool:
    return pan in output or pan.replace(" ", "") in output


def test_filter_masks_args_fstrings_exceptions_and_stacks(
    stream_logger: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, out = stream_logger
    logger.warning("card %s declined, rc=%s", PAN, "05")
    logger.warning(f"card {PAN} declined")
    try:
        raise ValueError(f"bad card {PAN}")
    except ValueError:
        logger.exception("payment failed for %s", PAN)
    logger.info("stack for %s", PAN, stack_info=True)
    logger.error("bad args %s %d", PAN)  # noqa: PLE1206 - a broken call must not raise nor leak
    output = out.getvalue()
    assert not _leaks(output, PAN)
    assert output.count("**** **** **** 1111") == 6
    assert "Traceback (most recent call last)" in output
    assert "ValueError: bad card **** **** **** 1111" in output


@PROPERTY
@given(card_numbers.flatmap(formatted))
def test_filter_never_writes_a_generated_card(card: str) -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(CardNumberFilter())
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "pan=%s;", (card,), None)
    handler.handle(record)
    assert card not in out.getvalue()
    assert mask_card_numbers(f"pan={card};") + "\n" == out.getvalue()


def test_masking_formatter_masks_the_whole_file_output(tmp_path: Path) -> None:
    path = tmp_path / "posguide.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger("posguide.tests.privacy.formatter")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        logger.warning("card %s", PAN)
        try:
            raise RuntimeError(f"terminal echoed {PAN.replace(' ', '')}")
        except RuntimeError:
            logger.exception("refund failed")
    finally:
        logger.removeHandler(handler)
        handler.close()
    output = path.read_text(encoding="utf-8")
    assert not _leaks(output, PAN)
    assert "RuntimeError: terminal echoed ************1111" in output
