"""Top-level sections in the canonical order.

Why: every conda-forge recipe reads the same way (package, source, build, requirements, tests,
about, extra), which makes review and automated updates easier. Unknown keys are ignored here.
v1 multi-output recipes: schema_version, context, recipe, source, build, outputs, about, extra.

Passing::

    package:
      name: foo
    source:
      url: https://example.org/foo-1.0.tar.gz
    build:
      number: 0

Failing::

    package:
      name: foo
    build:
      number: 0
    source:
      url: https://example.org/foo-1.0.tar.gz
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument

from recipegen.problems import Severity

ID = "top-level-key-order"
SEVERITY = Severity.ERROR
EQUIVALENT = ("top-level-key-order", "R-001")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

V0_ORDER = ("package", "source", "build", "requirements", "test", "app", "outputs", "about", "extra")
V1_SINGLE = ("schema_version", "context", "package", "source", "build", "requirements", "tests", "about", "extra")
V1_MULTI = ("schema_version", "context", "recipe", "source", "build", "outputs", "about", "extra")


# (single-output order, multi-output order) of each format
ORDERS = {"v0": (V0_ORDER, V0_ORDER), "v1": (V1_SINGLE, V1_MULTI)}


def expected_order(data: dict, fmt: str) -> tuple[str, ...]:
    single, multi = ORDERS[fmt]
    return multi if "outputs" in data else single


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        if not isinstance(view.data, dict):
            continue
        order = expected_order(view.data, doc.format)
        present = [k for k in view.data if k in order]
        wanted = sorted(present, key=order.index)
        if present == wanted:
            continue
        first_wrong = next(i for i, (a, b) in enumerate(zip(present, wanted)) if a != b)
        yield Finding(
            f"Top-level sections are out of order: expected {', '.join(wanted)}; "
            f"`{present[first_wrong]}` is where `{wanted[first_wrong]}` should be.",
            path=(present[first_wrong],),
            view=view,
            key=True,
        )
