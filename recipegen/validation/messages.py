"""Formatting: leaf schema errors to Problems with positions and messages people can act on.

jsonschema's own messages ("... is not valid under any of the given schemas") are replaced by
messages that name the key path and say what was expected: a `title` on a definition is the
noun used, a custom `errorMessage` keyword (which yaml-language-server shows too) gives the
text for forbidden constructs, an unknown key gets a "did you mean", the v1 name of a v0 key or
the places the key belongs in the schema. Positions come from the document's `Positions`, so
YAML and JSON files are pointed at alike.
"""

from __future__ import annotations

import difflib
import json
import re
from typing import Any

from recipegen.problems import Problem, Severity
from recipegen.validation.positions import Positions
from recipegen.validation.wording import (
    as_list,
    describe,
    describe_place,
    describe_types,
    flow_text,
    in_path,
    key_places,
    place,
    place_rank,
    quote_path,
    show,
    where,
)
from recipegen.yamlio import Span

RULE_ID = "schema"

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


MAX_LISTED_CHOICES = 8  # a longer enum is named by its title (the did-you-mean gives the nearest)


class Formatter:
    """Turns a document's leaf errors into Problems: a message naming the key path and what
    was expected, at the node it is about."""

    def __init__(self, root: Any, filename: str, schema: dict, positions: Positions) -> None:
        self.root = root
        self.filename = filename
        self.schema = schema
        self.at = positions
        self.is_recipe = "multi_output_recipe" in schema.get("$defs", {})  # v0 hints are for recipes

    def problems(self, error) -> list[Problem]:
        path = list(error.absolute_path)
        method = getattr(self, f"_on_{error.validator}".replace("-", "_"), None)
        if method is not None:
            result = method(error, path)
            if result is not None:
                return result
        span = self.at.node_span(path)
        return [self._problem(span, f"{where(path)}: {error.message}")]

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
            span = self.at.key_span([*path, key])
            message = f"unknown key '{flow_text(key)}' {in_path(path)}{self._key_hint(str(key), allowed, path)}"
            out.append(self._problem(span, message))
        return out

    def _key_hint(self, key: str, allowed: list[str], path: list) -> str:
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        if close:
            return f" (did you mean '{close[0]}'?)"
        renamed = V0_KEYS.get(key) if self.is_recipe else None
        if renamed and (renamed.split(".")[0] in allowed or not renamed.isidentifier()):
            return f" (v0 key; in v1 use {quote_path(renamed)})"
        here = place(path)
        places = [spot for spot in key_places(self.schema, self._shape()).get(key, []) if spot != here]
        if places:
            best = min(place_rank(p) for p in places)
            shown = " or ".join(describe_place(p) for p in places if place_rank(p) == best)
            return f" ('{key}' belongs {shown})"
        if renamed:
            return f" (v0 key; in v1 use {quote_path(renamed)})"
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
            span = self.at.node_span(path) if path else Span(1, 1, 1, 2)
            hint = MISSING_KEY_HINTS.get(key)
            if key == "package" and (path or not self.is_recipe):
                hint = None
            if "dependentSchemas" in error.schema_path:  # required because another key is there
                hint = str(error.schema.get("description", "")).rstrip(".") or hint
            message = f"missing required key '{key}' {in_path(path)}" + (f" ({hint})" if hint else "")
            out.append(self._problem(span, message))
        return out

    def _on_type(self, error, path):
        expected = describe_types(error.validator_value)
        message = f"{where(path)}: expected {expected}, got {show(error.instance)}"
        if (
            "string" in as_list(error.validator_value)
            and isinstance(error.instance, (int, float))
            and not isinstance(error.instance, bool)
        ):
            message += f' (quote it: "{self.at.written(path, error.instance)}")'
        return [self._problem(self.at.value_span(path), message)]

    def _on_anyOf(self, error, path):
        expected = describe(error.schema, self.schema)
        message = f"{where(path)}: expected {expected}, got {show(error.instance)}"
        return [self._problem(self.at.value_span(path), message + self._closest(error))]

    def _closest(self, error, choices: list | None = None) -> str:
        """` (did you mean 'x'?)` for a string close to one of the allowed values."""
        if not isinstance(error.instance, str):
            return ""
        if choices is None:  # the enums of an anyOf's alternatives
            choices = [v for sub in error.context or () if sub.validator == "enum" for v in sub.validator_value]
        close = difflib.get_close_matches(error.instance, [v for v in choices if isinstance(v, str)], n=1, cutoff=0.6)
        return f" (did you mean '{close[0]}'?)" if close else ""

    _on_oneOf = _on_anyOf

    def _on_enum(self, error, path):
        choices = [value for value in error.validator_value if value is not None]
        title = error.schema.get("title") if len(choices) > MAX_LISTED_CHOICES else None
        expected = title or describe({"enum": choices}, self.schema)
        message = f"{where(path)}: expected {expected}, got {show(error.instance)}"
        return [self._problem(self.at.value_span(path), message + self._closest(error, choices))]

    def _on_const(self, error, path):
        return [
            self._problem(
                self.at.value_span(path),
                f"{where(path)}: expected {json.dumps(error.validator_value)}, got {show(error.instance)}",
            )
        ]

    def _on_pattern(self, error, path):
        title = error.schema.get("title") or f"a string matching {error.validator_value}"
        if "propertyNames" in error.schema_path:  # instance is the key; path is its mapping's
            span = self.at.key_span([*path, error.instance])
            return [self._problem(span, f"{where(path)}: key {show(error.instance)} is not {title}")]
        return [self._problem(self.at.node_span(path), f"{where(path)}: expected {title}, got {show(error.instance)}")]

    def _on_minItems(self, error, path):
        n = error.validator_value
        return [
            self._problem(self.at.node_span(path), f"{where(path)}: expected at least {n} item{'s' if n != 1 else ''}")
        ]

    def _on_minLength(self, error, path):
        return [self._problem(self.at.node_span(path), f"{where(path)}: must not be empty")]

    def _on_not(self, error, path):
        text = error.schema.get("errorMessage")
        if not text:
            return None
        if path and isinstance(path[-1], str) and error.validator_value == {}:
            span = self.at.key_span(path)
        else:
            span = self.at.node_span(path)
        return [self._problem(span, f"{where(path)}: {text}")]

    def _on_minimum(self, error, path, bound: str = "at least"):
        message = f"{where(path)}: expected {bound} {error.validator_value}, got {show(error.instance)}"
        return [self._problem(self.at.value_span(path), message)]

    def _on_maximum(self, error, path):
        return self._on_minimum(error, path, bound="at most")

    def _on_minProperties(self, error, path):
        return [self._problem(self.at.node_span(path), f"{where(path)}: must not be empty")]

    def _on_format(self, error, path):
        """A MatchSpec that py-rattler's parser cannot read, with the parser's reason."""
        reason = str(error.cause) if error.cause is not None else "not readable"
        if error.validator_value == "conda-matchspec-constraint" and path:
            spec = f"{path[-1]} {error.instance}"
            message = f"{where(path)}: {show(spec)} is not a valid MatchSpec ({reason})"
        else:
            message = f"{where(path)}: {show(error.instance)} is not a valid MatchSpec ({reason})"
        return [self._problem(self.at.value_span(path), message)]

    def _on_x_typoKeys(self, error, path):
        """An unknown key one or two letters off a known one (check.py puts the known key in
        the error's message)."""
        key = error.instance
        message = f"unknown key '{key}' {in_path(path)} (did you mean '{error.message}'?)"
        return [self._problem(self.at.key_span([*path, key]), message)]
