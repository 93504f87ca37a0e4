"""Every rule of this area fires on a recipe that breaks it, at the right line, and not on one that follows it."""

from __future__ import annotations

import pytest
from recipegen.linters.registry import rules_by_id

from .rules_a_cases_beyond import ALL as BEYOND
from .rules_a_cases_smithy import ALL as SMITHY
from .rules_a_helpers import AREA_RULES, Case, formats, load, rule_lines

CASES = SMITHY + BEYOND


@pytest.mark.parametrize(("case", "fmt"), formats(CASES))
def test_rule(case: Case, fmt: str, tmp_path) -> None:
    doc = load(case.source(fmt), fmt, tmp_path)
    assert rule_lines(doc, case.rule) == list(case.expected_lines(fmt))


def test_every_rule_has_a_failing_and_a_passing_case_per_format() -> None:
    rules = rules_by_id()
    covered: dict[tuple[str, str, bool], int] = {}
    for case in CASES:
        for fmt in ("v1", "v0") if case.fmt == "both" else (case.fmt,):
            key = (case.rule, fmt, bool(case.expected_lines(fmt)))
            covered[key] = covered.get(key, 0) + 1
    missing = []
    for rule_id in sorted(AREA_RULES):
        assert rule_id in rules, rule_id
        if rule_id.startswith("artifact-"):
            continue  # artifact rules are tested with built packages (test_artifacts.py)
        for fmt in sorted(rules[rule_id].FORMATS):
            missing += [
                f"{rule_id} {fmt} {kind}"
                for kind, failing in (("failing", True), ("passing", False))
                if not covered.get((rule_id, fmt, failing))
            ]
    assert missing == [], "\n".join(missing)
