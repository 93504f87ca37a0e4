"""Converted lines -> a YAML tree whose entries carry their conditions and comments.

Every mapping key is suffixed with its line number before parsing (and the suffix taken off
after), so keys that exist on different platforms (`script: a.sh  # [unix]` / `script: a.bat
# [win]`) are two entries of the same key instead of a duplicate-key error, and every entry knows
the line (hence the condition and the comments) it came from.

`resolve()` turns the tree into plain data for the emitter: list entries under a condition become
`if:`/`then:` items (adjacent items under the same condition share one, a condition followed by
its negation becomes `else:`), keys under a condition become inline `${{ a if c else b }}`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from recipegen.convert.conditions import Condition, join_condition, negate, without
from recipegen.convert.template import Issue, Line
from recipegen.problems import InputError
from recipegen.yamlio import PathKey, parse_yaml

KEY_MARK = "\ue010"
KEY_LINE = re.compile(
    r"^(?P<indent>\s*(?:-\s+)*)(?P<key>[^\s#'\"\[\]{}|>&*!%@`,?-][^:#]*?|\"[^\"]*\"|'[^']*')(?P<colon>:)(?=\s|$)"
)
SIMPLE_EXPRESSION = re.compile(r"^[A-Za-z_][\w.]*$")  # a name needs no parentheses inside `~`
BLOCK_START = re.compile(r"(?::|^\s*-)\s+[|>][-+0-9]*\s*(?:#.*)?$")


@dataclass
class Entry:
    """A mapping key with its value, or a list item (key None)."""

    key: str | None
    value: Any  # CMap, CList or a scalar
    condition: Condition = ()
    origin: int = 0  # meta.yaml line
    index: int = -1  # converted line (comments are looked up by it); -1 = made up
    before: str = ""
    eol: str = ""


@dataclass
class CMap:
    entries: list[Entry] = field(default_factory=list)

    def get(self, key: str) -> list[Entry]:
        return [e for e in self.entries if e.key == key]

    def pop(self, key: str) -> list[Entry]:
        found = self.get(key)
        self.entries = [e for e in self.entries if e.key != key]
        return found

    def value(self, key: str, default: Any = None) -> Any:
        """The value of an unconditional key (the last one, as YAML readers keep)."""
        found = [e for e in self.get(key) if not e.condition]
        return found[-1].value if found else default

    def key_names(self) -> list[str]:
        return list(dict.fromkeys(e.key for e in self.entries if e.key is not None))

    def add(self, key: str, value: Any, *, like: Entry | None = None, condition: Condition = ()) -> Entry:
        entry = Entry(key, value, like.condition if like else condition, like.origin if like else 0)
        if like is not None:
            entry.index, entry.before, entry.eol = like.index, like.before, like.eol
        self.entries.append(entry)
        return entry


@dataclass
class CList:
    items: list[Entry] = field(default_factory=list)


# --- lines -> tree --------------------------------------------------------------------------------


@dataclass
class Comments:
    before: dict[int, str]  # converted line index -> comment lines above it
    eol: dict[int, str]
    trailing: list[str]


def block_scalar_lines(texts: list[str]) -> set[int]:
    """Indexes of lines inside `|`/`>` block scalars (their `#` is text, not a comment)."""
    inside: set[int] = set()
    index = 0
    while index < len(texts):
        line = texts[index]
        if BLOCK_START.search(line.split(" #")[0] if " #" in line else line) or BLOCK_START.search(line):
            indent = len(line) - len(line.lstrip())
            following = index + 1
            while following < len(texts):
                text = texts[following]
                if text.strip() and len(text) - len(text.lstrip()) <= indent:
                    break
                inside.add(following)
                following += 1
            index = following
            continue
        index += 1
    return inside


def comment_start(text: str) -> int:
    """Index of the `#` starting a comment on a YAML line (-1 when none), quotes respected."""
    quote = ""
    previous = " "
    index = 0
    while index < len(text):
        char = text[index]
        if quote:
            if quote == "'" and char == "'" and text[index + 1 : index + 2] == "'":
                index += 2
                continue
            if quote == '"' and char == "\\":
                index += 2
                continue
            if char == quote:
                quote = ""
        elif char in "'\"" and (previous.isspace() or previous in ":-[{,"):
            quote = char
        elif char == "#" and previous.isspace():
            return index
        previous = char
        index += 1
    return -1


TRAILING = "\ue030"  # marks a comment that closed the block above (see pipeline.place_comments)


def collect_comments(lines: list[Line], blocks: set[int]) -> Comments:
    """Comment lines above each content line, and end-of-line comments. Comments indented deeper
    than the line after them closed the block above it; they are marked to stay there."""
    before: dict[int, str] = {}
    eol: dict[int, str] = {}
    pending: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        stripped = line.text.strip()
        if index in blocks:
            continue
        if stripped.startswith("#"):
            pending.append((len(line.text) - len(line.text.lstrip()), stripped.lstrip("#").strip()))
            continue
        if not stripped:
            continue
        start = comment_start(line.text)
        if start >= 0:
            eol[index] = line.text[start + 1 :].strip()
        if pending:
            indent = len(line.text) - len(line.text.lstrip())
            before[index] = "\n".join((TRAILING if depth > indent else "") + text for depth, text in pending)
            pending = []
    # comments after the last line: indented ones closed the block they follow
    return Comments(before, eol, [(TRAILING if depth else "") + text for depth, text in pending])


VERSION_KEY = re.compile(r"^\s*(?:-\s+)?version\S*:\s")
NUMBER_VALUE = re.compile(r"^(?P<head>\s*(?:-\s+|[^\s#:][^:#]*:\s+))(?P<value>[-+]?\d[\d._]*)(?P<tail>\s*(?:#.*)?)$")


def parse_lines(lines: list[Line], filename: str, typed: bool = True) -> tuple[Any, Comments, list[Issue]]:
    """The converted lines as a tree of CMap/CList/scalars (None and an issue when not YAML).

    `typed=False` reads numbers as the text they are written with (variant values)."""
    texts = [line.text for line in lines]
    blocks = block_scalar_lines(texts)
    comments = collect_comments(lines, blocks)
    marked = []
    for index, text in enumerate(texts):
        match = KEY_LINE.match(text) if index not in blocks and not text.lstrip().startswith("#") else None
        if match:
            key = match.group("key")
            if key[0] in "'\"":
                key = key[:-1] + f"{KEY_MARK}{index}" + key[-1]
            else:
                key = f"{key}{KEY_MARK}{index}"
            text = match.group("indent") + key + text[match.end("key") :]
        number = NUMBER_VALUE.match(text) if index not in blocks else None
        if number and typed and not VERSION_KEY.match(text):  # conda-build reads `version: 1.10` as "1.10"
            number = None
        if number:
            text = f'{number.group("head")}"{number.group("value")}"{number.group("tail")}'
        marked.append(text)
    try:
        data = parse_yaml("\n".join(marked) + "\n", filename, keep_comments=False)
    except InputError as exc:
        origin = lines[min(max(exc.line, 1), len(lines)) - 1].origin if exc.line and lines else 0
        message = exc.message.replace(KEY_MARK, "#")
        message = re.sub(r"#\d+", "", message)
        return None, comments, [Issue(origin, f"after converting the Jinja template: {message}")]
    builder = _Builder(lines, comments)
    return builder.node(data, 0), comments, []


class _Builder:
    def __init__(self, lines: list[Line], comments: Comments) -> None:
        self.lines = lines
        self.comments = comments
        self.claimed: set[int] = set()

    def entry(self, key: str | None, value: Any, index: int) -> Entry:
        line = self.lines[index] if 0 <= index < len(self.lines) else Line("", 0)
        entry = Entry(key, value, line.condition, line.origin, index)
        if index not in self.claimed:  # comments of a line go to the first entry it starts
            self.claimed.add(index)
            entry.before = self.comments.before.get(index, "")
            entry.eol = self.comments.eol.get(index, "")
        return entry

    def node(self, data: Any, index: int) -> Any:
        if isinstance(data, dict):
            result = CMap()
            for raw_key, value in data.items():
                key, _, number = str(raw_key).partition(KEY_MARK)
                line = int(number) if number.isdigit() else index
                entry = self.entry(key, None, line)
                entry.value = self.node(value, line)
                result.entries.append(entry)
            return result
        if isinstance(data, list):
            result_list = CList()
            for position, value in enumerate(data):
                line = _item_line(data, position, index)
                entry = self.entry(None, None, line)
                entry.value = self.node(value, line)
                first = entry.value.entries[0] if isinstance(entry.value, CMap) and entry.value.entries else None
                if first is not None and first.index == line and entry.condition:
                    first.condition = without(first.condition, entry.condition)  # `- name: x  # [win]`
                result_list.items.append(entry)
            return result_list
        if isinstance(data, str):
            return str(data)
        return data


def _item_line(data: Any, position: int, default: int) -> int:
    try:
        return int(data.lc.item(position)[0])
    except (AttributeError, KeyError, TypeError, IndexError):
        return default


# --- tree -> plain data ------------------------------------------------------------------------


@dataclass
class Resolved:
    data: Any
    eol: dict[tuple[PathKey, ...], str] = field(default_factory=dict)
    before: dict[tuple[PathKey, ...], str] = field(default_factory=dict)


class Resolver:
    """Plain data with `if:`/`then:` items and inline conditionals; comments by path."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        self.eol: dict[tuple[PathKey, ...], str] = {}
        self.before: dict[tuple[PathKey, ...], str] = {}

    def comment(self, entry: Entry, path: tuple[PathKey, ...], scalar: bool) -> None:
        if entry.before:
            self.before.setdefault(path, entry.before)
        if entry.eol and scalar:
            self.eol.setdefault(path, entry.eol)
        elif entry.eol:
            self.before[path] = (self.before.get(path, "") + "\n" + entry.eol).strip("\n")

    def value(self, node: Any, implied: Condition, path: tuple[PathKey, ...]) -> Any:
        if isinstance(node, CMap):
            return self.mapping(node, implied, path)
        if isinstance(node, CList):
            return self.sequence(node.items, implied, path)
        return node

    def mapping(self, node: CMap, implied: Condition, path: tuple[PathKey, ...]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key in node.key_names():
            entries = node.get(key)
            own = [without(e.condition, implied) for e in entries]
            if len(entries) == 1 and not own[0]:
                result[key] = self.value(entries[0].value, implied, (*path, key))
                self.comment(entries[0], (*path, key), not isinstance(entries[0].value, (CMap, CList)))
                continue
            merged = merge_conditional(entries, own, implied)
            if merged is None:
                self.issues.append(
                    Issue(entries[0].origin, f"`{key}` has values of different kinds on different platforms")
                )
                continue
            result[key] = self.value(merged, implied, (*path, key))
            for entry in entries:
                self.comment(entry, (*path, key), not isinstance(merged, (CMap, CList)))
        return result

    def sequence(self, items: list[Entry], implied: Condition, path: tuple[PathKey, ...]) -> list[Any]:
        groups: list[tuple[Condition, list[Entry]]] = []
        for item in items:
            own = without(item.condition, implied)
            if groups and groups[-1][0] == own and own:
                groups[-1][1].append(item)
            else:
                groups.append((own, [item]))
        result: list[Any] = []
        index = 0
        while index < len(groups):
            condition, members = groups[index]
            position = (*path, len(result))
            if not condition:
                result.append(self.value(members[0].value, implied, position))
                self.comment(members[0], position, not isinstance(members[0].value, (CMap, CList)))
                index += 1
                continue
            conditional: dict[str, Any] = {"if": join_condition(condition)}
            if members[0].before:  # the comment above the first item goes above `- if:`
                self.before.setdefault(position, members[0].before)
                members[0] = Entry(
                    None,
                    members[0].value,
                    members[0].condition,
                    members[0].origin,
                    members[0].index,
                    "",
                    members[0].eol,
                )
            conditional["then"] = self.branch(members, implied + condition, (*position, "then"))
            following = groups[index + 1] if index + 1 < len(groups) else None
            if following and _is_negation(following[0], condition):
                conditional["else"] = self.branch(following[1], implied + following[0], (*position, "else"))
                index += 1
            result.append(conditional)
            index += 1
        return result

    def branch(self, members: list[Entry], implied: Condition, path: tuple[PathKey, ...]) -> Any:
        if len(members) == 1 and not isinstance(members[0].value, (CList,)):
            self.comment(members[0], path, not isinstance(members[0].value, CMap))
            return self.value(members[0].value, implied, path)
        return self.sequence(
            [Entry(None, m.value, implied, m.origin, m.index, m.before, m.eol) for m in members], implied, path
        )


def _is_negation(candidate: Condition, condition: Condition) -> bool:
    return len(candidate) == 1 and len(condition) == 1 and candidate[0] == negate(condition[0])


def merge_conditional(entries: list[Entry], own: list[Condition], implied: Condition) -> Any:
    """One value for a key given several times under conditions; None if they cannot merge."""
    values = [e.value for e in entries]
    if all(isinstance(v, CList) for v in values):
        items = [
            Entry(None, i.value, implied + o + i.condition, i.origin, i.index, i.before, i.eol)
            for v, o in zip(values, own)
            for i in v.items
        ]
        return CList(items)
    if all(isinstance(v, CMap) for v in values):
        merged = CMap()
        for value, condition in zip(values, own):
            for child in value.entries:
                merged.entries.append(
                    Entry(
                        child.key,
                        child.value,
                        implied + condition + child.condition,
                        child.origin,
                        child.index,
                        child.before,
                        child.eol,
                    )
                )
        return merged
    if any(isinstance(v, (CMap, CList)) for v in values):
        return None
    return inline_conditional(values, own)


def inline_conditional(values: list[Any], conditions: list[Condition]) -> Any:
    """`${{ a if c1 else b if c2 else ... }}`: the last value whose condition holds wins; of two
    values under a condition and its negation, the second is the `else`."""
    if len(values) == 2 and _is_negation(conditions[0], conditions[1]):
        first = 1 if join_condition(conditions[0]).startswith("not ") else 0  # the plain test first
        then, other = as_expression(values[first]), as_expression(values[1 - first])
        return "${{ " + f"{then} if {join_condition(conditions[first])} else {other}" + " }}"
    if len(values) == 1 and values[0] is True and conditions[0]:  # `key: true  # [win]`
        return "${{ " + join_condition(conditions[0]) + " }}"
    text = ""
    for value, condition in reversed(list(zip(values, conditions))):
        expression = as_expression(value)
        if not condition:
            return "${{ " + text + expression + " }}" if text else value
        text += f"{expression} if {join_condition(condition)} else "
    return "${{ " + text[: -len(" else ")] + " }}"


def as_expression(value: Any) -> str:
    """A scalar (possibly holding `${{ }}` parts) as one Jinja expression."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    parts = re.split(r"(\$\{\{.*?\}\})", text)
    pieces = []
    for part in parts:
        if not part:
            continue
        if part.startswith("${{"):
            inner = part[3:-2].strip()
            pieces.append(f"({inner})" if len(parts) > 1 and not SIMPLE_EXPRESSION.match(inner) else inner)
        else:
            pieces.append('"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"')
    if len(pieces) == 1 and pieces[0].startswith("(") and len([p for p in parts if p]) == 1:
        return pieces[0][1:-1]
    return " ~ ".join(pieces) if pieces else '""'
