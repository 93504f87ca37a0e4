"""Reading Autotools projects (configure.ac + Makefile.am) and plain Makefiles.

configure.ac: AC_INIT (name, version; m4_define'd parts are substituted), AC_PROG_CC /
AC_PROG_CXX, LT_INIT / AC_PROG_LIBTOOL, PKG_CHECK_MODULES, AC_CHECK_LIB, AC_SEARCH_LIBS.
Makefile.am: lib_LTLIBRARIES, lib_LIBRARIES, bin_PROGRAMS, *_HEADERS. Nothing is run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

from recipegen.generators.cxx.cmake import TEST_DIRS, TESTISH, VENDORED_DIRS
from recipegen.generators.cxx.model import AUTOTOOLS, MAKE, Dependency, Library, Project


def m4_calls(text: str, macro: str) -> list[tuple[list[str], int]]:
    """Arguments of every `MACRO(...)` call: m4 quotes [ ] stripped, nesting respected."""
    from recipegen.generators.cxx.autoconf import balanced_args

    return [
        (balanced_args(text, m.end())[0], text.count("\n", 0, m.start()) + 1)
        for m in re.finditer(rf"(?<![\w]){macro}\s*\(", text)
    ]


def _strip_m4_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(("dnl", "#")))


def read_autotools(texts: dict[str, str], paths: list[str]) -> Project:
    project = Project(build_system=AUTOTOOLS, has_configure="configure" in paths)
    configure_name = next(
        (n for n in ("configure.ac", "configure.in", "configure.ac.in") if n in texts), "configure.ac"
    )
    project.archive_macros = _needs_autoconf_archive(texts, configure_name)
    text = _strip_m4_comments(texts.get(configure_name, "")).replace("[]", "\x01")  # m4's empty quote
    defines = {args[0]: args[1] for args, _ in m4_calls(text, "m4_define") if len(args) >= 2}
    defines.update({args[0]: args[1] for args, _ in m4_calls(text, "define") if len(args) >= 2})

    def expand(value: str) -> str:
        for _ in range(4):
            value = re.sub(r"\b(\w+)\b", lambda m: defines.get(m.group(1), m.group(0)), value)
        return value.replace("[", "").replace("]", "").replace("\x01", "").strip()

    for args, _ in m4_calls(text, "AC_INIT")[:1]:
        if len(args) == 1 and (re.search(r"[/.]", args[0]) or expand(args[0]) in paths):
            # autoconf 2.13's AC_INIT(unique-file-in-source-dir): apr's `AC_INIT(build/apr_common.m4)`, mm's `AC_INIT(README)`
            continue
        tarname = expand(args[3]) if len(args) > 3 else ""
        # a tarname with an m4 macro left unexpanded (libedit's `libedit-EL_TIMESTAMP`) is not a name
        unexpanded = re.search(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b", tarname)
        named = re.fullmatch(r"[\w.+-]+", tarname) and not unexpanded
        # TooN's `AC_INIT(TooN, version-3.0.0-beta1)`: the word before the number is no part of it
        version = re.sub(r"^(?:version|ver|v)[-_ ]?(?=\d)", "", expand(args[1]), flags=re.I) if len(args) > 1 else ""
        if "git-version-gen" in version:
            version = _generated_version(version, texts, configure_name)
        if version and tarname.endswith(f"-{version}"):
            tarname = tarname.removesuffix(f"-{version}")  # wcslib's AC_INIT([WCSLIB], [7.12], [...], [wcslib-7.12])
        # opentracing-c-wrapper's `AC_INIT(m4_esyscmd_s([basename ${PWD}]), ...)`: a name only running m4 gives
        shell_made = bool(args) and "esyscmd" in args[0]
        project.name = tarname if named else "" if shell_made else tar_name(expand(args[0]) if args else "")
        if re.match(r"^\d[\w.+-]*$", version):
            project.version, project.version_source = version, f"{configure_name} AC_INIT"
        url = expand(args[4]) if len(args) > 4 else ""
        if re.match(r"^https?://", url):
            project.homepage = url
        bugs = expand(args[2]) if len(args) > 2 else ""
        if re.match(r"^https?://", bugs):
            project.urls.append(bugs)
        project.homepage = project.homepage or gnu_homepage(expand(args[0]) if args else "", bugs, project.name)
    for args, _ in m4_calls(text, "AM_INIT_AUTOMAKE")[:1]:
        # automake's old form beside autoconf 2.13's AC_INIT(unique-file): libvorbisidec's
        # `AC_INIT(mdct.c)`, `AM_INIT_AUTOMAKE(libvorbisidec,1.2.1)`
        version = expand(args[1]) if len(args) > 1 else ""
        if not project.version and re.match(r"^\d[\w.+-]*$", version):
            project.version, project.version_source = version, f"{configure_name} AM_INIT_AUTOMAKE"
            project.name = project.name or expand(args[0])
    if re.search(r"\bAC_PROG_CC\b|\bAC_PROG_CC_C99\b", text):
        project.languages.add("c")
    if re.search(r"\bAC_(?:\w+_)?PROG_CXX\b", text):  # CoinUtils: AC_COIN_PROG_CXX
        project.languages.add("cxx")
    libtool = bool(re.search(r"\b(LT_INIT|AC_PROG_LIBTOOL|AM_PROG_LIBTOOL)\b", text))
    project.uses_pkg_config = bool(re.search(r"\bPKG_(CHECK_MODULES|CHECK_EXISTS|PROG_PKG_CONFIG)\b", text))
    project.dependencies, substitutions, conditionals = configure_dependencies(texts, configure_name)
    _read_makefiles(project, texts, substitutions, conditionals, libtool, _compiles_sources(paths))
    project.libraries = [named for lib in project.libraries if (named := _named_library(lib)) is not None]
    project.executables = [e for e in project.executables if "@" not in e and "$" not in e]
    own = {project.name.lower(), *(lib.target.lower().removeprefix("lib") for lib in project.libraries)}
    project.dependencies = [d for d in project.dependencies if d.name.lower().removeprefix("lib") not in own]
    if not project.languages:
        project.languages.add("c")
    return project


def _hand_written_makefile(texts: dict[str, str], path: str) -> bool:
    """A Makefile.in next to configure (Nettle's), or a Makefile that configure does not write
    (htslib's, which includes the config.mk configure writes), at the top or one folder down."""
    name = PurePosixPath(path).name
    if path.count("/") > 1 or name not in ("Makefile.in", "Makefile", "makefile.in", "makefile"):
        return False  # (nauty's lower-case makefile.in, which its configure.ac writes)
    return name.endswith(".in") or (f"{path}.in" not in texts and f"{path}.am" not in texts)


def _compiles_sources(paths: list[str]) -> bool:
    """Does the source hold C/C++ sources of its own (not tests', examples' or benchmarks')? Without
    them, headers a hand-written Makefile.in installs make a header-only library (TooN); with them,
    a library the reader did not find may still be built (bc-ur's src/Makefile.in)."""
    from recipegen.generators.cxx.source import is_source_file

    def own(path: str) -> bool:  # (TooN's adhoc_tests/ and regressions under tests/ are no library sources)
        folders = PurePosixPath(path).parts[:-1]
        return not set(folders) & (TEST_DIRS | VENDORED_DIRS) and not any(TESTISH.search(f) for f in folders)

    return any(is_source_file(p) and own(p) for p in paths)


def _outside_subdirs(texts: dict[str, str], path: str) -> bool:
    """A hand-written Makefile in a folder the top Makefile.am's SUBDIRS does not build (radlib's
    template-old/Makefile, a sample for the library's users)."""
    folder = PurePosixPath(path).parts[:-1]
    if not folder or "Makefile.am" not in texts:
        return False
    subdirs = {v for _, values in _am_variable(texts["Makefile.am"], r"SUBDIRS") for v in values}
    return folder[0] not in subdirs and not any("$" in v or "@" in v for v in subdirs)


def _needs_autoconf_archive(texts: dict[str, str], configure_name: str) -> bool:
    """Does configure.ac call an autoconf-archive macro (`AX_...`) no m4 file of the source defines
    (timbl's AX_CXX_COMPILE_STDCXX_17, with only m4/ac_osx_pkg.m4 shipped)? autoreconf then needs
    autoconf-archive's aclocal files."""
    called = set(re.findall(r"\b(AX_[A-Z0-9_]+)\b", _strip_m4_comments(texts.get(configure_name, ""))))
    defined = {
        m.group(1)
        for path, text in texts.items()
        if path.endswith(".m4")
        for m in re.finditer(r"AC_DEFUN(?:_ONCE)?\(\s*\[?(AX_[A-Z0-9_]+)", text)
    }
    return bool(called - defined)


def _generated_version(argument: str, texts: dict[str, str], configure_name: str) -> str:
    """The version gnulib's git-version-gen prints in a release archive: the first line of the file it
    is given (libosmo-cc's `AC_INIT([libosmo-cc], [m4_esyscmd(./git-version-gen .tarball-version)])`)."""
    m = re.search(r"git-version-gen\s+([\w./-]+)", argument)
    if not m:
        return ""
    folder = str(PurePosixPath(configure_name).parent)
    path = m.group(1).removeprefix("./") if folder == "." else f"{folder}/{m.group(1).removeprefix('./')}"
    first = (texts.get(path) or "").strip().splitlines()
    return first[0].strip() if first and re.fullmatch(r"\d[\w.+~-]*", first[0].strip()) else ""


def _named_library(lib: Library) -> Library | None:
    """A library whose name ends in substitutions configure leaves open is still the library:
    libwpd's `libwpd-@WPD_MAJOR_VERSION@.@WPD_MINOR_VERSION@.la` is libwpd, its files
    libwpd-*.so.*; a name that is all variable ($(target_libwpd_stream)) is not known."""
    if "$" in lib.target:
        return None
    if "@" not in lib.target:
        return lib
    head = lib.target.split("@", 1)[0]
    base = head.rstrip("-_.")
    if not base.startswith("lib") or len(base) <= 3:
        return None
    return Library(base, base.removeprefix("lib") + head[len(base) :] + "*", lib.kind, lib.soversion)


def _read_makefiles(
    project: Project,
    texts: dict[str, str],
    values: dict[str, frozenset[str]],
    conditionals: dict,
    libtool: bool,
    compiles: bool,
) -> None:
    """Libraries and programs of every Makefile.am (its `include`d fragments inlined): a test or
    example folder the top-level SUBDIRS builds by default counts for the programs it installs
    (glpk's examples/glpsol); a hand-written Makefile.in without a Makefile.am (Nettle's) for the
    libraries it names and the programs its install rule copies to the bin folder."""
    from recipegen.generators.cxx.makefile_install import installed_libraries, installed_programs, installs_headers

    done: dict[str, str] = {}

    def prepared(path: str) -> str:  # each Makefile.am once, though its folder and children ask again
        if path not in done:
            done[path] = _conditional_parts(_substituted(_with_includes(texts, path), values), conditionals)
        return done[path]

    top = prepared("Makefile.am") if "Makefile.am" in texts else ""
    built = {v for _, folders in _am_variable(top, r"SUBDIRS") for v in folders}
    for path in sorted(p for p in texts if PurePosixPath(p).name == "Makefile.am"):
        parts = [x.lower() for x in PurePosixPath(path).parts[:-1]]
        if set(parts) & VENDORED_DIRS:
            continue
        if set(parts) & TEST_DIRS:
            # (fuzzing harnesses are never installed for users: libcaes' ossfuzz/ under HAVE_LIB_FUZZING_ENGINE)
            if len(parts) == 1 and PurePosixPath(path).parts[0] in built and "fuzz" not in parts[0]:
                for _, programs in _am_variable(prepared(path), r"bin_PROGRAMS"):
                    project.executables += [v for v in programs if not v.startswith("$")]
            continue
        if _switched_off_folder(texts, path, prepared) or _only_distributed(texts, path):
            continue
        _makefile_am(project, prepared(path), libtool)
        _link_variables(project, prepared(path), path)
        _literal_link_flags(project, prepared(path), path)
    for path in sorted(p for p in texts if _hand_written_makefile(texts, p)):
        if (
            path.removesuffix(".in") + ".am" in texts
            or set(PurePosixPath(path).parts[:-1]) & (TEST_DIRS | VENDORED_DIRS)
            or _outside_subdirs(texts, path)
        ):
            continue
        written = _configure_written(texts)
        literal = set(re.findall(r"\blib([A-Za-z0-9_+-]+)\.(?:so|a)\b", texts[path]))
        for name in sorted(literal | set(installed_libraries(f"{written}\n{texts[path]}"))):  # faifa's lib$(APP).so.0
            if all(lib.target != f"lib{name}" for lib in project.libraries):
                project.libraries.append(Library(f"lib{name}", name, "default"))
        # kyotocabinet's `COMMANDFILES = @MYCOMMANDFILES@`, which configure sets
        programs = installed_programs(f"{written}\n{_substituted(texts[path], values)}")
        if not compiles and installs_headers(f"{written}\n{texts[path]}"):
            project.installs_headers = True  # TooN: only headers, which its Makefile.in copies
        project.executables += [p for p in programs if p not in project.executables]
        _hand_written_links(project, texts, path, written)


# a hand-written configure script writing the Makefile (libspnav's `echo 'xlib = -lX11' >>Makefile`,
# ocrad's `cat > Makefile << EOF` ... `LIBS = ${LIBS}` ... `EOF`)
_ECHOED_ASSIGNMENT = re.compile(r"""\becho\s+(['"])(\w+\s*[:+?]?=[^'"\n]*)\1\s*>>?\s*"?\$?\{?\w*\}?/?Makefile\b""")
_HERE_DOCUMENT = re.compile(
    r"^cat\s*>>?\s*\"?\$?\{?\w*\}?/?Makefile\"?\s*<<\s*['\"]?(\w+)['\"]?\s*\n(.*?)^\1$", re.M | re.S
)
_SHELL_ASSIGNMENT = re.compile(r"""^(\w+)=(?:'([^'\n]*)'|"([^"\n$`]*)"|([^\s'"`;$]*))\s*$""", re.M)


def _configure_written(texts: dict[str, str]) -> str:
    """The Makefile variables a hand-written configure (not autoconf's) writes in front of the
    Makefile.in, its own top-level values put in (ocrad's `libname = ${libname}`, `libname=ocrad`)."""
    configure = texts.get("configure", "")
    if "Generated by GNU Autoconf" in configure[:2000] or "configure.ac" in texts or "configure.in" in texts:
        return (
            ""  # autoconf's configure writes no such variables; newt's Makefile.in still says `LIBS = -lslang @LIBS@`
        )
    values: dict[str, str] = {}
    for m in _SHELL_ASSIGNMENT.finditer(configure):
        values.setdefault(m.group(1), next(g for g in m.groups()[1:] if g is not None))
    written = [m.group(2) for m in _ECHOED_ASSIGNMENT.finditer(configure)]
    for m in _HERE_DOCUMENT.finditer(configure):
        written.append(re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda v: values.get(v.group(1) or v.group(2), ""), m.group(2)))
    return "\n".join(written)


def _hand_written_links(project: Project, texts: dict[str, str], path: str, written: str) -> None:
    """Libraries a hand-written Makefile.in links, with the variables a hand-written configure
    (not autoconf's) writes in front of it: libspnav's `xlib = -lX11` for `LDFLAGS = ... $(xlib)`,
    ocrad's `LIBS = -lpng`; newt's `LIBS = -lslang @LIBS@` beside autoconf's configure."""
    from recipegen.generators.cxx.makefile_install import linked_libraries

    known = {d.name for d in project.dependencies}
    for name, how in linked_libraries(f"{written}\n{texts[path]}"):
        if name not in known:
            project.dependencies.append(Dependency(name, how, where=path))


def _switched_off_folder(texts: dict[str, str], path: str, prepared: Callable[[str], str]) -> bool:
    """Is a Makefile.am's folder one its parent adds to SUBDIRS only under a conditional that is
    false by default (libgpiod's `if WITH_TOOLS  SUBDIRS += tools man`, --enable-tools)?"""
    folder = PurePosixPath(path).parent
    parent = str(folder.parent / "Makefile.am").removeprefix("./")
    if folder.name in ("", ".") or parent not in texts:
        return False
    named = {v for _, values in _am_variable(texts[parent], r"SUBDIRS") for v in values}
    built = {v for _, values in _am_variable(prepared(parent), r"SUBDIRS") for v in values}
    if folder.name not in named or folder.name in built or any("$" in v or "@" in v for v in built):
        return False
    configure = texts.get("configure.ac") or texts.get("configure.in") or ""
    return all(_set_literally(configure, guard) for guard in _subdirs_guards(texts[parent], folder.name))


def _subdirs_guards(text: str, folder: str) -> list[str]:
    """The automake conditionals around the SUBDIRS lines that name a folder."""
    guards: list[str] = []
    stack: list[str] = []
    for line in re.sub(r"\\\n", " ", text).splitlines():
        words = line.split()
        if words[:1] == ["if"] and len(words) > 1:
            stack.append(words[1].lstrip("!"))
        elif words[:1] == ["endif"] and stack:
            stack.pop()
        elif re.match(r"\s*SUBDIRS\s*\+?=", line) and folder in words:
            guards += stack
    return guards


def _set_literally(configure: str, conditional: str) -> bool:
    """Does configure assign, by name, the variable an AM_CONDITIONAL tests (libgpiod's
    `with_tools=false`), so that its default was read, not guessed (alsa-lib's `eval build_pcm_$t=yes`)?"""
    m = re.search(rf"AM_CONDITIONAL\(\s*\[?{re.escape(conditional)}\]?\s*,([^)]*)\)", configure)
    tested = re.findall(r"\$\{?(\w+)", m.group(1)) if m else []
    computed = re.findall(r"\beval\s+(\w*)\$", configure)  # alsa-lib's `eval build_pcm_$t="yes"`
    return bool(tested) and all(
        re.search(rf"(?<![\w$]){re.escape(v)}=", configure) and not any(v.startswith(c) for c in computed)
        for v in tested
    )


def _only_distributed(texts: dict[str, str], path: str) -> bool:
    """Is a Makefile.am's folder one its parent's DIST_SUBDIRS or EXTRA_DIST names and its SUBDIRS
    (without variables) never builds (alsa-lib's src/pcm/scopes; librcd's statgen and examples,
    `SUBDIRS = src`, `EXTRA_DIST = examples statgen ...`)?"""
    folder = PurePosixPath(path).parent
    parent = texts.get(str(folder.parent / "Makefile.am").removeprefix("./"), "")
    distributed = [v.rstrip("/") for _, values in _am_variable(parent, r"DIST_SUBDIRS|EXTRA_DIST") for v in values]
    built = " ".join(" ".join(values) for _, values in _am_variable(parent, r"SUBDIRS"))
    return folder.name in distributed and not re.search(rf"(?<![\w-]){re.escape(folder.name)}(?![\w-])|[$@]", built)


def _literal_link_flags(project: Project, text: str, path: str) -> None:
    """Libraries an installed library or program of a Makefile.am links by a literal flag
    (exempi's `libexempi_la_LIBADD = ... -lexpat -lz`, libbs2b's program's `_LDFLAGS`), when the
    dependency map knows them."""
    from recipegen.generators.cxx.depmap import known_dependency

    never, installed = _products(text)
    known = {d.name for d in project.dependencies}
    for line in re.sub(r"\\\n", " ", text).splitlines():
        m = re.match(r"^(\w+?)_(LIBADD|LDADD|LDFLAGS)\s*\+?=(.*)$", line)
        if not m or m.group(1) in never or m.group(1).startswith("AM"):
            continue
        if m.group(2) == "LDFLAGS" and m.group(1) not in installed:
            continue  # libbs2b's `bs2bconvert_LDFLAGS = -lsndfile`, not isa-l's perf programs' `-lz`
        for library in re.findall(r"(?<![\w$(-])-l([\w.+-]+)", m.group(3).split("#", 1)[0]):  # libb2: `= # -lgomp`
            if library not in known and known_dependency(library):
                project.dependencies.append(Dependency(library, "Makefile.am", where=path))
                known.add(library)


def _link_variables(project: Project, text: str, path: str) -> None:
    """Libraries a Makefile.am links through gnulib's and gettext's link-flag variables
    (`$(LTLIBICONV)`, `$(LTLIBUNISTRING)`) that configure.ac's reading did not find."""
    from recipegen.generators.cxx.data import load

    table = load("autoconf_macros.toml")["link_variable"]
    known = {d.name for d in project.dependencies}
    for variable, library in table.items():
        if library not in known and re.search(_uses(variable), text):
            project.dependencies.append(Dependency(library, "Makefile.am", optional=True, where=path))
            known.add(library)


def _with_includes(texts: dict[str, str], path: str, depth: int = 0, folder: PurePosixPath | None = None) -> str:
    """A Makefile.am with its automake `include` lines replaced by the fragments they name
    (mpg123's `include src/libmpg123/Makemodule.am`), relative to the Makefile.am's folder as
    automake reads them, in fragments too."""
    base = PurePosixPath(path).parent if folder is None else folder

    def fragment(m: re.Match) -> str:
        name = m.group(1)
        if name.startswith("$(top_srcdir)/"):
            target = name.removeprefix("$(top_srcdir)/")
        else:
            target = str(base / name.removeprefix("$(srcdir)/")).removeprefix("./")
        return _with_includes(texts, target, depth + 1, base) if target in texts and depth < 4 else ""

    return re.sub(r"^-?include[ \t]+(\S+)[ \t]*$", fragment, texts.get(path, ""), flags=re.M)


def _substituted(text: str, values: dict[str, frozenset[str]]) -> str:
    """`@VAR@` in a Makefile.am replaced by the value configure gives VAR on its default path
    (lame's `bin_PROGRAMS = @WITH_FRONTEND@`, fftw's `fftw@PREC_SUFFIX@-wisdom`); a whole word
    with several possible values by each of them (twolame's `bin_PROGRAMS = @TWOLAME_BIN@`, the
    program built when libsndfile is found, or nothing)."""

    def whole(m: re.Match) -> str:
        found = values.get(m.group(1))
        return " ".join(sorted(v for v in found if v)) if found and len(found) > 1 else m.group(0)

    def single(m: re.Match) -> str:
        found = values.get(m.group(1))
        return next(iter(found)) if found and len(found) == 1 else m.group(0)

    text = re.sub(r"(?<![\w@.$/-])@(\w+)@(?![\w@.$/-])", whole, text)
    return re.sub(r"@(\w+)@", single, text)


def _conditional_parts(text: str, conditionals: dict[str, bool | None]) -> str:
    """A Makefile.am without the `if COND` ... `else` ... `endif` parts that configure's
    AM_CONDITIONAL turns off on the default path (fftw's `if MPI`); undecided ones stay."""
    out: list[str] = []
    stack: list[list[bool | None]] = []  # per open `if`: [truth of this part, None when undecided]
    for line in text.splitlines():
        m = re.match(r"^if\s+(!?)(\w+)\s*$", line)
        if m:
            truth = conditionals.get(m.group(2))
            stack.append([None if truth is None else truth != bool(m.group(1))])
        elif re.match(r"^else\b", line) and stack:
            stack[-1][0] = None if stack[-1][0] is None else not stack[-1][0]
        elif re.match(r"^endif\b", line) and stack:
            stack.pop()
        elif all(part[0] is not False for part in stack):
            out.append(line)
    return "\n".join(out)


def configure_dependencies(
    texts: dict[str, str], configure_name: str
) -> tuple[list[Dependency], dict[str, frozenset[str]], dict[str, bool | None]]:
    """The libraries configure looks for (autoconf.py): on its default path, or behind the
    --with/--enable option that turns them on; those whose link flags only test programs use
    are test-only. Also the variables configure ends with a single known value."""
    from recipegen.generators.cxx.autoconf import read_configure

    reader = read_configure(texts.get(configure_name, ""), texts, configure_name)
    from recipegen.generators.cxx.source import is_automake_fragment

    automake = any(p.endswith(".am") for p in texts)  # fragments alone are no automake (vamp-plugin-sdk's skeleton/)
    makefiles = {p: t for p, t in texts.items() if automake and (p.endswith(".am") or is_automake_fragment(p))} or {
        p: t
        for p, t in texts.items()
        if PurePosixPath(p).name in ("Makefile.in", "makefile.in")  # hand-written (Nettle's, nauty's)
    }
    out: list[Dependency] = []
    configure = texts.get(configure_name, "")
    for found in reader.found:
        if not found.live and not found.switch:
            continue  # a branch for another platform or compiler
        if _unused(_with_aliases(found.variables, configure), makefiles) and not _linked_by_name(found.name, makefiles):
            continue  # looked for, but its link flags go nowhere (libexif's AM_ICONV)
        out.append(
            Dependency(
                found.name,
                found.via,
                optional=found.optional,
                # configure stops without a required one, even one only tests link (ETL's glibmm-2.4)
                test_only=not found.required and _test_only(_with_aliases(found.variables, configure), makefiles),
                where=f"{found.file or configure_name}:{found.line}",
                off_by_default="" if found.live else found.switch,
            )
        )
    out += _substituted_link_flags(reader.env, makefiles, {d.name for d in out}, configure_name)
    values = {k: v for k, v in reader.env.items() if v is not None and 0 < len(v) <= 4}
    return out, values, reader.conditionals


def _substituted_link_flags(
    env: dict[str, frozenset[str]], makefiles: dict[str, str], known: set[str], configure_name: str
) -> list[Dependency]:
    """Libraries configure writes as literal `-l` flags into a variable the Makefiles use, with
    no probe of their own (eclib's `NTL_LIBS="-lntl"`, after only a header check); a library only
    some of the values hold is a fallback, and one beside a library a probe found is that
    library's companion (unixODBC's `READLINE="-lreadline -lcurses"` when -lreadline alone does
    not link): neither is taken."""
    found: list[Dependency] = []
    for name, values in sorted(env.items()):
        if name in ("LIBS", "LDFLAGS") or not values or _unused((name,), makefiles):
            continue
        flags = [set(re.findall(r"(?<![\w-])-l([\w.+-]+)", text)) for text in values if text.strip()]
        if any(libs & known for libs in flags):
            continue
        for lib in sorted(set.intersection(*flags) if flags else set()):
            if lib not in known and lib not in {d.name for d in found}:
                test_only = _test_only((name,), makefiles)
                found.append(Dependency(lib, name, test_only=test_only, where=configure_name))
    return found


def _test_only(variables: tuple[str, ...], makefiles: dict[str, str]) -> bool:
    """Are the link-flag variables used only for what is not installed: in Makefile.am files
    under test folders, or for a Makefile.am's own test and example programs (libsamplerate's
    `examples_varispeed_play_LDADD = ... $(SNDFILE_LIBS)` for a noinst_PROGRAMS entry)?"""
    uses = [
        (path, owner) for path, text in makefiles.items() for variable in variables for owner in _owners(text, variable)
    ]
    return bool(uses) and all(
        any(x.lower() in TEST_DIRS or x.lower().startswith("test") for x in PurePosixPath(path).parts[:-1])
        or (owner in _uninstalled(makefiles[path]) and not _convenience_linked(makefiles, path, owner))
        # libmicrohttpd's testcurl: `LDADD = ... @LIBCURL@`; libpsl's top-level fuzz-coverage rule
        or ((owner == "" or owner.startswith("rule:")) and not _installs(makefiles[path]))
        or _test_rule(owner)
        for path, owner in uses
    )


def _test_rule(owner: str) -> bool:
    """A hand-written Makefile rule building a test program (libsrtp's `test/rtp_decoder$(EXE):`,
    krb5's `t_replay:` and `t_parse_host_string:`, which link $(CMOCKA_LIBS))."""
    target = owner.removeprefix("rule:") if owner.startswith("rule:") else ""
    return bool(target) and any(
        part.lower() in TEST_DIRS or part.lower().startswith(("test", "t_")) or part.lower().endswith("_test")
        for part in PurePosixPath(target).parts
    )


def _convenience_linked(makefiles: dict[str, str], path: str, owner: str) -> bool:
    """Is a convenience library linked into an installed product of its own Makefile.am or of
    another one (libdc1394's dc1394/usb `libdc1394-usb.la`, in dc1394/Makefile.am's
    `USB_LIBADD = usb/libdc1394-usb.la` of the installed libdc1394.la)?"""
    return _convenience_installed(makefiles[path], owner) or any(
        _convenience_installed(text, owner) for other, text in makefiles.items() if other != path
    )


def _convenience_installed(text: str, owner: str) -> bool:
    """Is a convenience library (noinst_LTLIBRARIES) linked into an installed library or program
    of the same Makefile.am, directly or through a variable (gperftools' `libstacktrace.la` in
    `LIBTCMALLOC_MINIMAL = libtcmalloc_minimal.la libstacktrace.la`, then in an installed
    library's LIBADD)? Its link flags are then the installed product's."""
    if not re.search(r"_l?a$", owner):
        return False
    file_name = re.escape(owner).replace("_", "[_./-]")
    joined = re.sub(r"\\\n", " ", text)
    never = _uninstalled(text)
    names = {file_name}
    for _ in range(3):  # variables holding it, and variables holding those
        names |= {
            rf"\$[({{]{m.group(1)}[)}}]"
            for m in re.finditer(r"^[ \t]*(\w+)\s*\+?=(.*)$", joined, re.M)  # indented under an `if`
            if not _PRODUCT.match(m.group(0)) and any(re.search(rf"(?<![\w.-]){n}(?![\w-])", m.group(2)) for n in names)
        }
    for m in re.finditer(r"^[ \t]*(\w+?)_(?:LIBADD|LDADD)\s*\+?=(.*)$", joined, re.M):
        if m.group(1) not in never and any(re.search(rf"(?<![\w.-]){n}(?![\w-])", m.group(2)) for n in names):
            return True
    return False


def _installs(text: str) -> bool:
    """Does a Makefile.am install a program or library (not only noinst_/check_ ones), or a
    hand-written Makefile.in have an install rule (vamp-plugin-sdk's)?"""
    if re.search(r"^install\s*:", text, re.M):
        return True
    return any(
        values and not re.match(r"(?:noinst|check|EXTRA)_", variable)
        for variable, values in _am_variable(text, r"\w+_(?:PROGRAMS|LTLIBRARIES|LIBRARIES)")
    )


def _unused(variables: tuple[str, ...], makefiles: dict[str, str]) -> bool:
    """Link-flag variables (of a library that sets no others, such as LIBS) that no Makefile.am
    uses: the library is looked for but never linked."""
    if (
        not variables
        or not makefiles
        or {"LIBS", "LDFLAGS", "LDADD", "CFLAGS", "CPPFLAGS", "CXXFLAGS"} & set(variables)
    ):
        return False
    return not any(re.search(_uses(v), text) for v in variables for text in makefiles.values())


def _linked_by_name(name: str, makefiles: dict[str, str]) -> bool:
    """A Makefile.am links the library by its literal -l flag (libverto's `libverto_libev_la_LDFLAGS = ... -lev`
    after `AC_CHECK_LIB([ev], ..., [BUILD_LIBEV=...])`)."""
    flag = re.compile(rf"(?<![\w-])-l{re.escape(name)}(?![\w.+-])")
    return any(flag.search(text) for text in makefiles.values())


def _with_aliases(variables: tuple[str, ...], configure: str) -> tuple[str, ...]:
    """The variables and those configure copies them into (libsamplerate's
    `AUDIO_LIBS="$ALSA_LIBS"`), so that where the copies are used counts too."""
    aliases = [
        m.group(1)
        for variable in variables
        for pattern in (
            rf"^\s*(\w+)=[\"']?[^\"'\n]*\$\{{?{variable}\b",
            # libshout's XIPH_VAR_PREPEND([XIPH_LIBS],[$OPENSSL_LIBS]): a macro adding to a variable
            rf"\b\w*(?:APPEND|PREPEND)\w*\(\s*\[?(\w+)\]?\s*,\s*\[?[^)\n]*\$\{{?{variable}\b",
        )
        for m in re.finditer(pattern, configure, re.M)
    ]
    return tuple(dict.fromkeys([*variables, *aliases]))


def _uses(variable: str) -> str:
    """A pattern for a Makefile.am's use of a variable: `$(VAR)`, make's `${VAR}` (pcaudiolib's
    `${ALSA_LIBS}`) or configure's `@VAR@`."""
    return rf"\$\({variable}\)|\$\{{{variable}\}}|@{variable}@"


_PRODUCT = re.compile(r"^(\w+?)_(?:LDADD|LIBADD|LDFLAGS|CFLAGS|CPPFLAGS|CXXFLAGS|DEPENDENCIES)\s*\+?=", re.M)


def _owners(text: str, variable: str) -> list[str]:
    """The canonical names of the products whose flags use `$(VARIABLE)` ('' for a flag every
    product gets: AM_CFLAGS, LIBS ...)."""
    joined = re.sub(r"\\\n", " ", text)
    owners: list[str] = []
    target = ""  # a hand-written Makefile's rule whose commands use it (libsrtp's test/rtp_decoder)
    for line in joined.splitlines():
        rule = re.match(r"([^\s:=#][^:=]*?)\s*:(?!=)", line)
        target = rule.group(1).strip() if rule else target if line.startswith("\t") else ""
        if not re.search(_uses(variable), line) or re.match(rf"\s*{re.escape(variable)}\s*=", line):
            continue  # `PCAP_LIB = @PCAP_LIB@` only defines it
        m = _PRODUCT.match(line)
        owners.append(m.group(1) if m and not m.group(1).startswith("AM") else f"rule:{target}" if target else "")
    return owners


def _uninstalled(text: str) -> set[str]:
    return _products(text)[0]


def _products(text: str) -> tuple[set[str], set[str]]:
    """(never installed, installed): canonical names (automake's: `examples/varispeed-play` ->
    examples_varispeed_play) of a Makefile.am's programs and libraries that are never installed
    (noinst_, check_, EXTRA_), and of those it installs (bin_, lib_ ...)."""
    never: set[str] = set()
    installed: set[str] = set()
    extra: set[str] = set()
    substituted = False  # an install list configure fills (`bin_PROGRAMS = @QALCULATE_TEXT@`)
    for variable, values in _am_variable(text, r"\w+_(?:PROGRAMS|LTLIBRARIES|LIBRARIES)"):
        names = {re.sub(r"[^\w]", "_", v) for v in values}
        if variable.startswith("EXTRA_"):
            extra |= names
        elif re.match(r"(?:noinst|check)_", variable):
            never |= names
        else:
            installed |= names
            substituted = substituted or any(re.search(r"@\w+@|\$[({]\w+[)}]", v) for v in values)
    # EXTRA_ products are built when configure names them in an install list (libqalculate's qalc)
    # under an `if`, a product can be either
    return (never | (set() if substituted else extra)) - installed, installed


def gnu_homepage(package: str, bug_report: str, tarname: str) -> str:
    """autoconf's own default PACKAGE_URL for a GNU package ("GNU Libidn" -> its page under
    www.gnu.org/software/), also when only the bug-report address is GNU's (bug-glpk@gnu.org)."""
    m = re.fullmatch(r"bug-([\w.+-]+)@gnu\.org", bug_report.strip())
    if package.startswith("GNU ") and tarname:
        return f"https://www.gnu.org/software/{tarname}/"
    return f"https://www.gnu.org/software/{m.group(1)}/" if m else ""


def tar_name(package: str) -> str:
    """autoconf's default tarname of an AC_INIT package name: "GNU " dropped, lower case, other
    characters than letters, digits and _ made -` ("XZ Utils" -> xz-utils, "GNU libtasn1" -> libtasn1)."""
    return re.sub(r"[^a-z0-9_]", "-", re.sub(r"^GNU ", "", package).lower())


def _modules(spec: str) -> list[str]:
    tokens = spec.replace(",", " ").split()
    return [t for t in tokens if not (t[0] in "<>=!" or t[0].isdigit() or t.startswith("$"))]


_AM_ASSIGN = r"^({name})\s*\+?=[ \t]*(.*)$"


def _am_variable(text: str, name_pattern: str) -> list[tuple[str, list[str]]]:
    """(name, values) of each assignment to a matching variable; `$(VAR)` references to the
    file's own variables expanded (every value VAR is given, under any condition)."""
    joined = re.sub(r"\\\n", " ", text)
    own: dict[str, list[str]] = {}
    for m in re.finditer(_AM_ASSIGN.format(name=r"\w+"), joined, re.M):
        own.setdefault(m.group(1), []).extend(m.group(2).split())

    def expand(values: list[str], depth: int = 0) -> list[str]:
        out: list[str] = []
        for value in values:
            ref = re.fullmatch(r"\$[({](\w+)[)}]", value)
            if ref and ref.group(1) in own and depth < 4:
                out += expand(own[ref.group(1)], depth + 1)
            else:
                out.append(value)
        return out

    return [
        (m.group(1), expand(m.group(2).split()))
        for m in re.finditer(_AM_ASSIGN.format(name=name_pattern), joined, re.M)
    ]


def _custom_dirs(text: str, standard: str) -> str:
    """`|name|...` of the file's own install folders set to a standard one (keybinder's
    `keybinderdir = $(libdir)` for `keybinder_LTLIBRARIES`), for the variable patterns."""
    names = re.findall(rf"^[ \t]*(\w+)dir[ \t]*=[ \t]*\$[({{]{standard}[)}}][ \t]*$", text, re.M)
    return "".join(f"|{re.escape(n)}" for n in names if n not in ("lib", "bin", "sbin"))


def _makefile_am(project: Project, text: str, libtool: bool) -> None:
    libdirs, bindirs = _custom_dirs(text, "libdir"), _custom_dirs(text, "bindir")
    # pkglib: $(libdir)/$(PACKAGE) (libgig's lib/libgig/libgig.so.*, in the runtime output's lib/*/**)
    for _, values in _am_variable(text, rf"(?:lib|pkglib|toolexeclib{libdirs})_LTLIBRARIES"):
        for value in values:
            if value.endswith(".la"):
                base = PurePosixPath(value[:-3]).name
                project.libraries.append(Library(base, base.removeprefix("lib"), "default" if libtool else "shared"))
    for _, values in _am_variable(text, rf"(?:lib|pkglib|toolexeclib{libdirs})_LIBRARIES"):
        for value in values:
            if value.endswith(".a"):
                base = PurePosixPath(value[:-2]).name
                project.libraries.append(Library(base, base.removeprefix("lib"), "static"))
    for variable, values in _am_variable(text, rf"(?:bin|sbin{bindirs})_PROGRAMS|(?:bin|sbin{bindirs})_SCRIPTS"):
        names = [PurePosixPath(v).name for v in values if not v.startswith("$")]
        project.executables += names
        if variable.startswith("sbin_"):
            project.sbin += names
    if _am_variable(text, r"\w*include\w*_HEADERS|\w*_HEADERS"):
        project.installs_headers = True
    from recipegen.generators.cxx.makefile_install import installed_programs

    # a hand-written install hook (libbytesize's tools/: `install-exec-local:` copies bs_calc.py to $(bindir)/bscalc)
    project.executables += [p for p in installed_programs(text) if p not in project.executables]


_TEST_SOURCE = re.compile(r"test|example|demo|bench|sample", re.I)  # xmltest.cpp


def _library_of_sources(project: Project, paths: list[str], fallback_name: str) -> None:
    """A Makefile with no install rule and no library that compiles the project's own sources
    into a test program only (tinyxml's builds xmltest from tinyxml.cpp ...): the package is the
    library of those sources, not headers alone; the build script has to build it."""
    sources = [p for p in paths if "/" not in p and p.endswith((".c", ".cc", ".cpp", ".cxx"))]
    own = [p for p in sources if not _TEST_SOURCE.search(PurePosixPath(p).stem)]
    if project.libraries or len(own) < 2 or not any(p.endswith((".h", ".hpp")) and "/" not in p for p in paths):
        return
    base = fallback_name.removeprefix("lib")
    project.libraries.append(Library(f"lib{base}", base, "default"))
    project.notes.append(
        f"the Makefile builds no library: lib{base} is built from {', '.join(own[:4])}"
        f"{' ...' if len(own) > 4 else ''} by the build script, which has to be written"
    )


_MAKE_INCLUDE = re.compile(r"^[ \t]*-?include[ \t]+([^#\n]+?)[ \t]*$", re.M)


def with_included(text: str, texts: dict[str, str], depth: int = 0) -> str:
    """A Makefile's text and that of the fragments it includes that the source holds (libcleri's
    objects.mk, `LIBS := -lpcre2-8`), outside other platforms' branches (libntru's Makefile.linux,
    not the .osx, .win ... its `uname` tests choose elsewhere)."""
    from recipegen.generators.cxx.makefile_install import expand_value, linux_branches

    if depth >= 3:
        return text
    named = [
        expand_value(text, line).split() if "$" in line else [line]
        for line in _MAKE_INCLUDE.findall(linux_branches(text))
    ]
    found = [name for name in dict.fromkeys(n for names in named for n in names) if name in texts]
    return "\n".join([text, *(with_included(texts[name], texts, depth + 1) for name in found)])


def read_makefile(texts: dict[str, str], paths: list[str], fallback_name: str) -> Project:
    """A plain Makefile: version from VERSION =, libraries from lib*.so / lib*.a names."""
    text = texts.get("Makefile") or texts.get("GNUmakefile") or texts.get("makefile") or ""
    text = with_included(text, texts)
    project = Project(build_system=MAKE, name=fallback_name)
    m = re.search(r"^\s*(?:LIB)?VERSION\s*[:?]?=\s*([0-9][\w.]*)\s*$", text, re.M)
    if m:
        project.version, project.version_source = m.group(1), "Makefile VERSION"
    from recipegen.generators.cxx.makefile_install import (
        delegated_folders,
        installed_libraries,
        installed_programs,
        linked_libraries,
    )

    # the Makefile and those its `install` rule hands over to (`$(MAKE) -C src install`)
    parts = [("Makefile", text)] + [
        (f"{d}/Makefile", texts[f"{d}/Makefile"]) for d in delegated_folders(text) if f"{d}/Makefile" in texts
    ]
    names = list(dict.fromkeys(n for _, part in parts for n in installed_libraries(part)))
    names = names or sorted(set(re.findall(r"\blib([A-Za-z0-9_+-]+)\.(?:so|a|dylib)\b", text)))
    for name in names:
        project.libraries.append(Library(f"lib{name}", name, "default"))
    if (
        re.search(r"^(?:[^\s:#=][^:=\n]*\s)?install(?:\s[^:=\n]*)?::?(?!=)", text, re.M) is None
    ):  # also `all install: ...`
        project.notes.append("the Makefile has no `install` target: the build script must copy files into $PREFIX")
        _library_of_sources(project, paths, fallback_name)

    def below(where: str) -> list[str]:
        folder = where.rsplit("/", 1)[0] + "/" if "/" in where else ""
        return [p[len(folder) :] for p in paths if p.startswith(folder)]

    project.executables = list(dict.fromkeys(p for w, part in parts for p in installed_programs(part, below(w))))
    project.dependencies = [
        Dependency(name, how, where=where) for where, part in parts for name, how in linked_libraries(part)
    ]
    if re.search(r"\b(include|HEADERS)\b", text):
        project.installs_headers = True
    # (clalsadrv's link command `g++ -shared ...`)
    project.languages = {"cxx"} if re.search(r"\$\(CXX\)|\bCXXFLAGS\b|(?<![\w-])g\+\+\s", text) else {"c"}
    return project
