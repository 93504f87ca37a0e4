"""The programs a hand-written Makefile's `install` rules copy into the bin folder (bzip2's
`cp -f bzip2 $(PREFIX)/bin/bzip2`, giflib's `$(INSTALL) $^ "$(DESTDIR)$(BINDIR)"` over
`install-bin: $(INSTALLABLE)`, Nettle's `for f in $(TARGETS) ; do $(INSTALL_PROGRAM) $$f
$(DESTDIR)$(bindir) ; done`). Plain functions over text; nothing is run.
"""

from __future__ import annotations

import re


def _destination(variables: str, folder: str) -> re.Pattern:
    """An install folder by its variables (`$(DESTDIR)$(libdir)`, `$(INSTALL_LIB)`) or as a folder of
    the prefix (`$(PREFIX)/lib`)."""
    return re.compile(
        rf"\$[({{](?:(?:(?:DESTDIR|FAKEROOT)[)}}]\$[({{])?(?:{variables})[)}}]"
        rf"|(?:PREFIX|prefix|EXEC_PREFIX|exec_prefix|INSTALL_?DIR|INST_PFX|DESTDIR)[)}}]/{folder}\b)"
    )


LIB_DEST = _destination(r"\w*(?:LIBDIR|libdir)|INSTALL_LIB", "lib")
# (libcap's progs: `install -m 0755 $$p $(FAKEROOT)$(SBINDIR)`; libntru's `$(DESTDIR)$(INST_LIBDIR)`,
# cqrlib's `$(INSTALLDIR)/lib`, libs3's `$(DESTDIR)/bin/s3` with `DESTDIR ?= /usr`)
BIN_DEST = _destination(r"\w*(?:BINDIR|bindir)|INSTALL_BIN", "s?bin")
# (TooN's `hdr = $(DESTDIR)$(includedir)` and `cp -r TooN $(hdr)/`)
INCLUDE_DEST = _destination(r"\w*(?:INCLUDEDIR|includedir)|INSTALL_INC\w*", "include")
COPY_COMMAND = re.compile(
    r"^(?:@?\$[({]Q[)}])?@?\s*(?:cp\b|install\b|\$[({]INSTALL(?:_PROGRAM|_PROG|_SCRIPT|_COMMAND)?[)}])"
)  # ncurses' $(INSTALL_PROG), cqrlib's $(INSTALL_COMMAND) (`$(LIBTOOL) --mode=install cp`)
# an assignment, also indented inside `ifeq`/`ifdef` (libbpf's `\tALL_LDFLAGS += $(shell ...)`)
# (libtermkey's `override LDFLAGS+=...`)
ASSIGN = re.compile(r"^[ \t]*(?:(?:override|export)[ \t]+)?([A-Za-z_][\w.]*)\s*(?::=|\?=|\+=|=)[ \t]*(.*)$", re.M)
RULE = re.compile(r"^([^\s:#=][^:=]*?)\s*::?(?![=])(.*)$")
# libvterm's `$(LIBTOOL) --mode=install install $(LIBRARY) $(DESTDIR)$(LIBDIR)/$(LIBRARY)`: the copy after it
# `$(LIBTOOL) --mode=install`, ncurses' `$(LIBTOOL_INSTALL)`
LIBTOOL_INSTALL = re.compile(r"^@?\s*\$[({]LIBTOOL(?:[)}]\s+--mode=install|_INSTALL[)}])\s+")
NOT_PROGRAM = {
    "install",
    "cp",
    "-d",
    "-m",
    "-f",
    "-p",
    "-s",
    "-c",
    "do",
    "done",
    "for",
    "in",
    "then",
    "fi",
    "if",
    "else",
    ";",
    "\\",
}
MAX_EXPANSION = 6


# a conditional on the platform make runs on (faifa's `ifeq ($(OS),CYGWIN_NT-5.1)` ... `APP:=$(APP).exe`)
_PLATFORM_TEST = re.compile(
    r"^\s*(?:else\s+)?if(n?)eq\s*\(\s*(?:\$[({](?:OS|UNAME\w*|shell uname[^)}]*|TARGET_OS|HOST_OS|PLATFORM)[)}]"
    r"\s*,\s*([^)\s]*)|([^,)\s]*)\s*,\s*\$[({](?:OS|UNAME\w*|shell uname[^)}]*)[)}])\s*\)",
    re.I,
)
_OTHER_SYSTEM = re.compile(
    r"(?:windows|cygwin|mingw|msys|darwin|macos|\w*bsd|dragonfly|sunos|os/2|aix|haiku|hp-ux)", re.I
)


def _platform_truth(line: str) -> bool | None:
    """Whether a conditional's test holds on Linux, when it tests the platform against a name."""
    m = _PLATFORM_TEST.match(line)
    if not m:
        return None
    name = (m.group(2) if m.group(2) is not None else m.group(3) or "").strip("'\"")
    equal = None if not name else False if _OTHER_SYSTEM.match(name) else True if name.lower() == "linux" else None
    return None if equal is None else equal != bool(m.group(1))


def linux_branches(text: str) -> str:
    """A Makefile's text without the lines of branches only another platform takes (the
    directive lines are kept)."""
    kept: list[str] = []
    stack: list[list[bool]] = []  # per open conditional: [this branch is dead, a branch was taken]
    for line in text.splitlines():
        stripped = line.strip()
        if re.match(r"(?:ifn?eq|ifn?def)\b", stripped):
            truth = _platform_truth(line)
            stack.append([truth is False, truth is True])
        elif stripped.startswith("else") and stack:
            truth = _platform_truth(line) if stripped != "else" else None
            taken = stack[-1][1]
            stack[-1] = [taken or truth is False, taken or truth is True]
        elif stripped == "endif" and stack:
            stack.pop()
        elif any(dead for dead, _ in stack):
            continue
        kept.append(line)
    return "\n".join(kept)


def variables(text: str) -> dict[str, str]:
    """A Makefile's variable assignments (continuation lines joined, `+=` appended), those only
    another platform's branches make left out."""
    joined = re.sub(r"\\\n", " ", linux_branches(text))
    found: dict[str, str] = {}
    for m in ASSIGN.finditer(joined):
        value = m.group(2).split("#", 1)[0].strip()
        found[m.group(1)] = f"{found.get(m.group(1), '')} {value}".strip() if "+=" in m.group(0) else value
    return found


# Folder variables kept as written, so that where a file goes can still be read
KEPT = {
    "DESTDIR",
    "PREFIX",
    "prefix",
    "EXEC_PREFIX",
    "exec_prefix",
    "BINDIR",
    "bindir",
    "LIBDIR",
    "libdir",
    "INCLUDEDIR",
    "includedir",
}


def _expand(value: str, values: dict[str, str], depth: int = 0, keep: frozenset[str] = frozenset()) -> str:
    """Variables expanded, also as substitution references (`$(SRC:.c=)`); `$(wildcard ...)` over
    the files the Makefile's folder holds (given as the value of `.FILES`) and `$(sort ...)`."""
    if depth >= MAX_EXPANSION:
        return value
    value = re.sub(r"(?<!\$)\$([A-Za-z])(?![\w({])", r"$(\1)", value)  # make's one-letter `$x` (ncurses' tic$x)

    def one(m: re.Match) -> str:
        if m.group(1) in keep:
            return m.group(0)
        expanded = _functions(_expand(values.get(m.group(1), ""), values, depth + 1, keep), values)
        if m.group(2) is None:
            return expanded
        old, new = m.group(2), m.group(3)
        if "%" in old and "$" not in new:  # i2c-tools' `include $(SRCDIRS:%=%/Module.mk)`, patsubst's form
            return " ".join(_patsubst(old, new, w) for w in expanded.split())
        return " ".join(w[: -len(old)] + new if old and w.endswith(old) else w for w in expanded.split())

    return re.sub(r"\$[({]([\w.]+)(?::([^=)}]*)=([^)}]*))?[)}]", one, value)  # glew's $(GLEWINFO.BIN)


def _functions(value: str, values: dict[str, str]) -> str:
    """libvterm's `$(sort $(wildcard bin/*.c))`: the innermost calls first."""
    from fnmatch import fnmatchcase

    files = values.get(".FILES", "").split()
    for _ in range(MAX_EXPANSION):
        call = re.search(r"\$[({](wildcard|sort|strip|patsubst)\s+([^()${}]*)[)}]", value)
        if call is None:
            return value
        words = call.group(2).split()
        if call.group(1) == "wildcard":
            words = [f for f in files if any(fnmatchcase(f, pattern) for pattern in words)]
        elif call.group(1) == "patsubst":  # lm-sensors' `include $(patsubst %,%/Module.mk,$(SRCDIRS))`
            pattern, replacement, *rest = [*call.group(2).split(",", 2), "", ""][:3]
            words = [_patsubst(pattern.strip(), replacement.strip(), w) for w in " ".join(rest).split()]
        value = (
            value[: call.start()]
            + " ".join(sorted(set(words)) if call.group(1) == "sort" else words)
            + value[call.end() :]
        )
    return value


def _patsubst(pattern: str, replacement: str, word: str) -> str:
    """make's `$(patsubst pattern,replacement,word)` for one word (one `%` each)."""
    head, _, tail = pattern.partition("%")
    if not word.startswith(head) or not word.endswith(tail) or len(word) < len(head) + len(tail):
        return word
    stem = word[len(head) : len(word) - len(tail)]
    return replacement.replace("%", stem, 1) if "%" in pattern else (replacement if word == pattern else word)


def expand_value(text: str, value: str) -> str:
    """A value of a Makefile with the Makefile's own variables and functions put in."""
    values = variables(text)
    return _functions(_expand(value, values), values)


def _rules(text: str) -> list[tuple[str, str, list[str]]]:
    """(targets, prerequisites, recipe lines) of each rule; a recipe line's continuations joined."""
    rules: list[tuple[str, str, list[str]]] = []
    for line in re.sub(r"\\\n[ \t]*", " ", text).splitlines():
        if line.startswith("\t") and rules:
            rules[-1][2].append(line.strip())
            continue
        m = RULE.match(line)
        if m and not line.startswith((" ", "\t")) and not ASSIGN.match(line):
            rules.append((m.group(1), m.group(2).split("#", 1)[0], []))
    return rules


def _installed(text: str, destination: re.Pattern, files: list[str] | None = None) -> list[str]:
    """File names an `install` rule copies into a destination folder, variables expanded."""
    values = variables(text) | {".FILES": " ".join(files or [])}
    found: list[str] = []
    rules = _rules(text)
    reachable = _install_closure(rules, values)
    for targets, prerequisites, recipe in rules:
        if not re.search(r"(?<!un)install", targets):
            continue
        if reachable is not None and not set(targets.split()) & reachable:
            continue  # glew's `install.bin`: a rule `install` does not reach (only `install.all`)
        found += [n for n in _installed_prerequisites(prerequisites, values, destination) if n not in found]
        # Lua's `cd src && $(INSTALL_EXEC) $(TO_BIN) $(INSTALL_BIN)`: each command of a line
        # fosfat's `[ $(BUILD_STATIC) = yes ] && $(INSTALL) ... $(libdir); \ if ...; then \ $(INSTALL) ...`
        for loop, line in _commands(recipe):
            raw = LIBTOOL_INSTALL.sub("", line)
            expanded = _expand(raw, values, keep=frozenset(KEPT))
            if not COPY_COMMAND.search(raw.strip()) and not COPY_COMMAND.search(expanded.strip()):
                continue
            if re.match(r"\S*(?:install|INSTALL)\S*\s+(?:-\S+\s+)*-d\s", raw.strip()):
                continue  # `install -d` makes folders (libquantum's `$(INSTALL) -d $(ALLDIRS)`), it copies nothing
            dest = next(((c, d) for c in (raw, expanded) for d in [destination.search(c)] if d), None)
            if dest is None:
                continue
            words = " ".join(dest[0][: dest[1].start()].split()[1:])  # what the copy command is given
            words = words.replace("$^", prerequisites).replace("$?", prerequisites)
            if loop and re.search(rf"\$\$[({{]?{loop.group(1)}\b", words):
                words = loop.group(2)
            tokens = _without_shell_calls(re.sub(r"@\w+@", "", _expand(words, values))).split()
            renamed = re.match(r"/([A-Za-z][\w.+-]*)[\"']?\s*(?:;|$)", dest[0][dest[1].end() :])
            sources = [t for t in tokens if not t.startswith("-")]
            if renamed and len(sources) == 1:  # libbytesize's `install -m0755 bs_calc.py ${DESTDIR}${bindir}/bscalc`
                tokens = [renamed.group(1)]
            for token in tokens:
                name = token.strip("\"'").rsplit("/", 1)[-1]
                if name not in NOT_PROGRAM and re.fullmatch(r"[A-Za-z][\w.+-]*", name) and name not in found:
                    found.append(name)
    return found


LOOP = re.compile(r"\bfor\s+(\w+)\s+in\s+([^;]*);\s*do\s+(.*)$")


def _commands(recipe: list[str]) -> list[tuple[re.Match | None, str]]:
    """Each command of a rule's lines, with the `for` loop it runs in: a loop's body is split too
    (routino's `for file in $(EXE); do if [ -f $$file ]; then cp -f $$file $(DESTDIR)$(bindir); fi; done`)."""
    commands: list[tuple[re.Match | None, str]] = []
    for line in recipe:
        loop = LOOP.search(line)
        for command in re.split(r"&&|\|\||;", loop.group(3) if loop else line):
            commands.append((loop, re.sub(r"^\s*(?:(?:then|else|do)\s+)+", "", command)))
    return commands


def _installed_prerequisites(prerequisites: str, values: dict[str, str], destination: re.Pattern) -> list[str]:
    """Files an install rule asks for by their installed path, which pattern rules then copy
    (tinycbor's `install: $(INSTALL_TARGETS:%=$(DESTDIR)%)`, `INSTALL_TARGETS += $(bindir)/cbordump`
    and `$(DESTDIR)$(bindir)/%: bin/%`)."""
    expanded = _expand(prerequisites, values, keep=frozenset(KEPT))
    found = []
    for m in destination.finditer(expanded):
        name = re.match(r"/([A-Za-z][\w.+-]*)(?=\s|$)", expanded[m.end() :])
        if name and name.group(1) not in NOT_PROGRAM and name.group(1) not in found:
            found.append(name.group(1))
    return found


def _without_shell_calls(value: str) -> str:
    """`$(shell ...)` calls, innermost first, dropped: what they print is not known here
    (libx86emu's `$(LIBX86).so.$(VERSION)`, VERSION from `$(shell ... cat VERSION)`, still names
    libx86emu.so)."""
    for _ in range(MAX_EXPANSION):
        call = re.search(r"\$[({]shell\s[^()${}]*[)}]", value)
        if call is None:
            break
        value = value[: call.start()] + value[call.end() :]
    return value


def _install_closure(rules: list[tuple[str, str, list[str]]], values: dict[str, str]) -> set[str] | None:
    """The targets `make install` runs (its prerequisites that are rules, transitively); None
    when the Makefile has no `install` rule."""
    prerequisites: dict[str, list[str]] = {}
    for targets, needs, recipe in rules:
        # libcap's `install: install-static` then `$(MAKE) install-shared`: a make of this Makefile's targets
        again = [m.group(1) for line in recipe for m in [re.match(r"@?\$[({]MAKE[)}]\s+([^-$][^;&|]*)$", line)] if m]
        for target in targets.split():
            prerequisites.setdefault(target, []).extend(_expand(" ".join([needs, *again]), values).split())
    if "install" not in prerequisites:
        return None
    seen: set[str] = set()
    todo = ["install"]
    while todo and len(seen) < 1000:
        target = todo.pop()
        if target not in seen:
            seen.add(target)
            todo += [t for t in prerequisites.get(target, []) if t in prerequisites]
    return seen


def installed_programs(text: str, files: list[str] | None = None) -> list[str]:
    """Names of the programs an `install` rule copies into $(PREFIX)/bin, $(BINDIR), $(bindir);
    `files`: the paths below the Makefile's folder, for `$(wildcard ...)`."""
    return [n for n in _installed(text, BIN_DEST, files) if not re.search(r"\.(?:h|a|so|pc|[1-9]|la|html|txt|dll)$", n)]


def delegated_folders(text: str) -> list[str]:
    """The folders an `install` rule runs `make install` in (libaio's and liburing's
    `$(MAKE) -C src install ...`, `cd src && $(MAKE) install`): their Makefiles install the rest."""
    found: list[str] = []
    rules = _rules(text)
    values = variables(text)
    reachable = _install_closure(rules, values) or set()  # fosfat's `install: install-libs ...`
    for targets, _, recipe in rules:
        # libcap's `all test install clean: %: %-here`
        if not re.search(r"(?:^|\s)install(?:\s|$)", targets) and not set(targets.split()) & reachable:
            continue
        for line in recipe:
            loop = LOOP.search(line)  # routino's `for dir in $(SUBDIRS); do ( cd $$dir && $(MAKE) $@ ); done`
            if loop and re.search(
                rf"\bcd\s+\$\$[({{]?{loop.group(1)}\b[)}}]?\s*&&\s*\$[({{]MAKE[)}}]\s+(?:install\b|\$@)", loop.group(3)
            ):
                found += [
                    d.strip("/")
                    for d in _expand(loop.group(2), values).split()
                    if ".." not in d and d.strip("/") not in found
                ]
                continue
            m = re.search(r"\$[({]MAKE[)}]\s+-C\s+([\w./-]+)\s+(?:install\b|\$@)", line) or re.search(
                r"\bcd\s+([\w./-]+)\s*&&\s*\$[({]MAKE[)}]\s+install\b", line
            )
            if m and m.group(1).strip("/") not in found and ".." not in m.group(1):
                found.append(m.group(1).strip("/"))
    return found


def installs_headers(text: str) -> bool:
    """Does an `install` rule copy files into the include folder?"""
    return bool(_installed(text, INCLUDE_DEST))


def installed_libraries(text: str) -> list[str]:
    """Library names (`hiredis` for libhiredis.so.0.14) an `install` rule copies into the lib folder."""
    names = [re.match(r"lib([\w+-]+?)\.(?:so|a|dylib|la)\b", n) for n in _installed(text, LIB_DEST)]
    return list(dict.fromkeys(m.group(1) for m in names if m))


# A link-flag variable (LIBS, LDLIBS, FOO_LIBS, LDFLAGS, LDADD) and a pkg-config query
# (mujs's `LIBREADLINE += -lreadline`: a LIBFOO variable of link flags)
# (clalsadrv's `CLALSADRV_DEP = -lasound`, given to the library's link command)
_LINK_VARIABLE = re.compile(r"(?:^|_)(?:LD)?LIBS$|LDFLAGS$|LDADD$|^LIB[A-Z0-9]+$|_DEPS?$")
_PKG_CONFIG = re.compile(r"(?:pkg-config|PKG_CONFIG)\)?\s+(?:--\S+\s+)*([^\s),]+(?:\s+[a-z][\w.+-]*)*)")


def linked_libraries(text: str) -> list[tuple[str, str]]:
    """(name, how) of the libraries a hand-written Makefile links: the modules its link-flag
    variables ask pkg-config for (libcyaml's `$(shell $(PKG_CONFIG) --libs $(LIBYAML))`) and
    their `-lfoo` flags; variables of test programs (TEST_LIBS) are left out."""
    from recipegen.generators.cxx.autoconf import CONFIG_SCRIPT_LIBS, _config_library

    values = variables(_first_found_alternatives(text))
    found: dict[str, str] = {}
    for name, value in values.items():
        if not _LINK_VARIABLE.search(name) or re.search(r"TEST|CHECK|BENCH|EXAMPLE", name, re.I):
            continue
        expanded = _expand(_user_calls(value, values), values)
        for m in _PKG_CONFIG.finditer(expanded):
            for module in m.group(1).split():
                if not module.startswith("-"):
                    found.setdefault(module, "pkg-config")
        for program in CONFIG_SCRIPT_LIBS.findall(expanded):  # libs3's `$(shell curl-config --libs)`
            library = _config_library(program)
            if library:
                found.setdefault(library, program)
        # (not what a shell test picks: lm-sensors' `$(shell if /sbin/ldconfig -p | grep -q ... ; then echo \-liconv; ...)`)
        probed = re.sub(r"\$\(shell\s+if\b.*?\bfi\s*\)", "", expanded)
        for lib in re.findall(r"(?<![\w-])\\?-l([\w.+-]+)", probed):
            found.setdefault(lib, name)
    return list(found.items())


_CALL = re.compile(r"\$[({]call\s+([\w.-]+)\s*,\s*((?:[^()]|\([^()]*\))*)[)}]")
_CONDITIONAL = re.compile(r"^[ \t]*(?:else[ \t]+)?(ifn?eq|ifn?def)\b(.*)$")


def _user_calls(value: str, values: dict[str, str]) -> str:
    """`$(call pkgconfig, --libs unibilium)` with the function's body, `$(1)` replaced
    (libtermkey's `pkgconfig = $(shell ... pkg-config $(1))`)."""

    def one(m: re.Match) -> str:
        body = values.get(m.group(1))
        return body.replace("$(1)", m.group(2).strip()).replace("${1}", m.group(2).strip()) if body else m.group(0)

    return _CALL.sub(one, value)


def _is_found_probe(directive: str, condition: str) -> bool:
    """A pkg-config probe whose first branch is the library found: `ifeq (<probe> && echo 1),1)`
    or `ifneq (<probe>,)`."""
    if not re.search(r"pkg-?config|PKG_CONFIG", condition, re.I):
        return False
    tail = re.sub(r"\s", "", condition).rstrip(")")
    if directive == "ifeq":
        return bool(re.search(r",(?:1|yes|true)$", tail))
    return directive == "ifneq" and tail.endswith(",")


def _first_found_alternatives(text: str) -> str:
    """A chain of `ifeq (<pkg-config probe>) ... else ifeq ... else ... endif` chooses the first
    library found; conda-forge provides the first, so only its branch is kept (libtermkey:
    unibilium, then tinfo, ncursesw, -lncurses)."""
    kept: list[str] = []
    stack: list[str] = []  # per open conditional: "probe" (first branch), "dropped" (its else branches) or "other"
    for line in text.splitlines():
        stripped = line.strip()
        opening = _CONDITIONAL.match(line)
        dropping = "dropped" in stack
        if opening and not stripped.startswith("else"):
            stack.append("probe" if _is_found_probe(opening.group(1), opening.group(2)) else "other")
        elif stack and stripped.startswith("else") and stack[-1] != "other":
            stack[-1] = "dropped"
            continue
        elif stripped == "endif" and stack and stack.pop() != "other":
            continue
        if not dropping:
            kept.append(line)
    return "\n".join(kept)
