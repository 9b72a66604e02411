"""Asking a connected card for its payment applications, with SELECT only.

PSE (contact) and PPSE (contactless; many cards answer it by contact too) first; when neither
lists an application (a contact PSE only points at records that READ RECORD would fetch), the
common payment AIDs are selected one by one, as terminals do.
"""

from __future__ import annotations

from functools import partial

from posguide.probes.card import emv
from posguide.probes.card.pcsc import Card
from posguide.probes.card.session import Session


class Removed(Exception):
    """The card left the reader during the test."""


class BadAnswer(Exception):
    """The card answered something that is not a valid APDU response."""


class EmptyAnswer(BadAnswer):
    """No status word at all. vpcd answers so when the card vanished mid-command; the caller
    tells a vanished card from a broken one by watching the reader."""


class CardQuery:
    """One conversation with one card. ``selects`` and ``apps`` fill in as it goes, so a
    failure half-way still reports what was learned."""

    def __init__(self, session: Session, card: Card, timeout_s: float) -> None:
        self.session, self.card, self.timeout_s = session, card, timeout_s
        self.selects: list[dict[str, str]] = []
        self.apps: list[emv.PaymentApp] = []

    async def run(self) -> bool:
        """Collect the payment applications; True if the card has a payment directory."""
        directories = await self._directories()
        if not self.apps:
            await self._candidates()
        return directories

    async def _directories(self) -> bool:
        exists = False
        for name, label in ((emv.PSE, "PSE"), (emv.PPSE, "PPSE")):
            data, sw = await self._select(name, label)
            if sw != 0x9000:
                continue
            exists = True
            known = {a.aid for a in self.apps}
            self.apps += [a for a in emv.parse_fci(data, label).apps if a.aid not in known]
        return exists

    async def _candidates(self) -> None:
        for aid_hex in emv.CANDIDATE_AIDS:
            aid = bytes.fromhex(aid_hex)
            data, sw = await self._select(aid, aid_hex)
            if sw == 0x9000:
                fci = emv.parse_fci(data, "SELECT")
                self.apps.append(emv.PaymentApp(aid, fci.label, fci.priority, "SELECT"))

    async def _select(self, name: bytes, label: str) -> tuple[bytes, int]:
        apdu = emv.select_apdu(name)
        data, sw = await self._exchange(apdu)
        if sw >> 8 == 0x6C:  # T=0: wrong Le, the card says which one; resend the same SELECT
            data, sw = await self._exchange(apdu[:-1] + bytes([sw & 0xFF]))
        for _ in range(8):  # T=0: the FCI waits for GET RESPONSE
            if sw >> 8 != 0x61:
                break
            more, sw = await self._exchange(emv.get_response_apdu(sw & 0xFF))
            data += more
        self.selects.append({"target": label, "sw": f"{sw:04X}"})
        return data, sw

    async def _exchange(self, apdu: bytes) -> tuple[bytes, int]:
        answer = await self.session.call(
            partial(self.card.transmit, apdu), "waiting for the card", self.timeout_s
        )
        if len(answer) < 2:
            raise EmptyAnswer(f"answer of {len(answer)} byte(s), no status word")
        sw = int.from_bytes(answer[-2:], "big")
        if sw >> 12 not in (0x6, 0x9):  # ISO 7816-4: SW1 is 6x or 9x
            raise BadAnswer(f"invalid status word {sw:04X}")
        return answer[:-2], sw
