"""Checking a generated split / cxx recipe before it is written (schema, lint errors and
rattler-build's render for conda-forge's main platforms).

The same check `recipegen.generate.run_generators` runs (`check_recipe_text`). An install tree
or a bare source folder often does not say the project's home page, summary or license: the
lint errors about those `about` fields are "gaps", named together in one line with the options
that fill them; the command writes nothing while any error or gap is left.
"""

from __future__ import annotations

from recipegen.problems import Problem

# lint rule -> (the field it asks for, the command-line option that sets it)
REQUIRED_ABOUT: dict[str, tuple[str, str]] = {
    "about-missing-home": ("about.homepage", "--homepage URL"),
    "about-missing-summary": ("about.summary", "--summary TEXT"),
    "license-missing": ("about.license", "--license SPDX"),
    "license-file-missing": ("about.license_file", "--license-file NAME"),
}
INPUT_METADATA_RULES = frozenset(REQUIRED_ABOUT)


def check_generated(text: str, label: str) -> tuple[list[Problem], list[Problem]]:
    """(errors other than the `about` gaps, the `about` gaps the input could not fill)."""
    from recipegen.generate import check_recipe_text

    problems = check_recipe_text(text, label)
    gaps = [p for p in problems if p.rule_id in INPUT_METADATA_RULES]
    errors = [p for p in problems if p.rule_id not in INPUT_METADATA_RULES]
    return errors, gaps


def missing_about(gaps: list[Problem], what: str) -> str:
    """One line: `what` does not say these fields, and the options that set them."""
    rules = {p.rule_id for p in gaps}
    found = [pair for rule, pair in REQUIRED_ABOUT.items() if rule in rules]
    fields = ", ".join(field for field, _ in found)
    options = ", ".join(option for _, option in found)
    return f"{what} does not say {fields}: pass {options}"
