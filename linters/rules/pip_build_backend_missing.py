"""A recipe that installs with `pip` must list its build backend (setuptools, hatchling...).

Why: `pip install --no-build-isolation` uses only what is in host; without the backend the
build fails or silently picks up an unpinned one. One finding per output. Backends that
build themselves (setuptools, hatchling, pdm-backend, flit-core, poetry-core) and recipes
whose source is a wheel are exempt.

Passing::

    requirements:
      host:
        - python
        - pip
        - hatchling

Failing::

    requirements:
      host:
        - python
        - pip
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.facts import RecipeFacts
from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.walk import strings

from recipegen.problems import Severity

ID = "pip-build-backend-missing"
SEVERITY = Severity.HINT
EQUIVALENT = ("pip-build-backend-missing", "R-046")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True
SKIP_KEY = "hint_pip_no_build_backend"

# conda-smithy's VALID_PYTHON_BUILD_BACKENDS (linter/utils.py)
BACKENDS = (
    "setuptools",
    "flit",
    "flit-core",
    "hatchling",
    "poetry",
    "poetry-core",
    "pdm-backend",
    "pdm-pep517",
    "pymsbuild",
    "meson-python",
    "scikit-build-core",
    "sphinx-theme-builder",
    "maturin",
    "jupyter-packaging",
    "whey",
    "uv-build",
)
# conda-smithy exempts these (they build themselves); flit-core and poetry-core do too
SELF_BOOTSTRAPPING = ("hatchling", "pdm-backend", "setuptools", "flit-core", "poetry-core")


def _installs_wheel(facts: RecipeFacts) -> bool:
    """pip installing a wheel needs no build backend."""
    return any(
        url.strip().endswith(".whl") for _, path in facts.sources for url, _ in strings(facts.data, (*path, "url"))
    )


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        facts = view.facts
        if _installs_wheel(facts):
            continue
        for base in facts.scopes:
            name = facts.output_name_at(base) or facts.name
            if name in SELF_BOOTSTRAPPING:
                continue
            entries = facts.requirements(base, "host") or facts.requirements(base, "build")
            pips = [path for spec, path in entries if spec.split(" ")[0] == "pip"]
            if not pips:
                continue
            tokens = {spec.split(" ")[0].replace("_", "-") for spec, _ in entries}
            if not tokens & set(BACKENDS):
                yield Finding(
                    f"`{name}` installs with `pip` but no build backend is listed; add its backend "
                    "(from pyproject.toml's `build-system.requires`, usually `setuptools`) to host.",
                    path=pips[0],
                    view=view,
                )
