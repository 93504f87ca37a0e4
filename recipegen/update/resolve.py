"""Resolve a recipe's upstream, its newest final release and a release's requirements.

`Services` holds what every recipe of a run shares: the Fetcher (cache, --offline), the
downloader, the PyPI index client and the Julia registry (opened once).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from typing import Any

from packaging.version import InvalidVersion, Version

from recipegen.http import Fetcher, FetchError
from recipegen.update.download import Downloader, FetchingDownloader
from recipegen.update.model import Recipe, UpdateError
from recipegen.update.requirements import UpstreamRequirements
from recipegen.update.upstream import Upstream, cran_root, identify, pypi_candidates


@dataclass
class Services:
    fetcher: Fetcher
    download: Downloader | None = None
    index_url: str | None = None
    registry_spec: str | None = None
    julia_version: tuple[int, int] | None = None
    _pypi: Any = None
    _registry: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        if self.download is None:
            self.download = FetchingDownloader(self.fetcher)

    def pypi(self):
        from recipegen.update.pypi import PypiUpstream

        with self._lock:
            if self._pypi is None:
                self._pypi = PypiUpstream(self.fetcher, self.index_url)
            return self._pypi

    def registry(self):
        from recipegen.generators.julia.registry import open_registry

        with self._lock:
            if self._registry is None:
                self._registry = open_registry(self.registry_spec, self.fetcher)
            return self._registry

    def julia(self) -> tuple[int, int]:
        from recipegen.generators.julia.stdlibs import default_julia_version, parse_julia_version

        return self.julia_version or parse_julia_version(default_julia_version())


@dataclass
class Resolved:
    upstream: Upstream
    current: str  # the recipe's version, spelled as upstream spells it
    newest: str
    tag: str = ""  # GitHub: the tag of `newest`
    package: Any = None  # Julia: the registry's package


def newer(a: str, b: str) -> bool:
    """Whether version `a` is newer than `b` (PEP 440, else numeric parts)."""
    from recipegen.update.constraints import version_key

    try:
        return Version(a) > Version(b)
    except InvalidVersion:
        return version_key(a) > version_key(b)


def resolve(recipe: Recipe, services: Services, wanted: str | None = None) -> Resolved:
    """The upstream and its newest final release (not looked up when `wanted` is given)."""
    candidates = identify(recipe)
    if not candidates:
        where = [u for s in recipe.sources for u in s.urls] + [f"git {s.git}" for s in recipe.sources if s.git]
        raise UpdateError(
            f"no known upstream for the source ({', '.join(where) or 'no source URL'}): "
            "PyPI, CRAN, Julia, GitHub archives or GitHub git repositories"
        )
    upstream = candidates[0]
    current = _upstream_spelling(recipe, upstream)
    if upstream.kind == "pypi":
        return Resolved(upstream, current, wanted or services.pypi().release(upstream.name).version)
    if upstream.kind == "cran":
        if wanted:
            return Resolved(upstream, current, wanted)
        from recipegen.update.cran import newest, repository

        found = newest(repository(_cran_root(upstream), services.fetcher), upstream.name)
        if found is None:
            raise UpdateError(f"{upstream.name} is not current on CRAN (archived?)")
        return Resolved(upstream, current, found)
    if upstream.kind == "julia":
        from recipegen.update import julia

        package = julia.find(services.registry(), upstream.name, upstream.uuid)
        return Resolved(upstream, current, julia.newest(package) or current, package=package)
    return _resolve_github(recipe, upstream, current, services, wanted)


def _cran_root(upstream: Upstream) -> str:
    return os.environ.get("RECIPEGEN_CRAN_URL") or cran_root(upstream.url)


def _upstream_spelling(recipe: Recipe, upstream: Upstream) -> str:
    """The recipe's version as upstream writes it (conda's `1.0_14` is CRAN's `1.0-14`)."""
    if upstream.kind == "cran":
        from recipegen.update.upstream import cran_package

        found = cran_package(upstream.url)
        if found and found[1].replace("-", "_") == recipe.version.replace("-", "_"):
            return found[1]
    return recipe.version


def _resolve_github(
    recipe: Recipe, upstream: Upstream, current: str, services: Services, wanted: str | None
) -> Resolved:
    """A GitHub archive: follow PyPI when the project is published there (its URLs name the
    repository), else the repository's releases and tags."""
    from recipegen.update import github

    repo = upstream.github.lower()
    python_package = any(
        o.noarch == "python" or {"pip", "python"} & (o.lists["host"].names() if "host" in o.lists else set())
        for o in recipe.outputs
    )
    for name in pypi_candidates(recipe, upstream.github) if python_package else []:
        try:
            urls = services.pypi().project_urls(name)
        except Exception:  # not on the index (or no index): try the next name
            continue
        if any(f"github.com/{repo}" in u.lower().rstrip("/").removesuffix(".git") + "/" for u in urls):
            published = Upstream("pypi", name, upstream.url, upstream.github, upstream.tag)
            return Resolved(published, current, wanted or services.pypi().release(name).version)
    if wanted:
        return Resolved(upstream, current, wanted)
    version, tag = github.newest(services.fetcher, upstream.github, upstream.tag, current)
    return Resolved(upstream, current, version, tag=tag)


def metadata(resolved: Resolved, version: str, services: Services) -> Any:
    """What upstream publishes about `version` (read once; None when it publishes nothing)."""
    kind, name = resolved.upstream.kind, resolved.upstream.name
    if kind == "pypi":
        client = services.pypi()
        return client.read(client.release(name, version))
    if kind == "cran":
        from recipegen.update import cran

        repo = cran.repository(_cran_root(resolved.upstream), services.fetcher)
        tarball = repo.fetch(name, version)
        return cran.description_of(tarball.data, tarball.location, tarball.package)
    if kind == "julia":
        return version
    return None


def python_floor(published: Any) -> str:
    """The Requires-Python floor ("3.9") of a PyPI release's metadata ("" otherwise)."""
    from recipegen.generators.pypi.deps import python_constraint

    meta = getattr(published, "meta", None)
    return python_constraint(meta.requires_python)[0] if meta is not None else ""


def requirements(
    resolved: Resolved, published: Any, services: Services, pythons: list[str], compiled: bool
) -> UpstreamRequirements | None:
    """Upstream's requirements from `metadata(...)`, in conda terms (None when there is none)."""
    if published is None:
        return None
    if resolved.upstream.kind == "pypi":
        from recipegen.generators.pypi.names import NameMapper
        from recipegen.update import pypi

        return pypi.requirements(published, NameMapper(), pythons, compiled)
    if resolved.upstream.kind == "cran":
        from recipegen.update import cran

        return cran.requirements(published)
    from recipegen.update import julia

    return julia.requirements(services.registry(), resolved.package, published, services.julia())


def fetch_errors() -> tuple[type[Exception], ...]:
    """The exceptions an upstream lookup raises for a bad package or network (one line each)."""
    from recipegen.generators.cran.description import DescriptionError
    from recipegen.generators.cran.package import PackageError
    from recipegen.generators.cran.repository import RepositoryError
    from recipegen.generators.julia.registry import RegistryError
    from recipegen.generators.pypi.index import ReleaseNotFound
    from recipegen.generators.pypi.metadata import MetadataError
    from recipegen.generators.pypi.sources import SourceError

    return (
        UpdateError,
        FetchError,
        ReleaseNotFound,
        SourceError,
        MetadataError,
        RepositoryError,
        PackageError,
        DescriptionError,
        RegistryError,
    )
