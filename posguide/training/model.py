"""What a training scenario is, once loaded: faults to set up, actions the trainee may take,
and what the trainee should end up with. Plain frozen data; the loader builds it."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, get_args

from posguide.flow.model import CAUSES, LocalText
from posguide.probes.verdict import VERDICTS
from posguide.sim.card.profiles import PROFILES
from posguide.sim.certs import CertKind
from posguide.sim.feeds import SCENARIOS as FEED_SCENARIOS
from posguide.sim.network import HttpMode, TcpMode
from posguide.sim.terminal import BEHAVIOURS
from posguide.uplinks import ETHERNET

RANDOM = "random"  # the choice that picks any scenario
# What a training incident may end as; "abandoned" teaches nothing, so it is never expected.
TRAINING_OUTCOMES = ("resolved", "backup", "escalated")
# powered_off: switched off, in the drawer (not "off": YAML reads that as false).
# port_in_use needs a pty, and training's terminals are on TCP.
POWERED_OFF = "powered_off"
TERMINAL_STATES = (*(b for b in BEHAVIOURS if b != "port_in_use"), POWERED_OFF)
LAN_KEYS = ("cable_plugged", "router_powered", "router_hung", "wan_up")
CARDS = (*PROFILES, "none")
# The terminal's own card reader (chip, stripe, contactless): nothing the probes can see, only
# what the trainee sees when a card is tried on the terminal.
READER_STATES = ("working", "broken")
REQUIREMENTS = ("pc_reader",)
TCP_MODES: tuple[str, ...] = get_args(TcpMode)
HTTP_MODES: tuple[str, ...] = get_args(HttpMode)
CERT_KINDS: tuple[str, ...] = get_args(CertKind)

# Effect kinds that set one part of the shop (allowed as initial faults too) and what each
# accepts; "lan" takes a mapping of LAN_KEYS, the others one of these names.
SETTERS: dict[str, tuple[str, ...]] = {
    "feeds": FEED_SCENARIOS,
    "terminal": TERMINAL_STATES,
    "backup": TERMINAL_STATES,
    "lan": LAN_KEYS,
    "payment": TCP_MODES,
    "internet": HTTP_MODES,
    "tls": CERT_KINDS,
    "card": CARDS,
    "terminal_reader": READER_STATES,
}
# The shop before a scenario's faults: every part as a fresh simulated shop has it. A reset
# returns here, then applies the faults.
BASELINE: dict[str, Any] = {
    "feeds": "none",
    "terminal": "healthy",
    "backup": "healthy",
    "lan": {"cable_plugged": True, "router_powered": True, "router_hung": False, "wan_up": True},
    "payment": "healthy",
    "internet": "ok",
    "tls": "valid",
    "card": "none",
    "terminal_reader": "working",
}
# Effect kinds that are events: {offline_s: seconds} (+ reboot_terminal's optional "then").
EVENTS = ("reboot_terminal", "restart_router")
EFFECTS = (*SETTERS, *EVENTS)
VERDICT_NAMES: tuple[str, ...] = VERDICTS
CAUSE_NAMES: tuple[str, ...] = CAUSES

# What an observation may depend on: the shop as the trainee would find it at that moment.
# A terminal is "starting" while it reboots; "powered_off" while off for good.
STARTING = "starting"
TERMINAL_FACTS = (*TERMINAL_STATES, STARTING)
FACTS: dict[str, tuple[str, ...]] = {
    "terminal": TERMINAL_FACTS,
    "backup": TERMINAL_FACTS,
    "terminal_reader": READER_STATES,
    "router": ("up", "hung", "restarting", "off"),
    "cable": ("plugged", "unplugged"),
    "network": ("online", "offline"),
}
Facts = Mapping[str, str]


@dataclass(frozen=True)
class Effect:
    """One change to the simulated shop. ``value``: a name (setters), a dict of LAN flags
    ("lan"), or ``{"offline_s": float, "then": str | None}`` (events). ``after_s``: delay."""

    kind: str
    value: Any
    after_s: float = 0.0

    @property
    def settle_s(self) -> float:
        """Unscaled seconds from the action until this effect is over."""
        if self.kind in EVENTS:
            return self.after_s + float(self.value["offline_s"])
        return self.after_s


@dataclass(frozen=True)
class Observation:
    """What the trainee sees, when every fact in ``when`` has one of its values (no ``when``:
    always). ``when`` pairs a fact of FACTS with the values that match."""

    text: LocalText
    when: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def holds(self, facts: Facts) -> bool:
        return all(facts.get(fact) in values for fact, values in self.when)


@dataclass(frozen=True)
class TrainingAction:
    """Something the trainee does in the shop (restart the terminal, replug a cable...).
    ``observations``: what the trainee sees, the first that holds for the shop as it is."""

    id: str
    label: LocalText
    effects: tuple[Effect, ...] = ()
    observations: tuple[Observation, ...] = ()
    requires: str | None = None  # "pc_reader": offered only when training has a PC reader

    def observe(self, facts: Facts) -> LocalText | None:
        return next((o.text for o in self.observations if o.holds(facts)), None)

    @property
    def settle_s(self) -> float:
        """Unscaled seconds until every effect of the action is over (0: at once)."""
        return max((e.settle_s for e in self.effects), default=0.0)


@dataclass(frozen=True)
class Expected:
    outcome: str  # resolved, backup or escalated
    cause: str  # one of the playbook's causes
    verdict: str  # what the automatic checks say at the start
    fixed_by: str | None  # the action that fixes it; None: nothing the trainee does
    debrief: LocalText  # shown after the session: what it was and what was right


@dataclass(frozen=True)
class Scenario:
    id: str
    title: LocalText
    briefing: LocalText  # what the trainee is told at the start
    faults: tuple[Effect, ...]
    actions: tuple[TrainingAction, ...]
    expected: Expected
    escalation_minutes: int = 10
    uplink: str = ETHERNET  # how the till's terminal goes online in this scenario

    def action(self, action_id: str) -> TrainingAction | None:
        return next((a for a in self.actions if a.id == action_id), None)

    def start_state(self) -> tuple[Effect, ...]:
        """The shop at the start: the baseline with the scenario's faults on top."""
        values = dict(BASELINE)
        for fault in self.faults:
            lan = fault.kind == "lan"  # the flags a scenario names, on the baseline's others
            values[fault.kind] = {**values["lan"], **fault.value} if lan else fault.value
        return tuple(Effect(kind, value) for kind, value in values.items())

    @property
    def needs_pc_reader(self) -> bool:
        return any(a.requires == "pc_reader" for a in self.actions)

    def durations(self) -> list[float]:
        """Every offline time and delay in the scenario's actions (unscaled seconds)."""
        found = []
        for action in self.actions:
            for effect in action.effects:
                found.append(effect.after_s)
                if effect.kind in EVENTS:
                    found.append(float(effect.value["offline_s"]))
        return found


@dataclass(frozen=True)
class MenuEntry:
    """One choice on the training start page: a scenario, or the random one."""

    id: str
    title: LocalText
    briefing: LocalText


@dataclass(frozen=True)
class Pick:
    """The scenario to play; for a surprise also the neutral ``cover`` (the random choice's
    title and briefing) shown instead of the scenario's until the debrief."""

    scenario: Scenario
    cover: MenuEntry | None = None

    @property
    def surprise(self) -> bool:
        return self.cover is not None


@dataclass(frozen=True)
class ScenarioCatalog:
    """The whole file: the scenarios and how the random choice is shown."""

    scenarios: tuple[Scenario, ...]
    random_title: LocalText
    random_briefing: LocalText

    def get(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    @property
    def random_entry(self) -> MenuEntry:
        return MenuEntry(RANDOM, self.random_title, self.random_briefing)

    def menu(self) -> tuple[MenuEntry, ...]:
        """The start page's choices: the random one first (and preselected), then each
        scenario in the file's order."""
        entries = (MenuEntry(s.id, s.title, s.briefing) for s in self.scenarios)
        return (self.random_entry, *entries)

    def pick(self, choice: str = RANDOM, rng: random.Random | None = None) -> Pick:
        """The scenario ``choice`` names; RANDOM draws one with ``rng`` (seed it to repeat a
        draw) and hides it behind the random choice's title. KeyError when unknown."""
        scenario = choose_scenario(self.scenarios, choice, rng)
        return Pick(scenario, self.random_entry if choice == RANDOM else None)


def choose_scenario(
    scenarios: Sequence[Scenario], choice: str = RANDOM, rng: random.Random | None = None
) -> Scenario:
    """The scenario with id ``choice``, or for "random" any of them. KeyError when unknown."""
    if not scenarios:
        raise KeyError("there are no training scenarios")
    if choice == RANDOM:
        return (rng or random.Random()).choice(list(scenarios))
    for scenario in scenarios:
        if scenario.id == choice:
            return scenario
    known = ", ".join(s.id for s in scenarios)
    raise KeyError(f"unknown training scenario {choice!r}; one of {known} or {RANDOM}")
