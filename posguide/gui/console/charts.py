"""The statistics' charts: the one module that imports Qt Charts.

Qt Charts is deprecated since Qt 6.10 but still ships in PySide6-Addons; whatever replaces it
replaces this module only. The rest of the console sees plain ``QWidget``s: ``chart_area()``
makes one, ``show_bars`` and ``show_days`` draw into it, ``save_png`` writes any widget (charts
included) as a PNG. Charts use the application's font, so Chinese labels render wherever the
rest of the window's Chinese does (offscreen too).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime, time
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication, QWidget

BAR_COLOR = QColor("#2f6db5")
MOST_TICKS = 8  # date labels along a time axis
MOST_STEPS = 5  # between the ticks of a count axis
MINIMUM_HEIGHT = 200
BAR_ROOM = 26  # pixels a horizontal bar needs, with its label


def chart_area(minimum_height: int = MINIMUM_HEIGHT) -> QWidget:
    """An empty chart, to be drawn into by ``show_bars`` or ``show_days``."""
    view = QChartView()
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(minimum_height)
    _replace(view, _chart(""))
    return view


def show_bars(area: QWidget, title: str, labels: Sequence[str], values: Sequence[int]) -> None:
    """A horizontal bar per label, with its count; the first label at the top. Horizontal, as
    causes and terminals have long labels."""
    chart = _chart(title)
    bars = QBarSet(title)
    bars.setColor(BAR_COLOR)
    bars.setLabelColor(QColor("#202020"))
    bars.append([float(v) for v in reversed(values)])  # Qt draws the first bar at the bottom
    series = QHorizontalBarSeries()
    series.append(bars)
    series.setBarWidth(0.7)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(_distinct(list(reversed(labels))) or [" "])
    categories.setGridLineVisible(False)
    counts = _count_axis(max(values, default=0))
    for axis, edge in ((categories, Qt.AlignmentFlag.AlignLeft),
                       (counts, Qt.AlignmentFlag.AlignBottom)):  # fmt: skip
        axis.setLabelsFont(_font(-1))
        chart.addAxis(axis, edge)
        series.attachAxis(axis)
    view = _view(area)
    # Room for each label: Qt Charts elides a label that would touch its neighbours.
    view.setMinimumHeight(max(MINIMUM_HEIGHT, 70 + BAR_ROOM * len(values)))
    _replace(view, chart)


def show_hours(area: QWidget, title: str, counts: Sequence[int]) -> None:
    """A bar per hour of the day (``counts[0]`` from 00:00), hours marked every three."""
    chart = _chart(title)
    bars = QBarSet(title)
    bars.setColor(BAR_COLOR)
    bars.append([float(c) for c in counts])
    series = QBarSeries()
    series.append(bars)
    series.setBarWidth(0.7)
    chart.addSeries(series)
    # A value axis, not a category one: 24 category labels would be elided to "…".
    hours = QValueAxis()
    hours.setRange(-0.5, len(counts) - 0.5)
    hours.setTickType(QValueAxis.TickType.TicksDynamic)
    hours.setTickAnchor(0)
    hours.setTickInterval(3)
    hours.setLabelFormat("%d")
    hours.setGridLineVisible(False)
    counts_axis = _count_axis(max(counts, default=0))
    for axis, edge in (
        (hours, Qt.AlignmentFlag.AlignBottom),
        (counts_axis, Qt.AlignmentFlag.AlignLeft),
    ):
        axis.setLabelsFont(_font(-1))
        chart.addAxis(axis, edge)
        series.attachAxis(axis)
    _replace(_view(area), chart)


def show_days(area: QWidget, title: str, points: Sequence[tuple[date, int]]) -> None:
    """Counts over time, one point a day (or a week), dates along the bottom."""
    chart = _chart(title)
    series = QLineSeries()
    series.setColor(BAR_COLOR)
    series.setPointsVisible(len(points) <= 60)
    for day, count in points:
        series.append(float(_msecs(day)), float(count))
    chart.addSeries(series)
    axis = QDateTimeAxis()
    axis.setFormat("MM-dd")
    axis.setLabelsFont(_font(-1))
    if points:
        axis.setRange(_moment(points[0][0]), _moment(points[-1][0]))
    axis.setTickCount(max(2, min(MOST_TICKS, len(points))))
    counts = _count_axis(max((c for _, c in points), default=0))
    counts.setLabelsFont(_font(-1))
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis)
    series.attachAxis(counts)
    _replace(_view(area), chart)


def save_png(widget: QWidget, path: Path) -> bool:
    """Write ``widget`` as drawn (a chart, or a panel of them) to ``path``; False on failure."""
    return widget.grab().save(str(path), "PNG")


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().hide()
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    title_font = _font(1)
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    chart.setTitle(title)
    return chart


def _count_axis(largest: int) -> QValueAxis:
    """0 to a round number above ``largest`` (room for the bar labels), ticks on round steps."""
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    top = max(4, largest + (largest + 9) // 10)
    step = next(s for s in _round_steps() if s * MOST_STEPS >= top)
    steps = -(-top // step)
    axis.setRange(0, step * steps)
    axis.setTickCount(steps + 1)
    return axis


def _round_steps() -> Iterator[int]:
    scale = 1
    while True:
        yield from (scale, 2 * scale, 5 * scale)
        scale *= 10


def _font(bigger: int) -> QFont:
    font = QFont(QApplication.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(max(7.0, size + bigger))
    return font


def _view(area: QWidget) -> QChartView:
    if not isinstance(area, QChartView):
        raise TypeError("not a chart area: make it with chart_area()")
    return area


def _replace(view: QChartView, chart: QChart) -> None:
    old = view.chart()
    view.setChart(chart)  # the view now owns the new chart and lets go of the old one
    if old is not None and old is not chart:
        old.deleteLater()


def _distinct(labels: list[str]) -> list[str]:
    """A category axis merges equal labels: make each bar's differ (invisibly)."""
    seen: set[str] = set()
    out = []
    for label in labels:
        shown = label or " "
        while shown in seen:
            shown += "\u200b"
        seen.add(shown)
        out.append(shown)
    return out


def _moment(day: date) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(_msecs(day))


def _msecs(day: date) -> int:
    return int(datetime.combine(day, time(12)).astimezone().timestamp() * 1000)
