"""The console's reads, off the GUI thread: one reader thread owns the console's data source
(and its database connection); each call's result comes back by signal to the GUI thread.

A view that asks again before an answer came (the manager typing in the search box) cancels
the older request, so a late answer never overwrites a newer one. A long job (an export of
100,000 incidents takes seconds) runs ``apart``: on its own thread and connection, so the
history keeps scrolling meanwhile. Closing never waits: queued reads are dropped, a running one
finishes on its thread, and the connection is closed there.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal

from posguide.console.source import IncidentSource

log = logging.getLogger("posguide.gui")
T = TypeVar("T")


class Request(Generic[T]):
    def __init__(self, done: Callable[[T], None], failed: Callable[[Exception], None]) -> None:
        self.done, self.failed = done, failed
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class Reader(QObject):
    """``request(call, done)`` runs ``call(source)`` on the reader thread, then ``done(result)``
    here. ``failed`` gets the exception instead (default: ``errorRaised``)."""

    _answered = Signal(object, object, object)  # request, result, exception
    errorRaised = Signal(str)  # a read failed and its asker has no handler: say it to the manager

    def __init__(self, open_source: Callable[[], IncidentSource], parent: QObject | None = None):
        super().__init__(parent)
        self._open_source = open_source
        self._source: IncidentSource | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="console-reader")
        self._apart = ThreadPoolExecutor(max_workers=1, thread_name_prefix="console-export")
        self._answered.connect(self._deliver)
        self._closed = False

    def request(
        self,
        call: Callable[[IncidentSource], T],
        done: Callable[[T], None],
        failed: Callable[[Exception], None] | None = None,
        *,
        apart: bool = False,
    ) -> Request[T]:
        request: Request[T] = Request(done, failed or self._report)
        if self._closed:
            request.cancel()
            return request
        if apart:
            future = self._apart.submit(self._run_apart, call)
        else:
            future = self._pool.submit(self._run, call)
        future.add_done_callback(lambda f: self._finished(request, f))
        return request

    def _run(self, call: Callable[[IncidentSource], T]) -> T:
        if self._closed:  # queued before the console closed: not worth starting
            raise _Closed
        if self._source is None:
            self._source = self._open_source()
        return call(self._source)

    def _run_apart(self, call: Callable[[IncidentSource], T]) -> T:
        source = self._open_source()
        try:
            return call(source)
        finally:
            source.close()

    def _finished(self, request: Request[Any], future: Future[Any]) -> None:
        # On the reader thread: hand over to the GUI thread (a queued signal).
        if future.cancelled() or self._closed:
            return
        error = future.exception()
        with contextlib.suppress(RuntimeError):  # the reader was deleted meanwhile
            self._answered.emit(request, None if error else future.result(), error)

    def _deliver(self, request: Request[Any], result: object, error: BaseException | None) -> None:
        if request.cancelled or self._closed:
            return
        if error is None:
            request.done(result)
        elif isinstance(error, Exception):
            request.failed(error)

    def _report(self, error: Exception) -> None:
        log.warning("console read failed: %s", error)
        self.errorRaised.emit(str(error))

    def close(self) -> None:
        """Stop without waiting: queued reads are dropped, a running one finishes on its thread
        (an export is finished, its file written), then the connection is closed there."""
        if self._closed:
            return
        self._closed = True
        self._pool.submit(self._close_source)
        self._pool.shutdown(wait=False)
        self._apart.shutdown(wait=False)

    def _close_source(self) -> None:
        if self._source is not None:
            self._source.close()
            self._source = None


class _Closed(Exception):
    """A read queued when the console closed."""
