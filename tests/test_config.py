"""The shop configuration: defaults, validation messages, atomic comment-keeping saves, secrets."""

from __future__ import annotations

import dataclasses
import os
import re
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posguide.config import (
    ConfigError,
    ConfigWriteError,
    HostPort,
    Secret,
    ShopConfig,
    load_config,
    load_document,
    parse_config,
    save_document,
    set_value,
)
from posguide.config import docs as config_docs
from posguide.config.model import DEFAULT_CHECK_URL
from posguide.config.schema import Table, TableList, declarations

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "posguide.example.toml"

COMMENTED = """\
# Settings for 示例便利店 — keep this comment
[shop]
name = "示例便利店"   # the sign over the door
# which language the cashiers read
language = "zh_CN"
escalation_minutes = 15

[[providers]]
id = "ums"   # 银联商务
name = "银联商务"

[[terminals]]
id = "till1"
provider = "ums"
connection = "COM3"

[[terminals]]
id = "till2"  # the spare one
connection = "socket://192.168.1.50:8888"
backup = "till1"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "posguide.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:")
    return message[len(f"{path}: ") :]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "posguide.toml")


# --- defaults and the shipped example ---------------------------------------------------------


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "posguide.toml")
    assert config == ShopConfig()
    assert config.is_default
    assert config.shop.language == "system"
    assert config.shop.escalation_minutes == 10
    assert config.storage.backup_keep == 14
    assert config.storage.max_photo_mb == 25
    assert config.network.gateway == "auto"
    assert config.network.internet_check_url == DEFAULT_CHECK_URL
    assert config.network.samples == 4
    assert config.network.slow_ms == 800
    assert config.logging.level == "INFO"
    assert (config.logging.max_kb, config.logging.keep) == (1024, 5)
    assert (config.providers, config.terminals, config.alerts) == ((), (), ())
    assert config.default_terminal() is None
    assert config.secrets() == []


def test_empty_file_gives_defaults_but_is_not_default(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "# nothing yet\n"))
    assert config == ShopConfig()
    assert not config.is_default


def test_example_file_validates() -> None:
    config = load_config(EXAMPLE)
    (ums,) = config.providers
    assert (ums.id, ums.name, ums.timezone) == ("ums", "银联商务", "Asia/Shanghai")
    assert ums.notice_feeds[0].kind == "statuspage"
    assert ums.notice_feeds[0].url == "https://status.example-acquirer.cn/api/v2/summary.json"
    assert HostPort("203.0.113.10", 8583) in ums.payment_hosts
    till1, till2 = config.terminals
    assert (till1.connection, till1.protocol, till1.backup) == ("COM3", "framed", "till2")
    assert till1.status_payload == b"STATUS?"
    assert till1.usb_vid_pid == (0x1A86, 0x7523)
    assert till1.reply_patterns.classify("M1 system maintenance") == "maintenance"
    assert till1.reply_patterns.classify("00 READY") == "ok"
    assert (till2.connection, till2.status_payload) == (
        "socket://192.168.1.50:8888",
        b"STATUS?\r\n",
    )
    assert config.default_terminal() == till1
    (wecom,) = config.alerts
    assert wecom.kind == "wecom"
    assert str(wecom.endpoint()) == "https://qyapi.weixin.qq.com/***"


def test_docs_and_example_are_up_to_date() -> None:
    """Like `cog --check`: the committed docs match what the declarations generate."""
    assert config_docs.main(["--check", "--docs", str(ROOT / "docs")]) == 0
    reference = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert config_docs.reference() in reference


def test_docs_command_prints_checks_and_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert config_docs.main([]) == 0
    assert "| `baud_rate` | a whole number from 300 to 921600 | `9600` |" in capsys.readouterr().out
    assert config_docs.main(["--example"]) == 0
    assert parse_config(capsys.readouterr().out) == load_config(EXAMPLE)
    docs = tmp_path / "docs"
    docs.mkdir()
    reference = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    stale = config_docs.replace_generated(reference, "| old | table |\n")
    (docs / "configuration.md").write_text(stale, encoding="utf-8")
    assert config_docs.main(["--check", "--docs", str(docs)]) == 1
    assert config_docs.main(["--write", "--docs", str(docs)]) == 0
    assert config_docs.main(["--check", "--docs", str(docs)]) == 0
    assert (docs / "configuration.md").read_text(encoding="utf-8") == reference


def test_example_mentions_every_setting() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")

    def walk(cls: type[Any]) -> None:
        for name, decl in declarations(cls).items():
            if isinstance(decl.kind, Table | TableList):
                walk(decl.kind.cls)
            else:
                assert re.search(rf"^(# )?{name} = ", text, re.MULTILINE), name

    walk(ShopConfig)


def test_every_default_passes_its_own_declaration() -> None:
    def walk(cls: type[Any]) -> None:
        for name, decl in declarations(cls).items():
            assert decl.doc, f"{cls.__name__}.{name} has no description"
            if isinstance(decl.kind, Table | TableList):
                walk(decl.kind.cls)
            elif not decl.required:
                assert decl.kind.convert(decl.kind.to_toml(decl.default)) == decl.default, name

    walk(ShopConfig)


def test_notepad_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "posguide.toml"
    path.write_bytes(b'\xef\xbb\xbf[shop]\r\nlanguage = "en"\r\n')
    assert load_config(path).shop.language == "en"


# --- one-line messages for each kind of mistake ----------------------------------------------

TERMINALS = '[[terminals]]\nid = "a"\n[[terminals]]\nid = "b"\n'

MISTAKES = {
    "wrong type": (
        TERMINALS + 'baud_rate = "fast"\n',
        'terminals[1].baud_rate: expected a whole number from 300 to 921600, got "fast"',
    ),
    "not a standard baud rate": (
        TERMINALS + "baud_rate = 9601\n",
        "terminals[1].baud_rate: expected one of 300, 600, 1200, 2400, 4800, 9600, 14400, 19200, "
        "28800, 38400, 57600, 115200, 230400, 460800, 921600, got 9601",
    ),
    "out of range": (
        "[shop]\nescalation_minutes = 121\n",
        "shop.escalation_minutes: expected a whole number from 1 to 120, got 121",
    ),
    "float out of range": (
        "[network]\ntls_timeout_s = 0\n",
        "network.tls_timeout_s: expected a number from 0.1 to 60 seconds, got 0",
    ),
    "bad enum with did-you-mean": (
        '[shop]\nlanguage = "zh-CN"\n',
        'shop.language: expected one of "zh_CN", "en", "system", got "zh-CN" '
        '(did you mean "zh_CN"?)',
    ),
    "an uplink the wizard has no steps for": (
        '[[terminals]]\nid = "till1"\nuplink = "4g"\n',
        'terminals[0].uplink: expected one of "ethernet", "wifi", "cellular", "dialup", got "4g"',
    ),
    "enum differing in case": (
        '[logging]\nlevel = "debug"\n',
        'logging.level: expected one of "DEBUG", "INFO", "WARNING", "ERROR", got "debug" '
        '(did you mean "DEBUG"?)',
    ),
    "quoted boolean": (
        '[[alerts]]\nkind = "webhook"\nurl = "https://hooks.example.cn/x"\nenabled = "false"\n',
        'alerts[0].enabled: expected true or false, got "false" '
        "(write true or false without quotes)",
    ),
    "unknown key with did-you-mean": (
        '[shop]\nlangauge = "en"\n',
        'shop.langauge: unknown setting (did you mean "language"?)',
    ),
    "unknown key without a close match": (
        "[storage]\ncolour = 1\n",
        "storage.colour: unknown setting; expected one of backup_keep, max_photo_mb",
    ),
    "unknown section": (
        "[netwrok]\nsamples = 3\n",
        'netwrok: unknown section (did you mean "network"?)',
    ),
    "setting outside its section": (
        'language = "en"\n',
        "language: unknown section (did you mean to put it under [shop]?)",
    ),
    "unknown nested key": (
        '[[terminals]]\nid = "a"\n[terminals.reply_patterns]\nmaintenence = "M1"\n',
        'terminals[0].reply_patterns.maintenence: unknown setting (did you mean "maintenance"?)',
    ),
    "single table instead of a list": (
        '[terminals]\nid = "a"\n',
        "terminals: expected a list of tables ([[terminals]]), got a table",
    ),
    "missing id": (
        '[[providers]]\nname = "银联商务"\n',
        'providers[0].id: missing; expected an id like "ums" (up to 32 lowercase letters, digits, '
        '"-" or "_")',
    ),
    "bad id": (
        '[[providers]]\nid = "UMS 1"\n',
        'providers[0].id: expected an id like "ums" (up to 32 lowercase letters, digits, '
        '"-" or "_"), got "UMS 1"',
    ),
    "duplicate terminal id": (
        '[[terminals]]\nid = "a"\n[[terminals]]\nid = "a"\n',
        'terminals[1].id: expected a unique id, got "a" again (already used by terminals[0])',
    ),
    "duplicate provider id": (
        '[[providers]]\nid = "ums"\n[[providers]]\nid = "ums"\n',
        'providers[1].id: expected a unique id, got "ums" again (already used by providers[0])',
    ),
    "dangling provider": (
        '[[providers]]\nid = "ums"\n[[terminals]]\nid = "a"\nprovider = "usm"\n',
        'terminals[0].provider: expected the id of a [[providers]] entry ("ums"), got "usm" '
        '(did you mean "ums"?)',
    ),
    "dangling backup": (
        TERMINALS + 'backup = "c"\n',
        'terminals[1].backup: expected the id of a [[terminals]] entry ("a"), got "c"',
    ),
    "own backup": (
        TERMINALS + 'backup = "b"\n',
        'terminals[1].backup: expected another terminal\'s id, got its own id "b"',
    ),
    "dangling default terminal": (
        '[shop]\ndefault_terminal = "till9"\n' + TERMINALS,
        'shop.default_terminal: expected the id of a [[terminals]] entry ("a", "b"), got "till9"',
    ),
    "bad regex": (
        '[[terminals]]\nid = "a"\n[terminals.reply_patterns]\nbusy = ["BUSY", "(ERR"]\n',
        'terminals[0].reply_patterns.busy[1]: expected a regular expression, got "(ERR" '
        "(missing ), unterminated subpattern at position 0)",
    ),
    "bare IPv6 host:port": (
        '[[providers]]\nid = "ums"\npayment_hosts = ["pay.example.cn:443", "::1:443"]\n',
        'providers[0].payment_hosts[1]: expected a "host:port" like "pay.example.cn:443", '
        '"10.1.2.3:8583" or "[::1]:443", got "::1:443" (put IPv6 addresses in brackets: [::1]:443)',
    ),
    "host without port": (
        '[[providers]]\nid = "ums"\npayment_hosts = ["pay.example.cn"]\n',
        'providers[0].payment_hosts[0]: expected a "host:port" like "pay.example.cn:443", '
        '"10.1.2.3:8583" or "[::1]:443", got "pay.example.cn" (the port number is missing)',
    ),
    "port out of range": (
        '[[providers]]\nid = "ums"\npayment_hosts = ["10.1.2.3:70000"]\n',
        'providers[0].payment_hosts[0]: expected a "host:port" like "pay.example.cn:443", '
        '"10.1.2.3:8583" or "[::1]:443", got "10.1.2.3:70000"',
    ),
    "bad timezone": (
        '[[providers]]\nid = "ums"\ntimezone = "Asia/Shangai"\n',
        'providers[0].timezone: expected an IANA time zone name like "Asia/Shanghai", '
        'got "Asia/Shangai" (did you mean "Asia/Shanghai"?)',
    ),
    "bad URL": (
        '[network]\ninternet_check_url = "www.example.cn/ping"\n',
        "network.internet_check_url: expected an http:// or https:// URL, "
        'got "www.example.cn/ping"',
    ),
    "bad feed URL": (
        '[[providers]]\nid = "ums"\n[[providers.notice_feeds]]\nurl = "ftp://status.example.cn"\n',
        "providers[0].notice_feeds[0].url: expected an http:// or https:// URL, "
        'got "ftp://status.example.cn"',
    ),
    "bad feed kind": (
        '[[providers]]\nid = "ums"\n[[providers.notice_feeds]]\nurl = "https://s.example.cn"\n'
        'kind = "statuspgae"\n',
        'providers[0].notice_feeds[0].kind: expected one of "statuspage", "rss", "atom", "ical", '
        '"page", "auto", got "statuspgae" (did you mean "statuspage"?)',
    ),
    "network port without socket://": (
        '[[terminals]]\nid = "a"\nconnection = "192.168.1.50:8888"\n',
        'terminals[0].connection: expected a serial port ("COM3", "/dev/ttyUSB0"), '
        '"socket://host:port", "rfc2217://host:port", or "" when the terminal is not connected to '
        'this PC, got "192.168.1.50:8888" (network terminals need "socket://" in front)',
    ),
    "odd hex": (
        '[[terminals]]\nid = "a"\nstatus_request_hex = "535"\n',
        'terminals[0].status_request_hex: expected bytes in hex like "5354415455533F" (spaces '
        'allowed between bytes), or "", got "535"',
    ),
    "both status requests": (
        '[[terminals]]\nid = "a"\nstatus_request = "S?"\nstatus_request_hex = "53"\n',
        "terminals[0].status_request_hex: expected only one of status_request and "
        "status_request_hex, got both",
    ),
    "bad usb id": (
        '[[terminals]]\nid = "a"\nusb_vid_pid = "1a86-7523"\n',
        'terminals[0].usb_vid_pid: expected a USB "vendor:product" id like "1a86:7523", or "", '
        'got "1a86-7523"',
    ),
    "bad gateway": (
        '[network]\ngateway = "192.168.1.300"\n',
        'network.gateway: expected "auto" or an IP address like "192.168.1.1", got "192.168.1.300"',
    ),
    "bad nameserver": (
        '[network]\nnameservers = ["dns.example.cn"]\n',
        'network.nameservers[0]: expected an IP address like "192.168.1.1", got "dns.example.cn"',
    ),
    "bad TLS host": (
        '[[providers]]\nid = "ums"\ntls_hosts = ["pay.example.cn"]\n',
        'providers[0].tls_hosts[0]: expected a "host:port" like "pay.example.cn:443", '
        '"10.1.2.3:8583" or "[::1]:443", got "pay.example.cn" (the port number is missing)',
    ),
    "staff name of the wrong type": (
        '[shop]\nstaff = ["张三", 3]\n',
        "shop.staff[1]: expected a name, got 3",
    ),
    "wecom without key": (
        '[[alerts]]\nkind = "wecom"\n',
        'alerts[0]: expected key or url for kind "wecom", got neither',
    ),
    "key for dingtalk": (
        '[[alerts]]\nkind = "dingtalk"\naccess_token = "abcdef123456"\nkey = "abcdef123456"\n',
        'alerts[0].key: expected no key for kind "dingtalk" (it uses access_token or url), got one',
    ),
    "webhook URL with a password": (
        '[[alerts]]\nkind = "webhook"\nurl = "https://shop:S3cret@hooks.example.cn/x"\n',
        'alerts[0].url: expected an https:// or http:// webhook URL, or "", got a text of 38 '
        'characters (not shown) (it holds a user name or password before "@": remove that part)',
    ),
    "robot URL with a user name": (
        '[[alerts]]\nkind = "wecom"\nurl = "https://admin@qyapi.weixin.qq.com/send?key=k"\n',
        'alerts[0].url: expected an https:// or http:// webhook URL, or "", got a text of 44 '
        'characters (not shown) (it holds a user name or password before "@": remove that part)',
    ),
    "alert kind": (
        '[[alerts]]\nkind = "wechat"\n',
        'alerts[0].kind: expected one of "wecom", "dingtalk", "feishu", "webhook", got "wechat"',
    ),
}


@pytest.mark.parametrize("text, expected", MISTAKES.values(), ids=MISTAKES.keys())
def test_each_mistake_is_one_line_with_file_and_key(
    tmp_path: Path, text: str, expected: str
) -> None:
    assert error_for(tmp_path, text) == expected


def test_toml_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, '[shop]\nname = "x"\nlanguage = en\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}:3:12: TOML syntax error: ")
    assert (caught.value.problems[0].line, caught.value.problems[0].column) == (3, 12)


def test_duplicate_key_is_a_syntax_error_with_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[shop]\nname = "a"\nname = "b"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}:3:")
    assert 'TOML syntax error: Key "name" already exists' in str(caught.value)


def test_not_utf8_is_reported_with_position(tmp_path: Path) -> None:
    path = tmp_path / "posguide.toml"
    path.write_bytes('[shop]\nname = "超市"\n'.encode("gbk"))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}:2:9: expected UTF-8 text; save the file as UTF-8"


def test_all_problems_are_kept_and_counted(tmp_path: Path) -> None:
    text = '[shop]\nlanguage = "fr"\nescalation_minutes = 0\n[logging]\nkeep = "all"\n'
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    error = caught.value
    assert str(error).endswith("(and 2 more problems)")
    assert [p.key for p in error.problems] == [
        "shop.language",
        "shop.escalation_minutes",
        "logging.keep",
    ]
    assert all(line.startswith(f"{path}: ") for line in error.lines)


def test_unreadable_path_is_a_config_error(tmp_path: Path) -> None:
    folder = tmp_path / "posguide.toml"
    folder.mkdir()
    with pytest.raises(ConfigError, match="cannot be read"):
        load_config(folder)


# --- saving: comments kept, atomic, never invalid ---------------------------------------------


def test_round_trip_keeps_the_file_byte_for_byte(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    save_document(path, load_document(path))
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_set_value_keeps_comments_and_key_order(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    config = set_value(path, "shop.language", "en")
    assert config.shop.language == "en"
    text = path.read_text(encoding="utf-8")
    assert text == COMMENTED.replace('language = "zh_CN"', 'language = "en"')
    assert "# which language the cashiers read" in text
    assert "# the sign over the door" in text
    assert load_config(path).shop.language == "en"


def test_set_value_in_an_array_entry_and_new_keys(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    set_value(path, "terminals[1].baud_rate", 115200)
    set_value(path, "network.samples", 6)
    config = set_value(path, "shop.staff", ["张三", "李四"])
    assert config.terminals[1].baud_rate == 115200
    assert config.network.samples == 6
    assert config.shop.staff == ("张三", "李四")
    text = path.read_text(encoding="utf-8")
    assert 'id = "till2"  # the spare one' in text
    assert text.index("[[terminals]]") < text.index("[network]")
    assert load_config(path) == config


def test_set_value_none_restores_the_default(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    config = set_value(path, "shop.escalation_minutes", None)
    assert config.shop.escalation_minutes == 10
    assert "escalation_minutes" not in path.read_text(encoding="utf-8")


def test_set_value_creates_the_file(tmp_path: Path) -> None:
    path = tmp_path / "new" / "posguide.toml"
    config = set_value(path, "shop.language", "en")
    assert config.shop.language == "en"
    assert load_config(path).shop.language == "en"
    assert path.read_text(encoding="utf-8").startswith("# posguide settings")
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "key, value, expected",
    [
        ("shop.langauge", "en", 'shop.langauge: unknown setting (did you mean "language"?)'),
        ("shop.language", "fr", 'shop.language: expected one of "zh_CN", "en", "system", got "fr"'),
        ("terminals[5].name", "x", "terminals[5]: expected an entry, got none"),
        ("language", "en", 'language: expected a key like "shop.language" or "terminals[0].name"'),
        ("terminals[0].provider", "boc", "terminals[0].provider: expected the id of a"),
    ],
)
def test_set_value_refuses_bad_changes(tmp_path: Path, key: str, value: str, expected: str) -> None:
    path = write(tmp_path, COMMENTED)
    with pytest.raises(ConfigError) as caught:
        set_value(path, key, value)
    assert str(caught.value).startswith(f"{path}: {expected}")
    assert path.read_text(encoding="utf-8") == COMMENTED
    assert leftovers(tmp_path) == []


def test_invalid_document_is_refused_and_file_unchanged(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    doc = load_document(path)
    doc["shop"]["escalation_minutes"] = 500
    with pytest.raises(ConfigError, match=r"shop\.escalation_minutes: expected a whole number"):
        save_document(path, doc)
    assert path.read_text(encoding="utf-8") == COMMENTED
    assert leftovers(tmp_path) == []


def test_crash_during_replace_leaves_old_file_and_no_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, COMMENTED)
    doc = load_document(path)
    doc["shop"]["language"] = "en"

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(ConfigWriteError) as caught:
        save_document(path, doc)
    assert str(caught.value) == f"{path}: cannot be saved: No space left on device"
    assert path.read_text(encoding="utf-8") == COMMENTED
    assert leftovers(tmp_path) == []


def test_replace_is_retried_while_windows_holds_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, COMMENTED)
    real_replace = os.replace
    calls: list[object] = []

    def busy_once(src: Any, dst: Any) -> None:
        calls.append(src)
        if len(calls) == 1:
            raise PermissionError(13, "The process cannot access the file")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", busy_once)
    assert set_value(path, "shop.language", "en").shop.language == "en"
    assert len(calls) == 2
    assert leftovers(tmp_path) == []


def test_windows_line_endings_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "posguide.toml"
    path.write_bytes(COMMENTED.replace("\n", "\r\n").encode("utf-8"))
    set_value(path, "shop.language", "en")
    data = path.read_bytes()
    assert data.count(b"\r\n") == COMMENTED.count("\n")
    assert b'language = "en"\r\n' in data


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_save_keeps_the_file_mode(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    path.chmod(0o640)
    set_value(path, "shop.language", "en")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


# --- secrets ----------------------------------------------------------------------------------

SECRETS = {
    "wecom": "3f2a9c1e-wecom-key-0042",
    "token": "dingtalk0token0abcdef",
    "sign": "SECsigning0secret0xyz",
    "query": "webhook0query0token99",
    "path": "feishuhook0123456789abcdef",
}
SECRET_TEXT = f"""\
[[alerts]]
kind = "wecom"
key = "{SECRETS["wecom"]}"
[[alerts]]
kind = "dingtalk"
access_token = "{SECRETS["token"]}"
secret = "{SECRETS["sign"]}"
[[alerts]]
kind = "webhook"
url = "https://hooks.example.cn/notify?token={SECRETS["query"]}"
[[alerts]]
kind = "feishu"
url = "https://open.feishu.cn/open-apis/bot/v2/hook/{SECRETS["path"]}"
"""


def test_secrets_never_appear_in_repr_or_str(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, SECRET_TEXT))
    shown = [repr(config), str(config)]
    for channel in config.alerts:
        shown += [repr(channel), str(channel), str(channel.endpoint()), f"{channel.endpoint()}"]
        shown += [str(dataclasses.asdict(channel))]
    for text in shown:
        for secret in SECRETS.values():
            assert secret not in text
    assert str(config.alerts[0].key) == repr(config.alerts[0].key) == "***"
    assert str(config.alerts[2].url) == "https://hooks.example.cn/***"


def test_secrets_are_revealed_on_request_and_listed_for_redaction(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, SECRET_TEXT))
    wecom, dingtalk, webhook, feishu = config.alerts
    assert wecom.key is not None and wecom.key.reveal() == SECRETS["wecom"]
    assert wecom.endpoint().reveal().endswith("?key=" + SECRETS["wecom"])
    assert dingtalk.secret == Secret(SECRETS["sign"])
    redact = config.secrets()
    for secret in SECRETS.values():
        assert secret in redact
    assert f"token={SECRETS['query']}" in redact
    assert webhook.url is not None and webhook.url.reveal() in redact
    assert feishu.endpoint() == feishu.url
    assert redact == sorted(redact, key=lambda s: (-len(s), s))


def test_bad_secret_value_is_not_echoed(tmp_path: Path) -> None:
    message = error_for(tmp_path, '[[alerts]]\nkind = "wecom"\nkey = "abc def-secretive"\n')
    assert "secretive" not in message
    assert message == (
        'alerts[0].key: expected the key from a WeCom robot URL (...send?key=...), or "", '
        "got a text of 17 characters (not shown)"
    )


# --- nothing but ConfigError, whatever the file holds -----------------------------------------

TOKENS = st.sampled_from(
    [*'[]{}=".,:#\n \\\'-_', "shop", "terminals", "id", "baud_rate", "[[terminals]]", "[shop]",
     "true", "1979-05-27T07:32:00Z", "inf", "nan", '"""', "'''", "\r", "\t", "\x00", "é", "0x1F",
     "1e999", "99999999999999999999", "reply_patterns", "ok", "(", "url"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(TOKENS, max_size=60).map("".join) | st.text(max_size=200))
def test_garbage_text_raises_only_config_error(text: str) -> None:
    try:
        parse_config(text)
    except ConfigError as exc:
        assert "\n" not in str(exc)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300))
def test_garbage_file_raises_only_config_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.getbasetemp() / "fuzz-posguide.toml"
    path.write_bytes(data)
    try:
        load_config(path)
    except ConfigError as exc:
        assert "\n" not in str(exc)


SCALARS = (
    st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(
        ["", "auto", "COM3", "ums", "a", "[::1]:443", "https://x.cn", "(", "1a86:7523"]
    )
)


def _values(cls: type[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Documents shaped like the schema, with random values (and the odd unknown key)."""
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for name, decl in declarations(cls).items():
        if isinstance(decl.kind, TableList):
            fields[name] = st.lists(_values(decl.kind.cls), max_size=2)
        elif isinstance(decl.kind, Table):
            fields[name] = _values(decl.kind.cls)
        else:
            fields[name] = SCALARS | st.lists(SCALARS, max_size=3)
    fields["extra"] = SCALARS
    return st.fixed_dictionaries({}, optional=fields)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_values(ShopConfig))
def test_schema_shaped_random_documents_raise_only_config_error(raw: dict[str, Any]) -> None:
    try:
        text = tomlkit.dumps(raw)
    except Exception:  # tomlkit cannot write every random value
        return
    try:
        config = parse_config(text)
    except ConfigError as exc:
        assert "\n" not in str(exc)
    else:
        assert parse_config(text) == config
