"""Checking a generated split / cxx recipe before it is written (schema + lint errors).

An install tree or a bare source folder often does not say the project's home page,
summary or license. The lint errors about those missing `about` fields are gaps the user
has to fill (reported as notes, the recipe is still written); every other problem is an
error and nothing is written.
"""

from __future__ import annotations

from recipegen.problems import Problem

INPUT_METADATA_RULES = frozenset({
    "about-missing-home", "about-missing-summary", "license-missing", "license-file-missing",
})


def check_generated(text: str, label: str) -> tuple[list[Problem], list[Problem]]:
    """(errors that block writing, gaps in `about` the input could not fill)."""
    from recipegen.generate import check_recipe_text

    problems = check_recipe_text(text, label)
    gaps = [p for p in problems if p.rule_id in INPUT_METADATA_RULES]
    errors = [p for p in problems if p.rule_id not in INPUT_METADATA_RULES]
    return errors, gaps
