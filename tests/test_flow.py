"""FlowSession driven through every branch of the default playbook, and its rules for back, skip
and resuming."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posguide.flow import (
    AnswerError,
    FlowContext,
    FlowError,
    FlowSession,
    IncompleteStepError,
    LocalText,
    Playbook,
    PlaybookError,
    Transition,
    load_playbook,
    parse_playbook,
)
from posguide.flow.model import Question
from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.base import ProbeResult, Status
from posguide.probes.verdict import RULES
from posguide.resources import resource_path
from posguide.store import IncidentStore
from posguide.store.models import ProbeRecord

BOOK = load_playbook()
CONTEXT = FlowContext(terminals=("till1", "till2"), pc_reader=True, backup_terminal=True)
NOTICE_DETAIL = {
    "active": [{"title": "银联系统升级", "ends": "2026-11-26T14:00:00+08:00"}],
    "checked_at": "2026-11-26T09:41:07+08:00",
}


def result(probe_id: str, status: str, **detail: Any) -> ProbeResult:
    return ProbeResult(probe_id, Status(status), f"{probe_id} {status}", detail=detail)


def start(context: FlowContext = CONTEXT, *, notice: str = "ok") -> FlowSession:
    session = FlowSession(BOOK, context)
    detail = NOTICE_DETAIL if notice == "fail" else {}
    session.set_probe_results("symptom", [result("notices", notice, **detail)])
    session.answer("staff", "小王")
    return session


def go(session: FlowSession, **answers: Any) -> Transition:
    for question_id, value in answers.items():
        session.answer(question_id, value)
    return session.next_step()


# --- every branch -----------------------------------------------------------------------------


def test_an_active_notice_goes_straight_to_backup_with_a_do_not_restart_banner() -> None:
    session = start(notice="fail")
    moved = go(session)
    assert moved.step == "backup"
    assert moved.banner is not None
    assert "预计结束时间：14:00。请不要重启POS机" in moved.banner.zh_CN
    assert "expected to end: 14:00." in moved.banner.en
    assert "Do not restart the terminal" in moved.banner.en
    assert session.banner == moved.banner
    done = go(session, payment_method="cash")
    assert (done.outcome, done.cause) == ("backup", "provider_maintenance")
    assert session.finished == done
    assert [v.step_id for v in session.path] == ["symptom", "backup"]


def test_a_notice_ending_another_day_shows_the_date() -> None:
    session = FlowSession(BOOK, CONTEXT)
    detail = {**NOTICE_DETAIL, "active": [{"ends": "2026-11-27T02:00:00+08:00"}]}
    session.set_probe_results("symptom", [result("notices", "fail", **detail)])
    banner = go(session, staff="小王").banner
    assert banner is not None
    assert "11月27日 02:00" in banner.zh_CN and "27 Nov 02:00" in banner.en


def test_a_notice_without_an_end_says_not_announced() -> None:
    session = FlowSession(BOOK, CONTEXT)
    session.set_probe_results("symptom", [result("notices", "fail", active=[{"ends": None}])])
    banner = go(session, staff="小王").banner
    assert banner is not None and "预计结束时间：未公布" in banner.zh_CN


def test_a_restart_that_fixes_it_resolves() -> None:
    session = start()
    assert go(session).step == "reboot"
    assert session.current.reboot_watch
    assert session.probes_to_run() == ("terminal",)
    done = go(session, reboot_fixed=True)
    assert (done.outcome, done.cause) == ("resolved", "terminal_restart")


def test_a_router_fault_found_and_fixed_resolves_as_network() -> None:
    session = start()
    go(session)
    assert go(session, reboot_fixed=False).step == "cables"
    assert len(session.probes_to_run()) == 6
    assert [p.id for p in session.current.photo_prompts] == ["router_lights"]
    done = go(session, lights=["power", "lan"], cables_fixed=True, cables_fix="cable")
    assert (done.outcome, done.cause) == ("resolved", "network")


def test_restarting_the_router_resolves_as_router_and_power_as_power() -> None:
    for fix, cause in (("router", "router"), ("power", "power")):
        session = start()
        go(session)
        go(session, reboot_fixed=False)
        done = go(session, cables_fixed=True, cables_fix=fix)
        assert (done.outcome, done.cause) == ("resolved", cause)


def test_an_unreachable_router_is_the_cause_even_without_the_cashiers_word() -> None:
    session = start()
    go(session)
    go(session, reboot_fixed=False)
    session.set_probe_results("cables", [result("network.gateway", "fail")])
    assert session.verdict == "gateway_unreachable"
    done = go(session, cables_fixed=True)
    assert (done.outcome, done.cause) == ("resolved", "router")


# --- how the terminal goes online ------------------------------------------------------------

MIXED = FlowContext(
    terminals=("till1", "mobile", "wifi", "phone"),
    uplinks=(("mobile", "cellular"), ("wifi", "wifi"), ("phone", "dialup")),
)
# uplink -> (terminal, the step after a restart that did not help, its probes, its answers when
# fixed, the cause recorded)
UPLINK_CASES = {
    "ethernet": ("till1", "cables", 6, {"cables_fixed": True, "cables_fix": "cable"}, "network"),
    "cellular": ("mobile", "cellular", 3, {"cellular_fixed": True, "cellular_fix": "moved"},
                 "mobile_signal"),
    "cellular_sim": ("mobile", "cellular", 3, {"cellular_fixed": True, "cellular_fix": "plan"},
                     "sim_card"),
    "wifi": ("wifi", "wifi", 6, {"wifi_fixed": True, "wifi_fix": "rejoined"}, "wifi"),
    "dialup": ("phone", "dialup", 3, {"dialup_fixed": True, "dialup_fix": "jack"}, "phone_line"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(UPLINK_CASES))
def test_the_network_step_follows_how_the_chosen_terminal_goes_online(case: str) -> None:
    terminal, step, probes, answers, cause = UPLINK_CASES[case]
    session = start(MIXED)
    session.answer("terminal", terminal)
    go(session)
    assert go(session, reboot_fixed=False).step == step
    assert len(session.probes_to_run()) == probes
    if step in ("cellular", "dialup"):  # the shop's network is not this terminal's
        assert not {"network.link", "network.gateway"} & set(session.probes_to_run())
    done = go(session, **answers)
    assert (done.outcome, done.cause) == ("resolved", cause)


@pytest.mark.parametrize(
    ("terminal", "answers", "cause"),
    [
        ("mobile", {"signal": "none"}, "mobile_signal"),
        ("wifi", {"wifi_icon": "missing", "phone_online": True}, "wifi"),
        ("phone", {"dial_tone": "no"}, "phone_line"),
        ("mobile", {"signal": "good"}, "unknown"),  # a good signal blames nothing
    ],
)
def test_fixed_without_saying_how_the_cause_comes_from_what_the_cashier_saw(
    terminal: str, answers: dict[str, Any], cause: str
) -> None:
    session = start(MIXED)
    session.answer("terminal", terminal)
    go(session)
    step = go(session, reboot_fixed=False).step
    done = go(session, **answers, **{f"{step}_fixed": True, f"{step}_fix": "other"})
    assert (done.outcome, done.cause) == ("resolved", cause)


@pytest.mark.parametrize(
    ("terminal", "step"), [("mobile", "cellular"), ("wifi", "wifi"), ("phone", "dialup")]
)
def test_a_connection_not_fixed_goes_to_backup_without_blaming_the_reader(
    terminal: str, step: str
) -> None:
    """Every card fails on a terminal that cannot get online: the reader test would "find" the
    terminal at fault. Its own connection is what failed, and the backup is next."""
    session = start(MIXED)
    session.answer("terminal", terminal)
    go(session)
    go(session, reboot_fixed=False)
    moved = go(session, **{f"{step}_fixed": False})
    assert moved.step == "backup" and moved.banner is not None
    assert "这台POS机的问题" not in moved.banner.zh_CN
    done = go(session, payment_method="cash")
    assert (done.outcome, done.cause) != ("backup", "reader")


def test_the_pc_s_network_is_no_evidence_about_a_4g_terminal() -> None:
    session = start(MIXED)
    session.answer("terminal", "mobile")
    go(session)
    go(session, reboot_fixed=False)
    session.set_probe_results("cellular", [result("network.internet", "fail")])
    done = go(session, signal="none", cellular_fixed=True, cellular_fix="other")
    assert (done.outcome, done.cause) == ("resolved", "mobile_signal")  # not "network"


def test_the_advice_for_a_terminal_reporting_maintenance_names_its_own_connection() -> None:
    rule = next(r for r in RULES if r.verdict == "terminal_reports_maintenance")
    assert "cables and the router" in rule.advice_for("ethernet")
    assert "mobile signal and SIM card" in rule.advice_for("cellular")
    assert "telephone line" in rule.advice_for("dialup")
    internet = next(r for r in RULES if r.verdict == "internet_unreachable")
    assert "modem" not in internet.advice_for("cellular") and "modem" in internet.advice


@pytest.mark.parametrize(
    ("terminal", "step"),
    [("mobile", "cellular"), ("wifi", "wifi"), ("phone", "dialup"), ("till1", "cables")],
)
def test_skipping_the_restart_goes_where_the_terminal_goes_online(terminal: str, step: str) -> None:
    session = start(MIXED)
    session.answer("terminal", terminal)
    go(session)
    session.answer("reboot_fixed", True)  # would finish, but skipping ignores it
    assert session.skip() == Transition(step=step, skipped=True)


def test_the_default_terminal_s_uplink_counts_until_another_is_chosen() -> None:
    first_mobile = FlowContext(terminals=("mobile", "till1"), uplinks=(("mobile", "cellular"),))
    session = start(first_mobile)
    assert session.uplink == "cellular"
    session.answer("terminal", "till1")
    assert session.uplink == "ethernet"
    go(session)
    assert go(session, reboot_fixed=False).step == "cables"


def test_an_unknown_uplink_in_a_playbook_is_refused_with_its_line() -> None:
    default = resource_path("playbook", "default.yaml").read_text(encoding="utf-8")
    text = default.replace("when: {uplink: wifi}", "when: {uplink: 5g}", 1)
    with pytest.raises(PlaybookError) as caught:
        parse_playbook(text, "shop.yaml", pictures=(resource_path("pictures"),))
    assert "uplink" in str(caught.value) and "cellular" in str(caught.value)
    assert f"shop.yaml:{_line_of(text, 'uplink: 5g')}:" in str(caught.value)


def _line_of(text: str, part: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if part in line)


def to_reader(session: FlowSession) -> None:
    go(session)
    go(session, reboot_fixed=False)
    assert go(session, cables_fixed=False).step == "reader"


def test_a_good_card_works_but_the_customers_does_not_resolves_as_customer_card() -> None:
    session = start()
    to_reader(session)
    done = go(session, reader_methods=["chip", "tap"], customer_card_ok=False)
    assert (done.outcome, done.cause) == ("resolved", "customer_card")
    assert done.banner is not None and "请顾客换一张卡" in done.banner.zh_CN


def test_the_pc_reader_finding_a_dead_chip_also_means_customer_card() -> None:
    session = start()
    to_reader(session)
    session.set_probe_results("reader", [result("card.card", "fail")])
    done = go(session, reader_methods=["swipe"], customer_card_ok=True)
    assert done.cause == "customer_card"


def test_card_probes_run_only_with_a_pc_reader() -> None:
    with_reader = start()
    to_reader(with_reader)
    assert with_reader.probes_to_run() == ("card.reader", "card.card", "terminal")
    without = start(FlowContext(terminals=("till1",)))
    to_reader(without)
    assert without.probes_to_run() == ("terminal",)


def test_nothing_works_then_backup_used_finishes_as_backup() -> None:
    session = start()
    to_reader(session)
    moved = go(session, reader_methods=["none"])
    assert moved.step == "backup" and moved.banner is not None
    assert session.probes_to_run() == ("backup.terminal",)
    done = go(session, payment_method="backup_terminal")
    assert (done.outcome, done.cause) == ("backup", "reader")  # from the evidence


def test_nothing_works_then_call_then_escalated() -> None:
    session = start()
    to_reader(session)
    go(session, reader_methods=["none"])
    assert go(session, payment_method="none").step == "call"
    done = go(session, ticket="A-1234", outcome="escalated", cause="gateway_timeout")
    assert (done.outcome, done.cause) == ("escalated", "gateway_timeout")
    # Every step but those for terminals that do not go online by cable.
    others = ("cellular", "wifi", "dialup")
    assert [v.step_id for v in session.path] == [s.id for s in BOOK.steps if s.id not in others]


@pytest.mark.parametrize("outcome", ["resolved", "backup", "abandoned"])
def test_the_call_step_finishes_with_the_outcome_given(outcome: str) -> None:
    session = start()
    to_reader(session)
    go(session, reader_methods=["none"])
    go(session, payment_method="none")
    session.set_probe_results("cables", [result("network.internet", "fail")])
    done = go(session, outcome=outcome)  # no cause given: from the evidence
    assert (done.outcome, done.cause) == (outcome, "network")


# --- questions --------------------------------------------------------------------------------


def test_shown_questions_follow_show_when_and_presets_count_as_answers() -> None:
    session = FlowSession(BOOK, CONTEXT)
    shown = [q.id for q in session.visible_questions()]
    assert shown == ["terminal", "shows", "staff"]
    assert session.value("shows") == "maintenance" and session.value("terminal") == "till1"
    assert [q.id for q in session.missing_required()] == ["staff"]
    with pytest.raises(IncompleteStepError, match="staff"):
        session.next_step()
    session.answer("shows", "code")
    assert [q.id for q in session.missing_required()] == ["code", "staff"]
    session.answer("shows", "maintenance")  # the code question hides again: not required now
    session.answer("code", "96")  # answering a hidden question is allowed but does not count
    assert session.value("code") is None
    assert [q.id for q in session.missing_required()] == ["staff"]


def test_answers_are_checked_against_the_question() -> None:
    session = FlowSession(BOOK, CONTEXT)
    with pytest.raises(AnswerError, match="configured terminal"):
        session.answer("terminal", "till9")
    with pytest.raises(AnswerError, match="one of the choices"):
        session.answer("shows", "broken")
    with pytest.raises(AnswerError, match="no question"):
        session.answer("reboot_fixed", True)  # a question of another step
    go(session, staff="小王")
    with pytest.raises(AnswerError, match="true or false"):
        session.answer("reboot_fixed", "yes")


def test_without_configured_terminals_the_terminal_question_is_hidden() -> None:
    session = FlowSession(BOOK, {"pc_reader": True})
    assert "terminal" not in [q.id for q in session.visible_questions()]
    assert session.context.flags == frozenset({"pc_reader"})


# --- back and skip ----------------------------------------------------------------------------


def test_back_keeps_the_answers_and_they_count_again_going_forward() -> None:
    session = start()
    session.answer("shows", "code")
    session.answer("code", "96")
    go(session)
    session.answer("reboot_fixed", False)
    assert session.back().id == "symptom"
    assert session.answers() == {"staff": "小王", "shows": "code", "code": "96"}
    assert session.answers("reboot") == {"reboot_fixed": False}
    assert session.value("reboot_fixed") is None  # reboot is no longer on the path
    assert go(session).step == "reboot"
    assert session.value("reboot_fixed") is False
    assert go(session).step == "cables"  # the kept answer is used
    with pytest.raises(FlowError, match="first step"):
        FlowSession(BOOK, CONTEXT).back()


def test_back_after_finishing_reopens_the_last_step() -> None:
    session = start()
    go(session)
    go(session, reboot_fixed=True)
    with pytest.raises(FlowError, match="finished"):
        session.answer("reboot_fixed", False)
    assert session.back().id == "reboot"
    assert session.finished is None
    assert go(session, reboot_fixed=False).step == "cables"


def test_skip_goes_to_the_default_target_and_ignores_the_steps_answers() -> None:
    session = start()
    go(session)
    session.answer("reboot_fixed", True)  # would finish, but skipping ignores it
    moved = session.skip()
    assert moved == Transition(step="cables", skipped=True)
    assert [(v.step_id, v.status) for v in session.path] == [
        ("symptom", "done"),
        ("reboot", "skipped"),
        ("cables", "current"),
    ]
    assert session.value("reboot_fixed") is None
    assert session.answers("reboot") == {"reboot_fixed": True}  # kept, in case of back()


def test_the_symptom_step_cannot_be_skipped_and_skipping_the_call_escalates() -> None:
    session = start()
    with pytest.raises(FlowError, match="cannot be skipped"):
        session.skip()
    go(session)
    while session.current.id != "call":
        session.skip()
    assert [v.status for v in session.path] == ["done", *["skipped"] * 4, "current"]
    done = session.skip()
    assert (done.outcome, done.cause, done.skipped) == ("escalated", "unknown", True)
    with pytest.raises(FlowError):
        session.skip()


# --- resuming ----------------------------------------------------------------------


def record(store: IncidentStore, incident: int, step: str, status: str, **answers: Any) -> int:
    step_id = store.begin_step(incident, step)
    store.save_step(step_id, answers=answers, status=status)
    return step_id


def test_a_crashed_session_resumes_from_the_store(store: IncidentStore) -> None:
    incident = store.start_incident(terminal="till1")
    first = record(store, incident, "symptom", "done", staff="小王", shows="maintenance")
    probe = ProbeRecord(
        "notices", "fail", "maintenance", "2026-11-26T09:41:07+08:00", 40.0, {}, NOTICE_DETAIL
    )
    store.record_probe(first, probe)
    record(store, incident, "backup", "done", payment_method="none")
    record(store, incident, "symptom", "done", staff="小王")  # went back to the first step
    record(store, incident, "backup", "running", retired_question="x", payment_method="none")
    steps = store.get_incident(incident).steps

    session = FlowSession.resume(BOOK, steps, CONTEXT)
    assert [(v.step_id, v.status) for v in session.path] == [
        ("symptom", "done"),
        ("backup", "current"),
    ]
    assert session.answers() == {"payment_method": "none"}  # the unknown answer is dropped
    assert session.banner is not None and "请不要重启POS机" in session.banner.zh_CN
    assert session.next_step().step == "call"


def test_resumed_probe_results_keep_their_translatable_text(store: IncidentStore) -> None:
    # After a resume the Chinese window showed the English summaries recorded beside them.
    incident = store.start_incident(terminal="till1")
    step = record(store, incident, "symptom", "running", staff="小王")
    text = Text(QT_TR_NOOP("The router {gateway} answers"), gateway="192.168.1.1")
    store.record_probe(
        step,
        ProbeRecord("network.gateway", "ok", str(text), "2026-11-26T09:41:07+08:00", 3.0,
                    summary_source=text.source, summary_args=text.json_args()),
    )  # fmt: skip
    session = FlowSession.resume(BOOK, store.get_incident(incident).steps, CONTEXT)
    resumed = session.result("network.gateway")
    zh = {text.source: "路由器 {gateway} 有应答"}
    assert resumed is not None and resumed.text == text
    assert (
        resumed.summary_in(lambda _ctx, source: zh.get(source, source))
        == "路由器 192.168.1.1 有应答"
    )


def test_resuming_refuses_a_step_the_playbook_does_not_have(store: IncidentStore) -> None:
    incident = store.start_incident()
    record(store, incident, "symptom", "done")
    record(store, incident, "diagnose", "running")
    with pytest.raises(ValueError, match="diagnose"):
        FlowSession.resume(BOOK, store.get_incident(incident).steps, CONTEXT)


# --- any answers end at a finish --------------------------------------------------------------


def values_for(
    question: Question, *, min_size: int = 0, terminals: tuple[str, ...] = CONTEXT.terminals
) -> st.SearchStrategy[Any]:
    """Any answer the question takes (an empty multichoice only when ``min_size`` is 0)."""
    if question.kind == "yesno":
        return st.booleans()
    if question.kind == "choice":
        return st.sampled_from(question.choice_ids)
    if question.kind == "multichoice":
        return st.lists(st.sampled_from(question.choice_ids), min_size=min_size, unique=True)
    if question.kind == "terminal":
        return st.sampled_from(terminals)
    return st.text(min_size=1, max_size=20).filter(str.strip)


STATUSES = st.sampled_from([s.value for s in Status])


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_random_answers_always_reach_a_finish(data: st.DataObject) -> None:
    session = FlowSession(BOOK, data.draw(st.sampled_from([CONTEXT, FlowContext(), MIXED])))
    # The default playbook has no loops, so every move is forward: one move per step at most.
    for _ in range(len(BOOK.steps)):
        step = session.current
        ran = session.probes_to_run()
        for probe_id in data.draw(st.lists(st.sampled_from(ran), unique=True)) if ran else ():
            session.set_probe_results(step.id, [result(probe_id, data.draw(STATUSES))])
        for question in session.visible_questions():
            if data.draw(st.booleans()):
                value = values_for(question, terminals=session.context.terminals or ("till1",))
                session.answer(question.id, data.draw(value))
        if step.skippable and data.draw(st.integers(0, 4)) == 0:
            moved = session.skip()
        else:
            while missing := session.missing_required():  # answers can reveal more questions
                value = values_for(missing[0], min_size=1, terminals=session.context.terminals)
                session.answer(missing[0].id, data.draw(value))
            moved = session.next_step()
        if moved.finished:
            break
        if data.draw(st.integers(0, 9)) == 0:  # sometimes back, then on with what is there
            session.back()
            again = session.skip() if session.missing_required() else session.next_step()
            if again.finished:  # the step skipped before may finish when answered
                break
    assert session.finished is not None
    assert session.finished.outcome in ("resolved", "backup", "escalated", "abandoned")
    assert session.finished.cause is not None


def test_the_playbook_type_is_exported() -> None:
    assert isinstance(BOOK, Playbook)
    assert isinstance(BOOK.first.title, LocalText)
    assert Path(BOOK.source).name == "default.yaml"
