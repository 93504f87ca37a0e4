"""Cases from conda-smithy's own tests that recipegen once got wrong, with conda-smithy's verdicts.

Adapted from conda-forge/conda-smithy `tests/test_lint_recipe.py` (BSD-3-Clause):
`test_cbc_osx_lints` / `test_v1_cbc_osx_hints` (macOS values of variant files split per
architecture), `test_osx_lint` (an `__osx` pin for Intel macOS only, written with Jinja
`default(...)`), `test_lint_wheels` (a wheel URL holding Jinja with spaces, chosen for Windows
by a selector) and `test_hint_pip_no_build_backend` (a recipe named `python`).
The macOS matrix runs with conda-smithy's baseline of that test ([10.13, 11.0]).
"""

from __future__ import annotations

import textwrap

import pytest
from recipegen.linters.api import LintRequest, lint_file

MACOS_RULES = ("variants-macos-below-baseline", "variants-macos-sdk-below-stdlib")
TARGET_KEY_RULE = "variants-macos-deployment-target-key"

# (MACOSX_DEPLOYMENT_TARGET, c_stdlib_version, MACOSX_SDK_VERSION, expected) as in conda-smithy;
# its "Conflicting spec" lint (CBC-000) is no longer emitted, those rows expect nothing of these rules
OSX_MATRIX = [
    (["10.9", "11.0"], ["10.9", "11.0"], None, None),
    (["10.9", "11.0"], ["10.9"], None, None),
    (["10.13", "11.0"], None, None, "target-key"),
    (None, ["10.13", "11.0"], None, None),
    (None, ["10.15"], None, None),
    (None, ["10.9", "11.0"], None, "below"),
    (None, ["10.9"], None, "below"),
    (["10.13", "11.0"], ["10.13", "11.0"], ["10.12"], "below"),
    (["10.13", "11.0"], ["10.13", "11.0"], ["10.12", "12.0"], "below"),
    (["10.13", "11.0"], ["10.13", "11.0"], ["12.0", "12.0"], None),
    (["10.13", "11.0"], ["10.13", "11.0"], ["10.15"], None),
    (["10.9", "11.0"], ["10.13", "11.0"], ["10.12"], "below"),
    (None, None, ["10.13"], None),
    (None, None, ["10.14", "12.0"], None),
    (None, None, ["10.12"], "below"),
    (None, None, ["10.12", "11.0"], "below"),
]
REVERSE = [(False, False, False), (True, True, True), (False, True, False)]


def _cbc(macdt, v_std, sdk, std_selector, with_linux, reverse) -> str:
    def arch(first: bool, reverse_it: bool) -> str:
        return "arm64" if first == reverse_it else "x86_64"

    text = ""
    if macdt:
        text += "MACOSX_DEPLOYMENT_TARGET:   # [osx]\n"
        text += f"  - {macdt[0]}   # [osx and {arch(True, reverse[0])}]\n  - {macdt[1]}   # [osx and {arch(False, reverse[0])}]\n"
    if v_std or with_linux:
        text += f"c_stdlib_version:   # [{std_selector}]\n"
        for index, value in enumerate(v_std or []):
            text += f"  - {value}   # [osx and {arch(index == 0, reverse[1])}]\n"
        text += "  - 2.17   # [linux]\n" if with_linux else ""
    if sdk and len(sdk) == 2:
        text += "MACOSX_SDK_VERSION:   # [osx]\n"
        text += f"  - {sdk[0]}   # [osx and {arch(True, reverse[2])}]\n  - {sdk[1]}   # [osx and {arch(False, reverse[2])}]\n"
    elif sdk:
        text += f"MACOSX_SDK_VERSION:   # [osx]\n  - {sdk[0]}   # [osx]\n"
    return text


def _variants(macdt, v_std, sdk, std_selector, with_linux, reverse) -> str:
    def arch(first: bool, reverse_it: bool) -> str:
        return "arm64" if first == reverse_it else "x86_64"

    text = ""
    if macdt:
        text += f"MACOSX_DEPLOYMENT_TARGET:\n  - if: osx\n    then:\n      - {macdt[0]}\n      - {macdt[1]}\n"
    if v_std or with_linux:
        text += "c_stdlib_version:\n"
        for index, value in enumerate(v_std or []):
            text += f"  - if: {std_selector} and {arch(index == 0, reverse[1])}\n    then: {value}\n"
        text += "  - if: linux\n    then: 2.17\n" if with_linux else ""
    if sdk and len(sdk) == 2:
        text += "MACOSX_SDK_VERSION:\n"
        text += f"  - if: osx and {arch(True, reverse[2])}\n    then: {sdk[0]}\n"
        text += f"  - if: osx and {arch(False, reverse[2])}\n    then: {sdk[1]}\n"
    elif sdk:
        text += f"MACOSX_SDK_VERSION:\n  - if: osx\n    then: {sdk[0]}\n"
    return text


def _osx_params():
    params = []
    for number, (macdt, v_std, sdk, expected) in enumerate(OSX_MATRIX):
        for selector_id, selector in (("plain", "unix"), ("or", "linux or (osx and x86_64)")):
            for with_linux in (True, False):
                for reverse_id, reverse in zip(("straight", "reversed", "mixed"), REVERSE, strict=True):
                    for fmt in ("v0", "v1"):
                        case_id = f"{fmt}-{number}-{selector_id}-{'linux' if with_linux else 'nolinux'}-{reverse_id}"
                        params.append(
                            pytest.param(fmt, macdt, v_std, sdk, selector, with_linux, reverse, expected, id=case_id)
                        )
    return params


@pytest.fixture
def smithy_baseline(monkeypatch):
    from recipegen.linters.rules import variants_macos_below_baseline, variants_macos_sdk_below_stdlib

    floors = [(10, 13), (11, 0)]
    monkeypatch.setattr(variants_macos_below_baseline, "macos_baseline_floors", lambda: floors)
    monkeypatch.setattr(variants_macos_sdk_below_stdlib, "macos_baseline_floors", lambda: floors)


@pytest.mark.parametrize(
    ("fmt", "macdt", "v_std", "sdk", "std_selector", "with_linux", "reverse", "expected"), _osx_params()
)
def test_macos_variant_values_split_per_architecture(
    fmt, macdt, v_std, sdk, std_selector, with_linux, reverse, expected, tmp_path, smithy_baseline
):
    if fmt == "v0":
        (tmp_path / "meta.yaml").write_text("package:\n  name: foo\n")
        (tmp_path / "conda_build_config.yaml").write_text(_cbc(macdt, v_std, sdk, std_selector, with_linux, reverse))
    else:
        (tmp_path / "recipe.yaml").write_text("package:\n  name: foo\n")
        (tmp_path / "variants.yaml").write_text(_variants(macdt, v_std, sdk, std_selector, with_linux, reverse))
    recipe = tmp_path / ("meta.yaml" if fmt == "v0" else "recipe.yaml")
    result = lint_file(recipe, LintRequest(conda_forge=True, select=(*MACOS_RULES, TARGET_KEY_RULE)))
    fired = {p.rule_id for p in result.problems}
    assert bool(fired & set(MACOS_RULES)) == (expected == "below"), result.problems
    assert (TARGET_KEY_RULE in fired) == (macdt is not None), result.problems


def lint_one(tmp_path, name: str, text: str, rule: str, conda_forge: bool = False) -> list[int]:
    folder = tmp_path / "recipe-folder"
    folder.mkdir()
    (folder / name).write_text(textwrap.dedent(text).lstrip("\n"))
    result = lint_file(folder / name, LintRequest(conda_forge=conda_forge, select=(rule,), use_config=False))
    return [p.line for p in result.problems if p.rule_id == rule]


@pytest.mark.parametrize("where", ["run", "run_constrained"])
def test_osx_pin_for_intel_macos_only(where, tmp_path):
    text = f"""
    package:
      name: foo
    requirements:
      {where}:
        - __osx >={{{{ MACOSX_DEPLOYMENT_TARGET|default("10.9") }}}}  # [osx and x86_64]
    """
    assert lint_one(tmp_path, "meta.yaml", text, "stdlib-osx-virtual-direct") == [5]


WINDOWS_WHEEL = """
{% set name = "libconeangle" %}
{% set version = "0.1.1" %}

package:
  name: {{ name|lower }}
  version: {{ version }}

source:
  url: https://pypi.org/packages/source/{{ name[0] }}/{{ name }}/libconeangle-{{ version }}.tar.gz  # [unix]
  sha256: bc828be92fdf2d2d353b5e8bb95644068220d92809276312ff2d7bca0aa8b2d1  # [unix]
  url: https://pypi.org/packages/cp{{ CONDA_PY }}/{{ name[0] }}/{{ name }}/{{ name }}-{{ version }}-cp{{ CONDA_PY }}-cp{{ CONDA_PY }}-win_amd64.whl  # [win]
  sha256: 467a444ca9a46675b12d43b00462052dc00a16bc322944df8053b1573a492dce  # [win and py==38]
build:
  skip: true  # [py<38 or python_impl == 'pypy' or (win and py==311)]
  number: 3
"""

PURE_WHEEL = """
{% set name = "junit-xml" %}
{% set version = "1.9" %}
{% set python_tag = 'py2.py3' %}

package:
  name: {{ name|lower }}
  version: {{ version }}

source:
  - url: https://pypi.org/packages/{{ python_tag }}/{{ name[0] }}/{{ name }}/{{ name | replace('-', '_') }}-{{ version }}-{{ python_tag }}-none-any.whl
    sha256: "ec5ca1a55aefdd76d28fcc0b135251d156c7106fa979686a4b48d62b761b4732"

build:
  noarch: python
  number: 0
"""


def test_compiled_wheel_chosen_for_windows_by_a_selector(tmp_path):
    assert lint_one(tmp_path, "meta.yaml", WINDOWS_WHEEL, "source-compiled-wheel") == [11]


def test_pure_wheel_url_with_jinja_spaces(tmp_path):
    assert lint_one(tmp_path, "meta.yaml", PURE_WHEEL, "source-pure-wheel-noarch") == [10]


PIP_OUTPUTS = [  # (outputs, outputs that must get the hint), conda-smithy's cases
    ("- name: python-output\n  requirements:\n    run:\n      - python\n", []),
    ("- name: python-output\n  requirements:\n    - python\n", []),
    ("- name: python-output\n  requirements:\n    host:\n      - pip\n    run:\n      - python\n", ["python-output"]),
    (
        "- name: python-output\n  requirements:\n    build:\n      - pip\n    run:\n      - python\n"
        "- name: python-output2\n  requirements:\n    run:\n      - python\n",
        ["python-output"],
    ),
    (
        "- name: python-output\n  requirements:\n    build:\n      - blah\n    host:\n      - pip\n    run:\n      - python\n",
        ["python-output"],
    ),
    (
        "- name: python-output\n  requirements:\n    host:\n      - pip\n      - @@backend@@\n    run:\n      - python\n",
        [],
    ),
    (
        "- name: python-output\n  requirements:\n    build:\n      - pip\n      - @@backend@@\n    run:\n      - python\n"
        "- name: python-output2\n  requirements:\n    host:\n      - pip\n    run:\n      - python\n",
        ["python-output2"],
    ),
    (
        "- name: python-output\n  requirements:\n    build:\n      - pip\n      - setuptools\n    run:\n      - python\n"
        "- name: python-output2\n  requirements:\n    host:\n      - pip\n      - @@backend@@\n    run:\n      - python\n",
        [],
    ),
]
PIP_TOP_LEVEL = [  # (requirements of a recipe named `python`, hinted?)
    ("requirements:\n  run:\n    - python\n", False),
    ("requirements:\n  host:\n    - pip\n  run:\n    - python\n", True),
    ("requirements:\n  build:\n    - blah\n  host:\n    - pip\n  run:\n    - python\n", True),
    ("requirements:\n  host:\n    - pip\n    - @@backend@@\n  run:\n    - python\n", False),
    ("requirements:\n  build:\n    - pip\n  run:\n    - python\n", True),
    ("", False),  # conda-smithy's `remove_top_level`
]


@pytest.mark.parametrize("backend", ["hatchling", "jupyter_packaging", "scikit-build-core"])
def test_pip_build_backend_hint_on_a_recipe_named_python(backend, tmp_path):
    from recipegen.linters.api import lint_text
    from recipegen.linters.model import LintOptions

    for top_number, (top, top_hinted) in enumerate(PIP_TOP_LEVEL):
        for out_number, (outputs, hinted_outputs) in enumerate(PIP_OUTPUTS):
            text = f"package:\n  name: python\n{top}outputs:\n{textwrap.indent(outputs, '  ')}".replace(
                "@@backend@@", backend
            )
            folder = tmp_path / f"{top_number}-{out_number}" / "recipe"
            folder.mkdir(parents=True)
            problems = lint_text(text, str(folder / "meta.yaml"), LintOptions(conda_forge=True))
            hinted = sorted(p.message.split("`")[1] for p in problems if p.rule_id == "pip-build-backend-missing")
            assert hinted == sorted([*hinted_outputs, *(["python"] if top_hinted else [])]), text
