"""A virtual chip card for vsmartcard-vpcd: training mode, manual tests and the card probe's tests.

vpcd (a pcscd reader driver) listens on 127.0.0.1:35963 (second reader: 35964); a "card" is any
client that connects there. Every message is a 2-byte big-endian length + payload. From the
reader: 1-byte controls (0x00 power off, 0x01 power on, 0x02 reset: no answer; 0x04: answer with
the ATR); anything longer is a C-APDU, answered with an R-APDU. Closing the socket = card removed.

    python -m posguide.sim.card --profile unionpay_debit      # Enter toggles insert/remove
"""

from __future__ import annotations

import contextlib
import logging
import socket
import struct
import threading
from types import TracebackType
from typing import Final

from posguide.sim.card.profiles import PROFILES, CardProfile, Chip

log = logging.getLogger("posguide.sim.card")

DEFAULT_HOST: Final = "127.0.0.1"
DEFAULT_PORT: Final = 35963  # vpcd's first reader, "Virtual PCD 00 00"; the second is 35964
CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0x00, 0x01, 0x02, 0x04


class VirtualCard:
    """One card in one vpcd reader. ``insert()`` connects, ``remove()`` disconnects; a daemon
    thread answers the reader. Usable as a (sync or async) context manager: inserted inside."""

    def __init__(
        self,
        profile: str | CardProfile = "unionpay_debit",
        *,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        connect_timeout_s: float = 2.0,
    ) -> None:
        self.profile = PROFILES[profile] if isinstance(profile, str) else profile
        self.host, self.port, self.connect_timeout_s = host, port, connect_timeout_s
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._apdus: list[bytes] = []
        self._controls: list[int] = []
        self._chip = Chip(self.profile)
        self.first_apdu = threading.Event()

    @property
    def apdus(self) -> list[bytes]:
        """Every C-APDU received since construction, in order (a copy)."""
        with self._lock:
            return list(self._apdus)

    @property
    def controls(self) -> list[int]:
        with self._lock:
            return list(self._controls)

    @property
    def inserted(self) -> bool:
        with self._lock:
            return self._sock is not None

    def insert(self, profile: str | CardProfile | None = None) -> None:
        """Put the card in the reader (optionally as another profile). Raises OSError when vpcd
        is not listening, i.e. pcscd is not running."""
        self.remove()
        if profile is not None:
            self.profile = PROFILES[profile] if isinstance(profile, str) else profile
        sock = socket.create_connection((self.host, self.port), timeout=self.connect_timeout_s)
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        thread = threading.Thread(
            target=self._serve, args=(sock,), name=f"vcard-{self.port}", daemon=True
        )
        with self._lock:
            self._sock, self._thread, self._chip = sock, thread, Chip(self.profile)
        self.first_apdu.clear()
        thread.start()
        log.info("card %s inserted (port %d)", self.profile.name, self.port)

    def remove(self) -> None:
        """Take the card out: the reader sees it gone ~0.4 s later."""
        with self._lock:
            sock, thread, self._sock, self._thread = self._sock, self._thread, None, None
        if sock is not None:
            _hang_up(sock)
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=2.0)

    start, stop = insert, remove

    def __enter__(self) -> VirtualCard:
        self.insert()
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()

    async def __aenter__(self) -> VirtualCard:
        self.insert()  # a loopback connect: no measurable wait
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.remove()

    def _serve(self, sock: socket.socket) -> None:
        try:
            while (message := _read_message(sock)) is not None:
                if not self._handle(sock, message):
                    break
        except OSError:
            pass  # removed by remove(), or pcscd went away
        finally:
            with self._lock:
                pulled = self._sock is sock
                if pulled:
                    self._sock = None
            if pulled:  # we ended the session ourselves (pull profile / reader hung up)
                _hang_up(sock)

    def _handle(self, sock: socket.socket, message: bytes) -> bool:
        if len(message) == 1:
            with self._lock:
                self._controls.append(message[0])
            if message[0] == CTRL_ATR:
                _send(sock, self.profile.atr)
            return True  # power off/on/reset: no answer
        with self._lock:
            self._apdus.append(message)
        self.first_apdu.set()
        log.debug("APDU %s", message[:4].hex(" "))
        if self.profile.behaviour == "pull":
            log.info("card %s pulled during an APDU", self.profile.name)
            return False
        answer = self._chip.respond(message)
        if answer is not None:
            _send(sock, answer)
        return True


def _send(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(struct.pack(">H", len(payload)) + payload)


def _read_exact(sock: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _read_message(sock: socket.socket) -> bytes | None:
    header = _read_exact(sock, 2)
    if header is None:
        return None
    return _read_exact(sock, struct.unpack(">H", header)[0])


def _hang_up(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already disconnected by the reader
        sock.shutdown(socket.SHUT_RDWR)  # wakes the serving thread's recv()
    sock.close()


__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "PROFILES", "CardProfile", "VirtualCard"]
