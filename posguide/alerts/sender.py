"""Delivering escalation alerts: once per incident and channel, retried, every attempt recorded.

"Already sent" is read back from the store's escalation rows (kind "alert", channel = label),
not kept in memory, so a restart or a second call never floods the group chat. A round ends
after ``len(delays)`` attempts; a round cut short by a crash resumes at the next attempt.
Nothing logged or recorded carries a key, token, URL query or signature.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

import aiohttp
from yarl import URL

from posguide.alerts.compose import compose_test
from posguide.alerts.payloads import Prepared, build_request, check_answer
from posguide.config import AlertChannel
from posguide.privacy import mask_card_numbers
from posguide.reports.strings import Language
from posguide.store.errors import StoreError
from posguide.store.models import IncidentDetail
from posguide.timeutil import parse_iso

log = logging.getLogger("posguide.alerts")
DELAYS = (0.0, 5.0, 30.0)  # before attempts 1, 2, 3
MAX_ANSWER_BYTES = 65536
MAX_DETAIL = 200
MASK = "***"


class AnswerTooLarge(Exception):
    pass


async def read_bounded(stream: aiohttp.StreamReader, limit: int) -> bytes:
    """The whole body, however many TCP segments it comes in; AnswerTooLarge past ``limit``."""
    data = bytearray()
    while chunk := await stream.read(limit + 1 - len(data)):
        data += chunk
        if len(data) > limit:
            raise AnswerTooLarge
    return bytes(data)


class EscalationLog(Protocol):
    """The part of IncidentStore the sender uses."""

    def get_incident(self, incident_id: int) -> IncidentDetail: ...

    def record_escalation(
        self, incident_id: int, *, kind: str, channel: str, attempt: int, ok: bool, detail: str
    ) -> None: ...


@dataclass(frozen=True)
class ChannelResult:
    channel: str  # the label: the channel's name, or its kind when unnamed
    ok: bool  # delivered, now or earlier
    attempts: int = 0  # made by this call
    skipped: str = ""  # "already_sent", "gave_up" (earlier round failed) or "disabled"
    detail: str = ""  # last reason, secret-free


@dataclass(frozen=True)
class AttemptReport:
    """One delivery attempt, as it happens: for a status line that never says "sending" after
    the attempt has failed. ``next_in_s``: seconds until the next attempt; None: no more."""

    channel: str
    attempt: int
    ok: bool
    detail: str
    next_in_s: float | None


OnAttempt = Callable[[AttemptReport], None]


def channel_label(channel: AlertChannel) -> str:
    return channel.name or channel.kind


def scrub(text: str, secrets: Iterable[str]) -> str:
    """``text`` without any secret (longest first), card numbers masked, cut short."""
    # Also as URL-quoted, the form in which a key or signature appears inside a URL.
    variants = {v for s in secrets if s for v in (s, quote(s, safe=""))}
    for secret in sorted(variants, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return mask_card_numbers(text)[:MAX_DETAIL]


class AlertSender:
    """One aiohttp session for all alerts; use ``async with`` or call ``close()``."""

    def __init__(
        self,
        store: EscalationLog,
        *,
        delays: Sequence[float] = DELAYS,
        timeout_s: float = 10.0,
        clock: Callable[[], float] = time.time,
        trust_env: bool = True,  # shop networks may need the system's HTTP proxy
    ) -> None:
        if not delays:
            raise ValueError("delays needs at least one entry (the first attempt's)")
        self.store, self.delays, self.timeout_s, self.clock = store, tuple(delays), timeout_s, clock
        self._trust_env = trust_env
        self._session: aiohttp.ClientSession | None = None
        self._rounds: dict[tuple[int, str], asyncio.Task[ChannelResult]] = {}

    async def __aenter__(self) -> AlertSender:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        rounds = list(self._rounds.values())
        for task in rounds:
            task.cancel()
        await asyncio.gather(*rounds, return_exceptions=True)
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None:  # created lazily: aiohttp wants a running loop
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.timeout_s), trust_env=self._trust_env
            )
        return self._session

    async def send_escalation(
        self,
        incident_id: int,
        channels: Iterable[AlertChannel],
        message: str,
        *,
        on_attempt: OnAttempt | None = None,
        again: bool = False,
    ) -> list[ChannelResult]:
        """Alert every enabled channel not yet alerted for this incident, in parallel, telling
        ``on_attempt`` of each attempt. ``again``: the cashier asks to try once more a channel
        whose round has given up (one attempt now, recorded as the next)."""
        detail = self.store.get_incident(incident_id)
        waits: list[asyncio.Future[ChannelResult]] = []
        for channel in channels:
            label = channel_label(channel)
            key = (incident_id, label)
            earlier = [e for e in detail.escalations if e.kind == "alert" and e.channel == label]
            if not channel.enabled:
                waits.append(_done(ChannelResult(label, False, skipped="disabled")))
            elif key in self._rounds:  # a second caller waits for the round under way
                waits.append(asyncio.shield(self._rounds[key]))
            elif any(e.ok for e in earlier):
                waits.append(_done(ChannelResult(label, True, skipped="already_sent")))
            elif len(earlier) >= len(self.delays) and not again:
                last = earlier[-1].detail
                waits.append(_done(ChannelResult(label, False, skipped="gave_up", detail=last)))
            else:
                first = len(earlier) + 1
                coro = self._round(detail, channel, message, first=first, on_attempt=on_attempt,
                                   last=max(first, len(self.delays)))  # fmt: skip
                task = self._rounds[key] = asyncio.ensure_future(coro)
                task.add_done_callback(functools.partial(self._forget, key))
                waits.append(task)  # not shielded: cancelling this call cancels the round
        return list(await asyncio.gather(*waits))

    def _forget(self, key: tuple[int, str], _task: object) -> None:
        self._rounds.pop(key, None)

    async def _round(
        self,
        detail: IncidentDetail,
        channel: AlertChannel,
        message: str,
        *,
        first: int,
        last: int,
        on_attempt: OnAttempt | None,
    ) -> ChannelResult:
        label, incident_id = channel_label(channel), detail.incident.id
        reason, made = "", 0
        for attempt in range(first, last + 1):
            # Past the schedule (a retry asked for by the cashier): at once.
            await asyncio.sleep(self.delays[attempt - 1] if attempt <= len(self.delays) else 0.0)
            made += 1
            reason = await self._attempt(channel, message, _event(detail, self.clock()))
            self._record(incident_id, label, attempt, reason)
            if on_attempt is not None:
                more = attempt < last
                next_in = self.delays[attempt] if more and attempt < len(self.delays) else None
                on_attempt(AttemptReport(label, attempt, not reason, reason or "ok",
                                         None if not reason else next_in))  # fmt: skip
            if not reason:
                log.info("alert for incident %d sent to %s (%s)", incident_id, label, channel.kind)
                return ChannelResult(label, True, made, detail="ok")
            log.warning(
                "alert for incident %d to %s (%s), attempt %d failed: %s",
                incident_id, label, channel.kind, attempt, reason,
            )  # fmt: skip
        return ChannelResult(label, False, made, detail=reason)

    def _record(self, incident_id: int, label: str, attempt: int, reason: str) -> None:
        try:
            self.store.record_escalation(
                incident_id, kind="alert", channel=label, attempt=attempt,
                ok=not reason, detail=reason or "ok",
            )  # fmt: skip
        except StoreError as err:  # the alert matters more than its record
            log.error("could not record alert attempt for incident %d: %s", incident_id, err)

    async def _attempt(
        self, channel: AlertChannel, message: str, event: dict[str, Any] | None = None
    ) -> str:
        """One POST; "" when accepted, else a short reason without secrets."""
        prepared: Prepared | None = None
        try:
            # Everything staff or the store wrote leaves masked, whoever composed the message.
            message, event = mask_card_numbers(message), _masked(event)
            prepared = build_request(channel, message, now_s=self.clock(), event=event)
            url = URL(prepared.url, encoded=True)  # no re-quoting: it would break the sign
            # A webhook that moved must be fixed in the settings: following a 302 would turn the
            # POST into a GET without the message, a 307 would post it to another host.
            post = self._http().post(url, json=prepared.body, allow_redirects=False)
            async with post as response:
                if 300 <= response.status < 400:
                    reason = f"HTTP {response.status}: redirected elsewhere, not followed"
                else:
                    raw = await read_bounded(response.content, MAX_ANSWER_BYTES)
                    reason = check_answer(channel.kind, response.status, raw) or ""
        except AnswerTooLarge:
            reason = f"answer larger than {MAX_ANSWER_BYTES // 1024} KiB"
        except TimeoutError:
            reason = f"no answer within {self.timeout_s:g} s"
        except (aiohttp.ClientError, ValueError, OSError) as err:
            reason = f"{type(err).__name__}: {err}"
        hidden = prepared.hidden if prepared else ()
        return scrub(reason, [*channel.secret_values(), *hidden])

    async def send_test(
        self,
        channel: AlertChannel,
        *,
        language: Language = "zh_CN",
        message: str | None = None,
        incident_id: int | None = None,
    ) -> ChannelResult:
        """The settings' "send test alert": one attempt, recorded only under an incident."""
        label = channel_label(channel)
        reason = await self._attempt(channel, message or compose_test(label, language))
        if incident_id is not None:
            with contextlib.suppress(StoreError):
                self.store.record_escalation(
                    incident_id, kind="test", channel=label, attempt=1,
                    ok=not reason, detail=reason or "ok",
                )  # fmt: skip
        log.info("test alert to %s (%s): %s", label, channel.kind, reason or "ok")
        return ChannelResult(label, not reason, 1, detail=reason or "ok")


def _done(result: ChannelResult) -> asyncio.Future[ChannelResult]:
    future: asyncio.Future[ChannelResult] = asyncio.get_running_loop().create_future()
    future.set_result(result)
    return future


def _masked(value: Any) -> Any:
    """``value`` with card numbers masked in every string inside it."""
    if isinstance(value, str):
        return mask_card_numbers(value)
    if isinstance(value, dict):
        return {key: _masked(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(item) for item in value]
    return value


def _event(detail: IncidentDetail, now_s: float) -> dict[str, Any]:
    """Incident fields for the generic webhook (robots get only the text)."""
    inc = detail.incident
    started = parse_iso(inc.started_at).timestamp()
    return {
        "incident_id": inc.id,
        "uid": inc.uid,
        "terminal": inc.terminal,
        "symptom": inc.symptom,
        "error_code": inc.error_code,
        "started_at": inc.started_at,
        "elapsed_min": max(0, int((now_s - started) // 60)),
        "training": inc.training,
        "steps": [{"step": s.step_key, "status": s.status} for s in detail.steps],
    }
