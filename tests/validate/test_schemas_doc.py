"""The examples of docs/schemas.md say what `recipegen validate` says: each example, written to a
file of its kind's name, gives exactly the problem its comment (YAML) or the line after it (JSON)
shows."""

from __future__ import annotations

import re

import pytest

from recipegen.validate import validate_file

from .conftest import ROOT

DOC = (ROOT / "docs" / "schemas.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(
    r"### `([a-z0-9-]+)` \(([^)]+)\)\n\n```(yaml|json)\n(.*?)```\n(?:\n`([^`\n]*(?:`[^`\n]*`[^`\n]*)*)`\n)?", DOC, re.S
)


def test_every_kind_has_an_example():
    assert [kind for kind, *_ in EXAMPLES] == [
        "recipe-v1", "variants", "conda-forge", "environment", "condarc", "conda-lock", "rendered-recipe",
        "package-index", "package-about", "package-paths", "package-link", "package-run-exports",
        "channel-run-exports", "repodata", "channeldata",
    ]  # fmt: skip


@pytest.mark.parametrize("example", EXAMPLES, ids=[kind for kind, *_ in EXAMPLES])
def test_example_gives_the_documented_problem(example, tmp_path):
    kind, name, syntax, text, json_line = example
    path = tmp_path / name.split(", ")[0].replace("info/recipe/", "")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    [problem] = validate_file(path, kind)
    if syntax == "yaml":
        [(line, message)] = [(n, row.split("# ", 1)[1]) for n, row in enumerate(text.splitlines(), 1) if "  # " in row]
        assert (problem.line, problem.message) == (line, message.strip())
    else:
        where, message = json_line.split(": ", 1)
        assert f"{path.name}:{problem.line}:{problem.column}" == where.rsplit("/", 1)[-1]
        assert problem.message == message
