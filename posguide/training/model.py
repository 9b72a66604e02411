"""What a training scenario is, once loaded: faults to set up, actions the trainee may take,
and what the trainee should end up with. Plain frozen data; the loader builds it."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, get_args

from posguide.flow.model import CAUSES, LocalText
from posguide.probes.verdict import VERDICTS
from posguide.sim.card.profiles import PROFILES
from posguide.sim.certs import CertKind
from posguide.sim.feeds import SCENARIOS as FEED_SCENARIOS
from posguide.sim.network import HttpMode, TcpMode
from posguide.sim.terminal import BEHAVIOURS

RANDOM = "random"  # the choice that picks any scenario
# What a training incident may end as; "abandoned" teaches nothing, so it is never expected.
TRAINING_OUTCOMES = ("resolved", "backup", "escalated")
# powered_off: switched off, in the drawer (not "off": YAML reads that as false).
# port_in_use needs a pty, and training's terminals are on TCP.
POWERED_OFF = "powered_off"
TERMINAL_STATES = (*(b for b in BEHAVIOURS if b != "port_in_use"), POWERED_OFF)
LAN_KEYS = ("cable_plugged", "router_powered", "router_hung", "wan_up")
CARDS = (*PROFILES, "none")
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
}
# Effect kinds that are events: {offline_s: seconds} (+ reboot_terminal's optional "then").
EVENTS = ("reboot_terminal", "restart_router")
EFFECTS = (*SETTERS, *EVENTS)
VERDICT_NAMES: tuple[str, ...] = VERDICTS
CAUSE_NAMES: tuple[str, ...] = CAUSES


@dataclass(frozen=True)
class Effect:
    """One change to the simulated shop. ``value``: a name (setters), a dict of LAN flags
    ("lan"), or ``{"offline_s": float, "then": str | None}`` (events). ``after_s``: delay."""

    kind: str
    value: Any
    after_s: float = 0.0


@dataclass(frozen=True)
class TrainingAction:
    """Something the trainee does in the shop (restart the terminal, replug a cable...)."""

    id: str
    label: LocalText
    effects: tuple[Effect, ...] = ()
    observation: LocalText | None = None  # what the trainee sees happen, beyond the probes
    requires: str | None = None  # "pc_reader": offered only when training has a PC reader


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

    def action(self, action_id: str) -> TrainingAction | None:
        return next((a for a in self.actions if a.id == action_id), None)

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
class ScenarioCatalog:
    """The whole file: the scenarios and how the random choice is shown."""

    scenarios: tuple[Scenario, ...]
    random_title: LocalText
    random_briefing: LocalText

    def get(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)


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
