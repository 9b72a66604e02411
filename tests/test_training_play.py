"""Training as the trainee plays it, on the real simulated shop with the real probes (10x
faster): what an action shows follows the shop at that moment, now and once its effects are
over; a new incident starts from the scenario's faults again (the PC reader's card too); a
surprise stays a surprise; a resumed incident finds its scenario."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from training_shop import SCENARIOS, diagnose, no_leaks, probe, run, session

from posguide.flow.model import LocalText
from posguide.probes import Status
from posguide.store import IncidentStore
from posguide.training import (
    RANDOM,
    ScenarioError,
    TrainingSession,
    default_scenarios_path,
    load_catalog,
    parse_catalog,
)

__all__ = ["no_leaks"]  # the autouse fixture, imported to apply here


def zh(text: LocalText | None) -> str:
    assert text is not None
    return text.zh_CN


def shop_state(s: TrainingSession) -> dict[str, Any]:
    """Every knob of the simulated shop a scenario or an action can turn."""
    shop, lan = s.shop, s.lan
    return {
        **s.facts(),
        "terminal_behaviour": shop.terminal.behaviour,
        "backup_behaviour": shop.backup.behaviour,
        "feeds": shop.feeds.scenario,
        "payment": shop.payment.mode,
        "internet": shop.internet.mode,
        "tls": shop.tls.cert,
        "tls_delay": shop.tls.handshake_delay_s,
        "lan": (lan.cable_plugged, lan.router_powered, lan.router_hung, lan.wan_up),
    }


# --- what is seen follows the shop -----------------------------------------------------------


def test_the_test_card_works_once_the_restart_has_fixed_the_terminal(tmp_path: Path) -> None:
    async def body() -> None:
        async with session("terminal_reboot", tmp_path) as s:
            before = await s.perform("insert_known_good_card")
            assert "在维护中" in zh(before.observation) and before.settle_s == 0
            restart = await s.perform("restart_terminal")
            assert "正在重新启动" in zh(restart.observation)  # not "signed in": it is dark
            assert restart.settle_s == 2.0  # 20 s at 10x, for the window's countdown
            assert 0 <= restart.remaining_s() <= restart.settle_s
            during = await s.perform("insert_known_good_card")
            assert "还在开机" in zh(during.observation)
            assert s.facts()["terminal"] == "starting"

            assert "签到成功" in zh(await restart.settled())
            assert restart.done and s.facts()["terminal"] == "healthy"
            assert (await probe(s, "terminal")).status is Status.OK  # the checks agree
            after = await s.perform("insert_known_good_card")
            assert "都能正常交易" in zh(after.observation)

    run(body())


# The test card at the start of each scenario: what its fault makes the terminal do.
CARD_AT_START = {
    "provider_maintenance": "屏幕显示“在维护中”",
    "terminal_reboot": "屏幕显示“在维护中”",
    "router_down": "屏幕显示“在维护中”",
    "reader_broken": "读卡失败",
    "backup_needed": "没有任何反应",
    "escalation": "屏幕显示“在维护中”",
    "cable_loose": "屏幕显示“在维护中”",
    "mobile_no_signal": "屏幕显示“在维护中”",
    "wifi_password_changed": "屏幕显示“在维护中”",
    "phone_line_wrong_jack": "屏幕显示“在维护中”",
}


def test_every_scenario_says_what_its_test_card_does() -> None:
    assert set(CARD_AT_START) == set(SCENARIOS)


@pytest.mark.parametrize("scenario_id", list(CARD_AT_START))
def test_the_test_card_shows_the_scenarios_fault(scenario_id: str, tmp_path: Path) -> None:
    async def body() -> None:
        async with session(scenario_id, tmp_path) as s:
            seen = await s.perform("insert_known_good_card")
            assert CARD_AT_START[scenario_id] in zh(seen.observation), s.facts()

    run(body())


def test_a_router_restart_is_dark_first_and_reconnects_when_it_has_settled(
    tmp_path: Path,
) -> None:
    async def body() -> None:
        async with session("router_down", tmp_path) as s:
            restart = await s.perform("restart_router")
            assert "灯全灭了" in zh(restart.observation)
            assert s.facts()["router"] == "restarting" and restart.settle_s == 2.0
            settled = await restart.settled()
            assert "自动重新连上" in zh(settled)
            # Settled means over: the router answers and the terminal is back, no waiting.
            assert (await diagnose(s))[0] == "ok"

    run(body())


def test_a_frozen_terminal_freezes_again_after_its_restart(tmp_path: Path) -> None:
    async def body() -> None:
        async with session("backup_needed", tmp_path) as s:
            restart = await s.perform("restart_terminal")
            assert "正在重新启动" in zh(restart.observation)
            assert "又停在同一个画面" in zh(await restart.settled())
            assert s.facts()["terminal"] == "silent"

    run(body())


def test_the_loose_cable_is_back_in_at_once_and_the_terminal_recovers_later(
    tmp_path: Path,
) -> None:
    async def body() -> None:
        async with session("cable_loose", tmp_path) as s:
            replug = await s.perform("replug_cable")
            assert "正在重新连接" in zh(replug.observation) and replug.settle_s == 0.5
            assert "POS机也恢复了" in zh(await replug.settled())
            assert (await diagnose(s))[0] == "ok"

    run(body())


def test_an_action_without_lasting_effects_has_settled_at_once(tmp_path: Path) -> None:
    async def body() -> None:
        async with session("provider_maintenance", tmp_path) as s:
            paid = await s.perform("take_other_payment")
            assert paid.settle_s == 0 and paid.done
            assert await paid.settled() == paid.observation

    run(body())


# Words that say a terminal works: only ever seen when the shop has it working.
WORKS = ("签到成功", "待机画面", "正常交易", "刷卡成功", "重新连上", "恢复了")


def test_no_observation_says_a_terminal_works_unless_it_does() -> None:
    for scenario in SCENARIOS.values():
        for action in scenario.actions:
            for seen in action.observations:
                if any(word in seen.text.zh_CN for word in WORKS):
                    when = dict(seen.when)
                    states = when.get("terminal", when.get("backup"))
                    assert states == ("healthy",), (scenario.id, action.id, seen.text.zh_CN)


# --- the scenarios file: observations that depend on the shop ---------------------------------


def _broken(old: str, new: str) -> list[str]:
    text = default_scenarios_path().read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    with pytest.raises(ScenarioError) as caught:
        parse_catalog(text.replace(old, new))
    return caught.value.lines


def test_a_static_observation_on_a_timed_action_is_refused() -> None:
    """Read at once, a single text would say "recovered" while the terminal is still down."""
    text = default_scenarios_path().read_text(encoding="utf-8")
    start = text.index(
        "      - id: replug_cable\n        effects:\n          - lan: {cable_plugged"
    )
    end = text.index("      - restart_router", start)
    replaced = (
        "      - id: replug_cable\n"
        "        effects:\n"
        "          - lan: {cable_plugged: true}\n"
        "          - terminal: healthy\n"
        "            after_s: 5\n"
        "        observation: {zh_CN: 插紧以后POS机很快恢复。, en: It recovers shortly.}\n"
    )
    with pytest.raises(ScenarioError) as caught:
        parse_catalog(text[:start] + replaced + text[end:])
    [line] = caught.value.lines
    assert line.startswith("scenarios.yaml:")
    assert line.endswith(
        "scenarios.cable_loose.actions[1].observation: its effects take 5 s, so what is seen "
        'must depend on the shop\'s state: a list of observations with "when"'
    )


def test_mistakes_in_observations_name_the_line_and_the_fact() -> None:
    dark = "\n        text: {zh_CN: 屏幕黑了"
    [line] = _broken("- when: {terminal: starting}" + dark, "- when: {termnal: starting}" + dark)
    assert line.endswith(
        'actions[0].observation[0].when.termnal: unknown key (did you mean "terminal"?)'
    )
    [line] = _broken("      - when: {router: restarting}", "      - when: {router: rebooting}")
    assert 'actions[2].observation[0].when.router: expected a router state, got "rebooting"' in line
    [line] = _broken("      - when: {backup: [starting, powered_off]}",
                     "      - when: {backup: [starting, off]}")  # fmt: skip
    assert "actions[5].observation[2].when.backup: expected a terminal state, got false" in line
    [line] = _broken("      - text:\n          zh_CN: 备用POS机开机了，但交易做不了。",
                     "      - when: {backup: error}\n        text:\n"
                     "          zh_CN: 备用POS机开机了，但交易做不了。")  # fmt: skip
    assert line.endswith(
        'actions[5].observation[3]: the last observation needs no "when": '
        "it is seen when no other holds"
    )
    [line] = _broken("          - when: {terminal: starting}\n            text:\n",
                     "          - text:\n")  # fmt: skip
    assert line.endswith(
        "scenarios.cable_loose.actions[1].observation[1]: only the last observation may have "
        'no "when": the ones after it are never seen'
    )
    [line] = _broken("      terminal_reader: broken", "      terminal_reader: worn")
    assert 'reader_broken.faults.terminal_reader: expected a card reader state, got "worn"' in line


# --- a new incident starts from the scenario's faults -----------------------------------------


@pytest.mark.parametrize("scenario_id", list(SCENARIOS))
def test_a_reset_undoes_every_action(scenario_id: str, tmp_path: Path) -> None:
    async def body() -> None:
        async with session(scenario_id, tmp_path) as s:
            start = shop_state(s)
            runs = [await s.perform(action.id) for action in s.actions()]
            assert shop_state(s) != start or scenario_id == "provider_maintenance"
            await s.reset()
            assert shop_state(s) == start
            assert all(r.done for r in runs)  # nothing still due: every delay was cancelled
            for r in runs:
                assert await r.settled() is None  # the old incident's actions say nothing
            verdict, _ = await diagnose(s)
            assert verdict == s.expected.verdict

    run(body())


def test_a_second_incident_can_be_fixed_again(tmp_path: Path) -> None:
    async def body() -> None:
        async with session("terminal_reboot", tmp_path) as s:
            for _incident in range(2):
                assert (await diagnose(s))[0] == "terminal_reports_maintenance"
                restart = await s.perform("restart_terminal")
                assert "签到成功" in zh(await restart.settled())
                assert (await diagnose(s))[0] == "ok"
                await s.reset()

    run(body())


def test_a_reset_in_the_middle_of_a_router_restart(tmp_path: Path) -> None:
    async def body() -> None:
        async with session("router_down", tmp_path) as s:
            restart = await s.perform("restart_router")
            await s.reset()
            facts = s.facts()
            assert (facts["router"], facts["terminal"]) == ("hung", "maintenance")
            assert not s.lan.restarting and restart.done
            assert (await probe(s, "network.gateway")).detail["reason"] == "unreachable"

    run(body())


# --- the PC's card reader ---------------------------------------------------------------------


@pytest.mark.pcsc
def test_no_card_inserted_is_not_a_failure_and_a_reset_takes_the_card_out(
    pcscd: None, tmp_path: Path
) -> None:
    import pcsc

    pcsc.wait_card(False)

    async def body() -> None:
        async with session("reader_broken", tmp_path, pc_reader=None) as s:
            assert s.pc_reader
            waited = await probe(s, "card.card", card_wait_s=1.0)
            assert (waited.status, waited.detail["stage"]) == (Status.SKIPPED, "no_card")
            await s.perform("check_card_on_pc")
            card = await probe(s, "card.card", card_wait_s=5.0)
            assert (card.status, card.detail["stage"]) == (Status.OK, "payment"), card.summary
            await s.reset()
            waited = await probe(s, "card.card", card_wait_s=1.0)
            assert (waited.status, waited.detail["stage"]) == (Status.SKIPPED, "no_card")

    run(body())
    pcsc.wait_card(False)


# --- a surprise -------------------------------------------------------------------------------


def test_the_start_page_offers_the_surprise_first() -> None:
    catalog = load_catalog()
    menu = catalog.menu()
    assert menu[0].id == RANDOM and menu[0].title.zh_CN == "随机抽一个"
    assert [m.id for m in menu[1:]] == [s.id for s in catalog.scenarios]
    for scenario in catalog.scenarios:  # the surprise's briefing names no scenario
        assert scenario.title.zh_CN not in menu[0].briefing.zh_CN


def test_a_surprise_is_reproducible_and_hidden_until_the_debrief(tmp_path: Path) -> None:
    catalog = load_catalog()
    picks = [catalog.pick(RANDOM, random.Random(seed)) for seed in range(12)]
    again = [catalog.pick(RANDOM, random.Random(seed)) for seed in range(12)]
    assert picks == again and len({p.scenario.id for p in picks}) > 2
    pick = picks[0]
    assert pick.surprise
    s = TrainingSession(pick, tmp_path)
    assert s.surprise and not s.revealed
    assert (s.title, s.briefing) == (catalog.random_title, catalog.random_briefing)
    s.reveal()  # the debrief is on screen
    assert (s.title, s.briefing) == (pick.scenario.title, pick.scenario.briefing)

    chosen = TrainingSession(catalog.pick("router_down"), tmp_path)
    assert not chosen.surprise and chosen.title.zh_CN == "路由器死机"
    with pytest.raises(KeyError, match="nope"):
        catalog.pick("nope")


# --- a resumed incident -----------------------------------------------------------------------


def test_a_training_incident_keeps_the_situation_it_was_played_in(tmp_path: Path) -> None:
    """Resuming it later (another run of the program) plays the same one (schema v5)."""
    with IncidentStore.open(tmp_path / "posguide.db") as store:
        incident = store.start_incident(
            terminal="till1", training=True, training_scenario="cable_loose"
        )
        real = store.start_incident(terminal="till1")
    with IncidentStore.open(tmp_path / "posguide.db") as store:
        assert store.get_incident(incident).incident.training_scenario == "cable_loose"
        assert store.get_incident(real).incident.training_scenario == ""
        assert {i.training_scenario for i in store.open_incidents()} == {"cable_loose", ""}
