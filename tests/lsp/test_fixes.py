"""The rules' mechanical fixes (`fix()` in rule modules) and `recipegen lint --fix`.

Every fixable rule's own failing example is fixed (the problem goes, no error or warning comes);
the rest of the file stays byte for byte; a fix is refused when the result would not parse or
would add an error; fixes of variant files and conda-forge.yml; the command line.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from recipegen.linters import fixing
from recipegen.linters.api import lint_document, load_document
from recipegen.linters.fixing import Fix, fix_file, fix_text, fixable_rule_ids
from recipegen.linters.model import LintOptions
from recipegen.linters.registry import rules_by_id

from recipegen.cli import main
from recipegen.textedit import TextEdit

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "fixtures" / "recipes"
# fixable rules whose docstring example cannot show the fix (it needs files next to the recipe,
# a whole file, or a value a person must choose); each has its own test below
OWN_TESTS = {
    "feedstock-name-missing-multi-output",
    "forge-yml-deprecated-key",
    "forge-yml-old-os-version",
    "noarch-value-invalid",
    "pinned-dependency-overridden",
    "python-min-redundant",
    "trailing-newlines",
    "variants-macos-deployment-target-key",
    "variants-unquoted-version",
}
DOC_RULES = sorted(fixable_rule_ids() - OWN_TESTS - {"schema"})


def _example(rule_id: str) -> tuple[str, str]:
    rule = rules_by_id()[rule_id]
    found = re.search(r"Failing::\s*\n\n(.*?)(?:\n\S|\Z)", (rule.__doc__ or "") + "\n", re.S)
    assert found, rule_id
    text = textwrap.dedent(found.group(1)).strip("\n") + "\n"
    v0 = "v1" not in rule.FORMATS or ("v0" in rule.FORMATS and ("{%" in text or "# [" in text))
    return text, "meta.yaml" if v0 else "recipe.yaml"


def _fix(path: Path, text: str, only=lambda p: True):
    options = LintOptions(conda_forge=True)

    def lint(source: str):
        return lint_document(load_document(path, source), options)

    return fix_text(str(path), text, lint, lambda source: load_document(path, source), only=only), lint


@pytest.mark.parametrize("rule_id", DOC_RULES)
def test_the_failing_example_of_each_fixable_rule_is_fixed(rule_id, tmp_path):
    text, name = _example(rule_id)
    outcome, lint = _fix(tmp_path / name, text, only=lambda p: p.rule_id == rule_id)
    assert outcome.applied and not outcome.refused, outcome.reports
    left = [p.message for p in lint(outcome.text) if p.rule_id == rule_id]
    if rule_id == "noarch-python-min-syntax":  # the example has no tests to pin: only that is left
        assert len(left) == 1 and "missing tests:" in left[0], left
    else:
        assert not left


def test_fixes_keep_every_other_line(tmp_path):
    source = (REAL / "v1" / "c-ares-feedstock" / "recipe.yaml").read_text(encoding="utf-8")
    stdlib = '        - ${{ stdlib("c") }}\n'
    commented = source.replace("  number: 2\n", "  number: 2  # rebuilt for openssl\n  # a comment that stays\n")
    broken = commented.replace(stdlib, "", 1).replace("license: MIT", "license: mit")
    recipe = tmp_path / "recipe" / "recipe.yaml"
    recipe.parent.mkdir()
    recipe.write_text(broken, encoding="utf-8")
    from recipegen.linters.api import LintRequest

    result = fix_file(recipe, LintRequest(ignore=("recipe-name-equals-output",)))
    assert {r.problem.rule_id for r in result.applied} == {"stdlib-missing", "license-not-spdx"}
    assert recipe.read_text(encoding="utf-8") == commented.replace(stdlib, stdlib.replace('"c"', "'c'"), 1)


def test_v0_fixes_keep_selectors_and_jinja(tmp_path):
    text = (
        '{% set version = "1.0" %}\n\npackage:\n  name: foo\n  version: {{version}}\n\n'
        "requirements:\n  build:\n    - {{ compiler('c') }}  # [unix]\n    - make\n"
        "  host:\n    - zlib 1  # [win]\n    - libcurl >=8.4  # [win]\n"
    )
    outcome, _ = _fix(tmp_path / "meta.yaml", text)
    assert "    - {{ compiler('c') }}  # [unix]\n    - {{ stdlib('c') }}  # [unix]\n    - make\n" in outcome.text
    assert "    - zlib  # [win]\n" in outcome.text  # `zlib 1` only restated the global pin
    assert "    - libcurl >=8.4  # [win]\n" in outcome.text  # a floor is a decision: no mechanical fix
    assert '  version: "{{ version }}"\n' in outcome.text  # spaced, and quoted: "1.0" is text


def test_a_fix_that_would_not_parse_is_refused(tmp_path, monkeypatch):
    text, name = _example("library-in-build")
    monkeypatch.setattr(fixing, "fixer", lambda rule_id: lambda doc, problem: Fix("Break it", (TextEdit(0, 0, "[\n"),)))
    outcome, _ = _fix(tmp_path / name, text, only=lambda p: p.rule_id == "library-in-build")
    assert outcome.text == text and not outcome.applied
    assert outcome.refused and "would not parse" in outcome.refused[0].reason


def test_a_fix_that_would_add_an_error_is_refused(tmp_path, monkeypatch):
    text, name = _example("library-in-build")
    add = TextEdit(len(text), len(text), "about:\n  license: unknown\n")
    monkeypatch.setattr(fixing, "fixer", lambda rule_id: lambda doc, problem: Fix("Worse", (add,)))
    outcome, _ = _fix(tmp_path / name, text, only=lambda p: p.rule_id == "library-in-build")
    assert outcome.text == text
    assert "it would add" in outcome.refused[0].reason


def test_fixes_that_need_their_own_recipe(tmp_path):
    cases = {
        "trailing-newlines": ("package:\n  name: foo\n\n\n", "package:\n  name: foo\n"),
        "noarch-value-invalid": ("build:\n  noarch: Generic\n", "build:\n  noarch: generic\n"),
        "python-min-redundant": (
            'context:\n  python_min: "3.9"\n  version: "1"\npackage:\n  name: foo\n',
            'context:\n  version: "1"\npackage:\n  name: foo\n',
        ),
    }
    for rule_id, (text, wanted) in cases.items():
        outcome, _ = _fix(tmp_path / "recipe.yaml", text, only=lambda p, r=rule_id: p.rule_id == r)
        assert outcome.text == wanted, rule_id


def test_schema_misspelled_key_and_number_fixed(tmp_path):
    digits = "0123456789" * 6 + "0123"
    text = f"package:\n  name: foo\n  verison: '1.0'\nsource:\n  url: https://x/foo.tgz\n  sha256: {digits}\n"
    outcome, _ = _fix(tmp_path / "recipe.yaml", text, only=lambda p: p.rule_id == "schema")
    assert outcome.text == text.replace("verison", "version").replace(digits, f'"{digits}"')


def _feedstock(tmp_path: Path) -> Path:
    recipe = tmp_path / "foo-feedstock" / "recipe"
    recipe.mkdir(parents=True)
    shutil.copy(REAL / "v1" / "c-ares-feedstock" / "recipe.yaml", recipe / "recipe.yaml")
    return recipe


def test_fixes_in_variant_files_and_conda_forge_yml(tmp_path):
    recipe = _feedstock(tmp_path)
    (recipe / "variants.yaml").write_text("# keep\npython:\n  - 3.10\nMACOSX_DEPLOYMENT_TARGET:\n  - '11.0'\n")
    forge = recipe.parent / "conda-forge.yml"
    forge.write_text("conda_build_tool: rattler-build\nmatrix:\n  python: ['3.10']\n")
    from recipegen.linters.api import LintRequest

    result = fix_file(recipe / "recipe.yaml", LintRequest(conda_forge=True))
    applied = {r.problem.rule_id for r in result.applied}
    assert {"variants-unquoted-version", "variants-macos-deployment-target-key", "forge-yml-deprecated-key"} <= applied
    variants = (recipe / "variants.yaml").read_text()
    assert variants == "# keep\npython:\n  - \"3.10\"\nc_stdlib_version:\n  - '11.0'\n"
    assert forge.read_text() == "conda_build_tool: rattler-build\n"


def test_feedstock_name_and_old_build_image_fixed(tmp_path):
    staged = tmp_path / "staged-recipes" / "recipes"
    (staged / "example-v1").mkdir(parents=True)
    recipe = staged / "c-ares" / "recipe.yaml"
    recipe.parent.mkdir()
    shutil.copy(REAL / "v1" / "c-ares-feedstock" / "recipe.yaml", recipe)
    from recipegen.linters.api import LintRequest

    result = fix_file(recipe, LintRequest(select=("feedstock-name-missing-multi-output",)))
    assert [r.title for r in result.applied] == ["Set `extra.feedstock-name: c-ares`"]
    assert "extra:\n  feedstock-name: c-ares\n  recipe-maintainers:\n" in recipe.read_text(encoding="utf-8")
    feedstock = _feedstock(tmp_path)
    forge = feedstock.parent / "conda-forge.yml"
    forge.write_text("os_version:\n  linux_64: cos7\n  linux_aarch64: alma9\nbot:\n  automerge: true\n")
    fix_file(feedstock / "recipe.yaml", LintRequest(select=("forge-yml-old-os-version",)))
    assert forge.read_text() == "os_version:\n  linux_aarch64: alma9\nbot:\n  automerge: true\n"


def test_pinned_dependency_overridden_fixed(tmp_path):
    recipe = tmp_path / "foo-feedstock" / "recipe" / "recipe.yaml"
    recipe.parent.mkdir(parents=True)
    text, _ = _example("pinned-dependency-overridden")
    recipe.write_text(text, encoding="utf-8")
    support = recipe.parent.parent / ".ci_support"
    support.mkdir()
    (support / "linux_64_.yaml").write_text("libhwloc:\n- '2'\nc_compiler:\n- gcc\n")
    from recipegen.linters.api import LintRequest

    result = fix_file(recipe, LintRequest(conda_forge=True, select=("pinned-dependency-overridden",)))
    assert [r.problem.rule_id for r in result.applied] == ["pinned-dependency-overridden"]
    assert recipe.read_text(encoding="utf-8") == text.replace("libhwloc >=2.5", "libhwloc")


def test_lint_fix_and_diff_on_the_command_line(tmp_path):
    text, _ = _example("library-in-build")
    recipe = tmp_path / "recipe.yaml"
    recipe.write_text(text, encoding="utf-8")
    runner = CliRunner()
    shown = runner.invoke(
        main, ["lint", "--diff", "--severity-threshold", "warning", "--select", "library-in-build", str(recipe)]
    )
    assert shown.exit_code == 1  # the file as it is still has the problem (review2 #6)
    assert shown.stdout.startswith("--- a/") and "+  host:" in shown.stdout  # stdout: the diff alone
    assert "library-in-build" in shown.stderr and "problem(s)" in shown.stderr
    assert recipe.read_text(encoding="utf-8") == text  # --diff writes nothing
    fixed = runner.invoke(main, ["lint", "--fix", "--select", "library-in-build", str(recipe)])
    assert f"{recipe}:" in fixed.stdout and "fixed library-in-build: Move `zlib` from build to host" in fixed.stdout
    assert "1 fix(es) applied, 0 refused" in fixed.stdout
    assert fixed.exit_code == 0 and "no problems" in fixed.stdout
    assert recipe.read_text(encoding="utf-8") != text


REAL_RECIPES = sorted(p for p in REAL.rglob("*.yaml") if p.name in ("recipe.yaml", "meta.yaml"))
# what `lint --fix --conda-forge` fixes in them (the rest of them has nothing mechanical to fix;
# arrow-cpp's `nodejs >=22` and c-ares' recipe name are not problems: review2 #13)
REAL_FIXES = {
    "abseil-cpp-feedstock": ["version-unquoted-float"],
    "mamba-feedstock": ["noarch-python-min-syntax"],  # `libcurl >=8.4.0` is a floor: found, not fixed
    "pybind11-feedstock": ["python-min-redundant", "noarch-python-test-latest"],
}


@pytest.mark.parametrize("recipe", REAL_RECIPES, ids=lambda p: p.parent.name)
def test_real_recipes_fix_cleanly(recipe):
    """The fixes `lint --fix --conda-forge` finds in the real recipes apply, keep them parsing and
    add no error (computed, not written)."""
    from recipegen.linters.api import LintRequest

    result = fix_file(recipe, LintRequest(conda_forge=True), write=False)
    assert not result.error and all(r.applied for r in result.reports), result.reports
    for changed, (_, new_text) in result.changed.items():
        load_document(changed, new_text)  # still reads
    assert [r.problem.rule_id for r in result.applied] == REAL_FIXES.get(recipe.parent.name, [])


# --- review2 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "moved"),
    [
        (
            "recipe.yaml",
            "package:\n  name: foo\n  version: '1'\nrequirements:\n  build:\n    - ${{ compiler('c') }}\n"
            "    - ${{ stdlib('c') }}\n  host:\n    - zlib\n    - ${{ compiler('cxx') }}\n",
            "    - ${{ stdlib('c') }}\n    - ${{ compiler('cxx') }}\n  host:\n    - zlib\n",
        ),
        (
            "meta.yaml",
            "package:\n  name: foo\n  version: '1'\nrequirements:\n  build:\n    - {{ compiler('c') }}\n"
            "    - {{ stdlib('c') }}\n  host:\n    - zlib\n    - {{ compiler('cxx') }}\n",
            "    - {{ stdlib('c') }}\n    - {{ compiler('cxx') }}\n  host:\n    - zlib\n",
        ),
    ],
)
def test_a_compiler_in_host_moves_to_build_beside_another_compiler(name, text, moved, tmp_path):
    """review2 #1: `${{ compiler('c') }}` in build is not the same item as `${{ compiler('cxx') }}`."""
    outcome, _ = _fix(tmp_path / name, text, only=lambda p: p.rule_id == "compiler-outside-build")
    assert [r.title for r in outcome.applied] == [f"Move `{text.splitlines()[-1][6:]}` from host to build"]
    assert moved in outcome.text


def _many_outputs(count: int) -> str:
    head = 'context:\n  version: "1.0"\nrecipe:\n  name: many\n  version: ${{ version }}\nsource:\n'
    head += '  url: https://example.org/x.tar.gz\n  sha256: "' + "1" * 64 + '"\nbuild:\n  number: 0\noutputs:\n'
    item = "  - package:\n      name: pkg{n}\n    requirements:\n      run:\n        - python >= 3.10\n"
    item += "    tests:\n      - script:\n          - echo {n}\n"
    return head + "".join(item.format(n=n) for n in range(count))


def test_independent_fixes_are_applied_together(tmp_path):
    """review2 #3: fixes on separate lines are applied in one round and checked by one lint, so
    fixing N outputs lints a few times, not N times."""
    path = tmp_path / "recipe.yaml"
    text = _many_outputs(60)
    linted = []

    def lint(source: str):
        linted.append(1)
        return lint_document(load_document(path, source), LintOptions())

    outcome = fix_text(str(path), text, lint, lambda source: load_document(path, source))
    assert len(outcome.applied) == 60 and outcome.text == text.replace("python >= 3.10", "python >=3.10")
    assert len(linted) <= 3


def test_a_bad_fix_in_a_round_is_refused_alone(tmp_path, monkeypatch):
    """A round that fails is halved until the fix that breaks it is refused; the others stay."""
    path = tmp_path / "recipe.yaml"
    text = _many_outputs(8)
    real = fixing.fixer

    def breaking(rule_id):
        function = real(rule_id)

        def fix(doc, problem):
            if problem.line == 8 + 8 * 5:  # the sixth output's python: a fix that breaks the YAML
                return Fix("Break it", (TextEdit(0, 0, "[\n"),))
            return function(doc, problem)

        return fix if function else None

    monkeypatch.setattr(fixing, "fixer", breaking)
    outcome, _ = _fix(path, text)
    assert len(outcome.applied) == 7 and [r.title for r in outcome.refused] == ["Break it"]
    assert outcome.text.count("python >= 3.10") == 1


def test_fixes_are_bounded_in_time(tmp_path):
    path = tmp_path / "recipe.yaml"
    outcome = fix_text(
        str(path),
        _many_outputs(20),
        lambda source: lint_document(load_document(path, source), LintOptions()),
        lambda source: load_document(path, source),
        seconds=0,
    )
    assert outcome.applied == []


V0_JINJA_BASE = (
    'context:\n  name: foo\n  version: "1.0"\npackage:\n  name: foo\n  version: "1.0"\nabout:\n  summary: Foo\n'
)


@pytest.mark.parametrize(
    ("old", "new", "fixed"),
    [
        ("  name: foo\n", "  name: {{ name|lower }}\n", "  name: ${{ name|lower }}\n"),
        ('  version: "1.0"\n', "  version: {{ version }}  # v0\n", "  version: ${{ version }}  # v0\n"),
        ("  summary: Foo\n", "  summary: {{ name ~ ': a tool' }}\n", "  summary: '${{ name ~ '': a tool'' }}'\n"),
    ],
    ids=["name", "version", "quoted"],
)
def test_v0_jinja_at_the_start_of_a_value_is_reported_and_fixed(old, new, fixed, tmp_path):
    """review2 #4: `name: {{ name|lower }}` is a YAML flow mapping; v0-jinja-in-v1 says so at its
    line, no message shows a Python repr, and the fix writes `${{ ... }}` (quoted where needed)."""
    at = V0_JINJA_BASE.rindex(old)
    text = V0_JINJA_BASE[:at] + new + V0_JINJA_BASE[at + len(old) :]
    path = tmp_path / "recipe.yaml"
    problems = lint_document(load_document(path, text), LintOptions())
    jinja = [p for p in problems if p.rule_id == "v0-jinja-in-v1"]
    assert [p.line for p in jinja] == [text[:at].count("\n") + 1]
    assert "reads as a mapping" in jinja[0].message
    assert not [p.message for p in problems if "ordereddict" in p.message or "{'" in p.message]
    outcome, _ = _fix(path, text, only=lambda p: p.rule_id == "v0-jinja-in-v1")
    assert fixed in outcome.text


def test_python_selectors_become_match_conditions(tmp_path):
    """review2 #8: `# [py<39]` is `match(python, "<3.9")` in v1 (`if: py<39` fails to render)."""
    text = "package:\n  name: foo\n  version: '1'\nrequirements:\n  run:\n    - backports.zoneinfo  # [py<39]\n"
    path = tmp_path / "recipe.yaml"
    [problem] = [p for p in lint_document(load_document(path, text)) if p.rule_id == "comment-selectors-v1"]
    assert 'use `- if: match(python, "<3.9")`' in problem.message
    outcome, _ = _fix(path, text, only=lambda p: p.rule_id == "comment-selectors-v1")
    assert '    - if: match(python, "<3.9")\n      then: backports.zoneinfo\n' in outcome.text


def test_language_added_to_run_keeps_its_selector(tmp_path):
    """review2 #14: `- python >= 3.8  # [osx]` in host gets `- python  # [osx]` in run."""
    text = (
        "package:\n  name: foo\n  version: '1'\nrequirements:\n  build:\n    - {{ compiler('c') }}\n"
        "    - {{ stdlib('c') }}\n  host:\n    - zlib\n    - python >= 3.8  # [osx]\n"
    )
    outcome, _ = _fix(tmp_path / "meta.yaml", text, only=lambda p: p.rule_id == "language-host-not-run")
    assert outcome.text.endswith("  run:\n    - python  # [osx]\n")
    conditional = (
        "package:\n  name: foo\n  version: '1'\nrequirements:\n  host:\n    - if: osx\n      then:\n        - python\n"
    )
    outcome, _ = _fix(tmp_path / "recipe.yaml", conditional, only=lambda p: p.rule_id == "language-host-not-run")
    assert outcome.text == conditional  # a branch is not moved out of its condition
