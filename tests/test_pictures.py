"""The wizard's pictures and the app's icons: plain SVG that Qt SVG (SVG Tiny 1.2) draws.

Static checks parse every file with xml.etree: well-formed, only whitelisted elements, a viewBox of
the expected size, no external or raster references, no styling Qt ignores, strokes at least 2
units wide, short labels in the bundled CJK font stack. The Qt check loads each file with
QSvgRenderer (no warnings), renders it at 480x320 and makes sure something was drawn.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
PICTURES = RESOURCES / "pictures"
ICONS = RESOURCES / "icons"

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

ALLOWED_ELEMENTS = frozenset(
    {
        "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "defs", "linearGradient", "radialGradient", "stop", "use",
        "title", "desc",
    }
)  # fmt: skip
SHAPES = frozenset({"path", "rect", "circle", "ellipse", "line", "polyline", "polygon"})
# Attributes Qt SVG Tiny ignores or that would pull in unsupported features.
FORBIDDEN_ATTRIBUTES = frozenset({"style", "class", "filter", "mask", "clip-path"})

FONT_FAMILY = "Microsoft YaHei, PingFang SC, WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif"
MAX_LABEL_CHARS = 8
MIN_STROKE_WIDTH = 2.0

EXPECTED_PICTURES = (
    "notice_check.svg",
    "terminal_restart.svg",
    "cables_check.svg",
    "router_lights_ok.svg",
    "router_lights_wan_off.svg",
    "router_lights_all_off.svg",
    "modem_los_red.svg",
    "card_chip_swipe_tap.svg",
    "backup_switch.svg",
    "call_provider.svg",
    "cellular_signal.svg",
    "cellular_sim.svg",
    "wifi_terminal.svg",
    "dialup_line.svg",
)
EXPECTED_ICONS = (
    "status_ok.svg",
    "status_warn.svg",
    "status_fail.svg",
    "status_error.svg",
    "status_skipped.svg",
    "status_running.svg",
    "posguide.svg",
    "alarm.svg",
    "camera.svg",
    "photo.svg",
    "paste.svg",
    "retry.svg",
)


def _all_svgs() -> list[Path]:
    return sorted(PICTURES.glob("*.svg")) + sorted(ICONS.glob("*.svg"))


ALL_SVGS = _all_svgs()


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _expected_viewbox(path: Path) -> tuple[float, float, float, float]:
    if path.parent == PICTURES:
        return (0, 0, 480, 320)
    if path.name == "posguide.svg":
        return (0, 0, 64, 64)
    return (0, 0, 24, 24)


def _local(tag: str) -> tuple[str, str]:
    """('namespace', 'name') of an element tag or attribute name."""
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        return ns, name
    return "", tag


def _numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?", text)]


def _transform_scale(transform: str | None) -> float:
    """The smallest factor by which a transform list can shrink a stroke."""
    if not transform:
        return 1.0
    factor = 1.0
    for name, args in re.findall(r"(\w+)\s*\(([^)]*)\)", transform):
        values = _numbers(args)
        if name == "scale":
            sx = abs(values[0])
            sy = abs(values[1]) if len(values) > 1 else sx
            factor *= min(sx, sy)
        elif name == "matrix":
            a, b, c, d = values[:4]
            factor *= math.sqrt(abs(a * d - b * c))
        elif name in {"skewX", "skewY"}:
            factor *= math.cos(math.radians(values[0]))
    return factor


def _walk(
    element: ET.Element, inherited: dict[str, str], scale: float
) -> Iterator[tuple[ET.Element, dict[str, str], float]]:
    """Every element with its effective presentation attributes and the accumulated scale."""
    here = dict(inherited)
    for key, value in element.attrib.items():
        ns, name = _local(key)
        if not ns:
            here[name] = value
    scale *= _transform_scale(element.get("transform"))
    yield element, here, scale
    for child in element:
        yield from _walk(child, here, scale)


def _parse(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def test_every_expected_file_exists() -> None:
    missing = [name for name in EXPECTED_PICTURES if not (PICTURES / name).is_file()]
    missing += [name for name in EXPECTED_ICONS if not (ICONS / name).is_file()]
    assert missing == []


@pytest.mark.parametrize("path", ALL_SVGS, ids=_id)
def test_svg_is_plain_svg_tiny(path: Path) -> None:
    root = _parse(path)
    assert _local(root.tag) == (SVG_NS, "svg"), "root must be an SVG <svg> element"

    view_box = root.get("viewBox")
    assert view_box is not None, "the root needs a viewBox"
    assert tuple(_numbers(view_box)) == _expected_viewbox(path)

    for element in root.iter():
        ns, name = _local(element.tag)
        assert ns == SVG_NS, f"element {element.tag} is not in the SVG namespace"
        assert name in ALLOWED_ELEMENTS, f"<{name}> is not supported by Qt SVG Tiny"
        assert name != "image", "no raster images"
        for key, value in element.attrib.items():
            attr_ns, attr = _local(key)
            if attr == "href":
                assert attr_ns in {"", XLINK_NS}
                assert value.startswith("#"), f"external reference {value!r}"
            if not attr_ns:
                assert attr not in FORBIDDEN_ATTRIBUTES, f"{attr}= on <{name}>"
            for target in re.findall(r"url\(\s*([^)]*)\)", value):
                assert target.strip().startswith("#"), f"external reference {value!r}"
            assert "data:" not in value, "no embedded data"


@pytest.mark.parametrize("path", ALL_SVGS, ids=_id)
def test_internal_references_resolve(path: Path) -> None:
    root = _parse(path)
    ids = {element.get("id") for element in root.iter() if element.get("id")}
    for element in root.iter():
        for key, value in element.attrib.items():
            refs = re.findall(r"url\(\s*#([^)\s]*)\s*\)", value)
            if _local(key)[1] == "href":
                refs.append(value[1:])
            for ref in refs:
                assert ref in ids, f"#{ref} is not defined"


@pytest.mark.parametrize("path", ALL_SVGS, ids=_id)
def test_strokes_are_at_least_two_units_wide(path: Path) -> None:
    for element, style, scale in _walk(_parse(path), {}, 1.0):
        if _local(element.tag)[1] not in SHAPES:
            continue
        if style.get("stroke", "none") == "none":
            continue
        width = float(style.get("stroke-width", "1")) * scale
        assert width >= MIN_STROKE_WIDTH - 1e-6, (
            f"<{_local(element.tag)[1]}> stroke {width:.2f} < {MIN_STROKE_WIDTH}"
        )


@pytest.mark.parametrize("path", ALL_SVGS, ids=_id)
def test_labels_are_short_and_use_the_bundled_font_stack(path: Path) -> None:
    for element, style, _scale in _walk(_parse(path), {}, 1.0):
        if _local(element.tag)[1] not in {"text", "tspan"}:
            continue
        label = "".join(element.itertext()).strip()
        assert len(label) <= MAX_LABEL_CHARS, f"label {label!r} is too long for a picture"
        assert style.get("font-family") == FONT_FAMILY


@pytest.mark.gui
@pytest.mark.parametrize("path", ALL_SVGS, ids=_id)
def test_qt_renders_the_svg(path: Path, qapp: object) -> None:
    from PySide6.QtCore import QMessageLogContext, QRectF, QtMsgType, qInstallMessageHandler
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    messages: list[str] = []

    def collect(_type: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if _type != QtMsgType.QtDebugMsg:
            messages.append(f"{context.category}: {message}")

    previous = qInstallMessageHandler(collect)
    try:
        renderer = QSvgRenderer(str(path))
        assert renderer.isValid()
        view_box = renderer.viewBoxF()
        assert (view_box.x(), view_box.y(), view_box.width(), view_box.height()) == (
            _expected_viewbox(path)
        )

        background = QColor(255, 255, 255, 0)
        blank = QImage(480, 320, QImage.Format.Format_ARGB32_Premultiplied)
        blank.fill(background)
        image = QImage(480, 320, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(background)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, 480, 320))
        painter.end()
    finally:
        qInstallMessageHandler(previous)

    assert messages == [], "Qt SVG complained while loading or drawing"
    drawn = bytes(image.constBits())
    assert drawn != bytes(blank.constBits()), "nothing was drawn"
    # More than a stray pixel: at least 5 % of the picture is painted.
    painted = sum(1 for i in range(3, len(drawn), 4) if drawn[i] != 0)
    assert painted >= 0.05 * 480 * 320
