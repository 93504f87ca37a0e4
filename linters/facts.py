"""The format-neutral view of a recipe: what rules read instead of walking v0 and v1 data apart.

`RecipeView.facts` (built on first use, kept on the view, so once per view of a document) gives
the recipe's name, outputs, requirement scopes and lists, sources, tests, license files, ... the
same way for both formats: v1 data as written with every `if/then/else` branch visited, v0 data
rendered for one platform. Where the formats differ (v1's `recipe.name` and `staging` outputs,
`${{ ... }}` names evaluated over `context`, v0's `requirements: [...]` shorthand of an output,
`test.requires` vs a test's `requirements.run`, ...), `V1Facts` and `V0Facts` say it once.

Every list is computed once per view and shared by the rules that ask: callers must not change
what they get.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from recipegen.linters import walk
from recipegen.linters.dialect import V0, V1, Dialect
from recipegen.linters.walk import Path_, get, has_key, is_conditional, package_of, strings, truthy

Entries = list[tuple[str, Path_]]  # (spec or entry text, path) pairs
_CROSS = re.compile(r"build_platform\s*!=\s*(host|target)_platform|(host|target)_platform\s*!=\s*build_platform")


def scalar_text(value: Any) -> str:
    """A scalar as text ('' for None, a mapping or a list: a value YAML did not read as one)."""
    if value is None or isinstance(value, (dict, list, Mapping)):
        return ""
    return str(value)


@dataclass
class Output:
    """One package a recipe produces: the recipe itself (single output) or an `outputs` item."""

    data: Any
    path: Path_  # () for the recipe itself
    name: str
    name_path: Path_
    top_level: bool
    staging: bool = False


class RecipeFacts:
    """What one view of a recipe says, read the same way whatever its format."""

    dialect: Dialect = V1

    def __init__(self, view: Any) -> None:
        self.view = view
        self.data = view.data
        self._requirements: dict[tuple[Path_, str], Entries] = {}
        self._related_hosts: dict[Path_, set[str]] = {}

    # -- identity ---------------------------------------------------------------------------

    @cached_property
    def name_path(self) -> Path_:
        return ("package", "name")

    @cached_property
    def version_path(self) -> Path_:
        return ("package", "version")

    def render(self, value: Any) -> str:
        """A value as text, with v1 `${{ ... }}` over `context` values evaluated ('' for a mapping
        or a list: the schema reports those)."""
        return scalar_text(value)

    @cached_property
    def name(self) -> str:
        """The recipe's name (v1: `package.name`, else `recipe.name`), rendered."""
        return self.render(get(self.data, *self.name_path, default="")).strip()

    @cached_property
    def scalars(self) -> list[tuple[Path_, Any]]:
        """(path, value) of every value that is not a mapping or a list, depth first in file order."""
        found: list[tuple[Path_, Any]] = []
        _collect_scalars(self.data, (), found)
        return found

    @cached_property
    def noarch(self) -> str:
        """The top-level `build.noarch` value ('' when the recipe is not noarch)."""
        return self.noarch_at(())

    def noarch_at(self, base: Path_) -> str:
        """`build.noarch` of the output at `base` ('' when it is not noarch)."""
        value = get(self.data, *base, "build", "noarch")
        return scalar_text(value).strip() if value is not False else ""

    # -- outputs ----------------------------------------------------------------------------

    @cached_property
    def outputs(self) -> list[Output]:
        """Every output with its rendered name (the recipe itself when there is no `outputs`)."""
        if not get(self.data, "outputs"):
            return [Output(self.data, (), self.name, self.name_path, True)]
        return [self._output(item, path) for item, path in walk.outputs(self.data) if isinstance(item, dict)]

    def _output(self, item: dict, path: Path_) -> Output:
        return Output(item, path, scalar_text(get(item, "name", default="")).strip(), (*path, "name"), False)

    @cached_property
    def python_scopes(self) -> list[Output]:
        """conda-smithy's scopes for python hints: each output if there are outputs, else the recipe."""
        return [o for o in self.outputs if not o.staging]

    @cached_property
    def output_names(self) -> set[str]:
        return {out.name for out in self.outputs if out.name}

    def output_name_at(self, base: Path_) -> str:
        """Name of the output whose scope is `base` (the recipe's name for `()` without outputs), else ''."""
        return next((out.name for out in self.outputs if out.path == base), "")

    def output_name_path(self, name: str) -> Path_:
        """Path of the `name` of the output called `name` (the recipe name if none matches)."""
        return next((out.name_path for out in self.outputs if out.name == name), self.name_path)

    # -- requirements -----------------------------------------------------------------------

    @cached_property
    def scopes(self) -> list[Path_]:
        """Bases whose `requirements` are checked separately: the top level, then every output."""
        return [(), *(out.path for out in self.outputs if not out.top_level)]

    def requirements(self, base: Path_, section: str) -> Entries:
        """String entries of `requirements.<section>` of the scope at `base` (`run_constrained`
        and `run_constraints` name the same section in both formats)."""
        key = (base, section)
        found = self._requirements.get(key)
        if found is None:
            found = self._requirements[key] = self._section_entries(base, section)
        return found

    def _section_entries(self, base: Path_, section: str) -> Entries:
        if section in ("run_constrained", "run_constraints"):
            section = self.dialect.run_constraints
        return list(strings(self.data, (*base, "requirements", section)))

    def all_requirements(self, extra: bool = False) -> list[tuple[str, str, Path_]]:
        """(section, spec, path) of every requirement string, top level and every output.

        With `extra`, v1 adds `requirements.ignore_run_exports.from_package` and
        `requirements.run_exports` (list or weak/strong mapping), as conda-smithy's spec-syntax
        checks do.
        """
        found = []
        for base in self.scopes:
            found += [
                (section, spec, path)
                for section in self.dialect.requirement_sections
                for spec, path in self.requirements(base, section)
            ]
            if extra:
                found += self._export_entries(base)
        return found

    def _export_entries(self, base: Path_) -> list[tuple[str, str, Path_]]:
        return []

    def scope_names(self, base: Path_, section: str) -> set[str]:
        """Package names of a requirement section ('' entries, Jinja and stubs, left out)."""
        return {package_of(spec) for spec, _ in self.requirements(base, section)} - {""}

    def related_host_names(self, base: Path_) -> set[str]:
        """Host names of this scope, plus the top level's (for outputs) or every output's (top level)."""
        found = self._related_hosts.get(base)
        if found is None:
            found = self.scope_names(base, "host")
            for other in [()] if base else self.scopes[1:]:
                found |= self.scope_names(other, "host")
            self._related_hosts[base] = found
        return found

    def cross_only(self, path: Path_) -> bool:
        """The item at `path` is only used when cross-compiling (v1: under
        `if: build_platform != host_platform`; v0 data is rendered, its selectors applied)."""
        return False

    def written(self, spec: str, path: Path_) -> str:
        """The entry as the user wrote it (v0: its original line, stubs lose the arguments)."""
        return spec

    # -- sources, tests, files --------------------------------------------------------------

    @cached_property
    def sources(self) -> list[tuple[Any, Path_]]:
        """Every source entry (top level; v1 also outputs' sources), conditional branches visited."""
        found: list[tuple[Any, Path_]] = []
        for base in self._source_bases():
            node = get(self.data, *base, "source")
            if isinstance(node, dict) and not is_conditional(node):
                found.append((node, (*base, "source")))
            elif node is not None:
                found += [
                    (item, p) for item, p in walk.iter_items(self.data, (*base, "source")) if isinstance(item, dict)
                ]
        return found

    def _source_bases(self) -> list[Path_]:
        return [()]

    def source_folder(self, entry: dict) -> str:
        """`folder/` a source entry is unpacked into in the work folder ('' for the work folder)."""
        folder = entry.get(self.dialect.source_folder_key)
        folder = str(folder).strip().strip("/") if folder else ""
        return f"{folder}/" if folder else ""

    def test_items(self, base: Path_) -> list[tuple[Any, Path_]]:
        """v1 `tests` items of the output at `base` (conditional items flattened); v0: none."""
        return []

    def test_requirements(self, base: Path_) -> Entries:
        """Requirements of the tests of the output at `base` (v0 `test.requires`, v1 tests' run reqs)."""
        found: Entries = []
        for _, path in self.test_items(base):
            found += strings(self.data, (*path, "requirements", "run"))
        return found

    def test_script_lines(self, base: Path_) -> list[str]:
        lines: list[str] = []
        for item, _ in self.test_items(base):
            lines += walk.script_lines(item.get("script"))
        return lines

    def test_imports(self, base: Path_) -> bool:
        """The output at `base` tests python imports."""
        return any(get(item, "python", "imports") for item, _ in self.test_items(base))

    def has_test(self, base: Path_) -> bool:
        """The output at `base` has a test of its own (`()`: the recipe's top-level tests)."""
        return bool(get(self.data, *base, "tests"))

    def python_version_independent(self, base: Path_) -> bool:
        return truthy(get(self.data, *base, "build", "python", "version_independent"))

    def files_entries(self, out: Output) -> Entries:
        """What an output selects with `files` (v0 `files`, v1 `build.files` list or `include`)."""
        base = (*out.path, "build", "files")
        if isinstance(get(self.data, *base), dict):
            return list(strings(self.data, (*base, "include")))
        return list(strings(self.data, base))

    def package_contents_files(self, out: Output) -> Entries:
        """v1 `package_contents.files` entries asserted to exist (list form or `exists`)."""
        found: Entries = []
        for _, path in self.test_items(out.path):
            files = get(self.data, *path, "package_contents", "files")
            sub = (*path, "package_contents", "files")
            if isinstance(files, dict):
                found += strings(self.data, (*sub, "exists"))
            elif files is not None:
                found += strings(self.data, sub)
        return found

    def package_contents_includes(self, out: Output) -> Entries:
        found: Entries = []
        for _, path in self.test_items(out.path):
            sub = (*path, "package_contents", "include")
            node = get(self.data, *sub)
            found += strings(self.data, (*sub, "exists") if isinstance(node, dict) else sub)
        return found

    # -- about ------------------------------------------------------------------------------

    @cached_property
    def abouts(self) -> list[Path_]:
        """The `about` sections: the recipe's, then each output's."""
        return [("about",), *((*o.path, "about") for o in self.outputs if not o.top_level)]

    @cached_property
    def license_file_entries(self) -> list[tuple[str, Path_, Path_]]:
        """(entry, path of the entry, path of its `about`) for the recipe's and outputs' license files."""
        found = []
        for about in self.abouts:
            if not isinstance(get(self.data, *about), dict):
                continue
            for entry, path in strings(self.data, (*about, "license_file")):
                found.append((self.render(entry).strip(), path, about))
        return found

    def about_license(self, about: Path_) -> str:
        """The license an `about` section states (an output without one: the recipe's), rendered."""
        value = get(self.data, *about, "license")
        if value is None and about != ("about",):
            value = get(self.data, "about", "license")
        return self.render(value).strip() if value is not None else ""


class V1Facts(RecipeFacts):
    dialect = V1

    @cached_property
    def name_path(self) -> Path_:
        if not has_key(self.data, "package", "name") and has_key(self.data, "recipe", "name"):
            return ("recipe", "name")
        return ("package", "name")

    @cached_property
    def version_path(self) -> Path_:
        if not has_key(self.data, "package", "version") and has_key(self.data, "recipe", "version"):
            return ("recipe", "version")
        return ("package", "version")

    @cached_property
    def context(self) -> dict[str, str]:
        """The `context` values as text, each evaluated over the ones before it."""
        from recipegen.linters.rules._context import context_values

        return context_values(get(self.data, "context", default={}))

    def render(self, value: Any) -> str:
        text = scalar_text(value)
        if "${{" not in text:
            return text
        from recipegen.linters.rules._context import render

        return render(text, self.context)

    def _output(self, item: dict, path: Path_) -> Output:
        staging = walk.is_staging(item)
        key = ("staging", "name") if staging else ("package", "name")
        name = self.render(get(item, *key, default="")).strip()
        return Output(item, path, name, (*path, *key), False, staging)

    def _export_entries(self, base: Path_) -> list[tuple[str, str, Path_]]:
        reqs = (*base, "requirements")
        if not isinstance(get(self.data, *reqs), dict):
            return []
        found = [
            ("ignore_run_exports", spec, path)
            for spec, path in strings(self.data, (*reqs, "ignore_run_exports", "from_package"))
        ]
        exports = get(self.data, *reqs, "run_exports")
        if isinstance(exports, dict) and not is_conditional(exports):
            lists = [(*reqs, "run_exports", kind) for kind in exports]
        else:
            lists = [(*reqs, "run_exports")]
        return found + [("run_exports", spec, path) for sub in lists for spec, path in strings(self.data, sub)]

    def cross_only(self, path: Path_) -> bool:
        return is_cross_only(self.data, path)

    def _source_bases(self) -> list[Path_]:
        return self.scopes

    def test_items(self, base: Path_) -> list[tuple[Any, Path_]]:
        return [(item, path) for item, path in walk.iter_items(self.data, (*base, "tests")) if isinstance(item, dict)]


class V0Facts(RecipeFacts):
    dialect = V0

    def _section_entries(self, base: Path_, section: str) -> Entries:
        node = get(self.data, *base, "requirements")
        if isinstance(node, list) and base and section == "run":
            return list(strings(self.data, (*base, "requirements")))  # an output's shorthand: the run list
        return super()._section_entries(base, section)

    def written(self, spec: str, path: Path_) -> str:
        line = self.view.locate(path).line
        original = self.view.line_map.original
        return original[line - 1] if 1 <= line <= len(original) else ""

    def test_requirements(self, base: Path_) -> Entries:
        return list(strings(self.data, (*base, "test", "requires")))

    def test_script_lines(self, base: Path_) -> list[str]:
        return walk.script_lines(get(self.data, *base, "test", "commands"))

    def test_imports(self, base: Path_) -> bool:
        return bool(get(self.data, *base, "test", "imports"))

    def has_test(self, base: Path_) -> bool:
        """`imports`/`commands`, or for an output also a `test.script` ending in .sh/.bat."""
        test = get(self.data, *base, "test")
        if not isinstance(test, dict):
            return False
        script = str(test.get("script") or "") if base else ""
        return bool(test.get("imports") or test.get("commands") or script.endswith((".sh", ".bat")))

    def python_version_independent(self, base: Path_) -> bool:
        return truthy(get(self.data, *base, "build", "python_version_independent"))

    def files_entries(self, out: Output) -> Entries:
        return list(strings(self.data, (*out.path, "files"))) if not out.top_level else []


def _collect_scalars(node: Any, path: Path_, found: list[tuple[Path_, Any]]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _collect_scalars(value, (*path, key), found)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _collect_scalars(value, (*path, index), found)
    else:
        found.append((path, node))


def facts_for(view: Any) -> RecipeFacts:
    return V0Facts(view) if view.format == "v0" else V1Facts(view)


def is_cross_only(data: Any, path: Path_) -> bool:
    """True when the v1 item at `path` sits under `if: build_platform != host_platform`."""
    return any(_CROSS.search(expr) and not expr.startswith("not (") for expr in walk.conditions(data, path))
