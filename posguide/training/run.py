"""An action the trainee has taken, while its effects play out: a restart is dark for a while
before the terminal signs in again, so what is seen is read twice, from the shop's state at
each moment, and never the end before it happens."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence

from posguide.flow.model import LocalText
from posguide.training.model import TrainingAction


class ActionRun:
    """``observation``: what is seen right after the action. ``settle_s``: real seconds
    (scaled by the session's speed) until its effects are over, 0 when they are at once;
    ``remaining_s()`` counts down. ``settled()`` waits until they are over (on the effects
    themselves, not a clock) and returns what is seen then; None when there is nothing to
    see or a reset (a new incident) or the session's end came first."""

    def __init__(
        self,
        action: TrainingAction,
        observation: LocalText | None,
        settle_s: float,
        running: Sequence[asyncio.Task[None]],
        observe: Callable[[], LocalText | None],
    ) -> None:
        self.action, self.observation, self.settle_s = action, observation, settle_s
        self._running, self._observe = tuple(running), observe
        self._ends = time.monotonic() + settle_s

    @property
    def id(self) -> str:
        return self.action.id

    @property
    def label(self) -> LocalText:
        return self.action.label

    def remaining_s(self) -> float:
        """Seconds left until the effects should be over, for a countdown (never below 0)."""
        return max(0.0, self._ends - time.monotonic())

    @property
    def done(self) -> bool:
        return all(task.done() for task in self._running)

    async def settled(self) -> LocalText | None:
        if self._running:
            await asyncio.wait(self._running)
        return self._observe()
