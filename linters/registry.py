"""Finds the rule modules in linters/rules/ (one module per rule)."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from recipegen.linters import rules as rules_package
from recipegen.linters.model import RuleModule

RULE_DOCS_URL = "https://github.com/recipegen/recipegen/blob/main/docs/rules.md#{id}"


@lru_cache(maxsize=None)
def all_rules() -> tuple[RuleModule, ...]:
    found = []
    for info in sorted(pkgutil.iter_modules(rules_package.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{rules_package.__name__}.{info.name}")
        if hasattr(module, "ID") and hasattr(module, "check"):
            found.append(module)
    ids = [m.ID for m in found]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise RuntimeError(f"duplicate rule ids: {sorted(duplicates)}")
    return tuple(found)


def rules_by_id() -> dict[str, RuleModule]:
    return {rule.ID: rule for rule in all_rules()}


def rule_url(rule_id: str) -> str:
    return RULE_DOCS_URL.format(id=rule_id)
