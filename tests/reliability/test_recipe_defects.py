"""Regression tests for the recipe defects of issue 12, each from the smallest input that showed it.

Every input is one of the clean base recipes of fixtures/reliability/ with one change; each
must give a clean run (no traceback, no internal error, exit 0/1/2) in validate and in every
lint format, plus the specific verdict the defect was about.
"""

from __future__ import annotations

import time

import pytest

from recipegen.problems import InputError
from recipegen.validate import validate_text
from recipegen.yamlio import parse_yaml

from .helpers import BASE_V0, BASE_V1, check_every_format, run, write_recipe

HUGE_INT = "9" * 5000


def v1_with(old: str, new: str) -> str:
    assert old in BASE_V1
    return BASE_V1.replace(old, new, 1)


def v0_with(old: str, new: str) -> str:
    assert old in BASE_V0
    return BASE_V0.replace(old, new, 1)


RECIPE_CASES = {
    # 8: a surrogate escape reaches the messages (license text is quoted back)
    "surrogate-license": v1_with("license: MIT", 'license: "\\ud800"'),
    "surrogate-summary": v1_with("summary: A package", 'summary: "\\udcff A package'),
    # 9: YAML that made the readers raise
    "huge-int": v1_with("number: 0", f"number: {HUGE_INT}"),
    "huge-hex-int": v1_with("number: 0", "number: 0x" + "f" * 5000),
    "complex-key": BASE_V1 + "? {a: [1]}\n: x\n",
    "complex-flow-key": BASE_V1 + "x: {[1, 2]: 3}\n",
    "duplicate-anchor": BASE_V1 + "x: &a 1\ny: &a 2\nz: *a\n",
    # 12: false refusals
    "brackets-in-comment": BASE_V1 + "# " + "[" * 101 + "\n",
    "brackets-in-string": v1_with(
        "summary: A package that recipegen's reliability tests use", 'summary: "' + "[" * 101 + ' A package"'
    ),
    "long-source-path": v1_with(
        "  url: https://example.org/foo-${{ version }}.tar.gz\n  sha256: "
        "8f7a2b1c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a",
        "  path: " + "a" * 5000,
    ),
    "nul-source-path": v1_with(
        "  url: https://example.org/foo-${{ version }}.tar.gz\n  sha256: "
        "8f7a2b1c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a",
        '  path: "a\\0b"',
    ),
}

V0_CASES = {
    # 7: untrusted selector code raising past the sandbox
    "format-index-selector": v0_with("skip: true  # [win]", 'skip: true  # ["{}".format()]'),
    "format-key-selector": v0_with("skip: true  # [win]", 'skip: true  # ["{x}".format()]'),
    "lipsum-selector": v0_with("skip: true  # [win]", 'skip: true  # [lipsum(100000) == "x"]'),
    "lipsum-template": v0_with("summary: A package", "summary: {{ lipsum(100000) }} A package"),
    "huge-int-v0": v0_with("number: 0", f"number: {HUGE_INT}"),
    "surrogate-v0": v0_with("license: MIT", 'license: "\\ud800"'),
}


@pytest.mark.parametrize("name", sorted(RECIPE_CASES))
def test_v1_defect_runs_clean_in_every_format(name, tmp_path):
    check_every_format(write_recipe(tmp_path / name, RECIPE_CASES[name]))


@pytest.mark.parametrize("name", sorted(V0_CASES))
def test_v0_defect_runs_clean_in_every_format(name, tmp_path):
    path = write_recipe(tmp_path / name, V0_CASES[name], name="meta.yaml")
    for fmt in ("text", "json", "github", "sarif"):
        from .helpers import assert_clean_run

        assert_clean_run(run("lint", "--no-config", "--format", fmt, str(path)))


def test_brackets_in_comments_and_strings_are_not_nesting():
    for name in ("brackets-in-comment", "brackets-in-string"):
        assert parse_yaml(RECIPE_CASES[name], "recipe.yaml")["package"]["name"] == "foo"
        assert validate_text(RECIPE_CASES[name], "recipe.yaml") == []


def test_real_nesting_is_still_refused():
    with pytest.raises(InputError, match="nesting deeper than 100 levels"):
        parse_yaml("a: " + "[" * 101 + "]" * 101 + "\n", "recipe.yaml")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("huge-int", "an integer with more than 4300 digits"),
        ("huge-hex-int", "an integer with more than 4300 digits"),
        ("complex-key", "a list or mapping used as a mapping key"),
        ("complex-flow-key", "a list or mapping used as a mapping key"),
    ],
)
def test_unreadable_yaml_is_one_line_exit_2(name, message, tmp_path):
    result = run("validate", str(write_recipe(tmp_path / name, RECIPE_CASES[name])))
    assert result.exit_code == 2 and message in result.output


def test_duplicate_anchor_reads_without_a_python_warning(tmp_path, recwarn):
    result = run("validate", str(write_recipe(tmp_path / "anchors", RECIPE_CASES["duplicate-anchor"])))
    assert "Warning" not in result.output and not [w for w in recwarn if "anchor" in str(w.message).lower()]


def test_format_in_a_selector_is_a_finding(tmp_path):
    path = write_recipe(tmp_path / "fmt", V0_CASES["format-index-selector"], name="meta.yaml")
    result = run("lint", "--no-config", str(path))
    assert 'cannot evaluate selector ["{}".format()]: IndexError' in result.output


@pytest.mark.parametrize("case", ["lipsum-selector", "lipsum-template"])
def test_lipsum_is_capped(case, tmp_path):
    path = write_recipe(tmp_path / case, V0_CASES[case], name="meta.yaml")
    result = run("lint", "--no-config", str(path))
    assert "lipsum() with 100000 (limit 20)" in result.output


def test_slow_jinja_calls_share_one_budget_per_recipe(tmp_path, monkeypatch):
    # every selector a different slow call: each stops at its own deadline, all stop at the recipe's
    # (a 1 s recipe budget instead of 5 s: the same stop, sooner)
    monkeypatch.setattr("recipegen.sandbox.DOCUMENT_BUDGET_SECONDS", 1.0)
    lines = "".join(f'  k{i}: 1  # [("ab " * 300000)|wordwrap({i + 2})|length > {i}]\n' for i in range(200))
    path = write_recipe(tmp_path / "slow", v0_with("extra:\n", "extra:\n" + lines), name="meta.yaml")
    start = time.monotonic()
    result = run("lint", "--no-config", str(path))
    assert time.monotonic() - start < 30  # 200 x 0.5 s x 4 platforms without the recipe's budget
    assert "the recipe's templates take longer than" in result.output


def test_long_string_aliased_many_times_is_an_alias_bomb(tmp_path):
    text = v1_with("context:\n", 'context:\n  long: &s "' + "x" * 10_000 + '"\n')
    text += "zz:\n" + "  - *s\n" * 100_000
    result = run("validate", str(write_recipe(tmp_path / "alias", text)))
    assert result.exit_code == 2 and "YAML aliases expand to more than" in result.output


def test_schema_patterns_stay_linear_on_a_huge_jinja_like_value():
    # `${{}x}` repeated: the old patterns were quadratic (96 KB: 8-12 s); 1 MB would take minutes
    value = "${{}x}" * 170_000
    text = v1_with("8f7a2b1c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a", f'"{value}"')
    start = time.monotonic()
    problems = validate_text(text, "recipe.yaml")
    assert time.monotonic() - start < 10
    assert any("sha256" in p.message for p in problems)


def test_lint_stays_linear_on_a_huge_jinja_like_value(tmp_path):
    value = "${{}x}" * 16_000  # the 96 KB case of the issue (lint took 22-24 s)
    path = write_recipe(
        tmp_path / "sha", v1_with("8f7a2b1c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a", f'"{value}"')
    )
    start = time.monotonic()
    from .helpers import assert_clean_run

    assert_clean_run(run("lint", "--no-config", str(path)))
    assert time.monotonic() - start < 10


def test_duplicate_key_in_a_large_file_is_found_by_the_fast_reader():
    body = "".join(f"  k{i}:\n    - a: [1, 2]\n      b: {i}\n" for i in range(2500))
    text = v1_with("extra:\n", "extra:\n" + body + "  k5: again\n")
    with pytest.raises(InputError) as fast:
        parse_yaml(text, "recipe.yaml", keep_comments=False)
    with pytest.raises(InputError) as full:
        parse_yaml(text, "recipe.yaml")
    assert str(fast.value) == str(full.value)
    assert 'found duplicate key "k5" with value "again"' in str(fast.value)


def test_a_recipe_over_the_node_limit_is_refused_without_reading_it_again(tmp_path):
    """120,000 keys (1.7 MB, under the size limit) took lint 288 s: the node limit was checked
    after building every node, then ruamel.yaml read the text twice more looking for duplicate
    keys. Building stops at the limit, and only a duplicate-key refusal is read again."""
    from recipegen.linters.duplicates import read_repeated_keys

    from recipegen import fastyaml
    from recipegen.yamlio import MAX_EXPANDED_NODES

    text = "schema_version: 1\n" + "".join(f"k{i}: {i}\n" for i in range(MAX_EXPANDED_NODES + 10))
    with pytest.raises(fastyaml.TooManyNodes):
        fastyaml.build(text, max_nodes=1000)
    with pytest.raises(InputError) as refused:
        parse_yaml(text, "recipe.yaml", keep_comments=False)
    assert "more than 50000 YAML nodes" in str(refused.value) and "alias" not in str(refused.value)
    assert read_repeated_keys(text, "recipe.yaml", refused.value) is None  # at once: no second reading
    path = write_recipe(tmp_path, text)
    start = time.monotonic()
    result = run("lint", "--no-config", str(path))
    assert result.exit_code == 2 and "more than 50000 YAML nodes" in result.output
    assert time.monotonic() - start < 10
