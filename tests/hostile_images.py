"""Small files that make image decoders work hard, made here byte by byte (tests and
bench/photo_import.py use them)."""

from __future__ import annotations

import functools
import io
import struct
import zlib

from PIL import Image

SOS = b"\xff\xda"
EOI = b"\xff\xd9"


@functools.cache
def many_scan_jpeg(scans: int = 20_000, size: tuple[int, int] = (4000, 3000)) -> bytes:
    """A progressive JPEG whose first scan (DC, all components) is repeated ``scans`` times.

    Each copy is 15 bytes, yet libjpeg walks every block of the image again for it (a repeated
    scan is only a warning), which is how a few hundred KB cost minutes of CPU.
    """
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buf, "JPEG", progressive=True, quality=80)
    data = buf.getvalue()
    first = data.index(SOS)
    header = data[first : first + 2 + int.from_bytes(data[first + 2 : first + 4], "big")]
    extra = (header + b"\x00") * scans  # one byte of entropy-coded data: all zeros
    end = data.rindex(EOI)
    return data[:end] + extra + data[end:]


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


@functools.cache
def deep_png(width: int = 10_000, height: int = 8_000, depth: int = 16) -> bytes:
    """A greyscale PNG of ``depth`` bits per pixel, all black: 80 MP x 16 bit = 160 MB of
    picture data in ~160 KB of zlib-compressed zeros."""
    row = bytes(1 + width * depth // 8)  # filter byte + the pixels
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, depth, 0, 0, 0, 0)
    signature = b"\x89PNG\r\n\x1a\n"
    return (
        signature + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")
    )
