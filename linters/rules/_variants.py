"""Reading the variant files next to a recipe (conda_build_config.yaml, variants.yaml) for macOS.

Shared by the variants-* rules: which files exist, and the values each key takes on macOS
(`# [osx]` selectors of conda_build_config.yaml and `if:` items of variants.yaml evaluated for
osx-arm64 and osx-64, in the linter's Jinja sandbox).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from recipegen.linters.model import Finding, RecipeDocument
from recipegen.linters.rules._folder import on_disk, per_version

from recipegen.yamlio import Span

VARIANT_FILES = ("conda_build_config.yaml", "variants.yaml")
MAX_BYTES = 512_000


def variant_files(doc: RecipeDocument) -> dict[str, Path]:
    """Each variant file name found in the recipe folder, `..` or `../..` (nearest first), looked
    for once per document (callers must not change it)."""
    return doc.memo("variant_files", lambda: _variant_files(doc))


def _variant_files(doc: RecipeDocument) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in (doc.recipe_dir, doc.recipe_dir.parent, doc.recipe_dir.parent.parent):
        for name in VARIANT_FILES:
            if name not in found and (folder / name).is_file():
                found[name] = folder / name
    return found


def recipe_variant_file(doc: RecipeDocument) -> Path | None:
    """The variant file of the recipe folder itself (conda_build_config.yaml first)."""
    for name in VARIANT_FILES:
        if (doc.recipe_dir / name).is_file():
            return doc.recipe_dir / name
    return None


SCHEMA_CHECKED_FILES = ("conda_build_config.yaml", "conda_build_config.yml", "variants.yaml", "variants.yml")


def recipe_variant_files(doc: RecipeDocument) -> list[Path]:
    """Every variant file of the recipe folder itself (not the feedstock's or parents'), for the
    schema check; none for recipe text linted before it is written."""
    if not on_disk(doc):
        return []
    paths = [doc.recipe_dir / name for name in SCHEMA_CHECKED_FILES]
    return doc.memo("recipe_variant_files", lambda: [path for path in paths if path.is_file()])


def variant_file_problems(path: Path) -> tuple[Any, ...]:
    """`recipegen validate`'s problems of one variant file (its file name, its positions), once per
    file version: the schema problems (rule `schema`; unusable YAML as `unusable-input`)."""
    return per_version(path, _variant_file_problems, ())


@lru_cache(maxsize=64)
def _variant_file_problems(path: str, mtime_ns: int) -> tuple[Any, ...]:
    from recipegen.problems import InputError
    from recipegen.validate import validate_file

    try:
        return tuple(validate_file(path))
    except InputError as exc:
        return (exc.as_problem(),)


def _macos_namespace() -> dict[str, Any]:
    """macOS with every architecture name true: conda-smithy reads the macOS values of both
    architectures together (v0: every line whose selector does not exclude macOS; v1: `if:`
    with only `osx`/`unix`/`linux`/`win` known), then takes the lower for x86_64."""
    from recipegen.linters.v0 import base_namespace

    return {**base_namespace("osx-arm64"), "x86_64": True, "x86": True, "arm64": True}


@dataclass(frozen=True)
class MacValue:
    key: str
    value: str
    line: int  # 1-based line of the key in the variants file

    def finding(self, path: Path, message: str, fix: str = "") -> Finding:
        """A finding in the variants file `path` itself, at this value's key."""
        span = Span(self.line, 1, self.line, 1 + len(self.key))
        return Finding(message, span=span, file=path, fix=fix)


def _first_line(lines: list[str], key: str) -> int:
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith(f"{key}:") and not line.startswith((" ", "\t")):
            return number
    return 1


_KEY_LINE_SELECTOR = re.compile(r"^(?P<key>[^\s#:-][^#:]*:\s*)#\s*\[.*\]\s*$")


@lru_cache(maxsize=64)
def _mac_values(path: str, mtime_ns: int) -> tuple[MacValue, ...]:
    """The macOS values of each key, read as conda-smithy reads them (see _macos_namespace); a
    selector on a top-level key line is ignored (`c_stdlib_version:  # [linux or (osx and
    x86_64)]` keeps its arm64 values)."""
    from recipegen.linters.v0 import eval_selector, load_selected

    try:
        text = Path(path).read_text(encoding="utf-8")[:MAX_BYTES]
    except (OSError, UnicodeDecodeError):
        return ()
    raw_lines = text.splitlines()
    namespace = _macos_namespace()
    data = load_selected([_KEY_LINE_SELECTOR.sub(r"\g<key>", line) for line in raw_lines], namespace)
    if data is None:
        return ()
    return tuple(
        MacValue(str(key), str(item), _first_line(raw_lines, str(key)))
        for key, value in data.items()
        for item in _selected(value, namespace, eval_selector)
    )


def _selected(value: Any, namespace: dict[str, Any], eval_selector: Any) -> list[Any]:
    """Scalar values of a variants entry on this platform (`if/then/else` items evaluated)."""
    items = value if isinstance(value, list) else [value]
    out: list[Any] = []
    for item in items:
        if isinstance(item, dict) and "if" in item:
            try:
                branch = "then" if eval_selector(str(item["if"]), namespace) else "else"
            except ValueError:
                continue
            out += _selected(item.get(branch), namespace, eval_selector) if item.get(branch) is not None else []
        elif item is not None and not isinstance(item, (dict, list)):
            out.append(item)
    return out


def mac_values(path: Path) -> list[MacValue]:
    return list(per_version(path, _mac_values, ()))


def version_tuple(text: str) -> tuple[int, ...] | None:
    parts = str(text).strip().split(".")
    if not parts or not all(p.isdigit() for p in parts):
        return None
    return tuple(int(p) for p in parts)


def mac_list(values: list[MacValue], key: str) -> list[MacValue]:
    """The macOS values of `key` in one file, lowest first: conda-smithy's reading of a list
    split per architecture (`# [osx and x86_64]` / `# [osx and arm64]`, or `if:` items), whose
    lower value it takes for x86_64 and higher for arm64."""
    return sorted((v for v in values if v.key == key), key=lambda v: version_tuple(v.value) or ())


def below(values: list[MacValue], floors: list[tuple[int, ...]]) -> list[tuple[MacValue, tuple[int, ...]]]:
    """(value, floor) for each value below its floor, compared as conda-smithy does: pairwise
    (x86_64, arm64) when there are as many values as floors, else a single value only when it
    is below every floor (with fewer facts it does not diagnose)."""
    versions = [(value, version_tuple(value.value)) for value in values]
    if len(values) == len(floors):
        return [(v, floor) for (v, version), floor in zip(versions, floors, strict=True) if version and version < floor]
    if len(values) == 1 and versions[0][1] and all(versions[0][1] < floor for floor in floors):
        return [(values[0], min(floors))]
    return []


def macos_baseline_floors() -> list[tuple[int, ...]]:
    """conda-forge's macOS `c_stdlib_version` per architecture (x86_64, arm64), lowest first."""
    from recipegen.linters.v0 import global_variant

    floors = []
    for platform in ("osx-64", "osx-arm64"):
        version = version_tuple(str(dict(global_variant(platform)).get("c_stdlib_version", "11.0")))
        floors.append(version or (11, 0))
    return sorted(floors)


def variant_mac_values(doc: RecipeDocument) -> Iterator[tuple[Path, list[MacValue]]]:
    """(variant file, its macOS values) of a recipe read from disk, whose folder is its own."""
    if not on_disk(doc):
        return
    for path in variant_files(doc).values():
        yield path, mac_values(path)


# rattler-build's variants.yaml only: conda-build reads conda_build_config.yaml's numbers as the
# text written (conda-forge's own pinning file has `coin_or_cbc: [2.10]`), so that is left alone
NUMBER_CHECKED_FILES = frozenset({"variants.yaml", "variants.yml"})


@dataclass(frozen=True)
class UnquotedNumber:
    message: str
    line: int
    column: int
    end_line: int
    end_column: int


def unquoted_numbers(path: Path) -> list[UnquotedNumber]:
    """Values of a variants.yaml written as floats whose text the number does not keep, once
    per file version (see the variants-unquoted-version rule)."""
    if path.name not in NUMBER_CHECKED_FILES:
        return []
    return list(per_version(path, _unquoted_numbers, ()))


@lru_cache(maxsize=64)
def _unquoted_numbers(path: str, mtime_ns: int) -> tuple[UnquotedNumber, ...]:
    from recipegen.problems import InputError
    from recipegen.validation.positions import YamlPositions
    from recipegen.yamlio import parse_yaml, read_text

    try:
        text = read_text(path)
        data = parse_yaml(text, path, keep_comments=False)
    except InputError:
        return ()  # reported by the schema check of the same file
    return tuple(unquoted_number_findings(data, YamlPositions(data, text)))


def unquoted_number_findings(data: Any, positions: Any) -> Iterator[UnquotedNumber]:
    """`python: [3.10]` is the number 3.1, `1e3` is 1000.0, and a trailing zero (`11.0`) is not
    part of a number. Floats that read back exactly (`2.17`, `3.9`) and integers are left alone."""
    from recipegen.validation.wording import format_path

    for path, value in _floats(data, []):
        written = positions.written(path, value)
        where = format_path(path)
        if written != str(value):
            message = (
                f"{where}: `{written}` is read as the number {value!r}, not as the version `{written}`: "
                f'quote it ("{written}")'
            )
        elif re.fullmatch(r"\d+\.\d*0", written):
            message = (
                f"{where}: `{written}` is read as a number, which does not keep its trailing zero (it may "
                f'become `{written.rstrip("0").rstrip(".")}`): quote it ("{written}")'
            )
        else:
            continue
        span = positions.value_span(path)
        yield UnquotedNumber(message, span.line, span.column, span.end_line, span.end_column)


def _floats(node: Any, path: list) -> Iterator[tuple[list, float]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _floats(value, [*path, key])
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _floats(value, [*path, index])
    elif isinstance(node, float):
        yield path, node
