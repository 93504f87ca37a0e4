"""Broken recipes are rejected at the right line and column, with a message naming the key and
what was expected. Each file in fixtures/broken/ states its expected problems in
`# expect: LINE:COL: message` lines (the message part must be contained in the real message)."""

import re

import pytest

from recipegen.validate import validate_file

from .conftest import BROKEN

CASES = sorted(p for p in BROKEN.rglob("*.yaml") if "unusable" not in p.parts)
EXPECT = re.compile(r"# expect: (\d+):(\d+): (.+)")


def expectations(path):
    found = [EXPECT.match(line) for line in path.read_text().splitlines() if line.startswith("# expect:")]
    return [(int(m.group(1)), int(m.group(2)), m.group(3)) for m in found]


def test_enough_broken_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem if p.parent == BROKEN else f"{p.parent.name}/{p.stem}")
def test_broken_recipe_is_rejected_precisely(path):
    expected = expectations(path)
    assert expected, f"{path.name} has no '# expect:' line"
    problems = validate_file(path)
    got = [(p.line, p.column, p.message) for p in problems]
    assert len(problems) == len(expected), got
    for line, column, text in expected:
        assert any(p.line == line and p.column == column and text in p.message for p in problems), (
            line,
            column,
            text,
            got,
        )
    for problem in problems:
        assert problem.rule_id == "schema"
        assert problem.severity.value == "error"
        assert problem.file == str(path)
        assert (problem.end_line, problem.end_column) >= (problem.line, problem.column + 1)
        assert "is not valid under any of the given schemas" not in problem.message
