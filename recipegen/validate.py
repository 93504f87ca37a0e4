"""Schema validation of recipes and variant files, with positions and precise messages.

The JSON Schemas live in `schemas/` (package `recipegen.schemas`). Validation runs on the
round-trip document of `recipegen.yamlio.parse_yaml`, so every problem points at the node
in the file: an unknown key at the key, a wrong value at the value, a missing key at the
mapping that lacks it.

jsonschema's own messages ("... is not valid under any of the given schemas") are replaced
by messages that name the key path and say what was expected. The schemas help: list items
are told apart from `if/then/else` items with the `if` keyword on their shape (no anyOf), a
`title` on a definition is the noun used in messages, and a custom `errorMessage` keyword
(which yaml-language-server shows too) gives the text for forbidden constructs.

For speed, `validate_text` reads with `parse_yaml(..., keep_comments=False)`: libyaml's C
parser (when PyYAML has it) builds the same containers with the same positions, so one parse
serves both the verdict and the messages.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from importlib import resources
from pathlib import Path, PurePath
from typing import Any

from recipegen.problems import InputError, Problem, Severity
from recipegen.yamlio import Span, key_span, locate, parse_yaml, read_text

RULE_ID = "schema"
# a number in a variant file whose text YAML does not keep (`3.10` read as 3.1): its own id so
# `recipegen lint --ignore` can turn it off (the lint rule of the same name reports it there)
VARIANT_NUMBER_RULE_ID = "variants-unquoted-version"
# rattler-build's variants.yaml only: conda-build reads conda_build_config.yaml's numbers as the
# text written (conda-forge's own pinning file has `coin_or_cbc: [2.10]`), so that is left alone
NUMBER_CHECKED_VARIANT_FILES = frozenset({"variants.yaml", "variants.yml"})
NEEDS_KIND = "needs one of the keys"  # wording of the schemas' "which kind is this?" errorMessages
VARIANT_FILE_NAMES = frozenset(
    {
        "variants.yaml",
        "variants.yml",
        "conda_build_config.yaml",
        "conda_build_config.yml",
    }
)

# v0 (meta.yaml) spellings and their v1 place, for "did you mean" hints (recipe-format.md §15).
V0_KEYS: dict[str, str] = {
    "home": "homepage",
    "dev_url": "repository",
    "doc_url": "documentation",
    "doc_source_url": "documentation",
    "license_url": "license_file",
    "test": "tests",
    "run_constrained": "run_constraints",
    "fn": "file_name",
    "folder": "target_directory",
    "git_url": "git",
    "git_rev": "rev",
    "entry_points": "python.entry_points",
    "osx_is_app": "python.use_python_app_entrypoint",
    "skip_compile_pyc": "python.skip_pyc_compilation",
    "merge_build_host": "merge_build_and_host_envs",
    "no_link": "always_copy_files",
    "track_features": "variant.down_prioritize_variant",
    "rpaths": "dynamic_linking.rpaths",
    "binary_relocation": "dynamic_linking.binary_relocation",
    "missing_dso_whitelist": "dynamic_linking.missing_dso_allowlist",
    "runpath_whitelist": "dynamic_linking.rpath_allowlist",
    "ignore_prefix_files": "prefix_detection.ignore",
    "has_prefix_files": "prefix_detection.force_file_type.text",
    "binary_has_prefix_files": "prefix_detection.force_file_type.binary",
    "imports": "a `python:` test (tests: [{python: {imports: [...]}}])",
    "commands": "a `script:` test",
    "requires": "requirements.run of a script test",
    "source_files": "files.source of a script test",
    "ignore_run_exports_from": "requirements.ignore_run_exports.from_package",
    "run_exports": "requirements.run_exports",
    "ignore_run_exports": "requirements.ignore_run_exports",
    "name": "package.name",
    "version": "package.version",
}

MISSING_KEY_HINTS: dict[str, str] = {
    "package": "a single-output recipe needs 'package: {name, version}'; a multi-output recipe needs 'outputs'",
    "if": "a conditional item needs both 'if' and 'then'",
    "then": "a conditional item needs both 'if' and 'then'",
}


# ---------------------------------------------------------------------------- loading


def available_schemas() -> list[str]:
    """Names of the shipped schemas (file names without `.schema.json`)."""
    folder = resources.files("recipegen.schemas")
    return sorted(
        entry.name[: -len(".schema.json")] for entry in folder.iterdir() if entry.name.endswith(".schema.json")
    )


def schema_path(name: str = "recipe-v1") -> Path:
    """File-system path of a shipped schema (for editor set-up)."""
    return Path(str(resources.files("recipegen.schemas") / f"{name}.schema.json"))


@functools.cache
def _schema_text(name: str) -> str:
    if name not in available_schemas():
        raise KeyError(name)
    return (resources.files("recipegen.schemas") / f"{name}.schema.json").read_text(encoding="utf-8")


def load_schema(name: str = "recipe-v1") -> dict:
    """The parsed schema `name` (`recipe-v1`, `variants`). Cached; callers must not modify it."""
    return _load_schema(name)


@functools.cache
def _load_schema(name: str) -> dict:
    return json.loads(_schema_text(name))


@functools.cache
def _validator(name: str):
    """A Draft 2020-12 validator for schema `name`, built once.

    Two keywords get faster implementations with the same results: local `$ref`s are looked
    up in a dict instead of through the `referencing` registry, and `if` conditions of the
    shapes the schemas use for dispatch ({"type": ...}, "required" keys, "anyOf" of
    "required") are decided by plain isinstance/`in` checks instead of a sub-validation.
    """
    from jsonschema import Draft202012Validator, validators  # here: keeps the module import cheap

    schema = load_schema(name)
    targets = {f"#/$defs/{key}": sub for key, sub in schema.get("$defs", {}).items()}
    standard_ref = Draft202012Validator.VALIDATORS["$ref"]
    standard_if = Draft202012Validator.VALIDATORS["if"]
    predicates: dict[int, Any] = {}

    def ref(validator, reference, instance, subschema):
        target = targets.get(reference)
        if target is None:
            yield from standard_ref(validator, reference, instance, subschema)
        else:
            yield from validator.descend(instance, target)

    def if_(validator, if_schema, instance, subschema):
        key = id(if_schema)
        if key not in predicates:
            predicates[key] = _compile_condition(if_schema)
        predicate = predicates[key]
        if predicate is None:
            yield from standard_if(validator, if_schema, instance, subschema)
        elif predicate(instance):
            if "then" in subschema:
                yield from validator.descend(instance, subschema["then"], schema_path="then")
        elif "else" in subschema:
            yield from validator.descend(instance, subschema["else"], schema_path="else")

    fast = validators.extend(Draft202012Validator, validators={"$ref": ref, "if": if_})
    return fast(schema)


_PY_TYPES = {"object": dict, "array": list}


def _compile_condition(schema: Any):
    """A plain predicate equivalent to `schema`, or None when the shape is not a simple one."""
    if not isinstance(schema, dict) or not set(schema) <= {"type", "required", "anyOf"}:
        return None
    kind = _PY_TYPES.get(schema.get("type", "object"))
    if kind is None or ("type" not in schema and set(schema) != {"required"}):
        return None
    required = tuple(schema.get("required", ()))
    alternatives = []
    for option in schema.get("anyOf", ()):
        if not (isinstance(option, dict) and set(option) == {"required"}):
            return None
        alternatives.append(tuple(option["required"]))
    if "type" not in schema:  # {"required": [...]} alone holds for every non-mapping
        return lambda value: not isinstance(value, dict) or all(k in value for k in required)

    def predicate(value: Any) -> bool:
        if not isinstance(value, kind):
            return False
        if kind is dict:
            if not all(k in value for k in required):
                return False
            if alternatives and not any(all(k in value for k in keys) for keys in alternatives):
                return False
        return True

    return predicate


def schema_name_for(filename: str) -> str:
    """`variants` for variant config files, `recipe-v1` for everything else."""
    return "variants" if PurePath(filename).name in VARIANT_FILE_NAMES else "recipe-v1"


# ---------------------------------------------------------------------------- public API


def validate_document(data: Any, filename: str, text: str | None = None) -> list[Problem]:
    """Validate a round-trip document (from `recipegen.yamlio.parse_yaml`) against the schema
    its file name calls for. Returns problems sorted by position. With the document's `text`,
    numbers are quoted in messages as the file writes them (`sha256: 000…0` is the number 0)."""
    name = schema_name_for(filename)
    if data is None and name == "recipe-v1":
        return [
            Problem(
                filename,
                1,
                1,
                "empty document: expected a mapping of recipe keys (package or recipe/outputs, source, build, ...)",
                rule_id=RULE_ID,
                end_line=1,
                end_column=2,
            )
        ]
    formatter = _Formatter(data, filename, load_schema(name), text)
    leaves = [leaf for error in _validator(name).iter_errors(data) for leaf in _leaves(error)]
    problems: dict[tuple, Problem] = {}
    for leaf in _drop_redundant(leaves):
        for problem in formatter.problems(leaf):
            problems.setdefault((problem.line, problem.column, problem.message), problem)
    if PurePath(filename).name in NUMBER_CHECKED_VARIANT_FILES:
        for problem in variant_number_problems(data, filename, text):
            problems.setdefault((problem.line, problem.column, problem.message), problem)
    return sorted(problems.values(), key=lambda p: (p.line, p.column, p.message))


def variant_number_problems(data: Any, filename: str, text: str | None = None) -> list[Problem]:
    """Variant values written as floats whose text the number does not keep (variant values are
    version strings: quote them): `python: [3.10]` is the number 3.1, `1e3` is 1000.0, and a
    trailing zero (`11.0`, `2.0`) is not part of a number (tools that print numbers their own
    way write `11`, `2`). Floats that read back exactly (`2.17`, `3.9`) and integers
    (`c_compiler_version: [13]`) are left alone: nothing is lost. Called for variants.yaml
    (see NUMBER_CHECKED_VARIANT_FILES)."""
    formatter = _Formatter(data, filename, {}, text)
    found = []
    for path, value in _numbers(data, []):
        written = formatter._written(path, value)
        where = _format_path(path)
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
        found.append(replace(formatter._problem(formatter._value_span(path), message), rule_id=VARIANT_NUMBER_RULE_ID))
    return found


def _numbers(node: Any, path: list) -> Iterator[tuple[list, float]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _numbers(value, [*path, key])
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _numbers(value, [*path, index])
    elif isinstance(node, float):
        yield path, node


def validate_text(text: str, filename: str) -> list[Problem]:
    """Parse and validate YAML text. Raises InputError when the text is not usable YAML."""
    try:
        data = parse_yaml(text, filename, keep_comments=False)
    except InputError as exc:
        if not _selects_duplicate_keys(text, filename, exc):
            raise
        return _validate_each_platform(text, filename)
    return validate_document(data, filename, text)


def _selects_duplicate_keys(text: str, filename: str, error: InputError) -> bool:
    """A conda_build_config.yaml that repeats a key under different `# [selector]`s (valid for
    conda-build, which applies the selectors before reading the YAML)."""
    return (
        PurePath(filename).name.startswith("conda_build_config.") and "duplicate key" in error.message and "# [" in text
    )


def _validate_each_platform(text: str, filename: str) -> list[Problem]:
    """Validate the file as each main platform sees it (false selectors blanked, same line numbers)."""
    from recipegen.linters.model import MAIN_PLATFORMS
    from recipegen.linters.v0 import apply_selectors, base_namespace

    problems: dict[tuple, Problem] = {}
    for platform in MAIN_PLATFORMS:
        lines, _ = apply_selectors(text.splitlines(), base_namespace(platform))
        data = parse_yaml("\n".join(lines) + "\n", filename, keep_comments=False)
        for problem in validate_document(data, filename, text):
            problems.setdefault((problem.line, problem.column, problem.message), problem)
    return sorted(problems.values(), key=lambda p: (p.line, p.column, p.message))


def validate_file(path: str | Path) -> list[Problem]:
    """Read, parse and validate a file. Raises InputError for a missing, binary or invalid file."""
    return validate_text(read_text(path), str(path))


# ---------------------------------------------------------------------------- choosing errors


def _leaves(error) -> Iterator[Any]:
    """The concrete errors behind an error: for anyOf/oneOf, the branch that fits the value."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        yield error
        return
    branches: dict[int, list] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    fitting = {index: subs for index, subs in branches.items() if not any(_fails_at_root(sub, error) for sub in subs)}
    if not fitting:  # no alternative has the value's shape: report the alternatives
        yield error
        return
    from jsonschema.exceptions import relevance

    def score(item):
        _, subs = item
        depth = max(len(sub.absolute_path) for sub in subs)
        return (depth, -len(subs), max(relevance(sub) for sub in subs))

    _, chosen = max(fitting.items(), key=score)
    for sub in chosen:
        yield from _leaves(sub)


def _fails_at_root(sub, parent) -> bool:
    return len(sub.absolute_path) == len(parent.absolute_path) and sub.validator in (
        "type",
        "const",
        "enum",
        "pattern",
        "not",
        "anyOf",
        "oneOf",
        "minimum",
        "maximum",
        "minLength",
    )


def _drop_redundant(leaves: list) -> list:
    """A "needs one of the keys" fallback (a source or test of no known kind) says nothing more
    when the same mapping already has an unknown key or is not a mapping at all."""
    explained = {tuple(leaf.absolute_path) for leaf in leaves if leaf.validator in ("additionalProperties", "type")}
    return [
        leaf
        for leaf in leaves
        if not (
            leaf.validator == "not"
            and NEEDS_KIND in str(leaf.schema.get("errorMessage", ""))
            and tuple(leaf.absolute_path) in explained
        )
    ]


# ---------------------------------------------------------------------------- messages


class _Formatter:
    def __init__(self, root: Any, filename: str, schema: dict, text: str | None = None) -> None:
        self.root = root
        self.filename = filename
        self.schema = schema
        self.lines = text.splitlines() if text is not None else None

    def _written(self, path: list, value: Any) -> str:
        """A number as the file writes it (`000…0`, `3.10`), when the text is known."""
        if self.lines is not None and path:
            span = locate(self.root, path)
            if 0 < span.line <= len(self.lines):
                match = _PLAIN_NUMBER.match(self.lines[span.line - 1], span.column - 1)
                if match:
                    return match.group(0)
        return _source_text(value)

    def problems(self, error) -> list[Problem]:
        path = list(error.absolute_path)
        method = getattr(self, f"_on_{error.validator}", None)
        if method is not None:
            result = method(error, path)
            if result is not None:
                return result
        span = locate(self.root, path)
        return [self._problem(span, f"{_where(path)}: {error.message}")]

    def _value_span(self, path: list) -> Span:
        """Where a value is: a flow collection on its key's line is pointed at itself, a block
        collection at its key (yamlio.locate), a scalar at the scalar."""
        span = locate(self.root, path)
        if not path:
            return span
        try:
            parent = self.root
            for part in path[:-1]:
                parent = parent[part]
            node = parent[path[-1]]
            if node is None and isinstance(parent, dict):  # `key:` with nothing after it
                return key_span(self.root, path)
            if isinstance(node, (int, float)) and not isinstance(node, bool):  # str(1.10) is "1.1": measure
                return Span(span.line, span.column, span.line, span.column + len(self._written(path, node)))
            if isinstance(node, (dict, list)) and isinstance(parent, dict):
                line, column = parent.lc.value(path[-1])
                if line + 1 == span.line and getattr(node, "fa", None) is not None and node.fa.flow_style():
                    return Span(line + 1, column + 1, line + 1, column + 2)
        except (KeyError, IndexError, TypeError, AttributeError):
            pass
        return span

    def _problem(self, span: Span, message: str) -> Problem:
        return Problem(
            self.filename,
            span.line,
            span.column,
            message,
            rule_id=RULE_ID,
            severity=Severity.ERROR,
            end_line=span.end_line,
            end_column=span.end_column,
        )

    # -- per keyword
    def _on_additionalProperties(self, error, path):
        instance = error.instance
        if not isinstance(instance, dict):
            return None
        allowed = list(error.schema.get("properties", {}))
        patterns = [re.compile(p) for p in error.schema.get("patternProperties", {})]
        extras = [k for k in instance if k not in allowed and not any(p.search(str(k)) for p in patterns)]
        out = []
        for key in extras:
            span = key_span(self.root, [*path, key])
            message = f"unknown key '{key}' {_in(path)}{self._key_hint(str(key), allowed, path)}"
            out.append(self._problem(span, message))
        return out

    def _key_hint(self, key: str, allowed: list[str], path: list) -> str:
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        if close:
            return f" (did you mean '{close[0]}'?)"
        renamed = V0_KEYS.get(key)
        if renamed and (renamed.split(".")[0] in allowed or not renamed.isidentifier()):
            return f" (v0 key; in v1 use {_quote_path(renamed)})"
        places = [place for place in _key_places(self.schema, self._shape()).get(key, []) if place != _place(path)]
        if places:
            best = min(_place_rank(p) for p in places)
            shown = " or ".join(_describe_place(p) for p in places if _place_rank(p) == best)
            return f" ('{key}' belongs {shown})"
        if renamed:
            return f" (v0 key; in v1 use {_quote_path(renamed)})"
        if allowed and len(allowed) <= 16:
            return f"; expected one of: {', '.join(allowed)}"
        return ""

    def _shape(self) -> str:
        """Which root definition applies: the places a key may go depend on it."""
        if "multi_output_recipe" not in self.schema.get("$defs", {}):
            return ""
        is_multi = isinstance(self.root, dict) and "outputs" in self.root
        return "#/$defs/multi_output_recipe" if is_multi else "#/$defs/single_output_recipe"

    def _on_required(self, error, path):
        instance = error.instance
        if not isinstance(instance, dict):
            return None
        out = []
        for key in error.validator_value:
            if key in instance:
                continue
            span = locate(self.root, path) if path else Span(1, 1, 1, 2)
            hint = MISSING_KEY_HINTS.get(key)
            if key == "package" and path:
                hint = None
            message = f"missing required key '{key}' {_in(path)}" + (f" ({hint})" if hint else "")
            out.append(self._problem(span, message))
        return out

    def _on_type(self, error, path):
        expected = _describe_types(error.validator_value)
        message = f"{_where(path)}: expected {expected}, got {_show(error.instance)}"
        if (
            "string" in _as_list(error.validator_value)
            and isinstance(error.instance, (int, float))
            and not isinstance(error.instance, bool)
        ):
            message += f' (quote it: "{self._written(path, error.instance)}")'
        return [self._problem(self._value_span(path), message)]

    def _on_anyOf(self, error, path):
        expected = _describe(error.schema, self.schema)
        message = f"{_where(path)}: expected {expected}, got {_show(error.instance)}"
        return [self._problem(self._value_span(path), message)]

    _on_oneOf = _on_anyOf

    def _on_enum(self, error, path):
        expected = _describe({"enum": error.validator_value}, self.schema)
        return [
            self._problem(self._value_span(path), f"{_where(path)}: expected {expected}, got {_show(error.instance)}")
        ]

    def _on_const(self, error, path):
        return [
            self._problem(
                self._value_span(path),
                f"{_where(path)}: expected {json.dumps(error.validator_value)}, got {_show(error.instance)}",
            )
        ]

    def _on_pattern(self, error, path):
        title = error.schema.get("title") or f"a string matching {error.validator_value}"
        if "propertyNames" in error.schema_path:  # instance is the key; path is its mapping's
            span = key_span(self.root, [*path, error.instance])
            return [self._problem(span, f"{_where(path)}: key {_show(error.instance)} is not {title}")]
        return [
            self._problem(locate(self.root, path), f"{_where(path)}: expected {title}, got {_show(error.instance)}")
        ]

    def _on_minItems(self, error, path):
        n = error.validator_value
        return [
            self._problem(locate(self.root, path), f"{_where(path)}: expected at least {n} item{'s' if n != 1 else ''}")
        ]

    def _on_minLength(self, error, path):
        return [self._problem(locate(self.root, path), f"{_where(path)}: must not be empty")]

    def _on_not(self, error, path):
        text = error.schema.get("errorMessage")
        if not text:
            return None
        if path and isinstance(path[-1], str) and error.validator_value == {}:
            span = key_span(self.root, path)
        else:
            span = locate(self.root, path)
        return [self._problem(span, f"{_where(path)}: {text}")]

    def _on_minimum(self, error, path):
        return [
            self._problem(
                self._value_span(path),
                f"{_where(path)}: expected at least {error.validator_value}, got {_show(error.instance)}",
            )
        ]


# ---------------------------------------------------------------------------- wording helpers

_TYPE_NOUNS = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean (true/false)",
    "array": "a list",
    "object": "a mapping",
    "null": "an empty value",
}


def _as_list(value: Any) -> list:
    return list(value) if isinstance(value, list) else [value]


def _join_or(words: list[str]) -> str:
    words = list(dict.fromkeys(w for w in words if w))
    if len(words) <= 1:
        return words[0] if words else "something else"
    return ", ".join(words[:-1]) + " or " + words[-1]


def _describe_types(types: Any) -> str:
    names = _as_list(types)
    if len(names) > 1 and "null" in names:
        names = [n for n in names if n != "null"]  # an empty value is always accepted silently
    return _join_or([_TYPE_NOUNS.get(n, n) for n in names])


def _describe(schema: Any, root: dict, depth: int = 0) -> str:
    if not isinstance(schema, dict) or depth > 6:
        return "a valid value"
    if "title" in schema:
        return schema["title"]
    if "$ref" in schema:
        return _describe(_resolve(root, schema["$ref"]), root, depth + 1)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return _join_or([_describe(s, root, depth + 1) for s in schema[key]])
    if "enum" in schema:
        return "one of " + ", ".join(json.dumps(v) for v in schema["enum"])
    if "const" in schema:
        return json.dumps(schema["const"])
    if "type" in schema:
        return _describe_types(schema["type"])
    return "a valid value"


def _resolve(root: dict, pointer: str) -> Any:
    node: Any = root
    for part in pointer.lstrip("#/").split("/"):
        node = node.get(part, {}) if isinstance(node, dict) else {}
    return node


_PLAIN_NUMBER = re.compile(
    r"[-+]?(?:\.inf|\.nan|0[xo][0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
    r"|\.[0-9]+(?:[eE][-+]?[0-9]+)?)(?=\s*(?:$|[,\]}#]))"
)


def _show(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {_source_text(value)}"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return repr(text)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _source_text(value: Any) -> str:
    """How a number was written in the file (ruamel keeps the format of round-trip floats)."""
    try:
        from ruamel.yaml.scalarfloat import ScalarFloat

        if isinstance(value, ScalarFloat):
            import io

            from ruamel.yaml import YAML

            stream = io.StringIO()
            YAML(typ="rt").dump([value], stream)
            return stream.getvalue().strip().lstrip("- ").strip()
    except Exception:  # pragma: no cover - formatting must never fail validation
        pass
    return str(value)


def _where(path: list) -> str:
    return _format_path(path) if path else "top level"


def _in(path: list) -> str:
    return f"in {_format_path(path)}" if path else "at top level"


def _format_path(path: Iterable) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _quote_path(text: str) -> str:
    return f"'{text}'" if re.fullmatch(r"[\w.]+", text) else text


def _place(path: list) -> str:
    """Schema-level place of a mapping: list indexes become `[]`."""
    out = ""
    for part in path:
        out += "[]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def _describe_place(place: str) -> str:
    return "at top level" if place == "" else f"in {place}"


_KEY_PLACES: dict[tuple[int, str], dict[str, list[str]]] = {}


def _place_depth(place: str) -> int:
    return place.count(".") + place.count("[]") + (1 if place else 0)


def _place_rank(place: str) -> int:
    """Shallow places first; a test's requirements or a build step are rarely what was meant."""
    return _place_depth(place) + (2 if "tests[]" in place or "steps[]" in place else 0)


def _key_places(schema: dict, start: str = "") -> dict[str, list[str]]:
    """Every property name of the schema -> the places (`requirements`, `outputs[].build`) it may
    appear at, shallowest first. Used to say where a misplaced key belongs."""
    places: dict[str, set[str]] = {}

    def walk(node: Any, place: str, seen: frozenset) -> None:
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str):
            if ref in seen or len(seen) > 12:
                return
            walk(_resolve(schema, ref), place, seen | {ref})
        for key in ("then", "else"):
            walk(node.get(key), place, seen)
        for key in ("anyOf", "oneOf", "allOf"):
            for sub in node.get(key, []):
                walk(sub, place, seen)
        if "items" in node:
            walk(node["items"], place + "[]", seen)
        for name, sub in node.get("properties", {}).items():
            if name in ("if", "then", "else"):
                continue
            places.setdefault(name, set()).add(place)
            walk(sub, f"{place}.{name}" if place else name, seen)

    cache_key = (id(schema), start)
    if cache_key not in _KEY_PLACES:
        walk(_resolve(schema, start) if start else schema, "", frozenset())
        _KEY_PLACES[cache_key] = {
            name: sorted(found, key=lambda p: (_place_depth(p), len(p), p)) for name, found in places.items()
        }
    return _KEY_PLACES[cache_key]
