"""The virtual card's personalities: ATRs and the answers to SELECT, nothing else.

The payment profiles answer SELECT only, with the FCIs a real card returns (application ids,
labels, priorities). They hold no card number or track data at all: there is nothing to leak.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

SW_OK: Final = b"\x90\x00"
SW_NOT_FOUND: Final = b"\x6a\x82"
SW_INS_NOT_SUPPORTED: Final = b"\x6d\x00"
PSE: Final = b"1PAY.SYS.DDF01"
PPSE: Final = b"2PAY.SYS.DDF01"

Behaviour = Literal["answer", "t0", "mute", "garbage", "pull"]


def tlv(tag: int, *values: bytes) -> bytes:
    """BER-TLV with a one- or two-byte tag and a short/0x81 length (all our FCIs are small)."""
    value = b"".join(values)
    tag_bytes = tag.to_bytes(2 if tag > 0xFF else 1, "big")
    size = bytes([len(value)]) if len(value) < 0x80 else bytes([0x81, len(value)])
    return tag_bytes + size + value


def _atr(t0_and_interface: str, historical: bytes, *, with_tck: bool) -> bytes:
    body = bytes.fromhex(t0_and_interface) + historical
    tck = b""
    if with_tck:  # XOR of T0..TCK is zero
        check = 0
        for byte in body:
            check ^= byte
        tck = bytes([check])
    return b"\x3b" + body + tck


@dataclass(frozen=True)
class App:
    aid: str  # hex
    label: str  # ASCII, as on the card (tag 50)
    priority: int = 1


@dataclass(frozen=True)
class CardProfile:
    name: str
    description: str
    atr: bytes
    behaviour: Behaviour = "answer"
    apps: tuple[App, ...] = ()
    # DF name -> FCI, built from ``apps`` for payment cards
    files: Mapping[bytes, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.apps and not self.files:
            object.__setattr__(self, "files", _payment_files(self.apps))


def _payment_files(apps: tuple[App, ...]) -> dict[bytes, bytes]:
    entries = b"".join(
        tlv(
            0x61,
            tlv(0x4F, bytes.fromhex(a.aid)),
            tlv(0x50, a.label.encode("ascii")),
            tlv(0x87, bytes([a.priority])),
        )
        for a in apps
    )
    files = {
        # Contact PSE: like real cards, points at the directory file (SFI 1), which only READ
        # RECORD could list. The probe never reads records, so it learns the apps elsewhere.
        PSE: tlv(0x6F, tlv(0x84, PSE), tlv(0xA5, tlv(0x88, b"\x01"), tlv(0x5F2D, b"zhen"))),
        PPSE: tlv(0x6F, tlv(0x84, PPSE), tlv(0xA5, tlv(0xBF0C, entries))),
    }
    for a in apps:
        aid = bytes.fromhex(a.aid)
        files[aid] = tlv(
            0x6F,
            tlv(0x84, aid),
            tlv(0xA5, tlv(0x50, a.label.encode("ascii")), tlv(0x87, bytes([a.priority]))),
        )
    return files


_EMV_T0 = _atr("6A 00 00", b"PG-UPDEBIT", with_tck=False)  # EMV basic ATR, T=0 only: no TCK
_EMV_T1 = _atr("E9 00 FF 81 31 FE 45", b"PG-VISACR", with_tck=True)  # EMV basic ATR, T=1
PROFILES: Final[dict[str, CardProfile]] = {
    p.name: p
    for p in (
        CardProfile(
            "unionpay_debit",
            "UnionPay debit card (PSE + PPSE, one debit application)",
            _EMV_T0,
            apps=(App("A000000333010101", "UnionPay Debit", 1),),
        ),
        CardProfile(
            "unionpay_t0",
            "UnionPay debit card answering the T=0 way: 61xx, then GET RESPONSE",
            _EMV_T0,
            "t0",
            apps=(App("A000000333010101", "UnionPay Debit", 1),),
        ),
        CardProfile(
            "visa_credit",
            "Visa credit card (T=1)",
            _EMV_T1,
            apps=(App("A0000000031010", "VISA CREDIT", 1),),
        ),
        CardProfile(
            "non_payment",
            "MIFARE-style memory card: answers 6A82 to PSE and PPSE",
            bytes.fromhex("3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A"),
        ),
        CardProfile("mute", "gives its ATR, then never answers an APDU", _EMV_T0, "mute"),
        CardProfile(
            "garbage",
            "broken chip: ATR with a wrong check byte, junk answers",
            _EMV_T1[:-1] + bytes([_EMV_T1[-1] ^ 0x5A]),
            "garbage",
        ),
        CardProfile("pull_after_atr", "pulled out when the first APDU arrives", _EMV_T0, "pull"),
    )
}
GARBAGE_ANSWER: Final = bytes.fromhex("6F FF 84 07 A0 00 13")  # overlong TLV, no status word


class Chip:
    """A powered-up chip of one profile. T=0 cards ("t0") answer SELECT with 61xx and keep the
    FCI for GET RESPONSE, as real T=0 cards do; the others answer it directly."""

    def __init__(self, profile: CardProfile) -> None:
        self.profile = profile
        self._pending = b""

    def respond(self, apdu: bytes) -> bytes | None:
        """The R-APDU for ``apdu``; None = stay silent (mute); a pull is the caller's job."""
        behaviour = self.profile.behaviour
        if behaviour == "mute":
            return None
        if behaviour == "garbage":
            return GARBAGE_ANSWER
        if len(apdu) >= 4 and apdu[:4] == b"\x00\xc0\x00\x00" and self._pending:
            size = (apdu[4] or 256) if len(apdu) > 4 else 256
            data, self._pending = self._pending[:size], self._pending[size:]
            return data + (bytes([0x61, min(len(self._pending), 255)]) if self._pending else SW_OK)
        self._pending = b""
        if len(apdu) >= 5 and apdu[0] & 0xFC == 0x00 and apdu[1] == 0xA4 and apdu[2] == 0x04:
            fci = self.profile.files.get(apdu[5 : 5 + apdu[4]])
            if fci is None:
                return SW_NOT_FOUND
            if behaviour == "t0":
                self._pending = fci
                return bytes([0x61, min(len(fci), 255)])
            return fci + SW_OK
        return SW_INS_NOT_SUPPORTED  # everything but SELECT by name: there is no data to read
