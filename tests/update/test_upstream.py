"""Which upstream a source URL points at, in every form conda-forge recipes use."""

from __future__ import annotations

import pytest

from recipegen.update.upstream import cran_package, github_archive, pypi_project

PYPI_FORMS = [
    "https://pypi.io/packages/source/n/nbformat/nbformat-5.9.0.tar.gz",
    "https://pypi.org/packages/source/n/nbformat/nbformat-5.9.0.tar.gz",
    "https://pypi.python.org/packages/source/n/nbformat/nbformat-5.9.0.tar.gz",
    "https://files.pythonhosted.org/packages/source/n/nbformat/nbformat-5.9.0.tar.gz",
    "https://pypi.invalid/packages/source/n/nbformat/nbformat-5.9.0.tar.gz",  # a mirror / stand-in host
    "https://files.pythonhosted.org/packages/6f/6e/1234567890abcdef1234567890abcdef1234567890abcdef1234567890ab/nbformat-5.9.0.tar.gz",
]


@pytest.mark.parametrize("url", PYPI_FORMS)
def test_pypi_sdist_urls(url):
    assert pypi_project(url) == "nbformat"


def test_not_pypi():
    assert pypi_project("https://github.com/jupyter/nbformat/archive/v5.9.0.tar.gz") is None
    assert pypi_project("https://pypi.org/project/nbformat/") is None


@pytest.mark.parametrize(
    "url",
    [
        "https://cloud.r-project.org/src/contrib/data.table_1.17.8.tar.gz",
        "https://cloud.r-project.org/src/contrib/Archive/data.table/data.table_1.17.8.tar.gz",
    ],
)
def test_cran_both_forms(url):
    assert cran_package(url) == ("data.table", "1.17.8")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://github.com/pybind/pybind11/archive/v3.0.3.tar.gz", ("pybind/pybind11", "v3.0.3")),
        ("https://github.com/numpy/numpy/archive/refs/tags/v2.3.1.tar.gz", ("numpy/numpy", "v2.3.1")),
        (
            "https://github.com/geopandas/geopandas/releases/download/v1.1.0/geopandas-1.1.0.tar.gz",
            ("geopandas/geopandas", "v1.1.0"),
        ),
        ("https://codeload.github.com/JuliaIO/JSON.jl/tar.gz/refs/tags/v0.21.4", ("JuliaIO/JSON.jl", "v0.21.4")),
    ],
)
def test_github_archives(url, expected):
    assert github_archive(url) == expected
