"""`schema_version` of a recipe.yaml other than 1.

Why: only schema version 1 of the v1 format exists; conda-smithy stops linting such a recipe
and rattler-build refuses it.

Passing::

    schema_version: 1
    package:
      name: foo

Failing::

    schema_version: 2
    package:
      name: foo
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument

from recipegen.problems import Severity
from recipegen.validation.wording import flow_text

ID = "v1-schema-version-unsupported"
SEVERITY = Severity.ERROR
EQUIVALENT = ("v1-schema-version-unsupported",)
FORMATS = frozenset({"v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    view = doc.views[0]
    if isinstance(view.data, dict) and "schema_version" in view.data:
        value = view.data["schema_version"]
        if value != 1 or isinstance(value, bool):
            yield Finding(
                f"Unsupported recipe.yaml schema version `{flow_text(value)}`: only 1 exists.",
                path=("schema_version",),
                view=view,
                fix="schema_version: 1",
            )
