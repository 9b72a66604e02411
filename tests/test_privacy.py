"""Card numbers must never survive in staff text or logs; ordinary numbers must."""

from __future__ import annotations

import io
import logging
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from card_texts import (
    ASCII_DIGITS,
    INVISIBLE,
    amounts,
    check_digit,
    dates_times,
    digits,
    is_luhn,
    landlines,
    mobiles,
    plain_amounts,
    service_numbers,
    transaction_ids,
    written_cards,
)
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


def ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.decimal(c)) for c in text if c.isdecimal())


# Characters allowed to touch a card number: anything but a digit, a group separator, or the
# "+" that marks a dialling code. Letters, CJK and punctuation all qualify.
boundary = st.characters(categories=["L", "P", "S"], exclude_characters=SEPARATORS + "+\uff0b")
other_numbers = st.text(ASCII_DIGITS + " -", min_size=1, max_size=25) | written_cards.map(
    lambda card: card[1]
)
filler = st.lists(st.text(max_size=8) | other_numbers, max_size=4).map("".join)


@st.composite
def embedded_card(draw: st.DrawFn) -> tuple[str, str, int, int]:
    """(text, card digits, start, end) with the card at text[start:end]."""
    digits, card = draw(written_cards)
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
@given(written_cards, st.sampled_from(["+", "＋", "+86 ", "+86-", "(+86) ", "+1 "]))
def test_a_card_after_a_plus_or_a_dialling_code_is_masked(
    card: tuple[str, str], prefix: str
) -> None:
    digits, text = card
    masked = mask_card_numbers(prefix + text)
    unbroken = "".join(c for c in text if c not in INVISIBLE).isdecimal()
    if prefix in ("+", "＋") and unbroken and len(digits) <= 15:
        return  # "+" and up to 15 unbroken digits is an international phone number
    assert ascii_digits(masked[len(prefix) :]) == digits[-4:], masked


@PROPERTY
@given(st.text(ASCII_DIGITS + "０９" + SEPARATORS[:4] + "+a卡.,/_\u200b", max_size=80))
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
        # The gaps: "+", dots, slashes, commas, underscores, double spaces, tab,
        # line breaks and zero-width characters inside the number.
        ("+6222021234567890128", "+***************0128"),
        ("6222.0212.3456.7890.128", "****.****.****.***0.128"),
        ("6222/0212/3456/7890/128", "****/****/****/***0/128"),
        ("6222,0212,3456,7890,128", "****,****,****,***0,128"),
        ("6222_0212_3456_7890_128", "****_****_****_***0_128"),
        ("6222  0212  3456  7890  128", "****  ****  ****  ***0  128"),
        ("6222\t0212\t3456\t7890\t128", "****\t****\t****\t***0\t128"),
        ("卡号\n6222 0212\n3456 7890 128", "卡号\n**** ****\n**** ***0 128"),
        ("62220212\u200b34567890\u200c128", "********\u200b*******0\u200c128"),
        (
            "\ufeff6222\u200d0212\u20603456789\u200b0128",
            "\ufeff****\u200d****\u2060*******\u200b0128",
        ),
        ("3782 822463 10005", "**** ****** *0005"),
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
    "13800138000 128",  # a mobile number and an amount
    "138 0013 8000 1234.56",
    "138-5513-8000\n2026-11-26",
    "20261126103205",  # a compact timestamp
    "20261126 103205",
    "400-820-8820 128",
    "4200001234202611261234567890 128",
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


merchant_ids = digits(15).filter(lambda d: not is_luhn(d))
ordinary_numbers = st.one_of(
    mobiles,
    landlines,
    service_numbers,
    amounts,
    dates_times,
    transaction_ids,
    digits(2),  # response codes
    digits(8),  # terminal IDs
    merchant_ids,
    st.ip_addresses(v=4).map(str),
    st.text(ASCII_DIGITS + "０１２３４５６７８９", min_size=20, max_size=40),
)
# How notes put numbers side by side: spaces, lines, tabs, lists.
JOINERS = [" ", "  ", "\t", "\n", " | ", "，", "、", ", ", "元 ", "; "]


@PROPERTY
@given(st.lists(ordinary_numbers, min_size=1, max_size=6), st.sampled_from(JOINERS))
def test_ordinary_numbers_are_untouched(numbers: list[str], joiner: str) -> None:
    text = joiner.join(numbers)
    assert mask_card_numbers(text) == text
    assert not contains_card_number(text)


@PROPERTY
@given(mobiles, st.sampled_from(JOINERS), amounts | plain_amounts)
def test_a_phone_number_then_an_amount_is_untouched(phone: str, joiner: str, amount: str) -> None:
    for text in (phone + joiner + amount, amount + joiner + phone):
        assert mask_card_numbers(text) == text


def test_luhn_valid() -> None:
    assert luhn_valid("79927398713")
    assert not luhn_valid("123456789012345")  # the merchant ID in ORDINARY
    assert not luhn_valid("79927398710")
    assert luhn_valid("４１１１１１１１１１１１１１１１")
    assert luhn_valid("\u0664\u0661\u0661\u0661" + "\u0661" * 12)  # Arabic-Indic 4111...
    for not_digits in ("", "4111 1111", "x", "4111-1111-1111-1111"):
        assert not luhn_valid(not_digits)


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
@given(written_cards)
def test_filter_never_writes_a_generated_card(written: tuple[str, str]) -> None:
    card = written[1]
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
