"""A key inside a meta.yaml section that conda-build does not know (`build: ski:`).

Why: conda-build ignores unknown keys, so a typo (`ski` for `skip`, `run_constrains`) silently
does nothing. Each `source` and `outputs` item is checked too. `extra` takes only
`recipe-maintainers` and `feedstock-name` (conda-smithy's rule). The known keys are in
linters/data/conda_build_fields.toml.

Passing::

    build:
      number: 0
      skip: true  # [win]

Failing::

    build:
      number: 0
      ski: true  # [win]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._data import data_toml
from recipegen.linters.rules._fixes import Fix, Problem, line_index, mapping_line, replace_span

from recipegen.problems import Severity

ID = "unexpected-subsection"
SEVERITY = Severity.ERROR
EQUIVALENT = ("unexpected-subsection", "R-018")
FORMATS = frozenset({"v0"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    fields = data_toml("conda_build_fields.toml")
    for view in doc.views:
        if not isinstance(view.data, dict):
            continue
        for section, value in view.data.items():
            known = fields.get(section)
            if not known:
                continue
            items: list[tuple[Any, tuple]] = [(value, (section,))]
            if section in ("source", "outputs") and isinstance(value, list):
                items = [(item, (section, i)) for i, item in enumerate(value)]
            for item, base in items:
                if not isinstance(item, dict):
                    continue
                for key in item:
                    if key not in known:
                        yield Finding(
                            f"`{key}` is not a valid key of the `{section}` section.",
                            path=(*base, key),
                            view=view,
                            key=True,
                        )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Rename a key one or two letters off a key of its section (`ski` -> `skip`)."""
    import difflib

    line = mapping_line(doc, problem)
    if line is None or not line.key:
        return None
    section = next((p for p in reversed(line.path[:-1]) if isinstance(p, str)), "")
    if section == "outputs" or (len(line.path) >= 2 and line.path[0] == "outputs" and isinstance(line.path[-2], int)):
        section = "outputs"
    known = data_toml("conda_build_fields.toml").get(section, [])
    close = difflib.get_close_matches(line.key, known, n=2, cutoff=0.75)
    if len(close) != 1:
        return None
    edit = replace_span(line_index(doc.text), line.number, line.content + 1, line.content + 1 + len(line.key), close[0])
    return Fix(f"Rename `{line.key}` to `{close[0]}`", (edit,))
