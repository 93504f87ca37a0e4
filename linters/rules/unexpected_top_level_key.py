"""A top-level key the recipe format does not know (`sources:`, `test:` in v1, ...).

Why: unknown keys are ignored or refused by the build tool; usually a typo or a key of the
other format. v0 knows package, source, build, requirements, test, app, outputs, about, extra;
v1 schema_version, context, package, recipe, source, build, requirements, tests, outputs,
about, extra (conda-smithy's lists). On v1 a key the schema already reports is left to the
`schema` rule (its problem says where the key belongs and carries this rule's equivalents), so
it is reported once; this rule reports the other keys (`$schema`), and every key when `schema`
is not selected.

Passing::

    package:
      name: foo
    source:
      url: https://example.org/foo-1.0.tar.gz

Failing::

    package:
      name: foo
    sources:
      url: https://example.org/foo-1.0.tar.gz
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument

from recipegen.problems import Severity

ID = "unexpected-top-level-key"
SEVERITY = Severity.ERROR
EQUIVALENT = ("unexpected-top-level-key", "R-000")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    known = doc.dialect.top_level_keys
    for view in doc.views:
        if not isinstance(view.data, dict):
            continue
        for key in view.data:
            if key not in known and key not in options.schema_keys:
                yield Finding(
                    f"Unexpected top-level key `{key}` (known: {', '.join(known)}).", path=(key,), view=view, key=True
                )
