"""Fixtures for tests against the real pcscd + vsmartcard-vpcd (marker ``pcsc``).

Register with ``pytest_plugins = ["conftest_pcsc"]`` in tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pcsc
import pytest


@pytest.fixture(scope="module")
def pcscd() -> Iterator[None]:
    """A running pcscd with the vpcd readers, ours alone while the module's tests run."""
    reason = pcsc.unavailable_reason()
    if reason:
        pytest.skip(reason)
    with pcsc.host_lock():
        pcsc.start_pcscd()  # the test command starts it; start it here when it did not
        yield
        pcsc.start_pcscd()  # leave it running, as we found it


@pytest.fixture
def slot(pcscd: None) -> Iterator[pcsc.CardSlot]:
    """The first vpcd reader, empty at the start and again at the end of the test."""
    pcsc.wait_card(False)
    cards = pcsc.CardSlot()
    try:
        yield cards
    finally:
        cards.close()


@pytest.fixture
def slot2(pcscd: None) -> Iterator[pcsc.CardSlot]:
    """The second vpcd reader ("Virtual PCD 00 01")."""
    pcsc.wait_card(False, pcsc.READER2)
    cards = pcsc.CardSlot(pcsc.READER2, pcsc.PORT2)
    try:
        yield cards
    finally:
        cards.close()


@pytest.fixture
def pcscd_stopped(pcscd: None) -> Iterator[None]:
    """pcscd stopped for the test, running again (readers listed) afterwards."""
    pcsc.stop_pcscd()
    try:
        yield
    finally:
        pcsc.start_pcscd()
