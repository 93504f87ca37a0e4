"""Rules that check built packages given with `--artifact` (static archives, headers)."""

from __future__ import annotations

import io
import json
import tarfile
import textwrap
from pathlib import Path

import pytest

from recipegen.linters.api import lint_document, load_v1
from recipegen.linters.model import LintOptions

RECIPE = textwrap.dedent("""\
    recipe:
      name: foo-split
    outputs:
      - package:
          name: libfoo
      - package:
          name: libfoo-devel
      - package:
          name: libfoo-static
    """)


def make_package(folder: Path, name: str, files: list[str]) -> Path:
    """A minimal `.tar.bz2` conda package: info/index.json plus empty payload files."""
    path = folder / f"{name}-1.0-0.tar.bz2"
    with tarfile.open(path, "w:bz2") as tar:
        for member, data in [("info/index.json", json.dumps({"name": name, "version": "1.0"}).encode()),
                             *((f, b"") for f in files)]:
            info = tarfile.TarInfo(member)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def findings(tmp_path: Path, packages: dict[str, list[str]], rule: str) -> list[tuple[int, str]]:
    pytest.importorskip("recipegen.linters.artifacts")
    from recipegen.linters.artifacts import read_artifacts

    doc = load_v1(RECIPE, str(tmp_path / "recipe.yaml"), tmp_path)
    doc.artifacts = read_artifacts(tuple(make_package(tmp_path, n, f) for n, f in packages.items()))
    return [(p.line, p.message) for p in lint_document(doc, LintOptions(), select=[rule]) if p.rule_id == rule]


@pytest.mark.parametrize(("packages", "rule", "lines"), [
    ({"libfoo": ["lib/libfoo.so.1", "lib/libfoo.a"]}, "artifact-static-archive", [5]),
    ({"libfoo-devel": ["include/foo.h", "Library/lib/foo_static.lib"]}, "artifact-static-archive", [7]),
    ({"libfoo": ["lib/libfoo.so.1", "Library/lib/libfoo.dll.a"], "libfoo-static": ["lib/libfoo.a"]},
     "artifact-static-archive", []),
    ({"libfoo": ["lib/libfoo.so.1", "include/foo/foo.h"]}, "artifact-headers-in-runtime", [5]),
    ({"libfoo": ["lib/libfoo.so.1"], "libfoo-devel": ["include/foo/foo.h", "lib/libfoo.so"]},
     "artifact-headers-in-runtime", []),
], ids=["archive-in-runtime", "static-lib-in-devel", "import-lib-and-static-output",
        "headers-in-runtime", "headers-in-devel"])
def test_artifact_rules(tmp_path: Path, packages: dict[str, list[str]], rule: str, lines: list[int]) -> None:
    assert [line for line, _ in findings(tmp_path, packages, rule)] == lines
