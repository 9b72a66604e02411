"""Time importing a 12-megapixel camera-like JPEG with posguide.store.photos, and measure what
hostile files cost.

Run: .venv/bin/python bench/photo_import.py  -> prints one JSON object.
"hostile": per file (made by tests/hostile_images.py), the outcome, the CPU seconds and the peak
memory (MB, largest process) of importing it, worker included, each in a fresh process. The
worker is started the Windows way (a fresh interpreter, as a direct child, so the kernel's
accounting of waited-for children covers it); "cpu_s" has that start-up subtracted (the
"tiny_png" row is the baseline). Targets: cpu_s < 5, peak_mb < 300 for every file.
"""

from __future__ import annotations

import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # hostile_images
from hostile_images import deep_png, many_scan_jpeg

from posguide.store.photos import PhotoError, normalise_photo, normalise_photo_file

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


def tiny_png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(buf, "PNG")
    return buf.getvalue()


def import_one(path: str) -> None:
    """In a fresh process: import one file, print outcome, CPU seconds and peak MB as JSON."""
    try:
        from posguide import workers

        workers.START_METHOD = "spawn"  # the worker as a direct child: its usage is counted
    except ImportError:  # before the worker existed: everything happens here
        pass
    before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        outcome = f"accepted {normalise_photo_file(path).width}px wide"
    except PhotoError as err:
        outcome = f"refused: {err}"
    after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    pairs = zip(after, before, strict=True)
    cpu = sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in pairs)
    peak_kb = max(after[0].ru_maxrss, after[1].ru_maxrss)
    print(json.dumps({"outcome": outcome, "cpu_s": cpu, "peak_mb": peak_kb / 1024}))


def make_files(folder: str) -> None:
    """In a fresh process, so that making them does not raise the bench's own peak memory (a
    child's peak starts at its parent's: Linux keeps the high-water mark across fork and exec)."""
    big = io.BytesIO()  # a smooth picture: the largest kind still accepted, in a small file
    Image.linear_gradient("L").resize((6000, 6000)).convert("RGB").save(big, "PNG")
    files = {
        "tiny_png": tiny_png(),
        "jpeg_20000_scans": many_scan_jpeg(),
        "png_80mp_16bit": deep_png(),
        "png_36mp_rgb": big.getvalue(),
    }
    for name, data in files.items():
        (Path(folder) / name).write_bytes(data)


def _run_self(*args: str) -> str:
    command = [sys.executable, __file__, *args]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def hostile_figures() -> dict[str, dict[str, object]]:
    figures: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        _run_self("--make", tmp)
        for name in ("tiny_png", "jpeg_20000_scans", "png_80mp_16bit", "png_36mp_rgb"):
            path = Path(tmp) / name
            start = time.perf_counter()
            result = json.loads(_run_self("--one", str(path)))
            figures[name] = {
                "size_kb": round(path.stat().st_size / 1024),
                "outcome": result["outcome"],
                "cpu_s": result["cpu_s"],
                "peak_mb": round(result["peak_mb"]),
                "wall_s": round(time.perf_counter() - start, 2),
            }
    baseline = float(figures["tiny_png"]["cpu_s"])  # type: ignore[arg-type]
    for row in figures.values():
        row["cpu_s"] = round(max(0.0, float(row["cpu_s"]) - baseline), 2)  # type: ignore[arg-type]
    figures["tiny_png"]["cpu_s_startup"] = round(baseline, 2)
    return figures


def main() -> None:
    if sys.argv[1:2] == ["--one"]:
        import_one(sys.argv[2])
        return
    if sys.argv[1:2] == ["--make"]:
        make_files(sys.argv[2])
        return
    hostile = hostile_figures()  # first: the 12 MP image below would raise the children's peak
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
                "hostile": hostile,
            }
        )
    )


if __name__ == "__main__":
    main()
