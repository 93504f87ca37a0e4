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


def test_release_notes_back_the_archive_against_build_files_not_bumped():
    # wreport 3.35: meson.build project(version: '3.34') and AC_INIT(wreport, [3.34]); NEWS.md's newest
    # entry "# New in version 3.35" names the archive's (folder's) version
    assert read_project(tree("wreport-3.35")).version == "3.35"


def test_a_licence_file_offering_a_choice_of_the_licences_it_sets_out():
    # libdivide 3.0's LICENSE.txt: "made available under two licenses. You may choose either of the
    # following licenses": the zlib License, then the Boost License
    assert find_license(tree("libdivide-3.0").texts).expression == "Zlib OR BSL-1.0"


def test_options_defaulting_to_an_environment_variable_nobody_sets():
    # libmemcached 1.1.4's CMakeConfig.txt: option(ENABLE_SASL "enable SASL support" $ENV{ENABLE_SASL});
    # option(ENABLE_OPENSSL_CRYPTO ... $ENV{ENABLE_OPENSSL_CRYPTO}); FindBacktrace is glibc's execinfo
    packages = [r.spec for r in host_requirements(read_project(tree("libmemcached-1.1.4")))[0]]
    assert packages == []


def test_the_projects_own_find_module_for_a_name_the_map_does_not_know():
    # libuvc 0.0.7: find_package(JpegPkg QUIET) -> cmake/FindJpegPkg.cmake -> find_package(JPEG), pkg_check_modules(JPEG libjpeg)
    packages = [r.spec for r in host_requirements(read_project(tree("libuvc-0.0.7")))[0]]
    assert "libjpeg-turbo" in packages


def test_extra_programs_an_install_list_from_configure_builds():
    # libqalculate 4.5.1: bin_PROGRAMS = @QALCULATE_TEXT@ (qalc), EXTRA_PROGRAMS = qalc ...; qalc_LDADD has
    # @READLINE_LIBS@, which configure sets after AC_CHECK_HEADERS(readline/readline.h ...)
    packages = [r.spec for r in host_requirements(read_project(tree("libqalculate-4.5.1")))[0]]
    assert "readline" in packages
