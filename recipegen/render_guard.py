"""Bound the work a recipe's `${{ }}` expressions can make rattler-build do, before it renders them.

rattler-build evaluates every expression with no limit: `${{ "a" * 10**9 }}`, or context
variables that each double the previous one, take minutes and gigabytes. A recipe whose
expressions could build large values (a `*`, `range()`, a filter with a size argument, or a
context variable built from others) is first evaluated in the linter's Jinja sandbox
(recipegen.sandbox: size, operation and time budgets), context variables in order;
an expression that breaks a limit is reported at its place and rattler-build is not asked.
Everything else, and every judgement of what is valid, is left to rattler-build.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)
# constructs that can make a value grow; only recipes using one are evaluated in the sandbox
GROWS_ANYWHERE = re.compile(r"\*|\brange\s*\(|\|\s*(?:center|indent|wordwrap|truncate|format|batch|slice)\b")
GROWS_IN_CONTEXT = re.compile(r"~|\+|\breplace\b|\bjoin\b|\bformat\b|%")
CONTEXT_BLOCK = re.compile(r"^context:[ \t]*\n((?:[ \t#].*\n|\n)*)", re.MULTILINE)
CONDITION = re.compile(r"^[ \t]*(?:-[ \t]+)?if:[ \t]*(.+)$", re.MULTILINE)


def might_grow(text: str) -> bool:
    """Whether an expression of the recipe could build a large value (cheap text scan)."""
    expressions = [*EXPRESSION.finditer(text), *CONDITION.finditer(text)]
    if any(GROWS_ANYWHERE.search(found.group(1)) for found in expressions):
        return True
    context = CONTEXT_BLOCK.search(text + "\n")
    return bool(context and any(GROWS_IN_CONTEXT.search(e.group(1)) for e in EXPRESSION.finditer(context.group(1))))


def over_limit(text: str) -> tuple[str, str] | None:
    """(message, expression) of the first expression that breaks the sandbox's limits, else None."""
    if not might_grow(text):
        return None
    from recipegen.problems import InputError
    from recipegen.sandbox import LimitedSandbox, RenderLimitError
    from recipegen.yamlio import parse_yaml, to_plain

    try:
        data = to_plain(parse_yaml(text, "recipe.yaml", keep_comments=False))
    except (InputError, RecursionError):
        return None  # rattler-build reports the broken YAML
    sandbox = LimitedSandbox()
    variables: dict[str, Any] = {}
    context = data.get("context") if isinstance(data, dict) else None
    for key, value in (context or {}).items() if isinstance(context, dict) else ():
        try:
            variables[str(key)] = _evaluate(sandbox, value, variables)
        except RenderLimitError as exc:
            return str(exc), str(value)
    for expression in _strings(data):
        try:
            _evaluate(sandbox, expression, variables)
        except RenderLimitError as exc:
            return str(exc), expression
    return None


def _evaluate(sandbox: Any, value: Any, variables: dict[str, Any]) -> Any:
    """`value` rendered in the sandbox (a lone expression keeps its type); other errors are
    rattler-build's to report, so they give the value unchanged."""
    from recipegen.sandbox import RenderLimitError

    if not isinstance(value, str) or "${{" not in value:
        return value
    sandbox.new_budget(seconds=0.5)
    try:
        lone = EXPRESSION.fullmatch(value.strip())
        if lone:  # keeps the value's type: `n: ${{ 10**9 }}` then `${{ "a" * n }}`
            source = "{% set result = (" + lone.group(1) + ") %}"
            return getattr(sandbox.from_source(source).make_module(variables), "result", value)
        template = sandbox.from_source(EXPRESSION.sub(lambda m: "{{" + m.group(1) + "}}", value))
        return sandbox.render_limited(template, variables, max_output=1_000_000)
    except RenderLimitError:
        raise
    except Exception:
        return value


def _strings(data: Any) -> Iterator[str]:
    """Every string holding an expression outside `context`, and every `if:` condition."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "context":
                continue
            if key == "if" and isinstance(value, str):
                yield "${{ " + value + " }}"
            else:
                yield from _strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)
    elif isinstance(data, str) and "${{" in data:
        yield data
