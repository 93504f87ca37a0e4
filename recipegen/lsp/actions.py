"""Code actions: the rules' mechanical fixes (`recipegen.linters.fixing`) as quick fixes, an
`ignore` comment for any diagnostic, and "fix all" (source.fixAll) as `recipegen lint --fix`
does it. A fix is offered only when the recipe still reads after it.

Edits are returned per file as (line, column, end line, end column, new text), 0-based, in
characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from recipegen.linters.fixing import Fix
from recipegen.lsp.snapshot import Snapshot
from recipegen.problems import InputError, Problem
from recipegen.textedit import LineIndex, TextEdit, apply_edits

Edit = tuple[int, int, int, int, str]


@dataclass
class Action:
    title: str
    edits: dict[Path, list[Edit]] = field(default_factory=dict)
    problem: Problem | None = None
    preferred: bool = False
    fix_all: bool = False


def to_ranges(text: str, edits: tuple[TextEdit, ...] | list[TextEdit]) -> list[Edit]:
    index = LineIndex(text)
    found = []
    for edit in edits:
        line, column = index.position(edit.start)
        end_line, end_column = index.position(edit.end)
        found.append((line - 1, column - 1, end_line - 1, end_column - 1, edit.text))
    return found


def quick_fixes(snapshot: Snapshot, problems: list[Problem], buffers: dict[Path, str]) -> list[Action]:
    """The fix and the ignore comment of each problem; `buffers`: texts of other open files."""
    from recipegen.linters.api import load_document
    from recipegen.linters.fixing import fix_for

    try:
        doc = load_document(snapshot.path, snapshot.text)
    except (InputError, RecursionError):
        doc = None
    actions = []
    for problem in problems:
        found = fix_for(doc, problem) if doc is not None else None
        if found is not None:
            action = _fix_action(snapshot, problem, found, buffers)
            if action is not None:
                actions.append(action)
        ignore = ignore_action(snapshot, problem)
        if ignore is not None:
            actions.append(ignore)
    return actions


def _fix_action(snapshot: Snapshot, problem: Problem, found: Fix, buffers: dict[Path, str]) -> Action | None:
    if found.file is None:
        if not _still_reads(snapshot, apply_edits(snapshot.text, found.edits)):
            return None
        return Action(found.title, {snapshot.path: to_ranges(snapshot.text, found.edits)}, problem, preferred=True)
    from recipegen.yamlio import read_text

    try:
        on_disk = read_text(found.file)
    except InputError:
        return None
    if buffers.get(found.file, on_disk) != on_disk:
        return None  # the other file has unsaved changes: the fix was computed from the disk
    return Action(found.title, {found.file: to_ranges(on_disk, found.edits)}, problem, preferred=True)


def _still_reads(snapshot: Snapshot, text: str) -> bool:
    """The fixed recipe parses (v1) or renders no worse (v0)."""
    from recipegen.linters.api import load_document

    try:
        before = load_document(snapshot.path, snapshot.text)
        after = load_document(snapshot.path, text)
    except (InputError, RecursionError):
        return False
    return len(after.render_problems) <= len(before.render_problems)


def ignore_action(snapshot: Snapshot, problem: Problem) -> Action | None:
    """`# recipegen: ignore[rule]` at the end of the problem's line (before a meta.yaml selector)."""
    if problem.file != str(snapshot.path) or not 1 <= problem.line <= snapshot.block.count:
        return None
    line = snapshot.block[problem.line]
    if line.scalar_text or "recipegen: ignore" in line.text:
        return None
    text = line.text.rstrip()
    if snapshot.fmt == "v0":
        comment = f"# recipegen: ignore({problem.rule_id})"
        selector = text.rfind("  # [")
        if selector >= 0 and text.endswith("]"):
            edit = (problem.line - 1, selector, problem.line - 1, selector, f"  {comment}")
            return Action(f"Ignore {problem.rule_id} on this line", {snapshot.path: [edit]}, problem)
    else:
        comment = f"# recipegen: ignore[{problem.rule_id}]"
    edit = (problem.line - 1, len(text), problem.line - 1, len(line.text), f"  {comment}")
    return Action(f"Ignore {problem.rule_id} on this line", {snapshot.path: [edit]}, problem)


def fix_all(snapshot: Snapshot, lint) -> Action | None:
    """Every mechanical fix of the recipe, each kept only when linting again shows no new error."""
    from recipegen.linters.api import load_document
    from recipegen.linters.fixing import fix_text

    outcome = fix_text(str(snapshot.path), snapshot.text, lint, lambda text: load_document(snapshot.path, text))
    if not outcome.applied or outcome.text == snapshot.text:
        return None
    lines = snapshot.text.split("\n")
    whole = (0, 0, len(lines) - 1, len(lines[-1]), outcome.text)
    title = f"Fix {len(outcome.applied)} problem(s) with recipegen"
    return Action(title, {snapshot.path: [whole]}, preferred=False, fix_all=True)
