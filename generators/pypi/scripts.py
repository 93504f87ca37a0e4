"""Which modules a console script needs at import time, read from the sources (never run).

A script test (`foo --help`) runs in an environment with only the package and its run
requirements. An entry point whose module imports a package upstream does not declare
(jupyterlab's `jupyter-labhub` needs jupyterhub) fails there. This module reads the entry
point's module (and its package's `__init__.py` files, and the package's own modules those
import) with `ast` and works out the top-level modules whose absence makes the import fail:

- an import at module level (or in a class body) is needed;
- an import in a `try:` whose `except ImportError` handler carries on without it is optional;
  one whose handler re-raises (or imports it again unguarded) is needed;
- an import under `if` is needed only when both branches need it (`if sys.platform == ...`,
  `if TYPE_CHECKING:` are not);
- imports inside functions are lazy and not counted.

The recipe then keeps only the scripts whose needed modules the standard library, the
package itself or its run requirements provide (recipe.script_tests).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable
from functools import lru_cache

from recipegen.generators.pypi.sources import SourceTree

IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}
MAX_FILES_PER_SCRIPT = 40


def stdlib_modules() -> frozenset[str]:
    names: frozenset[str] = getattr(sys, "stdlib_module_names", frozenset())
    return names | {"__future__"}


def _import_names(node: ast.stmt, package: str, own: set[str]) -> list[str]:
    """The modules an import statement loads: own modules dotted, others by their top level."""
    found: list[str] = []
    if isinstance(node, ast.Import):
        for alias in node.names:
            found.append(_classify(alias.name, own))
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            parts = package.split(".") if package else []
            keep = len(parts) - (node.level - 1)
            if keep < 0:
                return []
            base = ".".join([*parts[:keep], *([base] if base else [])])
        if not base:
            return []
        found.append(_classify(base, own))
        if base.split(".")[0] in own:  # `from pkg import sub`: sub may be a module of its own
            found += [f"{base}.{alias.name}" for alias in node.names if alias.name != "*"]
    return found


def _classify(dotted: str, own: set[str]) -> str:
    top = dotted.split(".")[0]
    return dotted if top in own else top


def _imports_in(statements: Iterable[ast.stmt], package: str, own: set[str]) -> set[str]:
    names: set[str] = set()
    for statement in statements:
        for node in ast.walk(statement):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names.update(_import_names(node, package, own))
    return names


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(
        isinstance(k, (ast.Name, ast.Attribute)) and ast.unparse(k).split(".")[-1] in IMPORT_ERRORS for k in kinds
    )


def fails_without(statements: list[ast.stmt], missing: str, package: str, own: set[str]) -> bool:
    """Whether running `statements` at import time raises when module `missing` is absent."""
    for statement in statements:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            if missing in _import_names(statement, package, own):
                return True
        elif isinstance(statement, ast.Raise):
            return True
        elif isinstance(statement, ast.Try) or type(statement).__name__ == "TryStar":
            if _try_fails(statement, missing, package, own):  # type: ignore[arg-type]
                return True
        elif isinstance(statement, ast.If):
            if fails_without(statement.body, missing, package, own) and fails_without(
                statement.orelse, missing, package, own
            ):
                return True
        elif isinstance(statement, (ast.ClassDef, ast.With)) and fails_without(statement.body, missing, package, own):
            return True
    return False


def _try_fails(statement: ast.Try, missing: str, package: str, own: set[str]) -> bool:
    if fails_without(statement.finalbody, missing, package, own):
        return True
    if not fails_without(statement.body, missing, package, own):
        return fails_without(statement.orelse, missing, package, own)
    handler = next((h for h in statement.handlers if _catches_import_error(h)), None)
    return handler is None or fails_without(handler.body, missing, package, own)


def needed_imports(text: str, module: str, is_package: bool, own: set[str]) -> set[str]:
    """The modules (own ones dotted, others top-level) without which importing `module` fails."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return set()
    package = module if is_package else module.rpartition(".")[0]
    candidates = _imports_in(tree.body, package, own)
    return {name for name in candidates if fails_without(tree.body, name, package, own)}


def module_files(module: str, paths: set[str], roots: list[str]) -> list[tuple[str, str, bool]]:
    """(path, dotted module, is_package) for `module` and its parent packages' __init__.py."""
    parts = module.split(".")
    for root in roots:
        found = []
        for depth in range(1, len(parts) + 1):
            dotted = ".".join(parts[:depth])
            stem = root + "/".join(parts[:depth])
            if f"{stem}/__init__.py" in paths:
                found.append((f"{stem}/__init__.py", dotted, True))
            elif depth == len(parts) and f"{stem}.py" in paths:
                found.append((f"{stem}.py", dotted, False))
        if found and found[-1][1] == module:
            return found
    return []


def script_imports(
    tree: SourceTree | None, scripts: dict[str, str], own: set[str], roots: list[str]
) -> dict[str, frozenset[str] | None]:
    """Per console script, the external top-level modules its import needs (None: not known).

    The entry point's module, its packages' `__init__.py` and the package's own modules those
    import (one level further) are read; each round is one pass over the sdist.
    """
    result: dict[str, frozenset[str] | None] = dict.fromkeys(scripts)
    if tree is None:
        return result
    paths = set(tree.paths)
    plans = {name: module_files(target.split(":")[0].strip(), paths, roots) for name, target in scripts.items()}
    parsed: dict[str, set[str]] = {}
    frontier = {entry for plan in plans.values() for entry in plan}
    for _ in range(2):  # the entry modules, then the own modules they import
        texts = tree.read(path for path, _, _ in frontier)
        for path, dotted, is_package in frontier:
            if path in texts and path not in parsed:
                parsed[path] = needed_imports(texts[path], dotted, is_package, own)
        frontier = {
            entry
            for path in list(parsed)
            for name in parsed[path]
            if name.split(".")[0] in own
            for entry in module_files(name, paths, roots)
            if entry[0] not in parsed
        }
    for name, plan in plans.items():
        if not plan or not all(path in parsed for path, _, _ in plan):
            continue  # the module is not in the sources we have (generated, or a stripped listing)
        needed: set[str] = set()
        seen: set[str] = set()
        queue = [path for path, _, _ in plan]
        while queue and len(seen) < MAX_FILES_PER_SCRIPT:
            path = queue.pop(0)
            if path in seen or path not in parsed:
                continue
            seen.add(path)
            for module in parsed[path]:
                if module.split(".")[0] in own:
                    queue += [p for p, _, _ in module_files(module, paths, roots)]
                else:
                    needed.add(module)
        result[name] = frozenset(needed)
    return result


# What the run requirements provide ------------------------------------------------------------
NAMESPACES = {
    "google",
    "azure",
    "jaraco",
    "zope",
    "sphinxcontrib",
    "backports",
    "ruamel",
    "mpl_toolkits",
    "opentelemetry",
}


def _key(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


@lru_cache(maxsize=1)
def _module_providers() -> dict[str, str]:
    """Top-level module → PyPI distribution, for modules not named like their distribution."""
    import json
    from importlib import resources

    text = resources.files("recipegen.generators.pypi").joinpath("data/module-providers.json").read_text()
    providers = {k: v for k, v in json.loads(text).items() if not k.startswith("//")}
    names = resources.files("recipegen.generators.pypi").joinpath("data/import-names.json").read_text()
    for distribution, module in json.loads(names).items():
        if not distribution.startswith("//"):
            providers.setdefault(module, distribution)
    return providers


def provided_by(module: str, distributions: Iterable[str]) -> bool:
    """Whether one of `distributions` (PEP 503 names) installs top-level `module`."""
    names = set(distributions)
    if _module_providers().get(module) in names:
        return True
    key = _key(module)
    for name in names:
        candidate = _key(name)
        trimmed = {
            candidate,
            candidate.removeprefix("python"),
            candidate.removeprefix("py"),
            candidate.removesuffix("python"),
        }
        if key in trimmed or (len(key) >= 4 and (candidate.startswith(key) or candidate.endswith(key))):
            return True
        if module in NAMESPACES and candidate.startswith(key):
            return True
    return False


def missing_modules(needed: Iterable[str], own: set[str], distributions: Iterable[str]) -> list[str]:
    """The needed modules that neither the standard library, the package itself nor
    `distributions` (its run requirements) provide."""
    stdlib = stdlib_modules()
    names = list(distributions)
    return sorted(m for m in needed if m not in stdlib and m not in own and not provided_by(m, names))
