"""Requirement specs must follow `name [version [build]]` (v0).

Why: conda parses `python >= 3.9`, `python=3.9=*cpython*` or `python 3.9=*cpython*` into fields
other than those written (the build string swallows a version, or the version an operator).
Each whitespace-separated field must be what conda reads it as: one to three fields, and as
many as the spec really constrains (name; version; build). Checked in every requirement list,
`test.requires` and the outputs' lists; Jinja and pin stubs are skipped. One hint per output.

Passing::

    requirements:
      run:
        - python >=3.9
        - libfoo 1.2.* h1234_0

Failing::

    requirements:
      run:
        - python=3.9=*cpython*
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.walk import strings

from recipegen.problems import Severity
from recipegen.validation.wording import format_path

ID = "spec-malformed"
SEVERITY = Severity.HINT
EQUIVALENT = ("spec-malformed", "R-048")
FORMATS = frozenset({"v0"})
CONDA_FORGE_ONLY = False

_STUB_PREFIXES = ("subpackage_pin ", "compatible_pin ")


@lru_cache(maxsize=4096)
def malformed(spec: str) -> bool:
    """conda-smithy's test: 1-3 fields, parses as a MatchSpec, strictness == field count."""
    from rattler import MatchSpec

    fields = spec.split()
    if not 1 <= len(fields) <= 3:
        return True
    try:
        match = MatchSpec(spec)
    except Exception:
        return True
    strictness = 3 if match.build else 2 if match.version is not None else 1
    return strictness != len(fields)


def _skipped(spec: str) -> bool:
    text = spec.strip()
    return not text or "{{" in text or text.startswith(_STUB_PREFIXES) or "_stub" in text.split()[0]


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        by_scope: dict[tuple, list[tuple[str, str, tuple]]] = {}
        for section, spec, path in view.facts.all_requirements():
            scope = path[:2] if path and path[0] == "outputs" else ()
            by_scope.setdefault(scope, []).append((section, spec, path))
        bases = dict.fromkeys([(), *(o.path for o in view.facts.outputs)])
        for base in bases:
            for spec, path in strings(view.data, (*base, "test", "requires")):
                by_scope.setdefault(base, []).append(("test.requires", spec, path))
        for scope, entries in by_scope.items():
            bad = [(s, spec, p) for s, spec, p in entries if not _skipped(spec) and malformed(spec.strip())]
            if not bad:
                continue
            label = view.facts.output_name_at(scope)
            name = "top-level" if not scope else f"`{label}`" if label else f"`{format_path(scope)}`"
            listed = "; ".join(f"{s}: `{spec.strip()}`" for s, spec, _ in bad)
            yield Finding(
                f"The {name} output has malformed specs ({listed}): a spec is "
                "`name [version [build]]`: write `name version build`, not `name =version=build` or "
                "`name >= version` (conda-build has known issues with those).",
                path=bad[0][2],
                view=view,
                fix="e.g. `python >=3.9`, `python 3.9.* *_cpython`",
            )
