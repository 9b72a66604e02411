"""The escalation countdown: fire once when an incident has lasted ``minutes``. Qt-free.

Wall-clock based (``started_at`` comes from the store), polled in short sleeps rather than one
long sleep, so a PC clock change or a suspended laptop still fires on time. The wizard shows
``remaining()`` and, in the callback, raises the banner/tray/sound and starts the AlertSender.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from posguide.timeutil import now as local_now

log = logging.getLogger("posguide.alerts")


class EscalationTimer:
    def __init__(
        self,
        started_at: datetime,
        minutes: float,
        on_deadline: Callable[[], None],
        *,
        clock: Callable[[], datetime] = local_now,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        max_tick_s: float = 1.0,
    ) -> None:
        if started_at.tzinfo is None:
            raise ValueError("started_at must carry its UTC offset (see posguide.timeutil)")
        self.started_at = started_at
        self.deadline = started_at + timedelta(minutes=minutes)
        self.on_deadline = on_deadline
        self.clock, self.sleep, self.max_tick_s = clock, sleep, max_tick_s
        self._fired = False
        self._task: asyncio.Task[None] | None = None

    @property
    def fired(self) -> bool:
        return self._fired

    def remaining(self) -> timedelta:
        """Time left until the deadline; zero once it has passed."""
        return max(timedelta(0), self.deadline - self.clock())

    def elapsed(self) -> timedelta:
        return max(timedelta(0), self.clock() - self.started_at)

    def check(self) -> bool:
        """Fire if the deadline has passed and it has not fired yet; True once fired.

        Safe to call from any tick (the GUI's one-second timer); the callback runs only once.
        """
        if not self._fired and self.clock() >= self.deadline:
            self._fired = True  # set first: a raising callback must not fire again
            try:
                self.on_deadline()
            except Exception:
                log.exception("escalation callback failed")
        return self._fired

    def start(self) -> asyncio.Task[None]:
        """Run the countdown on the current loop; returns its task (``cancel()`` stops it)."""
        if self._task is None or self._task.done():
            self._task = asyncio.ensure_future(self.run())
        return self._task

    async def run(self) -> None:
        while not self.check():
            await self.sleep(min(self.remaining().total_seconds(), self.max_tick_s))

    def cancel(self) -> None:
        """Stop counting (the incident was resolved); a fired timer stays fired."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
