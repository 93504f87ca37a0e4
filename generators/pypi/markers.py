"""PEP 508 environment markers → where a dependency applies on conda-forge.

A marker is evaluated (with `packaging`) over every supported Python (from the floor to the
newest conda-forge builds) and every conda-forge platform.  The outcome says whether the
dependency always applies, never applies (dropped, with a note), depends on the Python
version, or depends on the platform — which a recipe expresses as an `if:` selector, or for
a noarch package as the `__unix`/`__win`/`__linux`/`__osx` virtual-package variants.
"""

from __future__ import annotations

from dataclasses import dataclass

from packaging.markers import Marker, UndefinedEnvironmentName

NEWEST_PYTHON = (3, 14)

# conda-forge's main platforms: (subdir, os group, arch selector, marker environment).
PLATFORMS: tuple[tuple[str, str, str, dict[str, str]], ...] = (
    (
        "linux-64",
        "linux",
        "x86_64",
        {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix", "platform_machine": "x86_64"},
    ),
    (
        "linux-aarch64",
        "linux",
        "aarch64",
        {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix", "platform_machine": "aarch64"},
    ),
    (
        "osx-64",
        "osx",
        "x86_64",
        {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix", "platform_machine": "x86_64"},
    ),
    (
        "osx-arm64",
        "osx",
        "arm64",
        {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix", "platform_machine": "arm64"},
    ),
    (
        "win-64",
        "win",
        "x86_64",
        {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64"},
    ),
)
OS_GROUPS = ("linux", "osx", "win")


@dataclass(frozen=True)
class Applies:
    """Where a requirement applies."""

    always: bool = False
    never: bool = False
    pythons: tuple[str, ...] = ()  # python versions where it applies (when only python matters)
    platforms: frozenset[str] = frozenset()  # subdirs where it applies on some Python
    python_dependent: bool = False
    platform_dependent: bool = False

    @property
    def os_groups(self) -> frozenset[str]:
        return frozenset(group for subdir, group, _, _ in PLATFORMS if subdir in self.platforms)


def supported_pythons(floor: str) -> list[str]:
    major, minor = (int(x) for x in floor.split(".")[:2])
    return [f"3.{m}" for m in range(minor, NEWEST_PYTHON[1] + 1)] if major == 3 else [floor]


def _environment(python: str, platform_env: dict[str, str], extra: str) -> dict[str, str]:
    return {
        "python_version": python,
        "python_full_version": python + ".0",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "implementation_version": python + ".0",
        "platform_release": "",
        "platform_version": "",
        "extra": extra,
        **platform_env,
    }


def evaluate(marker: Marker | None, pythons: list[str], extra: str = "") -> Applies:
    if marker is None:
        return Applies(always=True)
    table: dict[tuple[str, str], bool] = {}
    for python in pythons:
        for subdir, _, _, env in PLATFORMS:
            try:
                table[(python, subdir)] = marker.evaluate(_environment(python, env, extra))
            except UndefinedEnvironmentName:
                table[(python, subdir)] = False
    values = set(table.values())
    if values == {True}:
        return Applies(always=True)
    if values == {False}:
        return Applies(never=True)
    by_python = {p: {table[(p, s)] for s, *_ in PLATFORMS} for p in pythons}
    by_platform = {s: {table[(p, s)] for p in pythons} for s, *_ in PLATFORMS}
    python_dependent = any(len({table[(p, s)] for p in pythons}) > 1 for s, *_ in PLATFORMS)
    platform_dependent = any(len(v) > 1 for v in by_python.values())
    return Applies(
        pythons=tuple(p for p in pythons if True in by_python[p]),
        platforms=frozenset(s for s, v in by_platform.items() if True in v),
        python_dependent=python_dependent,
        platform_dependent=platform_dependent,
    )


def selector_for(platforms: frozenset[str]) -> str:
    """An `if:` expression true exactly on `platforms` (subdirs of PLATFORMS)."""
    parts = []
    for group in OS_GROUPS:
        members = [(s, arch) for s, g, arch, _ in PLATFORMS if g == group]
        chosen = [arch for s, arch in members if s in platforms]
        if len(chosen) == len(members):
            parts.append(group)
        else:
            parts += [f"({group} and {arch})" for arch in chosen]
    if parts == ["linux", "osx"]:
        return "unix"
    if set(parts) == {"osx", "win"}:
        return "not linux"
    if set(parts) == {"linux", "win"}:
        return "not osx"
    return " or ".join(parts)


def python_selector(pythons: tuple[str, ...], all_pythons: list[str]) -> str:
    """`match(python, ...)` for a contiguous run of supported Pythons."""
    first, last = pythons[0], pythons[-1]
    if first == all_pythons[0]:
        nxt = all_pythons[all_pythons.index(last) + 1]
        return f'match(python, "<{nxt}")'
    if last == all_pythons[-1]:
        return f'match(python, ">={first}")'
    nxt = all_pythons[all_pythons.index(last) + 1]
    return f'match(python, ">={first},<{nxt}")'


# noarch packages with OS-specific dependencies --------------------------------------------------
ALL_GROUPS = frozenset(OS_GROUPS)
# An OS-group set a virtual package expresses: (selector, virtual package, conda-forge.yml platform).
VIRTUAL_PACKAGES: dict[frozenset[str], tuple[str, str, str]] = {
    frozenset({"linux", "osx"}): ("unix", "__unix", "linux_64"),
    frozenset({"linux"}): ("linux", "__linux", "linux_64"),
    frozenset({"osx"}): ("osx", "__osx", "osx_64"),
    frozenset({"win"}): ("win", "__win", "win_64"),
}


@dataclass(frozen=True)
class NoarchVariant:
    """One build of a noarch recipe with OS-specific dependencies (conda-forge's `noarch_platforms`)."""

    groups: frozenset[str]
    selector: str  # `if:` condition, true on the build platform of this variant only
    virtual: str  # the virtual package that keeps the build on its OSes (`__unix`, `__win`...)
    platform: str  # the conda-forge.yml `noarch_platforms` entry that builds it


def os_groups(applies: Applies) -> frozenset[str]:
    """OS groups (linux/osx/win) where a dependency applies on some arch and Python (all when always)."""
    if applies.always or not applies.platform_dependent:
        return ALL_GROUPS
    return applies.os_groups


def partial_os_groups(applies: Applies) -> frozenset[str]:
    """OS groups where a dependency applies on only some arches (a `platform_machine` marker)."""
    partial = set()
    for group in OS_GROUPS:
        members = {s for s, g, _, _ in PLATFORMS if g == group}
        chosen = members & applies.platforms
        if chosen and chosen != members:
            partial.add(group)
    return frozenset(partial) if applies.platform_dependent else frozenset()


def noarch_variants(memberships: list[frozenset[str]]) -> list[NoarchVariant]:
    """The fewest noarch builds that tell apart every OS-group set in `memberships`.

    OS groups that every set treats alike share a build; a shared build needs a virtual package
    covering exactly its groups (`__unix` = linux+osx), else each group gets its own build
    (e.g. a darwin-only dependency: `__linux`, `__osx`, `__win`). [] when nothing differs.
    """
    relevant = [m for m in memberships if m and m != ALL_GROUPS]
    if not relevant:
        return []
    classes: dict[tuple[bool, ...], set[str]] = {}
    for group in OS_GROUPS:
        classes.setdefault(tuple(group in m for m in relevant), set()).add(group)
    parts: list[frozenset[str]] = []
    for groups in classes.values():
        if frozenset(groups) in VIRTUAL_PACKAGES:
            parts.append(frozenset(groups))
        else:
            parts += [frozenset({g}) for g in groups]
    parts.sort(key=lambda p: min(OS_GROUPS.index(g) for g in p))
    return [NoarchVariant(p, *VIRTUAL_PACKAGES[p]) for p in parts]


def conda_forge_yml(variants: list[NoarchVariant]) -> str:
    """conda-forge.yml text that builds each noarch variant on its own platform."""
    lines = [
        "# noarch: python with OS-specific run dependencies: one build per OS,",
        "# each pinning its virtual package (see the `if:` blocks in recipe.yaml).",
        "noarch_platforms:",
    ] + [f"  - {v.platform}" for v in variants]
    return "\n".join(lines) + "\n"
