"""Regression tests of set 19 (blind Debian archives; benchmarks/cxx_reference.json), on verbatim
files of the archives in fixtures/cxx/real (see its README)."""

from __future__ import annotations

from recipegen.generators.cxx.detect import build_systems, read_project
from recipegen.generators.cxx.license_files import find_license

from .conftest import tree


def test_a_choice_of_licences_ends_where_the_bundled_parts_begin():
    # ode 0.16.2's COPYING: "ODE is dual-licensed under either: * GNU Lesser General Public License v 2.1 or
    # later. ... * Modified 3-clause BSD license. ... Third-party libraries bundled with ODE: ... OU/ODER:
    # triple-licensed under either ... ZLIB license"
    assert find_license(tree("ode-0.16.2").texts).expression == "LGPL-2.1-or-later OR BSD-3-Clause"


def test_a_documentation_licence_beside_the_code_licence():
    # vte 0.70.6: COPYING.LGPL3 (with COPYING.GPL3, which LGPL 3 builds on), COPYING.CC-BY-4-0, COPYING.XTERM
    found = find_license(tree("vte-0.70.6").texts)
    assert "CC-BY-4.0" not in found.expression
    assert found.expression.startswith("LGPL-3.0")


def test_integer_variables_in_a_meson_library_name():
    # vte 0.70.6: vte_api_major_version = 2 ... vte_api_version = '@0@.@1@'.format(...);
    # shared_library(vte_gtk3_api_name, ...) with vte_gtk3_api_name = 'vte-' + vte_api_version
    project = read_project(tree("vte-0.70.6"))
    assert "vte-2.91" in [lib.target for lib in project.libraries]
    assert not project.header_only


def test_the_unix_build_of_a_project_with_one_per_platform():
    # tcl 8.6.13: unix/configure.in and win/configure.in (first 12 lines each), nothing at the top
    assert build_systems(tree("tcl-8.6.13"))[0][1] == "unix"


def test_a_notice_file_that_opens_with_the_projects_licence():
    # krb5 1.20.1: no licence file; NOTICE (first 120 lines) opens with MIT's copyright and the 2-clause BSD
    # text, then, after a ==== line, the licences of bundled parts
    found = find_license(tree("krb5-1.20.1").texts, folder="src")
    assert found.expression == "BSD-2-Clause"
    assert found.files == ["NOTICE"]
