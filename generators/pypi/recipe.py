"""Upstream facts → v1 recipe data (plain dicts) with comments, following generator-conventions.md.

noarch python per CFEP-25 (host `python ${{ python_min }}.*`, run `python >=${{ python_min }}`,
tests on `python_min` and the newest Python; `context.python_min` only above the global
floor); compiled packages get their compilers with `stdlib('c')`, unpinned python and the
build-time Python inputs in host (and in build for cross-compiling).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from recipegen.generators.pypi.deps import Dependency, _safe_eval, conda_constraint, parse_requirement, to_dependency
from recipegen.generators.pypi.layout import Build
from recipegen.generators.pypi.license_info import LicenseDecision
from recipegen.generators.pypi.markers import (
    ALL_GROUPS,
    NoarchVariant,
    conda_forge_yml,
    noarch_variants,
    os_groups,
    partial_os_groups,
    python_selector,
    selector_for,
    supported_pythons,
)
from recipegen.generators.pypi.metadata import UpstreamMetadata
from recipegen.generators.pypi.names import NameMapper
from recipegen.generators.pypi.native import NativeLibraries, build_tools, executable_requirement

from recipegen.endpoints import endpoint

PIP_SCRIPT = "${{ PYTHON }} -m pip install . -vv --no-deps --no-build-isolation"
DROP_BUILD_REQUIRES = {"wheel", "pip"}
HOST_UNVERSIONED = {"numpy", "python"}
RENAMED_BUILD_REQUIRES = {"oldest-supported-numpy": "numpy"}
CROSS_PYTHON_PACKAGES = {"cython", "numpy", "cffi", "pybind11", "nanobind", "pythran"}
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
}
URL_KEYS = {
    "homepage": ("homepage", "home", "home-page", "website", "web", "main", "project", "url"),
    "repository": (
        "repository",
        "source",
        "source-code",
        "sourcecode",
        "code",
        "github",
        "gitlab",
        "git",
        "repo",
        "source-repository",
    ),
    "documentation": (
        "documentation",
        "docs",
        "doc",
        "readthedocs",
        "read-the-docs",
        "api-reference",
        "documentation-url",
    ),
}


@dataclass
class Facts:
    """Everything the recipe is built from, already fetched and read."""

    meta: UpstreamMetadata
    pypi_name: str  # canonical PyPI name
    conda_name: str
    conda_name_source: str
    version: str
    sdist_filename: str
    sha256: str
    build: Build
    imports: list[str]
    license: LicenseDecision
    global_python_min: str
    extras_mode: str = "split"  # split | none | all | names
    extras_selected: tuple[str, ...] = ()
    maintainers: tuple[str, ...] = ()
    source_path: str = ""  # a local project folder (source.path) instead of the PyPI URL
    extra_sources: list[dict[str, Any]] = field(default_factory=list)  # e.g. a license file from GitHub
    stubs: list[str] = field(default_factory=list)  # PEP 561 `<module>-stubs` folders (nothing to import)
    native: NativeLibraries = field(default_factory=NativeLibraries)  # C libraries the extensions link
    own_modules: set[str] = field(default_factory=set)  # every top-level module the package installs
    # console script -> external modules its import needs (None: its sources were not read)
    script_needs: dict[str, frozenset[str] | None] = field(default_factory=dict)


@dataclass
class Built:
    data: dict[str, Any]
    eol: dict[tuple, str] = field(default_factory=dict)
    before: dict[tuple, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    dependencies: list[tuple[str, str]] = field(default_factory=list)  # (pypi spec, conda name)
    extra_files: dict[str, str] = field(default_factory=dict)  # written next to recipe.yaml


# Small pieces ----------------------------------------------------------------------------------
def source_url(facts: Facts) -> str:
    """The canonical PyPI sdist URL with templated name and version (conventions §2.4)."""
    base = endpoint("RECIPEGEN_PYPI_FILES_URL")
    templated = f"{facts.pypi_name.replace('-', '_')}-{facts.version}"
    filename = facts.sdist_filename
    suffix = filename[len(filename.rsplit("-", 1)[0]) + 1 + len(facts.version) :] if facts.version in filename else ""
    if filename == templated + suffix and suffix:
        tail = "${{ name | replace('-', '_') }}-${{ version }}" + suffix
    elif f"-{facts.version}" in filename:
        tail = filename.replace(f"-{facts.version}", "-${{ version }}", 1)
    else:
        tail = filename
    return f"{base}/${{{{ name[0] }}}}/${{{{ name }}}}/{tail}"


def project_urls(meta: UpstreamMetadata, pypi_name: str) -> dict[str, str]:
    found: dict[str, str] = {}
    normalized = {
        "".join(ch for ch in label.lower().replace(" ", "-").replace("_", "-") if ch.isalnum() or ch == "-"): url
        for label, url in meta.project_urls.items()
    }
    for key, labels in URL_KEYS.items():
        for label in labels:
            url = normalized.get(label)
            if url and url.startswith(("http://", "https://")):
                found[key] = url
                break
    home = meta.home_page if meta.home_page.startswith(("http://", "https://")) else ""
    if "homepage" not in found and home:
        found["homepage"] = home
    if "repository" not in found:
        for url in [home, *meta.project_urls.values()]:
            if url and any(host in url for host in ("github.com/", "gitlab.com/", "bitbucket.org/", "codeberg.org/")):
                found["repository"] = url.split("#")[0].rstrip("/")
                break
    if "homepage" not in found:
        found["homepage"] = found.get("repository") or f"https://pypi.org/project/{pypi_name}/"
    return found


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


def _is_dev_extra(name: str) -> bool:
    """A development/test/docs group: its whole name, or one of its words, says so."""
    key = canonicalize_name(name)
    return key in DEV_EXTRAS or any(word in DEV_WORDS for word in re.split(r"[-_.]", key))


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
    return groups


@lru_cache(maxsize=1)
def _platform_only() -> dict[str, list[str]]:
    text = resources.files("recipegen.generators.pypi").joinpath("data/platform-only.json").read_text()
    return {k: v for k, v in json.loads(text).items() if not k.startswith("//")}


def _platform_limited(dep: Dependency) -> list[str]:
    """The platforms a platform-only conda package exists on ([] when it is everywhere)."""
    return _platform_only().get(dep.conda, [])


def _noarch_unavailable(dep: Dependency) -> bool:
    """A platform-only conda package needed where it does not exist (a noarch build cannot have it)."""
    limited = _platform_limited(dep)
    if not limited or dep.applies.always:
        return False
    return not os_groups(dep.applies) <= frozenset(limited)


def noarch_memberships(deps: list[Dependency]) -> list[frozenset[str]]:
    """The OS groups each dependency of a noarch recipe applies on (for `noarch_variants`)."""
    return [os_groups(d.applies) for d in deps if not _noarch_unavailable(d)]


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
    if dep.marker and not dep.applies.always and noarch:
        parts.append(f"upstream: {dep.marker}")
    return "; ".join(parts)


def render_dependencies(deps: list[Dependency], ctx: DepContext, path: tuple) -> tuple[list, dict[tuple, str]]:
    """Dependencies as recipe list items (plain strings and `if:` blocks) with their comments.

    A compiled recipe gets `if:` blocks from the markers. A noarch recipe is built once per
    `ctx.variants` entry (conda-forge.yml `noarch_platforms`): OS-specific dependencies go into
    `- if: win / then: [__win, colorama]` blocks, one per variant, each pinning its virtual
    package. Python-version markers (and arch-only ones) are listed unconditionally with the
    upstream marker as a comment (conda-forge's usual choice for tomli, exceptiongroup).
    """
    items: list[Any] = []
    comments: dict[tuple, str] = {}
    seen: set[str] = set()
    conditional: list[Dependency] = []
    per_variant: dict[NoarchVariant, list[Dependency]] = {v: [] for v in ctx.variants}
    for dep in deps:
        if not dep.applies.always and not ctx.noarch:
            conditional.append(dep)
            continue
        if dep.conda in seen:
            continue
        if (
            ctx.noarch
            and not dep.applies.always
            and _platform_limited(dep)
            and (not ctx.variants or _noarch_unavailable(dep))
        ):
            limited = _platform_limited(dep)
            ctx.notes.append(
                f"{dep.conda} (upstream: {dep.marker}) exists only on {', '.join(limited)}: "
                "left out of this noarch recipe"
            )
            continue
        groups = os_groups(dep.applies)
        if ctx.noarch and ctx.variants and groups != ALL_GROUPS:
            seen.add(dep.conda)
            for variant in ctx.variants:
                if variant.groups <= groups:
                    per_variant[variant].append(dep)
            continue
        seen.add(dep.conda)
        comment = _comment_for(dep, ctx.noarch)
        if comment:
            comments[(*path, len(items))] = comment
        if ctx.noarch and dep.applies.platform_dependent:
            ctx.notes.append(
                f"{dep.conda}: upstream needs it only where {dep.marker} (an arch, not an OS, "
                "which a noarch recipe cannot tell apart): listed unconditionally"
            )
        items.append(dep.matchspec())
        extras_text = ",".join(e for e in dep.extras if e not in _unmapped_extras(dep))
        for output in _extra_outputs(dep):  # `foo[bar]` → `foo-with-bar`, `uvicorn-standard`, ...
            if output not in seen:
                seen.add(output)
                comments[(*path, len(items))] = f"upstream asks for {dep.pypi}[{extras_text}]"
                items.append(output)
    for variant, group in per_variant.items():  # noarch: one block per OS build, virtual package first
        index = len(items)
        then: list[str] = [variant.virtual]
        for dep in group:
            comment = _comment_for(dep, True)
            if partial_os_groups(dep.applies) & variant.groups:
                ctx.notes.append(
                    f"{dep.conda}: upstream needs it only where {dep.marker}; listed for every "
                    f"{variant.selector} arch (a noarch recipe cannot tell arches apart)"
                )
            if comment:
                comments[(*path, index, "then", len(then))] = comment
            then.append(dep.matchspec())
            then += [o for o in _extra_outputs(dep) if o not in then]
        items.append({"if": variant.selector, "then": then if len(then) > 1 else then[0]})
    blocks: dict[str, list[Dependency]] = {}
    for dep in conditional:
        if dep.conda in seen:
            continue
        if dep.applies.platform_dependent:
            selector = selector_for(dep.applies.platforms)
        else:
            selector = python_selector(dep.applies.pythons, ctx.pythons)
        blocks.setdefault(selector, []).append(dep)
    for selector, group in blocks.items():
        then = list(dict.fromkeys(dep.matchspec() for dep in group))
        index = len(items)
        items.append({"if": selector, "then": then if len(then) > 1 else then[0]})
        marker_text = "; ".join(sorted({d.marker for d in group if d.marker}))
        if marker_text:
            comments[(*path, index, "if")] = f"upstream: {marker_text}"
    return items, comments


# Host / build ----------------------------------------------------------------------------------
def host_and_build(
    facts: Facts, mapper: NameMapper, notes: list[str], run_deps: list[Dependency] | None = None
) -> tuple[list, list, dict]:
    """host (Python build inputs, the package's own dependencies when it builds itself, native
    libraries) and build (compilers, cross-compilation inputs, the backend's build tools)."""
    meta, build = facts.meta, facts.build
    from recipegen.condaforge import globally_pinned_packages

    host: list[str] = []
    tools: list[str] = []
    comments: dict[tuple, str] = {}
    requirement_names: list[str] = []
    for text in meta.build_requires:
        requirement = parse_requirement(text)
        if requirement is None:
            notes.append(f"skipped unparseable build requirement {text!r}")
            continue
        canon = canonicalize_name(requirement.name)
        requirement_names.append(canon)
        if canon in DROP_BUILD_REQUIRES:
            continue
        if requirement.marker is not None and not _marker_anywhere(requirement):
            continue
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
        target = tools if executable else host
        if any(x.split(" ")[0] == conda for x in target):
            continue
        if source and target is host:
            comments[len(host)] = f"PyPI {canon} ({source})"
        target.append(item)
    wanted = (["cython"] if build.cython else []) + (["cffi"] if build.cffi else []) + build.setup_imports
    wanted = wanted if build.compiled else []
    for name in wanted:  # .pyx sources or setup.py imports that [build-system] does not declare
        if name != facts.conda_name and not any(h.split(" ")[0] == name for h in host):
            host.append(name)
    if run_deps and (_builds_itself(facts) or meta.build_needs_run):
        # An in-tree backend (`backend-path`: hatchling, flit-core, poetry-core) imports the
        # package itself during the build, and a hatch hook with `require-runtime-dependencies`
        # imports its dependencies: the run dependencies must be installed.
        first = len(host)
        for dep in run_deps:
            if dep.applies.platform_dependent or any(h.split(" ")[0] == dep.conda for h in host):
                continue
            host.append(dep.matchspec())
        if len(host) > first:
            comments[first] = (
                f"{meta.build_backend} builds {facts.pypi_name} with itself (backend-path): its run dependencies"
                if _builds_itself(facts)
                else "a build hook needs the runtime dependencies (require-runtime-dependencies)"
            )
    if build.compiled:
        native = facts.native
        first = len(host)
        for library in native.host:  # unversioned: conda-forge's global pinning supplies versions
            if not any(h.split(" ")[0] == library for h in host):
                host.append(library)
        if len(host) > first:
            comments[first] = f"linked native libraries, {native.source}"
        if native.unresolved:
            names = ", ".join(f"{name} ({path})" for name, path in native.unresolved)
            notes.append(
                f"native libraries named in the build files with no known conda-forge package: {names}; "
                "native host dependencies may be missing"
            )
    python = "python ${{ python_min }}.*" if not build.compiled else "python"
    host = [python, "pip", *host]
    comments = {("requirements", "host", i + 2): c for i, c in comments.items()}
    build_section: list[Any] = []
    if build.compiled:
        build_section += [f"${{{{ compiler('{c}') }}}}" for c in build.compilers]
        build_section.append("${{ stdlib('c') }}")
        if "rust" in build.compilers:
            build_section.append("cargo-bundle-licenses")
        cross = ["python", "cross-python_${{ host_platform }}"] + [
            h for h in host if h.split(" ")[0] in CROSS_PYTHON_PACKAGES
        ]
        build_section.append({"if": "build_platform != host_platform", "then": cross})
    for tool, _reason in build_tools(meta.build_backend, requirement_names):
        if tool == "cargo-bundle-licenses" and "rust" not in build.compilers:
            continue
        if not any(isinstance(t, str) and t.split(" ")[0] == tool for t in [*build_section, *tools]):
            tools.append(tool)
    build_section += tools
    return host, build_section, comments


def _builds_itself(facts: Facts) -> bool:
    """An in-tree build backend (`backend-path`) that is the package's own module."""
    if not facts.meta.backend_path:
        return False
    backend = facts.meta.build_backend.split(":")[0].split(".")[0]
    own = {facts.pypi_name.replace("-", "_"), *(i.split(".")[0] for i in facts.imports)}
    return backend in own


def _marker_anywhere(requirement: Requirement) -> bool:
    from recipegen.generators.pypi.markers import evaluate

    return not evaluate(requirement.marker, supported_pythons("3.10")).never


# The recipe ------------------------------------------------------------------------------------
def build_recipe(facts: Facts, mapper: NameMapper) -> Built:
    meta, build = facts.meta, facts.build
    notes: list[str] = []
    eol: dict[tuple, str] = {}
    before: dict[tuple, str] = {}
    noarch = not build.compiled
    notes += build.notes
    from recipegen.generators.pypi.deps import python_constraint

    floor, upper = python_constraint(meta.requires_python)
    global_min = facts.global_python_min
    raise_floor = bool(floor) and _minor(floor) > _minor(global_min)
    effective_min = floor if raise_floor else global_min
    pythons = supported_pythons(effective_min)
    ctx = DepContext(mapper, pythons, noarch, notes, facts.pypi_name)

    extras = list(dict.fromkeys(normalize_extra(e) for e in meta.provides_extra))
    extra_deps = collect_requirements(meta, extras, ctx)
    base_deps = extra_deps.pop("")[0]

    # Which extras become outputs or join the run requirements.
    mode = facts.extras_mode
    wanted_outputs: list[str] = []
    merged: list[str] = []
    if mode == "split":

        def usable(d: Dependency) -> bool:  # a noarch recipe gets OS variants; a compiled one cannot
            return not _noarch_unavailable(d) if noarch else d.applies.always or not _platform_limited(d)

        wanted_outputs = [
            e for e in extras if not _is_dev_extra(e) and (extra_deps[e][1] or any(usable(d) for d in extra_deps[e][0]))
        ]
        skipped = [e for e in extras if _is_dev_extra(e)]
        if skipped:
            notes.append(f"extras not turned into outputs (development/test/docs groups): {', '.join(skipped)}")
    elif mode == "all":
        merged = [e for e in extras if not _is_dev_extra(e)]
    elif mode == "names":
        unknown = [e for e in facts.extras_selected if normalize_extra(e) not in extras]
        if unknown:
            from recipegen.generate import GenerationError

            raise GenerationError(
                f"{facts.pypi_name}: no extra named {', '.join(unknown)} (extras: {', '.join(extras) or 'none'})"
            )
        merged = [normalize_extra(e) for e in facts.extras_selected]
    for extra in _expand_self(merged, extra_deps):
        base_deps += [d for d in extra_deps[extra][0] if d.conda not in {b.conda for b in base_deps}]
    extra_files: dict[str, str] = {}
    if noarch:  # OS-specific dependencies: one noarch build per OS group (conda-forge.yml)
        memberships = noarch_memberships(base_deps)
        for extra in wanted_outputs:
            memberships += noarch_memberships(extra_deps[extra][0])
        ctx.variants = noarch_variants(memberships)
        if ctx.variants:
            extra_files["conda-forge.yml"] = conda_forge_yml(ctx.variants)
            notes.append(
                "OS-specific run dependencies: conda-forge.yml sets noarch_platforms "
                f"({', '.join(v.platform for v in ctx.variants)}); write it next to recipe.yaml"
            )

    run_python = "python >=${{ python_min }}" if noarch else "python"
    if noarch and upper:
        run_python += "," + upper
    elif not noarch and upper:
        notes.append(f"upstream caps Python ({upper}); add a skip for newer Pythons if needed")
    if build.compiled and build.cffi and not any(d.conda == "cffi" for d in base_deps):
        # a cffi-built extension imports `_cffi_backend` when it runs (API and ABI mode alike)
        base_deps.append(Dependency("cffi", "cffi"))
        notes.append("the extension is built with cffi, which it imports at run time: cffi added to run")
    run_items, run_comments = render_dependencies(base_deps, ctx, ("requirements", "run"))
    run = [run_python, *run_items]
    eol.update({(p[0], p[1], p[2] + 1, *p[3:]): c for p, c in run_comments.items()})

    build_time = base_deps + [d for e in meta.build_needs_extras if e in extra_deps for d in extra_deps[e][0]]
    host, build_reqs, host_comments = host_and_build(facts, mapper, notes, build_time)
    eol.update(host_comments)

    context: dict[str, Any] = {"name": facts.pypi_name, "version": facts.version}
    if raise_floor and noarch:
        context["python_min"] = floor
    package_name = "${{ name }}" if facts.conda_name == facts.pypi_name else facts.conda_name
    if facts.conda_name != facts.pypi_name and facts.conda_name_source:
        notes.append(f"package name {facts.conda_name} (PyPI {facts.pypi_name}, from {facts.conda_name_source})")

    scripts = {
        k: v.split("[")[0].strip()
        for k, v in {**meta.console_scripts, **meta.gui_scripts}.items()
        if not _python_versioned(k)
    }
    versioned = [k for k in {**meta.console_scripts, **meta.gui_scripts} if _python_versioned(k)]
    if versioned:
        notes.append(f"left out entry points named after the Python that built the sdist: {', '.join(versioned)}")
    build_section: dict[str, Any] = {"number": 0}
    if noarch:
        build_section["noarch"] = "python"
    elif raise_floor:
        build_section["skip"] = f'match(python, "<{floor}")'
    build_section["script"] = PIP_SCRIPT
    if "rust" in build.compilers:
        build_section["script"] = ["cargo-bundle-licenses --format yaml --output THIRDPARTY.yml", PIP_SCRIPT]
    # opt-in extensions (mypy's MYPY_USE_MYPYC=1) and switches that link the system libraries in
    # host instead of bundled copies (xxhash's XXHASH_LINK_SO=1)
    script_env = {**build.script_env, **(facts.native.env if build.compiled else {})}
    if script_env:
        build_section["script"] = {"env": script_env, "content": build_section["script"]}
        for variable in facts.native.env if build.compiled else {}:
            eol[("build", "script", "env", variable)] = "link the system library in host, not the bundled copy"
    if scripts:
        build_section["python"] = {"entry_points": [f"{k} = {v}" for k, v in scripts.items()]}

    requirements: dict[str, Any] = {}
    if build_reqs:
        requirements["build"] = build_reqs
    requirements["host"] = host
    requirements["run"] = run

    tests = _tests(facts, noarch, upper, [d.pypi for d in base_deps], notes)
    about = _about(facts, notes, eol)
    maintainers, maintainer_comments = _maintainers(facts.maintainers)

    source: dict[str, Any] | list[dict[str, Any]]
    if facts.source_path:
        source = {"path": facts.source_path}
    else:
        source = {"url": source_url(facts), "sha256": facts.sha256}
    if facts.extra_sources:
        source = [source, *facts.extra_sources]  # type: ignore[assignment]
        notes.append(
            "the sdist has no license file: added the repository's "
            f"{facts.extra_sources[0].get('file_name')} at the release tag as a second source"
        )

    dependencies = [(d.pypi, d.conda) for d in base_deps]
    if not wanted_outputs:
        data: dict[str, Any] = {
            "context": context,
            "package": {"name": package_name, "version": "${{ version }}"},
            "source": source,
            "build": build_section,
            "requirements": requirements,
            "tests": tests,
            "about": about,
            "extra": maintainers,
        }
        before.update(maintainer_comments)
        _explain_build(build, before, ("build",))
        return Built(data, eol, before, notes, dependencies, extra_files)

    # Multi-output: the package itself, then one `<name>-with-<extra>` per extra (§3.5).
    first = {
        "package": {"name": facts.conda_name},
        "build": {k: v for k, v in build_section.items() if k != "number"},
        "requirements": requirements,
        "tests": tests,
    }
    outputs: list[dict[str, Any]] = [first]
    output_eol = {("outputs", 0, *p): c for p, c in eol.items() if p[0] in ("requirements", "build")}
    eol = {p: c for p, c in eol.items() if p[0] not in ("requirements", "build")}
    eol.update(output_eol)
    for extra in wanted_outputs:
        deps, self_extras = extra_deps[extra]
        extra_ctx = DepContext(mapper, pythons, True, notes, facts.pypi_name, ctx.variants)
        items, comments = render_dependencies(deps, extra_ctx, ("outputs", len(outputs), "requirements", "run"))
        pins = [f"${{{{ pin_subpackage('{facts.conda_name}', exact=True) }}}}"]
        pins += [
            f"${{{{ pin_subpackage('{facts.conda_name}-with-{e}', exact=True) }}}}"
            for e in self_extras
            if e in wanted_outputs and e != extra
        ]
        virtuals = [v.virtual for v in ctx.variants]
        if all(isinstance(i, dict) and i.get("then") in virtuals for i in items) and len(pins) == 1:
            notes.append(f"extra {extra!r}: none of its dependencies fits a noarch output; no output made")
            continue
        shift = len(pins)
        eol.update({(*p[:4], p[4] + shift, *p[5:]): c for p, c in comments.items()})
        output = {
            "package": {"name": f"{facts.conda_name}-with-{extra}"},
            "build": {"noarch": "generic"},
            "requirements": {"run": [*pins, *items]},
            "tests": _extra_tests(extra_imports(facts, extra, deps)),
        }
        outputs.append(output)
        dependencies += [(d.pypi, d.conda) for d in deps]
    data = {
        "context": context,
        "recipe": {"name": f"{facts.conda_name}-split", "version": "${{ version }}"},
        "source": source,
        "build": {"number": 0},
        "outputs": outputs,
        "about": about,
        "extra": {"feedstock-name": facts.conda_name, **maintainers},
    }
    before.update(maintainer_comments)
    before[("outputs", 1)] = "pip extras as outputs: `<name>-with-<extra>` (conda-forge's optional-dependencies how-to)"
    _explain_build(build, before, ("outputs", 0, "build"))
    return Built(data, eol, before, notes, list(dict.fromkeys(dependencies)), extra_files)


@lru_cache(maxsize=1)
def _import_names() -> dict[str, str]:
    text = resources.files("recipegen.generators.pypi").joinpath("data/import-names.json").read_text()
    return {k: v for k, v in json.loads(text).items() if not k.startswith("//")}


def extra_imports(facts: Facts, extra: str, deps: list[Dependency]) -> list[str]:
    """What a `-with-<extra>` output imports: a module only the extra makes importable, when known.

    1. the package's own module behind an entry point declared for the extra (black's `blackd`);
    2. else the module of the extra's first dependency (needed everywhere) whose module is known
       from the shipped table (requests[socks] → `socks`);
    3. else the package itself.
    """
    base = facts.imports[:1]  # nothing importable (a meta-package): the extra is tested with pip check
    for target in {**facts.meta.console_scripts, **facts.meta.gui_scripts}.values():
        module, _, rest = target.partition(":")
        wanted = {normalize_extra(e) for e in rest.partition("[")[2].rstrip("]").split(",") if e.strip()}
        module = module.strip()
        if extra in wanted and module and module.split(".")[0] not in {b.split(".")[0] for b in base}:
            return [module]
    names = _import_names()
    for dep in deps:
        if dep.applies.always and dep.pypi in names:
            return [names[dep.pypi]]
    return base


def _extra_tests(imports: list[str]) -> list[dict[str, Any]]:
    if not imports:  # nothing importable we know of (stubs, a meta-package): pip check only
        return [{"script": ["pip check"], "requirements": {"run": ["pip"]}}]
    return [{"python": {"imports": imports, "pip_check": True}}]


def _python_versioned(script: str) -> bool:
    """`coverage-3.11`: a script name setup.py derived from the Python that built the sdist."""
    return re.search(r"-?3\.\d+$", script) is not None


def _explain_build(build: Build, before: dict, path: tuple) -> None:
    if build.compiled and build.reasons:
        before[path] = "compiled: " + ", ".join(dict.fromkeys(build.reasons))
    elif build.notes:
        before[path] = build.notes[0]


def _expand_self(names: list[str], extra_deps: dict[str, tuple[list, list[str]]]) -> list[str]:
    out: list[str] = []
    stack = list(names)
    while stack:
        name = stack.pop(0)
        if name in out or name not in extra_deps:
            continue
        out.append(name)
        stack += extra_deps[name][1]
    return out


def _tests(facts: Facts, noarch: bool, upper: str, run_names: list[str], notes: list[str]) -> list[dict[str, Any]]:
    if not facts.imports:
        # Stubs only, or a meta-package whose wheel holds no module (apache-airflow,
        # python-Levenshtein): nothing to import, and a guessed module name would fail the
        # build; `pip check` still proves it installs cleanly.
        python = ["python ${{ python_min }}.*"] if noarch else ["python"]
        tests: list[dict[str, Any]] = [{"script": ["pip check"], "requirements": {"run": [*python, "pip"]}}]
        return tests + _script_tests(facts, noarch, run_names, notes)
    python_test: dict[str, Any] = {"imports": facts.imports, "pip_check": True}
    if noarch:
        python_test["python_version"] = ["${{ python_min }}.*"] + ([] if upper else ["*"])
    return [{"python": python_test}, *_script_tests(facts, noarch, run_names, notes)]


def _script_tests(facts: Facts, noarch: bool, run_names: list[str], notes: list[str]) -> list[dict[str, Any]]:
    """`NAME --help` for each console script that can run with the run requirements.

    Entry points that need an extra (`module:func [extra]`) are left out, and so are those
    whose module imports something neither the package nor its run requirements provide
    (jupyterlab's `jupyter-labhub` needs jupyterhub), each with a note.
    """
    from recipegen.generators.pypi.scripts import missing_modules

    console = []
    for name, target in facts.meta.console_scripts.items():
        if "[" in target or _python_versioned(name):
            continue
        needed = facts.script_needs.get(name)
        missing = missing_modules(needed, facts.own_modules, run_names) if needed else []
        if missing:
            notes.append(
                f"script test: left out `{name} --help`: {target.split(':')[0].strip()} imports "
                f"{', '.join(missing)}, which the run requirements do not provide"
            )
            continue
        console.append(name)
    if not console:
        return []
    script_test: dict[str, Any] = {"script": [f"{name} --help" for name in console]}
    if noarch:
        script_test["requirements"] = {"run": ["python ${{ python_min }}.*"]}
    return [script_test]


def _about(facts: Facts, notes: list[str], eol: dict) -> dict[str, Any]:
    about: dict[str, Any] = dict(project_urls(facts.meta, facts.pypi_name))
    summary = " ".join((facts.meta.summary or "").split())
    if summary:
        about["summary"] = summary
    else:
        notes.append("upstream gives no summary")
        about["summary"] = f"The {facts.pypi_name} Python package"
    decision = facts.license
    about["license"] = decision.expression
    if decision.problem:
        notes.append(f"license: {decision.problem}")
        eol[("about", "license")] = "CHECK: " + decision.problem
    files = list(decision.files)
    if "rust" in facts.build.compilers:
        files.append("THIRDPARTY.yml")
    if files:
        about["license_file"] = files if len(files) > 1 else files[0]
    else:
        notes.append("no license file found in the sdist; add one (conda-forge requires license_file)")
    return about


def _maintainers(handles: tuple[str, ...]) -> tuple[dict[str, Any], dict[tuple, str]]:
    from recipegen.generate import maintainers_section

    return maintainers_section(handles)


def _minor(version: str) -> int:
    try:
        return int(version.split(".")[1])
    except (IndexError, ValueError):
        return 0
