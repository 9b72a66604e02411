"""The manager PIN: set at first use, Argon2id, and a back-off that survives restarts."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from posguide.console.access import (
    FIRST_LOCK_S,
    TRIES_PER_LOCK,
    ManagerAccess,
    lock_for,
    pin_problem,
)
from posguide.store import IncidentStore

T0 = 1_800_000_000.0


@pytest.fixture
def access(db_path: Path) -> ManagerAccess:
    IncidentStore.open(db_path).close()
    return ManagerAccess(db_path)


def test_a_pin_is_set_once_and_then_opens_the_console(access: ManagerAccess, db_path: Path):
    assert not access.is_set()
    assert not access.check("2580", at=T0).ok  # nothing set: nothing opens
    access.set_pin("2580")
    assert access.is_set()
    assert access.check("2580", at=T0).ok
    assert not access.check("2581", at=T0).ok
    stored = sqlite3.connect(db_path).execute("SELECT pin_hash FROM manager_pin").fetchone()[0]
    assert stored.startswith("$argon2id$") and "2580" not in stored


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "１２３４", "0000", "1234", "98765"])
def test_pins_that_are_too_short_long_or_easy_are_refused(pin: str, access: ManagerAccess):
    assert pin_problem(pin) is not None
    with pytest.raises(ValueError, match="PIN"):
        access.set_pin(pin)
    assert not access.is_set()


def test_wrong_pins_lock_the_console_and_the_lock_doubles(access: ManagerAccess) -> None:
    access.set_pin("2580")
    for n in range(TRIES_PER_LOCK - 1):
        result = access.check("1111", at=T0 + n)
        assert not result.ok and result.locked_s == 0
        assert result.tries_left == TRIES_PER_LOCK - 1 - n
    locked = access.check("1111", at=T0 + 10)
    assert locked.locked_s == FIRST_LOCK_S
    # While locked even the right PIN does not open, and trying does not extend the lock.
    during = access.check("2580", at=T0 + 20)
    assert not during.ok and during.locked_s == pytest.approx(FIRST_LOCK_S - 10)
    assert access.locked_s(at=T0 + 20) == pytest.approx(FIRST_LOCK_S - 10)
    after = T0 + 10 + FIRST_LOCK_S
    for n in range(TRIES_PER_LOCK):
        result = access.check("1111", at=after + n)
    assert result.locked_s == 2 * FIRST_LOCK_S
    assert lock_for(3) == 4 * FIRST_LOCK_S


def test_the_count_of_wrong_pins_survives_a_restart(access: ManagerAccess, db_path: Path):
    access.set_pin("2580")
    for n in range(TRIES_PER_LOCK - 1):
        access.check("1111", at=T0 + n)
    again = ManagerAccess(db_path)  # a new program: closing it does not reset the count
    assert again.check("1111", at=T0 + 10).locked_s == FIRST_LOCK_S
    assert ManagerAccess(db_path).locked_s(at=T0 + 11) > 0


def test_the_right_pin_clears_the_count(access: ManagerAccess) -> None:
    access.set_pin("2580")
    for n in range(TRIES_PER_LOCK - 1):
        access.check("1111", at=T0 + n)
    assert access.check("2580", at=T0 + 10).ok
    assert access.check("1111", at=T0 + 11).tries_left == TRIES_PER_LOCK - 1


def test_wrong_pins_tried_at_the_same_moment_all_count(access: ManagerAccess) -> None:
    access.set_pin("2580")
    with ThreadPoolExecutor(max_workers=6) as pool:  # two programs, or a scripted attack
        results = list(pool.map(lambda n: access.check("1111", at=T0 + n / 100), range(12)))
    assert not any(r.ok for r in results)
    assert access.locked_s(at=T0 + 1) > 0  # 12 tries, not one: locked


def test_a_clock_put_back_does_not_lock_out_for_longer_than_the_lock(
    access: ManagerAccess,
) -> None:
    access.set_pin("2580")
    assert not access.check("1111", at=T0).ok  # one wrong try: no lock at all
    assert access.locked_s(at=T0 - 3600) == 0
    assert access.check("2580", at=T0 - 3600).ok
    for n in range(TRIES_PER_LOCK):
        access.check("1111", at=T0 + n)
    # The clock goes back a year: the lock still ends within its own length.
    assert access.locked_s(at=T0 - 365 * 86400) == FIRST_LOCK_S
