"""What the file layout says: the importable top-level modules and whether the package compiles code."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import PurePosixPath

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from recipegen.generators.pypi.metadata import UpstreamMetadata
from recipegen.generators.pypi.sources import SourceTree, WheelContents, is_license_name

NOT_SHIPPED_DIRS = {
    "test",
    "tests",
    "testing",
    "doc",
    "docs",
    "example",
    "examples",
    "benchmark",
    "benchmarks",
    "bench",
    "scripts",
    "tools",
    "ci",
    "build",
    "dist",
    "site",
    "notebooks",
    "tutorials",
    "fuzz",
    "fuzzing",
    ".github",
    "conda",
    "recipe",
    "misc",
    "asv_bench",
    "continuous_integration",
    "requirements",
    "bin",
    "devtools",
    "dev",
    "typings",
    "stubs",
}
ANYWHERE_NOT_SHIPPED = {
    "doc",
    "docs",
    "example",
    "examples",
    "benchmark",
    "benchmarks",
    "__pycache__",
    "fuzz",
    "fuzzing",
}
NOT_IMPORTS = {
    "setup",
    "conftest",
    "noxfile",
    "tasks",
    "fabfile",
    "runtests",
    "versioneer",
    "test",
    "tests",
    "docs",
    "doc",
    "example",
    "examples",
    "benchmarks",
    "build",
    "_build",
    "setup_helpers",
}

C_SUFFIXES = {".c", ".pyx", ".pxd"}  # a .pxd alone is a declaration file, see below
CXX_SUFFIXES = {".cpp", ".cc", ".cxx", ".c++", ".hpp", ".hh", ".hxx"}
FORTRAN_SUFFIXES = {".f", ".f90", ".f95", ".f03", ".f08", ".for"}
COMPILED_BACKENDS = {
    "maturin": "rust",
    "scikit_build_core": "",
    "mesonpy": "",
    "scikit_build": "",
    "setuptools_rust": "rust",
    "pdm.backend._vendor": "",
}
# Modules a compiled package's setup.py imports at build time → the conda package for host.
SETUP_PY_BUILD_INPUTS = {
    "numpy": "numpy",
    "Cython": "cython",
    "pybind11": "pybind11",
    "cffi": "cffi",
    "pythran": "pythran",
    "setuptools_scm": "setuptools-scm",
}
HOST_ONLY_CXX = {"pybind11", "nanobind", "pybind11-global"}


@dataclass
class Build:
    compiled: bool
    compilers: list[str] = field(default_factory=list)  # c, cxx, fortran, rust
    reasons: list[str] = field(default_factory=list)
    cython: bool = False  # .pyx sources: Cython is needed in host even when [build-system] omits it
    setup_imports: list[str] = field(default_factory=list)  # build-time Python inputs setup.py imports
    notes: list[str] = field(default_factory=list)  # why a decision was made that a reviewer should know
    script_env: dict[str, str] = field(default_factory=dict)  # variables the build script sets (opt-in extensions)
    cffi: bool = False  # extensions built with cffi: cffi is needed at run time too
    crate_dir: str = ""  # the folder of the compiled Rust crate when not the sdist's top (pendulum's rust/)
    bundled_licenses: list[str] = field(default_factory=list)  # of bundled C/C++ code (cmarkgfm's cmark)
    compiler_oses: list[str] = field(default_factory=list)  # only these OSes compile (watchdog: osx); [] = all


def _shipped(path: str) -> bool:
    """False for files under test, docs, example or build-tool folders (never compiled into the package)."""
    parts = [p.lower() for p in path.split("/")[:-1]]
    if parts and parts[0] in NOT_SHIPPED_DIRS:
        return False
    return not any(p in ANYWHERE_NOT_SHIPPED or p.startswith((".", "vendored-meson")) or "test" in p for p in parts)


VENDORED_DIRS = {
    "extern",
    "external",
    "third_party",
    "thirdparty",
    "3rdparty",
    "3rd-party",
    "vendor",
    "vendored",
    "deps",
}


def _vendored(path: str) -> bool:
    """Under a folder of bundled third-party code (rapidfuzz's extern/taskflow/.../eigen)."""
    return any(part.lower() in VENDORED_DIRS for part in path.split("/")[:-1])


def _requirement_names(requirements: list[str]) -> set[str]:
    """The projects of `requirements` that apply to a CPython build (not `cffi; implementation_name == 'pypy'`)."""
    from recipegen.generators.pypi.markers import evaluate, supported_pythons

    names: set[str] = set()
    for text in requirements:
        try:
            requirement = Requirement(text)
        except InvalidRequirement:
            continue
        if requirement.marker is None or not evaluate(requirement.marker, supported_pythons("3.10")).never:
            names.add(canonicalize_name(requirement.name))
    return names


def detect_build(meta: UpstreamMetadata, tree: SourceTree | None, wheel_names: list[str]) -> Build:
    """Compiled or pure, and which compilers, from sources, backend and the files on the index."""
    build_names = _requirement_names(meta.build_requires)
    paths = [p for p in (tree.paths if tree else []) if _shipped(p)]
    suffixes = {PurePosixPath(p).suffix.lower() for p in paths}
    compilers, reasons, notes = _source_compilers(meta, tree, paths, build_names)
    gate = env_gated_extensions(tree.text("setup.py") if tree else None)
    compiled_anyway = opt_in_compiled().get(canonicalize_name(meta.name or "")) if gate else None
    if compiled_anyway is not None:
        compilers.add("c")  # mypyc output is C
    pure = _pure_verdict(meta, wheel_names, compilers, build_names, (gate or "") if compiled_anyway is None else "")
    if pure is not None:
        return pure
    if not compilers and _platform_tag_without_code(meta, tree, paths, wheel_names, build_names):
        backend = meta.build_backend.split(":")[0]
        return Build(
            False,
            notes=[f"noarch: the index has only platform wheels, but the sdist has no code to compile ({backend})"],
        )
    _compilers_from_signals(meta, tree, wheel_names, build_names, compilers, reasons)
    if "cxx" in compilers and not (suffixes & {".c", ".pyx"}) and "rust" not in compilers and "cffi" not in build_names:
        compilers.discard("c")
    setup_py = tree.text("setup.py") if tree else None
    setup_imports = []
    if compilers and setup_py:
        for module, package in SETUP_PY_BUILD_INPUTS.items():
            if not re.search(rf"^\s*(import|from)\s+{module}\b", setup_py, re.M):
                continue
            # httptools imports Cython inside a method, used only when a .pyx lacks its shipped .c
            # (fonttools' method cythonizes .py modules: no .pyx, so Cython stays)
            lazy = not re.search(rf"^(import|from)\s+{module}\b", setup_py, re.M) and _inside_def(setup_py, module)
            # multidict imports Cython in a `try` with an ImportError fallback, for a test-only .pyx
            optional = lazy or _guarded_import(setup_py, module)
            has_pyx = any(p.lower().endswith(".pyx") for p in paths)
            if not (package == "cython" and optional and has_pyx and not _cython_needed(paths)):
                setup_imports.append(package)
    script_env: dict[str, str] = {}
    if compiled_anyway is not None:
        reasons.append(
            f"extensions opted in with {', '.join(compiled_anyway['env'])} as {compiled_anyway['source']} does"
        )
        script_env = {k: str(v) for k, v in compiled_anyway["env"].items()}
    return Build(
        bool(compilers),
        [c for c in ["c", "cxx", "fortran", "rust"] if c in compilers],
        reasons,
        cython=_cython_needed(paths),
        setup_imports=setup_imports,
        notes=notes,
        script_env=script_env,
        cffi=_uses_cffi(meta, tree, build_names, meta.build_backend.split(":")[0].split(".")[0]),
        crate_dir=crate_folder(tree) if "rust" in compilers else "",
        bundled_licenses=bundled_license_files(paths) if compilers & {"c", "cxx"} else [],
        compiler_oses=compiling_oses(wheel_names) if compilers <= {"c", "cxx"} else [],
    )


WHEEL_OSES = (("macosx", "osx"), ("manylinux", "linux"), ("musllinux", "linux"), ("linux", "linux"), ("win", "win"))


def compiling_oses(wheel_names: list[str]) -> list[str]:
    """The OSes whose wheels hold an extension when the others' platform wheels hold none
    (watchdog 7.1.1: cp3xx wheels for macOS, `py3-none-manylinux`/`py3-none-win` elsewhere:
    setup.py builds its extension only on macOS); [] when every OS compiles or it is not known."""
    compiled: set[str] = set()
    plain: set[str] = set()
    for name in wheel_names:
        parts = name[: -len(".whl")].split("-")
        if len(parts) < 5 or parts[-1] == "any":
            continue
        oses = {os for prefix, os in WHEEL_OSES for tag in parts[-1].split(".") if tag.startswith(prefix)}
        (plain if parts[-2] == "none" else compiled).update(oses)
    if not compiled or not plain or compiled & plain or compiled | plain != {"linux", "osx", "win"}:
        return []
    return sorted(compiled)


def bundled_license_files(paths: list[str]) -> list[str]:
    """License files of bundled third-party C/C++ code (cmarkgfm's `third_party/cmark/COPYING`):
    in a vendored folder whose files include C/C++ sources or headers; the shallowest per subtree."""
    code = [p for p in paths if _vendored(p) and PurePosixPath(p).suffix.lower() in C_SUFFIXES | CXX_SUFFIXES | {".h"}]
    found: list[str] = []
    for path in sorted((p for p in paths if _vendored(p) and is_license_name(p)), key=lambda p: (p.count("/"), p)):
        folder = _folder(path)
        nested = any(folder.startswith(_folder(f)) and _folder(f) != folder for f in found)
        if not nested and any(c.startswith(folder) for c in code):
            found.append(path)
    return sorted(found)


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] + "/"


GENERATED_FROM_PYX = (".c", ".cpp", ".cxx")


def _inside_def(setup_py: str, module: str) -> bool:
    """Every `import module` of setup.py sits in a function body (run only when it is called)."""
    lines = [line for line in setup_py.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    hits = [i for i, line in enumerate(lines) if re.match(rf"\s*(import|from)\s+{module}\b", line)]
    return bool(hits) and all(_enclosed_by_def(lines, i) for i in hits)


def _enclosed_by_def(lines: list[str], index: int) -> bool:
    indent = len(lines[index]) - len(lines[index].lstrip())
    for line in reversed(lines[:index]):
        depth = len(line) - len(line.lstrip())
        if depth < indent:
            if line.lstrip().startswith(("def ", "async def ")):
                return True
            indent = depth
    return False


TEST_MODULE = re.compile(r"^_?test|_tests?$")


def _cython_needed(paths: list[str]) -> bool:
    """A `.pyx` module the sdist ships without its generated C/C++ file (httptools and rapidfuzz
    ship `parser.c` / `fuzz_cpp.cxx` and build them; Cython runs only when one is missing).
    Test-only modules (multidict's `_testcyapi.pyx`, in tests/ folders) do not count."""
    shipped = set(paths)
    return any(
        not any(p[: -len(".pyx")] + suffix in shipped for suffix in GENERATED_FROM_PYX)
        for p in paths
        if p.lower().endswith(".pyx")
        and not TEST_MODULE.search(PurePosixPath(p).stem.lower())
        and not {"test", "tests"} & set(PurePosixPath(p).parts[:-1])
    )


def _guarded_import(setup_py: str, module: str) -> bool:
    """Every `import module` of setup.py sits in a `try` whose `except ImportError` carries on
    without it (`cythonize = None`): the build works without the module."""
    try:
        tree = ast.parse(setup_py)
    except (SyntaxError, ValueError, RecursionError):
        return False
    imports = [
        n
        for n in ast.walk(tree)
        if (isinstance(n, ast.Import) and any(a.name.split(".")[0] == module for a in n.names))
        or (isinstance(n, ast.ImportFrom) and (n.module or "").split(".")[0] == module)
    ]
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(_carries_on(h) for h in node.handlers):
            guarded.update(id(n) for statement in node.body for n in ast.walk(statement))
    return bool(imports) and all(id(n) in guarded for n in imports)


def _carries_on(handler: ast.ExceptHandler) -> bool:
    """An `except ImportError` (or ModuleNotFoundError) handler that does not raise."""
    caught = ast.unparse(handler.type) if handler.type is not None else ""
    return bool(re.search(r"\b(ImportError|ModuleNotFoundError)\b", caught)) and not any(
        isinstance(n, ast.Raise) for statement in handler.body for n in ast.walk(statement)
    )


def crate_folder(tree: SourceTree | None) -> str:
    """The folder of the Cargo.toml a Rust build compiles, "" for the sdist's top: the top's
    Cargo.toml, else maturin's `manifest-path`, else the shallowest one (maturin also finds
    `rust/Cargo.toml` by itself: pendulum). cargo-bundle-licenses must run there."""
    from recipegen.generators.pypi.metadata import MetadataError, parse_pyproject

    paths = tree.paths if tree else []
    if "Cargo.toml" in paths:  # a top-level crate or workspace (cryptography's): cargo finds every member
        return ""
    try:
        tool = parse_pyproject((tree.text("pyproject.toml") if tree else None) or "").get("tool") or {}
    except MetadataError:
        tool = {}
    manifest = (tool.get("maturin") or {}).get("manifest-path") if isinstance(tool.get("maturin"), dict) else None
    if isinstance(manifest, str) and manifest.endswith("Cargo.toml"):
        return str(PurePosixPath(manifest).parent).strip("./")
    crates = sorted(
        (p for p in paths if PurePosixPath(p).name == "Cargo.toml" and _shipped(p)), key=lambda p: (p.count("/"), p)
    )
    return str(PurePosixPath(crates[0]).parent) if crates else ""


def _source_compilers(
    meta: UpstreamMetadata, tree: SourceTree | None, paths: list[str], build_names: set[str]
) -> tuple[set[str], list[str], list[str]]:
    """(compilers, reasons, notes) from sources that a compiler turns into extension modules."""
    compilers: set[str] = set()
    reasons: list[str] = []
    notes: list[str] = []
    suffixes = {PurePosixPath(p).suffix.lower() for p in paths}
    if suffixes & {".c", ".pyx"}:
        compilers.add("c")
        reasons.append("C/Cython sources")
    if suffixes & {".cpp", ".cc", ".cxx", ".c++"}:
        compilers.add("cxx")
        reasons.append("C++ sources")
    if {PurePosixPath(p).suffix.lower() for p in paths if not _vendored(p)} & FORTRAN_SUFFIXES:
        compilers.add("fortran")
        reasons.append("Fortran sources")
    crate = any(PurePosixPath(p).name == "Cargo.toml" and p.count("/") <= 2 for p in paths)
    backend = meta.build_backend.split(":")[0].split(".")[0]
    if backend == "maturin" or "setuptools-rust" in build_names or (crate and _rust_wired(tree)):
        compilers.update({"c", "rust"})
        reasons.append("Rust extension")
    elif crate:
        notes.append("the sdist carries a Rust crate that no build step compiles by default: no Rust compiler")
    return compilers, reasons, notes


def _pure_verdict(
    meta: UpstreamMetadata, wheel_names: list[str], compilers: set[str], build_names: set[str], gate: str
) -> Build | None:
    """A pure (noarch) build decided by what is on the index; None when that does not decide."""
    has_pure_wheel = any(n.endswith("-none-any.whl") for n in wheel_names)
    has_platform_wheels = any(not n.endswith("-none-any.whl") for n in wheel_names)
    if gate and has_pure_wheel:
        # charset-normalizer, mypy-style mypyc builds: the extensions are an opt-in speed-up
        # (only built when an environment variable asks for it) and upstream publishes a pure
        # wheel; conda-forge ships such packages noarch.
        return Build(
            False,
            notes=[
                f"setup.py builds its extensions only when {gate} is set, and a pure wheel "
                "is on the index: noarch (the compiled speed-up is optional)"
            ],
        )
    # A pure fallback wheel next to platform wheels of a Cython or ext_modules build (SQLAlchemy,
    # fonttools compile `.py` modules with Cython): the extensions are the real package, and
    # conda-forge compiles them.
    optional_extensions = has_platform_wheels and ("cython" in build_names or meta.ext_modules)
    if not compilers and has_pure_wheel and not optional_extensions:
        return Build(False)  # a pure wheel on the index and no compiled sources: noarch
    if has_pure_wheel and not has_platform_wheels and "rust" not in compilers:
        # Upstream publishes only a pure wheel: the C sources are not built into the package
        # (setuptools' Windows launcher sources, pybind11's headers and test modules).
        return Build(False)
    return None


# Backends that compile nothing themselves: a platform tag on their wheels comes from a build
# script that generates data (reuse's poetry `_build.py` compiles gettext catalogues), not from
# an extension, as long as the sdist ships no code in a compiled language.
PURE_BACKENDS = {"poetry.core.masonry.api", "flit_core.buildapi", "uv_build", "hatchling.build"}
COMPILED_LANGUAGE_SUFFIXES = C_SUFFIXES | CXX_SUFFIXES | FORTRAN_SUFFIXES | {".h", ".rs", ".go", ".zig", ".m", ".mm"}


def _platform_tag_without_code(
    meta: UpstreamMetadata, tree: SourceTree | None, paths: list[str], wheel_names: list[str], build_names: set[str]
) -> bool:
    """Only platform wheels on the index, yet nothing in the sdist a compiler could build."""
    if not tree or not paths or not wheel_names or any(n.endswith("-none-any.whl") for n in wheel_names):
        return False
    if meta.build_backend.split(":")[0] not in PURE_BACKENDS or meta.ext_modules:
        return False
    if build_names & {"cython", "cffi", "mypy", "hatch-mypyc", "pybind11", "nanobind", "maturin", "setuptools-rust"}:
        return False
    pyproject = tree.text("pyproject.toml") or ""
    if re.search(r"^\[tool\.hatch\.build\.(targets\.wheel\.)?hooks\.", pyproject, re.M):
        return False  # a hatch build hook may compile (mypyc, a custom one)
    return not any(PurePosixPath(p).suffix.lower() in COMPILED_LANGUAGE_SUFFIXES for p in paths)


def _compilers_from_signals(
    meta: UpstreamMetadata,
    tree: SourceTree | None,
    wheel_names: list[str],
    build_names: set[str],
    compilers: set[str],
    reasons: list[str],
) -> None:
    """Compilers from signals without visible sources (generated at build time, or no sdist listing)."""
    backend_full = meta.build_backend.split(":")[0]
    for name in (backend_full.split(".")[0], backend_full):
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
    if wheel_names and not any(n.endswith("-none-any.whl") for n in wheel_names) and not compilers:
        compilers.add("c")
        reasons.append("only platform-specific wheels on the index")


def _rust_wired(tree: SourceTree | None) -> bool:
    """Whether the sdist's build compiles its Rust crate (setuptools-rust, a CMake crate import)."""
    if tree is None:
        return False
    setup_py = tree.text("setup.py") or ""
    pyproject = tree.text("pyproject.toml") or ""
    cmake = tree.text("CMakeLists.txt") or ""
    return (
        bool(re.search(r"\bRustExtension\b|\brust_extensions\b", setup_py))
        or "[tool.setuptools-rust" in pyproject
        or "corrosion_import_crate" in cmake
    )


def _uses_cffi(meta: UpstreamMetadata, tree: SourceTree | None, build_names: set[str], backend: str) -> bool:
    """An extension built with cffi (API or ABI mode): its module imports `_cffi_backend` when it
    runs, so cffi is a run requirement too. setup.py's `cffi_modules`, or cffi as a build input of
    a non-setuptools build (scikit-build-core compiling a cffi-generated source)."""
    setup_py = (tree.text("setup.py") if tree else None) or ""
    setup_cfg = (tree.text("setup.cfg") if tree else None) or ""
    if "cffi_modules" in setup_py or "cffi_modules" in setup_cfg:
        return True
    return "cffi" in build_names and backend not in {"setuptools", ""}


@lru_cache(maxsize=1)
def opt_in_compiled() -> dict[str, dict]:
    """Projects with opt-in extensions that conda-forge builds compiled (data/opt-in-extensions.toml)."""
    from recipegen.tomlread import tomllib

    text = resources.files("recipegen.generators.pypi").joinpath("data/opt-in-extensions.toml").read_text("utf-8")
    return {canonicalize_name(k): v for k, v in tomllib.loads(text)["compiled"].items()}


# Extensions behind an environment variable ---------------------------------------------------
EXTENSION_BUILDERS = {"Extension", "cythonize", "mypycify", "Pybind11Extension", "CTypesExtension", "RustExtension"}


def env_gated_extensions(setup_py: str | None) -> str | None:
    """The environment variable that must be set for setup.py to build any extension, or None.

    setup.py is never run: its top-level statements are followed with every environment
    variable unset (`os.getenv(X)` → its default, `X in os.environ` → False; other calls and
    unknown names → None/False, i.e. CPython on a plain machine). When every `Extension(...)`,
    `cythonize(...)` or `mypycify(...)` call then sits in a branch that is not taken, and a
    test on the way reads the environment, the extensions are opt-in (charset-normalizer's
    CHARSET_NORMALIZER_USE_CYTHON, mypy's MYPY_USE_MYPYC). Opt-out switches
    (`COVERAGE_DISABLE_EXTENSION`, `MSGPACK_PUREPYTHON`) leave the branch taken: None.
    """
    if not setup_py or not re.search(r"environ|getenv", setup_py):
        return None
    try:
        module = ast.parse(setup_py)
    except (SyntaxError, ValueError):
        return None
    values: dict[str, object] = {"__name__": "__main__"}
    env_names: dict[str, str] = {}  # module name → environment variable it was computed from
    gated: dict[int, str | None] = {}  # node → the environment variable of the branch not taken

    def follow(statements: list[ast.stmt]) -> None:
        for statement in statements:
            if isinstance(statement, ast.Assign):
                value, env = _unset_value(statement.value, values), _env_read(statement.value, env_names)
                for target in statement.targets:
                    if isinstance(target, ast.Name):
                        values[target.id] = value
                        if env:
                            env_names[target.id] = env
            elif isinstance(statement, ast.If):
                env = _env_read(statement.test, env_names)
                if _unset_value(statement.test, values):
                    follow(statement.body)
                else:
                    gated.update({id(n): env for part in statement.body for n in ast.walk(part)})
                    for part in statement.body:  # names a gated branch sets inherit its variable
                        for node in ast.walk(part):
                            if isinstance(node, ast.Assign) and env:
                                env_names.update({t.id: env for t in node.targets if isinstance(t, ast.Name)})
                    follow(statement.orelse)

    follow(module.body)
    for node in ast.walk(module):
        if isinstance(node, ast.IfExp) and not _unset_value(node.test, values):
            env = _env_read(node.test, env_names)
            gated.update({id(n): env for n in ast.walk(node.body) if id(n) not in gated})
    calls = [n for n in ast.walk(module) if isinstance(n, ast.Call) and _called_name(n) in EXTENSION_BUILDERS]
    gates = [gated.get(id(c)) for c in calls]
    if not calls or not all(gates):
        return None
    return gates[0]


def _env_read(node: ast.AST, env_names: dict[str, str]) -> str | None:
    """The environment variable an expression reads (directly or through a module name)."""
    for sub in ast.walk(node):
        if (
            isinstance(sub, ast.Call)
            and _called_name(sub) in {"getenv", "get"}
            and _is_environment(sub.func)
            and sub.args
            and isinstance(sub.args[0], ast.Constant)
        ):
            return str(sub.args[0].value)
        if isinstance(sub, ast.Subscript) and _is_environment(sub.value) and isinstance(sub.slice, ast.Constant):
            return str(sub.slice.value)
        if (
            isinstance(sub, ast.Compare)
            and any(_is_environment(c) for c in sub.comparators)
            and isinstance(sub.left, ast.Constant)
        ):
            return str(sub.left.value)
        if isinstance(sub, ast.Name) and sub.id in env_names:
            return env_names[sub.id]
    return None


def _is_environment(node: ast.AST) -> bool:
    text = ast.unparse(node)
    return text.endswith(("environ", "environ.get", "getenv"))


def _unset_value(node: ast.AST, values: dict[str, object], env: dict[str, str] | None = None) -> object:
    """An expression's value with only `env`'s variables set (None when unknown)."""
    env = env or {}
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return values.get(node.id)
    if isinstance(node, ast.Subscript) and _is_environment(node.value) and isinstance(node.slice, ast.Constant):
        return env.get(str(node.slice.value))
    if isinstance(node, ast.Call):
        return _call_value(node, values, env)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return not _unset_value(node.operand, values, env)
    if isinstance(node, ast.BoolOp):
        results = [_unset_value(v, values, env) for v in node.values]
        return all(results) if isinstance(node.op, ast.And) else any(results)
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        return _compare_value(node, values, env)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return tuple(_unset_value(e, values, env) for e in node.elts)
    return None


def _call_value(node: ast.Call, values: dict[str, object], env: dict[str, str]) -> object:
    if _called_name(node) in {"getenv", "get"} and _is_environment(node.func):
        name = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
        if isinstance(name, str) and name in env:
            return env[name]
        default = (
            node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "default"), None)
        )
        return _unset_value(default, values, env) if default is not None else None
    if isinstance(node.func, ast.Attribute) and node.func.attr in {"lower", "upper", "strip", "casefold"}:
        inner = _unset_value(node.func.value, values, env)
        return getattr(inner, node.func.attr)() if isinstance(inner, str) else None
    if _called_name(node) == "python_implementation":
        return "CPython"  # conda-forge builds CPython
    if _called_name(node) == "bool" and node.args:
        return bool(_unset_value(node.args[0], values, env))
    if _called_name(node) == "int" and node.args:
        inner = _unset_value(node.args[0], values, env)
        return int(inner) if isinstance(inner, int) or (isinstance(inner, str) and inner.strip().isdigit()) else None
    return None


def _compare_value(node: ast.Compare, values: dict[str, object], env: dict[str, str]) -> object:
    right_node = node.comparators[0]
    if _is_environment(right_node):
        present = isinstance(node.left, ast.Constant) and node.left.value in env
        return present != isinstance(node.ops[0], ast.NotIn)
    left, right = _unset_value(node.left, values, env), _unset_value(right_node, values, env)
    operations = {
        ast.Eq: lambda a, b: a == b,
        ast.NotEq: lambda a, b: a != b,
        ast.Is: lambda a, b: a is b,
        ast.IsNot: lambda a, b: a is not b,
        ast.In: lambda a, b: a in b,
        ast.NotIn: lambda a, b: a not in b,
    }
    operation = operations.get(type(node.ops[0]))
    try:
        return operation(left, right) if operation else None
    except TypeError:
        return None


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


# Imports ---------------------------------------------------------------------------------------
def _valid_module(name: str) -> bool:
    return name.isidentifier() and not name.startswith("_") and name not in NOT_IMPORTS


def imports_from_wheel(wheel: WheelContents, project: str = "") -> list[str]:
    # `<name>.data/purelib/...` and `platlib/` install into site-packages like top-level files.
    files = [re.sub(r"^[^/]+\.data/(purelib|platlib)/", "", p) for p in wheel.record if p]
    files = [p for p in files if not p.split("/")[0].endswith((".dist-info", ".data"))]
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
            d == "/".join(parts) or (d.endswith("/" + "/".join(parts)) and d.startswith(("src/", "lib/"))) for d in dirs
        ):
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
    compiled_module = _maturin_module(tree)
    roots = [*_declared_source_roots(tree), "src/", "python/", "lib/", ""]
    for root in roots:
        files = [p[len(root) :] for p in tree.paths if p.startswith(root) and _shipped(p)]
        found = _imports_from_files(files, meta.name)
        if found and not root:
            # Loose .py files beside packages at the top of an sdist are build helpers
            # (pyzmq's zmqversion.py), not modules the package installs.
            packages = [m for m in found if f"{m.replace('.', '/')}/__init__.py" in files]
            found = packages or found
        if found:
            return found
    return [compiled_module] if compiled_module else []


def _maturin_module(tree: SourceTree) -> str:
    """The extension module a maturin project builds (`[tool.maturin] module-name`, else the
    crate's `[lib] name` or package name); "" for binaries (`bindings = "bin"`) and others."""
    from recipegen.generators.pypi.metadata import MetadataError, parse_pyproject

    try:
        pyproject = parse_pyproject(tree.text("pyproject.toml") or "")
    except MetadataError:
        return ""
    backend = str((pyproject.get("build-system") or {}).get("build-backend") or "")
    maturin = (pyproject.get("tool") or {}).get("maturin") or {}
    if backend != "maturin" or not isinstance(maturin, dict) or maturin.get("bindings") == "bin":
        return ""
    name = maturin.get("module-name")
    if not isinstance(name, str):
        manifest = maturin.get("manifest-path") if isinstance(maturin.get("manifest-path"), str) else "Cargo.toml"
        try:
            cargo = parse_pyproject(tree.read([manifest]).get(manifest, ""))
        except MetadataError:
            return ""
        lib, package = cargo.get("lib") or {}, cargo.get("package") or {}
        name = (lib.get("name") if isinstance(lib, dict) else None) or (
            package.get("name") if isinstance(package, dict) else None
        )
    top = str(name or "").replace("-", "_").split(".")[0]
    return top if _valid_module(top) else ""


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
    init_dirs = {
        str(PurePosixPath(f).parent) for f in files if PurePosixPath(f).name in ("__init__.py", "__init__.pyi")
    }
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
        words = canonicalize_name(project).split("-")
        for start in range(len(words) - 1):
            if "/".join(words[start:]) in init_dirs and all(_valid_module(p) for p in words[start:]):
                return [".".join(words[start:])]
    if loose_files_are_scripts and not packages and modules and canon:
        # A source tree's loose top-level .py files are scripts unless one is the project.
        return [m for m in found if m == canon] or []
    if not found:  # only private packages (argon2-cffi-bindings' `_argon2_cffi_bindings`)
        tops = {d.split("/")[0] for d in init_dirs}
        found = sorted(
            t for t in tops if t.startswith("_") and t.lstrip("_") and t.isidentifier() and t != "__pycache__"
        )
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


MODULE_SUFFIXES = (".py", ".pyi", ".pyx", ".so", ".pyd")


def source_roots(tree: SourceTree | None) -> list[str]:
    """Folders of an sdist that hold the importable modules, most specific first."""
    declared = _declared_source_roots(tree) if tree is not None else []
    return [*declared, "src/", "python/", "lib/", ""]


def own_top_levels(wheel: WheelContents | None, tree: SourceTree | None) -> set[str]:
    """Every top-level module name the package installs (private ones too, e.g. `_black_version`)."""
    if wheel is not None:
        files = [p for p in wheel.record if p and not p.split("/")[0].endswith(".dist-info")]
        files = [re.sub(r"^[^/]+\.data/(purelib|platlib)/", "", p) for p in files]
    elif tree is not None:
        roots = source_roots(tree)
        files = []
        for path in tree.paths:
            root = next((r for r in roots if path.startswith(r)), "")
            files.append(path[len(root) :])
    else:
        return set()
    found = set()
    for path in files:
        first = path.split("/")[0]
        name = first.split(".")[0]
        if name.isidentifier() and ("/" in path or first.endswith(MODULE_SUFFIXES)):
            found.add(name)
    return found
