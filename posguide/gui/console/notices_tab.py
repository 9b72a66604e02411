"""Maintenance notices typed in by the manager (providers in China announce many by SMS or
WeChat): the current ones, add one, paste the SMS to fill the window, edit, withdraw.

They are this PC's database's ``manual_notices`` (``posguide notice`` on the command line); the
notice check reads them with the feeds. Each change is a short write on a worker thread. A notice
is never changed in place: editing withdraws it and adds the corrected one, so what staff were
shown stays on record.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posguide.gui.dialogs import ask
from posguide.gui.focus import guard_wheel
from posguide.gui.setup.common import CheckRunner, result_label, say
from posguide.probes.notices.sms import parse_notice_text
from posguide.store import IncidentStore
from posguide.store.notices import (
    ManualNotice,
    add_manual_notice,
    current_manual_notices,
    withdraw_manual_notice,
)
from posguide.timeutil import now

Providers = Callable[[], list[tuple[str, str]]]
SHANGHAI = ZoneInfo("Asia/Shanghai")  # SMS times are the provider's wall clock (北京时间)


def _qt(moment: datetime) -> QDateTime:
    """A moment as the date-time edit shows it: this PC's wall clock, to the minute."""
    day = QDate(moment.year, moment.month, moment.day)
    return QDateTime(day, QTime(moment.hour, moment.minute))


def _moment(edit: QDateTimeEdit) -> datetime:
    """What the edit shows, as an aware moment on this PC's clock."""
    shown = edit.dateTime()
    day, time = shown.date(), shown.time()
    return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute()).astimezone()


def _store_call(database: Path, work: Callable[[IncidentStore], Any]) -> Any:
    with IncidentStore.open(database) as store:
        return work(store)


class NoticesTab(QWidget):
    changed = Signal()  # the list was read again (tests wait on it)

    def __init__(self, data_root: Path, providers: Providers) -> None:
        super().__init__()
        self.database = data_root / "posguide.db"
        self.providers = providers
        self.checks = CheckRunner(self)
        self.notices: list[ManualNotice] = []
        self.editing: ManualNotice | None = None

        self.list = QListWidget()
        self.list.setObjectName("noticeList")
        self.list.currentRowChanged.connect(self._picked)
        self.sms = QPlainTextEdit()
        self.sms.setObjectName("noticeSms")
        self.sms.setTabChangesFocus(True)
        self.fill_button = QPushButton()
        self.fill_button.setObjectName("fillFromSms")
        self.fill_button.clicked.connect(self.fill_from_sms)
        self.provider = guard_wheel(QComboBox())
        self.provider.setObjectName("noticeProvider")
        self.title = QLineEdit()
        self.title.setObjectName("noticeTitle")
        self.starts = guard_wheel(QDateTimeEdit())
        self.ends = guard_wheel(QDateTimeEdit())
        for edit in (self.starts, self.ends):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
        self.open_end = QCheckBox()
        self.add_button, self.withdraw_button = QPushButton(), QPushButton()
        self.add_button.setObjectName("addNotice")
        self.withdraw_button.setObjectName("withdrawNotice")
        self.add_button.clicked.connect(self.add)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.status = result_label("noticeStatus")
        self.labels = [QLabel() for _ in range(6)]
        self.labels[0].setBuddy(self.list)
        self.labels[1].setBuddy(self.sms)

        form = QFormLayout()
        for label, field in zip(self.labels[2:], (self.provider, self.title, self.starts,
                                                  self.ends), strict=True):  # fmt: skip
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.open_end)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.withdraw_button)
        left = QVBoxLayout()
        left.addWidget(self.labels[0])
        left.addWidget(self.list, 1)
        right = QVBoxLayout()
        right.addWidget(self.labels[1])
        right.addWidget(self.sms)
        right.addWidget(self.fill_button)
        right.addLayout(form)
        right.addLayout(buttons)
        right.addWidget(self.status)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self._retranslate()
        self._clear_form()

    # --- reading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.provider.currentData()
        self.provider.clear()
        for provider_id, name in self.providers():
            self.provider.addItem(name, provider_id)
        self.provider.setCurrentIndex(max(self.provider.findData(current), 0))
        self.checks.run(
            asyncio.to_thread(_store_call, self.database, current_manual_notices),
            self._show,
            self._failed,
        )

    def _show(self, notices: list[ManualNotice]) -> None:
        self.notices = notices
        self.list.clear()
        names = dict(self.providers())
        for n in notices:
            until = f" – {n.ends.astimezone():%m-%d %H:%M}" if n.ends else ""
            provider = names.get(n.provider_id, n.provider_id)
            text = f"{n.starts.astimezone():%m-%d %H:%M}{until}  {provider}  {n.title}"
            item = QListWidgetItem(text)
            item.setToolTip(n.body or n.title)
            self.list.addItem(item)
        if not notices:
            self.list.addItem(self.tr("(no current notice)"))
        self.changed.emit()

    def _failed(self, error: BaseException) -> None:
        say(self.status, str(error), ok=False)
        self.changed.emit()

    def _picked(self, row: int) -> None:
        """A notice picked in the list is loaded into the form, to correct or withdraw it."""
        if not 0 <= row < len(self.notices):
            self.editing = None
            return
        n = self.notices[row]
        self.editing = n
        self.provider.setCurrentIndex(max(self.provider.findData(n.provider_id), 0))
        self.title.setText(n.title)
        self.sms.setPlainText(n.body)
        self.starts.setDateTime(_qt(n.starts.astimezone()))
        self.open_end.setChecked(n.ends is None)
        if n.ends is not None:
            self.ends.setDateTime(_qt(n.ends.astimezone()))
        self.add_button.setText(self.tr("Save the c&orrection"))

    # --- writing -------------------------------------------------------------------------------

    def fill_from_sms(self) -> None:
        text = self.sms.toPlainText()
        found = parse_notice_text(text, now=now(), tz=SHANGHAI)
        if not found:
            say(self.status, self.tr("No date and time found in this text: fill them in below."),
                ok=False)  # fmt: skip
            return
        first = found[0]
        self.title.setText(first.title)
        self.starts.setDateTime(_qt(first.starts.astimezone()))
        self.open_end.setChecked(first.ends is None)
        if first.ends is not None:
            self.ends.setDateTime(_qt(first.ends.astimezone()))
        more = len(found) - 1
        say(self.status, self.tr("Filled in from the text.") + (
            " " + self.tr("It names {more} more window(s): add them one by one.")
            .replace("{more}", str(more)) if more else ""), ok=True)  # fmt: skip

    def _window(self) -> tuple[datetime, datetime | None]:
        return _moment(self.starts), None if self.open_end.isChecked() else _moment(self.ends)

    def add(self) -> None:
        provider_id = self.provider.currentData()
        if not provider_id:
            say(self.status, self.tr("Add a payment provider first (its section)."), ok=False)
            return
        title = self.title.text().strip()
        if not title:
            say(self.status, self.tr("Give the notice a title."), ok=False)
            return
        starts, ends = self._window()
        if ends is not None and ends <= starts:
            say(self.status, self.tr("The end must be after the start."), ok=False)
            return
        replacing = self.editing
        body = self.sms.toPlainText().strip()

        def write(store: IncidentStore) -> int:
            if replacing is not None:
                withdraw_manual_notice(store, replacing.id)
            return add_manual_notice(store, provider_id=provider_id, title=title, starts=starts,
                                     ends=ends, body=body, source="sms" if body else "manual",
                                     created_by="店长")  # fmt: skip

        self.checks.run(asyncio.to_thread(_store_call, self.database, write), self._written,
                        self._failed)  # fmt: skip

    def _written(self, _: object) -> None:
        say(self.status, self.tr("Saved: the notice check shows it from now on."), ok=True)
        self._clear_form()
        self.refresh()

    def withdraw(self) -> None:
        notice = self.editing
        if notice is None:
            say(self.status, self.tr("Pick a notice in the list first."), ok=False)
            return

        def confirmed() -> None:
            self.checks.run(
                asyncio.to_thread(_store_call, self.database,
                                  lambda store: withdraw_manual_notice(store, notice.id)),
                self._withdrawn, self._failed,
            )  # fmt: skip

        ask(self, self.tr("Withdraw the notice?"),
            self.tr("“{title}” will no longer be shown to staff.").replace("{title}", notice.title),
            yes=self.tr("&Withdraw"), no=self.tr("&Keep it"), on_yes=confirmed)  # fmt: skip

    def _withdrawn(self, _: object) -> None:
        say(self.status, self.tr("Withdrawn."), ok=True)
        self._clear_form()
        self.refresh()

    def _clear_form(self) -> None:
        self.editing = None
        self.list.clearSelection()
        self.title.clear()
        self.sms.clear()
        start = now().astimezone().replace(second=0, microsecond=0, tzinfo=None) + timedelta(
            hours=1
        )
        self.starts.setDateTime(_qt(start))
        self.ends.setDateTime(_qt(start + timedelta(hours=4)))
        self.open_end.setChecked(False)
        self.add_button.setText(self.tr("&Add the notice"))

    def stop(self) -> None:
        self.checks.cancel()

    def _retranslate(self) -> None:
        for label, text in zip(self.labels, (
            self.tr("Current &notices:"), self.tr("Paste the SMS or WeChat te&xt:"),
            self.tr("&Provider:"), self.tr("&Title:"), self.tr("F&rom:"), self.tr("&Until:"),
        ), strict=True):  # fmt: skip
            label.setText(text)
        self.fill_button.setText(self.tr("&Fill in from the text"))
        self.open_end.setText(self.tr("End not announced"))
        self.withdraw_button.setText(self.tr("&Withdraw"))
        self.add_button.setText(self.tr("Save the c&orrection") if self.editing
                                else self.tr("&Add the notice"))  # fmt: skip

    def changeEvent(self, event: Any) -> None:
        if event.type() == event.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
