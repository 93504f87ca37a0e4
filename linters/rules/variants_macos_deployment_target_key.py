"""The variants file sets `MACOSX_DEPLOYMENT_TARGET` for macOS.

Why: conda-forge derives the deployment target from `c_stdlib_version` (with
`{{ stdlib('c') }}` in build); setting `MACOSX_DEPLOYMENT_TARGET` directly is the old way
and conflicts with it. Replace it by `c_stdlib_version` (and `MACOSX_SDK_VERSION` if a newer
SDK is needed).

Passing::

    # conda_build_config.yaml
    c_stdlib_version:   # [osx and x86_64]
      - "11.0"          # [osx and x86_64]

Failing::

    # conda_build_config.yaml
    MACOSX_DEPLOYMENT_TARGET:   # [osx and x86_64]
      - "10.15"                 # [osx and x86_64]
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.fixing import same_file
from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, LineIndex, Problem, replace_span
from recipegen.linters.rules._folder import on_disk
from recipegen.linters.rules._variants import mac_values, variant_files

from recipegen.problems import Severity

ID = "variants-macos-deployment-target-key"
SEVERITY = Severity.ERROR
EQUIVALENT = ("variants-macos-deployment-target-key", "RC-000")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if not on_disk(doc):
        return
    for path in variant_files(doc).values():
        hits = [v for v in mac_values(path) if v.key == "MACOSX_DEPLOYMENT_TARGET"]
        if hits:
            yield hits[0].finding(
                path,
                "`MACOSX_DEPLOYMENT_TARGET` must be removed or replaced by `c_stdlib_version` "
                "(with `stdlib('c')` in build).",
                fix="c_stdlib_version: ['<version>']  # [osx]",
            )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Rename `MACOSX_DEPLOYMENT_TARGET` to `c_stdlib_version` in the variants file that sets it."""
    from recipegen.yamlblocks import Block
    from recipegen.yamlio import read_text

    path = next((p for p in variant_files(doc).values() if same_file(problem.file, p)), None)
    if path is None:
        return None
    text = read_text(path)
    lines = Block(text)
    key = lines.find(("MACOSX_DEPLOYMENT_TARGET",))
    if key is None or lines.find(("c_stdlib_version",)) is not None:
        return None
    start = key.content + 1
    edit = replace_span(LineIndex(text), key.number, start, start + len(key.key or ""), "c_stdlib_version")
    return Fix(f"Rename `MACOSX_DEPLOYMENT_TARGET` to `c_stdlib_version` in {path.name}", (edit,), path)
