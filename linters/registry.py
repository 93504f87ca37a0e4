"""Finds the rule modules in linters/rules/ (one module per rule) and describes every rule id.

Besides the rule modules there are three built-in ids the framework reports itself:
`schema` (v1 JSON-Schema problems), `recipe-not-renderable` (v0 Jinja/selector/YAML-after-
rendering failures) and `unusable-input` (exit 2: missing, binary, huge or non-YAML input).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from recipegen.linters import rules as rules_package
from recipegen.linters.model import RuleModule

from recipegen.problems import Severity

RULE_DOCS_URL = "https://github.com/recipegen/recipegen/blob/main/docs/rules.md#{id}"
SCHEMA_ID = "schema"
NOT_RENDERABLE_ID = "recipe-not-renderable"
UNUSABLE_ID = "unusable-input"
# rules that take far longer than the others (rattler-build renders every platform): the language
# server runs them in a second phase, `lint --fix` checks each fix without them and once at the end
SLOW_RULES = frozenset({"render-fails"})


class BuiltinRule:
    """A rule id the framework reports itself (same attributes as a rule module, no check)."""

    def __init__(
        self,
        rule_id: str,
        severity: Severity,
        formats: frozenset[str],
        doc: str,
        EQUIVALENT: tuple[str, ...] = (),
        CONDA_FORGE_ONLY: bool = False,
    ) -> None:
        self.ID = rule_id
        self.SEVERITY = severity
        self.FORMATS = formats
        self.__doc__ = doc
        self.EQUIVALENT = EQUIVALENT
        self.CONDA_FORGE_ONLY = CONDA_FORGE_ONLY


BUILTIN_RULES = (
    BuiltinRule(
        SCHEMA_ID,
        Severity.ERROR,
        frozenset({"v1"}),
        """\
The recipe does not match recipegen's JSON Schema of the v1 format.

Why: rattler-build refuses unknown keys, wrong types and missing required fields; the schema
(`recipegen schema`, the same `recipegen validate` uses) says exactly which and where. An unknown
top-level key is reported here only, not again by `unexpected-top-level-key`, and carries that
rule's conda-smithy equivalents (R-000).

Passing::

    package:
      name: foo
      version: "1.0"

Failing::

    package:
      name: foo
      verison: "1.0"
""",
    ),
    BuiltinRule(
        NOT_RENDERABLE_ID,
        Severity.ERROR,
        frozenset({"v0"}),
        """\
The meta.yaml cannot be rendered (Jinja error, unreadable selector) or is not YAML after rendering.

Why: conda-build cannot read it either. The Jinja is rendered in a sandbox with conda-build's
functions stubbed, once per main platform; the problem names the line and the platforms.

Passing::

    {% set version = "1.0" %}
    package:
      version: {{ version }}

Failing::

    {% set version = "1.0" %
    package:
      version: {{ version }}
""",
        EQUIVALENT=("recipe-not-parsable", "R-036"),
    ),
    BuiltinRule(
        UNUSABLE_ID,
        Severity.ERROR,
        frozenset({"v0", "v1"}),
        """\
The input cannot be used at all: missing path, binary or non-UTF-8 file, file over 2 MB, invalid YAML, alias bomb.

Why: there is nothing to lint. The command exits with status 2. (A repeated key is not
unusable input: the recipe is linted and `duplicate-key` reports it at its line.)

Passing::

    package:
      name: foo

Failing::

    package:
      name: [foo
""",
    ),
)


@cache
def all_rules() -> tuple[RuleModule, ...]:
    found = []
    for info in sorted(pkgutil.iter_modules(rules_package.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{rules_package.__name__}.{info.name}")
        if hasattr(module, "ID") and hasattr(module, "check"):
            found.append(module)
    ids = [m.ID for m in found] + [b.ID for b in BUILTIN_RULES]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise RuntimeError(f"duplicate rule ids: {sorted(duplicates)}")
    return tuple(found)


def rules_by_id() -> dict[str, RuleModule]:
    return {rule.ID: rule for rule in all_rules()}


def described_rules() -> list:
    """Rule modules and built-in rules, sorted by id (for docs, SARIF and `--select` checks)."""
    return sorted([*all_rules(), *BUILTIN_RULES], key=lambda r: r.ID)


def known_ids() -> frozenset[str]:
    return frozenset(r.ID for r in described_rules())


def rule_url(rule_id: str) -> str:
    return RULE_DOCS_URL.format(id=rule_id)


def rule_summary(rule: object) -> str:
    """First line of the rule's docstring (its short description)."""
    doc = (getattr(rule, "__doc__", "") or "").strip()
    return doc.splitlines()[0].strip() if doc else str(getattr(rule, "ID", ""))


def rule_skip_keys(rule: object) -> frozenset[str]:
    """conda-forge.yml `linter: skip:` names that switch the rule off (optional SKIP_KEY)."""
    key = getattr(rule, "SKIP_KEY", None)
    if not key:
        return frozenset()
    return frozenset([key] if isinstance(key, str) else key)


def sarif_rules() -> dict[str, dict]:
    return {
        r.ID: {
            "summary": rule_summary(r),
            "url": rule_url(r.ID),
            "severity": r.SEVERITY.value,
            "equivalent": list(getattr(r, "EQUIVALENT", ())),
        }
        for r in described_rules()
    }
