"""Helpers shared by the rule modules of licensing, placement, identity, source and static rules.

They read a view's data the same way for both formats: v1 (raw YAML with `${{ ... }}` and
`if/then/else` items) and v0 (rendered per platform with conda-smithy's stub strings such as
`c_compiler_stub` or `subpackage_pin x`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from recipegen.linters import walk
from recipegen.linters.model import Finding, RecipeDocument, RecipeView

from recipegen.problems import Severity
from recipegen.yamlio import PathKey

Path_ = tuple[PathKey, ...]

COMPILER_LANGS = ("c", "cxx", "fortran", "rust", "go-cgo")
# v0 stub: `c_compiler_stub`, `m2w64_cxx_compiler_stub`, `go-cgo_compiler_stub`
_V0_COMPILER = re.compile(r"^(m2w64_)?(c|cxx|fortran|rust|go-cgo)_compiler_stub")
_V0_ANY_COMPILER = re.compile(r"^\S+_compiler_stub\b")
_V0_STDLIB = re.compile(r"^(m2w64_)?c_stdlib_stub$")
_V1_COMPILER_PREFIXES = tuple(
    f"${{{{ compiler({quote}{m2w64}{lang}"
    for quote in ("'", '"')
    for m2w64 in ("", "m2w64_")
    for lang in COMPILER_LANGS
)
_V1_ANY_COMPILER = re.compile(r"\$\{\{\s*compiler\(\s*['\"]([\w-]+)['\"]")
_V1_STDLIB = re.compile(r"\$\{\{\s*stdlib\(\s*['\"](m2w64_)?c['\"]")
_V1_ANY_STDLIB = re.compile(r"\$\{\{\s*stdlib\(")


_MEMO: dict[tuple, tuple[Any, Any]] = {}
_MEMO_LIMIT = 4096


def _memo(data: Any, key: tuple, compute: Any) -> Any:
    """Cache a pure function of a view's data (rules never mutate it) for the rules that follow."""
    full = (id(data), *key)
    hit = _MEMO.get(full)
    if hit is not None and hit[0] is data:
        return hit[1]
    if len(_MEMO) >= _MEMO_LIMIT:
        _MEMO.clear()
    value = compute()
    _MEMO[full] = (data, value)
    return value


def first_token(spec: str) -> str:
    stripped = spec.strip()
    return stripped.split()[0] if stripped else ""


def compiler_language(spec: str, fmt: str) -> str | None:
    """The language of a compiler requirement (`c`, `cxx`, `cuda`...), None for other specs."""
    if fmt == "v1":
        found = _V1_ANY_COMPILER.search(spec)
        return found.group(1).removeprefix("m2w64_") if found else None
    found = _V0_ANY_COMPILER.match(spec.strip())
    if not found:
        return None
    return found.group(0)[: -len("_compiler_stub")].removeprefix("m2w64_")


def needs_stdlib_compiler(spec: str, fmt: str) -> bool:
    """conda-smithy's R-033 compiler test (v1: prefix match, v0: the stub at the start)."""
    if fmt == "v1":
        return spec.strip().startswith(_V1_COMPILER_PREFIXES)
    return bool(_V0_COMPILER.match(spec.strip()))


def is_stdlib(spec: str, fmt: str) -> bool:
    if fmt == "v1":
        return bool(_V1_STDLIB.search(spec))
    return bool(_V0_STDLIB.match(spec.strip()))


def is_any_stdlib(spec: str, fmt: str) -> bool:
    if fmt == "v1":
        return bool(_V1_ANY_STDLIB.search(spec))
    return spec.strip().endswith("_stdlib_stub")


def get(data: Any, *path: PathKey, default: Any = None) -> Any:
    return walk.get(data, tuple(path), default)


def has_key(data: Any, *path: PathKey) -> bool:
    node = data
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
    return True


def truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("", "false", "no", "0", "none")
    return bool(value)


def strings(data: Any, path: Path_) -> Iterator[tuple[str, Path_]]:
    """String items of the list (or single scalar) at `path`, every if/then/else branch visited."""
    for item, item_path in walk.iter_items(data, path):
        if isinstance(item, str):
            yield item, item_path


def values_at(doc: RecipeDocument, *path: PathKey) -> Iterator[tuple[RecipeView, Any]]:
    """(view, value at `path`) for every view of the document (None where it is absent)."""
    for view in doc.views:
        yield view, get(view.data, *path)


# -- recipe identity -------------------------------------------------------------------------


def name_path(data: Any, fmt: str) -> Path_:
    if fmt == "v1" and not has_key(data, "package", "name") and has_key(data, "recipe", "name"):
        return ("recipe", "name")
    return ("package", "name")


def version_path(data: Any, fmt: str) -> Path_:
    if fmt == "v1" and not has_key(data, "package", "version") and has_key(data, "recipe", "version"):
        return ("recipe", "version")
    return ("package", "version")


def render_simple(value: Any, data: Any, fmt: str, depth: int = 0) -> str:
    """A v1 string with its `${{ ... }}` expressions over `context` values evaluated
    (`${{ name|lower }}` -> `zeromq`); other Jinja (`compiler(...)`, unknown names) kept."""
    text = "" if value is None else str(value)
    if fmt != "v1" or "${{" not in text:
        return text
    from recipegen.linters.rules._context import context_values, render

    values = _memo(data, ("context-values",), lambda: context_values(get(data, "context", default={})))
    return render(text, values)


def recipe_name(data: Any, fmt: str) -> str:
    return render_simple(get(data, *name_path(data, fmt), default=""), data, fmt).strip()


@dataclass
class Output:
    """One package a recipe produces: the recipe itself (single output) or an `outputs` item."""

    data: Any
    path: Path_  # () for the recipe itself
    name: str
    name_path: Path_
    top_level: bool
    staging: bool = False


def outputs(data: Any, fmt: str) -> list[Output]:
    """Every output with its rendered name (the recipe itself when there is no `outputs`)."""
    return _memo(data, ("outputs", fmt), lambda: _outputs(data, fmt))


def _outputs(data: Any, fmt: str) -> list[Output]:
    if not get(data, "outputs"):
        return [Output(data, (), recipe_name(data, fmt), name_path(data, fmt), True)]
    found = []
    for item, path in walk.iter_items(data, ("outputs",)):
        if not isinstance(item, dict):
            continue
        if fmt == "v1":
            staging = walk.is_staging(item)
            key = ("staging", "name") if staging else ("package", "name")
            name = render_simple(get(item, *key, default=""), data, fmt).strip()
            found.append(Output(item, path, name, (*path, *key), False, staging))
        else:
            found.append(Output(item, path, str(get(item, "name", default="")).strip(), (*path, "name"), False))
    return found


def noarch(data: Any) -> str:
    value = get(data, "build", "noarch")
    return str(value).strip() if value not in (None, False) else ""


def requirements_of(data: Any, base: Path_, section: str, fmt: str) -> list[tuple[str, Path_]]:
    """String entries of `requirements.<section>` of the output at `base` (v0/v1 names mapped)."""
    return _memo(data, ("requirements", base, section, fmt), lambda: _requirements_of(data, base, section, fmt))


def _requirements_of(data: Any, base: Path_, section: str, fmt: str) -> list[tuple[str, Path_]]:
    if fmt == "v1" and section == "run_constrained":
        section = "run_constraints"
    node = get(data, *base, "requirements")
    if fmt == "v0" and isinstance(node, list) and base and section == "run":
        return list(strings(data, (*base, "requirements")))  # v0 output shorthand: run list
    return list(strings(data, (*base, "requirements", section)))


def requirement_scopes(data: Any, fmt: str) -> Iterator[Path_]:
    """Bases whose `requirements` are checked separately: the top level, then every output."""
    yield ()
    for out in outputs(data, fmt):
        if not out.top_level:
            yield out.path


def requirement_entries(
    doc: RecipeDocument, *sections: str, top_level_only: bool = False
) -> Iterator[tuple[RecipeView, Path_, str, str, Path_]]:
    """(view, scope base, section, spec, path) of every string requirement in `sections`: every
    view, every scope (the top level, then each output; only the top level with `top_level_only`)."""
    for view, base, section, entries in requirement_lists(doc, *sections, top_level_only=top_level_only):
        for spec, path in entries:
            yield view, base, section, spec, path


def requirement_lists(
    doc: RecipeDocument, *sections: str, top_level_only: bool = False
) -> Iterator[tuple[RecipeView, Path_, str, list[tuple[str, Path_]]]]:
    """(view, scope base, section, its (spec, path) entries), for rules that judge a whole list."""
    fmt = doc.format
    for view in doc.views:
        for base in ((),) if top_level_only else requirement_scopes(view.data, fmt):
            for section in sections:
                yield view, base, section, requirements_of(view.data, base, section, fmt)


LANGUAGES = ("python", "r-base")  # conda-smithy's languages


def plain_single_output_views(doc: RecipeDocument) -> Iterator[RecipeView]:
    """Views of a recipe that is neither noarch nor multi-output (conda-smithy R-023/R-024's scope)."""
    for view in doc.views:
        if not noarch(view.data) and not get(view.data, "outputs"):
            yield view


def language_entries(entries: list[tuple[str, Path_]], language: str) -> list[tuple[str, Path_]]:
    """The entries whose first word is exactly `language` (`python`, `python >=3.10`)."""
    return [(spec, path) for spec, path in entries if spec.partition(" ")[0] == language]


# -- raw text helpers ------------------------------------------------------------------------


def source_line(doc: RecipeDocument, view: RecipeView, path: Path_) -> str:
    """The original text of the line holding the node at `path` (v0 stubs lose arguments)."""
    span = view.locate(path)
    lines = doc.lines
    if 1 <= span.line <= len(lines):
        return lines[span.line - 1]
    return ""


# -- static libraries ----------------------------------------------------------------------

_CONTEXT_REF = re.compile(r"\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_STATIC_GLOB = re.compile(r"(?<!\.dll)\.a\*?$|[_-]static\.lib\*?$|_a\.lib$", re.IGNORECASE)


def ships_static_archive(pattern: str) -> bool:
    """A `files`/`package_contents` entry that names a static archive (`.a`, `*_static.lib`)."""
    text = pattern.strip().rstrip("/")
    if "{{" in text:
        text = _CONTEXT_REF.sub("x", text)
    return bool(_STATIC_GLOB.search(text))


def is_static_output_name(name: str) -> bool:
    return name.endswith("-static") or name.endswith("_static")


@cache
def data_lines(name: str) -> frozenset[str]:
    """Non-comment lines of a data file in linters/data/."""
    text = resources.files("recipegen.linters.data").joinpath(name).read_text("utf-8")
    return frozenset(line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip())


@cache
def data_toml(name: str) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib.loads(resources.files("recipegen.linters.data").joinpath(name).read_text("utf-8"))


# -- v1 conditions -----------------------------------------------------------------------------


def conditions(data: Any, path: Path_) -> list[str]:
    """The `if:` expressions leading to the item at `path` (`not (...)` for else branches)."""
    found = []
    node = data
    for key in path:
        if walk.is_conditional(node) and key in ("then", "else"):
            expr = str(node.get("if", ""))
            found.append(expr if key == "then" else f"not ({expr})")
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    return found


_CROSS = re.compile(r"build_platform\s*!=\s*(host|target)_platform|(host|target)_platform\s*!=\s*build_platform")


def is_cross_only(data: Any, path: Path_) -> bool:
    """True when the v1 item at `path` sits under `if: build_platform != host_platform`."""
    return any(_CROSS.search(expr) and not expr.startswith("not (") for expr in conditions(data, path))


# -- SPDX (recipegen.licenses; conda-smithy's conditions on top) ---------------------

# conda-smithy leaves `LicenseRef...` symbols alone, with this exact, case-sensitive pattern
_SMITHY_LICENSE_REF = re.compile(r"^LicenseRef[a-zA-Z0-9\-.]*$")


def license_check(expression: str) -> Any:
    """`recipegen.licenses.check_expression` of a license value (cached: several rules ask)."""
    return _license_check(expression.strip())


@lru_cache(maxsize=1024)
def _license_check(expression: str) -> Any:
    from recipegen.licenses import check_expression

    return check_expression(expression)


def not_current_spdx(symbols: list[str], check: Any) -> list[str]:
    """The symbols (as written) that are not current SPDX ids in exact case, as conda-smithy
    requires: unknown, deprecated or miscased ids and exceptions; `LicenseRef...` is fine."""
    bad = []
    for symbol in symbols:
        if _SMITHY_LICENSE_REF.match(symbol):
            continue
        if (
            symbol in check.unknown
            or symbol in check.unknown_exceptions
            or symbol in check.miscased
            or symbol in check.deprecated
            or symbol.lower().startswith("documentref-")
        ):
            bad.append(symbol)
    return bad


def bundled_licenses_findings(
    doc: RecipeDocument, language: str, tool: str
) -> Iterator[tuple[RecipeView, Path_, Severity | None]]:
    """(view, compiler entry, severity) where a `language` compiler is used and `tool` is not in build.

    conda-smithy's own condition (R-031/R-032: a v1 top-level build list holding exactly
    `${{ compiler('<language>') }}` and not `tool`) keeps the rule's severity. Beyond it (outputs,
    double quotes, meta.yaml) the finding is a warning, and none at all when `license_file`
    already ships the dependencies' licenses (a folder of license files, a third-party file)."""
    for view in doc.views:
        data, fmt = view.data, doc.format
        if recipe_name(data, fmt) == tool:
            continue
        if fmt == "v1" and _smithy_condition(get(data, "requirements", "build"), language, tool):
            yield view, ("requirements", "build", get(data, "requirements", "build").index(_exact(language))), None
            continue
        compiler_at: Path_ | None = None
        has_tool = False
        for base in requirement_scopes(data, fmt):
            for spec, path in requirements_of(data, base, "build", fmt):
                if compiler_language(spec, fmt) == language and compiler_at is None:
                    compiler_at = path
                if first_token(spec) == tool:
                    has_tool = True
        if compiler_at is not None and not has_tool and not ships_dependency_licenses(view, fmt):
            yield view, compiler_at, Severity.WARNING


def _exact(language: str) -> str:
    return f"${{{{ compiler('{language}') }}}}"


def _smithy_condition(build: Any, language: str, tool: str) -> bool:
    return isinstance(build, list) and _exact(language) in build and tool not in build


DEPENDENCY_LICENSE_WORDS = ("third", "vendor", "node_modules", "library_licenses", "licenses", "dependencies", "crates")


def ships_dependency_licenses(view: RecipeView, fmt: str) -> bool:
    """Some `license_file` entry is a folder or a third-party license file (e.g. `license-files/`,
    `THIRDPARTY.yml`, `library_licenses/`)."""
    from recipegen.linters.rules._sources import license_file_entries

    for entry, _, _ in license_file_entries(view, fmt):
        lowered = entry.lower().rstrip("/")
        if entry.endswith("/") or any(word in lowered for word in DEPENDENCY_LICENSE_WORDS):
            return True
    return False


# -- configuration files next to the recipe ------------------------------------------------------


def find_near(doc: RecipeDocument, name: str) -> Any:
    """The first `name` in the recipe dir, the feedstock dir, `..` or `../..` (or None)."""
    from pathlib import Path

    candidates = [doc.recipe_dir / name]
    if doc.feedstock_dir is not None:
        candidates.append(Path(doc.feedstock_dir) / name)
    candidates += [doc.recipe_dir.parent / name, doc.recipe_dir.parent.parent / name]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return None


def load_near(doc: RecipeDocument, name: str) -> Any:
    """Parsed YAML of `find_near(doc, name)` as plain data; {} when absent or unreadable."""
    from recipegen.yamlio import load_yaml, to_plain

    path = find_near(doc, name)
    if path is None:
        return {}
    try:
        data = to_plain(load_yaml(path, keep_comments=False))
    except Exception:
        return {}
    return data if isinstance(data, dict) else {}


def noarch_platforms(doc: RecipeDocument) -> bool:
    """conda-forge.yml lists more than one `noarch_platforms` entry."""
    value = load_near(doc, "conda-forge.yml").get("noarch_platforms")
    return isinstance(value, list) and len(value) > 1


# -- python scopes and tests -----------------------------------------------------------------------


def python_scopes(data: Any, fmt: str) -> list[Output]:
    """conda-smithy's scopes for python hints: each output if there are outputs, else the recipe."""
    return [o for o in outputs(data, fmt) if not o.staging]


def test_items(data: Any, base: Path_, fmt: str) -> list[tuple[Any, Path_]]:
    """v1 `tests` items of the output at `base` (conditional items flattened)."""
    if fmt != "v1":
        return []
    return [(item, path) for item, path in walk.iter_items(data, (*base, "tests")) if isinstance(item, dict)]


def test_requirements(data: Any, base: Path_, fmt: str) -> list[tuple[str, Path_]]:
    """Requirements of the tests of the output at `base` (v0 `test.requires`, v1 tests' run reqs)."""
    if fmt == "v0":
        return list(strings(data, (*base, "test", "requires")))
    found = []
    for _, path in test_items(data, base, fmt):
        found += strings(data, (*path, "requirements", "run"))
    return found


def python_scope_kinds(doc: RecipeDocument) -> Iterator[tuple[RecipeView, Output, str]]:
    """(view, python scope, kind) for conda-smithy's python hints: kind is "noarch" for
    `noarch: python`, "abi3" for a Python version-independent scope that is not noarch, else ""."""
    fmt = doc.format
    for view in doc.views:
        for out in python_scopes(view.data, fmt):
            scope = view.data if out.top_level else out.data
            if noarch(scope) == "python":
                yield view, out, "noarch"
            else:
                yield view, out, "abi3" if python_version_independent(scope, (), fmt) else ""


def untested_latest_findings(doc: RecipeDocument, kind: str, message: str) -> Iterator[Finding]:
    """`message` at the first `python` test not testing the latest Python, in each python scope of
    `kind` (see python_scope_kinds)."""
    for view, out, scope_kind in python_scope_kinds(doc):
        path = untested_latest_python(view.data, out, doc.format) if scope_kind == kind else None
        if path is not None:
            yield Finding(message, path=path, view=view, key=True)


def untested_latest_python(data: Any, out: Output, fmt: str) -> Path_ | None:
    """Path of the first `python` test of `out` that does not test the latest Python (no `"*"` in
    `python_version`), or None; outputs that cap python in run (`python <3.14`) are exempt."""
    if any(s.split()[0] == "python" and "<" in s for s, _ in requirements_of(data, out.path, "run", fmt) if s.split()):
        return None
    for item, path in test_items(data, out.path, fmt):
        if "python" not in item:
            continue
        versions = [v.strip() for v, _ in strings(data, (*path, "python", "python_version"))]
        if "*" not in versions:
            return (*path, "python")
    return None


def python_version_independent(data: Any, base: Path_, fmt: str) -> bool:
    if fmt == "v1":
        return truthy(get(data, *base, "build", "python", "version_independent"))
    return truthy(get(data, *base, "build", "python_version_independent"))


def script_lines(value: Any) -> list[str]:
    """Lines of a `script` value: a string, a list of strings/conditionals, or a v1 mapping."""
    found: list[str] = []
    if isinstance(value, str):
        found += value.splitlines() or [value]
    elif isinstance(value, list):
        for item in value:
            found += script_lines(item)
    elif isinstance(value, dict):
        if walk.is_conditional(value):
            found += script_lines(value.get("then")) + script_lines(value.get("else"))
        else:
            found += script_lines(value.get("content"))
    return found


def test_script_lines(data: Any, base: Path_, fmt: str) -> list[str]:
    if fmt == "v0":
        return script_lines(get(data, *base, "test", "commands"))
    lines: list[str] = []
    for item, _ in test_items(data, base, fmt):
        lines += script_lines(item.get("script"))
    return lines


def span_at(doc: RecipeDocument, offset: int, length: int = 1) -> Any:
    """A Span for a character range of the document text (1-based line and column)."""
    from recipegen.yamlio import Span

    line = doc.text.count("\n", 0, offset) + 1
    column = offset - (doc.text.rfind("\n", 0, offset) + 1) + 1
    return Span(line, column, line, column + max(length, 1))


# -- v0 selector lines (conda-build's selector pattern, as conda-smithy uses it) -------------------

_SELECTOR_LINE = re.compile(r"(.+?)\s*(#.*)?\[([^\[\]]+)\](?(2)[^\(\)]*)$")
_SQUARE = re.compile(r"[\[\]]")


class SelectorLine:
    """What `_SELECTOR_LINE.match(line)` gives (`group(1)` body, `group(2)` comment, `group(3)`
    expression), found in linear time: the regex backtracks cubically on long hostile lines."""

    def __init__(self, line: str, body: str, comment: str | None, expr_start: int, expr_end: int) -> None:
        self._groups = (line, body, comment, line[expr_start:expr_end])  # the pattern matches the whole line
        comment_start = len(body) + line[len(body) :].find("#") if comment is not None else -1
        self._starts = (0, 0, comment_start, expr_start)

    def group(self, index: int = 0) -> str | None:
        return self._groups[index]

    def start(self, index: int = 0) -> int:
        return self._starts[index]


def match_selector_line(line: str) -> SelectorLine | None:
    """`_SELECTOR_LINE.match(line)` for a line without a newline, in linear time."""
    pairs = []  # (`[` index, `]` index) of every `[expr]` with no bracket inside
    previous = None
    for bracket in _SQUARE.finditer(line):
        index = bracket.start()
        if previous is not None and line[index] == "]" and line[previous] == "[" and index > previous + 1:
            pairs.append((previous, index))
        previous = index
    if not pairs:
        return None
    last_paren = max(line.rfind("("), line.rfind(")"))
    commented = [pair for pair in pairs if pair[1] > last_paren]  # `# ... [expr]` then no parenthesis
    best = None
    if commented:
        start, end = commented[-1]  # `.*` is greedy: the last such pair
        sharp = line.find("#", 1, start)
        if sharp >= 1:
            best = (max(1, len(line[:sharp].rstrip())), line[sharp:start], start + 1, end)
    start, end = pairs[-1]
    if end == len(line) - 1 and start >= 1:  # `[expr]` ends the line
        body_end = max(1, len(line[:start].rstrip()))
        if best is None or body_end < best[0]:
            best = (body_end, None, start + 1, end)
    if best is None:
        return None
    body_end, comment, expr_start, expr_end = best
    return SelectorLine(line, line[:body_end], comment, expr_start, expr_end)


def is_selector_line(line: str, allow_platforms: bool = False, allow_keys: frozenset[str] = frozenset()) -> bool:
    line = line.rstrip()
    if line.lstrip().startswith("#"):
        return False
    match = match_selector_line(line)
    if not match:
        return False
    nouns = {w for w in (match.group(3) or "").split() if w not in ("not", "and", "or")}
    allowed = ({"win", "linux", "osx", "unix"} if allow_platforms else set()) | set(allow_keys)
    return not nouns <= allowed


def requirement_block_selectors(
    doc: RecipeDocument, allow_platforms: bool = False, allow_keys: frozenset[str] = frozenset()
) -> Iterator[tuple[int, str, str]]:
    """(1-based line, kind, text) of v0 `skip:` lines with a selector ("skip") and selector lines
    inside `host:`/`run:` blocks ("requirement"), the way conda-smithy scans meta.yaml."""
    in_block = False
    spacing = ""
    for number, line in enumerate(doc.text.splitlines(), start=1):
        stripped = line.strip()
        if stripped in ("host:", "run:"):
            in_block = True
            spacing = line[: len(line) - len(line.lstrip())]
            continue
        if stripped.startswith("skip:") and is_selector_line(line):
            yield number, "skip", line
            continue
        if in_block:
            if spacing == line[: len(line) - len(line.lstrip())]:
                in_block = False
                continue
            if is_selector_line(line, allow_platforms, allow_keys):
                yield number, "requirement", line


def missing_path(data: Any, *path: PathKey) -> tuple[Path_, bool]:
    """Where to report a missing key: the key itself if present (empty), else its deepest parent."""
    node = data
    found: list[PathKey] = []
    for key in path:
        if isinstance(node, dict) and key in node:
            found.append(key)
            node = node[key]
        else:
            break
    return tuple(found), bool(found)


def sources(data: Any, fmt: str) -> Iterator[tuple[Any, Path_]]:
    """Every source entry (top level; v1 also outputs' sources), conditional branches visited."""
    bases: list[Path_] = [()]
    if fmt == "v1":
        bases += [o.path for o in outputs(data, fmt) if not o.top_level]
    for base in bases:
        node = get(data, *base, "source")
        if isinstance(node, dict) and not walk.is_conditional(node):
            yield node, (*base, "source")
        elif node is not None:
            for item, path in walk.iter_items(data, (*base, "source")):
                if isinstance(item, dict):
                    yield item, path


def is_noarch_python(doc: RecipeDocument) -> bool:
    """Some view of the recipe has top-level `build.noarch: python`."""
    return any(noarch(view.data) == "python" for view in doc.views)


_PURE_WHEEL_SUFFIX = "-none-any.whl"


def wheel_findings(doc: RecipeDocument, pure: bool, message: str) -> Iterator[Finding]:
    """A finding at each pure (`-none-any`) or each compiled wheel URL of the raw text;
    `message` is formatted with `url`."""
    for url, offset in wheel_urls(doc):
        if url.endswith(_PURE_WHEEL_SUFFIX) == pure:
            yield Finding(message.format(url=url), span=span_at(doc, offset, len(url)))


# conda-smithy's patterns (R-028..R-030), line by line: `.*[:-]\s+(http.*-none-any\.whl)\s+.*`
# for pure wheels, `.*[:-]\s+(http.*\.whl)\s+.*` for any; `.*` lets a URL hold Jinja with spaces
# (`cp{{ CONDA_PY }}`), and every line counts whatever its selector (a wheel for Windows only).
# Matched in linear time: the regexes backtrack polynomially on long hostile lines.
_URL_START = re.compile(r"[:-]\s+http")


def _wheel_match(line: str, suffix: str) -> tuple[int, int] | None:
    """(start, end) of the group conda-smithy's pattern for `suffix` captures, or None."""
    if suffix not in line:
        return None
    ends = [m.end() for m in re.finditer(re.escape(suffix) + r"(?=\s)", line)]
    if not ends:
        return None
    suffix_start = ends[-1] - len(suffix)
    starts = [m.end() - 4 for m in _URL_START.finditer(line) if m.end() <= suffix_start]
    return (starts[-1], ends[-1]) if starts else None


def wheel_urls(doc: RecipeDocument) -> list[tuple[str, int]]:
    """(url, offset) of wheel URLs in the raw recipe text (conda-smithy's patterns)."""
    found: list[tuple[str, int]] = []
    offset = 0
    for line in (doc.text + "\n").splitlines(keepends=True):
        span = _wheel_match(line, _PURE_WHEEL_SUFFIX) or _wheel_match(line, ".whl")
        if span:
            found.append((line[span[0] : span[1]], offset + span[0]))
        offset += len(line)
    return found


# -- placement -------------------------------------------------------------------------------------


def package_of(spec: str) -> str:
    """Package name of a requirement (operators stripped), '' for Jinja/stub entries."""
    token = first_token(spec)
    if "{{" in token or "_stub" in token or spec.strip().startswith(("subpackage_pin ", "compatible_pin ")):
        return ""
    return walk.spec_name(spec).lower()


def is_library_name(name: str) -> bool:
    """A package you link against (generator-conventions 6.5 #5): known libraries, lib*, *-devel, *-headers."""
    if not name or name in data_lines("build_tools.txt") or name.endswith(("-tools", "-bin")):
        return False
    if name.startswith(("m2-", "m2w64-", "sysroot", "libgcc", "libstdcxx", "libgfortran", "libcxx")):
        return False
    return name in data_lines("known_libraries.txt") or name.startswith("lib") or name.endswith(("-devel", "-headers"))


def named_entries(entries: list[tuple[str, Path_]], names: frozenset[str]) -> Iterator[tuple[str, Path_]]:
    """(package name, path) of the entries whose package is one of `names`."""
    for spec, path in entries:
        name = package_of(spec)
        if name in names:
            yield name, path


def scope_names(data: Any, base: Path_, section: str, fmt: str) -> set[str]:
    return {package_of(spec) for spec, _ in requirements_of(data, base, section, fmt)} - {""}


def related_host_names(data: Any, base: Path_, fmt: str) -> set[str]:
    """Host names of this scope, plus the top level's (for outputs) or every output's (top level)."""
    return _memo(data, ("related-host", base, fmt), lambda: _related_host_names(data, base, fmt))


def _related_host_names(data: Any, base: Path_, fmt: str) -> set[str]:
    names = scope_names(data, base, "host", fmt)
    if base:
        names |= scope_names(data, (), "host", fmt)
    else:
        for out in outputs(data, fmt):
            if not out.top_level:
                names |= scope_names(data, out.path, "host", fmt)
    return names


STATIC_ARCHIVE_FILE = re.compile(r"(?<!\.dll)\.a$|[_-]static\.lib$", re.IGNORECASE)


def is_static_archive_file(path: str) -> bool:
    return bool(STATIC_ARCHIVE_FILE.search(path))


def output_name_at(data: Any, base: Path_, fmt: str) -> str:
    """Name of the output whose scope is `base` (the recipe's name for `()` without outputs), else ''."""
    return next((out.name for out in outputs(data, fmt) if out.path == base), "")


def output_names(doc: RecipeDocument) -> set[str]:
    """The package names the recipe builds, on any platform it was rendered for."""
    return {out.name for view in doc.views for out in outputs(view.data, doc.format) if out.name}


def recipe_artifacts(doc: RecipeDocument) -> dict[str, Any]:
    """The `--artifact` packages that are outputs of this recipe (matched by index.json name).

    Packages of other recipes are left out: the artifact rules must never attribute their files
    to this recipe (`artifact-not-in-recipe` reports them once).
    """
    if not doc.artifacts:
        return {}
    names = output_names(doc)
    return {name: artifact for name, artifact in doc.artifacts.items() if name in names}


def output_name_path(doc: RecipeDocument, view: RecipeView, name: str) -> Path_:
    """Path of the `name` of the output called `name` (the recipe name if none matches)."""
    for out in outputs(view.data, doc.format):
        if out.name == name:
            return out.name_path
    return name_path(view.data, doc.format)


def files_entries(data: Any, out: Output, fmt: str) -> list[tuple[str, Path_]]:
    """What an output selects with `files` (v0 `files`, v1 `build.files` list or `include`)."""
    if fmt == "v0":
        return list(strings(data, (*out.path, "files"))) if not out.top_level else []
    base = (*out.path, "build", "files")
    if isinstance(get(data, *base), dict):
        return list(strings(data, (*base, "include")))
    return list(strings(data, base))


def package_contents_files(data: Any, out: Output, fmt: str) -> list[tuple[str, Path_]]:
    """v1 `package_contents.files` entries asserted to exist (list form or `exists`)."""
    found = []
    for _, path in test_items(data, out.path, fmt):
        files = get(data, *path, "package_contents", "files")
        sub = (*path, "package_contents", "files")
        if isinstance(files, dict):
            found += strings(data, (*sub, "exists"))
        elif files is not None:
            found += strings(data, sub)
    return found


def package_contents_includes(data: Any, out: Output, fmt: str) -> list[tuple[str, Path_]]:
    found = []
    for _, path in test_items(data, out.path, fmt):
        sub = (*path, "package_contents", "include")
        node = get(data, *sub)
        found += strings(data, (*sub, "exists") if isinstance(node, dict) else sub)
    return found


# -- line-based checks, requirement lists, recipe-folder files (tests/specs/selectors/structure rules)


def line_span(doc: RecipeDocument, line: int, start: int | None = None, end: int | None = None) -> Any:
    """A Span on 1-based `line`: 0-based columns [start, end), default the line's text without indentation."""
    from recipegen.yamlio import Span

    lines = doc.lines
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    if start is None:
        start = len(text) - len(text.lstrip())
    if end is None:
        end = len(text.rstrip())
    return Span(line, start + 1, line, max(end, start + 1) + 1)


REQUIREMENT_SECTIONS_V0 = ("build", "host", "run", "run_constrained")
REQUIREMENT_SECTIONS_V1 = ("build", "host", "run", "run_constraints")


def all_requirement_entries(data: Any, fmt: str, extra_v1: bool = False) -> Iterator[tuple[str, str, Path_]]:
    """(section, spec, path) of every requirement string, top level and every output.

    With `extra_v1`, v1 adds
    `requirements.ignore_run_exports.from_package` and `requirements.run_exports` (list or
    weak/strong mapping), as conda-smithy's spec-syntax checks do.
    """
    sections = REQUIREMENT_SECTIONS_V1 if fmt == "v1" else REQUIREMENT_SECTIONS_V0
    for base in requirement_scopes(data, fmt):
        reqs = get(data, *base, "requirements")
        if fmt == "v0" and isinstance(reqs, list) and base:
            for spec, path in strings(data, (*base, "requirements")):
                yield "run", spec, path
            continue
        if not isinstance(reqs, dict):
            continue
        for section in sections:
            for spec, path in strings(data, (*base, "requirements", section)):
                yield section, spec, path
        if fmt == "v1" and extra_v1:
            for spec, path in strings(data, (*base, "requirements", "ignore_run_exports", "from_package")):
                yield "ignore_run_exports", spec, path
            exports = get(data, *base, "requirements", "run_exports")
            if isinstance(exports, dict) and not walk.is_conditional(exports):
                for kind in exports:
                    for spec, path in strings(data, (*base, "requirements", "run_exports", kind)):
                        yield "run_exports", spec, path
            else:
                for spec, path in strings(data, (*base, "requirements", "run_exports")):
                    yield "run_exports", spec, path


def recipe_folder_files(doc: RecipeDocument) -> list[str]:
    """Names of the files in the recipe folder ([] when it cannot be read)."""
    try:
        return sorted(p.name for p in doc.recipe_dir.iterdir() if p.is_file())
    except OSError:
        return []


def feedstock_on_disk(doc: RecipeDocument) -> Any:
    """The feedstock folder (`recipe/..`) of a recipe read from disk, else None."""
    from pathlib import Path

    return Path(doc.feedstock_dir) if doc.feedstock_dir is not None and on_disk(doc) else None


def forge_dir(doc: RecipeDocument) -> Any:
    """The folder conda-smithy reads conda-forge.yml, .ci_support and .github from (`recipe/..`)."""
    return doc.feedstock_dir if doc.feedstock_dir is not None else doc.recipe_dir.parent


def whole_document_span(doc: RecipeDocument) -> Any:
    """Line 1 (for findings about files next to the recipe rather than a place in it)."""
    from recipegen.yamlio import Span

    return line_span(doc, 1) if doc.lines else Span(1, 1, 1, 1)


STAGED_RECIPES_EXAMPLES = ("example", "example-v1", "example-v0-deprecated")


def staged_recipes_dir(doc: RecipeDocument) -> Any:
    """The `recipes/` folder of a staged-recipes checkout holding this recipe, else None.

    A staged-recipes tree is recognised by its example recipes (`recipes/example-v1`, ...).
    """
    for folder in (doc.recipe_dir, *doc.recipe_dir.parents[:3]):
        if folder.name == "recipes" and any((folder / name).is_dir() for name in STAGED_RECIPES_EXAMPLES):
            return folder
    return None


def staged_recipes_place(doc: RecipeDocument) -> tuple[str, ...] | None:
    """Where a recipe read from disk sits below the `recipes/` folder of a staged-recipes
    checkout (the folder parts: `("foo",)` for `recipes/foo/`), None outside one."""
    if not on_disk(doc):
        return None
    folder = staged_recipes_dir(doc)
    return None if folder is None else doc.recipe_dir.relative_to(folder).parts


def is_staged_recipe(doc: RecipeDocument) -> bool:
    """The recipe, read from disk, is a proposed recipe of a staged-recipes checkout
    (`recipes/<name>/`, not an example)."""
    place = staged_recipes_place(doc)
    return place is not None and len(place) == 1 and place[0] not in STAGED_RECIPES_EXAMPLES


def on_disk(doc: RecipeDocument) -> bool:
    """The recipe was read from its file, so the files around it belong to it (not text linted
    before it is written, e.g. by a generator, whose folder may be unrelated)."""
    try:
        return doc.path.is_file()
    except OSError:
        return False
