"""The upstream metadata model and its readers, from the most to the least authoritative.

Sources, in order: the wheel's METADATA (PEP 658 file or the wheel), the sdist's PKG-INFO
(its fields count when Metadata-Version >= 2.2 and they are not Dynamic), setuptools'
`*.egg-info/requires.txt`, `pyproject.toml` `[project]` (and `[tool.poetry]`), `setup.cfg`,
`setup.py` read with `ast` (never run), and finally the JSON API's `info` block.
"""

from __future__ import annotations

import ast
import configparser
import re
from dataclasses import dataclass, field
from email.parser import HeaderParser
from typing import Any

from packaging.version import InvalidVersion, Version

from recipegen.tomlread import tomllib


class MetadataError(Exception):
    """Metadata that cannot be read; one line naming the file and the problem."""


@dataclass
class UpstreamMetadata:
    name: str = ""
    version: str = ""
    summary: str = ""
    requires_python: str = ""
    requires_dist: list[str] = field(default_factory=list)
    provides_extra: list[str] = field(default_factory=list)
    license_expression: str = ""
    license: str = ""  # legacy License field (a name or a whole text)
    classifiers: list[str] = field(default_factory=list)
    license_files: list[str] = field(default_factory=list)  # PEP 639 License-File
    project_urls: dict[str, str] = field(default_factory=dict)
    home_page: str = ""
    console_scripts: dict[str, str] = field(default_factory=dict)
    gui_scripts: dict[str, str] = field(default_factory=dict)
    build_requires: list[str] = field(default_factory=list)
    setup_requires: list[str] = field(default_factory=list)  # setup.py/setup.cfg setup_requires
    scm_version: bool = False  # setup.py use_scm_version=...
    build_needs_run: bool = False  # a build hook imports the runtime dependencies (hatch)
    build_needs_extras: list[str] = field(default_factory=list)  # extras a build hook needs (hatch)
    build_backend: str = ""
    backend_path: list[str] = field(default_factory=list)  # [build-system] backend-path (in-tree backend)
    has_build_system: bool = False
    ext_modules: bool = False  # setup.py declares ext_modules / Extension(...)
    packages: list[str] = field(default_factory=list)  # setup.py `packages` / py_modules literals
    origin: dict[str, str] = field(default_factory=dict)  # field -> where it came from


# Core metadata (METADATA / PKG-INFO) ------------------------------------------------------------
MULTI = {"requires-dist", "classifier", "project-url", "provides-extra", "license-file", "dynamic"}


def parse_core_metadata(text: str) -> dict[str, Any]:
    """Header fields of a METADATA/PKG-INFO file; multi-use fields as lists, keys lower-case."""
    message = HeaderParser().parsestr(text)
    fields: dict[str, Any] = {}
    for key, value in message.items():
        key = key.lower()
        value = str(value).strip()
        if key in MULTI:
            fields.setdefault(key, []).append(value)
        elif key not in fields:
            fields[key] = value
    return fields


def _metadata_version(fields: dict[str, Any]) -> Version:
    try:
        return Version(fields.get("metadata-version", "1.0"))
    except InvalidVersion:
        return Version("1.0")


def _urls_from_core(fields: dict[str, Any]) -> dict[str, str]:
    urls = {}
    for item in fields.get("project-url", []):
        label, _, url = item.partition(",")
        if url.strip():
            urls[label.strip()] = url.strip()
    return urls


def parse_entry_points(text: str) -> dict[str, dict[str, str]]:
    """entry_points.txt (INI) → {group: {name: target}}."""
    parser = configparser.ConfigParser(delimiters=("=",), interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment]
    try:
        parser.read_string(text)
    except configparser.Error as exc:
        raise MetadataError(f"entry_points.txt: {str(exc).splitlines()[0]}") from None
    return {section: {k.strip(): v.strip() for k, v in parser.items(section)} for section in parser.sections()}


def parse_egg_requires(text: str) -> tuple[list[str], list[str]]:
    """setuptools' requires.txt → (PEP 508 requirements with extra markers, extras)."""
    requirements: list[str] = []
    extras: list[str] = []
    section = ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            extra, _, marker = section.partition(":")
            if extra and extra not in extras:
                extras.append(extra)
            continue
        extra, _, marker = section.partition(":")
        conditions = [f"({marker})"] if marker else []
        if extra:
            conditions.append(f'extra == "{extra}"')
        requirements.append(line + ("; " + " and ".join(conditions) if conditions else ""))
    return requirements, extras


# pyproject.toml --------------------------------------------------------------------------------
def parse_pyproject(text: str, label: str = "pyproject.toml") -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MetadataError(f"{label}: invalid TOML ({exc})") from None
    except RecursionError:  # arrays nested thousands deep
        raise MetadataError(f"{label}: invalid TOML (nested too deeply)") from None


def poetry_constraint(spec: str) -> str:
    """A Poetry version constraint (`^1.2`, `~1.2.3`, `1.2.*`, `>=1,<2`, `1.2`) as PEP 440."""
    out = []
    for part in re.split(r"\s*,\s*|\s+(?=[<>=!~^])", spec.strip()):
        part = part.strip()
        if not part or part == "*":
            continue
        if part.startswith("^"):
            version = part[1:].strip()
            numbers = [int(x) if x.isdigit() else 0 for x in re.split(r"[.]", version.split("-")[0])[:3]]
            while len(numbers) < 3:
                numbers.append(0)
            given = len(version.split("."))
            if numbers[0] > 0 or given == 1:
                upper = f"{numbers[0] + 1}.0.0"
            elif numbers[1] > 0 or given == 2:
                upper = f"0.{numbers[1] + 1}.0"
            else:
                upper = f"0.0.{numbers[2] + 1}"
            out += [f">={version}", f"<{upper}"]
        elif part.startswith("~") and not part.startswith("~="):
            version = part[1:].strip()
            fields = version.split(".")
            if len(fields) >= 2:
                upper = f"{fields[0]}.{int(fields[1]) + 1}.0" if fields[1].isdigit() else ""
            else:
                upper = f"{int(fields[0]) + 1}.0.0" if fields[0].isdigit() else ""
            out += [f">={version}"] + ([f"<{upper}"] if upper else [])
        elif part[0].isdigit():
            out.append(f"=={part}")
        else:
            out.append(part)
    return ",".join(out)


def poetry_requirements(poetry: dict[str, Any]) -> tuple[list[str], list[str], str]:
    """[tool.poetry] dependencies → (PEP 508 requirements, extras, requires-python)."""
    requirements: list[str] = []
    requires_python = ""
    extras_of: dict[str, list[str]] = {}
    for extra, names in (poetry.get("extras") or {}).items():
        for name in names:
            extras_of.setdefault(name.lower(), []).append(extra)
    for name, spec in (poetry.get("dependencies") or {}).items():
        if name.lower() == "python":
            requires_python = poetry_constraint(spec if isinstance(spec, str) else spec.get("version", ""))
            continue
        specs = spec if isinstance(spec, list) else [spec]
        for item in specs:
            if isinstance(item, str):
                item = {"version": item}
            if not isinstance(item, dict) or "git" in item or "path" in item or "url" in item:
                continue
            markers = []
            if item.get("python"):
                markers += [f'python_version {op} "{v}"' for op, v in _split_pep440(poetry_constraint(item["python"]))]
            if item.get("markers"):
                markers.append(f"({item['markers']})")
            if item.get("optional"):
                for extra in extras_of.get(name.lower(), []):
                    requirements.append(_pep508(name, item, [*markers, f'extra == "{extra}"']))
                continue
            requirements.append(_pep508(name, item, markers))
    return requirements, list(poetry.get("extras") or {}), requires_python


def _split_pep440(spec: str) -> list[tuple[str, str]]:
    pairs = []
    for part in spec.split(","):
        match = re.match(r"\s*(===|==|!=|<=|>=|~=|<|>)\s*(.+)", part)
        if match:
            pairs.append(
                (
                    match.group(1),
                    match.group(2).strip().rstrip(".*")
                    if match.group(1) not in ("==", "!=")
                    else match.group(2).strip(),
                )
            )
    return pairs


def _pep508(name: str, item: dict, markers: list[str]) -> str:
    extras = f"[{','.join(item['extras'])}]" if item.get("extras") else ""
    version = poetry_constraint(str(item.get("version", "")))
    return name + extras + version + ("; " + " and ".join(markers) if markers else "")


# setup.cfg -------------------------------------------------------------------------------------
def parse_setup_cfg(text: str, label: str = "setup.cfg") -> dict[str, Any]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment]
    try:
        parser.read_string(text)
    except configparser.Error as exc:
        raise MetadataError(f"{label}: {str(exc).splitlines()[0]}") from None
    out: dict[str, Any] = {}

    def lines(section: str, key: str) -> list[str]:
        if not parser.has_option(section, key):
            return []
        return [
            x.strip()
            for x in re.split(
                r"[\n;]" if key not in ("install_requires", "setup_requires") else r"\n", parser.get(section, key)
            )
            if x.strip() and not x.strip().startswith("#")
        ]

    if parser.has_section("metadata"):
        meta = dict(parser.items("metadata"))
        for key in ("name", "version", "license", "url", "description"):
            if meta.get(key) and not meta[key].startswith(("attr:", "file:")):
                out[key] = meta[key].strip()
        out["classifiers"] = [c for c in lines("metadata", "classifiers") if "::" in c]
        out["license_files"] = [x for x in re.split(r"[\s,]+", meta.get("license_files", "")) if x]
        urls = {}
        for line in lines("metadata", "project_urls"):
            label_, _, url = line.partition("=")
            if url.strip():
                urls[label_.strip()] = url.strip()
        out["project_urls"] = urls
    if parser.has_section("options"):
        out["install_requires"] = lines("options", "install_requires")
        out["setup_requires"] = lines("options", "setup_requires")
        if parser.has_option("options", "python_requires"):
            out["python_requires"] = parser.get("options", "python_requires").strip()
    if parser.has_section("options.extras_require"):
        out["extras_require"] = {
            extra: [x.strip() for x in value.splitlines() if x.strip()]
            for extra, value in parser.items("options.extras_require")
        }
    if parser.has_section("options.entry_points"):
        groups = {}
        for group, value in parser.items("options.entry_points"):
            groups[group] = {
                k.strip(): v.strip() for k, _, v in (line.partition("=") for line in value.splitlines() if "=" in line)
            }
        out["entry_points"] = groups
    return out


# setup.py (static reading with ast) -------------------------------------------------------------
SETUP_KEYS = {
    "name",
    "version",
    "install_requires",
    "extras_require",
    "python_requires",
    "entry_points",
    "packages",
    "py_modules",
    "license",
    "classifiers",
    "url",
    "description",
    "project_urls",
    "setup_requires",
}


def parse_setup_py(text: str, label: str = "setup.py") -> dict[str, Any]:
    """Literal keyword arguments of the `setup(...)` call; module-level literal names resolved."""
    try:
        tree = ast.parse(text, filename=label)
    except (SyntaxError, ValueError) as exc:
        raise MetadataError(f"{label}: cannot parse ({exc.__class__.__name__}: {getattr(exc, 'msg', exc)})") from None
    names: dict[str, Any] = {}
    for statement in tree.body:
        if (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
        ):
            value = _literal(statement.value, names)
            if value is not _UNKNOWN:
                names[statement.targets[0].id] = value
    out: dict[str, Any] = {}
    ext = "Extension(" in text or "ext_modules" in text or "cythonize(" in text
    out["ext_modules"] = ext
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node.func) in {"setup", "setuptools.setup"}:
            for keyword in node.keywords:
                if keyword.arg in SETUP_KEYS:
                    value = _literal(keyword.value, names)
                    if value is not _UNKNOWN:
                        out[keyword.arg] = value
                elif keyword.arg is None:  # setup(**kwargs) with a literal dict
                    value = _literal(keyword.value, names)
                    if isinstance(value, dict):
                        out.update({k: v for k, v in value.items() if k in SETUP_KEYS})
                elif keyword.arg in {"ext_modules", "cffi_modules", "rust_extensions"}:
                    out["ext_modules"] = True
                elif keyword.arg == "use_scm_version":  # the version comes from setuptools-scm
                    out["use_scm_version"] = True
    return out


_UNKNOWN = object()


def _call_name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_call_name(node.value)}.{node.attr}"
    return ""


def _literal(node: ast.AST, names: dict[str, Any]) -> Any:
    try:
        return ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        pass
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [_literal(e, names) for e in node.elts]
        return _UNKNOWN if any(i is _UNKNOWN for i in items) else list(items)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left, names), _literal(node.right, names)
        if isinstance(left, list) and isinstance(right, list):
            return left + right
    if isinstance(node, ast.Dict):
        keys = [_literal(k, names) if k is not None else _UNKNOWN for k in node.keys]
        values = [_literal(v, names) for v in node.values]
        if any(x is _UNKNOWN for x in keys + values):
            return _UNKNOWN
        return dict(zip(keys, values))
    if isinstance(node, ast.Call) and _call_name(node.func) in {
        "find_packages",
        "setuptools.find_packages",
        "find_namespace_packages",
    }:
        return _UNKNOWN
    return _UNKNOWN


def _entry_point_groups(value: Any) -> dict[str, dict[str, str]]:
    """setup.py/setup.cfg entry_points (dict of lists or an INI string) → {group: {name: target}}."""
    if isinstance(value, str):
        return parse_entry_points(value)
    groups: dict[str, dict[str, str]] = {}
    if isinstance(value, dict):
        for group, items in value.items():
            if isinstance(items, str):
                items = [line for line in items.splitlines() if "=" in line]
            if isinstance(items, dict):
                groups[group] = {str(k): str(v) for k, v in items.items()}
            elif isinstance(items, (list, tuple)):
                groups[group] = {k.strip(): v.strip() for k, _, v in (str(i).partition("=") for i in items) if v}
    return groups


def requirements_from_extras(extras: dict[str, list[str]]) -> list[str]:
    """`extras_require` (keys may carry `:marker`) → PEP 508 requirements with `extra ==` markers."""
    out = []
    for key, items in (extras or {}).items():
        extra, _, marker = str(key).partition(":")
        if isinstance(items, str):
            items = [items]
        for item in items or []:
            requirement, _, own_marker = str(item).partition(";")
            conditions = [f"({m.strip()})" for m in (own_marker, marker) if m.strip()]
            if extra:
                conditions.append(f'extra == "{extra}"')
            out.append(requirement.strip() + ("; " + " and ".join(conditions) if conditions else ""))
    return out
