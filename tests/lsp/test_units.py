"""The language server's pieces in process: line structure, cursor, schemas, completion, hover,
outline, expression values, document kinds."""

from __future__ import annotations

from pathlib import Path

import pytest

from recipegen.lsp.checking import CheckSettings, check_other, check_recipe, kind_of
from recipegen.lsp.completion import complete, package_names
from recipegen.lsp.cursor import cursor_at
from recipegen.lsp.hover import dependency_markdown, hover_markdown
from recipegen.lsp.probe import render_v1
from recipegen.lsp.schemas import Navigator, v0_keys
from recipegen.lsp.snapshot import Snapshot, requirement_item
from recipegen.lsp.symbols import definition, document_symbols
from recipegen.yamlblocks import Block

ROOT = Path(__file__).resolve().parents[2]
MULTI = """\
context:
  version: "2.0"
recipe:
  name: bar-split
outputs:
  - package:
      name: libbar
    requirements:
      build:
        - ${{ compiler('c') }}
        - if: win
          then:
            - m2-make
  - package:
      name: bar
    build:
      script: |
        echo a: b
        - not an item
      noarch: python
"""


def _snapshot(text: str, name: str = "recipe.yaml") -> Snapshot:
    return Snapshot(Path("/nowhere") / name, kind_of(name, text) or "", text)


def test_block_paths_and_ends():
    block = Block(MULTI)
    paths = {line.number: line.path for line in block.lines[1:] if not line.blank}
    assert paths[6] == ("outputs", 0, "package")
    assert paths[8] == ("outputs", 0, "requirements")
    assert paths[10] == ("outputs", 0, "requirements", "build", 0)
    assert paths[12] == ("outputs", 0, "requirements", "build", 1, "then")
    assert paths[13] == ("outputs", 0, "requirements", "build", 1, "then", 0)
    assert paths[14] == ("outputs", 1, "package")
    assert block[18].scalar_text and block[19].scalar_text  # script content is not structure
    assert paths[20] == ("outputs", 1, "build", "noarch")
    assert block.block_end(9) == 13 and block.block_end(5) == 20


def test_block_reads_meta_yaml_with_jinja_and_selectors():
    text = "{% set v = '1' %}\nrequirements:\n  host:\n    - zlib  # [unix]\n{% if x %}\n    - bzip2\n{% endif %}\n"
    block = Block(text)
    assert block[1].jinja and block[4].path == ("requirements", "host", 0) and block[4].value == "zlib"
    assert block[6].path == ("requirements", "host", 1)


def test_cursor_contexts():
    assert cursor_at(MULTI, 9, 19).jinja.before == " compi"
    assert cursor_at(MULTI, 10, 17).selector == "win"
    assert cursor_at("package:\n  na\n", 1, 4).key_path == ("package",)
    assert cursor_at(MULTI + "    ", 20, 4).key_path == ("outputs", 1)  # a new key of the second output
    assert cursor_at("a: {{ x }}  # [win and py", 0, 25, "v0").selector == "win and py"


def test_navigator_follows_refs_and_conditions():
    single = Navigator("recipe-v1", lambda path: {"package"} if path == () else None)
    assert "package" in [k.name for k in single.keys(())] and "outputs" not in [k.name for k in single.keys(())]
    multi = Navigator("recipe-v1", lambda path: {"outputs", "recipe"} if path == () else None)
    assert {"outputs", "recipe"} <= {k.name for k in multi.keys(())}
    assert {"staging", "package", "inherit"} <= {k.name for k in multi.keys(("outputs", 0))}
    assert single.enum(("build", "noarch")) == ["python", "generic"]
    assert "python_version" in {k.name for k in single.keys(("tests", 0, "python"))}
    assert "skip" in {k.name for k in v0_keys(("build",))}
    # review2 #15: a key the schema names only to reject it is never offered
    assert "cache" not in {k.name for k in single.keys(())} | {k.name for k in multi.keys(())}
    # a `not: {}` in one branch of a key's schema (a source without url, git or path) keeps it offered
    both = {k.name for k in single.keys(())} & {k.name for k in multi.keys(())}
    assert {"source", "build", "requirements", "about", "tests"} <= {k.name for k in single.keys(())}
    assert {"source", "about", "context"} <= both


def test_completion_items():
    snapshot = _snapshot(
        MULTI.replace("      name: bar\n", "      name: bar\n    requirements:\n      run:\n        - pyth\n")
    )
    items, _, word = complete(snapshot, 17, 14)
    assert word == "pyth" and "python" in [i.label for i in items] and all(i.kind == "package" for i in items)
    items, _, _ = complete(snapshot, 9, 19)
    assert {"compiler", "pin_subpackage", "version"} <= {i.label for i in items}
    filtered, _, _ = complete(_snapshot("a: ${{ version | lo }}\n"), 0, 19)
    assert "lower" in [i.label for i in filtered]
    names, more = package_names("n")
    assert more and len(names) == 100


def test_hover_texts():
    snapshot = _snapshot(MULTI)
    assert "**name**: Package name of this output." in hover_markdown(snapshot, 6, 7, "linux-64")
    assert "not on conda-forge" in dependency_markdown("surely-not-a-conda-package-name")
    pytorch = dependency_markdown("pytorch")
    assert "`torch`" in pytorch
    assert "conda-forge hint" in dependency_markdown("matplotlib")


def test_expression_values_from_rattler_build():
    text = 'context:\n  name: Foo\n  version: "1.2.3"\npackage:\n  name: foo\n'
    assert render_v1(text, Path("/nowhere/recipe.yaml"), "name | lower ~ '-' ~ version", False, "linux-64").values == (
        "foo-1.2.3",
    )
    assert (
        render_v1(text, Path("/nowhere/recipe.yaml"), "stdlib('c')", True, "osx-arm64")
        .values[0]
        .startswith("macosx_deployment_target_osx-arm64")
    )
    assert "undefined" in render_v1(text, Path("/nowhere/recipe.yaml"), "nope", False, "linux-64").error


def test_outline_and_definition():
    snapshot = _snapshot(MULTI)
    outline = document_symbols(snapshot)
    outputs = next(s for s in outline if s.name == "outputs")
    assert [o.name for o in outputs.children] == ["libbar", "bar"]
    assert [c.name for c in outputs.children[0].children] == ["requirements"]
    text = MULTI + "about:\n  summary: ${{ version }}\n"
    assert definition(_snapshot(text), 21, 15) == (1, 2, 1, 9)
    v0 = _snapshot('{% set version = "1" %}\npackage:\n  version: {{ version }}\n', "meta.yaml")
    assert definition(v0, 2, 16) == (0, 7, 0, 14)


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("recipe.yaml", "", "recipe-v1"),
        ("meta.yaml", "", "recipe-v0"),
        ("conda_build_config.yaml", "", "variants"),
        ("conda-forge.yml", "", "conda-forge"),
        ("pkg.yaml", "# yaml-language-server: $schema=https://x/recipe-v1.schema.json\n", "recipe-v1"),
        ("environment.yml", "", None),
    ],
)
def test_kinds(name, text, kind):
    assert kind_of(name, text) == kind


def test_requirement_items():
    assert requirement_item(("requirements", "host", 0))
    assert requirement_item(("outputs", 1, "requirements", "build", 2, "then", 0))
    assert requirement_item(("test", "requires", 0))
    assert not requirement_item(("source", 0))


def test_checks_never_raise(tmp_path):
    recipe = tmp_path / "recipe.yaml"
    found = check_recipe(recipe, "package: [a\n", CheckSettings())
    assert [p.rule_id for p in found] == ["unusable-input"] and found[0].line == 2
    assert check_recipe(recipe, "\x00", CheckSettings())[0].rule_id == "unusable-input"
    assert check_recipe(recipe, "[" * 500, CheckSettings())[0].rule_id == "unusable-input"
    assert check_other(tmp_path / "variants.yaml", "zip_keys: python\n")[0].line == 1
    (tmp_path / "recipegen.toml").write_text("[lint]\nselect = ['no-such-rule']\n")
    bad_config = check_recipe(recipe, "package:\n  name: a\n", CheckSettings())
    assert "no-such-rule" in bad_config[0].message


def test_pins_and_staging_outputs():
    text = (
        'context:\n  version: "1.0"\nrecipe:\n  name: foo-split\noutputs:\n'
        "  - staging:\n      name: foo-build\n  - package:\n      name: libfoo\n    requirements:\n"
        "      run_exports:\n        - ${{ pin_subpackage('libfoo', upper_bound='x.x') }}\n"
    )
    snapshot = _snapshot(text)
    outputs = next(s for s in document_symbols(snapshot) if s.name == "outputs")
    assert [o.name for o in outputs.children] == ["foo-build", "libfoo"]
    shown = hover_markdown(snapshot, 11, 14, "linux-64")
    assert "a pin_subpackage pin on `libfoo`" in shown and "upper_bound `x.x`" in shown
