"""The terminal's side of the ECR protocol: bytes from the host in, the terminal's answer out.

Transport-agnostic and stateful per connection; what it answers depends on the simulator's
current behaviour, read at the moment each request arrives (so switching takes effect at once).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

from posguide.probes.terminal.framing import ACK, ENQ, ETX, NAK, STX, encode_frame, frame_ok

if TYPE_CHECKING:
    from posguide.sim.terminal.simulator import SimulatedTerminal

Transport = Literal["pty", "tcp", "rfc2217"]
Behaviour = Literal[
    "healthy", "maintenance", "busy", "signed_out", "error",
    "silent", "garbage", "bad_lrc", "vanish", "port_in_use",
]  # fmt: skip
BEHAVIOURS: tuple[str, ...] = get_args(Behaviour)
DEFAULT_REPLIES: Mapping[str, str] = {
    "healthy": "STATUS OK",
    "maintenance": "在维护中",
    "busy": "BUSY",
    "signed_out": "SIGNED OUT",
    "error": "ERROR 05",
}


@dataclass
class SimStats:
    enq: int = 0  # ENQs received
    requests: int = 0  # well-formed requests (framed or plain)
    acks: int = 0  # ACKs from the host (reply accepted)
    naks: int = 0  # NAKs from the host (reply rejected, re-sent)
    connections: int = 0  # TCP connections accepted


class Engine:
    """The terminal's side of one connection: bytes in, bytes out (+ "vanish now")."""

    def __init__(self, sim: SimulatedTerminal) -> None:
        self.sim = sim
        self.frame: bytearray | None = None  # inside STX ... ETX
        self.text = bytearray()  # a plain request line
        self.heard_enq = False  # an ENQ came before this plain request
        self.last_reply = b""

    def feed(self, data: bytes, *, garbled: bool = False) -> tuple[bytes, bool]:
        """``garbled``: the host talks at another speed than this terminal's (pty only): each
        request is heard as noise and answered with noise, as a real UART would."""
        if garbled:
            return (self._noise() if b"\n" in data or ETX in data or ENQ in data else b""), False
        out, vanish = bytearray(), False
        protocol = self.sim.protocol
        for byte in data:
            if self.frame is not None:
                if self.frame[-1:] == bytes([ETX]):  # this is the check byte
                    payload, self.frame = bytes(self.frame[:-1]), None
                    if not frame_ok(payload, byte):
                        out.append(NAK)
                        continue
                    reply, vanish = self._answer(framed=True)
                    out += reply
                    if vanish:
                        break
                elif len(self.frame) > 4096:
                    self.frame = None
                else:
                    self.frame.append(byte)
            elif byte == STX and protocol in (None, "framed"):
                self.frame = bytearray()
            elif byte == ENQ and protocol != "none":
                self.heard_enq = True
                self.sim.stats.enq += 1
                out += self._noise() if self.sim.behaviour == "garbage" else b""
                out += bytes([ACK]) if self.sim.behaviour not in ("silent", "garbage") else b""
            elif byte == ACK:
                self.sim.stats.acks += 1
            elif byte == NAK:
                self.sim.stats.naks += 1
                out += self.last_reply
            elif byte == ord("\n"):
                self.text.clear()
                # "enq" answers a plain request after its handshake; "framed" never a plain one.
                if protocol is None or protocol == "none" or (protocol == "enq" and self.heard_enq):
                    reply, vanish = self._answer(framed=False)
                    out += reply
                self.heard_enq = False
            elif len(self.text) < 1024:
                self.text.append(byte)
        return bytes(out), vanish

    def _noise(self) -> bytes:
        rng = self.sim.rng
        # Never a lone ACK: noise that happens to look like an answer would make tests flaky.
        return bytes(b if b != ACK else 0x86 for b in rng.randbytes(rng.randint(12, 40)))

    def _answer(self, *, framed: bool) -> tuple[bytes, bool]:
        sim, behaviour = self.sim, self.sim.behaviour
        sim.stats.requests += 1
        if sim.reply_delay_s > 0:
            time.sleep(sim.reply_delay_s)
        if behaviour == "silent":
            return b"", False
        if behaviour == "garbage":
            return self._noise(), False
        ack = bytes([ACK]) if framed else b""
        if behaviour == "vanish":
            return ack, True
        text = sim.replies.get(behaviour, sim.replies["healthy"]).encode(sim.encoding)
        if not framed:
            return text + b"\r\n", False
        self.last_reply = encode_frame(text, corrupt=behaviour == "bad_lrc")
        return ack + self.last_reply, False
