"""The incident history: filters above, the table (sorted and filtered in SQL), the count and
the exports. A double-click, Enter or "Open" shows an incident.

Every change of a filter is a new query on the reader thread; typing in the search box waits
until the manager pauses. The filter is saved for the next start (posguide.console.saved_query).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posguide.console.columns import COLUMNS
from posguide.console.export import ExportFormat, batches, export_rows
from posguide.console.periods import PERIODS, period_dates
from posguide.console.saved_query import load_query, save_query
from posguide.console.source import Choices, HistoryQuery
from posguide.gui.console.history_model import HistoryModel, header_titles
from posguide.gui.console.reader import Reader
from posguide.gui.dialogs import ask_save_path
from posguide.gui.focus import day_edit, fill_periods, guard_wheel
from posguide.reports.strings import Language, load_strings
from posguide.store.models import OUTCOMES

SEARCH_PAUSE_MS = 300
_ANY = ""  # the "all ..." entry of a combo box (Qt cannot find an item whose data is None)
_FLAGS = {"any": None, "yes": True, "no": False}


# Column widths (px at the default font); the symptom takes what is left, at least _SYMPTOM_PX,
# and a narrow screen scrolls sideways rather than squeezing it to nothing.
_WIDTHS = {"started": 135, "terminal": 100, "outcome": 130, "cause": 140, "working": 105,
           "duration": 85, "escalated": 60, "staff": 65, "photos": 50}  # fmt: skip
_SYMPTOM_PX = 180


def _day(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class HistoryView(QWidget):
    openRequested = Signal(int)  # incident id
    exported = Signal(str)  # a message for the manager: where the file went, or why not

    def __init__(
        self, reader: Reader, language: Language, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.reader = reader
        self.language = language
        self.folder = folder  # where the filter is kept between runs
        self.model = HistoryModel(reader, language, self)
        self._loading_filters = False
        self._dialog: QFileDialog | None = None

        self.period = guard_wheel(QComboBox())
        self.since, self.until = day_edit(), day_edit()
        self.terminal = guard_wheel(QComboBox())
        self.outcome = guard_wheel(QComboBox())
        self.cause = guard_wheel(QComboBox())
        self.escalated = guard_wheel(QComboBox())
        self.kind = guard_wheel(QComboBox())
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.clear_button = QPushButton()
        self.count = QLabel()
        self.open_button = QPushButton()
        self.csv_button = QPushButton()
        self.jsonl_button = QPushButton()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        for column, width in _WIDTHS.items():
            self.table.setColumnWidth(COLUMNS.index(column), width)

        filters = QHBoxLayout()
        for widget in (self.period, self.since, self.until, self.terminal, self.outcome,
                       self.cause, self.escalated, self.kind):  # fmt: skip
            filters.addWidget(widget)
        filters.addStretch(1)
        searching = QHBoxLayout()
        searching.addWidget(self.search, 1)
        searching.addWidget(self.clear_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.csv_button)
        bottom.addWidget(self.jsonl_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(searching)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._search_pause = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._search_pause.timeout.connect(self._filters_changed)
        self.search.textChanged.connect(lambda _: self._search_pause.start())
        self.search.returnPressed.connect(self._filters_changed)
        for combo in (self.terminal, self.outcome, self.cause, self.escalated, self.kind):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.since.dateChanged.connect(self._filters_changed)
        self.until.dateChanged.connect(self._filters_changed)
        self.clear_button.clicked.connect(self.clear_filters)
        self.open_button.clicked.connect(self._open_current)
        self.csv_button.clicked.connect(lambda: self._ask_export("csv"))
        self.jsonl_button.clicked.connect(lambda: self._ask_export("jsonl"))
        self.table.activated.connect(self._activated)
        self._selected: int | None = None
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        self.model.loaded.connect(self._loaded)
        self.model.modelReset.connect(self._reselect)
        self.model.failed.connect(self.count.setText)

        self._choices = Choices((), (), OUTCOMES)
        self._retranslate()
        query, period = load_query(folder)
        self._show_query(query, period or "all")
        self._filters_changed()
        self.reader.request(lambda source: source.choices(), self.set_choices)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        room = self.table.viewport().width() - sum(
            self.table.columnWidth(c) for c, name in enumerate(COLUMNS) if name != "symptom"
        )
        self.table.setColumnWidth(COLUMNS.index("symptom"), max(_SYMPTOM_PX, room))

    # --- filters ------------------------------------------------------------------------------

    def set_choices(self, choices: Choices) -> None:
        """The terminals and causes found in the history (kept when the current one is absent)."""
        self._choices = choices
        query = self.current_query()
        self._loading_filters = True
        self._fill(self.terminal, self.tr("All terminals"), [(t, t) for t in choices.terminals],
                   query.terminal)  # fmt: skip
        strings = load_strings(self.language)
        causes = [(c, strings.label("cause", c)) for c in choices.causes]
        self._fill(self.cause, self.tr("All causes"), causes, query.cause)
        self._loading_filters = False

    @staticmethod
    def _fill(
        combo: QComboBox, any_text: str, items: list[tuple[str, str]], keep: str | None
    ) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(any_text, _ANY)
        for value, text in items:
            combo.addItem(text, value)
        if keep and combo.findData(keep) < 0:
            combo.addItem(keep, keep)
        combo.setCurrentIndex(max(0, combo.findData(keep)) if keep else 0)
        combo.blockSignals(False)

    def current_query(self) -> HistoryQuery:
        name = self.period.currentData() or "all"
        if name == "custom":
            since: date | None = _day(self.since.date())
            until: date | None = _day(self.until.date())
        else:
            since, until = period_dates(name, date.today())
        return replace(
            self.model.query,
            since=since,
            until=until,
            terminal=self.terminal.currentData() or None,
            outcome=self.outcome.currentData() or None,
            cause=self.cause.currentData() or None,
            escalated=_FLAGS.get(self.escalated.currentData()),
            training=_FLAGS.get(self.kind.currentData()),
            text=self.search.text().strip(),
        )

    def _show_query(self, query: HistoryQuery, period: str) -> None:
        """Set the filter widgets to ``query`` (a saved one) without querying for each."""
        self._loading_filters = True
        self.period.setCurrentIndex(max(0, self.period.findData(period)))
        if period == "custom":
            if query.since:
                self.since.setDate(QDate(query.since.year, query.since.month, query.since.day))
            if query.until:
                self.until.setDate(QDate(query.until.year, query.until.month, query.until.day))
        self._custom_shown()
        for combo, value in ((self.terminal, query.terminal), (self.cause, query.cause)):
            if value is not None and combo.findData(value) < 0:
                combo.addItem(value, value)
        flag = {value: key for key, value in _FLAGS.items()}
        pairs = ((self.terminal, query.terminal or _ANY), (self.outcome, query.outcome or _ANY),
                 (self.cause, query.cause or _ANY), (self.escalated, flag[query.escalated]),
                 (self.kind, flag[query.training]))  # fmt: skip
        for combo, value in pairs:
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.search.setText(query.text)
        self._search_pause.stop()
        column = COLUMNS.index(query.sort)
        order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(column, order)
        self.model.query = query
        self._loading_filters = False

    def _period_changed(self) -> None:
        self._custom_shown()
        self._filters_changed()

    def _custom_shown(self) -> None:
        custom = self.period.currentData() == "custom"
        self.since.setVisible(custom)
        self.until.setVisible(custom)

    def _filters_changed(self) -> None:
        if self._loading_filters:
            return
        self._search_pause.stop()
        query = self.current_query()
        save_query(self.folder, query, self.period.currentData() or "all")
        self.count.setText(self.tr("Searching…"))
        self.model.set_query(query)

    def clear_filters(self) -> None:
        self._show_query(replace(HistoryQuery(), sort=self.model.query.sort,
                                 descending=self.model.query.descending), "all")  # fmt: skip
        self._filters_changed()

    def _loaded(self, count: int) -> None:
        text = self.tr("%n incident(s)", "", count)
        if count == 0 and self.model.query.training is False:
            text += " " + self.tr("(training exercises are listed under “Training”)")
        self.count.setText(text)

    def _reselect(self) -> None:
        """After a new list: the incident selected before (a correction reloads the list), else
        the first one."""
        if not self.model.rowCount():
            return
        row = self.model.row_of(self._selected) if self._selected is not None else -1
        index = self.model.index(max(row, 0), 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def _current_changed(self, current: QModelIndex) -> None:
        found = self.model.incident_id(current.row()) if current.isValid() else None
        if found is not None:
            self._selected = found

    # --- opening an incident -------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        incident_id = self.model.incident_id(index.row())
        if incident_id is not None:
            self.openRequested.emit(incident_id)

    def _open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._activated(index)

    # --- export -------------------------------------------------------------------------------

    def _ask_export(self, kind: ExportFormat) -> None:
        name = f"posguide-{date.today():%Y%m%d}.{kind}"
        filters = (
            self.tr("CSV for Excel (*.csv)") if kind == "csv" else self.tr("JSON lines (*.jsonl)")
        )
        self._dialog = ask_save_path(self, self.tr("Export the incidents shown"), name, filters,
                                     lambda path: self.export(path, kind))  # fmt: skip

    def export(self, path: Path, kind: ExportFormat) -> None:
        """Write the rows the filter shows to ``path``, on the reader thread."""
        query = self.model.query
        headers = [*header_titles(), self.tr("Response code"), self.tr("Incident"),
                   self.tr("Training")]  # fmt: skip
        strings = load_strings(self.language)

        def write(source: object) -> int:
            ids = source.ids(query)  # type: ignore[attr-defined]
            rows = batches(ids, source.rows)  # type: ignore[attr-defined]
            return export_rows(path, kind, rows, headers=headers, s=strings)

        self.count.setText(self.tr("Exporting…"))
        self.reader.request(
            write,
            lambda n: self._exported(self.tr("%n incident(s) exported to {path}", "", n), path),
            lambda err: self._exported(self.tr("The export failed: {error}"), path, err),
            apart=True,  # seconds for 100,000 incidents: the table keeps scrolling meanwhile
        )

    def _exported(self, text: str, path: Path, error: Exception | None = None) -> None:
        message = text.format(path=path, error=error)
        self.count.setText(message)
        self.exported.emit(message)

    # --- language -------------------------------------------------------------------------------

    def _retranslate(self) -> None:
        self._loading_filters = True
        fill_periods(self.period, PERIODS)
        strings = load_strings(self.language)
        keep = self.outcome.currentData()
        self._fill(self.outcome, self.tr("All outcomes"),
                   [(o, strings.label("outcome", o)) for o in OUTCOMES], keep)  # fmt: skip
        for combo, items in (
            (self.escalated, [(self.tr("Escalated or not"), "any"), (self.tr("Escalated"), "yes"),
                              (self.tr("Not escalated"), "no")]),
            (self.kind, [(self.tr("Real incidents"), "no"), (self.tr("Training"), "yes"),
                         (self.tr("Real and training"), "any")]),
        ):  # fmt: skip
            keep_value = combo.currentData() if combo.count() else items[0][1]
            combo.blockSignals(True)
            combo.clear()
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(keep_value)))
            combo.blockSignals(False)
        self.since.setToolTip(self.tr("From"))
        self.until.setToolTip(self.tr("To (included)"))
        self.search.setPlaceholderText(self.tr("Search symptoms, response codes and notes…"))
        self.clear_button.setText(self.tr("C&lear filters"))
        self.open_button.setText(self.tr("&Open"))
        self.csv_button.setText(self.tr("E&xport CSV…"))
        self.jsonl_button.setText(self.tr("Export &JSONL…"))
        self._loading_filters = False
        self.set_choices(self._choices)
