"""The setup assistant's pages other than the terminals: the shop, the card reader, the network,
the provider, the alerts, the staff, and the summary. Each reads the draft when shown, writes it
back on Next, and has its check ("test") said in plain words."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from posguide.config import ConfigError
from posguide.gui.focus import guard_wheel
from posguide.gui.i18n import translate
from posguide.gui.setup.common import DraftHost, Page, error_label, result_label, say
from posguide.probe_catalog import build_probe
from posguide.probes.base import Probe, ProbeResult, no_progress
from posguide.probes.settings import ProbeSettings
from posguide.setup.draft import AlertDraft, preview, problems_of
from posguide.setup.readers import ReadersUnavailable, list_readers

if TYPE_CHECKING:
    from posguide.config import ShopConfig
    from posguide.gui.setup.assistant import SetupAssistant

READER_POLL_MS = 1500
ALERT_KINDS = ("wecom", "dingtalk", "feishu", "webhook")


def _row(form: QFormLayout, label: QLabel, field: QWidget, error: QLabel | None = None) -> None:
    label.setBuddy(field)
    form.addRow(label, field)
    if error is not None:
        form.addRow("", error)


class ShopPage(Page):
    def __init__(self, assistant: DraftHost) -> None:
        super().__init__()
        self.assistant = assistant
        self.name = QLineEdit()
        self.name.setObjectName("shopName")
        self.language = guard_wheel(QComboBox())
        self.language.setObjectName("shopLanguage")
        self.minutes = guard_wheel(QSpinBox())
        self.minutes.setObjectName("escalationMinutes")
        self.minutes.setRange(1, 120)
        self.errors = {
            "shop.name": error_label(),
            "shop.language": error_label(),
            "shop.escalation_minutes": error_label(),
        }
        self.name_label, self.language_label, self.minutes_label = QLabel(), QLabel(), QLabel()
        form = QFormLayout(self)
        _row(form, self.name_label, self.name, self.errors["shop.name"])
        _row(form, self.language_label, self.language, self.errors["shop.language"])
        _row(form, self.minutes_label, self.minutes, self.errors["shop.escalation_minutes"])
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("The shop"))
        self.setSubTitle(self.tr("Its name is shown in the window and in alerts."))
        self.name_label.setText(self.tr("Shop na&me:"))
        self.language_label.setText(self.tr("&Language:"))
        self.minutes_label.setText(self.tr("&Escalate after (minutes):"))
        current = self.language.currentData()
        self.language.clear()
        for code, text in (("zh_CN", "中文"), ("en", "English"),
                           ("system", self.tr("Same as this computer"))):  # fmt: skip
            self.language.addItem(text, code)
        self.language.setCurrentIndex(max(self.language.findData(current), 0))

    def initializePage(self) -> None:
        draft = self.assistant.draft
        self.name.setText(draft.name)
        self.language.setCurrentIndex(max(self.language.findData(draft.language), 0))
        self.minutes.setValue(draft.escalation_minutes)

    def store_fields(self) -> None:
        self.assistant.draft.name = self.name.text().strip()
        self.assistant.draft.language = self.language.currentData()
        self.assistant.draft.escalation_minutes = self.minutes.value()


class ReaderPage(Page):
    """PC/SC readers, listed live; the one chosen goes with the first terminal."""

    readersChanged = Signal()

    def __init__(self, assistant: DraftHost) -> None:
        super().__init__()
        self.assistant = assistant
        self.readers: list[str] | None = None
        self.list = QListWidget()
        self.list.setObjectName("readerList")
        self.status = result_label("readerStatus")
        self.test_button = QPushButton()
        self.test_button.setObjectName("cardTest")
        self.test_button.clicked.connect(self.test_card)
        self.result = result_label("cardResult")
        self.list_label = QLabel()
        self.list_label.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.result, 1)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Card reader (optional)"))
        self.setSubTitle(self.tr(
            "A card reader on this PC lets posguide test a customer's card. Plug it in now if "
            "the shop has one; the list follows what is plugged in. No reader: press Next."
        ))  # fmt: skip
        self.list_label.setText(self.tr("Card &readers on this PC:"))
        self.test_button.setText(self.tr("&Test with a card"))

    def initializePage(self) -> None:
        self.list_live(READER_POLL_MS)

    async def list_now(self) -> list[str]:
        return await list_readers()

    def show_listing(self, readers: list[str]) -> None:
        if readers == self.readers:
            return
        chosen = self.chosen()
        self.readers = readers
        self.list.clear()
        self.list.addItems(readers)
        wanted = chosen or next((t.reader for t in self.assistant.draft.terminals if t.reader), "")
        for row, name in enumerate(readers):
            if wanted and wanted in name:
                self.list.setCurrentRow(row)
        found = self.tr("{count} card reader(s) found.")
        say(self.status, found.replace("{count}", str(len(readers))))
        if not readers:
            say(self.status, self.tr("No card reader is plugged in."))
        self.readersChanged.emit()

    def listing_failed(self, error: BaseException) -> None:
        self.readers = []
        self.list.clear()
        text = error.text.translated(translate) if isinstance(error, ReadersUnavailable) else \
            str(error)  # fmt: skip
        say(self.status, text, ok=False)
        self.readersChanged.emit()

    def chosen(self) -> str:
        item = self.list.currentItem()
        return item.text() if item else ""

    def test_card(self) -> None:
        reader = self.chosen()
        if not reader:
            say(self.result, self.tr("Choose a reader first."), ok=False)
            return
        from posguide.probes.card import CardProbe

        say(self.result, self.tr("Put a card in the reader now…"))
        self.test_button.setEnabled(False)
        self.checks.run(CardProbe(reader, 20.0).check(no_progress), self._tested, self._failed)

    def _tested(self, result: ProbeResult) -> None:
        self.test_button.setEnabled(True)
        say(self.result, result.summary_in(translate), ok=result.status.value == "ok")

    def _failed(self, error: BaseException) -> None:
        self.test_button.setEnabled(True)
        say(self.result, str(error), ok=False)

    def store_fields(self) -> None:
        terminals = self.assistant.draft.terminals
        if terminals:
            first = next((t for t in terminals if t.id not in {u.backup for u in terminals}),
                         terminals[0])  # fmt: skip
            first.reader = self.chosen()


class CheckPage(Page):
    """A page whose fields are checked with one of the wizard's probes, built from the
    configuration the draft would give."""

    def run_probe(
        self,
        probe_id: str,
        label: QLabel,
        button: QPushButton,
        shown: Callable[[ProbeResult], None] = lambda _: None,
    ) -> None:
        self.store_fields()
        try:
            config = preview(self.assistant.path, self.assistant.draft)
        except ConfigError as err:
            self.show_problems(problems_of(err, translate))
            say(label, self.tr("Correct the marked fields first."), ok=False)
            return
        probe = self._probe(probe_id, config)
        if probe is None:
            say(label, self.tr("Nothing to test yet: fill in the fields above."), ok=False)
            return
        button.setEnabled(False)
        say(label, self.tr("Testing…"))

        def done(result: ProbeResult) -> None:
            button.setEnabled(True)
            say(label, result.summary_in(translate), ok=result.status.value in ("ok", "warn"))
            shown(result)

        def failed(error: BaseException) -> None:
            button.setEnabled(True)
            say(label, str(error), ok=False)

        self.checks.run(probe.check(no_progress), done, failed)

    def _probe(self, probe_id: str, config: ShopConfig) -> Probe | None:
        settings = ProbeSettings(cache_dir=self.assistant.data_root / "cache" / "notices")
        terminal = config.default_terminal()
        return build_probe(probe_id, config, terminal, settings)


class NetworkPage(CheckPage):
    def __init__(self, assistant: DraftHost) -> None:
        super().__init__()
        self.assistant = assistant
        self.gateway = QLineEdit()
        self.gateway.setObjectName("gateway")
        self.found = result_label("gatewayFound")
        self.result = result_label("gatewayResult")
        self.test_button = QPushButton()
        self.test_button.setObjectName("gatewayTest")
        self.test_button.clicked.connect(
            lambda: self.run_probe("network.gateway", self.result, self.test_button)
        )
        self.errors = {"network.gateway": error_label()}
        self.label = QLabel()
        form = QFormLayout(self)
        _row(form, self.label, self.gateway, self.errors["network.gateway"])
        form.addRow("", self.found)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.result, 1)
        form.addRow(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Network"))
        self.setSubTitle(self.tr(
            "The router posguide checks first. “auto” takes the one this PC uses (found below)."
        ))  # fmt: skip
        self.label.setText(self.tr("&Router (gateway):"))
        self.test_button.setText(self.tr("&Test"))

    def initializePage(self) -> None:
        self.gateway.setText(self.assistant.draft.gateway or "auto")
        from posguide.probes.network.system import find_default_route

        def shown(route: object) -> None:
            gateway = getattr(route, "gateway", None)
            if gateway:
                text = self.tr("This PC's router: {gateway}").replace("{gateway}", gateway)
            else:
                text = self.tr("This PC has no default route (no router found).")
            say(self.found, text, ok=bool(gateway))

        self.checks.run(find_default_route(), shown, lambda e: say(self.found, str(e), ok=False))

    def store_fields(self) -> None:
        self.assistant.draft.gateway = self.gateway.text().strip() or "auto"


class ProviderPage(CheckPage):
    def __init__(self, assistant: DraftHost) -> None:
        super().__init__()
        self.assistant = assistant
        self.name = QLineEdit()
        self.name.setObjectName("providerName")
        self.hotline = QLineEdit()
        self.hotline.setObjectName("hotline")
        self.hosts = QLineEdit()
        self.hosts.setObjectName("paymentHosts")
        self.hosts.setPlaceholderText("pay.example.cn:443")
        self.feed = QLineEdit()
        self.feed.setObjectName("feedUrl")
        self.feed.setPlaceholderText("https://…")
        self.hosts_button, self.feed_button = QPushButton(), QPushButton()
        self.hosts_button.setObjectName("hostsTest")
        self.feed_button.setObjectName("feedTest")
        self.hosts_result, self.feed_result = (
            result_label("hostsResult"),
            result_label("feedResult"),
        )
        self.hosts_button.clicked.connect(
            lambda: self.run_probe("network.payment", self.hosts_result, self.hosts_button)
        )
        self.feed_notices = QLabel()  # what the page gave: each notice, its window, its words
        self.feed_notices.setObjectName("feedNotices")
        self.feed_notices.setTextFormat(Qt.TextFormat.RichText)  # every value is escaped
        self.feed_notices.setWordWrap(True)
        self.feed_notices.setOpenExternalLinks(True)
        self.feed_notices.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.feed_button.clicked.connect(
            lambda: self.run_probe("notices", self.feed_result, self.feed_button, self._notices)
        )
        self.errors = {
            "providers[0].name": error_label(),
            "providers[0].hotline": error_label(),
            "providers[0].payment_hosts": error_label(),
            "providers[0].notice_feeds": error_label(),
        }
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout(self)
        _row(form, self.labels[0], self.name, self.errors["providers[0].name"])
        _row(form, self.labels[1], self.hotline, self.errors["providers[0].hotline"])
        _row(form, self.labels[2], self.hosts, self.errors["providers[0].payment_hosts"])
        hosts_row = QHBoxLayout()
        hosts_row.addWidget(self.hosts_button)
        hosts_row.addWidget(self.hosts_result, 1)
        form.addRow("", hosts_row)
        _row(form, self.labels[3], self.feed, self.errors["providers[0].notice_feeds"])
        feed_row = QHBoxLayout()
        feed_row.addWidget(self.feed_button)
        feed_row.addWidget(self.feed_result, 1)
        form.addRow("", feed_row)
        form.addRow("", self.feed_notices)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Payment provider"))
        self.setSubTitle(self.tr(
            "Who runs the terminals (收单机构): its hotline is read out when staff must call, its "
            "servers and maintenance notices are checked."
        ))  # fmt: skip
        for label, text in zip(self.labels, (
            self.tr("Provider n&ame:"), self.tr("&Hotline:"),
            self.tr("Payment se&rvers (host:port, separated by spaces):"),
            self.tr("&Maintenance notice page or feed:"),
        ), strict=True):  # fmt: skip
            label.setText(text)
        self.hosts_button.setText(self.tr("T&est the servers"))
        self.feed_button.setText(self.tr("Test the &feed"))

    def _notices(self, result: ProbeResult) -> None:
        """Every notice the feed or page gave, with its window and the words it was read from;
        a page that cannot be read automatically gets a link to open it."""
        items: list[str] = []
        kinds = {
            "active": self.tr("now"),
            "upcoming": self.tr("soon"),
            "later": self.tr("later"),
            "unclear": self.tr("read it"),
        }
        for key, label in kinds.items():
            for notice in result.detail.get(key) or ():
                window = html.escape(str(notice.get("starts", ""))[:16].replace("T", " "))
                if notice.get("ends"):
                    window += " – " + html.escape(str(notice["ends"])[:16].replace("T", " "))
                line = (
                    f"<b>{html.escape(label)}</b> {window} {html.escape(notice.get('title', ''))}"
                )
                if notice.get("published"):
                    line += " " + html.escape(self.tr("(published {date})")
                                              .replace("{date}", notice["published"]))  # fmt: skip
                if notice.get("sentence"):
                    line += f"<br>“{html.escape(notice['sentence'])}”"
                items.append(f"<li>{line}</li>")
        kinds = {
            "statuspage": self.tr("a status page (Statuspage)"),
            "xml": self.tr("a news feed (RSS/Atom)"),
            "ical": self.tr("a calendar (iCalendar)"),
            "page": self.tr("an announcement web page"),
        }
        for feed in result.detail.get("feeds") or ():
            if feed.get("kind") in kinds:
                what = self.tr("Read as {kind}.").replace("{kind}", kinds[feed["kind"]])
                items.insert(0, f"<li>{html.escape(what)}</li>")
        for error in result.detail.get("feed_errors") or ():
            opening = error.get("open_url")
            text = html.escape(self.tr("Cannot be read automatically: {reason}")
                               .replace("{reason}", str(error.get("reason", ""))))  # fmt: skip
            if opening:
                link = html.escape(self.tr("Open it"))
                text += f' <a href="{html.escape(opening, quote=True)}">{link}</a>'
            items.append(f"<li>{text}</li>")
        self.feed_notices.setText(f"<ul style='margin:0'>{''.join(items)}</ul>" if items else "")

    def initializePage(self) -> None:
        draft = self.assistant.draft
        self.name.setText(draft.provider_name)
        self.hotline.setText(draft.hotline)
        self.hosts.setText(" ".join(draft.payment_hosts))
        self.feed.setText(draft.feed_url)

    def store_fields(self) -> None:
        draft = self.assistant.draft
        draft.provider_name = self.name.text().strip()
        draft.hotline = self.hotline.text().strip()
        draft.payment_hosts = self.hosts.text().replace(",", " ").replace("，", " ").split()
        draft.feed_url = self.feed.text().strip()


class AlertsPage(Page):
    """One group-chat robot (the draft's first channel; further ones are kept)."""

    def __init__(self, assistant: DraftHost) -> None:
        super().__init__()
        self.assistant = assistant
        self.kind = guard_wheel(QComboBox())
        self.kind.setObjectName("alertKind")
        self.target = QLineEdit()
        self.target.setObjectName("alertTarget")
        self.name = QLineEdit()
        self.name.setObjectName("alertName")
        self.test_button = QPushButton()
        self.test_button.setObjectName("alertTest")
        self.test_button.clicked.connect(self.send_test)
        self.result = result_label("alertResult")
        self.errors = {"alerts": error_label()}
        self.labels = [QLabel() for _ in range(3)]
        form = QFormLayout(self)
        _row(form, self.labels[0], self.kind)
        _row(form, self.labels[1], self.target)
        _row(form, self.labels[2], self.name, self.errors["alerts"])
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.result, 1)
        form.addRow(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Alerts (optional)"))
        self.setSubTitle(self.tr(
            "When a terminal stays in maintenance, posguide tells the manager's group chat. Paste "
            "the robot's key or its whole address. No group: leave it empty."
        ))  # fmt: skip
        for label, text in zip(self.labels, (self.tr("&Group chat:"), self.tr("Robot &key or "
                               "address:"), self.tr("Na&me:")), strict=True):  # fmt: skip
            label.setText(text)
        current = self.kind.currentData()
        self.kind.clear()
        for code, text in (("wecom", self.tr("WeCom (企业微信)")),
                           ("dingtalk", self.tr("DingTalk (钉钉)")),
                           ("feishu", self.tr("Feishu (飞书)")),
                           ("webhook", self.tr("Another address (webhook)"))):  # fmt: skip
            self.kind.addItem(text, code)
        self.kind.setCurrentIndex(max(self.kind.findData(current), 0))
        self.test_button.setText(self.tr("&Send a test message"))

    def initializePage(self) -> None:
        alerts = self.assistant.draft.alerts
        if alerts:
            self.kind.setCurrentIndex(max(self.kind.findData(alerts[0].kind), 0))
            self.target.setText(alerts[0].target)
            self.name.setText(alerts[0].name)

    def store_fields(self) -> None:
        alerts = self.assistant.draft.alerts
        target = self.target.text().strip()
        if not target:
            del alerts[:1]
            return
        first = AlertDraft(self.kind.currentData(), target, self.name.text().strip())
        alerts[:1] = [first]

    def send_test(self) -> None:
        self.store_fields()
        try:
            config = preview(self.assistant.path, self.assistant.draft)
        except ConfigError as err:
            self.show_problems(problems_of(err, translate))
            say(self.result, self.tr("Correct the marked fields first."), ok=False)
            return
        if not config.alerts:
            say(self.result, self.tr("Nothing to test yet: fill in the fields above."), ok=False)
            return
        self.test_button.setEnabled(False)
        say(self.result, self.tr("Sending…"))
        self.checks.run(self.assistant.send_test_alert(config.alerts[0]), self._sent, self._failed)

    def _sent(self, result: object) -> None:
        self.test_button.setEnabled(True)
        ok = bool(getattr(result, "ok", False))
        detail = str(getattr(result, "detail", ""))
        say(self.result, self.tr("The test message was sent: look in the group.") if ok else
            self.tr("The test message did not arrive: {detail}").replace("{detail}", detail),
            ok=ok)  # fmt: skip

    def _failed(self, error: BaseException) -> None:
        self.test_button.setEnabled(True)
        say(self.result, str(error), ok=False)


class StaffPage(Page):
    def __init__(self, assistant: DraftHost) -> None:
        super().__init__()
        self.assistant = assistant
        self.names = QPlainTextEdit()
        self.names.setObjectName("staffNames")
        self.names.setTabChangesFocus(True)
        self.errors = {"shop.staff": error_label()}
        self.label = QLabel()
        self.label.setBuddy(self.names)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.names, 1)
        layout.addWidget(self.errors["shop.staff"])
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Staff"))
        self.setSubTitle(self.tr(
            "Names offered when an incident is recorded, one per line. Empty: typed in each time."
        ))  # fmt: skip
        self.label.setText(self.tr("Na&mes:"))

    def initializePage(self) -> None:
        self.names.setPlainText("\n".join(self.assistant.draft.staff))

    def store_fields(self) -> None:
        self.assistant.draft.staff = [n.strip() for n in self.names.toPlainText().splitlines()
                                      if n.strip()]  # fmt: skip


class SummaryPage(Page):
    def __init__(self, assistant: SetupAssistant) -> None:
        super().__init__()
        self.assistant: SetupAssistant = assistant
        self.summary = QLabel()
        self.summary.setObjectName("setupSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.errors = {"": error_label()}
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.errors[""])
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Summary"))
        self.setSubTitle(self.tr("Press Save to write posguide.toml. Nothing is saved before."))

    def initializePage(self) -> None:
        d = self.assistant.draft
        lines = [self.tr("Shop: {name}").replace("{name}", d.name or "—"), self.tr("Terminals:")]
        uplinks = {
            "ethernet": self.tr("cable to the router"),
            "wifi": self.tr("Wi-Fi"),
            "cellular": self.tr("its own SIM card"),
            "dialup": self.tr("telephone line"),
        }
        for t in d.terminals:
            speed = "" if "://" in t.connection else f", {t.baud_rate}"
            lines.append(f"  · {t.name or t.id}: {t.connection or '—'} ({t.protocol}{speed}; "
                         f"{uplinks.get(t.uplink, t.uplink)})")  # fmt: skip
        provider = self.tr("Provider: {name}, hotline {hotline}")
        lines += [
            provider.replace("{name}", d.provider_name or "—").replace(
                "{hotline}", d.hotline or "—"
            ),
            self.tr("Alerts: {count}").replace("{count}", str(len(d.alerts))),
            self.tr("Staff: {names}").replace("{names}", "、".join(d.staff) or "—"),
            self.tr("File: {path}").replace("{path}", str(self.assistant.path)),
        ]
        self.summary.setText("\n".join(lines))

    def validatePage(self) -> bool:
        return bool(self.assistant.save())
