"""The transports the simulated terminal is tested on, as pytest parameters."""

from __future__ import annotations

import sys

import pytest

# pyserial 3.5's rfc2217 client calls Thread.setDaemon()/setName(), deprecated since 3.10.
RFC2217 = pytest.param(
    "rfc2217",
    marks=pytest.mark.filterwarnings(
        r"ignore:set(Daemon|Name)\(\) is deprecated:DeprecationWarning"
    ),
)
PTY = pytest.param(
    "pty", marks=pytest.mark.skipif(sys.platform == "win32", reason="ptys are POSIX-only")
)
ALL = [PTY, "tcp", RFC2217]
LOCAL_AND_LAN = [PTY, "tcp"]
