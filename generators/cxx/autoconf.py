"""Which libraries a configure.ac looks for on the default path, by imitating its shell logic.

configure.ac is m4 around shell: `AC_ARG_WITH`/`AC_ARG_ENABLE` set `with_foo`/`enable_foo`
(their not-given action runs, the given action does not), `if test ...; then ... fi`,
`AS_IF`, `case`/`AS_CASE` and assignments decide which `PKG_CHECK_MODULES`, `AC_CHECK_LIB`,
`AC_SEARCH_LIBS` run. Values are sets of possible strings (what a check finds is both ways);
a condition the reader cannot decide runs both branches and merges what they set. A library
found in a branch that does not run is reported with the option that would turn it on.
The project's own m4 macros (`AC_DEFUN` in acinclude.m4, m4/*.m4) are expanded. Nothing is
executed; steps, macro depth and value sets are bounded.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field

MAX_STEPS = 200_000
MAX_DEPTH = 12
MAX_VALUES = 8
MAX_COMBINATIONS = 32
UNKNOWN = None  # a variable whose value cannot be told

Values = frozenset[str] | None  # possible values; None: unknown


@dataclass
class Macro:
    name: str
    args: list[str]
    line: int


@dataclass
class Word:
    text: str
    line: int


@dataclass
class Found:
    """A library the configure script looks for."""

    name: str
    via: str
    line: int
    live: bool  # on the default path
    optional: bool  # the script goes on without it
    switch: str = ""  # the --with/--enable option that turns a dead branch on
    file: str = ""
    variables: tuple[str, ...] = ()  # where the link flags go (FOO_LIBS), for the Makefiles
    required: bool = False  # configure stops when it is missing, whatever the options (ETL's glibmm-2.4)


@dataclass
class Run:
    env: dict[str, Values]
    live: bool = True
    switch: str = ""


@dataclass
class Reader:
    macros: dict[str, str]  # the project's AC_DEFUN bodies
    file: str = "configure.ac"
    assigned: set[str] = field(default_factory=set)  # variables the script itself sets somewhere
    switches: dict[str, str] = field(default_factory=dict)  # variable -> the option that sets it
    env: dict[str, Values] = field(default_factory=dict)  # what the script ends with
    conditionals: dict[str, bool | None] = field(default_factory=dict)  # AM_CONDITIONAL truths
    found: list[Found] = field(default_factory=list)
    saved_libs: dict[str, int] = field(default_factory=dict)  # SAVE_LIBS="$LIBS": variable -> line
    probes: set[tuple[str, int]] = field(default_factory=set)  # LIBS="$LIBS -lx" undone later: (x, line)
    kept_libs: set[str] = field(default_factory=set)  # -lx kept in another variable when LIBS was restored
    script: str = ""  # the configure script's text (comments stripped)
    m4_files: dict[str, str] = field(default_factory=dict)  # the project's m4 files configure may include
    including: set[str] = field(default_factory=set)  # the m4 files being read (an include cycle stops)
    steps: int = 0
    depth: int = 0
    exhausted: bool = False


# --- scanning ------------------------------------------------------------------------------------

# a project prefix in lower case names m4 macros too (elfutils' eu_ZIPLIB in m4/zip.m4, gnulib's gl_INIT)
# (and m4's own `sinclude`/`include` of a project file: cpdb-libs' `sinclude(m4/cpdb-common.m4)`)
_MACRO_NAME = re.compile(r"(?:[A-Z_][A-Z0-9_]*|m4_\w+|[a-z][a-z0-9]{0,7}_[A-Z][A-Z0-9_]*|s?include)$")
_SEPARATORS = "\n;"


# m4's changequote(`,') ... changequote([,]) (libcdio): the backquote would open a shell command
# substitution that never closes; the calls are dropped and the brackets between read as quotes.
_CHANGEQUOTE = re.compile(r"\bchangequote\([^)\n]*\)")


def strip_comments(text: str) -> str:
    """dnl comments and changequote() calls removed (line numbers kept); `#` comments are skipped
    where m4 and the shell see them (outside quotes), as `#` inside a quoted C program is a
    preprocessor line."""
    return _CHANGEQUOTE.sub("", re.sub(r"\bdnl\b[^\n]*", "", text))


def balanced_args(text: str, i: int) -> tuple[list[str], int]:
    """Arguments of a macro call whose '(' ends before i: one m4 quote level removed."""
    depth, quote, args, current = 1, 0, [], []
    while i < len(text):
        ch = text[i]
        if ch == "[":
            quote += 1
            if quote == 1:
                i += 1
                continue
        elif ch == "]" and quote:
            quote -= 1
            if quote == 0:
                i += 1
                continue
        elif quote == 0 and ch == "#":  # an m4 comment: copied, not scanned
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            current.append(text[i:end])
            i = end
            continue
        elif quote == 0 and ch == "(":
            depth += 1
        elif quote == 0 and ch == ")":
            depth -= 1
            if depth == 0:
                break
        elif quote == 0 and ch == "," and depth == 1:
            args.append("".join(current).strip())
            current = []
            i += 1
            continue
        current.append(ch)
        i += 1
    args.append("".join(current).strip())
    return args, i + 1


def scan(text: str, line: int = 1) -> list[Macro | Word]:
    """Macro calls and shell words (a Word "\\n" separates statements)."""
    items: list[Macro | Word] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if text.startswith("\\\n", i):  # a continued line (cconv's `(test -f ... ||\` newline `test ...)`)
            line += 1
            i += 2
        elif ch in " \t\\":
            i += 1
        elif ch == "#":  # a shell comment
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif ch in _SEPARATORS:
            if text.startswith(";;", i):
                items.append(Word(";;", line))
                i += 2
                continue
            items.append(Word("\n", line))
            line += ch == "\n"
            i += 1
        elif ch == "[":  # an m4 quote at statement level: its text is code
            quoted, end = _quoted(text, i)
            items += scan(quoted, line)
            line += text.count("\n", i, end)
            i = end
        else:
            m = re.match(r"[A-Za-z_]\w*\(", text[i:])
            if m and _MACRO_NAME.match(m.group(0)[:-1]):
                args, end = balanced_args(text, i + m.end())
                items.append(Macro(m.group(0)[:-1], args, line))
                line += text.count("\n", i, end)
                i = end
                continue
            word, end = _word(text, i)
            items.append(Word(word, line))
            line += text.count("\n", i, end)
            i = max(end, i + 1)
    return items


def _quoted(text: str, i: int) -> tuple[str, int]:
    depth, j = 0, i
    while j < len(text):
        depth += {"[": 1, "]": -1}.get(text[j], 0)
        j += 1
        if depth == 0:
            break
    return text[i + 1 : j - 1], j


def _word(text: str, i: int) -> tuple[str, int]:
    """A shell word: quotes, $(...) and backquotes kept whole; m4 quotes removed."""
    out: list[str] = []
    n = len(text)
    while i < n and text[i] not in " \t\n;" and not text.startswith("\\\n", i):
        ch = text[i]
        if ch in "\"'`":
            end = text.find(ch, i + 1)
            end = n - 1 if end < 0 else end
            out.append(text[i : end + 1])
            i = end + 1
        elif text.startswith("$(", i):
            depth, j = 0, i + 1
            while j < n:
                depth += {"(": 1, ")": -1}.get(text[j], 0)
                j += 1
                if depth == 0:
                    break
            out.append(text[i:j])
            i = j
        elif ch in "[]":
            i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out), i


def statements(items: list[Macro | Word]) -> list[list[Macro | Word]]:
    out: list[list[Macro | Word]] = [[]]
    for item in items:
        if isinstance(item, Word) and item.text == "\n":
            if out[-1]:
                out.append([])
        else:
            out[-1].append(item)
    return [s for s in out if s]


# --- values and conditions -----------------------------------------------------------------------

_REF = re.compile(r"\$\{(\w+)\}|\$(\w+)")
_DEFAULTED = re.compile(r"\$\{(\w+)(:?)[-=]([^}$`]*)\}")  # pcsc-lite's ${use_libusb-no}


class Env(dict):
    """Variable values; a variable the script never sets (a cache variable `ac_cv_*`, one a
    macro sets internally, the environment's) is unknown rather than empty."""

    def __init__(self, values: dict, assigned: frozenset[str] | set[str] = frozenset()) -> None:
        super().__init__(values)
        self.assigned = assigned

    def copy(self) -> Env:  # type: ignore[override]
        return Env(self, self.assigned)

    def value(self, name: str) -> Values:
        if name in self:
            return self[name]
        if name in self.assigned or name.startswith(("with_", "enable_")):
            return frozenset({""})
        return UNKNOWN


# conda-forge's linux-64 build: what configure's own checks say about the machine
PLATFORM = {
    "host_os": "linux-gnu",
    "host": "x86_64-conda-linux-gnu",
    "host_cpu": "x86_64",
    "host_vendor": "conda",
    "build_os": "linux-gnu",
    "target_os": "linux-gnu",
    "GCC": "yes",
    "cross_compiling": "no",
    "enable_shared": "yes",
    "enable_static": "no",
    "ac_exeext": "",
    "EXEEXT": "",
    "ac_objext": "o",
    "OBJEXT": "o",
}


def expand_word(word: str, env: dict[str, Values]) -> Values:
    """The possible values of a shell word: quotes removed, $var / ${var} substituted."""
    if "`" in word or "$(" in word or re.search(r"\$[0-9@#*?!]", word):
        return UNKNOWN
    results = [""]
    for part in re.findall(r"'[^']*'|\"[^\"]*\"|[^'\"]+", word):
        if part.startswith("'"):
            results = [r + part[1:-1] for r in results]
            continue
        text = part[1:-1] if part.startswith('"') else part
        pieces = re.split(r"(\$\{\w+\}|\$\{\w+:?[-=][^}$`]*\}|\$\w+)", text)
        for piece in pieces:
            ref = _REF.fullmatch(piece) or _DEFAULTED.fullmatch(piece)
            if not ref:
                results = [r + piece for r in results]
                continue
            default = ref if ref.re is _DEFAULTED else None
            name = ref.group(1) or ref.group(2) if default is None else ref.group(1)
            values = env.value(name) if isinstance(env, Env) else env.get(name, frozenset({""}))
            if default:  # ${name-default}: the default unless the script set it before (":-": or set it empty)
                unset = name not in env or (default.group(2) == ":" and values == frozenset({""}))
                values = frozenset({default.group(3)}) if unset else values
            if values is UNKNOWN:
                return UNKNOWN
            results = [r + v for r in results for v in sorted(values)][:MAX_COMBINATIONS]
    return frozenset(results)


def _words(items: list[Macro | Word]) -> list[str] | None:
    if any(isinstance(i, Macro) for i in items):
        return None
    return [i.text for i in items if isinstance(i, Word)]


def test_truth(items: list[Macro | Word], env: dict[str, Values]) -> bool | None:
    """`test ...` / `[ ... ]` (with -a, -o, !, =, !=, -z, -n), `A && B`, `A || B`; None when
    it needs what only running configure would tell."""
    words = _words(items)
    if words and words[0].startswith("(") and words[-1].endswith(")"):  # ell's `if (test "${enable_glib}" = "yes")`
        words = [w for w in [words[0][1:], *words[1:-1], words[-1][:-1]] if w] if len(words) > 1 else []
    if not words:
        return None
    for op in ("||", "&&"):
        if op in words:
            at = words.index(op)
            left = test_truth([Word(w, 0) for w in words[:at]], env)
            right = test_truth([Word(w, 0) for w in words[at + 1 :]], env)
            return _or(left, right) if op == "||" else _and(left, right)
    negate = words[0] == "!"
    words = words[1:] if negate else words
    if words[:1] == ["test"]:
        words = words[1:]
    elif words[:1] == ["["] and words[-1:] == ["]"]:
        words = words[1:-1]
    elif words[:1] in (["true"], [":"]):
        words = []
        return not negate
    elif words[:1] == ["false"]:
        return negate
    else:
        return None
    truth = _test_expression(words, env)
    return None if truth is None else truth != negate


def _and(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    return True if a is True and b is True else None


def _or(a: bool | None, b: bool | None) -> bool | None:
    if a is True or b is True:
        return True
    return False if a is False and b is False else None


def _test_expression(words: list[str], env: dict[str, Values]) -> bool | None:
    for op, combine in (("-o", _or), ("-a", _and)):
        if op in words:
            at = words.index(op)
            return combine(_test_expression(words[:at], env), _test_expression(words[at + 1 :], env))
    if words[:1] == ["!"]:
        inner = _test_expression(words[1:], env)
        return None if inner is None else not inner
    if len(words) == 2 and words[0] in ("-z", "-n"):
        values = expand_word(words[1], env)
        if values is UNKNOWN:
            return None
        truths = {(v == "") == (words[0] == "-z") for v in values}
        return truths.pop() if len(truths) == 1 else None
    if len(words) == 3 and words[1] in ("=", "==", "!="):
        left, right = expand_word(words[0], env), expand_word(words[2], env)
        if left is UNKNOWN or right is UNKNOWN:
            return None
        truths = {(a == b) == (words[1] != "!=") for a in left for b in right}
        return truths.pop() if len(truths) == 1 else None
    if len(words) == 1:
        values = expand_word(words[0], env)
        return None if values is UNKNOWN else ({v != "" for v in values}.pop() if len(values) == 1 else None)
    return None


def case_matches(values: Values, patterns: list[str], env: dict[str, Values]) -> bool | None:
    if values is UNKNOWN:
        return None
    results = set()
    for value in values:
        hit = False
        for pattern in patterns:
            options = expand_word(pattern, env)
            if options is UNKNOWN:
                return None
            hit = hit or any(fnmatch.fnmatchcase(value, p) for p in options)
        results.add(hit)
    return results.pop() if len(results) == 1 else None


def merge(base: dict[str, Values], outcomes: list[dict[str, Values]]) -> dict[str, Values]:
    """What alternatives set, as the union of each one's values (a variable one of them left
    alone keeps its value before)."""
    merged = base.copy()
    before = base.value if isinstance(base, Env) else (lambda k: base.get(k, frozenset({""})))
    for name in {k for o in outcomes for k in o if o.get(k) != before(k)}:
        union: set[str] = set()
        for outcome in outcomes:
            values = outcome[name] if name in outcome else before(name)
            if values is UNKNOWN:
                merged[name] = UNKNOWN
                break
            union |= values
        else:
            merged[name] = frozenset(union) if len(union) <= MAX_VALUES else UNKNOWN
    return merged


# --- running -------------------------------------------------------------------------------------


def _tables() -> dict:
    from recipegen.generators.cxx.data import load

    return load("autoconf_macros.toml")


def _switch(words: list[str], switches: dict[str, str]) -> str:
    """The configure option a condition tests (`test "x$with_zlib" = xyes` -> --with-zlib; a
    variable the option's action sets -> that option)."""
    for word in words:
        for m in re.finditer(r"\$\{?(\w+)", word):
            if m.group(1) in switches:
                return switches[m.group(1)]
            option = re.match(r"(with|enable)_(\w+)", m.group(1))
            if option:
                return f"--{option.group(1)}-{option.group(2).replace('_', '-')}"
    return ""


def _first_word(statement: list[Macro | Word]) -> str:
    return statement[0].text if statement and isinstance(statement[0], Word) else ""


def _block_end(stmts: list[list[Macro | Word]], i: int, opener: str, closer: str) -> int:
    """Index of the statement that closes the block opened at i."""
    depth = 0
    for j in range(i, len(stmts)):
        first = _first_word(stmts[j])
        if first == opener:
            depth += 1
        if closer in [w.text for w in stmts[j] if isinstance(w, Word)]:
            depth -= 1
            if depth == 0:
                return j
    return len(stmts) - 1


def _if_branches(stmts: list[list[Macro | Word]], start: int, end: int) -> tuple[list, list | None]:
    """([(condition items, body statements)], else statements) of `if ... fi` (stmts[start:end+1])."""
    branches: list[tuple[list, list]] = []
    otherwise: list | None = None
    current: list | None = None
    depth = 0
    for stmt in stmts[start : end + 1]:
        first = _first_word(stmt)
        if (depth == 0 and first == "if") or (depth == 1 and first == "elif"):
            words = stmt[1:]
            then = next((k for k, w in enumerate(words) if isinstance(w, Word) and w.text == "then"), None)
            cond = words if then is None else words[:then]
            current = [] if then is None or then + 1 >= len(words) else [words[then + 1 :]]
            branches.append((cond, current))
            depth = 1 if first == "if" else depth
            continue
        if depth == 1 and first == "else":
            otherwise = current = [stmt[1:]] if len(stmt) > 1 else []
            continue
        if depth == 1 and first == "then":
            if len(stmt) > 1 and current is not None:
                current.append(stmt[1:])
            continue
        depth += first == "if"
        if first == "fi" or (stmt and isinstance(stmt[-1], Word) and stmt[-1].text == "fi"):
            depth -= 1
            if depth == 0:
                body = stmt[:-1] if first != "fi" else []
                if body and current is not None:
                    current.append(body)
                break
        if current is not None:
            current.append(stmt)
    return branches, otherwise


def run_statements(reader: Reader, stmts: list[list[Macro | Word]], run: Run) -> None:
    i = 0
    while i < len(stmts):
        reader.steps += 1
        if reader.steps > MAX_STEPS:
            reader.exhausted = True
            return
        stmt = stmts[i]
        first = _first_word(stmt)
        if not stmt:
            i += 1
        elif first == "if":
            end = _block_end(stmts, i, "if", "fi")
            branches, otherwise = _if_branches(stmts, i, end)
            _run_if(reader, [(c, b) for c, b in branches], otherwise, run)
            i = end + 1
        elif first == "case":
            end = _block_end(stmts, i, "case", "esac")
            _run_case(reader, stmts[i : end + 1], run)
            i = end + 1
        elif first in ("for", "while", "until"):
            end = _block_end(stmts, i, first, "done")
            body = [s[1:] if _first_word(s) == "do" else s for s in stmts[i + 1 : end]]
            words = [w.text for w in stmt if isinstance(w, Word)]
            if _empty_loop(words, run):  # opendbx's `for backend in $backends`: only --with-backends names some
                _dead(reader, body, run, _switch(words, reader.switches))
            else:
                _loop_variable(stmt, body, run)
                _alternatives(reader, [body, []], run)
            i = end + 1
        else:
            _run_simple(reader, stmt, run)
            i += 1


def _empty_loop(words: list[str], run: Run) -> bool:
    """A `for` over variables that hold nothing on the default path."""
    if len(words) < 4 or words[0] != "for" or words[2] != "in" or not run.live:
        return False
    items = [w for w in words[3:] if w not in (";", "do")]
    values = [expand_word(w, run.env) if w.startswith(("$", '"$')) else UNKNOWN for w in items]
    return bool(items) and all(v is not UNKNOWN and not "".join(v).split() for v in values)


def _loop_variable(stmt: list[Macro | Word], body: list, run: Run) -> None:
    """`for lib in ncurses curses termcap; do AC_CHECK_LIB($lib, ...) && break; done` (gdbm): the
    body runs once with the variable holding the words, or only the first word when the loop
    stops at the first that works (`break`)."""
    words = [w.text for w in stmt if isinstance(w, Word)]
    if len(words) < 3 or words[0] != "for" or words[2] != "in" or not run.live:
        return
    items: list[str] = []
    for word in words[3:]:
        if word in (";", "do"):
            continue
        if not word.startswith(("$", '"$')):
            items.append(word)
            continue
        # libnfc's `for driver in ${DRIVER_BUILD_LIST}`: the words the list's known values hold
        values = expand_word(word, run.env)
        if values is UNKNOWN:
            return
        items += [w for value in sorted(values) for w in value.split() if w not in items]
    if not items:
        return
    stops = any(isinstance(w, Word) and w.text == "break" for s in body for w in s) or any(
        isinstance(w, Macro) and "break" in " ".join(w.args) for s in body for w in s
    )
    run.env[words[1]] = frozenset(items[:1] if stops else items[:MAX_COMBINATIONS])


def _names(word: str, run: Run) -> list[str]:
    """The library or module names a macro argument can be (`$lib` in a loop, `$GLIB_DEPS`)."""
    if "$" not in word:
        return [word]
    values = expand_word(word.strip(), run.env) if run.live else UNKNOWN
    return [] if values is UNKNOWN else sorted(v for v in values if v)


def _run_simple(reader: Reader, stmt: list[Macro | Word], run: Run) -> None:
    words = [w.text if isinstance(w, Word) else "" for w in stmt]
    for op in ("&&", "||"):
        if op in words:
            at = words.index(op)
            cond, rest = stmt[:at], stmt[at + 1 :]
            if all(isinstance(w, Word) and re.fullmatch(r"\w+=\S*", w.text) for w in cond):
                _run_simple(reader, cond, run)  # cconv's `... && ICONV_DIR=$i && break`: an assignment succeeds
                if op == "&&":
                    _run_simple(reader, rest, run)
                return
            if op == "&&":
                _run_if(reader, [(cond, [rest])], None, run)
            else:
                _run_if(reader, [(cond, [])], [rest], run)
            return
    for item in stmt:
        if isinstance(item, Word) and (
            item.text in reader.macros or item.text in _tables()["library"] or item.text in _tables()["sets"]
        ):
            item = Macro(item.text, [], item.line)  # a macro called without arguments
        if isinstance(item, Macro):
            run_macro(reader, item, run)
        else:
            m = re.fullmatch(r"(\w+)=(.*)", item.text, re.S)
            if not m:
                return  # a command: its arguments are not assignments
            for word in _PKG_CONFIG_LIBS.findall(m.group(2)):  # libshout's OPENSSL_LIBS=`$PKGCONFIG --libs openssl`
                for module in _names(word, run):
                    _found(reader, module, "pkg-config", item.line, run, True, (m.group(1),))
            for program in CONFIG_SCRIPT_LIBS.findall(m.group(2)):  # libotf's `freetype-config --libs`
                library = _config_library(program)
                if library:
                    _found(reader, library, program, item.line, run, True, (m.group(1),))
            if m.group(1) == "LIBS":  # mpc's LIBS="-lmpfr $LIBS": linked into everything
                _restore_libs(reader, m.group(2), item.line, run)
                for lib in _libs_flags(m.group(2), run, expand=reader.depth == 0):
                    _found(reader, lib, "LIBS", item.line, run, True)
            elif re.fullmatch(r"[\"']?\$\{?LIBS\}?[\"']?", m.group(2)):
                reader.saved_libs[m.group(1)] = item.line
            if run.live:
                run.env[m.group(1)] = expand_word(m.group(2), run.env) if m.group(2) else frozenset({""})


# a shell call of pkg-config for a module's link flags, in a command substitution
# (also by a variable of the project's own name for it, and a module in a variable: yaz's
# XML2_LIBS=`$pkgconfigpath --libs $pkgmodule`)
_PKG_CONFIG_LIBS = re.compile(
    r"(?:\$\{?\w*PKG_?CONFIG\w*\}?|\bpkg-config)\s+--libs\s+(\$\{?\w+\}?|[A-Za-z][\w.+-]*)", re.I
)
# a library's own `<name>-config --libs` script, called by name
# (or its link flags alone: dee's `icu-config --ldflags-libsonly`)
CONFIG_SCRIPT_LIBS = re.compile(r"(?<![\w$/-])([A-Za-z][\w.+]*(?:-[\w.+]+)*-config)\s+--(?:libs|ldflags)\b")


def _restore_libs(reader: Reader, value: str, line: int, run: Run) -> None:
    """`LIBS="$SAVE_LIBS"` undoes the `LIBS="$LIBS -lmagic"` a link test added since the copy
    was saved (libmicrohttpd's libmagic probe): those libraries are not linked, unless the
    script kept the flag in another variable (libxml2's `ICONV_LIBS="-liconv"`)."""
    restored = re.fullmatch(r"[\"']?\$\{?(\w+)\}?[\"']?", value)
    since = reader.saved_libs.get(restored.group(1)) if restored else None
    if since is None:
        return
    reader.kept_libs.update(_kept_link_flags(run.env))
    reader.probes.update(
        (f.name, f.line) for f in reader.found if f.via == "LIBS" and f.file == reader.file and since < f.line < line
    )


def _run_if(reader: Reader, branches: list[tuple[list, list]], otherwise: list | None, run: Run) -> None:
    possible: list[list] = []
    for cond, body in branches:
        truth = test_truth(cond, run.env) if run.live else None
        if truth is False:
            words = [w.text for w in cond if isinstance(w, Word)]
            _dead(reader, body, run, _switch(words, reader.switches))
            continue
        possible.append(body)
        if truth is True:
            if otherwise:
                _dead(reader, otherwise, run, "")
            break
    else:
        possible.append(otherwise or [])
    _alternatives(reader, possible, run)


def _run_case(reader: Reader, block: list[list[Macro | Word]], run: Run) -> None:
    head = [w.text for w in block[0] if isinstance(w, Word)]
    subject = expand_word(head[1], run.env) if len(head) > 1 and run.live else UNKNOWN
    arms: list[tuple[list[str], list]] = []
    depth = 0
    for stmt in block[1:]:
        words = [w.text if isinstance(w, Word) else "" for w in stmt]
        if depth == 0 and words and re.fullmatch(r"\(?[^()]*\)", words[0]):
            arms.append((words[0].lstrip("(").rstrip(")").split("|"), []))
            stmt, words = stmt[1:], words[1:]
        depth += words.count("case") - words.count("esac")
        if depth < 0:  # the closing esac
            stmt = stmt[: words.index("esac")] if "esac" in words else stmt
        if arms and stmt:
            body = stmt if depth > 0 else [x for x in stmt if not (isinstance(x, Word) and x.text == ";;")]
            if body:
                arms[-1][1].append(body)
    possible: list[list] = []
    for patterns, body in arms:
        truth = case_matches(subject, patterns, run.env)
        if truth is False:
            _dead(reader, body, run, _switch(head, reader.switches))
            continue
        possible.append(body)
        if truth is True:
            break
    else:
        possible.append([])
    _alternatives(reader, possible, run)


def _alternatives(reader: Reader, bodies: list[list], run: Run) -> None:
    if len(bodies) == 1:
        run_statements(reader, bodies[0], run)
        return
    outcomes = []
    for body in bodies:
        branch = Run(run.env.copy(), run.live, run.switch)
        run_statements(reader, body, branch)
        outcomes.append(branch.env)
    if run.live:
        merged = merge(run.env, outcomes)
        run.env.clear()
        run.env.update(merged)


def _dead(reader: Reader, body: list, run: Run, switch: str) -> None:
    run_statements(reader, body, Run(run.env.copy(), False, run.switch or switch))


def run_code(reader: Reader, code: str, run: Run, line: int) -> None:
    if code.strip():
        run_statements(reader, statements(scan(code, line)), run)


def _found(
    reader: Reader,
    name: str,
    via: str,
    line: int,
    run: Run,
    optional: bool,
    variables: tuple[str, ...] = (),
    required: bool = False,
) -> None:
    name = name.strip()
    if name and re.fullmatch(r"[\w.+-]+", name):
        found = Found(name, via, line, run.live, optional, run.switch, reader.file, variables, required)
        reader.found.append(found)


def _stops(not_found: str) -> bool:
    """Does the script stop when the check fails, by an error of its own: the not-found action is
    the error itself (not one under a condition: libsamplerate's error only for an explicit
    --enable-sndfile)?"""
    return _m4_literal(not_found).replace("\x01", "").startswith(("AC_MSG_ERROR", "AC_MSG_FAILURE"))


def _assigned_in(code: str) -> tuple[str, ...]:
    return tuple(v for v in re.findall(r"(?<![\w$])(\w+)=", code) if v.isupper() and v != "LIBS")


# a linker flag naming a library: -lz, -lssl (not a word's "-l" inside: `--with-lzma`)
LINK_FLAG = re.compile(r"(?<![\w-])-l([\w.+-]+)")


def _libs_flags(value: str, run: Run, expand: bool) -> list[str]:
    """The -l flags of a LIBS assignment, also those of the variables it adds in configure.ac
    itself (eb's `LIBS="$LIBS $ZLIBLIBS"` after `ZLIBLIBS='-lz'`; not in a project macro, where
    such an assignment is mostly a probe: libgpg-error's GNUPG_CHECK_READLINE)."""
    flags = LINK_FLAG.findall(value)
    for name in re.findall(r"\$\{?(\w+)\}?", value) if expand else ():
        # gettext's LIBICONV/LIBINTL have their own rules (glibc has both): gmime's LIBS="$LIBS $LIBICONV"
        values = run.env.get(name) if name != "LIBS" and run.live and not re.search("ICONV|INTL", name) else None
        if values is not None and values is not UNKNOWN:
            flags += [lib for v in values for lib in LINK_FLAG.findall(v) if lib not in flags]
    return flags


def _other_libraries(flags: str, run: Run) -> list[str]:
    """The libraries of a check's other-libraries argument, linked with the one it looks for
    (libsmf's `AC_CHECK_LIB([readline], [main], ..., -lncurses)`); of a variable's possible
    values, those the dependency map knows (yaz's `$READLINE_SHARED_LIBADD`: -lncurses or -ltermcap)."""
    from recipegen.generators.cxx.depmap import known_dependency

    literal = _m4_literal(flags)
    if "$" not in literal:
        return LINK_FLAG.findall(literal)
    # (not the machine's X libraries AC_PATH_XTRA sets: gle's checks pass `$X_PRE_LIBS $X_LIBS -lX11`,
    # its library links only the X_LIBS it builds up)
    machine = {variable for sets in _tables()["sets"].values() for variable in sets}
    words = [w for w in literal.split() if re.sub(r"[${}]", "", w) not in machine]
    values = [v for word in words for v in _names(word, run)]
    return [lib for v in values for lib in LINK_FLAG.findall(v) if known_dependency(lib)]


def _fails(code: str) -> bool:
    return "AC_MSG_ERROR" in code or "AC_MSG_FAILURE" in code


def _sets_variable(name: str, args: list[str]) -> bool:
    """AS_VAR_SET(var, value), or AC_SUBST(var, value) with a shell value: quoted or a `$`
    reference (libwpd's `AC_SUBST([WPD_MAJOR_VERSION], [libwpd_version_major])` is an m4 macro's)."""
    if len(args) < 2 or not re.fullmatch(r"\w+", _m4_literal(args[0])):
        return False
    return name == "AS_VAR_SET" or (name == "AC_SUBST" and bool(re.match(r"\s*['\"$]", _m4_literal(args[1]))))


_LIBRARY_CHECKS = ("PKG_CHECK_MODULES", "PKG_CHECK_MODULES_STATIC", "AC_CHECK_LIB", "AC_SEARCH_LIBS")


def _run_library_check(reader: Reader, macro: Macro, run: Run) -> None:
    """PKG_CHECK_MODULES, AC_CHECK_LIB and AC_SEARCH_LIBS: what they look for, then their actions."""
    name, args = macro.name, macro.args
    arg = lambda k: args[k] if len(args) > k else ""  # noqa: E731
    if name in ("PKG_CHECK_MODULES", "PKG_CHECK_MODULES_STATIC"):
        for module in [m for word in _names(arg(1), run) or _literal_modules(arg(1)) for m in _modules(word)]:
            optional = bool(arg(3).strip()) and not _fails(arg(3))
            # its headers count too: libXi's XFIXES_CFLAGS, libxshmfence's CFLAGS="$CFLAGS $XPROTO_CFLAGS"
            flags = (f"{arg(0)}_LIBS", f"{arg(0)}_CFLAGS")
            # only an explicit error makes a check required whoever links it (ETL's glibmm); pkg.m4's
            # default error is no such statement (librevenge's cppunit, under the default --enable-tests)
            _found(reader, module, "PKG_CHECK_MODULES", macro.line, run, optional, flags, _stops(arg(3)))
        _codes(reader, [arg(2), arg(3)], run, macro.line)
    elif name == "AC_CHECK_LIB":
        # opendbx's `AC_CHECK_LIB([readline -lncurses], ...)`: other libraries in the library argument
        library, _, more = _m4_literal(arg(0)).partition(" ")
        for lib in _names(library, run) + _other_libraries(more, run) + _other_libraries(arg(4), run):
            variables, stops = _assigned_in(arg(2)), _stops(arg(3))
            _found(reader, lib, "AC_CHECK_LIB", macro.line, run, not _fails(arg(3)), variables, stops)
        _codes(reader, [arg(2), arg(3)], run, macro.line)
    elif name == "AC_SEARCH_LIBS":
        if arg(0) in glibc_names("functions"):  # the C library has it: no library is searched
            _set(run, f"ac_cv_search_{arg(0)}", "none required")
            run_code(reader, arg(2), run, macro.line)
            return
        # nfft's `[fftw3${PREC_SUFFIX} fftw3${PREC_SUFFIX}-3]`, PREC_SUFFIX empty for the default double precision
        for lib in [name for word in arg(1).split() for name in _names(word, run)] + _other_libraries(arg(4), run):
            _found(reader, lib, "AC_SEARCH_LIBS", macro.line, run, not _fails(arg(3)), _assigned_in(arg(2)))
        _codes(reader, [arg(2), arg(3)], run, macro.line)


def run_macro(reader: Reader, macro: Macro, run: Run) -> None:
    name, args = macro.name, macro.args
    arg = lambda k: args[k] if len(args) > k else ""  # noqa: E731
    if name in DEFINING:  # a definition runs where the macro is called (project_macros), not here
        return
    if name in ("AC_ARG_WITH", "AC_ARG_ENABLE"):
        option = f"--{'with' if name == 'AC_ARG_WITH' else 'enable'}-{arg(0)}"
        for variable in re.findall(r"(\w+)=", arg(2) + " " + arg(3)):
            reader.switches.setdefault(variable, option)
        run_code(reader, arg(3), run, macro.line)  # the action when the option is not given
    elif _sets_variable(name, args):
        # arpack's `AC_ARG_ENABLE([eigen], ..., [AS_VAR_SET([enable_eigen], [no])])`; gtkspell3's
        # `AC_SUBST([GTKSPELL3_MODULES], ['glib-2.0 gtk+-3.0 enchant-2'])` sets the variable too
        if run.live:
            run.env[_m4_literal(arg(0))] = expand_word(_m4_literal(arg(1)), run.env)
    elif name == "AS_IF":
        branches = [
            (scan(args[k], macro.line), statements(scan(args[k + 1], macro.line))) for k in range(0, len(args) - 1, 2)
        ]
        otherwise = statements(scan(args[-1], macro.line)) if len(args) % 2 == 1 else None
        _run_if(reader, branches, otherwise, run)
    elif name in ("m4_if", "ifelse", "m4_ifval", "m4_ifvaln"):
        run_code(reader, _m4_choice(name, args), run, macro.line)
    elif name == "AS_CASE":
        subject = expand_word(arg(0), run.env) if run.live else UNKNOWN
        _run_as_case(reader, subject, args, run, macro.line)
    elif name in _tables()["sets"] and run.live:
        for variable, value in _tables()["sets"][name].items():
            run.env[variable] = frozenset({value})
        _other_macro(reader, macro, run)
    elif name in _LIBRARY_CHECKS:
        _run_library_check(reader, macro, run)
    elif name in ("AC_CHECK_FUNC", "AC_CHECK_FUNCS", "AC_CHECK_HEADER", "AC_CHECK_HEADERS") and _in_glibc(name, arg(0)):
        kind = "func" if "FUNC" in name else "header"
        for item in arg(0).split():
            _set(run, f"ac_cv_{kind}_{re.sub(r'[^A-Za-z0-9]', '_', item)}", "yes")
        run_code(reader, arg(1), run, macro.line)  # found: the not-found action does not run
    elif name in ("AC_CHECK_HEADER", "AC_CHECK_HEADERS", "AC_CHECK_FUNC", "AC_CHECK_FUNCS") and not _fails(arg(2)):
        # a header or function the C library lacks: found or not (libqalculate's readline headers,
        # then `test "x${ac_cv_header_readline_readline_h}" != "xyes"`)
        kind = "func" if "FUNC" in name else "header"
        for item in arg(0).split():
            if run.live:
                run.env[f"ac_cv_{kind}_{re.sub(r'[^A-Za-z0-9]', '_', item)}"] = frozenset({"yes", "no"})
        _other_macro(reader, macro, run)
    elif name in ("AC_CHECK_HEADER", "AC_CHECK_HEADERS") and _fails(arg(2)):
        for header in arg(0).split():  # librevenge's boost/algorithm/string.hpp, else AC_MSG_ERROR
            prefix = next((p for p in _tables()["required_header"] if header.startswith(p)), None)
            if prefix is not None:
                _found(reader, _tables()["required_header"][prefix], name, macro.line, run, False)
        _other_macro(reader, macro, run)
    elif name == "PKG_PROG_PKG_CONFIG":  # the recipe's build has pkg-config (audiofile's `test -n "$PKG_CONFIG"`)
        _set(run, "PKG_CONFIG", "pkg-config")
    elif name == "AM_CONDITIONAL" and args:
        truth = test_truth(scan(arg(1), macro.line), run.env) if run.live else None
        before = reader.conditionals.get(args[0], truth)
        reader.conditionals[args[0]] = truth if before == truth else None
    elif name == "PKG_CHECK_EXISTS":
        _codes(reader, [arg(1), arg(2)], run, macro.line)
    elif name in _M4_INCLUDES and _m4_literal(arg(0)) in reader.m4_files:
        _run_included(reader, _m4_literal(arg(0)), run)
    elif name in _PROGRAM_MACROS and _config_library(arg(1)):
        variables = _config_link_variables(reader.script, arg(0))
        if variables:
            _found(reader, _config_library(arg(1)), name, macro.line, run, True, variables)
    else:
        _other_macro(reader, macro, run)


_M4_INCLUDES = ("m4_include", "m4_sinclude", "include", "sinclude")


def _run_included(reader: Reader, path: str, run: Run) -> None:
    """An m4 file configure.ac includes at the top level: its checks run where it is included."""
    if path in reader.including:
        return
    outer = reader.file
    reader.file = path
    reader.including.add(path)
    try:
        run_code(reader, strip_comments(reader.m4_files[path]), run, 1)
    finally:
        reader.file = outer
        reader.including.discard(path)


_PROGRAM_MACROS = ("AC_CHECK_PROG", "AC_CHECK_PROGS", "AC_PATH_PROG", "AC_PATH_PROGS", "AC_CHECK_TOOL", "AC_PATH_TOOL")


def _config_library(programs: str) -> str:
    """The library of a `foo-config` program configure looks for (libtirpc's
    `AC_CHECK_TOOL([KRB5_CONFIG], [krb5-config])`), when the dependency map knows it; else ''."""
    from recipegen.generators.cxx.depmap import known_dependency

    for program in programs.replace("[", " ").replace("]", " ").split():
        m = re.fullmatch(r"([\w.+]+(?:-[\w.+]+)*?)[-_]config", program)
        if m and m.group(1).lower() != "pkg" and known_dependency(m.group(1)):
            return m.group(1)
    return ""


def _config_link_variables(script: str, variable: str) -> tuple[str, ...]:
    """The variables configure puts the program's link or compile flags in (`GSSAPI_LIBS=`${KRB5_CONFIG}
    --libs gssapi``, libzdb's `CPPFLAGS="-I`$PGCONFIG --includedir` $CPPFLAGS"`); () when it never
    asks it for them."""
    if not re.fullmatch(r"\w+", variable):
        return ()
    # also appended to: libetpan's LDFLAGS="$LDFLAGS `$libcurlconfig --libs 2>/dev/null`"
    flags = r"--(?:libs|ldflags|libdir|cflags|include|includedir)\b"
    pattern = rf"^[ \t]*(\w+)=[^\n`]*?(?:`|\$\()[\"']?\$\{{?{variable}\}}?[\"']?[^\n]*?{flags}"
    return tuple(dict.fromkeys(re.findall(pattern, script, re.M)))


def glibc_names(kind: str) -> frozenset[str]:
    """The functions or headers (kind) the GNU C library has (autoconf_macros.toml [glibc])."""
    return frozenset(_tables()["glibc"][kind])


def _in_glibc(macro: str, names: str) -> bool:
    items = names.split()
    return bool(items) and set(items) <= glibc_names("functions" if "FUNC" in macro else "headers")


def _set(run: Run, name: str, value: str) -> None:
    if run.live:
        run.env[name] = frozenset({value})


def _run_as_case(reader: Reader, subject: Values, args: list[str], run: Run, line: int) -> None:
    possible: list[list] = []
    rest = args[1:]
    for k in range(0, len(rest) - 1, 2):
        body = statements(scan(rest[k + 1], line))
        truth = case_matches(subject, rest[k].split("|"), run.env)
        if truth is False:
            _dead(reader, body, run, _switch([args[0]], reader.switches))
            continue
        possible.append(body)
        if truth is True:
            break
    else:
        possible.append(statements(scan(rest[-1], line)) if len(rest) % 2 == 1 else [])
    _alternatives(reader, possible, run)


def _codes(reader: Reader, codes: list[str], run: Run, line: int) -> None:
    """Action arguments (found / not found): one of them runs, or neither."""
    bodies = [statements(scan(c, line)) for c in codes if c.strip()]
    if bodies:
        _alternatives(reader, [*bodies, []], run)


def _other_macro(reader: Reader, macro: Macro, run: Run) -> None:
    tables = _tables()
    library = tables["library"].get(macro.name)
    if library is not None:
        if "only_if_argument" not in library or library["only_if_argument"] in " ".join(macro.args):
            named = library.get("name") or (macro.args[library["name_argument"]] if macro.args else "")
            for lib in _m4_literal(named).split():  # Cbc's AC_COIN_CHECK_PACKAGE(CoinDepend, [cgl osi coinutils], ...)
                _found(reader, lib, macro.name, macro.line, run, True, tuple(library.get("variables", ())))
        codes = library.get("code", [])
        _codes(reader, [macro.args[k] for k in codes if k < len(macro.args)], run, macro.line)
        return
    body = reader.macros.get(macro.name)
    if body is not None and reader.depth < MAX_DEPTH:
        reader.depth += 1
        try:
            run_code(reader, _substitute(body, macro.args), run, macro.line)
        finally:
            reader.depth -= 1
        return
    codes = tables["code"].get(macro.name)
    if codes is None:
        codes = [k for k, a in enumerate(macro.args) if re.search(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\(|=", a)]
    _codes(reader, [macro.args[k] for k in codes if k < len(macro.args)], run, macro.line)


def _m4_literal(text: str) -> str:
    return re.sub(r"[\[\]]", "", text).strip()


def _m4_choice(name: str, args: list[str]) -> str:
    """The branch m4 expands: `m4_if(a, b, then, [c, d, then2, ...] else)` compares its literal
    arguments (after the caller's were put in: libgphoto2's GP_CHECK_LIBRARY picks its
    `_GP_CHECK_LIBRARY` call by `[$8]`), `m4_ifval(x, then, else)` tests x for being empty."""
    if name.startswith("m4_ifval"):
        return (
            (args[1] if len(args) > 1 else "")
            if _m4_literal(args[0] if args else "")
            else (args[2] if len(args) > 2 else "")
        )
    rest = list(args)
    while len(rest) >= 3:
        if _m4_literal(rest[0]) == _m4_literal(rest[1]):
            return rest[2]
        rest = rest[3:]
    return rest[0] if rest else ""


def _substitute(body: str, args: list[str]) -> str:
    def value(m: re.Match) -> str:
        token = m.group(1)
        if token == "#":
            return str(len(args))
        if token in ("@", "*"):
            return ",".join(args)
        index = int(token)
        return "" if index == 0 else (args[index - 1] if index <= len(args) else "")

    # m4 joins quoted pieces: libgphoto2's `[try_][$1]=auto` is `try_LIBXML2=auto`
    joined = re.sub(r"\[(\w*)\]\[(\w*)\]", r"\1\2", re.sub(r"\$([0-9#@*])", value, body))
    joined = re.sub(r"(?<![\w\[])\[(\w+)\](?==|\})", r"\1", joined)  # `[try_LIBXML2]=`, `${[try_LIBXML2]}`
    return _m4_defaults(joined)


def _m4_defaults(text: str) -> str:
    """`m4_default([value], [default])` as m4 expands it: the value, or the default when the
    value is empty (a macro argument left out)."""
    while (found := re.search(r"\bm4_default\(", text)) is not None:
        args, end = balanced_args(text, found.end())
        value = args[0] if args and args[0].strip() else (args[1] if len(args) > 1 else "")
        text = text[: found.start()] + value + text[end:]
    return text


def _literal_modules(spec: str) -> list[str]:
    """The modules a spec names literally when its value is not known as a whole because a
    version is a variable (libXrender's `[x11 >= 1.6] renderproto >= $RENDER_VERSION`)."""
    without_versions = re.sub(r"[<>=!]=?\s*\$\{?\w+\}?", " ", spec)
    return [without_versions] if "$" not in without_versions else []


def _modules(spec: str) -> list[str]:
    tokens = re.sub(r"[\"']", " ", spec).replace(",", " ").split()  # aribb24's `PKG_CHECK_MODULES(PNG, "libpng", ...)`
    return [t for t in tokens if not (t[0] in "<>=!" or t[0].isdigit() or t.startswith("$"))]


DEFINING = ("AC_DEFUN", "AU_DEFUN", "AC_DEFUN_ONCE")


def project_macros(texts: dict[str, str], configure: str = "") -> dict[str, str]:
    """AC_DEFUN bodies of the project's own m4 files (acinclude.m4, m4/*.m4) and of configure.ac
    itself (xapian-core defines its backend switches there)."""
    macros: dict[str, str] = {}
    included = {
        m.group(1)
        for p in ("aclocal.m4", "acinclude.m4", "configure.ac", "configure.in")
        for m in re.finditer(r"\bm4_include\(\[?([\w./+-]+\.m4)\]?\)", texts.get(p, ""))
    }  # libgphoto2's aclocal.m4: m4_include([libgphoto2_port/gphoto-m4/gp-check-library.m4])
    own = sorted(p for p in texts if p.endswith(".m4") and (p.count("/") <= 1 or p in included))
    sources = [strip_comments(texts[p]) for p in own]
    for text in [*sources, configure]:
        for m in re.finditer(r"\b(AC_DEFUN|AU_DEFUN|AC_DEFUN_ONCE|m4_define)\(", text):
            args, _ = balanced_args(text, m.end())
            if len(args) < 2 or not re.fullmatch(r"\w+", args[0]):
                continue
            # m4_define of code (libgd's GD_LIB_PKG_CHECK wrapping PKG_CHECK_MODULES), not of a constant
            if m.group(1) != "m4_define" or re.search(r"\b[A-Z][A-Z0-9_]*\(", args[1]):
                macros.setdefault(args[0], args[1])
    return macros


def read_configure(text: str, texts: dict[str, str], file: str = "configure.ac") -> Reader:
    """Every library the configure script looks for, live (default path) or not."""
    text = strip_comments(text)
    macros = project_macros(texts, text)
    every = text + "\n".join(macros.values())
    assigned = set(re.findall(r"(?<![\w$])(\w+)=", every)) | set(
        re.findall(r"\b(?:AS_VAR_SET|AC_SUBST)\(\[?(\w+)\]?\s*,", every)
    )
    reader = Reader(macros, file, assigned, script=text, m4_files={p: t for p, t in texts.items() if p.endswith(".m4")})
    run = Run(Env({k: frozenset({v}) for k, v in PLATFORM.items()}, assigned))
    run_code(reader, text, run, 1)
    reader.env = dict(run.env)
    # a link probe no branch kept (each branch of an undecided check restores LIBS on its own), unless
    # a variable keeps its flag, also one set after LIBS was restored (libgsf's `BZ2_LIBS="-lbz2"`)
    kept = reader.kept_libs | _kept_link_flags(reader.env)
    reader.found = [
        f for f in reader.found if f.via != "LIBS" or (f.name, f.line) not in reader.probes or f.name in kept
    ]
    return reader


def _kept_link_flags(env: dict[str, Values]) -> set[str]:
    """The -l flags the script's variables other than LIBS end up holding."""
    return {
        lib
        for name, values in env.items()
        if name != "LIBS" and values
        for text in values
        for lib in LINK_FLAG.findall(text)
    }
