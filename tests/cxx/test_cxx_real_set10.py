"""Regression tests of the tenth round of issue 11 (set 10 of benchmarks/cxx_reference.json), on
verbatim files of real source tarballs in fixtures/cxx/real (see its README): a GPL-3.0 notice
followed by another notice (not AGPL-3.0), licence statements only at the top or on the way to
the build folder, meson `str.split()`, bare library names of `target_link_libraries()`,
`install(PROGRAMS)`, options declared in both branches of an undecided `if()`, shell
`${var-default}`, `PKG_CHECK_MODULES` with a variable version, a config package's namespace,
Boost's headers, and a Makefile that builds only a test program from the library's sources."""

from __future__ import annotations

import pytest
from recipegen.generators.cxx.autoconf import Env, expand_word, read_configure
from recipegen.generators.cxx.autotools import _makefile_am, read_makefile
from recipegen.generators.cxx.cmake import read_cmake
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.hostdeps import host_requirements
from recipegen.generators.cxx.license_files import find_license, identify
from recipegen.generators.cxx.meson import read_meson
from recipegen.generators.cxx.model import Project
from recipegen.generators.cxx.options import script_value
from recipegen.generators.cxx.recipe import TOOLS
from recipegen.generators.cxx.recipe import tests_for as recipe_tests_for

from .conftest import text, tree


def _host(project) -> list[str]:
    return [req.spec for req in host_requirements(project)[0]]


# --- licences -----------------------------------------------------------------------------------


def test_a_gpl3_notice_followed_by_a_bsd_notice_is_not_agpl():
    # pcsc-lite's COPYING: its BSD-3-Clause text, "Some files are under GNU GPL v3 or any later version" with
    # the GPL-3.0 notice, then auth.c's BSD notice: the tail (406 words) was over the length cap of GPL-3.0's
    # 99-word header but under AGPL-3.0's 102-word one, and came out AGPL-3.0-or-later
    assert identify(text("pcsc-lite-1.9.9", "COPYING")) == ("BSD-3-Clause AND GPL-3.0-or-later", [])


def test_a_sibling_folders_copyright_file_is_no_statement_of_the_package():
    # libzen builds in Project/CMake; its upstream debian/copyright lists Source/MD5/* as public-domain, which
    # made the licence "LicenseRef-Public-Domain OR Zlib"
    assert find_license(tree("libzen-0.4.41").texts, "Project/CMake").expression == "Zlib"


# --- readers ------------------------------------------------------------------------------------


def test_meson_library_named_by_a_split_of_the_project_name():
    # libnotify's meson.build: LIBNAME = meson.project_name().split('lib')[1]; shared_library(LIBNAME, ...)
    folder = tree("libnotify-0.8.6")
    project = read_meson(folder.texts, folder.paths)
    assert [lib.target for lib in project.libraries] == ["notify"]


def test_bare_library_names_of_target_link_libraries_and_installed_programs():
    # portmidi's pm_common: set(PM_NEEDED_LIBS pthread asound) ... target_link_libraries(portmidi-static
    # ${PM_NEEDED_LIBS}); pm_java: INSTALL(PROGRAMS ${CMAKE_LIBRARY_OUTPUT_DIRECTORY}/pmdefaults DESTINATION /usr/local/bin)
    folder = tree("portmidi-217")
    project = read_cmake(folder.texts, folder.paths)
    assert {"alsa-lib", "openjdk"} <= set(_host(project))
    assert "pmdefaults" in project.executables


def test_an_option_declared_in_both_branches_of_an_undecided_if_keeps_both_defaults():
    # srt: option(ENABLE_CXX11 ... OFF) for GCC < 4.7, else ON; `if (NOT ENABLE_CXX11) set(ENABLE_APPS OFF)`;
    # `if (ENABLE_APPS)` adds srt-live-transmit & co. with install(TARGETS ${name} RUNTIME)
    folder = tree("srt-1.5.1")
    project = read_cmake(folder.texts, folder.paths)
    assert {"srt-live-transmit", "srt-file-transmit"} <= set(project.executables)


def test_a_config_package_used_through_its_first_word_namespace():
    # vulkan-loader: find_package(VulkanHeaders CONFIG QUIET), then target_link_libraries(vulkan PRIVATE
    # Vulkan::Headers); an APPLE-only branch reads VulkanHeaders_INCLUDE_DIRS
    folder = tree("vulkan-loader-1.4.309.0")
    assert "libvulkan-headers" in _host(read_cmake(folder.texts, folder.paths))


def test_boost_without_components_is_its_headers():
    # msgpack-cxx: FIND_PACKAGE (Boost REQUIRED) with MSGPACK_USE_BOOST ON, no COMPONENTS
    folder = tree("msgpack-cxx-7.0.0")
    assert _host(read_cmake(folder.texts, folder.paths)) == ["libboost-headers"]


def test_pkg_check_modules_with_a_variable_version():
    # libXrender: PKG_CHECK_MODULES(RENDER, [x11 >= 1.6] renderproto >= $RENDER_VERSION)
    reader = read_configure(text("libxrender-0.9.12", "configure.ac"), {})
    assert {"x11", "renderproto"} <= {f.name for f in reader.found if f.live}


def test_shell_parameter_default():
    # pcsc-lite's configure.ac: use_libusb="${use_libusb-no}" when libudev is used
    assert expand_word('"${use_libusb-no}"', Env({})) == frozenset({"no"})
    assert expand_word('"${use_libusb-no}"', Env({"use_libusb": frozenset({"yes"})})) == frozenset({"yes"})
    assert expand_word('"${x:-no}"', Env({"x": frozenset({""})})) == frozenset({"no"})


def test_a_makefile_building_only_a_test_program_from_the_library_sources():
    # tinyxml's Makefile: OUTPUT := xmltest from tinyxml.o tinyxmlparser.o xmltest.o tinyxmlerror.o tinystr.o, no install
    folder = tree("tinyxml-2.6.2")
    project = read_makefile(folder.texts, folder.paths, "tinyxml")
    assert [lib.target for lib in project.libraries] == ["libtinyxml"]


@pytest.mark.parametrize(
    ("name", "conda"),
    [
        ("recordproto", "xorg-xorgproto"),  # libXtst's PKG_CHECK_MODULES(... recordproto ...)
        ("JNI", "openjdk"),  # portmidi's include(FindJNI)
        ("VulkanHeaders", "libvulkan-headers"),  # vulkan-loader's find_package(VulkanHeaders CONFIG)
    ],
)
def test_set10_conda_forge_names(name, conda):
    assert map_dependency(name).conda == conda


def test_a_find_modules_use_static_libs_is_not_the_projects_static_switch():
    # srt: option(OPENSSL_USE_STATIC_LIBS "Link OpenSSL libraries statically." OFF) next to ENABLE_STATIC;
    # `cxx --static` set it ON, linking OpenSSL into libsrt.so
    folder = tree("srt-1.5.1")
    options = read_cmake(folder.texts, folder.paths).options
    assert {"OPENSSL_USE_STATIC_LIBS", "ENABLE_STATIC"} <= set(options)
    assert script_value("OPENSSL_USE_STATIC_LIBS", static=True) is None
    assert script_value("ENABLE_STATIC", static=True) == "ON"


def test_introspection_and_man_page_switches_are_off():
    # libnotify's meson_options.txt: option('introspection', type: 'feature', value: 'enabled') and
    # option('man', type: 'boolean', value: true): g-ir-scanner and xsltproc the recipe does not have
    options = read_meson(tree("libnotify-0.8.6").texts, tree("libnotify-0.8.6").paths).options
    assert {"introspection", "man"} <= set(options)
    assert script_value("introspection") == script_value("man") == "OFF"


def test_sbin_programs_are_tools_installed_into_sbin():
    # pcsc-lite's src/Makefile.am: sbin_PROGRAMS = pcscd; the tools output tested bin/pcscd, which is not there
    project = Project(build_system="autotools", name="pcsc-lite")
    _makefile_am(project, text("pcsc-lite-1.9.9", "src/Makefile.am"), libtool=True)
    assert project.executables == project.sbin == ["pcscd"]
    (test,) = recipe_tests_for(TOOLS, project, [])
    assert not test.bin and [i.then for i in test.exists] == ["sbin/pcscd"]
