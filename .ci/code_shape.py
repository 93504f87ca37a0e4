"""Shape of the code base, per top-level folder: functions over 80 lines, format comparisons in rules.

    python .ci/code_shape.py            # print the counts
    python .ci/code_shape.py --check    # also fail when recipegen/, generators/ or linters/ has a function over 80 lines

A function's length is its `def` line to its last line (docstring and nested functions included,
decorators not). "Format comparisons" are the `fmt == "v1"`-style tests in the rule modules
(`fmt`/`doc.format`/`view.format` compared with `==`/`!=`, or a `"v0"`/`"v1"` literal compared):
rules read `view.facts` and `doc.dialect` instead (docs/lint.md).
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("recipegen", "generators", "linters", "schemas")
ENFORCED = ("recipegen", "generators", "linters")
MAX_LINES = 80
FORMAT_NAMES = {"fmt", "format"}


def long_functions(folder: Path, limit: int = MAX_LINES) -> list[tuple[str, str, int]]:
    """(file:line, function name, lines) of every function longer than `limit` lines."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > limit:
                    found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node.name, length))
    return found


def _is_format(node: ast.expr) -> bool:
    if isinstance(node, ast.Name):
        return node.id in FORMAT_NAMES
    if isinstance(node, ast.Attribute):
        return node.attr in FORMAT_NAMES
    return isinstance(node, ast.Constant) and node.value in ("v0", "v1")


def format_comparisons(folder: Path) -> list[str]:
    """file:line of each format comparison (`fmt == "v1"`, `doc.format != "v0"`) in `folder`."""
    found = []
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and any(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops):
                operands = [node.left, *node.comparators]
                if any(_is_format(o) for o in operands) and any(
                    isinstance(o, ast.Constant) and o.value in ("v0", "v1") for o in operands
                ):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def format_lookups(folder: Path) -> list[str]:
    """file:line of each table looked up by format (`PATTERNS[doc.format]`, `TABLE.get(fmt)`): where
    the formats really differ (conda-smithy reads them differently), a rule keeps one entry per format."""
    found = []
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Subscript) and _is_format(node.slice)) or (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "get"
                and node.args
                and _is_format(node.args[0])
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help=f"fail on a function over {MAX_LINES} lines in {ENFORCED}")
    args = parser.parse_args()
    failing = []
    for name in FOLDERS:
        found = long_functions(ROOT / name)
        print(f"{name + '/':12s} functions over {MAX_LINES} lines: {len(found)}")
        for where, function, length in found:
            print(f"    {where} {function} ({length} lines)")
        if name in ENFORCED:
            failing += found
    rules = ROOT / "linters" / "rules"
    public = [c for c in format_comparisons(rules) if not Path(c).name.startswith("_")]
    private = [c for c in format_comparisons(rules) if Path(c).name.startswith("_")]
    print(f"format comparisons: {len(public)} in rule modules, {len(private)} in their private helpers")
    for where in public + private:
        print(f"    {where}")
    lookups = format_lookups(rules)
    print(f"tables looked up by format in rule modules (the formats differ there): {len(lookups)}")
    for where in lookups:
        print(f"    {where}")
    if args.check and failing:
        print(f"error: {len(failing)} function(s) over {MAX_LINES} lines in {', '.join(ENFORCED)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
