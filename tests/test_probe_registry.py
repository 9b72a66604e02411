"""The probe registry is the one list of probe ids: the catalog builds every one of them, the
verdict rules and the playbook check name only them, and the window has a name for each."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from posguide.config import parse_config
from posguide.flow import PlaybookError, parse_playbook
from posguide.probe_catalog import UnknownProbe, build_probe
from posguide.probes import registry
from posguide.probes.settings import ProbeSettings
from posguide.probes.verdict import RULES

# Everything configured, so that no probe is left out for want of settings.
CONFIG = parse_config(
    """
[[providers]]
id = "ums"
name = "银联商务"
payment_hosts = ["pay.example-acquirer.cn:443"]

[[providers.notice_feeds]]
url = "https://status.example-acquirer.cn/api/v2/summary.json"

[[terminals]]
id = "till1"
provider = "ums"
connection = "/dev/ttyUSB0"
reader = "ACR39U"
backup = "till2"

[[terminals]]
id = "till2"
provider = "ums"
connection = "socket://192.168.1.50:8888"
"""
)


@pytest.mark.parametrize("probe_id", registry.ALL)
def test_the_catalog_builds_every_registered_probe_under_its_id(probe_id: str) -> None:
    probe = build_probe(probe_id, CONFIG, CONFIG.terminal("till1"), ProbeSettings())
    assert probe is not None and probe.id == probe_id


def test_an_id_outside_the_registry_is_refused() -> None:
    with pytest.raises(UnknownProbe):
        build_probe("network.ping", CONFIG, CONFIG.terminal("till1"), ProbeSettings())


def test_verdicts_are_decided_by_automatic_probes_only() -> None:
    # A rule on a probe that waits for a person would never apply in ``diagnose``.
    assert {rule.probe_id for rule in RULES} <= set(registry.AUTOMATIC)


def test_automatic_probes_come_first_in_verdict_order() -> None:
    assert registry.ALL == registry.AUTOMATIC + registry.ON_REQUEST
    order = [registry.AUTOMATIC.index(rule.probe_id) for rule in RULES]
    first_seen = list(dict.fromkeys(order))
    assert first_seen == sorted(first_seen)


PLAYBOOK = """
version: 1
steps:
  - id: restart
    title: {{zh_CN: 重启, en: Restart}}
    instructions: {{zh_CN: 重启备用机, en: Restart the backup}}
    probes: [{probe}]
    next:
      - finish: resolved
        cause: terminal_restart
"""


def test_a_playbook_may_name_every_registered_probe() -> None:
    # backup.terminal.reboot was missing from the playbook's list of ids.
    for probe_id in registry.ALL:
        book = parse_playbook(PLAYBOOK.format(probe=probe_id), "test.yaml")
        assert book.first.probes[0].id == probe_id
    with pytest.raises(PlaybookError, match=r"network\.ping"):
        parse_playbook(PLAYBOOK.format(probe="network.ping"), "test.yaml")


def test_every_probe_has_its_own_name_and_unknown_ids_show_as_themselves() -> None:
    labels = [str(registry.label(probe_id)) for probe_id in registry.ALL]
    assert len(set(labels)) == len(labels) and all(labels)
    assert str(registry.label("network.ping")) == "network.ping"


def test_the_report_words_only_registered_probes_and_names_them_as_the_window() -> None:
    path = Path(__file__).resolve().parent.parent / "resources" / "i18n" / "report_strings.toml"
    strings = tomllib.loads(path.read_text(encoding="utf-8"))
    for language in strings.values():
        assert "probe" not in language  # no second list of names: the registry's are used
        for section in ("probe_ok", "probe_fail"):
            assert set(language[section]) <= set(registry.ALL), section
