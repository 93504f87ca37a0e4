"""Fuzzing validate, lint and every reporter with mutated copies of the real recipes in fixtures/.

Hypothesis draws a real recipe (v1 recipe.yaml or v0 meta.yaml, with the variant files next to
it) and a few mutations: hostile snippets inserted or put in place of a value (YAML tags, huge
numbers, aliases, deep brackets, surrogate escapes, Jinja that raises or works long), lines
deleted, duplicated, swapped, re-indented, the text cut. Whatever comes out, recipegen must
answer with problems or one unusable-input line: no exception, no internal error, reporter
output that encodes as UTF-8 and JSON/SARIF that parse.

CI runs `FUZZ_EXAMPLES` examples per corpus (230 in all), derandomized (the same every run); more with
`RECIPEGEN_FUZZ_EXAMPLES=5000 python -m pytest tests/reliability/test_fuzz.py`.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from recipegen.linters.api import LintRequest, lint_file

from recipegen.problems import InputError, Problem
from recipegen.reporters import format_github, format_json, format_sarif, format_text, sort_problems
from recipegen.validate import validate_file

from .helpers import FIXTURES, ROOT

# examples per corpus in CI (v0 renders four platforms, so fewer); RECIPEGEN_FUZZ_EXAMPLES for all
FUZZ_EXAMPLES = {"v1": 150, "v0": 80}
if os.environ.get("RECIPEGEN_FUZZ_EXAMPLES"):
    FUZZ_EXAMPLES = dict.fromkeys(FUZZ_EXAMPLES, int(os.environ["RECIPEGEN_FUZZ_EXAMPLES"]))
HANG_SECONDS = 30  # a hang detector only: the campaign (benchmarks/fault_campaign.py) measures times

REAL = ROOT / "fixtures" / "recipes"
V1_RECIPES = [*sorted(p.parent for p in REAL.rglob("recipe.yaml")), FIXTURES]
V0_RECIPES = sorted(p.parent for p in REAL.rglob("meta.yaml"))

HOSTILE = [
    '"\\ud800"',
    '"x\\udcff"',
    "${{",
    "}}",
    "${{ x }}",
    "{{",
    "{%",
    "%}",
    "[" * 101,
    "{" * 40,
    "]]",
    "&a ",
    "*a",
    "*nowhere",
    "<<: *a",
    "? ",
    "? {a: [1]}\n: x",
    ": ",
    "- ",
    "!!set",
    "!!binary",
    "!!python/object:os.system",
    "!custom",
    "9" * 5000,
    "0x" + "f" * 5000,
    "1e999",
    ".inf",
    "~",
    "\t",
    "\r\n",
    "  # [win]",
    '  # ["{}".format()]',
    '  # ["{x}".format()]',
    "  # [lipsum(100000)]",
    "  # [x",
    "  # [1/0]",
    "{{ lipsum(100000) }}",
    '{{ "{}".format() }}',
    "{% for i in range(100000) %}x{% endfor %}",
    '{{ "x" * 10000000 }}',
    '${{ "x" * 10000000 }}',
    "a" * 5000,
    "\u202e",
    "\x7f",
    '"',
    "'",
    "|",
    ">",
    "---",
    "...",
    "%YAML 1.1",
    "&b [*b]",
    "schema_version: 2",
    "outputs:",
    "if: linux",
    "then:",
    "else: [",
    "path: " + "p" * 5000,
    "license_file: ../../../../etc/passwd",
    "sha256: " + "${{}x}" * 2000,
    "key: value",
    "\\",
    "\\x00",
]

LINE = st.integers(min_value=0, max_value=10_000)
MUTATION = st.one_of(
    st.tuples(st.just("insert"), LINE, st.sampled_from(HOSTILE)),
    st.tuples(st.just("replace-value"), LINE, st.sampled_from(HOSTILE)),
    st.tuples(st.just("insert-text"), LINE, st.text(max_size=12)),
    st.tuples(st.just("delete"), LINE, st.just("")),
    st.tuples(st.just("duplicate"), LINE, st.just("")),
    st.tuples(st.just("swap"), LINE, LINE.map(str)),
    st.tuples(st.just("indent"), LINE, st.sampled_from(["", " ", "  ", "\t", " " * 9])),
    st.tuples(st.just("cut"), LINE, st.just("")),
)


def mutate(text: str, mutations: list[tuple[str, int, str]]) -> str:
    lines = text.split("\n")
    for kind, where, payload in mutations:
        lines = lines or [""]
        index = where % len(lines)
        line = lines[index] if lines else ""
        if kind == "insert":
            column = where % (len(line) + 1)
            lines[index] = line[:column] + payload + line[column:]
        elif kind == "insert-text":
            lines.insert(index, payload)
        elif kind == "replace-value" and ": " in line:
            lines[index] = line.split(": ", 1)[0] + ": " + payload
        elif kind == "delete" and lines:
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, line)
        elif kind == "swap":
            other = int(payload) % max(len(lines), 1)
            lines[index], lines[other] = lines[other], line
        elif kind == "indent":
            lines[index] = payload + line.lstrip()
        elif kind == "cut":
            lines = lines[: index + 1]
    return "\n".join(lines)


def check_reporters(problems: list[Problem]) -> None:
    ordered = sort_problems(problems)
    for output in (format_text(ordered, files_checked=1), format_github(ordered)):
        output.encode("utf-8")
    for output in (format_json(ordered), format_sarif(ordered)):
        output.encode("utf-8")
        json.loads(output)
    for problem in ordered:
        assert "internal error" not in problem.message, problem


def lint_and_validate(folder: Path, target: str) -> None:
    start = time.monotonic()
    path = folder / target
    validated: list[Problem] = []
    if target != "meta.yaml":
        try:
            validated = list(validate_file(str(path)))
        except InputError as exc:
            validated = [exc.as_problem()]
    result = lint_file(
        path if target != "conda_build_config.yaml" else folder / _recipe_name(folder), LintRequest(use_config=False)
    )
    assert not result.internal, result.problems
    check_reporters(validated + result.problems)
    assert time.monotonic() - start < HANG_SECONDS


def _recipe_name(folder: Path) -> str:
    return "meta.yaml" if (folder / "meta.yaml").is_file() else "recipe.yaml"


def fuzz_one(source: Path, mutations: list[tuple[str, int, str]], mutate_variants: bool) -> None:
    recipe_name = _recipe_name(source) if source != FIXTURES else "recipe.yaml"
    with tempfile.TemporaryDirectory(prefix="recipegen-fuzz-") as scratch:
        folder = Path(scratch) / "recipe"
        folder.mkdir()
        files = {recipe_name: (source / "base-recipe.yaml") if source == FIXTURES else source / recipe_name}
        for name in ("conda_build_config.yaml", "variants.yaml"):
            if (source / name).is_file():
                files[name] = source / name
        for name, origin in files.items():
            (folder / name).write_text(origin.read_text(encoding="utf-8"), encoding="utf-8")
        target = "conda_build_config.yaml" if mutate_variants and "conda_build_config.yaml" in files else recipe_name
        original = (folder / target).read_text(encoding="utf-8")
        (folder / target).write_text(mutate(original, mutations), encoding="utf-8", errors="surrogatepass")
        lint_and_validate(folder, target)


CORPUS = {"v1": V1_RECIPES, "v0": V0_RECIPES}


def fuzz_test(corpus: str):
    @settings(max_examples=FUZZ_EXAMPLES[corpus])
    @given(data=st.data(), mutations=st.lists(MUTATION, min_size=1, max_size=4), mutate_variants=st.booleans())
    def test(data, mutations, mutate_variants):
        fuzz_one(data.draw(st.sampled_from(CORPUS[corpus]), label="source"), mutations, mutate_variants)

    return test


test_fuzz_v1_recipes = fuzz_test("v1")
test_fuzz_v0_recipes = fuzz_test("v0")
