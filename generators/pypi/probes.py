"""Native libraries a Python build file (setup.py, a cffi build script) links, and the switches
that make it link them — read with `ast`, never run.

Many packages link a system library only when asked or when a probe finds it, and build a
bundled copy otherwise: `if os.getenv("XXHASH_LINK_SO"): libraries = ["xxhash"]`,
`if USE_SHARED_BROTLI != "1": ... else: libraries = ["brotlienc", "brotlidec"]`,
`ext.libraries = ["isal"]` under `PYTHON_ISAL_LINK_DYNAMIC`, `find_library("z")`.
conda-forge links the system library (the conda package in host) instead of the bundled copy,
so each library use is returned with the environment variables (and values) that select it:
empty when the plain build takes that branch already.

Names are collected from literal `libraries` lists (keyword arguments, assignments, `append`/
`extend`), `find_library`-style probes and `pkgconfig` calls. Libraries that setup.py builds
itself (`build_clib` entries `("name", {...})`) and branches for other operating systems
(`if sys.platform == "win32":`) are left out.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from recipegen.generators.pypi.layout import _called_name, _env_read, _unset_value

PROBES = {"find_library", "find_library_file", "has_library", "check_lib", "check_library"}
PKGCONFIG_CALLS = {"parse", "libs", "cflags", "exists", "installed", "modversion", "configure_extension"}
# A branch for another OS: the libraries in its body are that OS's system libraries.
OTHER_OS = re.compile(
    r"(?<![A-Za-z])(win\w*|nt|cygwin|msvc\w*|mingw\w*|darwin|mac\w*|osx|ios|\w*bsd|sunos\w*|solaris|aix|haiku)"
    r"(?![A-Za-z])",
    re.I,
)
SWITCH_VALUES = ("1", "True", "true", "yes", "ON", "system")


@dataclass(frozen=True)
class LibraryUse:
    name: str
    env: tuple[tuple[str, str], ...] = ()  # variables that select this use (empty: the default build)


Gate = tuple[ast.expr, bool]  # an `if` test and whether the use sits in its body (else: orelse)


def _strings(node: ast.AST | None) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


def _is_libraries_target(node: ast.AST) -> bool:
    text = ast.unparse(node)
    return bool(re.search(r"(^|[._'\"])libraries['\"\]]*$", text)) or text == "libraries"


def _names_at(node: ast.AST) -> list[str]:
    """Library names this node itself names (not those of its children)."""
    if isinstance(node, ast.keyword) and node.arg == "libraries":
        return _strings(node.value)
    if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return _strings(node.value) if any(_is_libraries_target(t) for t in targets) else []
    if isinstance(node, ast.Call):
        name = _called_name(node)
        calls_libraries = isinstance(node.func, ast.Attribute) and _is_libraries_target(node.func.value)
        if name in {"append", "extend", "insert"} and calls_libraries:
            return [s for arg in node.args for s in _strings(arg)]
        if name in PROBES:
            return [s for arg in node.args for s in _strings(arg) if "/" not in s and s.strip()]
        if name in PKGCONFIG_CALLS and "pkgconfig" in ast.unparse(node.func).lower():
            return _strings(node.args[0]) if node.args else []
    return []


def _built_here(module: ast.Module) -> set[str]:
    """`build_clib` libraries (`("name", {"sources": ...})`): built from the sdist, not linked."""
    found = set()
    for node in ast.walk(module):
        if isinstance(node, ast.Tuple) and len(node.elts) == 2 and isinstance(node.elts[1], ast.Dict):
            found.update(_strings(node.elts[0]))
    return found


def _visit(node: ast.AST, gates: list[Gate], out: list[tuple[str, list[Gate]]]) -> None:
    """Collect (library name, enclosing `if` gates) under `node`."""
    if isinstance(node, (ast.If, ast.IfExp)):
        for part in node.body if isinstance(node.body, list) else [node.body]:
            _visit(part, [*gates, (node.test, True)], out)
        for part in node.orelse if isinstance(node.orelse, list) else [node.orelse]:
            _visit(part, [*gates, (node.test, False)], out)
        return
    out += [(name, gates) for name in _names_at(node)]
    for child in ast.iter_child_nodes(node):
        _visit(child, gates, out)


class _Assignments:
    """Names assigned anywhere in the file (last wins), evaluated with a given environment."""

    def __init__(self, module: ast.Module) -> None:
        self.exprs: list[tuple[str, ast.expr]] = []
        self.env_names: dict[str, str] = {}
        for node in ast.walk(module):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                self.exprs.append((node.targets[0].id, node.value))
                variable = _env_read(node.value, self.env_names)
                if variable:
                    self.env_names[node.targets[0].id] = variable

    def truth(self, test: ast.expr, env: dict[str, str]) -> bool:
        values: dict[str, object] = {}
        for name, expr in self.exprs:
            values[name] = _unset_value(expr, values, env)
        return bool(_unset_value(test, values, env))


def _selecting_env(gates: list[Gate], names: _Assignments) -> tuple[tuple[str, str], ...] | None:
    """The variables that put a use's branch in the build (None: no value reaches it)."""
    env: dict[str, str] = {}
    for test, in_body in gates:
        variable = _env_read(test, names.env_names)
        if variable is None:
            continue  # a probe or a platform test: assumed to hold in conda-forge's build
        if names.truth(test, env) == in_body:
            continue
        constants = [str(c.value) for c in ast.walk(test) if isinstance(c, ast.Constant) and c.value is not None]
        for value in (*SWITCH_VALUES, *constants):
            if names.truth(test, {**env, variable: value}) == in_body:
                env[variable] = value
                break
        else:
            return None
    return tuple(sorted(env.items()))


def built_here(text: str) -> set[str]:
    """The `build_clib` libraries a setup.py builds from its own sources."""
    try:
        return _built_here(ast.parse(text))
    except (SyntaxError, ValueError):
        return set()


def python_library_uses(text: str, built: frozenset[str] = frozenset()) -> list[LibraryUse]:
    """The native libraries a Python build file links, each with the switches that select it
    (`built`: libraries setup.py builds itself, e.g. for a cffi build script)."""
    try:
        module = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    found: list[tuple[str, list[Gate]]] = []
    _visit(module, [], found)
    local = _built_here(module) | built
    names = _Assignments(module)
    uses: list[LibraryUse] = []
    for name, gates in found:
        if name in local or any(in_body and OTHER_OS.search(ast.unparse(t)) for t, in_body in gates):
            continue
        env = _selecting_env(gates, names)
        if env is not None and LibraryUse(name, env) not in uses:
            uses.append(LibraryUse(name, env))
    return uses
