"""A bounded imitation of running CMake's configure step over a project's build files.

The language core: variables and scopes, `if()`/`elseif()`/`else()` decided where the reader
can tell (for conda-forge's linux-64 configure, data/cmake_platform.toml) and tried both ways
where it cannot (alternatives, merged when the block ends: linear, never a cross product),
`foreach()`/`while()`, project-defined `function()`s and `macro()`s, `include()`,
`add_subdirectory()`, `option()`, `cmake_dependent_option()`, `cmake_parse_arguments()`, and
the cheap parts of `list()` and `string()`. Whatever needs the machine (compiler checks,
`find_*`, `file(READ)`, regexes) is UNKNOWN. Nothing is executed; every step is counted
against a `Budget`, and the reading stops with a note when a budget is spent.

`ProjectReader` (cmake.py) adds the commands that describe the project (targets, install
rules, dependencies) on top of this class through `handlers`.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import PurePosixPath

from recipegen.generators.cxx.cmake_cond import Env, evaluate
from recipegen.generators.cxx.cmake_syntax import (
    BRACKET,
    UNQUOTED,
    Command,
    Definition,
    IfBlock,
    LoopBlock,
    Statement,
    parse_blocks,
    tokenize,
)
from recipegen.generators.cxx.cmake_values import (
    UNKNOWN,
    Budget,
    Expander,
    Scope,
    Value,
    is_unknown,
    merge_branches,
    split_list,
)

VENDORED_DIRS = {"third_party", "thirdparty", "3rdparty", "extern", "external", "vendor", "deps", "_deps"}
TEST_DIRS = {
    "test",
    "tests",
    "testing",
    "example",
    "examples",
    "bench",
    "benchmark",
    "benchmarks",
    "fuzz",
    "fuzzing",
    "ossfuzz",  # libyal's OSS-Fuzz harnesses (libcaes' ossfuzz/, bin_PROGRAMS under HAVE_LIB_FUZZING_ENGINE)
    "oss-fuzz",
    "doc",
    "docs",
    "sample",  # xbyak's sample/calc.cpp
    "samples",
    "demo",
    "demos",
    "conformance",
    "contrib",
    "unittest",
    "unittests",
}
MAX_FILE_DEPTH = 64
GLOB_KEYWORDS = {
    "LIST_DIRECTORIES": 1,
    "RELATIVE": 1,
    "CONFIGURE_DEPENDS": 0,
    "FOLLOW_SYMLINKS": 0,
}  # words taking values
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def in_dirs(path: str, names: set[str] | frozenset[str]) -> bool:
    """Is a file below a folder of one of these (lower-case) names: a test, vendored or program folder?"""
    return any(p.lower() in names for p in PurePosixPath(path).parts[:-1])


def in_test_dir(path: str) -> bool:
    return in_dirs(path, TEST_DIRS)


def platform() -> dict:
    from recipegen.generators.cxx.data import load

    return load("cmake_platform.toml")


class _Return(Exception):
    pass


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


@dataclass(frozen=True)
class Context:
    """Where a command runs: its file, the source folder, and the enclosing conditions' text."""

    file: str
    folder: str
    test_dir: bool = False
    conditions: tuple[str, ...] = ()
    vendored: bool = False  # a bundled copy's folder: its targets are not the project's

    def within(self, condition: str) -> Context:
        return replace(self, conditions=(*self.conditions, condition))


Handler = Callable[[Command, list[str], list[list[str]], Context], None]


IMPORTED_TARGET = re.compile(r"[\w.+-]+::[\w.+-]+")  # ZLIB::ZLIB, PkgConfig::GTK3

# Environment variables conda-build sets for a recipe's build script (their values are unknown here)
BUILD_ENVIRONMENT = frozenset(
    {
        "CC",
        "CXX",
        "CPP",
        "FC",
        "AR",
        "LD",
        "NM",
        "RANLIB",
        "STRIP",
        "CFLAGS",
        "CXXFLAGS",
        "CPPFLAGS",
        "LDFLAGS",
        "FFLAGS",
        "PREFIX",
        "BUILD_PREFIX",
        "SRC_DIR",
        "RECIPE_DIR",
        "PATH",
        "HOME",
        "CPU_COUNT",
        "LIBRARY_PREFIX",
        "LIBRARY_LIB",
        "LIBRARY_INC",
        "LIBRARY_BIN",
        "HOST",
        "BUILD",
        "MACOSX_DEPLOYMENT_TARGET",
        "SDKROOT",
        "PYTHON",
        "LANG",
        "TMPDIR",
        "TEMP",
        "TMP",
        "SHELL",
        "USER",
        "DESTDIR",
        "JAVA_HOME",
    }
)


_CONDITION_LINE = re.compile(r"^\s*(?:if|elseif|else|endif|while|endwhile)\s*\(", re.I)
_HAVE_NAME = re.compile(r"\bHAVE_\w+")


class Interpreter:
    def __init__(self, texts: dict[str, str], paths: list[str], source_dir: str, budget: Budget | None) -> None:
        self.texts = texts
        self.paths = set(paths)
        self.dirs = {str(parent) for p in paths for parent in PurePosixPath(p).parents}
        self.root = "." if source_dir in ("", ".") else source_dir.rstrip("/")
        self.budget = budget or Budget()
        self.scope = Scope()
        self.cache: dict[str, Value] = {}
        self.forced: set[str] = set()
        self.maybe: set[str] = set()
        self.functions: dict[str, Definition] = {}
        self.targets: dict[str, str] = {}
        self.visited: set[str] = set()
        self.shadowed: set[str] = set()
        self.call_depth = 0
        self.file_depth = 0
        self.referenced: set[str] = set()  # variables and imported-target prefixes live code reads
        self.dead_referenced: set[str] = set()  # ... and code that does not run
        self.excluded_targets: set[str] = set()  # add_library(x EXCLUDE_FROM_ALL ...): not built by default
        self.environment: dict[str, Value] = {}  # set(ENV{X} ...)
        self.running_modules: set[str] = set()  # the project's own Find modules being read
        self.switched_off_referenced: set[str] = set()  # read by code an OFF option or EXCLUDE_FROM_ALL keeps out
        self.reporting = False  # expanding a message(): what it prints is not a use
        self.expander = Expander(self._expansion_lookup, self.budget)
        self.handlers: dict[str, Handler] = {
            "set": self.cmd_set,
            "unset": self.cmd_unset,
            "option": self.cmd_option,
            "cmake_dependent_option": self.cmd_dependent_option,
            "list": self.cmd_list,
            "string": self.cmd_string,
            "include": self.cmd_include,
            "add_subdirectory": self.cmd_add_subdirectory,
            "subdirs": self.cmd_subdirs,
            "cmake_parse_arguments": self.cmd_parse_arguments,
            "file": self.cmd_file,
            "get_filename_component": self.cmd_get_filename_component,
            "return": self.cmd_return,
            "break": self.cmd_break,
            "continue": self.cmd_continue,
        }
        self._seed()

    def _seed(self) -> None:
        data = platform()
        for name, value in data["variables"].items():
            self.cache[name] = (value,)
        for name, value in data["modules"]["GNUInstallDirs"].items():  # often used without the include
            self.cache[name] = (value,)
        for name in data["unknown"]["names"]:
            self.cache[name] = (UNKNOWN,)
        for name, value in data["command_line"].items():
            self.force(name, value)
        for name in ("CMAKE_SOURCE_DIR", "PROJECT_SOURCE_DIR", "CMAKE_CURRENT_SOURCE_DIR", "CMAKE_CURRENT_LIST_DIR"):
            self.scope.set(name, (self.root,))

    def force(self, name: str, value: str) -> None:
        """A -D value of the build script: options and CACHE sets cannot change it."""
        self.cache[name] = (value,)
        self.forced.add(name)

    # --- variables -------------------------------------------------------------------------------

    def lookup(self, name: str, cache_only: bool = False) -> Value | None:
        if not cache_only:
            value = self.scope.get(name)
            if value is not None:
                return value
        return self.cache.get(name)

    def may_be_set(self, name: str) -> bool:
        """Could something the reader does not run have set this (undefined) variable?"""
        if name.startswith("HAVE_") and name not in self.maybe:
            return name in self._mentioned_outside_conditions  # drpm's HAVE_LZLIB_DEVEL: only tested
        return name in self.maybe or name.endswith("_FOUND") or "_ROOT" in name

    @cached_property
    def _mentioned_outside_conditions(self) -> frozenset[str]:
        """HAVE_ names CMake files use other than in if()/elseif()/endif() (a check_include_file()'s
        result variable, a set()): a HAVE_ name only conditions test is never set by the build."""
        names: set[str] = set()
        for path, text in self.texts.items():
            base = PurePosixPath(path).name
            if base != "CMakeLists.txt" and not (base.endswith(".cmake") and ".h." not in base):
                continue
            for line in text.splitlines():
                if not _CONDITION_LINE.match(line):
                    names.update(_HAVE_NAME.findall(line.split("#", 1)[0]))
        return frozenset(names)

    def _expansion_lookup(self, name: str, cache_only: bool) -> Value | None:
        if name.startswith("ENV{"):
            return self.environment_value(name[4:-1])
        self._note_reference(name)
        value = self.lookup(name, cache_only)
        if value is None and self.may_be_set(name):
            return (UNKNOWN,)
        return value

    def set_var(self, name: str, value: Value, parent_scope: bool = False) -> None:
        if not name or is_unknown(name):
            return
        target = self.scope
        if parent_scope:
            outer = self.scope.variable_scope().parent
            if outer is None:
                return
            target = outer
        target.set(name, value)

    def set_unknown(self, names: list[str]) -> None:
        for name in names:
            if _IDENTIFIER.fullmatch(name):
                self.set_var(name, (UNKNOWN,))

    def mark_maybe(self, args: list[str]) -> None:
        if len(self.maybe) < 100_000:
            self.maybe.update(a for a in args if _IDENTIFIER.fullmatch(a))

    # --- expansion -------------------------------------------------------------------------------

    def expand_args(self, cmd: Command, where: str) -> list[list[str]]:
        """The command's arguments after expansion: one list per alternative (at most a few)."""
        return [[text for text, _ in tokens] for tokens in self.condition_tokens(cmd, where)]

    def expand_one(self, text: str, where: str) -> str:
        return self.expander.expand(text, where)[0]

    def condition_tokens(self, cmd: Command, where: str) -> list[list[tuple[str, str]]]:
        """(text, kind) of each argument after expansion, per alternative; an unquoted argument
        is split at `;` and dropped when empty, as CMake does (`if(${EMPTY})` has no argument)."""
        limit = self.budget.max_alternatives
        results: list[list[tuple[str, str]]] = [[]]
        for arg, kind in zip(cmd.args, cmd.kinds):
            values = [arg] if kind == BRACKET else list(self.expander.expand(arg, where))
            options = [[(v, kind)] if kind != UNQUOTED else [(x, kind) for x in split_list(v)] for v in values]
            if len(options) == 1:
                for result in results:
                    result.extend(options[0])
                continue
            results = [r + o for r in results for o in options][:limit]
        return results

    def condition(self, cmd: Command) -> bool | None:
        where = f"{cmd.file}:{cmd.line}"
        env = Env(
            lookup=self._condition_lookup,
            maybe_set=self.may_be_set,
            is_target=self._is_target,
            is_command=lambda n: n.lower() in self.functions or n.lower() in self.handlers,
            path_exists=self._path_exists,
        )
        truths = {evaluate(tokens, env) for tokens in self.condition_tokens(cmd, where)}
        return truths.pop() if len(truths) == 1 else None

    def _condition_lookup(self, name: str, cache_only: bool = False) -> Value | None:
        if name.startswith("ENV{") and name.endswith("}"):
            return self.environment_value(name[4:-1])
        self._note_reference(name)
        return self.lookup(name, cache_only)

    def _note_reference(self, name: str) -> None:
        if not self.reporting and len(self.referenced) < 200_000:
            self.referenced.add(name.upper())

    def _is_target(self, name: str) -> bool | None:
        if "::" in name:
            self._note_reference(name.split("::", 1)[0] + "::")
        if name in self.targets:
            return True
        return None if "::" in name else False

    def _path_exists(self, path: str, directory: bool) -> bool | None:
        if path.startswith("/") or "$<" in path:
            return None
        normal = posixpath.normpath(path)
        return normal in self.dirs or (not directory and normal in self.paths)

    # --- running ---------------------------------------------------------------------------------

    def run_file(self, path: str, ctx: Context, new_scope: bool) -> None:
        """Run a CMakeLists.txt (new directory scope) or an included file (same scope)."""
        path = posixpath.normpath(path)
        if path not in self.texts or self.file_depth >= MAX_FILE_DEPTH:
            return
        if path.endswith("CMakeLists.txt"):
            if path in self.visited:
                return
            if len(self.visited) >= self.budget.max_files:
                self.budget.note("files", f"CMake reading: over {self.budget.max_files} files; {path} not read")
                return
        self.visited.add(path)
        folder = posixpath.dirname(path) or "."
        # as a value, a folder below the root "." is "./src", so `${CMAKE_CURRENT_LIST_DIR}/..` resolves from the root
        value = "./" + folder if self.root == "." and folder != "." else folder
        saved_scope = self.scope
        if new_scope:
            self.scope = Scope(parent=self.scope)
            for name in ("CMAKE_CURRENT_SOURCE_DIR", "CMAKE_CURRENT_LIST_DIR"):
                self.scope.set(name, (value,))
        else:
            saved_list_dir = self.scope.get("CMAKE_CURRENT_LIST_DIR")
            self.scope.set("CMAKE_CURRENT_LIST_DIR", (value,))
        self.file_depth += 1
        try:
            inner = replace(
                ctx,
                file=path,
                # an included file's relative paths are the including directory's (highs' cmake/cpp-highs.cmake:
                # `add_subdirectory(src)` is the top's src/), as CMAKE_CURRENT_SOURCE_DIR stays
                folder=folder if new_scope else ctx.folder,
                test_dir=ctx.test_dir or in_test_dir(path),
                vendored=ctx.vendored or self._vendored(path),
            )
            self.run(parse_blocks(tokenize(self.texts[path], path)), inner)
        except _Return:
            pass
        finally:
            self.file_depth -= 1
            if new_scope:
                self.scope = saved_scope
            elif saved_list_dir is not None:
                self.scope.set("CMAKE_CURRENT_LIST_DIR", saved_list_dir)

    def _vendored(self, path: str) -> bool:
        return in_dirs(path, VENDORED_DIRS)

    def run(self, statements: list[Statement], ctx: Context) -> None:
        for statement in statements:
            if isinstance(statement, Command):
                self.budget.step(f"{statement.file}:{statement.line}")
                self.command(statement, ctx)
            elif isinstance(statement, IfBlock):
                self.budget.step(f"{statement.file}:{statement.line}")
                self.run_if(statement, ctx)
            elif isinstance(statement, LoopBlock):
                self.budget.step(f"{statement.head.file}:{statement.head.line}")
                if statement.head.name == "foreach":
                    self.run_foreach(statement, ctx)
                else:
                    self.run_while(statement, ctx)
            elif statement.head.args:
                self.functions[self.expand_one(statement.head.args[0], "").lower()] = statement

    def command(self, cmd: Command, ctx: Context) -> None:
        where = f"{cmd.file}:{cmd.line}"
        self.reporting = cmd.name == "message"  # qrencode's summary prints ${ICONV_FOUND}, only tests link it
        excluded = cmd.name.startswith("target_") and bool(cmd.args) and cmd.args[0] in self.excluded_targets
        before = set(self.referenced) if excluded else set()
        alternatives = self.expand_args(cmd, where)
        self.reporting = False
        if excluded:  # immer's guile-immer (EXCLUDE_FROM_ALL) links ${Guile_LIBRARIES}: no default build does
            self.dead_referenced |= self.referenced - before
            self.switched_off_referenced |= self.referenced - before
            self.referenced &= before
        args = alternatives[0]
        for arg in (a for alternative in alternatives for a in alternative):
            if "::" in arg:  # an imported target (ZLIB::ZLIB): its package is used, unless switched off
                prefix = re.sub(r"^.*[<:,;]\s*(?=[\w.+-]+::)|::.*$", "", arg).upper() + "::"
                into = self.dead_referenced if _switched_off(arg) else self.referenced
                into.add(prefix)
                into.update(t.upper() for t in IMPORTED_TARGET.findall(arg))  # PkgConfig::GTK3
        definition = self.functions.get(cmd.name)
        if definition is not None:
            self.call(definition, args, cmd, ctx)
            return
        handler = self.handlers.get(cmd.name)
        if handler is not None:
            handler(cmd, args, alternatives, ctx)
        else:
            self.unmodelled(cmd, args)

    def unmodelled(self, cmd: Command, args: list[str]) -> None:
        """A command the reader does not imitate: what it may set is unknown."""
        name = cmd.name
        if name.startswith(("find_library", "find_path", "find_program", "find_file", "get_", "separate_arguments")):
            self.set_unknown(args[:1])
        elif name in ("math", "file", "execute_process", "try_compile", "try_run", "cmake_path"):
            self.set_unknown([a for a in args if _IDENTIFIER.fullmatch(a) and not a.isupper()])
        self.mark_maybe(args)

    # --- if / loops ------------------------------------------------------------------------------

    def run_if(self, block: IfBlock, ctx: Context) -> None:
        possible: list[tuple[list[Statement], str]] = []
        decided = False
        previous: list[str] = []
        for head, body in block.branches:
            text = " ".join(head.args)
            truth = self.condition(head)
            if truth is False:
                self.shadow(body, head, ctx.within(text))
            else:
                possible.append((body, text))
                if truth is True:
                    decided = True
                    break
            previous.append(text)
        if not decided:
            negation = " AND ".join(f"NOT ( {t} )" for t in previous)
            possible.append((block.otherwise or [], negation))
        if len(possible) == 1:
            body, text = possible[0]
            self.run(body, ctx.within(text))
            return
        self.run_alternatives(possible, ctx)

    def run_alternatives(self, possible: list[tuple[list[Statement], str]], ctx: Context) -> None:
        """Each branch that may run, from the same state; what they set is merged."""
        base = self.scope
        cache = dict(self.cache)
        outcomes: list[dict[str, Value]] = []
        declared: dict[str, Value] = {}  # options a branch declares (srt's ENABLE_CXX11 OFF or ON by compiler version)
        for body, text in possible:
            self.scope = Scope(parent=base, kind="overlay")
            try:
                self.run(body, ctx.within(text))
            except (_Return, _Break, _Continue):
                pass  # ends this alternative only
            finally:
                outcomes.append(self.scope.vars)
                self.scope = base
                for name in self.cache.keys() - cache.keys():
                    declared[name] = tuple(dict.fromkeys((*declared.get(name, ()), *self.cache[name])))
                self.cache = dict(cache)
        self.cache.update(declared)
        merge_branches(base, outcomes, self.budget, self.cache)

    def loop_guard(self, count: int, where: str) -> bool:
        if count >= self.budget.max_loop_iterations:
            self.budget.note("loop", f"CMake reading: a loop at {where} stopped after {count} iterations")
            return False
        return True

    def run_foreach(self, loop: LoopBlock, ctx: Context) -> None:
        head = loop.head
        where = f"{head.file}:{head.line}"
        args = self.expand_args(head, where)[0]
        if not args:
            return
        variable, items = args[0], self._foreach_items(args[1:])
        saved = self.scope.get(variable)
        for count, item in enumerate(items):
            if not self.loop_guard(count, where):
                break
            self.scope.set(variable, (item,))
            try:
                self.run(loop.body, ctx)
            except _Break:
                break
            except _Continue:
                continue
        if saved is not None:
            self.scope.set(variable, saved)

    def _foreach_items(self, rest: list[str]) -> list[str]:
        if rest[:1] == ["RANGE"]:
            try:
                numbers = [int(x) for x in rest[1:4]]
            except ValueError:
                return []
            start, stop, step = (0, numbers[0], 1) if len(numbers) == 1 else (*numbers[:2], (numbers[2:] or [1])[0])
            step = step or 1
            return [str(i) for i in range(start, stop + 1, step)][: self.budget.max_loop_iterations + 1]
        if rest[:1] != ["IN"]:
            return rest
        items: list[str] = []
        mode = ""
        for token in rest[1:]:
            if token in ("LISTS", "ITEMS", "ZIP_LISTS"):
                mode = token
            elif mode == "LISTS":
                value = self.lookup(token)
                items.extend(split_list(value[0]) if value else [])
            elif mode == "ITEMS":
                items.append(token)
        return items

    def run_while(self, loop: LoopBlock, ctx: Context) -> None:
        where = f"{loop.head.file}:{loop.head.line}"
        count = 0
        while self.condition(loop.head) is True and self.loop_guard(count, where):
            count += 1
            try:
                self.run(loop.body, ctx)
            except _Break:
                break
            except _Continue:
                continue

    # --- functions and macros --------------------------------------------------------------------

    def call(self, definition: Definition, args: list[str], cmd: Command, ctx: Context) -> None:
        if self.call_depth >= self.budget.max_call_depth:
            self.budget.note("depth", f"CMake reading: calls nested deeper than {self.budget.max_call_depth} skipped")
            return
        params = [self.expand_one(a, "") for a in definition.head.args[1:]]
        bindings = {"ARGC": str(len(args)), "ARGV": ";".join(args), "ARGN": ";".join(args[len(params) :])}
        bindings.update({f"ARGV{i}": a for i, a in enumerate(args)})
        bindings.update({p: (args[i] if i < len(args) else "") for i, p in enumerate(params)})
        self.call_depth += 1
        saved = self.scope
        try:
            if definition.is_macro:
                self.run(substitute(definition.body, bindings), ctx)
            else:
                self.scope = Scope(parent=self.scope, kind="function")
                for name, value in bindings.items():
                    self.scope.set(name, (value,))
                try:
                    self.run(definition.body, ctx)
                except _Return:
                    pass
        finally:
            self.scope = saved
            self.call_depth -= 1

    # --- what a branch that does not run would have asked for ------------------------------------

    def shadow(self, body: list[Statement], head: Command, ctx: Context) -> None:
        """Statements of a branch that does not run: subclasses note what it would have found."""

    # --- commands --------------------------------------------------------------------------------

    def environment_value(self, name: str) -> Value | None:
        """$ENV{NAME} in the recipe's build: what the files set, unknown for what conda-build sets
        (CC, CFLAGS, PREFIX ...), else empty (libmemcached's option(ENABLE_SASL ... $ENV{ENABLE_SASL}))."""
        if name in self.environment:
            return self.environment[name]
        if name in BUILD_ENVIRONMENT or name.startswith(("CONDA", "PKG_CONFIG", "CMAKE_")):
            return None
        return ("",)

    def cmd_set(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        if args and args[0].startswith("ENV{") and args[0].endswith("}"):
            self.environment[args[0][4:-1]] = (";".join(args[1:]),)
            return
        if not args or args[0].startswith("ENV{"):
            return
        name = args[0]
        if "CACHE" in args[1:]:
            at = args.index("CACHE")
            value = ";".join(args[1:at])
            if args[at + 1 : at + 2] == ["BOOL"] and "FORCE" not in args:  # a user-facing switch, like option()
                self.declare_option(name, value, args[at + 2] if len(args) > at + 2 else "")
            elif name not in self.forced and (name not in self.cache or "FORCE" in args):
                self.cache[name] = (value,)
            return
        values = tuple(dict.fromkeys(";".join(a for a in alt[1:] if a != "PARENT_SCOPE") for alt in alternatives))
        if len(args) == 1 or (len(args) == 2 and args[1] == "PARENT_SCOPE"):
            self.cmd_unset(cmd, args, alternatives, ctx)
            return
        self.set_var(name, values, parent_scope=args[-1] == "PARENT_SCOPE")

    def cmd_unset(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        if not args:
            return
        if "CACHE" in args[1:]:
            self.cache.pop(args[0], None)
        elif "PARENT_SCOPE" in args[1:]:
            outer = self.scope.variable_scope().parent
            if outer is not None:
                outer.unset(args[0])
        else:
            self.scope.unset(args[0])

    def cmd_option(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        if len(args) < 1:
            return
        name = args[0]
        # nghttp2's option(ENABLE_APP ... ${ENABLE_APP_DEFAULT}), ON or OFF by what was found: both
        defaults = tuple(dict.fromkeys(a[2] if len(a) > 2 else "OFF" for a in alternatives if a and a[0] == name))
        self.declare_option(name, defaults or ("OFF",), args[1] if len(args) > 1 else "")

    def declare_option(self, name: str, default: str | tuple[str, ...], description: str) -> None:
        if name not in self.forced and name not in self.cache and self.scope.get(name) is None:
            self.cache[name] = default if isinstance(default, tuple) else (default,)

    def cmd_dependent_option(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        if len(args) < 5:
            return
        name, description, default, depends, force = args[:5]
        truth = self._depends(depends, cmd)
        if truth is True:
            self.declare_option(name, default, description)
        elif truth is False:
            self.declare_option(name, force, description)
            if name not in self.forced:
                self.set_var(name, (force,))
        else:
            self.declare_option(name, default, description)
            if name not in self.forced:
                self.set_var(name, tuple(dict.fromkeys((default, force))))

    def _depends(self, depends: str, cmd: Command) -> bool | None:
        result: bool | None = True
        for condition in split_list(depends):
            words = re.findall(r'"[^"]*"|\S+', condition)
            probe = Command("if", [w.strip('"') for w in words], cmd.line, cmd.file)
            truth = self.condition(probe)
            if truth is False:
                return False
            if truth is None:
                result = None
        return result

    def cmd_list(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        if len(args) < 2:
            return
        op, name = args[0], args[1]
        current = self.lookup(name)
        value = current[0] if current else ""
        if is_unknown(value) and op not in ("APPEND", "PREPEND"):
            self.set_unknown(args[-1:] if op in ("LENGTH", "GET", "FIND", "JOIN") else [name])
            return
        items = split_list(value)
        rest = args[2:]
        if op == "APPEND":
            self.set_var(name, (";".join(x for x in [value, *rest] if x),))
        elif op == "PREPEND":
            self.set_var(name, (";".join(x for x in [*rest, value] if x),))
        elif op == "REMOVE_ITEM":
            self.set_var(name, (";".join(i for i in items if i not in rest),))
        elif op == "REMOVE_DUPLICATES":
            self.set_var(name, (";".join(dict.fromkeys(items)),))
        elif op == "LENGTH" and rest:
            self.set_var(rest[0], (str(len(items)),))
        elif op == "JOIN" and len(rest) >= 2:
            self.set_var(rest[1], (rest[0].join(items),))
        elif op == "FIND" and len(rest) >= 2:
            self.set_var(rest[1], (str(items.index(rest[0])) if rest[0] in items else "-1",))
        elif op == "GET" and len(rest) >= 2:
            self.set_var(rest[-1], (";".join(_list_get(items, rest[:-1])),))
        else:
            self.set_unknown([name, *rest[-1:]])

    def cmd_string(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        if len(args) < 2:
            return
        op, rest = args[0], args[1:]
        simple = {
            "TOLOWER": lambda s: s.lower(),
            "TOUPPER": lambda s: s.upper(),
            "STRIP": lambda s: s.strip(),
        }
        if op in simple and len(rest) >= 2:
            self.set_var(rest[1], (UNKNOWN if is_unknown(rest[0]) else simple[op](rest[0]),))
        elif op == "REPLACE" and len(rest) >= 4:
            joined = "".join(rest[3:])
            self.set_var(rest[2], (joined.replace(rest[0], rest[1]) if rest[0] else joined,))
        elif op in ("APPEND", "PREPEND"):
            current = (self.lookup(rest[0]) or ("",))[0]
            added = "".join(rest[1:])
            self.set_var(rest[0], (current + added if op == "APPEND" else added + current,))
        elif op == "CONCAT":
            self.set_var(rest[0], ("".join(rest[1:]),))
        elif op == "JOIN" and len(rest) >= 2:
            self.set_var(rest[1], (rest[0].join(rest[2:]),))
        elif op == "REGEX" and len(rest) >= 3:
            self.set_unknown([rest[2]])
        else:
            self.set_unknown([a for a in rest if _IDENTIFIER.fullmatch(a)][:1])

    def cmd_file(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        """file(GLOB/GLOB_RECURSE VAR patterns...) over the source's file list (oneTBB includes
        every cmake/*.cmake this way); the rest of file() needs the machine: unknown."""
        if len(args) < 3 or args[0] not in ("GLOB", "GLOB_RECURSE") or is_unknown(args[1]):
            self.unmodelled(cmd, args)
            return
        patterns, rest = [], args[2:]
        while rest:
            word = rest.pop(0)
            if word in GLOB_KEYWORDS:
                del rest[: GLOB_KEYWORDS[word]]
            elif not is_unknown(word):
                patterns.append(posixpath.normpath(self.resolve(word, ctx.folder)))
        found = [
            p
            for pattern in patterns
            for p in sorted(self.paths)
            if fnmatch.fnmatchcase(p, pattern) and (args[0] == "GLOB_RECURSE" or p.count("/") == pattern.count("/"))
        ][: self.budget.max_loop_iterations]
        prefix = "./" if self.root == "." else ""
        self.set_var(args[1], (";".join(prefix + p for p in dict.fromkeys(found)),))

    def cmd_get_filename_component(
        self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context
    ) -> None:
        """get_filename_component(VAR FILE MODE [BASE_DIR DIR]) on the source's relative paths
        (hidapi's `PROJECT_ROOT` from `${CMAKE_CURRENT_LIST_DIR}/..` names its add_subdirectory
        folders); PROGRAM and unknown names stay unknown."""
        if len(args) < 3 or is_unknown(args[1]) or args[2] == "PROGRAM":
            self.unmodelled(cmd, args)
            return
        name, path, mode = args[0], args[1].split(";")[0], args[2]
        base = posixpath.basename(path)
        if mode in ("ABSOLUTE", "REALPATH"):
            folder = args[args.index("BASE_DIR") + 1] if "BASE_DIR" in args[3:-1] else ctx.folder
            value = UNKNOWN if is_unknown(folder) else self.resolve(path, folder)
        elif mode in ("DIRECTORY", "PATH"):
            value = posixpath.dirname(path)
        elif mode in ("NAME", "NAME_WE", "NAME_WLE", "EXT", "LAST_EXT"):
            stem, dot, ext = base.partition(".") if mode in ("NAME_WE", "EXT") else base.rpartition(".")
            if not dot:
                stem, ext = base, ""
            value = {"NAME": base, "NAME_WE": stem, "NAME_WLE": stem}.get(mode, dot + ext)
        else:
            self.unmodelled(cmd, args)
            return
        self.set_var(name, (value,))

    def cmd_parse_arguments(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        raw = [self.expand_one(a, "") for a in cmd.args]
        if raw[:1] == ["PARSE_ARGV"]:
            if len(raw) < 6 or not raw[1].isdigit():
                return
            prefix, specs = raw[2], raw[3:6]
            count = int((self.lookup("ARGC") or ("0",))[0] or 0)
            values = [(self.lookup(f"ARGV{i}") or ("",))[0] for i in range(int(raw[1]), count)]
        else:
            if len(raw) < 4:
                return
            prefix, specs = raw[0], raw[1:4]
            values = args[4:] if len(args) >= 4 else []
        options, singles, multis = (split_list(s) for s in specs)
        parsed: dict[str, list[str]] = {}
        unparsed: list[str] = []
        current = ""
        for value in values:
            if value in options:
                parsed[value] = ["TRUE"]
                current = ""
            elif value in singles or value in multis:
                current = value
                parsed.setdefault(value, [])
            elif current:
                parsed[current].append(value)
                current = current if current in multis else ""
            else:
                unparsed.append(value)
        for name in options:
            self.set_var(f"{prefix}_{name}", ("TRUE" if name in parsed else "FALSE",))
        for name in [*singles, *multis]:
            if parsed.get(name):
                self.set_var(f"{prefix}_{name}", (";".join(parsed[name]),))
            else:
                self.scope.unset(f"{prefix}_{name}")
        self.set_var(f"{prefix}_UNPARSED_ARGUMENTS", (";".join(unparsed),))

    def cmd_include(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        if not args:
            return
        module = platform().get("modules", {}).get(args[0])
        if module:
            for name, value in module.items():
                if name not in self.forced:
                    self.scope.variable_scope().set(name, (value,))
            return
        target = self.module_path(args[0], ctx.folder)
        if target:
            self.run_file(target, ctx, new_scope=False)
        elif "RESULT_VARIABLE" in args:
            self.set_unknown(args[args.index("RESULT_VARIABLE") + 1 :][:1])

    def cmd_add_subdirectory(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        if not args or "EXCLUDE_FROM_ALL" in args[1:]:
            return
        folder = self.resolve(args[0], ctx.folder)
        self.run_file(posixpath.join(folder, "CMakeLists.txt"), ctx, new_scope=True)

    def cmd_subdirs(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        """The deprecated `subdirs(dir ... [EXCLUDE_FROM_ALL dir ...] [PREORDER])` (ftgl's `SUBDIRS(src)`)."""
        for folder in subdirs_built(args):
            self.cmd_add_subdirectory(cmd, [folder], alternatives, ctx)

    def cmd_return(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        raise _Return

    def cmd_break(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        raise _Break

    def cmd_continue(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        raise _Continue

    # --- paths -----------------------------------------------------------------------------------

    def resolve(self, value: str, folder: str) -> str:
        value = value.split(";")[0]
        if value == self.root or value.startswith(self.root + "/") or value.startswith("/"):
            return posixpath.normpath(value)
        return posixpath.normpath(posixpath.join(folder, value))

    MODULE_DIRS = ("cmake", "CMake", "cmake/modules", "cmake/Modules", "CMakeModules", "build/cmake")

    def _module_dirs(self) -> list[str]:
        """Where include() and find_package() look for the project's own modules."""
        module_path = (self.lookup("CMAKE_MODULE_PATH") or ("",))[0]
        search = [p for p in split_list(module_path) if not is_unknown(p)]
        return search + [posixpath.join(self.root, d) for d in self.MODULE_DIRS]

    def find_module_path(self, name: str) -> str | None:
        """The project's own Find<name>.cmake on its module path (None when it ships none)."""
        for directory in self._module_dirs():
            candidate = posixpath.normpath(posixpath.join(directory, f"Find{name}.cmake"))
            if candidate in self.texts:
                return candidate
        return None

    def module_path(self, value: str, folder: str) -> str | None:
        """The project file an include() reads: a path, or a module found on the module path."""
        value = value.split(";")[0]
        if not value or is_unknown(value):
            return None
        if "." in PurePosixPath(value).name or "/" in value:  # a file (libwebsockets' CMakeLists-implied-options.txt)
            candidate = self.resolve(value, folder)
            return candidate if candidate in self.texts else None
        for directory in self._module_dirs():
            candidate = posixpath.normpath(posixpath.join(directory, value + ".cmake"))
            if candidate in self.texts and not PurePosixPath(candidate).name.startswith("Find"):
                return candidate
        return None


_FALSY_GENEX = r"\$<BOOL:(?:OFF|FALSE|0|NO|N|IGNORE|NOTFOUND)?>"


def _switched_off(arg: str) -> bool:
    """A generator expression whose condition is false once expanded (`$<$<BOOL:OFF>:X::X>`,
    `$<$<AND:$<BOOL:OFF>,...>:X::X>`): what it names is not linked."""
    m = re.fullmatch(r"\$<(\$<.*>):([^<>]+)>", arg)
    if not m:
        return False
    condition = m.group(1)
    return bool(
        re.fullmatch(_FALSY_GENEX, condition) or (condition.startswith("$<AND:") and re.search(_FALSY_GENEX, condition))
    )


def _list_get(items: list[str], indexes: list[str]) -> list[str]:
    out = []
    for index in indexes:
        try:
            out.append(items[int(index)])
        except (ValueError, IndexError):
            return [UNKNOWN]
    return out


_MACRO_REF = re.compile(r"\$\{(\w+)\}")


def substitute(statements: list[Statement], bindings: dict[str, str]) -> list[Statement]:
    """A macro body with ${param}, ${ARGN}, ${ARGV}, ${ARGC}, ${ARGVn} replaced as text."""

    def text(value: str) -> str:
        if "${" not in value:
            return value
        return _MACRO_REF.sub(lambda m: bindings.get(m.group(1), m.group(0)), value)

    def command(cmd: Command) -> Command:
        return Command(cmd.name, [text(a) for a in cmd.args], cmd.line, cmd.file, list(cmd.kinds))

    out: list[Statement] = []
    for statement in statements:
        if isinstance(statement, Command):
            out.append(command(statement))
        elif isinstance(statement, IfBlock):
            branches = [(command(h), substitute(b, bindings)) for h, b in statement.branches]
            otherwise = substitute(statement.otherwise, bindings) if statement.otherwise is not None else None
            out.append(IfBlock(branches, otherwise, statement.line, statement.file))
        elif isinstance(statement, LoopBlock):
            out.append(LoopBlock(command(statement.head), substitute(statement.body, bindings)))
        else:
            out.append(Definition(command(statement.head), statement.body))
    return out


def subdirs_built(args: list[str]) -> list[str]:
    """The folders a `subdirs()` call builds by default."""
    built = []
    for arg in args:
        if arg == "EXCLUDE_FROM_ALL":
            break
        if arg != "PREORDER":
            built.append(arg)
    return built
