"""Regression tests of the ninth round of issue 11 (set 9 of benchmarks/cxx_reference.json), on
verbatim files of real source tarballs in fixtures/cxx/real (see its README): a licence file that
names its licence with one `SPDX-License-Identifier:` tag, "under your choice of the Academic Free
License version 2.1, or the GNU General Public License version 2 (or, at your option any later
version)", "under the terms of either: a) the GNU Library General Public License ... or b) the
GL2PS License"."""

from __future__ import annotations

from recipegen.generators.cxx.autoconf import read_configure
from recipegen.generators.cxx.autotools import configure_dependencies, read_autotools
from recipegen.generators.cxx.detect import demoted, read_system
from recipegen.generators.cxx.license_files import find_license, identify
from recipegen.generators.cxx.license_grants import subject_licence
from recipegen.generators.cxx.meson import read_meson

from .conftest import tree


def _licence(folder: str, name: str = "") -> str:
    return find_license(tree(folder).texts, name=name).expression


def test_licence_file_naming_its_licence_with_an_spdx_tag():
    # kissfft's COPYING: "KISS FFT is provided under:  SPDX-License-Identifier: BSD-3-Clause  Being under the
    # terms of the BSD 3-clause "New" or "Revised" License, according with:  LICENSES/BSD-3-Clause"
    assert identify(tree("kissfft-131.1.0").texts["COPYING"]) == ("BSD-3-Clause", [])


def test_spdx_tag_in_a_long_licence_text_is_not_taken_alone():
    # the statement must be short: a tag at the top of a full licence text does not replace identifying the text
    text = "SPDX-License-Identifier: MIT\n" + tree("dbus-1.14.10").texts["COPYING"]
    assert identify(text)[0] != "MIT"


def test_your_choice_of_afl_or_gpl_or_later_in_parentheses():
    # dbus' COPYING: "dbus is licensed to you under your choice of the Academic Free License version 2.1, or the
    # GNU General Public License version 2 (or, at your option any later version)."
    assert _licence("dbus-1.14.10") == "AFL-2.1 OR GPL-2.0-or-later"


def test_either_a_gnu_library_licence_or_b_the_gl2ps_licence():
    # gl2ps.h: "modify it under the terms of either: a) the GNU Library General Public License ... either version 2
    # of the License, or (at your option) any later version; or b) the GL2PS License ..."; COPYING.LGPL and
    # COPYING.GL2PS are both shipped (they were ANDed)
    assert _licence("gl2ps-1.4.2") == "LGPL-2.0-or-later OR GL2PS"


def test_project_macro_with_a_lower_case_prefix_is_expanded():
    # elfutils' configure.ac (lines 400-422) calls eu_ZIPLIB(zlib,ZLIB,z,gzdirect,gzip), defined in m4/zip.m4 as
    # AC_SEARCH_LIBS([$4], [$3], ...) behind --with-[$1] (default "default"): zlib, bzip2, lzma and zstd are probed
    texts = tree("elfutils-0.188").texts
    found = {f.name for f in read_configure(texts["configure.ac"], texts).found}
    assert {"z", "bz2", "lzma", "zstd"} <= found


def test_readme_of_a_build_system_calling_it_experimental_in_its_first_words():
    # apr's README.cmake: "Experimental cmake-based build support for APR on Microsoft Windows" (the word before
    # the build system it is said of): CMake is not the build to use
    assert "README.cmake" in demoted(tree("apr-1.7.2"), "cmake")
    assert demoted(tree("apr-1.7.2"), "autotools") == ""


def test_old_style_ac_init_with_a_unique_source_file_names_no_package():
    # apr's configure.in: autoconf 2.13's `AC_INIT(build/apr_common.m4)` is a file of the source, not a name
    texts = tree("apr-1.7.2").texts
    assert read_autotools(texts, sorted(texts)).name != "build-apr_common-m4"


def test_convenience_library_linked_into_the_installed_one_from_another_makefile():
    # libdc1394's dc1394/usb/Makefile.am: `noinst_LTLIBRARIES = libdc1394-usb.la`, `libdc1394_usb_la_LIBADD =
    # $(LIBUSB_LIBS)`; dc1394/Makefile.am: `if HAVE_LIBUSB` / `  USB_LIBADD = usb/libdc1394-usb.la` (indented), then
    # `libdc1394_la_LIBADD = ... $(USB_LIBADD)` of the installed library: libusb is not test-only
    dependencies, _, _ = configure_dependencies(tree("libdc1394-2.2.6").texts, "configure.ac")
    usb = [d for d in dependencies if d.name == "libusb-1.0"]
    assert usb and not usb[0].test_only


def test_link_flag_kept_in_a_variable_set_after_libs_is_restored():
    # libgsf's configure.ac (lines 398-452): `LIBS="-lbz2 $LIBS"`, a link test, `LIBS="$old_LIBS"`, then on success
    # `BZ2_LIBS="-lbz2"` (gsf/Makefile.am links $(BZ2_LIBS)): bz2 is linked, not only probed
    texts = tree("libgsf-1.14.53").texts
    assert "bz2" in {f.name for f in read_configure(texts["configure.ac"], texts).found}


def test_meson_dependency_listed_through_a_list_variable_is_not_test_only():
    # libESMTP's meson.build: `deps = [dldep, ssldep, threaddep, lwresdep]`, `library('esmtp', ..., dependencies :
    # deps, install : true)`; examples/meson.build names `dependencies : ssldep` directly: openssl is the library's
    texts = tree("libESMTP-1.1.0").texts
    openssl = [d for d in read_meson(texts, sorted(texts)).dependencies if d.name == "openssl"]
    assert openssl and not openssl[0].test_only


def test_optional_package_whose_result_guards_the_library_is_needed():
    # gl2ps' CMakeLists.txt: `find_package(OpenGL)` (no REQUIRED), then `if(OPENGL_FOUND) add_library(lib STATIC
    # gl2ps.c gl2ps.h) ... add_library(shared SHARED ...) install(TARGETS lib shared ...) endif()`: the library
    # needs OpenGL (it was dropped as a display library optional viewer programs use); GLUT stays optional
    project = read_system(tree("gl2ps-1.4.2"), "cmake", ".", "gl2ps")
    optional = {d.name: d.optional for d in project.dependencies}
    assert optional["OpenGL"] is False and optional["GLUT"] is True


def test_readme_giving_the_library_an_unversioned_gnu_licence_and_examples_another():
    # libESMTP's README.md: "LibESMTP is licensed under the GNU Lesser General Public License and the example
    # programs are under the GNU General Public Licence.  Please refer to LICENSE and COPYING.GPL"; LICENSE is the
    # LGPL 2.1 text, libesmtp.h grants "version 2.1 of the License, or (at your option) any later version"
    assert _licence("libESMTP-1.1.0", "libesmtp") == "LGPL-2.1-or-later"


def test_unversioned_gnu_licences_without_a_part_clause_name_no_subject_licence():
    # TagLib's README.md: "TagLib is distributed under the [GNU Lesser General Public License][] (LGPL) and [Mozilla
    # Public License][] (MPL)" (its headers give the choice); FLAC's README.md: "The codec libraries are distributed
    # under Xiph.Org's BSD-like license ... All other programs, libraries, and plugins are distributed under the LGPL
    # or GPL": neither sets the library against an unshipped part, so neither is read as an unversioned LGPL
    assert subject_licence(tree("taglib-1.13-readme").texts["README.md"], "taglib") == ""
    assert subject_licence(tree("flac-1.4.2-readme").texts["README.md"], "flac") == ""


def test_an_option_deprecated_for_a_cmake_version_does_not_demote_cmake():
    # libsndfile's README.md: "For MSVC compiler this option is deprecated for CMake >= 3.15": said of an option
    assert demoted(tree("libsndfile-1.2.0-readme"), "cmake") == ""
