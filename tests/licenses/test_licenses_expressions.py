"""check_expression / normalize_expression / expression_ids."""

import pytest

from recipegen.licenses import check_expression, expression_ids, normalize_expression


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("mit", "MIT"),
        ("apache-2.0", "Apache-2.0"),
        ("BSD-3-clause or MIT", "BSD-3-Clause OR MIT"),
        ("  MIT\n  or\tApache-2.0 ", "MIT OR Apache-2.0"),
        ("((MIT))", "MIT"),
        ("(MIT OR Apache-2.0) AND BSD-3-Clause", "(MIT OR Apache-2.0) AND BSD-3-Clause"),
        ("MIT AND (Apache-2.0 AND BSD-3-Clause)", "MIT AND Apache-2.0 AND BSD-3-Clause"),
        ("MIT OR (Apache-2.0 AND Zlib)", "MIT OR Apache-2.0 AND Zlib"),
        ("apache-2.0 with llvm-exception", "Apache-2.0 WITH LLVM-exception"),
        (
            "Apache-2.0 AND (MIT OR Apache-2.0 WITH LLVM-exception)",
            "Apache-2.0 AND (MIT OR Apache-2.0 WITH LLVM-exception)",
        ),
        ("gpl-3.0-or-later with gcc-exception-3.1", "GPL-3.0-or-later WITH GCC-exception-3.1"),
        ("LicenseRef-Proprietary", "LicenseRef-Proprietary"),
        ("licenseref-foo AND mit", "LicenseRef-foo AND MIT"),
        ("DocumentRef-spdx:LicenseRef-x OR MIT", "DocumentRef-spdx:LicenseRef-x OR MIT"),
    ],
)
def test_valid_expressions_are_normalized(given, expected):
    check = check_expression(given)
    assert check.valid, check
    assert check.expression == given
    assert check.normalized == expected
    assert normalize_expression(given) == expected
    assert check.error == "" and check.unknown == [] and check.unknown_exceptions == []


@pytest.mark.parametrize(
    ("given", "replacement"),
    [
        ("GPL-2.0", "GPL-2.0-only"),
        ("GPL-2.0+", "GPL-2.0-or-later"),
        ("LGPL-2.1", "LGPL-2.1-only"),
        ("lgpl-3.0+", "LGPL-3.0-or-later"),
        ("AGPL-3.0", "AGPL-3.0-only"),
        ("GPL-2.0-with-classpath-exception", "GPL-2.0-only WITH Classpath-exception-2.0"),
    ],
)
def test_deprecated_ids_are_reported_with_replacement(given, replacement):
    check = check_expression(given)
    assert check.valid  # still on the SPDX list; R-044 uses `deprecated`
    assert list(check.deprecated.values()) == [replacement]
    # normalisation never replaces ids, only fixes case
    assert normalize_expression(given).lower() == given.lower()


def test_deprecated_exception_is_reported():
    check = check_expression("GPL-2.0-only WITH Nokia-Qt-exception-1.1")
    assert check.deprecated == {"Nokia-Qt-exception-1.1": "Qt-LGPL-exception-1.1"}


def test_unknown_licence_ids_are_listed():
    check = check_expression("Foo-1.0 or mit OR BSD")
    assert not check.valid
    assert check.unknown == ["Foo-1.0", "BSD"]
    assert check.normalized == "Foo-1.0 OR MIT OR BSD"
    assert normalize_expression("Foo-1.0 or mit") is None


def test_unknown_exception_is_listed():
    check = check_expression("GPL-2.0-only WITH Foo-exception")
    assert not check.valid
    assert check.unknown_exceptions == ["Foo-exception"]
    assert check.unknown == []
    assert check.error == ""


def test_licence_used_as_exception_is_an_error():
    check = check_expression("MIT WITH GPL-2.0-only")
    assert not check.valid
    assert "not an exception" in check.error
    assert check.normalized is None


def test_exception_used_as_licence_is_an_error():
    check = check_expression("LLVM-exception")
    assert not check.valid
    assert "needs 'WITH'" in check.error


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "   ",
        "MIT | BSD-3-Clause",
        "MIT License",
        "GPL (>= 2)",
        "MIT and",
        "A AND B AND",
        "OR MIT",
        "(MIT",
        "MIT)",
        "MIT OR OR Apache-2.0",
        "MIT WITH",
        "\x00\x01",
        "MIT/X11",
        "x" * 20_000,
    ],
)
def test_garbage_gives_an_error_not_an_exception(garbage):
    check = check_expression(garbage)
    assert not check.valid
    assert check.normalized is None
    assert check.error
    assert "\n" not in check.error
    assert normalize_expression(garbage) is None


def test_none_input_is_an_error():
    assert check_expression(None).error == "empty license expression"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "cran_output",
    [
        "GPL-2.0-or-later",
        "GPL-2.0-only OR GPL-3.0-only",
        "GPL-2.0-only OR MIT",
        "LGPL-2.1-or-later",
        "MPL-2.0",
        "BSD-3-Clause",
        "AGPL-3.0-only",
        "CC0-1.0",
        "BSL-1.0",
        "Artistic-2.0",
        "LicenseRef-FOSS",
    ],
)
def test_cran_mapping_outputs_are_valid(cran_output):
    assert normalize_expression(cran_output) == cran_output


def test_expression_ids():
    assert expression_ids("mit OR (apache-2.0 WITH llvm-exception AND MIT)") == ["MIT", "Apache-2.0"]
    assert expression_ids("LicenseRef-x AND Foo") == ["LicenseRef-x", "Foo"]
    assert expression_ids("GPL-2.0-only WITH Foo-exception") == ["GPL-2.0-only"]
    assert expression_ids("MIT |") == []
    assert expression_ids("") == []
