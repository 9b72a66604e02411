"""The setup assistant's core: finding how a terminal talks (real ptys and sockets of the
terminal simulator, set to one protocol at one speed), the serial ports that appeared, and the
draft written into posguide.toml keeping the file as the user left it."""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from posguide.config import ConfigError, load_config
from posguide.setup.detect import detect_terminal
from posguide.setup.draft import (
    AlertDraft,
    ShopDraft,
    TerminalDraft,
    new_terminal_id,
    read_draft,
    save,
)
from posguide.setup.ports import PortInfo, appeared, serial_ports
from posguide.sim.terminal import SimulatedTerminal

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "posguide.example.toml"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX-only")


@pytest.fixture
def terminal() -> Iterator[SimulatedTerminal]:
    sim = SimulatedTerminal("pty")
    yield sim
    sim.stop()


@posix_only
@pytest.mark.parametrize(
    ("protocol", "baud"),
    [("framed", 9600), ("enq", 19200), ("none", 115200), ("framed", 57600), ("none", 38400)],
)
def test_detection_names_the_protocol_and_speed_the_terminal_speaks(
    terminal: SimulatedTerminal, protocol: str, baud: int
) -> None:
    terminal.protocol, terminal.baud_rate = protocol, baud
    terminal.start()
    found = asyncio.run(detect_terminal(terminal.port))
    assert found.found is not None
    assert (found.found.protocol, found.found.baud_rate) == (protocol, baud)
    assert found.found.meaning == "ok" and found.found.reply == "STATUS OK"
    assert found.seconds < 5  # the goal per port


@posix_only
def test_a_terminal_in_maintenance_is_found_and_said_so(terminal: SimulatedTerminal) -> None:
    terminal.protocol = "framed"
    terminal.set_behaviour("maintenance")
    terminal.start()
    found = asyncio.run(detect_terminal(terminal.port))
    assert found.found is not None and found.found.meaning == "maintenance"


def test_detection_over_a_socket_tries_protocols_only() -> None:
    sim = SimulatedTerminal("tcp")
    sim.protocol = "enq"
    sim.start()
    try:
        found = asyncio.run(detect_terminal(sim.port))
    finally:
        sim.stop()
    assert found.found is not None and found.found.protocol == "enq"
    assert found.found.baud_rate is None
    assert found.found.request == "STATUS?\r\n"  # a plain-text terminal wants its line end


@posix_only
def test_a_silent_port_is_given_up_within_five_seconds(terminal: SimulatedTerminal) -> None:
    terminal.set_behaviour("silent")
    terminal.start()
    found = asyncio.run(detect_terminal(terminal.port))
    assert found.found is None
    assert found.seconds < 5
    assert {a.stage for a in found.attempts} <= {"liveness", "status"}


def test_a_missing_port_stops_at_once_with_the_reason() -> None:
    found = asyncio.run(
        detect_terminal("/dev/ttyUSB-not-here" if sys.platform != "win32" else "COM99")
    )
    assert found.found is None
    assert len(found.attempts) == 1 and found.attempts[0].reason == "missing"


def test_ports_that_appeared_are_told_apart() -> None:
    def listing(*devices: tuple[str, int | None]) -> list[SimpleNamespace]:
        return [SimpleNamespace(device=d, description="USB-SERIAL CH340", vid=v,
                                pid=0x7523 if v else None) for d, v in devices]  # fmt: skip

    before = serial_ports(lambda: listing(("COM1", None)))
    now = serial_ports(lambda: listing(("COM4", 0x1A86), ("COM1", None)))
    assert [p.device for p in now] == ["COM1", "COM4"]
    assert appeared(before, now) == [PortInfo("COM4", "USB-SERIAL CH340", "1a86:7523")]
    assert now[1].label == "COM4 — USB-SERIAL CH340 — USB 1a86:7523"


# --- the draft and posguide.toml ------------------------------------------------------------


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return Path(shutil.copy(EXAMPLE, tmp_path / "posguide.toml"))


def test_saving_an_unchanged_draft_leaves_the_file_byte_for_byte(example: Path) -> None:
    before = example.read_bytes()
    save(example, ShopDraft.from_config(load_config(example)))
    assert example.read_bytes() == before


def test_a_changed_draft_keeps_the_comments_and_the_unshown_settings(example: Path) -> None:
    draft = ShopDraft.from_config(load_config(example))
    draft.name = "新店名"
    draft.terminals[0].connection = "/dev/ttyUSB1"
    draft.terminals[0].uplink = "cellular"
    draft.terminals.append(TerminalDraft(id=new_terminal_id([t.id for t in draft.terminals]),
                                         name="3号收银台", connection="socket://10.0.0.9:9000",
                                         protocol="enq", status_request="STATUS?\r\n"))  # fmt: skip
    before = example.read_text(encoding="utf-8")
    config = save(example, draft)
    after = example.read_text(encoding="utf-8")
    assert config.shop.name == "新店名"
    assert [t.id for t in config.terminals] == ["till1", "till2", "till3"]
    assert config.terminal("till1").uplink == "cellular"  # type: ignore[union-attr]
    assert config.terminal("till3").protocol == "enq"  # type: ignore[union-attr]
    assert config.terminal("till1").timeout_s == 2.0  # type: ignore[union-attr]  # kept
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert all(c in after for c in comments)
    assert config.network == load_config(EXAMPLE).network  # a section it does not show


def test_an_invalid_draft_is_refused_by_key_and_nothing_is_written(example: Path) -> None:
    before = example.read_bytes()
    draft = ShopDraft.from_config(load_config(example))
    draft.terminals[1].connection = "socket://no port here"
    draft.hotline = "call us"
    with pytest.raises(ConfigError) as refused:
        save(example, draft)
    keys = {p.key for p in refused.value.problems}
    assert "terminals[1].connection" in keys and "providers[0].hotline" in keys
    assert example.read_bytes() == before


def test_a_file_with_a_refused_value_is_corrected_without_losing_its_devices(
    example: Path,
) -> None:
    """A hand-edited file with one bad value: the form shows what the file says, and saving
    the correction keeps every terminal and alert channel (an empty draft dropped them)."""
    good = load_config(example)
    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace("escalation_minutes = 10", "escalation_minutes = 500"), "utf-8")
    with pytest.raises(ConfigError):
        load_config(example)
    draft = read_draft(example)
    assert draft.name == good.shop.name
    assert [t.id for t in draft.terminals] == [t.id for t in good.terminals]
    assert [a.kind for a in draft.alerts] == [a.kind for a in good.alerts]
    assert draft.escalation_minutes == 500  # shown as written: the form refuses it, not hides it
    with pytest.raises(ConfigError) as refused:
        save(example, draft)
    assert [p.key for p in refused.value.problems] == ["shop.escalation_minutes"]
    draft.escalation_minutes = 10
    fixed = save(example, draft)
    assert [t.id for t in fixed.terminals] == [t.id for t in good.terminals]
    assert fixed.terminal("till1") == good.terminal("till1")
    assert [(a.kind, a.name) for a in fixed.alerts] == [(a.kind, a.name) for a in good.alerts]
    assert example.read_text(encoding="utf-8") == text  # back to the file it was, comments too


def test_a_new_shop_from_scratch(tmp_path: Path) -> None:
    path = tmp_path / "posguide.toml"
    draft = ShopDraft(
        name="便利店", language="zh_CN", staff=["王芳", " ", "李强"], provider_name="银联商务",
        hotline="95534", payment_hosts=["pay.example.cn:443"],
        terminals=[
            TerminalDraft(id="till1", name="1号收银台", connection="COM3", protocol="framed",
                          status_request="STATUS?", backup="till2", uplink="wifi"),
            TerminalDraft(id="till2", name="备用机", connection="COM4"),
        ],
        alerts=[AlertDraft("wecom", "abc-key", "店长群"),
                AlertDraft("webhook", "https://hooks.example.cn/x")],
    )  # fmt: skip
    config = save(path, draft)
    assert config.loaded_from == path and not config.is_default
    assert config.shop.staff == ("王芳", "李强")
    assert config.providers[0].hotline == "95534"
    assert config.terminal("till1").provider == config.providers[0].id  # type: ignore[union-attr]
    assert config.terminal("till1").backup == "till2"  # type: ignore[union-attr]
    assert config.alerts[0].key is not None and config.alerts[0].key.reveal() == "abc-key"
    assert config.alerts[1].url is not None
    assert ShopDraft.from_config(config) == ShopDraft(
        **{**draft.__dict__, "staff": ["王芳", "李强"]}
    )
    assert path.read_text(encoding="utf-8").startswith("# posguide settings")
