"""Why something failed, in words staff understand: the kind of error ("the connection was
refused"), translatable, never the operating system's own text ("[Errno 111] Connection
refused", "Connect call failed ('127.0.0.1', 39992)"), which stays in the detail and the log.

    error_kind(err)   # "refused": machine-readable, for details and verdicts
    error_text(err)   # Text("the connection was refused"): for summaries
"""

from __future__ import annotations

import asyncio
import errno
import socket
import ssl

from posguide.i18n import QT_TR_NOOP, Text

# errno values and their Windows socket equivalents (WSAE*), which Windows may report instead.
_UNREACHABLE = {errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ENETDOWN, 10051, 10065, 10050}
_HOSTDOWN = {getattr(errno, "EHOSTDOWN", -1), 10064}
_REFUSED = {errno.ECONNREFUSED, 10061}
_TIMEOUT = {errno.ETIMEDOUT, 10060}

KINDS = {
    "dns": QT_TR_NOOP("the name could not be looked up"),
    "timeout": QT_TR_NOOP("no answer in time"),
    "refused": QT_TR_NOOP("the connection was refused"),
    "reset": QT_TR_NOOP("the connection was cut"),
    "unreachable": QT_TR_NOOP("it cannot be reached from this network"),
    "certificate": QT_TR_NOOP("its security certificate is not trusted"),
    "handshake": QT_TR_NOOP("the secure connection failed"),
    "denied": QT_TR_NOOP("access was denied"),
    "missing": QT_TR_NOOP("it was not found"),
    "busy": QT_TR_NOOP("it is in use by another program"),
    "full": QT_TR_NOOP("the disk is full"),
    "error": QT_TR_NOOP("the connection failed"),
}


def error_kind(err: BaseException) -> str:
    """A short machine-readable kind for a failed lookup, connect, handshake or file access;
    "error" when none fits."""
    code = getattr(err, "errno", None)
    if isinstance(err, socket.gaierror):
        return "dns"
    if isinstance(err, TimeoutError) or code in _TIMEOUT:
        return "timeout"
    if isinstance(err, ConnectionRefusedError) or code in _REFUSED:
        return "refused"
    if isinstance(err, ssl.SSLCertVerificationError):
        return "certificate"
    if isinstance(err, ssl.SSLError):
        return "handshake"
    if isinstance(err, ConnectionResetError | ConnectionAbortedError | asyncio.IncompleteReadError):
        return "reset"
    if code in _UNREACHABLE | _HOSTDOWN:
        return "unreachable"
    if isinstance(err, PermissionError):
        return "denied"
    if isinstance(err, FileNotFoundError):
        return "missing"
    if code == errno.EBUSY:
        return "busy"
    if code == errno.ENOSPC:
        return "full"
    return "error"


def kind_text(kind: str) -> Text:
    """The kind in words, translatable; an unknown kind reads as "the connection failed"."""
    return Text(KINDS.get(kind, KINDS["error"]))


def error_text(err: BaseException) -> Text:
    return kind_text(error_kind(err))
