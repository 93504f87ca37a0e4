from recipegen.linters.api import lint_text

from recipegen.recipe import maintainers

RECIPE = """\
package:
  name: foo
  version: "1.0"
extra:
  recipe-maintainers:
    - {handle}
"""


def placeholder_problems(handle: str):
    return [
        p for p in lint_text(RECIPE.format(handle=handle), "foo/recipe.yaml") if p.rule_id == "maintainer-placeholder"
    ]


def test_generator_placeholder_is_flagged_at_its_line():
    (problem,) = placeholder_problems(maintainers([]).recipe_maintainers[0])
    assert problem.line == 6 and problem.severity.value == "warning"


def test_real_handles_pass():
    for handle in ("octocat", "conda-forge/r", "xhochy", "jakirkham"):
        assert placeholder_problems(handle) == []


def test_other_placeholders():
    for handle in ("<your-github-username>", "TODO", "your_github_username", "github-handle"):
        assert placeholder_problems(handle), handle
