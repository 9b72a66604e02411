"""What the serving thread reads from: a pty master, a TCP listener, a TCP (or rfc2217) client.

Every method runs on the serving thread with the simulator's lock held.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
from typing import TYPE_CHECKING, Any

import serial
import serial.rfc2217

from posguide.sim.terminal.engine import Engine

if TYPE_CHECKING:
    from posguide.sim.terminal.simulator import SimulatedTerminal


class Endpoint:
    """Something the serving thread reads from: a pty master, a listener, a TCP client."""

    closed = False

    def fileno(self) -> int:
        raise NotImplementedError

    def readable(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.closed = True


class PtyEndpoint(Endpoint):
    """The pty transport: POSIX-only (tcp and rfc2217 work everywhere)."""

    master: int
    slave: int
    path: str
    engine: Engine
    sim: SimulatedTerminal

    def __init__(self, sim: SimulatedTerminal) -> None:
        if sys.platform == "win32":
            raise OSError("pseudo-terminals are POSIX-only: use the tcp transport on Windows")
        import tty

        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)  # no echo, no line editing: bytes pass through unchanged
        os.set_blocking(self.master, False)
        self.path = os.ttyname(self.slave)  # we keep the slave open, so reads never get EIO
        self.engine = Engine(sim)
        self.sim = sim

    def fileno(self) -> int:
        return self.master

    def _wrong_speed(self) -> bool:
        """The host set the line to another speed than the terminal's (read from the slave's
        termios, where pyserial set it)."""
        wanted = self.sim.baud_rate
        if wanted is None or sys.platform == "win32":
            return False
        import termios

        speed = termios.tcgetattr(self.slave)[5]  # ospeed, a B* constant
        return bool(speed != getattr(termios, f"B{wanted}", None))

    def lock(self, held: bool) -> None:
        if sys.platform == "win32":
            raise OSError("pseudo-terminals are POSIX-only")
        import fcntl

        fcntl.flock(self.slave, fcntl.LOCK_EX | fcntl.LOCK_NB if held else fcntl.LOCK_UN)

    def readable(self) -> None:
        out, vanish = self.engine.feed(os.read(self.master, 4096), garbled=self._wrong_speed())
        if out:
            os.write(self.master, out)
        if vanish:
            self.sim.unplug()

    def close(self) -> None:
        super().close()
        os.close(self.master)
        os.close(self.slave)


class ClientEndpoint(Endpoint):
    def __init__(self, sim: SimulatedTerminal, sock: socket.socket) -> None:
        self.sim, self.sock = sim, sock
        sock.settimeout(1.0)  # sends only; reads happen after the selector said "ready"
        self.engine = Engine(sim)
        self.telnet: serial.rfc2217.PortManager | None = None
        self.settings: Any = None
        if sim.transport == "rfc2217":  # PortManager wants a port for baud rate & modem lines
            self.settings = serial.serial_for_url("loop://")
            self.telnet = serial.rfc2217.PortManager(self.settings, self)

    def fileno(self) -> int:
        return self.sock.fileno()

    def write(self, data: bytes) -> None:  # PortManager's connection API
        self.sock.sendall(data)

    def readable(self) -> None:
        data = self.sock.recv(4096)
        if not data:
            self.sim.drop(self)
            return
        if self.telnet is not None:
            data = b"".join(self.telnet.filter(data))
        out, vanish = self.engine.feed(data)
        if out:
            self.write(b"".join(self.telnet.escape(out)) if self.telnet else out)
        if vanish:
            self.sim.unplug()

    def close(self) -> None:
        super().close()
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()
        if self.settings is not None:
            self.settings.close()


class ListenerEndpoint(Endpoint):
    def __init__(self, sim: SimulatedTerminal, host: str, port: int) -> None:
        self.sim = sim
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.sock.bind((host, port))
            self.sock.listen(8)
        except OSError:
            self.sock.close()
            raise

    def fileno(self) -> int:
        return self.sock.fileno()

    def readable(self) -> None:
        sock, _ = self.sock.accept()
        self.sim.stats.connections += 1
        try:
            client = ClientEndpoint(self.sim, sock)  # rfc2217 starts negotiating right here
        except OSError:  # the host hung up at once
            sock.close()
            return
        self.sim.add(client)

    def close(self) -> None:
        super().close()
        self.sock.close()
