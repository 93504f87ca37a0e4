"""Which lines of a meson.build run on the default configure, from the options' defaults.

Meson's `if`/`elif`/`else`/`endif` blocks are followed; a condition made of `get_option('x')`
(a boolean, a feature's `.enabled()`/`.disabled()`/`.allowed()`/`.auto()`, a comparison with a
string), `not`, `and`, `or` and `true`/`false` is decided from meson_options.txt's defaults;
anything else (a `.found()`, a compiler check) may go either way. A block that cannot run
is reported with the option that would turn it on (`-Dtools=true`).
"""

from __future__ import annotations

import re

from recipegen.generators.cxx.model import Option

Truth = bool | None
_OPTION = re.compile(r"get_option\(\s*'([\w-]+)'\s*\)")
# host_machine.system() of the platforms conda-forge builds for; a branch for others does not run
BUILT_SYSTEMS = frozenset({"linux", "darwin", "windows"})
UNIX_SYSTEMS = frozenset({"linux", "darwin"})  # for lines only a Windows build runs


def option_value(name: str, options: dict[str, Option]) -> str | None:
    """An option's value in the generated build: off for the switches the script turns off
    (options.py: tests, docs, introspection ...), else its default (a feature without `value:`
    is auto, a boolean true: meson's defaults)."""
    from recipegen.generators.cxx.options import turned_off

    option = options.get(name)
    if option is None:
        return None
    if turned_off(option) and option.off_value:
        return option.off_value
    value = option.default.strip("'\"").lower()
    return value or {"feature": "auto", "boolean": "true", "string": ""}.get(option.kind)


def _atom(
    text: str, options: dict[str, Option], found: frozenset[str] = frozenset(), systems: frozenset[str] = BUILT_SYSTEMS
) -> tuple[Truth, str]:
    """(truth, option it depends on) of one operand."""
    text = text.strip()
    while text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    if text.startswith("not "):
        truth, option = _atom(text[4:], options, found, systems)
        return (None if truth is None else not truth), option
    if text in ("true", "false"):
        return text == "true", ""
    m = re.fullmatch(r"(\w+)\.found\(\s*\)", text)
    if m and m.group(1) in found:  # a dependency host provides (libxml++'s `if not xml2_dep.found()` fallback)
        return True, ""
    m = re.fullmatch(rf"{_OPTION.pattern}(?:\.(enabled|disabled|allowed|auto)\(\s*\))?", text)
    if m:
        value = option_value(m.group(1), options)
        if value is None:
            return None, m.group(1)
        method = m.group(2)
        if method is None:
            return ({"true": True, "false": False, "enabled": True, "disabled": False}.get(value), m.group(1))
        truth = {"enabled": value == "enabled", "disabled": value == "disabled", "auto": value == "auto"}.get(
            method, value != "disabled"
        )
        return truth, m.group(1)
    m = re.fullmatch(r"\w+\.has_(function|header)\(\s*'([\w./]+)'\s*\)", text)
    if m and in_glibc(m.group(1), m.group(2)):  # glib's `cc.has_function('getxattr')`: the C library has it
        return True, ""
    m = re.fullmatch(r"[\w.]+\((.*)\)", text, re.S)
    required = re.search(rf"\brequired\s*:\s*{_OPTION.pattern}\s*[,)]", m.group(1) + ")") if m else None
    if required and option_value(required.group(1), options) == "disabled":
        # rubberband's `have_java = add_languages('java', required: get_option('jni'))`, jni off: not found
        return False, required.group(1)
    m = re.fullmatch(r"\[([^\]]*)\]\s*\.contains\(\s*host_machine\.system\(\s*\)\s*\)", text)
    if m:  # libdrm's `['freebsd', 'dragonfly', 'netbsd'].contains(host_machine.system())`
        named = set(re.findall(r"'([\w-]+)'", m.group(1)))
        return (None if named & systems else False), ""
    m = re.fullmatch(r"host_machine\.system\(\s*\)\s*(==|!=)\s*'([\w-]+)'", text)
    if m and m.group(2) not in systems:
        return m.group(1) == "!=", ""
    m = re.fullmatch(rf"{_OPTION.pattern}\s*(==|!=)\s*'([^']*)'", text)
    if m:
        value = option_value(m.group(1), options)
        if value is None:
            return None, m.group(1)
        return (value == m.group(3).lower()) == (m.group(2) == "=="), m.group(1)
    return None, ""


def in_glibc(kind: str, name: str) -> bool:
    """Does the GNU C library have this function or header?"""
    from recipegen.generators.cxx.autoconf import glibc_names

    return name in glibc_names("functions" if kind == "function" else "headers")


def condition_truth(
    text: str, options: dict[str, Option], found: frozenset[str] = frozenset(), systems: frozenset[str] = BUILT_SYSTEMS
) -> tuple[Truth, str]:
    """(truth, option) of an if/elif condition; `A and B`, `A or B` at the top level."""
    for word, combine in ((" or ", _or), (" and ", _and)):
        parts = _split_top(text, word)
        if len(parts) > 1:
            results = [condition_truth(p, options, found, systems) for p in parts]
            truth = results[0][0]
            for other, _ in results[1:]:
                truth = combine(truth, other)
            return truth, next((o for _, o in results if o), "")
    return _atom(text, options, found, systems)


def _split_top(text: str, word: str) -> list[str]:
    parts, depth, start = [], 0, 0
    i = 0
    while i < len(text):
        depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(text[i], 0)
        if depth == 0 and text.startswith(word, i):
            parts.append(text[start:i])
            i += len(word)
            start = i
            continue
        i += 1
    return [*parts, text[start:]]


def _and(a: Truth, b: Truth) -> Truth:
    if a is False or b is False:
        return False
    return True if a is True and b is True else None


def _or(a: Truth, b: Truth) -> Truth:
    if a is True or b is True:
        return True
    return False if a is False and b is False else None


ASSIGNMENT = re.compile(r"^[ \t]*(\w+)\s*=\s*([^\n]+?)[ \t]*$", re.M)


def option_aliases(text: str) -> dict[str, str]:
    """Variables first set from options (libmbim's `enable_gir = get_option('introspection')`,
    `enable_mbim_username = (mbim_username != '')` after `mbim_username = get_option(...)`):
    name -> the expression, for conditions that test them."""
    aliases: dict[str, str] = {}
    for name, expression in ASSIGNMENT.findall(text):
        if name in aliases:
            continue
        if "get_option(" in expression or any(re.search(rf"\b{re.escape(a)}\b", expression) for a in aliases):
            aliases[name] = expression
    return aliases


def _grouped(expression: str) -> str:
    simple = re.fullmatch(r"\(.*\)|get_option\(\s*'[\w-]+'\s*\)(?:\.\w+\(\s*\))?|\w+", expression.strip())
    return expression.strip() if simple else f"({expression.strip()})"


def _with_aliases(condition: str, aliases: dict[str, str]) -> str:
    for _ in range(3):
        replaced = re.sub(
            r"(?<![\w.'])(\w+)(?![\w(']|\s*\()",
            lambda m: _grouped(aliases[m.group(1)]) if m.group(1) in aliases else m.group(0),
            condition,
        )
        if replaced == condition:
            break
        condition = replaced
    return condition


def dead_lines(
    text: str,
    blanked: str,
    options: dict[str, Option],
    found: frozenset[str] = frozenset(),
    systems: frozenset[str] = BUILT_SYSTEMS,
) -> dict[int, str]:
    """Line number -> the option that would turn it on, for lines in blocks that cannot run
    (`blanked`: the same text with comments blanked, for finding the keywords; `found`: the
    variables of dependencies the recipe's host provides)."""
    dead: dict[int, str] = {}
    aliases = option_aliases(text)
    stack: list[dict] = []  # per open if: {"taken": a branch certainly ran, "live": this branch may run, ...}
    lines, keys = text.splitlines(), blanked.splitlines()
    for number, (line, key) in enumerate(zip(lines, keys), start=1):
        word = key.strip().split("(", 1)[0].split(" ", 1)[0]
        if word in ("if", "elif"):
            condition = line.strip()[len(word) :].strip()
            condition = _with_aliases(condition, aliases)
            truth, option = condition_truth(condition, options, found, systems)
            if word == "if":
                stack.append({"taken": False, "live": True, "option": ""})
            block = stack[-1] if stack else {"taken": False}
            live = not block["taken"] and truth is not False
            block.update(live=live, option=option, taken=block["taken"] or truth is True)
        elif word == "else" and stack:
            stack[-1].update(live=not stack[-1]["taken"], option=stack[-1]["option"])
        elif word == "endif" and stack:
            stack.pop()
        elif stack and not all(b["live"] for b in stack):
            dead[number] = next((f"-D{b['option']}" for b in stack if not b["live"] and b["option"]), "-D")
    return dead
