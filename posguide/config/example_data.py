"""Sample values for ``docs/posguide.example.toml``.

Only values live here; the comments, the key order and the commented-out defaults come from the
declarations (see ``docs.py``). Settings not given here appear commented out with their default.
Every host, number and key below is a placeholder.
"""

from __future__ import annotations

from typing import Any

HEADER = """\
posguide settings: an example for a shop with one provider, two terminals and a WeCom alert.

Copy this file to posguide.toml in the posguide data folder and change what differs. Lines that
start with # are comments; a commented-out setting shows its default. Full reference:
docs/configuration.md. Every host, number and key here is a placeholder.
"""

EXAMPLE: dict[str, Any] = {
    "shop": {
        "name": "示例便利店",
        "language": "zh_CN",
        "escalation_minutes": 10,
        "staff": ["张三", "李四"],
        "default_terminal": "till1",
    },
    "storage": {},
    "providers": [
        {
            "id": "ums",
            "name": "银联商务",
            "hotline": "400-000-0000",
            "notice_feeds": [
                {
                    "url": "https://status.example-acquirer.cn/api/v2/summary.json",
                    "kind": "statuspage",
                    "name": "银联商务服务状态",
                },
                {
                    "url": "https://www.example-acquirer.cn/news/notice/",
                    "kind": "page",
                    "name": "银联商务通知公告",
                    "follow": 5,
                },
            ],
            "payment_hosts": ["pay.example-acquirer.cn:443", "203.0.113.10:8583"],
            "timezone": "Asia/Shanghai",
        },
    ],
    "terminals": [
        {
            "id": "till1",
            "name": "1号收银台",
            "provider": "ums",
            "connection": "COM3",
            "baud_rate": 9600,
            "protocol": "framed",
            "status_request_hex": "5354415455533F",
            "reply_patterns": {
                "ok": ["^00", "READY"],
                "maintenance": ["^M[0-9]", "MAINT"],
                "busy": ["BUSY"],
                "error": [r"^E\d{2}"],
                "signed_out": ["SIGN ?IN"],
            },
            "usb_vid_pid": "1a86:7523",
            "backup": "till2",
            "timeout_s": 2.0,
        },
        {
            "id": "till2",
            "name": "2号收银台（备用）",
            "provider": "ums",
            "connection": "socket://192.168.1.50:8888",
            "status_request": "STATUS?\r\n",
            "reply_patterns": {"ok": ["READY"], "maintenance": ["MAINT"]},
            "backup": "till1",
        },
    ],
    "network": {"gateway": "auto"},
    "alerts": [
        {
            "kind": "wecom",
            "name": "店长群",
            "key": "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
            "mentioned_mobiles": ["13800138000"],
            "enabled": True,
        },
    ],
    "logging": {},
}
