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

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, add_to_section, item_at, item_name, section_of_item
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
    """Add the language (python / r-base) to run, under the same selector (a meta.yaml's
    `# [osx]`); an item inside an `if:` branch is left to a person."""
    item = item_at(doc, problem.line)
    found = section_of_item(doc, item) if item else None
    if item is None or found is None:
        return None
    requirements, owner = found
    language = item_name(item.value)
    selector = TRAILING_SELECTOR.search(item.text)
    new_item = f"- {language}" + (f"  {selector.group(0).strip()}" if selector else "")
    edits = add_to_section(doc, requirements, "run", [new_item], item.indent - owner.indent)
    title = f"Add `{language}` to run" + (f" ({selector.group(0).strip()})" if selector else "")
    return Fix(title, tuple(edits)) if edits else None


TRAILING_SELECTOR = re.compile(r"\s#\s*\[[^\]]+\]\s*$")
