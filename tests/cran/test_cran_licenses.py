from __future__ import annotations

import pytest
from recipegen.generators.cran.description import parse_description
from recipegen.generators.cran.licenses import analyze_without_r, license_from_description, to_spdx
from recipegen.generators.cran.rsession import base_packages, r_available

from tests.cran.cran_repo import FIXTURES, package_names

needs_r = pytest.mark.skipif(not r_available(), reason="R and rpy2 (recipegen[r]) are not installed")

# (DESCRIPTION License, SPDX, R's shipped license files, package's own files)
CASES = [
    ("GPL (>= 2)", "GPL-2.0-or-later", ["GPL-2", "GPL-3"], []),
    ("GPL-2 | GPL-3", "GPL-2.0-only OR GPL-3.0-only", ["GPL-2", "GPL-3"], []),
    ("MIT + file LICENSE", "MIT", ["MIT"], ["LICENSE"]),
    ("GPL-2", "GPL-2.0-only", ["GPL-2"], []),
    ("GPL-3", "GPL-3.0-only", ["GPL-3"], []),
    ("GPL (>= 3)", "GPL-3.0-or-later", ["GPL-3"], []),
    ("GPL", "GPL-2.0-or-later", ["GPL-2", "GPL-3"], []),
    ("LGPL (>= 2.1)", "LGPL-2.1-or-later", ["LGPL-2.1", "LGPL-3"], []),
    ("GPL (>= 2) | file LICENCE", "GPL-2.0-or-later", ["GPL-2", "GPL-3"], ["LICENCE"]),
    ("GPL-2 | MIT + file LICENSE", "GPL-2.0-only OR MIT", ["GPL-2", "MIT"], ["LICENSE"]),
    ("MPL-2.0 | file LICENSE", "MPL-2.0", [], ["LICENSE"]),
    ("BSD_3_clause + file LICENSE", "BSD-3-Clause", ["BSD_3_clause"], ["LICENSE"]),
    ("Apache License 2.0", "Apache-2.0", [], []),
    ("Apache License (== 2.0)", "Apache-2.0", [], []),
    ("CC0", "CC0-1.0", [], []),
    ("AGPL-3", "AGPL-3.0-only", ["AGPL-3"], []),
    ("Artistic-2.0", "Artistic-2.0", ["Artistic-2.0"], []),
    ("BSL-1.0", "BSL-1.0", [], []),
    ("Mozilla Public License 2.0", "MPL-2.0", [], []),
    ("GNU General Public License version 2", "GPL-2.0-only", ["GPL-2"], []),
    ("LGPL-2.1 | MPL-1.1", "LGPL-2.1-only OR MPL-1.1", ["LGPL-2.1"], []),
]
UNSURE = ["file LICENSE", "Unlimited", "GPL (>= 2.15.1)", "FreeBSD", "Some Custom License", "Unlimited | GPL-2"]


@pytest.mark.parametrize("text, spdx, r_files, own", CASES)
def test_license_mapping_without_r(text, spdx, r_files, own):
    result = license_from_description(text, use_r=False)
    assert (result.spdx, result.r_files, result.package_files) == (spdx, r_files, own)
    assert not result.problems


@pytest.mark.parametrize("text", UNSURE)
def test_unsure_licenses_are_reported_not_guessed(text):
    result = license_from_description(text, use_r=False)
    assert result.spdx is None
    assert "no sure SPDX form" in result.problems[0]


def test_extension_of_a_non_template_license_is_reported():
    result = license_from_description("GPL-2 + file LICENSE", use_r=False)
    assert result.spdx == "GPL-2.0-only"
    assert "adds terms" in result.problems[0]


def test_every_spdx_result_is_a_valid_expression():
    from recipegen.licenses import check_expression

    for text, spdx, _, _ in CASES:
        check = check_expression(spdx)
        assert check.valid and not check.deprecated, (text, check)


def _fixture_licenses() -> list[str]:
    return [parse_description((FIXTURES / p / "DESCRIPTION").read_bytes()).license for p in package_names()]


@needs_r
@pytest.mark.needs_r
@pytest.mark.parametrize("text", sorted(set(_fixture_licenses()) | {t for t, *_ in CASES} | set(UNSURE)))
def test_r_and_data_file_agree(text):
    """R's tools:::analyze_license() and the data-file analysis give the same SPDX and files."""
    with_r = license_from_description(text, use_r=True)
    without_r = license_from_description(text, use_r=False)
    assert (with_r.spdx, with_r.r_files, with_r.package_files) == (
        without_r.spdx,
        without_r.r_files,
        without_r.package_files,
    )


@needs_r
@pytest.mark.needs_r
def test_base_packages_from_r_match_the_data_file():
    assert base_packages(use_r=True) == base_packages(use_r=False)


def test_base_packages_are_the_fourteen_not_the_recommended():
    base = base_packages(use_r=False)
    assert len(base) == 14 and {"methods", "stats", "utils", "tools", "grid"} <= base
    assert not base & {"Matrix", "MASS", "lattice", "survival", "nlme", "mgcv"}


def test_analysis_components_keep_pointers():
    analysis = analyze_without_r("GPL-2 | MIT + file LICENSE")
    assert [c.pointer for c in analysis.components] == ["", "LICENSE"]
    assert to_spdx(analysis, "x").spdx == "GPL-2.0-only OR MIT"


def test_unsure_alternatives_keep_the_texts_r_ships():
    """R 4.2 ships AGPL-3 and Artistic-2.0 in share/licenses; CC0 and Unlimited have no text there."""
    result = license_from_description("Artistic-2.0 | AGPL-3 | CC0 | Unlimited", use_r=False)
    assert result.spdx is None and "no sure SPDX form" in result.problems[0]
    assert result.r_files == ["Artistic-2.0", "AGPL-3"]
