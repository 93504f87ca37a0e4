"""The feedstock's `conda-forge.yml` has duplicate keys.

Why: YAML readers keep one of the values (which one depends on the tool), so a setting may
silently not apply. Feedstock layout only.

Passing::

    # conda-forge.yml
    conda_build_tool: rattler-build
    os_version:
      linux_64: alma9

Failing::

    # conda-forge.yml
    os_version:
      linux_64: alma9
    os_version:
      linux_64: cos7
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._folder import feedstock_on_disk
from recipegen.linters.rules._forge_yml import forge_yml

from recipegen.problems import Severity

ID = "forge-yml-duplicate-keys"
SEVERITY = Severity.ERROR
EQUIVALENT = ("forge-yml-duplicate-keys", "FC-001")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if feedstock_on_disk(doc) is None:
        return
    forge = forge_yml(doc)
    if forge is not None and forge.duplicate_keys:
        yield forge.finding(f"Duplicate keys are not allowed ({forge.error}).", line=forge.error_line or 1)
