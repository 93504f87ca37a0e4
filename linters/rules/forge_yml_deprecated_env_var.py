"""The feedstock's `conda-forge.yml` sets a deprecated Azure build variable.

Why: `azure.settings_<os>.variables` entries such as `CONDA_BLD_PATH` or `MINIFORGE_HOME` are
replaced by `workflow_settings` (`build_workspace_dir`, `tools_install_dir`, ...), which work on
every CI provider.

Passing::

    # conda-forge.yml
    workflow_settings:
      build_workspace_dir: D:\\bld

Failing::

    # conda-forge.yml
    azure:
      settings_win:
        variables:
          CONDA_BLD_PATH: D:\\bld
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._data import data_toml
from recipegen.linters.rules._folder import on_disk
from recipegen.linters.rules._forge_yml import forge_yml

from recipegen.problems import Severity

ID = "forge-yml-deprecated-env-var"
SEVERITY = Severity.HINT
EQUIVALENT = ("forge-yml-deprecated-env-var", "CF-007")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if not on_disk(doc):
        return
    forge = forge_yml(doc)
    if forge is None or not isinstance(forge.data, dict) or not isinstance(forge.data.get("azure"), dict):
        return
    replacements = data_toml("conda_forge_yml.toml")["deprecated_env_vars"]
    for os_name in ("linux", "osx", "win"):
        variables = forge.data["azure"].get(f"settings_{os_name}") or {}
        variables = variables.get("variables") if isinstance(variables, dict) else None
        if not isinstance(variables, dict):
            continue
        for name in variables:
            if name in replacements:
                where = f"azure.settings_{os_name}.variables.{name}"
                instead = (
                    f"use `{replacements[name]}` instead"
                    if replacements[name]
                    else "use the matching `workflow_settings` option instead"
                )
                yield forge.finding(
                    f"`{where}` is deprecated, {instead}.", "azure", f"settings_{os_name}", "variables", name
                )
