"""SimulatedTerminal: lifecycle (start/stop, plug/unplug/reboot) and the serving thread."""

from __future__ import annotations

import asyncio
import contextlib
import random
import selectors
import shutil
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import get_args

from posguide.sim.terminal.endpoints import (
    ClientEndpoint,
    Endpoint,
    ListenerEndpoint,
    PtyEndpoint,
)
from posguide.sim.terminal.engine import (
    BEHAVIOURS,
    DEFAULT_REPLIES,
    Behaviour,
    SimStats,
    Transport,
)


class SimulatedTerminal:
    """A terminal on a pty or TCP port; ``start()``/``stop()`` or use it as a context manager.

    One use only: after ``stop()`` start a new instance. ``stats`` counts what the host sent.
    """

    def __init__(
        self,
        transport: Transport = "pty",
        *,
        behaviour: Behaviour = "healthy",
        replies: Mapping[str, str] | None = None,
        encoding: str = "gbk",
        host: str = "127.0.0.1",
        tcp_port: int = 0,
        seed: int | None = None,
    ) -> None:
        if transport not in get_args(Transport):
            raise ValueError(f"unknown transport {transport!r}")
        self.transport = transport
        self.behaviour: str = behaviour
        # Seconds before each answer: a terminal (or its line) getting slower, as the daily
        # inspection's trend watches for. May change while running.
        self.reply_delay_s = 0.0
        # A real terminal speaks one link protocol at one speed; None answers any (the default).
        # The setup assistant's detection is tested against these.
        self.protocol: str | None = None  # "framed", "enq" or "none"
        self.baud_rate: int | None = None  # pty only: another speed reads as line noise
        self.replies = {**DEFAULT_REPLIES, **(replies or {})}
        self.encoding, self.host, self._tcp_port = encoding, host, tcp_port
        self.rng = random.Random(seed)
        self.stats = SimStats()
        self._lock = threading.RLock()
        self._endpoints: list[Endpoint] = []
        self._pty: PtyEndpoint | None = None
        self._dir = Path(tempfile.mkdtemp(prefix="posguide-sim-")) if transport == "pty" else None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._timer: threading.Timer | None = None
        self._pts_path = ""
        self.online = False

    @property
    def port(self) -> str:
        """The connection string now: /dev/pts/N (changes after a reboot) or a socket URL."""
        if self.transport == "pty":
            return self._pts_path
        scheme = "socket" if self.transport == "tcp" else "rfc2217"
        return f"{scheme}://{self.host}:{self._tcp_port}"

    @property
    def stable_port(self) -> str:
        """Same name across reboots: a symlink to the current pty, or the TCP URL."""
        return str(self._dir / "ttyPOS0") if self._dir is not None else self.port

    def start(self) -> SimulatedTerminal:
        self.plug()
        self._thread = threading.Thread(target=self._serve, name="posguide-sim-terminal")
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._timer is not None:
            self._timer.cancel()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
        self.unplug()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> SimulatedTerminal:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    async def __aenter__(self) -> SimulatedTerminal:
        return self.start()  # quick: creates a pty or binds a socket, starts a thread

    async def __aexit__(self, *exc: object) -> None:
        await asyncio.to_thread(self.stop)  # joining the thread takes up to one poll (50 ms)

    def set_behaviour(self, behaviour: str) -> None:
        if behaviour not in BEHAVIOURS:
            raise ValueError(f"unknown behaviour {behaviour!r}; expected one of {BEHAVIOURS}")
        with self._lock:
            self.behaviour = behaviour
            if self._pty is not None:
                self._pty.lock(behaviour == "port_in_use")

    def plug(self) -> None:
        """Connect (again): a new pty behind the stable link, or listen on the same TCP port."""
        with self._lock:
            if self.online:
                return
            if self.transport == "pty":
                assert self._dir is not None
                self._pty = PtyEndpoint(self)
                self._pts_path = self._pty.path
                self._pty.lock(self.behaviour == "port_in_use")
                temporary = self._dir / "ttyPOS0.new"
                temporary.symlink_to(self._pty.path)
                temporary.replace(self.stable_port)  # atomic re-point
                self._endpoints.append(self._pty)
            else:
                listener = ListenerEndpoint(self, self.host, self._tcp_port)
                self._tcp_port = listener.sock.getsockname()[1]
                self._endpoints.append(listener)
            self.online = True

    def unplug(self) -> None:
        """Disappear: every open connection breaks and new opens fail until ``plug()``."""
        with self._lock:
            if self._dir is not None:
                with contextlib.suppress(FileNotFoundError):
                    Path(self.stable_port).unlink()
            for endpoint in self._endpoints:
                endpoint.close()
            self._endpoints.clear()
            self._pty = None
            self.online = False

    def reboot(self, offline_s: float) -> None:
        """Unplug now and plug back after ``offline_s`` (returns at once)."""
        if self._timer is not None:
            self._timer.cancel()  # a second reboot restarts the count, as on a real terminal
        self.unplug()
        self._timer = threading.Timer(offline_s, self._replug)
        self._timer.daemon = True
        self._timer.start()

    def _replug(self) -> None:
        if not self._stop.is_set():
            self.plug()

    def add(self, endpoint: Endpoint) -> None:
        with self._lock:
            self._endpoints.append(endpoint)

    def drop(self, endpoint: Endpoint) -> None:
        with self._lock:
            endpoint.close()
            with contextlib.suppress(ValueError):
                self._endpoints.remove(endpoint)

    def _serve(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                endpoints = list(self._endpoints)
            # A fresh selector per round: endpoints come and go from other threads (unplug),
            # and a closed file must never linger in a long-lived selector.
            with selectors.DefaultSelector() as selector:
                for endpoint in endpoints:
                    with contextlib.suppress(OSError, ValueError, KeyError):  # closed meanwhile
                        if not endpoint.closed:
                            selector.register(endpoint, selectors.EVENT_READ, endpoint)
                try:
                    ready = selector.select(timeout=0.05) if endpoints else []
                except OSError:  # closed under us by unplug(): next round
                    ready = []
            if not endpoints:
                time.sleep(0.05)
            for key, _ in ready:
                with self._lock:
                    endpoint = key.data
                    if endpoint.closed:
                        continue
                    try:
                        endpoint.readable()
                    except OSError:  # the host hung up mid-write
                        if isinstance(endpoint, ClientEndpoint):
                            self.drop(endpoint)
