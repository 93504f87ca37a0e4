"""What the file layout says: the importable top-level modules and whether the package compiles code."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from recipegen.generators.pypi.metadata import UpstreamMetadata
from recipegen.generators.pypi.sources import SourceTree, WheelContents

NOT_SHIPPED_DIRS = {"test", "tests", "testing", "doc", "docs", "example", "examples", "benchmark", "benchmarks",
                    "bench", "scripts", "tools", "ci", "build", "dist", "site", "notebooks", "tutorials",
                    "fuzz", "fuzzing", ".github", "conda", "recipe", "misc", "asv_bench",
                    "continuous_integration", "requirements", "bin", "devtools", "dev", "typings", "stubs"}
ANYWHERE_NOT_SHIPPED = {"doc", "docs", "example", "examples", "benchmark", "benchmarks", "__pycache__"}
NOT_IMPORTS = {"setup", "conftest", "noxfile", "tasks", "fabfile", "runtests", "versioneer", "test", "tests",
               "docs", "doc", "example", "examples", "benchmarks", "build", "_build", "setup_helpers"}

C_SUFFIXES = {".c", ".pyx", ".pxd"}  # a .pxd alone is a declaration file, see below
CXX_SUFFIXES = {".cpp", ".cc", ".cxx", ".c++", ".hpp", ".hh", ".hxx"}
FORTRAN_SUFFIXES = {".f", ".f90", ".f95", ".f03", ".f08", ".for"}
COMPILED_BACKENDS = {"maturin": "rust", "scikit_build_core": "", "mesonpy": "", "scikit_build": "",
                     "setuptools_rust": "rust", "pdm.backend._vendor": ""}
# Modules a compiled package's setup.py imports at build time → the conda package for host.
SETUP_PY_BUILD_INPUTS = {"numpy": "numpy", "Cython": "cython", "pybind11": "pybind11", "cffi": "cffi",
                         "pythran": "pythran", "setuptools_scm": "setuptools-scm"}
HOST_ONLY_CXX = {"pybind11", "nanobind", "pybind11-global"}


@dataclass
class Build:
    compiled: bool
    compilers: list[str] = field(default_factory=list)  # c, cxx, fortran, rust
    reasons: list[str] = field(default_factory=list)
    cython: bool = False  # .pyx sources: Cython is needed in host even when [build-system] omits it
    setup_imports: list[str] = field(default_factory=list)  # build-time Python inputs setup.py imports


def _shipped(path: str) -> bool:
    """False for files under test, docs, example or build-tool folders (never compiled into the package)."""
    parts = [p.lower() for p in path.split("/")[:-1]]
    if parts and parts[0] in NOT_SHIPPED_DIRS:
        return False
    return not any(p in ANYWHERE_NOT_SHIPPED or p.startswith((".", "vendored-meson")) or "test" in p for p in parts)


def _requirement_names(requirements: list[str]) -> set[str]:
    names = set()
    for text in requirements:
        try:
            names.add(canonicalize_name(Requirement(text).name))
        except InvalidRequirement:
            continue
    return names


def detect_build(meta: UpstreamMetadata, tree: SourceTree | None, wheel_names: list[str]) -> Build:
    """Compiled or pure, and which compilers, from sources, backend and the files on the index."""
    reasons: list[str] = []
    compilers: set[str] = set()
    backend_full = meta.build_backend.split(":")[0]
    backend = backend_full.split(".")[0]
    build_names = _requirement_names(meta.build_requires)
    paths = [p for p in (tree.paths if tree else []) if _shipped(p)]
    suffixes = {PurePosixPath(p).suffix.lower() for p in paths}
    # 1. Sources that a compiler turns into extension modules.
    if suffixes & {".c", ".pyx"}:
        compilers.add("c")
        reasons.append("C/Cython sources")
    if suffixes & {".cpp", ".cc", ".cxx", ".c++"}:
        compilers.add("cxx")
        reasons.append("C++ sources")
    if suffixes & FORTRAN_SUFFIXES:
        compilers.add("fortran")
        reasons.append("Fortran sources")
    if any(PurePosixPath(p).name == "Cargo.toml" and p.count("/") <= 2 for p in paths) or backend == "maturin" \
            or "setuptools-rust" in build_names:
        compilers.update({"c", "rust"})
        reasons.append("Rust extension")
    has_pure_wheel = any(n.endswith("-none-any.whl") for n in wheel_names)
    has_platform_wheels = any(not n.endswith("-none-any.whl") for n in wheel_names)
    # A pure fallback wheel next to platform wheels of a Cython or ext_modules build (SQLAlchemy,
    # fonttools compile `.py` modules with Cython): the extensions are the real package, and
    # conda-forge compiles them.
    optional_extensions = has_platform_wheels and ("cython" in build_names or meta.ext_modules)
    if not compilers and has_pure_wheel and not optional_extensions:
        # A pure wheel on the index and no compiled sources: noarch.
        return Build(False)
    if has_pure_wheel and not has_platform_wheels and "rust" not in compilers:
        # Upstream publishes only a pure wheel: the C sources are not built into the package
        # (setuptools' Windows launcher sources, pybind11's headers and test modules).
        return Build(False)
    # 2. Signals without visible sources (generated at build time, or no sdist listing).
    for name in (backend, backend_full):
        if name in COMPILED_BACKENDS and not compilers:
            reasons.append(f"build backend {backend_full}")
            compilers.add(COMPILED_BACKENDS[name] or "c")
    if build_names & HOST_ONLY_CXX:
        compilers.add("cxx")
        reasons.append("pybind11/nanobind")
    if "cffi" in build_names:
        compilers.add("c")
        reasons.append("cffi in build requirements")
    if meta.ext_modules:
        compilers.add("c")
        reasons.append("setup.py ext_modules")
    setup_py = tree.text("setup.py") if tree else None
    if compilers and setup_py and re.search(r"language\s*=\s*['\"]c\+\+['\"]", setup_py):
        compilers.add("cxx")
    for build_file in ("meson.build", "CMakeLists.txt"):
        text = tree.text(build_file) if tree else None
        if compilers and text and re.search(r"\b(cpp|CXX)\b", text):
            compilers.add("cxx")
    if "cython" in build_names and not compilers:
        compilers.add("c")
        reasons.append("Cython in build requirements")
    if wheel_names and not has_pure_wheel and not compilers:
        compilers.add("c")
        reasons.append("only platform-specific wheels on the index")
    if "cxx" in compilers and not (suffixes & {".c", ".pyx"}) and "rust" not in compilers and "cffi" not in build_names:
        compilers.discard("c")
    order = ["c", "cxx", "fortran", "rust"]
    setup_imports = []
    if compilers and setup_py:
        for module, package in SETUP_PY_BUILD_INPUTS.items():
            if re.search(rf"^\s*(import|from)\s+{module}\b", setup_py, re.M):
                setup_imports.append(package)
    return Build(bool(compilers), [c for c in order if c in compilers], reasons, cython=".pyx" in suffixes,
                 setup_imports=setup_imports)


# Imports ---------------------------------------------------------------------------------------
def _valid_module(name: str) -> bool:
    return name.isidentifier() and not name.startswith("_") and name not in NOT_IMPORTS


def imports_from_wheel(wheel: WheelContents, project: str = "") -> list[str]:
    files = [p for p in wheel.record if p and not p.split("/")[0].endswith((".dist-info", ".data"))]
    return _imports_from_files(files, project, loose_files_are_scripts=False)


def _project_package(paths: list[str], project: str) -> str | None:
    """`zope.interface` for project zope.interface when zope/interface/__init__.py exists."""
    dotted = canonicalize_name(project).split("-") if project else []
    if len(dotted) < 2:
        return None
    dirs = {str(PurePosixPath(p).parent) for p in paths if PurePosixPath(p).name == "__init__.py"}
    for start in range(len(dotted) - 1):
        parts = dotted[start:]
        if all(_valid_module(p) for p in parts) and any(
                d == "/".join(parts) or d.endswith("/" + "/".join(parts)) and d.startswith(("src/", "lib/"))
                for d in dirs):
            return ".".join(parts)
    return None


def imports_from_tree(tree: SourceTree, meta: UpstreamMetadata) -> list[str]:
    own = _project_package([p for p in tree.paths if _shipped(p)], meta.name)
    if own:
        return [own]
    top_level = None
    for path, text in tree.texts.items():
        if path.endswith(".egg-info/top_level.txt"):
            top_level = [line.strip() for line in text.splitlines() if _valid_module(line.strip())]
    if top_level:
        return sorted(top_level)
    declared = sorted({p.split(".")[0] for p in meta.packages if _valid_module(p.split(".")[0])})
    if declared:
        return declared
    roots = [*_declared_source_roots(tree), "src/", "python/", "lib/", ""]
    for root in roots:
        files = [p[len(root):] for p in tree.paths if p.startswith(root) and _shipped(p)]
        found = _imports_from_files(files, meta.name)
        if found and not root:
            # Loose .py files beside packages at the top of an sdist are build helpers
            # (pyzmq's zmqversion.py), not modules the package installs.
            packages = [m for m in found if f"{m.replace('.', '/')}/__init__.py" in files]
            found = packages or found
        if found:
            return found
    return []


def _declared_source_roots(tree: SourceTree) -> list[str]:
    """The Python source folder a maturin project declares (`[tool.maturin] python-source`)."""
    from recipegen.generators.pypi.metadata import MetadataError, parse_pyproject

    text = tree.text("pyproject.toml")
    if not text:
        return []
    try:
        maturin = (parse_pyproject(text).get("tool") or {}).get("maturin") or {}
    except MetadataError:
        return []
    source = maturin.get("python-source") if isinstance(maturin, dict) else None
    return [source.strip("/") + "/"] if isinstance(source, str) and source.strip("/") else []


def _imports_from_files(files: list[str], project: str, loose_files_are_scripts: bool = True) -> list[str]:
    packages: set[str] = set()
    modules: set[str] = set()
    init_dirs = {str(PurePosixPath(f).parent) for f in files if PurePosixPath(f).name in ("__init__.py", "__init__.pyi")}
    for directory in init_dirs:
        parts = directory.split("/")
        # The outermost package: the first level whose parents have no __init__.py.
        for depth in range(1, len(parts) + 1):
            prefix = "/".join(parts[:depth])
            if prefix in init_dirs:
                dotted = ".".join(parts[:depth])
                if all(_valid_module(p) for p in parts[:depth]):
                    packages.add(dotted)
                break
    for f in files:
        path = PurePosixPath(f)
        if len(path.parts) == 1 and path.suffix in (".py", ".so", ".pyd"):
            name = path.name.split(".")[0]
            if _valid_module(name):
                modules.add(name)
    found = sorted(packages | modules)
    canon = canonicalize_name(project).replace("-", "_") if project else ""
    # `zope.interface`, `google-cloud-storage`: the project's own dotted module when it exists.
    if project and "-" in canonicalize_name(project):
        dotted = canonicalize_name(project).split("-")
        for start in range(len(dotted) - 1):
            path = "/".join(dotted[start:])
            if path in init_dirs and all(_valid_module(p) for p in dotted[start:]):
                return [".".join(dotted[start:])]
    if loose_files_are_scripts and not packages and modules and canon:
        # A source tree's loose top-level .py files are scripts unless one is the project.
        return [m for m in found if m == canon] or []
    return found


def order_imports(imports: list[str], project: str, limit: int = 5) -> list[str]:
    """The module named like the project alone when there is one (others may need extras), else up to `limit`."""
    canon = canonicalize_name(project).replace("-", "_")
    def key(module: str) -> str:
        return module.lower().replace(".", "_").replace("_", "")

    same = [m for m in imports if key(m) == key(canon)]
    if same:
        return same[:1]
    ranked = sorted(dict.fromkeys(imports), key=lambda m: (m.replace("-", "_").lower() != canon, m.count("."), m))
    return ranked[:limit]


def stub_packages(wheel: WheelContents | None, tree: SourceTree | None) -> list[str]:
    """PEP 561 stub-only packages (`requests-stubs/__init__.pyi`): nothing to import."""
    paths = list(wheel.record) if wheel else list(tree.paths) if tree else []
    found = set()
    for path in paths:
        parts = PurePosixPath(path.removeprefix("src/")).parts
        if len(parts) >= 2 and parts[0].endswith("-stubs") and parts[-1].endswith(".pyi"):
            found.add(parts[0])
    return sorted(found)
