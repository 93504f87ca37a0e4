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


def quick_fixes(
    snapshot: Snapshot, problems: list[Problem], buffers: dict[Path, str], origins: dict[Problem, Path] | None = None
) -> list[Action]:
    """The fix and the ignore comment of each problem; `buffers`: texts of other open files;
    `origins`: the recipe that reported a problem found in another file (a variants file,
    conda-forge.yml), whose rule has the fix. One fix is preferred: the first in
    `recipegen.linters.fixing.fix_order` (what `lint --fix` and fix-all apply first)."""
    from recipegen.linters.fixing import fix_for, fix_order

    docs: dict[Path, object] = {}
    fixes: list[tuple[Problem, Action]] = []
    ignores = []
    for problem in problems:
        doc = _recipe_doc(snapshot, (origins or {}).get(problem), buffers, docs)
        found = fix_for(doc, problem) if doc is not None else None
        action = _fix_action(snapshot, problem, found, buffers) if found is not None else None
        if action is not None:
            fixes.append((problem, action))
        ignore = ignore_action(snapshot, problem)
        if ignore is not None:
            ignores.append(ignore)
    if fixes:
        min(fixes, key=lambda pair: fix_order(pair[0]))[1].preferred = True
    return [action for _, action in fixes] + ignores


def _recipe_doc(snapshot: Snapshot, origin: Path | None, buffers: dict[Path, str], docs: dict) -> object | None:
    """The recipe document whose rules reported a problem: the snapshot itself, or `origin` (from
    its editor buffer, else the disk); None when it cannot be read."""
    from recipegen.linters.api import load_document

    path = origin or (snapshot.path if snapshot.is_recipe else None)
    if path is None:
        return None
    if path not in docs:
        try:
            text = snapshot.text if path == snapshot.path else buffers.get(path) or path.read_text(encoding="utf-8")
            docs[path] = load_document(path, text)
        except (InputError, RecursionError, OSError, UnicodeDecodeError):
            docs[path] = None
    return docs[path]


def _fix_action(snapshot: Snapshot, problem: Problem, found: Fix, buffers: dict[Path, str]) -> Action | None:
    if found.file is None:
        if not _still_reads(snapshot, apply_edits(snapshot.text, found.edits)):
            return None
        return Action(found.title, {snapshot.path: to_ranges(snapshot.text, found.edits)}, problem)
    from recipegen.yamlio import read_text

    try:
        on_disk = read_text(found.file)
    except InputError:
        return None
    if buffers.get(found.file, on_disk) != on_disk:
        return None  # the other file has unsaved changes: the fix was computed from the disk
    return Action(found.title, {found.file: to_ranges(on_disk, found.edits)}, problem)


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


FIX_ALL_SECONDS = 20.0  # fix-all gives up after this long (the fixes kept so far stay)


def fix_all_edits(
    path: Path, text: str, conda_forge: bool, slow_rules: bool
) -> tuple[str, dict[Path, tuple[str, str]], int]:
    """What `recipegen lint --fix` would write for the recipe `text` at `path` (the same
    configuration, policy and checks; `slow_rules=False` leaves the rattler-build render out):
    (new recipe text, {other file: (old, new text)}, number of fixes applied). Picklable, for the
    server's lanes."""
    from recipegen.linters.api import LintRequest
    from recipegen.linters.fixing import fix_file
    from recipegen.linters.registry import SLOW_RULES
    from recipegen.lsp.checking import too_large

    if too_large(text):
        return text, {}, 0
    request = LintRequest(conda_forge=conda_forge, ignore=() if slow_rules else tuple(sorted(SLOW_RULES)))
    result = fix_file(path, request, write=False, text=text, seconds=FIX_ALL_SECONDS)
    if result.error:
        return text, {}, 0
    others = {file: texts for file, texts in result.changed.items() if file != path}
    return result.text, others, len(result.applied)


def fix_all_action(
    snapshot: Snapshot, found: tuple[str, dict[Path, tuple[str, str]], int], buffers: dict[Path, str]
) -> Action | None:
    """The source.fixAll action of `fix_all_edits`' result; other files only when their editor
    buffer (if open) holds what is on disk."""
    text, others, count = found
    edits: dict[Path, list[Edit]] = {}
    if text != snapshot.text:
        edits[snapshot.path] = [_whole(snapshot.text, text)]
    for file, (old, new) in others.items():
        if buffers.get(file, old) == old:
            edits[file] = [_whole(old, new)]
    if not edits or not count:
        return None
    return Action(f"Fix {count} problem(s) with recipegen", edits, fix_all=True)


def _whole(old: str, new: str) -> Edit:
    lines = old.split("\n")
    return (0, 0, len(lines) - 1, len(lines[-1]), new)
