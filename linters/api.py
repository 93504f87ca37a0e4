"""Linting entry points: a recipe text or file in, Problems out."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from recipegen.linters.model import LintOptions, RecipeDocument, RecipeView
from recipegen.linters.registry import all_rules, rule_url
from recipegen.problems import Problem
from recipegen.yamlio import key_span, locate, parse_yaml


def load_v1(text: str, filename: str, recipe_dir: Path | None = None) -> RecipeDocument:
    data = parse_yaml(text, filename)
    view = RecipeView(
        data=data,
        locate=lambda path, _d=data: locate(_d, path),
        locate_key=lambda path, _d=data: key_span(_d, path),
    )
    path = Path(filename)
    return RecipeDocument(path=path, text=text, format="v1", views=[view],
                          recipe_dir=recipe_dir or path.parent)


def lint_document(doc: RecipeDocument, options: LintOptions | None = None,
                  select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Problem]:
    options = options or LintOptions()
    selected, ignored = set(select), set(ignore)
    problems: dict[tuple, Problem] = {}
    for rule in all_rules():
        if doc.format not in rule.FORMATS or (rule.CONDA_FORGE_ONLY and not options.conda_forge):
            continue
        if (selected and rule.ID not in selected) or rule.ID in ignored:
            continue
        for finding in rule.check(doc, options):
            view = finding.view or doc.views[0]
            span = finding.span or (view.locate_key(finding.path) if finding.key else view.locate(finding.path))
            problem = Problem(
                file=str(doc.path), line=span.line, column=span.column, message=finding.message,
                rule_id=rule.ID, severity=finding.severity or rule.SEVERITY,
                end_line=span.end_line, end_column=span.end_column, url=rule_url(rule.ID),
                fix=finding.fix, equivalent=tuple(rule.EQUIVALENT),
            )
            problems.setdefault((problem.rule_id, problem.line, problem.column, problem.message), problem)
    return sorted(problems.values())


def lint_text(text: str, filename: str, options: LintOptions | None = None) -> list[Problem]:
    """Lint a v1 recipe given as text (used by the generators before writing)."""
    return lint_document(load_v1(text, filename), options)
