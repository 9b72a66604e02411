"""A simulated card terminal on a serial line: training mode, manual tests and the probe's tests.

It speaks the ECR framing many terminals use: ENQ is answered with ACK; a request frame
STX payload ETX LRC is acknowledged (ACK, or NAK on a bad LRC) and answered with a reply frame,
re-sent when the host NAKs it. A plain text line ending in "\\n" gets a plain text reply.
Every well-formed request is treated as a status request.

Transports: ``pty`` (Linux: a pseudo-terminal; ``port`` is /dev/pts/N, ``stable_port`` a
symlink in a temp dir that survives reboots, as udev's /dev/serial/by-id links do), ``tcp``
(``socket://127.0.0.1:PORT``) and ``rfc2217`` (the same, spoken through pyserial's PortManager).
One daemon thread serves it, so it runs beside any event loop (asyncio, Qt) without blocking it.

Behaviours (switch any time with ``set_behaviour``): healthy, maintenance, busy, signed_out,
error (answer with that reply), silent (never answer), garbage (random bytes instead of
answers), bad_lrc (reply frames with a wrong check byte), vanish (disappear after ACKing a
request), port_in_use (pty only: the sim holds an exclusive lock, as another program would).
``unplug()``/``plug()``/``reboot(offline_s)``: gone means a pty path that no longer exists
(ENOENT) or a TCP port that refuses connections, exactly like an unplugged device.

    python -m posguide.sim.terminal --transport tcp --behaviour maintenance
"""

from posguide.sim.terminal.engine import (
    BEHAVIOURS,
    DEFAULT_REPLIES,
    Behaviour,
    SimStats,
    Transport,
)
from posguide.sim.terminal.simulator import SimulatedTerminal

__all__ = [
    "BEHAVIOURS",
    "DEFAULT_REPLIES",
    "Behaviour",
    "SimStats",
    "SimulatedTerminal",
    "Transport",
]
