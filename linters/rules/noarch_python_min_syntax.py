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

from recipegen.linters.dialect import V1
from recipegen.linters.facts import Output
from recipegen.linters.model import Finding, LintOptions, RecipeDocument, RecipeView
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
from recipegen.linters.rules._python import python_scope_kinds
from recipegen.linters.walk import Path_, get, strings

from recipegen.problems import Severity

ID = "noarch-python-min-syntax"
SEVERITY = Severity.HINT
EQUIVALENT = ("noarch-python-min-syntax", "R-047")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True
SKIP_KEY = "hint_python_min"

# what each format writes in host and in the tests (CFEP-25)
HOST_SPEC = {"v1": "python {pin}.*", "v0": "python {pin}"}
TEST_PIN = {"v1": "tests: `python_version: {pin}.*` or `python {pin}.*`", "v0": "test.requires: `python {pin}`"}


def _matches(doc: RecipeDocument, view: RecipeView, entries: list[tuple[str, Path_]], operator: str) -> bool:
    """Some `python` entry pins `python_min` with `operator` (v0: also as rendered, `9999`, or as
    written on its line)."""
    pattern = re.compile(r"python\s+" + operator + doc.dialect.expression_pattern("python_min"))
    stub = doc.dialect.python_min_stub
    rendered = re.compile(r"python\s+" + operator + stub) if stub else None
    for spec, path in entries:
        if spec.strip().split()[0] != "python" or spec == "python":
            continue
        if (
            pattern.search(spec)
            or (rendered is not None and rendered.search(spec))
            or pattern.search(view.facts.written(spec, path))
        ):
            return True
    return False


def _test_ok(doc: RecipeDocument, view: RecipeView, out: Output) -> bool:
    facts = view.facts
    if _matches(doc, view, facts.test_requirements(out.path), "=?=?"):
        return True
    for _, path in facts.test_items(out.path):
        for version, _ in strings(facts.data, (*path, "python", "python_version")):
            if re.search(V1.expression_pattern("python_min"), version):
                return True
    return False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    pin = doc.dialect.expression("python_min")
    for view, out, kind in python_scope_kinds(doc):
        if kind != "noarch":
            continue
        data = view.data
        multi = not out.top_level
        missing = []
        if not _matches(doc, view, view.facts.requirements(out.path, "host"), "=?=?"):
            missing.append(f"host: `{HOST_SPEC[doc.format].format(pin=pin)}`")
        if not _matches(doc, view, view.facts.requirements(out.path, "run"), ">="):
            missing.append(f"run: `python >={pin}`")
        if not _test_ok(doc, view, out):
            missing.append(TEST_PIN[doc.format].format(pin=pin))
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
    pin = doc.dialect.expression("python_min")
    wanted = {"host": HOST_SPEC[doc.format].format(pin=pin), "run": f"python >={pin}"}
    pin_pattern = doc.dialect.expression_pattern("python_min")
    written = {"host": r"python\s+=?=?" + pin_pattern, "run": r"python\s+>=" + pin_pattern}
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
    edits += TEST_EDITS[doc.format](doc, base, pin)
    if floor and _above_global(floor):
        edits += PYTHON_MIN_EDITS[doc.format](doc, floor)
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


def _v1_test_edits(doc: RecipeDocument, base: tuple, pin: str) -> list[TextEdit]:
    """`python_version: <pin>.*` in each python test."""
    lines = block(doc.text)
    tests = lines.find((*base, "tests"))
    edits: list[TextEdit] = []
    for item in lines.items_of(tests.number) if tests else []:
        children = {c.key for c in lines.children(item.number)}
        if item.key == "python" and "python_version" not in children:
            added = insert_child(doc, item, f"python_version: {pin}.*", "")
            edits += added.edits if added else []
    return edits


def _v0_test_edits(doc: RecipeDocument, base: tuple, pin: str) -> list[TextEdit]:
    """`python <pin>` in test.requires."""
    lines = block(doc.text)
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


def _v0_python_min_edits(doc: RecipeDocument, floor: str) -> list[TextEdit]:
    """`{% set python_min = "<floor>" %}` after the last `{% set %}`."""
    lines = block(doc.text)
    sets = [line.number for line in lines.lines[1:] if line.jinja and re.match(r"\s*\{%-?\s*set\s", line.text)]
    return [insert_lines_after(line_index(doc.text), sets[-1] if sets else 0, [f'{{% set python_min = "{floor}" %}}'])]


def _v1_python_min_edits(doc: RecipeDocument, floor: str) -> list[TextEdit]:
    """`context.python_min: "<floor>"`."""
    lines = block(doc.text)
    index = line_index(doc.text)
    context = lines.find(("context",))
    if context is not None:
        added = insert_child(doc, context, f'python_min: "{floor}"', "")
        return list(added.edits) if added else []
    after = top_level_insert_after(doc, "context", doc.dialect.single_output_order)
    return [insert_lines_after(index, after, ["context:", " " * indent_unit(doc) + f'python_min: "{floor}"'])]


# where each format writes the pin in the tests and its own python_min (conda-smithy reads both so)
TEST_EDITS = {"v1": _v1_test_edits, "v0": _v0_test_edits}
PYTHON_MIN_EDITS = {"v1": _v1_python_min_edits, "v0": _v0_python_min_edits}
