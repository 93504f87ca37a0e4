"""spdx_from_classifiers / classifier_ambiguity and the classifier data file."""

import pytest

from recipegen.licenses import (
    check_expression,
    classifier_ambiguity,
    classifier_ambiguity_reason,
    spdx_from_classifiers,
)
from recipegen.licensing.data import classifier_table


def test_single_licence_classifiers_map_to_ids():
    classifiers = [
        "Programming Language :: Python :: 3",
        "License :: OSI Approved :: MIT License",
        "License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)",
        "License :: OSI Approved :: MIT License",
        "License :: OSI Approved :: Apache Software License",
    ]
    assert spdx_from_classifiers(classifiers) == ["MIT", "GPL-2.0-or-later"]
    assert classifier_ambiguity(classifiers) == ["License :: OSI Approved :: Apache Software License"]


@pytest.mark.parametrize(
    ("classifier", "spdx_id"),
    [
        ("License :: OSI Approved :: GNU General Public License v3 (GPLv3)", "GPL-3.0-only"),
        ("License :: OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)", "LGPL-3.0-or-later"),
        ("License :: OSI Approved :: GNU Affero General Public License v3", "AGPL-3.0-only"),
        ("License :: OSI Approved :: ISC License (ISCL)", "ISC"),
        ("License :: OSI Approved :: Python Software Foundation License", "PSF-2.0"),
        ("License :: OSI Approved :: zlib/libpng License", "Zlib"),
        ("License :: OSI Approved :: Zero-Clause BSD (0BSD)", "0BSD"),
        ("License :: CC0 1.0 Universal (CC0 1.0) Public Domain Dedication", "CC0-1.0"),
        ("License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)", "MPL-2.0"),
        ("License :: OSI Approved :: The Unlicense (Unlicense)", "Unlicense"),
        ("License :: OSI Approved :: Boost Software License 1.0 (BSL-1.0)", "BSL-1.0"),
    ],
)
def test_known_classifiers(classifier, spdx_id):
    assert spdx_from_classifiers([classifier]) == [spdx_id]
    assert classifier_ambiguity([classifier]) == []


@pytest.mark.parametrize(
    "classifier",
    [
        "License :: OSI Approved :: BSD License",
        "License :: OSI Approved",
        "License :: OSI Approved :: GNU General Public License (GPL)",
        "License :: OSI Approved :: GNU Library or Lesser General Public License (LGPL)",
        "License :: Other/Proprietary License",
        "License :: Public Domain",
        "License :: Freeware",
        "License :: Not A Real Classifier",
    ],
)
def test_ambiguous_classifiers_map_to_nothing(classifier):
    assert spdx_from_classifiers([classifier]) == []
    assert classifier_ambiguity([classifier]) == [classifier]


def test_ambiguity_reason_and_spacing():
    assert "BSD-3-Clause" in classifier_ambiguity_reason("License :: OSI Approved :: BSD License")
    assert spdx_from_classifiers(["License::OSI Approved::MIT License"]) == ["MIT"]


def test_every_mapped_id_is_a_current_spdx_id():
    table = classifier_table()
    assert len(table) >= 84
    for classifier, (spdx_id, why) in table.items():
        assert classifier.startswith("License :: ")
        assert bool(spdx_id) != bool(why), classifier  # either an id or a reason
        if spdx_id:
            check = check_expression(spdx_id)
            assert check.valid and not check.deprecated and check.normalized == spdx_id


def test_covers_every_trove_licence_classifier():
    trove = pytest.importorskip("trove_classifiers")
    licence_classifiers = {c for c in trove.classifiers if c.startswith("License ::")}
    assert licence_classifiers <= set(classifier_table())


def test_covers_the_recorded_trove_licence_classifiers():
    from pathlib import Path

    recorded = Path(__file__).parents[2] / "fixtures" / "licenses" / "trove-license-classifiers.txt"
    classifiers = set(recorded.read_text(encoding="utf-8").split("\n")) - {""}
    assert len(classifiers) == 84
    assert classifiers == set(classifier_table())
