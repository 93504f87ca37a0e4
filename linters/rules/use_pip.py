"""Install Python packages with pip, not `python setup.py install`.

Why: `setup.py install` is deprecated, skips the metadata pip writes (so `pip check` and
uninstall break) and may download dependencies.

Passing::

    build:
      script: ${{ PYTHON }} -m pip install . -vv --no-deps --no-build-isolation

Failing::

    build:
      script: python setup.py install --single-version-externally-managed --record=record.txt
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument, RecipeView
from recipegen.linters.rules._fixes import Fix, Problem, block, line_index, replace_span
from recipegen.linters.walk import get, script_lines

from recipegen.problems import Severity

ID = "use-pip"
SEVERITY = Severity.HINT
EQUIVALENT = ("use-pip", "R-049")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def _script_paths(view: RecipeView) -> list[tuple]:
    """Where build scripts live: top-level `build.script`, and each output's (v0 also `script`)."""
    paths: list[tuple] = [("build", "script")]
    for base in view.facts.scopes[1:]:
        paths += [(*base, *key) for key in view.dialect.output_script_keys]
    return paths


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    python = doc.dialect.expression("PYTHON")
    for view in doc.views:
        for path in _script_paths(view):
            if any("python setup.py install" in line for line in script_lines(get(view.data, *path))):
                yield Finding(
                    f"Install with pip (`{python} -m pip install . -vv --no-deps --no-build-isolation`) "
                    "rather than `python setup.py install`.",
                    path=path,
                    view=view,
                )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Replace `python setup.py install ...` by pip."""
    import re

    python = doc.dialect.expression("PYTHON")
    command = f"{python} -m pip install . -vv --no-deps --no-build-isolation"
    lines = block(doc.text)
    for number in range(problem.line, lines.block_end(problem.line) + 1):
        text = lines[number].text
        start = text.find("python setup.py install")
        if start < 0:
            continue
        end = re.search(r"\s*(&&|;|\||['\"]\s*$|\s#|$)", text[start + len("python setup.py install") :])
        stop = start + len("python setup.py install") + (end.start() if end else 0)
        edit = replace_span(line_index(doc.text), number, start + 1, stop + 1, command)
        return Fix("Install with pip", (edit,))
    return None
