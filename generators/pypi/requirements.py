"""PyPI requirements → recipe requirement entries: which dependencies the package has (base
and per extra), how they are written (entries with their comments and `if:` blocks), and what
host and build get from the build system (compilers, build-time Python inputs, native libraries).

`recipegen update` reads requirements with the same functions (through `api.py`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from recipegen.generators.pypi.deps import Dependency, _safe_eval, conda_constraint, parse_requirement, to_dependency
from recipegen.generators.pypi.markers import (
    ALL_GROUPS,
    NoarchVariant,
    os_groups,
    partial_os_groups,
    python_selector,
    selector_for,
    supported_pythons,
)
from recipegen.generators.pypi.metadata import UpstreamMetadata
from recipegen.generators.pypi.names import NameMapper
from recipegen.generators.pypi.native import build_tools, executable_requirement, library_conditions

from recipegen.recipe import If, Item, Req, compiler, names_of, stdlib

if TYPE_CHECKING:
    from recipegen.generators.pypi.recipe import Facts

DROP_BUILD_REQUIRES = {"wheel", "pip"}
HOST_UNVERSIONED = {"numpy", "python"}
RENAMED_BUILD_REQUIRES = {"oldest-supported-numpy": "numpy"}
# Host packages a cross-compiled build also needs in `build` (conda-forge's cross-compilation
# knowledge base): compilers of Python extensions and headers read at build time, and maturin,
# a native executable that must run on the build platform.
CROSS_PYTHON_PACKAGES = {"cython", "numpy", "cffi", "pybind11", "nanobind", "pythran", "maturin"}
DEV_EXTRAS = {
    "test",
    "tests",
    "testing",
    "dev",
    "develop",
    "development",
    "doc",
    "docs",
    "documentation",
    "lint",
    "linting",
    "typing",
    "type",
    "types",
    "mypy",
    "style",
    "check",
    "checks",
    "qa",
    "coverage",
    "cov",
    "benchmark",
    "benchmarks",
    "bench",
    "release",
    "tox",
    "pre-commit",
    "all-dev",
    "devel",
    "typecheck",
    "type-check",
    "typechecking",
    "ci",
    "linters",
    "linter",
    "example",
    "cover",
    "enabler",
    "examples",
    # linters as extras (python-lz4's `flake8`) and pinned minimum-version sets (mkdocs' `min-versions`)
    "flake8",
    "pylint",
    "ruff",
    "pyflakes",
    "pycodestyle",
    "min-versions",
    "minimum-versions",
    "min-deps",
    "mindeps",
}
# Words that make an extra a development group wherever they stand in its name (`test-all`,
# `docs-extra`, `all-dev`); matched as whole words, so `docker` or `testimony` are not.
DEV_WORDS = {
    "test",
    "tests",
    "testing",
    "doc",
    "docs",
    "documentation",
    "dev",
    "devel",
    "develop",
    "development",
    "lint",
    "linting",
    "linter",
    "linters",
    "typing",
    "typecheck",
    "typechecking",
    "mypy",
    "coverage",
    "cov",
    "benchmark",
    "benchmarks",
    "bench",
}


def is_dev_extra(name: str, requirements: list[str] | None = None) -> bool:
    """A development/test/docs group: its whole name, or one of its words, says so, or its
    `requirements` (PyPI names) are several development tools and nothing else (pyinstrument's
    `tools`: nox, prek). One tool alone is often a feature: ipython[black] formats with black."""
    key = canonicalize_name(name)
    if key in DEV_EXTRAS or any(word in DEV_WORDS for word in re.split(r"[-_.]", key)):
        return True
    tools = {canonicalize_name(r) for r in requirements or []}
    return len(tools) > 1 and all(_dev_tool(t) for t in tools)


@lru_cache(maxsize=1)
def _dev_tools() -> tuple[frozenset[str], tuple[str, ...]]:
    text = resources.files("recipegen.generators.pypi").joinpath("data/dev-tools.json").read_text()
    data = json.loads(text)
    return frozenset(data["tools"]), tuple(data["prefixes"])


def _dev_tool(name: str) -> bool:
    tools, prefixes = _dev_tools()
    return name in tools or name.startswith(prefixes)


def normalize_extra(name: str) -> str:
    return canonicalize_name(name)


# Dependencies ----------------------------------------------------------------------------------
@dataclass
class DepContext:
    mapper: NameMapper
    pythons: list[str]
    noarch: bool
    notes: list[str]
    self_name: str
    variants: list[NoarchVariant] = field(default_factory=list)  # noarch builds per OS (noarch_platforms)


_EXTRA_NAME = re.compile(r"""\bextra\s*==\s*["']([^"']+)["']""")


def collect_requirements(
    meta: UpstreamMetadata, extras: list[str], ctx: DepContext
) -> dict[str, tuple[list[Dependency], list[str]]]:
    """Dependencies of the base package ("") and of each extra, with the extras of the package
    itself that each names (`pkg[all]` → the outputs of its other extras).

    One pass over Requires-Dist: a requirement whose marker holds without any extra is a base
    one; else it belongs to the extras its marker names and holds for.
    """
    groups: dict[str, tuple[list[Dependency], list[str]]] = {e: ([], []) for e in ["", *extras]}
    for text in meta.requires_dist:
        requirement = parse_requirement(text)
        if requirement is None:
            ctx.notes.append(f"skipped unparseable requirement {text!r}")
            continue
        marker = str(requirement.marker) if requirement.marker else ""
        targets = [""]
        if "extra" in marker and not _safe_eval(requirement.marker, ""):
            named = {normalize_extra(n) for n in _EXTRA_NAME.findall(marker)}
            targets = [e for e in extras if e in named and _safe_eval(requirement.marker, e)]
        for extra in targets:
            deps, self_extras = groups[extra]
            if canonicalize_name(requirement.name) == ctx.self_name:
                self_extras += [normalize_extra(e) for e in sorted(requirement.extras)]
                continue
            dep = to_dependency(requirement, ctx.mapper, ctx.pythons, extra)
            if dep.applies.never:
                ctx.notes.append(f"dropped {text!r}: its marker is false on every supported Python/platform")
                continue
            deps.append(dep)
    _drop_flattened_dev_groups(groups, ctx.notes)
    return groups


def _drop_flattened_dev_groups(groups: dict[str, tuple[list[Dependency], list[str]]], notes: list[str]) -> None:
    """An aggregate extra (every dependency of it belongs to other extras it holds whole, two or
    more) that holds a development-group extra names that group, as a backend writes
    `pkg[test,docs]` out (hatchling: nbconvert's `all = ["nbconvert[qtpdf,...,test,docs]"]` becomes
    pytest, sphinx, ... under `extra == 'all'`): those dependencies are left out of it, unless
    another non-development extra it holds needs them too. An extra with dependencies of its own
    (a `pytest` extra next to a `test` one) is not an aggregate and keeps them."""

    def key(dep: Dependency) -> tuple[str, str, str]:
        return (dep.conda, dep.spec, dep.marker)

    real = {e: {key(d) for d in deps} for e, (deps, _) in groups.items() if e and not is_dev_extra(e)}
    dev = {e: {key(d) for d in deps} for e, (deps, _) in groups.items() if e and is_dev_extra(e) and deps}
    for extra, held in real.items():
        named = [group for group, wanted in dev.items() if wanted <= held]
        whole = [wanted for other, wanted in {**real, **dev}.items() if other != extra and wanted and wanted <= held]
        if not named or len(whole) < 2 or held - set().union(*whole):
            continue
        others = set().union(*(wanted for other, wanted in real.items() if other != extra and wanted <= held))
        dropped = set().union(*(dev[group] for group in named)) - others
        deps, self_extras = groups[extra]
        deps[:] = [d for d in deps if key(d) not in dropped]
        self_extras += [group for group in named if group not in self_extras]
        notes.append(
            f"extra {extra!r} holds every dependency of the development groups {', '.join(named)}: "
            "those are left out of it"
        )


@lru_cache(maxsize=1)
def _platform_only() -> dict[str, list[str]]:
    text = resources.files("recipegen.generators.pypi").joinpath("data/platform-only.json").read_text()
    return {k: v for k, v in json.loads(text).items() if not k.startswith("//")}


def platform_limited(dep: Dependency) -> list[str]:
    """The platforms a platform-only conda package exists on ([] when it is everywhere)."""
    return _platform_only().get(dep.conda, [])


def noarch_unavailable(dep: Dependency) -> bool:
    """A platform-only conda package needed where it does not exist (a noarch build cannot have it)."""
    limited = platform_limited(dep)
    if not limited or dep.applies.always:
        return False
    return not os_groups(dep.applies) <= frozenset(limited)


def noarch_memberships(deps: list[Dependency]) -> list[frozenset[str]]:
    """The OS groups each dependency of a noarch recipe applies on (for `noarch_variants`)."""
    return [os_groups(d.applies) for d in deps if not noarch_unavailable(d)]


@lru_cache(maxsize=1)
def _dependency_extras() -> dict[str, list[str]]:
    text = resources.files("recipegen.generators.pypi").joinpath("data/dependency-extras.json").read_text()
    return {k: v for k, v in json.loads(text).items() if not k.startswith("//")}


def _extra_outputs(dep: Dependency) -> list[str]:
    """Conda packages that give `foo[bar]`'s extra: the shipped table (`uvicorn-standard`), else
    conda-forge's `foo-with-bar` when it exists (conventions §3.5 point 7)."""
    from recipegen.condaforge import exists_on_conda_forge

    found: list[str] = []
    for extra in dep.extras:
        key = f"{dep.pypi}[{normalize_extra(extra)}]"
        if key in _dependency_extras():
            found += _dependency_extras()[key]
        elif exists_on_conda_forge(f"{dep.conda}-with-{extra}"):
            found.append(f"{dep.conda}-with-{extra}")
    return list(dict.fromkeys(found))


def _unmapped_extras(dep: Dependency) -> list[str]:
    """Extras of `foo[bar]` that no conda package stands for (only a comment says so)."""
    from recipegen.condaforge import exists_on_conda_forge

    return [
        e
        for e in dep.extras
        if f"{dep.pypi}[{normalize_extra(e)}]" not in _dependency_extras()
        and not exists_on_conda_forge(f"{dep.conda}-with-{e}")
    ]


def _comment_for(dep: Dependency, noarch: bool) -> str:
    parts = []
    if dep.map_source:
        parts.append(f"PyPI {dep.pypi} ({dep.map_source})")
    missing = _unmapped_extras(dep)
    if missing:
        parts.append(f"upstream asks for {dep.pypi}[{','.join(missing)}]")
    covered = [e for e in dep.extras if _dependency_extras().get(f"{dep.pypi}[{normalize_extra(e)}]") == []]
    if covered:
        parts.append(f"upstream asks for {dep.pypi}[{','.join(covered)}], which conda-forge's {dep.conda} covers")
    if dep.marker and (not dep.applies.always or dep.per_python) and noarch:
        parts.append(f"upstream: {dep.marker}")
    return "; ".join(parts)


def render_dependencies(deps: list[Dependency], ctx: DepContext) -> list[Item]:
    """Dependencies as recipe requirement entries (`Req`, with their comments) and `if:` blocks.

    A compiled recipe gets `if:` blocks from the markers. A noarch recipe is built once per
    `ctx.variants` entry (conda-forge.yml `noarch_platforms`): OS-specific dependencies go into
    `- if: win / then: [__win, colorama]` blocks, one per variant, each pinning its virtual
    package. Python-version markers (and arch-only ones) are listed unconditionally with the
    upstream marker as a comment (conda-forge's usual choice for tomli, exceptiongroup).
    """
    items: list[Item] = []
    seen: set[str] = set()
    conditional: list[Dependency] = []
    per_variant: dict[NoarchVariant, list[Dependency]] = {v: [] for v in ctx.variants}
    for dep in merged_per_python(deps) if ctx.noarch else deps:
        if not dep.applies.always and not ctx.noarch:
            conditional.append(dep)
            continue
        if dep.conda in seen or _left_out_of_noarch(dep, ctx):
            continue
        groups = os_groups(dep.applies)
        seen.add(dep.conda)
        if ctx.noarch and ctx.variants and groups != ALL_GROUPS:
            for variant in ctx.variants:
                if variant.groups <= groups:
                    per_variant[variant].append(dep)
            continue
        if ctx.noarch and dep.applies.platform_dependent:
            why = "an arch, not an OS," if groups == ALL_GROUPS else "an OS"
            ctx.notes.append(
                f"{dep.conda}: upstream needs it only where {dep.marker} ({why} which a noarch "
                "recipe cannot tell apart): listed unconditionally"
            )
        items += _entries(dep, ctx, seen)
    items += [_variant_block(variant, group, ctx) for variant, group in per_variant.items()]
    return items + _selector_blocks(conditional, seen, ctx)


def merged_per_python(deps: list[Dependency]) -> list[Dependency]:
    """One entry per conda name for a build that cannot tell Pythons apart (noarch): a package
    upstream constrains differently per Python (zstandard's `cffi~=1.17; python_version < "3.14"`
    and `cffi>=2.0.0b; python_version >= "3.14"`) is listed unversioned, so no Python is held to
    another Python's constraint; its markers stay in the comment. A constraint upstream states
    for every Python (google-api-core's `grpcio<2.0.0,>=1.59.0` next to `grpcio<2.0.0,>=1.75.1;
    python_version >= "3.14"`) holds for all of them and is kept."""
    by_name: dict[str, list[Dependency]] = {}
    for dep in deps:
        by_name.setdefault(dep.conda, []).append(dep)
    merged: list[Dependency] = []
    for dep in deps:
        group = by_name[dep.conda]
        if dep is not group[0]:
            continue
        if len({d.spec for d in group}) > 1 and not any(d.applies.platform_dependent for d in group):
            marker = "; ".join(f"{d.spec or 'any'} where {d.marker or 'always'}" for d in group)
            everywhere = [d.spec for d in group if d.applies.always and not d.marker]
            dep = replace(dep, spec=everywhere[0] if len(set(everywhere)) == 1 else "", marker=marker, per_python=True)
        merged.append(dep)
    return merged


def _left_out_of_noarch(dep: Dependency, ctx: DepContext) -> bool:
    """A platform-only package a noarch recipe cannot have (a note says so)."""
    limited = platform_limited(dep)
    if not (ctx.noarch and not dep.applies.always and limited and (not ctx.variants or noarch_unavailable(dep))):
        return False
    ctx.notes.append(
        f"{dep.conda} (upstream: {dep.marker}) exists only on {', '.join(limited)}: left out of this noarch recipe"
    )
    return True


def _entries(dep: Dependency, ctx: DepContext, seen: set[str]) -> list[Req]:
    """The entry of `dep` and those of the conda packages that give its extras (`foo[bar]` →
    `foo-with-bar`, `uvicorn-standard`)."""
    entries = [Req(dep.matchspec(), _comment_for(dep, ctx.noarch))]
    extras_text = ",".join(e for e in dep.extras if e not in _unmapped_extras(dep))
    for output in _extra_outputs(dep):
        if output not in seen:
            seen.add(output)
            entries.append(Req(output, f"upstream asks for {dep.pypi}[{extras_text}]"))
    return entries


def _variant_block(variant: NoarchVariant, group: list[Dependency], ctx: DepContext) -> If:
    """A noarch OS build's block: its virtual package first, then its dependencies."""
    then: list[Item] = [variant.virtual]
    for dep in group:
        if partial_os_groups(dep.applies) & variant.groups:
            ctx.notes.append(
                f"{dep.conda}: upstream needs it only where {dep.marker}; listed for every "
                f"{variant.selector} arch (a noarch recipe cannot tell arches apart)"
            )
        then.append(Req(dep.matchspec(), _comment_for(dep, True)))
        then += [o for o in _extra_outputs(dep) if o not in names_of(then)]
    return If(variant.selector, then if len(then) > 1 else then[0])


def _selector_blocks(conditional: list[Dependency], seen: set[str], ctx: DepContext) -> list[Item]:
    """A compiled recipe's `if:` blocks, one per selector, the upstream markers as a comment."""
    blocks: dict[str, list[Dependency]] = {}
    for dep in conditional:
        if dep.conda in seen:
            continue
        if dep.applies.platform_dependent:
            selector = selector_for(dep.applies.platforms)
        else:
            selector = python_selector(dep.applies.pythons, ctx.pythons)
        blocks.setdefault(selector, []).append(dep)
    items: list[Item] = []
    for selector, group in blocks.items():
        then = list(dict.fromkeys(dep.matchspec() for dep in group))
        marker_text = "; ".join(sorted({d.marker for d in group if d.marker}))
        items.append(
            If(selector, then if len(then) > 1 else then[0], comment=f"upstream: {marker_text}" if marker_text else "")
        )
    return items


# Host / build ----------------------------------------------------------------------------------
def host_and_build(
    facts: Facts, mapper: NameMapper, notes: list[str], run_deps: list[Dependency] | None = None
) -> tuple[list[Item], list[Item]]:
    """host (Python build inputs, the package's own dependencies when it builds itself, native
    libraries) and build (compilers, cross-compilation inputs, the backend's build tools)."""
    host, tools, requirement_names = build_system_requires(facts, mapper, notes)
    build = facts.build
    wanted = (["cython"] if build.cython else []) + (["cffi"] if build.cffi else []) + build.setup_imports
    for name in wanted if build.compiled else []:  # .pyx sources or setup.py imports [build-system] omits
        if name != facts.conda_name and name not in names_of(host):
            host.append(name)
    if run_deps and (builds_itself(facts) or facts.meta.build_needs_run):
        # An in-tree backend (`backend-path`: hatchling, flit-core, poetry-core) imports the
        # package itself during the build, and a hatch hook with `require-runtime-dependencies`
        # imports its dependencies: the run dependencies must be installed.
        why = (
            f"{facts.meta.build_backend} builds {facts.pypi_name} with itself (backend-path): its run dependencies"
            if builds_itself(facts)
            else "a build hook needs the runtime dependencies (require-runtime-dependencies)"
        )
        specs = [d.matchspec() for d in run_deps if not d.applies.platform_dependent]
        _add_group(host, specs, why)
    if build.compiled:
        _add_group(host, facts.native.host, f"linked native libraries, {facts.native.source}", library_conditions())
        if facts.native.unresolved:
            names = ", ".join(f"{name} ({path})" for name, path in facts.native.unresolved)
            notes.append(
                f"native libraries named in the build files with no known conda-forge package: {names}; "
                "native host dependencies may be missing"
            )
    python = "python ${{ python_min }}.*" if not build.compiled else "python"
    host = [python, "pip", *host]
    return host, _build_section(facts, host, tools, requirement_names)


def _add_group(host: list[Item], specs: list[str], comment: str, conditions: dict[str, str] | None = None) -> None:
    """Add the specs host does not have yet; the first one added carries `comment`. A package
    `conditions` names exists only where its selector holds (`- if: unix / then: unixodbc`)."""
    added = 0
    for spec in specs:  # native libraries are unversioned: conda-forge's global pinning supplies versions
        name = spec.split(" ")[0]
        if name not in names_of(host):
            host.append(Req(spec, comment if not added else "", condition=(conditions or {}).get(name, "")))
            added += 1


def build_system_requires(
    facts: Facts, mapper: NameMapper, notes: list[str]
) -> tuple[list[Item], list[str], list[str]]:
    """[build-system] requires: Python inputs for host (each mapped name with its source as a
    comment), tools for build (cmake, ninja), and every requirement's name."""
    from recipegen.condaforge import globally_pinned_packages

    host: list[Item] = []
    tools: list[str] = []
    requirement_names: list[str] = []
    per_python = _constrained_per_python(facts.meta.build_requires)
    for text in facts.meta.build_requires:
        requirement = parse_requirement(text)
        if requirement is None:
            notes.append(f"skipped unparseable build requirement {text!r}")
            continue
        canon: str = canonicalize_name(requirement.name)
        requirement_names.append(canon)
        if canon in DROP_BUILD_REQUIRES or (requirement.marker is not None and not marker_anywhere(requirement)):
            continue
        if canon in per_python:  # one Python's constraint must not hold the others' builds
            requirement = Requirement(requirement.name)
        canon = RENAMED_BUILD_REQUIRES.get(canon, canon)
        if canon == facts.pypi_name:
            continue  # a package that builds itself (Cython, setuptools) uses its own sources
        executable = executable_requirement(canon)  # cmake, ninja, meson: tools for the build machine
        conda = executable or mapper.map(canon).conda
        source = "" if executable else mapper.map(canon).source
        unversioned = (
            conda in HOST_UNVERSIONED or conda in globally_pinned_packages() or canon in RENAMED_BUILD_REQUIRES.values()
        )
        spec = "" if unversioned or not requirement.specifier else conda_constraint(requirement.specifier)
        item = f"{conda} {spec}" if spec else conda
        target: list[Any] = tools if executable else host
        if conda in names_of(target):
            continue
        comment = "; ".join(
            [f"PyPI {canon} ({source})"] * bool(source) + ["upstream constrains it per Python"] * (canon in per_python)
        )
        target.append(Req(item, comment) if comment and target is host else item)
    return host, tools, requirement_names


def _constrained_per_python(build_requires: list[str]) -> set[str]:
    """Build requirements listed more than once with different constraints under different
    markers (zstandard's cffi for Python < 3.14 and >= 3.14): host gets them unversioned."""
    specs: dict[str, set[str]] = {}
    for text in build_requires:
        requirement = parse_requirement(text)
        if requirement is not None and (requirement.marker is None or marker_anywhere(requirement)):
            specs.setdefault(canonicalize_name(requirement.name), set()).add(str(requirement.specifier))
    return {name for name, found in specs.items() if len(found) > 1}


def _build_section(facts: Facts, host: list[Item], tools: list[str], requirement_names: list[str]) -> list[Item]:
    """Compilers and the stdlib, the cross-compilation inputs, the backend's build tools."""
    build = facts.build
    section: list[Item] = []
    if build.compiled:
        toolchain = [*(compiler(c) for c in build.compilers), stdlib("c")]
        if build.compiler_oses:  # watchdog compiles its extension on macOS only
            section.append(If(" or ".join(build.compiler_oses), toolchain))
        else:
            section += toolchain
        if "rust" in build.compilers:
            section.append("cargo-bundle-licenses")
        cross = ["python", "cross-python_${{ host_platform }}"] + [
            h.spec if isinstance(h, Req) else h for h in host if names_of([h])[0] in CROSS_PYTHON_PACKAGES
        ]
        section.append(If("build_platform != host_platform", cross))
    for tool, _reason in build_tools(facts.meta.build_backend, requirement_names):
        if tool == "cargo-bundle-licenses" and "rust" not in build.compilers:
            continue
        if tool not in [t.split(" ")[0] for t in [*section, *tools] if isinstance(t, str)]:
            tools.append(tool)
    return section + tools


def builds_itself(facts: Facts) -> bool:
    """An in-tree build backend (`backend-path`) that is the package's own module."""
    if not facts.meta.backend_path:
        return False
    backend = facts.meta.build_backend.split(":")[0].split(".")[0]
    own = {facts.pypi_name.replace("-", "_"), *(i.split(".")[0] for i in facts.imports)}
    return backend in own


def marker_anywhere(requirement: Requirement) -> bool:
    from recipegen.generators.pypi.markers import evaluate

    return not evaluate(requirement.marker, supported_pythons("3.10")).never
