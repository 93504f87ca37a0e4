"""Reporters turn a list of Problems into text for people, JSON for tools, GitHub annotations
or SARIF 2.1.0. They know nothing about how the problems were found.

Every format returns text that encodes as UTF-8: a lone surrogate in a message or a file name
(`"\ud800"` in a YAML string, an undecodable file name) is written as a backslash escape.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TextIO

from recipegen import __version__
from recipegen.guard import safe_text
from recipegen.problems import Problem, Severity

SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.HINT: "note"}
GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.HINT: "notice"}


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.file, p.line, p.column, p.rule_id, p.message))


def _place(p: Problem) -> str:
    """`file:line:column`, `file:line`, or the file alone for a problem of the whole file."""
    if not p.line:
        return p.file
    return f"{p.file}:{p.line}:{p.column}" if p.column else f"{p.file}:{p.line}"


def format_text(
    problems: Sequence[Problem],
    *,
    color: bool = False,
    summary: bool = True,
    show_rule: bool = True,
    show_severity: bool = True,
    files_checked: int | None = None,
) -> str:
    colors = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.HINT: "\x1b[36m"}
    lines = []
    for p in problems:
        severity = p.severity.value
        if color:
            severity = f"{colors[p.severity]}{severity}\x1b[0m"
        rule = f" {p.rule_id}" if show_rule else ""
        label = f"{severity}{rule} " if show_severity else rule.lstrip() + (" " if show_rule else "")
        lines.append(f"{_place(p)}: {label}{p.message}")
    if summary:
        counts = {s: sum(1 for p in problems if p.severity is s) for s in Severity}
        files = len({p.file for p in problems})
        checked = f" ({files_checked} file(s) checked)" if files_checked is not None else ""
        if problems:
            lines.append(
                f"{len(problems)} problem(s) in {files} file(s): "
                f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), "
                f"{counts[Severity.HINT]} hint(s){checked}"
            )
        elif files_checked is not None:
            lines.append(f"no problems in {files_checked} file(s)")
    return safe_text("\n".join(lines) + ("\n" if lines else ""))


def format_json(problems: Sequence[Problem]) -> str:
    return safe_text(json.dumps([p.to_dict() for p in problems], indent=2) + "\n")


def _escape_github(value: str, *, is_property: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands: annotations on the pull request's diff lines."""
    lines = []
    for p in problems:
        props = [f"file={_escape_github(p.file, is_property=True)}"]
        if p.line:
            props.append(f"line={p.line}")
            props.append(f"endLine={p.end_line or p.line}")
        if p.column:
            props.append(f"col={p.column}")
            if p.end_column and (p.end_line or p.line) == p.line:
                props.append(f"endColumn={p.end_column}")
        props.append(f"title={_escape_github(p.rule_id, is_property=True)}")
        lines.append(f"::{GITHUB_LEVEL[p.severity]} {','.join(props)}::{_escape_github(p.message)}")
    return safe_text("\n".join(lines) + ("\n" if lines else ""))


def format_sarif(problems: Sequence[Problem], *, rules: dict[str, dict] | None = None) -> str:
    """SARIF 2.1.0, for GitHub code scanning and other SARIF consumers."""
    rules = rules or {}
    rule_ids = sorted({p.rule_id for p in problems} | set(rules))
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    driver_rules = []
    for rule_id in rule_ids:
        info = rules.get(rule_id, {})
        entry = {"id": rule_id, "name": rule_id, "shortDescription": {"text": info.get("summary", rule_id)}}
        if info.get("url"):
            entry["helpUri"] = info["url"]
        if info.get("severity"):
            entry["defaultConfiguration"] = {"level": SARIF_LEVEL[Severity(info["severity"])]}
        if info.get("equivalent"):
            entry["properties"] = {"equivalent": list(info["equivalent"])}
        driver_rules.append(entry)
    results = []
    for p in problems:
        region = {"startLine": max(p.line, 1), "startColumn": max(p.column, 1)}
        if p.end_line:
            region["endLine"] = p.end_line
        if p.end_column:
            region["endColumn"] = p.end_column
        result = {
            "ruleId": p.rule_id,
            "ruleIndex": index[p.rule_id],
            "level": SARIF_LEVEL[p.severity],
            "message": {"text": p.message + (f" (fix: {p.fix})" if p.fix else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": p.file.replace("\\", "/")},
                        "region": region,
                    }
                }
            ],
        }
        if p.equivalent:
            result["properties"] = {"equivalent": list(p.equivalent)}
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "recipegen",
                        "version": __version__,
                        "informationUri": "https://github.com/recipegen/recipegen",
                        "rules": driver_rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return safe_text(json.dumps(log, indent=2) + "\n")


REPORTERS: dict[str, Callable[..., str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
    "sarif": format_sarif,
}


def write_report(
    problems: Sequence[Problem], fmt: str, *, color: bool | None = None, stream: TextIO | None = None, **kwargs
) -> None:
    """The report on `stream` (default stdout)."""
    stream = stream or sys.stdout
    problems = sort_problems(problems)
    if fmt == "text":
        use_color = stream.isatty() if color is None else color
        out = format_text(problems, color=use_color, **kwargs)
    else:
        out = REPORTERS[fmt](problems, **kwargs)
    stream.write(out)
