"""posguide.store.photos: what a cashier's attached photo becomes, and which files are refused.

All images are real ones made with Pillow here; the outputs are decoded again to check them.
"""

from __future__ import annotations

import functools
import hashlib
import io
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest
from hostile_images import deep_png, many_scan_jpeg
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image, ImageCms

from posguide import workers
from posguide.store import photos
from posguide.store.photos import (
    CORRUPT_MESSAGE,
    EMPTY_MESSAGE,
    UNREADABLE_FILE_MESSAGE,
    NormalisedPhoto,
    PhotoError,
    heif_supported,
    normalise_photo,
    normalise_photo_file,
)

RED, GREEN, BLUE, YELLOW, WHITE = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0), (255,) * 3


def encode(image: Image.Image, fmt: str, **params: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, **params)
    return buf.getvalue()


def noise(size: tuple[int, int]) -> Image.Image:
    """Detailed content, so that a cut file really ends in the middle of the pixel data."""
    return Image.merge("RGB", [Image.effect_noise(size, 60) for _ in range(3)])


def quadrants(size: tuple[int, int] = (400, 200)) -> Image.Image:
    """Top-left red, top-right blue, bottom-left green, bottom-right yellow."""
    w, h = size
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (w // 2, 0, w, h // 2))
    image.paste(GREEN, (0, h // 2, w // 2, h))
    image.paste(YELLOW, (w // 2, h // 2, w, h))
    return image


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    image.load()
    return image


def near(actual: object, expected: tuple[int, ...], tolerance: int = 40) -> bool:
    assert isinstance(actual, tuple)
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def corners(image: Image.Image) -> tuple[object, ...]:
    """Colours at the centres of the four quadrants: TL, TR, BL, BR."""
    w, h = image.size
    return tuple(image.getpixel((x, y)) for y in (h // 4, 3 * h // 4) for x in (w // 4, 3 * w // 4))


def accepted_formats_text() -> str:
    return "JPEG, PNG, WebP" + (", HEIC" if heif_supported() else "")


# --- accepted formats ---------------------------------------------------------------------


def _palette_with_transparency() -> bytes:
    image = quadrants((320, 240)).convert("P", palette=Image.Palette.ADAPTIVE, colors=4)
    return encode(image, "PNG", transparency=0)


def _heic() -> bytes:
    if not heif_supported():
        pytest.skip("pillow-heif is not installed: HEIC photos are not accepted here")
    return encode(quadrants((320, 240)), "HEIF", quality=90)


def _mpo() -> bytes:
    first, second = quadrants((320, 240)), noise((320, 240))
    return encode(first, "MPO", save_all=True, append_images=[second])


SOURCES: dict[str, tuple[Callable[[], bytes], str]] = {
    "jpeg": (lambda: encode(quadrants((320, 240)), "JPEG", quality=92), "JPEG"),
    "jpeg-grey": (lambda: encode(quadrants((320, 240)).convert("L"), "JPEG"), "JPEG"),
    "jpeg-cmyk": (lambda: encode(quadrants((320, 240)).convert("CMYK"), "JPEG"), "JPEG"),
    "jpeg-mpo": (_mpo, "JPEG"),
    "png": (lambda: encode(quadrants((320, 240)), "PNG"), "PNG"),
    "png-alpha": (lambda: encode(quadrants((320, 240)).convert("RGBA"), "PNG"), "PNG"),
    "png-palette": (lambda: encode(quadrants((320, 240)).convert("P"), "PNG"), "PNG"),
    "png-palette-transparent": (_palette_with_transparency, "PNG"),
    "png-grey-alpha": (lambda: encode(quadrants((320, 240)).convert("LA"), "PNG"), "PNG"),
    "png-1bit": (lambda: encode(quadrants((320, 240)).convert("1"), "PNG"), "PNG"),
    "webp": (lambda: encode(quadrants((320, 240)), "WEBP", quality=90), "WEBP"),
    "webp-lossless-alpha": (
        lambda: encode(quadrants((320, 240)).convert("RGBA"), "WEBP", lossless=True),
        "WEBP",
    ),
    "heic": (_heic, "HEIF"),
}


@pytest.mark.parametrize("name", SOURCES)
def test_every_accepted_format_becomes_a_plain_rgb_jpeg(name: str) -> None:
    make, expected_format = SOURCES[name]
    data = make()
    photo = normalise_photo(data)

    image = decoded(photo.jpeg)
    assert image.mode == "RGB"
    assert image.size == (photo.width, photo.height) == (320, 240)
    thumb = decoded(photo.thumbnail)
    assert thumb.size == (256, 192)
    assert photo.original_format == expected_format
    assert photo.original_size == len(data)
    if name not in ("jpeg-grey", "png-1bit", "png-grey-alpha", "png-palette-transparent"):
        assert near(image.getpixel((80, 60)), RED, 60)  # colours survive the conversions


def test_transparent_areas_are_shown_on_white() -> None:
    image = Image.new("RGBA", (200, 100), (0, 0, 0, 0))  # transparent *black*
    image.paste((255, 0, 0, 255), (100, 0, 200, 100))
    for data in (encode(image, "PNG"), encode(image, "WEBP", lossless=True)):
        out = decoded(normalise_photo(data).jpeg)
        assert near(out.getpixel((50, 50)), WHITE, 8)
        assert near(out.getpixel((150, 50)), RED, 8)


def test_transparent_palette_entry_is_shown_on_white() -> None:
    photo = normalise_photo(_palette_with_transparency())
    colours = [c for c in corners(decoded(photo.jpeg)) if isinstance(c, tuple)]
    assert any(near(c, WHITE, 8) for c in colours)  # palette index 0 became white
    assert sum(near(c, WHITE, 8) for c in colours) == 1


def test_16_bit_grey_png_keeps_its_tone() -> None:
    data = encode(Image.new("I;16", (64, 64), 40000), "PNG")  # 61 % grey, not white
    grey = decoded(normalise_photo(data).jpeg).getpixel((32, 32))
    assert near(grey, (156, 156, 156), 3)


# --- size ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "fmt", "stored", "thumb"),
    [
        ((5000, 1000), "JPEG", (2048, 410), (256, 51)),
        ((1200, 3000), "JPEG", (819, 2048), (102, 256)),
        ((4096, 4096), "JPEG", (2048, 2048), (256, 256)),  # libjpeg's 1/2 scale decode
        ((8000, 1200), "JPEG", (2048, 307), (256, 38)),  # 1/2 scale is not enough: resized
        ((3000, 2000), "PNG", (2048, 1365), (256, 171)),
        ((2048, 1000), "JPEG", (2048, 1000), (256, 125)),
        ((300, 200), "PNG", (300, 200), (256, 171)),
        ((120, 80), "JPEG", (120, 80), (120, 80)),  # never upscaled, thumbnail included
    ],
)
def test_long_edge_is_limited_to_2048_and_never_upscaled(
    size: tuple[int, int], fmt: str, stored: tuple[int, int], thumb: tuple[int, int]
) -> None:
    photo = normalise_photo(encode(quadrants(size), fmt))
    assert decoded(photo.jpeg).size == (photo.width, photo.height) == stored
    assert decoded(photo.thumbnail).size == thumb
    assert near(corners(decoded(photo.jpeg))[1], BLUE)  # scaled, not cropped


# --- orientation ------------------------------------------------------------------------------

# Colours seen at TL, TR, BL, BR once the stored 400x200 quadrants image is shown upright.
UPRIGHT = {
    1: ((400, 200), (RED, BLUE, GREEN, YELLOW)),
    2: ((400, 200), (BLUE, RED, YELLOW, GREEN)),
    3: ((400, 200), (YELLOW, GREEN, BLUE, RED)),
    4: ((400, 200), (GREEN, YELLOW, RED, BLUE)),
    5: ((200, 400), (RED, GREEN, BLUE, YELLOW)),
    6: ((200, 400), (GREEN, RED, YELLOW, BLUE)),
    7: ((200, 400), (YELLOW, BLUE, GREEN, RED)),
    8: ((200, 400), (BLUE, YELLOW, RED, GREEN)),
}


def with_orientation(orientation: int, fmt: str) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    return encode(quadrants(), fmt, exif=exif.tobytes())


@pytest.mark.parametrize("orientation", UPRIGHT)
def test_exif_orientation_is_applied_to_the_pixels(orientation: int) -> None:
    photo = normalise_photo(with_orientation(orientation, "JPEG"))
    image = decoded(photo.jpeg)
    size, colours = UPRIGHT[orientation]
    assert image.size == (photo.width, photo.height) == size
    for seen, expected in zip(corners(image), colours, strict=True):
        assert near(seen, expected), (orientation, corners(image))
    assert "exif" not in image.info  # so no viewer can rotate it a second time


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
@pytest.mark.parametrize("orientation", [3, 6, 8])
def test_exif_orientation_in_png_and_webp(fmt: str, orientation: int) -> None:
    image = decoded(normalise_photo(with_orientation(orientation, fmt)).jpeg)
    size, colours = UPRIGHT[orientation]
    assert image.size == size
    assert all(near(s, e) for s, e in zip(corners(image), colours, strict=True))


def test_nonsense_orientation_is_ignored() -> None:
    image = decoded(normalise_photo(with_orientation(42, "JPEG")).jpeg)
    assert image.size == (400, 200)
    assert near(corners(image)[0], RED)


# --- metadata ----------------------------------------------------------------------------------


def exif_bytes(**exif_ifd: str) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "ShopCam"
    for name, value in exif_ifd.items():
        if name == "DateTime":
            exif[ExifTags.Base.DateTime] = value
        else:
            exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base[name]] = value
    return exif.tobytes()


@pytest.mark.parametrize("with_icc", [True, False], ids=["icc", "no-icc"])
def test_all_metadata_is_stripped_but_capture_time_is_kept(with_icc: bool) -> None:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "ShopCam"
    exif[ExifTags.Base.Orientation] = 1
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = "2024:03:05 14:07:09"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.OffsetTimeOriginal] = "+01:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 31.0, 12.5)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    extra = {"icc_profile": icc} if with_icc else {}
    data = encode(
        quadrants(),
        "JPEG",
        exif=exif.tobytes(),
        comment="Till 3, Hauptstrasse 1",
        xmp=xmp,
        **extra,
    )
    source = Image.open(io.BytesIO(data))  # the input really carries all of it
    assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert {"comment", "xmp", *extra} <= source.info.keys()

    photo = normalise_photo(data)

    assert photo.taken_at == "2024-03-05T14:07:09+01:00"
    for stored in (photo.jpeg, photo.thumbnail):
        image = decoded(stored)
        assert not image.getexif()
        assert not {"exif", "icc_profile", "comment", "xmp"} & image.info.keys()
        for trace in (b"Exif", b"GPS", b"ShopCam", b"ICC_PROFILE", b"Hauptstrasse", b"xmpmeta"):
            assert trace not in stored


@pytest.mark.parametrize(
    ("exif", "taken_at"),
    [
        ({"DateTimeOriginal": "2024:03:05 14:07:09"}, "2024-03-05T14:07:09"),
        (
            {"DateTimeOriginal": "2024:03:05 14:07:09", "OffsetTimeOriginal": "-05:30"},
            "2024-03-05T14:07:09-05:30",
        ),
        ({"DateTime": "2023:12:31 23:59:59"}, "2023-12-31T23:59:59"),
        (
            {"DateTimeOriginal": "2024:01:02 03:04:05", "DateTime": "2024:06:01 00:00:00"},
            "2024-01-02T03:04:05",
        ),
        (
            {"DateTimeOriginal": "0000:00:00 00:00:00", "DateTime": "2024:06:01 00:00:00"},
            "2024-06-01T00:00:00",
        ),
        ({"DateTimeOriginal": "0000:00:00 00:00:00"}, None),
        ({"DateTimeOriginal": "yesterday"}, None),
        (
            {"DateTimeOriginal": "2024:03:05 14:07:09", "OffsetTimeOriginal": "local"},
            "2024-03-05T14:07:09",
        ),
        ({}, None),
    ],
)
def test_capture_time(exif: dict[str, str], taken_at: str | None) -> None:
    data = encode(quadrants(), "JPEG", exif=exif_bytes(**exif))
    assert normalise_photo(data).taken_at == taken_at


def test_photo_without_any_exif_has_no_capture_time() -> None:
    assert normalise_photo(encode(quadrants(), "PNG")).taken_at is None


def test_broken_icc_profile_does_not_prevent_the_import() -> None:
    data = encode(quadrants(), "JPEG", icc_profile=b"not a profile" * 20)
    image = decoded(normalise_photo(data).jpeg)
    assert near(corners(image)[0], RED)
    assert "icc_profile" not in image.info


def test_sha256_is_of_the_original_bytes() -> None:
    data = encode(noise((300, 200)), "PNG")
    photo = normalise_photo(data)
    assert photo.sha256 == hashlib.sha256(data).hexdigest()
    assert photo.sha256 != hashlib.sha256(photo.jpeg).hexdigest()


def test_file_api_gives_the_same_result(tmp_path: Path) -> None:
    data = with_orientation(6, "JPEG")
    path = tmp_path / "IMG_0001.JPG"
    path.write_bytes(data)
    assert normalise_photo_file(path) == normalise_photo(data)
    assert normalise_photo_file(str(path)).sha256 == hashlib.sha256(data).hexdigest()


# --- refusals -----------------------------------------------------------------------------------


def refusal(data: bytes, **limits: int) -> str:
    with pytest.raises(PhotoError) as caught:
        normalise_photo(data, **limits)
    return str(caught.value)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    assert refusal(b"") == EMPTY_MESSAGE == "The file is empty."
    (tmp_path / "empty.jpg").touch()
    with pytest.raises(PhotoError, match="The file is empty"):
        normalise_photo_file(tmp_path / "empty.jpg")


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 40,
        b"Terminal shows maintenance mode since 9:00.\nRebooted twice.\n",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,  # a PNG signature and nothing sane after it
        b"\xff\xd8\xff",  # the start of a JPEG only
    ],
    ids=["random", "text", "png-signature-only", "jpeg-signature-only"],
)
def test_non_images_are_refused_naming_the_accepted_formats(data: bytes) -> None:
    message = refusal(data)
    assert message.startswith("This file is not a photo in a supported format")
    assert accepted_formats_text() in message


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF", "ICO"])
def test_other_image_formats_are_refused_naming_the_accepted_formats(fmt: str) -> None:
    message = refusal(encode(quadrants((64, 32)), fmt))
    assert "not a photo in a supported format" in message
    assert f"(accepted: {accepted_formats_text()})" in message


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_truncated_photos_are_refused(fmt: str) -> None:
    data = encode(noise((640, 480)), fmt)
    normalise_photo(data)  # the whole file is fine
    message = refusal(data[: len(data) // 2])
    assert message == CORRUPT_MESSAGE
    assert "damaged or incomplete" in message


def test_photo_over_the_byte_limit_is_refused() -> None:
    data = b"\xff\xd8\xff\xe0" + bytes(int(1.5 * 1024 * 1024) - 4)
    assert refusal(data, max_bytes=1024 * 1024) == (
        "The file is 1.5 MB, which is more than the limit of 1 MB."
    )
    default_limit = refusal(bytes(25 * 1024 * 1024 + 1))
    assert "25.1 MB" in default_limit  # rounded up: never looks equal to the limit
    assert "limit of 25 MB" in default_limit


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.jpg"
    with path.open("wb") as fh:
        fh.write(encode(quadrants(), "JPEG"))
        fh.truncate(2 * 1024**3)  # sparse: 2 GB on paper, nothing on disk
    read_before = psutil.Process().io_counters().read_chars
    with pytest.raises(PhotoError) as caught:
        normalise_photo_file(path)
    assert psutil.Process().io_counters().read_chars - read_before < 1024 * 1024  # not read
    assert str(caught.value) == "The file is 2048 MB, which is more than the limit of 25 MB."


@pytest.mark.parametrize("name", ["missing.jpg", "."])
def test_unopenable_path_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(PhotoError) as caught:
        normalise_photo_file(tmp_path / name)
    assert str(caught.value) == UNREADABLE_FILE_MESSAGE


@functools.cache
def png_bomb(width: int, height: int) -> bytes:
    """A valid 1-bit PNG that is tiny on disk; Pillow itself would need ~1 byte/pixel to make it."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    row = bytes(1 + (width + 7) // 8)  # filter byte + packed black pixels
    packer = zlib.compressobj(9)
    rows = [packer.compress(row * 1000) for _ in range(height // 1000)]
    idat = b"".join(rows) + packer.compress(row * (height % 1000)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (30000, 30000),  # 900 MP: beyond even Pillow's own hard limit
        (10000, 9000),  # 90 MP: Pillow would only warn (DecompressionBombWarning)
        (9000, 9000),  # 81 MP: Pillow would decode it; our 80 MP limit refuses it
    ],
)
def test_decompression_bombs_are_refused_from_the_header(width: int, height: int) -> None:
    data = png_bomb(width, height)
    assert len(data) < 200_000
    message = refusal(data)  # a warning escaping would fail here: pytest turns them into errors
    assert message == (
        "The image has too many pixels to be processed safely (limit: 80 megapixels)."
    )


def test_pixel_limit_holds_without_pillows_global_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # Switched off here, by any other part of the program: the worker judges by itself.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)
    assert "too many pixels" in refusal(png_bomb(30000, 30000))


def test_pixel_limit_is_configurable() -> None:
    data = encode(quadrants((400, 300)), "JPEG")
    assert "limit: 0.1 megapixels" in refusal(data, max_pixels=100_000)
    assert normalise_photo(data, max_pixels=120_000).width == 400


# --- bounded work: hostile files are refused before decoding, and decoding is stoppable ----------


def test_a_jpeg_with_thousands_of_progressive_scans_is_refused_before_decoding() -> None:
    data = many_scan_jpeg()  # 20,000 scans in ~360 KB: about 30 s of CPU to decode
    assert refusal(data) == (
        "The photo is stored in more than 100 progressive passes and cannot be processed safely."
    )


def test_an_ordinary_progressive_jpeg_is_accepted() -> None:
    photo = normalise_photo(encode(quadrants((400, 300)), "JPEG", progressive=True))
    assert photo.original_format == "JPEG" and (photo.width, photo.height) == (400, 300)


def test_an_80_megapixel_16_bit_png_is_refused_before_decoding() -> None:
    data = deep_png(10_000, 8_000, 16)  # 80 MP: within the pixel limit, but 160 MB of data
    assert len(data) < 200_000
    assert refusal(data) == (
        "The image holds 153 MB of picture data, more than the 150 MB that can be processed safely."
    )
    assert normalise_photo(deep_png(800, 600, 16)).width == 800  # deep but small: fine


def test_a_decode_past_the_time_limit_is_stopped_and_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(photos, "DECODE_TIMEOUT_S", 0.001)  # no worker answers that fast
    assert refusal(encode(noise((1200, 900)), "PNG")) == (
        "The photo could not be processed within 0.001 seconds and was refused."
    )


@pytest.mark.skipif(sys.platform != "linux", reason="the memory cap is RLIMIT_AS, Linux only")
def test_a_decode_over_the_memory_cap_is_stopped_and_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(photos, "DECODE_MEMORY_BYTES", 200 * 1024 * 1024)
    data = encode(Image.new("RGB", (6000, 6000), "orange"), "PNG")  # 144 MB once decoded
    assert refusal(data) == (
        "The photo needs more than 200 MB of memory to process and was refused."
    )


def test_the_windows_way_a_fresh_interpreter_per_photo_works(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "START_METHOD", "spawn")  # Windows has no fork
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    photo = normalise_photo(encode(quadrants(), "JPEG", exif=exif.tobytes()))
    assert (photo.width, photo.height) == (200, 400)  # upright: the orientation was applied
    assert "progressive passes" in refusal(many_scan_jpeg())


# --- robustness -----------------------------------------------------------------------------------


def _small_photo(fmt: str) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = "2024:03:05 14:07:09"
    return encode(noise((48, 32)), fmt, exif=exif.tobytes())


SMALL_PHOTOS = {fmt: _small_photo(fmt) for fmt in ("JPEG", "PNG", "WEBP")}
KNOWN_MESSAGES = (
    "not a photo in a supported format",
    "damaged or incomplete",
    "too many pixels",
    "progressive passes",
    "of picture data",
)


def outcome(data: bytes) -> NormalisedPhoto | str:
    """The result, or the refusal message; any other exception fails the test."""
    try:
        return normalise_photo(data)
    except PhotoError as exc:
        assert any(known in str(exc) for known in KNOWN_MESSAGES), exc
        return str(exc)


@settings(max_examples=200, deadline=None, database=None)
@given(st.binary(min_size=1, max_size=4096))
def test_random_bytes_only_ever_give_a_photo_error(data: bytes) -> None:
    outcome(data)


@settings(max_examples=200, deadline=None, database=None)
@given(
    fmt=st.sampled_from(["JPEG", "PNG", "WEBP"]),
    edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=6),
    cut=st.integers(1, 10**6),
)
def test_damaged_photos_only_ever_give_a_photo_error(
    fmt: str, edits: list[tuple[int, int]], cut: int
) -> None:
    data = bytearray(SMALL_PHOTOS[fmt])
    for position, value in edits:
        data[position % len(data)] = value
    result = outcome(bytes(data[: max(1, cut % (len(data) + 1))]))
    if isinstance(result, NormalisedPhoto):
        assert decoded(result.jpeg).size == (result.width, result.height)
