"""Fill unfinished entries of resources/i18n/posguide_zh_CN.ts from a JSON file of
{"English source": "中文"} pairs, then rebuild the .qm.

    .venv/bin/python scripts/fill_translations.py new_strings.json
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from update_translations import TS, lrelease, lupdate


def fill(pairs: dict[str, str]) -> int:
    tree = ET.parse(TS)
    filled = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        # Only entries still unfinished: a source shown in two places may be worded apart.
        unfinished = translation is not None and translation.get("type") == "unfinished"
        if unfinished and source in pairs:
            if message.get("numerus") == "yes":  # %n: Chinese has one plural form
                for form in list(translation):
                    translation.remove(form)
                ET.SubElement(translation, "numerusform").text = pairs[source]
            else:
                translation.text = pairs[source]
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    lupdate(TS)  # back to lupdate's own layout (and DOCTYPE)
    lrelease(TS, TS.with_suffix(".qm"))
    return filled


if __name__ == "__main__":
    count = fill(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
    print(f"filled {count} translations")
