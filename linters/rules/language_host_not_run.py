"""`python` / `r-base` in host must also be in run.

Why: an extension built for an interpreter only works with that interpreter; without the run
requirement conda may install the package next to another Python or R. Checked for
single-output, non-noarch recipes, as conda-smithy does.

Passing::

    requirements:
      host:
        - python
        - pip
      run:
        - python

Failing::

    requirements:
      host:
        - python
        - pip
      run:
        - numpy
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, add_to_section, block, item_at, item_name
from recipegen.linters.rules._requirements import LANGUAGES, language_entries, plain_single_output_views

from recipegen.problems import Severity

ID = "language-host-not-run"
SEVERITY = Severity.ERROR
EQUIVALENT = ("language-host-not-run", "R-023")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in plain_single_output_views(doc):
        host = view.facts.requirements((), "host")
        run = view.facts.requirements((), "run")
        for language in LANGUAGES:
            in_host = language_entries(host, language)
            if in_host and not language_entries(run, language):
                yield Finding(
                    f"`{language}` is a host requirement, so it must be a run requirement too.",
                    path=in_host[0][1],
                    view=view,
                    fix=f"add `{language}` to `requirements.run`",
                )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Add the language (python / r-base) to run."""
    item = item_at(doc, problem.line)
    requirements = block(doc.text).find(("requirements",))
    if item is None or requirements is None:
        return None
    language = item_name(item.value)
    edits = add_to_section(
        doc, requirements, "run", [f"- {language}"], item.indent - block(doc.text)[item.parent].indent
    )
    return Fix(f"Add `{language}` to run", tuple(edits)) if edits else None
