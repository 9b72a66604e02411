"""Is the smart-card service up and the configured PC/SC reader plugged in? And: wait for a card
to arrive / to be taken out, by polling fresh contexts (pyscard's CardMonitor dies for good when
pcscd restarts, and a card swapped within one pcscd poll may never produce an event)."""

from __future__ import annotations

import time
from functools import partial

from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.base import Outcome, ProbeResult, ProgressCallback, Status
from posguide.probes.card.pcsc import STATE_CHANGED, STATE_UNKNOWN, Context, PcscError, ReaderState
from posguide.probes.card.session import (
    CONNECTING,
    Deadline,
    Session,
    explain,
    matching_readers,
    service_detail,
    service_summary,
)

POLL_S = 0.5  # longest single wait inside pcscd; bounds how long an abandoned thread lingers
CHANGE_WINDOW_S = 1.0  # pcscd polls a reader every ~0.4 s; a change shows within this


class ReaderProbe:
    """PC/SC service running, and a reader whose name contains ``reader_hint`` (any reader
    without a hint). detail: ``stage`` ("service", "reader"; "ready" when ok), ``readers``
    (every reader's name), ``reader`` (the one chosen), ``card_present``."""

    def __init__(
        self, reader_hint: str | None = None, probe_id: str = "card.reader", *, timeout_s: float = 5
    ) -> None:
        self.id, self.reader_hint, self.timeout_s = probe_id, reader_hint, timeout_s

    async def check(self, progress: ProgressCallback) -> ProbeResult:
        out = Outcome(self.id)
        session = Session(self.timeout_s - 0.5)
        progress(None, CONNECTING)
        try:
            context = await session.open()
            progress(0.5, Text(QT_TR_NOOP("Looking for the card reader")))
            readers = await session.call(context.readers, "listing card readers", 3.0)
            found = matching_readers(readers, self.reader_hint)
            if not found:
                return out.finish(
                    Status.FAIL,
                    no_reader_summary(self.reader_hint),
                    stage="reader",
                    readers=readers,
                    hint=self.reader_hint,
                )
            states = await session.call(partial(context.states, found[:1]), "reader state", 3.0)
        except PcscError as raw:
            err = await explain(raw)
            if err.stage == "service":
                return out.finish(Status.FAIL, service_summary(), readers=[], **service_detail(err))
            if err.stage == "reader":  # unplugged between listing and asking
                return out.finish(
                    Status.FAIL,
                    no_reader_summary(self.reader_hint),
                    stage="reader",
                    readers=[],
                    hint=self.reader_hint,
                )
            return out.finish(
                Status.ERROR,
                Text(
                    QT_TR_NOOP("The card reader could not be checked: smart-card error {code}"),
                    code=f"0x{err.code:08X}",
                ),
                stage="pcsc",
                error=f"0x{err.code:08X}",
                message=str(err),
            )
        except Deadline:
            return out.finish(
                Status.FAIL,
                Text(QT_TR_NOOP("The smart-card service does not answer")),
                stage="service",
                readers=[],
            )
        finally:
            await session.close()
        return out.finish(
            Status.OK,
            Text(QT_TR_NOOP("Card reader ready: {reader}"), reader=found[0]),
            stage="ready",
            readers=readers,
            reader=found[0],
            card_present=states[0].present,
        )


def no_reader_summary(hint: str | None) -> Text:
    if hint:
        return Text(QT_TR_NOOP("Card reader “{hint}” is not connected"), hint=hint)
    return Text(QT_TR_NOOP("No card reader is connected"))


async def wait_for_card(
    session: Session,
    context: Context,
    readers: list[str],
    wait_s: float,
    progress: ProgressCallback,
) -> ReaderState | None:
    """The first of ``readers`` holding a card within ``wait_s``; None when none did."""
    end = time.monotonic() + wait_s
    known: dict[str, int] = {}
    while True:
        left = end - time.monotonic()
        # The first turn asks for the current state: a card already in counts, without waiting
        # for an insertion event (a card swapped faster than pcscd polls leaves none behind).
        slice_ms = int(max(0.0, min(POLL_S, left)) * 1000)
        states: list[ReaderState] = await session.call(
            partial(context.states, readers, known, slice_ms), "waiting for a card", POLL_S + 3
        )
        for state in states:
            if state.event & STATE_UNKNOWN:  # unplugged while we wait
                raise PcscError(0x80100009, f"waiting for a card in {state.reader}")
            if state.present:
                return state
        if left <= 0:
            return None
        known = {s.reader: s.event & ~STATE_CHANGED for s in states}
        # The first half of the probe's progress bar; talking to the card is the second.
        progress(
            0.5 * min(1.0, 1 - left / wait_s),
            Text(QT_TR_NOOP("Waiting for a card ({left:.0f} s left)"), left=left),
        )


async def wait_for_removal(reader_hint: str | None = None, timeout_s: float = 30.0) -> bool:
    """Wait until no reader matching ``reader_hint`` holds a card: True once empty (also when
    no such reader exists), False when a card is still in after ``timeout_s``. Raises PcscError
    (``.stage == "service"``) when the smart-card service is not running."""
    session = Session(timeout_s + 4)
    end = time.monotonic() + timeout_s
    try:
        context = await session.open()
        readers = matching_readers(
            await session.call(context.readers, "listing card readers", 3.0), reader_hint
        )
        known: dict[str, int] = {}
        while readers:
            left = end - time.monotonic()
            slice_ms = int(max(0.0, min(POLL_S, left)) * 1000)
            states = await session.call(
                partial(context.states, readers, known, slice_ms), "waiting", POLL_S + 3
            )
            if not any(s.present for s in states):
                return True
            if left <= 0:
                return False
            known = {s.reader: s.event & ~STATE_CHANGED for s in states}
        return True
    except Deadline:
        return False
    except PcscError as err:
        raise await explain(err) from None
    finally:
        await session.close()


async def next_state(session: Session, seen: ReaderState) -> ReaderState | None:
    """The reader's state once it differs from ``seen`` (card gone, or another card in);
    None when nothing changed within ``CHANGE_WINDOW_S``."""
    assert session.context is not None
    before = seen.event & ~STATE_CHANGED
    end = time.monotonic() + CHANGE_WINDOW_S
    while time.monotonic() < end:
        states: list[ReaderState] = await session.call(
            partial(session.context.states, [seen.reader], {seen.reader: before}, 250),
            "reading the card reader's state",
            3.0,
        )
        if states[0].event & ~STATE_CHANGED != before:
            return states[0]
    return None
