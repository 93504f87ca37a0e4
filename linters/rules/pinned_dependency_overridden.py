"""A host requirement pins a version of a package the feedstock's variants already pin.

Why: in a feedstock the `.ci_support/*.yaml` files list every globally pinned package; a host
spec with its own version (`libhwloc >=2.5`) overrides the pin, so the package no longer builds
against the version the rest of conda-forge uses (ABI mismatch). Override the pin in
`conda_build_config.yaml` (or `variants.yaml`) instead. Feedstock layout only (`recipe/`).

Passing::

    requirements:
      host:
        - libhwloc

Failing::

    requirements:
      host:
        - libhwloc >=2.5
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, item_name, rewrite_item
from recipegen.linters.rules._folder import feedstock_on_disk
from recipegen.linters.rules._requirements import requirement_lists
from recipegen.linters.walk import first_token

from recipegen.problems import Severity

ID = "pinned-dependency-overridden"
SEVERITY = Severity.HINT
EQUIVALENT = ("pinned-dependency-overridden", "CF-006")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True


@lru_cache(maxsize=32)
def _pinned_keys(ci_support: str, stamp: tuple) -> frozenset[str]:
    from recipegen.yamlio import load_yaml, to_plain

    keys: set[str] = set()
    for path in sorted(Path(ci_support).glob("*.yaml")):
        try:
            data = to_plain(load_yaml(path))
        except Exception:
            continue
        if isinstance(data, dict):
            keys.update(str(k) for k in data)
    return frozenset(keys)


def pinned_keys(feedstock_dir: Path) -> frozenset[str]:
    folder = feedstock_dir / ".ci_support"
    try:
        stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.yaml")))
    except OSError:
        return frozenset()
    return _pinned_keys(str(folder), stamp) if stamp else frozenset()


def _versioned(spec: str) -> str | None:
    """The package name when `spec` is a MatchSpec carrying a version, else None."""
    from rattler import MatchSpec

    if "{{" in spec or "_stub" in spec or spec.strip().startswith(("subpackage_pin", "compatible_pin")):
        return None
    try:
        match = MatchSpec(spec.strip())
    except Exception:
        return None
    return match.name.normalized if match.version is not None and match.name else None


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    feedstock = feedstock_on_disk(doc)
    if feedstock is None:
        return
    keys = pinned_keys(feedstock)
    if not keys:
        return
    for view, _, _, host in requirement_lists(doc, "host"):
        for spec, path in host:
            name = _versioned(spec)
            if not name or not ({name, name.replace("-", "_")} & keys):
                continue
            if sum(1 for other, _ in host if first_token(other) == first_token(spec)) > 1:
                continue
            yield Finding(
                f"`{spec.strip()}` in host overrides the version the feedstock pins for "
                f"`{name}` (.ci_support): override the pin in conda_build_config.yaml instead.",
                path=path,
                view=view,
                fix=f"write `{name}` without a version",
            )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Drop the version: the feedstock's pin applies."""
    return rewrite_item(doc, problem, item_name, "Write `{new}` without a version")
