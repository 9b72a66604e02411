"""Playbooks: the default one is valid and complete; every mistake is reported as file:line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from posguide.flow import (
    KNOWN_PROBES,
    PlaybookError,
    builtin_pictures_dir,
    default_playbook_path,
    load_active,
    load_playbook,
    parse_playbook,
)
from posguide.flow.model import CAUSES, OUTCOMES, QUESTION_KINDS
from posguide.flow.schema import SHAPES

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = default_playbook_path()
TEXT = DEFAULT.read_text(encoding="utf-8")
PICTURES = [builtin_pictures_dir()]
DOCS = ROOT / "docs" / "playbook.md"

EXPECTED_PICTURES = {
    "notice_check.svg",
    "terminal_restart.svg",
    "router_lights_ok.svg",
    "router_lights_wan_off.svg",
    "router_lights_all_off.svg",
    "modem_los_red.svg",
    "cables_check.svg",
    "card_chip_swipe_tap.svg",
    "backup_switch.svg",
    "call_provider.svg",
    "cellular_signal.svg",
    "cellular_sim.svg",
    "wifi_terminal.svg",
    "dialup_line.svg",
}

TINY = """\
version: 1
steps:
  - id: first
    title: {zh_CN: 第一步, en: First}
    instructions: {zh_CN: 做点什么, en: Do something}
    next:
      - goto: second
  - id: second
    title: {zh_CN: 第二步, en: Second}
    instructions: {zh_CN: 再做点什么, en: Do more}
    next:
      - finish: resolved
        cause: unknown
"""


def problems(text: str, **kwargs: object) -> list[str]:
    with pytest.raises(PlaybookError) as caught:
        parse_playbook(text, "default.yaml", pictures=PICTURES, **kwargs)  # type: ignore[arg-type]
    return caught.value.lines


def line_of(text: str, marker: str) -> int:
    """1-based line of the first line containing ``marker``."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if marker in line)


def mutate(old: str, new: str, text: str = TEXT) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


# --- the default playbook ---------------------------------------------------------------------


def test_the_default_playbook_is_valid_and_in_the_documented_order() -> None:
    book = load_playbook()
    assert [s.id for s in book.steps] == [
        "symptom", "reboot", "cables", "reader", "backup", "call", "cellular", "wifi", "dialup",
    ]  # fmt: skip
    assert book.step("reboot").reboot_watch
    assert [p.id for p in book.step("cables").probes] == [
        "network.link",
        "network.gateway",
        "network.dns",
        "network.internet",
        "network.payment",
        "network.tls",
    ]
    assert not book.step("symptom").skippable


def test_the_default_playbook_uses_exactly_the_illustrators_pictures() -> None:
    book = load_playbook()
    used = {p.file for s in book.steps for p in s.pictures}
    assert used == EXPECTED_PICTURES
    assert all((builtin_pictures_dir() / name).is_file() for name in used)


def test_every_text_of_the_default_playbook_is_in_both_languages() -> None:
    book = load_playbook()
    texts = [t for s in book.steps for t in (s.title, s.instructions)]
    texts += [p.caption for s in book.steps for p in s.pictures]
    texts += [q.text for s in book.steps for q in s.questions]
    texts += [c.label for s in book.steps for q in s.questions for c in q.choices]
    texts += [r.banner for s in book.steps for r in s.next if r.banner]
    for text in texts:
        # Technical names (LAN, Wi-Fi) read the same in both languages.
        if text.zh_CN != text.en:
            assert re.search(r"[\u4e00-\u9fff]", text.zh_CN), text
            assert re.search(r"[A-Za-z]{3}", text.en), text


def test_a_missing_picture_is_an_error(tmp_path: Path) -> None:
    for name in EXPECTED_PICTURES - {"cables_check.svg"}:
        shutil.copy(builtin_pictures_dir() / name, tmp_path / name)
    with pytest.raises(PlaybookError) as caught:
        load_playbook(pictures=[tmp_path])
    line = line_of(TEXT, "file: cables_check.svg")
    assert caught.value.lines == [
        f'default.yaml:{line}: steps[2].pictures[4].file: picture "cables_check.svg" not found'
        f" in {tmp_path}"
    ]  # no "did you mean notice_check.svg": file names are matched strictly


def test_the_known_probe_ids_are_a_parameter() -> None:
    lines = problems(TEXT, known_probes=KNOWN_PROBES - {"card.card"})
    assert [line.split(": ", 2)[1:] for line in lines] == [
        ["steps[3].probes[1].id", 'unknown probe "card.card" (did you mean "card.reader"?)'],
        [
            "steps[3].next[0].when.all[1].any[1].probe",
            'unknown probe "card.card" (did you mean "card.reader"?)',
        ],
    ]


# --- mistakes, each with its line -------------------------------------------------------------

CASES = [
    pytest.param(
        ("    reboot_watch: true", "    reboot_wacth: true"),
        "reboot_wacth: true",
        'steps[1].reboot_wacth: unknown key (did you mean "reboot_watch"?)',
        id="unknown-key",
    ),
    pytest.param(
        ("      zh_CN: 重启POS机\n", ""),
        "en: Restart the terminal",
        'steps[1].title: missing required key "zh_CN" (a text in both languages)',
        id="missing-zh_CN",
    ),
    pytest.param(
        ("      - goto: cables\n", "      - goto: cabels\n"),
        "goto: cabels",
        'steps[1].next[4].goto: expected the id of a step, got "cabels" (did you mean "cables"?)',
        id="bad-goto",
    ),
    pytest.param(
        ("file: modem_los_red.svg", "file: modem_los.svg"),
        "modem_los.svg",
        'steps[2].pictures[3].file: picture "modem_los.svg" not found in '
        f'{PICTURES[0]} (did you mean "modem_los_red.svg"?)',
        id="missing-picture",
    ),
    pytest.param(
        ("probes: [backup.terminal]", "probes: [backup.terminl]"),
        "backup.terminl",
        'steps[4].probes[0]: unknown probe "backup.terminl" (did you mean "backup.terminal"?)',
        id="unknown-probe",
    ),
    pytest.param(
        ("      - goto: cables\n", "      - goto: reader\n"),
        "id: cables",
        'steps[2].id: step "cables" can never be reached from the first step "symptom"',
        id="unreachable-step",
    ),
    pytest.param(
        ("{answer: reboot_fixed, is: true}", "{answer: reboot_fixed, is: fixed}"),
        "is: fixed",
        'steps[1].next[0].when.answer: "reboot_fixed" is a yesno question: expected true or '
        "false, got 'fixed'",
        id="answer-value-of-wrong-kind",
    ),
    pytest.param(
        ("{notice_end}", "{notice_ends}"),
        "{notice_ends}",
        "steps[0].next[0].banner.zh_CN: unknown placeholder {notice_ends}; known: {notice_end}, "
        "{notice_title}",
        id="unknown-placeholder",
    ),
    pytest.param(
        ("    reboot_watch: true", "    reboot_watch: true\n    reboot_watch: false"),
        "reboot_watch: false",
        "steps[1].reboot_watch: this key is given twice",
        id="duplicate-key",
    ),
    pytest.param(
        (
            "      - finish: escalated\n",
            "      - when: {answer: outcome, is: escalated}\n        finish: escalated\n",
        ),
        "when: {answer: outcome, is: escalated}",
        'steps[5].next[3]: the last rule needs no "when": it applies when no other does',
        id="last-rule-conditional",
    ),
    pytest.param(
        ("      - goto: reboot\n", "      - goto: reboot\n      - goto: backup\n"),
        "      - goto: reboot",
        'steps[0].next[2]: only the last rule may have no "when": the ones after it never apply',
        id="unconditional-rule-not-last",
    ),
    pytest.param(
        ("show_when: {answer: shows, is: code}", "show_when: {answer: staff, is: bob}"),
        "show_when: {answer: staff, is: bob}",
        "steps[0].questions[2].show_when.answer: show_when may only use questions asked before "
        'this one, not "staff"',
        id="show-when-later-question",
    ),
    pytest.param(
        (
            "{verdict: [payment_host_unreachable, payment_host_slow, tls_failure]}",
            "{verdict: [payment_host_unreachable, payment_host_slo, tls_failure]}",
        ),
        "payment_host_slo",
        'evidence[5].when.verdict[1]: expected a verdict, got "payment_host_slo" (did you mean '
        '"payment_host_slow"?)',
        id="unknown-verdict",
    ),
    pytest.param(
        (
            "        finish: resolved\n        cause: terminal_restart\n",
            "        finish: resolved\n        cause: terminal\n",
        ),
        "cause: terminal\n",
        'steps[1].next[0].cause: expected a cause, from_evidence or {answer: QID}, got "terminal"'
        ' (did you mean "terminal_restart"?)',
        id="unknown-cause",
    ),
    pytest.param(
        ("{id: card.card, requires: pc_reader}", "{id: card.card, requires: reader}"),
        "requires: reader",
        'steps[3].probes[1].requires: expected a context flag, got "reader" (did you mean '
        '"pc_reader"?)',
        id="unknown-requires-flag",
    ),
    pytest.param(
        ("      - goto: cables\n", "      - goto: cables\n        finish: resolved\n"),
        "      - goto: cables",
        'steps[1].next[4]: a rule needs either "goto" or "finish" (one of them)',
        id="goto-and-finish",
    ),
    pytest.param(
        ("  - id: backup\n", "  - id: reader\n"),
        "  - id: reader\n    title:\n      zh_CN: 改用",
        'steps[4].id: step id "reader" is used twice',
        id="duplicate-step-id",
    ),
    pytest.param(
        ("      - id: ticket\n", "      - id: shows\n"),
        "      - id: shows\n        kind: text\n        text:\n          zh_CN: 客服给的",
        'steps[5].questions[0].id: question id "shows" is already used in step "symptom"',
        id="duplicate-question-id",
    ),
    pytest.param(
        ("version: 1", "version: 2"),
        "version: 2",
        "version: expected 1, got 2",
        id="version",
    ),
]


@pytest.mark.parametrize(("change", "marker", "message"), CASES)
def test_each_mistake_is_reported_with_file_line_and_path(
    change: tuple[str, str], marker: str, message: str
) -> None:
    text = mutate(*change)
    line = _block_line(text, marker) if "\n" in marker else line_of(text, marker)
    assert f"default.yaml:{line}: {message}" in problems(text)


def _block_line(text: str, block: str) -> int:
    return text[: text.index(block)].count("\n") + 1


def test_a_yaml_syntax_error_names_its_line() -> None:
    text = mutate("    probes: [notices, terminal]", "    probes: [notices, terminal")
    opened, found = line_of(text, "probes: [notices, terminal"), line_of(text, "skippable: false")
    assert problems(text) == [
        f"default.yaml:{found}: YAML syntax: expected ',' or ']', but got ':' (while parsing a "
        f"flow sequence started on line {opened})"
    ]


def test_yaml_booleans_get_a_hint() -> None:
    text = mutate(
        "          - id: none\n            label: {zh_CN: 都不行",
        "          - id: no\n            label: {zh_CN: 都不行",
    )
    line = _block_line(text, "- id: no\n")
    assert problems(text) == [
        f"default.yaml:{line}: steps[3].questions[0].choices[3].id: expected a choice id "
        '(lower-case letters, digits and _), got false (YAML reads no as false: write "no")'
    ]


def test_a_cycle_without_a_finish_is_found() -> None:
    text = TINY.replace(
        "      - finish: resolved\n        cause: unknown\n", "      - goto: first\n"
    )
    assert problems(text) == [
        'default.yaml:3: steps[0].id: no finish can be reached from step "first" (its rules only '
        "lead to second; the sessions would go round for ever)",
        'default.yaml:8: steps[1].id: no finish can be reached from step "second" (its rules only '
        "lead to first; the sessions would go round for ever)",
    ]


def test_a_cause_from_an_answer_needs_a_question_whose_choices_are_causes() -> None:
    lines = problems(TEXT.replace("cause: {answer: cause}", "cause: {answer: outcome}"))
    assert len(lines) == 4
    assert "its choices resolved, backup, escalated, abandoned are not causes" in lines[0]


def test_every_problem_is_reported_at_once_and_str_is_one_line() -> None:
    text = mutate("    reboot_watch: true", "    reboot_wacth: true")
    text = mutate("probes: [backup.terminal]", "probes: [backup.terminl]", text)
    text = mutate("      zh_CN: 重启POS机\n", "", text)
    text = mutate("file: modem_los_red.svg", "file: modem_los.svg", text)
    text = mutate("goto: cables", "goto: cabels", text)  # a step has mistakes: checked later
    with pytest.raises(PlaybookError) as caught:
        parse_playbook(text, "default.yaml", pictures=PICTURES)
    assert [line.split(": ")[1] for line in caught.value.lines] == [
        "steps[1].title",
        "steps[1].reboot_wacth",
        "steps[2].pictures[3].file",
        "steps[4].probes[0]",
    ]
    assert str(caught.value).endswith("(and 3 more problems)")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "default.yaml: the file is empty; expected a playbook (version, steps)"),
        ("- a\n- b\n", "default.yaml:1: expected a playbook, got a list"),
        ("version: 1\nsteps: []\n", "default.yaml:2: steps: expected at least one step"),
        ("version: 1\n", 'default.yaml:1: missing required key "steps" (a playbook)'),
        (
            TINY.replace("goto: second", "goto: second\n        cause: unknown"),
            'default.yaml:8: steps[0].next[0].cause: only a rule with "finish" has a cause',
        ),
        (
            TINY.replace("cause: unknown", "cause: unknown\n        banner: {zh_CN: 好}"),
            'default.yaml:14: steps[1].next[0].banner: missing required key "en" (a text in both '
            "languages)",
        ),
        (
            TINY.replace(
                "    next:\n      - goto",
                "    probes: [{id: notices, when: x}]\n    next:\n      - goto",
            ),
            "default.yaml:6: steps[0].probes[0].when: unknown key; a probe has id or requires",
        ),
    ],
)
def test_file_level_mistakes(text: str, message: str) -> None:
    assert message in problems(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x [1, *x]\n", "x.yaml:1: an alias refers to itself"),
        (
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n"
                for p, n in zip("abcde", "bcdef", strict=True)
            ),
            "x.yaml: too large once its aliases are expanded (over 100000 values)",
        ),
        ("[" * 3000 + "]" * 3000, "x.yaml: nested too deeply"),
        (
            "version: !!python/object/apply:os.system [echo hi]\n",
            "x.yaml:1: version: expected 1, got a list",
        ),
    ],
)
def test_hostile_yaml_is_refused_quickly(text: str, message: str) -> None:
    with pytest.raises(PlaybookError) as caught:
        parse_playbook(text, "x.yaml")
    assert any(line.startswith(message) for line in caught.value.lines), caught.value.lines


def test_a_condition_has_one_head() -> None:
    text = TINY.replace(
        "      - goto: second",
        "      - when: {probe: notices, status: fail, "
        "verdict: ok}\n        goto: second\n      - goto: second",
    )
    assert problems(text) == [
        "default.yaml:7: steps[0].next[0].when: one condition per mapping, found probe and "
        "verdict: combine them with all: [...]"
    ]


def test_presets_must_fit_their_question() -> None:
    text = mutate("        preset: maintenance", "        preset: maintanance")
    line = line_of(text, "preset: maintanance")
    assert problems(text) == [
        f"default.yaml:{line}: steps[0].questions[1].preset: expected one of the choices "
        'maintenance, code, other, got "maintanance"'
    ]


# --- files, load order ------------------------------------------------------------------------


def test_a_file_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "shop.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert load_playbook(path, pictures=PICTURES).first.id == "symptom"


def test_unreadable_files_are_playbook_errors(tmp_path: Path) -> None:
    with pytest.raises(PlaybookError, match=r"^missing\.yaml: cannot be read"):
        load_playbook(tmp_path / "missing.yaml")
    bad = tmp_path / "gbk.yaml"
    bad.write_bytes("标题".encode("gbk"))
    with pytest.raises(PlaybookError, match=r"^gbk\.yaml: not UTF-8 text"):
        load_playbook(bad)


def test_load_order_default_then_the_configured_file(tmp_path: Path) -> None:
    active = load_active(None)
    assert active.path == DEFAULT and active.error is None

    own = tmp_path / "shop.yaml"
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "our_router.svg").write_text("<svg/>", encoding="utf-8")
    own.write_text(mutate("file: router_lights_ok.svg", "file: our_router.svg"), encoding="utf-8")
    active = load_active(own)  # its own pictures folder first, then the built-in one
    assert active.path == own and active.error is None
    assert active.playbook.step("cables").pictures[0].file == "our_router.svg"

    own.write_text(mutate("goto: cables", "goto: cabels"), encoding="utf-8")
    active = load_active(own)
    assert active.path == DEFAULT
    assert active.error is not None and "shop.yaml:" in str(active.error)


def test_the_documentation_names_every_key_outcome_cause_and_kind() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    code = "\n".join(re.findall(r"```.*?```|`[^`\n]+`", docs, flags=re.DOTALL))
    names = {k.name for shape in SHAPES for k in shape.keys}
    names |= {*OUTCOMES, *CAUSES, *QUESTION_KINDS}
    missing = sorted(n for n in names if not re.search(rf"(?<![\w.]){re.escape(n)}(?![\w.])", code))
    assert not missing, f"docs/playbook.md does not mention {missing}"
