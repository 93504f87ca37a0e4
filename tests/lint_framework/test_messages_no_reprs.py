"""No lint message shows a Python repr (`{ordereddict(...)}`, `['a', 'b']`) whatever value a recipe
holds where a rule expects text (review2 #4): every value line of real recipes is replaced by a
mapping written as v0 Jinja (`{{ x }}`), a flow list and a flow mapping, and every rule runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from recipegen.linters.api import lint_document, load_document
from recipegen.linters.model import LintOptions

from recipegen.problems import InputError

ROOT = Path(__file__).resolve().parents[2]
RECIPES = [
    ROOT / "fixtures/recipes/v1/c-ares-feedstock/recipe.yaml",
    ROOT / "fixtures/recipes/v0/r-rcpp-feedstock/meta.yaml",
]
VALUES = ("{{ x }}", "[a, b]", "{a: 1}")
REPR = re.compile(r"ordereddict|Commented(?:Map|Seq|KeyMap)|\{'[^']*': |\['[^']*', '|None\}|object at 0x")
VALUE_LINE = re.compile(r"^(\s*(?:- )?[\w.-]+: |\s*- )(?P<value>[^|>\s].*)$")


@pytest.mark.parametrize("recipe", RECIPES, ids=lambda p: p.parent.name)
def test_no_message_shows_a_python_repr(recipe, tmp_path):
    lines = recipe.read_text(encoding="utf-8").split("\n")
    leaks = []
    for number, line in enumerate(lines):
        found = VALUE_LINE.match(line)
        if not found:
            continue
        for value in VALUES:
            text = "\n".join([*lines[:number], line[: found.start("value")] + value, *lines[number + 1 :]])
            try:
                doc = load_document(tmp_path / recipe.name, text)
            except InputError:
                continue
            for problem in lint_document(doc, LintOptions(conda_forge=True), ignore=("render-fails",)):
                if REPR.search(problem.message):
                    leaks.append((number + 1, value, problem.rule_id, problem.message[:120]))
    assert leaks == []
