"""meta.yaml reading: selectors per platform, stubs, exact line mapping, render problems."""

from __future__ import annotations

from recipegen.linters.api import lint_document, load_document
from recipegen.linters.model import V0_PLATFORMS
from recipegen.linters.v0 import load_v0, map_column

from .conftest import fake_rule, write_recipe

META = """\
{% set version = "1.2.3" %}
{% set name = "foo" %}

package:
  name: {{ name }}
  version: {{ version }}

requirements:
  build:
    - {{ compiler('c') }}
    - {{ stdlib("c") }}
    - make  # [unix]
    - m2-make  # [win]
    - cmake-aarch  # [aarch64]
    - only-osx-arm  # [osx and arm64]
{% if win %}
    - win-only-block
{% endif %}
  host:
    - {{ pin_subpackage('libfoo', exact=True) }}
    - {{ pin_compatible('numpy') }}
    - {{ cdt('mesa-libgl-devel') }}  # [linux]
    - python {{ python_min }}
    - {{ undefined_thing }}
    - py-new  # [py>=310]
    - cuda-thing  # [cuda_compiler_version != "None"]
"""


def _views(text: str, tmp_path, name: str = "meta.yaml"):
    path = write_recipe(tmp_path / "r", text, name=name)
    return load_document(path)


def _build(view):
    return list(view.data["requirements"]["build"])


def test_one_view_per_platform_with_selectors(tmp_path):
    doc = _views(META, tmp_path)
    assert doc.format == "v0" and not doc.render_problems
    by_platform = {p: v for v in doc.views for p in v.platforms}
    assert set(by_platform) == set(V0_PLATFORMS)
    assert _build(by_platform["linux-64"]) == ["c_compiler_stub", "c_stdlib_stub", "make"]
    assert _build(by_platform["linux-aarch64"]) == ["c_compiler_stub", "c_stdlib_stub", "make", "cmake-aarch"]
    assert _build(by_platform["osx-arm64"]) == ["c_compiler_stub", "c_stdlib_stub", "make", "only-osx-arm"]
    assert _build(by_platform["win-64"]) == ["c_compiler_stub", "c_stdlib_stub", "m2-make", "win-only-block"]


def test_stub_forms_follow_conda_smithy(tmp_path):
    doc = _views(META, tmp_path)
    linux = next(v for v in doc.views if v.platform == "linux-64")
    host = list(linux.data["requirements"]["host"])
    assert host[:3] == ["subpackage_pin libfoo", "compatible_pin numpy", "mesa_libgl_devel_cdt_stub"]
    assert host[3] == "python 9999"
    assert host[4] == "undefined_thing"
    assert "py-new" in host  # py is the first python of the global pinning (>= 3.10)
    assert "cuda-thing" not in host  # cuda_compiler_version's first value is None
    assert linux.data["package"]["name"] == "foo" and linux.data["package"]["version"] == "1.2.3"


def test_identical_platforms_share_a_view(tmp_path):
    doc = _views("package:\n  name: foo\n  version: 1.0\n", tmp_path)
    assert len(doc.views) == 1 and set(doc.views[0].platforms) == set(V0_PLATFORMS)


def test_positions_map_to_original_lines(tmp_path):
    doc = _views(META, tmp_path)
    lines = META.splitlines()
    for view in doc.views:
        build = view.data["requirements"]["build"]
        for index, item in enumerate(build):
            span = view.locate(("requirements", "build", index))
            original = lines[span.line - 1]
            if "{{" not in original:
                assert original[span.column - 1 :].startswith(item), (view.platform, item, original)
        win_block = [i for i, item in enumerate(build) if item == "win-only-block"]
        if win_block:
            assert view.locate(("requirements", "build", win_block[0])).line == lines.index("    - win-only-block") + 1
        key = view.locate_key(("requirements", "host"))
        assert (key.line, key.column) == (lines.index("  host:") + 1, 3)
        span = view.locate(("requirements", "build", 0))  # `{{ compiler('c') }}`: the item's column
        assert (span.line, span.column) == (10, 7)


def test_loop_lines_map_to_the_loop_body(tmp_path):
    text = (
        "package:\n  name: foo\ntest:\n  commands:\n"
        "  {% for lib in ['a', 'b', 'c'] %}\n"
        "    - test -f lib{{ lib }}.so\n"
        "  {% endfor %}\n"
        "    - echo done\n"
    )
    doc = _views(text, tmp_path)
    view = doc.views[0]
    commands = list(view.data["test"]["commands"])
    assert commands == ["test -f liba.so", "test -f libb.so", "test -f libc.so", "echo done"]
    assert [view.locate(("test", "commands", i)).line for i in range(4)] == [6, 6, 6, 8]


def test_multiline_set_and_whitespace_control_keep_lines(tmp_path):
    text = (
        "{% set libs = [\n  'a',\n  'b',\n] %}\n"
        "package:\n  name: foo\n"
        "requirements:\n  run:\n"
        "    {%- for l in libs %}\n"
        "    - lib{{ l }}\n"
        "    {%- endfor %}\n"
        "    - zlib\n"
    )
    doc = _views(text, tmp_path)
    view = doc.views[0]
    assert list(view.data["requirements"]["run"]) == ["liba", "libb", "zlib"]
    assert view.locate(("requirements", "run", 2)).line == 12
    assert view.locate_key(("package", "name")).line == 6


def test_map_column_keeps_unchanged_prefix_and_suffix():
    original = "  url: https://x/{{ name }}-{{ version }}.tar.gz  # [unix]"
    rendered = "  url: https://x/foo-1.0.tar.gz"
    assert map_column(rendered, original, 3) == 3
    assert map_column(rendered, original, 8) == 8
    assert map_column(rendered, original, 18) == 18  # start of `foo`: start of `{{ name }}`


def test_template_error_is_one_problem_at_its_line(tmp_path):
    text = "package:\n  name: foo\n  version: {{ version\n"
    doc = _views(text, tmp_path)
    assert doc.views == []
    assert len(doc.render_problems) == 1
    line, _, message = doc.render_problems[0]
    assert line == 3 and "Jinja" in message


def test_runtime_error_names_line_and_platforms(tmp_path):
    text = "package:\n  name: foo\n  version: {{ 1 // 0 }}  # [win]\n"
    doc = _views(text, tmp_path)
    assert len(doc.views) == 1 and "win-64" not in doc.views[0].platforms
    (problem,) = doc.render_problems
    assert problem[0] == 3 and "win-64" in problem[2]


def test_yaml_broken_after_rendering(tmp_path):
    text = "package:\n  name: foo\n  version: [1.0  # [linux]\n"
    doc = _views(text, tmp_path)
    lines = {p[0] for p in doc.render_problems}
    assert lines and all(line >= 3 for line in lines)
    assert any("linux-64" in p[2] for p in doc.render_problems)
    assert {p for v in doc.views for p in v.platforms} == {"osx-arm64", "win-64", "osx-64"}


def test_bad_selector_is_reported_and_line_kept(tmp_path):
    text = "package:\n  name: foo  # [win and (]\n"
    doc = _views(text, tmp_path)
    assert doc.render_problems and doc.render_problems[0][0] == 2
    assert doc.views and doc.views[0].data["package"]["name"] == "foo"


def test_recipe_cbc_values_feed_selectors(tmp_path):
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "conda_build_config.yaml").write_text('with_icu:\n  - "yes"\n')
    text = 'package:\n  name: foo\nrequirements:\n  host:\n    - icu  # [with_icu == "yes"]\n    - z\n'
    doc = _views(text, tmp_path)
    assert list(doc.views[0].data["requirements"]["host"]) == ["icu", "z"]


def test_render_problems_become_lint_errors(tmp_path, only_rules):
    only_rules()
    path = write_recipe(tmp_path / "r", "package:\n  name: {% if %}\n", name="meta.yaml")
    problems = lint_document(load_document(path))
    assert [(p.rule_id, p.line, p.severity.value) for p in problems] == [("recipe-not-renderable", 2, "error")]


def test_same_finding_on_every_platform_reported_once(tmp_path, only_rules):
    from .conftest import finding_at

    only_rules(fake_rule("fake-a", finding_at(("package", "name"))))
    path = write_recipe(tmp_path / "r", "package:\n  name: foo\n  x: 1  # [win]\n", name="meta.yaml")
    doc = load_document(path)
    assert len(doc.views) == 2
    problems = lint_document(doc)
    assert [(p.rule_id, p.line) for p in problems] == [("fake-a", 2)]


def test_load_v0_without_folder(tmp_path):
    doc = load_v0("package:\n  name: foo\n", str(tmp_path / "nowhere" / "meta.yaml"))
    assert doc.views and not doc.render_problems
