"""Decoding an Answer To Reset (ISO/IEC 7816-3 §8) and naming it from a small known-ATR table.

Pure functions: a malformed ATR decodes as far as it goes and lists its problems, it never
raises. An ATR says nothing about the cardholder; it is safe to show and store.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from posguide.resources import resource_path

log = logging.getLogger("posguide.probes.card")

CONVENTIONS = {0x3B: "direct", 0x3F: "inverse"}
# Fi and Di from TA1 (ISO/IEC 7816-3 tables 7 and 8); None = reserved.
_FI = (372, 372, 558, 744, 1116, 1488, 1860, None, None, 512, 768, 1024, 1536, 2048, None, None)
_DI = (None, 1, 2, 4, 8, 16, 32, 64, 12, 20, None, None, None, None, None, None)


@dataclass(frozen=True)
class AtrInfo:
    atr: bytes
    convention: str | None = None  # "direct" / "inverse"; None: TS is not a valid ATR start
    interface: dict[str, int] = field(default_factory=dict)  # "TA1" -> 0x11, ...
    protocols: tuple[int, ...] = ()  # offered: 0 = T=0, 1 = T=1 (T=15 is not a protocol)
    historical: bytes = b""
    tck_ok: bool | None = None  # None: no TCK (T=0 only)
    problems: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def historical_text(self) -> str:
        """Historical bytes as text, '.' for every non-printable byte."""
        return "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in self.historical)

    @property
    def rates(self) -> tuple[int, int] | None:
        """(Fi, Di) from TA1, or None when absent/reserved (the default is 372, 1)."""
        ta1 = self.interface.get("TA1")
        if ta1 is None:
            return None
        fi, di = _FI[ta1 >> 4], _DI[ta1 & 0x0F]
        return (fi, di) if fi is not None and di is not None else None

    def to_json(self) -> dict[str, Any]:
        return {
            "hex": hex_bytes(self.atr),
            "convention": self.convention,
            "interface": {name: f"{value:02X}" for name, value in self.interface.items()},
            "protocols": [f"T={t}" for t in self.protocols],
            "fi_di": list(self.rates) if self.rates else None,
            "historical_count": self.atr[1] & 0x0F if len(self.atr) > 1 else 0,
            "historical_hex": hex_bytes(self.historical),
            "historical_text": self.historical_text,
            "tck_ok": self.tck_ok,
            "problems": list(self.problems),
        }


def hex_bytes(data: bytes) -> str:
    return data.hex(" ").upper()


def decode_atr(atr: bytes) -> AtrInfo:
    """Decode TS, T0, the interface bytes, the historical bytes and check TCK."""
    problems: list[str] = []
    if len(atr) < 2:
        return AtrInfo(atr, problems=("ATR shorter than 2 bytes",))
    convention = CONVENTIONS.get(atr[0])
    if convention is None:
        problems.append(f"TS {atr[0]:02X} is neither 3B nor 3F")
    historical_count = atr[1] & 0x0F
    indicator = atr[1] >> 4  # which of TA/TB/TC/TD follow, for group i
    interface: dict[str, int] = {}
    protocols: list[int] = []
    pos, group = 2, 1
    while True:
        for bit, letter in enumerate("ABCD"):
            if not indicator & (1 << bit):
                continue
            if pos >= len(atr):
                problems.append(f"ATR ends inside the interface bytes (T{letter}{group})")
                return AtrInfo(
                    atr, convention, interface, tuple(protocols), problems=tuple(problems)
                )
            interface[f"T{letter}{group}"] = atr[pos]
            pos += 1
        if not indicator & 0x8:  # no TDi: last group
            break
        td = interface[f"TD{group}"]
        if td & 0x0F != 15 and td & 0x0F not in protocols:
            protocols.append(td & 0x0F)
        indicator, group = td >> 4, group + 1
    if "TD1" not in interface:
        protocols.append(0)  # no TD1 means T=0
    historical = atr[pos : pos + historical_count]
    pos += len(historical)
    if len(historical) < historical_count:
        problems.append(f"{historical_count} historical bytes announced, {len(historical)} present")
    # TCK is present unless the card offers T=0 only (ISO/IEC 7816-3 §8.2.5).
    tck_ok: bool | None = None
    if any(interface[f"TD{i}"] & 0x0F for i in range(1, group)):  # T=1, T=15, ... indicated
        if pos >= len(atr):
            problems.append("TCK check byte missing")
        else:
            check = 0
            for byte in atr[1 : pos + 1]:
                check ^= byte
            tck_ok = check == 0
            if not tck_ok:
                problems.append("TCK check byte is wrong")
            pos += 1
    if pos < len(atr):
        problems.append(f"{len(atr) - pos} unexpected byte(s) after the ATR")
    return AtrInfo(
        atr, convention, interface, tuple(protocols), historical, tck_ok, tuple(problems)
    )


@dataclass(frozen=True)
class KnownAtr:
    id: str
    pattern: re.Pattern[str]
    description: str
    payment: bool | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "description": self.description, "payment": self.payment}


def known_atrs_path() -> Path:
    return resource_path("atr", "known_atrs.json")


@cache
def load_known_atrs(path: Path | None = None) -> tuple[KnownAtr, ...]:
    """The known-ATR table; empty (and a log line) when missing or malformed, never an error:
    naming the chip is a nicety, the probe works without it."""
    path = path or known_atrs_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return tuple(
            KnownAtr(e["id"], re.compile(e["pattern"]), e["description"], e.get("payment"))
            for e in raw["entries"]
        )
    except (OSError, ValueError, KeyError, TypeError, re.error) as err:
        log.warning("known-ATR table %s unusable: %s", path, err)
        return ()


def match_atr(atr: bytes, table: tuple[KnownAtr, ...] | None = None) -> list[KnownAtr]:
    """Every entry whose pattern matches the whole ATR, best (first in the table) first."""
    text = hex_bytes(atr)
    return [
        entry
        for entry in (load_known_atrs() if table is None else table)
        if entry.pattern.fullmatch(text)
    ]
