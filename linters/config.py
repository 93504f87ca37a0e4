"""Lint configuration found next to a recipe.

Walking up from the recipe's folder (up to the repository root), the closest of these wins:

- `recipegen.toml` with a `[lint]` table (or top-level keys), or
- `pyproject.toml` with a `[tool.recipegen.lint]` table (a pyproject.toml without it is
  passed over);

keys: `select`, `ignore` (lists of rule ids), `severity-threshold` (error|warning|hint),
`license-policy` (a path, relative to the config file), `conda-forge` (bool).

Separately, `conda-forge.yml` in the recipe folder or its parent (the feedstock root, where
conda-smithy reads it) contributes its `linter: skip:` list: conda-smithy's skip names
(`lint_stdlib`, `hint_python_min`, ...) switch off the rules whose `SKIP_KEY` names them;
recipegen rule ids are accepted there too.

Command-line options win over files: `--select` replaces, `--ignore` adds,
`--severity-threshold`/`--license-policy` replace, `--conda-forge` turns on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from recipegen.problems import InputError, Severity

CONFIG_KEYS = ("select", "ignore", "severity-threshold", "license-policy", "conda-forge")


@dataclass(frozen=True)
class LintSettings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity_threshold: Severity | None = None
    license_policy: Path | None = None
    conda_forge: bool | None = None
    skip: frozenset[str] = frozenset()  # conda-forge.yml linter.skip entries
    config_file: Path | None = None
    forge_yml: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def merged_with_cli(
        self,
        *,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        severity_threshold: Severity | None = None,
        license_policy: Path | None = None,
        conda_forge: bool = False,
    ) -> LintSettings:
        return replace(
            self,
            select=tuple(select) or self.select,
            ignore=tuple(dict.fromkeys((*self.ignore, *ignore))),
            severity_threshold=severity_threshold or self.severity_threshold,
            license_policy=license_policy or self.license_policy,
            conda_forge=True if conda_forge else self.conda_forge,
        )

    @property
    def threshold(self) -> Severity:
        return self.severity_threshold or Severity.ERROR


def _load_toml(path: Path) -> dict[str, Any]:
    from recipegen.tomlread import tomllib

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), f"invalid TOML: {exc}") from None
    except RecursionError:  # arrays nested thousands deep
        raise InputError(str(path), "invalid TOML: nested too deeply") from None


def _as_ids(value: Any, key: str, source: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split() if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(str(source), f"lint setting `{key}` must be a list of rule ids")
    return tuple(value)


def settings_from_table(table: dict[str, Any], source: Path) -> LintSettings:
    normalized = {str(k).replace("_", "-"): v for k, v in table.items()}
    unknown = sorted(set(normalized) - set(CONFIG_KEYS))
    if unknown:
        raise InputError(
            str(source), f"unknown lint setting(s): {', '.join(unknown)} (known: {', '.join(CONFIG_KEYS)})"
        )
    threshold = normalized.get("severity-threshold")
    severity = None
    if threshold is not None:
        try:
            severity = Severity(str(threshold).lower())
        except ValueError:
            raise InputError(
                str(source), f"severity-threshold must be error, warning or hint, not {threshold!r}"
            ) from None
    policy = normalized.get("license-policy")
    conda_forge = normalized.get("conda-forge")
    if conda_forge is not None and not isinstance(conda_forge, bool):
        raise InputError(str(source), "lint setting `conda-forge` must be true or false")
    return LintSettings(
        select=_as_ids(normalized.get("select", []), "select", source),
        ignore=_as_ids(normalized.get("ignore", []), "ignore", source),
        severity_threshold=severity,
        license_policy=(source.parent / str(policy)) if policy else None,
        conda_forge=conda_forge,
        config_file=source,
    )


def _config_in(folder: Path) -> LintSettings | None:
    own = folder / "recipegen.toml"
    if own.is_file():
        data = _load_toml(own)
        table = data.get("lint")
        if table is None:
            table = (
                data.get("tool", {})
                .get("recipegen", {})
                .get("lint", {k: v for k, v in data.items() if k in CONFIG_KEYS or k.replace("_", "-") in CONFIG_KEYS})
            )
        return settings_from_table(table if isinstance(table, dict) else {}, own)
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        table = _load_toml(pyproject).get("tool", {}).get("recipegen", {}).get("lint")
        if isinstance(table, dict):
            return settings_from_table(table, pyproject)
    return None


def _forge_skip(folder: Path) -> tuple[frozenset[str], Path | None]:
    forge = folder / "conda-forge.yml"
    if not forge.is_file():
        return frozenset(), None
    from recipegen.yamlio import load_yaml, to_plain

    try:
        data = to_plain(load_yaml(forge))
    except InputError:
        return frozenset(), forge  # a broken conda-forge.yml is reported by its own rule
    linter = data.get("linter") if isinstance(data, dict) else None
    skip = linter.get("skip") if isinstance(linter, dict) else None
    if isinstance(skip, str):
        skip = [skip]
    return frozenset(str(s) for s in skip or () if isinstance(s, (str, int))), forge


def settings_for(folder: Path) -> LintSettings:
    """Settings for recipes in `folder` (absolute): the nearest config file above it (up to the
    repository root) and `conda-forge.yml` in the folder or its parent (where conda-smithy
    reads it: the feedstock root). Cached: `settings_for.cache_clear()` forgets the files."""
    return _settings_for(folder)


def _clear_settings() -> None:
    _settings_for.cache_clear()
    _nearest_config.cache_clear()


settings_for.cache_clear = _clear_settings  # type: ignore[attr-defined]


@lru_cache(maxsize=4096)
def _nearest_config(folder: Path) -> LintSettings | None:
    """The config file in `folder` or above it, up to the repository root (a folder's answer is
    its parent's when it has none: recipes of one tree share the walk)."""
    config = _config_in(folder)
    if config is not None or (folder / ".git").exists() or folder.parent == folder:
        return config
    return _nearest_config(folder.parent)


@lru_cache(maxsize=1024)
def _settings_for(folder: Path) -> LintSettings:
    config = _nearest_config(folder)
    skip: frozenset[str] = frozenset()
    forge: Path | None = None
    for candidate in (folder, folder.parent):
        skip, forge = _forge_skip(candidate)
        if forge is not None:
            break
    return replace(config or LintSettings(), skip=skip, forge_yml=forge)


def settings_for_recipe(recipe_file: Path) -> LintSettings:
    return settings_for(Path(os.path.abspath(recipe_file)).parent)
