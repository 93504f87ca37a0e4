"""Native libraries a package's own modules load when they run — read with `ast`, never run.

Some packages link nothing at build time and open a shared library with ctypes or cffi's ABI
mode when imported: psycopg's `ctypes.util.find_library("pq")`, python-magic's
`find_library("magic")`, cairocffi's `ffi.dlopen("cairo")`. Python metadata never says so,
and without the library in `run` the import fails on a user's machine. conda-forge's recipes
list such a library in run.

A load counts when its library name is a string literal and it is not:
- in a branch for an operating system conda-forge's Linux/macOS build does not take first
  (`if sys.platform == "win32":` bodies; `else:` branches of such tests count);
- inside a `try:` whose handler catches the failure (an optional library: named in a note);
- in tests, docs, examples, benchmarks or vendored folders, or a folder for another operating
  system (`pyglet/libs/darwin/`, `plyer/platforms/win/`).
Names are mapped with the same library map as build-time links (`native._conda_library`).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from recipegen.generators.pypi.layout import _called_name
from recipegen.generators.pypi.probes import OTHER_OS
from recipegen.generators.pypi.sources import SourceTree

LOADERS = {"find_library", "CDLL", "LoadLibrary", "PyDLL", "dlopen"}
SKIPPED_FOLDERS = {"tests", "test", "testing", "docs", "doc", "examples", "example", "benchmarks", "_vendor", "vendor"}
MAX_MODULES = 400  # a bound on what one package's scan reads
LIBRARY_FILE = re.compile(r"(\.so(\.\d+)*|(\.\d+)*\.dylib|\.dll)$")


@dataclass(frozen=True)
class RuntimeLoad:
    names: tuple[str, ...]  # the names tried, in order, normalised ("pq" for "libpq.so.5")
    path: str  # the module that loads it
    line: int
    optional: bool  # inside a try whose handler catches the failure


def library_name(text: str) -> str:
    """`libpq.so.5` → `pq`, `libcairo.2.dylib` → `cairo`, `magic` → `magic`."""
    base = LIBRARY_FILE.sub("", text.strip().replace("\\", "/").rsplit("/", 1)[-1])
    return base[3:] if base.startswith("lib") and len(base) > 3 and base != "library" else base


def _catches_failure(handlers: list[ast.ExceptHandler]) -> bool:
    caught = " ".join(ast.unparse(h.type) if h.type is not None else "Exception" for h in handlers)
    return bool(re.search(r"\b(OSError|ImportError|Exception|BaseException|AttributeError|TypeError)\b", caught))


def _literals(node: ast.AST | None) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List)):
        return [s for element in node.elts for s in _literals(element) if isinstance(element, ast.Constant)]
    return []


@dataclass(frozen=True)
class _Scope:
    other_os: bool = False  # in the body of a test naming another OS
    optional: bool = False  # in a try that catches the failure
    loops: tuple[tuple[str, tuple[str, ...]], ...] = ()  # `for name in ("a", "b"):` bindings
    loaders: frozenset[str] = frozenset(LOADERS)  # with the module's aliases (`find_library as _find`)


def _candidates(call: ast.Call, scope: _Scope) -> list[str]:
    """The library names a loader call is given: literal arguments, literal tuples, or a loop
    variable over a literal tuple (`for name in ("portaudio", ...): find_library(name)`)."""
    loops = dict(scope.loops)
    names: list[str] = []
    for argument in call.args:
        names += _literals(argument)
        if isinstance(argument, ast.Name) and argument.id in loops:
            names += loops[argument.id]
    return [n for n in (library_name(text) for text in names) if n]


def _visit(node: ast.AST, scope: _Scope, out: list[RuntimeLoad], path: str) -> None:
    children: list[tuple[list, _Scope]] = []
    if isinstance(node, ast.If):
        other = scope.other_os or bool(OTHER_OS.search(ast.unparse(node.test)))
        children = [(node.body, replace(scope, other_os=other)), (node.orelse, scope)]
    elif isinstance(node, ast.Try):
        guarded = scope.optional or _catches_failure(node.handlers)
        children = [
            (node.body, replace(scope, optional=guarded)),
            ([*node.handlers, *node.orelse, *node.finalbody], scope),
        ]
    elif isinstance(node, ast.For) and isinstance(node.target, ast.Name) and _literals(node.iter):
        bound = replace(scope, loops=(*scope.loops, (node.target.id, tuple(_literals(node.iter)))))
        children = [(node.body, bound), (node.orelse, scope)]
    else:
        if isinstance(node, ast.Call) and _called_name(node) in scope.loaders and not scope.other_os:
            names = _candidates(node, scope)
            if names:
                out.append(RuntimeLoad(tuple(names), path, node.lineno, scope.optional))
        children = [(list(ast.iter_child_nodes(node)), scope)]
    for nodes, inner in children:
        for child in nodes:
            _visit(child, inner, out, path)


def loads_in_module(text: str, path: str) -> list[RuntimeLoad]:
    """The shared libraries one module loads by a literal name."""
    if not any(word in text for word in LOADERS):
        return []
    try:
        module = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return []
    aliases = {
        alias.asname
        for node in ast.walk(module)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name in LOADERS and alias.asname
    }
    loads: list[RuntimeLoad] = []
    try:
        _visit(module, _Scope(loaders=frozenset(LOADERS | aliases)), loads, path)
    except RecursionError:  # an expression nested deeper than the interpreter's stack: unreadable
        return []
    return loads


def _own_modules(tree: SourceTree, roots: list[str], own: set[str]) -> dict[str, str]:
    """Dotted module name → path, for the package's own modules."""
    modules: dict[str, str] = {}
    for path in sorted(tree.paths):
        if not path.endswith(".py"):
            continue
        root = next((r for r in roots if path.startswith(r)), "")
        parts = PurePosixPath(path[len(root) :].removesuffix(".py")).parts
        folders = [p.lower() for p in parts[:-1]]
        other_os = any(OTHER_OS.fullmatch(folder) for folder in folders)  # pyglet/libs/darwin/, plyer/platforms/win/
        if parts and parts[0] in own and not SKIPPED_FOLDERS & set(folders) and not other_os:
            dotted = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules.setdefault(dotted, path)
    return dict(list(modules.items())[:MAX_MODULES])


def _imported(module: str, is_package: bool, text: str) -> set[str]:
    """Dotted names a module imports anywhere in it (function bodies too: lazy imports run)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return set()
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)] if node.level else []
            origin = ".".join([*base, *(node.module or "").split(".")]).strip(".")
            found.add(origin)
            found.update(f"{origin}.{alias.name}" for alias in node.names)
    # importing a.b.c runs a/__init__ and a/b/__init__ first
    return {".".join(name.split(".")[:i]) for name in found for i in range(1, len(name.split(".")) + 1)}


def _import_chains(texts: dict[str, str], modules: dict[str, str]) -> dict[str, list[str]]:
    """Path → the paths importing it from a top-level module (itself last): what `import pkg` runs."""
    chains = {path: [path] for name, path in modules.items() if "." not in name}
    queue = list(chains)
    names = {path: name for name, path in modules.items()}
    while queue:
        path = queue.pop(0)
        name = names[path]
        for target in sorted(_imported(name, path.endswith("__init__.py"), texts.get(path, ""))):
            target_path = modules.get(target)
            if target_path and target_path not in chains:
                chains[target_path] = [*chains[path], target_path]
                queue.append(target_path)
    return chains


def runtime_loads(tree: SourceTree | None, roots: list[str], own: set[str]) -> list[RuntimeLoad]:
    """The literal library loads in the modules `import <package>` runs, in path order; a module
    only a user imports on purpose (cairocffi's `pixbuf`) is an optional part."""
    if tree is None or not own:
        return []
    modules = _own_modules(tree, roots, own)
    texts = tree.peek(modules.values())
    loads = [load for path, text in texts.items() for load in loads_in_module(text, path)]
    if not loads:
        return []
    chains = _import_chains(texts, modules)
    loads = [load if load.path in chains else replace(load, optional=True) for load in loads]
    # read (so a recording keeps them) only the modules that decide the result: loads and their import chains
    tree.read(p for load in loads for p in chains.get(load.path, [load.path]))
    return loads


@dataclass(frozen=True)
class RuntimeNeeds:
    run: list[tuple[str, str]]  # (conda-forge package, "path:line" of its first load)
    notes: list[str]


def runtime_needs(loads: list[RuntimeLoad]) -> RuntimeNeeds:
    """The conda-forge packages of required loads (run), and notes for optional or unknown ones."""
    from recipegen.generators.pypi.native import _conda_library

    run: dict[str, str] = {}
    optional: dict[str, str] = {}
    unknown: dict[str, str] = {}
    for load in loads:
        mapped = [(name, *_conda_library(name)) for name in load.names]
        name, conda, known = next((m for m in mapped if m[2]), mapped[0])
        where = f"{load.path}:{load.line}"
        if load.optional:
            if conda or not known:  # not the OS's own libraries (libc)
                optional.setdefault(conda.removesuffix("-devel") if conda else name, where)
        elif not known:
            unknown.setdefault(name, where)
        elif conda:  # "" = the OS or the toolchain provides it (libc)
            run.setdefault(conda.removesuffix("-devel"), where)  # the run-time half of a -devel split
    notes = [
        f"{package} is loaded at run time by an optional part ({where}); add it to run if the package needs it"
        for package, where in optional.items()
        if package not in run
    ]
    notes += [
        f"a shared library {name} is loaded at run time ({where}) with no known conda-forge package; "
        "add the package that provides it to run"
        for name, where in unknown.items()
    ]
    return RuntimeNeeds(list(run.items()), notes)
