"""Run one call in a child process that can really be stopped: a wall-clock limit for everyone,
and on Linux an address-space cap.

A thread cannot be killed, and a C decoder stuck in a hostile file never looks at a flag; ending
its process is the only way to stop it and get its memory back. The caller waits at most
``timeout_s`` after the child started, whatever the child does.

Children come from a fork server where there is one (Linux, macOS): it is started once with the
``preload`` modules imported, so each call costs a fork, not an interpreter start. Windows has no
fork: each call spawns a fresh interpreter (``multiprocessing.freeze_support()`` in the launcher
keeps that working in a frozen build), and only the time limit applies there.

The fork server's ``preload`` is the first call's (it starts once per process); modules a later
call needs are imported in its child. As with all of multiprocessing, the program's main module
must start its work under ``if __name__ == "__main__":`` since children import it.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import sys
from collections.abc import Callable, Sequence
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

T = TypeVar("T")

#: How children start: Windows can only spawn (tests set "spawn" to try that path elsewhere).
START_METHOD = "spawn" if sys.platform == "win32" else "forkserver"
_preloaded: tuple[str, ...] | None = None


class WorkerTimeout(Exception):
    """The call did not finish within its time limit; the child was killed."""


class WorkerOutOfMemory(Exception):
    """The call needed more memory than its cap."""


class WorkerFailed(Exception):
    """The call raised (message: the exception's type and text) or the child died."""


def run_in_child(
    func: Callable[..., T],
    *args: Any,
    timeout_s: float,
    memory_bytes: int,
    preload: Sequence[str] = (),
) -> T:
    """``func(*args)`` in a child process; its return value must pickle, and so must ``args``."""
    ctx = _context(tuple(preload))
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(  # type: ignore[attr-defined]
        target=_child_main, args=(sender, func, args, memory_bytes), daemon=True
    )
    try:
        child.start()
        sender.close()  # the child holds the only writer: its death is an EOF here
        if not receiver.poll(timeout_s):
            raise WorkerTimeout
        try:
            kind, value = receiver.recv()
        except EOFError:  # killed (e.g. by the kernel) or crashed in C
            child.join(1.0)
            raise WorkerFailed(f"the worker process ended with code {child.exitcode}") from None
    finally:
        if child.is_alive():
            child.kill()
        if child.pid is not None:
            child.join()
        receiver.close()
        sender.close()
    if kind == "memory":
        raise WorkerOutOfMemory
    if kind == "raised":
        raise WorkerFailed(value)
    return value  # type: ignore[no-any-return]


def _child_main(
    sender: multiprocessing.connection.Connection,
    func: Callable[..., Any],
    args: tuple[Any, ...],
    memory_bytes: int,
) -> None:
    try:
        _cap_memory_linux(memory_bytes)
        answer: tuple[str, Any] = ("ok", func(*args))
    except MemoryError:
        answer = ("memory", None)
    except Exception as err:  # reported to the parent; a traceback would go nowhere
        answer = ("raised", f"{type(err).__name__}: {err}")
    try:
        sender.send(answer)
    except MemoryError:  # pickling a large answer under the cap
        sender.send(("memory", None))
    sender.close()


def _cap_memory_linux(limit: int) -> None:
    """Cap the child's address space. Linux only: macOS does not enforce RLIMIT_AS and Windows
    has no rlimits (a job object would be the way there)."""
    if sys.platform == "linux":
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _context(preload: tuple[str, ...]) -> BaseContext:
    global _preloaded  # noqa: PLW0603 - the fork server is one per process, like its preload
    ctx = multiprocessing.get_context(START_METHOD)
    if START_METHOD == "forkserver" and _preloaded is None:
        _preloaded = preload
        # Not "__main__": the fork server would import the running program's main module.
        ctx.set_forkserver_preload(list(preload))
    return ctx
