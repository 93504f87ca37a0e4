"""Rules beyond conda-smithy raise no error on a recipe conda-forge accepted.

Every recipe in fixtures/recipes (real feedstocks) and fixtures/update-pairs (real feedstocks
before and after a version bump, each one merged by conda-forge) is linted with every rule
(`--conda-forge`). An error may only come from a rule with a conda-smithy equivalent, and only
where conda-smithy itself reports it today (ALLOWED, with the reason): those recipes predate
the current lints. A rule that goes beyond conda-smithy must stay quiet or make it a warning.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from recipegen.linters.api import LintRequest, lint_file
from recipegen.linters.registry import described_rules

from recipegen.problems import Severity

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = (ROOT / "fixtures" / "recipes", ROOT / "fixtures" / "update-pairs")
RECIPES = sorted(p for folder in FOLDERS for p in folder.rglob("*.yaml") if p.name in ("recipe.yaml", "meta.yaml"))
SMITHY_ID = re.compile(r"^(R|R0|R1|CF|FC|RC|CBC)-\d{3}$")
# builtin checks of recipegen's own (schema, selector/Jinja evaluation) are beyond conda-smithy
BEYOND_BUILTINS = {"schema", "recipe-not-renderable", "unusable-input"}

# (feedstock, rule id): why conda-smithy reports it too on that recipe
ALLOWED: dict[tuple[str, str], str] = {
    ("abseil-cpp-feedstock", "version-unquoted-float"): (
        "R-040 checks v0 values after rendering: `version: {{ version }}` renders to the float 20260107.1"
    ),
    ("numpy-feedstock", "stdlib-missing"): "R-033: numpy 1.25/1.26 recipes predate the `stdlib('c')` lint",
    ("fiona-feedstock", "stdlib-missing"): "R-033: the fiona 1.9.5/1.9.6 recipes predate the `stdlib('c')` lint",
    ("keyring-feedstock", "noarch-selectors-v0"): (
        "R0-004: selectors in run of a noarch recipe; the feedstock allows them with `noarch_platforms` "
        "in its conda-forge.yml, which update-pairs does not include"
    ),
    ("pybind11-feedstock", "noarch-selectors-v0"): (
        "R0-004: `__unix  # [unix]` in a noarch output's run; allowed by the feedstock's "
        "conda-forge.yml `noarch_platforms`, which update-pairs does not include"
    ),
}


def _id(path: Path) -> str:
    return str(path.parent.relative_to(ROOT / "fixtures"))


def _beyond_smithy() -> set[str]:
    return {
        rule.ID
        for rule in described_rules()
        if rule.ID in BEYOND_BUILTINS or not any(SMITHY_ID.match(e) for e in getattr(rule, "EQUIVALENT", ()))
    }


def _feedstock(path: Path) -> str:
    return next(part for part in path.parts if part.endswith("-feedstock"))


def test_every_real_recipe_is_here():
    assert len(RECIPES) == 25 + 106


@pytest.mark.parametrize("path", RECIPES, ids=_id)
def test_no_error_beyond_conda_smithy(path):
    result = lint_file(path, LintRequest(conda_forge=True, use_config=False))
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    beyond = _beyond_smithy()
    unexpected = [p for p in errors if p.rule_id in beyond or (_feedstock(path), p.rule_id) not in ALLOWED]
    assert unexpected == [], "\n".join(f"{p.line}:{p.column} {p.rule_id} {p.message}" for p in unexpected)
