"""pyproject.toml's dependency lists: runtime needs only, each package once."""

from __future__ import annotations

import re
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower()


def test_each_runtime_dependency_once():
    names = [_name(r) for r in tomllib.loads(PYPROJECT.read_text())["project"]["dependencies"]]
    assert len(names) == len(set(names)), names


def test_grayskull_is_a_maintainer_extra_only():
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    assert "grayskull" not in {_name(r) for r in project["dependencies"]}
    assert "grayskull" in {_name(r) for r in project["optional-dependencies"]["dev"]}
    root = PYPROJECT.parent
    importers = [
        p.relative_to(root).as_posix()
        for folder in ("recipegen", "generators", "linters", "schemas")
        for p in (root / folder).rglob("*.py")
        if re.search(r"^\s*(import grayskull|from grayskull)|files\(\"grayskull", p.read_text(), re.M)
    ]
    assert importers == ["generators/pypi/build_name_map.py"]
