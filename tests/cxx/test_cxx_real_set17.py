"""Regression tests of set 17 (blind Debian archives; benchmarks/cxx_reference.json), on verbatim
files of the archives in fixtures/cxx/real (see its README)."""

from __future__ import annotations

from recipegen.generators.cxx.autoconf import read_configure
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.detect import read_project
from recipegen.generators.cxx.hostdeps import host_requirements
from recipegen.generators.cxx.license_files import find_license

from .conftest import tree


def test_m4_macros_aclocal_includes_with_m4_if_and_joined_quotes():
    # libgphoto2 2.5.30: aclocal.m4 (lines 1590-1610) m4_include([libgphoto2_port/gphoto-m4/gp-check-library.m4]);
    # GP_CHECK_LIBRARY picks `_GP_CHECK_LIBRARY` with m4_if([$8], ...), which sets [try_][$1]=auto and
    # then calls PKG_CHECK_MODULES under `if test "x${[try_][$1]}" = "xautodetect"`
    source = tree("libgphoto2-2.5.30")
    found = {f.name: f.live for f in read_configure(source.texts["configure.ac"], source.texts).found}
    assert found.get("libxml-2.0") is True and found.get("libcurl") is True and found.get("libexif") is True


def test_only_or_or_later_of_one_licence_is_or_later():
    # gmime 3.2.13's README: "licensed under the LGPL v2.1 ... either version 2.1 of the License, or
    # (at your option) any later version" (was LGPL-2.1-only OR LGPL-2.1-or-later)
    assert find_license(tree("gmime-3.2.13").texts).expression == "LGPL-2.1-or-later"


def test_a_package_only_a_switched_off_test_folder_links():
    # msgpack-c 4.0.0: FIND_PACKAGE (ZLIB) and IF (GTEST_FOUND AND ZLIB_FOUND ...) OPTION (MSGPACK_BUILD_TESTS ...);
    # test/CMakeLists.txt links ${ZLIB_LIBRARIES}; the script turns the tests off
    project = read_project(tree("msgpack-c-4.0.0"))
    assert "zlib" not in [r.spec for r in host_requirements(project)[0]]


def test_names_of_set_17():
    assert map_dependency("Zip").conda == "libzip"  # netcdf's find_package(Zip), not the Python zip
    assert map_dependency("Szip").conda == "libaec"
    assert map_dependency("atk").conda == "atk-1.0"
