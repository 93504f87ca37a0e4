"""Comment round trips on model recipes: insert and remove requirement entries, emit, and check
that every comment is still on the line of its own item (and a removed item's comment is gone).

The expectation comes from the model objects (`Req`, `If`), the check from the emitted text read
line by line (`recipegen.yamlblocks`), so the emitter's placement is what is tested.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from recipegen.emit import emit
from recipegen.recipe import Commented, If, Recipe, Req, Requirements
from recipegen.yamlblocks import Block

LISTS = ("build", "host", "run", "run_constraints")


@dataclass(frozen=True)
class Expected:
    scope: tuple  # path prefix of the list: ("requirements", "run") or ("outputs", 1, "requirements", "run")
    value: str  # the item's text on its line: the spec, or the condition of an `if:` block
    comment: str
    above: str


def requirement_lists(recipe: Recipe) -> Iterator[tuple[tuple, list]]:
    """(scope, list) of every requirement list of the recipe and of its outputs."""
    sections: list[tuple[tuple, Requirements | None]] = [((), recipe.requirements)]
    sections += [(("outputs", i), output.requirements) for i, output in enumerate(recipe.outputs)]
    for prefix, requirements in sections:
        for key in LISTS:
            items = getattr(requirements, key, None)
            if items:
                yield (*prefix, "requirements", key), items


def expected_comments(recipe: Recipe) -> list[Expected]:
    """What the model says each commented requirement item carries."""
    found = []
    for scope, items in requirement_lists(recipe):
        for item in items:
            found += _expected(scope, item)
    return found


def _expected(scope: tuple, item: object) -> list[Expected]:
    if isinstance(item, Commented):
        return _expected(scope, item.value) if not (item.comment or item.above) else []
    if isinstance(item, Req) and (item.comment or item.above):
        return [Expected(scope, item.text(), item.comment, item.above)]
    if isinstance(item, If):
        found = [Expected(scope, item.condition, item.comment, item.above)] if item.comment or item.above else []
        for branch in (item.then, item.otherwise):
            for inner in branch if isinstance(branch, list) else [branch]:
                found += _expected(scope, inner)
        return found
    return []


def check_comments(text: str, expected: list[Expected]) -> None:
    """Each expected comment at the end of (or above) the line of its own item in `text`."""
    lines = Block(text).lines
    for want in expected:
        at = [
            n
            for n, line in enumerate(lines)
            if line.path[: len(want.scope)] == want.scope and _unquoted(line.value) == want.value
        ]
        assert at, f"{want.value} is not in {'.'.join(map(str, want.scope))}:\n{text}"
        own = [n for n in at if not want.comment or lines[n].text.rstrip().endswith(f"# {want.comment}")]
        assert own, f"{want.value} lost its comment {want.comment!r}:\n{text}"
        if want.above:
            above = _comment_lines_above(lines, own[0])
            assert all(f"# {part}".rstrip() in above for part in want.above.splitlines()), (
                f"{want.value} lost the comment above it {want.above!r}:\n{text}"
            )


def _unquoted(value: str) -> str:
    return value[1:-1] if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'" else value


def _comment_lines_above(lines: list, index: int) -> list[str]:
    found = []
    while index > 0 and lines[index - 1].text.strip().startswith("#"):
        index -= 1
        found.append(lines[index].text.strip())
    return found


def insert_and_remove(recipe: Recipe) -> list[Expected]:
    """Insert an entry at the front and at the end of every requirement list and remove its middle
    item; return what was removed (with comments)."""
    removed: list[Expected] = []
    for scope, items in requirement_lists(recipe):
        middle = items.pop(len(items) // 2)
        removed += _expected(scope, middle)
        items.insert(0, Req("zz-inserted-first"))
        items.append(Req("zz-inserted-last", comment="added by the test"))
    return removed


def assert_comments_travel(recipe: Recipe) -> int:
    """The round trip on `recipe` (changed in place); the number of comments checked."""
    check_comments(emit(recipe), expected_comments(recipe))
    removed = insert_and_remove(recipe)
    kept = expected_comments(recipe)
    text = emit(recipe)
    check_comments(text, kept)
    for gone in removed:
        still_there = [k for k in kept if gone.comment and k.comment == gone.comment]
        if gone.comment and not still_there:
            assert f"# {gone.comment}" not in text, f"the comment of removed {gone.value} stayed:\n{text}"
    return len(kept)
