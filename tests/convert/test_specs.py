"""Requirement specs: conda-build's reading, in the form rattler-build accepts, and rattler-build agrees."""

import pytest

from recipegen.convert.specs import canonical_spec
from recipegen.render import PLATFORMS, render_recipe

CASES = [
    ("python 3.10", "python 3.10.*"),  # conda-build adds the star (utils.ensure_valid_spec)
    ("zlib 1.3.2 *_2", "zlib ==1.3.2 *_2"),  # with a build string the version is exact (CEP 29)
    ("foo=1.2", "foo 1.2.*"),
    ("foo=1.2=b", "foo ==1.2 b"),
    ("foo =1.2=b*", "foo 1.2.* b*"),
    ("foo ==1.2=b", "foo ==1.2 b"),
    ("foo=*=cpu", "foo * cpu"),
    ("jupyter_client !=7.3.2=*_0", "jupyter_client !=7.3.2 *_0"),
    ("foo>=1.2", "foo >=1.2"),
    ("foo >=1.2 , <2", "foo >=1.2,<2"),
    ("python-duckdb <2,>=0.8.1", "python-duckdb <2,>=0.8.1"),
    ("foo >=1.2 *_cpython", "foo >=1.2 *_cpython"),
    ("foo 1.2.* b*", "foo 1.2.* b*"),
    ("foo *", "foo *"),
]


@pytest.mark.parametrize(("spec", "expected"), CASES)
def test_canonical_spec(spec, expected):
    assert canonical_spec(spec) == expected


def test_rattler_build_reads_every_canonical_spec_as_written(tmp_path):
    items = "".join(f'    - "{expected}"\n' for _, expected in CASES)
    text = f'package:\n  name: x\n  version: "1"\nrequirements:\n  run:\n{items}'
    result = render_recipe(text, tmp_path / "recipe.yaml", platforms=PLATFORMS[:1])
    assert result.ok, result.failures
    assert result.variants[0].recipe["requirements"]["run"] == [expected for _, expected in CASES]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("python ${{ python_min }}", "python ${{ python_min }}.*"),
        ("zlib ${{ version }} *_${{ build_num }}", "zlib ==${{ version }} *_${{ build_num }}"),
        (
            "libabseil-static =${{ version }}=cxx${{ cxx_standard }}*",
            "libabseil-static ${{ version }}.* cxx${{ cxx_standard }}*",
        ),
        ("${{ compiler('c') }}", "${{ compiler('c') }}"),
        ('${{ pin_subpackage("a", exact=True) }}', '${{ pin_subpackage("a", exact=True) }}'),
        ("${{ mpi }}", "${{ mpi }}"),
    ],
)
def test_specs_with_expressions(spec, expected):
    assert canonical_spec(spec) == expected
