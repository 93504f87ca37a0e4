"""CMake's command syntax: a tokenizer (comments, bracket arguments, quoted arguments with
escapes) and the block structure (if/elseif/else, foreach, while, function, macro, block).

Nothing is evaluated here: `tokenize` gives commands with their raw arguments, `parse_blocks`
nests them. Unbalanced blocks are tolerated (a stray `endif()` is ignored, a missing one ends
the block at the end of the file), as CMake files in the wild are read, not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

UNQUOTED, QUOTED, BRACKET = "u", "q", "b"
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BRACKET_OPEN = re.compile(r"\[(=*)\[")


@dataclass
class Command:
    name: str  # lower-case
    args: list[str]
    line: int
    file: str
    kinds: list[str] = field(default_factory=list)  # UNQUOTED / QUOTED / BRACKET per argument

    def __post_init__(self) -> None:
        if len(self.kinds) != len(self.args):
            self.kinds = [UNQUOTED] * len(self.args)


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
            assert m is not None
            j = m.end()
            while j < n and text[j] in " \t":
                j += 1
            if j < n and text[j] == "(":
                start_line = line
                args, kinds, i, line = _arguments(text, j + 1, line)
                commands.append(Command(m.group(0).lower(), args, start_line, file, kinds))
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


def _quoted(text: str, i: int, line: int) -> tuple[str, int, int]:
    """The quoted argument starting after the opening quote at i-1: (value, next index, line)."""
    n = len(text)
    buf: list[str] = []
    while i < n and text[i] != '"':
        if text[i] == "\\" and i + 1 < n:
            if text[i + 1] == "\n":  # line continuation
                line += 1
                i += 2
                continue
            buf.append(text[i : i + 2] if text[i + 1] not in '"\\' else text[i + 1])
            i += 2
            continue
        if text[i] == "\n":
            line += 1
        buf.append(text[i])
        i += 1
    return "".join(buf), i + 1, line


def _arguments(text: str, i: int, line: int) -> tuple[list[str], list[str], int, int]:
    args: list[str] = []
    kinds: list[str] = []
    current: list[str] = []
    current_kind = UNQUOTED
    depth = 0
    n = len(text)

    def flush() -> None:
        nonlocal current_kind
        if current:
            args.append("".join(current))
            kinds.append(current_kind)
            current.clear()
        current_kind = UNQUOTED

    while i < n:
        ch = text[i]
        if ch == '"':
            value, i, line = _quoted(text, i + 1, line)
            if not current:
                current_kind = QUOTED
            current.append(value)
            if current_kind == QUOTED:
                flush()
            continue
        if ch == "[" and not current and _BRACKET_OPEN.match(text, i):
            m = _BRACKET_OPEN.match(text, i)
            assert m is not None
            end = text.find("]" + m.group(1) + "]", i)
            end = n if end == -1 else end
            body = text[m.end() : end]
            body = body[1:] if body.startswith("\n") else body
            args.append(body)
            kinds.append(BRACKET)
            line += text.count("\n", i, end)
            i = end + len(m.group(1)) + 2
            continue
        if ch == "\n":
            line += 1
        if ch == "#":
            flush()
            i, line = _skip_comment(text, i, line)
            continue
        if ch == "\\" and i + 1 < n and text[i + 1] in '();# "$@^[]\\':
            current.append(text[i : i + 2] if text[i + 1] == ";" else text[i + 1])
            i += 2
            continue
        if ch == "(":
            depth += 1
            flush()
            args.append("(")
            kinds.append(UNQUOTED)
        elif ch == ")":
            if depth == 0:
                flush()
                return args, kinds, i + 1, line
            depth -= 1
            flush()
            args.append(")")
            kinds.append(UNQUOTED)
        elif ch in " \t\r\n":
            flush()
        else:
            current.append(ch)
        i += 1
    flush()
    return args, kinds, i, line


# --- blocks --------------------------------------------------------------------------------------


@dataclass
class IfBlock:
    branches: list[tuple[Command, list]]  # (if/elseif command, body)
    otherwise: list | None  # else body
    line: int
    file: str


@dataclass
class LoopBlock:
    head: Command  # foreach(...) / while(...)
    body: list


@dataclass
class Definition:
    head: Command  # function(...) / macro(...)
    body: list

    @property
    def is_macro(self) -> bool:
        return self.head.name == "macro"


Statement = Command | IfBlock | LoopBlock | Definition
_OPENERS = {"if": "endif", "foreach": "endforeach", "while": "endwhile", "function": "endfunction", "macro": "endmacro"}
_CLOSERS = set(_OPENERS.values()) | {"elseif", "else", "endblock", "block"}


def parse_blocks(commands: list[Command]) -> list[Statement]:
    """Nest the commands of one file into blocks."""
    body, _ = _parse(commands, 0, frozenset())
    return body


def _parse(commands: list[Command], i: int, stops: frozenset[str]) -> tuple[list[Statement], int]:
    out: list[Statement] = []
    n = len(commands)
    while i < n:
        cmd = commands[i]
        if cmd.name in stops:
            return out, i
        if cmd.name == "if":
            block, i = _parse_if(commands, i)
            out.append(block)
            continue
        if cmd.name in ("foreach", "while"):
            body, i = _parse(commands, i + 1, frozenset({_OPENERS[cmd.name]}))
            out.append(LoopBlock(cmd, body))
        elif cmd.name in ("function", "macro"):
            body, i = _parse(commands, i + 1, frozenset({_OPENERS[cmd.name]}))
            out.append(Definition(cmd, body))
        elif cmd.name not in _CLOSERS:
            out.append(cmd)
        i += 1
    return out, i


def _parse_if(commands: list[Command], i: int) -> tuple[IfBlock, int]:
    head = commands[i]
    branches: list[tuple[Command, list]] = []
    otherwise: list | None = None
    stops = frozenset({"elseif", "else", "endif"})
    current = head
    i += 1
    while True:
        body, i = _parse(commands, i, stops)
        if otherwise is None and current.name != "else":
            branches.append((current, body))
        else:
            otherwise = body
        if i >= len(commands) or commands[i].name == "endif":
            return IfBlock(branches, otherwise, head.line, head.file), i + 1
        current = commands[i]
        if current.name == "else":
            otherwise = []
        i += 1
