"""Build inputs a backend's own configuration asks for beyond `[build-system] requires`.

conda-forge builds with `pip install . --no-build-isolation` and no network, so everything
the backend would pip-install at build time must be in `host`. Besides `[build-system]`:

- setuptools: `setup_requires`; setuptools-scm when `[tool.setuptools_scm]` (version dynamic)
  or `use_scm_version=` drives the version; setuptools-git-versioning when
  `[tool.setuptools-git-versioning] enabled = true`;
- hatchling: the `dependencies` of every build hook that runs by default
  (`[tool.hatch.build.hooks.<name>]`, `[tool.hatch.build.targets.wheel.hooks.<name>]`:
  jupyterlab's `hatch-jupyter-builder`; black's mypyc hook is `enable-by-default = false`),
  the plugin of each hook and of the version source / metadata hooks
  (`[tool.hatch.version] source = "vcs"` → hatch-vcs), and the project's run dependencies
  when a hook says `require-runtime-dependencies = true`;
- scikit-build-core: the metadata providers (`scikit_build_core.metadata.setuptools_scm`
  → setuptools-scm, `...fancy_pypi_readme` → hatch-fancy-pypi-readme);
- poetry-core: poetry-dynamic-versioning when `[tool.poetry-dynamic-versioning] enable = true`.

Plugin names per hook/source live in data/backend-plugins.toml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]


@dataclass
class BackendPlugins:
    requirements: list[str] = field(default_factory=list)  # PEP 508 strings, in discovery order
    reasons: list[str] = field(default_factory=list)  # one per requirement
    needs_run_dependencies: bool = False  # a hook imports the project's runtime dependencies
    runtime_features: list[str] = field(default_factory=list)  # extras a hook needs at build time

    def add(self, requirement: str, reason: str) -> None:
        """Add a requirement unless one of the same project is there (the first one wins)."""
        if _project(requirement) not in {_project(r) for r in self.requirements}:
            self.requirements.append(requirement)
            self.reasons.append(reason)


def _project(requirement: str) -> str:
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name

    try:
        return canonicalize_name(Requirement(requirement).name)
    except InvalidRequirement:
        return requirement


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    text = resources.files("recipegen.generators.pypi").joinpath("data/backend-plugins.toml").read_text("utf-8")
    return tomllib.loads(text)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def backend_plugins(pyproject: dict[str, Any], backend: str, version_dynamic: bool) -> BackendPlugins:
    """What the backend configured in `pyproject` installs at build time (see the module doc)."""
    found = BackendPlugins()
    tool = _mapping(pyproject.get("tool"))
    if backend == "setuptools":
        if "setuptools_scm" in tool and version_dynamic:
            found.add("setuptools-scm", "[tool.setuptools_scm] sets the version")
        if _mapping(tool.get("setuptools-git-versioning")).get("enabled"):
            found.add("setuptools-git-versioning", "[tool.setuptools-git-versioning] sets the version")
    if backend == "hatchling":
        _hatch(_mapping(tool.get("hatch")), found)
    if backend == "scikit_build_core":
        _scikit_build(_mapping(tool.get("scikit-build")), found)
    if _mapping(tool.get("poetry-dynamic-versioning")).get("enable"):
        found.add("poetry-dynamic-versioning", "[tool.poetry-dynamic-versioning] sets the version")
    return found


def _hatch(hatch: dict[str, Any], found: BackendPlugins) -> None:
    plugins = _table()["hatch"]
    source = _mapping(hatch.get("version")).get("source")
    if isinstance(source, str) and source in plugins["version-source"]:
        found.add(plugins["version-source"][source], f'[tool.hatch.version] source = "{source}"')
    for name in _mapping(_mapping(hatch.get("metadata")).get("hooks")):
        if name in plugins["metadata-hook"]:
            found.add(plugins["metadata-hook"][name], f"[tool.hatch.metadata.hooks.{name}]")
    build = _mapping(hatch.get("build"))
    hooks = {f"build.hooks.{k}": v for k, v in _mapping(build.get("hooks")).items()}
    wheel = _mapping(_mapping(build.get("targets")).get("wheel"))
    hooks.update({f"build.targets.wheel.hooks.{k}": v for k, v in _mapping(wheel.get("hooks")).items()})
    for where, config in hooks.items():
        config = _mapping(config)
        if config.get("enable-by-default") is False:
            continue  # opt-in hooks (black's mypyc) do not run in a plain build
        for requirement in config.get("dependencies") or []:
            if isinstance(requirement, str):
                found.add(requirement, f"[tool.hatch.{where}] dependencies")
        name = where.rsplit(".", 1)[-1]
        if name in plugins["build-hook"]:
            found.add(plugins["build-hook"][name], f"[tool.hatch.{where}] plugin")
        if config.get("require-runtime-dependencies"):
            found.needs_run_dependencies = True
        features = config.get("require-runtime-features")
        if isinstance(features, list):
            found.runtime_features += [f for f in features if isinstance(f, str)]


def _scikit_build(config: dict[str, Any], found: BackendPlugins) -> None:
    providers = _table()["scikit-build-core"]["metadata-provider"]
    metadata = _mapping(config.get("metadata"))
    for field_name, entry in metadata.items():
        provider = _mapping(entry).get("provider")
        if isinstance(provider, str) and provider in providers:
            found.add(providers[provider], f"[tool.scikit-build.metadata.{field_name}] provider = {provider!r}")
