"""The gate before an updated recipe is written: it must parse, validate, lint without new
errors and render with rattler-build wherever the original did.

The original recipe is checked the same way first, so problems it already had (a schema
quirk conda-forge tolerates, a lint error the maintainers live with) never block an update;
only problems the edit would add do. This is the pipeline layer: it calls the linter.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from recipegen.problems import InputError, Problem, Severity


@dataclass
class CheckState:
    unusable: str = ""  # the text does not parse at all
    schema: list[Problem] = field(default_factory=list)
    lint: list[Problem] = field(default_factory=list)  # errors only
    render: list[str] = field(default_factory=list)  # platforms (or "parse") rattler-build fails on


def check_state(text: str, path: Path, fmt: str, variant_files: list) -> CheckState:
    from recipegen.linters.api import lint_text

    state = CheckState()
    try:
        state.lint = [p for p in lint_text(text, str(path), schema=False) if p.severity is Severity.ERROR]
    except InputError as exc:
        state.unusable = f"{exc.line}:{exc.column}: {exc.message}" if exc.line else exc.message
        return state
    if fmt == "v1":
        from recipegen.render import render_recipe
        from recipegen.validate import validate_text

        state.schema = list(validate_text(text, str(path)))
        result = render_recipe(text, path, variant_files=variant_files)
        state.render = [f.platform.label if f.platform else "parse" for f in result.failures]
    return state


def _added(before: list[Problem], after: list[Problem]) -> list[Problem]:
    """Problems of rules that fire more often after the edit (messages may quote changed values)."""
    was = Counter(p.rule_id for p in before)
    now = Counter(p.rule_id for p in after)
    seen = {(p.rule_id, p.message) for p in before}
    added = []
    for rule in now:
        if now[rule] > was[rule]:
            found = [p for p in after if p.rule_id == rule]
            added.append(next((p for p in found if (p.rule_id, p.message) not in seen), found[0]))
    return added


def new_problems(before: CheckState, after: CheckState) -> str:
    """One line saying what the edit breaks ("" when it breaks nothing)."""
    if after.unusable and not before.unusable:
        return f"the edited recipe would not parse ({after.unusable})"
    schema = _added(before.schema, after.schema)
    if schema:
        return f"the edited recipe would not validate (line {schema[0].line}: {schema[0].message})"
    lint = _added(before.lint, after.lint)
    if lint:
        first = lint[0]
        return f"the edited recipe would add lint error {first.rule_id} (line {first.line}: {first.message})"
    broken = [p for p in after.render if p not in before.render]
    if broken:
        return f"the edited recipe would not render with rattler-build on {', '.join(broken)}"
    return ""
