"""v0 selector lines, found in the raw text with conda-build's selector pattern as conda-smithy does."""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import RecipeDocument

_SELECTOR_LINE = re.compile(r"(.+?)\s*(#.*)?\[([^\[\]]+)\](?(2)[^\(\)]*)$")


def is_selector_line(line: str, allow_platforms: bool = False, allow_keys: frozenset[str] = frozenset()) -> bool:
    line = line.rstrip()
    if line.lstrip().startswith("#"):
        return False
    match = _SELECTOR_LINE.match(line)
    if not match:
        return False
    nouns = {w for w in match.group(3).split() if w not in ("not", "and", "or")}
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
