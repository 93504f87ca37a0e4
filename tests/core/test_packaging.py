"""The wheel holds one import package, `recipegen`, with generators, linters and schemas inside."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["pyproject.toml", "setup.py", "README.md", "recipegen", "generators", "linters", "schemas"]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> list[str]:
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    src.mkdir()
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif path.exists():
            shutil.copy2(path, src / name)
    out = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(src)],
        check=True,
        capture_output=True,
        cwd=work,
    )
    (wheel,) = out.glob("recipegen-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        return zf.namelist()


def test_only_one_top_level_package(wheel_names):
    top = {name.split("/")[0] for name in wheel_names if not name.split("/")[0].endswith(".dist-info")}
    assert top == {"recipegen"}


def test_generators_linters_and_schemas_inside(wheel_names):
    assert "recipegen/generators/__init__.py" in wheel_names
    assert "recipegen/linters/__init__.py" in wheel_names
    assert "recipegen/linters/api.py" in wheel_names
    assert "recipegen/schemas/recipe-v1.schema.json" in wheel_names
    assert "recipegen/schemas/variants.schema.json" in wheel_names
    assert "recipegen/data/conda-forge-names.txt.gz" in wheel_names


def test_console_script_declared(wheel_names):
    entry_points = [n for n in wheel_names if n.endswith("entry_points.txt")]
    assert entry_points


PACKAGE_OF = {
    "recipegen": "recipegen",
    "generators": "recipegen/generators",
    "linters": "recipegen/linters",
    "schemas": "recipegen/schemas",
}


def test_every_source_file_is_in_the_wheel(wheel_names):
    """A folder of modules without __init__.py is silently left out of the install (it happened
    to recipegen/update): every module and data file of the source tree must be in the wheel."""
    missing = []
    for folder, package in PACKAGE_OF.items():
        for path in (ROOT / folder).rglob("*"):
            if "__pycache__" in path.parts or not path.is_file() or path.suffix in (".pyc", ".md"):
                continue
            name = f"{package}/{path.relative_to(ROOT / folder).as_posix()}"
            if name not in wheel_names:
                missing.append(name)
    assert missing == []
