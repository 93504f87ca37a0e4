"""conda-smithy's python hints: noarch and abi3 scopes, and whether their tests reach the latest Python."""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.facts import Output, RecipeFacts
from recipegen.linters.model import Finding, RecipeDocument, RecipeView
from recipegen.linters.walk import Path_, strings


def python_scope_kinds(doc: RecipeDocument) -> Iterator[tuple[RecipeView, Output, str]]:
    """(view, python scope, kind) for conda-smithy's python hints: kind is "noarch" for
    `noarch: python`, "abi3" for a Python version-independent scope that is not noarch, else ""."""
    for view in doc.views:
        facts = view.facts
        for out in facts.python_scopes:
            if facts.noarch_at(out.path) == "python":
                yield view, out, "noarch"
            else:
                yield view, out, "abi3" if facts.python_version_independent(out.path) else ""


def is_noarch_python(doc: RecipeDocument) -> bool:
    """Some view of the recipe has top-level `build.noarch: python`."""
    return any(view.facts.noarch == "python" for view in doc.views)


def untested_latest_findings(doc: RecipeDocument, kind: str, message: str) -> Iterator[Finding]:
    """`message` at the first `python` test not testing the latest Python, in each python scope of
    `kind` (see python_scope_kinds)."""
    for view, out, scope_kind in python_scope_kinds(doc):
        path = untested_latest_python(view.facts, out) if scope_kind == kind else None
        if path is not None:
            yield Finding(message, path=path, view=view, key=True)


def untested_latest_python(facts: RecipeFacts, out: Output) -> Path_ | None:
    """Path of the first `python` test of `out` that does not test the latest Python (no `"*"` in
    `python_version`), or None; outputs that cap python in run (`python <3.14`) are exempt."""
    if any(s.split()[0] == "python" and "<" in s for s, _ in facts.requirements(out.path, "run") if s.split()):
        return None
    for item, path in facts.test_items(out.path):
        if "python" not in item:
            continue
        versions = [v.strip() for v, _ in strings(facts.data, (*path, "python", "python_version"))]
        if "*" not in versions:
            return (*path, "python")
    return None
