"""What pyproject.toml cannot say about building posguide.

- ``resources/`` (playbook, pictures, styles, sounds, training, translations) stays at the top of
  the repository and ships inside the package as ``posguide.data``: the app reads it with
  ``importlib.resources`` from a wheel, an editable checkout and the frozen build alike.
- The translations are compiled (``.ts`` → ``.qm``, Qt's ``lrelease`` from the PySide6 wheel)
  when the package is built, never at run time: the install folder is read-only under Program
  Files or /opt. An editable install compiles them into ``resources/i18n/`` of the checkout.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from setuptools import find_namespace_packages, find_packages, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
RESOURCES = HERE / "resources"
DATA_PACKAGE = "posguide.data"


def lrelease(source: Path, target: Path) -> None:
    import PySide6  # a build requirement (pyproject.toml)

    tool = Path(PySide6.__file__).parent / (
        "lrelease.exe" if sys.platform == "win32" else "lrelease"
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(tool), "-silent", str(source), "-qm", str(target)], check=True, timeout=120)


class BuildPyWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        data_root = (
            RESOURCES if self.editable_mode else Path(self.build_lib, *DATA_PACKAGE.split("."))
        )
        for ts in sorted((RESOURCES / "i18n").glob("*.ts")):
            lrelease(ts, data_root / "i18n" / ts.with_suffix(".qm").name)


data_subpackages = [
    f"{DATA_PACKAGE}.{name}"
    for name in find_namespace_packages(str(RESOURCES), exclude=["*__pycache__*"])
]

setup(
    packages=[*find_packages(include=["posguide", "posguide.*"]), DATA_PACKAGE, *data_subpackages],
    package_dir={DATA_PACKAGE: "resources"},
    package_data={DATA_PACKAGE: ["*.toml"], **{name: ["*"] for name in data_subpackages}},
    exclude_package_data={f"{DATA_PACKAGE}.i18n": ["*.ts", "*.qm"]},
    include_package_data=False,
    cmdclass={"build_py": BuildPyWithTranslations},
)
