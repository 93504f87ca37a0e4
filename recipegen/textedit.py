"""Edits of a text at its own positions: every byte outside the edited ranges stays as it was.

What `recipegen update` uses to change a user's recipe (and what the language server and
`lint --fix` can use): positions in, `TextEdit`s out, one `apply_edits` at the end. Never a
YAML re-dump, so comments, quoting, blank lines, indentation and line endings survive.

- `LineIndex(text)`: 1-based (line, column) <-> offsets, line ranges, the file's newline.
- `TextEdit(start, end, text)`: replace `text[start:end]`; an insertion has `start == end`.
- `replace_span`, `insert_lines_after`, `delete_lines`: the usual edits, built from positions.
- `scalar_extent(line, column)`: where a one-line YAML scalar (plain or quoted) ends, before
  its comment — the part of a line a value edit may touch.
- `apply_edits(text, edits)`: all edits at once (overlaps are refused).
- `unified_diff(old, new, path)`: what `--dry-run` prints.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterable
from dataclasses import dataclass


class TextEditError(Exception):
    """Edits that cannot be applied (overlapping, out of range); one line."""


@dataclass(frozen=True)
class TextEdit:
    start: int  # offset of the first replaced character
    end: int  # offset after the last replaced character (== start for an insertion)
    text: str
    label: str = ""  # what the edit does, for reports


class LineIndex:
    """Offsets of line starts; positions are 1-based lines and columns (columns count characters)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.starts.append(index + 1)
        self.newline = "\r\n" if "\r\n" in text else "\n"

    @property
    def line_count(self) -> int:
        """Lines, not counting the empty remainder after a final newline."""
        count = len(self.starts)
        return count - 1 if self.text.endswith("\n") else count

    def offset(self, line: int, column: int = 1) -> int:
        if not 1 <= line <= len(self.starts):
            raise TextEditError(f"line {line} is outside the text (1..{len(self.starts)})")
        return min(self.starts[line - 1] + column - 1, self.line_end(line))

    def line_end(self, line: int) -> int:
        """Offset of the line's end, before its newline."""
        if line >= len(self.starts):
            return len(self.text)
        end = self.starts[line] - 1  # the "\n"
        if end > self.starts[line - 1] and self.text[end - 1] == "\r":
            end -= 1
        return end

    def line_text(self, line: int) -> str:
        return self.text[self.starts[line - 1] : self.line_end(line)]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), 1-based, of an offset."""
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def line_range(self, first: int, last: int) -> tuple[int, int]:
        """Offsets covering whole lines first..last, newline of the last included."""
        start = self.starts[first - 1]
        end = self.starts[last] if last < len(self.starts) else len(self.text)
        return start, end


def replace_span(
    index: LineIndex, line: int, start_column: int, end_column: int, text: str, label: str = ""
) -> TextEdit:
    """Replace columns [start_column, end_column) of one line."""
    return TextEdit(index.offset(line, start_column), index.offset(line, end_column), text, label)


def insert_lines_after(index: LineIndex, line: int, lines: Iterable[str], label: str = "") -> TextEdit:
    """New lines after `line` (0: at the top), in the file's newline style."""
    body = "".join(item + index.newline for item in lines)
    if line == 0:
        return TextEdit(0, 0, body, label)
    _start, end = index.line_range(line, line)
    if end == len(index.text) and not index.text.endswith("\n"):  # last line without a newline
        return TextEdit(end, end, index.newline + body.removesuffix(index.newline), label)
    return TextEdit(end, end, body, label)


def delete_lines(index: LineIndex, first: int, last: int | None = None, label: str = "") -> TextEdit:
    start, end = index.line_range(first, last or first)
    return TextEdit(start, end, "", label)


def apply_edits(text: str, edits: Iterable[TextEdit]) -> str:
    """Apply edits given in any order; insertions at one offset keep their given order."""
    ordered = sorted(enumerate(edits), key=lambda item: (item[1].start, item[1].end, item[0]))
    pieces: list[str] = []
    cursor = 0
    for _, edit in ordered:
        if not 0 <= edit.start <= edit.end <= len(text):
            raise TextEditError(f"edit {edit.label or edit.text!r} is outside the text")
        if edit.start < cursor:
            raise TextEditError(f"edits overlap at offset {edit.start} ({edit.label or edit.text!r})")
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.text)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def scalar_extent(line: str, column: int) -> tuple[int, int]:
    """Columns [start, end) of the one-line YAML scalar starting at `column` (1-based).

    A quoted scalar ends at its closing quote (`''` and `\\"` escapes understood); a plain one
    before ` #` (a comment) or the end of the line, trailing blanks excluded.
    """
    start = column - 1
    if start >= len(line):
        return column, column
    quote = line[start]
    if quote in "'\"":
        position = start + 1
        while position < len(line):
            char = line[position]
            if quote == '"' and char == "\\":
                position += 2
                continue
            if char == quote:
                if quote == "'" and line[position + 1 : position + 2] == "'":
                    position += 2
                    continue
                return column, position + 2
            position += 1
        return column, len(line) + 1
    end = len(line)
    comment = line.find(" #", start)
    if comment >= 0:
        end = comment
    while end > start and line[end - 1] in " \t":
        end -= 1
    return column, end + 1


def unified_diff(old: str, new: str, path: str) -> str:
    name = path.lstrip("/")
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{name}", tofile=f"b/{name}"
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
