"""CMake `if()` conditions, evaluated to True, False or None (cannot tell).

CMake's precedence: parentheses, unary tests (DEFINED, TARGET, EXISTS ...), binary tests
(STREQUAL, VERSION_LESS, MATCHES, IN_LIST ...), NOT, AND, OR. Unquoted words that name a variable
are read as that variable (policy CMP0054 NEW: quoted words never are). A variable the reader
cannot know (set by a compiler check, `find_package`, a regex) makes the answer None, and so the
caller tries both branches.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from recipegen.generators.cxx.cmake_syntax import QUOTED
from recipegen.generators.cxx.cmake_values import constant_truth, is_unknown, split_list, value_truth

Truth = bool | None
Token = tuple[str, str]  # (text, kind)

UNARY = {
    "EXISTS",
    "COMMAND",
    "DEFINED",
    "TARGET",
    "TEST",
    "POLICY",
    "IS_DIRECTORY",
    "IS_SYMLINK",
    "IS_ABSOLUTE",
    "IS_READABLE",
    "IS_WRITABLE",
    "IS_EXECUTABLE",
}
BINARY = {
    "EQUAL",
    "LESS",
    "LESS_EQUAL",
    "GREATER",
    "GREATER_EQUAL",
    "STREQUAL",
    "STRLESS",
    "STRLESS_EQUAL",
    "STRGREATER",
    "STRGREATER_EQUAL",
    "VERSION_EQUAL",
    "VERSION_LESS",
    "VERSION_LESS_EQUAL",
    "VERSION_GREATER",
    "VERSION_GREATER_EQUAL",
    "MATCHES",
    "IN_LIST",
    "IS_NEWER_THAN",
    "PATH_EQUAL",
}
MAX_MATCH_CHARS = 512  # MATCHES on longer values is not tried (a regex on untrusted text)


@dataclass
class Env:
    """What a condition can ask about the reading so far."""

    lookup: Callable[[str], tuple[str, ...] | None]  # variable -> alternatives
    maybe_set: Callable[[str], bool]  # may something the reader does not run have set it?
    is_target: Callable[[str], bool | None]
    is_command: Callable[[str], bool]
    path_exists: Callable[[str, bool], bool | None]  # (path, directory wanted)


def evaluate(tokens: list[Token], env: Env) -> Truth:
    try:
        parser = _Parser(tokens, env)
        result = parser.or_expr()
        return result if parser.i >= len(tokens) else None
    except (IndexError, ValueError, re.error, RecursionError):
        return None


def _not(value: Truth) -> Truth:
    return None if value is None else not value


class _Parser:
    def __init__(self, tokens: list[Token], env: Env) -> None:
        self.tokens = tokens
        self.env = env
        self.i = 0
        self.depth = 0

    def peek(self, offset: int = 0) -> Token | None:
        j = self.i + offset
        return self.tokens[j] if j < len(self.tokens) else None

    def keyword(self, word: str, offset: int = 0) -> bool:
        token = self.peek(offset)
        return token is not None and token[1] != QUOTED and token[0] == word

    def or_expr(self) -> Truth:
        value = self.and_expr()
        while self.keyword("OR"):
            self.i += 1
            other = self.and_expr()
            value = True if (value is True or other is True) else (None if None in (value, other) else False)
        return value

    def and_expr(self) -> Truth:
        value = self.not_expr()
        while self.keyword("AND"):
            self.i += 1
            other = self.not_expr()
            value = False if (value is False or other is False) else (None if None in (value, other) else True)
        return value

    def not_expr(self) -> Truth:
        if self.keyword("NOT"):
            self.i += 1
            return _not(self.not_expr())
        return self.primary()

    def primary(self) -> Truth:
        token = self.peek()
        if token is None:
            raise IndexError
        if self.keyword("("):
            self.depth += 1
            if self.depth > 50:
                raise RecursionError
            self.i += 1
            value = self.or_expr()
            if self.keyword(")"):
                self.i += 1
            self.depth -= 1
            return value
        if token[1] != QUOTED and token[0] in UNARY and self.peek(1) is not None:
            self.i += 2
            return self.unary(token[0], self.tokens[self.i - 1])
        following = self.peek(1)
        if following is not None and following[1] != QUOTED and following[0] in BINARY and self.peek(2) is not None:
            self.i += 3
            return self.binary(following[0], token, self.tokens[self.i - 1])
        self.i += 1
        return self.truth(token)

    # --- operands --------------------------------------------------------------------------------

    def truth(self, token: Token) -> Truth:
        text, kind = token
        if is_unknown(text):
            return None
        constant = constant_truth(text)
        if kind == QUOTED or constant is not None:
            return bool(constant)
        value = self.env.lookup(text)
        if value is None:
            return None if self.env.maybe_set(text) else False
        truths = {value_truth(v) for v in value}
        return truths.pop() if len(truths) == 1 else None

    def operand(self, token: Token) -> str | None:
        """The string a binary test compares: a variable's value, else the word itself."""
        text, kind = token
        if is_unknown(text):
            return None
        if kind != QUOTED:
            value = self.env.lookup(text)
            if value is not None:
                return value[0] if len(value) == 1 and not is_unknown(value[0]) else None
            if self.env.maybe_set(text) and constant_truth(text) is None and re.fullmatch(r"[A-Za-z_]\w*", text):
                return None
        return text

    def unary(self, op: str, token: Token) -> Truth:
        text = token[0]
        if is_unknown(text):
            return None
        if op == "DEFINED":
            if text.startswith("ENV{"):  # set by the files, else unknown for conda-build's, else not
                value = self.env.lookup(text)
                return None if value is None else value != ("",)
            name = text[6:-1] if text.startswith("CACHE{") else text
            return True if self.env.lookup(name) is not None else (None if self.env.maybe_set(name) else False)
        if op == "TARGET":
            return self.env.is_target(text)
        if op == "COMMAND":
            return self.env.is_command(text)
        if op == "POLICY":
            return True
        if op in ("EXISTS", "IS_DIRECTORY"):
            return self.env.path_exists(text, op == "IS_DIRECTORY")
        if op == "IS_ABSOLUTE":
            return text.startswith("/") or re.match(r"^[A-Za-z]:[/\\]", text) is not None
        return None

    def binary(self, op: str, left_token: Token, right_token: Token) -> Truth:
        if op == "IN_LIST":
            item = self.operand(left_token)
            listing = self.env.lookup(right_token[0])
            if item is None or (listing is None and self.env.maybe_set(right_token[0])):
                return None
            values = listing or ("",)
            found = {item in split_list(v) for v in values if not is_unknown(v)}
            return found.pop() if len(found) == 1 and len(values) == 1 else None
        lefts, rights = self.operands(left_token), self.operands(right_token)
        if lefts is None or rights is None:
            return None
        truths = {self.compare(op, left, right) for left in lefts for right in rights}
        return truths.pop() if len(truths) == 1 else None

    def operands(self, token: Token) -> list[str] | None:
        """Every string a binary test may compare: each alternative value of a variable (libgit2's
        REGEX_BACKEND after an undecided if() is regcomp_l, pcre or builtin, never pcre2)."""
        text, kind = token
        if kind != QUOTED and not is_unknown(text):
            value = self.env.lookup(text)
            if value is not None and len(value) > 1:
                return None if any(is_unknown(v) for v in value) else list(value)
        single = self.operand(token)
        return None if single is None else [single]

    def compare(self, op: str, left: str, right: str) -> Truth:
        if op == "MATCHES":
            if len(left) > MAX_MATCH_CHARS or len(right) > MAX_MATCH_CHARS:
                return None
            return re.search(right, left) is not None
        if op.startswith("VERSION_"):
            return _compare(_version_key(left), _version_key(right), op[len("VERSION_") :])
        if op.startswith("STR") or op == "PATH_EQUAL":
            return _compare(left, right, op.removeprefix("STR").replace("PATH_", ""))
        if op == "IS_NEWER_THAN":
            return None
        try:
            return _compare(float(left), float(right), op)
        except ValueError:
            return False


def _version_key(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split(".")[:4]:
        m = re.match(r"\d+", piece)
        parts.append(int(m.group(0)) if m else 0)
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _compare(left, right, op: str) -> bool:
    return {
        "EQUAL": left == right,
        "STREQUAL": left == right,
        "LESS": left < right,
        "LESS_EQUAL": left <= right,
        "GREATER": left > right,
        "GREATER_EQUAL": left >= right,
    }.get(op if op != "STREQUAL" else "EQUAL", False)
