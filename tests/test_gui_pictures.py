"""Reference pictures: the step's drawings render with their captions, keep their shape, grow
with the font, and open large on a click or Enter without blocking the wizard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from posguide.gui.widgets.pictures import PictureStrip
from posguide.resources import resource_path

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_level_fail("WARNING"),
    # the offscreen platform says this whenever a top-level window with a layout is shown
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]

ITEMS = [
    (resource_path("pictures", "router_lights_ok.svg"), "正常：电源、WAN、LAN 灯都亮（绿色）"),
    (resource_path("pictures", "router_lights_wan_off.svg"), "WAN 灯不亮：外面的网络断了"),
]


@pytest.fixture
def strip(qtbot) -> PictureStrip:
    widget = PictureStrip()
    qtbot.addWidget(widget)
    widget.set_pictures(ITEMS)
    widget.resize(900, 400)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    for window in QApplication.topLevelWidgets():
        if isinstance(window, QDialog):
            window.close()


def colours(image: QImage) -> set[int]:
    step = max(1, min(image.width(), image.height()) // 40)
    return {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


def test_pictures_render_with_captions(strip: PictureStrip) -> None:
    tiles = strip.tiles()
    assert [t.accessibleName() for t in tiles] == [caption for _, caption in ITEMS]
    captions = [label.text() for label in strip.findChildren(QLabel) if label.isVisible()]
    assert captions == [caption for _, caption in ITEMS]
    for tile in tiles:
        drawing = tile.svg.grab().toImage()
        assert len(colours(drawing)) > 10  # a real drawing, not a blank box
        assert drawing.pixelColor(5, 5) != QColor("#000000")
        assert abs(tile.svg.width() * 2 - tile.svg.height() * 3) <= 3  # the view box's shape
    assert len(colours(strip.grab().toImage())) > 10
    assert tiles[0].y() == tiles[1].y()  # side by side when they fit


def test_tiles_grow_with_the_font_and_wrap_when_narrow(strip: PictureStrip, qtbot) -> None:
    normal = QApplication.font()
    larger = QFont(normal)
    larger.setPointSizeF(normal.pointSizeF() * 1.5)
    QApplication.setFont(larger)  # as a larger interface font chosen at start-up
    try:
        big = PictureStrip()
        qtbot.addWidget(big)
        big.set_pictures(ITEMS)
    finally:
        QApplication.setFont(normal)
    assert big.tiles()[0].svg.width() > strip.tiles()[0].svg.width() * 1.3
    strip.resize(strip.minimumSizeHint().width(), 800)
    qtbot.waitUntil(lambda: strip.tiles()[1].y() > strip.tiles()[0].y())  # one column now


def test_click_opens_a_large_view(strip: PictureStrip, qtbot) -> None:
    tile = strip.tiles()[1]
    with qtbot.waitSignal(strip.opened) as blocker:
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert blocker.args == [1]
    [view] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)]
    assert view.isVisible() and not view.isModal()
    assert view.windowTitle() == ITEMS[1][1]
    assert view.width() > tile.width() * 1.5


def test_enter_on_a_focused_tile_opens_it(strip: PictureStrip, qtbot) -> None:
    tile = strip.tiles()[0]
    assert tile.focusPolicy() & Qt.FocusPolicy.TabFocus
    with qtbot.waitSignal(strip.opened) as blocker:
        qtbot.keyClick(tile, Qt.Key.Key_Return)
    assert blocker.args == [0]
    with qtbot.waitSignal(strip.opened):  # a second picture replaces the first view
        qtbot.keyClick(strip.tiles()[1], Qt.Key.Key_Space)
    qtbot.waitUntil(
        lambda: len([w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)]) == 1
    )


def test_a_missing_file_shows_a_placeholder(qtbot, tmp_path: Path) -> None:
    strip = PictureStrip()
    qtbot.addWidget(strip)
    strip.set_pictures([(tmp_path / "gone.svg", "缺少的图片")])
    strip.show()
    texts = [label.text() for label in strip.findChildren(QLabel) if label.isVisible()]
    assert sorted(texts) == sorted(["Picture missing", "缺少的图片"])


def test_no_pictures_hides_the_strip(strip: PictureStrip) -> None:
    strip.set_pictures([])
    assert strip.isHidden() and strip.tiles() == []
