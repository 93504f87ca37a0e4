"""Evaluating v0 Jinja expressions whose values are known without a platform (loop lists, tests).

Expressions run in recipegen's hardened Jinja sandbox (no file or module access, bounded work):
a hostile `{% for i in range(10**9) %}` fails with a clear problem instead of hanging.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from recipegen.convert.template import TemplateError


class LimitError(TemplateError):
    """The expression asks for more work than any recipe needs (a hostile or broken template)."""


@lru_cache(maxsize=1)
def _sandbox() -> Any:
    from recipegen.sandbox import LimitedSandbox

    return LimitedSandbox()


@lru_cache(maxsize=4096)
def _compiled(source: str) -> Any:
    return _sandbox().compile_expression(source, undefined_to_none=False)


def evaluate(source: str, values: dict[str, Any]) -> Any:
    """The value of a v0 expression with `values` bound; TemplateError when it cannot be known."""
    from jinja2 import TemplateError as JinjaError

    from recipegen.sandbox import RenderLimitError

    sandbox = _sandbox()
    sandbox.new_budget(seconds=1.0)
    try:
        result = _compiled(source)(**values)
    except RenderLimitError as exc:
        raise LimitError(0, f"refused to evaluate `{source}`: {exc}") from None
    except (JinjaError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
        raise TemplateError(0, f"cannot evaluate `{source}`: {exc}") from None
    if type(result).__name__ == "NameUndefined":
        raise TemplateError(0, f"`{source}` is not known before rendering")
    return result


def boolean_tests(source: str, unknown: set[str]) -> list[str] | None:
    """The comparisons in `source` that are the only places `unknown` names appear (v0 text)."""
    from jinja2 import nodes

    from recipegen.convert.expressions import Untranslatable, parse_expression, print_expression

    try:
        tree = parse_expression(source)
    except Untranslatable:
        return None
    tests: list[str] = []
    covered: set[int] = set()
    for node in tree.find_all(nodes.Compare):
        names = {n.name for n in node.find_all(nodes.Name)} | (
            {node.expr.name} if isinstance(node.expr, nodes.Name) else set()
        )
        if names and names <= unknown:
            text = print_expression(node)
            if text not in tests:
                tests.append(text)
            covered |= {id(n) for n in node.find_all(nodes.Name)}
    outside = [n for n in tree.find_all(nodes.Name) if n.name in unknown and id(n) not in covered]
    if isinstance(tree, nodes.Name) and tree.name in unknown:
        return None
    return None if outside else tests


def substitute_tests(source: str, truths: dict[str, bool]) -> str:
    """`source` with each comparison in `truths` replaced by its value."""
    import copy

    from jinja2 import nodes

    from recipegen.convert.expressions import parse_expression, print_expression

    tree = copy.deepcopy(parse_expression(source))
    if isinstance(tree, nodes.Compare) and print_expression(tree) in truths:
        return print_expression(nodes.Const(truths[print_expression(tree)]))
    for parent in [tree, *tree.find_all(nodes.Node)]:
        for field_name in parent.fields:
            value = getattr(parent, field_name, None)
            if isinstance(value, nodes.Compare) and print_expression(value) in truths:
                setattr(parent, field_name, nodes.Const(truths[print_expression(value)]))
    return print_expression(tree)
