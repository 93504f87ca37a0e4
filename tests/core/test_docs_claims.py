"""What the docs promise: schema.md's "linted" claims name rules that report those fields;
github-actions.md installs recipegen from where it really is."""

from __future__ import annotations

import re
from pathlib import Path

from recipegen.linters.api import lint_text
from recipegen.linters.registry import known_ids

DOCS = Path(__file__).resolve().parents[2] / "docs"

MULTI_OUTPUT = """\
$schema: https://example.org/x.json
recipe:
  name: foo
  version: "1.0"
version: "1.0"
outputs:
  - package:
      name: foo
"""


def test_schema_doc_names_the_rule_for_every_linted_claim():
    text = (DOCS / "schema.md").read_text()
    claims = re.findall(r"\blinted\b(?: by `([a-z0-9-]+)`)?", text)
    assert claims and all(rule in known_ids() for rule in claims), claims


def test_the_claimed_rule_reports_those_fields():
    found = {(p.rule_id, p.line) for p in lint_text(MULTI_OUTPUT, "recipe.yaml")}
    assert {("unexpected-top-level-key", 1), ("unexpected-top-level-key", 5)} <= found


def test_ci_installs_from_the_repository():
    text = (DOCS / "github-actions.md").read_text()
    installs = re.findall(r"- run: pip install ([^\n]+)", text)
    assert installs and all(line == '"recipegen @ git+https://github.com/recipegen/recipegen"' for line in installs)
