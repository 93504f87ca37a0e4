"""`noarch: python` recipes should pin python with `python_min` (CFEP-25).

Why: conda-forge builds noarch packages against the oldest supported Python
(`python_min`), requires at least it at run time, and tests with it:
host `python ${{ python_min }}.*`, run `python >=${{ python_min }}`, and a test with
`python_version: ${{ python_min }}.*`. One hint per output lists every missing piece.

Passing::

    build:
      noarch: python
    requirements:
      host:
        - python ${{ python_min }}.*
      run:
        - python >=${{ python_min }}
    tests:
      - python:
          imports: [foo]
          python_version: ${{ python_min }}.*

Failing::

    build:
      noarch: python
    requirements:
      host:
        - python >=3.9
      run:
        - python >=3.9
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument, RecipeView
from recipegen.linters.rules._common import (
    Output,
    Path_,
    get,
    python_scope_kinds,
    requirements_of,
    source_line,
    strings,
    test_items,
    test_requirements,
)
from recipegen.linters.rules._fixes import (
    Fix,
    Line,
    Problem,
    TextEdit,
    add_to_section,
    block,
    indent_unit,
    insert_child,
    insert_lines_after,
    item_name,
    line_index,
    replace_scalar,
    top_level_insert_after,
    unquoted,
)

from recipegen.problems import Severity

ID = "noarch-python-min-syntax"
SEVERITY = Severity.HINT
EQUIVALENT = ("noarch-python-min-syntax", "R-047")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True
SKIP_KEY = "hint_python_min"

_PIN = {"v1": r"\$\{\{\s*python_min\s*\}\}", "v0": r"\{\{\s*python_min\s*\}\}"}


def _matches(doc: RecipeDocument, view: RecipeView, entries: list[tuple[str, Path_]], operator: str) -> bool:
    fmt = doc.format
    pattern = re.compile(r"python\s+" + operator + _PIN[fmt])
    rendered = re.compile(r"python\s+" + operator + "9999")
    for spec, path in entries:
        if spec.strip().split()[0] != "python" or spec == "python":
            continue
        if pattern.search(spec) or (
            fmt == "v0" and (rendered.search(spec) or pattern.search(source_line(doc, view, path)))
        ):
            return True
    return False


def _test_ok(doc: RecipeDocument, view: RecipeView, out: Output) -> bool:
    data = view.data
    if _matches(doc, view, test_requirements(data, out.path, doc.format), "=?=?"):
        return True
    for _, path in test_items(data, out.path, doc.format):
        for version, _ in strings(data, (*path, "python", "python_version")):
            if re.search(_PIN["v1"], version):
                return True
    return False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    fmt = doc.format
    pin = "${{ python_min }}" if fmt == "v1" else "{{ python_min }}"
    for view, out, kind in python_scope_kinds(doc):
        if kind != "noarch":
            continue
        data = view.data
        multi = not out.top_level
        missing = []
        if not _matches(doc, view, requirements_of(data, out.path, "host", fmt), "=?=?"):
            missing.append(f"host: `python {pin}{'.*' if fmt == 'v1' else ''}`")
        if not _matches(doc, view, requirements_of(data, out.path, "run", fmt), ">="):
            missing.append(f"run: `python >={pin}`")
        if not _test_ok(doc, view, out):
            missing.append(
                f"tests: `python_version: {pin}.*` or `python {pin}.*`"
                if fmt == "v1"
                else f"test.requires: `python {pin}`"
            )
        if missing:
            where = f"output `{out.name}`" if multi else "the recipe"
            path = (
                (*out.path, "requirements") if get(data, *out.path, "requirements") else (*out.path, "build", "noarch")
            )
            yield Finding(
                f"`noarch: python` in {where} should pin python with `python_min` (CFEP-25); "
                f"missing {'; '.join(missing)}.",
                path=path,
                view=view,
                key=True,
                fix="override `python_min` in the recipe context if the package needs a newer Python",
            )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Pin python with `python_min` in host, run and the python tests; a higher floor the recipe
    had becomes its own `python_min`."""
    lines = block(doc.text)
    line = lines[problem.line]
    base = line.path[:-1] if line.key == "requirements" else line.path[:-2]
    requirements = lines.find((*base, "requirements"))
    if requirements is None or requirements.value:
        return None
    v1 = doc.format == "v1"
    pin = "${{ python_min }}" if v1 else "{{ python_min }}"
    wanted = {"host": f"python {pin}.*" if v1 else f"python {pin}", "run": f"python >={pin}"}
    written = {"host": r"python\s+=?=?" + _PIN[doc.format], "run": r"python\s+>=" + _PIN[doc.format]}
    edits: list[TextEdit] = []
    floor = ""
    for section, spec in wanted.items():
        item = _python_item(doc, (*base, "requirements", section))
        if item is None:
            edits += add_to_section(doc, requirements, section, [f"- {spec}"], indent_unit(doc)) or []
        elif not re.search(written[section], item.value):
            floor = floor or _floor(unquoted(item.value))
            changed = replace_scalar(doc.text, item.number, item.content + 1, spec, "")
            edits += changed.edits if changed else []
    edits += _test_edits(doc, base, pin)
    if floor and _above_global(floor):
        edits += _python_min_edits(doc, floor)
    return Fix("Pin python with `python_min` (CFEP-25)", tuple(edits)) if edits else None


def _python_item(doc: RecipeDocument, path: tuple) -> Line | None:
    lines = block(doc.text)
    section = lines.find(path)
    if section is None:
        return None
    return next((i for i in lines.items_of(section.number) if i.key is None and item_name(i.value) == "python"), None)


def _floor(spec: str) -> str:
    found = re.search(r">=\s*([0-9][0-9.]*)", spec)
    return found.group(1) if found else ""


def _above_global(version: str) -> bool:
    from packaging.version import InvalidVersion, Version

    from recipegen.condaforge import global_python_min

    try:
        return Version(version) > Version(global_python_min())
    except InvalidVersion:
        return False


def _test_edits(doc: RecipeDocument, base: tuple, pin: str) -> list[TextEdit]:
    """v1: `python_version: <pin>.*` in each python test; v0: `python <pin>` in test.requires."""
    lines = block(doc.text)
    if doc.format == "v1":
        tests = lines.find((*base, "tests"))
        edits: list[TextEdit] = []
        for item in lines.items_of(tests.number) if tests else []:
            children = {c.key for c in lines.children(item.number)}
            if item.key == "python" and "python_version" not in children:
                added = insert_child(doc, item, f"python_version: {pin}.*", "")
                edits += added.edits if added else []
        return edits
    test = lines.find((*base, "test"))
    if test is None or test.value or _python_item(doc, (*base, "test", "requires")):
        return []
    requires = lines.child_key(test.number, "requires")
    unit = indent_unit(doc)
    if requires is None:
        new = [" " * (test.indent + unit) + "requires:", " " * (test.indent + 2 * unit) + f"- python {pin}"]
        return [insert_lines_after(line_index(doc.text), test.number, new)]
    items = lines.items_of(requires.number)
    indent = items[0].indent if items else requires.indent + unit
    return [
        insert_lines_after(line_index(doc.text), lines.block_end(requires.number), [" " * indent + f"- python {pin}"])
    ]


def _python_min_edits(doc: RecipeDocument, floor: str) -> list[TextEdit]:
    """Set the recipe's own `python_min` to the floor it had."""
    lines = block(doc.text)
    index = line_index(doc.text)
    if doc.format == "v0":
        sets = [line.number for line in lines.lines[1:] if line.jinja and re.match(r"\s*\{%-?\s*set\s", line.text)]
        return [insert_lines_after(index, sets[-1] if sets else 0, [f'{{% set python_min = "{floor}" %}}'])]
    context = lines.find(("context",))
    if context is not None:
        added = insert_child(doc, context, f'python_min: "{floor}"', "")
        return list(added.edits) if added else []
    from recipegen.linters.rules.top_level_key_order import V1_SINGLE

    after = top_level_insert_after(doc, "context", V1_SINGLE)
    return [insert_lines_after(index, after, ["context:", " " * indent_unit(doc) + f'python_min: "{floor}"'])]
