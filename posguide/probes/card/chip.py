"""Does the customer's card chip work? Wait for a card, read its ATR, SELECT the payment
directories (PSE by contact, PPSE contactless) and list the payment applications.

Sends SELECT (and GET RESPONSE for a SELECT's own answer on T=0) only; keeps the ATR, status
words, AIDs and labels only. ``pcsc.Card.transmit`` refuses anything else.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.base import DONE, Measurement, Outcome, ProbeResult, ProgressCallback, Status
from posguide.probes.card import emv
from posguide.probes.card.atr import decode_atr, hex_bytes, match_atr
from posguide.probes.card.pcsc import STATE_MUTE, Context, PcscError, ReaderState
from posguide.probes.card.query import BadAnswer, CardQuery, EmptyAnswer, Removed
from posguide.probes.card.reader import next_state, no_reader_summary, wait_for_card
from posguide.probes.card.session import (
    CONNECTING,
    Deadline,
    Session,
    explain,
    matching_readers,
    service_detail,
    service_summary,
)

log = logging.getLogger("posguide.probes.card")
SETUP_S = 4.0  # connecting to the service and listing readers, worst case
IO_ROUNDS = 4  # the card phase may take this many answer timeouts in total
REMOVED = Text(QT_TR_NOOP("The card was removed during the test"))


@dataclass
class _Run:
    """What one run learned; goes into the result's detail whatever the outcome."""

    step: str = "service"
    readers: list[str] = field(default_factory=list)
    reader: str | None = None
    atr: bytes | None = None
    selects: list[dict[str, str]] = field(default_factory=list)
    apps: list[emv.PaymentApp] = field(default_factory=list)
    times: dict[str, float] = field(default_factory=dict)  # ms

    def detail(self) -> dict[str, Any]:
        found: dict[str, Any] = {"readers": self.readers, "reader": self.reader}
        if self.atr is not None:
            found["atr"] = hex_bytes(self.atr)
            found["atr_info"] = decode_atr(self.atr).to_json()
            found["atr_known"] = [k.to_json() for k in match_atr(self.atr)]
        found["selects"] = self.selects
        found["applications"] = [a.to_json() for a in self.apps]
        found["unionpay"] = any(a.unionpay for a in self.apps)
        return found

    def measurements(self) -> dict[str, Measurement]:
        return {k: Measurement(round(v, 1), "ms") for k, v in self.times.items()}


class CardProbe:
    """Waits up to ``wait_s`` for a card in a reader matching ``reader_hint``. Each card
    operation gets ``answer_timeout_s``. detail ``stage``: service, reader, mute, removed,
    bad_answer, busy, pcsc (fail/error); no_card (skipped: none inserted in time);
    not_payment (warn); payment (ok)."""

    def __init__(
        self,
        reader_hint: str | None = None,
        wait_s: float = 20.0,
        probe_id: str = "card.card",
        *,
        answer_timeout_s: float = 3.0,
    ) -> None:
        self.id, self.reader_hint, self.wait_s = probe_id, reader_hint, wait_s
        self.answer_timeout_s = answer_timeout_s
        # Our own deadlines always fire first; the runner's is the backstop.
        self.timeout_s = SETUP_S + wait_s + IO_ROUNDS * answer_timeout_s + 1.0

    async def check(self, progress: ProgressCallback) -> ProbeResult:
        out, run = Outcome(self.id), _Run()
        session = Session(self.timeout_s - 0.5)
        try:
            return await self._check(session, run, out, progress)
        except PcscError as raw:
            err = await explain(raw)
            if err.stage == "service":
                return out.finish(
                    Status.FAIL, service_summary(), **{**run.detail(), **service_detail(err)}
                )
            if err.stage == "reader":
                return self._fail(out, run, "reader", no_reader_summary(self.reader_hint))
            if err.stage in ("removed", "no_card"):
                return self._fail(out, run, "removed", REMOVED)
            if err.stage == "mute":
                return self._fail(out, run, "mute", Text(QT_TR_NOOP("The card does not answer")))
            if err.stage == "busy":
                return self._fail(
                    out, run, "busy", Text(QT_TR_NOOP("The card is in use by another program"))
                )
            return out.finish(
                Status.ERROR,
                Text(
                    QT_TR_NOOP("The card could not be checked: smart-card error {code}"),
                    code=f"0x{err.code:08X}",
                ),
                measurements=run.measurements(),
                stage="pcsc",
                error=f"0x{err.code:08X}",
                message=str(err),
                **run.detail(),
            )
        except Deadline:
            if run.step in ("service", "wait"):
                return self._fail(
                    out, run, "service", Text(QT_TR_NOOP("The smart-card service does not answer"))
                )
            return self._fail(
                out,
                run,
                "mute",
                Text(QT_TR_NOOP("The card does not answer")),
                answer_timeout_s=self.answer_timeout_s,
            )
        except Removed:
            return self._fail(out, run, "removed", REMOVED)
        except (BadAnswer, emv.TlvError) as err:
            return self._fail(
                out,
                run,
                "bad_answer",
                Text(QT_TR_NOOP("The card's chip gives invalid answers")),
                problem=str(err),
            )
        finally:
            await session.close()

    def _fail(
        self, out: Outcome, run: _Run, stage: str, summary: Text, **extra: Any
    ) -> ProbeResult:
        return out.finish(
            Status.FAIL,
            summary,
            measurements=run.measurements(),
            **{**run.detail(), **extra, "stage": stage},
        )

    async def _check(
        self, session: Session, run: _Run, out: Outcome, progress: ProgressCallback
    ) -> ProbeResult:
        progress(None, CONNECTING)
        context = await session.open()
        run.readers = await session.call(context.readers, "listing card readers", 3.0)
        candidates = matching_readers(run.readers, self.reader_hint)
        if not candidates:
            return self._fail(out, run, "reader", no_reader_summary(self.reader_hint))
        t_wait0, wait_end = time.perf_counter(), time.monotonic() + self.wait_s
        for attempt in range(3):
            run.step = "wait"
            state = await wait_for_card(
                session, context, candidates, max(0.0, wait_end - time.monotonic()), progress
            )
            if state is None:
                if attempt:
                    raise Removed  # it was seen, then lost before it answered
                # Nobody inserted a card: that says nothing about any card, so not a failure.
                return out.finish(
                    Status.SKIPPED,
                    Text(
                        QT_TR_NOOP("No card was inserted within {wait_s:g} s"), wait_s=self.wait_s
                    ),
                    **{**run.detail(), "stage": "no_card"},
                )
            run.times["wait_ms"] = (time.perf_counter() - t_wait0) * 1000
            try:
                directories = await self._interrogate(session, context, state, run, progress)
                break
            except (Removed, BadAnswer, PcscError) as err:
                await self._lost(session, state, run, err, last_try=attempt == 2)
                await session.drop_card()
        else:
            raise Removed
        progress(1.0, DONE)
        if not (run.apps or directories):
            return out.finish(
                Status.WARN,
                Text(QT_TR_NOOP("The card answers but is not a payment card")),
                measurements=run.measurements(),
                stage="not_payment",
                payment=False,
                **run.detail(),
            )
        status, summary = Status.OK, Text(QT_TR_NOOP("Payment card works"))
        if run.apps:
            summary = Text(QT_TR_NOOP("Payment card works: {app}"), app=_name(run.apps[0]))
        if run.atr is not None and decode_atr(run.atr).problems:
            status = Status.WARN
            summary = Text(QT_TR_NOOP("Payment card works, but its chip's ATR has errors"))
        return out.finish(
            status,
            summary,
            measurements=run.measurements(),
            stage="payment",
            payment=True,
            **run.detail(),
        )

    async def _lost(
        self, session: Session, seen: ReaderState, run: _Run, err: Exception, *, last_try: bool
    ) -> None:
        """Re-raise ``err`` as the verdict, or return to try the reader again.

        A card that vanished mid-command shows as a PC/SC error or (vpcd) an empty answer. If
        the reader turns empty within a poll, it was pulled. If it vanished before its first
        answer and the reader still holds a card, pcscd's state predated a card swap (vpcd: a
        card swapped within one poll leaves no event, the "missed next insertion"): retry.
        """
        vanished = isinstance(err, Removed | EmptyAnswer) or (
            isinstance(err, PcscError) and err.stage in ("removed", "no_card")
        )
        if not vanished:
            raise err
        now = await next_state(session, seen)
        if now is not None and not now.present:
            raise Removed from err
        if run.selects or last_try:
            raise err if isinstance(err, EmptyAnswer) else Removed() from err
        log.info("card lost before its first answer, a card is still in: retrying")

    async def _interrogate(
        self,
        session: Session,
        context: Context,
        state: ReaderState,
        run: _Run,
        progress: ProgressCallback,
    ) -> bool:
        """Connect, read the ATR, list the applications. True if a payment directory exists."""
        run.reader, run.step, run.atr = state.reader, "connect", None
        if state.event & STATE_MUTE:  # present, but gave no ATR at power-up
            raise PcscError(0x80100066, "powering the card")
        progress(0.5, Text(QT_TR_NOOP("Reading the card's chip")))
        t_seen = time.perf_counter()
        card = await session.connect(context, state.reader, self.answer_timeout_s)
        run.atr = await session.call(card.atr, "reading the ATR", self.answer_timeout_s)
        run.times["atr_ms"] = (time.perf_counter() - t_seen) * 1000
        run.step = "select"
        progress(0.6, Text(QT_TR_NOOP("Asking the card for its payment applications")))
        t0 = time.perf_counter()
        query = CardQuery(session, card, self.answer_timeout_s)
        run.selects, run.apps = query.selects, query.apps  # shared: filled in as it goes
        try:
            return await query.run()
        finally:
            run.times["select_ms"] = (time.perf_counter() - t0) * 1000


def _name(app: emv.PaymentApp) -> str:
    return app.label or app.network or app.aid.hex().upper()
