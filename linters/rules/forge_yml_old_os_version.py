"""The feedstock's `conda-forge.yml` lowers the Linux build image (`os_version: cos7`).

Why: conda-forge builds on alma9 images by default; an older image (cos7, alma8, ubi8) is only
needed for special cases and should be removed once they are gone. The glibc a package
needs is set with `c_stdlib_version`, not with the image.

Passing::

    # conda-forge.yml
    os_version:
      linux_64: alma9

Failing::

    # conda-forge.yml
    os_version:
      linux_64: cos7
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._data import data_toml
from recipegen.linters.rules._fixes import Fix, LineIndex, Problem, delete_lines
from recipegen.linters.rules._folder import on_disk
from recipegen.linters.rules._forge_yml import entry_at, forge_yml

from recipegen.problems import Severity

ID = "forge-yml-old-os-version"
SEVERITY = Severity.HINT
EQUIVALENT = ("forge-yml-old-os-version", "FC-002")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False
SKIP_KEY = "hint_os_version"


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if not on_disk(doc):
        return
    forge = forge_yml(doc)
    if forge is None or not isinstance(forge.data, dict) or not isinstance(forge.data.get("os_version"), dict):
        return
    facts = data_toml("conda_forge_yml.toml")["os_version"]
    lowered = {str(k): str(v) for k, v in forge.data["os_version"].items() if str(v) in facts["old"]}
    if lowered:
        yield forge.finding(
            "The feedstock lowers the build image for "
            f"{', '.join(f'{k}: {v}' for k, v in lowered.items())} (the default is {facts['default']}); "
            "remove it unless it is still needed, and set `c_stdlib_version` for an older glibc.",
            "os_version",
        )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Remove the old build images from conda-forge.yml (all of `os_version` when all are old)."""
    entry = entry_at(doc, problem)
    if entry is None or entry.lines[entry.number].key != "os_version":
        return None
    old = set(data_toml("conda_forge_yml.toml")["os_version"]["old"])
    lines, number = entry.lines, entry.number
    entries = [c for c in lines.children(number) if c.key]
    stale = [c for c in entries if c.value.strip("'\"") in old]
    index = LineIndex(entry.text)
    if stale and len(stale) == len(entries):
        edits = (delete_lines(index, number, lines.block_end(number)),)
    else:
        edits = tuple(delete_lines(index, c.number, lines.block_end(c.number)) for c in stale)
    return Fix("Remove the old build image from conda-forge.yml", edits, entry.path) if edits else None
