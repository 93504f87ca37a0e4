"""Findings about conda-forge.yml and variant files carry that file and their position as data
(review2 #5): every reporter shows them there, their fixes read the problem's file and line (never
its message), and a fix never edits a file other than its problem's."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner
from recipegen.linters.api import LintRequest, lint_file, load_document
from recipegen.linters.fixing import fix_file, fix_for

from recipegen.cli import main

ROOT = Path(__file__).resolve().parents[2]
FORGE_YML = "conda_build_tool: rattler-build\ntest_on_native_only: true\nos_version:\n  linux_64: cos7\n"
CBC = "MACOSX_DEPLOYMENT_TARGET:  # [osx and x86_64]\n  - '10.15'                 # [osx and x86_64]\n"
VARIANTS = "c_stdlib_version:\n  - if: osx\n    then: '10.13'\n"


def _feedstock(root: Path, variants: str = CBC, name: str = "conda_build_config.yaml") -> Path:
    recipe = root / "foo-feedstock" / "recipe"
    recipe.mkdir(parents=True)
    shutil.copy(ROOT / "fixtures" / "recipes" / "v1" / "c-ares-feedstock" / "recipe.yaml", recipe / "recipe.yaml")
    (recipe / name).write_text(variants, encoding="utf-8")
    (recipe.parent / "conda-forge.yml").write_text(FORGE_YML, encoding="utf-8")
    return recipe / "recipe.yaml"


OTHER_FILE_RULES = {
    "forge-yml-deprecated-key": ("conda-forge.yml", 2),
    "forge-yml-old-os-version": ("conda-forge.yml", 3),
    "variants-macos-deployment-target-key": ("conda_build_config.yaml", 1),
}


def test_findings_in_other_files_are_placed_there(tmp_path):
    recipe = _feedstock(tmp_path)
    problems = lint_file(recipe, LintRequest(conda_forge=True, ignore=("render-fails",))).problems
    placed = {p.rule_id: (Path(p.file).name, p.line) for p in problems if p.rule_id in OTHER_FILE_RULES}
    assert placed == OTHER_FILE_RULES
    assert not [p.message for p in problems if p.message.startswith(("conda-forge.yml:", "conda_build_config"))]


def test_macos_variant_values_are_placed_at_their_key(tmp_path):
    recipe = _feedstock(tmp_path, VARIANTS, "variants.yaml")
    problems = lint_file(recipe, LintRequest(conda_forge=True, select=("variants-macos-below-baseline",))).problems
    assert [(Path(p.file).name, p.line, p.column) for p in problems] == [("variants.yaml", 1, 1)]


def test_reporters_name_the_other_file(tmp_path):
    recipe = _feedstock(tmp_path)
    runner = CliRunner()
    args = ["lint", "--conda-forge", "--ignore", "render-fails", "--select", ",".join(OTHER_FILE_RULES)]
    text = runner.invoke(main, [*args, str(recipe)]).stdout
    assert f"{recipe.parent.parent / 'conda-forge.yml'}:2:1: hint forge-yml-deprecated-key" in text
    listed = json.loads(runner.invoke(main, [*args, "--format", "json", str(recipe)]).stdout)
    assert {(Path(p["file"]).name, p["line"]) for p in listed} == set(OTHER_FILE_RULES.values())
    github = runner.invoke(main, [*args, "--format", "github", str(recipe)]).stdout
    assert f"file={recipe.parent / 'conda_build_config.yaml'},line=1," in github
    sarif = json.loads(runner.invoke(main, [*args, "--format", "sarif", str(recipe)]).stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert any(uri.endswith("conda-forge.yml") for uri in uris)


def test_fixes_read_the_problems_file_and_line(tmp_path):
    recipe = _feedstock(tmp_path)
    problems = lint_file(recipe, LintRequest(conda_forge=True, ignore=("render-fails",))).problems
    doc = load_document(recipe)
    deprecated = next(p for p in problems if p.rule_id == "forge-yml-deprecated-key")
    found = fix_for(doc, deprecated)
    assert found is not None and found.file == recipe.parent.parent / "conda-forge.yml"
    assert fix_for(doc, replace(deprecated, message="something else entirely")) is not None  # not read
    assert fix_for(doc, replace(deprecated, line=1)) is None  # line 1 is not a deprecated key
    assert fix_for(doc, replace(deprecated, file=str(recipe))) is None  # a fix edits its problem's file
    target = next(p for p in problems if p.rule_id == "variants-macos-deployment-target-key")
    assert fix_for(doc, replace(target, file=str(recipe.parent / "variants.yaml"))) is None
    result = fix_file(recipe, LintRequest(conda_forge=True, ignore=("render-fails",)), write=False)
    changed = {path.name: new for path, (_, new) in result.changed.items()}
    assert changed["conda-forge.yml"] == "conda_build_tool: rattler-build\n"
    assert changed["conda_build_config.yaml"].startswith("c_stdlib_version:  # [osx and x86_64]\n")
