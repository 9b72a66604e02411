"""Installer benchmark: the frozen build's size and start-up beside the source's.

Run: .venv/bin/python bench/installer.py [--app DIR --deb FILE]  -> one JSON object.
Without --app it builds first (installer/build.py into bench/out/installer, ~2 minutes).

- size: the one-folder app (sum of its files, MiB; target <= 150), the .deb and the .tar.gz.
- startup: the program as a user starts it (``posguide --demo``), from the source checkout's
  venv and frozen, runs interleaved after one warm-up each, on a real X server (Xvfb with
  openbox): from spawning the process until the window manager has its window mapped and
  visible (``xdotool search --onlyvisible --pid``, polled every ~5 ms). Target: frozen /
  source <= 1.2 (medians).
- memory: peak resident memory (VmHWM) of each process 1 s after its window showed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "installer"
RUNS = 7
DISPLAY = ":75"
TARGET_SIZE_MIB = 150
TARGET_START_RATIO = 1.2
MIB = 1024 * 1024


def build() -> tuple[Path, Path]:
    script = ROOT / "installer" / "build.py"
    done = subprocess.run([sys.executable, str(script), "--out", str(OUT), "--work",
                           str(OUT / "work")], capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:  # the build's own output only when it failed
        raise SystemExit(f"the build failed:\n{done.stdout[-4000:]}{done.stderr[-4000:]}")
    (deb,) = OUT.glob("posguide_*_amd64.deb")
    return OUT / "work" / "dist" / "posguide", deb


def size_mib(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(f.stat().st_size for f in files if not f.is_symlink()) / MIB, 1)


def visible_window(pid: int, env: dict[str, str]) -> bool:
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
                           capture_output=True, text=True, env=env)  # fmt: skip
    return bool(found.stdout.strip())


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def one_start(program: list[str], env: dict[str, str]) -> dict[str, float]:
    spawned = time.monotonic()
    process = subprocess.Popen([*program, "--demo"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        while not visible_window(process.pid, env):
            if process.poll() is not None or time.monotonic() - spawned > 60:
                raise RuntimeError(f"{program[0]} showed no window")
            time.sleep(0.005)
        shown_s = time.monotonic() - spawned
        time.sleep(1.0)
        return {"window_ms": shown_s * 1000, "peak_rss_mib": peak_rss_mib(process.pid)}
    finally:
        process.kill()
        process.wait(10)


def startup(app: Path) -> dict[str, Any]:
    env = {**os.environ, "DISPLAY": DISPLAY}
    env.pop("QT_QPA_PLATFORM", None)
    programs = {"source": [str(ROOT / ".venv" / "bin" / "posguide")],
                "frozen": [str(app / "posguide")]}  # fmt: skip
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    while not Path(f"/tmp/.X11-unix/X{DISPLAY[1:]}").exists():
        time.sleep(0.05)
    wm = subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)  # fmt: skip
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in programs}
    try:
        with tempfile.TemporaryDirectory() as home:
            env["POSGUIDE_HOME"] = home
            time.sleep(0.5)
            for round_ in range(RUNS + 1):  # interleaved; round 0 warms caches and the data folder
                for name, program in programs.items():
                    result = one_start(program, env)
                    if round_:
                        runs[name].append(result)
    finally:
        for process in (wm, xvfb):
            process.terminate()
            process.wait(10)
    out: dict[str, Any] = {"runs_each": RUNS}
    for name, results in runs.items():
        windows = [r["window_ms"] for r in results]
        out[name] = {
            "window_ms_median": round(statistics.median(windows), 1),
            "window_ms_min": round(min(windows), 1),
            "peak_rss_mib_median": statistics.median(r["peak_rss_mib"] for r in results),
        }
    ratio = out["frozen"]["window_ms_median"] / out["source"]["window_ms_median"]
    out["ratio_frozen_vs_source"] = round(ratio, 2)
    out["target_ratio"] = TARGET_START_RATIO
    out["meets_target"] = ratio <= TARGET_START_RATIO
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, help="a built one-folder app (default: build one)")
    parser.add_argument("--deb", type=Path, help="its .deb")
    args = parser.parse_args()
    app, deb = (args.app, args.deb) if args.app else build()
    tarballs = list(deb.parent.glob("posguide-*-linux-x86_64.tar.gz")) if deb else []
    sizes = {
        "one_folder_mib": size_mib(app),
        "deb_mib": size_mib(deb) if deb else None,
        "tar_gz_mib": size_mib(tarballs[0]) if tarballs else None,
        "target_one_folder_mib": TARGET_SIZE_MIB,
    }
    sizes["meets_target"] = sizes["one_folder_mib"] <= TARGET_SIZE_MIB
    print(json.dumps({"size": sizes, "startup": startup(app)}, indent=2))


if __name__ == "__main__":
    main()
