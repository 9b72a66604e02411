"""Applying a scenario's effects to the simulated shop: its start state, then whatever the
trainee's actions change. Durations are divided by ``speed`` (tests run faster).

Everything that takes time (a delayed effect, a terminal's reboot, a router's restart) is an
asyncio task, so an action can be awaited until it is over and a reset can cancel it all."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any, cast

from posguide.sim.certs import CertKind
from posguide.sim.feeds import Scenario as FeedScenario
from posguide.sim.lan import SimulatedLan
from posguide.sim.network import HttpMode, TcpMode
from posguide.sim.shop import SimulatedShop
from posguide.sim.terminal import SimulatedTerminal
from posguide.training.model import BASELINE, POWERED_OFF, STARTING, Effect
from posguide.training.pcreader import TrainingCard

log = logging.getLogger("posguide.training")
Tasks = list[asyncio.Task[None]]


class ShopControl:
    """The knobs of one training shop, and what the trainee would see of it (``facts``)."""

    def __init__(
        self, shop: SimulatedShop, lan: SimulatedLan, card: TrainingCard | None, speed: float
    ) -> None:
        self.shop, self.lan, self.card, self.speed = shop, lan, card, speed
        self.terminal_reader = "working"
        self._reboots: dict[str, asyncio.Task[None]] = {}  # terminal -> its reboot under way
        self._later: set[asyncio.Task[None]] = set()

    def scaled(self, seconds: float) -> float:
        return seconds / self.speed

    def facts(self) -> dict[str, str]:
        """The shop as the trainee finds it now, in the terms observations use (FACTS)."""
        lan = self.lan
        if lan.restarting:
            router = "restarting"
        elif not lan.router_powered:
            router = "off"
        else:
            router = "hung" if lan.router_hung else "up"
        return {
            "terminal": self._terminal_fact("terminal"),
            "backup": self._terminal_fact("backup"),
            "terminal_reader": self.terminal_reader,
            "router": router,
            "cable": "plugged" if lan.cable_plugged else "unplugged",
            "network": "online" if lan.online else "offline",
        }

    def _terminal_fact(self, name: str) -> str:
        if name in self._reboots:
            return STARTING
        sim = self._sim(name)
        return sim.behaviour if sim.online else POWERED_OFF

    async def apply_all(self, effects: Iterable[Effect]) -> Tasks:
        """Apply ``effects``; returns the tasks still under way (delays, reboots, restarts),
        each done when its effect is over."""
        running: Tasks = []
        for effect in effects:
            if effect.after_s > 0:
                running.append(self._track(self._apply_later(effect)))
            else:
                running += await self.apply(effect)
        return running

    def _track(self, coroutine: Any) -> asyncio.Task[None]:
        task: asyncio.Task[None] = asyncio.create_task(coroutine)
        self._later.add(task)
        task.add_done_callback(self._later.discard)
        return task

    async def _apply_later(self, effect: Effect) -> None:
        await asyncio.sleep(self.scaled(effect.after_s))
        try:
            running = await self.apply(effect)
        except Exception:  # nobody awaits this task: say what went wrong, keep training
            log.exception("training effect %s failed", effect.kind)
            return
        if running:
            await asyncio.wait(running)  # done when the delayed reboot or restart is over too

    async def apply(self, effect: Effect) -> Tasks:
        kind, value = effect.kind, effect.value
        log.debug("training effect %s: %s", kind, value)
        shop, lan = self.shop, self.lan
        if kind in ("terminal", "backup"):
            self._set_terminal(kind, str(value))
        elif kind == "reboot_terminal":
            return [self._reboot("terminal", value)]
        elif kind == "restart_router":
            return [await lan.restart_router(self.scaled(float(value["offline_s"])))]
        elif kind == "lan":
            await lan.set_state(**cast(dict[str, bool], value))
        elif kind == "feeds":
            shop.feeds.scenario = cast(FeedScenario, value)
        elif kind == "payment":
            await lan.set_payment(cast(TcpMode, value))
        elif kind == "internet":
            await lan.set_internet(cast(HttpMode, value))
        elif kind == "tls":
            if shop.tls.cert != value:
                # A new certificate means a new key: generating it takes a moment, off the loop.
                await asyncio.to_thread(shop.tls.set_cert, cast(CertKind, value))
        elif kind == "card":
            if self.card is None:
                log.debug("no PC reader in this training: card %s left out", value)
            elif self.card.profile != value:
                await self.card.put(str(value))
        elif kind == "terminal_reader":
            self.terminal_reader = str(value)
        else:
            raise ValueError(f"unknown training effect {kind!r}")
        return []

    def _sim(self, name: str) -> SimulatedTerminal:
        return self.shop.terminal if name == "terminal" else self.shop.backup

    def _set_terminal(self, name: str, state: str) -> None:
        sim = self._sim(name)
        if state == POWERED_OFF:
            self._cancel_reboot(name)
            sim.unplug()
            return
        sim.set_behaviour(state)
        if name not in self._reboots:  # while it reboots the new state shows when it is back
            sim.plug()

    def _reboot(self, name: str, event: dict[str, Any]) -> asyncio.Task[None]:
        self._cancel_reboot(name)  # pulling the plug again restarts the count
        sim = self._sim(name)
        sim.unplug()
        if event.get("then"):
            sim.set_behaviour(str(event["then"]))  # unplugged now: nobody can see it change
        task = self._reboots[name] = self._track(
            self._back_after(name, self.scaled(float(event["offline_s"])))
        )
        return task

    async def _back_after(self, name: str, offline_s: float) -> None:
        await asyncio.sleep(offline_s)
        del self._reboots[name]
        self._sim(name).plug()

    def _cancel_reboot(self, name: str) -> None:
        task = self._reboots.pop(name, None)
        if task is not None:
            task.cancel()

    async def reset(self, start: Iterable[Effect]) -> None:
        """Back to ``start`` (a scenario's start state): whatever is under way is cancelled."""
        await self.cancel()
        for name in ("terminal", "backup"):  # one left off keeps nothing of the old incident
            self._sim(name).set_behaviour(str(BASELINE[name]))
        await self.apply_all(start)

    async def cancel(self) -> None:
        """Cancel every delayed effect, reboot and router restart under way."""
        self._reboots.clear()
        tasks = list(self._later)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await self.lan.cancel_restart()

    async def close(self) -> None:
        await self.cancel()
        if self.card is not None:
            await self.card.close()
