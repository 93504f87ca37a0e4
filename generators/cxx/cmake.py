"""Reading CMake projects: a tokenizer for CMake's command syntax and the commands that matter.

Read: project(... VERSION ... LANGUAGES ...), set(), option(), add_library(), add_executable(),
install(TARGETS ...), set_target_properties(... OUTPUT_NAME ...), find_package(),
pkg_check_modules()/pkg_search_module(), install(FILES/DIRECTORY ... include). Nothing is
executed; ${VAR} is expanded from set() values seen so far. Commands inside if() blocks
about tests/examples/benchmarks, or in files under such folders, count as test-only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from recipegen.generators.cxx.model import CMAKE, Dependency, Library, Option, Project

TESTISH = re.compile(r"TEST|EXAMPLE|DEMO|BENCH|FUZZ|DOC|SAMPLE", re.I)
TEST_DIRS = {"test", "tests", "testing", "example", "examples", "bench", "benchmark", "benchmarks", "fuzz",
             "fuzzing", "doc", "docs", "samples", "contrib", "unittest", "unittests"}
VENDORED_DIRS = {"third_party", "thirdparty", "3rdparty", "extern", "external", "vendor", "deps", "_deps"}
FIND_PACKAGE_KEYWORDS = {"REQUIRED", "QUIET", "CONFIG", "MODULE", "NO_MODULE", "EXACT", "COMPONENTS",
                         "OPTIONAL_COMPONENTS", "GLOBAL", "NO_POLICY_SCOPE", "BYPASS_PROVIDER"}


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
    m = re.match(r"#\[(=*)\[", text[i:i + 20])
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
                    buf.append(text[j:j + 2] if text[j + 1] not in '"\\' else text[j + 1])
                    j += 2
                    continue
                if text[j] == "\n":
                    line += 1
                buf.append(text[j])
                j += 1
            current.append("".join(buf))
            i = j + 1
            continue
        if ch == "[" and re.match(r"\[=*\[", text[i:i + 20]):
            m = re.match(r"\[(=*)\[", text[i:i + 20])
            end = text.find("]" + m.group(1) + "]", i)
            end = n if end == -1 else end
            current.append(text[i + len(m.group(0)):end])
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
        rel = path[len(prefix):]
        parts = PurePosixPath(rel).parts
        if any(p.lower() in VENDORED_DIRS for p in parts[:-1]):
            continue
        if parts[-1] == "CMakeLists.txt" or (parts[-1].endswith(".cmake") and not parts[-1].endswith(
                ("Config.cmake", "config.cmake", "ConfigVersion.cmake"))):
            found.append(path)
    return sorted(found, key=lambda p: (p.count("/"), p != prefix + "CMakeLists.txt", p))


def read_cmake(texts: dict[str, str], paths: list[str], source_dir: str = ".") -> Project:
    project = Project(build_system=CMAKE, source_dir=source_dir)
    variables: dict[str, str] = {"CMAKE_CURRENT_SOURCE_DIR": ".", "PROJECT_SOURCE_DIR": "."}
    installed: set[str] = set()
    executables: list[tuple[str, bool]] = []
    output_names: dict[str, str] = {}
    explicit_languages: set[str] = set()
    for path in cmake_files(paths, source_dir):
        text = texts.get(path)
        if text is None:
            continue
        in_test_dir = any(p.lower() in TEST_DIRS for p in PurePosixPath(path).parts[:-1])
        conditions: list[str] = []
        for cmd in tokenize(text, path):
            args = [_expand(a, variables) for a in cmd.args]
            testish = in_test_dir or any(TESTISH.search(c) for c in conditions)
            where = f"{path}:{cmd.line}"
            if cmd.name == "if":
                conditions.append(" ".join(cmd.args))
            elif cmd.name in ("elseif", "else") and conditions:
                conditions[-1] = " ".join(cmd.args) + " " + conditions[-1]
            elif cmd.name == "endif" and conditions:
                conditions.pop()
            elif cmd.name == "set" and args:
                if "CACHE" in args[1:]:  # a cache entry never overrides a normal variable
                    variables.setdefault(args[0], ";".join(args[1:args.index("CACHE")]))
                else:
                    variables[args[0]] = ";".join(a for a in args[1:] if a != "PARENT_SCOPE")
            elif cmd.name == "project" and args and not project.name:
                _project(project, args, variables, explicit_languages)
            elif cmd.name in ("option", "cmake_dependent_option") and len(args) >= 2:
                default = args[2] if len(args) > 2 else "OFF"
                project.options.setdefault(args[0], Option(args[0], default.upper(), args[1]))
                variables.setdefault(args[0], default)
            elif cmd.name == "enable_language":
                explicit_languages |= {_language(a) for a in args if _language(a)}
            elif cmd.name == "add_library" and args and not testish:
                lib = _library(args)
                if lib:
                    project.libraries.append(lib)
            elif cmd.name == "add_executable" and args and "IMPORTED" not in args and "ALIAS" not in args:
                executables.append((args[0], testish))
            elif cmd.name == "install" and args:
                if args[0] == "TARGETS":
                    for a in args[1:]:
                        if a.isupper() and a in ("EXPORT", "RUNTIME", "LIBRARY", "ARCHIVE", "DESTINATION",
                                                 "INCLUDES", "PUBLIC_HEADER", "COMPONENT", "FILE_SET"):
                            break
                        installed.add(a)
                elif args[0] in ("FILES", "DIRECTORY") and any("include" in a.lower() for a in args[1:]):
                    project.installs_headers = True
                if "PUBLIC_HEADER" in args or "FILE_SET" in args:
                    project.installs_headers = True
            elif cmd.name == "set_target_properties" and "PROPERTIES" in args:
                targets = args[:args.index("PROPERTIES")]
                props = args[args.index("PROPERTIES") + 1:]
                for key, value in zip(props[::2], props[1::2]):
                    if key == "OUTPUT_NAME":
                        for target in targets:
                            output_names[target] = value
            elif cmd.name == "find_package" and args:
                name = args[0]
                project.dependencies.append(Dependency(
                    name, "find_package", optional="REQUIRED" not in args, test_only=testish, where=where,
                    off_by_default=" ".join(conditions)))
            elif cmd.name in ("pkg_check_modules", "pkg_search_module") and len(args) > 1:
                project.uses_pkg_config = True
                for module in _pkg_modules(args[1:]):
                    project.dependencies.append(Dependency(
                        module, cmd.name, optional="REQUIRED" not in args, test_only=testish, where=where,
                        off_by_default=" ".join(conditions)))
            elif cmd.name == "include" and args and args[0] in ("FindPkgConfig",):
                project.uses_pkg_config = True
    for lib in project.libraries:
        lib.output_name = output_names.get(lib.target, lib.output_name)
    for dep in project.dependencies:  # keep only a guarding option that is OFF by default
        words = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", dep.off_by_default)
        guards = [w for w in words if w in project.options and project.options[w].default in ("OFF", "FALSE", "0", "NO")
                  and "NOT" not in words]
        dep.off_by_default = guards[0] if guards else ""
    project.executables = [name for name, testish in executables if name in installed and not testish]
    project.languages = explicit_languages
    return project


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
    for token, value in (("SHARED", "shared"), ("STATIC", "static"), ("MODULE", "module"),
                         ("INTERFACE", "interface")):
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
        modules.append(re.split(r"[<>=]", token, 1)[0])
    return modules
