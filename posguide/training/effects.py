"""Applying a scenario's effects to the simulated shop: its faults at the start, then whatever
the trainee's actions change. Durations are divided by ``speed`` (tests run faster)."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, cast

from posguide.sim.certs import CertKind
from posguide.sim.feeds import Scenario as FeedScenario
from posguide.sim.lan import SimulatedLan
from posguide.sim.network import HttpMode, TcpMode
from posguide.sim.shop import SimulatedShop
from posguide.sim.terminal import SimulatedTerminal
from posguide.training.model import POWERED_OFF, Effect
from posguide.training.pcreader import TrainingCard

log = logging.getLogger("posguide.training")


class ShopControl:
    """The knobs of one training shop. Delayed effects run as tasks that ``close()`` cancels."""

    def __init__(
        self, shop: SimulatedShop, lan: SimulatedLan, card: TrainingCard | None, speed: float
    ) -> None:
        self.shop, self.lan, self.card, self.speed = shop, lan, card, speed
        self._back_at: dict[str, float] = {}  # terminal -> when its reboot ends (monotonic)
        self._later: set[asyncio.Task[None]] = set()

    def scaled(self, seconds: float) -> float:
        return seconds / self.speed

    async def apply_all(self, effects: tuple[Effect, ...]) -> None:
        for effect in effects:
            if effect.after_s > 0:
                task = asyncio.create_task(self._apply_later(effect))
                self._later.add(task)
                task.add_done_callback(self._later.discard)
            else:
                await self.apply(effect)

    async def _apply_later(self, effect: Effect) -> None:
        await asyncio.sleep(self.scaled(effect.after_s))
        try:
            await self.apply(effect)
        except Exception:  # nobody awaits this task: say what went wrong, keep training
            log.exception("training effect %s failed", effect.kind)

    async def apply(self, effect: Effect) -> None:
        kind, value = effect.kind, effect.value
        log.debug("training effect %s: %s", kind, value)
        shop, lan = self.shop, self.lan
        if kind in ("terminal", "backup"):
            self._set_terminal(kind, str(value))
        elif kind == "reboot_terminal":
            self._reboot("terminal", value)
        elif kind == "restart_router":
            await lan.restart_router(self.scaled(float(value["offline_s"])))
        elif kind == "lan":
            await lan.set_state(**cast(dict[str, bool], value))
        elif kind == "feeds":
            shop.feeds.scenario = cast(FeedScenario, value)
        elif kind == "payment":
            await lan.set_payment(cast(TcpMode, value))
        elif kind == "internet":
            await lan.set_internet(cast(HttpMode, value))
        elif kind == "tls":
            # A new certificate means a new key: generating it takes a moment, off the loop.
            await asyncio.to_thread(shop.tls.set_cert, cast(CertKind, value))
        elif kind == "card":
            if self.card is None:
                log.debug("no PC reader in this training: card %s left out", value)
            else:
                await self.card.put(str(value))
        else:
            raise ValueError(f"unknown training effect {kind!r}")

    def _sim(self, name: str) -> SimulatedTerminal:
        return self.shop.terminal if name == "terminal" else self.shop.backup

    def _set_terminal(self, name: str, state: str) -> None:
        sim = self._sim(name)
        if state == POWERED_OFF:
            sim.unplug()
            return
        sim.set_behaviour(state)
        # While it reboots it is off; the new state shows when it is back, not sooner.
        if time.monotonic() >= self._back_at.get(name, 0.0):
            sim.plug()

    def _reboot(self, name: str, event: dict[str, Any]) -> None:
        offline_s = self.scaled(float(event["offline_s"]))
        sim = self._sim(name)
        sim.reboot(offline_s)
        self._back_at[name] = time.monotonic() + offline_s
        if event.get("then"):
            sim.set_behaviour(str(event["then"]))  # unplugged now: nobody can see it change

    async def close(self) -> None:
        tasks = list(self._later)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await self.lan.close()
        if self.card is not None:
            await self.card.close()
