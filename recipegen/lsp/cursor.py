"""Where the cursor is in a recipe being typed: in a key, in a list item, inside `${{ }}`, in a
selector. Works on any text (it need not parse): the structure comes from `recipegen.yamlblocks`.

Positions are 0-based lines and columns in characters (code points), as the server's documents
keep them; the server converts from and to the client's units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recipegen.yamlblocks import Block, Line, PathKey

PLACEHOLDER = "recipegen_cursor_key"
V1_EXPRESSION = re.compile(r"\$\{\{(?P<body>.*?)(?:\}\}|$)")
V0_EXPRESSION = re.compile(r"\{\{(?P<body>.*?)(?:\}\}|$)|\{%(?P<statement>.*?)(?:%\}|$)")
V0_SELECTOR = re.compile(r"#\s*\[(?P<body>[^\]]*)(?:\]|$)")
WORD = re.compile(r"[A-Za-z0-9_.\-]*$")


@dataclass
class Jinja:
    """A `${{ ... }}` (or v0 `{{ }}` / `{% %}`) the cursor is in."""

    start: int  # column of `$` (or the first `{`)
    end: int  # column after the closing braces (or the end of the line)
    body: str  # the expression between the braces
    before: str  # the expression text before the cursor


@dataclass
class Cursor:
    line: int
    column: int
    text: str  # the line's text
    structure: Line  # the line as the block structure reads it
    jinja: Jinja | None = None
    selector: str | None = None  # the selector text before the cursor (`if:` value, `# [ ]`)
    key_path: tuple[PathKey, ...] | None = None  # typing a key: the path of the mapping it goes in
    word: str = ""  # the word before the cursor

    @property
    def path(self) -> tuple[PathKey, ...]:
        return self.structure.path


def cursor_at(text: str, line: int, column: int, fmt: str = "v1", block: Block | None = None) -> Cursor:
    """The cursor at 0-based (line, column) of `text`."""
    lines = block or Block(text)
    number = line + 1
    raw = lines[number].text if number <= lines.count else ""
    column = min(column, len(raw))
    found = Cursor(line, column, raw, lines[number] if number <= lines.count else Line(number, raw))
    found.word = WORD.search(raw[:column]).group(0)  # type: ignore[union-attr]
    found.jinja = _jinja_at(raw, column, fmt)
    if found.jinja is None:
        found.selector = _selector_at(raw, column, fmt, found.structure)
    if found.jinja is None and found.selector is None:
        found.key_path = _key_path(text, lines, number, column)
    return found


def _jinja_at(raw: str, column: int, fmt: str) -> Jinja | None:
    pattern = V1_EXPRESSION if fmt == "v1" else V0_EXPRESSION
    for match in pattern.finditer(raw):
        group = "body" if match.group("body") is not None else "statement"
        body_start = match.start(group)
        if body_start <= column <= match.end(group):
            return Jinja(match.start(), match.end(), match.group(group), raw[body_start:column])
    return None


def _selector_at(raw: str, column: int, fmt: str, line: Line) -> str | None:
    if fmt == "v0":
        for match in V0_SELECTOR.finditer(raw):
            if match.start("body") <= column <= match.end("body"):
                return raw[match.start("body") : column]
        return None
    stripped = raw[:column].lstrip(" -")
    if line.key in ("if", "skip") and stripped.startswith(("if:", "skip:")):
        return stripped.split(":", 1)[1].lstrip(" [")
    return None


def _key_path(text: str, lines: Block, number: int, column: int) -> tuple[PathKey, ...] | None:
    """The mapping path a key typed at the cursor goes in, or None when the cursor is in a value."""
    raw = lines[number].text if number <= lines.count else ""
    before = raw[:column]
    typed = before.lstrip(" ")
    if typed.startswith("- "):
        typed = typed[2:].lstrip(" ")
    elif typed == "-":
        return None
    if typed and not re.fullmatch(r"[A-Za-z_$][\w\-]*", typed):
        return None  # after `key:` or inside a value
    probe_line = before[: len(before) - len(typed)] + PLACEHOLDER + ":"
    source = text.split("\n")
    while len(source) < number:
        source.append("")
    source[number - 1] = probe_line
    probed = Block("\n".join(source))
    path = probed[number].path
    if not path or path[-1] != PLACEHOLDER:
        return None
    return path[:-1]


def keys_in(block: Block, path: tuple[PathKey, ...]) -> set[str] | None:
    """The keys the mapping at `path` has in the text (None when there is no such mapping)."""
    if not path:
        return {line.key for line in block.children(0) if line.key is not None and not line.item}
    holder = [line for line in block.lines[1:] if not line.blank and line.path[: len(path)] == path]
    if not holder:
        return None
    return {
        str(line.path[len(path)])
        for line in holder
        if len(line.path) > len(path) and isinstance(line.path[len(path)], str)
    }
