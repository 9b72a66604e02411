"""Start the window. For now a placeholder that shows the data folder and open incidents; the
troubleshooting wizard replaces it."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from posguide import __version__
from posguide.config import ConfigError, load_config
from posguide.paths import resolve_data_dir
from posguide.store import IncidentStore, StoreError


def run_gui(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="posguide")
    parser.add_argument("--data-dir")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("command", nargs="?")
    args, qt_args = parser.parse_known_args(argv)
    app = QApplication([sys.argv[0], *qt_args])
    data = resolve_data_dir(args.data_dir).ensure()
    lines = [f"posguide {__version__}", f"数据目录 Data folder: {data.root}"]
    try:
        config = load_config(data.config)
        with IncidentStore.open(
            data.database, max_photo_bytes=config.storage.max_photo_mb * 1024 * 1024
        ) as store:
            lines.append(f"未结束的事件 Open incidents: {len(store.open_incidents())}")
    except (ConfigError, StoreError) as err:
        lines.append(str(err))
    window = QWidget()
    window.setWindowTitle("posguide")
    layout = QVBoxLayout(window)
    for line in lines:
        layout.addWidget(QLabel(line))
    window.resize(520, 160)
    window.show()
    return app.exec()
