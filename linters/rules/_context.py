"""v1 `context` values and `${{ ... }}` expressions evaluated as rattler-build would, for names.

`context` is evaluated in order (a value may use the ones before it); an expression is
evaluated in the linter's Jinja sandbox when every name it uses is a context value, so
`${{ name|lower }}`, `${{ name | replace('-', '_') }}` and `${{ version.split('.')[0] }}` give
the text rattler-build gives. Anything else (`compiler(...)`, unknown names, filters jinja does
not have) is left as written.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)
MAX_EXPRESSION = 500


def context_values(context: Any) -> dict[str, str]:
    """Each scalar `context` value as text, expressions evaluated against the values before it."""
    values: dict[str, str] = {}
    if not isinstance(context, dict):
        return values
    for key, value in context.items():
        if value is None or isinstance(value, (dict, list)):
            continue
        text = render(str(value).lower() if isinstance(value, bool) else str(value), values)
        if "${{" not in text:
            values[str(key)] = text
    return values


def render(text: str, values: dict[str, str]) -> str:
    """`text` with each `${{ expr }}` that can be evaluated from `values` replaced."""
    if "${{" not in text:
        return text
    frozen = tuple(values.items())

    def substitute(match: re.Match[str]) -> str:
        result = evaluate(match.group(1).strip(), frozen)
        return match.group(0) if result is None else result

    return EXPRESSION.sub(substitute, text)


@lru_cache(maxsize=4096)
def evaluate(expression: str, values: tuple[tuple[str, str], ...]) -> str | None:
    """The text of `expression` (None when it uses anything but the context values)."""
    if not expression or len(expression) > MAX_EXPRESSION:
        return None
    known = dict(values)
    if expression in known:  # the common case: `${{ version }}`
        return known[expression]
    from jinja2 import TemplateError, meta

    from recipegen.sandbox import RenderLimitError

    env = _sandbox()
    try:
        names = meta.find_undeclared_variables(env.parse("{{ " + expression + " }}"))
        if not names <= known.keys():
            return None
        env.new_budget(seconds=0.2)
        result = env.compile_expression(expression, undefined_to_none=True)(**known)
    except (TemplateError, RenderLimitError, ArithmeticError, TypeError, ValueError, AttributeError, IndexError):
        return None
    if result is None or isinstance(result, (dict, list, tuple, set)):
        return None
    return str(result)


@lru_cache(maxsize=1)
def _sandbox() -> Any:
    from recipegen.sandbox import LimitedSandbox

    return LimitedSandbox()
