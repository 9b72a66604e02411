"""Count the turns of the running event loop: "the loop kept turning" without a clock."""

from __future__ import annotations

import asyncio


class LoopTurns:
    """``async with LoopTurns() as turns: ...`` then ``turns.count``: how many times the loop
    ran other work while the block waited."""

    def __init__(self) -> None:
        self.count = 0
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> LoopTurns:
        self._task = asyncio.create_task(self._turn())
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._stop.set()
        assert self._task is not None
        await self._task

    async def _turn(self) -> None:
        while not self._stop.is_set():
            await asyncio.sleep(0)
            self.count += 1
