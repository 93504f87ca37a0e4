"""Non-noarch packages list `python` / `r-base` without version bounds in host and run.

Why: the interpreter version comes from the build matrix (variants) and its run_exports; a
`>=`/`<` bound in a compiled package fights the matrix. Use `build.skip` to drop versions.

Passing::

    requirements:
      host:
        - python
      run:
        - python

Failing::

    requirements:
      host:
        - python >=3.10
      run:
        - python
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, item_name, rewrite_item
from recipegen.linters.rules._requirements import LANGUAGES, language_entries, plain_single_output_views

from recipegen.problems import Severity

ID = "language-runtime-pinned"
SEVERITY = Severity.ERROR
EQUIVALENT = ("language-runtime-pinned", "R-024")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in plain_single_output_views(doc):
        version_independent = view.facts.python_version_independent(())
        for language in LANGUAGES:
            if language == "python" and version_independent:
                continue
            for section in ("host", "run"):
                entries = language_entries(view.facts.requirements((), section), language)
                if any(spec == language for spec, _ in entries):
                    continue
                for spec, path in entries:
                    if spec.partition(" ")[2].startswith((">", "<")):
                        yield Finding(
                            f"Non-noarch packages should require `{language}` without a version "
                            f"bound (found `{spec}` in {section}); skip versions with `build.skip`.",
                            path=path,
                            view=view,
                        )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Drop the version bound of python / r-base."""
    return rewrite_item(doc, problem, item_name, "Write `{new}` without a version")
