"""PyPI: the newest final release, a release's files, and its requirements in conda terms.

Metadata is read exactly as `recipegen pypi` reads it (recipegen.generators.pypi: the wheel's
METADATA / PEP 658 file, the sdist's PKG-INFO, pyproject.toml, setup.cfg, setup.py by `ast`),
names are mapped with its NameMapper and markers evaluated with its marker reader.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from recipegen.generators.pypi.deps import conda_constraint, parse_requirement, python_constraint
from recipegen.generators.pypi.index import Release
from recipegen.generators.pypi.markers import supported_pythons
from recipegen.generators.pypi.metadata import UpstreamMetadata
from recipegen.generators.pypi.names import NameMapper
from recipegen.generators.pypi.sources import SourceTree
from recipegen.http import Fetcher
from recipegen.update.requirements import BUILD, RUN, TOOLS, Req, UpstreamRequirements


def is_final(version: str) -> bool:
    try:
        parsed = Version(version)
    except InvalidVersion:
        return False
    return not (parsed.is_prerelease or parsed.is_devrelease)


MAX_YANKED_SKIPPED = 20  # yanked releases passed over looking for the newest one that is not
MAX_LOOKED_AT = 100  # releases looked at (those without files are passed over too)


def is_yanked(release: Release) -> bool:
    """PEP 592: a release is yanked when every file of it is."""
    return bool(release.files) and all(f.yanked for f in release.files)


@dataclass
class PypiRelease:
    release: Release
    meta: UpstreamMetadata | None = None
    tree: SourceTree | None = None


class PypiUpstream:
    """Index lookups and metadata reads through one Fetcher (cache, --offline, --index-url)."""

    def __init__(self, fetcher: Fetcher, index_url: str | None = None) -> None:
        from recipegen.generators.pypi.api import Options, PypiGenerator

        self.fetcher = fetcher
        self.reader = PypiGenerator(fetcher, Options(index_url=index_url))
        self.index = self.reader.index

    def release(self, name: str, version: str | None = None) -> Release:
        """`version`, or the newest final release that is not yanked (pre-releases and yanked
        releases only when asked for by version)."""
        release = self.index.release(name, version)
        if version is not None or (is_final(release.version) and not is_yanked(release)):
            return release
        finals = sorted((v for v in release.versions if is_final(v)), key=Version, reverse=True)
        yanked = 0
        for candidate in finals[:MAX_LOOKED_AT]:
            found = self.index.release(name, candidate)
            if found.files and not is_yanked(found):
                return found
            yanked += bool(found.files)
            if yanked >= MAX_YANKED_SKIPPED:
                break
        return release

    def project_urls(self, name: str) -> list[str]:
        """The URLs a project lists (to check a GitHub-sourced recipe's PyPI name)."""
        info = self.index.release(name).info or {}
        urls = [str(u) for u in (info.get("project_urls") or {}).values()]
        return [*urls, str(info.get("home_page") or "")]

    def read(self, release: Release) -> PypiRelease:
        """The release's metadata (wheel METADATA, sdist files) as the generator reads them."""
        from recipegen.generators.pypi.api import metadata_wheel, wheel_facts
        from recipegen.generators.pypi.sources import read_sdist
        from recipegen.generators.pypi.upstream import collect

        sdist = release.sdist()
        wheel, wheel_metadata = wheel_facts(self.fetcher, metadata_wheel(release))
        tree = read_sdist(self.fetcher.get(sdist.url).content, sdist.filename) if sdist else None
        return PypiRelease(release, collect(tree, wheel_metadata, wheel, release.info), tree)


def requirements(
    read: PypiRelease, mapper: NameMapper, pythons: list[str], compiled: bool = False
) -> UpstreamRequirements:
    """Base, extras, build-system and Requires-Python of one release, mapped to conda-forge."""
    from recipegen.generators.pypi.api import DepContext, collect_requirements, normalize_extra

    meta = read.meta or UpstreamMetadata()
    name = canonicalize_name(read.release.name or meta.name)
    result = UpstreamRequirements(read.release.version, backend=meta.build_backend, source=_origin(meta))
    context = DepContext(mapper, pythons, not compiled, [], name)
    everywhere = DepContext(mapper, supported_pythons("3.0"), not compiled, [], name)
    extras = list(dict.fromkeys(normalize_extra(e) for e in meta.provides_extra))
    for extra, (deps, _) in collect_requirements(meta, extras, context).items():
        result.groups[f"extra:{extra}" if extra else RUN] = _reqs(deps)
    # base requirements no supported Python needs any more: kept, to see them dropped
    for key, req in _reqs(collect_requirements(meta, [], everywhere)[""][0]).items():
        result.groups[RUN].setdefault(key, replace(req, pythons=(), platforms=frozenset(), never=True))
    result.groups[BUILD], result.groups[TOOLS] = build_requirements(meta, name, mapper)
    floor, upper = python_constraint(meta.requires_python)
    if floor or upper:
        spec = ",".join(p for p in (f">={floor}" if floor else "", upper) if p)
        result.interpreter = Req("python", spec, f"Requires-Python {meta.requires_python}")
    result.license = _license(read)
    if compiled and read.tree is not None:
        from recipegen.generators.pypi.native import native_libraries

        found = native_libraries(name, read.tree)
        result.native = dict.fromkeys(found.host, found.source)
    return result


def _origin(meta: UpstreamMetadata) -> str:
    return meta.origin.get("requires_dist", "")


def _reqs(deps: list) -> dict[str, Req]:
    from recipegen.update.model import canonical

    found: dict[str, Req] = {}
    for dep in deps:
        applies = dep.applies
        platforms = applies.os_groups if applies.platform_dependent else frozenset()
        pythons = tuple(applies.pythons) if applies.python_dependent and not applies.platform_dependent else ()
        req = Req(dep.conda, dep.spec, dep.pypi, dep.marker, frozenset(platforms), pythons)
        key = canonical(dep.conda)
        if key in found:  # the same name under several markers: one entry per marker
            key = f"{key}@{dep.marker}"
        found.setdefault(key, req)
    return found


def build_requirements(meta: UpstreamMetadata, name: str, mapper: NameMapper) -> tuple[dict[str, Req], dict[str, Req]]:
    """[build-system] requires as the generator places them: Python inputs in host, tools in build."""
    from recipegen.condaforge import globally_pinned_packages
    from recipegen.generators.pypi.api import (
        DROP_BUILD_REQUIRES,
        HOST_UNVERSIONED,
        RENAMED_BUILD_REQUIRES,
    )
    from recipegen.generators.pypi.api import marker_anywhere as _marker_anywhere
    from recipegen.generators.pypi.native import build_tools, executable_requirement
    from recipegen.update.model import canonical

    host: dict[str, Req] = {}
    tools: dict[str, Req] = {}
    names: list[str] = []
    for text in meta.build_requires:
        requirement = parse_requirement(text)
        if requirement is None:
            continue
        canon = canonicalize_name(requirement.name)
        names.append(canon)
        if canon in DROP_BUILD_REQUIRES:  # never added; kept to see it dropped (`wheel` in old recipes' host)
            host.setdefault(canon, Req(canon, "", canon, never=True))
            continue
        if canon == name:
            continue
        if requirement.marker is not None and not _marker_anywhere(requirement):
            continue
        renamed = RENAMED_BUILD_REQUIRES.get(canon)
        executable = executable_requirement(renamed or canon)
        conda = executable or mapper.map(renamed or canon).conda
        unversioned = renamed or conda in HOST_UNVERSIONED or conda in globally_pinned_packages()
        spec = "" if unversioned or not requirement.specifier else conda_constraint(requirement.specifier)
        marker = str(requirement.marker) if requirement.marker else ""
        (tools if executable else host).setdefault(canonical(conda), Req(conda, spec, requirement.name, marker))
    for tool, _ in build_tools(meta.build_backend, names):  # cmake for scikit-build-core, ...
        backend = meta.build_backend.split(":")[0].split(".")[0]
        tools.setdefault(canonical(tool), Req(tool, "", f"{tool} (the {backend} backend runs it)"))
    return host, tools


def _license(read: PypiRelease) -> str:
    from recipegen.generators.pypi.license_info import decide

    if read.meta is None:
        return ""
    try:
        decision = decide(read.meta, read.tree)
    except Exception:  # a license text that cannot be read says nothing about a change
        return ""
    return "" if decision.undetermined else decision.expression
