"""The manager console's photos: the thumbnail gallery of an incident (captions and times, Enter,
double-click and "Open", damaged thumbnails, the empty state) and the full-size viewer (wheel,
keys and buttons zoom within limits, drags and keys pan, Esc closes, "Save a copy" writes the
stored bytes unchanged or says why not, a damaged photo is said so and can still be saved)."""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from images import jpeg_bytes
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QWheelEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from posguide.gui.console import photo_viewer
from posguide.gui.console.gallery import PhotoGallery, short_time
from posguide.gui.console.photo_viewer import MAX_ZOOM, MIN_ZOOM, PhotoViewer, copy_name
from posguide.store.models import PhotoInfo

SIZE_HINTS = "propagateSizeHints"
BAD_JPEG = "Corrupt JPEG|JPEG datastream|Premature end|Unsupported"
RAISE = "does not support raise"
# No "gui" mark: these widgets need nothing machine-wide (no training reader), so they run in
# the other half of ./dev test.
pytestmark = [pytest.mark.qt_log_ignore(SIZE_HINTS)]

CAPTIONS = ["终端屏幕显示在维护中", "路由器指示灯", "网线接口"]
DAMAGED = b"\xff\xd8\xff\xe0 not really a JPEG"


def info(photo_id: int, caption: str = "终端屏幕", **values: object) -> PhotoInfo:
    fields: dict[str, object] = {
        "step_id": None,
        "sha256": "0" * 64,
        "original_format": "JPEG",
        "original_size": 1000,
        "width": 1600,
        "height": 1200,
        "taken_at": None,
        "attached_at": "2026-03-05T15:01:00+08:00",
    }
    fields.update(values)
    return PhotoInfo(id=photo_id, caption=caption, **fields)  # type: ignore[arg-type]


@pytest.fixture
def china_time() -> Iterator[None]:
    """The shop's PC in UTC+8 (a POSIX zone: no tz database needed)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "CST-8"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def gallery(qtbot) -> PhotoGallery:
    widget = PhotoGallery()
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def three_photos(gallery: PhotoGallery) -> list[int]:
    colors = ["orange", "skyblue", "lightgreen"]
    items = [
        (info(10 + n, caption), jpeg_bytes((256, 192), color))
        for n, (caption, color) in enumerate(zip(CAPTIONS, colors, strict=True))
    ]
    gallery.set_photos(items)
    return [10, 11, 12]


def activations(gallery: PhotoGallery) -> list[int]:
    seen: list[int] = []
    gallery.photoActivated.connect(seen.append)
    return seen


# --- the gallery -------------------------------------------------------------------------------


def test_gallery_shows_each_photo_with_its_caption_and_time(gallery, china_time) -> None:
    items = [
        (info(1, CAPTIONS[0], taken_at="2026-03-05T14:20:11+08:00"), jpeg_bytes((256, 192))),
        (info(2, CAPTIONS[1], attached_at="2026-03-05T07:01:00+00:00"), jpeg_bytes((192, 256))),
        (info(3, "  "), jpeg_bytes((256, 192))),
    ]
    gallery.set_photos(items)
    assert gallery.count() == 3
    assert gallery.photo_ids() == [1, 2, 3]
    texts = [gallery.item(row).text() for row in range(3)]
    assert texts[0].splitlines() == [CAPTIONS[0], "Taken 03-05 14:20"]
    assert texts[1].splitlines() == [CAPTIONS[1], "Added 03-05 15:01"]  # local time, not UTC
    assert texts[2].splitlines()[0] == "Photo 3"  # no caption: its number
    # One row, every caption in full under its picture, inside the fixed height.
    rects = [gallery.visualItemRect(gallery.item(row)) for row in range(3)]
    assert len({r.top() for r in rects}) == 1
    assert all(gallery.viewport().rect().contains(r) for r in rects)
    assert gallery.minimumHeight() == gallery.maximumHeight() < 400
    assert gallery.empty_text() == ""


def test_short_time_is_local_and_tolerates_bad_stamps(china_time) -> None:
    assert short_time("2026-03-05T06:20:59+00:00") == "03-05 14:20"
    assert short_time("2026-03-05T14:20:00") == "03-05 14:20"  # camera time without a zone
    assert short_time(None) == short_time("") == short_time("yesterday") == ""


def test_enter_and_return_open_the_current_photo(gallery, qtbot) -> None:
    ids = three_photos(gallery)
    seen = activations(gallery)
    gallery.setFocus()
    qtbot.keyClick(gallery, Qt.Key.Key_Return)
    qtbot.keyClick(gallery, Qt.Key.Key_Right)  # keyboard navigable
    qtbot.keyClick(gallery, Qt.Key.Key_Right)
    qtbot.keyClick(gallery, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert seen == [ids[0], ids[2]]


def test_a_double_click_opens_that_photo_once(gallery, qtbot) -> None:
    ids = three_photos(gallery)
    seen = activations(gallery)
    where = gallery.visualItemRect(gallery.item(1)).center()
    qtbot.mouseClick(gallery.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert seen == []  # one click selects
    qtbot.mouseDClick(gallery.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert seen == [ids[1]]


def test_the_open_button_opens_the_selected_photo(gallery, qtbot) -> None:
    ids = three_photos(gallery)
    seen = activations(gallery)
    assert gallery.open_button.isVisible()
    assert gallery.open_button.text().replace("&", "") == "Open"
    gallery.setCurrentRow(2)
    qtbot.mouseClick(gallery.open_button, Qt.MouseButton.LeftButton)
    assert seen == [ids[2]]


def colours(image: QImage) -> set[str]:
    """The opaque colours of an image, as #rrggbb."""
    return {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixelColor(x, y).alpha() == 255
    }


def has(colours: set[str], wanted: str, tolerance: int = 8) -> bool:
    target = QColor(wanted)
    return any(
        max(
            abs(c.red() - target.red()),
            abs(c.green() - target.green()),
            abs(c.blue() - target.blue()),
        )
        <= tolerance
        for c in map(QColor, colours)
    )


@pytest.mark.qt_log_ignore(SIZE_HINTS, BAD_JPEG)
def test_a_damaged_thumbnail_shows_a_placeholder(gallery, qtbot) -> None:
    good = jpeg_bytes((256, 192), "orange")
    gallery.set_photos([(info(1, "好"), good), (info(2, "坏"), DAMAGED), (info(3, "空"), b"")])
    assert gallery.count() == 3
    for row in (1, 2):
        assert "cannot be shown" in gallery.item(row).toolTip()
        assert gallery.item(row).text().startswith(("坏", "空"))
    assert "cannot be shown" not in gallery.item(0).toolTip()
    side = gallery.iconSize()
    photo = colours(gallery.item(0).icon().pixmap(side).toImage())
    placeholder = colours(gallery.item(1).icon().pixmap(side).toImage())
    assert has(photo, "#ffa500") and not has(photo, "#cf222e")  # orange
    assert has(placeholder, "#cf222e") and not has(placeholder, "#ffa500")  # a red cross, words
    seen = activations(gallery)  # it can still be opened: the full photo may be fine
    gallery.setCurrentRow(1)
    qtbot.keyClick(gallery, Qt.Key.Key_Return)
    assert seen == [2]
    gallery.grab()  # and painted


def test_no_photos_says_so(gallery) -> None:
    gallery.set_photos([])
    assert gallery.empty_text() == "No photos"
    assert not gallery.open_button.isVisible()
    three_photos(gallery)
    assert gallery.empty_text() == ""
    gallery.set_photos(())
    assert gallery.count() == 0
    assert gallery.empty_text() == "No photos"


# --- the viewer --------------------------------------------------------------------------------

PHOTO = jpeg_bytes((1600, 1200), "skyblue")


@pytest.fixture
def viewer(qtbot) -> PhotoViewer:
    widget = PhotoViewer()
    qtbot.addWidget(widget)
    widget.resize(900, 650)
    widget.show_photo(info(7, "终端屏幕显示在维护中"), PHOTO)
    qtbot.waitExposed(widget)
    return widget


def wheel(viewer: PhotoViewer, notches: int, at: QPoint, ctrl: bool = False) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    viewport = viewer.view.viewport()
    event = QWheelEvent(
        QPointF(at),
        QPointF(viewport.mapToGlobal(at)),
        QPoint(),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)


def scale(viewer: PhotoViewer) -> float:
    return viewer.view.transform().m11()


def bars(viewer: PhotoViewer) -> tuple[int, int]:
    return viewer.view.horizontalScrollBar().value(), viewer.view.verticalScrollBar().value()


def test_a_photo_opens_fitted_to_the_window(viewer, qtbot) -> None:
    assert viewer.isVisible()
    assert viewer.windowTitle() == "终端屏幕显示在维护中"
    assert "1600 × 1200" in viewer.details.text()
    fits(viewer, qtbot)


def fits(viewer: PhotoViewer, qtbot) -> None:
    """The whole photo is in view, as large as the viewport allows (once the scroll bars,
    hidden by a queued call, are gone)."""
    view = viewer.view
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible())
    qtbot.waitUntil(lambda: not view.verticalScrollBar().isVisible())
    space = viewer.view.viewport().size()
    shown = viewer.view.mapFromScene(viewer.view.sceneRect()).boundingRect()
    assert shown.width() <= space.width() + 1 and shown.height() <= space.height() + 1
    assert shown.width() >= space.width() - 3 or shown.height() >= space.height() - 3
    assert viewer.view.horizontalScrollBar().maximum() == 0  # nothing to scroll
    assert viewer.view.verticalScrollBar().maximum() == 0
    assert viewer.zoom_label.text() == f"{viewer.zoom() * 100:.0f}%"


def test_the_wheel_zooms_around_the_cursor(viewer) -> None:
    start, label = scale(viewer), viewer.zoom_label.text()
    at = QPoint(200, 150)
    spot = viewer.view.mapToScene(at)
    wheel(viewer, 2, at)
    assert scale(viewer) == pytest.approx(start * 1.25**2)
    assert viewer.zoom_label.text() != label
    assert viewer.zoom_label.text() == f"{scale(viewer) * 100:.0f}%"
    moved = viewer.view.mapFromScene(spot) - at
    assert abs(moved.x()) <= 2 and abs(moved.y()) <= 2  # the spot stayed under the cursor
    wheel(viewer, -1, at, ctrl=True)
    assert scale(viewer) == pytest.approx(start * 1.25)
    wheel(viewer, -1, at)
    assert scale(viewer) == pytest.approx(start)


def test_zoom_stays_within_its_limits(viewer, qtbot) -> None:
    wheel(viewer, 40, QPoint(100, 100))
    assert scale(viewer) == pytest.approx(MAX_ZOOM)
    assert viewer.zoom_label.text() == "800%"
    assert not viewer.zoom_in_button.isEnabled()
    qtbot.keyClick(viewer.view, Qt.Key.Key_Plus)
    assert scale(viewer) == pytest.approx(MAX_ZOOM)
    for _ in range(30):
        qtbot.keyClick(viewer.view, Qt.Key.Key_Minus)
    assert scale(viewer) == pytest.approx(MIN_ZOOM)
    assert viewer.zoom_label.text() == "5%"
    assert not viewer.zoom_out_button.isEnabled()
    assert viewer.zoom_in_button.isEnabled()


def test_keys_and_buttons_zoom(viewer, qtbot) -> None:
    start = scale(viewer)
    qtbot.keyClick(viewer.view, Qt.Key.Key_Plus)
    assert scale(viewer) == pytest.approx(start * 1.25)
    qtbot.keyClick(viewer.view, Qt.Key.Key_Equal)  # "+" without Shift
    qtbot.keyClick(viewer.view, Qt.Key.Key_Minus)
    assert scale(viewer) == pytest.approx(start * 1.25)
    qtbot.mouseClick(viewer.zoom_out_button, Qt.MouseButton.LeftButton)
    assert scale(viewer) == pytest.approx(start)
    qtbot.mouseClick(viewer.actual_button, Qt.MouseButton.LeftButton)
    assert scale(viewer) == 1.0
    assert viewer.zoom_label.text() == "100%"
    assert viewer.view.horizontalScrollBar().maximum() > 0
    qtbot.mouseClick(viewer.fit_button, Qt.MouseButton.LeftButton)
    assert scale(viewer) == pytest.approx(start, rel=1e-3)
    fits(viewer, qtbot)


def test_fit_follows_the_window_until_the_user_zooms(viewer, qtbot) -> None:
    viewer.resize(600, 500)
    qtbot.waitUntil(lambda: viewer.view.viewport().width() < 600)
    fits(viewer, qtbot)
    viewer.actual_size()
    viewer.resize(900, 650)
    qtbot.waitUntil(lambda: viewer.view.viewport().width() > 600)
    assert scale(viewer) == 1.0


def test_dragging_and_arrow_keys_pan(viewer, qtbot) -> None:
    viewer.actual_size()
    viewport = viewer.view.viewport()
    before = bars(viewer)
    start, end = QPoint(400, 300), QPoint(300, 240)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, QPoint(350, 270))
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    after = bars(viewer)
    assert after == (before[0] + 100, before[1] + 60)  # the photo followed the hand
    viewer.view.setFocus()
    qtbot.keyClick(viewer.view, Qt.Key.Key_Right)
    qtbot.keyClick(viewer.view, Qt.Key.Key_Down)
    moved = bars(viewer)
    assert moved[0] > after[0] and moved[1] > after[1]
    viewer.view.horizontalScrollBar().setValue(0)
    assert viewer.view.mapToScene(QPoint(0, 0)).x() == pytest.approx(0, abs=1)


def test_escape_closes_the_window(viewer, qtbot) -> None:
    qtbot.keyClick(viewer.view, Qt.Key.Key_Escape)
    assert not viewer.isVisible()


def test_escape_closes_it_from_a_button_too(viewer, qtbot) -> None:
    viewer.fit_button.setFocus()
    qtbot.keyClick(viewer.fit_button, Qt.Key.Key_Escape)
    assert not viewer.isVisible()


# --- saving a copy -------------------------------------------------------------------------------


def test_save_copy_writes_the_bytes_unchanged(viewer, qtbot, tmp_path: Path) -> None:
    target = tmp_path / "copy.jpg"
    with qtbot.waitSignal(viewer.saved) as saved:
        viewer.save_copy(target)
    assert saved.args == [str(target)]
    assert target.read_bytes() == PHOTO
    assert os.listdir(tmp_path) == ["copy.jpg"]  # no temporary file left
    assert "saved" in viewer.status_text()
    assert str(target) in viewer.status_text()


def test_a_folder_as_target_is_refused_with_a_message(viewer, tmp_path: Path) -> None:
    folder = tmp_path / "照片"
    folder.mkdir()
    viewer.save_copy(folder)  # raises nothing
    assert "could not be saved" in viewer.status_text()
    assert "folder" in viewer.status_text()
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert os.listdir(tmp_path) == ["照片"]


def test_a_missing_folder_is_refused_with_a_message(viewer, tmp_path: Path) -> None:
    target = tmp_path / "gone" / "copy.jpg"
    viewer.save_copy(target)
    assert "could not be saved" in viewer.status_text()
    assert "does not exist" in viewer.status_text()
    assert "Errno" not in viewer.status_text()
    assert os.listdir(tmp_path) == []


def test_a_failed_write_leaves_the_old_file_and_no_part(viewer, tmp_path, monkeypatch) -> None:
    target = tmp_path / "copy.jpg"
    target.write_bytes(b"the earlier copy")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(photo_viewer.os, "fsync", full)
    viewer.save_copy(target)
    assert "the disk is full" in viewer.status_text()
    assert target.read_bytes() == b"the earlier copy"
    assert os.listdir(tmp_path) == ["copy.jpg"]


def test_the_file_dialog_proposes_the_caption_and_saves(viewer, qtbot, tmp_path: Path) -> None:
    qtbot.mouseClick(viewer.save_button, Qt.MouseButton.LeftButton)
    dialog = viewer.save_dialog
    assert isinstance(dialog, QFileDialog)
    assert dialog.isVisible()
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    assert Path(dialog.selectedFiles()[0]).name == "终端屏幕显示在维护中.jpg"
    target = tmp_path / "证据.jpg"
    dialog.selectFile(str(target))
    dialog.accept()
    assert target.read_bytes() == PHOTO
    qtbot.waitUntil(lambda: viewer.save_dialog is None)


def test_replacing_a_file_is_asked_without_a_nested_loop(viewer, qtbot, tmp_path) -> None:
    target = tmp_path / "copy.jpg"
    target.write_bytes(b"older")
    viewer.choose_save_path()
    assert viewer.save_dialog is not None
    viewer.save_dialog.selectFile(str(target))
    viewer.save_dialog.accept()  # returns at once: the question is non-modal
    question = viewer.replace_question
    assert isinstance(question, QMessageBox) and question.isVisible()
    question.button(QMessageBox.StandardButton.No).click()
    assert target.read_bytes() == b"older"
    qtbot.waitUntil(lambda: viewer.replace_question is None)
    viewer.choose_save_path()
    assert viewer.save_dialog is not None
    viewer.save_dialog.selectFile(str(target))
    viewer.save_dialog.accept()
    assert viewer.replace_question is not None
    viewer.replace_question.button(QMessageBox.StandardButton.Yes).click()
    assert target.read_bytes() == PHOTO


def test_copy_names_are_safe_file_names() -> None:
    assert copy_name(info(3, "路由器/灯: 红?*")) == "路由器_灯_ 红.jpg"
    assert copy_name(info(3, "")) == "photo-3.jpg"
    assert copy_name(info(3, " ... ")) == "photo-3.jpg"
    assert copy_name(info(3, "con")) == "photo-3.jpg"  # a device name on Windows
    assert len(copy_name(info(3, "长" * 300))) == 84


# --- photos that cannot be shown ------------------------------------------------------------------


@pytest.mark.qt_log_ignore(SIZE_HINTS, BAD_JPEG, RAISE)
def test_a_damaged_photo_is_said_so_and_can_still_be_saved(viewer, tmp_path) -> None:
    viewer.show_photo(info(8, "坏照片"), DAMAGED)
    assert viewer.problem_text().startswith("This photo cannot be shown: ")
    assert "damaged" in viewer.problem_text()
    assert not viewer.view.isVisible()
    assert not viewer.fit_button.isEnabled()
    assert viewer.save_button.isEnabled()
    viewer.save_copy(tmp_path / "evidence.jpg")
    assert (tmp_path / "evidence.jpg").read_bytes() == DAMAGED
    viewer.show_photo(info(7), PHOTO)  # the next photo is shown again
    assert viewer.problem_text() == ""
    assert viewer.view.isVisible()


@pytest.mark.qt_log_ignore(SIZE_HINTS, BAD_JPEG)
def test_an_incomplete_photo_shows_what_could_be_read(qtbot) -> None:
    widget = PhotoViewer()
    qtbot.addWidget(widget)
    widget.show_photo(info(9), PHOTO[: len(PHOTO) // 2])
    assert widget.view.isVisible()
    assert "Part of this photo is missing" in widget.status_text()


@pytest.mark.qt_log_ignore(SIZE_HINTS, "exceeds the current allocation limit")
def test_a_photo_too_large_to_decode_is_said_so(qtbot) -> None:
    widget = PhotoViewer()
    qtbot.addWidget(widget)
    limit = QImageReader.allocationLimit()
    QImageReader.setAllocationLimit(1)  # MB: 1600 x 1200 needs 7.3
    try:
        widget.show_photo(info(9), PHOTO)
    finally:
        QImageReader.setAllocationLimit(limit)
    assert "too large to show (1600 × 1200 pixels)" in widget.problem_text()
    assert widget.save_button.isEnabled()


def test_a_large_photo_is_shown_fitted(qtbot) -> None:
    data = jpeg_bytes((8000, 6000), "gray")
    widget = PhotoViewer()
    qtbot.addWidget(widget)
    widget.resize(900, 650)
    started = time.perf_counter()
    widget.show_photo(info(9), data)
    qtbot.waitExposed(widget)
    assert time.perf_counter() - started < 5
    fits(widget, qtbot)
    assert widget.zoom() < 0.15
