"""The Passing/Failing examples in the docstrings of this area's rules really pass and fail."""

from __future__ import annotations

import re
import textwrap

import pytest
from recipegen.linters.api import lint_document, load_document
from recipegen.linters.model import LintOptions
from recipegen.linters.registry import rules_by_id

from .test_b_licenses import CASES as LICENSE_CASES
from .test_b_licenses import DENY_COPYLEFT
from .test_b_selectors_jinja import CASES as SELECTOR_CASES
from .test_b_structure import CASES as STRUCTURE_CASES
from .test_b_tests_specs import CASES as SPEC_CASES

AREA_RULES = sorted(
    {c.rule for c in SPEC_CASES + SELECTOR_CASES + STRUCTURE_CASES + LICENSE_CASES}
    | {"shellcheck-failed", "recipe-misplaced-staged-recipes"}
)
# examples that need files next to the recipe (described in a comment), or options
NEEDS_CONTEXT = {
    "duplicate-recipe-files",
    "rattler-bld-bat",
    "variants-config-duplicate",
    "variants-macos-deployment-target-key",
    "variants-macos-below-baseline",
    "variants-macos-sdk-below-stdlib",
    "variants-file-empty",
    "no-variant-configs",
    "custom-gha-workflows",
    "forge-yml-duplicate-keys",
    "forge-yml-deprecated-key",
    "forge-yml-old-os-version",
    "forge-yml-deprecated-env-var",
    "shellcheck-findings",
    "shellcheck-failed",
    "v0-format-deprecated",
    "feedstock-name-missing-multi-output",
    "recipe-misplaced-staged-recipes",
    "license-file-not-found",
    "license-text-mismatch",
    "pinned-dependency-overridden",
    "trailing-newlines",
    "workflow-settings",
}
OPTIONS = {"license-policy": {"license_policy": DENY_COPYLEFT}}


def examples(rule) -> tuple[str, str]:
    doc = rule.__doc__
    passing = re.search(r"Passing::\n\n(.*?)\n\s*Failing::", doc, re.S).group(1)
    failing = re.search(r"Failing::\n\n(.*)$", doc, re.S).group(1)
    return textwrap.dedent(passing).strip("\n") + "\n", textwrap.dedent(failing).strip("\n") + "\n"


def test_every_rule_of_the_area_has_cases():
    tested = {c.rule for c in SPEC_CASES + SELECTOR_CASES + STRUCTURE_CASES + LICENSE_CASES}
    for rule_id in AREA_RULES:
        assert rule_id in rules_by_id(), rule_id
        if rule_id not in ("shellcheck-failed", "recipe-misplaced-staged-recipes"):
            assert rule_id in tested


@pytest.mark.parametrize("rule_id", [r for r in AREA_RULES if r not in NEEDS_CONTEXT])
def test_docstring_examples(rule_id, tmp_path):
    rule = rules_by_id()[rule_id]
    passing, failing = examples(rule)
    name = (
        "meta.yaml"
        if frozenset({"v0"}) == rule.FORMATS or ("{{" in failing and "${{" not in failing and "v1" not in rule.FORMATS)
        else "recipe.yaml"
    )
    if "{%" in failing or "{%" in passing:
        name = "meta.yaml"
    options = LintOptions(conda_forge=True, **OPTIONS.get(rule_id, {}))
    for text, should_fire in ((passing, False), (failing, True)):
        folder = tmp_path / ("fail" if should_fire else "pass")
        folder.mkdir()
        (folder / name).write_text(text)
        problems = lint_document(load_document(folder / name), options, select=[rule_id])
        assert bool(problems) is should_fire, (rule_id, text, problems)
