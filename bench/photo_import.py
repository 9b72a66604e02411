"""Time importing a 12-megapixel camera-like JPEG with posguide.store.photos.

Run: .venv/bin/python bench/photo_import.py  -> prints one JSON object.
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import time
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout
from posguide.store.photos import normalise_photo

WIDTH, HEIGHT = 4000, 3000
RUNS = 5


def camera_like_jpeg() -> bytes:
    """A 12 MP JPEG with smooth gradients, edges, texture and sensor-like noise.

    A flat colour would compress to almost nothing and flatter the figures.
    """
    # Gradients per channel (a sky-to-ground look), built small and upscaled smoothly.
    small = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize((400, 300)),
            Image.radial_gradient("L").resize((400, 300)),
            Image.linear_gradient("L").rotate(90).resize((400, 300)),
        ),
    )
    image = small.resize((WIDTH, HEIGHT), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(image)
    for i in range(60):  # objects with hard edges: shelves, a terminal, a receipt...
        x, y = (i * 677) % WIDTH, (i * 389) % HEIGHT
        colour = ((i * 53) % 256, (i * 97) % 256, (i * 31) % 256)
        if i % 2:
            draw.rectangle((x, y, x + 150 + i * 7, y + 90 + i * 5), fill=colour, outline="black")
        else:
            draw.ellipse((x, y, x + 120 + i * 6, y + 120 + i * 4), fill=colour)
        draw.text((x + 10, y + 10), f"TERMINAL {i:02d} 在维护中", fill="white")
    # Fine texture (fabric, paper grain) at mid frequencies, then per-pixel sensor noise.
    texture = Image.effect_noise((WIDTH // 2, HEIGHT // 2), 50).resize((WIDTH, HEIGHT))
    texture = texture.filter(ImageFilter.GaussianBlur(0.8))
    image = Image.blend(image, Image.merge("RGB", (texture,) * 3), 0.30)
    sensor = Image.merge("RGB", [Image.effect_noise((WIDTH, HEIGHT), 12) for _ in range(3)])
    image = Image.blend(image, sensor, 0.25)

    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "BenchCam"
    exif[ExifTags.Base.Orientation] = 6
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = "2025:11:20 09:41:07"
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=92, exif=exif.tobytes())
    return buf.getvalue()


def main() -> None:
    data = camera_like_jpeg()
    normalise_photo(data)  # warm-up: plugin registration, codec tables
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        photo = normalise_photo(data)
        timings.append((time.perf_counter() - start) * 1000)
    print(
        json.dumps(
            {
                "photo_12mp_import_ms_p50": round(statistics.median(timings), 1),
                "photo_12mp_import_ms_max": round(max(timings), 1),
                "photo_stored_kb": round(len(photo.jpeg) / 1024, 1),
                "thumbnail_kb": round(len(photo.thumbnail) / 1024, 1),
                "source_kb": round(len(data) / 1024, 1),
                "stored_size": [photo.width, photo.height],
            }
        )
    )


if __name__ == "__main__":
    main()
