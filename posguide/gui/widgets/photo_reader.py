"""Reading a photo's bytes off the UI thread: a size-limited file read or an image encoded as PNG
or JPEG, run on the global thread pool, with the result or the failure delivered as a signal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QObject, QRunnable, Signal
from PySide6.QtGui import QImage, QImageWriter

from posguide.probes.errors import error_kind

log = logging.getLogger("posguide.gui.photos")
TOO_BIG = "<too big>"  # a worker's reason that is no error kind


def encode(image: QImage, fmt: str, quality: int = -1) -> bytes:
    """The image as PNG or JPEG bytes (QImage is safe to use off the UI thread)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, fmt.encode())
    writer.setQuality(quality)
    if not writer.write(image):
        raise OSError(writer.errorString())
    return bytes(buffer.data().data())


class TooBig(Exception):
    """The file grew past the limit between the size check and the read."""


def read_limited(path: Path, limit: int) -> bytes:
    with path.open("rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise TooBig
    return data


class ReadResults(QObject):
    """Results from the pool, delivered on the UI thread (queued across threads)."""

    read = Signal(object, str)  # bytes, source
    failed = Signal(str, str)  # name, error kind (posguide.probes.errors) or TOO_BIG


class ReadJob(QRunnable):
    """Runs ``work`` on a pool thread and reports its bytes, or why there are none, once."""

    def __init__(
        self, work: Callable[[], bytes], source: str, name: str, done: ReadResults
    ) -> None:
        super().__init__()
        self._work, self._source, self._name, self._done = work, source, name, done

    def run(self) -> None:
        try:
            data = self._work()
        except TooBig:
            self._done.failed.emit(self._name, TOO_BIG)
        except OSError as exc:  # the kind ("denied") for staff; the system's words to the log
            log.info("reading %s failed: %s", self._name, exc)
            self._done.failed.emit(self._name, error_kind(exc))
        except Exception:  # never leave the strip waiting for an answer
            log.exception("reading %s failed", self._name)
            self._done.failed.emit(self._name, "error")
        else:
            self._done.read.emit(data, self._source)
