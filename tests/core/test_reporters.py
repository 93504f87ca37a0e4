import json

from recipegen.problems import Problem, Severity
from recipegen.reporters import format_github, format_json, format_sarif, format_text

PROBLEMS = [
    Problem(
        "r/recipe.yaml",
        3,
        5,
        "bad: value, 100%",
        rule_id="some-rule",
        severity=Severity.ERROR,
        end_line=3,
        end_column=9,
    ),
    Problem("r/recipe.yaml", 7, 1, "a hint", rule_id="other", severity=Severity.HINT),
]


def test_text():
    out = format_text(PROBLEMS)
    assert out.splitlines()[0] == "r/recipe.yaml:3:5: error some-rule bad: value, 100%"
    assert "1 error(s), 0 warning(s), 1 hint(s)" in out


def test_json_fields():
    data = json.loads(format_json(PROBLEMS))
    assert set(data[0]) >= {"file", "line", "column", "end_line", "end_column", "severity", "rule_id", "message"}
    assert data[1]["end_line"] == 7


def test_github_escapes():
    line = format_github(PROBLEMS).splitlines()[0]
    assert line.startswith("::error file=r/recipe.yaml,line=3,endLine=3,col=5,endColumn=9,title=some-rule::")
    assert line.endswith("bad: value, 100%25")


def test_sarif_structure():
    log = json.loads(format_sarif(PROBLEMS))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {"some-rule", "other"}
    assert run["results"][1]["level"] == "note"
    assert run["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
