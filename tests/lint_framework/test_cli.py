"""`recipegen lint`: exit codes, formats, options."""

from __future__ import annotations

import json

from recipegen.problems import Problem, Severity
from recipegen.reporters import format_github

from .conftest import CLEAN_V1, NO_LICENSE_V1, run_cli, run_json, write_recipe


def test_clean_recipe_exits_0_with_summary(tmp_path):
    path = write_recipe(tmp_path / "foo", CLEAN_V1)
    code, out = run_cli("--select", "license-missing,schema", str(path))
    assert code == 0
    assert out.strip() == "no problems in 1 file(s)"


def test_error_exits_1_and_text_line_format(tmp_path):
    path = write_recipe(tmp_path / "foo", NO_LICENSE_V1)
    code, out = run_cli("--select", "license-missing", "--no-color", str(path))
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{path}:")
    location, rest = first.split(": ", 1)
    _, line, column = location.rsplit(":", 2)
    assert int(line) > 0 and int(column) > 0
    assert rest.startswith("error license-missing ")
    assert out.splitlines()[-1].startswith("1 problem(s) in 1 file(s): 1 error(s)")


def test_colour_only_when_asked(tmp_path):
    path = write_recipe(tmp_path / "foo", NO_LICENSE_V1)
    _, plain = run_cli("--select", "license-missing", str(path))
    _, coloured = run_cli("--select", "license-missing", "--color", str(path))
    assert "\x1b[" not in plain
    assert "\x1b[31merror\x1b[0m" in coloured


def test_missing_path_exits_2(tmp_path):
    code, out = run_cli(str(tmp_path / "nope"))
    assert code == 2
    assert "nope" in out and "unusable-input" in out


def test_missing_path_does_not_stop_other_paths(tmp_path):
    path = write_recipe(tmp_path / "foo", NO_LICENSE_V1)
    code, problems = run_json("--select", "license-missing", str(tmp_path / "nope"), str(path))
    assert code == 2
    assert {p["rule_id"] for p in problems} == {"unusable-input", "license-missing"}


def test_binary_file_exits_2(tmp_path):
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "recipe.yaml").write_bytes(b"\x00\x01binary")
    code, out = run_cli(str(folder))
    assert code == 2
    assert "binary file" in out


def test_hints_never_fail(tmp_path):
    text = CLEAN_V1.replace("license: MIT", "license: MIT License")  # word-license error + not-spdx hint
    path = write_recipe(tmp_path / "foo", text)
    code, problems = run_json("--select", "license-not-spdx", str(path))
    assert [p["severity"] for p in problems] == ["hint"]
    assert code == 0
    code, _ = run_json("--select", "license-not-spdx", "--severity-threshold", "hint", str(path))
    assert code == 0


def test_severity_threshold_warning(tmp_path, only_rules):
    from recipegen.linters.model import Finding

    from .conftest import fake_rule

    def check(doc, options):
        yield Finding("a warning", path=("package", "name"))

    only_rules(fake_rule("fake-warning", check, severity=Severity.WARNING))
    path = write_recipe(tmp_path / "foo", CLEAN_V1)
    assert run_cli("--no-config", str(path))[0] == 0
    assert run_cli("--severity-threshold", "warning", str(path))[0] == 1


def test_json_fields(tmp_path):
    path = write_recipe(tmp_path / "foo", NO_LICENSE_V1)
    code, problems = run_json("--select", "license-missing", str(path))
    assert code == 1
    (problem,) = problems
    assert set(problem) >= {
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "severity",
        "rule_id",
        "message",
        "url",
        "fix",
        "equivalent",
    }
    assert problem["url"].endswith("rules.md#license-missing")
    assert "R-002" in problem["equivalent"]


def test_select_and_ignore_comma_separated(tmp_path):
    path = write_recipe(tmp_path / "foo", NO_LICENSE_V1)
    assert run_json("--select", "license-missing,schema", "--ignore", "license-missing", str(path)) == (0, [])


def test_unknown_rule_id_exits_2(tmp_path):
    path = write_recipe(tmp_path / "foo", CLEAN_V1)
    code, out = run_cli("--select", "no-such-rule", str(path))
    assert code == 2
    assert "no-such-rule" in out


def test_github_annotations(tmp_path):
    path = write_recipe(tmp_path / "foo", NO_LICENSE_V1)
    code, out = run_cli("--format", "github", "--select", "license-missing", str(path))
    assert code == 1
    (line,) = out.splitlines()
    assert line.startswith(f"::error file={path},line=")
    assert ",title=license-missing::" in line


def test_github_escaping():
    problem = Problem("a,b:c.yaml", 3, 4, "100% wrong\nsecond line", rule_id="r", severity=Severity.HINT)
    (line,) = format_github([problem]).splitlines()
    assert line.startswith("::notice file=a%2Cb%3Ac.yaml,line=3,endLine=3,col=4,title=r::")
    assert line.endswith("::100%25 wrong%0Asecond line")


def test_sarif_structure(tmp_path):
    path = write_recipe(tmp_path / "foo", NO_LICENSE_V1)
    code, out = run_cli("--format", "sarif", "--select", "license-missing", str(path))
    assert code == 1
    log = json.loads(out)
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "recipegen" and driver["version"]
    rules = {r["id"]: r for r in driver["rules"]}
    assert rules["license-missing"]["shortDescription"]["text"]
    assert rules["license-missing"]["helpUri"].endswith("#license-missing")
    assert "schema" in rules and "recipe-not-renderable" in rules
    (result,) = run["results"]
    assert result["ruleId"] == "license-missing"
    assert driver["rules"][result["ruleIndex"]]["id"] == "license-missing"
    assert result["level"] == "error"
    assert result["message"]["text"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == str(path)


def test_schema_problems_are_lint_errors(tmp_path):
    text = CLEAN_V1.replace("  number: 0\n", "  number: 0\n  numbr: 1\n")
    path = write_recipe(tmp_path / "foo", text)
    code, problems = run_json("--select", "schema", str(path))
    assert code == 1
    assert problems and all(p["rule_id"] == "schema" for p in problems)
    assert any(p["line"] == text.splitlines().index("  numbr: 1") + 1 for p in problems)


def test_invalid_yaml_is_unusable(tmp_path):
    path = write_recipe(tmp_path / "foo", "package:\n  name: [oops\n")
    code, problems = run_json(str(path))
    assert code == 2
    assert problems[0]["rule_id"] == "unusable-input" and problems[0]["line"] > 0


def test_duplicate_key_is_a_finding_at_its_line_not_unusable_input(tmp_path):
    text = CLEAN_V1.replace("  noarch: generic\n", "  noarch: generic\n  number: 1\n")
    path = write_recipe(tmp_path / "foo", text)
    code, problems = run_json(str(path))
    assert code == 1
    duplicate = [p for p in problems if p["rule_id"] == "duplicate-key"]
    assert [(p["line"], p["column"]) for p in duplicate] == [(text.splitlines().index("  number: 1") + 1, 3)]
    assert "unusable-input" not in {p["rule_id"] for p in problems}
    assert "schema" not in {p["rule_id"] for p in problems}  # the rest of the recipe is linted


def test_real_process_exit_codes(tmp_path):
    import subprocess
    import sys

    path = write_recipe(tmp_path / "foo", NO_LICENSE_V1)
    run = [sys.executable, "-m", "recipegen", "lint", "--select", "license-missing"]
    assert subprocess.run([*run, str(path)], capture_output=True).returncode == 1
    missing = subprocess.run([*run, str(tmp_path / "missing")], capture_output=True, text=True)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr + missing.stdout


def test_lint_text_for_generators():
    from recipegen.linters.api import lint_text

    assert [p for p in lint_text(CLEAN_V1, "recipe.yaml") if p.severity is Severity.ERROR] == []
    problems = lint_text(NO_LICENSE_V1, "recipe.yaml")
    assert "license-missing" in {p.rule_id for p in problems}
    meta = "package:\n  name: foo\n  version: {{ v }\n"
    assert [p.rule_id for p in lint_text(meta, "meta.yaml")] == ["recipe-not-renderable"]


def test_variant_file_named_directly_is_unusable(tmp_path):
    write_recipe(tmp_path / "foo", CLEAN_V1)
    (tmp_path / "foo" / "variants.yaml").write_text("python:\n  - 3.12\n")
    code, problems = run_json(str(tmp_path / "foo" / "variants.yaml"))
    assert code == 2 and "variant" in problems[0]["message"]


def test_a_known_file_that_is_no_recipe_is_refused_at_the_file(tmp_path):
    """smoke review: `lint conda-forge.yml` linted the feedstock configuration as a recipe (14
    recipe errors); it is unusable input naming its kind, and a whole-file problem is printed
    without a `:0:0` position."""
    config = tmp_path / "conda-forge.yml"
    config.write_text("provider:\n  linux_aarch64: default\n")
    code, out = run_cli("--no-color", str(config))
    assert code == 2
    first = out.splitlines()[0]
    assert first.startswith(f"{config}: error unusable-input ")
    assert "conda-forge.yml), not a recipe" in first and "recipegen validate" in first
