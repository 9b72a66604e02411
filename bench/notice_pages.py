"""Announcement pages benchmark: reading speed, phrasings read right, time to the verdict.

Run: .venv/bin/python bench/notice_pages.py  -> one JSON object (about 20 s).

- parse: ``read_page`` on a 200 KB GBK list page (2,500 announcement rows) and on each
  fixture announcement, plus reading their windows; median of 20 runs each.
- fixtures: how many of the test fixture pages (tests/pages/, expectations in
  tests/test_notice_pages.py) give exactly their windows and sentences.
- diagnose: a full ``posguide diagnose`` (a real process) against the simulated shop with one
  announcement list page and 5 announcement pages on loopback: the notices check's own time
  (target <= 1 s) and the whole run's wall time; median of 5 runs, each with a fresh data folder.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_notice_pages import FIXTURE_WINDOWS, NOW, SH, page, read  # noqa: E402

from posguide.probes.notices.announcements import notices_from_article  # noqa: E402
from posguide.probes.notices.pages import read_page  # noqa: E402
from posguide.sim.shop import SimulatedShop  # noqa: E402

RUNS = 20
DIAGNOSE_RUNS = 5
TARGET_NOTICE_S = 1.0


def timed(work: Any, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        work()
        times.append(time.perf_counter() - t0)
    return round(statistics.median(times) * 1000, 2)


def parse_figures() -> dict[str, Any]:
    rows = b"".join(
        f'<li><a href="n/{i}.html">关于第{i}期系统维护的公告</a>'
        f"<span>2025-06-{i % 28 + 1:02d}</span></li>".encode("gbk")
        for i in range(2500)
    )
    end_of_news = b'</ul>\n  <div class="pagination">'
    listing = page("list.html", "gbk", charset="gbk").replace(end_of_news, rows + end_of_news)
    out: dict[str, Any] = {
        "list_page_kb": round(len(listing) / 1024),
        "list_page_ms": timed(lambda: read_page(listing, "http://bank.test/news/list.html")),
    }
    details = {}
    for name, (encoding, _expected) in FIXTURE_WINDOWS.items():
        data = page(name, encoding)

        def work(data: bytes = data) -> None:
            article = read_page(data, "http://bank.test/x").article
            notices_from_article(article, provider_id="bank", tz=SH, now=NOW)

        details[name] = timed(work)
    out["announcement_ms"] = details
    out["announcement_ms_max"] = max(details.values())
    return out


def fixture_figures() -> dict[str, Any]:
    right = [
        name for name, (enc, expected) in FIXTURE_WINDOWS.items() if read(name, enc) == expected
    ]
    return {"pages": len(FIXTURE_WINDOWS), "read_right": len(right),
            "windows": sum(len(e) for _, e in FIXTURE_WINDOWS.values())}  # fmt: skip


def announcement(index: int, starts: datetime, ends: datetime) -> bytes:
    fmt = "%Y年%m月%d日%H:%M"
    return (
        f"<html><head><meta charset='utf-8'><title>第{index}期系统维护公告</title></head><body>"
        f"<div class='nav'><a href='/'>首页</a></div><h1>第{index}期系统维护公告</h1>"
        f"<p>发布时间：{starts:%Y-%m-%d}</p><p>我行将于{starts.strftime(fmt)}至"
        f"{ends.strftime(fmt)}进行系统维护，期间暂停银行卡交易。</p></body></html>"
    ).encode()


async def one_diagnose(home: Path) -> tuple[float, float, str]:
    now = datetime.now(SH).replace(second=0, microsecond=0)
    async with SimulatedShop() as shop:
        rows = []
        for i in range(5):  # the newest covers now; the others are over
            starts = now - timedelta(hours=1) - timedelta(days=7 * i)
            shop.feeds.set_document(f"/news/{i}.html", announcement(i, starts, starts +
                                    timedelta(hours=2)), "text/html")  # fmt: skip
            rows.append(
                f"<li><a href='/news/{i}.html'>第{i}期系统维护公告</a> {starts:%Y-%m-%d}</li>"
            )
        listing = "<html><body><ul>" + "".join(rows) + "</ul></body></html>"
        url = shop.feeds.set_document("/news/", listing.encode(), "text/html")
        extra = f'[[providers.notice_feeds]]\nurl = "{url}"\nkind = "page"\n'
        (home / "posguide.toml").write_text(shop.config_toml() + extra, encoding="utf-8")
        t0 = time.perf_counter()
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "posguide", "--data-dir", str(home), "diagnose", "--json",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=ROOT,
        )  # fmt: skip
        out, _ = await process.communicate()
        wall = time.perf_counter() - t0
        report = json.loads(out)
        notices = next(p for p in report["probes"] if p["id"] == "notices")
        return notices["duration_ms"] / 1000, wall, report["verdict"]


def diagnose_figures() -> dict[str, Any]:
    results = []
    for _ in range(DIAGNOSE_RUNS):
        with tempfile.TemporaryDirectory() as home:
            results.append(asyncio.run(one_diagnose(Path(home))))
    notice_s = statistics.median(r[0] for r in results)
    return {
        "notices_check_s": round(notice_s, 3),
        "diagnose_wall_s": round(statistics.median(r[1] for r in results), 2),
        "verdicts": sorted({r[2] for r in results}),
        "target_notices_s": TARGET_NOTICE_S,
        "meets_target": notice_s <= TARGET_NOTICE_S,
    }


def main() -> None:
    print(json.dumps({"parse": parse_figures(), "fixtures": fixture_figures(),
                      "diagnose": diagnose_figures()}, ensure_ascii=False, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
