"""The question form as a cashier uses it: clicks, keys and typing report answers; restoring,
hiding and marking questions reports nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
)

from posguide.flow.loader import load_playbook
from posguide.flow.model import Choice, LocalText, Question
from posguide.gui.widgets.questions import QuestionForm

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_level_fail("WARNING"),
    # the offscreen platform says this whenever a top-level window with a layout is shown
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]


def text(zh: str, en: str = "") -> LocalText:
    return LocalText(zh, en or zh)


QUESTIONS = [
    Question("fixed", "yesno", text("现在能付款吗？", "Does it work now?"), required=True),
    Question(
        "shows",
        "choice",
        text("屏幕上显示什么？"),
        choices=(
            Choice("maintenance", text("“在维护中”", "Under maintenance")),
            Choice("code", text("错误代码", "An error code")),
            Choice("other", text("其他 & 别的", "Something else")),
        ),
        preset="maintenance",
        required=True,
    ),
    Question(
        "lights",
        "multichoice",
        text("哪些灯亮？"),
        choices=(
            Choice("power", text("电源")),
            Choice("wan", text("WAN")),
            Choice("lan", text("LAN")),
        ),
    ),
    Question("ticket", "text", text("工单号")),
    Question("terminal", "terminal", text("哪一台POS机？"), required=True),
    Question("staff", "staff", text("您的名字"), required=True),
]
TERMINALS = [("T1", "前台POS机"), ("T2", "二号收银台")]
STAFF = ["小王", "李娜"]
# What FlowSession.displayed gives a new incident's page: the presets (the default terminal).
PRESETS = {"shows": "maintenance", "terminal": "T1"}


@pytest.fixture
def form(qtbot) -> QuestionForm:
    widget = QuestionForm("zh_CN", TERMINALS, STAFF)
    qtbot.addWidget(widget)
    widget.set_questions(QUESTIONS)
    widget.set_answers(PRESETS)
    widget.resize(700, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def button(form: QuestionForm, label: str) -> QAbstractButton:
    found = [
        b
        for b in form.findChildren(QAbstractButton)
        if b.text().replace("&&", "&") == label and b.isVisibleTo(form)
    ]
    assert len(found) == 1, label
    return found[0]


def editor(form: QuestionForm, kind: type, index: int = 0):
    return [w for w in form.findChildren(kind) if w.isVisibleTo(form)][index]


def shown_texts(form: QuestionForm) -> list[str]:
    return [label.text() for label in form.findChildren(QLabel) if label.isVisibleTo(form)]


def test_every_question_shows_its_text_and_the_required_marker(form: QuestionForm) -> None:
    texts = shown_texts(form)
    for question in QUESTIONS:
        assert question.text.zh_CN in texts
    assert texts.count("(required)") == 4
    assert "Please answer this" not in texts
    assert button(form, "其他 & 别的")  # an ampersand is shown, not taken as a mnemonic
    hits = [w for w in form.findChildren(QAbstractButton) if w.isVisibleTo(form)]
    assert all(w.height() >= 44 for w in hits)


def test_presets_are_shown(form: QuestionForm) -> None:
    assert button(form, "“在维护中”").isChecked()
    combo = editor(form, QComboBox, 0)
    assert combo.currentText() == "前台POS机"  # the default (first) terminal
    assert [combo.itemText(i) for i in range(combo.count())] == ["前台POS机", "二号收银台"]


def test_yes_and_no_are_exclusive_toggles(form: QuestionForm, qtbot) -> None:
    yes, no = button(form, "Yes"), button(form, "No")
    with qtbot.waitSignal(form.answered) as blocker:
        qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    assert blocker.args == ["fixed", True]
    with qtbot.waitSignal(form.answered) as blocker:
        qtbot.mouseClick(no, Qt.MouseButton.LeftButton)
    assert blocker.args == ["fixed", False]
    assert no.isChecked() and not yes.isChecked()
    with qtbot.assertNotEmitted(form.answered):
        qtbot.mouseClick(no, Qt.MouseButton.LeftButton)  # no change, nothing to report


def test_yes_no_by_keyboard(form: QuestionForm, qtbot) -> None:
    yes, no = button(form, "Yes"), button(form, "No")
    form.activateWindow()
    yes.setFocus()
    qtbot.waitUntil(yes.hasFocus)
    with qtbot.waitSignal(form.answered) as blocker:
        qtbot.keyClick(yes, Qt.Key.Key_Space)
    assert blocker.args == ["fixed", True]
    with qtbot.waitSignal(form.answered) as blocker:
        qtbot.keyClick(yes, Qt.Key.Key_Right)
    assert blocker.args == ["fixed", False]
    assert no.hasFocus() and no.isChecked()


def test_choice_by_click_and_arrow_keys(form: QuestionForm, qtbot) -> None:
    with qtbot.waitSignal(form.answered) as blocker:
        qtbot.mouseClick(button(form, "错误代码"), Qt.MouseButton.LeftButton)
    assert blocker.args == ["shows", "code"]
    code = button(form, "错误代码")
    form.activateWindow()
    code.setFocus()
    qtbot.waitUntil(code.hasFocus)
    with qtbot.waitSignal(form.answered) as blocker:
        qtbot.keyClick(code, Qt.Key.Key_Down)
    assert blocker.args == ["shows", "other"]
    assert button(form, "其他 & 别的").isChecked() and not code.isChecked()
    assert all(isinstance(b, QRadioButton) for b in (code, button(form, "“在维护中”")))


def test_multichoice_reports_ticked_choices_in_choice_order(form: QuestionForm, qtbot) -> None:
    seen: list[object] = []
    form.answered.connect(lambda qid, value: seen.append((qid, value)))
    qtbot.mouseClick(button(form, "LAN"), Qt.MouseButton.LeftButton)
    power = button(form, "电源")  # a tap on the card's empty right end counts too
    qtbot.mouseClick(power, Qt.MouseButton.LeftButton, pos=QPoint(power.width() - 8, 10))
    lan = button(form, "LAN")
    assert isinstance(lan, QCheckBox)
    form.activateWindow()
    lan.setFocus()
    qtbot.waitUntil(lan.hasFocus)
    qtbot.keyClick(lan, Qt.Key.Key_Space)  # space unticks
    assert seen == [("lights", ["lan"]), ("lights", ["power", "lan"]), ("lights", ["power"])]


def test_text_is_reported_when_editing_ends_and_after_a_pause(form: QuestionForm, qtbot) -> None:
    edit = editor(form, QLineEdit, 0)
    assert edit.parent() is not None and not isinstance(edit.parent(), QComboBox)
    seen: list[object] = []
    form.answered.connect(lambda qid, value: seen.append((qid, value)))
    qtbot.keyClicks(edit, "GD-42")
    assert seen == []  # not on every key
    qtbot.waitUntil(lambda: seen == [("ticket", "GD-42")], timeout=2000)
    qtbot.keyClicks(edit, "7 ")
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # editing ends: at once, stripped
    assert seen[-1] == ("ticket", "GD-427")
    qtbot.wait(700)  # the pause after the last key reports nothing new
    assert len(seen) == 2
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert seen[-1] == ("ticket", None)  # cleared: no answer


def test_flush_reports_a_text_still_being_typed(form: QuestionForm, qtbot) -> None:
    seen: list[object] = []
    form.answered.connect(lambda qid, value: seen.append((qid, value)))
    qtbot.keyClicks(editor(form, QLineEdit, 0), "GD-9")
    form.flush()  # e.g. Alt+N pressed within the 500 ms: the page asks before moving on
    assert seen == [("ticket", "GD-9")]
    qtbot.keyClicks(editor(form, QLineEdit, 0), "9")
    form.hide()  # the page is gone: no late report for a step that is over
    qtbot.wait(700)
    assert seen == [("ticket", "GD-9")]


def test_terminal_is_chosen_by_keyboard(form: QuestionForm, qtbot) -> None:
    combo = editor(form, QComboBox, 0)
    assert not combo.isEditable()
    with qtbot.waitSignal(form.answered) as blocker:
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert blocker.args == ["terminal", "T2"]
    assert combo.currentText() == "二号收银台"


def test_staff_name_is_typed_or_chosen(form: QuestionForm, qtbot) -> None:
    combo = editor(form, QComboBox, 1)
    assert combo.isEditable() and [combo.itemText(i) for i in range(2)] == STAFF
    typed = QInputMethodEvent()  # how a Chinese input method delivers the name
    typed.setCommitString("陈静")
    QApplication.sendEvent(combo.lineEdit(), typed)
    with qtbot.waitSignal(form.answered) as blocker:
        qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert blocker.args == ["staff", "陈静"]
    assert combo.count() == 2  # a typed name is not added to the list
    with qtbot.waitSignal(form.answered) as blocker:
        combo.activated.emit(1)  # what the popup does when a name is picked
    assert blocker.args == ["staff", "李娜"]


def test_set_answers_restores_without_reporting(form: QuestionForm, qtbot) -> None:
    answers = {
        "fixed": False,
        "shows": "other",
        "lights": ["power", "wan"],
        "ticket": "GD-1",
        "terminal": "T2",
        "staff": "小王",
        "unknown": "ignored",
    }
    with qtbot.assertNotEmitted(form.answered, wait=700):
        form.set_answers(answers)
    assert button(form, "No").isChecked() and not button(form, "Yes").isChecked()
    assert button(form, "其他 & 别的").isChecked() and not button(form, "“在维护中”").isChecked()
    assert [button(form, t).isChecked() for t in ("电源", "WAN", "LAN")] == [True, True, False]
    assert editor(form, QLineEdit, 0).text() == "GD-1"
    assert editor(form, QComboBox, 0).currentText() == "二号收银台"
    assert editor(form, QComboBox, 1).currentText() == "小王"
    with qtbot.assertNotEmitted(form.answered):
        form.set_answers({"fixed": None, "shows": None})  # unanswered again
    assert not button(form, "Yes").isChecked() and not button(form, "No").isChecked()
    assert not any(button(form, t).isChecked() for t in ("“在维护中”", "错误代码"))
    with qtbot.waitSignal(form.answered) as blocker:  # the restored value is the baseline
        qtbot.mouseClick(button(form, "No"), Qt.MouseButton.LeftButton)
    assert blocker.args == ["fixed", False]


def test_hidden_questions_are_hidden(form: QuestionForm) -> None:
    form.set_visible({"fixed", "staff"})
    texts = shown_texts(form)
    assert "现在能付款吗？" in texts and "您的名字" in texts
    assert "屏幕上显示什么？" not in texts and "工单号" not in texts
    assert not any(b.isVisible() for b in form.findChildren(QRadioButton))
    form.set_visible({q.id for q in QUESTIONS})
    assert "工单号" in shown_texts(form)


def test_missing_answers_are_marked_until_answered(form: QuestionForm, qtbot) -> None:
    form.set_visible({q.id for q in QUESTIONS})
    form.activateWindow()
    form.mark_missing({"fixed", "staff"})
    assert shown_texts(form).count("Please answer this") == 2
    assert form.missing_ids() == {"fixed", "staff"}
    qtbot.waitUntil(button(form, "Yes").hasFocus)  # the first missing question has the focus
    qtbot.mouseClick(button(form, "Yes"), Qt.MouseButton.LeftButton)
    assert form.missing_ids() == {"staff"}
    form.mark_missing(set())
    assert "Please answer this" not in shown_texts(form)


def test_terminal_question_hidden_without_terminals(qtbot) -> None:
    form = QuestionForm("en", [], [])
    qtbot.addWidget(form)
    form.set_questions(QUESTIONS)
    form.set_answers({"shows": "maintenance"})
    form.set_visible({q.id for q in QUESTIONS})
    form.show()
    qtbot.waitExposed(form)
    texts = shown_texts(form)
    assert "哪一台POS机？" not in texts and "Does it work now?" in texts
    assert button(form, "Under maintenance").isChecked()  # labels in the form's language


def test_the_real_playbook_builds(qtbot) -> None:
    form = QuestionForm("zh_CN", TERMINALS, STAFF)
    qtbot.addWidget(form)
    for step in load_playbook().steps:
        form.set_questions(list(step.questions))
        yes = [
            b for b in form.findChildren(QPushButton) if b.text() == "Yes" and b.isVisibleTo(form)
        ]
        assert len(yes) == sum(q.kind == "yesno" for q in step.questions)
