"""Build the posguide Windows installer from a PyInstaller one-folder build, optionally signed.

    python installer/windows/build_installer.py --payload dist/posguide --version 1.2.3 \\
        --out dist/posguide-1.2.3-setup.exe [--sign-pkcs12 cert.pfx] [--verify-ca ca.pem]

Runs ``makensis`` (NSIS 3) on posguide.nsi next to this file, then ``osslsigncode`` to sign and
verify. The PKCS#12 password comes from $POSGUIDE_SIGN_PASSWORD, never the command line (it would
show in the process list and CI logs). Works on Windows and Linux alike; stdlib only.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().with_name("posguide.nsi")
PASSWORD_ENV = "POSGUIDE_SIGN_PASSWORD"
VERSION_RE = re.compile(r"\d+\.\d+\.\d+")  # VIProductVersion wants numbers: X.Y.Z becomes X.Y.Z.0


class BuildError(Exception):
    """A failure the user can act on; main() prints it without a traceback."""


def tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BuildError(
            f"{name} not found on PATH (Debian: apt-get install {name}, "
            "Windows: install it and add it to PATH)"
        )
    return found


def run(args: list[str], what: str, timeout: float) -> None:
    try:
        result = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise BuildError(f"{what} took more than {timeout:.0f} s") from exc
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise BuildError(f"{what} failed (exit code {result.returncode}):\n{output}")


def build(payload: Path, version: str, out: Path) -> None:
    if not VERSION_RE.fullmatch(version):
        raise BuildError(f"version must be X.Y.Z (numbers only), not {version!r}")
    if not (payload / "posguide.exe").is_file():
        raise BuildError(f"{payload} has no posguide.exe: not a PyInstaller one-folder build")
    out.parent.mkdir(parents=True, exist_ok=True)
    # "-" options work with makensis on Windows too; -V2 keeps warnings and errors only.
    run(
        [
            tool("makensis"),
            "-V2",
            "-WX",  # a warning (e.g. a missing language string) fails the build
            f"-DVERSION={version}",
            f"-DPAYLOAD={payload.resolve()}",
            f"-DOUTFILE={out.resolve()}",
            str(SCRIPT),
        ],
        "makensis",
        timeout=1800,  # the real payload is ~170 MB of solid LZMA
    )


def sign(
    exe: Path,
    *,
    pkcs12: Path | None,
    cert: Path | None,
    key: Path | None,
    timestamp_url: str | None,
) -> None:
    """Authenticode-sign ``exe`` in place (osslsigncode writes a new file, then we replace)."""
    if pkcs12:
        password = os.environ.get(PASSWORD_ENV)
        if password is None:
            raise BuildError(f"--sign-pkcs12 needs the password in ${PASSWORD_ENV}")
        # "-readpass -" reads it from stdin: it stays off the command line.
        credentials = ["-pkcs12", str(pkcs12), "-readpass", "-"]
    elif cert and key:
        password = None
        credentials = ["-certs", str(cert), "-key", str(key)]
    else:
        raise BuildError("signing needs --sign-pkcs12 or --sign-cert with --sign-key")
    signed = exe.with_name(exe.name + ".signed")
    args = [tool("osslsigncode"), "sign", *credentials, "-h", "sha256", "-n", "posguide"]
    if timestamp_url:
        args += ["-ts", timestamp_url]
    args += ["-in", str(exe), "-out", str(signed)]
    try:
        result = subprocess.run(args, input=password, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired as exc:
        raise BuildError("osslsigncode sign took more than 300 s") from exc
    if result.returncode != 0:
        signed.unlink(missing_ok=True)
        output = (result.stdout + result.stderr).strip()
        raise BuildError(f"osslsigncode sign failed (exit code {result.returncode}):\n{output}")
    signed.replace(exe)


def verify(exe: Path, ca: Path) -> None:
    run(
        [tool("osslsigncode"), "verify", "-CAfile", str(ca), "-in", str(exe)],
        "osslsigncode verify",
        timeout=300,
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--payload",
        type=Path,
        required=True,
        help="PyInstaller one-folder build (posguide.exe and _internal/)",
    )
    parser.add_argument("--version", required=True, help="X.Y.Z")
    parser.add_argument("--out", type=Path, required=True, help="the installer .exe to write")
    signing = parser.add_argument_group(
        "signing", f"Authenticode; the PKCS#12 password is read from ${PASSWORD_ENV}"
    )
    signing.add_argument("--sign-pkcs12", type=Path, metavar="FILE.pfx")
    signing.add_argument(
        "--sign-cert",
        type=Path,
        metavar="CERTS.pem",
        help="certificate chain (PEM or DER), with --sign-key",
    )
    signing.add_argument("--sign-key", type=Path, metavar="KEY.pem", help="unencrypted key")
    signing.add_argument(
        "--timestamp-url",
        metavar="URL",
        help="RFC 3161 timestamp server (off by default: needs the network)",
    )
    signing.add_argument(
        "--verify-ca",
        type=Path,
        metavar="CA.pem",
        help="after signing, verify the signature chains to this CA",
    )
    args = parser.parse_args(argv)
    if args.sign_pkcs12 and (args.sign_cert or args.sign_key):
        parser.error("use either --sign-pkcs12 or --sign-cert/--sign-key")
    if bool(args.sign_cert) != bool(args.sign_key):
        parser.error("--sign-cert and --sign-key go together")
    signs = bool(args.sign_pkcs12 or args.sign_cert)
    if (args.timestamp_url or args.verify_ca) and not signs:
        parser.error("--timestamp-url and --verify-ca need --sign-pkcs12 or --sign-cert")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        build(args.payload, args.version, args.out)
    except (BuildError, OSError) as exc:
        print(f"build_installer: {exc}", file=sys.stderr)
        return 1
    try:
        if args.sign_pkcs12 or args.sign_cert:
            sign(
                args.out,
                pkcs12=args.sign_pkcs12,
                cert=args.sign_cert,
                key=args.sign_key,
                timestamp_url=args.timestamp_url,
            )
        if args.verify_ca:
            verify(args.out, args.verify_ca)
    except BuildError as exc:
        # An unsigned or unverifiable installer must not sit where a release is expected.
        args.out.unlink(missing_ok=True)
        print(f"build_installer: {exc}\n{args.out} removed", file=sys.stderr)
        return 1
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
