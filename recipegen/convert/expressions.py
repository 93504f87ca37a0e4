"""conda-build Jinja expressions and selectors -> rattler-build (minijinja) expressions.

v0 templates are rendered by Python's jinja2 with Python objects: `version.split('.')[0]`,
`'_'.join(...)`, `environ['X']` and selectors such as `py>=38` all work there. rattler-build's
minijinja has no Python methods and other names, so each expression is parsed with jinja2's own
parser, rewritten node by node (methods -> filters, `max_pin` -> `upper_bound`, `py>=38` ->
`match(python, ">=3.8")`, `environ` -> `env.get`, ...) and printed again. An expression that
needs no rewrite keeps its text exactly as the author wrote it.

Rewrites that have no v1 form raise `Untranslatable` with the reason.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinja2 import Environment, nodes
from jinja2.exceptions import TemplateSyntaxError


class Untranslatable(Exception):
    """An expression with no rattler-build equivalent; the message says why."""


_PARSER = Environment()

# conda-build's selector names that rattler-build spells differently or lacks
# (conda-build metadata.get_selectors; rattler-build docs/selectors.md)
SELECTOR_NAMES: dict[str, str] = {
    "x86": "(x86 or x86_64)",  # conda-build: any x86 (-32 or -64); rattler-build: 32-bit only
    "arm": "(armv6l or armv7l)",
    "py3k": "true",
    "py2k": "false",
    "nomkl": "false",
}
PY_FLAGS = {f"py{n}": f"{n // 10}.{n % 10}" for n in (26, 27, 33, 34, 35, 36)}
# v0 functions without a v1 form (rattler-build never reads the source before rendering)
UNSUPPORTED_FUNCTIONS: dict[str, str] = {
    "load_setup_py_data": "reads setup.py at render time",
    "load_setuptools": "reads setup.py at render time",
    "load_file_data": "reads a source file at render time",
    "load_str_data": "parses data at render time",
    "load_file_regex": "reads a source file at render time",
    "resolved_packages": "needs the solved environment at render time",
    "ccache": "has no v1 form",
}
# set by conda-build from the source's git / hg checkout when it renders (conda-build's
# environ.py get_git_info / get_hg_build_info); a v1 recipe has no such variables
VCS_VARIABLES = frozenset(
    {"GIT_DESCRIBE_TAG", "GIT_DESCRIBE_NUMBER", "GIT_DESCRIBE_HASH", "GIT_FULL_HASH", "GIT_BUILD_STR"}
    | {"HG_BRANCH", "HG_BUILD_STR", "HG_LATEST_TAG", "HG_LATEST_TAG_DISTANCE", "HG_NUM_ID", "HG_SHORT_ID"}
)
METHOD_FILTERS = {"split": "split", "replace": "replace", "lower": "lower", "upper": "upper", "strip": "trim"}
METHOD_TESTS = {"startswith": "startingwith", "endswith": "endingwith"}
PIN_KWARGS = {"max_pin": "upper_bound", "min_pin": "lower_bound"}
PIN_FUNCTIONS = ("pin_subpackage", "pin_compatible")
BUILD_TIME_VARIABLES = frozenset(
    {"PYTHON", "PREFIX", "BUILD_PREFIX", "SRC_DIR", "RECIPE_DIR", "SP_DIR", "PY_VER", "LIBRARY_PREFIX"}
)
# `${{ PREFIX }}` & co.: rattler-build fills them in when the build (or test) runs
BUILD_TIME_EXPRESSION = re.compile(r"\$\{\{\s*(" + "|".join(sorted(BUILD_TIME_VARIABLES)) + r")\s*\}\}")
# `pip check` as v0 tests write it (`python -m pip check`, `{{ PYTHON }} -m pip check`)
PIP_CHECK = re.compile(r"^(?:(?:\$\{\{\s*PYTHON\s*\}\}|\$\{?PYTHON\}?|python)\s+-m\s+)?pip\s+check$")


@dataclass
class Scope:
    """What names mean while translating one expression.

    `constants`: names bound to a value (loop variables) -> printed as literals.
    `renames`: context variables renamed (a reassigned `{% set %}`) -> their current name.
    `build_number`: the v1 expression of the build number (for `PKG_BUILDNUM`).
    `in_script`: build scripts keep build-time variables (`${{ PYTHON }}`).
    """

    constants: Mapping[str, Any] = field(default_factory=dict)
    renames: Mapping[str, str] = field(default_factory=dict)
    build_number: str = ""
    package_version: str = ""
    package_name: str = ""  # empty in multi-output recipes (PKG_NAME is each output's name there)
    in_script: bool = False
    variant_keys: frozenset[str] = frozenset()  # conda-build's `environ` holds the variant's values


def parse_expression(source: str) -> nodes.Expr:
    """jinja2's AST of one expression; Untranslatable when jinja2 cannot read it."""
    return _parse_cached(source.strip())


@lru_cache(maxsize=4096)
def _parse_cached(source: str) -> nodes.Expr:
    try:
        template = _PARSER.parse("{{ " + source + " }}")
    except TemplateSyntaxError as exc:
        raise Untranslatable(f"cannot read the Jinja expression `{source}`: {exc.message}") from None
    body = template.body
    if len(body) != 1 or not isinstance(body[0], nodes.Output) or len(body[0].nodes) != 1:
        raise Untranslatable(f"`{source}` is not a single expression")
    return body[0].nodes[0]


def names_in(source: str) -> set[str]:
    """Every variable name an expression reads."""
    tree = parse_expression(source)
    found = {node.name for node in tree.find_all(nodes.Name)}
    return found | {tree.name} if isinstance(tree, nodes.Name) else found


def canonical(expression: str) -> str:
    """An expression printed the one way recipegen prints (for comparing conditions)."""
    try:
        return print_expression(parse_expression(expression))
    except Untranslatable:
        return expression.strip()


def translate(source: str, scope: Scope | None = None, *, selector: bool = False) -> str:
    """The v1 form of a v0 expression (`selector=True`: a `# [...]` selector's Python expression)."""
    scope = scope or Scope()
    tree = copy.deepcopy(parse_expression(source))
    rewriter = _Rewriter(scope, selector)
    new = rewriter.visit(tree)
    if not rewriter.changed:
        return " ".join(source.split()) if "\n" in source else source.strip()
    return print_expression(new)


# --- rewriting ------------------------------------------------------------------------------------


class _Rewriter:
    def __init__(self, scope: Scope, selector: bool) -> None:
        self.scope = scope
        self.selector = selector
        self.changed = False

    def visit(self, node: nodes.Node) -> nodes.Node:
        handler: Callable[[Any], nodes.Node] | None = getattr(self, f"visit_{type(node).__name__}", None)
        if handler is not None:
            return handler(node)
        return self.generic(node)

    def generic(self, node: nodes.Node) -> nodes.Node:
        for name in node.fields:
            value = getattr(node, name, None)
            if isinstance(value, nodes.Node):
                setattr(node, name, self.visit(value))
            elif isinstance(value, list):
                setattr(node, name, [self.visit(v) if isinstance(v, nodes.Node) else v for v in value])
        return node

    def _replace(self, new: nodes.Node) -> nodes.Node:
        self.changed = True
        return new

    def visit_Name(self, node: nodes.Name) -> nodes.Node:
        name = node.name
        if name in self.scope.constants:
            return self._replace(nodes.Const(self.scope.constants[name]))
        if name in self.scope.renames:
            return self._replace(nodes.Name(self.scope.renames[name], "load"))
        if name in UNSUPPORTED_FUNCTIONS:
            raise Untranslatable(f"`{name}()` {UNSUPPORTED_FUNCTIONS[name]}; v1 recipes cannot do that")
        if name in VCS_VARIABLES:
            raise Untranslatable(
                f"`{name}` is set by conda-build from the source's checkout when it renders; "
                "v1 recipes have no such variable: write the value"
            )
        if name == "PKG_HASH":
            return self._replace(nodes.Name("hash", "load"))
        if name == "PKG_BUILDNUM" and self.scope.build_number:
            return self._replace(parse_expression(self.scope.build_number))
        if name == "PKG_VERSION" and self.scope.package_version:
            return self._replace(parse_expression(self.scope.package_version))
        if name == "PKG_NAME" and self.scope.package_name:
            return self._replace(parse_expression(self.scope.package_name))
        if name in ("py", "np", "CONDA_PY", "CONDA_NPY"):
            return self._replace(_version_buildstring("python" if name in ("py", "CONDA_PY") else "numpy"))
        if name in SELECTOR_NAMES:
            return self._replace(parse_expression(SELECTOR_NAMES[name]))
        if name in PY_FLAGS:
            return self._replace(_match("python", f"{PY_FLAGS[name]}.*"))
        if name == "environ":
            raise Untranslatable("`environ` is used as a whole; only `environ['X']`/`environ.get('X')` have a v1 form")
        return node

    def visit_Compare(self, node: nodes.Compare) -> nodes.Node:
        matched = _version_compare(node)
        if matched is not None:
            return self._replace(matched)
        return self.generic(node)

    def visit_Getitem(self, node: nodes.Getitem) -> nodes.Node:
        if _is_environ(node.node) and isinstance(node.arg, nodes.Const):
            return self._replace(self._environ(str(node.arg.value), None))
        call = node.node
        if isinstance(call, nodes.Call) and isinstance(call.node, nodes.Getattr) and call.node.attr == "rsplit":
            return self._replace(self._rsplit_item(call, call.node, node.arg))
        return self.generic(node)

    def _rsplit_item(self, call: nodes.Call, target: nodes.Getattr, index: nodes.Node) -> nodes.Node:
        """`version.rsplit('.', 1)[0]` -> `(version | split('.'))[:-1] | join('.')`; `[-1]` -> the
        last part (minijinja has no rsplit; the parts before the last n are joined back)."""
        if call.kwargs or not 1 <= len(call.args) <= 2:
            raise Untranslatable("`.rsplit()` with other than a literal separator and count has no v1 form")
        try:
            separator = _literal(call.args[0])
            count = _literal(call.args[1]) if len(call.args) == 2 else -1
            position = _literal(index)
        except Untranslatable:
            separator = None
        if not isinstance(separator, str) or not isinstance(count, int) or not isinstance(position, int):
            raise Untranslatable("`.rsplit()` with other than a literal separator, count and index has no v1 form")
        parts = nodes.Filter(self.visit(target.node), "split", [nodes.Const(separator)], [], None, None)
        if count < 0 or position in (-1, count):
            return nodes.Getitem(parts, nodes.Const(position if count < 0 else -1), "load")
        if position == 0 and count > 0:
            head = nodes.Getitem(parts, nodes.Slice(None, nodes.Const(-count), None), "load")
            return nodes.Filter(head, "join", [nodes.Const(separator)], [], None, None)
        raise Untranslatable(f"`.rsplit(..., {count})[{position}]` has no v1 form")

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        """Parts known here (loop variables) join their neighbours: `"font-" ~ "bold"` -> `"font-bold"`."""
        parts: list[nodes.Node] = []
        for part in (self.visit(p) for p in node.nodes):
            previous = parts[-1] if parts else None
            if isinstance(previous, nodes.Const) and _text_const(previous) and _text_const(part):
                parts[-1] = nodes.Const(str(previous.value) + str(_literal(part)))
                self.changed = True
            else:
                parts.append(part)
        return parts[0] if len(parts) == 1 else nodes.Concat(parts)

    def visit_Getattr(self, node: nodes.Getattr) -> nodes.Node:
        if isinstance(node.node, nodes.Name) and node.node.name == "os" and node.attr == "sep":
            return self._replace(nodes.Const("/"))
        return self.generic(node)

    def _environ(self, variable: str, default: nodes.Node | None) -> nodes.Node:
        if variable in BUILD_TIME_VARIABLES and default is None:
            return nodes.Name(variable, "load")
        if variable in self.scope.variant_keys:  # `environ.get("cuda_compiler_version", "12.6")`
            value = nodes.Name(variable, "load")
            return value if default is None else nodes.Filter(value, "default", [default], [], None, None)
        kwargs = [nodes.Keyword("default", default if default is not None else nodes.Const(""))]
        return nodes.Call(
            nodes.Getattr(nodes.Name("env", "load"), "get", "load"), [nodes.Const(variable)], kwargs, None, None
        )

    def visit_Call(self, node: nodes.Call) -> nodes.Node:
        target = node.node
        if isinstance(target, nodes.Getattr) and target.attr == "get" and _is_environ(target.node):
            if not node.args or not isinstance(node.args[0], nodes.Const):
                raise Untranslatable("`environ.get()` needs a literal variable name")
            default = self.visit(node.args[1]) if len(node.args) > 1 else None
            return self._replace(self._environ(str(node.args[0].value), default))
        if isinstance(target, nodes.Getattr):
            return self._method(node, target)
        if isinstance(target, nodes.Name):
            if target.name in UNSUPPORTED_FUNCTIONS:
                raise Untranslatable(f"`{target.name}()` {UNSUPPORTED_FUNCTIONS[target.name]}; v1 recipes cannot")
            if target.name in PIN_FUNCTIONS:
                return self._pin(node)
            if target.name in ("int", "str"):
                if len(node.args) != 1:
                    raise Untranslatable(f"`{target.name}()` with {len(node.args)} arguments")
                name = "int" if target.name == "int" else "string"
                return self._replace(nodes.Filter(self.visit(node.args[0]), name, [], [], None, None))
            if target.name == "cmp":
                raise Untranslatable("`cmp()` has no v1 form; use `match(var, spec)`")
        return self.generic(node)

    def _pin(self, node: nodes.Call) -> nodes.Node:
        for keyword in node.kwargs:
            if keyword.key in PIN_KWARGS:
                keyword.key = PIN_KWARGS[keyword.key]
                self.changed = True
            if isinstance(keyword.value, nodes.Const) and isinstance(keyword.value.value, bool):
                self.changed = True  # printed as minijinja's `true` / `false`
        return self.generic(node)

    def _method(self, node: nodes.Call, target: nodes.Getattr) -> nodes.Node:
        method, owner = target.attr, target.node
        args = [self.visit(a) for a in node.args]
        if node.kwargs or node.dyn_args or node.dyn_kwargs:
            raise Untranslatable(f"`.{method}()` with keyword arguments has no v1 form")
        if method in METHOD_FILTERS:
            if method == "strip" and args:
                raise Untranslatable("`.strip(chars)` has no v1 form")
            return self._replace(nodes.Filter(self.visit(owner), METHOD_FILTERS[method], args, [], None, None))
        if method in METHOD_TESTS:
            return self._replace(nodes.Test(self.visit(owner), METHOD_TESTS[method], args, [], None, None))
        if method == "join" and len(args) == 1:
            return self._replace(nodes.Filter(args[0], "join", [self.visit(owner)], [], None, None))
        if method == "get" and len(args) in (1, 2):
            owner_node = self.visit(owner)
            item = nodes.Getitem(owner_node, args[0], "load")
            if len(args) == 1:
                return self._replace(item)
            return self._replace(nodes.Filter(item, "default", [args[1]], [], None, None))
        raise Untranslatable(f"the Python method `.{method}()` has no v1 form")


def _literal(node: nodes.Node) -> Any:
    """The value of a literal (`-1` is a negated constant to jinja2); Untranslatable otherwise."""
    if isinstance(node, nodes.Neg) and isinstance(node.node, nodes.Const) and isinstance(node.node.value, int):
        return -node.node.value
    if isinstance(node, nodes.Const):
        return node.value
    raise Untranslatable("a literal is needed here")


def _text_const(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Const) and isinstance(node.value, (str, int)) and not isinstance(node.value, bool)


def _is_environ(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Name) and node.name == "environ":
        return True
    return (
        isinstance(node, nodes.Getattr)
        and node.attr == "environ"
        and isinstance(node.node, nodes.Name)
        and node.node.name == "os"
    )


def _match(variable: str, spec: str) -> nodes.Call:
    return nodes.Call(nodes.Name("match", "load"), [nodes.Name(variable, "load"), nodes.Const(spec)], [], None, None)


def _version_buildstring(variable: str) -> nodes.Filter:
    return nodes.Filter(nodes.Name(variable, "load"), "version_to_buildstring", [], [], None, None)


_FLIPPED = {"lt": "gt", "gt": "lt", "lteq": "gteq", "gteq": "lteq", "eq": "eq", "ne": "ne"}
_SPEC_OPERATORS = {"lt": "<", "gt": ">", "lteq": "<=", "gteq": ">=", "eq": "==", "ne": "!="}


def _version_compare(node: nodes.Compare) -> nodes.Node | None:
    """`py >= 38` -> `match(python, ">=3.8")` (also `np`, and the mirrored `38 <= py`)."""
    if len(node.ops) != 1:
        return None
    left, op, right = node.expr, node.ops[0].op, node.ops[0].expr
    if isinstance(left, nodes.Const) and isinstance(right, nodes.Name):
        left, right, op = right, left, _FLIPPED.get(op, op)
    if not (isinstance(left, nodes.Name) and left.name in ("py", "np") and isinstance(right, nodes.Const)):
        return None
    if op not in _SPEC_OPERATORS or not isinstance(right.value, int):
        return None
    digits = str(right.value)
    if len(digits) < 2:
        return None
    version = f"{digits[0]}.{digits[1:]}"
    variable = "python" if left.name == "py" else "numpy"
    if op == "eq":
        return _match(variable, f"{version}.*")
    if op == "ne":
        return nodes.Not(_match(variable, f"{version}.*"))
    return _match(variable, f"{_SPEC_OPERATORS[op]}{version}")


# --- printing --------------------------------------------------------------------------------------

_BINARY = {
    nodes.Add: ("+", 6),
    nodes.Sub: ("-", 6),
    nodes.Mul: ("*", 7),
    nodes.Div: ("/", 7),
    nodes.FloorDiv: ("//", 7),
    nodes.Mod: ("%", 7),
    nodes.Pow: ("**", 9),
    nodes.And: ("and", 2),
    nodes.Or: ("or", 1),
}
_COMPARE = {"eq": "==", "ne": "!=", "lt": "<", "gt": ">", "lteq": "<=", "gteq": ">=", "in": "in", "notin": "not in"}
ATOM = 12


def print_expression(node: nodes.Node) -> str:
    """minijinja source text of a jinja2 expression node."""
    return _print(node)[0]


def _wrap(text: str, precedence: int, minimum: int) -> str:
    return f"({text})" if precedence < minimum else text


def _print(node: nodes.Node) -> tuple[str, int]:
    printer = _PRINTERS.get(type(node))
    if printer is None:
        raise Untranslatable(f"cannot print the Jinja construct {type(node).__name__}")
    return printer(node)


def _const(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "none"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\")
        if '"' in value and "'" not in value:
            return "'" + escaped + "'"
        return '"' + escaped.replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_const(v) for v in value) + "]"
    return repr(value)


def _args(node: Any) -> str:
    parts = [_print(a)[0] for a in node.args]
    parts += [f"{k.key}={_print(k.value)[0]}" for k in node.kwargs]
    return ", ".join(parts)


def _binary(node: Any) -> tuple[str, int]:
    symbol, precedence = _BINARY[type(node)]
    left, left_p = _print(node.left)
    right, right_p = _print(node.right)
    return f"{_wrap(left, left_p, precedence)} {symbol} {_wrap(right, right_p, precedence + 1)}", precedence


def _compare(node: nodes.Compare) -> tuple[str, int]:
    text, precedence = _print(node.expr)
    parts = [_wrap(text, precedence, 5)]
    for operand in node.ops:
        value, value_p = _print(operand.expr)
        parts.append(f"{_COMPARE[operand.op]} {_wrap(value, value_p, 5)}")
    return " ".join(parts), 4


def _filter(node: nodes.Filter) -> tuple[str, int]:
    assert node.node is not None  # a filter in an expression always has its value
    inner, precedence = _print(node.node)
    arguments = _args(node)
    suffix = f"({arguments})" if arguments else ""
    chained = isinstance(node.node, nodes.Filter)  # `a | f | g` needs no parentheses
    return f"{inner if chained else _wrap(inner, precedence, 10)} | {node.name}{suffix}", 9


def _test(node: nodes.Test) -> tuple[str, int]:
    inner, precedence = _print(node.node)
    arguments = _args(node)
    suffix = f"({arguments})" if arguments else ""
    return f"{_wrap(inner, precedence, 9)} is {node.name}{suffix}", 4


def _not(node: nodes.Not) -> tuple[str, int]:
    if isinstance(node.node, nodes.Test):
        text = _test(node.node)[0].replace(" is ", " is not ", 1)
        return text, 4
    inner, precedence = _print(node.node)
    return f"not {_wrap(inner, precedence, 3)}", 3


def _condexpr(node: nodes.CondExpr) -> tuple[str, int]:
    body, body_p = _print(node.expr1)
    test, test_p = _print(node.test)
    text = f"{_wrap(body, body_p, 1)} if {_wrap(test, test_p, 1)}"
    if node.expr2 is not None:
        other, other_p = _print(node.expr2)
        text += f" else {_wrap(other, other_p, 0)}"
    return text, 0


def _getitem(node: nodes.Getitem) -> tuple[str, int]:
    inner, precedence = _print(node.node)
    if isinstance(node.arg, nodes.Slice):
        parts = [_print(p)[0] if p is not None else "" for p in (node.arg.start, node.arg.stop)]
        key = ":".join(parts) + (f":{_print(node.arg.step)[0]}" if node.arg.step is not None else "")
    else:
        key = _print(node.arg)[0]
    return f"{_wrap(inner, precedence, 11)}[{key}]", 11


def _call(node: nodes.Call) -> tuple[str, int]:
    if node.dyn_args is not None or node.dyn_kwargs is not None:
        raise Untranslatable("`*args`/`**kwargs` in a call have no v1 form")
    inner, precedence = _print(node.node)
    return f"{_wrap(inner, precedence, 11)}({_args(node)})", 11


def _concat(node: nodes.Concat) -> tuple[str, int]:
    return " ~ ".join(_wrap(*_print(part), 7) for part in node.nodes), 5


def _unary(symbol: str) -> Callable[[Any], tuple[str, int]]:
    def printer(node: Any) -> tuple[str, int]:
        inner, precedence = _print(node.node)
        return f"{symbol}{_wrap(inner, precedence, 8)}", 8

    return printer


_PRINTERS: dict[type, Callable[[Any], tuple[str, int]]] = {
    nodes.Const: lambda n: (_const(n.value), ATOM),
    nodes.Name: lambda n: (n.name, ATOM),
    nodes.Getattr: lambda n: (f"{_wrap(*_print(n.node), 11)}.{n.attr}", 11),
    nodes.Getitem: _getitem,
    nodes.Call: _call,
    nodes.Filter: _filter,
    nodes.Test: _test,
    nodes.Not: _not,
    nodes.Neg: _unary("-"),
    nodes.Pos: _unary("+"),
    nodes.Compare: _compare,
    nodes.CondExpr: _condexpr,
    nodes.Concat: _concat,
    nodes.List: lambda n: ("[" + ", ".join(_print(i)[0] for i in n.items) + "]", ATOM),
    nodes.Tuple: lambda n: (
        "(" + ", ".join(_print(i)[0] for i in n.items) + ("," if len(n.items) == 1 else "") + ")",
        ATOM,
    ),
    nodes.Dict: lambda n: ("{" + ", ".join(f"{_print(p.key)[0]}: {_print(p.value)[0]}" for p in n.items) + "}", ATOM),
    **dict.fromkeys(_BINARY, _binary),
}
