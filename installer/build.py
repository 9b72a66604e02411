"""Build posguide for shop PCs on the platform this runs on (PyInstaller does not cross-build).

    python installer/build.py [--out dist]

1. a wheel of posguide (the package carries its data; translations compiled by the build);
2. a clean virtual environment from ``requirements.lock`` (pinned, hashed) plus that wheel;
3. the one-folder app with PyInstaller (``installer/posguide.spec``), checked by running its own
   ``--self-test``;
4. Linux: a ``.deb`` (``/opt/posguide``, desktop entry, icon) and a ``.tar.gz``;
   Windows: the NSIS installer (``installer/windows/build_installer.py``), signed when asked.

Needs ``uv`` (a dev dependency) and, for the ``.deb``, ``dpkg-deb``. Prints the artefacts.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
INSTALLER = REPO / "installer"
WINDOWS = sys.platform == "win32"
BIN = "Scripts" if WINDOWS else "bin"
EXE = ".exe" if WINDOWS else ""

ICONS = "usr/share/icons/hicolor/scalable/apps"


def debian_relations() -> tuple[list[str], list[str]]:
    """The .deb's Depends and Recommends: the packages whose libraries the bundle takes from
    the system, and the others the frozen app needs (installer/linux/system-libraries.toml)."""
    listed = tomllib.loads((INSTALLER / "linux" / "system-libraries.toml").read_text("utf-8"))
    return [*listed["other"]["packages"], *listed["packages"]], listed["other"]["recommends"]


def version() -> str:
    text = (REPO / "posguide" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    if not found:
        raise SystemExit("no __version__ in posguide/__init__.py")
    return found.group(1)


def run(*args: str | Path, cwd: Path | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=cwd)


def uv() -> str:
    found = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if not found:
        raise SystemExit("uv is needed: pip install uv")
    return found


def build_environment(work: Path) -> Path:
    """A virtual environment with exactly the locked packages and posguide's wheel."""
    wheels = work / "wheel"
    shutil.rmtree(wheels, ignore_errors=True)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, REPO)
    (wheel,) = wheels.glob("posguide-*.whl")
    venv = work / "venv"
    shutil.rmtree(venv, ignore_errors=True)
    run(uv(), "venv", "-q", "--python", sys.executable, venv)
    python = venv / BIN / f"python{EXE}"
    lock = REPO / "requirements.lock"
    run(uv(), "pip", "install", "-q", "--python", python, "--require-hashes", "-r", lock)
    run(uv(), "pip", "install", "-q", "--python", python, "--no-deps", wheel)
    return python


def freeze(python: Path, work: Path) -> Path:
    """The one-folder app. PyInstaller runs outside the checkout, so it packs the installed
    posguide (with its data), not the source tree's."""
    if WINDOWS:
        windows_icon(python, INSTALLER / "windows" / "posguide.ico")
    dist = work / "dist"
    run(python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", dist, "--workpath", work / "pyinstaller", INSTALLER / "posguide.spec",
        cwd=work)  # fmt: skip
    app = dist / "posguide"
    program = app / ("posguidec.exe" if WINDOWS else "posguide")
    run(program, "--self-test", cwd=work)
    return app


def windows_icon(python: Path, target: Path) -> None:
    """posguide.ico from the SVG icon, drawn by Qt (sizes Windows asks for)."""
    script = (
        "import sys; from PySide6.QtGui import QGuiApplication, QImage, QPainter;"
        "from PySide6.QtSvg import QSvgRenderer; app = QGuiApplication(['x']);"
        "r = QSvgRenderer(sys.argv[1]); img = QImage(256, 256, QImage.Format_ARGB32);"
        "img.fill(0); p = QPainter(img); r.render(p); p.end(); img.save(sys.argv[2], 'ICO')"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    svg = REPO / "resources" / "icons" / "posguide.svg"
    subprocess.run([str(python), "-c", script, str(svg), str(target)], check=True, env=env)


def debian_package(app: Path, work: Path, out: Path, ver: str) -> Path:
    """``posguide_<version>_amd64.deb``: the app under /opt/posguide, a command in /usr/bin, a
    desktop entry and an icon. No maintainer scripts: it changes nothing beyond its files."""
    root = work / "deb"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(app, root / "opt" / "posguide", symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "posguide").symlink_to("/opt/posguide/posguide")
    linux = INSTALLER / "linux"
    for source, target in (
        (linux / "posguide.desktop", "usr/share/applications/posguide.desktop"),
        (REPO / "resources" / "icons" / "posguide.svg", f"{ICONS}/posguide.svg"),
        (linux / "copyright", "usr/share/doc/posguide/copyright"),
    ):  # fmt: skip
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, root / target)
    size_kib = sum(f.stat().st_size for f in root.rglob("*") if f.is_file()) // 1024
    depends, recommends = debian_relations()
    control = (
        (linux / "control.in")
        .read_text(encoding="utf-8")
        .format(
            version=ver,
            size_kib=size_kib,
            depends=", ".join(depends),
            recommends=", ".join(recommends),
        )
    )
    (root / "DEBIAN").mkdir()
    (root / "DEBIAN" / "control").write_text(control, encoding="utf-8")
    for path in [root, *root.rglob("*")]:  # 755 folders, files as PyInstaller made them
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    target = out / f"posguide_{ver}_amd64.deb"
    run("dpkg-deb", "--root-owner-group", "-Zxz", "--build", root, target)
    return target


def tarball(app: Path, out: Path, ver: str) -> Path:
    """``posguide-<version>-linux-x86_64.tar.gz``: the same folder, for systems without dpkg."""
    target = out / f"posguide-{ver}-linux-x86_64.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:  # 9 takes twice as long
        tar.add(app, arcname=f"posguide-{ver}")
        tar.add(
            INSTALLER / "linux" / "posguide.desktop", arcname=f"posguide-{ver}/posguide.desktop"
        )
    return target


def windows_installer(app: Path, out: Path, ver: str, sign: list[str]) -> Path:
    target = out / f"posguide-{ver}-setup.exe"
    run(sys.executable, INSTALLER / "windows" / "build_installer.py", "--payload", app,
        "--version", ver, "--out", target, *sign)  # fmt: skip
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "dist", help="where the artefacts go")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "installer")
    parser.add_argument("--app-only", action="store_true", help="only the one-folder app")
    parser.add_argument("--sign", nargs=argparse.REMAINDER, default=[],
                        help="Windows: options for build_installer.py's signing")  # fmt: skip
    args = parser.parse_args(argv)
    ver = version()
    work, out = args.work.resolve(), args.out.resolve()
    work.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    app = freeze(build_environment(work), work)
    artefacts = [app]
    if not args.app_only:
        if WINDOWS:
            artefacts.append(windows_installer(app, out, ver, args.sign))
        else:
            artefacts += [debian_package(app, work, out, ver), tarball(app, out, ver)]
    for artefact in artefacts:
        print(artefact)
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except subprocess.CalledProcessError as err:  # the step's own output is above
        command = " ".join(str(a) for a in err.cmd)
        raise SystemExit(f"build failed: {command} exited with {err.returncode}") from None
