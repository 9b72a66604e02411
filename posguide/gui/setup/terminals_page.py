"""Terminals: the serial ports found live (the ones plugged in since the page opened marked), a
network address instead, "Detect" trying each protocol and speed, how the terminal goes online
(with a picture of each kind), and the list of terminals added, one of them the backup."""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from posguide.gui.focus import guard_wheel
from posguide.gui.setup.common import DraftHost, Page, error_label, result_label, say
from posguide.gui.widgets.pictures import svg_widget
from posguide.resources import resource_path
from posguide.setup.detect import Attempt, Detection, detect_terminal
from posguide.setup.draft import TerminalDraft, new_terminal_id
from posguide.setup.ports import ListPorts, PortInfo, appeared, serial_ports
from posguide.uplinks import UPLINKS

if TYPE_CHECKING:
    pass

DEVICE = re.compile(r"(?i)COM\d+|/dev/\S+")  # a serial port's name, not a network address
POLL_MS = 1000  # ports are listed again every second while the page is shown
PICTURES = {
    "ethernet": "cables_check.svg",
    "wifi": "wifi_terminal.svg",
    "cellular": "cellular_signal.svg",
    "dialup": "dialup_line.svg",
}


class TerminalsPage(Page):
    portsChanged = Signal()  # the live list was redrawn (tests wait on it)
    detected = Signal(object)  # a Detection

    def __init__(self, assistant: DraftHost, list_ports: ListPorts) -> None:
        super().__init__()
        self.assistant = assistant
        self.list_ports = list_ports
        self.ports: list[PortInfo] = []
        self.first_seen: list[PortInfo] | None = None  # the ports when the assistant opened
        self.found: Detection | None = None
        self.editing: TerminalDraft | None = None  # picked in the list, being changed
        self._backup_shown = ""
        self.setObjectName("terminalsPage")

        self.port_list = QListWidget()
        self.port_list.setObjectName("portList")
        self.address = QLineEdit()
        self.address.setObjectName("terminalAddress")
        self.address.setPlaceholderText("192.168.1.50:8888")
        self.detect_button = QPushButton()
        self.detect_button.setObjectName("detectButton")
        self.detect_button.clicked.connect(self.detect)
        self.result = result_label("detectResult")
        self.name = QLineEdit()
        self.name.setObjectName("terminalName")
        self.uplinks = QButtonGroup(self)
        uplink_grid = QGridLayout()
        self.uplink_buttons: dict[str, QRadioButton] = {}
        for column, kind in enumerate(UPLINKS):
            picture = svg_widget(resource_path("pictures", PICTURES[kind]))
            picture.setFixedSize(120, 80)
            button = QRadioButton()
            button.setObjectName(f"uplink_{kind}")
            self.uplinks.addButton(button, column)
            self.uplink_buttons[kind] = button
            uplink_grid.addWidget(picture, 0, column, Qt.AlignmentFlag.AlignCenter)
            uplink_grid.addWidget(button, 1, column, Qt.AlignmentFlag.AlignCenter)
        self.uplink_buttons["ethernet"].setChecked(True)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addTerminal")
        self.add_button.clicked.connect(self.add_terminal)
        self.added = QListWidget()
        self.added.setObjectName("addedTerminals")
        self.added.setMaximumHeight(90)
        self.added.currentRowChanged.connect(self._picked)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_terminal)
        self.backup = guard_wheel(QComboBox())
        self.backup.setObjectName("backupTerminal")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.errors["terminals"] = error_label()

        self.port_label, self.address_label = QLabel(), QLabel()
        self.port_label.setBuddy(self.port_list)
        self.address_label.setBuddy(self.address)
        self.name_label, self.uplink_label, self.backup_label = QLabel(), QLabel(), QLabel()
        self.name_label.setBuddy(self.name)
        self.backup_label.setBuddy(self.backup)
        left = QVBoxLayout()
        left.addWidget(self.hint)
        left.addWidget(self.port_label)
        left.addWidget(self.port_list, 1)
        left.addWidget(self.address_label)
        left.addWidget(self.address)
        detect_row = QHBoxLayout()
        detect_row.addWidget(self.detect_button)
        detect_row.addWidget(self.result, 1)
        left.addLayout(detect_row)
        right = QVBoxLayout()
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_label)
        name_row.addWidget(self.name, 1)
        right.addLayout(name_row)
        right.addWidget(self.uplink_label)
        right.addLayout(uplink_grid)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        right.addLayout(buttons)
        right.addWidget(self.added)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_label)
        backup_row.addWidget(self.backup, 1)
        right.addLayout(backup_row)
        right.addWidget(self.errors["terminals"])
        right.addStretch(1)
        columns = QHBoxLayout(self)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        self.retranslate()

    # --- texts ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setTitle(self.tr("Card terminals"))
        self.setSubTitle(self.tr(
            "Plug the terminal's data cable into this PC now: the port that appears is marked "
            "“new”. Choose it (or type the terminal's network address) and press Detect."
        ))  # fmt: skip
        self.hint.setText(self.tr("Serial ports are listed again every second."))
        self.port_label.setText(self.tr("Serial &ports on this PC:"))
        self.address_label.setText(self.tr("…or the terminal's network add&ress (IP:port):"))
        self.detect_button.setText(self.tr("&Detect"))
        self.name_label.setText(self.tr("N&ame:"))
        self.uplink_label.setText(self.tr("The terminal itself goes online through:"))
        words = {
            "ethernet": self.tr("A cable to the router"),
            "wifi": self.tr("The shop's Wi-Fi"),
            "cellular": self.tr("Its own SIM card (4G)"),
            "dialup": self.tr("A telephone line"),
        }
        for kind, button in self.uplink_buttons.items():
            button.setText(words[kind])
        self.add_button.setText(
            self.tr("&Update this terminal") if self.editing else self.tr("Add this &terminal")
        )
        self.remove_button.setText(self.tr("Re&move"))
        self.backup_label.setText(self.tr("Bac&kup device:"))
        self._fill_backup()

    # --- the page's life -----------------------------------------------------------------------

    def initializePage(self) -> None:
        self._redraw_added()
        if not self.name.text():
            self.name.setText(self._next_name())
        self.list_live(POLL_MS)

    async def list_now(self) -> list[PortInfo]:
        return await asyncio.to_thread(serial_ports, self.list_ports)

    def show_listing(self, ports: list[PortInfo]) -> None:
        if self.first_seen is None:
            self.first_seen = ports
        if ports == self.ports and self.port_list.count():
            return
        chosen = self.chosen_port()
        just_in = [p.device for p in appeared(self.ports, ports)] if self.ports else []
        if just_in and self.first_seen is not ports:  # plugged in a moment ago: that one
            chosen = just_in[-1]
        self.ports = ports
        new = {p.device for p in appeared(self.first_seen, ports)}
        self.port_list.clear()
        for port in ports:
            text = port.label
            if port.device in new:
                text = self.tr("NEW · {port}").replace("{port}", text)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, port.device)
            self.port_list.addItem(item)
            if port.device == chosen or (chosen is None and port.device in new):
                self.port_list.setCurrentItem(item)
        if not ports:
            self.port_list.addItem(self.tr("(no serial port found)"))
        self.portsChanged.emit()

    def chosen_port(self) -> str | None:
        item = self.port_list.currentItem()
        device = item.data(Qt.ItemDataRole.UserRole) if item else None
        return str(device) if device else None

    def connection(self) -> str:
        """The address typed (made a socket:// URL), else the chosen serial port."""
        typed = self.address.text().strip()
        if typed:
            if "://" in typed or DEVICE.fullmatch(typed):  # a port typed by hand stays a port
                return typed
            return f"socket://{typed}"
        return self.chosen_port() or ""

    # --- detection -----------------------------------------------------------------------------

    def detect(self) -> None:
        connection = self.connection()
        if not connection:
            say(self.result, self.tr("Choose a port or type an address first."), ok=False)
            return
        self.found = None
        self.detect_button.setEnabled(False)
        say(self.result, self.tr("Trying {where}…").replace("{where}", connection))

        def tried(attempt: Attempt) -> None:
            speed = f" {attempt.baud_rate}" if attempt.baud_rate else ""
            say(self.result, self.tr("Trying {where}: {protocol}{speed}…")
                .replace("{where}", connection).replace("{protocol}", attempt.protocol)
                .replace("{speed}", speed))  # fmt: skip

        self.checks.run(detect_terminal(connection, on_attempt=tried), self._detected,
                        self._detect_failed)  # fmt: skip

    def _detected(self, detection: Detection) -> None:
        self.detect_button.setEnabled(True)
        self.found = detection
        seconds = f"{detection.seconds:.1f}"
        found = detection.found
        if found is not None:
            speed = self.tr(", {baud} baud").replace("{baud}", str(found.baud_rate)) \
                if found.baud_rate else ""  # fmt: skip
            say(self.result, self.tr(
                "Found: protocol “{protocol}”{speed}. The terminal answered “{reply}” ({meaning}). "
                "{seconds} s."
            ).replace("{protocol}", found.protocol).replace("{speed}", speed)
             .replace("{reply}", found.reply).replace("{meaning}", self._meaning(found.meaning))
             .replace("{seconds}", seconds), ok=True)  # fmt: skip
        else:
            reason = detection.attempts[0].reason if detection.attempts else ""
            if reason == "missing":
                text = self.tr("There is no port {where} on this PC: check the cable.")
            elif reason == "busy":
                text = self.tr("Another program is using {where}: close it and try again.")
            else:
                text = self.tr(
                    "No terminal answered on {where} (every protocol and speed tried, {seconds} "
                    "s). Check that the terminal is on and the cable is in both ends."
                )
            say(self.result, text.replace("{where}", detection.connection)
                .replace("{seconds}", seconds), ok=False)  # fmt: skip
        self.detected.emit(detection)

    def _detect_failed(self, error: BaseException) -> None:
        self.detect_button.setEnabled(True)
        say(self.result, self.tr("Detection failed: {error}").replace("{error}", str(error)),
            ok=False)  # fmt: skip

    def _meaning(self, meaning: str | None) -> str:
        words = {
            "ok": self.tr("ready"),
            "maintenance": self.tr("in maintenance"),
            "busy": self.tr("busy"),
            "error": self.tr("a fault"),
            "signed_out": self.tr("signed out"),
        }
        return words.get(meaning or "", meaning or "")

    # --- the terminals added -------------------------------------------------------------------

    def add_terminal(self) -> None:
        """Add the terminal in the form, or, when one of the list is picked, change that one
        (its id, reader and backup stay)."""
        connection = self.connection()
        terminals = self.assistant.draft.terminals
        found = self.found.found if self.found and self.found.connection == connection else None
        port = next((p for p in self.ports if p.device == connection), None)
        terminal = self.editing or TerminalDraft(id=new_terminal_id([t.id for t in terminals]))
        terminal.name = self.name.text().strip()
        terminal.uplink = UPLINKS[max(self.uplinks.checkedId(), 0)]
        if connection != terminal.connection:
            terminal.connection = connection
            terminal.usb_vid_pid = port.vid_pid if port else ""
        if found is not None:
            terminal.protocol = found.protocol
            terminal.baud_rate = found.baud_rate or 9600
            terminal.status_request = found.request
        if self.editing is None:
            terminals.append(terminal)
        self._clear_form()
        self._redraw_added()
        self.completeChanged.emit()

    def _picked(self, row: int) -> None:
        """A terminal picked in the list comes into the form, to change it."""
        terminals = self.assistant.draft.terminals
        if not 0 <= row < len(terminals):
            return
        t = terminals[row]
        self.editing = t
        self.name.setText(t.name)
        device = next((i for i in range(self.port_list.count())
                       if self.port_list.item(i).data(Qt.ItemDataRole.UserRole) == t.connection),
                      None)  # fmt: skip
        if device is not None:
            self.port_list.setCurrentRow(device)
            self.address.clear()
        else:
            self.address.setText(t.connection.removeprefix("socket://"))
        self.uplink_buttons.get(t.uplink, self.uplink_buttons["ethernet"]).setChecked(True)
        self.add_button.setText(self.tr("&Update this terminal"))

    def _clear_form(self) -> None:
        self.editing = None
        self.added.clearSelection()
        self.name.setText(self._next_name())
        self.address.clear()
        self.found = None
        say(self.result, "")
        self.add_button.setText(self.tr("Add this &terminal"))

    def remove_terminal(self) -> None:
        row = self.added.currentRow()
        terminals = self.assistant.draft.terminals
        if 0 <= row < len(terminals):
            removed = terminals.pop(row)
            for t in terminals:
                if t.backup == removed.id:
                    t.backup = ""
            self._clear_form()
            self._redraw_added()

    def _redraw_added(self) -> None:
        self.added.clear()
        for t in self.assistant.draft.terminals:
            where = t.connection or self.tr("not connected to this PC")
            self.added.addItem(f"{t.name or t.id} — {where}")
        self._fill_backup()

    def _fill_backup(self) -> None:
        terminals = self.assistant.draft.terminals
        current = next((t.backup for t in terminals if t.backup), "")
        self._backup_shown = current  # what the file says; store_fields applies a change only
        self.backup.blockSignals(True)
        self.backup.clear()
        self.backup.addItem(self.tr("None"), "")
        for t in terminals:
            self.backup.addItem(t.name or t.id, t.id)
        self.backup.setCurrentIndex(max(self.backup.findData(current), 0))
        self.backup.blockSignals(False)

    def _next_name(self) -> str:
        count = len(self.assistant.draft.terminals) + 1
        return self.tr("Till {n}").replace("{n}", str(count))

    def store_fields(self) -> None:
        # A terminal detected but not added yet is what the manager meant: Next adds it.
        found = self.found
        if (
            found is not None
            and found.ok
            and found.connection == self.connection()
            and found.connection not in {t.connection for t in self.assistant.draft.terminals}
        ):
            self.add_terminal()
        backup = self.backup.currentData() or ""
        if backup != self._backup_shown:  # chosen here: the shop's one backup device
            for t in self.assistant.draft.terminals:
                t.backup = backup if backup and t.id != backup else ""
            self._backup_shown = backup
