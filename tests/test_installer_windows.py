"""The Windows installer, built with makensis and run under Wine as an IT person would run it.

One Wine prefix per module (wineboot takes seconds): the installer goes through a whole life,
install → the app writes its data → upgrade → uninstall, and the tests check what each step left
behind. The payload is a stand-in for the PyInstaller build (a real PE from Wine as posguide.exe);
the real frozen app is tested on Windows by the Windows CI workflow. Needs the Debian packages
nsis, wine64 and osslsigncode: a missing one fails these tests, it never skips them.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "installer" / "windows" / "build_installer.py"
WINE = shutil.which("wine64") or "/usr/lib/wine/wine64"  # Debian's wine64 has no PATH entry
WINESERVER = shutil.which("wineserver") or "/usr/lib/wine/wineserver"
WINE_PE = Path("/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/hostname.exe")

UNINST_KEY = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\posguide"
SCARD_KEY = r"HKLM\SYSTEM\CurrentControlSet\Services\SCardSvr"
NT_KEY = r"HKLM\Software\Microsoft\Windows NT\CurrentVersion"
PROGRAM = r"C:\Program Files\posguide"
SHORTCUT = "posguide 收银故障助手.lnk"
START_MENU = r"C:\ProgramData\Microsoft\Windows\Start Menu\Programs"
PUBLIC_DESKTOP = r"C:\users\Public\Desktop"
DATA = r"C:\ProgramData\posguide"
# The installer's exit code for a too-old Windows is ERROR_OLD_WIN_VERSION (1150); a Unix exit
# status keeps its low byte.
OLD_WINDOWS_EXIT = 1150 & 0xFF


def run(args: list[str], *, env: dict[str, str] | None = None, timeout: float = 60) -> str:
    result = subprocess.run(args, capture_output=True, text=True, env=env, timeout=timeout)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}{result.stderr}"
    return result.stdout


def build_installer(payload: Path, version: str, out: Path, *extra: str) -> Path:
    run([sys.executable, str(BUILD), "--payload", str(payload), "--version", version,
         "--out", str(out), *extra])  # fmt: skip
    return out


@dataclass(frozen=True)
class Wine:
    prefix: Path
    env: dict[str, str]

    def run(self, *args: str, debug: str = "-all", timeout: float = 120) -> tuple[int, str]:
        """Run a Windows program; its exit code and Wine's debug channel output."""
        env = {**self.env, "WINEDEBUG": debug}
        # A file, not a pipe: Wine's background processes (services.exe & co.) inherit it and
        # would hold a pipe open until wineserver -k.
        with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
            result = subprocess.run([WINE, *args], stdout=log, stderr=log, env=env, timeout=timeout)
            log.seek(0)
            return result.returncode, log.read()

    def ok(self, *args: str) -> None:
        code, log = self.run(*args)
        assert code == 0, f"wine {args} failed ({code}):\n{log}"

    def path(self, windows: str) -> Path:
        """The Linux path of C:\\…"""
        assert windows[:3].upper() == "C:\\", windows
        return self.prefix / "drive_c" / windows[3:].replace("\\", "/")

    def key(self, key: str) -> dict[str, str | int] | None:
        """A registry key's values (None when the key is missing), through ``reg export``:
        ``reg query`` prints through the console code page and mangles Chinese."""
        out = self.prefix / "export.reg"
        code, _ = self.run("reg", "export", key, "Z:" + str(out).replace("/", "\\"), "/y")
        if code != 0:
            return None
        text = out.read_text(encoding="utf-16")
        out.unlink()
        values: dict[str, str | int] = {}
        for line in text.split("[", 2)[1].splitlines()[1:]:  # the key's own section only
            if m := re.fullmatch(r'"((?:[^"\\]|\\.)*)"="((?:[^"\\]|\\.)*)"', line):
                values[unescape(m[1])] = unescape(m[2])
            elif m := re.fullmatch(r'"((?:[^"\\]|\\.)*)"=dword:([0-9a-f]{8})', line):
                values[unescape(m[1])] = int(m[2], 16)
        return values

    def read(self, windows: str) -> bytes | None:
        path = self.path(windows)
        return path.read_bytes() if path.is_file() else None

    def files(self, windows: str) -> set[str] | None:
        """The files under a folder, as relative POSIX paths; None when it does not exist."""
        root = self.path(windows)
        if not root.is_dir():
            return None
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def unescape(reg: str) -> str:
    return re.sub(r"\\(.)", r"\1", reg)


@pytest.fixture(scope="module")
def payloads(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two stand-in one-folder builds; only version 1 has _internal/only_in_1.txt."""
    root = tmp_path_factory.mktemp("payload")
    made = {}
    for version in ("1.0.0", "2.0.0"):
        folder = root / version / "posguide"
        (folder / "_internal").mkdir(parents=True)
        shutil.copyfile(WINE_PE, folder / "posguide.exe")  # a real exe for the shortcuts
        (folder / "_internal" / "version.txt").write_text(version)
        made[version] = folder
    (made["1.0.0"] / "_internal" / "only_in_1.txt").write_text("stale after an upgrade")
    return made


@pytest.fixture(scope="module")
def wine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wine]:
    for program in (WINE, WINESERVER, shutil.which("makensis")):
        assert program and Path(program).exists(), "needs: apt-get install nsis wine64"
    root = tmp_path_factory.mktemp("wine")
    (root / "home").mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")},
        "WINEPREFIX": str(root / "prefix"),
        "HOME": str(root / "home"),  # Wine links the user's Desktop and Documents to $HOME
        "LC_ALL": "C.UTF-8",
        # No Mono/Gecko install prompts; no .desktop files for the shortcuts the installer makes.
        "WINEDLLOVERRIDES": "mscoree,mshtml=;winemenubuilder.exe=d",
    }
    prefix = Wine(root / "prefix", env)
    try:
        prefix.ok("wineboot", "--init")
        # wineboot returns while the prefix is still being set up in the background (services
        # install, the service database locked): an installer started now waits 10 s for RPCSS
        # and makes its shortcuts without it. Wait until everything has exited.
        subprocess.run([WINESERVER, "-w"], env=env, check=True, timeout=120)
        # Then a persistent wineserver: services.exe & co. stay up between the short runs below
        # instead of restarting for each. It daemonises (and would hold a pipe open).
        subprocess.run([WINESERVER, "-p"], env=env, check=True, timeout=60)
        # Wine 8 reports Windows 7 by default; winecfg -v writes CurrentVersion & co.
        prefix.ok("winecfg", "-v", "win10")
        yield prefix
    finally:
        subprocess.run([WINESERVER, "-k"], env=env, timeout=60)
        shutil.rmtree(root / "prefix", ignore_errors=True)  # ~700 MB of Wine DLLs


@pytest.fixture(scope="module")
def installers(payloads: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("installers")
    return [
        build_installer(payload, version, out / f"posguide-{version}-setup.exe")
        for version, payload in payloads.items()
    ]


@dataclass(frozen=True)
class Stage:
    """What an IT person would look at after one step."""

    exit_code: int
    log: str  # Wine's icacls stub logs the command line it was given
    program: set[str] | None
    start_menu: bytes | None  # the .lnk file
    desktop: bytes | None
    key: dict[str, str | int] | None
    data: set[str] | None
    scard_start: str | int | None

    @classmethod
    def seen(cls, wine: Wine, exit_code: int, log: str) -> Stage:
        return cls(
            exit_code=exit_code,
            log=log,
            program=wine.files(PROGRAM),
            start_menu=wine.read(rf"{START_MENU}\{SHORTCUT}"),
            desktop=wine.read(rf"{PUBLIC_DESKTOP}\{SHORTCUT}"),
            key=wine.key(UNINST_KEY),
            data=wine.files(DATA),
            scard_start=(wine.key(SCARD_KEY) or {}).get("Start"),
        )


@dataclass(frozen=True)
class Life:
    installed: Stage
    upgraded: Stage
    uninstalled: Stage
    app_data: Path  # what the "app" wrote between install and upgrade


def wait_for(condition: Callable[[], object], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)


@pytest.fixture(scope="module")
def life(wine: Wine, installers: list[Path]) -> Life:
    v1, v2 = installers
    # SCardSvr as a fresh Windows 10 has it: manual start. Wine has no such service.
    wine.ok("reg", "add", SCARD_KEY, "/v", "Start", "/t", "REG_DWORD", "/d", "3", "/f")
    installed = Stage.seen(wine, *wine.run(str(v1), "/S", debug="-all,fixme+icacls"))

    app_data = wine.path(rf"{DATA}\posguide.db")
    app_data.write_bytes(b"SQLite format 3\0 incidents of the shop")

    # /D= points elsewhere: an upgrade must still go where version 1 is.
    upgraded = Stage.seen(
        wine, *wine.run(str(v2), "/S", "/SCARDAUTO=1", r"/D=C:\elsewhere\posguide")
    )

    # The uninstaller copies itself to %TEMP% and returns at once; that copy does the work.
    code, log = wine.run(rf"{PROGRAM}\uninstall.exe", "/S")
    wait_for(lambda: not wine.path(PROGRAM).exists() and wine.key(UNINST_KEY) is None)
    uninstalled = Stage.seen(wine, code, log)
    return Life(installed, upgraded, uninstalled, app_data)


def test_silent_install_puts_the_program_in_program_files(life: Life) -> None:
    stage = life.installed
    assert stage.exit_code == 0, stage.log
    assert stage.program == {
        "posguide.exe",
        "uninstall.exe",
        "_internal/version.txt",
        "_internal/only_in_1.txt",
    }


def test_silent_install_makes_start_menu_and_desktop_shortcuts_to_the_exe(life: Life) -> None:
    for shortcut in (life.installed.start_menu, life.installed.desktop):
        assert shortcut is not None
        assert rf"{PROGRAM}\posguide.exe".encode() in shortcut  # the link target


def test_silent_install_registers_in_apps_and_features(life: Life) -> None:
    key = dict(life.installed.key or {})
    assert 0 < int(key.pop("EstimatedSize", 0)) < 1000  # KB: the stand-in is ~300 KB
    assert key == {
        "DisplayName": "posguide 收银故障助手",
        "DisplayVersion": "1.0.0",
        "Publisher": "posguide developers",
        "InstallLocation": PROGRAM,
        "DisplayIcon": rf"{PROGRAM}\posguide.exe",
        "UninstallString": rf'"{PROGRAM}\uninstall.exe"',
        "QuietUninstallString": rf'"{PROGRAM}\uninstall.exe" /S',
        "NoModify": 1,
        "NoRepair": 1,
    }


def test_data_folder_is_made_and_users_get_modify_rights(life: Life) -> None:
    assert life.installed.data == set()
    # Wine's icacls is a stub that changes nothing but logs what it was asked to do; on Windows
    # this grants BUILTIN\Users (by SID: the name is localised) Modify, inherited by new files.
    assert r'"C:\\ProgramData\\posguide" "/grant" "*S-1-5-32-545:(OI)(CI)M"' in life.installed.log


def test_upgrade_replaces_the_program_in_place_and_keeps_the_data(life: Life) -> None:
    stage = life.upgraded
    assert stage.exit_code == 0, stage.log
    assert stage.key is not None
    assert stage.key["DisplayVersion"] == "2.0.0"
    assert stage.key["InstallLocation"] == PROGRAM  # not the /D= given to version 2
    assert stage.program == {"posguide.exe", "uninstall.exe", "_internal/version.txt"}
    assert stage.data == {"posguide.db"}
    assert stage.start_menu is not None
    assert stage.desktop is not None


def test_smart_card_service_is_set_to_automatic_only_when_asked(life: Life) -> None:
    assert life.installed.scard_start == 3  # silent, no /SCARDAUTO=1: left to IT
    assert life.upgraded.scard_start == 2  # /SCARDAUTO=1: automatic


def test_uninstall_removes_the_program_and_keeps_the_shops_data(life: Life) -> None:
    stage = life.uninstalled
    assert stage.exit_code == 0, stage.log
    assert stage.program is None
    assert stage.key is None
    assert stage.start_menu is None
    assert stage.desktop is None
    assert stage.data == {"posguide.db"}
    assert life.app_data.read_bytes() == b"SQLite format 3\0 incidents of the shop"


def test_d_option_gets_a_folder_of_its_own_which_uninstall_removes_alone(
    wine: Wine, installers: list[Path], life: Life
) -> None:
    """/D=C:\\Tools must not make the uninstaller delete C:\\Tools. (``life`` first: it
    leaves the prefix with posguide uninstalled.)"""
    other = wine.path(r"C:\Tools\other-tool.exe")
    other.parent.mkdir()
    other.write_bytes(b"MZ someone else's program")
    code, log = wine.run(str(installers[0]), "/S", r"/D=C:\Tools")
    assert code == 0, log
    assert wine.path(r"C:\Tools\posguide\posguide.exe").is_file()
    assert (wine.key(UNINST_KEY) or {}).get("InstallLocation") == r"C:\Tools\posguide"

    wine.run(r"C:\Tools\posguide\uninstall.exe", "/S")
    wait_for(lambda: wine.key(UNINST_KEY) is None)
    assert wine.files(r"C:\Tools") == {"other-tool.exe"}


def test_upgrade_while_posguide_runs_stops_before_touching_anything(
    wine: Wine, installers: list[Path], life: Life
) -> None:
    """Windows cannot replace a running program's files: a silent upgrade must stop at once
    (exit code 2) instead of leaving half of _internal replaced. (``life`` first, as above.)"""
    v1, v2 = installers
    code, log = wine.run(str(v1), "/S")
    assert code == 0, log
    # A posguide.exe that keeps running: Wine's cmd.exe, waiting on its input.
    exe = wine.path(rf"{PROGRAM}\posguide.exe")
    shutil.copyfile(WINE_PE.with_name("cmd.exe"), exe)
    app = subprocess.Popen(
        [WINE, rf"{PROGRAM}\posguide.exe", "/k"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**wine.env, "WINEDEBUG": "-all"},
    )
    try:
        # Loaded once its image is mapped (Wine 8's tasklist lists nothing).
        wait_for(lambda: str(exe) in Path(f"/proc/{app.pid}/maps").read_text(), timeout=20)
        code, log = wine.run(str(v2), "/S")
        files, key = wine.files(PROGRAM), wine.key(UNINST_KEY)
    finally:
        app.communicate(b"exit\r\n", timeout=30)
    assert code == 2, log
    assert files is not None
    assert "_internal/only_in_1.txt" in files  # version 1 as it was
    assert (key or {}).get("DisplayVersion") == "1.0.0"

    wine.run(rf"{PROGRAM}\uninstall.exe", "/S")
    wait_for(lambda: wine.key(UNINST_KEY) is None)


@contextmanager
def per_program_version(wine: Wine, exe: str, version: str) -> Iterator[None]:
    """Wine's per-program Windows version, as winecfg's Applications tab sets it."""
    key = rf"HKCU\Software\Wine\AppDefaults\{exe}"
    wine.ok("reg", "add", key, "/v", "Version", "/d", version, "/f")
    try:
        yield
    finally:
        wine.ok("reg", "delete", key, "/f")


@contextmanager
def build_number(wine: Wine, build: str) -> Iterator[None]:
    """Windows 10 with another build: Wine reads CurrentBuildNumber when a program starts."""
    before = wine.key(NT_KEY)
    assert before is not None
    try:
        for name in ("CurrentBuild", "CurrentBuildNumber"):
            wine.ok("reg", "add", NT_KEY, "/v", name, "/d", build, "/f")
        yield
    finally:
        for name in ("CurrentBuild", "CurrentBuildNumber"):
            wine.ok("reg", "add", NT_KEY, "/v", name, "/d", str(before[name]), "/f")


def snapshot(wine: Wine) -> set[str]:
    """Every file on C: outside Windows' own folder and the temp folders."""
    drive = wine.path("C:\\")
    found = set()
    for folder, dirs, files in os.walk(drive):
        dirs[:] = [d for d in dirs if d != "Temp" and Path(folder, d) != drive / "windows"]
        found.update(str(Path(folder, f).relative_to(drive)) for f in files)
    return found


@pytest.mark.parametrize(
    "windows",
    [
        pytest.param(lambda w, exe: per_program_version(w, exe, "win7"), id="windows-7"),
        pytest.param(lambda w, exe: build_number(w, "17134"), id="windows-10-1803"),
    ],
)
def test_refuses_windows_older_than_10_1809(
    windows: Callable[[Wine, str], AbstractContextManager[None]],
    wine: Wine,
    installers: list[Path],
    tmp_path: Path,
) -> None:
    setup = shutil.copyfile(installers[0], tmp_path / "posguide-old-windows-setup.exe")
    files, key = snapshot(wine), wine.key(UNINST_KEY)
    with windows(wine, setup.name):
        code, log = wine.run(str(setup), "/S", r"/D=C:\refused\posguide")
    assert code == OLD_WINDOWS_EXIT, log
    assert snapshot(wine) == files  # nothing installed, not even the data folder
    assert wine.key(UNINST_KEY) == key


def test_installer_exe_carries_its_version(installers: list[Path]) -> None:
    data = installers[1].read_bytes()
    # VS_VERSIONINFO strings, UTF-16, what Explorer shows under Properties → Details
    for name, value in (("ProductVersion", "2.0.0"), ("ProductName", "posguide")):
        pattern = re.escape(f"{name}\0".encode("utf-16-le")) + b"(?:\0\0)?"
        pattern += re.escape(f"{value}\0".encode("utf-16-le"))
        assert re.search(pattern, data), name


def certificate(
    subject: str, key: rsa.RSAPrivateKey, issuer: x509.Certificate | None, ca_key: rsa.RSAPrivateKey
) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer.subject if issuer else name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=issuer is None, path_length=None), critical=True)
    )
    if issuer:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CODE_SIGNING]), critical=False
        )
    return builder.sign(ca_key, hashes.SHA256())


def test_signed_installer_verifies_and_a_flipped_byte_breaks_it(
    payloads: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert shutil.which("osslsigncode"), "needs: apt-get install osslsigncode"
    ca_key, signer_key = (rsa.generate_private_key(65537, 2048) for _ in range(2))
    ca = certificate("posguide test CA", ca_key, None, ca_key)
    signer = certificate("posguide test signer", signer_key, ca, ca_key)
    (tmp_path / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "signer.pfx").write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer", signer_key, signer, [ca], serialization.BestAvailableEncryption(b"s3cret")
        )
    )
    monkeypatch.setenv("POSGUIDE_SIGN_PASSWORD", "s3cret")
    setup = build_installer(
        payloads["1.0.0"], "1.0.0", tmp_path / "posguide-1.0.0-setup.exe",
        "--sign-pkcs12", str(tmp_path / "signer.pfx"), "--verify-ca", str(tmp_path / "ca.pem"),
    )  # fmt: skip

    def verify(exe: Path, ca: Path) -> subprocess.CompletedProcess[str]:
        args = ["osslsigncode", "verify", "-CAfile", str(ca), "-in", str(exe)]
        return subprocess.run(args, capture_output=True, text=True, timeout=60)

    assert verify(setup, tmp_path / "ca.pem").returncode == 0
    other_key = rsa.generate_private_key(65537, 2048)
    (tmp_path / "other.pem").write_bytes(
        certificate("another CA", other_key, None, other_key).public_bytes(
            serialization.Encoding.PEM
        )
    )
    assert verify(setup, tmp_path / "other.pem").returncode != 0  # the chain is checked
    tampered = bytearray(setup.read_bytes())
    tampered[len(tampered) // 2] ^= 0xFF  # in the compressed payload, before the signature
    setup.write_bytes(tampered)
    result = verify(setup, tmp_path / "ca.pem")
    assert result.returncode != 0
    assert "MISMATCH" in result.stdout + result.stderr
