"""One version of an open document, as the features read it (text, kind, line structure)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from recipegen.lsp.cursor import Cursor, cursor_at
from recipegen.yamlblocks import Block, PathKey

REQUIREMENT_LISTS = frozenset(
    {"build", "host", "run", "run_constraints", "run_constrained", "requires", "weak", "strong", "by_name"}
    | {"from_package", "weak_constraints", "strong_constraints", "noarch", "run_exports"}
)
NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")


@dataclass
class Snapshot:
    path: Path
    kind: str  # recipe-v1, recipe-v0, variants, conda-forge
    text: str
    version: int | None = None
    problems: list = field(default_factory=list)  # the Problems last published for it
    origins: dict = field(default_factory=dict)  # Problem -> the recipe Path that reported it in this file

    @property
    def fmt(self) -> str:
        return "v0" if self.kind == "recipe-v0" else "v1"

    @property
    def is_recipe(self) -> bool:
        return self.kind.startswith("recipe-")

    @cached_property
    def block(self) -> Block:
        return Block(self.text)

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def cursor(self, line: int, column: int) -> Cursor:
        return cursor_at(self.text, line, column, self.fmt, self.block)


def requirement_item(path: tuple[PathKey, ...]) -> bool:
    """The path is an item of a list of package specs (requirements, run_exports, test requires...)."""
    index = len(path) - 1
    while index >= 1 and isinstance(path[index], int):
        owner = path[index - 1]
        if owner in ("then", "else") and index >= 3 and isinstance(path[index - 2], int):
            index -= 2  # an item of a conditional branch: look at the list holding the `if` item
            continue
        if not isinstance(owner, str) or owner not in REQUIREMENT_LISTS:
            return False
        return "requirements" in path or "test" in path or "run_exports" in path or "ignore_run_exports" in path
    return False


def name_at(text: str, column: int) -> tuple[str, int, int] | None:
    """The package-name token around `column` of an item line `- name >=1`: (name, start, end)."""
    body = text.lstrip(" ")
    if not body.startswith("-"):
        return None
    start = len(text) - len(body) + 1
    while start < len(text) and text[start] in " \"'":
        start += 1
    found = NAME.match(text, start)
    if not found or not found.start() <= column <= found.end():
        return None
    return found.group(0), found.start(), found.end()
