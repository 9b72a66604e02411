"""``posguide alert test``: the manager's "send test alert", against a real receiver that checks
DingTalk's signature like the real robot does."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from posguide.sim.alert_receiver import AlertReceiver

ROOT = Path(__file__).resolve().parent.parent


def alerts_toml(url: str, secret: str) -> str:
    return (f'[[alerts]]\nkind = "dingtalk"\nname = "门店群"\nurl = {json.dumps(url)}\n'
            f"secret = {json.dumps(secret)}\n")  # fmt: skip


async def run_cli(home: Path) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "posguide", "--data-dir", str(home), "alert", "test",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode or 0, out.decode(), err.decode()


def test_a_test_alert_reaches_the_group_with_a_valid_signature(tmp_path: Path) -> None:
    async def scenario() -> tuple[int, str, str, list[str]]:
        async with AlertReceiver("ok") as receiver:
            channel = receiver.channel("dingtalk", name="门店群", secret="SECtest-secret")
            url = channel.url.reveal() if channel.url else ""
            home = tmp_path / "home"
            home.mkdir()
            (home / "posguide.toml").write_text(alerts_toml(url, "SECtest-secret"), "utf-8")
            code, out, err = await run_cli(home)
            return code, out, err, [m.text for m in receiver.messages]

    code, out, err, texts = asyncio.run(scenario())
    assert code == 0, err
    assert "门店群: ok" in out
    assert len(texts) == 1


def test_a_wrong_secret_is_reported_as_a_failed_channel(tmp_path: Path) -> None:
    async def scenario() -> tuple[int, str, str]:
        async with AlertReceiver("ok") as receiver:
            channel = receiver.channel("dingtalk", name="门店群", secret="SECright")
            url = channel.url.reveal() if channel.url else ""
            home = tmp_path / "home"
            home.mkdir()
            (home / "posguide.toml").write_text(alerts_toml(url, "SECwrong"), "utf-8")
            return await run_cli(home)

    code, out, err = asyncio.run(scenario())
    assert code == 1
    assert "门店群: FAILED" in out
    assert "SECwrong" not in out + err  # secrets never printed
