"""The statistics: a period, its headline numbers, charts, the numbers as a table, and the
terminals to consider replacing; exported as a PNG of the charts or a CSV of the numbers.

The figures are counted on the console's reader thread (``IncidentSource.stats``), never here;
they are first asked for when the view is first shown. Charts come from
``posguide.gui.console.charts``, the only module that knows Qt Charts.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from posguide.console.export import write_table
from posguide.console.periods import period_dates
from posguide.console.source import IncidentSource, Statistics, StatsQuery
from posguide.gui.console import charts
from posguide.gui.console.reader import Reader, Request
from posguide.gui.dialogs import ask_save_path
from posguide.gui.focus import day_edit, fill_periods, guard_wheel
from posguide.reports.strings import Language, load_strings

PERIODS = ("7d", "30d", "90d", "year", "custom")
DAILY_UP_TO = 31  # days; a longer period is charted per week
EDIT_PAUSE_MS = 400  # a custom date being typed: wait for the pause before counting
HINT_NAMES = 3  # terminals named in the "consider replacing" line; the list has them all
WARNING = QColor("#b3261e")
Row = tuple[str, str, str, str]  # section, item, value, note: the table's and the CSV's


def _day(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _minutes(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds / 60:.1f}"


class StatisticsView(QWidget):
    loaded = Signal()  # new figures are shown
    exported = Signal(str)  # a message for the manager: where the file went, or why not

    def __init__(self, reader: Reader, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.language: Language = "en" if language == "en" else "zh_CN"
        self.strings = load_strings(self.language)
        self.statistics: Statistics | None = None
        self._request: Request[Statistics] | None = None
        self._asked = False
        self._dialog: QFileDialog | None = None

        self.period = guard_wheel(QComboBox())
        self.since, self.until = day_edit(), day_edit()
        self.png_button = QPushButton()
        self.csv_button = QPushButton()
        self.status = QLabel()
        self.status.setObjectName("statsStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.headline = QLabel()
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.headline.setWordWrap(True)
        self.replace_hint = QLabel()
        self.replace_hint.setObjectName("replaceHint")
        self.replace_hint.setWordWrap(True)
        self.replace_hint.setTextFormat(Qt.TextFormat.PlainText)  # terminal names as typed
        self.replace_hint.setStyleSheet(f"color: {WARNING.name()}; font-weight: bold;")
        self.replace_hint.hide()

        # The charts, on one panel: it is what "Export PNG" writes.
        self.charts_panel = QWidget()
        self.charts_panel.setObjectName("statsCharts")
        self.charts_panel.setAutoFillBackground(True)
        self.panel_title = QLabel()
        self.panel_title.setTextFormat(Qt.TextFormat.PlainText)
        title_font = QFont(self.panel_title.font())
        title_font.setBold(True)
        self.panel_title.setFont(title_font)
        self.over_time = charts.chart_area()
        self.by_cause = charts.chart_area()
        self.by_terminal = charts.chart_area()
        self.by_outcome = charts.chart_area()
        self.by_uplink = charts.chart_area()
        self.by_hour = charts.chart_area()
        # Dates, causes (the longest labels) and hours get the panel's whole width.
        grid = QGridLayout(self.charts_panel)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.addWidget(self.panel_title, 0, 0, 1, 2)
        grid.addWidget(self.over_time, 1, 0, 1, 2)
        grid.addWidget(self.by_cause, 2, 0, 1, 2)
        grid.addWidget(self.by_terminal, 3, 0)
        grid.addWidget(self.by_outcome, 3, 1)
        grid.addWidget(self.by_uplink, 4, 0, 1, 2)
        grid.addWidget(self.by_hour, 5, 0, 1, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.charts_panel)

        self.table = self._table(2)  # item and value; a row for each section's title
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.failing_title = QLabel()
        self.failing = self._table(4)
        self.failing.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.failing.setMaximumHeight(150)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.table, 1)
        side_layout.addWidget(self.failing_title)
        side_layout.addWidget(self.failing)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([680, 340])
        splitter.setChildrenCollapsible(False)

        top = QHBoxLayout()
        for widget in (self.period, self.since, self.until):
            top.addWidget(widget)
        top.addWidget(self.status, 1)
        top.addWidget(self.png_button)
        top.addWidget(self.csv_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.headline)
        layout.addWidget(self.replace_hint)
        layout.addWidget(splitter, 1)

        self._edit_pause = QTimer(self)
        self._edit_pause.setSingleShot(True)
        self._edit_pause.setInterval(EDIT_PAUSE_MS)
        self._edit_pause.timeout.connect(self.refresh)
        self._retranslate()
        self.period.setCurrentIndex(PERIODS.index("30d"))
        self._period_chosen()
        self.period.currentIndexChanged.connect(lambda _: self._period_chosen(ask=True))
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self._dates_edited)
        self.png_button.clicked.connect(lambda: self._ask_export("png"))
        self.csv_button.clicked.connect(lambda: self._ask_export("csv"))
        self._enable_exports()

    @staticmethod
    def _table(columns: int) -> QTableWidget:
        table = QTableWidget(0, columns)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    @property
    def ready(self) -> bool:
        """The figures shown are those of the period chosen."""
        return self.statistics is not None and self._request is None

    # --- the period ---------------------------------------------------------------------------

    def query(self) -> StatsQuery:
        return StatsQuery(since=_day(self.since.date()), until=_day(self.until.date()))

    def show_period(self, since: date, until: date) -> None:
        """Choose "from … to …" with these days, and count."""
        self.period.blockSignals(True)
        self.period.setCurrentIndex(PERIODS.index("custom"))
        self.period.blockSignals(False)
        self._period_chosen()
        self._set_dates(since, until)
        self.refresh()

    def _period_chosen(self, *, ask: bool = False) -> None:
        name = str(self.period.currentData())
        custom = name == "custom"
        for edit in (self.since, self.until):
            edit.setEnabled(custom)
        if not custom:
            since, until = period_dates(name, date.today())
            if since is not None and until is not None:
                self._set_dates(since, until)
        if ask:
            self.refresh()

    def _set_dates(self, since: date, until: date) -> None:
        for edit in (self.since, self.until):
            edit.blockSignals(True)
        self.since.setDate(QDate(since.year, since.month, since.day))
        self.until.setMinimumDate(self.since.date())
        self.until.setDate(QDate(until.year, until.month, until.day))
        for edit in (self.since, self.until):
            edit.blockSignals(False)

    def _dates_edited(self) -> None:
        self.until.setMinimumDate(self.since.date())  # "to" follows a later "from"
        if self.since.isEnabled():
            self._edit_pause.start()

    # --- reading ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._asked:  # nothing is read before the statistics are first looked at
            self.refresh()

    def refresh(self) -> None:
        """Count the chosen period again (on the reader thread)."""
        self._asked = True
        self._edit_pause.stop()
        query = self.query()
        if self._request is not None:
            self._request.cancel()
        self.status.setText(self.tr("Counting…"))

        def count(source: IncidentSource) -> Statistics:
            return source.stats(query)

        self._request = self.reader.request(count, self._show, self._failed)
        self._enable_exports()

    def _failed(self, error: Exception) -> None:
        self._request = None
        self.statistics = None
        self.status.setText(self.tr("The statistics could not be read: {error}").format(
            error=error))  # fmt: skip
        self._enable_exports()

    def _show(self, stats: Statistics) -> None:
        self._request = None
        self.statistics = stats
        self.status.setText("")
        self._draw(stats)
        self._enable_exports()
        self.loaded.emit()

    def _enable_exports(self) -> None:
        for button in (self.png_button, self.csv_button):
            button.setEnabled(self.ready)

    # --- drawing ------------------------------------------------------------------------------

    def _draw(self, stats: Statistics) -> None:
        q = stats.query
        self.panel_title.setText(
            self.tr("Incidents from {since} to {until}: {count}").format(
                since=q.since.isoformat(), until=q.until.isoformat(), count=stats.incidents
            )
        )
        self.headline.setText(self._headline(stats))
        daily = len(stats.per_day) <= DAILY_UP_TO
        charts.show_days(
            self.over_time,
            self.tr("Incidents per day") if daily else self.tr("Incidents per week (from Monday)"),
            stats.per_day if daily else stats.per_week,
        )
        for area, title, pairs, label in (
            (self.by_cause, self.tr("By cause"), stats.by_cause, self.cause_label),
            (self.by_terminal, self.tr("By terminal"), stats.by_terminal, self.terminal_label),
            (self.by_outcome, self.tr("By outcome"), stats.by_outcome, self.outcome_label),
            (
                self.by_uplink,
                self.tr("By how the terminal goes online"),
                stats.by_uplink,
                self.uplink_label,
            ),
        ):
            charts.show_bars(area, title, [label(k) for k, _ in pairs], [n for _, n in pairs])
        charts.show_hours(self.by_hour, self.tr("By hour of the day"), stats.by_hour)
        self._fill_numbers()
        failing = [
            (f.terminal, str(f.incidents), str(f.terminal_faults),
             self.tr("Consider replacing") if f.consider_replacing else "")
            for f in stats.most_failing
        ]  # fmt: skip
        self._fill(self.failing, [self.tr("Terminal"), self.tr("Incidents"),
                                  self.tr("Own faults"), ""], failing, numbers=(1, 2),
                   warning=3)  # fmt: skip
        self.failing_title.setText(
            self.tr("Terminals with faults of their own (card reader, restarts)")
            if failing else self.tr("No terminal had a fault of its own in this period.")
        )  # fmt: skip
        replace = [f for f in stats.most_failing if f.consider_replacing]
        named = "; ".join(
            self.tr("{terminal} ({count} faults of its own)").format(
                terminal=f.terminal, count=f.terminal_faults
            )
            for f in replace[:HINT_NAMES]
        )
        if len(replace) > HINT_NAMES:
            named += " " + self.tr("and %n more (see the list)", "", len(replace) - HINT_NAMES)
        self.replace_hint.setText("⚠ " + self.tr("Consider replacing: {terminals}").format(
            terminals=named))  # fmt: skip
        self.replace_hint.setVisible(bool(replace))

    def _headline(self, stats: Statistics) -> str:
        def minutes(seconds: float | None) -> str:
            return "—" if seconds is None else self.tr("{n} min").format(n=_minutes(seconds))

        rate = stats.escalation_rate
        parts = [
            (self.tr("Incidents"), str(stats.incidents)),
            (self.tr("Escalated"), "—" if rate is None else f"{rate * 100:.1f} %"),
            (self.tr("To a working till (mean / median)"),
             f"{minutes(stats.working_mean_s)} / {minutes(stats.working_median_s)}"),
            (self.tr("To resolution (mean / median)"),
             f"{minutes(stats.resolution_mean_s)} / {minutes(stats.resolution_median_s)}"),
        ]  # fmt: skip
        cells = "".join(
            f"<td style='padding-right:24px'>{caption}<br><b style='font-size:large'>{value}</b>"
            "</td>"
            for caption, value in parts
        )
        return f"<table><tr>{cells}</tr></table>"

    @staticmethod
    def _fill(
        table: QTableWidget,
        headers: list[str],
        rows: Sequence[Sequence[str]],
        *,
        numbers: tuple[int, ...] = (),
        warning: int | None = None,
    ) -> None:
        """Show ``rows``; the ``numbers`` columns right-aligned, a text in the ``warning``
        column in red."""
        table.setUpdatesEnabled(False)
        table.clearContents()
        table.setHorizontalHeaderLabels(headers)
        table.setRowCount(len(rows))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c in numbers:
                    item.setTextAlignment(right)
                if c == warning and text:
                    item.setForeground(WARNING)
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(r, c, item)
        table.setUpdatesEnabled(True)

    # --- labels -------------------------------------------------------------------------------

    def cause_label(self, cause: str) -> str:
        return self.strings.label("cause", cause) if cause else self.tr("Not recorded")

    def outcome_label(self, outcome: str) -> str:
        return self.strings.label("outcome", outcome) if outcome else self.tr("Still open")

    def terminal_label(self, terminal: str) -> str:
        return terminal or self.tr("No terminal")

    def uplink_label(self, uplink: str) -> str:
        return self.strings.label("uplink", uplink) if uplink else self.tr("Not recorded")

    # --- the numbers ----------------------------------------------------------------------------

    def rows(self) -> list[Row]:
        """The figures as (section, item, value, note): the table's rows and the CSV's."""
        stats = self.statistics
        if stats is None:
            return []
        rate = stats.escalation_rate
        summary = self.tr("Summary")
        rows: list[Row] = [
            (summary, self.tr("From"), stats.query.since.isoformat(), ""),
            (summary, self.tr("To (included)"), stats.query.until.isoformat(), ""),
            (summary, self.tr("Incidents"), str(stats.incidents), ""),
            (summary, self.tr("Escalation rate (%)"), "" if rate is None else f"{rate * 100:.1f}",
             ""),
            (summary, self.tr("Time to a working till, mean (min)"),
             _minutes(stats.working_mean_s), ""),
            (summary, self.tr("Time to a working till, median (min)"),
             _minutes(stats.working_median_s), ""),
            (summary, self.tr("Time to resolution, mean (min)"), _minutes(stats.resolution_mean_s),
             ""),
            (summary, self.tr("Time to resolution, median (min)"),
             _minutes(stats.resolution_median_s), ""),
        ]  # fmt: skip
        for section, pairs, label in (
            (self.tr("By cause"), stats.by_cause, self.cause_label),
            (self.tr("By terminal"), stats.by_terminal, self.terminal_label),
            (self.tr("By outcome"), stats.by_outcome, self.outcome_label),
            (self.tr("By how the terminal goes online"), stats.by_uplink, self.uplink_label),
        ):
            rows += [(section, label(key), str(n), "") for key, n in pairs]
        section = self.tr("Terminals' own faults")
        for f in stats.most_failing:
            note = self.tr("of {count} incidents").format(count=f.incidents)
            if f.consider_replacing:
                note += "; " + self.tr("consider replacing")
            rows.append((section, f.terminal, str(f.terminal_faults), note))
        section = self.tr("By hour of the day")
        rows += [
            (section, f"{h:02d}:00–{h:02d}:59", str(n), "") for h, n in enumerate(stats.by_hour)
        ]
        section = self.tr("Per week (from Monday)")
        rows += [(section, monday.isoformat(), str(n), "") for monday, n in stats.per_week]
        section = self.tr("Per day")
        rows += [(section, day.isoformat(), str(n), "") for day, n in stats.per_day]
        return rows

    def _fill_numbers(self) -> None:
        """The rows, each section under its title."""
        table = self.table
        table.setUpdatesEnabled(False)
        # Sized once at the end: fitting the columns after each of a year's 1,000 cells took
        # most of a second.
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.clearSpans()
        table.clearContents()
        headers = self._headers()
        table.setHorizontalHeaderLabels(headers[1:3])  # the notes are in the CSV
        rows = self.rows()
        table.setRowCount(len(rows) + len({row[0] for row in rows}))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        section, r = "", 0
        for row in rows:
            if row[0] != section:
                section = row[0]
                title = QTableWidgetItem(section)
                font = title.font()
                font.setBold(True)
                title.setFont(font)
                title.setBackground(self.palette().alternateBase())
                table.setItem(r, 0, title)
                table.setSpan(r, 0, 1, 2)
                r += 1
            item, value = QTableWidgetItem(row[1]), QTableWidgetItem(row[2])
            value.setTextAlignment(right)
            if row[3]:
                item.setToolTip(row[3])
            table.setItem(r, 0, item)
            table.setItem(r, 1, value)
            r += 1
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setUpdatesEnabled(True)

    def _headers(self) -> list[str]:
        return [self.tr("Section"), self.tr("Item"), self.tr("Value"), self.tr("Note")]

    # --- exports --------------------------------------------------------------------------------

    def _ask_export(self, kind: str) -> None:
        stats = self.statistics
        if stats is None:
            return
        q = stats.query
        name = f"posguide-stats-{q.since:%Y%m%d}-{q.until:%Y%m%d}.{kind}"
        filters = (
            self.tr("PNG image (*.png)") if kind == "png" else self.tr("CSV for Excel (*.csv)")
        )
        save = self.export_png if kind == "png" else self.export_csv
        self._dialog = ask_save_path(self, self.tr("Export the statistics"), name, filters, save)

    def export_png(self, path: Path) -> bool:
        """The charts, as on screen, to a PNG file."""
        if self.statistics is None:
            return False
        if charts.save_png(self.charts_panel, Path(path)):
            return self._exported(self.tr("The charts were saved to {path}").format(path=path))
        return self._exported(self.tr("The charts could not be saved to {path}").format(
            path=path), ok=False)  # fmt: skip

    def export_csv(self, path: Path) -> bool:
        """The numbers to a CSV file Excel opens (UTF-8 with a byte-order mark)."""
        if self.statistics is None:
            return False
        try:
            write_table(Path(path), self._headers(), self.rows())
        except OSError as err:
            return self._exported(self.tr("The numbers could not be saved: {error}").format(
                error=err), ok=False)  # fmt: skip
        return self._exported(self.tr("The numbers were saved to {path}").format(path=path))

    def _exported(self, message: str, *, ok: bool = True) -> bool:
        self.status.setText(message)
        self.exported.emit(message)
        return ok

    # --- language -------------------------------------------------------------------------------

    def _retranslate(self) -> None:
        fill_periods(self.period, PERIODS)
        self.since.setToolTip(self.tr("From"))
        self.until.setToolTip(self.tr("To (included)"))
        self.headline.setToolTip(self.tr(
            "To a working till: from the start of an incident until the till took payments "
            "again (resolved, or switched to the backup terminal).\n"
            "To resolution: from the start until the incident was closed, whatever its "
            "outcome."))  # fmt: skip
        self.png_button.setText(self.tr("Export &PNG…"))
        self.csv_button.setText(self.tr("Export CS&V…"))
        if self.statistics is not None:
            self._draw(self.statistics)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
