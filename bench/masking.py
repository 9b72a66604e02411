"""Card-number masking: wrong answers on random texts, and speed.

Run: .venv/bin/python bench/masking.py  -> prints one JSON object.
- phone_amount_masked: of 2,000 random "mobile number, a space, a number" texts (the issue's
  ``13800138000 128``), how many were changed (false positives; target 0);
  phone_amount_mixed_masked: the same with +86, grouped numbers, decimals, ¥ and other joiners.
- cards_missed: of 2,000 random card numbers (real prefixes and lengths) written as cards print
  them with every separator style, how many kept more than their last four digits. The only
  misses by design: "+" then an unbroken 13-15-digit card (Amex, Diners, 13-digit Visa), which
  is written like an international phone number (E.164 allows 15 digits).
- note_10kb_us: microseconds to mask a 10 KB note without digits (the common case).
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout
from posguide.privacy import mask_card_numbers

TEXTS = 2000
SEED = 9
JOINERS = (" ", "  ", "\t", "\n", ", ", "，", "/")
STYLES = ((" ",), ("  ",), ("\t",), ("\n",), ("-", " - "), (".",), ("/",), (",",), ("_",))
NETWORKS = (
    (("62",), (16, 17, 18, 19)),
    (("4",), (13, 16, 19)),
    (("51", "55", "2221"), (16,)),
    (("34", "37"), (15,)),
    (("36", "38"), (14,)),
    (("3528", "6011", "65"), (16, 19)),
    (("9558",), (19,)),
)
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")


def luhn_digit(body: str) -> str:
    total = 0
    for i, char in enumerate(reversed(body)):
        d = int(char) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str(-total % 10)


def issue_phone_amount(rng: random.Random) -> str:
    mobile = "1" + rng.choice("3456789") + "".join(rng.choices("0123456789", k=9))
    return f"{mobile} {rng.randint(1, 10 ** rng.randint(1, 8))}"


def phone_amount(rng: random.Random) -> str:
    mobile = "1" + rng.choice("3456789") + "".join(rng.choices("0123456789", k=9))
    sep = rng.choice(["", " ", "-"])
    phone = rng.choice(["", "+86 "]) + sep.join([mobile[:3], mobile[3:7], mobile[7:]])
    yuan = rng.randint(1, 10 ** rng.randint(1, 8))
    amount = rng.choice([str(yuan), f"{yuan}.{rng.randint(0, 99):02d}", f"¥{yuan:,}"])
    return phone + rng.choice(JOINERS) + amount


def written_card(rng: random.Random) -> tuple[str, str]:
    prefixes, lengths = rng.choice(NETWORKS)
    prefix, n = rng.choice(prefixes), rng.choice(lengths)
    body = prefix + "".join(rng.choices("0123456789", k=n - 1 - len(prefix)))
    card = body + luhn_digit(body)
    style = rng.choice(STYLES)
    groups = [card[i : i + 4] for i in range(0, n, 4)] if rng.random() < 0.7 else [card]
    text = groups[0] + "".join(rng.choice(style) + g for g in groups[1:])
    if rng.random() < 0.2:
        at = rng.randint(1, len(text) - 1)
        text = text[:at] + rng.choice(INVISIBLE) + text[at:]
    if rng.random() < 0.1:
        text = "+" + text
    return card, text


def main() -> None:
    rng = random.Random(SEED)
    issue_style = [issue_phone_amount(rng) for _ in range(TEXTS)]
    mixed = [phone_amount(rng) for _ in range(TEXTS)]
    missed = 0
    for _ in range(TEXTS):
        card, text = written_card(rng)
        digits = "".join(c for c in mask_card_numbers(text) if c.isdigit())
        missed += digits.lstrip("+") != card[-4:]
    note = "设备显示在维护中，请检查网络连接和密码键盘。" * 500
    runs = 50
    start = time.perf_counter()
    for _ in range(runs):
        mask_card_numbers(note)
    note_us = (time.perf_counter() - start) / runs * 1e6
    print(
        json.dumps(
            {
                "phone_amount_texts": TEXTS,
                "phone_amount_masked": sum(mask_card_numbers(t) != t for t in issue_style),
                "phone_amount_mixed_masked": sum(mask_card_numbers(t) != t for t in mixed),
                "cards": TEXTS,
                "cards_missed": missed,
                "note_10kb_us": round(note_us, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
