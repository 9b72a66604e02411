"""Card terminal probes over pyserial: the link check (TerminalProbe) and RebootWatcher."""

from posguide.probes.terminal.params import (
    DEFAULT_REPLY_PATTERNS,
    TargetError,
    TerminalTarget,
    classify_reply,
)
from posguide.probes.terminal.probe import TerminalProbe
from posguide.probes.terminal.reboot import RebootWatcher

__all__ = [
    "DEFAULT_REPLY_PATTERNS",
    "RebootWatcher",
    "TargetError",
    "TerminalProbe",
    "TerminalTarget",
    "classify_reply",
]
