"""Turn the bytes of a photo a cashier attaches to an incident into what the store keeps.

Every photo is re-encoded: that applies the EXIF orientation once and for all, drops all
metadata (GPS positions, camera serials, ICC, XMP, comments) and bounds the stored size.

A hostile file must not cost more than a few seconds or a few hundred MB, accepted or refused:
the work is bounded from the headers before decoding (pixels, pixels x channels x bit depth,
progressive-JPEG scans), and the whole file is opened and decoded in a child process with a
time limit and (Linux) a memory cap, which is the only way to stop a runaway decoder.
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import math
import os
import re
import stat
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PIL import ExifTags, Image, ImageCms, UnidentifiedImageError

from posguide.decode_cost import jpeg_layout, picture_bytes
from posguide.i18n import QT_TR_NOOP, Text
from posguide.workers import WorkerFailed, WorkerOutOfMemory, WorkerTimeout, run_in_child

log = logging.getLogger("posguide.store.photos")

DEFAULT_MAX_BYTES = 25 * 1024 * 1024
MAX_EDGE = 2048
THUMBNAIL_EDGE = 256
JPEG_QUALITY = 82
THUMBNAIL_QUALITY = 80

# User-facing messages (translated by the GUI); PhotoError fills the {placeholders} in.
EMPTY_MESSAGE = QT_TR_NOOP("The file is empty.")
UNREADABLE_FILE_MESSAGE = QT_TR_NOOP("The file could not be opened.")
TOO_LARGE_MESSAGE = QT_TR_NOOP("The file is {size} MB, which is more than the limit of {limit} MB.")
UNSUPPORTED_MESSAGE = QT_TR_NOOP(
    "This file is not a photo in a supported format (accepted: {formats})."
)
CORRUPT_MESSAGE = QT_TR_NOOP("The photo is damaged or incomplete and could not be read.")
TOO_MANY_PIXELS_MESSAGE = QT_TR_NOOP(
    "The image has too many pixels to be processed safely (limit: {limit} megapixels)."
)
TOO_MUCH_PICTURE_MESSAGE = QT_TR_NOOP(
    "The image holds {size} MB of picture data, more than the {limit} MB that can be processed "
    "safely."
)
TOO_MANY_SCANS_MESSAGE = QT_TR_NOOP(
    "The photo is stored in more than {limit} progressive passes and cannot be processed safely."
)
TOO_SLOW_MESSAGE = QT_TR_NOOP(
    "The photo could not be processed within {seconds} seconds and was refused."
)
TOO_MUCH_MEMORY_MESSAGE = QT_TR_NOOP(
    "The photo needs more than {limit} MB of memory to process and was refused."
)

_MIB = 1024 * 1024
# Bounds on the work one photo may cause (measured by bench/photo_import.py).
MAX_PICTURE_BYTES = 150 * _MIB  # pixels x channels x bit depth, decoded at once
MAX_SCANS = 100  # progressive JPEG scans; encoders write about 10
DECODE_TIMEOUT_S = 5.0
DECODE_MEMORY_BYTES = 300 * _MIB
_FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "HEIF": "HEIC"}
# Phones write multi-picture JPEGs (MPO); to the user they are plain JPEGs.
_FORMAT_ALIASES = {"MPO": "JPEG"}
# EXIF orientation -> the transpose that makes the image upright (as ImageOps.exif_transpose).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_OFFSET = re.compile(r"[+-](?:0\d|1[0-4]):[0-5]\d")
_WHITE = (255, 255, 255, 255)


class PhotoError(ValueError):
    """A photo was refused. ``str(err)`` is one clear sentence in English; ``err.text`` is the
    same sentence as translatable text, which the GUI shows."""

    def __init__(self, message: str | Text) -> None:
        super().__init__(str(message))
        self.text = message if isinstance(message, Text) else Text("{message}", message=message)


@dataclass(frozen=True)
class NormalisedPhoto:
    jpeg: bytes
    thumbnail: bytes
    width: int
    height: int
    sha256: str
    original_format: str
    original_size: int
    taken_at: str | None


@functools.cache
def heif_supported() -> bool:
    """Register pillow-heif's opener on first use; it is an optional dependency."""
    try:
        import pillow_heif

        pillow_heif.register_heif_opener(thumbnails=False)
    except Exception:  # missing package, or its native library failed to load
        return False
    return True


def normalise_photo(
    data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, max_pixels: int = 80_000_000
) -> NormalisedPhoto:
    """Decode, check and re-encode one photo; raises PhotoError for anything not accepted.

    Blocks for at most DECODE_TIMEOUT_S after the worker process started."""
    if not data:
        raise PhotoError(Text(EMPTY_MESSAGE))
    if len(data) > max_bytes:
        raise PhotoError(_too_large(len(data), max_bytes))
    try:
        result = run_in_child(
            _normalise_refusing,
            data,
            max_pixels,
            timeout_s=DECODE_TIMEOUT_S,
            memory_bytes=DECODE_MEMORY_BYTES,
            preload=("posguide.photo_preload",),
        )
    except WorkerTimeout:
        raise PhotoError(Text(TOO_SLOW_MESSAGE, seconds=f"{DECODE_TIMEOUT_S:g}")) from None
    except WorkerOutOfMemory:
        raise PhotoError(Text(TOO_MUCH_MEMORY_MESSAGE, limit=_mb(DECODE_MEMORY_BYTES))) from None
    except WorkerFailed as err:  # the decoder crashed: as damaged as a file gets
        log.warning("photo decoder failed: %s", err)
        raise PhotoError(Text(CORRUPT_MESSAGE)) from err
    if isinstance(result, Text):
        raise PhotoError(result)
    return result


def _normalise_refusing(data: bytes, max_pixels: int) -> NormalisedPhoto | Text:
    """In the worker: the photo, or the refusal (a Text pickles; PhotoError's text would not)."""
    try:
        return _normalise(data, max_pixels)
    except PhotoError as err:
        return err.text


def _normalise(data: bytes, max_pixels: int) -> NormalisedPhoto:
    formats = ["JPEG", "PNG", "WEBP"] + (["HEIF"] if heif_supported() else [])
    # Pillow reports bombs and odd metadata as warnings; we judge those ourselves, and a
    # warning must not be an error under one filter setting and pass under another.
    # (catch_warnings is process-wide before Python 3.14: only our filter is at stake.)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with Image.open(io.BytesIO(data), formats=formats) as src:
                original_format = src.format or "?"
                target = _fitted(src.size, MAX_EDGE)
                _check_cost(src, data, max_pixels)  # header only: nothing decoded yet
                exif = src.getexif()
                orientation = exif.get(ExifTags.Base.Orientation)
                taken_at = _taken_at(exif)
                icc = src.info.get("icc_profile")
                # Everything happens inside `with`: the result may still be `src` itself.
                image = _decode_scaled(src, target)
                image = _to_srgb(image, icc if isinstance(icc, bytes) else None)
                if orientation in _UPRIGHT:
                    image = image.transpose(_UPRIGHT[orientation])
                thumb = image.copy()
                thumb.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE), Image.Resampling.LANCZOS)
                jpeg = _encode(image, JPEG_QUALITY)
                thumbnail = _encode(thumb, THUMBNAIL_QUALITY)
                width, height = image.size
        except (PhotoError, MemoryError):
            raise
        except UnidentifiedImageError as exc:
            shown = ", ".join(_FORMAT_NAMES[f] for f in formats)
            raise PhotoError(Text(UNSUPPORTED_MESSAGE, formats=shown)) from exc
        except Image.DecompressionBombError as exc:  # Pillow's own hard limit, hit in open()
            raise PhotoError(Text(TOO_MANY_PIXELS_MESSAGE, limit=_mp(max_pixels))) from exc
        except Exception as exc:  # decoders raise a zoo of types on malformed input
            raise PhotoError(Text(CORRUPT_MESSAGE)) from exc
    return NormalisedPhoto(
        jpeg=jpeg,
        thumbnail=thumbnail,
        width=width,
        height=height,
        sha256=hashlib.sha256(data).hexdigest(),
        original_format=_FORMAT_ALIASES.get(original_format, original_format),
        original_size=len(data),
        taken_at=taken_at,
    )


def _check_cost(src: Image.Image, data: bytes, max_pixels: int) -> None:
    """Refuse, from the headers, a file whose decoding would cost too much."""
    if src.width * src.height > max_pixels:
        raise PhotoError(Text(TOO_MANY_PIXELS_MESSAGE, limit=_mp(max_pixels)))
    size = picture_bytes(src, data)
    if src.format in ("JPEG", "MPO"):
        layout = jpeg_layout(data, MAX_SCANS)
        if layout.scans > MAX_SCANS:
            raise PhotoError(Text(TOO_MANY_SCANS_MESSAGE, limit=MAX_SCANS))
        _draft(src, _fitted(src.size, MAX_EDGE))  # a baseline JPEG is decoded this small
        size = max(picture_bytes(src, data), layout.coefficient_bytes)
    if size > MAX_PICTURE_BYTES:
        limit = _mb(MAX_PICTURE_BYTES)
        raise PhotoError(Text(TOO_MUCH_PICTURE_MESSAGE, size=_mb(size), limit=limit))


def normalise_photo_file(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pixels: int = 80_000_000,
) -> NormalisedPhoto:
    """Like normalise_photo; a file over max_bytes is refused without being read."""
    try:
        info = Path(path).stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise PhotoError(Text(UNREADABLE_FILE_MESSAGE))
        if info.st_size > max_bytes:
            raise PhotoError(_too_large(info.st_size, max_bytes))
        with Path(path).open("rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise PhotoError(Text(UNREADABLE_FILE_MESSAGE)) from exc
    if len(data) > max_bytes:
        raise PhotoError(_too_large(len(data), max_bytes))
    return normalise_photo(data, max_bytes=max_bytes, max_pixels=max_pixels)


def _too_large(size: int, limit: int) -> Text:
    # Round the size up so a file just over the limit never reads as equal to it.
    shown = f"{math.ceil(size * 10 / _MIB) / 10:.1f}".removesuffix(".0")
    return Text(TOO_LARGE_MESSAGE, size=shown, limit=f"{limit / _MIB:.1f}".removesuffix(".0"))


def _mp(pixels: int) -> str:
    return f"{pixels / 1_000_000:g}"


def _mb(size: int) -> str:
    return f"{math.ceil(size / _MIB)}"


def _fitted(size: tuple[int, int], edge: int) -> tuple[int, int]:
    scale = min(1.0, edge / max(size))
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def _draft(src: Image.Image, size: tuple[int, int]) -> None:
    """JPEG only: have libjpeg decode at 1/2, 1/4 or 1/8 scale while staying >= ``size``.
    Changes the header's size and mode, decodes nothing; a no-op for other formats."""
    if size != src.size:
        src.draft("RGB", size)


def _decode_scaled(src: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Fully decode `src` and shrink it to `size`; the mode is L, RGB, RGBA or CMYK."""
    _draft(src, size)
    src.load()
    # 16- and 32-bit greys are shrunk first: converting them makes 4-byte copies of every pixel.
    image = src if src.mode.startswith("I") or src.mode == "F" else _resizable(src)
    if image.size != size:
        image = image.resize(size, Image.Resampling.LANCZOS)
    return _resizable(image)


def _resizable(im: Image.Image) -> Image.Image:
    """Convert modes that cannot be resampled well (palette, 1-bit, 16-bit...)."""
    if im.mode in ("L", "RGB") and "transparency" in im.info:  # PNG tRNS colour key
        return im.convert("RGBA")
    if im.mode in ("L", "RGB", "RGBA", "LA", "CMYK"):
        return im
    if im.mode in ("P", "PA"):
        return im.convert("RGBA" if im.has_transparency_data else "RGB")
    if im.mode.startswith("I"):  # 16-bit PNG: a plain convert would clip to white
        return im.convert("I").point(lambda v: v / 256).convert("L")
    if im.mode == "1":
        return im.convert("L")
    return im.convert("RGB")


@functools.cache
def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _to_srgb(im: Image.Image, icc: bytes | None) -> Image.Image:
    """Flatten transparency onto white and move the colours to sRGB, since the ICC is dropped."""
    if im.mode in ("RGBA", "LA"):
        background = Image.new("RGBA", im.size, _WHITE)
        im = Image.alpha_composite(background, im.convert("RGBA")).convert("RGB")
    if icc:
        try:
            src_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            # Already sRGB (most Android/Windows files): skip ~90 ms of transform at 3 MP.
            if "srgb" not in ImageCms.getProfileDescription(src_profile).lower():
                converted = ImageCms.profileToProfile(im, src_profile, _srgb(), outputMode="RGB")
                im = converted if converted is not None else im
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken or mismatched profile: keep the colours as they are
    return im if im.mode == "RGB" else im.convert("RGB")


def _encode(im: Image.Image, quality: int) -> bytes:
    im.info = {}  # JPEG save would carry over e.g. the source's comment
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality, optimize=True, subsampling="4:2:0")
    return buf.getvalue()


def _taken_at(exif: Image.Exif) -> str | None:
    """EXIF capture time as ISO 8601, with the UTC offset when the camera recorded one."""
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    candidates = (
        (sub.get(ExifTags.Base.DateTimeOriginal), sub.get(ExifTags.Base.OffsetTimeOriginal)),
        (exif.get(ExifTags.Base.DateTime), sub.get(ExifTags.Base.OffsetTime)),
    )
    for stamp, offset in candidates:
        try:
            when = datetime.strptime(_text(stamp), "%Y:%m:%d %H:%M:%S")
        except ValueError:  # absent, or e.g. the "0000:00:00 00:00:00" some cameras write
            continue
        zone = _text(offset)
        return when.isoformat() + (zone if _OFFSET.fullmatch(zone) else "")
    return None


def _text(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    return value.strip("\x00 ") if isinstance(value, str) else ""
