"""The photo strip: files, the clipboard and drag and drop turn into ``photo_added`` bytes (read
off the UI thread, too-big files refused unread); thumbnails, the viewer and errors are shown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from images import jpeg_bytes
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QThreadPool, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel, QPushButton

from posguide.gui.i18n import Translators
from posguide.gui.widgets import photo_reader, photo_strip
from posguide.gui.widgets.photo_strip import PhotoStrip

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_level_fail("WARNING"),
    # the offscreen platform says this whenever a top-level window with a layout is shown
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]

LIMIT = 1_000_000
FULL = {7: jpeg_bytes((1200, 900), "orange")}


@pytest.fixture
def strip(qtbot) -> Iterator[PhotoStrip]:
    widget = PhotoStrip(LIMIT, FULL.__getitem__, camera=False)
    qtbot.addWidget(widget)
    widget.resize(700, 300)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    assert QThreadPool.globalInstance().waitForDone(5000)
    for window in QApplication.topLevelWidgets():
        if isinstance(window, QDialog):
            window.close()


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "router lights.jpg"
    path.write_bytes(jpeg_bytes((320, 240), "green"))
    return path


def shown(strip: PhotoStrip, name: str) -> bool:
    return any(b.text().replace("&", "") == name and b.isVisible() for b in buttons(strip))


def buttons(strip: PhotoStrip) -> list[QPushButton]:
    return strip.findChildren(QPushButton)


def test_a_chosen_file_is_read_off_the_ui_thread(strip: PhotoStrip, photo: Path, qtbot) -> None:
    seen: list[tuple[bytes, str]] = []
    strip.photo_added.connect(lambda data, source: seen.append((data, source)))
    strip.add_files([str(photo)])  # what the file dialog's filesSelected calls
    assert seen == []  # not read on the UI thread
    assert strip.findChild(QLabel, "busy").isVisible()
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert seen == [(photo.read_bytes(), "file:router lights.jpg")]
    assert not strip.findChild(QLabel, "busy").isVisible()
    assert strip.error_text() == ""


def test_a_too_big_file_is_refused_without_reading_it(
    strip: PhotoStrip, tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[object] = []
    monkeypatch.setattr(photo_strip, "read_limited", lambda *args: reads.append(args) or b"")
    huge = tmp_path / "IMG_0001.jpg"
    with huge.open("wb") as file:
        file.truncate(25 * 1024 * 1024)  # sparse: 25 MB that take no disk space
    with qtbot.assertNotEmitted(strip.photo_added, wait=300):
        strip.add_files([str(huge)])
    assert reads == []
    assert "IMG_0001.jpg is too big (25.0 MB)" in strip.error_text()
    assert "1 MB" in strip.error_text()


def test_a_missing_file_is_an_error_not_a_crash(strip: PhotoStrip, tmp_path: Path, qtbot) -> None:
    with qtbot.assertNotEmitted(strip.photo_added, wait=100):
        strip.add_files([str(tmp_path / "gone.jpg")])
    # The kind of error in words, not the system's own "[Errno 2] No such file or directory".
    assert strip.error_text() == "gone.jpg cannot be read: it was not found"


def test_paste_an_image_gives_png_bytes(strip: PhotoStrip, qtbot) -> None:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f6feb"))
    QApplication.clipboard().setImage(image)
    paste = next(b for b in buttons(strip) if b.text() == "Paste")
    with qtbot.waitSignal(strip.photo_added) as blocker:
        qtbot.mouseClick(paste, Qt.MouseButton.LeftButton)
    data, source = blocker.args
    assert source == "paste" and data.startswith(b"\x89PNG")
    pasted = QImage.fromData(data)
    assert (pasted.width(), pasted.height()) == (64, 48)
    assert pasted.pixelColor(10, 10) == QColor("#1f6feb")


def test_paste_copied_files_or_a_path(strip: PhotoStrip, photo: Path, qtbot) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    QApplication.clipboard().setMimeData(mime)
    with qtbot.waitSignal(strip.photo_added) as blocker:
        strip.paste()
    assert blocker.args == [photo.read_bytes(), "paste"]
    QApplication.clipboard().setText(f'"{photo}"')  # Windows "Copy as path" adds quotes
    with qtbot.waitSignal(strip.photo_added) as blocker:
        strip.paste()
    assert blocker.args == [photo.read_bytes(), "paste"]


def test_paste_without_a_picture_says_so(strip: PhotoStrip, qtbot) -> None:
    QApplication.clipboard().setText("just some words\nover two lines")
    with qtbot.assertNotEmitted(strip.photo_added, wait=100):
        strip.paste()
    assert strip.error_text() == "The clipboard holds no picture or photo file."


def test_drop_files(strip: PhotoStrip, photo: Path, qtbot) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo)), QUrl("https://example.com/x.jpg")])
    enter = QDragEnterEvent(
        QPoint(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(strip, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(strip.photo_added) as blocker:
        QApplication.sendEvent(strip, drop)
    assert blocker.args == [photo.read_bytes(), "drop:router lights.jpg"]


def test_text_drags_are_not_accepted(strip: PhotoStrip) -> None:
    mime = QMimeData()
    mime.setText("hello")
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter.ignore()
    QApplication.sendEvent(strip, enter)
    assert not enter.isAccepted()


def test_thumbnail_opens_the_full_photo(strip: PhotoStrip, qtbot) -> None:
    strip.show_error("IMG_9.jpg is not a picture.")
    assert strip.error_text() == "IMG_9.jpg is not a picture."
    strip.add_thumbnail(7, jpeg_bytes((160, 120), "orange"), "router lights.jpg")
    assert strip.error_text() == ""  # a success clears the last error
    [tile] = strip.thumbnails()
    assert tile.isVisible() and tile.accessibleName() == "router lights.jpg"
    assert tile.text().startswith("router") and tile.toolTip() == "router lights.jpg"
    assert not tile.icon().isNull()
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    viewer = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog))
    assert viewer.isVisible() and not viewer.isModal()
    [pixmap] = [lb.pixmap() for lb in viewer.findChildren(QLabel) if not lb.pixmap().isNull()]
    assert pixmap.width() > 160  # the full photo (fitted to the screen), not the thumbnail
    assert abs(pixmap.width() / pixmap.height() - 4 / 3) < 0.01
    strip.clear()
    assert strip.thumbnails() == []


def test_a_photo_that_cannot_be_loaded_shows_an_error(strip: PhotoStrip, qtbot) -> None:
    strip.add_thumbnail(99, jpeg_bytes((160, 120)), "")
    qtbot.mouseClick(strip.thumbnails()[0], Qt.MouseButton.LeftButton)  # load_full: KeyError
    assert strip.error_text() == "This photo cannot be shown."


def test_prompt(strip: PhotoStrip) -> None:
    strip.set_prompt("拍一张路由器指示灯的照片")
    labels = [label.text() for label in strip.findChildren(QLabel) if label.isVisible()]
    assert "拍一张路由器指示灯的照片" in labels


def test_camera_button_only_with_a_camera(qtbot) -> None:
    with_camera = PhotoStrip(LIMIT, FULL.__getitem__, camera=True)
    qtbot.addWidget(with_camera)
    with_camera.show()
    assert shown(with_camera, "Take photo")
    assert shown(with_camera, "Add from file…") and shown(with_camera, "Paste")


# QtMultimedia names the optional libraries it did not find (pipewire, VA-API) as warnings
@pytest.mark.qt_log_ignore("propagateSizeHints", "Couldn't (load|resolve)")
def test_camera_button_hidden_when_qt_sees_no_camera(qtbot) -> None:
    from PySide6.QtMultimedia import QMediaDevices

    if QMediaDevices.videoInputs():
        pytest.skip("this machine has a camera")
    strip = PhotoStrip(LIMIT, FULL.__getitem__)
    qtbot.addWidget(strip)
    strip.show()
    assert not shown(strip, "Take photo") and shown(strip, "Paste")


def test_a_file_that_grew_past_the_limit_is_refused(tmp_path: Path) -> None:
    grown = tmp_path / "growing.jpg"
    grown.write_bytes(b"x" * 101)
    assert photo_reader.read_limited(grown, 101) == b"x" * 101
    with pytest.raises(photo_reader.TooBig):
        photo_reader.read_limited(grown, 100)  # reads at most limit + 1 bytes to find out


def test_a_camera_picture_is_sent_as_jpeg(strip: PhotoStrip, qtbot) -> None:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("orange"))
    with qtbot.waitSignal(strip.photo_added) as blocker:
        strip._captured(image)  # what the capture dialog's "captured" signal calls
    data, source = blocker.args
    assert source == "camera" and data.startswith(b"\xff\xd8\xff")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    translators = Translators(qapp)
    translators.switch("zh_CN")
    yield
    translators.uninstall()


def open_file_dialog(strip: PhotoStrip, qtbot) -> QFileDialog:
    file_button = next(b for b in buttons(strip) if "(&F)" in b.text() or "&file" in b.text())
    qtbot.mouseClick(file_button, Qt.MouseButton.LeftButton)
    dialog = strip.findChild(QFileDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_add_from_file_asks_in_chinese_in_the_pictures_folder(
    chinese: None, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    for folder in ("Pictures", "Desktop"):
        (home / folder).mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    strip = PhotoStrip(LIMIT, FULL.__getitem__, camera=False)  # built in Chinese
    qtbot.addWidget(strip)
    strip.show()
    dialog = open_file_dialog(strip, qtbot)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    # "查找范围(&L)：", "文件类型(&T)：": not Qt's English "&Look in:", "Files of &type:".
    english = [text for text in labels if re.search(r"[A-Za-z]{2,}", text)]
    assert labels and english == []
    assert Path(dialog.directory().absolutePath()) == home / "Pictures"  # not the program's
    dialog.reject()
    qtbot.waitUntil(lambda: strip.findChild(QFileDialog) is None)  # closed, deleted
    (home / "Pictures").rmdir()
    assert Path(open_file_dialog(strip, qtbot).directory().absolutePath()) == home / "Desktop"
