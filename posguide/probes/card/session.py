"""One probe run's PC/SC session: a fresh context, every call on its own thread with a deadline.

A mute card blocks ``SCardTransmit`` forever. pcsc-lite then blocks any other call on that
context (or card handle) while holding its process-wide lock, so one such call would wedge every
PC/SC call in the app, fresh contexts included, until the card is pulled (verified with vpcd).
So once a call has missed its deadline the session is "stuck" and never used again; the stuck
call's own thread disconnects and releases when it finally returns.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.card.pcsc import SERVICE_NAME, Card, Context, PcscError
from posguide.probes.threads import run_blocking

log = logging.getLogger("posguide.probes.card")
T = TypeVar("T")

CONNECTING = Text(QT_TR_NOOP("Connecting to the smart-card service"))  # progress
SERVICE_DOWN = Text(QT_TR_NOOP("The smart-card service is not running"))
# Windows 8 and later start the Smart Card service when a reader is plugged in and stop it when
# the last one is removed: there "no service" almost always means "no reader".
NO_READER_WINDOWS = Text(
    QT_TR_NOOP("No card reader is plugged in (the smart-card service stopped)")
)


def service_summary() -> Text:
    return NO_READER_WINDOWS if sys.platform == "win32" else SERVICE_DOWN


class Deadline(Exception):
    """A PC/SC call did not return in time."""

    def __init__(self, action: str) -> None:
        super().__init__(f"{action}: no answer in time")
        self.action = action


def matching_readers(readers: list[str], hint: str | None) -> list[str]:
    """Readers whose name contains the hint (case-insensitive); all of them without a hint."""
    needle = (hint or "").strip().casefold()
    return [r for r in readers if needle in r.casefold()]


def service_detail(err: PcscError) -> dict[str, Any]:
    detail = {"stage": "service", "service": SERVICE_NAME, "error": f"0x{err.code:08X}"}
    if sys.platform == "win32":  # SCardSvr stops by itself when the last reader is unplugged
        detail["stage"] = "reader"
        # Fixed wording: the GUI's detail translates the note (posguide.probes.labels).
        detail["note"] = QT_TR_NOOP("Windows stops this service while no card reader is plugged in")
    return detail


async def explain(err: PcscError) -> PcscError:
    """An unexpected error while the daemon shuts down (pcsc-lite gives "RPC transport error",
    even "Access denied") is really "the service stopped": check with a fresh context."""
    if err.stage != "pcsc":
        return err
    try:
        await run_blocking(lambda: Context().release(), timeout_s=2.0, name="pcsc-recheck")
    except PcscError as again:
        return again if again.stage == "service" else err
    except TimeoutError:
        pass
    return err


class Session:
    def __init__(self, deadline_s: float) -> None:
        self.deadline = time.monotonic() + deadline_s
        self.context: Context | None = None
        self.card: Card | None = None
        self.stuck = False
        self._lock = threading.Lock()
        self._running = 0  # calls whose thread has not returned yet (stuck or cancelled)
        self._abandoned = False  # closed while calls were running: the last one cleans up

    def left(self) -> float:
        return self.deadline - time.monotonic()

    async def call(self, fn: Callable[[], T], action: str, limit_s: float | None = None) -> T:
        """``fn()`` on its own thread; ``Deadline`` after ``limit_s`` or the session's end.
        Once a call is stuck, nothing else touches this context: pcsc-lite would block that
        second call while holding its process-wide lock, wedging every other context too."""
        timeout = self.left() if limit_s is None else min(limit_s, self.left())
        if timeout <= 0 or self.stuck:
            raise Deadline(action)
        with self._lock:
            self._running += 1
        try:
            return await run_blocking(partial(self._run, fn), timeout_s=timeout, name="pcsc")
        except TimeoutError:
            self.stuck = True
            log.info("PC/SC call timed out after %.1f s: %s", timeout, action)
            raise Deadline(action) from None

    def _run(self, fn: Callable[[], T]) -> T:
        try:
            return fn()
        finally:
            with self._lock:
                self._running -= 1
                late = self._abandoned and not self._running
            if late:  # a stuck call came back (the card was pulled): clean up here
                self._release()

    async def open(self) -> Context:
        """Connect to pcscd / SCardSvr; PcscError(stage "service") when it is not running."""
        return await self.call(self._open, "connecting to the smart-card service", 3.0)

    async def connect(self, context: Context, reader: str, limit_s: float) -> Card:
        return await self.call(partial(self._connect, context, reader), "connecting", limit_s)

    # Kept by the worker thread itself, so a late return is still cleaned up.
    def _open(self) -> Context:
        context = Context()
        with self._lock:
            self.context = context
        return context

    def _connect(self, context: Context, reader: str) -> Card:
        card = context.connect(reader)
        with self._lock:
            self.card = card
        return card

    async def drop_card(self) -> None:
        """Let go of a card that vanished, to connect to the next one."""
        card, self.card = self.card, None
        if card is not None:
            with contextlib.suppress(Deadline):  # pcscd frees the handle with the context
                await self.call(card.disconnect, "disconnecting", 1.0)

    async def close(self) -> None:
        """Disconnect and release. While a call is still running (a mute card), leave both to
        that call's thread, which does it when the call finally returns."""
        with self._lock:
            if self._running:
                self._abandoned = True
                return
        try:
            await run_blocking(self._release, timeout_s=1.0, name="pcsc-close")
        except TimeoutError:
            log.info("PC/SC cleanup still running in the background")

    def _release(self) -> None:
        with self._lock:
            card, context, self.card, self.context = self.card, self.context, None, None
        for step in (card.disconnect if card else None, context.release if context else None):
            if step is None:
                continue
            try:
                step()
            except Exception:  # cleanup of a finished session: nothing left to report
                log.debug("PC/SC cleanup failed", exc_info=True)
