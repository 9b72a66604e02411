"""Card-reader probes over PC/SC (pyscard): is the reader there, does the customer's chip work?"""

from __future__ import annotations

from dataclasses import dataclass

from posguide.probes.card.atr import AtrInfo, KnownAtr, decode_atr, load_known_atrs, match_atr
from posguide.probes.card.chip import CardProbe
from posguide.probes.card.emv import PaymentApp
from posguide.probes.card.pcsc import PcscError
from posguide.probes.card.reader import ReaderProbe, wait_for_removal


@dataclass(frozen=True)
class CardReaderParams:
    """What the shop's config says about a terminal's PC/SC reader."""

    reader_hint: str | None = None  # part of the reader's name; None/"" = any reader
    wait_s: float = 20.0  # how long the cashier has to insert the card
    answer_timeout_s: float = 3.0  # per card operation; a mute card fails after this

    def probes(self, prefix: str = "card") -> tuple[ReaderProbe, CardProbe]:
        hint = self.reader_hint or None
        return (
            ReaderProbe(hint, probe_id=f"{prefix}.reader"),
            CardProbe(
                hint, self.wait_s, probe_id=f"{prefix}.card", answer_timeout_s=self.answer_timeout_s
            ),
        )


__all__ = [
    "AtrInfo",
    "CardProbe",
    "CardReaderParams",
    "KnownAtr",
    "PaymentApp",
    "PcscError",
    "ReaderProbe",
    "decode_atr",
    "load_known_atrs",
    "match_atr",
    "wait_for_removal",
]
