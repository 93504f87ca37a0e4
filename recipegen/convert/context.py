"""`{% set %}` -> `context`: one key per variable, reassignments folded or renamed.

v1 context keys are evaluated once, top to bottom, and cannot be reassigned. A v0 variable set
several times (under `{% if %}` or a `# [selector]`) becomes

- one expression when nothing read the old value in between: `build: ${{ 5 + (100 if c else 0) }}`
  for `{% set build = build + 100 %}` under `c`, `prefix: ${{ "Library/" if win else "" }}` for
  an if/else pair;
- a new key (`name_2`) when something read the old value in between, so each reader keeps the
  value it saw.

`{% set mpi = mpi or 'nompi' %}` (a default for a variant key the variant files always define) is
dropped: in v1 a context key would hide the variant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jinja2 import nodes

from recipegen.convert.conditions import Condition, contradicts, join_condition, negate
from recipegen.convert.expressions import Untranslatable, names_in, parse_expression, print_expression, translate

if TYPE_CHECKING:  # pragma: no cover
    from recipegen.convert.template import ContextVar, Walker, _Set, _Variable

MAX_OPTIONS = 16


def assign(walker: Walker, node: _Set, condition: Condition) -> None:
    from recipegen.convert.template import Issue, _Assignment, _Variable

    name, source = node.name, node.value
    if name in walker.variant_keys and not condition and _is_variant_default(name, source):
        walker.notes.append(
            Issue(node.line, f"`{{% set {name} = {source} %}}` dropped: the variant files define `{name}`")
        )
        walker.dropped_sets.append(node.line)
        return
    try:
        text = translate(source, walker.scope({}))
        reads = names_in(source)
    except Untranslatable as exc:
        walker.issues.append(Issue(node.line, str(exc)))
        return
    previous = walker.variables.get(name)
    read_before = walker.read_since.get(name, False)
    walker.note_reads(source, {})
    options = _options(walker, source, condition, previous)
    cond_text = join_condition(condition) if condition else ""
    if previous is None:
        variable = _Variable(_free_key(walker, name), node.line)
        variable.branches = [_Assignment(cond_text, text)]
        _set_literal(variable, source, condition)
    elif read_before:
        walker.retired.append(previous)
        variable = _Variable(_free_key(walker, name), node.line)  # readers keep the old key
        old = previous.key
        variable.branches = (
            [_Assignment("", old), _Assignment(cond_text, text)] if condition else [_Assignment("", text)]
        )
        if not condition:
            _set_literal(variable, source, condition)
    else:
        variable = previous
        variable.line = node.line
        _fold(variable, name, source, text, cond_text, reads)
        variable.has_literal = False
        if not condition and name not in reads:
            _set_literal(variable, source, condition)
        walker.order.remove(variable.key)
    variable.options = options
    variable.unknown = walker.unknown_names(reads) if options is None else set()
    variable.lines.append(node.line)
    walker.variables[name] = variable
    walker.order.append(variable.key)
    walker.read_since[name] = False


def _is_variant_default(name: str, source: str) -> bool:
    try:
        tree = parse_expression(source)
    except Untranslatable:
        return False
    if isinstance(tree, nodes.Or) and isinstance(tree.left, nodes.Name) and tree.left.name == name:
        return True
    return (
        isinstance(tree, nodes.Filter)
        and tree.name in ("default", "d")
        and isinstance(tree.node, nodes.Name)
        and tree.node.name == name
    )


def _free_key(walker: Walker, name: str) -> str:
    taken = {v.key for v in walker.variables.values()} | set(walker.order)
    if name not in taken:
        return name
    number = 2
    while f"{name}_{number}" in taken:
        number += 1
    return f"{name}_{number}"


def _set_literal(variable: _Variable, source: str, condition: Condition) -> None:
    if condition:
        return
    try:
        tree = parse_expression(source)
    except Untranslatable:
        return
    value = _literal(tree)
    if value is not _NOT_LITERAL:
        variable.literal = value
        variable.has_literal = True


_NOT_LITERAL = object()


def _literal(tree: nodes.Node) -> Any:
    if isinstance(tree, nodes.Const) and isinstance(tree.value, (str, int, float, bool)):
        return tree.value
    if isinstance(tree, nodes.List) and all(
        isinstance(i, nodes.Const) and isinstance(i.value, (str, int, float, bool)) for i in tree.items
    ):
        return [i.value for i in tree.items if isinstance(i, nodes.Const)]
    return _NOT_LITERAL


def _fold(variable: _Variable, name: str, source: str, text: str, cond_text: str, reads: set[str]) -> None:
    """Fold a reassignment into the variable's branches (no reader saw the old value)."""
    from recipegen.convert.template import _Assignment

    old = expression_of(variable)
    if name not in reads:
        if cond_text:
            variable.branches.append(_Assignment(cond_text, text))
        else:
            variable.branches = [_Assignment("", text)]
        return
    appended = _appended_part(text, variable.key)
    if cond_text and appended is not None:  # x = x + T under c  ->  x + (T if c else "")
        empty = "[]" if isinstance(appended, nodes.List) else "0" if _is_number(appended) else '""'
        part = f"({print_expression(appended)} if {cond_text} else {empty})"
        variable.branches = [_Assignment("", f"{_wrapped(old)} + {part}")]
        return
    substituted = _substitute(text, variable.key, old)
    if cond_text:
        variable.branches = [_Assignment("", old), _Assignment(cond_text, substituted)]
    else:
        variable.branches = [_Assignment("", substituted)]


def _is_number(tree: nodes.Node) -> bool:
    return isinstance(tree, nodes.Const) and isinstance(tree.value, (int, float)) and not isinstance(tree.value, bool)


def _appended_part(text: str, key: str) -> nodes.Node | None:
    try:
        tree = parse_expression(text)
    except Untranslatable:
        return None
    if (
        isinstance(tree, nodes.Add)
        and isinstance(tree.left, nodes.Name)
        and tree.left.name == key
        and key not in names_in(print_expression(tree.right))
    ):
        return tree.right
    if isinstance(tree, nodes.Concat) and len(tree.nodes) == 2:
        first, second = tree.nodes
        if isinstance(first, nodes.Name) and first.name == key:
            return second
    return None


def _wrapped(expression: str) -> str:
    try:
        tree = parse_expression(expression)
    except Untranslatable:
        return f"({expression})"
    simple = isinstance(
        tree, (nodes.Const, nodes.Name, nodes.Getattr, nodes.Getitem, nodes.Call, nodes.Add, nodes.List)
    )
    return expression if simple else f"({expression})"


def _substitute(text: str, key: str, replacement: str) -> str:
    import copy

    tree = copy.deepcopy(parse_expression(text))
    new = parse_expression(replacement)
    for parent in [tree, *tree.find_all(nodes.Node)]:
        for field_name in parent.fields:
            value = getattr(parent, field_name, None)
            if isinstance(value, nodes.Name) and value.name == key:
                setattr(parent, field_name, copy.deepcopy(new))
            elif isinstance(value, list):
                setattr(
                    parent,
                    field_name,
                    [copy.deepcopy(new) if isinstance(v, nodes.Name) and v.name == key else v for v in value],
                )
    if isinstance(tree, nodes.Name) and tree.name == key:
        return replacement
    return print_expression(tree)


def expression_of(variable: _Variable) -> str:
    """The variable's value as one v1 expression (last assignment wins)."""
    if variable.has_literal:
        return (
            print_expression(nodes.Const(variable.literal))
            if not isinstance(variable.literal, list)
            else ("[" + ", ".join(print_expression(nodes.Const(v)) for v in variable.literal) + "]")
        )
    branches = list(variable.branches)
    if len(branches) == 2 and branches[0].condition and branches[1].condition == negate(branches[0].condition):
        return f"{_wrapped(branches[0].expression)} if {branches[0].condition} else {_wrapped(branches[1].expression)}"
    text = ""
    for branch in reversed(branches):
        if not branch.condition:
            return f"{text}{_wrapped(branch.expression)}" if text else branch.expression
        text += f"{_wrapped(branch.expression)} if {branch.condition} else "
    return text[: -len(" else ")] if text else '""'


def _options(
    walker: Walker, source: str, condition: Condition, previous: _Variable | None
) -> list[tuple[Condition, Any]] | None:
    new = walker.static_options(source, {})
    if new is None:
        return None
    if not condition:
        return new
    combined = [(condition + c, v) for c, v in new]
    if previous is None:  # undefined elsewhere: a loop over it repeats nothing there, as in Jinja
        return combined
    if previous.options is None:
        return None
    guard = (negate(join_condition(condition)),)
    combined = [(guard + c, v) for c, v in previous.options] + combined  # in the order written
    combined = [(tuple(dict.fromkeys(c)), v) for c, v in combined if not contradicts(c)]
    return combined if len(combined) <= MAX_OPTIONS else None


def context_entries(walker: Walker) -> list[ContextVar]:
    """The context, without list variables nothing reads any more (loops were expanded)."""
    from recipegen.convert.template import ContextVar

    by_key = {v.key: v for v in walker.variables.values()}
    history = {v.key: v for v in _all_variables(walker)}
    used = used_keys(walker, history)
    entries = []
    for key in walker.order:
        variable = by_key.get(key) or history.get(key)
        if variable is None:
            continue
        is_list = variable.options is not None and any(isinstance(v, (list, tuple)) for _, v in variable.options)
        if key not in used and is_list:
            continue
        lines = tuple(variable.lines)
        if variable.has_literal:
            entries.append(ContextVar(key, variable.literal, "", variable.line, lines))
        else:
            entries.append(ContextVar(key, None, expression_of(variable), variable.line, lines))
    return entries


def _all_variables(walker: Walker) -> list[_Variable]:
    return list(walker.retired) + list(walker.variables.values())


def used_keys(walker: Walker, history: dict[str, _Variable]) -> set[str]:
    """Context keys read by the converted lines, their conditions and other used keys."""
    import re

    found: set[str] = set()
    for line in walker.lines:
        for expression in re.findall(r"\$\{\{(.*?)\}\}", line.text):
            found |= _names(expression)
        for atom in line.condition:
            found |= _names(atom)
    pending = list(found)
    while pending:
        key = pending.pop()
        variable = history.get(key)
        if variable is None:
            continue
        for branch in variable.branches:
            for name in _names(branch.expression) | _names(branch.condition):
                if name not in found:
                    found.add(name)
                    pending.append(name)
    return found


def _names(expression: str) -> set[str]:
    if not expression:
        return set()
    try:
        return names_in(expression)
    except Untranslatable:
        return set()
