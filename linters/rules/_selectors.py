"""v0 selector lines, found in the raw text with conda-build's selector pattern as conda-smithy does."""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import RecipeDocument

_SELECTOR_LINE = re.compile(r"(.+?)\s*(#.*)?\[([^\[\]]+)\](?(2)[^\(\)]*)$")
_SQUARE = re.compile(r"[\[\]]")


class SelectorLine:
    """What `_SELECTOR_LINE.match(line)` gives (`group(1)` body, `group(2)` comment, `group(3)`
    expression), found in linear time: the regex backtracks cubically on long hostile lines."""

    def __init__(self, line: str, body: str, comment: str | None, expr_start: int, expr_end: int) -> None:
        self._groups = (line, body, comment, line[expr_start:expr_end])  # the pattern matches the whole line
        comment_start = len(body) + line[len(body) :].find("#") if comment is not None else -1
        self._starts = (0, 0, comment_start, expr_start)

    def group(self, index: int = 0) -> str | None:
        return self._groups[index]

    def start(self, index: int = 0) -> int:
        return self._starts[index]


def match_selector_line(line: str) -> SelectorLine | None:
    """`_SELECTOR_LINE.match(line)` for a line without a newline, in linear time."""
    pairs = []  # (`[` index, `]` index) of every `[expr]` with no bracket inside
    previous = None
    for bracket in _SQUARE.finditer(line):
        index = bracket.start()
        if previous is not None and line[index] == "]" and line[previous] == "[" and index > previous + 1:
            pairs.append((previous, index))
        previous = index
    if not pairs:
        return None
    last_paren = max(line.rfind("("), line.rfind(")"))
    commented = [pair for pair in pairs if pair[1] > last_paren]  # `# ... [expr]` then no parenthesis
    best: tuple[int, str | None, int, int] | None = None
    if commented:
        start, end = commented[-1]  # `.*` is greedy: the last such pair
        sharp = line.find("#", 1, start)
        if sharp >= 1:
            best = (max(1, len(line[:sharp].rstrip())), line[sharp:start], start + 1, end)
    start, end = pairs[-1]
    if end == len(line) - 1 and start >= 1:  # `[expr]` ends the line
        body_end = max(1, len(line[:start].rstrip()))
        if best is None or body_end < best[0]:
            best = (body_end, None, start + 1, end)
    if best is None:
        return None
    body_end, comment, expr_start, expr_end = best
    return SelectorLine(line, line[:body_end], comment, expr_start, expr_end)


def is_selector_line(line: str, allow_platforms: bool = False, allow_keys: frozenset[str] = frozenset()) -> bool:
    line = line.rstrip()
    if line.lstrip().startswith("#"):
        return False
    match = match_selector_line(line)
    if not match:
        return False
    nouns = {w for w in (match.group(3) or "").split() if w not in ("not", "and", "or")}
    allowed = ({"win", "linux", "osx", "unix"} if allow_platforms else set()) | set(allow_keys)
    return not nouns <= allowed


def requirement_block_selectors(
    doc: RecipeDocument, allow_platforms: bool = False, allow_keys: frozenset[str] = frozenset()
) -> Iterator[tuple[int, str, str]]:
    """(1-based line, kind, text) of v0 `skip:` lines with a selector ("skip") and selector lines
    inside `host:`/`run:` blocks ("requirement"), the way conda-smithy scans meta.yaml."""
    in_block = False
    spacing = ""
    for number, line in enumerate(doc.lines, start=1):
        stripped = line.strip()
        if stripped in ("host:", "run:"):
            in_block = True
            spacing = line[: len(line) - len(line.lstrip())]
            continue
        if stripped.startswith("skip:") and is_selector_line(line):
            yield number, "skip", line
            continue
        if in_block:
            if spacing == line[: len(line) - len(line.lstrip())]:
                in_block = False
                continue
            if is_selector_line(line, allow_platforms, allow_keys):
                yield number, "requirement", line
