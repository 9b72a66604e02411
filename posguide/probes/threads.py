"""Blocking calls (pyscard, pyserial, getaddrinfo) off the event loop, each with a deadline.

Each call gets its own daemon thread rather than a slot in the loop's default executor: a mute
card blocks ``transmit`` forever, and a handful of those would exhaust a shared pool and stall
every later probe. A thread that outlives its deadline is abandoned; being a daemon, it does not
keep the app from exiting.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


async def run_blocking(fn: Callable[[], T], *, timeout_s: float, name: str = "probe") -> T:
    """Run ``fn()`` in a fresh daemon thread; raise TimeoutError after ``timeout_s``."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def deliver(value: T | None, error: BaseException | None) -> None:
        if future.done():  # timed out or cancelled meanwhile
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(value)  # type: ignore[arg-type]

    def body() -> None:
        try:
            value = fn()
        except BaseException as err:  # delivered to the awaiting coroutine
            if not loop.is_closed():
                loop.call_soon_threadsafe(deliver, None, err)
            return
        if not loop.is_closed():
            loop.call_soon_threadsafe(deliver, value, None)

    threading.Thread(target=body, name=f"posguide-{name}", daemon=True).start()
    # Not asyncio.wait_for: on Python 3.11 it returns the result when the cancel lands after the
    # thread delivered but before the task woke (CPython gh-86296), and the cancelled check went
    # on: seen in CI as a payment check still connecting after the wizard had moved on.
    async with asyncio.timeout(timeout_s):
        return await future
