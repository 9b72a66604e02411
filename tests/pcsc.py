"""The real pcscd with vsmartcard-vpcd for tests: start, stop, restart, wait for reader states.

pcscd is one per host with a fixed socket, so suites that use it take a file lock first (other
engineers' runs share this machine). Processes are addressed by the pid in pcscd's pid file only.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from smartcard import scard

from posguide.sim.card import CardProfile, VirtualCard

SOCKET = Path("/run/pcscd/pcscd.comm")
PID_FILE = Path("/run/pcscd/pcscd.pid")
LOG = Path("/tmp/posguide-pcscd.log")
LOCK = Path("/tmp/posguide-pcsc-tests.lock")
VPCD_CONF = Path("/etc/reader.conf.d/vpcd")
READER = "Virtual PCD 00 00"  # vpcd's first reader, card port 35963
HINT = "pcd 00 00"  # as a shop would type it: part of the name, any case
READER2, PORT2 = "Virtual PCD 00 01", 35964


def unavailable_reason() -> str | None:
    if os.geteuid() != 0:
        return "needs root: the tests start, stop and restart the host's pcscd"
    if shutil.which("pcscd") is None and not Path("/usr/sbin/pcscd").exists():
        return "pcscd is not installed (apt-get install pcscd)"
    if not VPCD_CONF.exists():
        return "vsmartcard-vpcd is not installed (apt-get install vsmartcard-vpcd)"
    return None


@contextlib.contextmanager
def host_lock(timeout_s: float = 90.0) -> Iterator[None]:
    """Exclusive use of pcscd and the vpcd readers across test processes."""
    with LOCK.open("a") as handle:
        end = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > end:
                    raise TimeoutError("another test run holds the pcscd lock") from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _alive(pid: int) -> bool:
    """Running, not a zombie: a stopped pcscd may linger as one (nobody reaps it here)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def pcscd_pid() -> int | None:
    try:
        text = PID_FILE.read_text().strip("\x00 \n")  # the file ends with a stray NUL byte
        pid = int(text)
    except (OSError, ValueError):
        return None
    return pid if _alive(pid) else None


def readers() -> list[str]:
    code, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if code != scard.SCARD_S_SUCCESS:
        return []
    try:
        code, names = scard.SCardListReaders(context, [])
        return list(names) if code == scard.SCARD_S_SUCCESS else []
    finally:
        scard.SCardReleaseContext(context)


def wait_ready(timeout_s: float = 10.0) -> None:
    end = time.monotonic() + timeout_s
    while not (SOCKET.exists() and READER in readers()):
        if time.monotonic() > end:
            raise TimeoutError(f"pcscd not ready with {READER!r}; see {LOG}")
        time.sleep(0.05)


def start_pcscd() -> None:
    """Start pcscd in the background (never --auto-exit: it would quit when idle)."""
    if pcscd_pid() is None or not SOCKET.exists():
        SOCKET.parent.mkdir(parents=True, exist_ok=True)
        # Through a shell so pcscd is not our child: no Popen object left to warn about.
        subprocess.run(
            ["sh", "-c", f"pcscd --foreground --info >>{LOG} 2>&1 </dev/null &"], check=True
        )
    wait_ready()


def stop_pcscd(timeout_s: float = 10.0) -> None:
    """SIGTERM the running pcscd (by its pid file) and wait until it is gone (~2 s)."""
    pid = pcscd_pid()
    if pid is not None:
        os.kill(pid, signal.SIGTERM)
    end = time.monotonic() + timeout_s
    while (pid is not None and _alive(pid)) or SOCKET.exists():
        if time.monotonic() > end:
            raise TimeoutError("pcscd did not stop")
        time.sleep(0.05)


def reader_has_card(reader: str = READER) -> bool:
    code, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if code != scard.SCARD_S_SUCCESS:
        return False
    try:
        code, states = scard.SCardGetStatusChange(context, 0, [(reader, 0)])
        return code == scard.SCARD_S_SUCCESS and bool(states[0][1] & scard.SCARD_STATE_PRESENT)
    finally:
        scard.SCardReleaseContext(context)


def wait_card(present: bool, reader: str = READER, timeout_s: float = 5.0) -> None:
    """Until pcscd reports the reader with (or without) a card: ~0.2-0.6 s after a change."""
    end = time.monotonic() + timeout_s
    while reader_has_card(reader) != present:
        if time.monotonic() > end:
            raise TimeoutError(f"{reader}: card {'never seen' if present else 'still seen'}")
        time.sleep(0.05)


class CardSlot:
    """Virtual cards going in and out of one vpcd reader; all removed again at the end."""

    def __init__(self, reader: str = READER, port: int = 35963) -> None:
        self.reader, self.port = reader, port
        self.cards: list[VirtualCard] = []

    def insert(
        self, profile: str | CardProfile = "unionpay_debit", *, wait: bool = True
    ) -> VirtualCard:
        card = VirtualCard(profile, port=self.port)
        card.insert()
        self.cards.append(card)
        if wait:
            wait_card(True, self.reader)
        return card

    def remove(self, card: VirtualCard, *, wait: bool = True) -> None:
        card.remove()
        if wait:
            wait_card(False, self.reader)

    def close(self) -> None:
        for card in self.cards:
            card.remove()
        if pcscd_pid() is not None:
            wait_card(False, self.reader)
