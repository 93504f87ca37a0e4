"""Both `conda_build_config.yaml` and `variants.yaml` configure the recipe.

Why: a recipe may use only one variant configuration file; with both, which one applies
depends on the tool, and the other is silently ignored. Looked up in the recipe folder, `..`
and `../..` as conda-smithy does.

Passing::

    # recipe/ holds recipe.yaml and variants.yaml
    package:
      name: foo

Failing::

    # recipe/ holds recipe.yaml, variants.yaml and conda_build_config.yaml
    package:
      name: foo
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._folder import on_disk
from recipegen.linters.rules._text import whole_document_span
from recipegen.linters.rules._variants import variant_files

from recipegen.problems import Severity

ID = "variants-config-duplicate"
SEVERITY = Severity.ERROR
EQUIVALENT = ("variants-config-duplicate", "RC-002")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if not on_disk(doc):
        return
    found = variant_files(doc)
    if len(found) == 2:
        where = ", ".join(str(p) for p in found.values())
        yield Finding(
            f"Two variant configuration files apply ({where}): keep only one.",
            span=whole_document_span(doc),
            fix="merge them into variants.yaml (v1) or conda_build_config.yaml (v0)",
        )
