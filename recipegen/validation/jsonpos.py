"""Positions of the values and keys of a JSON document, found by scanning its text.

`json.loads` gives the data fast but no positions. Problems need the line and column of the
value (or key) they are about, so the first time a position is asked for, the text is scanned
once (a regular-expression tokenizer, linear in the text) and every value's and key's span is
kept by its path. Valid documents never pay for the scan.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recipegen.yamlio import Span

PathKey = str | int
# one token: a string, a punctuation character, or a bare literal (number, true, false, null)
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+')


class JsonPositions:
    """Spans of a JSON text's values and keys, by path (keys and list indexes)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._values: dict[tuple[PathKey, ...], tuple[int, int]] | None = None
        self._keys: dict[tuple[PathKey, ...], tuple[int, int]] = {}
        self._line_starts: list[int] = []

    def value_span(self, path: Iterable[PathKey]) -> Span:
        """Where the value at `path` is: the whole scalar, or the opening bracket of a container
        (the deepest existing part of the path when the rest does not exist)."""
        values = self._index()
        wanted = tuple(path)
        while wanted and wanted not in values:
            wanted = wanted[:-1]
        start, end = values.get(wanted, (0, 1))
        if self.text[start : start + 1] in ("{", "["):
            end = start + 1
        return self._span(start, end)

    def value_text(self, path: Iterable[PathKey]) -> str:
        """The text of the scalar at `path` as written (a number's digits), or "" when absent."""
        wanted = tuple(path)
        start, end = self._index().get(wanted, (0, 0))
        return self.text[start:end] if wanted in self._index() and self.text[start : start + 1] not in "{[" else ""

    def key_span(self, path: Iterable[PathKey]) -> Span:
        """Where the key of the last mapping entry of `path` is (its value's place otherwise)."""
        self._index()
        wanted = tuple(path)
        if wanted in self._keys:
            start, end = self._keys[wanted]
            return self._span(start, end)
        return self.value_span(wanted)

    def _span(self, start: int, end: int) -> Span:
        from recipegen.yamlio import Span

        line, column = self._position(start)
        end_line, end_column = self._position(end)
        if end_line != line:  # a long string over lines (never in valid JSON) or an object
            end_line, end_column = line, column + 1
        return Span(line, column, end_line, end_column)

    def _position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def _index(self) -> dict[tuple[PathKey, ...], tuple[int, int]]:
        if self._values is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
            self._values = {}
            try:
                self._scan(_TOKEN.finditer(self.text))
            except (StopIteration, ValueError):  # a text json.loads refused: keep what was found
                pass
        return self._values

    def _scan(self, tokens: Iterator[re.Match[str]]) -> None:
        """One pass over the tokens with an explicit stack (no recursion: any depth)."""
        assert self._values is not None
        stack: list[list] = []  # [path, kind "{"/"[", next index, pending key, key span]
        path: tuple[PathKey, ...] = ()
        for match in tokens:
            token = match.group(0)
            if token in (",", ":"):
                continue
            if token in ("}", "]"):
                frame = stack.pop()
                start = self._values[frame[0]][0]
                self._values[frame[0]] = (start, match.end())
                continue
            if stack and stack[-1][1] == "{" and stack[-1][3] is None:  # a key
                stack[-1][3] = _json_string(token)
                stack[-1][4] = (match.start(), match.end())
                continue
            if stack:
                frame = stack[-1]
                if frame[1] == "{":
                    path = (*frame[0], frame[3])
                    self._keys[path] = frame[4]
                    frame[3] = None
                else:
                    path = (*frame[0], frame[2])
                    frame[2] += 1
            else:
                path = ()
            self._values[path] = (match.start(), match.end())
            if token in ("{", "["):
                stack.append([path, token, 0, None, None])


def _json_string(token: str) -> str:
    import json

    try:
        return json.loads(token)
    except ValueError:
        return token.strip('"')
