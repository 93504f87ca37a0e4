"""The text edits of a version bump and of requirement changes, at the recipe's own positions.

Version, digests, build numbers and `python_min` are values on one line (`Spot`); requirement
items are `Entry`s. New items copy the prefix of a sibling line (`    - `), so indentation and
list style follow the file; nothing else in the file is touched.
"""

from __future__ import annotations

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


def removal(index: LineIndex, entry: Entry, lst: RequirementList, label: str) -> TextEdit | str:
    """Delete an item's line (or its one-item `- if:` block); a reason string when it cannot be."""
    if entry.templated:
        return "the item is templated"
    left = [e for e in lst.entries if e is not entry]
    if not left:
        return f"it is the only item of {lst.section}"
    if entry.block is not None:
        return delete_lines(index, entry.block[0], entry.block[1], label)
    if not entry.own_line:
        return "it shares its line with other items"
    return delete_lines(index, entry.line, None, label)


def insertion(
    recipe: Recipe, index: LineIndex, lst: RequirementList, item: str, condition: str, label: str
) -> TextEdit | str:
    """A new item in `lst` (sorted in when the list is sorted, else last); a reason when it cannot go there."""
    if lst.flow:
        return f"{lst.section} is a flow list"
    anchors = [e for e in lst.entries if e.own_line and not e.condition and e.prefix]
    if not anchors:
        return f"{lst.section} of {lst.output} has no unconditional item to place it next to"
    line = _place(index, anchors, canonical(split_spec(item)[0]))
    prefix = anchors[0].prefix
    if not condition:
        lines = [prefix + item]
    elif recipe.format == "v0":
        lines = [f"{prefix}{item}  # [{condition}]"]
    else:
        lines = [f"{prefix}if: {condition}", " " * len(prefix) + f"then: {_yaml_scalar(item)}"]
    return insert_lines_after(index, line, lines, label)


def _yaml_scalar(item: str) -> str:
    return item if _PLAIN_SAFE.match(item.split(" ")[0]) else f'"{item}"'


_FIRST = {"python", "pip", "r-base", "julia"}


def _place(index: LineIndex, anchors: list[Entry], key: str) -> int:
    """The line to insert after: in sorted position when the list is sorted, else after the last item."""
    named = [e for e in anchors if e.key not in _FIRST and not e.templated]
    keys = [e.key for e in named]
    if len(named) >= 2 and keys == sorted(keys):
        before = [e for e in named if e.key < key]
        if before:
            return before[-1].line
        leading = [e for e in anchors if e.line < named[0].line]
        if leading:
            return leading[-1].line
        above = index.line_text(named[0].line - 1).strip() if named[0].line > 1 else ""
        if not above.startswith("#"):  # before the first item, unless a comment is about it
            return named[0].line - 1
    return anchors[-1].line
