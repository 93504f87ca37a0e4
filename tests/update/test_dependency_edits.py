"""Upstream's requirement delta carried into the maintainers' recipes of review1 (recorded PyPI
answers in fixtures/update/responses; the recipes are the reviewer's inputs, fixtures/update/README.md):
markers, extras' outputs, contradicted floors, build-system changes and their cross-compilation
copies, removed items' comments, where new items go."""

from __future__ import annotations

from recipegen.update.pipeline import Options, update_recipe
from recipegen.update.report import markdown_report

from .conftest import make_services, recipe_copy, run_update
from .test_pypi_updates import added_and_removed


def proposal(result, name: str, output: str | None = None, kind: str | None = None):
    return next(
        p
        for p in result.proposals
        if p.name == name and (output is None or p.output == output) and (kind is None or p.kind == kind)
    )


def test_markers_of_a_compiled_v0_recipe(tmp_path):
    """review1 #4: aiohttp 3.8.5 → 3.14.5 adds `typing_extensions>=4.4; python_version<"3.13"`
    (3.8.5: `<"3.8"`, no supported Python) and moves async-timeout under `python_version<"3.11"`."""
    result, _before, after = run_update(tmp_path, "aiohttp-v0", "aiohttp", version="3.14.5")
    assert result.status == "updated", result.error
    assert "    - typing_extensions >=4.4  # [py<313]\n" in after
    assert "    - async-timeout >=4.0,<6.0  # [py<311]\n" in after
    assert proposal(result, "async-timeout", kind="marker").applied


def test_a_requirement_now_needed_by_a_noarch_recipe_is_added(tmp_path):
    """review1 #4: anyio 4.16.0's `typing_extensions>=4.16.0; python_version<"3.15"` (3.7.1: `<"3.8"`)."""
    result, _before, after = run_update(tmp_path, "anyio-v0", "anyio", version="4.16.0")
    assert result.status == "updated", result.error
    added = proposal(result, "typing_extensions")
    assert (added.kind, added.output, added.applied) == ("add", "anyio", True)
    assert "        - typing_extensions >=4.16.0\n" in after  # noarch: unconditional


V1_IF_THEN = """schema_version: 1

context:
  version: "3.8.5"

package:
  name: aiohttp
  version: ${{ version }}

source:
  url: https://pypi.org/packages/source/a/aiohttp/aiohttp-${{ version }}.tar.gz
  sha256: b9552ec52cc147dbf1944ac7ac98af7602e51ea2dcd076ed194ca3c0d1c7d0bc

build:
  number: 0
  script: ${{ PYTHON }} -m pip install . -vv --no-deps --no-build-isolation

requirements:
  build:
    - if: build_platform != target_platform
      then:
        - python
        - cross-python_${{ target_platform }}
    - ${{ compiler('c') }}
    - ${{ stdlib('c') }}
  host:
    - python
    - pip
    - setuptools >=46.4.0
  run:
    - python
    - aiosignal >=1.1.2
    - async-timeout <5.0,>=4.0.0a3
    - attrs >=17.3.0
    - charset-normalizer >=2.0,<4.0
    - frozenlist >=1.1.1
    - multidict >=4.5,<7.0
    - yarl >=1.0,<2.0

tests:
  - python:
      imports:
        - aiohttp
"""


def test_markers_of_a_compiled_v1_recipe(tmp_path):
    """review1 #4 in v1: `if:` blocks, made for a new item and around an item upstream now
    conditions; an item already under the same `if:` is left alone."""
    folder = tmp_path / "aiohttp" / "recipe"
    folder.mkdir(parents=True)
    path = folder / "recipe.yaml"
    path.write_text(V1_IF_THEN)
    result = update_recipe(path, Options(version="3.14.5"), make_services(tmp_path, "aiohttp"))
    assert result.status == "updated", result.error
    text = path.read_text()
    assert '    - if: match(python, "<3.13")\n      then: typing_extensions >=4.4\n' in text
    assert '    - if: match(python, "<3.11")\n      then: async-timeout >=4.0,<6.0\n' in text
    path.write_text(V1_IF_THEN.replace(
        "    - async-timeout <5.0,>=4.0.0a3\n",
        '    - if: match(python, "<3.11")\n      then:\n        - async-timeout <5.0,>=4.0.0a3  # only old pythons\n',
    ))  # fmt: skip
    result = update_recipe(path, Options(version="3.14.5"), make_services(tmp_path, "aiohttp"))
    assert result.status == "updated", result.error
    assert "        - async-timeout >=4.0,<6.0  # only old pythons\n" in path.read_text()
    assert not [p for p in result.proposals if p.kind == "marker"]  # already where upstream says


def test_an_extras_output_follows_only_its_extra(tmp_path):
    """review1 #5: jsonschema 4.26.0 raises webcolors in [format-nongpl] only."""
    result, _before, after = run_update(tmp_path, "jsonschema-v0", "jsonschema", version="4.26.0")
    assert result.status == "updated", result.error
    webcolors = [p for p in result.proposals if p.name == "webcolors"]
    assert [(p.output, p.new) for p in webcolors] == [("jsonschema-with-format-nongpl", ">=24.6.0")]
    assert after.count("        - webcolors >=1.11\n") == 1 and after.count("        - webcolors >=24.6.0\n") == 1


def test_a_floor_upstream_raised_above_the_recipes_is_a_hint(tmp_path):
    """review1 #6: fastapi 0.165.0 needs pydantic >=2.9.0; the maintainers' >=2.0.2,<3.0.0 was
    their own choice, so it is not silently kept as >=2.0.2: a hint with upstream's floor."""
    result, before, after = run_update(tmp_path, "fastapi-v1", "fastapi", version="0.165.0")
    assert result.status == "updated", result.error
    pydantic = proposal(result, "pydantic")
    assert (pydantic.kind, pydantic.applied, pydantic.new) == ("hint", False, ">=2.9.0")
    assert "upstream now needs >=2.9.0" in pydantic.reason
    assert "    - pydantic >=2.0.2,<3.0.0\n" in after
    added, _removed = added_and_removed(before, after)
    assert added.index("    - annotated-doc >=0.0.2") < added.index("    - anyio >=4.1.0")  # review1 #19: sorted


def test_build_system_changes_go_to_the_builder_and_its_cross_compilation_copy(tmp_path):
    """review1 #7: cryptography 41 → 51 (setuptools-rust → maturin). The noarch
    cryptography-vectors output builds ./vectors, not the Rust package: left alone. The
    `# [build_platform != target_platform]` lines follow host."""
    result, before, after = run_update(tmp_path, "cryptography-v0", "cryptography", version="51.0.1")
    assert result.status == "updated", result.error
    assert not [p for p in result.proposals if p.output == "cryptography-vectors"]
    added, removed = added_and_removed(before, after)
    assert "        - setuptools-rust >=0.11.4               # [build_platform != target_platform]" in removed
    assert "        - maturin >=1.14.1,<2                    # [build_platform != target_platform]" in added
    assert "        - maturin >=1.14.1,<2" in added  # host


def test_a_dropped_build_requirement_leaves_with_its_cross_line_and_its_comment(tmp_path):
    """review1 #7 and #8: msgpack 1.2.4 drops Cython: gone from host (with the comment about it)
    and from the cross-compilation line."""
    result, before, after = run_update(tmp_path, "msgpack-python-v0", "msgpack", version="1.2.4")
    assert result.status == "updated", result.error
    _added, removed = added_and_removed(before, after)
    assert "    - cython >=0.29.30,<3                    # [build_platform != target_platform]" in removed
    assert "    # cython 3 changes the generated C++; stay on 0.29 for now" in removed
    assert "cython" not in after.lower().split("requirements:")[1].split("test:")[0]


def test_v1_cross_compilation_block_follows_host(tmp_path):
    """review1 #7 in v1: pyzmq 26.0.0 moves to scikit-build-core; the recipe's
    `if: build_platform != host_platform` block holds cython, a build-system requirement."""
    result, _before, after = run_update(tmp_path, "pyzmq-v1", "pyzmq", version="26.0.0")
    assert result.status == "updated", result.error
    cross = after.split("    - if: build_platform != host_platform\n")[1].split("  host:")[0]
    assert "        - scikit-build-core" in cross and "        - cython >=0.29\n" in cross


def test_removed_items_take_their_own_comments(tmp_path):
    """review1 #8: a comment block directly above a removed item goes with it when it names the
    item or a version of its constraint; aiohttp's charset-normalizer, jsonschema's pyrsistent."""
    result, _before, after = run_update(tmp_path, "aiohttp-v0", "aiohttp", version="3.14.5")
    assert result.status == "updated", result.error
    assert "charset-normalizer" not in after
    result, _before, after = run_update(tmp_path, "jsonschema-v0", "jsonschema", version="4.26.0")
    assert result.status == "updated", result.error
    assert "pyrsistent" not in after and "0.17.0-0.17.2 broke pickling" not in after


def test_new_items_go_where_the_maintainers_order_says(tmp_path):
    """review1 #19: typer's host is sorted (flit-core, pip, python): pdm-backend before pip;
    its run list is in two blocks, the second headed "all extras": base requirements go into
    the first (sorted) block."""
    result, _before, after = run_update(tmp_path, "typer-v0", "typer", version="0.29.2")
    assert result.status == "updated", result.error
    host = after.split("  host:\n")[1].split("  run:\n")[0]
    assert host.splitlines() == ["    - pdm-backend", "    - pip", "    - python {{ python_min }}"]
    run = after.split("  run:\n")[1].split("\n\n")[0].splitlines()
    assert run[:3] == ["    - annotated-doc >=0.0.2", "    - pydantic >=2.5.3", "    - python >={{ python_min }}"]
    assert run[3].startswith('    # "all" extras')
    # rich moved from [all] (packaged in this output) to the base requirements: its constraint follows
    assert "    - rich >=13.8.0\n" in after and proposal(result, "rich").applied


def test_deps_off_still_says_the_license_changed_and_compares_nothing(tmp_path):
    """review1 #19: `--deps off --format markdown` does not claim requirements were compared,
    and shows pyzmq 26.0.0's license change."""
    result, _before, _after = run_update(tmp_path, "pyzmq-v1", "pyzmq", version="26.0.0", deps="off")
    assert result.status == "updated", result.error
    text = markdown_report(result)
    assert "**License changed upstream: BSD-3-Clause AND LGPL-3.0-only → BSD-3-Clause.**" in text
    assert "did not change" not in text and "were not compared" in text
    assert result.proposals == [] and not result.deps_compared


def test_a_build_input_pinned_with_pin_compatible_stays_and_is_a_hint(tmp_path):
    """upfix: fiona 1.10.0 drops oldest-supported-numpy from [build-system] requires, but the run
    requirements say `{{ pin_compatible('numpy') }}`: removing numpy from host (and the cross line)
    alone would leave a pin of nothing ("Is it one of your host dependencies?"). A hint, no edit."""
    result, before, after = run_update(tmp_path, "fiona-v0", "fiona", version="1.10.0")
    assert result.status == "updated", result.error
    hint = proposal(result, "numpy", output="fiona")
    assert (hint.section, hint.applied) == ("host", False) and "pin_compatible('numpy')" in hint.reason
    _added, removed = added_and_removed(before, after)
    assert not [line for line in removed if "numpy" in line]
    assert "    - numpy\n" in after.split("  host:\n")[1] and "{{ pin_compatible('numpy') }}" in after
    assert proposal(result, "six").applied  # the run-time delta is still carried


def test_a_dropped_build_input_without_pin_compatible_is_removed(tmp_path):
    """The same fiona bump where the run requirements do not pin numpy (conda-forge's 1.9.6
    recipe): numpy leaves host and the cross-compilation line."""
    path = recipe_copy(tmp_path, "fiona-v0")
    before = path.read_text().replace("    - {{ pin_compatible('numpy') }}\n", "")
    path.write_text(before)
    result = update_recipe(path, Options(version="1.10.0"), make_services(tmp_path, "fiona"))
    assert result.status == "updated", result.error
    _added, removed = added_and_removed(before, path.read_text())
    assert "    - numpy" in removed
    assert "    - numpy                                  # [build_platform != target_platform]" in removed


def test_items_and_values_in_flow_collections_are_edited_in_place(tmp_path):
    """upfix: `context: {name: platformdirs, version: 3.0.0}` and `host: [python >=3.7, pip,`:
    a plain scalar in a flow collection ends at `,` `]` `}`, not at the end of the line (the
    edit used to swallow `, pip,` and the update was refused as unparseable)."""
    result, before, after = run_update(tmp_path, "platformdirs-flow-v1", "platformdirs", version="4.2.0")
    assert result.status == "updated", result.error
    added, removed = added_and_removed(before, after)
    assert removed == [
        "context: {name: platformdirs, version: 3.0.0}   # flow mapping",
        "  sha256: 0cb405749187a194f444c25c82ef7225232f11564721eabffc6ec70df83b11cb   # the sdist",
        "  number: 3",
        "  host: [python >=3.7, pip,",
        "    - python >=3.7",
        '    - "typing-extensions >=4.4"   # quoted; upstream: python_version < "3.8"',
    ]
    assert "context: {name: platformdirs, version: 4.2.0}   # flow mapping" in added
    assert "  host: [python >=3.8, pip," in added
    assert "    hatchling >=1.12.2, hatch-vcs >=0.3]\n" in after
