"""The EMV commands the card probe may send, and what it keeps from the answers.

Only SELECT (by DF name) is ever built here, plus GET RESPONSE to fetch a SELECT's own answer
on T=0 cards (SW 61xx). GET PROCESSING OPTIONS and READ RECORD are never sent: they return the
card number (tag 5A) and track 2 (tag 57). From an FCI we keep the application id, label and
priority, nothing else (PCI DSS 3.3.1: no sensitive authentication data is ever kept).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

PSE: Final = b"1PAY.SYS.DDF01"  # contact payment directory
PPSE: Final = b"2PAY.SYS.DDF01"  # contactless payment directory (many cards answer it by contact)
INS_SELECT: Final = 0xA4
INS_GET_RESPONSE: Final = 0xC0
ALLOWED_INS: Final = frozenset({INS_SELECT, INS_GET_RESPONSE})
UNIONPAY_RID: Final = "A000000333"

# Applications tried one by one when the card lists none (contact PSE points at records that
# only READ RECORD could fetch). Terminals do the same ("list of AIDs" selection).
CANDIDATE_AIDS: Final = (
    "A000000333010101",  # UnionPay debit
    "A000000333010102",  # UnionPay credit
    "A000000333010103",  # UnionPay quasi-credit
    "A0000000031010",  # Visa
    "A0000000041010",  # Mastercard
    "A0000000651010",  # JCB
    "A00000002501",  # American Express
)
_NETWORKS: Final = {
    UNIONPAY_RID: "UnionPay",
    "A000000003": "Visa",
    "A000000004": "Mastercard",
    "A000000065": "JCB",
    "A000000025": "American Express",
    "A000000152": "Discover",
}
_UNIONPAY_KINDS: Final = {"010101": "debit", "010102": "credit", "010103": "quasi-credit"}


class TlvError(ValueError):
    """The card's answer is not valid BER-TLV."""


def select_apdu(name: bytes) -> bytes:
    """SELECT by DF name, first occurrence, FCI requested, any length back (Le = 00)."""
    if not 1 <= len(name) <= 16:
        raise ValueError("a DF name has 1 to 16 bytes")
    return bytes([0x00, INS_SELECT, 0x04, 0x00, len(name)]) + name + b"\x00"


def get_response_apdu(length: int) -> bytes:
    return bytes([0x00, INS_GET_RESPONSE, 0x00, 0x00, length & 0xFF])


def parse_tlv(data: bytes) -> list[tuple[int, bytes]]:
    """Top-level (tag, value) pairs. Padding bytes 00/FF between objects are skipped."""
    items: list[tuple[int, bytes]] = []
    pos = 0
    while pos < len(data):
        if data[pos] in (0x00, 0xFF):
            pos += 1
            continue
        start, tag = pos, data[pos]
        pos += 1
        if tag & 0x1F == 0x1F:  # multi-byte tag: more bytes while bit 8 is set
            while True:
                if pos >= len(data) or pos - start > 3:
                    raise TlvError("truncated or overlong tag")
                tag = (tag << 8) | data[pos]
                pos += 1
                if not data[pos - 1] & 0x80:
                    break
        if pos >= len(data):
            raise TlvError(f"tag {tag:X} has no length")
        size = data[pos]
        pos += 1
        if size & 0x80:
            count = size & 0x7F
            if count == 0 or count > 3 or pos + count > len(data):
                raise TlvError(f"tag {tag:X} has a bad length")
            size = int.from_bytes(data[pos : pos + count], "big")
            pos += count
        if pos + size > len(data):
            raise TlvError(f"tag {tag:X} runs past the end of the answer")
        items.append((tag, data[pos : pos + size]))
        pos += size
    return items


def _find(items: list[tuple[int, bytes]], tag: int) -> bytes | None:
    return next((value for t, value in items if t == tag), None)


def _label(raw: bytes | None) -> str:
    """Tag 50 is printable ASCII by spec; anything else is shown as '?', never trusted."""
    if not raw:
        return ""
    return "".join(chr(b) if 0x20 <= b < 0x7F else "?" for b in raw[:16]).strip()


@dataclass(frozen=True)
class PaymentApp:
    aid: bytes
    label: str
    priority: int | None  # tag 87, low nibble (1 = highest); None when absent
    source: str  # "PPSE", "PSE" or "SELECT" (found by selecting it directly)

    @property
    def network(self) -> str | None:
        return _NETWORKS.get(self.aid.hex().upper()[:10])

    @property
    def unionpay(self) -> bool:
        return self.aid.hex().upper().startswith(UNIONPAY_RID)

    @property
    def kind(self) -> str | None:
        """UnionPay only: "debit" (…010101), "credit" (…010102), "quasi-credit" (…010103)."""
        if not self.unionpay:
            return None
        return _UNIONPAY_KINDS.get(self.aid.hex().upper()[10:16])

    def to_json(self) -> dict[str, Any]:
        return {
            "aid": self.aid.hex().upper(),
            "label": self.label,
            "priority": self.priority,
            "network": self.network,
            "unionpay": self.unionpay,
            "kind": self.kind,
            "source": self.source,
        }


@dataclass(frozen=True)
class Fci:
    df_name: bytes | None
    apps: tuple[PaymentApp, ...]  # the directory entries (61 under BF0C), if any
    label: str  # the selected application's own label (ADF FCI)
    priority: int | None


def _priority(raw: bytes | None) -> int | None:
    return raw[0] & 0x0F if raw else None


def parse_fci(data: bytes, source: str) -> Fci:
    """Read a SELECT answer (without its status word). Raises TlvError when it is not an FCI."""
    top = parse_tlv(data)
    fci = _find(top, 0x6F)
    if fci is None:
        raise TlvError("no FCI template (6F)")
    inner = parse_tlv(fci)
    proprietary = parse_tlv(_find(inner, 0xA5) or b"")
    apps: list[PaymentApp] = []
    for tag, entry in parse_tlv(_find(proprietary, 0xBF0C) or b""):
        if tag != 0x61:
            continue
        fields = parse_tlv(entry)
        aid = _find(fields, 0x4F)
        if aid and 5 <= len(aid) <= 16:
            apps.append(
                PaymentApp(aid, _label(_find(fields, 0x50)), _priority(_find(fields, 0x87)), source)
            )
    apps.sort(key=lambda a: (a.priority is None, a.priority or 0))
    return Fci(
        _find(inner, 0x84),
        tuple(apps),
        _label(_find(proprietary, 0x50)),
        _priority(_find(proprietary, 0x87)),
    )
