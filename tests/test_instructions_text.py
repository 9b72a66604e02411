"""Playbook instructions keep their lists when shown (numbered steps, wrapped lines, bullets)."""

from __future__ import annotations

from posguide.gui.wizard.text import instructions_html


def test_numbered_lines_with_wrapped_text_and_bullets_stay_one_list() -> None:
    text = (
        "Check the cables.\n\n"
        "1. Look at the router\n   (the box with antennas).\n"
        "2. What the lights mean:\n"
        "   - Power off: no power.\n"
        "   - WAN off: the line outside is down,\n     unplug and wait.\n"
        "3. Done."
    )
    assert instructions_html(text) == (
        "<p>Check the cables.</p><ol>"
        "<li>Look at the router (the box with antennas).</li>"
        "<li>What the lights mean:<ul><li>Power off: no power.</li>"
        "<li>WAN off: the line outside is down, unplug and wait.</li></ul></li>"
        "<li>Done.</li></ol>"
    )


def test_text_is_escaped() -> None:
    assert instructions_html("<b>not bold</b>") == "<p>&lt;b&gt;not bold&lt;/b&gt;</p>"
