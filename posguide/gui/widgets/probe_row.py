"""One probe's row in the probe panel, compact so that a step's checks fit beside its questions
at 768 pixels: one line of icon, name and summary (or progress message), a Details toggle and
an icon-only Retry (both 44 px touch targets); a progress bar and the detail only when there is
something to show."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontDatabase, QIcon
from PySide6.QtWidgets import QFrame, QGridLayout, QProgressBar, QWidget

from posguide.gui.widgets.common import (
    StatusIcon,
    TouchButton,
    icon_path,
    make_label,
    touch_height,
)

STATUSES = ("ok", "warn", "fail", "error", "skipped")


class ProbeRow(QFrame):
    """One probe: icon, name and a small line (progress message or summary), buttons, detail."""

    retry_clicked = Signal(str)

    def __init__(self, probe_id: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probeRow")
        self.probe_id, self.name = probe_id, name
        self.state, self.message, self.summary, self.detail = "waiting", "", "", ""
        self.link = ""  # a web page to open (an announcement, or one a program cannot read)
        self.fraction: float | None = None
        self.icon = StatusIcon(self)
        # Name and line in one label, so they share the width and wrap together when narrow.
        self.text_label = make_label(self)
        self.text_label.setTextFormat(Qt.TextFormat.RichText)
        self.text_label.setObjectName("probeLine")
        self._line = ""
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(max(6, self.fontMetrics().height() // 2))
        self.details_button = TouchButton(self)
        self.details_button.setCheckable(True)
        self.retry_button = TouchButton(self)
        self.retry_button.setIcon(QIcon(icon_path("retry")))
        self.open_button = TouchButton(self)
        self.open_button.setVisible(False)
        for button in (self.details_button, self.retry_button):  # rows keep their shape
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            button.setSizePolicy(policy)
        self.detail_label = make_label(self)
        self.detail_label.setObjectName("probeDetail")
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(max(self.font().pointSizeF(), fixed.pointSizeF()) * 0.95)
        self.detail_label.setFont(fixed)
        self.detail_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.retry_button.setFixedWidth(touch_height(self.retry_button, lines=2.2))
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 2, 2, 2)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.icon, 0, 0, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.text_label, 0, 1)
        grid.addWidget(self.details_button, 0, 2)
        grid.addWidget(self.retry_button, 0, 3)
        grid.addWidget(self.open_button, 1, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.progress, 1, 1, 1, 3)
        grid.addWidget(self.detail_label, 2, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        self.details_button.toggled.connect(self._apply)
        self.retry_button.clicked.connect(lambda: self.retry_clicked.emit(self.probe_id))
        self.open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl(self.link)))
        self._apply()

    def is_running(self) -> bool:
        return self.state == "running"

    def detail_shown(self) -> bool:
        return not self.detail_label.isHidden()

    def shown_line(self) -> str:
        """The line beside the name: the progress message, the summary or the state."""
        return self._line

    def set_running(self, fraction: float | None = None, message: str = "") -> None:
        self.state, self.fraction, self.message = "running", fraction, message
        self._apply()

    def set_finished(self, status: str, summary: str, detail: str, link: str = "") -> None:
        self.state = status if status in STATUSES else "error"
        self.summary, self.detail, self.fraction, self.message = summary, detail, None, ""
        self.link = link
        self._apply()

    def status_text(self) -> str:
        return {
            "waiting": self.tr("Waiting"),
            "running": self.tr("Checking…"),
            "ok": self.tr("OK"),
            "warn": self.tr("Warning"),
            "fail": self.tr("Failed"),
            "error": self.tr("Could not check"),
            "skipped": self.tr("Skipped"),
        }[self.state]

    def _apply(self) -> None:
        finished = self.state in STATUSES
        has_detail = finished and bool(self.detail)
        if not has_detail and self.details_button.isChecked():
            self.details_button.setChecked(False)  # re-enters _apply through toggled
            return
        line = (self.message if self.state == "running" else self.summary) or self.status_text()
        self.icon.set_state(self.state)
        self._line = line
        self.text_label.setText(
            f"<b>{html.escape(self.name)}</b>&nbsp;&nbsp; <span style='color:#59636e'>"
            f"{html.escape(line)}</span>"
        )
        self.progress.setVisible(self.state == "running" and self.fraction is not None)
        self.progress.setValue(round(min(1.0, max(0.0, self.fraction or 0.0)) * 1000))
        self.retry_button.setToolTip(self.tr("Retry"))  # icon only: the row stays one line
        self.retry_button.setAccessibleName(self.tr("Retry {name}").format(name=self.name))
        self.retry_button.setVisible(finished)
        shown = self.details_button.isChecked()
        texts = (self.tr("Details"), self.tr("Hide details"))
        self.details_button.setText(texts[shown])
        advance = max(self.details_button.fontMetrics().horizontalAdvance(t) for t in texts)
        self.details_button.setMinimumWidth(advance + self.fontMetrics().height())
        self.details_button.setAccessibleName(self.tr("Details for {name}").format(name=self.name))
        self.details_button.setVisible(has_detail)
        self.open_button.setText(self.tr("Open the web page"))
        self.open_button.setToolTip(self.link)
        self.open_button.setVisible(finished and bool(self.link))
        self.detail_label.setText(self.detail)
        self.detail_label.setVisible(shown)
        status = self.status_text()
        self.setAccessibleName(self.tr("{name}: {status}").format(name=self.name, status=status))
        self.setAccessibleDescription(line)
        self.setProperty("status", self.state)
        self.style().unpolish(self)
        self.style().polish(self)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._apply()
