"""The PC's card reader in training: a virtual card in vsmartcard's first vpcd reader.

Only where pcscd runs with the vpcd driver (Linux development and CI machines) can training put a
card in a reader the real card probes see. Everywhere else (a shop PC) the scenario's reader
parts are left out: no reader in the settings, no card actions offered.
"""

from __future__ import annotations

import asyncio
import logging

from posguide.probes.card.pcsc import Context, PcscError
from posguide.probes.card.reader import wait_for_removal
from posguide.probes.threads import run_blocking
from posguide.sim.card import VirtualCard

log = logging.getLogger("posguide.training")

VPCD_READER = "Virtual PCD 00 00"  # vpcd's first reader; its cards connect to port 35963
NO_CARD = "none"
REMOVAL_S = 5.0  # pcscd notices a removed card within about half a second


def _vpcd_listed() -> bool:
    context = Context()
    try:
        return VPCD_READER in context.readers()
    finally:
        context.release()


async def vpcd_available(timeout_s: float = 3.0) -> bool:
    """True when pcscd answers and lists the vpcd reader."""
    try:
        return await run_blocking(_vpcd_listed, timeout_s=timeout_s, name="vpcd")
    except Exception as err:  # no service, no library, a hung pcscd: training goes on without
        log.info("no virtual card reader for training: %s", err)
        return False


class TrainingCard:
    """The one card slot; ``put("unionpay_debit")`` inserts a card, ``put("none")`` takes it
    out and returns once pcscd sees the reader empty. Connecting and joining the card's
    thread block briefly, so they run off the loop."""

    def __init__(self) -> None:
        self._card: VirtualCard | None = None
        self.profile = NO_CARD

    async def put(self, profile: str) -> None:
        if self._card is not None:
            card, self._card, self.profile = self._card, None, NO_CARD
            await asyncio.to_thread(card.remove)
            # pcscd sees it gone a poll later: until then a check would find the old card.
            try:
                if not await wait_for_removal(VPCD_READER, REMOVAL_S):
                    log.warning("the virtual card is still seen %g s after its removal", REMOVAL_S)
            except PcscError as err:
                log.info("cannot watch the virtual reader: %s", err)
        if profile != NO_CARD:
            await asyncio.to_thread(self._insert, profile)

    def _insert(self, profile: str) -> None:
        card = VirtualCard(profile)
        card.insert()
        self._card, self.profile = card, profile

    async def close(self) -> None:
        await self.put(NO_CARD)
