"""The daily inspections: what needs attention now, and two weeks of figures per terminal with
the ones behind each finding marked, so the manager sees a terminal degrading before it stops.

The inspections are read on the console's reader thread (``IncidentSource.inspections``); what
they mean is ``posguide.inspection.trends``, the same findings ``posguide inspect`` prints.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from posguide.console.columns import local_time
from posguide.gui.console.reader import Reader, Request
from posguide.gui.i18n import translate
from posguide.inspection.run import SHOP_WIDE
from posguide.inspection.trends import LOOK_BACK, Finding, findings, marked_cells, merged
from posguide.probe_records import record_text
from posguide.store.inspections import Inspection
from posguide.store.models import ProbeRecord
from posguide.timeutil import now

# The table's figures: (probe, measurement); "" shows the check's result instead of a number.
FIGURES = (
    ("terminal", "status_rtt_ms"),
    ("network.payment", "latency_ms_median"),
    ("network.payment", "loss_pct"),
    ("network.tls", "days_left_min"),
    ("card.reader", ""),
    ("notices", ""),
)
MARK = QColor("#ffebe9")  # the style sheet's fail colour, pale: a cell behind a finding
WARNING = QColor("#b3261e")
GOOD = QColor("#2da44e")
STATUS_ORDER = ("ok", "skipped", "warn", "error", "fail")
ANNOUNCED = ("active", "upcoming", "later")  # the notices probe's lists of announced windows


class InspectionsView(QWidget):
    loaded = Signal()  # new inspections are shown

    def __init__(
        self,
        reader: Reader,
        terminal_name: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.reader = reader
        self.terminal_name = terminal_name
        self.inspections: list[Inspection] = []
        self.findings: list[Finding] = []
        self._request: Request[list[Inspection]] | None = None
        self._asked = False

        self.latest = QLabel()
        self.latest.setObjectName("inspectionsLatest")
        self.latest.setTextFormat(Qt.TextFormat.PlainText)
        self.latest.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.attention = QLabel()
        self.attention.setObjectName("inspectionsAttention")
        self.attention.setTextFormat(Qt.TextFormat.RichText)  # names are escaped
        self.attention.setWordWrap(True)
        self.attention.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 3 + len(FIGURES))
        self.table.setObjectName("inspectionsTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.how = QLabel()
        self.how.setWordWrap(True)
        self.how.setTextFormat(Qt.TextFormat.PlainText)
        self.how.setObjectName("inspectionsHow")

        top = QHBoxLayout()
        top.addWidget(self.latest, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.attention)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.how)
        self._retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._asked:  # nothing is read before the tab is first looked at
            self.refresh()

    def refresh(self) -> None:
        self._asked = True
        if self._request is not None:
            self._request.cancel()
        self.latest.setText(self.tr("Reading the inspections…"))
        since = (now() - LOOK_BACK).date()
        self._request = self.reader.request(lambda source: source.inspections(since), self._show)

    def _show(self, inspections: list[Inspection]) -> None:
        self._request = None
        self.inspections = inspections
        self.findings = findings(inspections)
        self._draw()
        self.loaded.emit()

    # --- drawing -------------------------------------------------------------------------------

    def _draw(self) -> None:
        inspections, found = self.inspections, self.findings
        if not inspections:
            self.latest.setText(self.tr("No inspection in the last two weeks."))
            self.attention.setText("")
            self.attention.hide()
        else:
            last = inspections[-1]
            how = self.tr("scheduled") if last.trigger == "scheduled" else self.tr("by hand")
            self.latest.setText(
                self.tr("Last inspection: {time} ({how}); {count} in the last two weeks.")
                .replace("{time}", local_time(last.started_at))
                .replace("{how}", how)
                .replace("{count}", str(len(inspections)))
            )
            self.attention.setText(self._attention_html(found))
            self.attention.show()
        self._fill_table(inspections, found)

    def _attention_html(self, found: Sequence[Finding]) -> str:
        if not found:
            nothing = html.escape(self.tr("Nothing needs attention."))
            return f"<span style='color:{GOOD.name()}'>✓ {nothing}</span>"
        separator = self.tr(", ")
        items = "".join(
            f"<li><b>{html.escape(separator.join(self._where(t) for t in terminals))}</b>: "
            f"{html.escape(f.text.translated(translate))}</li>"
            for terminals, f in merged(found)
        )
        title = html.escape(self.tr("Needs attention:"))
        return f"<div style='color:{WARNING.name()}'><b>{title}</b><ul>{items}</ul></div>"

    def _where(self, terminal: str) -> str:
        return self.terminal_name(terminal) if terminal else self.tr("This PC's network")

    def _fill_table(self, inspections: Sequence[Inspection], found: Sequence[Finding]) -> None:
        marked = marked_cells(inspections, found)
        rows = [
            (inspection, terminal)
            for inspection in reversed(inspections)
            for terminal in dict.fromkeys(r.terminal for r in inspection.results if r.terminal)
        ]
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, (inspection, terminal) in enumerate(rows):
            cells = [
                (local_time(inspection.started_at), ""),
                (self.terminal_name(terminal), ""),
                self._network(inspection),
            ]
            for probe_id, measurement in FIGURES:
                cells.append(self._figure(inspection.result(terminal, probe_id), measurement))
            for column, (text, tip) in enumerate(cells):
                item = QTableWidgetItem(text)
                if tip:
                    item.setToolTip(tip)
                if column >= 3:
                    probe_id, measurement = FIGURES[column - 3]
                    if (inspection.id, terminal, probe_id, measurement) in marked:
                        item.setBackground(QBrush(MARK))
                        item.setForeground(QBrush(WARNING))
                        item.setFont(bold)
                    if measurement:
                        item.setTextAlignment(
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                        )
                self.table.setItem(row, column, item)

    def _network(self, inspection: Inspection) -> tuple[str, str]:
        """The PC's own network at that inspection: its worst check."""
        shared = [r.probe for r in inspection.results if r.terminal == "" and
                  r.probe.probe_id in SHOP_WIDE]  # fmt: skip
        if not shared:
            return "", ""
        worst = max(shared, key=lambda p: STATUS_ORDER.index(p.status)
                    if p.status in STATUS_ORDER else len(STATUS_ORDER))  # fmt: skip
        return self._status_word(worst.status), self._summary(worst)

    def _figure(self, record: ProbeRecord | None, measurement: str) -> tuple[str, str]:
        if record is None:
            return "", ""
        entry = record.measurements.get(measurement) if measurement else None
        if isinstance(entry, dict) and isinstance(entry.get("value"), int | float):
            return f"{entry['value']:.0f}", self._summary(record)
        if record.probe_id == "notices" and any(record.detail.get(k) for k in ANNOUNCED):
            return self.tr("Announced"), self._summary(record)
        return self._status_word(record.status), self._summary(record)

    def _summary(self, record: ProbeRecord) -> str:
        text = record_text(record)
        return text.translated(translate) if text else record.summary

    def _status_word(self, status: str) -> str:
        words = {
            "ok": self.tr("OK"),
            "warn": self.tr("Warning"),
            "fail": self.tr("Fault"),
            "error": self.tr("Not checked"),
            "skipped": "—",
        }
        return words.get(status, status)

    # --- language ------------------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.refresh_button.setText(self.tr("&Refresh"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Time"),
            self.tr("Terminal"),
            self.tr("PC network"),
            self.tr("Terminal answers (ms)"),
            self.tr("Payment server (ms)"),
            self.tr("Lost (%)"),
            self.tr("Certificate (days left)"),
            self.tr("Card reader"),
            self.tr("Notices"),
        ])  # fmt: skip
        self.how.setText(
            self.tr(
                "Each inspection runs the automatic checks of every terminal, without touching "
                "a payment. Run one now with `posguide inspect`; `posguide schedule install` "
                "runs one every morning with the day's backup. Marked cells are behind a "
                "finding above."
            )
        )
        if self._asked and self._request is None:
            self._draw()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
