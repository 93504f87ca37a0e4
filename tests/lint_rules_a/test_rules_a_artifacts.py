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
        for member, data in [
            ("info/index.json", json.dumps({"name": name, "version": "1.0"}).encode()),
            *((f, b"") for f in files),
        ]:
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


@pytest.mark.parametrize(
    ("packages", "rule", "lines"),
    [
        ({"libfoo": ["lib/libfoo.so.1", "lib/libfoo.a"]}, "artifact-static-archive", [5]),
        ({"libfoo-devel": ["include/foo.h", "Library/lib/foo_static.lib"]}, "artifact-static-archive", [7]),
        (
            {"libfoo": ["lib/libfoo.so.1", "Library/lib/libfoo.dll.a"], "libfoo-static": ["lib/libfoo.a"]},
            "artifact-static-archive",
            [],
        ),
        ({"libfoo": ["lib/libfoo.so.1", "include/foo/foo.h"]}, "artifact-headers-in-runtime", [5]),
        (
            {"libfoo": ["lib/libfoo.so.1"], "libfoo-devel": ["include/foo/foo.h", "lib/libfoo.so"]},
            "artifact-headers-in-runtime",
            [],
        ),
    ],
    ids=[
        "archive-in-runtime",
        "static-lib-in-devel",
        "import-lib-and-static-output",
        "headers-in-runtime",
        "headers-in-devel",
    ],
)
def test_artifact_rules(tmp_path: Path, packages: dict[str, list[str]], rule: str, lines: list[int]) -> None:
    assert [line for line, _ in findings(tmp_path, packages, rule)] == lines


def test_package_of_another_recipe_is_one_warning_not_its_findings(tmp_path: Path) -> None:
    pytest.importorskip("recipegen.linters.artifacts")
    from recipegen.linters.artifacts import read_artifacts

    doc = load_v1(RECIPE, str(tmp_path / "recipe.yaml"), tmp_path)
    doc.artifacts = read_artifacts(
        (
            make_package(tmp_path, "foo", ["lib/libfoo.a", "include/foo.h"]),
            make_package(tmp_path, "libfoo", ["lib/libfoo.so.1"]),
        )
    )
    found = [
        (p.rule_id, p.line, p.column) for p in lint_document(doc, LintOptions()) if p.rule_id.startswith("artifact-")
    ]
    assert found == [("artifact-not-in-recipe", 2, 9)]
    [problem] = list(lint_document(doc, LintOptions(), select=["artifact-not-in-recipe"]))
    assert problem.message.startswith("The package `foo` (")
    assert "`libfoo`, `libfoo-devel`, `libfoo-static`" in problem.message


def test_matching_packages_raise_no_not_in_recipe_warning(tmp_path: Path) -> None:
    assert (
        findings(tmp_path, {"libfoo": ["lib/libfoo.so.1"], "libfoo-static": ["lib/libfoo.a"]}, "artifact-not-in-recipe")
        == []
    )


def test_cli_unrelated_artifact_on_single_output_recipe(tmp_path: Path) -> None:
    import json as json_

    from click.testing import CliRunner

    from recipegen.cli import main

    recipe = tmp_path / "click"
    recipe.mkdir()
    (recipe / "recipe.yaml").write_text("package:\n  name: click\n  version: 8.1.7\n")
    package = make_package(tmp_path, "foo", ["lib/libfoo.a"])
    result = CliRunner().invoke(
        main,
        [
            "lint",
            str(recipe),
            "--artifact",
            str(package),
            "--format",
            "json",
            "--select",
            "artifact-static-archive",
            "--select",
            "artifact-not-in-recipe",
        ],
    )
    problems = json_.loads(result.output)
    problems = problems["problems"] if isinstance(problems, dict) else problems
    assert [(p["rule_id"], p["line"]) for p in problems] == [("artifact-not-in-recipe", 2)], result.output


def test_many_recipes_one_warning_per_package_built_by_none(tmp_path: Path) -> None:
    from recipegen.linters.api import LintRequest, lint_paths

    from recipegen.problems import Severity

    for name in ("click", "libfoo"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "recipe.yaml").write_text(f"package:\n  name: {name}\n  version: '1.0'\n")
    built = make_package(tmp_path, "libfoo", ["lib/libfoo.so.1"])
    stray = make_package(tmp_path, "foo", ["lib/libfoo.a"])
    request = LintRequest(
        select=("artifact-not-in-recipe",), artifacts=(built, stray), severity_threshold=Severity.WARNING
    )
    result = lint_paths([tmp_path / "click", tmp_path / "libfoo"], request, jobs=1)
    found = [(Path(p.file).parent.name, p.message.split("`")[1]) for p in result.problems]
    assert found == [("click", "foo")]
    assert [f.failed for f in result.files] == [True, False]
