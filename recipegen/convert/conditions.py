"""Conditions of converted lines: a tuple of v1 boolean expressions that must all hold."""

from __future__ import annotations

from jinja2 import nodes

from recipegen.convert.expressions import Untranslatable, parse_expression, print_expression

Condition = tuple[str, ...]

_OPPOSITE = {"eq": "ne", "ne": "eq", "in": "notin", "notin": "in"}


def negate(atom: str) -> str:
    """`not atom`, written the way a person would (`win` -> `not win`, `a == b` -> `a != b`)."""
    try:
        tree = parse_expression(atom)
    except Untranslatable:
        return f"not ({atom})"
    if isinstance(tree, nodes.Not):
        return print_expression(tree.node)
    if isinstance(tree, nodes.Compare) and len(tree.ops) == 1 and tree.ops[0].op in _OPPOSITE:
        flipped = nodes.Compare(tree.expr, [nodes.Operand(_OPPOSITE[tree.ops[0].op], tree.ops[0].expr)])
        return print_expression(flipped)
    if isinstance(tree, nodes.Const) and isinstance(tree.value, bool):
        return "false" if tree.value else "true"
    return print_expression(nodes.Not(tree))


def contradicts(condition: Condition) -> bool:
    """True when the condition holds an atom and its negation (or `false`)."""
    atoms = set(condition)
    return "false" in atoms or any(negate(atom) in atoms for atom in atoms)


# platform atoms implied by others (conda-forge's platforms: linux, osx, win; unix = linux or osx)
IMPLIED = {
    "linux": {"unix", "not win", "not osx"},
    "osx": {"unix", "not win", "not linux"},
    "win": {"not unix", "not linux", "not osx"},
    "unix": {"not win"},
}


def simplify(condition: Condition) -> Condition:
    """Without repeated atoms, `true`, and platform atoms another atom implies (`osx and unix`)."""
    seen: list[str] = []
    for atom in condition:
        if atom != "true" and atom not in seen:
            seen.append(atom)
    implied = {a for atom in seen for a in IMPLIED.get(atom, ())}
    return tuple(a for a in seen if a not in implied)


def needs_parentheses(atom: str) -> bool:
    try:
        tree = parse_expression(atom)
    except Untranslatable:
        return True
    return isinstance(tree, (nodes.Or, nodes.CondExpr))


def join_condition(condition: Condition) -> str:
    """One v1 `if:` expression for all atoms."""
    atoms = simplify(condition)
    if not atoms:
        return "true"
    if len(atoms) == 1:
        return atoms[0]
    return " and ".join(f"({a})" if needs_parentheses(a) else a for a in atoms)


def without(condition: Condition, implied: Condition) -> Condition:
    """The atoms of `condition` not already implied by an enclosing condition."""
    return tuple(a for a in simplify(condition) if a not in implied)
