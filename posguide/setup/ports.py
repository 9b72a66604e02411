"""The PC's serial ports as the assistant lists them: name, description, USB ids, and which ones
appeared since the page opened ("plug the terminal in now")."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from serial.tools.list_ports import comports


@dataclass(frozen=True)
class PortInfo:
    device: str  # "COM3", "/dev/ttyUSB0"
    description: str = ""  # "USB-SERIAL CH340 (COM3)"
    vid_pid: str = ""  # "1a86:7523" for a USB adapter, else ""

    @property
    def label(self) -> str:
        parts = [self.device]
        if self.description and self.description not in ("n/a", self.device):
            parts.append(self.description)
        if self.vid_pid:
            parts.append(f"USB {self.vid_pid}")
        return " — ".join(parts)


ListPorts = Callable[[], Iterable[Any]]  # pyserial's comports() or anything alike


def serial_ports(list_ports: ListPorts = comports) -> list[PortInfo]:
    """Every serial port the system lists, sorted by name."""
    found: list[PortInfo] = []
    for port in list_ports():
        vid, pid = getattr(port, "vid", None), getattr(port, "pid", None)
        found.append(
            PortInfo(
                device=str(port.device),
                description=str(getattr(port, "description", "") or ""),
                vid_pid=f"{vid:04x}:{pid:04x}" if vid is not None and pid is not None else "",
            )
        )
    return sorted(found, key=lambda p: p.device)


def appeared(before: Sequence[PortInfo], now: Sequence[PortInfo]) -> list[PortInfo]:
    """The ports in ``now`` that were not there ``before``."""
    known = {p.device for p in before}
    return [p for p in now if p.device not in known]
