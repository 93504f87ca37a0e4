"""Name development outputs `-devel`, not `-dev`.

Why: conda-forge's convention is `lib<name>-devel` (boost, libglvnd, libxml2, xz...); only
NVIDIA's CUDA packages use `-dev`.

Passing::

    outputs:
      - package:
          name: libfoo-devel

Failing::

    outputs:
      - package:
          name: libfoo-dev
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._data import data_lines

from recipegen.problems import Severity

ID = "devel-suffix-dev"
SEVERITY = Severity.HINT
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    cuda = tuple(data_lines("cuda_dev_prefixes.txt"))
    for view in doc.views:
        for out in view.facts.outputs:
            if out.name.endswith("-dev") and not out.name.startswith(cuda):
                yield Finding(
                    f"conda-forge names development packages `-devel`: rename `{out.name}` to `{out.name[:-4]}-devel`.",
                    path=out.name_path,
                    view=view,
                )
