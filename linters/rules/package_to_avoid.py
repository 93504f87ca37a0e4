"""A requirement on a package conda-forge asks recipes to avoid or rename.

Why: conda-forge keeps a list of packages with a better alternative (`matplotlib` →
`matplotlib-base`, `jpeg` → `libjpeg-turbo`, `build` → `python-build`, `boost-cpp` →
`libboost-devel`, ...) in conda-forge-pinning's `linter_hints/hints.toml`; the shipped snapshot
is `recipegen/data/conda-forge-hints.toml`. Build, host and run of the recipe and every output.

Passing::

    requirements:
      run:
        - matplotlib-base

Failing::

    requirements:
      run:
        - matplotlib
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._requirements import requirement_entries
from recipegen.linters.walk import first_token

from recipegen.problems import Severity

ID = "package-to-avoid"
SEVERITY = Severity.HINT
EQUIVALENT = ("package-to-avoid", "CF-002")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True


def _hints() -> dict[str, str]:
    from recipegen.condaforge import package_hints

    table = package_hints().get("hints", {})
    return {str(k): " ".join(str(v).split()) for k, v in table.items()} if isinstance(table, dict) else {}


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    hints = _hints()
    for view, _, _, spec, path in requirement_entries(doc, "build", "host", "run"):
        name = first_token(spec)
        if name in hints:
            yield Finding(hints[name], path=path, view=view)
