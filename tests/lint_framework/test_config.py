"""Configuration files and ignore comments."""

from __future__ import annotations

from recipegen.linters.api import LintRequest, lint_file
from recipegen.linters.config import settings_for

from recipegen.problems import Severity

from .conftest import CLEAN_V1, NO_LICENSE_V1, fake_rule, finding_at, run_json, write_recipe


def _ids(result) -> set[str]:
    return {p.rule_id for p in result.problems}


def test_pyproject_tool_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.recipegen.lint]\nignore = ["license-missing"]\n')
    path = write_recipe(tmp_path / "recipes" / "foo", NO_LICENSE_V1)
    assert "license-missing" not in _ids(lint_file(path, LintRequest(select=("license-missing",))))
    assert "license-missing" in _ids(lint_file(path, LintRequest(select=("license-missing",), use_config=False)))


def test_pyproject_without_table_is_passed_over(tmp_path):
    (tmp_path / "recipegen.toml").write_text('[lint]\nselect = ["license-missing"]\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    path = write_recipe(tmp_path / "sub" / "foo", NO_LICENSE_V1)
    assert _ids(lint_file(path)) == {"license-missing"}


def test_recipegen_toml_closest_wins(tmp_path):
    (tmp_path / "recipegen.toml").write_text('[lint]\nselect = ["schema"]\n')
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "recipegen.toml").write_text(
        '[lint]\nselect = ["license-missing"]\nseverity-threshold = "warning"\nconda-forge = true\n'
    )
    settings = settings_for((tmp_path / "a" / "foo").resolve())
    assert settings.select == ("license-missing",)
    assert settings.threshold is Severity.WARNING and settings.conda_forge is True
    assert settings_for(tmp_path.resolve()).select == ("schema",)


def test_cli_select_replaces_config_select(tmp_path):
    (tmp_path / "recipegen.toml").write_text('[lint]\nselect = ["schema"]\n')
    path = write_recipe(tmp_path / "foo", NO_LICENSE_V1)
    code, problems = run_json("--select", "license-missing", str(path))
    assert code == 1 and {p["rule_id"] for p in problems} == {"license-missing"}


def test_bad_config_is_unusable(tmp_path):
    (tmp_path / "recipegen.toml").write_text('[lint]\nselec = ["schema"]\n')
    path = write_recipe(tmp_path / "foo", CLEAN_V1)
    code, problems = run_json(str(path))
    assert code == 2
    assert "selec" in problems[0]["message"] and problems[0]["file"].endswith("recipegen.toml")


def test_conda_forge_yml_skip_uses_skip_key(tmp_path, only_rules):
    only_rules(
        fake_rule("fake-stdlib", finding_at(("package", "name")), SKIP_KEY="lint_stdlib"),
        fake_rule("fake-other", finding_at(("package", "name"))),
    )
    feedstock = tmp_path / "foo-feedstock"
    path = write_recipe(feedstock / "recipe", CLEAN_V1)
    assert _ids(lint_file(path)) == {"fake-stdlib", "fake-other"}
    (feedstock / "conda-forge.yml").write_text("linter:\n  skip:\n    - lint_stdlib\n")
    settings_for.cache_clear()
    assert _ids(lint_file(path)) == {"fake-other"}
    (feedstock / "conda-forge.yml").write_text("linter:\n  skip: [fake-other]\n")  # our ids work too
    settings_for.cache_clear()
    assert _ids(lint_file(path)) == {"fake-stdlib"}


def test_real_skip_key_stdlib(tmp_path):
    text = CLEAN_V1.replace("  noarch: generic\n", "") + "requirements:\n  build:\n    - ${{ compiler('c') }}\n"
    feedstock = tmp_path / "bar-feedstock"
    path = write_recipe(feedstock / "recipe", text)
    assert "stdlib-missing" in _ids(lint_file(path, LintRequest(select=("stdlib-missing",))))
    (feedstock / "conda-forge.yml").write_text("linter:\n  skip: [lint_stdlib]\n")
    settings_for.cache_clear()
    assert "stdlib-missing" not in _ids(lint_file(path, LintRequest(select=("stdlib-missing",))))


def test_ignore_comment_silences_its_line_only(tmp_path, only_rules):
    only_rules(
        fake_rule("fake-a", finding_at(("package", "name"))),
        fake_rule("fake-b", finding_at(("package", "name"))),
        fake_rule("fake-c", finding_at(("package", "version"))),
    )
    text = CLEAN_V1.replace("  name: foo\n", "  name: foo  # recipegen: ignore[fake-a, fake-b]\n")
    path = write_recipe(tmp_path / "foo", text)
    assert _ids(lint_file(path, LintRequest(use_config=False))) == {"fake-c"}
    text = CLEAN_V1.replace("  name: foo\n", "  name: foo  # recipegen: ignore[fake-a]\n")
    write_recipe(tmp_path / "foo", text)
    assert _ids(lint_file(path, LintRequest(use_config=False))) == {"fake-b", "fake-c"}
    text = CLEAN_V1.replace("  name: foo\n", "  name: foo  # recipegen: ignore\n")
    write_recipe(tmp_path / "foo", text)
    assert _ids(lint_file(path, LintRequest(use_config=False))) == {"fake-c"}


def test_ignore_comment_in_meta_yaml_is_not_a_selector(tmp_path, only_rules):
    only_rules(fake_rule("fake-a", finding_at(("build", "number"))))
    text = (
        "package:\n  name: foo\n  version: 1.0.0\nbuild:\n  number: 0  # recipegen: ignore(fake-a)  # [win or unix]\n"
    )
    path = write_recipe(tmp_path / "foo", text, name="meta.yaml")
    result = lint_file(path, LintRequest(use_config=False))
    assert result.problems == []  # the selector still works and the finding is silenced
    text = "package:\n  name: foo\n  version: 1.0.0\nbuild:\n  number: 0  # recipegen: ignore[fake-a]\n"
    write_recipe(tmp_path / "foo", text, name="meta.yaml")
    result = lint_file(path, LintRequest(use_config=False))
    assert result.problems == []


def test_unknown_rule_id_in_config_is_unusable(tmp_path):
    (tmp_path / "recipegen.toml").write_text('[lint]\nignore = ["no-such-rule"]\n')
    path = write_recipe(tmp_path / "foo", CLEAN_V1)
    code, problems = run_json(str(path))
    assert code == 2 and "no-such-rule" in problems[0]["message"]
