"""Julia version ranges → conda specs, checked by brute force against Julia's own semantics.

Julia's semantics are implemented here again, independently of recipegen's code, straight from
Pkg.jl `src/Versions.jl`: a bound with n components compares only the first n components of
the version (`lower ≲ v ≲ upper`). Conda's side is py-rattler's VersionSpec/MatchSpec.
"""

from __future__ import annotations

import itertools
import sys

import pytest
from rattler import MatchSpec, Version, VersionSpec
from recipegen.generators.julia.versions import (
    EmptyRange,
    VersionSyntaxError,
    compat_to_conda,
    conda_version,
    semver_to_conda,
    version_sort_key,
)

from .conftest import FIXTURES, REGISTRY_DIR

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


# --- Julia's semantics, written independently -------------------------------------------------


def julia_bound(text: str) -> tuple[int, ...]:
    text = text.strip()
    return () if text == "*" else tuple(int(p) for p in text.lstrip("v").split("."))


def julia_in(version: tuple[int, int, int], range_text: str) -> bool:
    pieces = range_text.split("-")
    lower = julia_bound(pieces[0])
    upper = julia_bound(pieces[-1])
    return version[: len(lower)] >= lower and version[: len(upper)] <= upper


def julia_admits(version: tuple[int, int, int], value) -> bool:
    return any(julia_in(version, r) for r in ([value] if isinstance(value, str) else value))


def candidate_versions(value) -> list[tuple[int, int, int]]:
    """Versions around every number in the bounds: n-1, n, n+1 in each position, and 0."""
    positions: list[set[int]] = [{0, 1}, {0, 1}, {0, 1}]
    for range_text in [value] if isinstance(value, str) else value:
        for bound in range_text.split("-"):
            for i, number in enumerate(julia_bound(bound)):
                positions[i] |= {max(number - 1, 0), number, number + 1}
                for j in range(i + 1, 3):
                    positions[j] |= {number, number + 1}
    return list(itertools.product(*(sorted(p) for p in positions)))


def conda_admits(spec: str, version: tuple[int, int, int]) -> bool:
    return True if spec == "" else VersionSpec(spec).matches(Version(".".join(map(str, version))))


def all_compat_entries() -> list[tuple[str, str, str, object]]:
    entries = []
    for path in sorted(REGISTRY_DIR.rglob("*Compat.toml")):
        data = tomllib.loads(path.read_text())
        for key, section in data.items():
            for name, value in section.items():
                entries.append((str(path.relative_to(REGISTRY_DIR)), key, name, value))
    return entries


def test_every_compat_entry_of_the_slice_matches_julia_semantics():
    entries = all_compat_entries()
    compat_only = [e for e in entries if e[0].endswith("/Compat.toml")]
    assert len(compat_only) >= 2300  # every Compat.toml of the 238 packages (+ WeakCompat.toml)
    checked = 0
    failures = []
    for file, key, name, value in entries:
        try:
            spec = compat_to_conda(value)
        except EmptyRange:
            # Julia admits nothing either (checked over the candidates below)
            assert not any(julia_admits(v, value) for v in candidate_versions(value)), (file, key, name, value)
            continue
        MatchSpec(f"julia-{name.lower()} {spec}".strip())  # parses as a conda MatchSpec
        for version in candidate_versions(value):
            checked += 1
            if julia_admits(version, value) != conda_admits(spec, version):
                failures.append((file, key, name, value, spec, version))
    assert not failures, failures[:10]
    assert checked > 100_000
    print(f"\n{len(entries)} compat entries ({len(compat_only)} in Compat.toml), {checked} versions checked")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.2.0-1", ">=1.2.0,<2"),
        ("0.5", ">=0.5.0,<0.6"),
        ("0.3.0-0.4", ">=0.3.0,<0.5"),
        ("0.19-0", ">=0.19.0,<1"),
        ("1", ">=1.0.0,<2"),
        ("1.2.3", "==1.2.3"),
        ("*", ""),
        ("0-1", "<2"),
        ("1.10.0-*", ">=1.10.0"),
        ("1.1.0 - 1", ">=1.1.0,<2"),
        (["0.7", "1"], ">=0.7.0,<0.8|>=1.0.0,<2"),
        (["0.5", "0.6", "0.7", "1"], ">=0.5.0,<0.8|>=1.0.0,<2"),  # adjacent ranges are joined
        (["1.10.5-1.10", "1.12"], ">=1.10.5,<1.11|>=1.12.0,<1.13"),
        (["0.0.0", "1"], "==0.0.0|>=1.0.0,<2"),
    ],
)
def test_registry_ranges(value, expected):
    assert compat_to_conda(value) == expected


def test_an_empty_range_is_refused():
    with pytest.raises(EmptyRange):
        compat_to_conda("2-1")


@pytest.mark.parametrize("bad", ["1.x", "a-b", "1-2-3", "", ">=1"])
def test_invalid_registry_ranges(bad):
    with pytest.raises(VersionSyntaxError):
        compat_to_conda(bad)


# Project.toml [compat] syntax: the intervals of the Pkg documentation ("Compatibility" section).
SEMVER_TABLE = [
    ("^1.2.3", (1, 2, 3), (2, 0, 0)),
    ("^1.2", (1, 2, 0), (2, 0, 0)),
    ("^1", (1, 0, 0), (2, 0, 0)),
    ("^0.2.3", (0, 2, 3), (0, 3, 0)),
    ("^0.0.3", (0, 0, 3), (0, 0, 4)),
    ("^0.0", (0, 0, 0), (0, 1, 0)),
    ("^0", (0, 0, 0), (1, 0, 0)),
    ("1.2.3", (1, 2, 3), (2, 0, 0)),
    ("0.5", (0, 5, 0), (0, 6, 0)),
    ("~1.2.3", (1, 2, 3), (1, 3, 0)),
    ("~1.2", (1, 2, 0), (1, 3, 0)),
    ("~1", (1, 0, 0), (2, 0, 0)),
    ("~0.2.3", (0, 2, 3), (0, 3, 0)),
    ("~0.0.3", (0, 0, 3), (0, 1, 0)),
    ("~0.0", (0, 0, 0), (0, 1, 0)),
    ("~0", (0, 0, 0), (1, 0, 0)),
    (">= 1.2.3", (1, 2, 3), None),
    ("≥ 1.2.3", (1, 2, 3), None),
    (">= 1.0", (1, 0, 0), None),
    ("< 1.2.3", (0, 0, 0), (1, 2, 3)),
    ("<1.2", (0, 0, 0), (1, 2, 0)),
    ("=1.2.3", (1, 2, 3), (1, 2, 4)),
    ("1.2.3 - 4.5.6", (1, 2, 3), (4, 5, 7)),
    ("0.2 - 4.5.6", (0, 2, 0), (4, 5, 7)),
    ("1.2.3 - 4.5", (1, 2, 3), (4, 6, 0)),
    ("1.2.3 - 4", (1, 2, 3), (5, 0, 0)),
    ("0.2 - 0", (0, 2, 0), (1, 0, 0)),
]


@pytest.mark.parametrize(("spec", "lower", "upper"), SEMVER_TABLE)
def test_project_compat_specifiers(spec, lower, upper):
    conda = semver_to_conda(spec)
    MatchSpec(f"julia-x {conda}")
    grid = itertools.product(range(0, 7), range(0, 8), range(0, 8))
    for version in grid:
        expected = version >= lower and (upper is None or version < upper)
        assert conda_admits(conda, version) == expected, (spec, conda, version)


def test_project_compat_unions_and_examples():
    assert semver_to_conda("^0.5.2") == ">=0.5.2,<0.6"
    assert semver_to_conda("~1.2") == ">=1.2.0,<1.3"
    assert semver_to_conda("=1.2.3") == "==1.2.3"
    assert semver_to_conda(">= 1.0") == ">=1.0.0"
    assert semver_to_conda("3.1.0, 4") == ">=3.1.0,<5"  # HDF5's Project.toml: adjacent, joined
    assert semver_to_conda("~1.10.5, ~1.12.0, ~1.14.0") == ">=1.10.5,<1.11|>=1.12.0,<1.13|>=1.14.0,<1.15"
    assert semver_to_conda("< 0.0.1, 1") == "==0.0.0|>=1.0.0,<2"
    for bad in ("^0.0.0", "> 1", "1.2.3.4", "x"):
        with pytest.raises(VersionSyntaxError):
            semver_to_conda(bad)


def test_project_compat_of_the_fixture_projects_agrees_with_the_registry():
    """A fixture Project.toml [compat] and the registry's Compat.toml for that version say the
    same in two syntaxes; the registry may only be narrower (General tightens compat after
    the fact, e.g. Zlib_jll's JLLWrappers)."""
    from recipegen.generators.julia.registry import open_local

    registry = open_local(REGISTRY_DIR)
    compared = same = 0
    for project in sorted((FIXTURES / "julia-projects").glob("*/Project.toml")):
        data = tomllib.loads(project.read_text())
        package = registry.find(data["name"])
        registry_compat = package.compat_of(data["version"])
        deps = set(data.get("deps", {})) | {"julia"}
        for name, spec in data.get("compat", {}).items():
            if name not in deps or name not in registry_compat:
                continue
            ours = semver_to_conda(spec)
            theirs = compat_to_conda(registry_compat[name])
            versions = candidate_versions(registry_compat[name])
            for version in versions:
                if conda_admits(theirs, version):
                    assert conda_admits(ours, version), (project, name, version)
            compared += 1
            same += all(conda_admits(ours, v) == conda_admits(theirs, v) for v in versions)
    assert compared >= 40 and same >= compared - 3, (compared, same)


def test_versions_of_packages():
    assert conda_version("1.3.1+2") == "1.3.1"
    assert conda_version("2.0.0-rc1") == "2.0.0rc1"
    ordered = sorted(["1.10.0", "1.9.0", "1.10.0-rc1", "1.10.0+1", "0.1.0"], key=version_sort_key)
    assert ordered == ["0.1.0", "1.9.0", "1.10.0-rc1", "1.10.0", "1.10.0+1"]
