"""What the terminal probes need to know about one terminal (the lead maps the shop's TOML here)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from posguide.i18n import QT_TR_NOOP

LinkProtocol = Literal["none", "enq", "framed"]
PROTOCOLS: Final = ("none", "enq", "framed")

#: Used for a meaning the shop gave no patterns for, so a terminal showing 在维护中 is recognised
#: out of the box. Order matters: the first meaning with a match wins (as in the config docs).
DEFAULT_REPLY_PATTERNS: Final[Mapping[str, tuple[str, ...]]] = {
    "ok": (r"(?i)\bOK\b", r"(?i)\bREADY\b", "正常"),
    "maintenance": (r"(?i)\bMAINT", "维护"),
    "busy": (r"(?i)\bBUSY\b", "忙"),
    "error": (r"(?i)\bERR(OR)?\b", "故障", "错误"),
    "signed_out": (r"(?i)\bSIGN(ED)?[ _-]?(OUT|OFF)\b", "签退", "未签到"),
}

#: The summary when the settings cannot work; what is wrong goes in the detail's ``error``.
BAD_SETTINGS: Final = QT_TR_NOOP(
    "The terminal's settings in posguide.toml are not valid (see the details)"
)

Patterns = Mapping[str, Sequence[str | re.Pattern[str]]]


class TargetError(ValueError):
    """The target's settings cannot work (bad regex, bad USB id, unknown protocol)."""


@dataclass(frozen=True)
class TerminalTarget:
    """One terminal's link. ``connection`` is "COM3", "/dev/ttyUSB0", "socket://host:port" or
    "rfc2217://host:port"; empty means "not connected to this PC" and the probe is skipped.

    ``reply_patterns`` maps a meaning (ok, maintenance, busy, error, signed_out, or any other
    name) to regular expressions searched in the decoded reply. A meaning given no patterns uses
    ``DEFAULT_REPLY_PATTERNS`` unless ``default_patterns`` is False.
    """

    terminal_id: str
    connection: str
    name: str = ""  # what staff call it ("1号收银台"); summaries name it so, not by its port
    baud_rate: int = 9600
    protocol: LinkProtocol = "none"
    status_request: bytes | None = None
    reply_patterns: Patterns = field(default_factory=dict)
    usb_vid_pid: str | tuple[int, int] | None = None
    timeout_s: float = 2.0
    default_patterns: bool = True

    @property
    def label(self) -> str:
        return self.name or self.terminal_id

    @property
    def is_url(self) -> bool:
        """socket://, rfc2217:// (and pyserial's other handlers): no device node to look for."""
        return "://" in self.connection

    @property
    def is_rfc2217(self) -> bool:
        return self.connection.lower().startswith("rfc2217://")

    def check(self) -> None:
        """Raise TargetError if the settings cannot work; the probe reports it as an error."""
        if self.protocol not in PROTOCOLS:
            raise TargetError(f"unknown protocol {self.protocol!r}, expected one of {PROTOCOLS}")
        if not self.timeout_s > 0:
            raise TargetError(f"timeout_s must be positive, got {self.timeout_s!r}")
        self.vid_pid()
        self.compiled_patterns()

    def vid_pid(self) -> tuple[int, int] | None:
        value = self.usb_vid_pid
        if value is None or value == "":
            return None
        if isinstance(value, tuple):
            return value
        match = re.fullmatch(r"\s*([0-9a-fA-F]{4}):([0-9a-fA-F]{4})\s*", value)
        if match is None:
            raise TargetError(f'usb_vid_pid must look like "1a86:7523", got {value!r}')
        return int(match[1], 16), int(match[2], 16)

    def compiled_patterns(self) -> list[tuple[str, list[re.Pattern[str]]]]:
        """(meaning, patterns) in match order: the given meanings first, then unused defaults."""
        meanings = list(self.reply_patterns)
        if self.default_patterns:
            meanings += [m for m in DEFAULT_REPLY_PATTERNS if m not in self.reply_patterns]
        compiled: list[tuple[str, list[re.Pattern[str]]]] = []
        for meaning in meanings:
            given = list(self.reply_patterns.get(meaning, ()))
            if not given and self.default_patterns:
                given = list(DEFAULT_REPLY_PATTERNS.get(meaning, ()))
            try:
                compiled.append((meaning, [re.compile(p) for p in given]))
            except re.error as err:
                raise TargetError(f"reply pattern for {meaning!r} is not valid: {err}") from err
        return compiled


def classify_reply(text: str, patterns: list[tuple[str, list[re.Pattern[str]]]]) -> str | None:
    """The first meaning with a pattern found in ``text``, or None."""
    for meaning, compiled in patterns:
        if any(p.search(text) for p in compiled):
            return meaning
    return None
