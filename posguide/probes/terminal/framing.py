"""The ECR link's bytes: control characters, STX/ETX/LRC frames and tolerant text decoding.

Pure functions, no I/O: the probe, the reboot watcher and the simulator all share them, so a
framing mistake cannot hide by being made the same way twice in two copies.
"""

from __future__ import annotations

from typing import Final

STX: Final = 0x02
ETX: Final = 0x03
ENQ: Final = 0x05
ACK: Final = 0x06
NAK: Final = 0x15

#: Longest payload we accept in one frame. Status replies are a few dozen bytes; anything longer
#: is noise on the line (wrong baud rate) and must not make us buffer without bound.
MAX_PAYLOAD: Final = 1024


def lrc(data: bytes) -> int:
    """XOR of all bytes (the frame's check byte covers the payload and the ETX)."""
    value = 0
    for byte in data:
        value ^= byte
    return value


def encode_frame(payload: bytes, *, corrupt: bool = False) -> bytes:
    """STX payload ETX LRC. ``corrupt`` flips the check byte (simulating line noise)."""
    check = lrc(payload + bytes([ETX]))
    if corrupt:
        check ^= 0xFF
    return bytes([STX]) + payload + bytes([ETX, check])


def frame_ok(payload: bytes, check: int) -> bool:
    return lrc(payload + bytes([ETX])) == check


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a terminal's reply, returning (text, encoding used).

    Chinese terminals send GBK; newer ones UTF-8. UTF-8 is tried first because it is strict
    (GBK text almost never validates as UTF-8, while UTF-8 text often decodes as nonsense GBK).
    gb18030 is a superset of GBK. latin-1 cannot fail, so garbage still becomes printable text.
    """
    for encoding in ("ascii", "utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def printable(text: str, limit: int = 120) -> str:
    """A reply as a one-line excerpt for results and logs: control bytes shown as '?'."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in text.strip())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"
