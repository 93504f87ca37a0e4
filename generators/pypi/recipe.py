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
    needs_v3: bool = False  # CEP 44 requirements.extras: rattler-build parses them only in V3 mode


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
            why = "an arch, not an OS," if groups == ALL_GROUPS else "an OS"
            ctx.notes.append(
                f"{dep.conda}: upstream needs it only where {dep.marker} ({why} which a noarch "
                "recipe cannot tell apart): listed unconditionally"
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
    host_comments: dict[int, str] = {}  # by index in `host` before python and pip
    requirement_names: list[str] = []
    for text in meta.build_requires:
        requirement = parse_requirement(text)
        if requirement is None:
            notes.append(f"skipped unparseable build requirement {text!r}")
            continue
        canon: str = canonicalize_name(requirement.name)
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
            host_comments[len(host)] = f"PyPI {canon} ({source})"
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
            host_comments[first] = (
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
            host_comments[first] = f"linked native libraries, {native.source}"
        if native.unresolved:
            names = ", ".join(f"{name} ({path})" for name, path in native.unresolved)
            notes.append(
                f"native libraries named in the build files with no known conda-forge package: {names}; "
                "native host dependencies may be missing"
            )
    python = "python ${{ python_min }}.*" if not build.compiled else "python"
    host = [python, "pip", *host]
    comments = {("requirements", "host", i + 2): c for i, c in host_comments.items()}
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
@dataclass
class _Draft:
    """What the parts of build_recipe share while the recipe is put together."""

    facts: Facts
    mapper: NameMapper
    ctx: DepContext
    noarch: bool
    floor: str
    upper: str
    raise_floor: bool
    base_deps: list[Dependency]
    extra_deps: dict[str, tuple[list[Dependency], list[str]]]
    eol: dict[tuple, str] = field(default_factory=dict)
    before: dict[tuple, str] = field(default_factory=dict)
    extra_files: dict[str, str] = field(default_factory=dict)

    @property
    def notes(self) -> list[str]:
        return self.ctx.notes


def build_recipe(facts: Facts, mapper: NameMapper) -> Built:
    """The recipe data: one output, `<name>-with-<extra>` outputs (--extras split) or CEP 44
    `requirements.extras` (--extras groups)."""
    from recipegen.generators.pypi.deps import python_constraint

    noarch = not facts.build.compiled
    floor, upper = python_constraint(facts.meta.requires_python)
    raise_floor = bool(floor) and _minor(floor) > _minor(facts.global_python_min)
    pythons = supported_pythons(floor if raise_floor else facts.global_python_min)
    ctx = DepContext(mapper, pythons, noarch, list(facts.build.notes), facts.pypi_name)
    extras = list(dict.fromkeys(normalize_extra(e) for e in facts.meta.provides_extra))
    extra_deps = collect_requirements(facts.meta, extras, ctx)
    base_deps = extra_deps.pop("")[0]
    draft = _Draft(facts, mapper, ctx, noarch, floor, upper, raise_floor, base_deps, extra_deps)
    wanted_outputs, groups = _choose_extras(draft, extras)
    if noarch:  # OS-specific dependencies: one noarch build per OS group (conda-forge.yml)
        _noarch_variants(draft, [*wanted_outputs, *groups])
    requirements = _requirements(draft)
    build_section = _build_section(draft)
    tests = _tests(facts, noarch, upper, [d.pypi for d in draft.base_deps], draft.notes)
    about = _about(facts, draft.notes, draft.eol)
    maintainers, maintainer_comments = _maintainers(facts.maintainers)
    draft.before.update(maintainer_comments)
    head = {"context": _context(draft), "source": _source(facts, draft.notes)}
    dependencies = [(d.pypi, d.conda) for d in draft.base_deps]
    if groups:
        requirements["extras"] = _extras_groups(draft, groups)
        dependencies += [(d.pypi, d.conda) for e in groups for d in draft.extra_deps[e][0]]
    if not wanted_outputs:
        package_name = "${{ name }}" if facts.conda_name == facts.pypi_name else facts.conda_name
        data: dict[str, Any] = {
            **head,
            "package": {"name": package_name, "version": "${{ version }}"},
            "build": build_section,
            "requirements": requirements,
            "tests": tests,
            "about": about,
            "extra": maintainers,
        }
        _explain_build(facts.build, draft.before, ("build",))
        built = Built(data, draft.eol, draft.before, draft.notes, list(dict.fromkeys(dependencies)), draft.extra_files)
        built.needs_v3 = bool(groups)
        return built
    first = {
        "package": {"name": facts.conda_name},
        "build": {k: v for k, v in build_section.items() if k != "number"},
        "requirements": requirements,
        "tests": tests,
    }
    outputs = [first, *_extra_outputs_for(draft, wanted_outputs, dependencies)]
    data = {
        **head,
        "recipe": {"name": f"{facts.conda_name}-split", "version": "${{ version }}"},
        "build": {"number": 0},
        "outputs": outputs,
        "about": about,
        "extra": {"feedstock-name": facts.conda_name, **maintainers},
    }
    draft.before[("outputs", 1)] = (
        "pip extras as outputs: `<name>-with-<extra>` (conda-forge's optional-dependencies how-to)"
    )
    _explain_build(facts.build, draft.before, ("outputs", 0, "build"))
    return Built(data, draft.eol, draft.before, draft.notes, list(dict.fromkeys(dependencies)), draft.extra_files)


def _choose_extras(draft: _Draft, extras: list[str]) -> tuple[list[str], list[str]]:
    """Which extras become `-with-` outputs (split) or CEP 44 groups (groups); for `all` and
    NAME... their dependencies join the base run requirements here."""
    facts, extra_deps, mode = draft.facts, draft.extra_deps, draft.facts.extras_mode
    merged: list[str] = []
    chosen: list[str] = []
    if mode in ("split", "groups"):
        noarch = draft.noarch

        def usable(d: Dependency) -> bool:  # a noarch recipe gets OS variants; a compiled one cannot
            return not _noarch_unavailable(d) if noarch else d.applies.always or not _platform_limited(d)

        chosen = [
            e for e in extras if not _is_dev_extra(e) and (extra_deps[e][1] or any(usable(d) for d in extra_deps[e][0]))
        ]
        skipped = [e for e in extras if _is_dev_extra(e)]
        if skipped:
            what = "outputs" if mode == "split" else "groups"
            draft.notes.append(f"extras not turned into {what} (development/test/docs groups): {', '.join(skipped)}")
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
        draft.base_deps += [d for d in extra_deps[extra][0] if d.conda not in {b.conda for b in draft.base_deps}]
    return (chosen, []) if mode == "split" else ([], chosen)


def _noarch_variants(draft: _Draft, extras: list[str]) -> None:
    memberships = noarch_memberships(draft.base_deps)
    for extra in extras:
        memberships += noarch_memberships(draft.extra_deps[extra][0])
    draft.ctx.variants = noarch_variants(memberships)
    if draft.ctx.variants:
        draft.extra_files["conda-forge.yml"] = conda_forge_yml(draft.ctx.variants)
        draft.notes.append(
            "OS-specific run dependencies: conda-forge.yml sets noarch_platforms "
            f"({', '.join(v.platform for v in draft.ctx.variants)}); write it next to recipe.yaml"
        )


def _requirements(draft: _Draft) -> dict[str, Any]:
    facts, build, noarch = draft.facts, draft.facts.build, draft.noarch
    run_python = "python >=${{ python_min }}" if noarch else "python"
    if noarch and draft.upper:
        run_python += "," + draft.upper
    elif not noarch and draft.upper:
        draft.notes.append(f"upstream caps Python ({draft.upper}); add a skip for newer Pythons if needed")
    cffi_needed = build.compiled and build.cffi and facts.pypi_name != "cffi"
    if cffi_needed and not any(d.conda == "cffi" for d in draft.base_deps):
        # a cffi-built extension imports `_cffi_backend` when it runs (API and ABI mode alike)
        draft.base_deps.append(Dependency("cffi", "cffi"))
        draft.notes.append("the extension is built with cffi, which it imports at run time: cffi added to run")
    run_items, run_comments = render_dependencies(draft.base_deps, draft.ctx, ("requirements", "run"))
    draft.eol.update({(p[0], p[1], p[2] + 1, *p[3:]): c for p, c in run_comments.items()})
    needed = [e for e in facts.meta.build_needs_extras if e in draft.extra_deps]
    build_time = draft.base_deps + [d for e in needed for d in draft.extra_deps[e][0]]
    host, build_reqs, host_comments = host_and_build(facts, draft.mapper, draft.notes, build_time)
    draft.eol.update(host_comments)
    requirements: dict[str, Any] = {"build": build_reqs} if build_reqs else {}
    requirements["host"] = host
    requirements["run"] = [run_python, *run_items]
    return requirements


def _context(draft: _Draft) -> dict[str, Any]:
    facts = draft.facts
    context: dict[str, Any] = {"name": facts.pypi_name, "version": facts.version}
    if draft.raise_floor and draft.noarch:
        context["python_min"] = draft.floor
    if facts.conda_name != facts.pypi_name and facts.conda_name_source:
        draft.notes.append(f"package name {facts.conda_name} (PyPI {facts.pypi_name}, from {facts.conda_name_source})")
    return context


def _build_section(draft: _Draft) -> dict[str, Any]:
    facts, build, meta = draft.facts, draft.facts.build, draft.facts.meta
    entry_points = {**meta.console_scripts, **meta.gui_scripts}
    scripts = {k: v.split("[")[0].strip() for k, v in entry_points.items() if not _python_versioned(k)}
    versioned = [k for k in entry_points if _python_versioned(k)]
    if versioned:
        draft.notes.append(f"left out entry points named after the Python that built the sdist: {', '.join(versioned)}")
    section: dict[str, Any] = {"number": 0}
    if draft.noarch:
        section["noarch"] = "python"
    elif draft.raise_floor:
        section["skip"] = f'match(python, "<{draft.floor}")'
    section["script"] = PIP_SCRIPT
    if "rust" in build.compilers:
        section["script"] = ["cargo-bundle-licenses --format yaml --output THIRDPARTY.yml", PIP_SCRIPT]
    # opt-in extensions (mypy's MYPY_USE_MYPYC=1) and switches that link the system libraries in
    # host instead of bundled copies (xxhash's XXHASH_LINK_SO=1)
    native_env = facts.native.env if build.compiled else {}
    if build.script_env or native_env:
        section["script"] = {"env": {**build.script_env, **native_env}, "content": section["script"]}
        for variable in native_env:
            draft.eol[("build", "script", "env", variable)] = "link the system library in host, not the bundled copy"
    if scripts:
        section["python"] = {"entry_points": [f"{k} = {v}" for k, v in scripts.items()]}
    return section


def _source(facts: Facts, notes: list[str]) -> dict[str, Any] | list[dict[str, Any]]:
    source: dict[str, Any] = (
        {"path": facts.source_path} if facts.source_path else {"url": source_url(facts), "sha256": facts.sha256}
    )
    if not facts.extra_sources:
        return source
    notes.append(
        "the sdist has no license file: added the repository's "
        f"{facts.extra_sources[0].get('file_name')} at the release tag as a second source"
    )
    return [source, *facts.extra_sources]


def _extra_outputs_for(draft: _Draft, wanted: list[str], dependencies: list[tuple[str, str]]) -> list[dict]:
    """One `<name>-with-<extra>` output per extra (conventions §3.5); moves the first output's
    comments under `outputs[0]`."""
    facts, eol = draft.facts, draft.eol
    moved = {("outputs", 0, *p): c for p, c in eol.items() if p[0] in ("requirements", "build")}
    for path in [p for p in eol if p[0] in ("requirements", "build")]:
        del eol[path]
    eol.update(moved)
    outputs: list[dict[str, Any]] = []
    for extra in wanted:
        deps, self_extras = draft.extra_deps[extra]
        # In a compiled recipe (built per platform anyway) an extra whose dependencies differ by
        # OS is a per-platform output with `if:` selectors (asyncpg[gssauth]: gssapi on unix,
        # sspilib on Windows); otherwise it is noarch: generic.
        per_platform = not draft.noarch and any(d.applies.platform_dependent for d in deps)
        extra_ctx = DepContext(
            draft.mapper, draft.ctx.pythons, not per_platform, draft.notes, facts.pypi_name, draft.ctx.variants
        )
        index = len(outputs) + 1
        items, comments = render_dependencies(deps, extra_ctx, ("outputs", index, "requirements", "run"))
        pins = [f"${{{{ pin_subpackage('{facts.conda_name}', exact=True) }}}}"]
        pins += [
            f"${{{{ pin_subpackage('{facts.conda_name}-with-{e}', exact=True) }}}}"
            for e in self_extras
            if e in wanted and e != extra
        ]
        virtuals = [v.virtual for v in draft.ctx.variants]
        if all(isinstance(i, dict) and i.get("then") in virtuals for i in items) and len(pins) == 1:
            draft.notes.append(f"extra {extra!r}: none of its dependencies fits a noarch output; no output made")
            continue
        eol.update({(*p[:4], p[4] + len(pins), *p[5:]): c for p, c in comments.items()})
        output: dict[str, Any] = {"package": {"name": f"{facts.conda_name}-with-{extra}"}}
        if not per_platform:
            output["build"] = {"noarch": "generic"}
        output["requirements"] = {"run": [*pins, *items]}
        output["tests"] = _extra_tests(extra_imports(facts, extra, deps))
        outputs.append(output)
        dependencies += [(d.pypi, d.conda) for d in deps]
    return outputs


def _extras_groups(draft: _Draft, groups: list[str]) -> dict[str, list]:
    """CEP 44 optional dependency groups (`requirements.extras`): per extra its dependencies
    (those of the package's own extras it names included), as `pkg[extras=[name]]` selects them.
    OS-specific items keep their `if:` blocks; the virtual packages of noarch OS builds stay in run."""
    found: dict[str, list] = {}
    virtuals = {v.virtual for v in draft.ctx.variants}
    for extra in groups:
        deps: list[Dependency] = []
        for name in _expand_self([extra], draft.extra_deps):
            deps += [d for d in draft.extra_deps[name][0] if d.conda not in {x.conda for x in deps}]
        path = ("requirements", "extras", extra)
        items, comments = render_dependencies(deps, draft.ctx, path)
        kept = [_without(item, virtuals) for item in items]
        index = {old: new for new, old in enumerate(i for i, item in enumerate(kept) if item)}
        for key, comment in comments.items():  # re-aim the comments at the items that are left
            if key[3] not in index:
                continue
            rest = key[4:]
            if len(rest) == 2 and rest[0] == "then" and isinstance(items[key[3]]["then"], list):
                then = items[key[3]]["then"]
                left = kept[key[3]]["then"]
                position = rest[1] - sum(t in virtuals for t in then[: rest[1]])
                rest = ("then", position) if isinstance(left, list) else ("then",)
            draft.eol[(*path, index[key[3]], *rest)] = comment
        if index:
            found[extra] = [item for item in kept if item]
    draft.before[("requirements", "extras")] = (
        "CEP 44 optional dependency groups: `conda install 'pkg[extras=[name]]'`; needs a v3-capable builder "
        "(rattler-build --v3)"
    )
    draft.notes.append(
        "extras written as CEP 44 requirements.extras: the recipe needs a builder with v3 support "
        "(rattler-build --v3); conda-forge's pipeline does not build such recipes yet"
    )
    return found


def _without(item: Any, virtuals: set[str]) -> Any:
    """A run item without the virtual packages of noarch OS builds (None when nothing is left)."""
    if not isinstance(item, dict):
        return None if item in virtuals else item
    then = item["then"] if isinstance(item["then"], list) else [item["then"]]
    then = [t for t in then if t not in virtuals]
    if not then:
        return None
    return {**item, "then": then if len(then) > 1 else then[0]}


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
