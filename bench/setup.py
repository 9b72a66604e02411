"""Shop setup and daily care figures (issue #12): how long detecting a terminal takes on one
port (found at once, found at the last speed tried, nothing answering), and the wall time of
``posguide inspect`` for a simulated shop with three terminals.

Run: .venv/bin/python bench/setup.py  -> prints one JSON object (about half a minute).
Targets: detection <= 5 s per port.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from posguide.setup.detect import detect_terminal
from posguide.sim.shop import ShopOptions, SimulatedShop
from posguide.sim.terminal import SimulatedTerminal

RUNS = 5


def detection(protocol: str | None, baud: int | None, behaviour: str = "healthy") -> dict:
    times, found = [], None
    for _ in range(RUNS):
        sim = SimulatedTerminal("pty")
        sim.protocol, sim.baud_rate = protocol, baud
        sim.set_behaviour(behaviour)
        sim.start()
        try:
            result = asyncio.run(detect_terminal(sim.port))
        finally:
            sim.stop()
        times.append(result.seconds)
        found = result.found
    return {
        "median_s": round(statistics.median(times), 2),
        "max_s": round(max(times), 2),
        "found": f"{found.protocol}@{found.baud_rate}" if found else None,
        "attempts": len(result.attempts),
    }


def inspect_three() -> dict:
    third = SimulatedTerminal("tcp")
    third.start()
    extra = ["", "[[terminals]]", 'id = "till3"', 'name = "3号收银台"', 'provider = "demo"',
             f'connection = "{third.port}"', 'protocol = "framed"', 'status_request = "STATUS?"',
             "timeout_s = 1.0"]  # fmt: skip

    async def run() -> list[float]:
        async with SimulatedShop(ShopOptions(extra_toml=extra)) as shop:
            home = Path(tempfile.mkdtemp())
            shop.write_config(home / "posguide.toml")
            walls = []
            for _ in range(RUNS):
                t0 = time.perf_counter()
                process = await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "posguide", "--data-dir", str(home), "inspect",
                    stdout=subprocess.DEVNULL,
                )  # fmt: skip
                await process.wait()
                walls.append(time.perf_counter() - t0)
            return walls

    try:
        walls = asyncio.run(run())
    finally:
        third.stop()
    return {"terminals": 3, "median_s": round(statistics.median(walls), 2),
            "max_s": round(max(walls), 2)}  # fmt: skip


def main() -> None:
    figures = {
        "detect_framed_first_try": detection("framed", 9600),
        "detect_plain_text_57600": detection("none", 57600),
        "detect_silent_port": detection(None, None, "silent"),
        "inspect_wall": inspect_three(),
        "target_detect_s": 5,
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
