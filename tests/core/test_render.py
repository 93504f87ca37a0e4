"""recipegen.render: rattler-build's own parse and render, per platform, with positions."""

import re
from pathlib import Path

import pytest

from recipegen.render import (
    PLATFORMS,
    VariantFile,
    clean_message,
    grouped_failures,
    locate_message,
    recipe_folder_variant_files,
    render_recipe,
    v3_failure,
    variant_files_among,
)

REAL_V1 = Path(__file__).resolve().parents[2] / "fixtures" / "recipes" / "v1"

CROSS_R = """\
context:
  version: "1.0"
package:
  name: r-foo
  version: ${{ version }}
build:
  number: 0
requirements:
  build:
    - if: build_platform != target_platform
      then:
        - cross-r-base ${{ r_base }}
  host:
    - r-base
"""


@pytest.mark.parametrize("feedstock", sorted(p.name for p in REAL_V1.iterdir() if (p / "recipe.yaml").exists()))
def test_real_recipes_render_on_every_platform(feedstock):
    folder = REAL_V1 / feedstock
    result = render_recipe(
        (folder / "recipe.yaml").read_text(), folder / "recipe.yaml", variant_files=recipe_folder_variant_files(folder)
    )
    assert result.failures == []
    assert {v.platform for v in result.variants} == set(PLATFORMS)


def test_cross_platform_failure_names_platform_and_position():
    result = render_recipe(CROSS_R, "r-foo/recipe.yaml")
    assert [f.platform.target for f in result.failures] == ["osx-arm64", "linux-aarch64"]
    failure = result.failures[0]
    assert (failure.line, failure.column) == (12, 11)
    assert "cross-compiled from osx-64" in failure.describe()
    assert "missing range specifier" in failure.message


def test_pinned_cross_r_base_renders():
    fixed = CROSS_R.replace("cross-r-base ${{ r_base }}", "cross-r-base ${{ r_base }}.*")
    assert render_recipe(fixed, "r-foo/recipe.yaml").ok


def test_parse_failure_is_located_at_the_unknown_key():
    text = 'package:\n  name: x\n  version: "1"\nbuild:\n  numbr: 0\n'
    [failure] = render_recipe(text, "x/recipe.yaml").failures
    assert failure.platform is None
    assert (failure.line, failure.column) == (5, 3)
    assert "numbr" in failure.message


def test_broken_jinja_is_located_at_its_expression():
    text = 'package:\n  name: x\n  version: "1"\nrequirements:\n  run:\n    - ${{ foo( }}\n'
    [failure] = render_recipe(text, "x/recipe.yaml").failures
    assert (failure.line, failure.column) == (6, 7)


def test_variant_file_values_are_used():
    text = 'package:\n  name: x\n  version: "1"\nrequirements:\n  host:\n    - libfoo ${{ libfoo }}.*\n'
    result = render_recipe(
        text,
        "x/recipe.yaml",
        variant_files=[VariantFile("variants.yaml", "libfoo:\n  - '2'\n")],
        platforms=PLATFORMS[:1],
    )
    assert result.ok
    assert result.variants[0].recipe["requirements"]["host"] == ["libfoo 2.*"]


def test_broken_variant_file_is_a_failure_naming_the_file():
    text = 'package:\n  name: x\n  version: "1"\n'
    result = render_recipe(
        text, "x/recipe.yaml", variant_files=[VariantFile("variants.yaml", "a: [\n")], platforms=PLATFORMS[:1]
    )
    assert [f.file for f in result.failures] == ["variants.yaml"]


def test_yaml_position_from_message():
    assert locate_message("Failed to parse YAML: 6:1: while parsing a node", "") == (6, 1)


def test_failures_on_several_platforms_are_one_line_naming_them():
    [(failure, platforms)] = grouped_failures(render_recipe(CROSS_R, "r-foo/recipe.yaml").failures)
    assert failure.describe(platforms).startswith(
        "rattler-build fails on osx-arm64 (cross-compiled from osx-64) and linux-aarch64 (cross-compiled from linux-64): "
    )
    everywhere = render_recipe('package:\n  name: x\n  version: "1"\nrequirements:\n  run:\n    - ${{ nope }}\n', "x/r")
    [(failure, platforms)] = grouped_failures(everywhere.failures)
    assert "on every platform (linux-64, win-64, osx-arm64, linux-aarch64): " in failure.describe(platforms)
    assert (failure.line, failure.column) == (6, 7)
    assert "Render error" not in failure.message and "Span" not in failure.message


@pytest.mark.parametrize(
    "text, position",
    [
        ('package:\n  name: x\n  name: y\n  version: "1"\n', (3, 3)),  # duplicate key: the second one
        ('package:\n  name: x\n  version: "1"\nrequirements:\n  run:\n    - if: foo ==\n      then: [a]\n', (6, 11)),
        ('package:\n  name: x\n  version: "1"\nrequirements:\n  run:\n    - a\n  extras:\n    b:\n      - c\n', (7, 3)),
        ('package:\n  name: x\n  version: "1"\nrequirements:\n  run:\n    - foo >=>1\n', (6, 11)),
        ('package:\n  name: x\n  version: "1"\nrequirments:\n  run: []\n', (4, 1)),
        ('package:\n  name: x\n  version: "1"\nbuild:\n  number: abc\n', (5, 3)),
    ],
    ids=["duplicate-key", "broken-if", "extras-without-v3", "bad-version-spec", "unknown-top-level", "dotted-field"],
)
def test_failure_positions(text, position):
    failure = render_recipe(text, "x/recipe.yaml", platforms=PLATFORMS[:1]).failures[0]
    assert (failure.line, failure.column) == position


def test_extras_need_v3_and_render_with_it():
    text = 'package:\n  name: x\n  version: "1"\nrequirements:\n  run:\n    - a\n  extras:\n    b:\n      - c\n'
    legacy = render_recipe(text, "x/recipe.yaml", platforms=PLATFORMS[:1])
    assert v3_failure(legacy) is not None
    assert render_recipe(text, "x/recipe.yaml", platforms=PLATFORMS[:1], v3=True).ok


def test_variant_files_among_written_files_in_merge_order():
    files = {"conda-forge.yml": "x", "variants.yaml": "b", "conda_build_config.yaml": "a"}
    assert [f.name for f in variant_files_among(files)] == ["conda_build_config.yaml", "variants.yaml"]


def test_a_variant_explosion_is_refused_not_rendered():
    keys = [f"k{i}" for i in range(6)]
    variants = "".join(f"{key}:\n" + "".join(f"  - '{value}'\n" for value in range(4)) for key in keys)
    text = 'package:\n  name: x\n  version: "1"\nrequirements:\n  host:\n'
    text += "".join(f"    - {key} ${{{{ {key} }}}}.*\n" for key in keys)
    result = render_recipe(text, "x/recipe.yaml", variant_files=[VariantFile("variants.yaml", variants)])
    assert len(result.failures) == len(PLATFORMS) and result.variants == []
    assert (
        result.failures[0]
        .describe()
        .startswith("recipegen does not render it on linux-64: up to 4096 variant combinations, more than the 1000")
    )


@pytest.mark.parametrize(
    "text, line",
    [
        ('context:\n  big: ${{ "a" * 10**9 }}\npackage:\n  name: x\n  version: "1"\n', 2),
        ('context:\n  n: ${{ 10**9 }}\n  s: ${{ "a" * n }}\npackage:\n  name: x\n  version: "1"\n', 3),
        (
            'context:\n  a0: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"\n'
            + "".join(f"  a{i + 1}: ${{{{ a{i} ~ a{i} }}}}\n" for i in range(40))
            + 'package:\n  name: x\n  version: "1"\n',
            17,  # a15 = a14 ~ a14 is the first value over a million characters
        ),
        (
            'package:\n  name: x\n  version: "1"\nrequirements:\n  run:\n    - if: ("a" * 10**9) == ""\n      then: b\n',
            6,
        ),
    ],
    ids=["string-repeat", "typed-context", "doubling-context", "if-condition"],
)
def test_expressions_that_would_build_huge_values_are_refused(text, line):
    [failure] = render_recipe(text, "x/recipe.yaml").failures
    assert failure.refused and failure.line == line
    assert failure.describe().startswith("recipegen does not render it when parsing: ")


def test_ordinary_expressions_pass_the_guard():
    text = 'context:\n  version: "1.2"\n  under: ${{ version | replace(".", "_") }}\npackage:\n  name: x\n  version: ${{ version }}\n'
    assert render_recipe(text, "x/recipe.yaml", platforms=PLATFORMS[:1]).ok


SIMPLE_RECIPE = 'package:\n  name: x\n  version: "1"\nrequirements:\n  host:\n    - python\n'


@pytest.mark.parametrize(
    ("name", "variants", "place"),
    [
        ("variants.yaml", "zip_keys: python\n", (1, 11)),
        ("conda_build_config.yaml", "zip_keys: python\n", (1, 11)),
        ("variants.yaml", "python:\n  - '3.10'\n", (1, 1)),  # zipped with is_python_min (4 values)
        ("conda_build_config.yaml", "python: [\n", (2, 1)),
    ],
    ids=["type-mismatch", "invalid-config", "zip-length", "yaml-position"],
)
def test_variant_file_failures_in_words_at_their_place(name, variants, place):
    """review2 #11: rattler-build's Rust debug text (`ParseError { .. TypeMismatch { .. span: Span
    { .. } } }`, `VariantExpand(InvalidZipKeyLength("k"))`) is said in words, in the variant file."""
    [failure] = render_recipe(
        SIMPLE_RECIPE, "x/recipe.yaml", variant_files=[VariantFile(name, variants)], platforms=PLATFORMS[:1]
    ).failures
    assert (failure.file, failure.line, failure.column) == (name, *place)
    assert not re.search(r"\w+ \{ \w+:|\w+\(\w+\(|Span|Marker|InvalidConfig", failure.message), failure.message


def test_zip_key_failure_names_the_keys_and_their_lengths():
    [failure] = render_recipe(
        SIMPLE_RECIPE,
        "x/recipe.yaml",
        variant_files=[VariantFile("variants.yaml", "python:\n  - '3.10'\n")],
        platforms=PLATFORMS[:1],
    ).failures
    assert "`python` 1" in failure.message and "`is_python_min`" in failure.message


def test_a_bad_requirement_is_found_at_its_item():
    """review2 #2: `missing range specifier for '1.26'` is at the `- numpy 1.26` item, not 1:1 (nor
    at another line holding the same digits)."""
    text = 'context:\n  v: "1.26"\npackage:\n  name: x\n  version: "1.26"\nrequirements:\n  host:\n    - numpy 1.26\n'
    [failure] = render_recipe(text, "x/recipe.yaml", platforms=PLATFORMS[:1]).failures
    assert (failure.line, failure.column, failure.located) == (8, 7, True)


def test_carets_under_a_value_are_dropped():
    assert clean_message("failed to parse SPDX license: 'GPL-2.0', because: GPL-2.0 ^^^^^^^ deprecated") == (
        "failed to parse SPDX license: 'GPL-2.0', because: GPL-2.0 deprecated"
    )
