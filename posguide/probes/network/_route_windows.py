"""Windows: the default route (GetBestRoute) and ICMP echo (IcmpSendEcho) through ctypes.

Both are documented iphlpapi functions that need no administrator rights, unlike a raw ICMP
socket. Written against the Win32 API reference (iphlpapi.h, icmpapi.h, netioapi.h); only
ever imported on Windows, by ``system.py``.
"""

from __future__ import annotations

import ctypes
import errno
import socket
import struct
import sys
import time
from ctypes import wintypes

from posguide.probes.network.system import DefaultRoute

# Windows-only: fails at import elsewhere, and tells mypy to check this module only with
# --platform win32 (on other platforms it skips the rest of the file).
assert sys.platform == "win32", "posguide.probes.network._route_windows is Windows-only"

NO_ERROR = 0
ERROR_NOT_FOUND = 1168
ERROR_NETWORK_UNREACHABLE = 1231
ERROR_HOST_UNREACHABLE = 1232
IP_SUCCESS = 0
IP_DEST_NET_UNREACHABLE = 11002
IP_DEST_HOST_UNREACHABLE = 11003
IP_REQ_TIMED_OUT = 11010
IF_MAX_STRING_SIZE = 256
INVALID_HANDLE_VALUE = ctypes.c_void_p(-1).value
NO_ROUTE_ERRORS = {ERROR_NOT_FOUND, ERROR_NETWORK_UNREACHABLE, ERROR_HOST_UNREACHABLE}
UNREACHABLE = {IP_DEST_NET_UNREACHABLE, IP_DEST_HOST_UNREACHABLE}


class MIB_IPFORWARDROW(ctypes.Structure):  # Win32 names
    _fields_ = [
        (name, wintypes.DWORD)
        for name in (
            "dwForwardDest",
            "dwForwardMask",
            "dwForwardPolicy",
            "dwForwardNextHop",
            "dwForwardIfIndex",
            "dwForwardType",
            "dwForwardProto",
            "dwForwardAge",
            "dwForwardNextHopAS",
            "dwForwardMetric1",
            "dwForwardMetric2",
            "dwForwardMetric3",
            "dwForwardMetric4",
            "dwForwardMetric5",
        )
    ]


class IP_OPTION_INFORMATION(ctypes.Structure):
    _fields_ = [
        ("Ttl", ctypes.c_ubyte),
        ("Tos", ctypes.c_ubyte),
        ("Flags", ctypes.c_ubyte),
        ("OptionsSize", ctypes.c_ubyte),
        ("OptionsData", ctypes.c_void_p),
    ]


class ICMP_ECHO_REPLY(ctypes.Structure):
    _fields_ = [
        ("Address", wintypes.ULONG),
        ("Status", wintypes.ULONG),
        ("RoundTripTime", wintypes.ULONG),
        ("DataSize", wintypes.USHORT),
        ("Reserved", wintypes.USHORT),
        ("Data", ctypes.c_void_p),
        ("Options", IP_OPTION_INFORMATION),
    ]


_iphlpapi = ctypes.WinDLL("iphlpapi", use_last_error=True)

_GetBestRoute = _iphlpapi.GetBestRoute
_GetBestRoute.argtypes = [wintypes.DWORD, wintypes.DWORD, ctypes.POINTER(MIB_IPFORWARDROW)]
_GetBestRoute.restype = wintypes.DWORD

_IndexToLuid = _iphlpapi.ConvertInterfaceIndexToLuid
_IndexToLuid.argtypes = [wintypes.ULONG, ctypes.POINTER(ctypes.c_uint64)]
_IndexToLuid.restype = wintypes.DWORD

_LuidToAlias = _iphlpapi.ConvertInterfaceLuidToAlias
_LuidToAlias.argtypes = [ctypes.POINTER(ctypes.c_uint64), wintypes.LPWSTR, ctypes.c_size_t]
_LuidToAlias.restype = wintypes.DWORD

_IcmpCreateFile = _iphlpapi.IcmpCreateFile
_IcmpCreateFile.argtypes = []
_IcmpCreateFile.restype = wintypes.HANDLE

_IcmpSendEcho = _iphlpapi.IcmpSendEcho
_IcmpSendEcho.argtypes = [
    wintypes.HANDLE,
    wintypes.ULONG,  # IPAddr, network byte order
    ctypes.c_char_p,
    wintypes.WORD,
    ctypes.c_void_p,  # PIP_OPTION_INFORMATION, NULL for defaults
    ctypes.c_void_p,
    wintypes.DWORD,
    wintypes.DWORD,  # timeout, ms
]
_IcmpSendEcho.restype = wintypes.DWORD

_IcmpCloseHandle = _iphlpapi.IcmpCloseHandle
_IcmpCloseHandle.argtypes = [wintypes.HANDLE]
_IcmpCloseHandle.restype = wintypes.BOOL


def _ip_to_dword(address: str) -> int:
    # IPAddr holds the address bytes in network order: read them in the machine's own order.
    value: int = struct.unpack("=I", socket.inet_aton(address))[0]
    return value


def _interface_alias(index: int) -> str | None:
    """The adapter's alias ("以太网", "WLAN"): the name psutil.net_if_stats() uses."""
    luid = ctypes.c_uint64()
    if _IndexToLuid(index, ctypes.byref(luid)) != NO_ERROR:
        return None
    alias = ctypes.create_unicode_buffer(IF_MAX_STRING_SIZE + 1)
    if _LuidToAlias(ctypes.byref(luid), alias, len(alias)) != NO_ERROR:
        return None
    return alias.value or None


def default_route() -> DefaultRoute | None:
    row = MIB_IPFORWARDROW()
    # The best route to 0.0.0.0 can only be the default route (mask 0). No packet is sent.
    rc = _GetBestRoute(0, 0, ctypes.byref(row))
    if rc in NO_ROUTE_ERRORS:  # Windows drops the routes of an unplugged adapter
        return None
    if rc != NO_ERROR:
        raise ctypes.WinError(rc)
    if row.dwForwardMask != 0:
        return None
    gateway: str | None = socket.inet_ntoa(struct.pack("=I", row.dwForwardNextHop))
    if gateway == "0.0.0.0":  # on-link default route: no router
        gateway = None
    return DefaultRoute(_interface_alias(row.dwForwardIfIndex), gateway, row.dwForwardMetric1)


def icmp_echo(address: str, timeout_s: float) -> float:
    """One echo; round-trip time in ms. Raises TimeoutError or OSError(EHOSTUNREACH, ...)."""
    payload = b"posguide-gateway"
    destination = _ip_to_dword(address)
    # The buffer holds one reply, the echoed data and room for an ICMP error (8 bytes).
    size = ctypes.sizeof(ICMP_ECHO_REPLY) + len(payload) + 8 + 16
    buffer = ctypes.create_string_buffer(size)
    handle = _IcmpCreateFile()
    if handle is None or handle == INVALID_HANDLE_VALUE:
        raise ctypes.WinError(ctypes.get_last_error())
    try:
        t0 = time.perf_counter()
        timeout_ms = max(1, int(timeout_s * 1000))
        count = _IcmpSendEcho(
            handle, destination, payload, len(payload), None, buffer, size, timeout_ms
        )
        elapsed_ms = (time.perf_counter() - t0) * 1000
        status = ICMP_ECHO_REPLY.from_buffer(buffer).Status if count else ctypes.get_last_error()
    finally:
        _IcmpCloseHandle(handle)
    if count and status == IP_SUCCESS:
        return elapsed_ms
    if status == IP_REQ_TIMED_OUT:
        raise TimeoutError(f"no ICMP reply from {address}")
    if status in UNREACHABLE:
        raise OSError(errno.EHOSTUNREACH, f"{address} is unreachable (ICMP status {status})")
    raise OSError(errno.EIO, f"ICMP echo to {address} failed (status {status})")
