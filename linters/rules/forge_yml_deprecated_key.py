"""The feedstock's `conda-forge.yml` sets a deprecated option.

Why: conda-smithy ignores these settings now (`matrix`, `compiler_stack`, `min_py_ver`,
`build_with_mambabuild`, `test_on_native_only`, ...), so they mislead readers. The list is in
linters/data/conda_forge_yml.toml.

Passing::

    # conda-forge.yml
    test: native_and_emulated

Failing::

    # conda-forge.yml
    test_on_native_only: true
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._data import data_toml
from recipegen.linters.rules._fixes import Fix, LineIndex, Problem, delete_lines
from recipegen.linters.rules._folder import on_disk
from recipegen.linters.rules._forge_yml import entry_at, forge_yml

from recipegen.problems import Severity

ID = "forge-yml-deprecated-key"
SEVERITY = Severity.HINT
EQUIVALENT = ("forge-yml-deprecated-key",)
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if not on_disk(doc):
        return
    forge = forge_yml(doc)
    if forge is None or not isinstance(forge.data, dict):
        return
    deprecated = data_toml("conda_forge_yml.toml")["deprecated_keys"]
    for key in forge.data:
        if key in deprecated:
            yield forge.finding(
                f"`{key}` is deprecated. {deprecated[key]}", key, fix=f"remove `{key}` from conda-forge.yml"
            )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Remove the deprecated key from conda-forge.yml."""
    entry = entry_at(doc, problem)
    if entry is None or entry.lines[entry.number].key not in data_toml("conda_forge_yml.toml")["deprecated_keys"]:
        return None
    edit = delete_lines(LineIndex(entry.text), entry.number, entry.lines.block_end(entry.number))
    return Fix(f"Remove `{entry.lines[entry.number].key}` from conda-forge.yml", (edit,), entry.path)
