"""Reading CMake projects: a tokenizer for CMake's command syntax and the commands that matter.

Read: project(... VERSION ... LANGUAGES ...), set(), option(), add_library(), add_executable(),
install(TARGETS ...), set_target_properties(... OUTPUT_NAME ...), find_package(),
pkg_check_modules()/pkg_search_module(), install(FILES/DIRECTORY ... include). Nothing is
executed; ${VAR} is expanded from set() values seen so far. Commands inside if() blocks
about tests/examples/benchmarks, or in files under such folders, count as test-only.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from recipegen.generators.cxx.model import CMAKE, Dependency, Library, Option, Project

TESTISH = re.compile(r"TEST|EXAMPLE|DEMO|BENCH|FUZZ|DOC|SAMPLE", re.I)
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
    "doc",
    "docs",
    "samples",
    "contrib",
    "unittest",
    "unittests",
}
VENDORED_DIRS = {"third_party", "thirdparty", "3rdparty", "extern", "external", "vendor", "deps", "_deps"}
FIND_PACKAGE_KEYWORDS = {
    "REQUIRED",
    "QUIET",
    "CONFIG",
    "MODULE",
    "NO_MODULE",
    "EXACT",
    "COMPONENTS",
    "OPTIONAL_COMPONENTS",
    "GLOBAL",
    "NO_POLICY_SCOPE",
    "BYPASS_PROVIDER",
}


@dataclass
class Command:
    name: str  # lower-case
    args: list[str]
    line: int
    file: str


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def tokenize(text: str, file: str = "CMakeLists.txt") -> list[Command]:
    """CMake commands with their arguments (quotes removed, bracket arguments kept as text)."""
    commands: list[Command] = []
    i, n, line = 0, len(text), 1
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
            i += 1
        elif ch == "#":
            i, line = _skip_comment(text, i, line)
        elif (ch.isalpha() or ch == "_") and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = _IDENT.match(text, i)
            j = m.end()
            while j < n and text[j] in " \t":
                j += 1
            if j < n and text[j] == "(":
                start_line = line
                args, i, line = _arguments(text, j + 1, line)
                commands.append(Command(m.group(0).lower(), args, start_line, file))
            else:
                i = j
        else:
            i += 1
    return commands


def _skip_comment(text: str, i: int, line: int) -> tuple[int, int]:
    m = re.match(r"#\[(=*)\[", text[i : i + 20])
    if m:
        end = text.find("]" + m.group(1) + "]", i)
        end = len(text) if end == -1 else end + len(m.group(1)) + 2
        return end, line + text.count("\n", i, end)
    end = text.find("\n", i)
    return (len(text) if end == -1 else end), line


def _arguments(text: str, i: int, line: int) -> tuple[list[str], int, int]:
    args: list[str] = []
    current: list[str] = []
    depth = 0
    n = len(text)

    def flush() -> None:
        if current:
            args.append("".join(current))
            current.clear()

    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
        if ch == '"':
            j = i + 1
            buf = []
            while j < n and text[j] != '"':
                if text[j] == "\\" and j + 1 < n:
                    buf.append(text[j : j + 2] if text[j + 1] not in '"\\' else text[j + 1])
                    j += 2
                    continue
                if text[j] == "\n":
                    line += 1
                buf.append(text[j])
                j += 1
            current.append("".join(buf))
            i = j + 1
            continue
        if ch == "[" and re.match(r"\[=*\[", text[i : i + 20]):
            m = re.match(r"\[(=*)\[", text[i : i + 20])
            end = text.find("]" + m.group(1) + "]", i)
            end = n if end == -1 else end
            current.append(text[i + len(m.group(0)) : end])
            line += text.count("\n", i, end)
            i = end + len(m.group(1)) + 2
            continue
        if ch == "#":
            flush()
            i, line = _skip_comment(text, i, line)
            continue
        if ch == "(":
            depth += 1
            flush()
            args.append("(")
        elif ch == ")":
            if depth == 0:
                flush()
                return args, i + 1, line
            depth -= 1
            flush()
            args.append(")")
        elif ch in " \t\r\n":
            flush()
        else:
            current.append(ch)
        i += 1
    flush()
    return args, i, line


def _expand(value: str, variables: dict[str, str]) -> str:
    for _ in range(5):
        new = re.sub(r"\$\{([A-Za-z0-9_.+-]+)\}", lambda m: variables.get(m.group(1), m.group(0)), value)
        if new == value:
            break
        value = new
    return value


def cmake_files(paths: list[str], source_dir: str) -> list[str]:
    """CMakeLists.txt and *.cmake files of the project (not vendored copies), root first."""
    prefix = "" if source_dir in ("", ".") else source_dir.rstrip("/") + "/"
    found = []
    for path in paths:
        if not path.startswith(prefix):
            continue
        rel = path[len(prefix) :]
        parts = PurePosixPath(rel).parts
        if any(p.lower() in VENDORED_DIRS for p in parts[:-1]):
            continue
        if parts[-1] == "CMakeLists.txt" or (
            parts[-1].endswith(".cmake")
            and not parts[-1].endswith(("Config.cmake", "config.cmake", "ConfigVersion.cmake"))
        ):
            found.append(path)
    return sorted(found, key=lambda p: (p.count("/"), p != prefix + "CMakeLists.txt", p))


MODULE_DIRS = ("cmake", "CMake", "cmake/modules", "cmake/Modules", "CMakeModules", "build/cmake")
MAX_FILES = 500  # add_subdirectory/include recursion guard


class _Reader:
    """Walks a CMake project the way CMake does: from the top CMakeLists.txt through
    add_subdirectory() and include(), carrying the if() conditions that guard each call.
    Bodies of function()/macro() definitions are skipped (they run only where called)."""

    def __init__(self, texts: dict[str, str], source_dir: str) -> None:
        self.texts = texts
        self.root = "." if source_dir in ("", ".") else source_dir.rstrip("/")
        self.project = Project(build_system=CMAKE, source_dir=source_dir)
        self.variables: dict[str, str] = {"CMAKE_SOURCE_DIR": self.root, "PROJECT_SOURCE_DIR": self.root}
        self.installed: set[str] = set()
        self.executables: list[tuple[str, str, bool]] = []  # name, guard conditions, test-only
        self.libraries: list[tuple[Library, str]] = []
        self.output_names: dict[str, str] = {}
        self.languages: set[str] = set()
        self.visited: set[str] = set()

    def file(self, path: str, inherited: list[str]) -> None:
        path = posixpath.normpath(path)
        if path in self.visited or path not in self.texts or len(self.visited) >= MAX_FILES:
            return
        if any(p.lower() in VENDORED_DIRS for p in PurePosixPath(path).parts[:-1]):
            return
        self.visited.add(path)
        folder = posixpath.dirname(path) or "."
        saved = self.variables.get("CMAKE_CURRENT_SOURCE_DIR")
        if path.endswith("CMakeLists.txt"):
            self.variables["CMAKE_CURRENT_SOURCE_DIR"] = folder
        in_test_dir = any(p.lower() in TEST_DIRS for p in PurePosixPath(path).parts[:-1])
        conditions = list(inherited)
        depth = 0  # inside function()/macro() definitions
        for cmd in tokenize(self.texts[path], path):
            if cmd.name in ("function", "macro"):
                depth += 1
            elif cmd.name in ("endfunction", "endmacro"):
                depth = max(0, depth - 1)
            elif depth == 0:
                self.command(cmd, conditions, in_test_dir, folder, len(inherited))
        if saved is not None:
            self.variables["CMAKE_CURRENT_SOURCE_DIR"] = saved

    def command(self, cmd: Command, conditions: list[str], in_test_dir: bool, folder: str, floor: int) -> None:
        project = self.project
        args = [_expand(a, self.variables) for a in cmd.args]
        testish = in_test_dir or any(_testish(c) for c in conditions)
        guard = "\n".join(conditions)
        where = f"{cmd.file}:{cmd.line}"
        name = cmd.name
        if name == "if":
            conditions.append(" ".join(cmd.args))
        elif name == "else" and len(conditions) > floor:
            conditions[-1] = f"NOT ( {conditions[-1]} )"
        elif name == "elseif" and len(conditions) > floor:
            conditions[-1] = " ".join(cmd.args) + f" AND NOT ( {conditions[-1]} )"
        elif name == "endif" and len(conditions) > floor:
            conditions.pop()
        elif name == "set" and args:
            if "CACHE" in args[1:]:  # a cache entry never overrides a normal variable
                self.variables.setdefault(args[0], ";".join(args[1 : args.index("CACHE")]))
            else:
                self.variables[args[0]] = ";".join(a for a in args[1:] if a != "PARENT_SCOPE")
        elif name == "list" and len(args) >= 3 and args[0] == "APPEND":
            current = self.variables.get(args[1], "")
            self.variables[args[1]] = ";".join(x for x in [current, *args[2:]] if x)
        elif name == "project" and args and not project.name:
            _project(project, args, self.variables, self.languages)
        elif name in ("option", "cmake_dependent_option") and len(args) >= 2:
            default = args[2] if len(args) > 2 else "OFF"
            project.options.setdefault(args[0], Option(args[0], default.upper(), args[1]))
            self.variables.setdefault(args[0], default)
        elif name == "enable_language":
            self.languages |= {_language(a) for a in args if _language(a)}
        elif name == "add_subdirectory" and args:
            self.file(posixpath.join(self._dir(args[0], folder), "CMakeLists.txt"), list(conditions))
        elif name == "include" and args:
            target = self._module(args[0], folder)
            if target:
                self.file(target, list(conditions))
            if args[0] == "FindPkgConfig":
                project.uses_pkg_config = True
        elif name == "add_library" and args and not testish:
            lib = _library(args)
            if lib:
                self.libraries.append((lib, guard))
        elif name == "add_executable" and args and "IMPORTED" not in args and "ALIAS" not in args:
            self.executables.append((args[0], guard, testish))
        elif name == "install" and args:
            if args[0] == "TARGETS":
                for a in args[1:]:
                    if a in (
                        "EXPORT",
                        "RUNTIME",
                        "LIBRARY",
                        "ARCHIVE",
                        "DESTINATION",
                        "INCLUDES",
                        "PUBLIC_HEADER",
                        "COMPONENT",
                        "FILE_SET",
                        "BUNDLE",
                        "FRAMEWORK",
                    ):
                        break
                    self.installed.update(a.split(";"))
            elif args[0] in ("FILES", "DIRECTORY") and any("include" in a.lower() for a in args[1:]):
                project.installs_headers = True
                if args[0] == "FILES" and "DESTINATION" in args:
                    self._public_headers(args)
            if "PUBLIC_HEADER" in args or "FILE_SET" in args:
                project.installs_headers = True
        elif name == "set_target_properties" and "PROPERTIES" in args:
            targets = args[: args.index("PROPERTIES")]
            props = args[args.index("PROPERTIES") + 1 :]
            for key, value in zip(props[::2], props[1::2]):
                if key == "OUTPUT_NAME":
                    for target in targets:
                        self.output_names[target] = value
        elif name == "find_package" and args:
            project.dependencies.append(
                Dependency(
                    args[0],
                    "find_package",
                    optional="REQUIRED" not in args,
                    test_only=testish,
                    where=where,
                    off_by_default=guard,
                )
            )
        elif name in ("pkg_check_modules", "pkg_search_module") and len(args) > 1:
            project.uses_pkg_config = True
            for module in _pkg_modules(args[1:]):
                project.dependencies.append(
                    Dependency(
                        module,
                        name,
                        optional="REQUIRED" not in args,
                        test_only=testish,
                        where=where,
                        off_by_default=guard,
                    )
                )

    def _public_headers(self, args: list[str]) -> None:
        """Header names of install(FILES ... DESTINATION <...>/include[/sub])."""
        destination = args[args.index("DESTINATION") + 1]
        sub = re.split(r"include(?:dir|_dir|DIR)?\}?", destination, maxsplit=1, flags=re.I)
        subdir = sub[1].strip("/") if len(sub) > 1 else ""
        if "${" in subdir:
            return
        for value in args[1 : args.index("DESTINATION")]:
            for item in value.split(";"):
                name = PurePosixPath(item).name
                if name.endswith((".h", ".hpp", ".hh", ".hxx")) and "${" not in name:
                    self.project.public_headers.append(f"{subdir}/{name}" if subdir else name)

    def _dir(self, value: str, folder: str) -> str:
        value = value.split(";")[0]
        return posixpath.normpath(
            value if value.startswith(self.root + "/") or value == self.root else posixpath.join(folder, value)
        )

    def _module(self, value: str, folder: str) -> str | None:
        """The project file an include() reads: a path, or a module found on the module path."""
        value = value.split(";")[0]
        if value.endswith(".cmake"):
            candidate = self._dir(value, folder)
            return candidate if candidate in self.texts else None
        search = [p for p in self.variables.get("CMAKE_MODULE_PATH", "").split(";") if p and "${" not in p]
        search += [posixpath.join(self.root, d) for d in MODULE_DIRS]
        for directory in search:
            candidate = posixpath.normpath(posixpath.join(directory, value + ".cmake"))
            if candidate in self.texts and not PurePosixPath(candidate).name.startswith("Find"):
                return candidate
        return None

    def finish(self) -> Project:
        project = self.project
        off = self._off_options()
        for lib, guard in self.libraries:
            if not _guarded_off(guard, off):
                lib.output_name = self.output_names.get(lib.target, lib.output_name)
                project.libraries.append(lib)
        own = project.name.lower()
        project.dependencies = [d for d in project.dependencies if d.name.lower() != own]
        for dep in project.dependencies:  # keep only a guarding option that is OFF by default
            dep.off_by_default = _guarded_off(dep.off_by_default, off)
        project.executables = [
            name
            for name, guard, testish in self.executables
            if name in self.installed and not testish and not _guarded_off(guard, off)
        ]
        project.languages = self.languages
        return project

    def _off_options(self) -> set[str]:
        return {
            name for name, option in self.project.options.items() if option.default in ("OFF", "FALSE", "0", "NO", "N")
        }


def _testish(condition: str) -> bool:
    """True when a condition requires a tests/examples/benchmarks switch (not its negation)."""
    words = re.findall(r"[A-Za-z_][A-Za-z0-9_:]*|\(", condition)
    negated = False
    for word in words:
        if word == "NOT":
            negated = True
            continue
        if TESTISH.search(word) and not negated:
            return True
        negated = False if word != "(" else negated
    return False


def _guarded_off(conditions: str, off: set[str]) -> str:
    """The OFF-by-default option the enclosing if() conditions require ('' when none does).

    Each enclosing condition is one line; one whose terms are joined by AND only, with an
    OFF option not negated (`if (NOT TARGET x AND WITH_PY)`), keeps the block off by default.
    """
    for condition in conditions.split("\n"):
        words = re.findall(r"[A-Za-z_][A-Za-z0-9_:]*", condition)
        if "OR" in words:
            continue
        for index, word in enumerate(words):
            if word in off and (index == 0 or words[index - 1] != "NOT"):
                return word
    return ""


def read_cmake(texts: dict[str, str], paths: list[str], source_dir: str = ".") -> Project:
    reader = _Reader(texts, source_dir)
    root = "CMakeLists.txt" if source_dir in ("", ".") else f"{source_dir.rstrip('/')}/CMakeLists.txt"
    reader.file(root, [])
    return reader.finish()


def _language(token: str) -> str:
    return {"C": "c", "CXX": "cxx"}.get(token.upper(), "")


def _project(project: Project, args: list[str], variables: dict[str, str], languages: set[str]) -> None:
    project.name = args[0]
    variables["PROJECT_NAME"] = args[0]
    keywords = {"VERSION", "LANGUAGES", "DESCRIPTION", "HOMEPAGE_URL"}
    mode = "LANGUAGES"  # positional arguments after the name are languages
    for token in args[1:]:
        if token in keywords:
            mode = token
            continue
        if mode == "VERSION" and not project.version:
            project.version = token
            project.version_source = "project(VERSION)"
        elif mode == "LANGUAGES" and _language(token):
            languages.add(_language(token))
        elif mode == "DESCRIPTION" and not project.description:
            project.description = token
        elif mode == "HOMEPAGE_URL" and not project.homepage:
            project.homepage = token
    if project.version and "${" in project.version:
        project.version, project.version_source = "", ""
    if project.version:
        variables["PROJECT_VERSION"] = project.version
        variables[f"{project.name}_VERSION"] = project.version


def _library(args: list[str]) -> Library | None:
    name = args[0]
    rest = args[1:]
    if "ALIAS" in rest or "IMPORTED" in rest or "OBJECT" in rest:
        return None
    kind = "default"
    for token, value in (("SHARED", "shared"), ("STATIC", "static"), ("MODULE", "module"), ("INTERFACE", "interface")):
        if token in rest[:2]:
            kind = value
    return Library(name, name, kind)


def _pkg_modules(args: list[str]) -> list[str]:
    modules = []
    for token in args:
        if token in ("REQUIRED", "QUIET", "IMPORTED_TARGET", "GLOBAL", "NO_CMAKE_PATH", "NO_CMAKE_ENVIRONMENT_PATH"):
            continue
        if token[0] in "<>=" or token[0].isdigit():
            continue
        modules.append(re.split(r"[<>=]", token, maxsplit=1)[0])
    return modules
