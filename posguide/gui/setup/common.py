"""What every page of the setup assistant shares: running a check on the asyncio loop without
blocking the window, a result line in plain words, and errors shown beside their field."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget, QWizardPage

from posguide.gui.i18n import translate

if TYPE_CHECKING:
    from posguide.setup.draft import ShopDraft

T = TypeVar("T")
GOOD = "#2da44e"
BAD = "#cf222e"


def result_label(name: str) -> QLabel:
    """A line that says what a check found, selectable so it can be read to support."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def say(label: QLabel, text: str, *, ok: bool | None = None) -> None:
    colour = "" if ok is None else (GOOD if ok else BAD)
    label.setStyleSheet(f"color: {colour};" if colour else "")
    label.setText(text)


def error_label() -> QLabel:
    """The message beside a field whose value was refused; hidden while there is none."""
    label = result_label("fieldError")
    label.setStyleSheet(f"color: {BAD};")
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class CheckRunner:
    """Runs a page's checks as tasks on the window's asyncio loop (qasync); a page that goes
    away cancels what it started, so no late answer lands on a deleted label."""

    def __init__(self, owner: QWidget) -> None:
        self.owner = owner
        self.tasks: set[asyncio.Task[Any]] = set()

    def run(
        self,
        work: Awaitable[T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None],
    ) -> asyncio.Task[T]:
        task: asyncio.Task[T] = asyncio.ensure_future(work)
        self.tasks.add(task)

        def finished(t: asyncio.Task[T]) -> None:
            self.tasks.discard(t)
            if t.cancelled():
                return
            error = t.exception()
            if error is not None:
                failed(error)
            else:
                done(t.result())

        task.add_done_callback(finished)
        return task

    @property
    def busy(self) -> bool:
        return bool(self.tasks)

    def cancel(self) -> None:
        for task in list(self.tasks):
            task.cancel()
        self.tasks.clear()


async def send_test_alert(data_root: Path, language: str, channel: Any) -> Any:
    """One test message through the alert sender (its result: ok, detail)."""
    from posguide.alerts import AlertSender
    from posguide.store import IncidentStore

    with IncidentStore.open(data_root / "posguide.db") as store:
        async with AlertSender(store, delays=(0,)) as sender:
            return await sender.send_test(channel, language="en" if language == "en" else "zh_CN")


class DraftHost(Protocol):
    """What hosts the pages: the setup assistant, or the console's settings."""

    path: Path
    data_root: Path

    @property
    def draft(self) -> ShopDraft: ...

    def accept_page(self, page: Page) -> bool: ...

    async def send_test_alert(self, channel: Any) -> Any: ...


def accept_page(host: DraftHost, page: Page) -> bool:
    """Next (or leaving a section): the draft so far must be a valid configuration as far as
    ``page`` goes; its refused values are shown beside their fields."""
    from posguide.config import ConfigError
    from posguide.setup.draft import preview, problems_of

    try:
        preview(host.path, host.draft)
    except ConfigError as err:
        return not page.show_problems(problems_of(err, translate))
    page.show_problems([])
    return True


class Page(QWizardPage):
    """A page with checks, errors by config key (``"shop.name"`` -> its label) and, for the
    pages that show what is plugged in, a live list redrawn while the page is open."""

    assistant: DraftHost

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checks = CheckRunner(self)
        self.errors: dict[str, QLabel] = {}
        self.poll = QTimer(self)
        self.poll.timeout.connect(self.refresh)
        self._listing: asyncio.Task[Any] | None = None

    def list_live(self, every_ms: int) -> None:
        """List now, then every ``every_ms`` while the page is open."""
        self.poll.setInterval(every_ms)
        self.refresh()
        self.poll.start()

    async def list_now(self) -> Any:
        """What a live page lists (ports, readers); run off the window's thread."""

    def show_listing(self, found: Any) -> None:
        """Redraw the live list."""

    def listing_failed(self, error: BaseException) -> None:
        """Say why nothing could be listed."""

    def refresh(self) -> None:
        if self._listing is not None and not self._listing.done():
            return  # the one under way answers first
        self._listing = self.checks.run(self.list_now(), self.show_listing, self.listing_failed)

    def store_fields(self) -> None:
        """Put the page's fields into the draft."""

    def validatePage(self) -> bool:  # Next: the draft so far must be valid for this page
        self.store_fields()
        self.poll.stop()
        return bool(self.assistant.accept_page(self))

    def owns(self, key: str) -> bool:
        """Whether a refused key belongs on this page."""
        return any(key == k or key.startswith(k + ".") or key.startswith(k + "[")
                   for k in self.errors)  # fmt: skip

    def show_problems(self, problems: list[tuple[str, str]]) -> bool:
        """Put each problem beside its field; True when one was this page's."""
        mine = False
        for label in self.errors.values():
            show_error(label, "")
        for key, message in problems:
            for prefix, label in self.errors.items():
                if key == prefix or key.startswith(prefix + ".") or key.startswith(prefix + "["):
                    show_error(label, (label.text() + "\n" if label.isVisible() else "") + message)
                    mine = True
                    break
        return mine

    def cleanupPage(self) -> None:  # Back: what this page started is of no more use
        self.stop()
        super().cleanupPage()

    def stop(self) -> None:
        """The page is left or the assistant closes: nothing of it may run on."""
        self.poll.stop()
        self.checks.cancel()


def cancel_quietly(task: asyncio.Task[Any] | None) -> None:
    if task is not None:
        with contextlib.suppress(RuntimeError):
            task.cancel()
