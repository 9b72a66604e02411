"""A thin, blocking layer over pyscard's raw PC/SC API (``smartcard.scard``).

Every function here may block (a mute card blocks ``transmit`` forever), so callers run each one
through ``run_blocking`` with a deadline. Errors become ``PcscError`` with a ``stage`` the probes
report. One ``Context`` per probe run, never a long-lived one: pyscard's monitors die for good
when pcscd (or Windows' SCardSvr) restarts, a fresh context simply reconnects.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Final

from smartcard import scard

from posguide.probes.card.emv import ALLOWED_INS

SERVICE_NAME: Final = "SCardSvr" if sys.platform == "win32" else "pcscd"
STATE_PRESENT: Final = 0x20  # SCARD_STATE_*: the reader's event state bits
STATE_EMPTY: Final = 0x10
STATE_MUTE: Final = 0x200
STATE_CHANGED: Final = 0x02
STATE_UNKNOWN: Final = 0x04  # the reader is gone
STATE_UNAWARE: Final = 0x00
# pcscd/Windows error codes, grouped by what the user can do about them.
_STAGES: Final = {
    0x8010001D: "service",  # SCARD_E_NO_SERVICE
    0x8010001E: "service",  # SCARD_E_SERVICE_STOPPED
    0x80100013: "service",  # SCARD_F_COMM_ERROR: pcsc-lite's "RPC transport error" to pcscd
    0x8010002E: "reader",  # SCARD_E_NO_READERS_AVAILABLE
    0x80100009: "reader",  # SCARD_E_UNKNOWN_READER
    0x80100017: "reader",  # SCARD_E_READER_UNAVAILABLE
    0x8010000C: "no_card",  # SCARD_E_NO_SMARTCARD
    0x80100069: "removed",  # SCARD_W_REMOVED_CARD
    0x80100016: "removed",  # SCARD_E_NOT_TRANSACTED: the card went away mid-command
    0x80100068: "removed",  # SCARD_W_RESET_CARD
    0x8010002F: "removed",  # SCARD_E_COMM_DATA_LOST
    0x80100066: "mute",  # SCARD_W_UNRESPONSIVE_CARD: no ATR
    0x80100067: "mute",  # SCARD_W_UNPOWERED_CARD
    0x8010000B: "busy",  # SCARD_E_SHARING_VIOLATION: another program holds the card
}


class PcscError(Exception):
    def __init__(self, code: int, action: str) -> None:
        self.code = code & 0xFFFFFFFF  # LONG is 32-bit (negative) on Windows, 64-bit on Linux
        self.action = action
        self.stage = _STAGES.get(self.code, "pcsc")
        super().__init__(f"{action}: {_message(code)} (0x{self.code:08X})")


def _message(code: int) -> str:
    try:
        return str(scard.SCardGetErrorMessage(code))
    except Exception:  # an unknown code on some platform: the number says enough
        return "PC/SC error"


def _check(code: int, action: str) -> None:
    if code != scard.SCARD_S_SUCCESS:
        raise PcscError(code, action)


@dataclass(frozen=True)
class ReaderState:
    reader: str
    event: int  # SCARD_STATE_* bits, with pcscd's event counter in the high 16 bits
    atr: bytes

    @property
    def present(self) -> bool:
        return bool(self.event & STATE_PRESENT)


class Context:
    """One PC/SC context. Not thread-safe; the probe uses it from one call at a time."""

    def __init__(self) -> None:
        code, self._handle = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        _check(code, "connecting to the smart-card service")

    def readers(self) -> list[str]:
        code, names = scard.SCardListReaders(self._handle, [])
        if code & 0xFFFFFFFF == 0x8010002E:  # no readers: an answer, not an error
            return []
        _check(code, "listing card readers")
        return [str(name) for name in names]

    def states(
        self, readers: list[str], known: dict[str, int] | None = None, timeout_ms: int = 0
    ) -> list[ReaderState]:
        """The readers' states; with ``known`` states, wait up to ``timeout_ms`` for a change.
        Returns the ``known`` states unchanged on timeout."""
        query = [(r, (known or {}).get(r, STATE_UNAWARE)) for r in readers]
        code, found = scard.SCardGetStatusChange(self._handle, timeout_ms, query)
        if code & 0xFFFFFFFF == 0x8010000A:  # SCARD_E_TIMEOUT: nothing changed
            return [ReaderState(r, state, b"") for r, state in query]
        _check(code, "reading the card reader's state")
        return [ReaderState(str(r), int(event), bytes(atr)) for r, event, atr in found]

    def connect(self, reader: str) -> Card:
        code, handle, protocol = scard.SCardConnect(
            self._handle,
            reader,
            scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )
        _check(code, "connecting to the card")
        return Card(handle, int(protocol))

    def release(self) -> None:
        scard.SCardReleaseContext(self._handle)


class Card:
    def __init__(self, handle: int, protocol: int) -> None:
        self._handle, self.protocol = handle, protocol

    def atr(self) -> bytes:
        code, _reader, _state, _protocol, atr = scard.SCardStatus(self._handle)
        _check(code, "reading the card's ATR")
        return bytes(atr)

    def transmit(self, apdu: bytes) -> bytes:
        """Send one APDU. Only SELECT and GET RESPONSE get through: nothing built anywhere in
        posguide can ask the card for its number (READ RECORD, GET PROCESSING OPTIONS)."""
        if len(apdu) < 4 or apdu[1] not in ALLOWED_INS:
            raise ValueError("refusing to send anything but SELECT / GET RESPONSE to a card")
        code, response = scard.SCardTransmit(self._handle, self.protocol, list(apdu))
        _check(code, "talking to the card")
        return bytes(response)

    def disconnect(self) -> None:
        scard.SCardDisconnect(self._handle, scard.SCARD_LEAVE_CARD)
