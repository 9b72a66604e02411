"""Awaiting several things side by side without leaving any of them behind.

``asyncio.gather`` returns at the first error and lets the others run on, owned by nobody: a
payment check whose progress callback failed once left its other connection attempts running
after the check had ended (seen in CI, where they then reported into a closed window).
``gather_all`` cancels the others and waits until they have stopped before it raises that first
error, as gather would. (``asyncio.TaskGroup`` stops them too, but wraps the error in an
ExceptionGroup that every caller would have to unwrap.)"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

T = TypeVar("T")


async def gather_all(*awaitables: Awaitable[T]) -> list[T]:
    """The results in the given order; on an error (or cancellation) nothing is left running."""
    tasks = [asyncio.ensure_future(a) for a in awaitables]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
