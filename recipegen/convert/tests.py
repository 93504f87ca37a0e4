"""v0 `test:` (and `run_test.*` files) -> v1 `tests:` elements.

- `imports` -> a `python` test (`pip_check` true when the v0 test ran `pip check` with `pip`
  required, and that command is then dropped; `python_version: ${{ python_min }}.*` when the test
  required `python {{ python_min }}`, conda-forge's CFEP-25 form);
- `commands` -> a `script` test with `requires` as `requirements.run`, `source_files` as
  `files.source` and `files` as `files.recipe`;
- `run_test.py/.sh/.bat/.pl/.r` in the recipe folder (conda-build runs them implicitly, v1 does
  not) -> one `script` test each naming the file (`.sh` on unix, `.bat` on Windows), with the
  interpreter conda-build added to the test environment (python, perl, r-base); `run_test.lua`
  -> `lua run_test.lua` with the file (rattler-build has no lua interpreter);
- `downstreams` -> one `downstream` test each.
"""

from __future__ import annotations

import re

from recipegen.convert.expressions import PIP_CHECK
from recipegen.convert.sections import Conversion, as_list, as_map, fix_spec
from recipegen.convert.template import Issue
from recipegen.convert.tree import CList, CMap, Entry

PYTHON_MIN_TEST = re.compile(r"^python\s+\$\{\{\s*python_min\s*\}\}(?:\.\*)?$")
RUN_TEST_FILES = (
    ("run_test.py", ()),
    ("run_test.sh", ("unix",)),
    ("run_test.bat", ("win",)),
    ("run_test.pl", ()),
    ("run_test.r", ()),
    ("run_test.lua", ()),
)
# what conda-build adds to the test environment for a run_test file (conda_build.build.test)
INTERPRETERS = {".py": "python", ".pl": "perl", ".r": "r-base", ".lua": "lua"}


def _items(test: CMap, key: str) -> list[Entry]:
    """Every item of `key`, each with the condition of the key it sits under."""
    items: list[Entry] = []
    for holder in test.get(key):
        for item in as_list(holder.value, holder).items:
            first = not items
            items.append(
                Entry(
                    None,
                    item.value,
                    holder.condition + item.condition,
                    item.origin,
                    item.index,
                    (holder.before + "\n" + item.before).strip("\n") if first and holder.before else item.before,
                    item.eol,
                )
            )
    return items


def test_language(requirements: CMap | None) -> str:
    """Which language conda-build tests `imports` in: perl or R when the package runs on them."""
    names = set()
    for entry in requirements.get("run") if requirements is not None else []:
        items = entry.value.items if isinstance(entry.value, CList) else []
        names |= {str(i.value).split()[0] for i in items if isinstance(i.value, str) and i.value.strip()}
    return "perl" if "perl" in names else "r" if "r-base" in names else "python"


def _import_test(imports: list[Entry], language: str, pip_check: bool, python_min: Entry | None, origin: int) -> Entry:
    if language == "perl":
        return Entry(None, CMap([Entry("perl", CMap([Entry("uses", CList(imports))]))]), (), origin)
    if language == "r":
        return Entry(None, CMap([Entry("r", CMap([Entry("libraries", CList(imports))]))]), (), origin)
    python = CMap([Entry("imports", CList(imports))])
    if not pip_check:
        python.entries.append(Entry("pip_check", False))
    if python_min is not None:
        python.entries.append(Entry("python_version", "${{ python_min }}.*"))
    return Entry(None, CMap([Entry("python", python)]), (), origin)


def convert_tests(
    entry: Entry | None, conversion: Conversion, run_test_files: bool = True, language: str = "python"
) -> CList:
    test = as_map(entry, conversion, "test") if entry is not None else CMap()
    for key in test.key_names():
        if key not in ("imports", "commands", "requires", "source_files", "files", "downstreams"):
            conversion.issue(test.get(key)[0], f"`test.{key}` is not a conda-build test key")
    imports, commands, requires = _items(test, "imports"), _items(test, "commands"), _items(test, "requires")
    source_files, recipe_files = _items(test, "source_files"), _items(test, "files")
    pip_check = bool(imports) and language == "python" and _takes_pip_check(commands, requires)
    python_min = next((r for r in requires if not r.condition and PYTHON_MIN_TEST.match(str(r.value).strip())), None)
    for item in requires:
        item.value = fix_spec(item.value)
    tests = CList()
    if imports:
        tests.items.append(_import_test(imports, language, pip_check, python_min, entry.origin if entry else 0))
    if commands:
        tests.items.append(_script_test(CList(commands), requires, source_files, recipe_files))
    elif [r for r in requires if not (imports and r is python_min)] and not (
        run_test_files and conversion.folder.files & {n for n, _ in RUN_TEST_FILES}
    ):
        conversion.notes.append(
            Issue(
                requires[0].origin,
                "`test.requires` dropped: no test command uses it (the python test installs only the package)",
            )
        )
    if run_test_files:
        for name, condition in RUN_TEST_FILES:
            if conversion.folder.has(name):
                element = _run_test(name, requires, source_files, recipe_files)
                element.condition = condition
                tests.items.append(element)
    for item in _items(test, "downstreams"):
        tests.items.append(
            Entry(
                None,
                CMap([Entry("downstream", item.value)]),
                item.condition,
                item.origin,
                item.index,
                item.before,
                item.eol,
            )
        )
    return tests


def _takes_pip_check(commands: list[Entry], requires: list[Entry]) -> bool:
    """Drop `pip check` from the commands when `pip` is required: the python test runs it."""
    checks = [c for c in commands if not c.condition and PIP_CHECK.match(str(c.value).strip())]
    if not checks or not any(not r.condition and str(r.value).split()[0] == "pip" for r in requires):
        return False
    _remove(commands, checks)
    if not any("pip" in str(c.value) for c in commands):
        _remove(requires, [r for r in requires if str(r.value).split()[0] == "pip"])
    return True


def _remove(items: list[Entry], removed: list[Entry]) -> None:
    """Take `removed` out of `items`; the comment lines above them go to the item that follows
    (they described the list or what follows), unless none does."""
    pending = ""
    kept: list[Entry] = []
    for item in items:
        if item in removed:
            pending = "\n".join(filter(None, [pending, item.before]))
            continue
        if pending:
            item.before = "\n".join(filter(None, [pending, item.before]))
            pending = ""
        kept.append(item)
    items[:] = kept


def _run_test(name: str, requires: list[Entry], source_files: list[Entry], recipe_files: list[Entry]) -> Entry:
    """The test running a `run_test.*` file, with the interpreter conda-build installed for it."""
    interpreter = INTERPRETERS.get(name[name.rfind(".") :])
    if interpreter and not any(str(r.value).split()[0] == interpreter for r in requires if str(r.value).strip()):
        requires = [*requires, Entry(None, interpreter)]
    if name.endswith(".lua"):  # rattler-build runs no lua file itself
        return _script_test(
            CList([Entry(None, f"lua {name}")]), requires, source_files, [*recipe_files, Entry(None, name)]
        )
    return _script_test(name, requires, source_files, recipe_files)


def _script_test(script: object, requires: list[Entry], source_files: list[Entry], recipe_files: list[Entry]) -> Entry:
    element = CMap([Entry("script", script)])
    if requires:
        element.entries.append(Entry("requirements", CMap([Entry("run", CList(list(requires)))])))
    files = CMap()
    if source_files:
        files.entries.append(Entry("source", CList(list(source_files))))
    if recipe_files:
        files.entries.append(Entry("recipe", CList(list(recipe_files))))
    if files.entries:
        element.entries.append(Entry("files", files))
    return Entry(None, element)
