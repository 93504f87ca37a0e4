"""Regression tests of defects a reviewer found in recipes of Debian archives outside every set
(set 15's spares), on verbatim files of the archives in fixtures/cxx/real (see its README)."""

from __future__ import annotations

import pytest
from recipegen.generators.cxx.autoconf import read_configure
from recipegen.generators.cxx.detect import NotAProject, read_project
from recipegen.generators.cxx.hostdeps import host_requirements, linux_only_required
from recipegen.generators.cxx.license_files import Programs, find_license
from recipegen.generators.cxx.options import is_off_switch
from recipegen.generators.cxx.recipe import RUNTIME, output_files
from recipegen.generators.cxx.versions import ARCHIVE, Evidence, decide

from .conftest import tree


def test_a_snapshot_archive_of_a_release_the_build_files_name_is_that_release():
    # libao's archive 1.2.2+20180113 (Debian's snapshot) and its AC_INIT 1.2.2
    version, _, _ = decide([Evidence("1.2.2+20180113", "archive name", ARCHIVE), Evidence("1.2.2", "AC_INIT", 2)])
    assert version == "1.2.2"
    # gts's 0.7.6+darcs121130 names its version control too
    assert (
        decide([Evidence("0.7.6+darcs121130", "archive name", ARCHIVE), Evidence("0.7.6", "AC_INIT", 2)])[0] == "0.7.6"
    )
    # with no build file to say the release, the archive's snapshot stays
    assert decide([Evidence("3.6.5+20231221", "archive name", ARCHIVE)])[0] == "3.6.5+20231221"


def test_mozilla_tri_licence_in_hxx_headers_with_the_lgpl_2_1_text():
    # libcmis 0.5.2: COPYING.GPL, COPYING.LGPL (the 2.1 text), COPYING.MPL; every header (.hxx):
    # "Version: MPL 1.1 / GPLv2+ / LGPLv2+ ... Alternatively ... either the GNU General Public License
    # Version 2 or later ..., or the GNU Lesser General Public License Version 2 or later"
    found = find_license(tree("libcmis-0.5.2").texts)
    assert found.expression == "MPL-1.1 OR GPL-2.0-or-later OR LGPL-2.0-or-later"


def test_or_later_granted_in_the_sources_opening_comments():
    # openal-soft 1.24.2: COPYING is the LGPL 2 text; alc/alc.cpp grants "version 2 of the License,
    # or (at your option) any later version" (its headers say nothing)
    source = tree("openal-soft-1.24.2")
    programs = Programs(installed=False, heads=source.source_heads, mains=frozenset(source.programs))
    assert find_license(source.texts, programs=programs).expression == "LGPL-2.0-or-later"
    assert find_license(source.texts).expression == "LGPL-2.0-only"  # without the sources' comments


@pytest.mark.parametrize(
    ("option", "off"),
    [
        ("EXAMPLES_ENABLE_C", True),  # sundials
        ("EXAMPLES_INSTALL", True),
        ("OSX_FRAMEWORK", True),  # libiio: a framework and /usr/sbin/installer
        ("INSTALL_UDEV_RULE", True),  # libiio: /lib/udev/rules.d
        ("EXAMPLES_DIR", False),
        ("WITH_ZLIB", False),
    ],
)
def test_switches_the_script_turns_off(option, off):
    assert is_off_switch(option) is off


def test_runtime_output_holds_the_librarys_own_folder_under_lib():
    # libao's plug-ins in lib/ao/plugins-4, aspell's lib/aspell-0.60: loaded at run time
    files = output_files(RUNTIME)
    linux = next(item.then for item in files["include"] if item.condition == "linux")
    assert "lib/*/**" in linux
    excluded = files["exclude"][0].then
    assert {"lib/pkgconfig/**", "lib/cmake/**", "lib/*/include/**"} <= set(excluded)


def test_a_required_linux_only_package_skips_the_other_platforms():
    # libgudev 238: dependency('libudev', version: libudev_req), required
    host, _, _ = host_requirements(read_project(tree("libgudev-238")))
    udev = next(r for r in host if r.spec == "libudev")
    assert udev.condition == "linux"
    assert linux_only_required(host) == ["libudev"]


def test_a_waf_project_is_refused_not_taken_for_a_nested_makefile():
    # lilv 0.24.14: wscript at the top, a Makefile only in bindings/python
    with pytest.raises(NotAProject, match="builds with waf"):
        read_project(tree("lilv-0.24.14"))


def test_m4_define_macros_wrapping_pkg_check_modules():
    # libgd 2.3.3: m4_define([GD_LIB_PKG_CHECK], [GD_LIB_CHECK(..., [PKG_CHECK_MODULES([$1], [$4], ...)])])
    source = tree("libgd-2.3.3")
    found = {f.name for f in read_configure(source.texts["configure.ac"], source.texts).found}
    assert {"libpng", "freetype2", "zlib"} <= found
