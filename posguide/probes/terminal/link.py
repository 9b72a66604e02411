"""Blocking serial-link primitives for the terminal probes. Everything here runs in a worker thread.

Errors are turned into ``LinkFailure(stage, reason)`` as close to the cause as possible, because
the wording differs per transport and platform (see /work/shared/notes/hardware.md) and only
here do we still have the original exception.
"""

from __future__ import annotations

import contextlib
import errno
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import serial

from posguide.probes.terminal.params import TerminalTarget

LINK_ERRORS: tuple[type[BaseException], ...]
if sys.platform != "win32":  # termios.error is not an OSError: a vanished pty raises it
    import termios

    LINK_ERRORS = (serial.SerialException, OSError, termios.error)
else:
    LINK_ERRORS = (serial.SerialException, OSError)

#: Serial read timeout. Reads poll in slices this long so a deadline or a cancellation is noticed
#: promptly; changing ``Serial.timeout`` per read is not an option (on rfc2217 every change
#: renegotiates the port settings with the server, ~50 ms).
POLL_S = 0.02

#: (port info objects from serial.tools.list_ports.comports(), or anything alike)
ListPorts = Callable[[], Iterable[Any]]


class LinkFailure(Exception):
    """A fault found on the link: ``stage`` in port/open/liveness/status, a short ``reason``."""

    def __init__(self, stage: str, reason: str, message: str, **detail: Any) -> None:
        super().__init__(message)
        self.stage = stage
        self.reason = reason
        self.detail = detail


class Aborted(Exception):
    """The caller gave up (cancelled); the session closes the port and stops."""


# Substrings of pyserial's wrapped messages, for errors that arrive without an errno: socket://
# and rfc2217:// wrap the socket error in a plain text, and Windows puts a WinError repr in it.
_TEXT_REASONS = (
    ("refused", "refused"),  # "[Errno 111] Connection refused", WinError 10061 "actively refused"
    ("timed out", "unreachable"),
    ("did not properly respond", "unreachable"),  # WinError 10060
    ("No route to host", "unreachable"),
    ("unreachable", "unreachable"),
    ("Name or service not known", "unresolved"),
    ("getaddrinfo failed", "unresolved"),
    ("name resolution", "unresolved"),
    ("nodename nor servname", "unresolved"),
    ("FileNotFoundError", "missing"),  # Windows: COM port not present
    ("cannot find the file", "missing"),
    ("exclusively lock", "busy"),  # POSIX flock held by another program
    # Windows opens COM ports exclusively: "Access is denied" means another program has it.
    ("Access is denied", "busy"),
    ("PermissionError", "busy"),
)


def classify_open_error(err: BaseException) -> str:
    """missing / busy / permission / refused / unreachable / unresolved / open_failed."""
    code = getattr(err, "errno", None)
    if code in (errno.ENOENT, errno.ENODEV, errno.ENXIO):
        return "missing"
    if code in (errno.EBUSY, errno.EAGAIN, errno.EWOULDBLOCK):
        return "busy"
    if code in (errno.EACCES, errno.EPERM):
        return "permission"  # POSIX: not in the dialout group, or device node mode
    text = str(err)
    for needle, reason in _TEXT_REASONS:
        if needle.lower() in text.lower():
            return reason
    return "open_failed"


def device_name(name: str) -> str:
    r"""Compare port names the way Windows does: case-insensitive, without the \\.\ prefix."""
    return name.removeprefix("\\\\.\\").upper()


def ports_with_vid_pid(ports: Iterable[Any], vid_pid: tuple[int, int]) -> list[str]:
    """Devices whose USB id matches (the terminal's adapter after Windows renumbered it)."""
    return sorted(
        str(p.device)
        for p in ports
        if (getattr(p, "vid", None), getattr(p, "pid", None)) == vid_pid
    )


def path_present(connection: str) -> bool:
    """A device node or symlink to one. COM names are not paths: they are checked by listing."""
    try:
        return Path(connection).exists()
    except OSError:
        return False


def open_port(target: TerminalTarget) -> serial.SerialBase:
    """Open with our settings; raise LinkFailure(stage "open" or "port") on failure."""
    options: dict[str, Any] = {"baudrate": target.baud_rate, "timeout": POLL_S}
    if not target.is_url:
        # Detect another program holding the port (POSIX flock; Windows is always exclusive).
        options["exclusive"] = True
    if not target.is_rfc2217:  # rfc2217 raises NotImplementedError for write timeouts
        options["write_timeout"] = target.timeout_s
    try:
        port = serial.serial_for_url(target.connection, do_not_open=True, **options)
    except ValueError as err:  # bad baud rate, unknown URL scheme
        raise LinkFailure("open", "bad_config", str(err)) from err
    try:
        port.open()
    except ValueError as err:
        _release_half_open(port)
        raise LinkFailure("open", "bad_config", str(err)) from err
    except LINK_ERRORS as err:
        _release_half_open(port)
        reason = classify_open_error(err)
        stage = "port" if reason == "missing" else "open"
        raise LinkFailure(stage, reason, str(err)) from err
    try:
        port.reset_input_buffer()  # stale bytes from an earlier exchange are not a reply
    except LINK_ERRORS as err:
        close_quietly(port)
        raise LinkFailure("open", "vanished", str(err)) from err
    return port


def _release_half_open(port: serial.SerialBase) -> None:
    """pyserial's socket:// open() keeps its connected socket when a later step of open() fails
    (a terminal restarting drops the connection right away); close() skips it, since the port
    never counted as open."""
    _close_socket(getattr(port, "_socket", None))


def close_quietly(port: serial.SerialBase) -> None:
    # A vanished device cannot be closed cleanly; the handle is released anyway. pyserial's
    # socket:// close() drops its socket unclosed when shutdown() fails on a connection the
    # terminal already reset (seen when it restarts while we talk): close that socket here.
    sock = getattr(port, "_socket", None)
    with contextlib.suppress(*LINK_ERRORS):
        port.close()
    _close_socket(sock)


def _close_socket(sock: object) -> None:
    if isinstance(sock, socket.socket):
        sock.close()  # a second close is harmless


class Line:
    """An open port with a read-ahead buffer, per-read deadlines and a cancellation flag."""

    def __init__(self, port: serial.SerialBase, stage: str, abort: threading.Event) -> None:
        self.port = port
        self.stage = stage  # for errors: which step of the chain we are in
        self.abort = abort
        self._pending = bytearray()

    def _fail_io(self, err: BaseException) -> LinkFailure:
        if isinstance(err, serial.SerialTimeoutException):
            return LinkFailure(self.stage, "stuck", "the port does not accept data")
        return LinkFailure(self.stage, "vanished", f"the connection was lost: {err}")

    def write(self, data: bytes) -> None:
        try:
            self.port.write(data)
        except LINK_ERRORS as err:
            raise self._fail_io(err) from err

    def read_some(self, deadline: float) -> bytes:
        """Whatever arrives first (at least one byte), or b"" once ``deadline`` has passed."""
        if self._pending:
            data = bytes(self._pending)
            self._pending.clear()
            return data
        while time.monotonic() < deadline:
            if self.abort.is_set():
                raise Aborted
            try:
                data = self.port.read(max(1, self.port.in_waiting))
            except LINK_ERRORS as err:
                raise self._fail_io(err) from err
            if data:
                return bytes(data)
        return b""

    def unread(self, data: bytes) -> None:
        self._pending[:0] = data

    def settle(self, quiet_s: float = 0.03) -> bytes:
        """Collect what follows within ``quiet_s`` of silence (trailing noise after a reply)."""
        extra = bytearray()
        while chunk := self.read_some(time.monotonic() + quiet_s):
            extra += chunk
            if len(extra) > 4096:
                break
        return bytes(extra)
