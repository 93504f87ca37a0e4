"""A pure-Python package (pip, no compiler, no selectors) should be `noarch: python`.

Why: one noarch package serves every platform and Python version, instead of dozens of
identical builds.

Passing::

    build:
      noarch: python
    requirements:
      host:
        - pip

Failing::

    requirements:
      build:
        - pip
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument, RecipeView
from recipegen.linters.rules._selectors import requirement_block_selectors
from recipegen.linters.walk import get, has_key, is_conditional

from recipegen.problems import Severity

ID = "suggest-noarch-python"
SEVERITY = Severity.HINT
EQUIVALENT = ("suggest-noarch-python", "R-041")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def _has_conditionals(data) -> bool:
    reqs = get(data, "requirements")
    if not isinstance(reqs, dict):
        return False
    return any(isinstance(section, list) and any(is_conditional(i) for i in section) for section in reqs.values())


def _v1_not_pure(doc: RecipeDocument, view: RecipeView, build: list[tuple[str, tuple]]) -> bool:
    """conda-smithy's v1 test: a C compiler, `build.skip` or `if:` items in the requirements."""
    if any("${{" in s and ("compiler('c')" in s or 'compiler("c")' in s) for s, _ in build):
        return True
    return has_key(view.data, "build", "skip") or _has_conditionals(view.data)


def _v0_not_pure(doc: RecipeDocument, view: RecipeView, build: list[tuple[str, tuple]]) -> bool:
    """conda-smithy's v0 test: any compiler, or a selector on a `skip:` or requirement line."""
    if any("_compiler_stub" in s for s, _ in build):
        return True
    return next(requirement_block_selectors(doc), None) is not None


NOT_PURE = {"v1": _v1_not_pure, "v0": _v0_not_pure}  # conda-smithy reads the two formats differently


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if options.conda_forge and doc.recipe_dir.name == "recipe":
        return  # conda-smithy gives this hint to staged-recipes only
    for view in doc.views:
        if view.facts.noarch:
            continue
        build = view.facts.requirements((), "build")
        pips = [path for spec, path in build if spec == "pip"]
        if not pips or NOT_PURE[doc.format](doc, view, build):
            continue
        yield Finding(
            "This looks like a pure Python package: consider `noarch: python`.",
            path=pips[0],
            view=view,
            fix="see https://conda-forge.org/docs/maintainer/knowledge_base/#noarch-builds",
        )
