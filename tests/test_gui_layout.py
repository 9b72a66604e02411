"""Every step page at the screen sizes shops have, in training mode (its 340-pixel panel on the
right): the real window offscreen with the app's font and style sheet, walked through all six
step pages. On each the first required question and Next are in view without scrolling, no
text is cut off, and every widget that takes focus shows it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui_driver import NEXT, SKIP, Driver
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QScrollArea, QWidget

from posguide.gui.fonts import install_fonts
from posguide.gui.window import HEIGHT, WIDTH, fitted_size
from posguide.resources import resource_path

pytestmark = [
    pytest.mark.gui,
    pytest.mark.slow,
    pytest.mark.timeout(240),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

# The room a screen leaves for the window: a 40-pixel taskbar at the bottom; 1920×1080 at
# 150 % is 1280×720 logical pixels.
TILL = QSize(1366, 728)
SMALL_TILL = QSize(1024, 728)
SCALED_150 = QSize(1280, 693)
STEPS = ["symptom", "reboot", "cables", "reader", "backup", "call"]


@pytest.fixture
def styled_app(qapp: QApplication) -> Iterator[QApplication]:
    """As posguide.gui.app sets the application up: the Chinese font and the style sheet."""
    font, sheet = qapp.font(), qapp.styleSheet()
    install_fonts(qapp)
    qapp.setStyleSheet(resource_path("style", "posguide.qss").read_text(encoding="utf-8"))
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


def in_view(widget: QWidget, viewport: QWidget) -> bool:
    corner = widget.mapTo(viewport, widget.rect().topLeft())
    return viewport.rect().contains(QRect(corner, widget.size()))


def first_required(d: Driver) -> QWidget:
    session = d.window.controller.session
    for question in session.visible_questions(d.page.step):
        if question.required:
            box = d.question(question.id)
            if not box.isHidden():
                return box
    raise AssertionError(f"{d.step} has no required question shown")


def clipped_labels(window: QWidget) -> list[str]:
    """Shown labels too small for their text (a wrapped label shorter than its text needs)."""
    cut = []
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        if label.wordWrap():
            short = label.heightForWidth(label.width()) > label.height() + 1
        else:
            short = label.sizeHint().width() > label.width() + 1
        if short:
            cut.append(label.text()[:40])
    return cut


def what_the_cashier_sees(d: Driver) -> dict[str, Any]:
    d.qtbot.wait(200)  # layouts settle
    area = d.page.page_scroll
    window = d.window
    next_button = d.view.next_button
    corner = next_button.mapTo(window, next_button.rect().topLeft())
    return {
        "question in view": in_view(first_required(d), area.viewport()),
        "next in view": window.rect().contains(QRect(corner, next_button.size())),
        "clipped": clipped_labels(window),
        "sideways scrolling": area.horizontalScrollBar().isVisible(),
    }


def walk(d: Driver) -> Iterator[str]:
    """The escalation scenario passes every step page; yields at each, before answering."""
    d.start()
    yield "symptom"
    d.type("staff", "王芳")
    d.next()
    yield "reboot"
    d.press(SKIP)
    d.wait_probes()
    yield "cables"
    d.choose("cables_fixed", False)
    d.next()
    yield "reader"
    d.choose("reader_methods", "none")
    d.next()
    yield "backup"
    d.choose("payment_method", "none")
    d.next()
    yield "call"


def test_the_window_uses_a_small_screen_and_keeps_to_its_size_on_a_large_one() -> None:
    assert fitted_size(TILL) == QSize(1350, 680)  # was 1100 wide: a third of the till unused
    assert fitted_size(SMALL_TILL) == QSize(1008, 680)
    assert fitted_size(QSize(2560, 1400)) == QSize(WIDTH, HEIGHT)
    assert fitted_size(QSize()) == QSize(WIDTH, HEIGHT)


@pytest.mark.parametrize(
    ("room", "language"),
    [(TILL, "zh_CN"), (SMALL_TILL, "zh_CN"), (SMALL_TILL, "en"), (SCALED_150, "zh_CN")],
    ids=["1366x768", "1024x768", "1024x768-en", "150pct"],
)
def test_questions_and_next_in_view_on_every_step_page(
    styled_app: QApplication, qtbot: Any, tmp_path: Path, room: QSize, language: str
) -> None:
    d = Driver(qtbot, tmp_path / "home", "escalation", language)
    try:
        d.window.resize(fitted_size(room))
        seen = {}
        for step in walk(d):
            assert d.step == step
            seen[step] = what_the_cashier_sees(d)
    finally:
        d.close()
    ok = {
        "question in view": True,
        "next in view": True,
        "clipped": [],
        "sideways scrolling": False,
    }
    # One page may need a scroll on the smallest screens: the call page, where the fault
    # description to read out comes before the questions and their answer is preset.
    allowed = {"call"} if room == SMALL_TILL else set()
    wrong = {step: facts for step, facts in seen.items() if facts != ok and step not in allowed}
    assert wrong == {}
    assert list(seen) == STEPS


def test_every_widget_that_takes_focus_shows_it(
    styled_app: QApplication, qtbot: Any, tmp_path: Path
) -> None:
    d = Driver(qtbot, tmp_path / "home", "escalation")
    invisible: dict[str, list[str]] = {}

    def look(name: str, page: QWidget) -> None:
        qtbot.wait(100)
        invisible[name] = [describe(w) for w in focusable(page) if not shows_focus(w, qtbot)]

    try:
        d.window.resize(fitted_size(TILL))
        # Every training situation listed, the window still fits a 1366x768 till's screen (in
        # one column, eleven made it 60 px taller than the screen has room for).
        assert d.window.size() == fitted_size(TILL)
        d.window.activateWindow()
        look("start", d.window.start_page)
        assert d.window.side_panel is not None
        look("training panel", d.window.side_panel)
        for step in walk(d):
            d.page.extrasToggle.setChecked(True)  # the notes and the photo buttons too
            look(step, d.page)
        d.press(NEXT)
        look("finish", d.view)  # with the Back and Finish buttons
    finally:
        d.close()
    assert {step: names for step, names in invisible.items() if names} == {}


def focusable(page: QWidget) -> list[QWidget]:
    return [
        w
        for w in page.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
    ]


def shows_focus(widget: QWidget, qtbot: Any) -> bool:
    """Whether the pixels around ``widget`` change when it takes focus by Tab. The frame may
    be drawn by a parent (an editable combo box around its text field): look a little wider."""
    scroll = next((a for a in ancestors(widget) if isinstance(a, QScrollArea)), None)
    if scroll is not None:
        scroll.ensureWidgetVisible(widget)
    window = widget.window()
    corner = widget.mapTo(window, widget.rect().topLeft())
    around = QRect(corner, widget.size()).adjusted(-3, -3, 3, 3)
    window.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.wait(20)
    before = window.grab(around).toImage()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=1000)
    qtbot.wait(20)
    return window.grab(around).toImage() != before


def ancestors(widget: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton | QLineEdit) else ""
    return f"{type(widget).__name__}:{widget.objectName() or widget.accessibleName() or text}"
