"""Emitted recipes (golden files) and that they pass recipegen's own schema and lint checks."""

from __future__ import annotations

import pytest
from recipegen.generators.split.api import split_tree

from recipegen.emit import emit
from recipegen.generate import check_recipe_text

from .split_trees import headers_only_tree, linux_tree, windows_tree
from .test_split_classify import as_tree

CASES = {
    "linux_static": (linux_tree(), "linux-64", {"static": True}),
    "linux_headers_output": (linux_tree(), "linux-64", {"headers_output": True}),
    "windows": (windows_tree(), "win-64", {}),
    "header_only": (headers_only_tree(), "", {"name": "bar"}),
}


def render(case: str) -> tuple[str, object]:
    files, subdir, options = CASES[case]
    options = {"name": "foo", **options}
    result = split_tree(
        as_tree(files, subdir),
        maintainers=("octocat",),
        about={"homepage": "https://example.org/foo", "summary": "Foo library", "license": "MIT"},
        **options,
    )
    return emit(result.recipe), result


@pytest.mark.parametrize("case", sorted(CASES))
def test_emitted_recipe(case, file_regression):
    text, _ = render(case)
    file_regression.check(text, extension=".yaml", basename=f"split_{case}")


@pytest.mark.parametrize("case", sorted(CASES))
def test_emitted_recipe_passes_schema_and_lint(case):
    text, _ = render(case)
    problems = check_recipe_text(text, "foo-split/recipe.yaml")
    # Only the Linux tree ships a license file; elsewhere about.license_file is the user's to add.
    assert {p.rule_id for p in problems} <= {"license-file-missing"}


def test_outputs_only_section():
    _, result = render("linux_static")
    text = emit(result.recipe, outputs_only=True)
    assert text.startswith("outputs:\n") and "staging:" in text
