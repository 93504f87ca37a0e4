"""Helpers shared by the rule modules of licensing, placement, identity, source and static rules.

They read a view's data the same way for both formats: v1 (raw YAML with `${{ ... }}` and
`if/then/else` items) and v0 (rendered per platform with conda-smithy's stub strings such as
`c_compiler_stub` or `subpackage_pin x`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator

from recipegen.linters import walk
from recipegen.linters.model import RecipeDocument, RecipeView
from recipegen.yamlio import PathKey

Path_ = tuple[PathKey, ...]

COMPILER_LANGS = ("c", "cxx", "fortran", "rust", "go-cgo")
# v0 stub: `c_compiler_stub`, `m2w64_cxx_compiler_stub`, `go-cgo_compiler_stub`
_V0_COMPILER = re.compile(r"^(m2w64_)?(c|cxx|fortran|rust|go-cgo)_compiler_stub")
_V0_ANY_COMPILER = re.compile(r"^\S+_compiler_stub\b")
_V0_STDLIB = re.compile(r"^(m2w64_)?c_stdlib_stub$")
_V1_COMPILER_PREFIXES = tuple(
    f"${{{{ compiler({quote}{m2w64}{lang}"
    for quote in ("'", '"') for m2w64 in ("", "m2w64_") for lang in COMPILER_LANGS
)
_V1_ANY_COMPILER = re.compile(r"\$\{\{\s*compiler\(\s*['\"]([\w-]+)['\"]")
_V1_STDLIB = re.compile(r"\$\{\{\s*stdlib\(\s*['\"](m2w64_)?c['\"]")
_V1_ANY_STDLIB = re.compile(r"\$\{\{\s*stdlib\(")


def is_v1(doc: RecipeDocument) -> bool:
    return doc.format == "v1"


def first_token(spec: str) -> str:
    stripped = spec.strip()
    return stripped.split()[0] if stripped else ""


def normalize(name: str) -> str:
    return name.lower().replace("_", "-")


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


def is_jinja(spec: str) -> bool:
    return "{{" in spec or "_stub" in spec or spec.startswith(("subpackage_pin ", "compatible_pin "))


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


# -- recipe identity -------------------------------------------------------------------------


def name_path(data: Any, fmt: str) -> Path_:
    if fmt == "v1" and not has_key(data, "package", "name") and has_key(data, "recipe", "name"):
        return ("recipe", "name")
    return ("package", "name")


def version_path(data: Any, fmt: str) -> Path_:
    if fmt == "v1" and not has_key(data, "package", "version") and has_key(data, "recipe", "version"):
        return ("recipe", "version")
    return ("package", "version")


_CONTEXT_REF = re.compile(r"\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def render_simple(value: Any, data: Any, fmt: str, depth: int = 0) -> str:
    """A v1 string with plain `${{ var }}` references to `context` replaced (other Jinja kept)."""
    text = "" if value is None else str(value)
    if fmt != "v1" or "${{" not in text or depth > 5:
        return text
    context = get(data, "context", default={})
    if not isinstance(context, dict):
        return text

    def substitute(match: re.Match[str]) -> str:
        var = match.group(1)
        if var in context and not isinstance(context[var], (dict, list)):
            return render_simple(context[var], data, fmt, depth + 1)
        return match.group(0)

    return _CONTEXT_REF.sub(substitute, text)


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
            found.append(Output(item, path, str(get(item, "name", default="")).strip(),
                                (*path, "name"), False))
    return found


def output_names(data: Any, fmt: str) -> set[str]:
    return {o.name for o in outputs(data, fmt) if o.name and not o.top_level}


def noarch(data: Any) -> str:
    value = get(data, "build", "noarch")
    return str(value).strip() if value not in (None, False) else ""


def requirements_of(data: Any, base: Path_, section: str, fmt: str) -> list[tuple[str, Path_]]:
    """String entries of `requirements.<section>` of the output at `base` (v0/v1 names mapped)."""
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


def names_in(entries: list[tuple[str, Path_]]) -> set[str]:
    return {first_token(spec) for spec, _ in entries}


# -- raw text helpers ------------------------------------------------------------------------


def source_line(doc: RecipeDocument, view: RecipeView, path: Path_) -> str:
    """The original text of the line holding the node at `path` (v0 stubs lose arguments)."""
    span = view.locate(path)
    lines = doc.lines
    if 1 <= span.line <= len(lines):
        return lines[span.line - 1]
    return ""


def text_line_of(doc: RecipeDocument, needle_index: int) -> int:
    """1-based line of a character offset in the document's text."""
    return doc.text.count("\n", 0, needle_index) + 1


# -- static libraries ----------------------------------------------------------------------

_STATIC_GLOB = re.compile(r"(?<!\.dll)\.a\*?$|[_-]static\.lib\*?$|_a\.lib$", re.IGNORECASE)


def ships_static_archive(pattern: str) -> bool:
    """A `files`/`package_contents` entry that names a static archive (`.a`, `*_static.lib`)."""
    text = pattern.strip().rstrip("/")
    if "{{" in text:
        text = _CONTEXT_REF.sub("x", text)
    return bool(_STATIC_GLOB.search(text))


def is_static_output_name(name: str) -> bool:
    return name.endswith("-static") or name.endswith("_static")


@lru_cache(maxsize=None)
def data_lines(name: str) -> frozenset[str]:
    """Non-comment lines of a data file in linters/data/."""
    from importlib import resources

    text = resources.files("recipegen.linters").joinpath("data", name).read_text("utf-8")
    return frozenset(
        line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()
    )
