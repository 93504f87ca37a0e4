"""Reading Meson projects: project(), library()/shared_library()/static_library()/both_libraries(),
executable(..., install: true), dependency(), compiler find_library(), install_headers(),
and the options file. Meson's language is not executed; calls are found with their balanced
argument text and read with small regular expressions.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from recipegen.generators.cxx.cmake import TEST_DIRS, VENDORED_DIRS
from recipegen.generators.cxx.meson_cond import UNIX_SYSTEMS, dead_lines
from recipegen.generators.cxx.model import MESON, Dependency, Library, Option, Project
from recipegen.generators.cxx.options import turned_off

_STRING = r"'((?:[^'\\]|\\.)*)'"
_CALL = re.compile(r"(?<![\w.])(\w+)\s*\(|\.(find_library)\s*\(")


def calls(text: str) -> list[tuple[str, str, int]]:
    """(function name, argument text, line) of every call, comments stripped."""
    clean = _blank_strings_comments(text)
    out = []
    for m in _CALL.finditer(clean):
        name = m.group(1) or m.group(2)
        start = m.end()
        depth, i = 1, start
        while i < len(clean) and depth:
            depth += {"(": 1, ")": -1}.get(clean[i], 0)
            i += 1
        out.append((name, text[start : i - 1], text.count("\n", 0, m.start()) + 1))
    return out


_TOKENS = re.compile(r"'''[\s\S]*?'''|'(?:[^'\\\n]|\\.)*'|#[^\n]*")


def _blank_strings_comments(text: str) -> str:
    """Same length text with string contents and comments blanked, in one pass (a quote in a
    comment or a '#' in a string does not count)."""

    def blank(m: re.Match) -> str:
        token = m.group(0)
        if token.startswith("#"):
            return " " * len(token)
        quote = token[:3] if token.startswith("'''") else "'"
        return quote + re.sub(r"[^\n]", " ", token[len(quote) : len(token) - len(quote)]) + quote

    return _TOKENS.sub(blank, text)


def _strings(args: str) -> list[str]:
    return [m.group(1) for m in re.finditer(_STRING, args)]


def _keyword(args: str, key: str) -> str | None:
    m = re.search(rf"\b{key}\s*:\s*(?:{_STRING}|(\w+))", args)
    if not m:
        return None
    return m.group(1) if m.group(1) is not None else m.group(2)


def _positional(args: str, variables: dict[str, str] | None = None) -> list[str]:
    """Leading positional string arguments (before the first `key:`); '...@0@'.format(x) resolved."""
    head = re.split(r"\b\w+\s*:", args, maxsplit=1)[0]
    if variables is not None:
        head = re.sub(
            rf"{_STRING}\s*\.format\(([^)]*)\)", lambda m: "'" + _format(m.group(1), m.group(2), variables) + "'", head
        )
        # A leading bare string variable: graphene's `library(graphene_api_path, ...)`
        head = re.sub(r"^\s*([A-Za-z_]\w*)\s*(?=,|$)", lambda m: f"'{variables.get(m.group(1), '@')}'", head)
        # A leading concatenation: serd's `library(meson.project_name() + library_suffix, ...)`;
        # gsound's `library(meson.project_name(), ...)` alone
        head = re.sub(
            rf"^\s*({_TERM}(?:\s*\+\s*{_TERM})*)\s*(?=,|$)", lambda m: _concatenation(m.group(1), variables), head
        )
    return _strings(head)


_TERM = rf"(?:{_STRING}|meson\.project_name\(\)|[A-Za-z_]\w*)"


def _concatenation(expression: str, variables: dict[str, str]) -> str:
    """`a + 'b' + meson.project_name()` as one quoted string; a part not known is a glob's "*"."""
    parts = [m.group(0) for m in re.finditer(_TERM, expression)]
    values = [m.group(1) if (m := re.fullmatch(_STRING, p)) else variables.get(p, "*") for p in parts]
    return "'" + "".join(values) + "'"


def _format(template: str, args: str, variables: dict[str, str], unknown: str = "") -> str:
    values = []
    for token in (a.strip() for a in args.split(",")):
        literal = re.fullmatch(_STRING, token)
        values.append(literal.group(1) if literal else variables.get(token, unknown))
    for index, value in enumerate(values):
        template = template.replace(f"@{index}@", value)
    return template


_ASSIGN = re.compile(rf"^\s*(\w+)\s*=\s*{_STRING}\s*$", re.M)
_ASSIGN_CONCAT = re.compile(rf"^[ \t]*(\w+)[ \t]*=[ \t]*({_TERM}(?:[ \t]*\+[ \t]*{_TERM})+)[ \t]*$", re.M)
# pango's `freetype_package_name = cc.get_argument_syntax() == 'msvc' ? 'freetype' : 'freetype2'`:
# the value of the usual case (the `else` one, a condition naming a special compiler or system)
_ASSIGN_TERNARY = re.compile(rf"^[ \t]*(\w+)[ \t]*=[^\n?=]*==[^\n?]*\?[ \t\\\n]*{_STRING}\s*:\s*{_STRING}[ \t]*$", re.M)
# `x = '@0@-@1@'.format(meson.project_name(), api_version)`
_ASSIGN_FORMAT = re.compile(rf"^\s*(\w+)\s*=\s*{_STRING}\s*\.format\((.*)\)\s*$", re.M)


# libnotify's `LIBNAME = meson.project_name().split('lib')[1]`
_ASSIGN_SPLIT = re.compile(
    rf"^\s*(?P<name>\w+)\s*=\s*(?P<term>{_TERM})\s*\.split\(\s*'(?P<sep>[^'\\]*)'\s*\)\s*\[\s*(?P<index>-?\d+)\s*\]\s*$",
    re.M,
)


def _split(term: str, separator: str, index: int, variables: dict) -> str:
    """meson's `str.split(sep)[index]` of a literal or known string; "*" when not known."""
    literal = re.fullmatch(_STRING, term)
    value = literal.group(1) if literal else variables.get(term)
    parts = value.split(separator) if isinstance(value, str) and separator else []
    return parts[index] if -len(parts) <= index < len(parts) else "*"


def _assignments(text: str, variables: dict) -> None:
    """The string variables a meson.build sets: literals, and `'...'.format(...)` of known values
    and `meson.project_name()` (a value the reader cannot know is a glob's "*"), and
    concatenations of those (`meson.project_name() + suffix + '-' + api_version`)."""
    top_level: set[str] = set()
    literal: dict[str, str] = {}
    for m in _ASSIGN.finditer(text):
        unconditional = not m.group(0).lstrip("\n").startswith((" ", "\t"))
        # cairomm's `msvc14x_toolset_ver = ''`, then '-vc143' inside `if is_msvc`: a value set
        # outside any block stands against the ones set in branches
        if unconditional or m.group(1) not in literal or m.group(1) not in top_level:
            literal[m.group(1)] = m.group(2)
        if unconditional:
            top_level.add(m.group(1))
    variables.update(literal)
    # vte's `vte_api_major_version = 2`, formatted into its library name, and librist's top-level
    # `should_install = true` for `install: should_install`: integers and booleans are values too
    for m in re.finditer(r"^(\w+)[ \t]*=[ \t]*(\d+|true|false)[ \t]*(?:#.*)?$", text, re.M):
        variables.setdefault(m.group(1), m.group(2))
    variables.update({m.group(1): m.group(3) for m in _ASSIGN_TERNARY.finditer(text)})
    if named := re.search(rf"^\s*project\s*\(\s*{_STRING}", text, re.M):
        variables.setdefault("meson.project_name()", named.group(1))
    for m in _ASSIGN_FORMAT.finditer(text):
        variables[m.group(1)] = _format(m.group(2), m.group(3), variables, unknown="*")
    for m in _ASSIGN_SPLIT.finditer(text):
        variables[m["name"]] = _split(m["term"], m["sep"], int(m["index"]), variables)
    for m in _ASSIGN_CONCAT.finditer(text):
        value = _concatenation(m.group(2), variables).strip("'")
        if "*" not in value:
            variables.setdefault(m.group(1), value)


# folders of example programs: built by the default build when its examples switch is kept on
EXAMPLE_DIRS = frozenset({"example", "examples", "demo", "demos", "sample", "samples"})


def _test_folder(path: str, keep: frozenset[str]) -> bool:
    """Is `path` in a tests/examples folder whose programs the build script leaves out?"""
    folders = {x.lower() for x in PurePosixPath(path).parts[:-1]} & TEST_DIRS
    return bool(folders - EXAMPLE_DIRS if keep else folders)


def _options(texts: dict[str, str], keep: frozenset[str] = frozenset()) -> dict[str, Option]:
    options: dict[str, Option] = {}
    for options_file in ("meson_options.txt", "meson.options"):
        for name, args, _ in calls(texts.get(options_file, "")):
            if name == "option":
                positional = _positional(args)
                if positional:
                    value = _keyword(args, "value") or ""
                    kind = _keyword(args, "type") or ""
                    choices = re.search(r"\bchoices\s*:\s*\[([^\]]*)\]", args)
                    options[positional[0]] = Option(
                        positional[0],
                        value,
                        _keyword(args, "description") or "",
                        kind,
                        tuple(_strings(choices.group(1))) if choices else (),
                        kept=positional[0] in keep,
                    )
    return options


def _switch_hint(option: str, options: dict[str, Option]) -> str:
    """`-Dtools=true` / `-Dzlib=enabled` for the option a dead block needs ('' when unknown)."""
    name = option.removeprefix("-D")
    kind = options[name].kind if name in options else ""
    value = {"feature": "enabled", "combo": "<choice>"}.get(kind, "true")
    return f"-D{name}={value}" if name else "-D"


def _off_by_default(dep: Dependency, options: dict[str, Option], args: str, dead_switch: str | None) -> None:
    """A dependency in a block that cannot run, or `required: get_option('x')` of a disabled
    feature: not searched by the default build."""
    m = re.search(r"\brequired\s*:\s*get_option\(\s*'([\w-]+)'\s*\)", args)
    option = options.get(m.group(1)) if m else None
    if option is not None and option.kind == "feature" and turned_off(option):
        dep.test_only = True  # tests, docs, bindings: the script turns them off (rubberband's boost for `tests`)
        return
    if option is not None and option.kind == "feature" and option.default.strip("'") == "disabled":
        dep.off_by_default = f"-D{option.name}=enabled"
    elif option is not None and option.kind == "boolean" and option.default.strip("'") == "false":
        dep.off_by_default = f"-D{option.name}=true"  # pango's gi-docgen for `gtk_doc`
    elif dead_switch is not None:
        dep.off_by_default = dead_switch if dead_switch != "-D" else ""
        dep.test_only = dep.test_only or dead_switch == "-D"


_FOREACH = re.compile(r"^\s*foreach\s+(\w+)(?:\s*,\s*\w+)?\s*:\s*(\[[^\]]*\]|\{[^}]*\}|\w+)\s*$", re.M)


def _blank_comments(text: str) -> str:
    return re.sub(r"#[^\n'\"]*$", "", text, flags=re.M)


def _literal_names(expression: str) -> list[str]:
    """The strings of a list literal, the keys of a dict literal."""
    if expression.startswith("{"):
        return re.findall(r"'([^']*)'\s*:", expression)
    return _strings(expression)


def _loop_values(text: str) -> dict[str, list[str]]:
    """The values a `foreach` variable takes, when it walks a literal list or dict, or a variable
    assigned (and added to) only such literals: usbredir's tools walk `deps = {'glib-2.0': ...}`
    plus `deps += {'gio-unix-2.0': ...}` and call `dependency(dep, version : version)`."""
    loops: dict[str, list[str]] = {}
    for m in _FOREACH.finditer(text):
        iterable = m.group(2)
        if iterable.startswith(("[", "{")):
            loops[m.group(1)] = _literal_names(iterable)
            continue
        parts = re.findall(rf"^\s*{iterable}\s*\+?=\s*(\[[^\]]*\]|\{{[^}}]*\}})", text, re.M)
        names = [n for part in parts for n in _literal_names(part)]
        if names:
            loops[m.group(1)] = list(dict.fromkeys(names))
    return loops


def _over_loop_values(args: str, loops: dict[str, list[str]]) -> list[str]:
    """The call's arguments once per value of a loop variable it names first, else as they are."""
    first = re.match(r"\s*(\w+)\s*(?=[,)]|$)", args)
    if not first or first.group(1) not in loops:
        return [args]
    return [f"'{value}'" + args[first.end() :] for value in loops[first.group(1)]]


def _dependency(
    project: Project, args: str, testish: bool, where: str, line_text: str, variables: dict
) -> Dependency | None:
    """`[var =] dependency('name', required: ...)`: the dependency, and its variable (for
    `_mark_test_only`)."""
    required = _keyword(args, "required")
    names = _positional(args, {k: v for k, v in variables.items() if isinstance(k, str)})[:1]
    if not names or re.search(r"[@*]", names[0]):
        return None
    dep = Dependency(
        names[0],
        "dependency",
        optional=required not in (None, "true"),
        test_only=testish,
        where=where,
        native=_keyword(args, "native") == "true",  # libdisplay-info's hwdata (its pnp.ids): build machine
    )
    project.dependencies.append(dep)
    assigned = re.match(r"^\s*(\w+)\s*=\s*dependency\s*\(", line_text)
    if assigned:
        variables[id(dep)] = assigned.group(1)
    return dep


# gstreamer's tests: `dependencies : gst_deps + test_deps`
_DEPENDENCIES_LIST = re.compile(r"\bdependencies\s*:\s*((?:\[[^\]]*\]|\w+)(?:\s*\+\s*(?:\[[^\]]*\]|\w+))*)")


_LIST_ASSIGNMENT = re.compile(r"^\s*(\w+)\s*\+?=\s*\[([^\]]*)\]", re.M)


def _list_variables(texts: dict[str, str], files: list[str]) -> dict[str, set[str]]:
    """The words each list variable holds (libESMTP's `deps = [dldep, ssldep, ...]`, then
    `library(..., dependencies : deps)`), also through lists of lists."""
    lists: dict[str, set[str]] = {}
    for path in files:
        for m in _LIST_ASSIGNMENT.finditer(_blank_strings_comments(texts.get(path, ""))):
            lists.setdefault(m.group(1), set()).update(re.findall(r"\w+", m.group(2)))
    for _ in range(2):
        for words in lists.values():
            words.update(*(lists.get(w, set()) for w in list(words)))
    return lists


def _mark_test_only(
    project: Project, names: dict[int, str], texts: dict[str, str], files: list[str], keep: frozenset[str]
) -> None:
    """A dependency whose variable only targets under test/demo folders list in their
    `dependencies:` is test-only (pixman's libpng, glib, gtk)."""
    users: dict[str, set[bool]] = {}
    lists = _list_variables(texts, files)
    for path in files:
        testish = _test_folder(path, keep)
        for m in _DEPENDENCIES_LIST.finditer(_blank_strings_comments(texts.get(path, ""))):
            for word in re.findall(r"\w+", m.group(1)):
                for used in {word, *lists.get(word, ())}:
                    users.setdefault(used, set()).add(testish)
    for dep in project.dependencies:
        name = names.get(id(dep))
        if name and users.get(name) == {True}:
            dep.test_only = True


LIBRARY_KINDS = {
    "library": "default",
    "shared_library": "shared",
    "static_library": "static",
    "both_libraries": "both",
    "shared_module": "module",
}


def _read_project_call(project: Project, args: str, texts: dict[str, str]) -> None:
    """`project(name, languages..., version:, license:)`."""
    positional = _positional(args)
    if positional:
        project.name = positional[0]
        project.languages |= {{"c": "c", "cpp": "cxx"}.get(x, "") for x in positional[1:]} - {""}
    declared = _keyword(args, "license")
    if declared and re.fullmatch(r"[A-Za-z0-9.+() -]+", declared):
        project.license = declared
    version = _keyword(args, "version")
    if version and re.match(r"^\d", version):
        project.version, project.version_source = version, "meson project(version:)"
    elif found := re.search(r"version\s*:\s*files\(\s*'([^']+)'", args):
        ref = found.group(1)
        value = (texts.get(ref) or "").strip()
        if re.match(r"^\d[\w.]*$", value):
            project.version, project.version_source = value, f"meson project(version: files('{ref}'))"


def _target_kind(call: str, args: str, variables: dict) -> str:
    """The call a `build_target()` stands for (gtherm's `target_type : libtype`, libtype = 'shared_library')."""
    if call != "build_target":
        return call
    kind = _keyword(args, "target_type") or ""
    return str(variables.get(kind, kind))


def _install_value(args: str, variables: dict) -> str:
    """`install:` of a call, through a boolean variable (librist's `install: should_install`)."""
    value = _keyword(args, "install") or ""
    return str(variables.get(value, value))


def _installed_library(call: str, args: str, variables: dict) -> Library | None:
    """The library a `library()`-like call installs (None: not installed, or its name is unknown)."""
    positional = _positional(args, variables)
    if not positional or "@" in positional[0]:
        return None
    install = _keyword(args, "install")
    if install == "false" or (call == "static_library" and install != "true"):
        return None
    return Library(positional[0], positional[0], LIBRARY_KINDS[call])


def _provided(text: str, file_calls: list[tuple[str, str, int]]) -> frozenset[str]:
    """Variables of dependencies a build from the recipe finds: required ones conda-forge provides
    (libxml++'s `xml2_dep = dependency('libxml-2.0', required: host_machine.system() != 'windows')`)."""
    from recipegen.generators.cxx.depmap import map_dependency

    lines = text.splitlines()
    provided = set()
    for name, args, line in file_calls:
        assigned = re.match(r"^\s*(\w+)\s*=\s*dependency\s*\(", lines[line - 1]) if name == "dependency" else None
        if assigned is None:
            continue
        names = _positional(args)[:1]
        if names and map_dependency(names[0]).conda and _keyword(args, "required") not in ("false", "get_option"):
            provided.add(assigned.group(1))
    return frozenset(provided)


def read_meson(texts: dict[str, str], paths: list[str], keep: frozenset[str] = frozenset()) -> Project:
    """The project the meson files describe; `keep`: switches the build script leaves at their default."""
    project = Project(build_system=MESON)
    files = sorted(
        (
            p
            for p in paths
            if PurePosixPath(p).name == "meson.build"
            and not any(x.lower() in VENDORED_DIRS | {"subprojects"} for x in PurePosixPath(p).parts[:-1])
        ),
        key=lambda p: (p.count("/"), p),
    )
    project.options = _options(texts, keep)
    variables: dict = {}  # string variables by name; dependency variables by id(Dependency)
    vala_compilers: set[str] = set()  # variables holding meson.get_compiler('vala')
    dead_by_file: dict[str, set[int]] = {}
    dead_folders: dict[str, str] = {}  # folders whose subdir() call does not run -> the option that would run it
    blanked_by_file: dict[str, str] = {}
    for path in files:
        text = texts.get(path)
        if text is None:
            continue
        file_calls = calls(text)
        provided = _provided(text, file_calls)
        blanked_by_file[path] = blanked = _blank_strings_comments(text)
        dead = {
            k: _switch_hint(v, project.options) for k, v in dead_lines(text, blanked, project.options, provided).items()
        }
        folder = str(PurePosixPath(path).parent)
        dead_hint = _in_dead_folder(folder, dead_folders)
        if dead_hint is not None:  # vte's bindings/gir: `subdir('gir')` under `if get_option('gir')`, which is off
            dead = dict.fromkeys(range(1, text.count("\n") + 2), dead_hint)
        dead_folders.update(_dead_subdirs(folder, file_calls, dead))
        dead_by_file[path] = set(dead)
        # lines only a Windows build runs (mmlib's `if host_machine.system() == 'windows'` lock-referee program)
        windows_only = set(dead_lines(text, blanked, project.options, provided, UNIX_SYSTEMS)) - set(dead)
        _assignments(text, variables)
        loops = _loop_values(_blank_comments(text))
        vala_compilers |= set(VALA_COMPILER.findall(text))
        testish = _test_folder(path, keep)
        lines = text.splitlines()
        for name, args, line in file_calls:
            where = f"{path}:{line}"
            if line in dead and name not in ("dependency", "find_library"):
                continue  # not built by default
            name = _target_kind(name, args, variables)
            if name == "project" and not project.name:
                _read_project_call(project, args, texts)
            elif name == "add_languages":
                project.languages |= {{"c": "c", "cpp": "cxx"}.get(x, "") for x in _strings(args)} - {""}
            elif name in LIBRARY_KINDS and not testish:
                library = _installed_library(name, args, variables)
                if library is not None:
                    project.libraries.append(library)
            elif (
                name == "executable"
                and not testish
                and line not in windows_only
                and _install_value(args, variables) == "true"
            ):
                positional = _positional(args, variables)
                # The name may be a loop variable (foreach t: tools): installed, name unknown ("").
                project.executables.append(positional[0] if positional and "@" not in positional[0] else "")
            elif name == "dependency":
                for call_args in _over_loop_values(args, loops):
                    dep = _dependency(project, call_args, testish, where, lines[line - 1], variables)
                    if dep is not None:
                        _off_by_default(dep, project.options, call_args, dead.get(line))
            elif name == "find_library" and not _vala_receiver(lines[line - 1], vala_compilers):
                found = _found_library(project, args, testish, where, lines[line - 1], variables)
                if found is not None and line in dead:  # rubberband's `cpp.find_library('fftw3')` under `fft == 'fftw'`
                    _off_by_default(found, project.options, "", dead[line])
            elif name in ("install_headers", "install_subdir") and not testish:
                project.installs_headers = True
            elif name == "import" and "pkgconfig" in args:
                project.uses_pkg_config = True
    names = {id_: v for id_, v in variables.items() if isinstance(id_, int)}
    _mark_test_only(project, names, texts, files, keep)
    _drop_unused(project, names, blanked_by_file, dead_by_file)
    return project


# `valac = meson.get_compiler('vala')`: its find_library() looks up a .vapi binding (vte's `posix`), not a C library
VALA_COMPILER = re.compile(r"^[ \t]*(\w+)\s*=\s*meson\.get_compiler\(\s*'vala'", re.M)


def _vala_receiver(line_text: str, vala_compilers: set[str]) -> bool:
    m = re.search(r"(\w+)\.find_library\s*\(", line_text)
    return m is not None and m.group(1) in vala_compilers


def _in_dead_folder(folder: str, dead_folders: dict[str, str]) -> str | None:
    """The hint of the nearest enclosing folder whose subdir() call does not run, if any."""
    path = PurePosixPath(folder)
    for candidate in (path, *path.parents):
        if str(candidate) in dead_folders:
            return dead_folders[str(candidate)]
    return None


def _dead_subdirs(folder: str, file_calls: list[tuple[str, str, int]], dead: dict[int, str]) -> dict[str, str]:
    """Folders a file enters with `subdir('x')` on lines that do not run."""
    out: dict[str, str] = {}
    for name, args, line in file_calls:
        if name == "subdir" and line in dead:
            for sub in _strings(args)[:1]:
                out[str(PurePosixPath(folder) / sub)] = dead[line]
    return out


def _found_library(
    project: Project, args: str, testish: bool, where: str, line_text: str, variables: dict
) -> Dependency | None:
    """`[var =] cc.find_library('name', required: ...)`: the dependency, and its variable (gstreamer's
    `gmp_dep = cc.find_library('gmp', ...)` in test_deps, for `_mark_test_only`)."""
    positional = _positional(args)
    if not positional:
        return None
    required = _keyword(args, "required")
    found = Dependency(
        positional[0], "find_library", optional=required not in (None, "true"), test_only=testish, where=where
    )
    project.dependencies.append(found)
    assigned = re.match(r"^\s*(\w+)\s*=\s*\w+\.find_library\s*\(", line_text)
    if assigned:
        variables[id(found)] = assigned.group(1)
    return found


_NOT_A_USE = re.compile(r"^\s*(?:if|elif|message|summary|warning)\b")


def _drop_unused(project: Project, names: dict[int, str], blanked: dict[str, str], dead: dict[str, set[int]]) -> None:
    """An optional dependency (`required: false`) whose variable only lines that do not run,
    conditions and messages read (`blanked`: each file with strings and comments blanked): the
    default build does not link it (rubberband's fftw3 and sleef, looked up at the top but used
    only under `fft == 'fftw'` / `'sleef'`)."""
    lines = {path: text.splitlines() for path, text in blanked.items()}
    kept = []
    for dep in project.dependencies:
        name = names.get(id(dep))
        if not name or not dep.optional or dep.test_only or dep.off_by_default:
            kept.append(dep)
            continue
        use = re.compile(rf"(?<![\w.]){re.escape(name)}\b(?!\s*=[^=]|\s*\.\s*(?:found|version)\s*\()")
        live = any(
            use.search(line) and not _NOT_A_USE.match(line)
            for path, file_lines in lines.items()
            for number, line in enumerate(file_lines, start=1)
            if number not in dead.get(path, set())
        )
        if live:
            kept.append(dep)
        else:
            project.notes.append(
                f"dependency({dep.name}) at {dep.where} is looked up, but only code the default build does not run "
                "uses it: left out of host"
            )
    project.dependencies = kept
