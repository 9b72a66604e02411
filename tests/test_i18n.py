"""The Chinese translation (resources/i18n/posguide_zh_CN.ts) is complete, up to date and safe.

Chinese is the product's first language: a user-visible string without a translation shows up
in English, so CI fails until scripts/update_translations.py has collected it and someone has
translated it. Translations must keep the source's {fields} (the core formats them after
translating) and its &-mnemonic letter.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import string
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from posguide.i18n import QT_TR_NOOP, Text

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "posguide_zh_CN.ts"
SCRIPT = ROOT / "scripts" / "update_translations.py"

Key = tuple[str, str]  # (context, source)


def update_script() -> ModuleType:
    """scripts/update_translations.py, so the test runs lupdate with exactly its options."""
    spec = importlib.util.spec_from_file_location("update_translations", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def messages(ts: Path) -> dict[Key, ET.Element]:
    """Every message of a .ts file: (context, source) -> its <translation> element."""
    found: dict[Key, ET.Element] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{name!r}: {message.findtext('source')!r}"
            found[(name, message.findtext("source") or "")] = translation
    return found


@cache
def committed() -> dict[Key, str]:
    """The committed translations, (context, source) -> text ("" when missing or unfinished)."""
    result = {}
    for key, translation in messages(TS).items():
        done = translation.get("type") not in ("unfinished", "vanished", "obsolete")
        # A plural ("%n s") keeps its text in <numerusform>s; Chinese has one form.
        forms = "".join(form.text or "" for form in translation.iter("numerusform"))
        result[key] = ((translation.text or "").strip() or forms) if done else ""
    return result


def words(source: str) -> str:
    """The source without its {fields}."""
    return re.sub(r"\{[^{}]*\}", "", source)


def listing(keys: set[Key]) -> str:
    return "\n".join(f"  [{ctx or '(core)'}] {src!r}" for ctx, src in sorted(keys))


# --- complete and up to date ----------------------------------------------------------------


def test_the_translation_file_lists_every_string_the_code_shows(tmp_path: Path) -> None:
    fresh = tmp_path / TS.name
    shutil.copyfile(TS, fresh)
    update_script().lupdate(fresh)
    collected, listed = set(messages(fresh)), set(committed())
    new, gone = collected - listed, listed - collected
    assert not new, f"run scripts/update_translations.py and translate:\n{listing(new)}"
    assert not gone, f"run scripts/update_translations.py; no longer used:\n{listing(gone)}"


def test_every_string_is_translated() -> None:
    missing = {key for key, text in committed().items() if not text.strip()}
    assert not missing, f'translate (remove type="unfinished" when done):\n{listing(missing)}'
    assert len(committed()) > 200


def test_translations_are_chinese() -> None:
    # Words need Chinese; names, codes, symbols and bare "{first}; {second}" may stay as they are.
    latin_only = {
        key
        for key, text in committed().items()
        if not re.search(r"[\u4e00-\u9fff]", text) and re.search(r"[A-Za-z]{2,}", words(key[1]))
    }
    assert not latin_only, f"still English:\n{listing(latin_only)}"


# --- {fields} and mnemonics -----------------------------------------------------------------

FORMATTER = string.Formatter()
SAMPLES: tuple[Any, ...] = ("示例", 12.5, datetime(2026, 11, 28, 4, 5))


def fields(template: str) -> list[tuple[str, str, str]]:
    """(field name, format spec, conversion) of every replacement field, in order."""
    return [
        (name, spec or "", conversion or "")
        for _literal, name, spec, conversion in FORMATTER.parse(template)
        if name is not None
    ]


def root(name: str) -> str:
    return re.split(r"[.\[]", name, maxsplit=1)[0]


def sample_values(template: str) -> dict[str, Any]:
    """One value per field that every use of the field in ``template`` accepts."""
    uses: dict[str, list[str]] = {}
    for name, spec, conversion in fields(template):
        field = "{" + name + (f"!{conversion}" if conversion else "") + f":{spec}" + "}"
        uses.setdefault(root(name), []).append(field)
    values = {}
    for name, used in uses.items():
        for sample in SAMPLES:
            try:
                for field in used:
                    field.format(**{name: sample})
            except (ValueError, TypeError, AttributeError, KeyError, IndexError):
                continue
            values[name] = sample
            break
        else:
            pytest.fail(f"no sample value fits {used} in {template!r}")
    return values


def formatted() -> list[Key]:
    """Messages whose source is a str.format template (has a replacement field)."""
    return [key for key in committed() if fields(key[1])]


@pytest.mark.parametrize("key", formatted(), ids=lambda key: key[1][:40])
def test_translations_keep_the_fields(key: Key) -> None:
    source, translation = key[1], committed()[key]
    assert {root(n) for n, _, _ in fields(translation)} == {root(n) for n, _, _ in fields(source)}
    used = {(name, spec, conversion) for name, spec, conversion in fields(source)}
    names = {name for name, _, _ in used}
    for field in fields(translation):
        if field[0] in names:  # the same expression needs the same spec: {ms:.0f}, {gateway!r}
            assert field in used, f"{field} not as in {source!r}"
    values = sample_values(source)
    source.format(**values)
    translation.format(**values)


def test_translations_of_plain_strings_add_no_fields() -> None:
    # Core strings are always formatted: a stray brace would make them fall back to English.
    broken = set()
    for key, translation in committed().items():
        if fields(key[1]):
            continue
        try:
            if fields(translation):
                broken.add(key)
        except ValueError:
            broken.add(key)
    assert not broken, f"braces in the translation, none in the source:\n{listing(broken)}"


def mnemonics(text: str) -> list[str]:
    return [m.lower() for m in re.findall(r"&(?!&)(\w)", text.replace("&&", ""))]


def test_translations_keep_the_mnemonic_letter() -> None:
    wrong = {
        key: text
        for key, text in committed().items()
        if mnemonics(text) != mnemonics(key[1]) or ("&" in key[1]) != ("&" in text)
    }
    assert not wrong, "\n".join(f"  {src!r} -> {text!r}" for (_, src), text in wrong.items())


def test_the_field_check_catches_broken_translations() -> None:
    assert fields("Slow ({ms:.0f} ms)") == [("ms", ".0f", "")]
    assert sample_values("{date.day} {date:%b} {clock}")["date"] == SAMPLES[2]
    assert sample_values("{ms:.0f} {gateway!r}") == {"ms": 12.5, "gateway": SAMPLES[0]}
    with pytest.raises(ValueError):
        "{ms:.0f}".format(**sample_values("{ms}"))  # a spec the source lacks is caught
    assert mnemonics("Pa&ste") == mnemonics("粘贴(&S)") == ["s"]
    assert mnemonics("Fish && &Chips") == ["c"]


# --- Qt loads it ----------------------------------------------------------------------------


@pytest.mark.gui
def test_the_compiled_translation_loads_and_translates(qapp: Any, tmp_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    qm = tmp_path / "posguide_zh_CN.qm"
    run = subprocess.run(
        [str(update_script().BIN / "pyside6-lrelease"), str(TS), "-qm", str(qm)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert " 0 unfinished" in run.stdout, run.stdout
    translator = QTranslator()
    assert translator.load(str(qm))
    assert QCoreApplication.installTranslator(translator)
    try:
        translate: Callable[[str, str], str] = QCoreApplication.translate
        gui = translate("StartPage", "&Start")
        assert re.search(r"[\u4e00-\u9fff]", gui) and "(&S)" in gui, gui
        core = Text(QT_TR_NOOP("No answer within {timeout_s:g} s"), timeout_s=2.0)
        shown = core.translated(translate)
        assert re.search(r"[\u4e00-\u9fff]", shown) and "2" in shown and "{" not in shown, shown
        assert translate("", "no such source string") == "no such source string"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert QCoreApplication.translate("TroubleshootingWizard", "&Start") == "&Start"
