from __future__ import annotations

import pytest
from recipegen.generators.cran.description import (
    Dependency,
    DescriptionError,
    parse_dcf,
    parse_dependencies,
    parse_description,
)

from tests.cran.cran_repo import FIXTURES, package_names

MINIMAL = "Package: foo\nVersion: 1.2-3\nLicense: MIT + file LICENSE\n"


def test_continuation_lines_are_joined_and_collapsed():
    text = MINIMAL + "Title: A Title\n    Over Two Lines\nDescription: First line.\n\tSecond line.\n"
    description = parse_description(text)
    assert description.title == "A Title Over Two Lines"
    assert description.text == "First line. Second line."


def test_records_are_separated_by_blank_lines():
    records = parse_dcf("Package: a\nVersion: 1.0\n\n\nPackage: b\nVersion: 2.0\n")
    assert [r["Package"] for r in records] == ["a", "b"]


@pytest.mark.parametrize(
    "text, problem",
    [
        ("  indented first\n", "continuation line before any field"),
        ("Package: a\nno colon here\n", "line 2: expected 'Field: value'"),
        ("Package: a\nPackage: b\n", "field 'Package' appears twice"),
    ],
)
def test_broken_dcf_names_the_line(text, problem):
    with pytest.raises(DescriptionError, match=problem):
        parse_dcf(text)


def test_dependencies_with_constraints_and_line_breaks():
    deps = parse_dependencies("R (>= 3.5.0), Rcpp (>= 1.0-2),\n  methods, Matrix (>= 1.2), Matrix (< 2.0)", "Imports")
    assert deps == [
        Dependency("R", ((">=", "3.5.0"),)),
        Dependency("Rcpp", ((">=", "1.0-2"),)),
        Dependency("methods"),
        Dependency("Matrix", ((">=", "1.2"), ("<", "2.0"))),
    ]


@pytest.mark.parametrize("value", ["foo bar", "foo (>= )", "foo (~ 1.0)", "9lives"])
def test_unreadable_dependency_is_an_error(value):
    with pytest.raises(DescriptionError, match="field Imports"):
        parse_dependencies(value, "Imports")


@pytest.mark.parametrize(
    "text, problem",
    [
        ("Package: foo\nVersion: 1.0\n", "field License is missing"),
        ("Package: foo bar\nVersion: 1.0\nLicense: MIT\n", "not a valid R package name"),
        ("Package: foo\nVersion: 1.0.beta\nLicense: MIT\n", "not a valid R package version"),
        (MINIMAL + "Imports: a b\n", "field Imports: cannot read dependency 'a b'"),
    ],
)
def test_invalid_description(text, problem):
    with pytest.raises(DescriptionError, match=problem):
        parse_description(text)


def test_latin1_only_when_declared():
    body = (MINIMAL + "Author: Fran\xe7ois\nEncoding: latin1\n").encode("latin-1")
    assert "François" in parse_description(body).get("Author")
    with pytest.raises(DescriptionError, match="not UTF-8"):
        parse_description((MINIMAL + "Author: Fran\xe7ois\n").encode("latin-1"))


@pytest.mark.parametrize("package", package_names())
def test_every_real_description_parses(package):
    description = parse_description((FIXTURES / package / "DESCRIPTION").read_bytes())
    assert description.package == package
    assert description.title and description.license
    assert description.needs_compilation in (True, False)
