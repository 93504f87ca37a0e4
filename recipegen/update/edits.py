"""The text edits of a version bump and of requirement changes, at the recipe's own positions.

Version, digests, build numbers and `python_min` are values on one line (`Spot`); requirement
items are `Entry`s. New items copy the prefix of a sibling line (`    - `), so indentation and
list style follow the file; nothing else in the file is touched.
"""

from __future__ import annotations

import itertools
import re

from recipegen.textedit import LineIndex, TextEdit, delete_lines, insert_lines_after, replace_span
from recipegen.update.model import Entry, Recipe, RequirementList, Spot, canonical, split_spec

_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+\-]*$")


def spot_edit(index: LineIndex, spot: Spot, value: str, label: str) -> TextEdit:
    """Replace a one-line value, keeping its quotes; a plain YAML value that would stop being a
    string (`1.10` is a float) gets quoted."""
    quote = not spot.quote and not spot.value.isdigit() and not _stays_string(value)
    return replace_span(index, spot.line, spot.start, spot.end, f'"{value}"' if quote else value, label)


def _stays_string(value: str) -> bool:
    import yaml

    try:
        return isinstance(yaml.safe_load(value), str)
    except yaml.YAMLError:
        return False


def version_edit(recipe: Recipe, index: LineIndex, version: str) -> TextEdit:
    return spot_edit(index, recipe.version_spot, version, f"version {recipe.version} → {version}")


def build_number_edits(recipe: Recipe, index: LineIndex) -> list[TextEdit]:
    return [
        replace_span(index, spot.line, spot.start, spot.end, "0", f"build number {spot.value} → 0")
        for spot in recipe.build_numbers
        if spot.value != "0"
    ]


def digest_edits(text: str, old: str, new: str, label: str) -> list[TextEdit]:
    """Every place the old digest literal is written (its own line or a `{% set %}`)."""
    edits = []
    for match in re.finditer(re.escape(old), text, re.IGNORECASE):
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        if (before and before in "0123456789abcdefABCDEF") or (after and after in "0123456789abcdefABCDEF"):
            continue
        replacement = new.upper() if text[match.start() : match.end()].isupper() else new
        edits.append(TextEdit(match.start(), match.end(), replacement, label))
    return edits


def python_min_edit(recipe: Recipe, index: LineIndex, floor: str) -> TextEdit:
    """Raise the recipe's own `python_min`, or define it next to the version."""
    if recipe.python_min is not None:
        return spot_edit(index, recipe.python_min, floor, f"python_min {recipe.python_min.value} → {floor}")
    spot = recipe.version_spot
    line = index.line_text(spot.line)
    quote = spot.quote or '"'
    if recipe.format == "v0":
        new = f"{{% set python_min = {quote}{floor}{quote} %}}"
    else:
        indent = line[: len(line) - len(line.lstrip())]
        new = f"{indent}python_min: {quote}{floor}{quote}"
    return insert_lines_after(index, spot.line, [new], f"python_min {floor} (upstream's Requires-Python)")


# --- requirement items ------------------------------------------------------------------------


def item_text(index: LineIndex, entry: Entry) -> str:
    return index.line_text(entry.line)[entry.start - 1 : entry.end - 1]


def constraint_edit(index: LineIndex, entry: Entry, constraint: str, label: str) -> TextEdit:
    """The item with a new constraint; its name (and the spacing after it) as written."""
    raw = item_text(index, entry)
    name, _rest = split_spec(raw)
    gap = raw[len(name) : len(raw) - len(raw[len(name) :].lstrip())] or " "
    text = f"{name}{gap}{constraint}" if constraint else name
    return replace_span(index, entry.line, entry.start, entry.end, text, label)


def condition_edit(recipe: Recipe, index: LineIndex, entry: Entry, condition: str, label: str) -> TextEdit | str:
    """Put an unconditional item under a condition: `  # [py<311]` after it (v0), or the item
    made the `then:` of an `- if:` (v1). A reason string when it cannot be done."""
    if entry.templated or not entry.own_line or entry.condition:
        return "the item is not a plain line of its own"
    line = index.line_text(entry.line)
    if recipe.format == "v0":
        if "#" in line[entry.end - 1 :]:
            return "the item has a comment: add the selector by hand"
        end = index.offset(entry.line, len(line.rstrip()) + 1)
        return TextEdit(end, end, f"  # [{condition}]", label)
    start = index.offset(entry.line, entry.start)
    return TextEdit(start, start, f"if: {condition}{index.newline}{' ' * len(entry.prefix)}then: ", label)


def removal(index: LineIndex, entry: Entry, lst: RequirementList, label: str) -> TextEdit | str:
    """Delete an item's line (or its one-item `- if:` block); a reason string when it cannot be."""
    if entry.templated:
        return "the item is templated"
    left = [e for e in lst.entries if e is not entry]
    if not left:
        return f"it is the only item of {lst.section}"
    if entry.block is not None:
        return delete_lines(index, _own_comments(index, entry, entry.block), entry.block[1], label)
    if not entry.own_line:
        return "it shares its line with other items"
    return delete_lines(index, _own_comments(index, entry, (entry.line, entry.line)), entry.line, label)


def _own_comments(index: LineIndex, entry: Entry, lines: tuple[int, int]) -> int:
    """The first line to delete with an item: the comment block directly above it goes too
    when it is about this item — it names it or a version of its constraint, or no other
    item follows it before the next comment or blank line (else it describes a group)."""
    first = lines[0]
    while first > 1 and index.line_text(first - 1).strip().startswith("#"):
        first -= 1
    if first == lines[0]:
        return first
    comment = " ".join(index.line_text(n) for n in range(first, lines[0])).lower()
    words = set(re.findall(r"[a-z0-9][a-z0-9._-]*", comment.replace("_", "-")))
    versions = set(re.findall(r"\d+(?:\.\d+)+", entry.constraint))
    about = entry.key in {canonical(w) for w in words} or bool(versions & set(re.findall(r"\d+(?:\.\d+)+", comment)))
    following = index.line_text(lines[1] + 1).strip() if lines[1] < index.line_count else ""
    alone = not following.startswith("-")
    return first if about or alone else lines[0]


def insertion(
    recipe: Recipe,
    index: LineIndex,
    lst: RequirementList,
    item: str,
    condition: str,
    label: str,
    related: frozenset[str] = frozenset(),
    among: str | None = None,
) -> TextEdit | str:
    """A new item in `lst` where the maintainers' order puts it (`_place`); `among` a condition
    inserts it into the items already under that condition (v0 `# [cond]` lines, a v1 `then:`
    list). A reason string when it cannot go anywhere."""
    if lst.flow:
        return f"{lst.section} is a flow list"
    if among is None:
        anchors = [e for e in lst.entries if e.own_line and not e.condition and e.prefix]
    else:
        anchors = [e for e in lst.entries if e.own_line and e.prefix and e.condition == among and not e.block]
    if not anchors:
        return f"{lst.section} of {lst.output} has no unconditional item to place it next to"
    line = _place(index, anchors, canonical(split_spec(item)[0]), related)
    prefix = anchors[0].prefix
    if among is not None:
        lines = [prefix + item if recipe.format == "v1" else _with_selector(index, anchors[-1], prefix + item, among)]
    elif not condition:
        lines = [prefix + item]
    elif recipe.format == "v0":
        lines = [f"{prefix}{item}  # [{condition}]"]
    else:
        lines = [f"{prefix}if: {condition}", " " * len(prefix) + f"then: {_yaml_scalar(item)}"]
    return insert_lines_after(index, line, lines, label)


def _with_selector(index: LineIndex, sibling: Entry, text: str, condition: str) -> str:
    """A v0 line with its selector comment in the column its sibling's is in."""
    column = index.line_text(sibling.line).find("#", sibling.end - 1)
    gap = max(2, column - len(text)) if column > 0 else 2
    return f"{text}{' ' * gap}# [{condition}]"


def _yaml_scalar(item: str) -> str:
    return item if _PLAIN_SAFE.match(item.split(" ")[0]) else f'"{item}"'


_FIRST = {"python", "pip", "r-base", "julia"}


def _place(index: LineIndex, anchors: list[Entry], key: str, related: frozenset[str] = frozenset()) -> int:
    """The line to insert after. A sorted list (python and pip counted or not): the sorted
    position. Otherwise the block of items (runs without a comment or blank line between them)
    holding most of `related` (upstream's requirements of the same kind), in sorted position
    when that block is sorted, else after its last item."""
    plain = [e for e in anchors if not e.templated]
    for named in (plain, [e for e in plain if e.key not in _FIRST]):
        if len(named) >= 2 and [e.key for e in named] == sorted(e.key for e in named):
            return _sorted_position(index, anchors, named, key)
    blocks = _blocks(index, anchors)
    block = max(blocks, key=lambda b: (sum(e.key in related for e in b), blocks.index(b) == len(blocks) - 1))
    named = [e for e in block if e.key not in _FIRST and not e.templated]
    if len(named) >= 2 and [e.key for e in named] == sorted(e.key for e in named):
        return _sorted_position(index, block, named, key)
    return block[-1].line


def _blocks(index: LineIndex, anchors: list[Entry]) -> list[list[Entry]]:
    """Anchors split where a comment or blank line stands between two of them."""
    blocks = [[anchors[0]]]
    for previous, entry in itertools.pairwise(anchors):
        between = [index.line_text(n).strip() for n in range(previous.line + 1, entry.line)]
        if any(not text or text.startswith("#") for text in between):
            blocks.append([])
        blocks[-1].append(entry)
    return blocks


def _sorted_position(index: LineIndex, anchors: list[Entry], named: list[Entry], key: str) -> int:
    before = [e for e in named if e.key < key]
    if before:
        return before[-1].line
    leading = [e for e in anchors if e.line < named[0].line]
    if leading:
        return leading[-1].line
    line = named[0].line - 1  # before the first item, and before the comments above it
    while line > 1 and index.line_text(line).strip().startswith("#"):
        line -= 1
    return line
