"""The values a FlowSession works with and hands out: its context, its transitions, the visits
that make up its path, and its whole state."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from posguide.flow.model import LocalText
from posguide.probes.base import ProbeResult
from posguide.uplinks import ETHERNET

VisitStatus = Literal["current", "done", "skipped"]


@dataclass(frozen=True)
class FlowContext:
    """The shop's set-up, as far as the playbook cares. ``terminals``: configured terminal ids,
    the default one first."""

    terminals: tuple[str, ...] = ()
    pc_reader: bool = False
    backup_terminal: bool = False
    language: str = "zh_CN"
    staff: str = ""  # who reported the last incident on this PC: the staff question's preset
    uplinks: tuple[tuple[str, str], ...] = ()  # (terminal id, uplink); not named: ethernet

    def uplink_of(self, terminal: object) -> str:
        """How ``terminal`` goes online (None: the default terminal, the first)."""
        if terminal is None and self.terminals:
            terminal = self.terminals[0]
        return dict(self.uplinks).get(str(terminal), ETHERNET)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> FlowContext:
        return cls(
            terminals=tuple(str(t) for t in data.get("terminals", ())),
            pc_reader=bool(data.get("pc_reader", False)),
            backup_terminal=bool(data.get("backup_terminal", False)),
            language=str(data.get("language", "zh_CN")),
            staff=str(data.get("staff", "")),
            uplinks=tuple((str(t), str(u)) for t, u in dict(data.get("uplinks", {})).items()),
        )

    @property
    def flags(self) -> frozenset[str]:
        named = {"pc_reader": self.pc_reader, "backup_terminal": self.backup_terminal}
        return frozenset(k for k, v in named.items() if v)


@dataclass(frozen=True)
class Transition:
    """What ``next_step``/``skip`` did: went to ``step``, or finished with ``outcome``/``cause``.
    ``banner``: text to show prominently on the next screen (already filled in)."""

    step: str | None = None
    outcome: str | None = None
    cause: str | None = None
    banner: LocalText | None = None
    skipped: bool = False

    @property
    def finished(self) -> bool:
        return self.outcome is not None


@dataclass
class Visit:
    step_id: str
    status: VisitStatus = "current"
    banner: LocalText | None = None  # shown on arriving here


@dataclass
class SessionState:
    path: list[Visit]
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    probes: dict[str, dict[str, ProbeResult]] = field(default_factory=dict)  # the latest
    seen: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # (probe, status) ever
    finished: Transition | None = None
