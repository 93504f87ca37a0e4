"""Merge every metadata source of a release into one `UpstreamMetadata`, most authoritative first."""

from __future__ import annotations

from typing import Any

from packaging.version import Version
from recipegen.generators.pypi.metadata import (
    MetadataError,
    UpstreamMetadata,
    _entry_point_groups,
    _metadata_version,
    _urls_from_core,
    parse_core_metadata,
    parse_egg_requires,
    parse_entry_points,
    parse_pyproject,
    parse_setup_cfg,
    parse_setup_py,
    poetry_requirements,
    requirements_from_extras,
)
from recipegen.generators.pypi.sources import SourceTree, WheelContents

CORE_FIELDS = {
    "summary": "summary",
    "requires-python": "requires_python",
    "license-expression": "license_expression",
    "license": "license",
    "home-page": "home_page",
    "name": "name",
    "version": "version",
}


def _egg_info(tree: SourceTree, filename: str) -> str | None:
    for path, text in tree.texts.items():
        parts = path.split("/")
        if parts[-1] == filename and len(parts) >= 2 and parts[-2].endswith(".egg-info"):
            return text
    return None


def _set(meta: UpstreamMetadata, name: str, value: Any, origin: str) -> None:
    """Fill a field only when it is still empty (earlier sources win)."""
    if value in (None, "", [], {}) or getattr(meta, name) not in ("", [], {}, False):
        return
    setattr(meta, name, value)
    meta.origin[name] = origin


def _apply_core(meta: UpstreamMetadata, text: str, origin: str, trust_all: bool) -> None:
    fields = parse_core_metadata(text)
    dynamic = {d.lower() for d in fields.get("dynamic", [])}
    modern = _metadata_version(fields) >= Version("2.2")

    def usable(key: str) -> bool:
        return key not in dynamic

    for key, attr in CORE_FIELDS.items():
        value = fields.get(key, "")
        if value and value.upper() != "UNKNOWN" and usable(key):
            _set(meta, attr, value, origin)
    if usable("classifier"):
        _set(meta, "classifiers", fields.get("classifier", []), origin)
    if usable("project-url"):
        _set(meta, "project_urls", _urls_from_core(fields), origin)
    if usable("license-file"):
        _set(meta, "license_files", fields.get("license-file", []), origin)
    requires = fields.get("requires-dist", [])
    # Older PKG-INFO files list requirements only when setuptools wrote them: a present field
    # is what the build produced, an absent one proves nothing (unless the file is a wheel's
    # METADATA, or Metadata-Version >= 2.2 says the field is static).
    if "requires_dist" not in meta.origin and usable("requires-dist") and (requires or trust_all or modern):
        meta.requires_dist, meta.origin["requires_dist"] = list(requires), origin
        _set(meta, "provides_extra", fields.get("provides-extra", []), origin)


def _apply_scripts(meta: UpstreamMetadata, groups: dict[str, dict[str, str]], origin: str) -> None:
    _set(meta, "console_scripts", groups.get("console_scripts", {}), origin)
    _set(meta, "gui_scripts", groups.get("gui_scripts", {}), origin)


def collect(
    tree: SourceTree | None,
    wheel_metadata: str = "",
    wheel: WheelContents | None = None,
    info: dict[str, Any] | None = None,
) -> UpstreamMetadata:
    meta = UpstreamMetadata()
    wheel_metadata = wheel_metadata or (wheel.metadata if wheel else "")
    wheel_has_requires = False
    if wheel_metadata:
        _apply_core(meta, wheel_metadata, "wheel METADATA", trust_all=True)
        wheel_has_requires = "requires_dist" in meta.origin
    if wheel and wheel.entry_points:
        _apply_scripts(meta, parse_entry_points(wheel.entry_points), "wheel entry_points.txt")
    if tree is not None:
        _apply_tree(meta, tree, wheel_has_requires)
    if info:
        _apply_json_info(meta, info)
    return meta


def _apply_tree(meta: UpstreamMetadata, tree: SourceTree, requirements_known: bool) -> None:
    pkg_info = tree.text("PKG-INFO")
    if pkg_info:
        _apply_core(meta, pkg_info, "sdist PKG-INFO", trust_all=False)
    egg_requires = _egg_info(tree, "requires.txt")
    if egg_requires is not None and not requirements_known and "requires_dist" not in meta.origin:
        requires, extras = parse_egg_requires(egg_requires)
        meta.requires_dist, meta.origin["requires_dist"] = requires, "sdist egg-info/requires.txt"
        _set(meta, "provides_extra", extras, "sdist egg-info/requires.txt")
    egg_entry_points = _egg_info(tree, "entry_points.txt")
    if egg_entry_points:
        _apply_scripts(meta, parse_entry_points(egg_entry_points), "sdist egg-info/entry_points.txt")

    pyproject_text = tree.text("pyproject.toml")
    if pyproject_text:
        _apply_pyproject(meta, parse_pyproject(pyproject_text, f"{tree.label}: pyproject.toml"))
    setup_cfg = tree.text("setup.cfg")
    if setup_cfg:
        try:
            _apply_setup_cfg(meta, parse_setup_cfg(setup_cfg, f"{tree.label}: setup.cfg"))
        except MetadataError:
            pass  # a broken setup.cfg in an sdist that carries other metadata is not fatal
    setup_py = tree.text("setup.py")
    if setup_py:
        try:
            _apply_setup_py(meta, parse_setup_py(setup_py, f"{tree.label}: setup.py"))
        except MetadataError:
            pass
    if not meta.has_build_system and (setup_py or setup_cfg):
        # No [build-system]: pip's legacy default is setuptools (wheel is not needed).
        meta.build_requires = ["setuptools"]
        meta.build_backend = "setuptools.build_meta:__legacy__"
        meta.origin["build_requires"] = "setuptools default (no [build-system] table)"
    pyproject = parse_pyproject(pyproject_text, f"{tree.label}: pyproject.toml") if pyproject_text else {}
    _add_build_plugins(meta, pyproject)


NOT_BUILD_INPUTS = {"wheel", "pip", "pytest-runner", "pytest", "nose"}


def _add_build_plugins(meta: UpstreamMetadata, pyproject: dict[str, Any]) -> None:
    """Build inputs [build-system] leaves out: `setup_requires`, and what the backend's own
    configuration loads (version plugins, hatch build-hook dependencies; plugins.py) —
    conda builds without network, so host must hold them."""
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name
    from recipegen.generators.pypi.plugins import backend_plugins

    def name(text: str) -> str:
        try:
            return canonicalize_name(Requirement(text).name)
        except InvalidRequirement:
            return ""

    backend = meta.build_backend.split(".")[0].split(":")[0]
    project = pyproject.get("project")
    version_dynamic = not isinstance(project, dict) or "version" in (project.get("dynamic") or [])
    plugins = backend_plugins(pyproject, backend, version_dynamic)
    wanted = [(r, "setup_requires") for r in meta.setup_requires]
    if backend == "setuptools" and meta.scm_version:
        wanted.append(("setuptools-scm", "use_scm_version"))
    wanted += list(zip(plugins.requirements, plugins.reasons))
    meta.build_needs_run = meta.build_needs_run or plugins.needs_run_dependencies
    meta.build_needs_extras = list(dict.fromkeys([*meta.build_needs_extras, *plugins.runtime_features]))
    present = {name(r) for r in meta.build_requires}
    for requirement, reason in wanted:
        key = name(requirement)
        if key and key not in present and key not in NOT_BUILD_INPUTS:
            present.add(key)
            meta.build_requires.append(requirement)
            meta.origin["build_requires"] = meta.origin.get("build_requires", "") + f" + {key} ({reason})"


def _apply_pyproject(meta: UpstreamMetadata, data: dict[str, Any]) -> None:
    build_system = data.get("build-system") or {}
    if build_system:
        meta.has_build_system = True
        meta.build_requires = [str(r) for r in build_system.get("requires") or []]
        meta.build_backend = str(build_system.get("build-backend") or "setuptools.build_meta:__legacy__")
        paths = build_system.get("backend-path") or []
        meta.backend_path = [str(p) for p in paths] if isinstance(paths, list) else [str(paths)]
        meta.origin["build_requires"] = "pyproject.toml [build-system]"
    project = data.get("project") or {}
    origin = "pyproject.toml [project]"
    dynamic = set(project.get("dynamic") or [])
    if project:
        for key, attr in (
            ("name", "name"),
            ("version", "version"),
            ("description", "summary"),
            ("requires-python", "requires_python"),
        ):
            if key not in dynamic:
                _set(meta, attr, project.get(key), origin)
        license_value = project.get("license")
        if isinstance(license_value, str) and "license" not in dynamic:
            _set(meta, "license_expression", license_value, origin)
        elif isinstance(license_value, dict) and license_value.get("text"):
            _set(meta, "license", license_value["text"], origin)
        if "classifiers" not in dynamic:
            _set(meta, "classifiers", project.get("classifiers") or [], origin)
        if "urls" not in dynamic:
            _set(meta, "project_urls", dict(project.get("urls") or {}), origin)
        license_files = project.get("license-files")
        if isinstance(license_files, list):
            _set(meta, "license_files", license_files, origin)
        if "dependencies" not in dynamic and "requires_dist" not in meta.origin:
            requires = list(project.get("dependencies") or [])
            optional = project.get("optional-dependencies") or {}
            requires += requirements_from_extras(optional)
            meta.requires_dist, meta.origin["requires_dist"] = requires, origin
            _set(meta, "provides_extra", list(optional), origin)
        if "scripts" not in dynamic:
            _set(meta, "console_scripts", dict(project.get("scripts") or {}), origin)
        if "gui-scripts" not in dynamic:
            _set(meta, "gui_scripts", dict(project.get("gui-scripts") or {}), origin)
    poetry = (data.get("tool") or {}).get("poetry") or {}
    if poetry:
        origin = "pyproject.toml [tool.poetry]"
        requires, extras, python = poetry_requirements(poetry)
        if "requires_dist" not in meta.origin and poetry.get("dependencies"):
            meta.requires_dist, meta.origin["requires_dist"] = requires, origin
            _set(meta, "provides_extra", extras, origin)
        _set(meta, "requires_python", python, origin)
        for key, attr in (
            ("name", "name"),
            ("version", "version"),
            ("description", "summary"),
            ("license", "license"),
            ("homepage", "home_page"),
        ):
            _set(meta, attr, poetry.get(key), origin)
        urls = {
            k: v
            for k, v in (("Repository", poetry.get("repository")), ("Documentation", poetry.get("documentation")))
            if v
        }
        urls.update(poetry.get("urls") or {})
        _set(meta, "project_urls", urls, origin)
        _set(meta, "classifiers", poetry.get("classifiers") or [], origin)
        scripts = {
            k: (v if isinstance(v, str) else v.get("callable", v.get("reference", "")))
            for k, v in (poetry.get("scripts") or {}).items()
        }
        _set(meta, "console_scripts", {k: v for k, v in scripts.items() if v}, origin)


def _apply_setup_cfg(meta: UpstreamMetadata, cfg: dict[str, Any]) -> None:
    origin = "setup.cfg"
    meta.setup_requires += [r for r in cfg.get("setup_requires") or [] if r not in meta.setup_requires]
    for key, attr in (
        ("name", "name"),
        ("version", "version"),
        ("description", "summary"),
        ("license", "license"),
        ("url", "home_page"),
        ("python_requires", "requires_python"),
    ):
        _set(meta, attr, cfg.get(key), origin)
    _set(meta, "classifiers", cfg.get("classifiers"), origin)
    _set(meta, "project_urls", cfg.get("project_urls"), origin)
    _set(meta, "license_files", cfg.get("license_files"), origin)
    if "requires_dist" not in meta.origin and ("install_requires" in cfg or "extras_require" in cfg):
        meta.requires_dist = list(cfg.get("install_requires") or []) + requirements_from_extras(
            cfg.get("extras_require") or {}
        )
        meta.origin["requires_dist"] = origin
        _set(meta, "provides_extra", [k.partition(":")[0] for k in cfg.get("extras_require") or {}], origin)
    _apply_scripts(meta, _entry_point_groups(cfg.get("entry_points") or {}), origin)


def _apply_setup_py(meta: UpstreamMetadata, setup: dict[str, Any]) -> None:
    origin = "setup.py (read with ast)"
    requires = setup.get("setup_requires")
    if isinstance(requires, (list, tuple, str)):
        meta.setup_requires += [str(r) for r in ([requires] if isinstance(requires, str) else requires)]
    meta.scm_version = meta.scm_version or bool(setup.get("use_scm_version"))
    meta.ext_modules = meta.ext_modules or bool(setup.get("ext_modules"))
    for key, attr in (
        ("name", "name"),
        ("version", "version"),
        ("description", "summary"),
        ("license", "license"),
        ("url", "home_page"),
        ("python_requires", "requires_python"),
    ):
        value = setup.get(key)
        if isinstance(value, str):
            _set(meta, attr, value, origin)
    if isinstance(setup.get("classifiers"), (list, tuple)):
        _set(meta, "classifiers", [str(c) for c in setup["classifiers"]], origin)
    if isinstance(setup.get("project_urls"), dict):
        _set(meta, "project_urls", {str(k): str(v) for k, v in setup["project_urls"].items()}, origin)
    install = setup.get("install_requires")
    extras = setup.get("extras_require")
    if "requires_dist" not in meta.origin and (isinstance(install, (list, tuple, str)) or isinstance(extras, dict)):
        install = [install] if isinstance(install, str) else list(install or [])
        meta.requires_dist = [str(r) for r in install] + requirements_from_extras(extras or {})
        meta.origin["requires_dist"] = origin
        _set(meta, "provides_extra", [str(k).partition(":")[0] for k in extras or {}], origin)
    if setup.get("entry_points") is not None:
        _apply_scripts(meta, _entry_point_groups(setup["entry_points"]), origin)
    packages = [
        p
        for key in ("packages", "py_modules")
        if isinstance(setup.get(key), (list, tuple))
        for p in setup[key]
        if isinstance(p, str)
    ]
    _set(meta, "packages", packages, origin)


def _apply_json_info(meta: UpstreamMetadata, info: dict[str, Any]) -> None:
    origin = "index JSON info"
    for key, attr in (
        ("name", "name"),
        ("version", "version"),
        ("summary", "summary"),
        ("requires_python", "requires_python"),
        ("license_expression", "license_expression"),
        ("home_page", "home_page"),
    ):
        value = info.get(key)
        if isinstance(value, str) and value.strip() and value.strip().upper() != "UNKNOWN":
            _set(meta, attr, value.strip(), origin)
    if isinstance(info.get("license"), str) and info["license"].strip().upper() not in ("", "UNKNOWN"):
        _set(meta, "license", info["license"].strip(), origin)
    _set(meta, "classifiers", info.get("classifiers") or [], origin)
    _set(meta, "project_urls", dict(info.get("project_urls") or {}), origin)
    _set(meta, "license_files", info.get("license_files") or [], origin)
    if "requires_dist" not in meta.origin and info.get("requires_dist") is not None:
        meta.requires_dist = list(info.get("requires_dist") or [])
        meta.origin["requires_dist"] = origin
        _set(meta, "provides_extra", info.get("provides_extra") or [], origin)
