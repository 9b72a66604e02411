"""One training run: a whole simulated shop on 127.0.0.1 set up with a scenario's faults, a
``posguide.toml`` pointing at it, and the trainee's actions applied to it.

    async with TrainingSession(catalog.pick(RANDOM), workdir) as session:
        config = load_config(session.config_path)
        settings = session.probe_settings()            # the LAN's link/gateway stand-ins
        run = await session.perform("restart_terminal")
        run.observation                                # now: the screen is dark, restarting
        await run.settled()                            # then: signed in, idle screen
        await session.reset()                          # the next incident: faults again
        session.received_alerts()                      # what reached the training group chat

The wizard runs its real probes against it; only the cable and router are stand-ins
(``posguide.sim.lan``), because training must never send anything into the shop's real LAN.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable
from contextlib import AsyncExitStack
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from posguide.config import AlertChannel, ShopConfig, load_config
from posguide.flow.model import LocalText
from posguide.probes.base import Probe
from posguide.probes.settings import ProbeSettings
from posguide.sim.alert_receiver import AlertReceiver, Received
from posguide.sim.lan import SimulatedLan
from posguide.sim.shop import ShopOptions, SimulatedShop
from posguide.training.effects import ShopControl
from posguide.training.model import Expected, Pick, Scenario, TrainingAction
from posguide.training.pcreader import VPCD_READER, TrainingCard, vpcd_available
from posguide.training.run import ActionRun

log = logging.getLogger("posguide.training")
ALERT_KIND = "dingtalk"  # a signed robot: the receiver checks the signature as DingTalk does
ALERT_NAME = "培训群"
CONFIG_NAME = "posguide.toml"
T = TypeVar("T")


class UnknownAction(KeyError):
    pass


class TrainingSession:
    """``scenario``: a Scenario, or a catalog's Pick (a surprise hides its title and briefing
    until ``reveal()``). ``speed`` divides every duration of the scenario (reboots, router
    restarts, delays). The PC's card reader is used only by a scenario with an action that
    needs it (check the customer's card): ``pc_reader`` None: then use the virtual reader
    when pcscd offers one, True: use it, False: never."""

    def __init__(
        self,
        scenario: Scenario | Pick,
        workdir: Path,
        *,
        speed: float = 1.0,
        pc_reader: bool | None = None,
        seed: int | None = None,
    ) -> None:
        if speed <= 0:
            raise ValueError("speed must be more than 0")
        self.pick = scenario if isinstance(scenario, Pick) else Pick(scenario)
        self.scenario, self.workdir, self.speed = self.pick.scenario, Path(workdir), speed
        self._want_reader, self._seed = pc_reader, seed
        self.pc_reader = False  # known after start()
        self.revealed = not self.pick.surprise
        self._epoch = 0  # a reset or stop ends every action still settling
        self._stack: AsyncExitStack | None = None
        self._shop: SimulatedShop | None = None
        self._lan: SimulatedLan | None = None
        self._receiver: AlertReceiver | None = None
        self._control: ShopControl | None = None
        self._channel: AlertChannel | None = None
        self._config: ShopConfig | None = None

    @property
    def config_path(self) -> Path:
        return self.workdir / CONFIG_NAME

    @property
    def data_dir(self) -> Path:
        return self.workdir

    @property
    def expected(self) -> Expected:
        return self.scenario.expected

    @property
    def surprise(self) -> bool:
        """Started from the random choice: the trainee is not told the scenario."""
        return self.pick.surprise

    @property
    def title(self) -> LocalText:
        """What to call this training on screen: a surprise's neutral title until revealed."""
        cover = self.pick.cover
        return cover.title if cover is not None and not self.revealed else self.scenario.title

    @property
    def briefing(self) -> LocalText:
        """The situation as told: a surprise's neutral briefing until revealed."""
        cover = self.pick.cover
        return cover.briefing if cover is not None and not self.revealed else self.scenario.briefing

    def reveal(self) -> None:
        """The debrief is shown: from now on ``title`` and ``briefing`` are the scenario's."""
        self.revealed = True

    @property
    def shop(self) -> SimulatedShop:
        return _started(self._shop)

    @property
    def lan(self) -> SimulatedLan:
        return _started(self._lan)

    @property
    def config(self) -> ShopConfig:
        """The configuration written for this session, as posguide loads it."""
        return _started(self._config)

    @property
    def alert_channel(self) -> AlertChannel:
        return _started(self._channel)

    @property
    def reboot_deadline_s(self) -> float:
        """How long a reboot watcher should wait here: well past the longest (scaled) outage,
        not the 180 s a real terminal gets."""
        longest = max(self.scenario.durations(), default=0.0) / self.speed
        return max(15.0, 3 * longest)

    async def start(self) -> TrainingSession:
        if self._stack is not None:
            raise RuntimeError("this training session has already started")
        self.workdir.mkdir(parents=True, exist_ok=True)
        stack = AsyncExitStack()
        try:
            await self._start(stack)
        except BaseException:
            await stack.aclose()
            raise
        self._stack = stack
        log.info("training session %s started in %s", self.scenario.id, self.workdir)
        return self

    async def _start(self, stack: AsyncExitStack) -> None:
        # No card action, no reader: the wizard would ask for a card nobody is told to insert.
        want = self._want_reader if self.scenario.needs_pc_reader else False
        self.pc_reader = await vpcd_available() if want is None else want
        options = ShopOptions(
            reader=VPCD_READER if self.pc_reader else "",
            escalation_minutes=self.scenario.escalation_minutes,
            uplink=self.scenario.uplink,
        )
        shop = self._shop = await stack.enter_async_context(SimulatedShop(options))
        self._receiver = await stack.enter_async_context(AlertReceiver())
        self._channel = self._receiver.channel(
            ALERT_KIND, name=ALERT_NAME, secret="SEC" + secrets.token_hex(24)
        )
        self._lan = SimulatedLan(shop, seed=self._seed)
        card = TrainingCard() if self.pc_reader else None
        control = self._control = ShopControl(shop, self._lan, card, self.speed)
        stack.push_async_callback(control.close)  # first out: before the shop stops
        await control.apply_all(self.scenario.start_state())
        self.config_path.write_text(shop.config_toml() + self._alerts_toml(), encoding="utf-8")
        self._config = load_config(self.config_path)

    def _alerts_toml(self) -> str:
        channel = self.alert_channel
        url = channel.url.reveal() if channel.url else ""
        secret = channel.secret.reveal() if channel.secret else ""
        # JSON strings are valid TOML basic strings for these ASCII values.
        lines = ["", "[[alerts]]", f"kind = {json.dumps(channel.kind)}",
                 f"name = {json.dumps(channel.name, ensure_ascii=False)}",
                 f"url = {json.dumps(url)}", f"secret = {json.dumps(secret)}"]  # fmt: skip
        return "\n".join(lines) + "\n"

    async def reset(self) -> None:
        """Put the shop back as the scenario starts, for a new incident: delayed effects, a
        reboot or router restart under way are cancelled, every part is set to the scenario's
        faults (or as a fresh shop has it), and actions still settling report nothing."""
        control = _started(self._control)
        self._epoch += 1
        await control.reset(self.scenario.start_state())
        log.info("training session %s reset", self.scenario.id)

    async def stop(self) -> None:
        self._epoch += 1
        stack, self._stack = self._stack, None
        if stack is not None:
            await stack.aclose()
            log.info("training session %s stopped", self.scenario.id)

    async def __aenter__(self) -> TrainingSession:
        return await self.start()

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.stop()

    def probe_settings_factories(self) -> dict[str, Callable[[], Probe | None]]:
        """For ``ProbeSettings.factories``: network.link and network.gateway from the LAN."""
        return self.lan.factories()

    def probe_settings(self, **overrides: Any) -> ProbeSettings:
        """ProbeSettings for this session: the LAN's factories, a notice cache in the work
        folder and a reboot deadline that fits the scenario; ``overrides`` win."""
        values: dict[str, Any] = {
            "cache_dir": self.workdir / "cache",
            "reboot_deadline_s": self.reboot_deadline_s,
            "factories": self.probe_settings_factories(),
            **overrides,
        }
        return ProbeSettings(**values)

    def actions(self) -> list[TrainingAction]:
        """What the trainee can do here; card actions only with a PC reader."""
        return [a for a in self.scenario.actions if a.requires != "pc_reader" or self.pc_reader]

    async def perform(self, action_id: str) -> ActionRun:
        """Apply the action's effects and return at once: the run says what is seen now,
        how long its effects take, and (``settled()``) what is seen once they are over.
        UnknownAction when it is not offered in this session."""
        action = next((a for a in self.actions() if a.id == action_id), None)
        if action is None:
            known = ", ".join(a.id for a in self.actions())
            raise UnknownAction(f"{action_id!r} is not an action here; one of {known}")
        log.info("training %s: trainee action %s", self.scenario.id, action_id)
        control = _started(self._control)
        running = await control.apply_all(action.effects)
        epoch = self._epoch
        return ActionRun(
            action,
            action.observe(control.facts()),
            action.settle_s / self.speed,
            running,
            lambda: action.observe(control.facts()) if epoch == self._epoch else None,
        )

    def facts(self) -> dict[str, str]:
        """The shop as the trainee would find it now (the facts observations depend on)."""
        return _started(self._control).facts()

    @property
    def alert_receiver(self) -> AlertReceiver:
        """The training group chat (tests make it refuse, or answer again)."""
        return _started(self._receiver)

    def received_alerts(self) -> list[Received]:
        """Every request the training group chat received, accepted or refused, in order."""
        return list(_started(self._receiver).received)


def _started(value: T | None) -> T:
    if value is None:
        raise RuntimeError("start() the training session first")
    return value
