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

import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recipegen.linters.model import RecipeDocument

from recipegen.problems import InputError, Problem, Severity
from recipegen.textedit import LineIndex, TextEdit, TextEditError, apply_edits

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
    edited: list[tuple[int, int]] = field(default_factory=list)  # offsets in `text` the fixes wrote

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
# rules whose checker stops at the first problem it meets (rattler-build parses up to the first
# failure): what they report after a fix away from the edited lines was there before, uncovered
UNCOVERING_RULES = frozenset({"render-fails"})


def fix_order(problem: Problem) -> tuple:
    """The order fixes are tried in, and which quick fix is preferred (the first): the most severe
    problem first, then by position. `lint --fix`, fix-all and the quick fixes share it."""
    return (-problem.severity.rank, problem.line, problem.column, problem.rule_id, problem.message)


def added(before: list[Problem], after: list[Problem], touched: frozenset[int] | None = None) -> Counter:
    """Errors and warnings `after` has more of than `before`; with `touched` (the lines of the
    new text a fix edited), those of UNCOVERING_RULES elsewhere are not counted (uncovered)."""
    kept = [
        p for p in after if touched is None or p.rule_id not in UNCOVERING_RULES or p.line <= 1 or p.line in touched
    ]
    return _counts(kept, WORSE) - _counts(before, WORSE)


def verdict(
    before: list[Problem], after: list[Problem], fixed: Problem | list[Problem], touched: frozenset[int] | None = None
) -> str:
    """Why the lint result `after` the fixes of `fixed` is unacceptable ("" when it is fine)."""
    new = added(before, after, touched)
    if new:
        (_file, rule_id, message), _ = next(iter(new.items()))
        return f"it would add {rule_id}: {message}"
    wanted = Counter((p.file, p.rule_id, p.message) for p in (fixed if isinstance(fixed, list) else [fixed]))
    left = Counter((p.file, p.rule_id, p.message) for p in after)
    had = Counter((p.file, p.rule_id, p.message) for p in before)
    if any(left[key] > had[key] - count for key, count in wanted.items()):
        return "the problem would remain"
    return ""


Ranges = list[tuple[int, int]]  # offset ranges [start, end) of a text


def apply_tracked(text: str, edits: list[TextEdit], ranges: Ranges) -> tuple[str, Ranges]:
    """`apply_edits`, and `ranges` of `text` moved to where they are in the new text, followed by
    the range each edit's new text covers."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    new_text = apply_edits(text, ordered)
    ends = [e.end for e in ordered]
    shifts = [0]
    for edit in ordered:
        shifts.append(shifts[-1] + len(edit.text) - (edit.end - edit.start))

    def moved(offset: int) -> int:
        done = bisect.bisect_right(ends, offset)  # edits that end at or before the offset
        if done < len(ordered) and ordered[done].start < offset:  # inside an edit: its new end
            return ordered[done].start + shifts[done] + len(ordered[done].text)
        return offset + shifts[done]

    kept = [(moved(start), moved(end)) for start, end in ranges]
    return new_text, kept + [(e.start + shifts[i], e.start + shifts[i] + len(e.text)) for i, e in enumerate(ordered)]


def lines_of(text: str, ranges: Ranges) -> frozenset[int]:
    """The lines (1-based) `ranges` of `text` cover, with their neighbours."""
    index = LineIndex(text)
    found: set[int] = set()
    for start, end in ranges:
        first, last = index.position(start)[0], index.position(max(start, end))[0]
        found.update(range(first - 1, last + 2))
    return frozenset(found)


MAX_ROUNDS = 100  # rounds of one file's fix loop (each lints once, or a few times on a refusal)
FIX_SECONDS = 60.0  # the time one file's fixes may take (the fixes kept so far stay)


def fix_text(
    path: str,
    text: str,
    lint: Callable[[str], list[Problem]],
    load: Callable[[str], RecipeDocument],
    only: Callable[[Problem], bool] = lambda p: True,
    seconds: float = FIX_SECONDS,
) -> FixOutcome:
    """Apply the fixes of the recipe `text` (at `path`), checked by linting again.

    `lint(text)` lints recipe text (InputError when it does not parse); `load(text)` reads it
    for the fix functions. Fixes of other files (variant files) are left out here. `only`
    chooses the problems to fix. Each round applies the fixes whose edits touch different lines
    together and lints once: kept when every problem fixed goes and no error or warning comes,
    else the round is halved until the fix that breaks it is refused alone. `seconds` bounds it.
    """
    import time

    deadline = time.monotonic() + seconds
    outcome = FixOutcome(text, problems=lint(text))
    loop = _FixLoop(path, lint, load, only)
    for _ in range(MAX_ROUNDS):
        if time.monotonic() > deadline:
            break
        batch = loop.batch(outcome)
        if not batch:
            break
        loop.run(outcome, batch)
    return outcome


@dataclass
class _FixLoop:
    """The state of `fix_text`'s rounds: problems refused so far, and how many fixes a round takes."""

    path: str
    lint: Callable[[str], list[Problem]]
    load: Callable[[str], RecipeDocument]
    only: Callable[[Problem], bool]
    skipped: Counter = field(default_factory=Counter)  # refused per (rule, message): later occurrences tried
    size: int = 1 << 30  # fixes a round takes (halved when a round is refused)

    def batch(self, outcome: FixOutcome) -> list[tuple[Problem, Fix]]:
        """Fixes of problems whose edits touch lines no other fix of the round touches."""
        doc = None
        taken: set[int] = set()
        batch: list[tuple[Problem, Fix]] = []
        index = LineIndex(outcome.text)
        for problem in self._candidates(outcome.problems):
            doc = doc or self.load(outcome.text)
            found = fix_for(doc, problem)
            if found is None or found.file is not None:
                self.skipped[(problem.rule_id, problem.message)] += 1
                continue
            lines = _edited_lines(index, found.edits)
            if lines & taken:
                continue  # the next round
            taken |= {n + d for n in lines for d in (-1, 0, 1)}
            batch.append((problem, found))
            if len(batch) >= self.size:
                break
        return batch

    def _candidates(self, problems: list[Problem]) -> list[Problem]:
        seen: Counter = Counter()
        found = []
        for problem in problems:  # in position order: occurrences of one (rule, message) counted in order
            if problem.file != self.path or not self.only(problem) or fixer(problem.rule_id) is None:
                continue
            key = (problem.rule_id, problem.message)
            seen[key] += 1
            if seen[key] > self.skipped[key]:
                found.append(problem)
        return sorted(found, key=fix_order)

    def run(self, outcome: FixOutcome, batch: list[tuple[Problem, Fix]]) -> None:
        """Apply one round's fixes together: kept, or the round halved (one fix alone: refused)."""
        tried = _try(outcome, [f for _, f in batch], self)
        touched = lines_of(tried.text, tried.ranges[len(outcome.edited) :])
        reason = tried.reason or verdict(outcome.problems, tried.problems, [p for p, _ in batch], touched)
        if not reason:
            outcome.reports += _reports(batch, tried.follows)
            outcome.text, outcome.problems, outcome.edited = tried.text, tried.problems, tried.ranges
            self.size = min(self.size * 2, 1 << 30)
            return
        if len(batch) > 1:
            self.size = max(1, len(batch) // 2)
            return
        problem, found = batch[0]
        outcome.reports.append(FixReport(problem, found.title, False, reason))
        self.skipped[(problem.rule_id, problem.message)] += 1
        self.size = 1 << 30


def _edited_lines(index: LineIndex, edits: tuple[TextEdit, ...]) -> set[int]:
    lines: set[int] = set()
    for edit in edits:
        first, last = index.position(edit.start)[0], index.position(edit.end)[0]
        lines.update(range(first, last + 1))
    return lines


def _reports(batch: list[tuple[Problem, Fix]], follows: list[Fix]) -> list[FixReport]:
    """The reports of a kept round; fixes that followed it join the title of a lone fix."""
    if len(batch) == 1:
        problem, found = batch[0]
        titles = [found.title] + [f.title[:1].lower() + f.title[1:] for f in follows]
        return [FixReport(problem, "; then ".join(titles), True)]
    reports = [FixReport(problem, found.title, True) for problem, found in batch]
    return reports + [FixReport(batch[0][0], f"then {f.title[:1].lower() + f.title[1:]}", True) for f in follows]


@dataclass
class _Tried:
    reason: str  # why the edits cannot be kept ("" when they apply and still parse)
    text: str
    problems: list[Problem]
    ranges: Ranges  # the outcome's edited ranges moved, then those of these edits
    follows: list[Fix] = field(default_factory=list)  # fixes of problems the edits brought up


def _try(outcome: FixOutcome, fixes: list[Fix], loop: _FixLoop) -> _Tried:
    """The fixes applied together and the result linted.

    Fixes that bring other problems to light (a compiler moved to build now needs the stdlib)
    are followed by their fixes, up to MAX_CHAIN rounds of them; what counts is the end result.
    """
    try:
        text, ranges = apply_tracked(outcome.text, [e for found in fixes for e in found.edits], outcome.edited)
        tried = _Tried("", text, loop.lint(text), ranges)
    except TextEditError as exc:
        return _Tried(f"the edits do not apply ({exc})", outcome.text, outcome.problems, outcome.edited)
    except InputError as exc:
        return _Tried(f"the result would not parse ({exc.message})", outcome.text, outcome.problems, outcome.edited)
    for _ in range(MAX_CHAIN):
        more = _follow_ups(outcome.problems, tried.problems, loop.load, tried.text)
        if not more:
            break
        try:
            text, ranges = apply_tracked(tried.text, [e for found in more for e in found.edits], tried.ranges)
            problems = loop.lint(text)
        except (TextEditError, InputError):
            break
        tried = _Tried("", text, problems, ranges, [*tried.follows, *more])
    return tried


def _follow_ups(
    before: list[Problem], after: list[Problem], load: Callable[[str], RecipeDocument], text: str
) -> list[Fix]:
    """The fixes of the new errors and warnings that have one (in the recipe itself), on lines
    apart from each other."""
    new = added(before, after)
    if not new:
        return []
    doc = None
    taken: set[int] = set()
    found_fixes = []
    index = LineIndex(text)
    for candidate in sorted(after, key=fix_order):
        if (candidate.file, candidate.rule_id, candidate.message) in new and fixer(candidate.rule_id):
            doc = doc or load(text)
            found = fix_for(doc, candidate)
            if found is not None and found.file is None:
                lines = _edited_lines(index, found.edits)
                if not lines & taken:
                    taken |= {n + d for n in lines for d in (-1, 0, 1)}
                    found_fixes.append(found)
    return found_fixes


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


def fix_file(
    path: str | Path, request: Any = None, write: bool = True, text: str | None = None, seconds: float = FIX_SECONDS
) -> FileFixes:
    """Fix one recipe file with its configuration (`LintRequest`) and write the changed files
    atomically (`write=False`: only compute them, for `--diff` and the language server's fix-all,
    which gives the editor's `text` of the recipe). `seconds` bounds the fixes of the recipe."""
    from recipegen.linters.api import LintRequest, _options_for, lint_document, load_document

    from recipegen.writing import write_atomically
    from recipegen.yamlio import read_text

    path = Path(path)
    try:
        options, select, ignore, _ = _options_for(path, request or LintRequest())
        original = read_text(path) if text is None else text

        def lint(source: str, skip: tuple[str, ...] = (), only: tuple[str, ...] = ()) -> list[Problem]:
            chosen = tuple(r for r in only if not select or r in select) if only else select
            if only and not chosen:
                return []
            doc = load_document(path, source)
            return lint_document(doc, options, select=chosen, ignore=(*ignore, *skip), schema=not only)

        outcome = _fix_quickly(path, original, lint, seconds)
        result = FileFixes(path, original, outcome.text, outcome.reports)
        result.reports += _fix_other_files(load_document(path, outcome.text), outcome.problems, result)
    except InputError as exc:
        return FileFixes(path, "", "", error=str(exc))
    if write:
        for changed, (_, new_text) in result.changed.items():
            write_atomically(changed, new_text, force=True)
    return result


def _fix_quickly(path: Path, original: str, lint: Callable[..., list[Problem]], seconds: float) -> FixOutcome:
    """`fix_text` checking the fixes without the slow rules (`SLOW_RULES`), then once with them:
    only if they find a new error or warning are the fixes checked again with every rule."""
    from recipegen.linters.api import load_document
    from recipegen.linters.registry import SLOW_RULES

    def load(text: str) -> RecipeDocument:
        return load_document(path, text)

    slow = tuple(sorted(r for r in SLOW_RULES if _applies(r, path)))
    quick = fix_text(str(path), original, lambda text: lint(text, skip=slow), load, seconds=seconds)
    if not quick.applied or not slow:
        return quick  # its problems lack only the slow rules', which have no fixes
    before, after = lint(original, only=slow), lint(quick.text, only=slow)
    if added(before, after, lines_of(quick.text, quick.edited)):
        return fix_text(str(path), original, lint, load, seconds=seconds)
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
