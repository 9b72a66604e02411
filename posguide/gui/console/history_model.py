"""The history table over the whole database: the filter's id list, and rows fetched on demand.

Like Anki's browser: one query gives every matching id in order (an exact scroll bar at once);
the rows themselves are read a block at a time, only when the view paints them, on the reader
thread. A row not read yet paints blank for the moment it takes. At most ``MAX_BLOCKS`` blocks
are kept, so scrolling through 100,000 incidents never holds them all.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from posguide.console.columns import COLUMNS, cell
from posguide.console.source import HistoryQuery, HistoryRow, IncidentSource
from posguide.gui.console.reader import Reader, Request
from posguide.reports.strings import Language, Strings, load_strings

BLOCK = 100
MAX_BLOCKS = 40
_Index = QModelIndex | QPersistentModelIndex
_Shown = tuple[HistoryRow, tuple[str, ...]]
_TRAINING_BRUSH = QBrush(QColor("#8a5a00"))
_OPEN_BRUSH = QBrush(QColor("#b00020"))
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND, _ALIGN = int(Qt.ItemDataRole.ForegroundRole), int(Qt.ItemDataRole.TextAlignmentRole)
_ROLES = frozenset({_DISPLAY, _TOOLTIP, _FOREGROUND, _ALIGN})
_ALIGNMENTS = tuple(
    int((Qt.AlignmentFlag.AlignRight if c in ("working", "duration", "photos")
         else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignVCenter)
    for c in COLUMNS
)  # fmt: skip
_OUTCOME_COLUMN, _SYMPTOM_COLUMN = COLUMNS.index("outcome"), COLUMNS.index("symptom")


def shown_rows(rows: list[HistoryRow], strings: Strings) -> dict[int, _Shown]:
    """Rows with their cells as text, made once when they arrive (about 2 ms for a block of
    100), not at every paint."""
    return {r.id: (r, tuple(cell(r, c, strings) for c in COLUMNS)) for r in rows}


def _first_page(source: IncidentSource, query: HistoryQuery) -> tuple[list[int], list[HistoryRow]]:
    """The ids, and the first block's rows with them: the first rows show after one trip to
    the reader thread, not two."""
    ids = source.ids(query)
    return ids, source.rows(ids[:BLOCK])


def header_titles() -> list[str]:
    """Column titles in the UI's language, ``COLUMNS`` order (also the CSV's first row)."""
    # Spelled out call by call: the translation extractor reads each literal.
    return [
        QCoreApplication.translate("History", "Started"),
        QCoreApplication.translate("History", "Terminal"),
        QCoreApplication.translate("History", "Symptom"),
        QCoreApplication.translate("History", "Outcome"),
        QCoreApplication.translate("History", "Cause"),
        QCoreApplication.translate("History", "To a working till (min)"),
        QCoreApplication.translate("History", "Duration (min)"),
        QCoreApplication.translate("History", "Escalated"),
        QCoreApplication.translate("History", "Staff"),
        QCoreApplication.translate("History", "Photos"),
    ]


class HistoryModel(QAbstractTableModel):
    loaded = Signal(int)  # the query's ids arrived: how many
    failed = Signal(str)  # the list or some of its rows could not be read: why

    def __init__(self, reader: Reader, language: Language, parent: QObject | None = None):
        super().__init__(parent)
        self.reader = reader
        self.strings = load_strings(language)
        self.query = HistoryQuery()
        self.ready = False
        self._ids: list[int] = []
        self._blocks: OrderedDict[int, dict[int, _Shown]] = OrderedDict()
        self._asked: dict[int, Request[list[HistoryRow]]] = {}
        self._listing: Request[tuple[list[int], list[HistoryRow]]] | None = None
        self._titles = header_titles()
        self.rows_read = 0  # rows fetched since the last query (what paging saves)

    # --- the query ------------------------------------------------------------------------

    def set_query(self, query: HistoryQuery) -> None:
        """Show ``query``'s incidents; what was asked for the previous one is dropped."""
        self.query = query
        self.ready = False
        if self._listing is not None:
            self._listing.cancel()
        self._listing = self.reader.request(
            lambda source: _first_page(source, query), self._listed, self._failed
        )

    def reload(self) -> None:
        self.set_query(self.query)

    def _listed(self, page: tuple[list[int], list[HistoryRow]]) -> None:
        ids, rows = page
        try:
            first = shown_rows(rows, self.strings)  # before the reset: nothing fails inside it
        except ValueError as err:  # a damaged time stamp
            self._failed(err)
            return
        self.beginResetModel()
        self._ids = ids
        self._forget()
        self._blocks[0] = first
        self.rows_read = len(first)
        self.endResetModel()
        self.ready = True
        self.loaded.emit(len(ids))

    def _forget(self) -> None:
        for request in self._asked.values():
            request.cancel()
        self._asked.clear()
        self._blocks.clear()

    def incident_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, incident_id: int) -> int:
        try:
            return self._ids.index(incident_id)
        except ValueError:
            return -1

    @property
    def ids(self) -> Sequence[int]:
        return self._ids

    @property
    def blocks_held(self) -> int:
        return len(self._blocks)

    # --- rows on demand -----------------------------------------------------------------------

    def _row(self, row: int) -> _Shown | None:
        """The row if it has been read; otherwise asks for its block and says None for now."""
        block = row // BLOCK
        found = self._blocks.get(block)
        if found is None:
            self._ask(block)
            return None
        self._blocks.move_to_end(block)
        return found.get(self._ids[row])

    def _ask(self, block: int) -> None:
        if block in self._asked:
            return
        wanted = self._ids[block * BLOCK : (block + 1) * BLOCK]
        self._asked[block] = self.reader.request(
            lambda source: source.rows(wanted),
            lambda rows: self._arrived(block, rows),
            lambda error: self._block_failed(block, error),
        )

    def _failed(self, error: Exception) -> None:
        self.ready = True  # nothing more is coming for this query
        self.failed.emit(
            QCoreApplication.translate("History", "The history cannot be read: {error}").format(
                error=error
            )
        )

    def _block_failed(self, block: int, error: Exception) -> None:
        self._asked.pop(block, None)  # asked again when next painted (the file may be fixed)
        self.failed.emit(
            QCoreApplication.translate("History", "Some incidents cannot be shown: {error}").format(
                error=error
            )
        )

    def _arrived(self, block: int, read: list[HistoryRow]) -> None:
        try:
            rows = shown_rows(read, self.strings)
        except ValueError as err:  # a damaged time stamp
            self._block_failed(block, err)
            return
        self._asked.pop(block, None)
        self._blocks[block] = rows
        self.rows_read += len(rows)
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)
        first = block * BLOCK
        last = min(len(self._ids), first + BLOCK) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    # --- QAbstractTableModel --------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked some 1,400 times per repaint of the table: plain ints and tuples, no enum math.
        if role not in _ROLES or not index.isValid():
            return None
        if role == _ALIGN:
            return _ALIGNMENTS[index.column()]
        shown = self._row(index.row())
        if shown is None:
            return None
        row, cells = shown
        if role == _FOREGROUND:
            if row.is_open and index.column() == _OUTCOME_COLUMN:
                return _OPEN_BRUSH
            return _TRAINING_BRUSH if row.training else None
        text = cells[index.column()]
        if role == _TOOLTIP:
            if row.training:
                return QCoreApplication.translate("History", "Training exercise: {text}").format(
                    text=text
                )
            return text if index.column() == _SYMPTOM_COLUMN else None
        return text

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._titles[section] if 0 <= section < len(self._titles) else None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is a new query: SQL sorts, never the view."""
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        query = replace(self.query, sort=COLUMNS[column], descending=descending)
        if query != self.query:
            self.set_query(query)
