"""Card-reader probes: ATR/FCI decoding (pure), then the probes against the real pcscd with
vsmartcard-vpcd and our virtual card (marker ``pcsc``)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pcsc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from smartcard import scard

from posguide.probes import ProbeResult, Status, run_probe
from posguide.probes.card import (
    CardProbe,
    CardReaderParams,
    PcscError,
    ReaderProbe,
    decode_atr,
    emv,
    load_known_atrs,
    match_atr,
    wait_for_removal,
)
from posguide.probes.card.pcsc import Card
from posguide.sim.card import PROFILES, CardProfile, VirtualCard
from posguide.sim.card.profiles import GARBAGE_ANSWER, PPSE, PSE, App, Chip, tlv

SERVICE_DOWN = "The smart-card service is not running"
YUBIKEY = bytes.fromhex("3B FD 13 00 00 81 31 FE 15 80 73 C0 21 C0 57 59 75 62 69 4B 65 79 40")


def probe(p: ReaderProbe | CardProbe) -> ProbeResult:
    return asyncio.run(run_probe(p))


def card_probe(
    wait_s: float = 5.0, hint: str | None = pcsc.HINT, answer_s: float = 2.0
) -> ProbeResult:
    return probe(CardProbe(hint, wait_s, answer_timeout_s=answer_s))


async def while_waiting_for_a_card(wait_s: float, action: Callable[[], object]) -> ProbeResult:
    """Run the card probe; once it reports waiting for a card, do ``action`` (in a thread)."""
    waiting = asyncio.Event()

    def progress(_fraction: float | None, message: object) -> None:
        if "Waiting for a card" in str(message):
            waiting.set()

    task = asyncio.ensure_future(run_probe(CardProbe(pcsc.HINT, wait_s), progress))
    await waiting.wait()
    await asyncio.to_thread(action)
    return await task


def assert_only_selects(*cards: VirtualCard) -> None:
    """Every APDU the cards ever received: SELECT by name, or GET RESPONSE right after a
    SELECT's 61xx. Never READ RECORD (B2), GET PROCESSING OPTIONS (A8) or anything else."""
    for card in cards:
        previous = b""
        for apdu in card.apdus:
            select = apdu[:3] == b"\x00\xa4\x04"
            fetch = apdu[:4] == b"\x00\xc0\x00\x00" and previous[1:2] in (b"\xa4", b"\xc0")
            assert select or fetch, f"{card.profile.name} received {apdu.hex()}"
            previous = apdu


# --- ATR decoding and the known-ATR table (pure) ---------------------------------------------


def test_emv_t0_atr_decodes() -> None:
    info = decode_atr(PROFILES["unionpay_debit"].atr)
    assert (info.convention, info.protocols, info.tck_ok) == ("direct", (0,), None)
    assert info.interface == {"TB1": 0x00, "TC1": 0x00}
    assert info.historical_text == "PG-UPDEBIT" and info.valid
    assert match_atr(info.atr)[0].id == "emv_basic_t0"


def test_t1_atr_decodes_with_rates_and_tck() -> None:
    info = decode_atr(YUBIKEY)
    assert info.protocols == (1,) and info.tck_ok is True and info.valid
    assert info.interface["TA1"] == 0x13 and info.rates == (372, 4)
    assert info.interface["TD1"] == 0x81 and info.interface["TB3"] == 0x15
    assert info.historical_text == ".s.!.WYubiKey"
    assert match_atr(YUBIKEY)[0].id == "yubikey"
    assert decode_atr(YUBIKEY).to_json()["fi_di"] == [372, 4]
    assert match_atr(PROFILES["visa_credit"].atr)[0].id == "emv_basic_t1"


def test_contactless_pseudo_atr_names_the_card() -> None:
    info = decode_atr(PROFILES["non_payment"].atr)
    assert info.protocols == (0, 1) and info.tck_ok is True
    assert info.historical.hex().upper().startswith("804F0CA000000306")
    ids = [k.id for k in match_atr(info.atr)]
    assert ids[:2] == ["pcsc_mifare_classic_1k", "pcsc_storage_card"]
    assert match_atr(bytes.fromhex("3B 80 80 01 01"))[0].id == "pcsc_contactless_iso14443_4"
    assert decode_atr(bytes.fromhex("3F 00")).convention == "inverse"


@pytest.mark.parametrize(
    ("atr", "problem"),
    [
        ("", "shorter than 2 bytes"),
        ("3B", "shorter than 2 bytes"),
        ("12 00", "TS 12"),
        ("3B F0 11", "ends inside the interface bytes"),
        ("3B 05 50 47", "5 historical bytes announced, 2 present"),
        ("3B 80 01", "TCK check byte missing"),
        ("3B 80 01 00", "TCK check byte is wrong"),
        ("3B 00 AA", "unexpected byte"),
    ],
)
def test_malformed_atr_lists_its_problem(atr: str, problem: str) -> None:
    info = decode_atr(bytes.fromhex(atr))
    assert any(problem in p for p in info.problems), info.problems
    assert info.to_json()["historical_count"] == (info.atr[1] & 0x0F if len(info.atr) > 1 else 0)
    assert not info.valid
    json.dumps(info.to_json())


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40))
def test_any_bytes_decode_without_raising(data: bytes) -> None:
    json.dumps(decode_atr(data).to_json())
    with contextlib.suppress(emv.TlvError):  # the only error it may raise
        emv.parse_fci(data, "PPSE")


def test_known_atr_table(tmp_path: Path) -> None:
    table = load_known_atrs()
    assert 5 <= len(table) <= 20 and len({k.id for k in table}) == len(table)
    broken = tmp_path / "known.json"
    broken.write_text('{"entries": [{"id": "x", "pattern": "(", "description": "d"}]}')
    assert load_known_atrs(broken) == ()
    assert load_known_atrs(tmp_path / "missing.json") == ()
    assert match_atr(bytes.fromhex("3B 02 14 50")) == []


# --- EMV: what is sent and what is kept (pure) ------------------------------------------------


def test_fci_lists_apps_by_priority_with_unionpay_kinds() -> None:
    entry = [
        tlv(0x61, tlv(0x4F, bytes.fromhex("A000000333010102")), tlv(0x50, b"UP Credit"),
            tlv(0x87, b"\x02")),
        tlv(0x61, tlv(0x4F, bytes.fromhex("A000000333010101")), tlv(0x50, b"\xd2\xf8\xc1\xaa"),
            tlv(0x87, b"\x81")),
    ]  # fmt: skip
    fci = tlv(0x6F, tlv(0x84, PPSE), tlv(0xA5, tlv(0xBF0C, *entry)))
    apps = emv.parse_fci(fci, "PPSE").apps
    assert [(a.kind, a.priority, a.network) for a in apps] == [
        ("debit", 1, "UnionPay"),
        ("credit", 2, "UnionPay"),
    ]
    assert apps[0].label == "????"  # GBK bytes in an ASCII-only tag are shown, not trusted
    assert apps[1].to_json()["aid"] == "A000000333010102" and apps[1].unionpay
    with pytest.raises(emv.TlvError):
        emv.parse_fci(bytes.fromhex("6F 10 84 0E"), "PSE")


def test_only_select_can_be_sent() -> None:
    assert emv.select_apdu(PSE).hex() == "00a404000e315041592e5359532e444446303100"
    card = Card(0, 1)  # never reaches pcscd: refused before
    for forbidden in ("00B2010C00", "80A8000002830000", "80CA9F1700"):
        with pytest.raises(ValueError, match="refusing"):
            card.transmit(bytes.fromhex(forbidden))


def _tags(data: bytes) -> set[int]:
    found: set[int] = set()
    for tag, value in emv.parse_tlv(data):
        found.add(tag)
        if tag in (0x6F, 0xA5, 0xBF0C, 0x61):  # constructed
            found |= _tags(value)
    return found


def test_emulator_holds_no_card_number() -> None:
    for profile in PROFILES.values():
        for fci in profile.files.values():
            assert not _tags(fci) & {0x5A, 0x57, 0x9F6B, 0x5F20, 0x5F24}, profile.name
        chip = Chip(profile)
        for command in ("00B2010C00", "80A8000002830000"):
            assert chip.respond(bytes.fromhex(command)) in (None, b"\x6d\x00", GARBAGE_ANSWER)


# --- Against the real pcscd + vpcd ---------------------------------------------------------------


@pytest.mark.pcsc
def test_reader_probe_finds_the_reader_by_hint(slot: pcsc.CardSlot) -> None:
    result = probe(ReaderProbe("PCD 00 00"))
    assert result.status is Status.OK, result.summary
    assert result.detail["reader"] == pcsc.READER and pcsc.READER2 in result.detail["readers"]
    assert result.detail["card_present"] is False
    slot.insert()
    assert probe(ReaderProbe(pcsc.HINT)).detail["card_present"] is True


@pytest.mark.pcsc
def test_reader_hint_that_matches_nothing(slot: pcsc.CardSlot) -> None:
    for result in (probe(ReaderProbe("Feitian R502")), card_probe(hint="Feitian R502")):
        assert result.status is Status.FAIL
        assert result.detail["stage"] == "reader"
        assert "Feitian R502" in result.summary
        assert pcsc.READER in result.detail["readers"]  # so staff can fix the setting


@pytest.mark.pcsc
def test_healthy_unionpay_card(slot: pcsc.CardSlot) -> None:
    card = slot.insert("unionpay_debit")
    result = card_probe()
    assert result.status is Status.OK, result.summary
    assert result.summary == "Payment card works: UnionPay Debit"
    [app] = result.detail["applications"]
    assert app["aid"] == "A000000333010101" and app["label"] == "UnionPay Debit"
    assert (app["unionpay"], app["kind"], app["priority"]) == (True, "debit", 1)
    assert result.detail["unionpay"] is True and result.detail["reader"] == pcsc.READER
    assert result.detail["atr"] == "3B 6A 00 00 50 47 2D 55 50 44 45 42 49 54"
    assert result.detail["atr_known"][0]["id"] == "emv_basic_t0"
    assert [s["target"] for s in result.detail["selects"]] == ["PSE", "PPSE"]
    assert {"atr_ms", "select_ms"} <= result.measurements.keys()
    assert result.measurements["select_ms"].value > 0
    assert [a[5:19] for a in card.apdus] == [PSE, PPSE]
    assert_only_selects(card)
    json.dumps(result.to_json())


@pytest.mark.pcsc
def test_t0_card_answers_through_get_response(slot: pcsc.CardSlot) -> None:
    card = slot.insert("unionpay_t0")
    result = card_probe()
    assert result.status is Status.OK, result.summary
    assert result.detail["applications"][0]["kind"] == "debit"
    assert [a[1] for a in card.apdus] == [0xA4, 0xC0, 0xA4, 0xC0]
    assert_only_selects(card)


@pytest.mark.pcsc
def test_card_in_any_reader_without_hint(slot2: pcsc.CardSlot) -> None:
    card = slot2.insert("visa_credit")
    result = card_probe(hint=None)
    assert result.status is Status.OK, result.summary
    assert result.detail["reader"] == pcsc.READER2
    assert result.detail["applications"][0]["network"] == "Visa"
    assert result.detail["atr_info"]["protocols"] == ["T=1"]
    assert result.detail["unionpay"] is False
    assert_only_selects(card)


@pytest.mark.pcsc
def test_card_inserted_while_the_probe_waits(slot: pcsc.CardSlot) -> None:
    result = asyncio.run(while_waiting_for_a_card(8, lambda: slot.insert(wait=False)))
    assert result.status is Status.OK, result.summary
    assert result.measurements["wait_ms"].value > 0


@pytest.mark.pcsc
def test_non_payment_card_warns(slot: pcsc.CardSlot) -> None:
    card = slot.insert("non_payment")
    result = card_probe()
    assert result.status is Status.WARN
    assert result.summary == "The card answers but is not a payment card"
    assert result.detail["stage"] == "not_payment" and result.detail["applications"] == []
    assert result.detail["selects"][:2] == [
        {"target": "PSE", "sw": "6A82"},
        {"target": "PPSE", "sw": "6A82"},
    ]
    assert result.detail["atr_known"][0]["id"] == "pcsc_mifare_classic_1k"
    assert_only_selects(card)


@pytest.mark.pcsc
def test_contact_only_card_is_found_by_its_aid(slot: pcsc.CardSlot) -> None:
    """PSE without a list (its records need READ RECORD), no PPSE: SELECT the AIDs instead."""
    full = PROFILES["unionpay_debit"]
    aid = bytes.fromhex("A000000333010102")
    adf = tlv(0x6F, tlv(0x84, aid), tlv(0xA5, tlv(0x50, b"UnionPay Credit"), tlv(0x87, b"\x01")))
    contact = CardProfile(
        "contact_only", "PSE only", full.atr, files={PSE: full.files[PSE], aid: adf}
    )
    card = slot.insert(contact)
    result = card_probe()
    assert result.status is Status.OK, result.summary
    [app] = result.detail["applications"]
    assert (app["kind"], app["label"], app["source"]) == ("credit", "UnionPay Credit", "SELECT")
    assert {"target": "PPSE", "sw": "6A82"} in result.detail["selects"]
    assert_only_selects(card)

    # A payment directory, but none of the applications we know: still a working payment chip.
    slot.remove(card)
    card = slot.insert(CardProfile("unknown_scheme", "", full.atr, files={PSE: full.files[PSE]}))
    result = card_probe()
    assert (result.status, result.summary) == (Status.OK, "Payment card works")
    assert result.detail["payment"] is True and result.detail["applications"] == []
    assert_only_selects(card)


@pytest.mark.pcsc
def test_payment_card_with_a_bad_atr_warns(slot: pcsc.CardSlot) -> None:
    good = PROFILES["visa_credit"]
    damaged = CardProfile(
        "bad_tck", "", good.atr[:-1] + b"\x00", apps=(App("A0000000031010", "VISA"),)
    )
    slot.insert(damaged)
    result = card_probe()
    assert result.status is Status.WARN
    assert "ATR has errors" in result.summary
    assert result.detail["atr_info"]["problems"] == ["TCK check byte is wrong"]
    assert result.detail["payment"] is True


@pytest.mark.pcsc
@pytest.mark.timeout(60)
def test_mute_card_fails_within_the_deadline_and_the_next_card_works(slot: pcsc.CardSlot) -> None:
    for cycle in range(2):  # the notes saw the next insertion missed after a failed transmit
        mute = slot.insert("mute")
        result = card_probe(answer_s=1.0)
        assert result.status is Status.FAIL
        assert (result.summary, result.detail["stage"]) == ("The card does not answer", "mute")
        assert result.duration_ms / 1000 < 1.0 + 1.0
        assert len(mute.apdus) == 1  # it got the SELECT and never answered
        if cycle == 0:
            # Left in, it still blocks the reader: the next test says so again, in time, and
            # the abandoned call wedges nothing else (pcsc-lite's process-wide lock).
            again = card_probe(answer_s=1.0)
            assert (again.detail["stage"], again.duration_ms < 2000) == ("mute", True)
            reader = probe(ReaderProbe(pcsc.HINT))
            assert (reader.status, reader.detail["card_present"]) == (Status.OK, True)
        # The cashier pulls the dead card and inserts another one straight away.
        slot.remove(mute, wait=False)
        good = slot.insert("unionpay_debit", wait=False)
        result = card_probe(wait_s=5)
        assert result.status is Status.OK, result.summary
        assert_only_selects(mute, good)
        slot.remove(good)


@pytest.mark.pcsc
def test_card_pulled_during_the_test(slot: pcsc.CardSlot) -> None:
    card = slot.insert("pull_after_atr")
    result = card_probe()
    assert result.status is Status.FAIL
    assert result.summary == "The card was removed during the test"
    assert result.detail["stage"] == "removed" and result.detail["atr"]
    assert len(card.apdus) == 1 and not card.inserted
    assert_only_selects(card)


@pytest.mark.pcsc
def test_card_swapped_faster_than_pcscd_polls(slot: pcsc.CardSlot) -> None:
    """Card A vanishes at its first APDU and B is already waiting: pcscd never reports the
    swap (no removal, no insertion event). The probe must still test B."""
    first = slot.insert("pull_after_atr")
    second = slot.insert("visa_credit", wait=False)  # queued in vpcd's listen backlog
    result = card_probe()
    assert result.status is Status.OK, result.summary
    assert result.detail["applications"][0]["label"] == "VISA CREDIT"
    assert len(first.apdus) == 1 and len(second.apdus) == 2
    assert_only_selects(first, second)


@pytest.mark.pcsc
def test_garbage_answers_fail_clearly(slot: pcsc.CardSlot) -> None:
    card = slot.insert("garbage")
    result = card_probe()
    assert result.status is Status.FAIL
    assert (result.detail["stage"], result.summary) == (
        "bad_answer",
        "The card's chip gives invalid answers",
    )
    assert "status word" in result.detail["problem"]
    assert result.detail["atr_info"]["tck_ok"] is False
    assert_only_selects(card)


@pytest.mark.pcsc
def test_no_card_within_wait_s_is_not_checked_not_failed(slot: pcsc.CardSlot) -> None:
    result = card_probe(wait_s=1.0)
    assert result.status is Status.SKIPPED  # says nothing about any card
    assert result.text is not None and result.text.source.startswith("No card was inserted")
    assert (result.detail["stage"], result.summary) == (
        "no_card",
        "No card was inserted within 1 s",
    )  # the wait ended at its deadline (how close to 1 s: a figure, not a test)


@pytest.mark.pcsc
def test_card_held_by_another_program(slot: pcsc.CardSlot) -> None:
    slot.insert()
    code, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    code, handle, _ = scard.SCardConnect(context, pcsc.READER, scard.SCARD_SHARE_EXCLUSIVE, 3)
    assert code == scard.SCARD_S_SUCCESS
    try:
        result = card_probe()
    finally:
        scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
        scard.SCardReleaseContext(context)
    assert (result.status, result.detail["stage"]) == (Status.FAIL, "busy")


@pytest.mark.pcsc
def test_wait_for_removal(slot: pcsc.CardSlot) -> None:
    card = slot.insert()
    assert asyncio.run(wait_for_removal(pcsc.HINT, 0.5)) is False

    async def remove_while_waiting() -> bool:
        waiting = asyncio.ensure_future(wait_for_removal(pcsc.HINT, 30.0))
        await asyncio.sleep(0)  # the waiter is under way
        await asyncio.to_thread(card.remove)
        return await waiting  # True well before its 30 s: the removal ended the wait

    assert asyncio.run(remove_while_waiting()) is True
    assert asyncio.run(wait_for_removal("no such reader", 1.0)) is True


@pytest.mark.pcsc
@pytest.mark.slow
@pytest.mark.timeout(90)
def test_pcscd_stopped_and_back(slot: pcsc.CardSlot, pcscd_stopped: None) -> None:
    for result in (probe(ReaderProbe(pcsc.HINT)), card_probe()):
        assert (result.status, result.summary) == (Status.FAIL, SERVICE_DOWN)
        assert result.detail["stage"] == "service" and result.detail["service"] == "pcscd"
    with pytest.raises(PcscError) as raised:
        asyncio.run(wait_for_removal(pcsc.HINT, 1.0))
    assert raised.value.stage == "service"

    pcsc.start_pcscd()  # fresh contexts: probes recover without restarting posguide
    assert probe(ReaderProbe(pcsc.HINT)).status is Status.OK
    slot.insert()
    assert card_probe().status is Status.OK

    # pcscd going away while the probe waits for a card
    slot.close()

    # Not the 20 s wait for a card that ends it: the service going away.
    result = asyncio.run(while_waiting_for_a_card(20, pcsc.stop_pcscd))
    assert (result.status, result.detail["stage"]) == (Status.FAIL, "service"), result.summary


def test_emulator_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "posguide.sim.card", "--list"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert set(PROFILES) == {line.split()[0] for line in done.stdout.splitlines()}


def test_params_build_both_probes() -> None:
    reader, card = CardReaderParams(reader_hint="", wait_s=7, answer_timeout_s=2).probes()
    assert (reader.id, card.id, reader.reader_hint, card.reader_hint) == (
        "card.reader",
        "card.card",
        None,
        None,
    )
    assert card.wait_s == 7 and card.timeout_s > 7 + 2
