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
- imports inside functions are lazy and not counted;
- in the entry point's own module, a `try:` whose `except ImportError` handler defines the
  entry point's function itself (httpx's `main` that only says "install httpx[cli]") is a stub:
  the script runs only with what the `try:` imports, so those are needed. So is a fallback
  that sets to None a name the entry function reads (fastapi's `cli_main = None`, which
  `main` tests before it raises "install fastapi[standard]").

The recipe then keeps only the scripts whose needed modules the standard library, the
package itself or its run requirements provide (recipe.script_tests).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable, Iterable
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


def fails_without(statements: list[ast.stmt], missing: str, package: str, own: set[str], entry: str = "") -> bool:
    """Whether running `statements` at import time raises when module `missing` is absent (or,
    with `entry`, leaves the function of that name a stub)."""
    for statement in statements:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            if missing in _import_names(statement, package, own):
                return True
        elif isinstance(statement, ast.Raise):
            return True
        elif isinstance(statement, ast.Try) or type(statement).__name__ == "TryStar":
            if _try_fails(statement, missing, package, own, entry):  # type: ignore[arg-type]
                return True
        elif isinstance(statement, ast.If):
            if fails_without(statement.body, missing, package, own, entry) and fails_without(
                statement.orelse, missing, package, own, entry
            ):
                return True
        elif isinstance(statement, ast.With) and _suppresses_import_error(statement):
            continue  # `with suppress(ImportError): import x` carries on without x (jsonschema's formats)
        elif isinstance(statement, (ast.ClassDef, ast.With)) and fails_without(statement.body, missing, package, own):
            return True
    return False


def _suppresses_import_error(statement: ast.With) -> bool:
    """Whether a `with` statement is `contextlib.suppress(...)` of an import error."""
    return any(
        isinstance(call, ast.Call)
        and ast.unparse(call.func).split(".")[-1] == "suppress"
        and any(ast.unparse(arg).split(".")[-1] in IMPORT_ERRORS for arg in call.args)
        for call in (item.context_expr for item in statement.items)
    )


def _try_fails(statement: ast.Try, missing: str, package: str, own: set[str], entry: str = "") -> bool:
    if fails_without(statement.finalbody, missing, package, own, entry):
        return True
    if not fails_without(statement.body, missing, package, own, entry):
        return fails_without(statement.orelse, missing, package, own, entry)
    handler = next((h for h in statement.handlers if _catches_import_error(h)), None)
    if handler is None or (entry and _defines(handler.body, entry)):
        return True  # no fallback, or the fallback is a stub of the entry point itself
    return fails_without(handler.body, missing, package, own, entry)


def _defines(statements: list[ast.stmt], name: str) -> bool:
    """Whether `statements` define `name` (a def, or an assignment to it) at their own level."""
    for statement in statements:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and statement.name == name:
            return True
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in statement.targets
        ):
            return True
    return False


def needed_imports(text: str, module: str, is_package: bool, own: set[str], entry: str = "") -> set[str]:
    """The modules (own ones dotted, others top-level) without which importing `module` fails
    (with `entry`: or leaves its function `entry` a stub)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return set()
    package = module if is_package else module.rpartition(".")[0]
    candidates = _imports_in(tree.body, package, own)
    needed = {name for name in candidates if fails_without(tree.body, name, package, own, entry)}
    return needed | _sentinel_imports(tree.body, entry, package, own)


def _sentinel_imports(statements: list[ast.stmt], entry: str, package: str, own: set[str]) -> set[str]:
    """Modules behind `try: from m import f / except ImportError: f = None` whose name the entry
    function reads: it is a stub without them (fastapi's `main` raises unless fastapi_cli imports)."""
    function = next(
        (s for s in statements if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == entry), None
    )
    if function is None:
        return set()
    read = {n.id for n in ast.walk(function) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    found: set[str] = set()
    for statement in statements:
        if not isinstance(statement, ast.Try):
            continue
        for handler in (h for h in statement.handlers if _catches_import_error(h)):
            nulled = {
                target.id
                for s in handler.body
                if isinstance(s, ast.Assign) and isinstance(s.value, ast.Constant) and s.value.value is None
                for target in s.targets
                if isinstance(target, ast.Name) and target.id in read
            }
            for node in statement.body:
                if isinstance(node, (ast.Import, ast.ImportFrom)) and nulled & _bound_names(node):
                    found.update(_import_names(node, package, own))
    return found


def _bound_names(node: ast.Import | ast.ImportFrom) -> set[str]:
    return {(alias.asname or alias.name).split(".")[0] for alias in node.names}


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
    import are read (at most MAX_FILES_PER_SCRIPT per script).
    """
    result: dict[str, frozenset[str] | None] = dict.fromkeys(scripts)
    if tree is None:
        return result
    reader = _ModuleReader(tree, own, roots)
    plans = {name: module_files(target.split(":")[0].strip(), reader.paths, roots) for name, target in scripts.items()}
    reader.prefetch(path for plan in plans.values() for path, _, _ in plan)
    entries = {plan[-1][0]: _attribute(scripts[name]) for name, plan in plans.items() if plan}
    for _ in range(3):  # the own modules those need, a level at a time: one pass over the sdist each
        wanted = {path for path in reader.own_imports(entries) if path not in reader.texts}
        if not wanted:
            break
        reader.prefetch(wanted)
    for name, target in scripts.items():
        attribute = _attribute(target)
        plan = plans[name]
        if not plan or not all(reader.needs(path, dotted, is_package) is not None for path, dotted, is_package in plan):
            continue  # the module is not in the sources we have (generated, or a stripped listing)
        entry_path, entry_module, entry_is_package = plan[-1]
        entry_needs = reader.needs(entry_path, entry_module, entry_is_package, attribute)
        result[name] = frozenset(_external_needs(reader, plan, entry_path, entry_needs or set()))
    return result


def _attribute(target: str) -> str:
    """The function an entry point `module:attr.sub` calls first (`attr`)."""
    return target.partition(":")[2].strip().split(".")[0]


def _external_needs(
    reader: _ModuleReader, plan: list[tuple[str, str, bool]], entry_path: str, entry_needs: set[str]
) -> set[str]:
    """The external modules the plan's files need, following the package's own modules."""
    needed: set[str] = set()
    seen: set[str] = set()
    queue = [(path, dotted, is_package) for path, dotted, is_package in plan]
    while queue and len(seen) < MAX_FILES_PER_SCRIPT:
        path, dotted, is_package = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        modules = entry_needs if path == entry_path else reader.needs(path, dotted, is_package)
        for module in sorted(modules or ()):  # sorted: which files fit under the cap must not vary by run
            if module.split(".")[0] in reader.own:
                queue += module_files(module, reader.paths, reader.roots)
            else:
                needed.add(module)
    return needed


class _ModuleReader:
    """The sdist's Python files read on demand, each parsed once (per entry-point name)."""

    def __init__(self, tree: SourceTree, own: set[str], roots: list[str]) -> None:
        self.tree, self.own, self.roots = tree, own, roots
        self.paths = set(tree.paths)
        self.texts: dict[str, str | None] = {}
        self.parsed: dict[tuple[str, str], set[str]] = {}

    def prefetch(self, paths: Iterable[str]) -> None:
        wanted = [p for p in paths if p not in self.texts]
        found = self.tree.read(wanted)
        self.texts.update({p: found.get(p) for p in wanted})

    def own_imports(self, entries: dict[str, str]) -> set[str]:
        """Files of the package's own modules that the files read so far need."""
        found: set[str] = set()
        for path in [p for p, text in self.texts.items() if text is not None]:
            dotted, is_package = self.module_of(path)
            for entry in {"", entries.get(path, "")}:
                for module in self.needs(path, dotted, is_package, entry) or ():
                    if module.split(".")[0] in self.own:
                        found |= {p for p, _, _ in module_files(module, self.paths, self.roots)}
        return found

    def module_of(self, path: str) -> tuple[str, bool]:
        """(dotted module, is_package) of a file under one of the roots."""
        root = next((r for r in self.roots if path.startswith(r)), "")
        stem = path[len(root) :].removesuffix(".py")
        is_package = stem.endswith("/__init__")
        return stem.removesuffix("/__init__").replace("/", "."), is_package

    def needs(self, path: str, dotted: str, is_package: bool, entry: str = "") -> set[str] | None:
        if path not in self.texts:
            self.texts[path] = self.tree.read([path]).get(path)
        text = self.texts[path]
        if text is None:
            return None
        key = (path, entry)
        if key not in self.parsed:
            self.parsed[key] = needed_imports(text, dotted, is_package, self.own, entry)
        return self.parsed[key]


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


def base_requirement_names(requires_dist: Iterable[str]) -> list[str]:
    """The PEP 503 names of the requirements that hold without any extra."""
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name

    names: list[str] = []
    for text in requires_dist:
        try:
            requirement = Requirement(text)
        except InvalidRequirement:
            continue
        if requirement.marker is None or "extra" not in str(requirement.marker):
            names.append(canonicalize_name(requirement.name))
    return list(dict.fromkeys(names))


def indirect_providers(
    missing: Iterable[str], run_names: list[str], requirements_of: Callable[[str], list[str]]
) -> dict[str, str]:
    """Module → the run requirement whose own requirements install it, for modules the run
    requirements bring one level down (nbconvert's scripts import jupyter_client, which its
    requirement nbclient requires). `requirements_of(name)` gives a distribution's
    Requires-Dist (empty when it cannot be known); each is asked at most once."""
    found: dict[str, str] = {}
    known: dict[str, list[str]] = {}
    for module in sorted(set(missing)):
        for name in run_names:
            if name not in known:
                known[name] = base_requirement_names(requirements_of(name))
            if provided_by(module, known[name]):
                found[module] = name
                break
    return found
