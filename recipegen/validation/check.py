"""Checking: a document's schema errors, with MatchSpec strings read by py-rattler's parser.

One Draft 2020-12 validator per schema, built once per process, with four additions that
change no verdict of the standard keywords:

* local `$ref`s are looked up in a dict, and `if` conditions of the shapes the schemas use for
  dispatch (`{"type": ...}`, `required` keys, `anyOf` of `required`) are decided by plain
  isinstance/`in` checks instead of a sub-validation (speed);
* `format: conda-matchspec` (and `conda-matchspec-constraint`, a lockfile's constraint without
  its name) is asserted with `recipegen.validation.matchspec`; no other format is asserted;
* a YAML timestamp counts as a string (the files' readers see text);
* `x-typoKeys: true` on an open mapping reports an unknown key that is one or two letters off a
  known one (`channel_priorty`): files whose readers ignore unknown keys (`.condarc`,
  `environment.yml`, package metadata) must still say when a key is misspelled.

`errors(document)` returns the leaf errors: for `anyOf`/`oneOf`, the branch that fits the value.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator
from typing import Any

from recipegen.validation.schemas import load_schema

NEEDS_KIND = "needs one of the keys"  # wording of the schemas' "which kind is this?" errorMessages
TYPO_KEYWORD = "x-typoKeys"
TYPO_CUTOFF = 0.85


def errors(data: Any, schema_name: str) -> list[Any]:
    """The leaf errors of `data` against the schema `schema_name` (jsonschema ValidationErrors)."""
    leaves = [leaf for error in validator(schema_name).iter_errors(data) for leaf in _leaves(error)]
    return _drop_redundant(leaves)


@functools.cache
def validator(name: str) -> Any:
    """A Draft 2020-12 validator for schema `name`, built once."""
    from jsonschema import Draft202012Validator, FormatChecker, validators

    from recipegen.validation import matchspec

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

    types = Draft202012Validator.TYPE_CHECKER.redefine("string", _is_string)
    formats = FormatChecker(formats=())
    formats.checks("conda-matchspec", raises=ValueError)(_raising(matchspec.parse_error))
    formats.checks("conda-matchspec-constraint", raises=ValueError)(_raising(matchspec.constraint_error))
    properties = _fast_properties(Draft202012Validator.VALIDATORS["properties"], targets)
    additional_properties = _fast_additional(Draft202012Validator.VALIDATORS["additionalProperties"], targets)
    keywords = {
        "$ref": ref,
        "if": if_,
        "properties": properties,
        "additionalProperties": additional_properties,
        TYPO_KEYWORD: _typo_keys,
    }
    extended = validators.extend(Draft202012Validator, validators=keywords, type_checker=types)
    return extended(schema, format_checker=formats)


ANNOTATIONS = frozenset(
    {"description", "title", "examples", "default", "deprecated", "$comment", "markdownDescription"}
)
SIMPLE_KEYWORDS = frozenset({"type", "pattern", "enum", "const", "$ref"})


def _passes_simply(validator: Any, subschema: Any, instance: Any, targets: dict[str, Any], depth: int = 0) -> bool:
    """Whether `instance` certainly passes `subschema` when that asserts only `type`, `pattern`,
    `enum`, `const` or a local `$ref` to such a schema (False: not known, validate it the
    standard way). Checked as jsonschema does (`re.search`; enum/const stricter: same type)."""
    if not isinstance(subschema, dict) or depth > 3 or set(subschema) - ANNOTATIONS - SIMPLE_KEYWORDS:
        return False
    if "$ref" in subschema:
        target = targets.get(subschema["$ref"])
        if target is None or not _passes_simply(validator, target, instance, targets, depth + 1):
            return False
    declared = subschema.get("type")
    if declared is not None:
        kinds = [declared] if isinstance(declared, str) else declared
        if not any(validator.is_type(instance, kind) for kind in kinds):
            return False
    if "pattern" in subschema and isinstance(instance, str) and not re.search(subschema["pattern"], instance):
        return False
    allowed = subschema["enum"] if "enum" in subschema else [subschema["const"]] if "const" in subschema else None
    return allowed is None or any(type(value) is type(instance) and value == instance for value in allowed)


def _fast_properties(standard: Any, targets: dict[str, Any]) -> Any:
    """`properties` that skips the values which pass a simple subschema (most of a lockfile's
    ~10,000 leaves); every other value, and every failure, goes the standard way, so the errors
    are the standard ones."""

    def properties(validator, properties, instance, schema):
        if not isinstance(instance, dict):
            yield from standard(validator, properties, instance, schema)
            return
        for name, subschema in properties.items():
            if name in instance and not _passes_simply(validator, subschema, instance[name], targets):
                yield from standard(validator, {name: subschema}, instance, schema)

    return properties


def _fast_additional(standard: Any, targets: dict[str, Any]) -> Any:
    """`additionalProperties` that returns at once when every extra value passes a simple subschema."""

    def additional_properties(validator, additional, instance, schema):
        if isinstance(instance, dict) and "patternProperties" not in schema and isinstance(additional, dict):
            declared = schema.get("properties", {})
            extras = [value for key, value in instance.items() if key not in declared]
            if all(_passes_simply(validator, additional, value, targets) for value in extras):
                return
        yield from standard(validator, additional, instance, schema)

    return additional_properties


def _is_string(checker: Any, instance: Any) -> bool:
    """A YAML timestamp (`2024-04-13T14:35:30Z`, read by ruamel.yaml as a date) is a string to
    the tools that read these files (rattler-build, conda): text in JSON terms."""
    import datetime

    return isinstance(instance, (str, datetime.date))


def _raising(reason_of):
    def check(instance: Any) -> bool:
        if isinstance(instance, str):
            reason = reason_of(instance)
            if reason:
                raise ValueError(reason)
        return True

    return check


def _typo_keys(validator, enabled, instance, schema) -> Iterator[Any]:
    """An unknown key close to a known one of the same mapping is a misspelling."""
    if not enabled or not isinstance(instance, dict):
        return
    from jsonschema.exceptions import ValidationError

    known = list(schema.get("properties", {}))
    for key in instance:
        if isinstance(key, str) and key not in known:
            close = difflib.get_close_matches(key, known, n=1, cutoff=TYPO_CUTOFF) or _transposed(key, known)
            if close:
                yield ValidationError(close[0], instance=key)  # the message is the known key (messages.py)


def _transposed(key: str, known: list[str]) -> list[str]:
    """The known key `key` is with two neighbouring letters swapped (`biuld`), for keys of 4+ letters."""
    for name in known:
        if len(name) == len(key) >= 4:
            diff = [i for i, (a, b) in enumerate(zip(name, key, strict=True)) if a != b]
            if (
                len(diff) == 2
                and diff[1] == diff[0] + 1
                and name[diff[0]] == key[diff[1]]
                and name[diff[1]] == key[diff[0]]
            ):
                return [name]
    return []


_PY_TYPES = {"object": dict, "array": list}


def _compile_condition(schema: Any):
    """A plain predicate equivalent to `schema`, or None when the shape is not a simple one:
    a `type` (object or array), `required` keys, an `anyOf` of `required`, and `properties`
    holding only a `const` or a `pattern`. Without `type`, anything but a mapping passes."""
    if not isinstance(schema, dict) or not set(schema) <= {"type", "required", "anyOf", "properties"}:
        return None
    kind = _PY_TYPES.get(schema.get("type", "object"))
    if kind is None:
        return None
    required = tuple(schema.get("required", ()))
    alternatives = []
    for option in schema.get("anyOf", ()):
        if not (isinstance(option, dict) and set(option) == {"required"}):
            return None
        alternatives.append(tuple(option["required"]))
    checks = {}
    for key, sub in schema.get("properties", {}).items():
        check = _property_check(sub)
        if check is None:
            return None
        checks[key] = check
    typed = "type" in schema

    def predicate(value: Any) -> bool:
        if not isinstance(value, kind):
            return not typed and kind is dict  # untyped keywords hold for other values
        if kind is dict:
            if not all(k in value for k in required):
                return False
            if alternatives and not any(all(k in value for k in keys) for keys in alternatives):
                return False
            if not all(check(value[key]) for key, check in checks.items() if key in value):
                return False
        return True

    return predicate


def _property_check(sub: Any):
    """A check of one property's value for `{"const": ...}` or `{"pattern": ...}` (with an
    optional description), or None for any other shape."""
    if not isinstance(sub, dict):
        return None
    keys = set(sub) - {"description"}
    if keys == {"const"} and isinstance(sub["const"], (str, int)):
        constant = sub["const"]
        return lambda value: _same(value, constant)
    if keys == {"pattern"} and isinstance(sub["pattern"], str):
        import re

        compiled = re.compile(sub["pattern"])
        return lambda value: not isinstance(value, str) or compiled.search(value) is not None
    return None


def _same(value: Any, constant: Any) -> bool:
    """JSON Schema equality with a string or integer constant (true is not 1, 1.0 is)."""
    if isinstance(constant, str):
        return isinstance(value, str) and value == constant
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == constant


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
