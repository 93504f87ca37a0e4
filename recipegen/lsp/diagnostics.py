"""Problems as LSP diagnostics, and the rule documentation hovers show.

A diagnostic has the problem's exact range, its severity (hints are `Information`: editors draw
LSP `Hint`s so faintly that conda-forge's hints would go unseen), the rule id as `code` with a
link to the rule's section of docs/rules.md (`codeDescription`), `source` "recipegen", and
conda-smithy's message ids (`R-033`, ...) at the end of the message; `data` carries the rule id,
the suggestion and the conda-smithy equivalents for code actions.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from functools import cache

from lsprotocol import types

from recipegen.problems import Problem, Severity

SOURCE = "recipegen"
SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.HINT: types.DiagnosticSeverity.Information,
}
SMITHY_ID = re.compile(r"^(R|RC|R0|R1|CF|H|H0|H1)-\d{3}$")


def problem_range(problem: Problem, lines: list[str]) -> types.Range:
    """0-based range in characters; line 0 ("the whole file") is the first line."""
    if problem.line <= 0:
        first = lines[0] if lines else ""
        return types.Range(types.Position(0, 0), types.Position(0, max(len(first), 1)))
    line = problem.line - 1
    column = max(problem.column - 1, 0)
    end_line = (problem.end_line or problem.line) - 1
    end_column = (problem.end_column - 1) if problem.end_column else column + 1
    if (end_line, end_column) <= (line, column):
        end_line, end_column = line, column + 1
    return types.Range(types.Position(line, column), types.Position(end_line, end_column))


def smithy_ids(problem: Problem) -> list[str]:
    return [e for e in problem.equivalent if SMITHY_ID.match(e)]


def to_diagnostic(problem: Problem, lines: list[str]) -> types.Diagnostic:
    ids = smithy_ids(problem)
    message = problem.message + (f" (conda-smithy {', '.join(ids)})" if ids else "")
    return types.Diagnostic(
        range=problem_range(problem, lines),
        message=message,
        severity=SEVERITY[problem.severity],
        code=problem.rule_id,
        code_description=types.CodeDescription(href=problem.url) if problem.url else None,
        source=SOURCE,
        data={"rule": problem.rule_id, "fix": problem.fix, "equivalent": list(problem.equivalent)},
    )


@dataclass(frozen=True)
class RuleHelp:
    rule_id: str
    summary: str
    why: str
    passing: str
    url: str


@cache
def rule_help(rule_id: str) -> RuleHelp | None:
    """A rule's summary, why and passing example, from its docstring."""
    from recipegen.linters.registry import described_rules, rule_summary, rule_url

    rule = next((r for r in described_rules() if rule_id == r.ID), None)
    if rule is None:
        return None
    doc = textwrap.dedent("\n".join((rule.__doc__ or "").strip().splitlines()[1:])).strip()
    why = re.search(r"Why:\s*(.*?)(?:\n\s*\n|$)", doc, re.S)
    passing = re.search(r"Passing::\s*\n\n(.*?)(?:\n\S|\Z)", doc + "\n", re.S)
    return RuleHelp(
        rule_id,
        rule_summary(rule),
        " ".join(why.group(1).split()) if why else "",
        textwrap.dedent(passing.group(1)).strip("\n") if passing else "",
        rule_url(rule_id),
    )


def rule_markdown(rule_id: str, message: str = "") -> str:
    found = rule_help(rule_id)
    if found is None:
        return f"**{rule_id}** {message}".strip()
    parts = [f"**{rule_id}**: {found.summary}"]
    if message:
        parts.append(message)
    if found.why:
        parts.append(f"*Why:* {found.why}")
    if found.passing:
        parts.append("Passing:\n\n```yaml\n" + found.passing + "\n```")
    parts.append(f"[docs]({found.url})")
    return "\n\n".join(parts)
