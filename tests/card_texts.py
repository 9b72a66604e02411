"""Hypothesis strategies for card numbers as people write them, and for the numbers that are not.

Written independently of posguide.privacy: the Luhn digit, the layouts and the separator styles
are spelled out here from what cards print and what staff paste.
"""

from __future__ import annotations

from hypothesis import strategies as st

ASCII_DIGITS = "0123456789"
# Zero of each script staff may paste: ASCII, full-width (Chinese IMEs), Arabic-Indic, Devanagari.
ZEROS = ("0", "\uff10", "\u0660", "\u0966")
# The invisible characters copied text carries (the five, soft hyphen, direction marks).
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e")
# One style per card: every gap is one of its members.
STYLES = {
    "space": (" ", "  ", "\t", "\n", "\r\n", "\u3000", "\u00a0", " \n"),
    "dash": ("-", " - ", "－", "-\n"),
    "dot": (".", ". ", "．"),
    "slash": ("/", " / ", "／"),
    "comma": (",", ", ", "，"),
    "underscore": ("_", "＿"),
}


def check_digit(body: str) -> str:
    """Luhn check digit for ASCII ``body``."""
    total = 0
    for i, char in enumerate(reversed(body)):
        digit = int(char)
        if i % 2 == 0:  # these positions get doubled once the check digit is appended
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return str((10 - total % 10) % 10)


def is_luhn(number: str) -> bool:
    return check_digit(number[:-1]) == number[-1]


def digits(n: int) -> st.SearchStrategy[str]:
    return st.text(ASCII_DIGITS, min_size=n, max_size=n)


# (prefixes, lengths) of the cards a Chinese shop's terminal takes.
_NETWORKS = (
    (("62",), (16, 17, 18, 19)),  # UnionPay
    (("4",), (13, 16, 19)),  # Visa
    (("51", "52", "53", "54", "55", "2221", "2500", "2720"), (16,)),  # Mastercard
    (("34", "37"), (15,)),  # Amex
    (("36", "38", "300", "305"), (14,)),  # Diners
    (("3528", "3589"), (16, 17, 18, 19)),  # JCB
    (("6011", "644", "65"), (16, 19)),  # Discover
    (("9558",), (19,)),  # ICBC domestic cards
)


@st.composite
def card_numbers(draw: st.DrawFn) -> str:
    """A Luhn-valid number with a real network's prefix and length."""
    prefixes, lengths = draw(st.sampled_from(_NETWORKS))
    prefix, n = draw(st.sampled_from(prefixes)), draw(st.sampled_from(lengths))
    body = prefix + draw(digits(n - 1 - len(prefix)))
    return body + check_digit(body)


def _groups(n: int, layout: str) -> list[int]:
    if layout == "contiguous":
        return [n]
    if layout == "printed" and n in (14, 15):  # Diners 4-6-4, Amex 4-6-5
        return [4, 6, n - 10]
    return [4] * (n // 4) + ([n % 4] if n % 4 else [])


@st.composite
def formatted(draw: st.DrawFn, number: str) -> str:
    """``number`` as written: a card layout, one separator style, any digit scripts, and maybe
    invisible characters anywhere inside."""
    layout = draw(st.sampled_from(["contiguous", "fours", "printed"]))
    members = STYLES[draw(st.sampled_from(sorted(STYLES)))]
    if draw(st.booleans()):
        zeros = [draw(st.sampled_from(ZEROS))] * len(number)
    else:
        zeros = draw(st.lists(st.sampled_from(ZEROS), min_size=len(number), max_size=len(number)))
    scripted = "".join(chr(ord(z) + int(d)) for d, z in zip(number, zeros, strict=True))
    parts, at = [], 0
    for size in _groups(len(number), layout):
        parts.append(scripted[at : at + size])
        at += size
    text = parts[0]
    for part in parts[1:]:
        text += draw(st.sampled_from(members)) + part
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(1, len(text) - 1))
        text = text[:at] + draw(st.sampled_from(INVISIBLE)) + text[at:]
    return text


written_cards = card_numbers().flatmap(lambda n: formatted(n).map(lambda text: (n, text)))

# --- numbers that are not cards ----------------------------------------------------------------

mobile = st.tuples(st.sampled_from("3456789"), digits(9)).map(lambda t: "1" + t[0] + t[1])
mobiles = st.tuples(
    mobile, st.sampled_from(["", "+86 ", "+86-", "(+86) ", "+86"]), st.sampled_from(["", " ", "-"])
).map(lambda t: t[1] + t[2].join([t[0][:3], t[0][3:7], t[0][7:]]))
landlines = st.tuples(st.sampled_from(["010", "021", "0755", "0571"]), digits(8)).map("-".join)
service_numbers = st.tuples(
    st.sampled_from(["400", "800"]), digits(3), digits(4), st.sampled_from(["-", " ", ""])
).map(lambda t: t[3].join(t[:3]))
amounts = st.one_of(
    st.integers(0, 10**13).map(lambda c: f"¥{c // 100:,}.{c % 100:02d}"),
    st.integers(0, 10**8).map(lambda c: f"{c // 100}.{c % 100:02d}"),
    st.integers(0, 10**9).map(lambda y: f"{y}.00元"),
    st.integers(0, 10**7).map(lambda y: f"¥{y}"),
)
times = st.datetimes().map(lambda d: d.strftime("%Y-%m-%d %H:%M") + f":{d.second:02d}")
dates_times = st.one_of(
    times,
    st.dates().map(lambda d: f"{d.year:04d}/{d.month:02d}/{d.day:02d}"),
    st.dates().map(lambda d: f"{d.year:04d}.{d.month:02d}.{d.day:02d}"),
    st.datetimes().map(lambda d: f"{d.hour:02d}:{d.minute:02d}"),
    st.integers(2000, 2099).flatmap(
        lambda year: st.datetimes().map(lambda d: f"{year}{d:%m%d%H%M%S}")
    ),
)
transaction_ids = st.one_of(
    digits(23).map(lambda d: "42000" + d),  # WeChat Pay
    st.tuples(st.dates(), digits(16)).map(lambda t: f"{t[0].year:04d}{t[0]:%m%d}2200{t[1]}"),
)  # Alipay: the date, 2200, 16 digits
plain_amounts = st.integers(0, 10**8).map(str)
