"""The edits of a bump on small recipes: python_min, quoting, digests, insertion places."""

from __future__ import annotations

from pathlib import Path

from recipegen.textedit import LineIndex, apply_edits
from recipegen.update import edits
from recipegen.update.pipeline import read_recipe

V0 = """{% set name = "demo" %}
{% set version = "1.9" %}
{% set sha256 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" %}

package:
  name: {{ name }}
  version: {{ version }}

source:
  url: https://pypi.org/packages/source/d/demo/demo-{{ version }}.tar.gz
  sha256: {{ sha256 }}

build:
  number: 3
  noarch: python

requirements:
  host:
    - python {{ python_min }}
    - pip
  run:
    - python >={{ python_min }}
    # needed for the CLI
    - click >=8
    - rich
"""


def read(tmp_path: Path, text: str, name: str = "meta.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return read_recipe(path, text, [])


def test_python_min_is_defined_next_to_the_version(tmp_path):
    recipe = read(tmp_path, V0)
    out = apply_edits(V0, [edits.python_min_edit(recipe, LineIndex(V0), "3.12")])
    assert out.splitlines()[1:3] == ['{% set version = "1.9" %}', '{% set python_min = "3.12" %}']


def test_a_version_that_yaml_would_read_as_a_float_is_quoted(tmp_path):
    text = "context:\n  version: 1.9.0\npackage:\n  name: demo\n  version: ${{ version }}\n"
    recipe = read(tmp_path, text, "recipe.yaml")
    out = apply_edits(text, [edits.version_edit(recipe, LineIndex(text), "1.10")])
    assert '  version: "1.10"\n' in out


def test_a_digest_in_a_set_variable_and_the_build_number(tmp_path):
    recipe = read(tmp_path, V0)
    index = LineIndex(V0)
    found = edits.digest_edits(V0, "a" * 64, "b" * 64, "sha256")
    out = apply_edits(V0, [*found, *edits.build_number_edits(recipe, index)])
    assert f'{{% set sha256 = "{"b" * 64}" %}}' in out and "  number: 0\n" in out


def test_a_new_item_goes_in_sorted_order_and_keeps_the_comment_with_its_item(tmp_path):
    recipe = read(tmp_path, V0)
    run = recipe.output("demo").section("run")
    index = LineIndex(V0)
    out = apply_edits(V0, [edits.insertion(recipe, index, run, "packaging >=20", "", "add")])
    assert "    # needed for the CLI\n    - click >=8\n    - packaging >=20\n    - rich\n" in out
    out = apply_edits(V0, [edits.insertion(recipe, index, run, "anyio", "win", "add")])
    # first in sorted order: after python, above the comment that belongs to click
    assert "    - python >={{ python_min }}\n    - anyio  # [win]\n    # needed for the CLI\n    - click >=8\n" in out
