"""Text edits the rules' `fix` functions share (see recipegen.linters.fixing).

Every edit works on the recipe text as written (both formats: a meta.yaml's selectors and
Jinja stay as they are) through its line structure (`recipegen.yamlblocks`), and returns None
where a fix is not mechanical: an item inside an `if/then/else` branch or a Jinja block, a
flow list (`host: [a, b]`), a value written by a template.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from recipegen.linters.fixing import Fix
from recipegen.linters.model import RecipeDocument

from recipegen.problems import Problem
from recipegen.textedit import LineIndex, TextEdit, delete_lines, insert_lines_after, replace_span, scalar_extent
from recipegen.yamlblocks import Block, Line


@lru_cache(maxsize=8)
def block(text: str) -> Block:
    return Block(text)


@lru_cache(maxsize=8)
def line_index(text: str) -> LineIndex:
    return LineIndex(text)


def line_text(doc: RecipeDocument, number: int) -> str:
    return line_index(doc.text).line_text(number)


# --- one value ------------------------------------------------------------------------------------

NUMBER = re.compile(r"[+-]?[0-9][0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9]+)?|[+-]?\.[0-9]+")


def scalar_text(text: str, number: int, column: int) -> tuple[int, int, str]:
    """(start, end, written) of the one-line scalar at (number, column) of `text` (1-based)."""
    line = line_index(text).line_text(number)
    start, end = scalar_extent(line, column)
    return start, end, line[start - 1 : end - 1]


def unquoted(written: str) -> str:
    if len(written) >= 2 and written[0] in "'\"" and written[-1] == written[0]:
        return written[1:-1]
    return written


def replace_span_text(doc: RecipeDocument, problem: Problem, new_text: str, title: str) -> Fix | None:
    """Replace exactly the problem's span (one line) with `new_text`."""
    if not problem.line or problem.end_line not in (0, problem.line):
        return None
    end = problem.end_column or problem.column + 1
    index = line_index(doc.text)
    return Fix(title, (replace_span(index, problem.line, problem.column, end, new_text),))


def span_text(doc: RecipeDocument, problem: Problem) -> str:
    line = line_index(doc.text).line_text(problem.line)
    return line[problem.column - 1 : (problem.end_column or problem.column + 1) - 1]


def replace_scalar(text: str, number: int, column: int, value: str, title: str, file: Path | None = None) -> Fix | None:
    """Replace the one-line scalar at (number, column) by `value`, in the same quotes if quoted."""
    start, end, written = scalar_text(text, number, column)
    if not written or written[0] in "|>[{&*!":
        return None
    if unquoted(written) != written:
        if written[0] in value:
            return None
        start, end = start + 1, end - 1
    return Fix(title, (replace_span(line_index(text), number, start, end, value),), file)


def quote_number(text: str, number: int, column: int, title: str = "", file: Path | None = None) -> Fix | None:
    """Put double quotes around the number written at (number, column)."""
    start, end, written = scalar_text(text, number, column)
    if not NUMBER.fullmatch(written):
        return None
    title = title or f'Quote `{written}` as "{written}"'
    return Fix(title, (replace_span(line_index(text), number, start, end, f'"{written}"'),), file)


def replace_in_line(text: str, number: int, old: str, new: str, title: str) -> Fix | None:
    """Replace the first `old` of line `number` (outside a comment) by `new`."""
    body = line_index(text).line_text(number).split(" #", 1)[0]
    at = body.find(old)
    if at < 0:
        return None
    return Fix(title, (replace_span(line_index(text), number, at + 1, at + 1 + len(old), new),))


# --- list items -------------------------------------------------------------------------------------


def item_at(doc: RecipeDocument, number: int) -> Line | None:
    """The plain `- value` item on line `number` (None for a mapping item or anything else)."""
    lines = block(doc.text)
    if not 1 <= number <= lines.count:
        return None
    line = lines[number]
    return line if line.item and line.key is None and line.value else None


def section_of_item(doc: RecipeDocument, item: Line) -> tuple[Line, Line] | None:
    """(requirements line, section line) holding `item` directly (not in a conditional branch)."""
    lines = block(doc.text)
    owner = lines.owner_of_item(item.number)
    sections = doc.dialect.requirement_sections
    if owner is None or owner.item or owner.key not in sections or owner.value:
        return None
    parent = lines[owner.parent]
    if parent.key != "requirements" or parent.value:
        return None
    if any(lines[n].jinja for n in range(owner.number, lines.block_end(owner.number) + 1)):
        return None  # a Jinja block around items: moving one out would change its condition
    return parent, owner


_LEADING_EXPRESSION = re.compile(r"\$?\{\{.*?\}\}")


def item_name(value: str) -> str:
    """The package name of a spec as written (`numpy >=1.2` -> numpy); an item that starts with a
    Jinja expression is named by the whole expression, spaces and quotes normalised
    (`${{ compiler("c") }}` -> `${{compiler('c')}}`), with what follows it up to a space."""
    text = value.strip().strip("'\"") if not value.strip().startswith(("${{", "{{")) else value.strip()
    expression = _LEADING_EXPRESSION.match(text)
    if expression:
        rest = re.split(r"[\s=<>!~\[]", text[expression.end() :], maxsplit=1)[0]
        return re.sub(r"\s+", "", expression.group(0)).replace('"', "'") + rest
    return re.split(r"[\s=<>!~\[]", text, maxsplit=1)[0]


def delete_item(doc: RecipeDocument, item: Line, owner: Line | None = None) -> TextEdit:
    """Delete the item's lines; with its list `owner`, the key too when it is the only item."""
    lines = block(doc.text)
    index = line_index(doc.text)
    if owner is not None and [i.number for i in lines.items_of(owner.number)] == [item.number]:
        return delete_lines(index, owner.number, lines.block_end(owner.number))
    return delete_lines(index, item.number, lines.block_end(item.number))


def _item_text(doc: RecipeDocument, item: Line, indent: int) -> list[str]:
    """The item's lines re-indented so the `-` sits at column `indent`."""
    lines = block(doc.text)
    shift = indent - item.indent
    out = []
    for number in range(item.number, lines.block_end(item.number) + 1):
        text = line_text(doc, number)
        out.append(" " * shift + text if shift >= 0 else text[min(-shift, len(text) - len(text.lstrip(" "))) :])
    return out


def add_to_section(
    doc: RecipeDocument, requirements: Line, section: str, new_lines: list[str], item_indent: int
) -> list[TextEdit] | None:
    """Edits adding the item lines `new_lines` (written for a `-` at column 0) to `section` of
    the `requirements` mapping; the section is created in the canonical order if missing."""
    lines = block(doc.text)
    index = line_index(doc.text)
    target = lines.child_key(requirements.number, section)
    if target is not None:
        if target.value:
            return None  # `host: [a, b]` or a template value
        items = lines.items_of(target.number)
        indent = items[0].indent if items else target.indent + item_indent
        after = lines.block_end(target.number)
        return [insert_lines_after(index, after, [" " * indent + text for text in new_lines])]
    order = doc.dialect.requirement_sections
    children = [c for c in lines.children(requirements.number) if c.key is not None and not c.item]
    if not children:
        return None
    key_indent = children[0].indent
    body = [" " * key_indent + f"{section}:", *(" " * (key_indent + item_indent) + t for t in new_lines)]
    before = [c for c in children if c.key in order and order.index(c.key) < order.index(section)]
    if before:
        return [insert_lines_after(index, lines.block_end(before[-1].number), body)]
    return [insert_lines_after(index, requirements.number, body)]


def section_has(doc: RecipeDocument, requirements: Line, section: str, name: str) -> bool:
    lines = block(doc.text)
    target = lines.child_key(requirements.number, section)
    if target is None:
        return False
    return any(item_name(i.value) == name for i in lines.items_of(target.number) if i.key is None)


def move_item(doc: RecipeDocument, problem: Problem, section: str, value: str | None = None) -> Fix | None:
    """Move the requirement item the problem points at to `section` of the same requirements,
    written as `value` if given (only delete it when `section` already lists the package)."""
    item = item_at(doc, problem.line)
    found = section_of_item(doc, item) if item else None
    if item is None or found is None:
        return None
    requirements, owner = found
    if owner.key == section:
        return None
    name = item_name(value or item.value)
    removal = delete_item(doc, item, owner)
    if section_has(doc, requirements, section, name):
        return Fix(f"Remove `{item.value}` from {owner.key} ({section} has `{name}`)", (removal,))
    moved = _item_text(doc, item, 0)
    if value is not None:
        moved[0] = moved[0].replace(item.value, value, 1)
    added = add_to_section(doc, requirements, section, moved, item.indent - owner.indent)
    if added is None:
        return None
    shown = value or item.value
    return Fix(f"Move `{shown}` from {owner.key} to {section}", (removal, *added))


def insert_item_after(doc: RecipeDocument, item: Line, value: str, title: str) -> Fix:
    """A new `- value` item right after `item`, at the same indentation."""
    lines = block(doc.text)
    index = line_index(doc.text)
    new_line = " " * item.indent + "-" + " " * (item.content - item.indent - 1) + value
    return Fix(title, (insert_lines_after(index, lines.block_end(item.number), [new_line]),))


def mapping_line(doc: RecipeDocument, problem: Problem) -> Line | None:
    """The `key: value` line the problem points at."""
    lines = block(doc.text)
    if not 1 <= problem.line <= lines.count:
        return None
    line = lines[problem.line]
    return line if line.key is not None else None


def rewrite_item(doc: RecipeDocument, problem: Problem, rewrite: Callable[[str], str], title: str) -> Fix | None:
    """Rewrite the requirement item the problem points at (`title` may use `{new}`)."""
    item = item_at(doc, problem.line)
    if item is None:
        return None
    new = rewrite(unquoted(item.value))
    if not new or new == unquoted(item.value) or "{{" in item.value:
        return None
    return replace_scalar(doc.text, item.number, item.content + 1, new, title.format(new=new))


def remove_item(doc: RecipeDocument, problem: Problem, title: str) -> Fix | None:
    """Delete the list item the problem points at (its key too when it is the only item of a
    plain key; never the `then:`/`else:` of a conditional item)."""
    item = item_at(doc, problem.line)
    if item is None:
        return None
    lines = block(doc.text)
    owner = lines.owner_of_item(item.number)
    if owner is None or owner.key is None:
        return None
    only = [i.number for i in lines.items_of(owner.number)] == [item.number]
    if only and owner.key in ("then", "else"):
        return None
    return Fix(title, (delete_item(doc, item, owner),))


def indent_unit(doc: RecipeDocument) -> int:
    """The indentation the file uses for a nested mapping (2 unless it says otherwise)."""
    lines = block(doc.text)
    for line in lines.lines[1:]:
        if not line.blank and not line.jinja and line.parent and not line.item and not lines[line.parent].item:
            step = line.indent - lines[line.parent].indent
            if step > 0:
                return step
    return 2


def insert_child(doc: RecipeDocument, parent: Line, text: str, title: str) -> Fix | None:
    """`text` (`key: value`) as the first entry of the mapping key line `parent` opens."""
    lines = block(doc.text)
    if parent.value:
        return None
    children = [c for c in lines.children(parent.number) if not c.item]
    indent = children[0].indent if children else parent.content + indent_unit(doc)
    return Fix(title, (insert_lines_after(line_index(doc.text), parent.number, [" " * indent + text]),))


def top_level_insert_after(doc: RecipeDocument, key: str, order: tuple[str, ...]) -> int:
    """The line after which a new top-level `key` goes in the canonical `order` (0: the top)."""
    lines = block(doc.text)
    top = [c for c in lines.children(0) if c.key is not None and not c.item]
    before = [c for c in top if c.key in order and order.index(c.key) < order.index(key)]
    if before:
        return lines.block_end(before[-1].number)
    if top:
        first = top[0].number
        while first > 1 and lines[first - 1].blank and lines[first - 1].text.lstrip().startswith("#"):
            first -= 1  # comments right above the first key belong to it
        return first - 1
    return lines.count


def reorder_children(doc: RecipeDocument, parent: int, sort_key: Callable[[str], int], title: str) -> Fix | None:
    """Reorder the mapping entries of line `parent` (0: the top level) by `sort_key` of their
    keys (stable); each entry moves with the comments and blank lines right above it."""
    lines = block(doc.text)
    entries = lines.children(parent)
    if not entries or any(e.item or e.key is None for e in entries):
        return None
    first = entries[0].number
    last = lines.block_end(entries[-1].number)
    if any(lines[n].jinja for n in range(first, last + 1)):
        return None  # a Jinja block around entries: moving them would change what it covers
    chunks: list[tuple[str, list[str]]] = []
    start = first
    for entry in entries:
        end = lines.block_end(entry.number)
        chunks.append((entry.key or "", [lines[n].text for n in range(start, end + 1)]))
        start = end + 1
    separated = any(not text[0].strip() for _, text in chunks[1:])
    ordered = sorted(chunks, key=lambda chunk: sort_key(chunk[0]))
    if [k for k, _ in ordered] == [k for k, _ in chunks]:
        return None
    body: list[str] = []
    for position, (_, text) in enumerate(ordered):
        while text and not text[0].strip():
            text = text[1:]
        if position and separated:
            body.append("")
        body.extend(text)
    index = line_index(doc.text)
    span_start, span_end = index.line_range(first, last)
    newline = index.newline
    replaced = doc.text[span_start:span_end]
    tail = newline if replaced.endswith(("\n", "\r")) else ""
    return Fix(title, (TextEdit(span_start, span_end, newline.join(body) + tail),))


_MISSPELLED = re.compile(r"unknown key '(?P<bad>[^']+)' .*\(did you mean '(?P<good>[^']+)'\?\)")


def schema_fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """The fix of the built-in `schema` rule, in the recipe or in a variants file: a key the
    schema does not know and whose near miss it names (`verison` -> `version`) is renamed, a
    number where text is expected (`sha256: 0123...`) is quoted as written."""
    if not problem.line:
        return None
    file = None if problem.file == str(doc.path) else Path(problem.file)
    if file is None:
        text = doc.text
    else:
        from recipegen.yamlio import read_text

        text = read_text(file)
    if "(quote it: " in problem.message:
        return quote_number(text, problem.line, problem.column, file=file)
    found = _MISSPELLED.search(problem.message)
    if found is None:
        return None
    bad, good = found.group("bad"), found.group("good")
    line = line_index(text).line_text(problem.line)
    if line[problem.column - 1 : problem.column - 1 + len(bad)] != bad:
        return None
    edit = replace_span(line_index(text), problem.line, problem.column, problem.column + len(bad), good)
    return Fix(f"Rename `{bad}` to `{good}`", (edit,), file)


def test_latest_python(doc: RecipeDocument, problem: Problem, default: str | None) -> Fix | None:
    """Add `"*"` to the `python_version` of the python test at the problem (or set it to
    `default` when the test has none)."""
    lines = block(doc.text)
    python = lines[problem.line] if 1 <= problem.line <= lines.count else None
    if python is None or python.key != "python" or python.value:
        return None
    version = next((c for c in lines.children(python.number) if c.key == "python_version" and not c.item), None)
    title = 'Also test the newest Python (`"*"`)'
    if version is None:
        return insert_child(doc, python, f"python_version: {default}", title) if default else None
    index = line_index(doc.text)
    if not version.value:
        items = lines.items_of(version.number)
        return insert_item_after(doc, items[-1], '"*"', title) if items else None
    start = version.text.index(version.value, version.content + len("python_version"))
    end = start + len(version.value)
    if version.value.startswith("[") and version.value.endswith("]"):
        edit = replace_span(index, version.number, end, end, ', "*"')
        return Fix(title, (edit,))
    written = version.value if version.value[0] in "'\"" else f'"{version.value}"'
    if '"' in version.value[1:-1]:
        return None
    return Fix(title, (replace_span(index, version.number, start + 1, end + 1, f'[{written}, "*"]'),))


def add_feedstock_name(doc: RecipeDocument, name: str) -> list[TextEdit] | None:
    """`extra.feedstock-name: name` (the `extra` section added at the end when missing)."""
    lines = block(doc.text)
    if lines.find(("extra", "feedstock-name")) is not None:
        return []
    extra = lines.find(("extra",))
    if extra is not None:
        added = insert_child(doc, extra, f"feedstock-name: {name}", "")
        return list(added.edits) if added else None
    last = lines.block_end(lines.children(0)[-1].number) if lines.children(0) else lines.count
    body = ["", "extra:", " " * indent_unit(doc) + f"feedstock-name: {name}"]
    return [insert_lines_after(line_index(doc.text), last, body)]
