"""Generate resources/sounds/alarm.wav: an original two-tone chime for the escalation alarm.

A bell-like "ding-dong" (E5 then C5, each a fundamental with two softly decaying overtones),
16-bit mono PCM at 22050 Hz, about 1.2 s, peak at -3 dBFS. Deterministic: running it again
gives the same bytes.

    .venv/bin/python scripts/make_alarm_sound.py [--out PATH]
"""

from __future__ import annotations

import argparse
import math
import struct
import wave
from pathlib import Path

RATE = 22050
DURATION_S = 1.2
PEAK = 10 ** (-3 / 20)  # -3 dBFS
# (start s, frequency Hz, loudness): a rising-then-falling pair reads as "attention", not "error".
NOTES = ((0.0, 659.25, 1.0), (0.42, 523.25, 0.9))
# (multiple of the fundamental, relative level, decay per second): overtones fade faster.
PARTIALS = ((1.0, 1.0, 3.2), (2.0, 0.35, 6.0), (3.0, 0.12, 9.0))
ATTACK_S = 0.006
FADE_OUT_S = 0.08


def sample(t: float) -> float:
    value = 0.0
    for start, freq, loud in NOTES:
        local = t - start
        if local < 0:
            continue
        attack = min(1.0, local / ATTACK_S)
        for multiple, level, decay in PARTIALS:
            envelope = attack * math.exp(-decay * local)
            value += loud * level * envelope * math.sin(2 * math.pi * freq * multiple * local)
    fade = min(1.0, (DURATION_S - t) / FADE_OUT_S)
    return value * max(0.0, fade)


def render() -> bytes:
    count = int(RATE * DURATION_S)
    raw = [sample(i / RATE) for i in range(count)]
    scale = PEAK / max(abs(v) for v in raw)
    return b"".join(struct.pack("<h", round(v * scale * 32767)) for v in raw)


def main() -> None:
    default = Path(__file__).resolve().parent.parent / "resources" / "sounds" / "alarm.wav"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=default)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(args.out), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(render())
    print(args.out)


if __name__ == "__main__":
    main()
