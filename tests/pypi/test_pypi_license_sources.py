"""Licenses from what upstream ships (issue 10): ZPL classifiers, --license-file, wheel sources.

Recorded: zope.interface 5.4.0, zope.event 4.5.0, transaction 3.0.1 (`Zope Public License`
classifier + `ZPL 2.1` License field + ZPL-2.1 text) and simplegeneric 0.8.1 (an sdist that
ships no license file).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from recipegen.cli import main
from recipegen.generate import GenerationError, check_generated

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pypi"


@pytest.mark.parametrize("spec", ["zope.interface==5.4.0", "zope.event==4.5.0", "transaction==3.0.1"])
def test_zope_public_license_classifier_with_zpl_21_field_and_text(make_generator, spec):
    recipe = make_generator(extras=("none",)).generate(spec)
    assert recipe.data["about"]["license"] == "ZPL-2.1"
    assert recipe.data["about"]["license_file"]
    assert check_generated(recipe, recipe.text()) == []


def test_sdist_without_license_file_fails_without_license_file_option(make_generator):
    with pytest.raises(GenerationError, match=r"ships no license file .*pass --license-file PATH"):
        make_generator().generate("simplegeneric==0.8.1")


def test_license_file_option_ships_a_local_file_next_to_the_recipe(make_generator, tmp_path):
    import tarfile

    local = FIXTURES / "zope.event" / "zope.event-4.5.0.tar.gz"  # a real ZPL-2.1 text
    with tarfile.open(local) as archive:
        text = archive.extractfile("zope.event-4.5.0/LICENSE.txt").read().decode()
    path = tmp_path / "LICENSE.txt"
    path.write_text(text)
    recipe = make_generator(license_file=str(path)).generate("simplegeneric==0.8.1")
    assert recipe.data["about"]["license_file"] == "LICENSE.txt"
    assert recipe.extra_files["LICENSE.txt"] == text
    assert recipe.data["about"]["license"] == "ZPL-2.1"
    assert check_generated(recipe, recipe.text()) == []


def test_license_file_option_names_a_path_in_the_sdist(make_generator):
    recipe = make_generator(extras=("none",), license_file="doc/COPYING.LESSER").generate("psycopg2==2.9.13")
    assert recipe.data["about"]["license_file"] == "doc/COPYING.LESSER"
    assert recipe.extra_files == {}


def test_license_file_option_that_exists_nowhere_is_one_line(make_generator):
    with pytest.raises(GenerationError, match=r"--license-file NOPE: not in the sdist and no such local file"):
        make_generator(license_file="NOPE").generate("simplegeneric==0.8.1")


def test_license_file_option_applies_to_one_spec():
    result = CliRunner().invoke(main, ["pypi", "a", "b", "--license-file", "LICENSE", "--stdout"])
    assert result.exit_code == 2 and "--license-file applies to one SPEC" in result.output


@pytest.mark.parametrize(
    "expression,expected",
    [("LGPL-2.1", "LGPL-2.1-only"), ("GPL-2.0+ OR MIT", "GPL-2.0-or-later OR MIT"), ("ZPL-2.1", "ZPL-2.1")],
)
def test_deprecated_spdx_ids_are_replaced(expression, expected):
    from recipegen.generators.pypi.license_info import modernize

    assert modernize(expression, [], None) == expected


def test_deprecated_gnu_id_takes_the_license_files_version_statement():
    from recipegen.generators.pypi.license_info import modernize
    from recipegen.generators.pypi.sources import SourceTree

    notice = (
        "This library is free software; you can redistribute it under the terms of the GNU Lesser "
        "General Public License as published by the Free Software Foundation; either version 2.1 of "
        "the License, or (at your option) any later version."
    )
    tree = SourceTree("t", ["COPYING"], {"COPYING": notice})
    assert modernize("LGPL-2.1", ["COPYING"], tree) == "LGPL-2.1-or-later"
