"""What decoding an image will cost, read from its headers before a single pixel is decoded.

Two ways a small file makes a decoder work hard: many progressive-JPEG scans (each scan makes
libjpeg walk the whole image again: 20,000 scans in 591 KB took 90 s of CPU), and deep or wide
pixels (an 80-megapixel 16-bit PNG needs 160 MB as it is decoded, and more once converted).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from PIL import Image

_SOS: Final = 0xDA
_EOI: Final = 0xD9
_STANDALONE: Final = frozenset({0x01, 0xD8, *range(0xD0, 0xD8)})  # TEM, SOI, RSTn: no length
_SOF: Final = frozenset({*range(0xC0, 0xC4), *range(0xC5, 0xC8), *range(0xC9, 0xCC), 0xCD, 0xCE})
_PROGRESSIVE: Final = frozenset({0xC2, 0xC6, 0xCA, 0xCE})
_COEFFICIENT_BYTES: Final = 2  # libjpeg keeps each DCT coefficient as a 16-bit value
_PNG_DEPTH_AT: Final = 24  # signature 8, IHDR length 4, "IHDR" 4, width 4, height 4


@dataclass(frozen=True)
class JpegLayout:
    scans: int  # counted up to the limit given, plus one
    progressive: bool
    coefficient_bytes: int  # what a progressive decode keeps for the whole image


def jpeg_layout(data: bytes, max_scans: int) -> JpegLayout:
    """Walk the JPEG's markers up to its first EOI (an MPO's second picture is not decoded),
    skipping entropy-coded data; stops counting once past ``max_scans``."""
    pos, scans, progressive, coefficients = 2, 0, False, 0
    while pos + 4 <= len(data) and data[pos] == 0xFF and scans <= max_scans:
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if marker in _STANDALONE:
            pos += 2
            continue
        if marker == _EOI:
            break
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        if marker in _SOF:
            progressive = marker in _PROGRESSIVE
            coefficients = _coefficient_bytes(data[pos + 4 : pos + 2 + length])
        pos += 2 + length
        if marker == _SOS:
            scans += 1
            pos = _next_marker(data, pos)
    return JpegLayout(scans, progressive, coefficients if progressive else 0)


def _next_marker(data: bytes, pos: int) -> int:
    """The next marker after entropy-coded data, where 0xFF is stuffed (FF00) or a restart."""
    while (pos := data.find(b"\xff", pos)) >= 0 and pos + 1 < len(data):
        following = data[pos + 1]
        if following == 0 or 0xD0 <= following <= 0xD7:
            pos += 2
        elif following == 0xFF:
            pos += 1
        else:
            return pos
    return len(data)


def _coefficient_bytes(frame: bytes) -> int:
    """Bytes of DCT coefficients for the whole frame (SOF body: precision, height, width,
    components with their sampling factors); 0 for a header too short to say."""
    if len(frame) < 6:
        return 0
    height, width, count = int.from_bytes(frame[1:3]), int.from_bytes(frame[3:5]), frame[5]
    factors = [(b >> 4, b & 15) for b in frame[7 : 6 + 3 * count : 3]]
    if not factors or not all(h and v for h, v in factors):
        return 0
    h_max, v_max = max(h for h, _ in factors), max(v for _, v in factors)
    total = 0
    for h, v in factors:  # whole 8x8 blocks of each component, subsampled as declared
        blocks_x = -(-width * h // (h_max * 8))
        blocks_y = -(-height * v // (v_max * 8))
        total += blocks_x * blocks_y * 64 * _COEFFICIENT_BYTES
    return total


def sample_bits(image: Image.Image, data: bytes) -> int:
    """Bits per channel as the file stores them (a 16-bit PNG may open as 8-bit "RGB")."""
    if image.mode == "1":
        return 1
    bits = 16 if image.mode.startswith("I;16") else 32 if image.mode in ("I", "F") else 8
    if image.format == "PNG" and len(data) > _PNG_DEPTH_AT:
        bits = max(bits, data[_PNG_DEPTH_AT])
    return bits


def picture_bytes(image: Image.Image, data: bytes) -> int:
    """Pixels x channels x bit depth, at the size the decoder will produce."""
    bits = image.width * image.height * len(image.getbands()) * sample_bits(image, data)
    return -(-bits // 8)
