"""Translatable core text: English by default, a translation when the GUI supplies one."""

from __future__ import annotations

from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes import Outcome, Status


def test_text_renders_english_and_translates_with_the_same_values() -> None:
    text = Text(QT_TR_NOOP("No answer within {timeout_s:g} s"), timeout_s=2.0)
    assert str(text) == "No answer within 2 s"
    zh = {"No answer within {timeout_s:g} s": "{timeout_s:g} 秒内无应答"}
    assert text.translated(lambda _ctx, source: zh.get(source, source)) == "2 秒内无应答"


def test_a_broken_translation_falls_back_to_english() -> None:
    text = Text("Router {gateway} answers", gateway="192.168.1.1")
    assert text.translated(lambda _c, _s: "路由器 {gatway} 有应答") == "Router 192.168.1.1 answers"
    assert text.translated(lambda _c, _s: "") == "Router 192.168.1.1 answers"


def test_probe_results_carry_both_english_and_translatable_summaries() -> None:
    result = Outcome("terminal").finish(Status.FAIL, Text("Port {port} is busy", port="COM3"))
    assert result.summary == "Port COM3 is busy"
    assert result.summary_in(lambda _c, s: s.replace("Port", "端口")) == "端口 COM3 is busy"
    plain = Outcome("terminal").finish(Status.OK, "plain")
    assert plain.summary_in(lambda _c, _s: "x") == "plain"


def test_pieces_inside_a_text_are_translated_too() -> None:
    when = Text("tomorrow {clock}", clock="14:00")
    text = Text("Maintenance planned: {when}", when=when)
    zh = {"tomorrow {clock}": "明天 {clock}", "Maintenance planned: {when}": "计划维护：{when}"}
    assert str(text) == "Maintenance planned: tomorrow 14:00"
    assert text.translated(lambda _c, s: zh.get(s, s)) == "计划维护：明天 14:00"
