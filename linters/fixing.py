"""Mechanical fixes of lint problems: text edits at the recipe's own positions.

A rule with a mechanical fix defines, beside `check()`, a function

    def fix(doc: RecipeDocument, problem: Problem) -> Fix | None

that turns one problem the rule reported (its position, in `doc.text`) into text edits
(`recipegen.textedit.TextEdit`, offsets into the text the edits apply to), or None when this
occurrence has no mechanical fix (a conditional item, a line written by a Jinja loop...). The
helpers rules share for that live in `linters/rules/_fixes.py`.

`fix_text` applies the fixes of one recipe one at a time and keeps a fix only when the recipe
still parses and, linted again, no longer has the problem and has no new error or warning;
every other line stays byte for byte. `recipegen lint --fix` and the language server's quick
fixes use it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recipegen.linters.model import RecipeDocument

from recipegen.problems import InputError, Problem, Severity
from recipegen.textedit import TextEdit, TextEditError, apply_edits

MAX_FIXES = 500  # a bound on the fix loop of one file
MAX_CHAIN = 3  # fixes of problems a fix brings to light, applied with it


@dataclass(frozen=True)
class Fix:
    """What fixes one problem: a title for people and the edits (offsets into the file's text)."""

    title: str
    edits: tuple[TextEdit, ...]
    file: Path | None = None  # the edits are in this file (a variants file), not the recipe


@dataclass(frozen=True)
class FixReport:
    """One problem `fix_text` tried: fixed, or why not."""

    problem: Problem
    title: str
    applied: bool
    reason: str = ""  # why the fix was refused


@dataclass
class FixOutcome:
    text: str  # the recipe with every accepted fix applied
    reports: list[FixReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # what the last lint found

    @property
    def applied(self) -> list[FixReport]:
        return [r for r in self.reports if r.applied]

    @property
    def refused(self) -> list[FixReport]:
        return [r for r in self.reports if not r.applied]


def fixer(rule_id: str) -> Callable[[RecipeDocument, Problem], Fix | None] | None:
    """The `fix` function of the rule `rule_id`, or None."""
    from recipegen.linters.registry import SCHEMA_ID, rules_by_id

    if rule_id == SCHEMA_ID:  # a built-in rule: misspelled keys the schema names a near miss for
        from recipegen.linters.rules._fixes import schema_fix

        return schema_fix
    rule = rules_by_id().get(rule_id)
    found = getattr(rule, "fix", None)
    return found if callable(found) else None


def fixable_rule_ids() -> frozenset[str]:
    from recipegen.linters.registry import SCHEMA_ID, all_rules

    return frozenset(rule.ID for rule in all_rules() if callable(getattr(rule, "fix", None))) | {SCHEMA_ID}


def fix_for(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """The fix of one problem (None: none, or the rule's fix failed on this text)."""
    function = fixer(problem.rule_id)
    if function is None:
        return None
    try:
        found = function(doc, problem)
    except (LookupError, ValueError, TypeError, AttributeError, TextEditError):
        return None
    if not found or not found.edits or not same_file(problem.file, found.file or doc.path):
        return None  # a fix edits the file its problem is in, never another one
    return found


def same_file(name: str | Path, path: str | Path) -> bool:
    """Two names of one file."""
    if str(name) == str(path):
        return True
    try:
        return Path(name).resolve() == Path(path).resolve()
    except OSError:
        return False


def _counts(problems: list[Problem], severities: frozenset[Severity]) -> Counter:
    return Counter((p.file, p.rule_id, p.message) for p in problems if p.severity in severities)


WORSE = frozenset({Severity.ERROR, Severity.WARNING})


def verdict(before: list[Problem], after: list[Problem], fixed: Problem) -> str:
    """Why the lint result `after` a fix is unacceptable ("" when it is fine)."""
    new = _counts(after, WORSE) - _counts(before, WORSE)
    if new:
        (_file, rule_id, message), _ = next(iter(new.items()))
        return f"it would add {rule_id}: {message}"
    key = (fixed.file, fixed.rule_id, fixed.message)
    if (
        Counter((p.file, p.rule_id, p.message) for p in after)[key]
        >= Counter((p.file, p.rule_id, p.message) for p in before)[key]
    ):
        return "the problem would remain"
    return ""


def fix_text(
    path: str,
    text: str,
    lint: Callable[[str], list[Problem]],
    load: Callable[[str], RecipeDocument],
    only: Callable[[Problem], bool] = lambda p: True,
) -> FixOutcome:
    """Apply the fixes of the recipe `text` (at `path`) one by one, each checked by linting again.

    `lint(text)` lints recipe text (InputError when it does not parse); `load(text)` reads it
    for the fix functions. Fixes of other files (variant files) are left out here. `only`
    chooses the problems to fix.
    """
    problems = lint(text)
    outcome = FixOutcome(text, problems=problems)
    skipped: Counter = Counter()  # refused fixes per (rule, message): the next occurrence is tried
    for _ in range(MAX_FIXES):
        problem = _next_problem(path, outcome.problems, skipped, only)
        if problem is None:
            break
        key = (problem.rule_id, problem.message)
        doc = load(outcome.text)
        found = fix_for(doc, problem)
        if found is None or found.file is not None:
            skipped[key] += 1
            continue
        reason, new_text, after, title = _try(outcome.text, found, lint, load, outcome.problems, problem)
        outcome.reports.append(FixReport(problem, title, not reason, reason))
        if reason:
            skipped[key] += 1
            continue
        outcome.text, outcome.problems = new_text, after
    return outcome


def _next_problem(path: str, problems: list[Problem], skipped: Counter, only: Callable[[Problem], bool]) -> Any:
    seen: Counter = Counter()
    for problem in problems:
        if problem.file != path or not only(problem) or fixer(problem.rule_id) is None:
            continue
        key = (problem.rule_id, problem.message)
        seen[key] += 1
        if seen[key] > skipped[key]:
            return problem
    return None


def _try(
    text: str,
    found: Fix,
    lint: Callable[[str], list[Problem]],
    load: Callable[[str], RecipeDocument],
    before: list[Problem],
    problem: Problem,
) -> tuple[str, str, list[Problem], str]:
    """(reason for refusing or "", the new text, its problems, the title of what was done).

    A fix that brings other problems to light (a compiler moved to build now needs the stdlib)
    is followed by their fixes, up to MAX_CHAIN of them; what counts is the end result.
    """
    try:
        new_text = apply_edits(text, found.edits)
        after = lint(new_text)
    except TextEditError as exc:
        return f"the edits do not apply ({exc})", text, before, found.title
    except InputError as exc:
        return f"the result would not parse ({exc.message})", text, before, found.title
    titles = [found.title]
    for _ in range(MAX_CHAIN):
        follow = _follow_up(before, after, load, new_text)
        if follow is None:
            break
        try:
            newer = apply_edits(new_text, follow.edits)
            newer_problems = lint(newer)
        except (TextEditError, InputError):
            break
        new_text, after = newer, newer_problems
        titles.append(follow.title[:1].lower() + follow.title[1:])
    return verdict(before, after, problem), new_text, after, "; then ".join(titles)


def _follow_up(
    before: list[Problem], after: list[Problem], load: Callable[[str], RecipeDocument], text: str
) -> Fix | None:
    """The fix of the first new error or warning that has one (in the recipe itself)."""
    new = _counts(after, WORSE) - _counts(before, WORSE)
    if not new:
        return None
    doc = None
    for candidate in after:
        if (candidate.file, candidate.rule_id, candidate.message) in new and fixer(candidate.rule_id):
            doc = doc or load(text)
            found = fix_for(doc, candidate)
            if found is not None and found.file is None:
                return found
    return None


# --- files (recipegen lint --fix) ------------------------------------------------------------------


@dataclass
class FileFixes:
    """The fixes of one recipe file (and of the variant / conda-forge.yml files its rules name)."""

    path: Path
    original: str
    text: str
    reports: list[FixReport] = field(default_factory=list)
    others: dict[Path, tuple[str, str]] = field(default_factory=dict)  # other file -> (old, new text)
    error: str = ""  # the file could not be read or linted at all

    @property
    def applied(self) -> list[FixReport]:
        return [r for r in self.reports if r.applied]

    @property
    def changed(self) -> dict[Path, tuple[str, str]]:
        found = {self.path: (self.original, self.text)} if self.text != self.original else {}
        return {**found, **{p: t for p, t in self.others.items() if t[0] != t[1]}}


def fix_file(path: str | Path, request: Any = None, write: bool = True) -> FileFixes:
    """Fix one recipe file with its configuration (`LintRequest`) and write the changed files
    atomically (`write=False`: only compute them, for `--diff`)."""
    from recipegen.linters.api import LintRequest, _options_for, lint_document, load_document

    from recipegen.writing import write_atomically
    from recipegen.yamlio import read_text

    path = Path(path)
    try:
        options, select, ignore, _ = _options_for(path, request or LintRequest())
        original = read_text(path)

        def lint(text: str, skip: tuple[str, ...] = (), only: tuple[str, ...] = ()) -> list[Problem]:
            chosen = tuple(r for r in only if not select or r in select) if only else select
            if only and not chosen:
                return []
            doc = load_document(path, text)
            return lint_document(doc, options, select=chosen, ignore=(*ignore, *skip), schema=not only)

        outcome = _fix_quickly(path, original, lint)
        result = FileFixes(path, original, outcome.text, outcome.reports)
        result.reports += _fix_other_files(load_document(path, outcome.text), outcome.problems, result)
    except InputError as exc:
        return FileFixes(path, "", "", error=str(exc))
    if write:
        for changed, (_, new_text) in result.changed.items():
            write_atomically(changed, new_text, force=True)
    return result


def _fix_quickly(path: Path, original: str, lint: Callable[..., list[Problem]]) -> FixOutcome:
    """`fix_text` checking each fix without the slow rules (`SLOW_RULES`), then once with them:
    only if they find a new error or warning are the fixes checked one by one with every rule."""
    from recipegen.linters.api import load_document
    from recipegen.linters.registry import SLOW_RULES

    def load(text: str) -> RecipeDocument:
        return load_document(path, text)

    slow = tuple(sorted(r for r in SLOW_RULES if _applies(r, path)))
    quick = fix_text(str(path), original, lambda text: lint(text, skip=slow), load)
    if not quick.applied or not slow:
        return quick  # its problems lack only the slow rules', which have no fixes
    before, after = lint(original, only=slow), lint(quick.text, only=slow)
    if _counts(after, WORSE) - _counts(before, WORSE):
        return fix_text(str(path), original, lint, load)
    quick.problems += after
    return quick


def _applies(rule_id: str, path: Path) -> bool:
    """The rule reads recipes of this file's format (meta.yaml: v0, else v1)."""
    from recipegen.linters.api import is_v0
    from recipegen.linters.registry import rules_by_id

    rule = rules_by_id().get(rule_id)
    return rule is not None and ("v0" if is_v0(path) else "v1") in rule.FORMATS


def _fix_other_files(doc: RecipeDocument, problems: list[Problem], result: FileFixes) -> list[FixReport]:
    """Fixes whose edits are in another file (a variants file, conda-forge.yml): all the edits of
    one file at once (offsets into its text on disk), kept when it still parses and validates."""
    from recipegen.yamlio import read_text

    by_file: dict[Path, list[tuple[Problem, Fix]]] = {}
    for problem in problems:
        found = fix_for(doc, problem)
        if found is not None and found.file is not None:
            by_file.setdefault(found.file, []).append((problem, found))
    reports = []
    for file, fixes in by_file.items():
        old = read_text(file)
        edits = [edit for _, found in fixes for edit in found.edits]
        reason, new = _check_other_file(file, old, edits)
        for problem, found in fixes:
            reports.append(FixReport(problem, found.title, not reason, reason))
        if not reason:
            result.others[file] = (old, new)
    return reports


def _check_other_file(file: Path, old: str, edits: list[TextEdit]) -> tuple[str, str]:
    from recipegen.validate import validate_text

    try:
        new = apply_edits(old, edits)
    except TextEditError as exc:
        return f"the edits do not apply ({exc})", old
    try:
        before = len(validate_text(old, str(file)))
        after = len(validate_text(new, str(file)))
    except InputError as exc:
        return f"the result would not parse ({exc.message})", old
    if after > before:
        return f"{file.name} would have more schema problems", old
    return "", new
