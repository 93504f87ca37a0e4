"""`workflow_settings` entries in conda-forge.yml that contradict or overlap each other.

Why: each `workflow_settings.<setting>` is a value or a list of `{os, platform, provider,
value}` entries, and conda-smithy picks the one entry that matches a CI job. An entry whose
`os` and `platform` disagree never matches; two entries that can match the same job make the
result depend on their order; a path setting (`tools_install_dir`, `build_workspace_dir`) must
be restricted to Unix or to Windows because the paths differ; `resize_partitions` only works on
Windows jobs of GitHub Actions. Facts in linters/data/conda_forge_yml.toml.

Passing::

    # conda-forge.yml
    workflow_settings:
      build_workspace_dir:
        - os: win
          value: D:\\bld
        - os: [linux, osx]
          value: /tmp/bld

Failing::

    # conda-forge.yml
    workflow_settings:
      build_workspace_dir:
        - value: D:\\bld
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import Any

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._data import data_toml
from recipegen.linters.rules._folder import on_disk
from recipegen.linters.rules._forge_yml import forge_yml

from recipegen.problems import Severity

ID = "workflow-settings"
SEVERITY = Severity.ERROR
EQUIVALENT = ("workflow-settings", "CF-009", "CF-010", "CF-011", "CF-012")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True

CONDITION_KEYS = ("os", "platform", "provider")


def _as_set(value: Any) -> frozenset[str] | None:
    """A condition as a set of strings, None when absent (matches everything)."""
    if value is None:
        return None
    return frozenset(str(v) for v in (value if isinstance(value, list) else [value]))


def _platform_os(platform: str) -> str:
    return platform.split("_", 1)[0].split("-", 1)[0]


def _entries(value: Any) -> list[tuple[int, dict[str, Any]]]:
    if isinstance(value, list):
        return [(i, e if isinstance(e, dict) else {"value": e}) for i, e in enumerate(value)]
    return [(0, value if isinstance(value, dict) and "value" in value else {"value": value})]


def _effective_os(entry: dict[str, Any], every_os: frozenset[str]) -> frozenset[str]:
    os_set = _as_set(entry.get("os"))
    platforms = _as_set(entry.get("platform"))
    if platforms is not None:
        from_platforms = frozenset(_platform_os(p) for p in platforms)
        os_set = from_platforms if os_set is None else os_set & from_platforms
    return every_os if os_set is None else os_set


def _may_overlap(a: dict[str, Any], b: dict[str, Any], key: str) -> bool:
    """The two entries' conditions on `key` can hold at once (an absent condition matches all)."""
    left, right = _as_set(a.get(key)), _as_set(b.get(key))
    return left is None or right is None or bool(left & right)


def problems(settings: dict[str, Any]) -> Iterator[str]:
    facts = data_toml("conda_forge_yml.toml")["workflow_settings"]
    unix, windows = frozenset(facts["unix_os"]), frozenset(facts["windows_os"])
    every_os = unix | windows
    for setting, value in settings.items():
        entries = _entries(value)
        for index, entry in entries:
            os_set, platforms = _as_set(entry.get("os")), _as_set(entry.get("platform"))
            if os_set is not None and platforms is not None and any(_platform_os(p) not in os_set for p in platforms):
                yield (
                    f"`workflow_settings.{setting}[{index}]` restricts `os` to {sorted(os_set)} but `platform` "
                    f"to {sorted(platforms)}."
                )
            applies = _effective_os(entry, every_os)
            if setting in facts["path_settings"] and applies & unix and applies & windows:
                yield (
                    f"`workflow_settings.{setting}[{index}]` specifies path `{entry.get('value')}` without "
                    f"restricting it to Unix or Windows with `os` or `platform` (applies to {sorted(applies)})."
                )
            wanted = facts["restricted"].get(setting)
            if wanted:
                loose = [
                    key
                    for key, allowed in wanted.items()
                    if (_effective_os(entry, every_os) if key == "os" else _as_set(entry.get(key)) or {"*"})
                    - set(allowed)
                ]
                if loose:
                    yield (
                        f"`workflow_settings.{setting}[{index}]` is not restricted by {', '.join(loose)} to the "
                        f"workflows it applies to (expected: {wanted})."
                    )
        for (i, a), (j, b) in combinations(entries, 2):
            if all(_may_overlap(a, b, k) for k in CONDITION_KEYS) and _effective_os(a, every_os) & _effective_os(
                b, every_os
            ):
                yield (
                    f"`workflow_settings.{setting}` has overlapping entries [{i}] and [{j}]: make their "
                    "conditions exclusive."
                )


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if not on_disk(doc):
        return
    forge = forge_yml(doc)
    if forge is None or not isinstance(forge.data, dict) or not isinstance(forge.data.get("workflow_settings"), dict):
        return
    for message in problems(forge.data["workflow_settings"]):
        yield forge.finding(message, "workflow_settings")
