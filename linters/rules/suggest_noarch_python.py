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

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._common import get, has_key, noarch, requirement_block_selectors, requirements_of, walk

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
    return any(isinstance(section, list) and any(walk.is_conditional(i) for i in section) for section in reqs.values())


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    fmt = doc.format
    if options.conda_forge and doc.recipe_dir.name == "recipe":
        return  # conda-smithy gives this hint to staged-recipes only
    for view in doc.views:
        data = view.data
        if noarch(data):
            continue
        build = requirements_of(data, (), "build", fmt)
        pips = [path for spec, path in build if spec == "pip"]
        if not pips:
            continue
        if fmt == "v1":
            if any("${{" in s and ("compiler('c')" in s or 'compiler("c")' in s) for s, _ in build):
                continue
            if has_key(data, "build", "skip") or _has_conditionals(data):
                continue
        else:
            if any("_compiler_stub" in s for s, _ in build):
                continue
            if next(requirement_block_selectors(doc), None) is not None:
                continue
        yield Finding(
            "This looks like a pure Python package: consider `noarch: python`.",
            path=pips[0],
            view=view,
            fix="see https://conda-forge.org/docs/maintainer/knowledge_base/#noarch-builds",
        )
