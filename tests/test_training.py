"""Training mode end to end: every scenario in resources/training/scenarios.yaml set up in a real
simulated shop, diagnosed by the real probes (only the cable and router are the simulated LAN's
stand-ins), then fixed, or not, by the trainee's actions. Durations run 10x faster."""

from __future__ import annotations

import asyncio
import random
import re
from pathlib import Path

import pytest
from training_shop import SCENARIOS, diagnose, no_leaks, probe, run, session, until

from posguide.alerts import AlertSender, compose_alert
from posguide.config import load_config
from posguide.probe_catalog import build_probe
from posguide.probes import Status, run_probe
from posguide.probes.registry import AUTOMATIC
from posguide.sim.lan import SimulatedLan
from posguide.store import IncidentStore
from posguide.training import (
    RANDOM,
    Scenario,
    ScenarioError,
    UnknownAction,
    choose_scenario,
    default_scenarios_path,
    load_catalog,
    load_scenarios,
    parse_catalog,
)
from posguide.training.pcreader import VPCD_READER

__all__ = ["no_leaks"]  # the autouse fixture, imported to apply here


# --- the scenarios file -----------------------------------------------------------------------


def test_the_built_in_file_has_the_six_cases_and_a_random_choice() -> None:
    catalog = load_catalog()
    ids = [s.id for s in catalog.scenarios]
    for wanted in ("provider_maintenance", "terminal_reboot", "router_down", "reader_broken",
                   "backup_needed", "escalation"):  # fmt: skip
        assert wanted in ids
    assert catalog.random_title.zh_CN and catalog.random_title.en
    outcomes = {s.id: s.expected.outcome for s in catalog.scenarios}
    assert set(outcomes.values()) == {"resolved", "backup", "escalated"}
    assert SCENARIOS["escalation"].escalation_minutes == 1
    assert SCENARIOS["terminal_reboot"].escalation_minutes == 10
    assert SCENARIOS["escalation"].expected.fixed_by is None
    for scenario in catalog.scenarios:
        assert "在维护中" in scenario.briefing.zh_CN
        fix = scenario.expected.fixed_by
        assert fix is None or scenario.action(fix) is not None


def test_choosing_a_scenario() -> None:
    scenarios = load_scenarios()
    assert choose_scenario(scenarios, "router_down").id == "router_down"
    picked = {choose_scenario(scenarios, RANDOM, random.Random(n)).id for n in range(40)}
    assert len(picked) > 3
    with pytest.raises(KeyError, match="unknown training scenario 'nope'"):
        choose_scenario(scenarios, "nope")


def _broken(old: str, new: str) -> list[str]:
    text = default_scenarios_path().read_text(encoding="utf-8")
    assert old in text, old
    with pytest.raises(ScenarioError) as caught:
        parse_catalog(text.replace(old, new, 1))
    return caught.value.lines


def test_mistakes_name_the_file_line_scenario_and_key() -> None:
    [line] = _broken("escalation_minutes: 1", "escalation_minute: 1")
    assert line.startswith("scenarios.yaml:")
    assert line.endswith(
        'scenarios.escalation.escalation_minute: unknown key (did you mean "escalation_minutes"?)'
    )
    [line] = _broken("title: {zh_CN: 路由器死机, en: The router has hung}", "title: {en: Hung}")
    assert line.endswith('scenarios.router_down.title: missing required key "zh_CN" '
                         "(a text in both languages)")  # fmt: skip
    [line] = _broken("reboot_terminal: {offline_s: 20, then: healthy}",
                     "rebot_terminal: {offline_s: 20, then: healthy}")  # fmt: skip
    assert line.endswith(
        "scenarios.terminal_reboot.actions[0].effects[0].rebot_terminal: "
        'unknown effect (did you mean "reboot_terminal"?)'
    )


def test_more_mistakes() -> None:
    [line] = _broken("fixed_by: restart_router", "fixed_by: restart_routr")
    assert 'router_down.expected.fixed_by: expected an action of it, got "restart_routr"' in line
    [line] = _broken("      - take_other_payment\n", "      - take_other_paymnt\n")
    assert "scenarios.provider_maintenance.actions[4]: " in line
    assert line.endswith('unknown action "take_other_paymnt" (did you mean "take_other_payment"?)')
    [line] = _broken("backup: powered_off", "backup: off")
    assert "YAML reads off as false" in line
    [line] = _broken("- restart_router: {offline_s: 15}\n          - terminal: healthy",
                     "- restart_router: {offline_s: 0}\n          - terminal: healthy")  # fmt: skip
    assert line.endswith("restart_router.offline_s: expected seconds, more than 0 to 600, got 0")
    [line] = _broken("version: 1", "version: 2")
    assert re.fullmatch(r"scenarios\.yaml:\d+: version: expected 1, got 2", line)


def test_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match=r"missing\.yaml: cannot be read"):
        load_catalog(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nscenarios: [\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"bad.yaml:\d+: YAML syntax"):
        load_catalog(bad)


# --- every scenario, diagnosed by the real probes ---------------------------------------------


@pytest.mark.parametrize("scenario_id", list(SCENARIOS))
def test_each_scenario_starts_shows_its_verdict_and_stops_cleanly(
    scenario_id: str, tmp_path: Path
) -> None:
    scenario: Scenario = SCENARIOS[scenario_id]

    async def body() -> None:
        async with session(scenario_id, tmp_path) as s:
            config = load_config(s.config_path)
            assert s.data_dir == s.config_path.parent
            assert config.shop.escalation_minutes == scenario.escalation_minutes
            assert [a.kind for a in config.alerts] == ["dingtalk"]
            assert config.terminal("till1").reader == ""  # no PC reader here
            assert "check_card_on_pc" not in [a.id for a in s.actions()]
            verdict, results = await diagnose(s)
            assert verdict == scenario.expected.verdict, {
                k: (r.status.value, r.summary) for k, r in results.items()
            }
            assert set(results) == set(AUTOMATIC) - {"card.reader"}

    run(body())


@pytest.mark.parametrize("scenario_id", list(SCENARIOS))
def test_the_pc_reader_is_set_up_only_for_a_card_action(scenario_id: str, tmp_path: Path) -> None:
    async def body() -> None:
        async with session(scenario_id, tmp_path, pc_reader=True) as s:
            offered = "check_card_on_pc" in [a.id for a in s.actions()]
            assert offered == (scenario_id == "reader_broken")
            assert s.pc_reader == offered
            till = s.config.terminal("till1")
            assert till is not None and till.reader == (VPCD_READER if offered else "")
            card = build_probe("card.card", s.config, till, s.probe_settings())
            assert (card is not None) == offered  # no "insert a card" where none is offered

    run(body())


# --- what the trainee does --------------------------------------------------------------------


def test_restarting_the_stuck_terminal_fixes_it(tmp_path: Path) -> None:
    async def body() -> None:
        async with session("terminal_reboot", tmp_path) as s:
            watcher = asyncio.create_task(probe(s, "terminal.reboot"))
            await asyncio.sleep(0.3)  # the wizard starts watching, then the cashier restarts
            action = await s.perform("restart_terminal")
            assert action.observation is not None and "正在重新启动" in action.observation.zh_CN
            watched = await watcher
            assert watched.status is Status.OK, watched.summary
            assert watched.detail["went_offline"] and watched.detail["came_back"]
            assert 1.0 <= watched.measurements["offline_s"].value <= 4.0
            assert (await probe(s, "terminal")).status is Status.OK
            assert (await diagnose(s))[0] == "ok"

    run(body())


def test_restarting_the_hung_router_fixes_it(tmp_path: Path) -> None:
    async def body() -> None:
        async with session("router_down", tmp_path) as s:
            assert s.lan.router_hung and not s.lan.online
            await s.perform("replug_cable")  # the cable was never the problem
            assert (await probe(s, "network.gateway")).detail["reason"] == "unreachable"
            await s.perform("restart_router")
            link = await probe(s, "network.link")  # powered off: no carrier at the PC
            assert (link.status, link.detail["reason"]) == (Status.FAIL, "no_carrier")
            gateway = await probe(s, "network.gateway")
            assert (gateway.status, gateway.detail["reason"]) == (Status.FAIL, "no_gateway")

            async def router_back() -> bool:
                return (await probe(s, "network.gateway")).status is Status.OK

            await until(router_back)
            assert s.lan.online and s.shop.payment.mode == "healthy"

            async def all_well() -> bool:
                return (await diagnose(s))[0] == "ok"

            await until(all_well)  # the terminal reconnects a little after the router

    run(body())


def test_pushing_the_loose_cable_back_in_fixes_it(tmp_path: Path) -> None:
    async def body() -> None:
        async with session("cable_loose", tmp_path) as s:
            await s.perform("replug_cable")
            assert (await probe(s, "network.link")).status is Status.OK

            async def all_well() -> bool:
                return (await diagnose(s))[0] == "ok"

            await until(all_well)

    run(body())


@pytest.mark.parametrize("scenario_id", ["reader_broken", "backup_needed"])
def test_the_backup_terminal_takes_over(scenario_id: str, tmp_path: Path) -> None:
    async def body() -> None:
        async with session(scenario_id, tmp_path) as s:
            before = await probe(s, "backup.terminal")
            assert (before.status, before.detail["stage"]) == (Status.FAIL, "open")  # in the drawer
            await s.perform("use_backup")
            assert (await probe(s, "backup.terminal")).status is Status.OK
            verdict, _ = await diagnose(s)
            assert verdict == SCENARIOS[scenario_id].expected.verdict  # the till stays broken

    run(body())


def test_a_frozen_terminal_does_not_come_back_from_a_restart(tmp_path: Path) -> None:
    async def body() -> None:
        async with session("backup_needed", tmp_path) as s:
            await s.perform("restart_terminal")
            watched = await probe(s, "terminal.reboot", reboot_deadline_s=3.0)
            assert (watched.status, watched.detail["reason"]) == (Status.FAIL, "not_back")
            assert watched.detail["went_offline"] is True
            assert (await diagnose(s))[0] == "terminal_unreachable"

    run(body())


def test_during_provider_maintenance_nothing_in_the_shop_helps(tmp_path: Path) -> None:
    async def body() -> None:
        async with session("provider_maintenance", tmp_path) as s:
            await s.perform("restart_terminal")
            watched = await probe(s, "terminal.reboot")
            assert watched.status is Status.OK
            terminal = await probe(s, "terminal")
            assert terminal.detail["reason"] == "maintenance"
            await s.perform("use_backup")  # same provider: it shows 在维护中 too
            assert (await probe(s, "backup.terminal")).detail["reason"] == "maintenance"
            paid = await s.perform("take_other_payment")
            assert paid.id == s.expected.fixed_by and paid.observation is not None
            assert (await diagnose(s))[0] == "provider_notice_active"
            with pytest.raises(UnknownAction, match="check_card_on_pc"):
                await s.perform("check_card_on_pc")  # offered only with a PC reader

    run(body())


def test_when_nothing_fixes_it_the_alarm_reaches_the_group_chat(tmp_path: Path) -> None:
    async def body() -> None:
        async with session("escalation", tmp_path) as s:
            assert s.expected.outcome == "escalated" and s.expected.fixed_by is None
            for action in s.actions():
                await s.perform(action.id)
            await asyncio.sleep(2.5)  # restarts over: router (1.5 s) and terminal (2 s) back
            verdict, results = await diagnose(s)
            assert verdict == "payment_host_unreachable"
            assert results["network.gateway"].status is Status.OK
            assert results["terminal"].detail["reason"] == "maintenance"
            assert results["backup.terminal"].detail["reason"] == "maintenance"

            config = load_config(s.config_path)
            assert config.shop.escalation_minutes == 1
            terminal = config.terminal("till1")
            assert terminal is not None
            with IncidentStore.open(s.data_dir / "posguide.db") as store:
                incident = store.start_incident(terminal="till1", symptom="在维护中", training=True)
                text = compose_alert(
                    store.get_incident(incident), terminal, config.provider(terminal.provider),
                    1, "zh_CN",
                )  # fmt: skip
                async with AlertSender(store, delays=(0.0,), timeout_s=5.0) as sender:
                    sent = await sender.send_escalation(incident, config.alerts, text)
            assert [r.ok for r in sent] == [True]
            [got] = s.received_alerts()
            assert got.accepted  # the receiver checked the DingTalk signature and timestamp
            assert {"timestamp", "sign"} <= got.query.keys()
            assert got.text == text

    run(body())


@pytest.mark.pcsc
def test_the_pc_reader_checks_the_customers_card(pcscd: None, tmp_path: Path) -> None:
    import pcsc

    pcsc.wait_card(False)

    async def body() -> None:
        async with session("reader_broken", tmp_path, pc_reader=None) as s:
            assert s.pc_reader
            assert s.config.terminal("till1").reader == "Virtual PCD 00 00"
            assert (await probe(s, "card.reader")).status is Status.OK
            action = await s.perform("check_card_on_pc")
            assert action.observation is not None
            card = await probe(s, "card.card", card_wait_s=5.0)
            assert (card.status, card.detail["stage"]) == (Status.OK, "payment"), card.summary
            assert (await diagnose(s))[0] == "ok"

    run(body())
    pcsc.wait_card(False)


def test_a_session_refuses_a_second_start_and_stops_twice(tmp_path: Path) -> None:
    async def body() -> None:
        s = session("terminal_reboot", tmp_path)
        with pytest.raises(RuntimeError, match="start"):
            s.probe_settings_factories()
        await s.start()
        try:
            with pytest.raises(RuntimeError, match="already started"):
                await s.start()
            assert set(s.probe_settings_factories()) == {"network.link", "network.gateway"}
        finally:
            await s.stop()
        await s.stop()

    run(body())


# --- the simulated LAN ------------------------------------------------------------------------


def test_the_lan_stand_ins_answer_like_the_real_probes() -> None:
    async def body() -> None:
        lan = SimulatedLan(seed=1)
        link = await run_probe(lan.link_probe())
        assert link.status is Status.OK and link.summary == "Network adapter 以太网 is connected"
        assert link.detail == {"interface": "以太网", "isup": True, "admin_up": None,
                               "ipv4": ["192.168.1.23"]}  # fmt: skip
        assert link.measurements["speed_mbps"].unit == "Mbit/s"
        gateway = await run_probe(lan.gateway_probe())
        assert gateway.summary == "The router 192.168.1.1 answers"
        assert gateway.detail == {"method": "icmp", "gateway": "192.168.1.1", "interface": "以太网"}
        assert set(gateway.measurements) == {"rtt_ms", "loss_pct"}
        assert 20 <= gateway.duration_ms <= 400

        await lan.set_state(router_hung=True)
        gateway = await run_probe(lan.gateway_probe())
        assert gateway.status is Status.FAIL and gateway.detail["reason"] == "unreachable"
        assert gateway.detail["ports"] == {"80": "timeout", "443": "timeout", "53": "timeout"}
        assert (await run_probe(lan.link_probe())).status is Status.OK

        await lan.set_state(router_hung=False, cable_plugged=False)
        link = await run_probe(lan.link_probe())
        assert (link.detail["reason"], link.detail["ipv4"]) == ("no_carrier", [])
        assert "check the cable" in link.summary

        await lan.set_state(cable_plugged=True, router_hung=True)
        await lan.restart_router(0.2)
        assert not lan.carrier and lan.restarting
        await asyncio.sleep(0.4)
        assert lan.carrier and not lan.router_hung and lan.online
        await lan.close()

    run(body())


def test_the_real_probes_report_the_same_keys() -> None:
    """The stand-ins keep to the real probes' vocabulary (here on loopback)."""
    from posguide.probes.network import GatewayParams, GatewayProbe, LinkParams, LinkProbe

    async def body() -> None:
        lan = SimulatedLan(seed=1)
        real_link = await run_probe(LinkProbe(LinkParams(interface="lo")))
        sim_link = await run_probe(lan.link_probe())
        assert sim_link.text is not None and real_link.text is not None
        assert sim_link.text.source == real_link.text.source  # one translation serves both
        assert set(sim_link.detail) <= set(real_link.detail)
        assert set(real_link.detail) - set(sim_link.detail) <= {"carrier", "operstate"}
        real_gateway = await run_probe(GatewayProbe(GatewayParams(gateway="127.0.0.1")))
        assert real_gateway.status is Status.OK
        sim_gateway = await run_probe(lan.gateway_probe())
        if real_gateway.detail["method"] == "icmp":
            assert set(real_gateway.detail) == set(sim_gateway.detail)
            assert set(real_gateway.measurements) == set(sim_gateway.measurements)
        assert sim_gateway.text is not None and real_gateway.text is not None
        assert sim_gateway.text.source == real_gateway.text.source

    run(body())


def test_stopping_in_the_middle_of_a_restart_leaves_nothing_behind(tmp_path: Path) -> None:
    async def body() -> None:
        async with session("router_down", tmp_path) as s:
            await s.perform("restart_terminal")
            await s.perform("restart_router")  # its "terminal reconnects" effect is still due
            assert not s.shop.terminal.online and s.lan.restarting

    run(body())
