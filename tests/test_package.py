"""The package carries its data: a wheel built from the checkout's files, installed with the lock
file into a fresh virtual environment outside the checkout, passes ``posguide --self-test``
there: playbook, pictures, styles, training and the compiled translations all come from the
installed package, never from the checkout. A damaged installation fails the self-test with
the reason."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]  # the first test waits for the build

REPO = Path(__file__).resolve().parent.parent
BIN = "Scripts" if sys.platform == "win32" else "bin"
UV = shutil.which("uv", path=str(Path(sys.executable).parent)) or "uv"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def checked(*args: str | Path, cwd: Path | None = None) -> str:
    done = run(*args, cwd=cwd)
    assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built (isolated, as any builder would) from a copy of the files git knows: what a clean
    clone has, and nothing the checkout generated (the editable install's .qm)."""
    source = tmp_path_factory.mktemp("source")
    files = checked("git", "ls-files", "--cached", "--others", "--exclude-standard", cwd=REPO)
    for name in files.splitlines():
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    assert not list(source.rglob("*.qm")), "the copy should have no compiled translations"
    wheels = tmp_path_factory.mktemp("wheels")
    checked(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, source)
    (built,) = wheels.glob("posguide-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment: the lock file's pinned, hashed dependencies, then the wheel."""
    venv = tmp_path_factory.mktemp("venv")
    checked(UV, "venv", "-q", "--python", sys.executable, venv)
    python = venv / BIN / "python"
    lock = REPO / "requirements.lock"
    checked(UV, "pip", "install", "-q", "--python", python, "--require-hashes", "-r", lock)
    checked(UV, "pip", "install", "-q", "--python", python, "--no-deps", wheel)
    return venv


def installed_data(venv: Path) -> Path:
    code = "from posguide.resources import resources_dir; print(resources_dir())"
    out = checked(venv / BIN / "python", "-c", code, cwd=venv)  # not the checkout's posguide/
    return Path(out.strip())


def test_the_wheel_carries_the_data_and_compiled_translations_but_no_sources_or_tests(
    wheel: Path,
) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for data in (
        "posguide/data/playbook/default.yaml",
        "posguide/data/pictures/router_lights_ok.svg",
        "posguide/data/style/posguide.qss",
        "posguide/data/sounds/alarm.wav",
        "posguide/data/training/scenarios.yaml",
        "posguide/data/i18n/posguide_zh_CN.qm",
        "posguide/data/i18n/report_strings.toml",
    ):
        assert data in names
    assert not [n for n in names if n.endswith(".ts") or n.startswith("tests/")]
    tracked = {
        p.relative_to(REPO / "resources").as_posix() for p in (REPO / "resources").rglob("*")
    }
    shipped = {n.removeprefix("posguide/data/") for n in names if n.startswith("posguide/data/")}
    missing = (
        {n for n in tracked if (REPO / "resources" / n).is_file() and "__pycache__" not in n}
        - shipped
        - {"i18n/posguide_zh_CN.ts", "i18n/posguide_zh_CN.qm"}
    )
    assert not missing, f"resources not in the wheel: {sorted(missing)}"


def test_installed_outside_the_checkout_the_self_test_passes_on_the_packaged_data(
    venv: Path, tmp_path: Path
) -> None:
    done = run(venv / BIN / "posguide", "--self-test", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test passed: 10 checks" in done.stdout
    data = installed_data(venv)
    assert data.is_relative_to(venv) and data.name == "data"
    assert str(data) in done.stdout  # the data files checked were the installed ones
    assert str(REPO) not in done.stdout
    assert "培训模式" in done.stdout  # the compiled Chinese translation loaded


def test_a_damaged_installation_fails_the_self_test_with_the_reason(
    venv: Path, tmp_path: Path
) -> None:
    playbook = installed_data(venv) / "playbook" / "default.yaml"
    original = playbook.read_bytes()
    try:
        playbook.write_text("steps: [\n", encoding="utf-8")
        done = run(venv / BIN / "posguide", "--self-test", cwd=tmp_path)
    finally:
        playbook.write_bytes(original)
    assert done.returncode == 1
    assert "FAIL  data files" in done.stdout
    assert "self-test FAILED (1 of 10 checks): data files: PlaybookError" in done.stdout
    assert "default.yaml" in done.stdout


def test_every_runtime_dependency_has_an_upper_bound_and_is_locked_with_hashes() -> None:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(r) for r in project["dependencies"]]
    wanted += [Requirement(r) for r in project["optional-dependencies"]["build"]]
    unbounded = [str(r) for r in wanted if not any(s.operator in "<~=" for s in r.specifier)]
    assert not unbounded, f"no upper bound: {unbounded}"
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8").replace("\\\n", " ")
    pins: dict[str, tuple[str, str]] = {}
    for line in lock.splitlines():
        if line and not line.startswith((" ", "#")):
            name, _, rest = line.partition("==")
            version = rest.split()[0]
            pins[name.strip().lower()] = (version, line)
    for requirement in wanted:
        name = requirement.name.lower()
        assert name in pins, f"{name} is not in requirements.lock"
        version, line = pins[name]
        assert requirement.specifier.contains(version), f"{name}=={version} breaks {requirement}"
        assert "--hash=sha256:" in line, f"{name} has no hash in requirements.lock"
