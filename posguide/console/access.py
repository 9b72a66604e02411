"""The manager's PIN: set at first use, kept as an Argon2id hash, guarded by a back-off.

A PIN of a few digits has at most a million values, so hashing alone cannot protect it from
someone who copies the database; what protects it at the till is the count of wrong tries kept
in the database: after ``TRIES_PER_LOCK`` wrong PINs the console stays locked for
``FIRST_LOCK_S``, and each lock after that lasts twice as long (up to ``MAX_LOCK_S``), across
restarts. A right PIN clears the count.

Hashing takes a fifth of a second by design: call this off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from posguide.i18n import QT_TR_NOOP, Text
from posguide.store import IncidentStore
from posguide.timeutil import iso, now

TRIES_PER_LOCK = 5
FIRST_LOCK_S = 5 * 60.0
MAX_LOCK_S = 24 * 3600.0
PIN_DIGITS = (4, 8)

_hasher = PasswordHasher()  # argon2-cffi's defaults: Argon2id, 64 MiB, 3 passes, random salt


@dataclass(frozen=True)
class PinCheck:
    ok: bool
    locked_s: float = 0.0  # how long the console stays locked now (0: try again at once)
    tries_left: int = TRIES_PER_LOCK  # wrong tries before the next lock


def pin_problem(pin: str) -> Text | None:
    """Why ``pin`` cannot be a manager PIN, or None."""
    low, high = PIN_DIGITS
    if not (pin.isascii() and pin.isdigit() and low <= len(pin) <= high):
        return Text(QT_TR_NOOP("The PIN must be {low} to {high} digits."), low=low, high=high)
    if len(set(pin)) == 1 or pin in "0123456789" or pin in "9876543210":
        return Text(QT_TR_NOOP("This PIN is too easy to guess; choose another."))
    return None


def _matches(hashed: str, pin: str) -> bool:
    try:
        return _hasher.verify(hashed, pin)
    except (VerificationError, InvalidHashError):
        return False


def lock_for(lockouts: int) -> float:
    """How long the ``lockouts``-th lock lasts (1 = the first)."""
    return float(min(MAX_LOCK_S, FIRST_LOCK_S * 2 ** max(0, lockouts - 1)))


class ManagerAccess:
    """The PIN of the shop PC whose incident database is at ``path``. Each call opens the
    database briefly, so it can run on any one thread (the console's reader)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def is_set(self) -> bool:
        with IncidentStore.open(self.path, integrity="none") as store, store.reading():
            return store.db.execute("SELECT 1 FROM manager_pin").fetchone() is not None

    def locked_s(self, at: float | None = None) -> float:
        """Seconds until a PIN may be tried again (0: now)."""
        at = now().timestamp() if at is None else at
        with IncidentStore.open(self.path, integrity="none") as store, store.reading():
            row = store.db.execute("SELECT locked_until_ts, lockouts FROM manager_pin").fetchone()
        return _remaining(float(row[0]), int(row[1]), at) if row else 0.0

    def set_pin(self, pin: str) -> None:
        """Set the first PIN, or a new one (the console asks for the old one first)."""
        problem = pin_problem(pin)
        if problem is not None:
            raise ValueError(str(problem))
        hashed = _hasher.hash(pin)
        with IncidentStore.open(self.path, integrity="none") as store, store.writing() as tx:
            tx.delete("manager_pin", "id = 1")
            tx.insert("manager_pin", {"id": 1, "pin_hash": hashed, "set_at": iso(now())})

    def check(self, pin: str, at: float | None = None) -> PinCheck:
        """Try ``pin``. While locked, nothing is tried (and the lock does not grow)."""
        at = now().timestamp() if at is None else at
        with IncidentStore.open(self.path, integrity="none") as store:
            return self._check(store, pin, at)

    @staticmethod
    def _check(store: IncidentStore, pin: str, at: float) -> PinCheck:
        # The try is counted before the PIN is verified, in one write transaction: tries made
        # at the same moment (two windows, two programs) each count, none can slip past.
        with store.writing() as tx:
            row = tx.read(
                "SELECT pin_hash, failed_tries, lockouts, locked_until_ts FROM manager_pin"
            )
            if row is None:
                return PinCheck(ok=False)
            hashed, failed, lockouts = str(row[0]), int(row[1]), int(row[2])
            locked = _remaining(float(row[3]), lockouts, at)
            if locked > 0:
                return PinCheck(ok=False, locked_s=locked, tries_left=0)
            failed += 1
            locked_until = 0.0
            if failed >= TRIES_PER_LOCK:
                lockouts += 1
                locked_until = at + lock_for(lockouts)
                failed = 0
            tx.update(
                "manager_pin",
                {"failed_tries": failed, "lockouts": lockouts, "locked_until_ts": locked_until},
                "id = 1",
            )
        if _matches(hashed, pin):
            changes: dict[str, object] = {"failed_tries": 0, "lockouts": 0, "locked_until_ts": 0}
            if _hasher.check_needs_rehash(hashed):
                changes["pin_hash"] = _hasher.hash(pin)
            with store.writing() as tx:
                tx.update("manager_pin", changes, "id = 1")
            return PinCheck(ok=True)
        if locked_until:
            return PinCheck(ok=False, locked_s=locked_until - at, tries_left=0)
        return PinCheck(ok=False, tries_left=TRIES_PER_LOCK - failed)


def _remaining(locked_until: float, lockouts: int, at: float) -> float:
    """Seconds the console stays locked. Never more than the lock itself lasts: a clock put back
    does not lock the manager out for longer."""
    if locked_until <= at or lockouts == 0:
        return 0.0
    return min(locked_until - at, lock_for(lockouts))
