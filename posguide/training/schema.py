"""The scenarios file's shapes and the reading of effects (initial faults and what an action
does), each problem collected with its line by the playbook's node reader."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from posguide.flow.errors import Problem
from posguide.flow.nodes import Reader
from posguide.flow.schema import Key, Shape
from posguide.training.model import (
    EFFECTS,
    EVENTS,
    FACTS,
    LAN_KEYS,
    POWERED_OFF,
    SETTERS,
    TERMINAL_STATES,
    Effect,
    Observation,
)

MAX_SECONDS = 600.0


def _shape(name: str, required: Sequence[str], optional: Sequence[str] = ()) -> Shape:
    keys = [Key(k, True, "") for k in required] + [Key(k, False, "") for k in optional]
    return Shape(name, tuple(keys))


FILE = _shape("a scenarios file", ("version", "random", "actions", "scenarios"))
RANDOM_CHOICE = _shape("the random choice", ("title", "briefing"))
ACTION = _shape("an action", ("id",), ("label", "effects", "observation", "requires"))
SCENARIO = _shape(
    "a scenario",
    ("id", "title", "briefing", "actions", "expected"),
    ("faults", "escalation_minutes", "uplink"),
)
FAULTS = _shape("the faults", (), tuple(SETTERS))
EXPECTED = _shape("the expected end", ("outcome", "cause", "verdict", "debrief"), ("fixed_by",))
EFFECT = _shape("an effect", (), (*EFFECTS, "after_s"))
EVENT = _shape("an event", ("offline_s",), ("then",))
LAN = _shape("the LAN state", (), LAN_KEYS)
OBSERVATION = _shape("an observation", ("text",), ("when",))
WHEN = _shape("the shop's state", (), tuple(FACTS))
WHAT = {"feeds": "a feed scenario", "terminal": "a terminal state", "backup": "a terminal state",
        "payment": "a payment host mode", "internet": "an internet check mode",
        "tls": "a certificate kind", "card": "a card profile or none",
        "terminal_reader": "a card reader state"}  # fmt: skip
FACT_WHAT = {"terminal": "a terminal state", "backup": "a terminal state",
             "terminal_reader": "a card reader state", "router": "a router state",
             "cable": "a cable state", "network": "a network state"}  # fmt: skip


class ScenarioError(Exception):
    """The scenarios file cannot be used. ``str()`` is the first problem (and how many more)."""

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = tuple(sorted(problems, key=lambda p: (p.line or 0, p.path)))
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(self.lines[0] + suffix)

    @property
    def lines(self) -> list[str]:
        return [p.render(self.source) for p in self.problems]


def read_faults(r: Reader, node: Node, path: str) -> tuple[Effect, ...] | None:
    f = r.mapping(node, path, FAULTS)
    if f is None:
        return None
    values = {kind: _setter(r, kind, value, f"{path}.{kind}") for kind, value in f.items()}
    if any(v is None for v in values.values()):
        return None
    return tuple(Effect(kind, value) for kind, value in values.items())


def read_effects(r: Reader, node: Node, path: str) -> tuple[Effect, ...] | None:
    found: list[Effect] = []
    before = len(r.problems)
    for i, item in enumerate(r.sequence(node, path, "effects")):
        where = f"{path}[{i}]"
        known = len(r.problems)
        f = r.mapping(item, where, EFFECT)
        # The reader says "unknown key"; here the key names an effect, so say that.
        r.problems[known:] = [
            replace(p, message=p.message.replace("unknown key", "unknown effect", 1))
            for p in r.problems[known:]
        ]
        if f is None:
            continue
        kinds = [k for k in f if k != "after_s"]
        if len(kinds) != 1:
            if len(r.problems) == known:  # an unknown effect was reported already
                r.error(item, where, f"expected exactly one effect, got {len(kinds)}")
            continue
        kind = kinds[0]
        after: float | None = 0.0
        if "after_s" in f:
            after = read_seconds(r, f["after_s"], f"{where}.after_s", zero=True)
        at = f"{where}.{kind}"
        value = _event(r, kind, f[kind], at) if kind in EVENTS else _setter(r, kind, f[kind], at)
        if value is not None and after is not None:
            found.append(Effect(kind, value, after))
    return tuple(found) if len(r.problems) == before else None


def _setter(r: Reader, kind: str, node: Node, path: str) -> Any:
    if kind != "lan":
        value = r.scalar(node)
        if isinstance(value, bool):  # off, no, yes, on: YAML 1.1 booleans
            choices = ", ".join(SETTERS[kind])
            why = f"YAML reads {node.value} as {str(value).lower()}; one of {choices}"
            r.error(node, path, f"expected {WHAT[kind]}, got {node.value} ({why})")
            return None
        return r.enum(node, path, SETTERS[kind], WHAT[kind])
    f = r.mapping(node, path, LAN)
    if f is None:
        return None
    if not f:
        r.expected(node, path, f"one or more of {', '.join(LAN_KEYS)}")
        return None
    flags = {key: r.boolean(value, f"{path}.{key}") for key, value in f.items()}
    return None if any(v is None for v in flags.values()) else flags


def _event(r: Reader, kind: str, node: Node, path: str) -> dict[str, Any] | None:
    f = r.mapping(node, path, EVENT)
    if f is None or "offline_s" not in f:
        return None
    offline_s = read_seconds(r, f["offline_s"], f"{path}.offline_s")
    then = None
    if "then" in f:
        if kind != "reboot_terminal":
            r.error(f["then"], f"{path}.then", "only reboot_terminal takes a state to come back in")
            return None
        states = [s for s in TERMINAL_STATES if s != POWERED_OFF]
        then = r.enum(f["then"], f"{path}.then", states, "a terminal state")
        if then is None:
            return None
    return None if offline_s is None else {"offline_s": offline_s, "then": then}


def read_seconds(r: Reader, node: Node, path: str, *, zero: bool = False) -> float | None:
    value = r.scalar(node)
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if ok and (value >= 0 if zero else value > 0) and value <= MAX_SECONDS:
        return float(value)
    low = "0" if zero else "more than 0"
    r.expected(node, path, f"seconds, {low} to {MAX_SECONDS:g}")
    return None


def read_observations(
    r: Reader, node: Node, path: str, *, fallback: bool
) -> tuple[Observation, ...] | None:
    """A text (always seen), or a list of ``{when, text}`` read in order, the first that holds
    for the shop at that moment being seen. Only the last may leave out ``when``; with
    ``fallback`` it must (a catalog action has to say something whatever the shop's state)."""
    if isinstance(node, MappingNode):
        text = r.text(node, path)
        return None if text is None else (Observation(text),)
    if not isinstance(node, SequenceNode) or not node.value:
        r.expected(node, path, "a text or a list of observations")
        return None
    found: list[Observation] = []
    before = len(r.problems)
    for i, item in enumerate(node.value):
        where, last = f"{path}[{i}]", i == len(node.value) - 1
        f = r.mapping(item, where, OBSERVATION)
        if f is None or "text" not in f:
            continue
        text = r.text(f["text"], f"{where}.text")
        when = _when(r, f["when"], f"{where}.when") if "when" in f else ()
        if "when" not in f and not last:
            r.error(item, where, 'only the last observation may have no "when": '
                    "the ones after it are never seen")  # fmt: skip
        if "when" in f and last and fallback:
            r.error(item, where, 'the last observation needs no "when": '
                    "it is seen when no other holds")  # fmt: skip
        if text is not None and when is not None:
            found.append(Observation(text, when))
    return tuple(found) if len(r.problems) == before else None


def _when(r: Reader, node: Node, path: str) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """``{fact: value}`` or ``{fact: [values]}``, for each fact named: all must hold."""
    f = r.mapping(node, path, WHEN)
    if f is None:
        return None
    if not f:
        if isinstance(node, MappingNode) and not node.value:  # else an unknown key was reported
            r.expected(node, path, f"one or more of {', '.join(FACTS)}")
        return None
    pairs: list[tuple[str, tuple[str, ...]]] = []
    for fact, value in f.items():
        items = value.value if isinstance(value, SequenceNode) else [value]
        at = f"{path}.{fact}"
        if not items or not all(isinstance(v, ScalarNode) for v in items):
            r.expected(value, at, f"{FACT_WHAT[fact]} or a list of them")
            return None
        values = [r.enum(v, at, FACTS[fact], FACT_WHAT[fact]) for v in items]
        if any(v is None for v in values):
            return None
        pairs.append((fact, tuple(v for v in values if v is not None)))
    return tuple(pairs)
