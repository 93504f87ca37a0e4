"""Regression tests of the eighth round of issue 11 (set 8 of benchmarks/cxx_reference.json), on
verbatim files of real source tarballs in fixtures/cxx/real (see its README): licence statements
— "Please choose whichever license best suits your needs" after the sentence listing them, a
second statement granting "or any later version" of a choice, "dual-license under ... as an
alternative to ... above", "LGPL v2.1 or later", headers granting an earlier GNU version "or any
later" than the licence file's text, a file of copyright holders' notices (each holder's licence
applies), a translated licence text whose title names it — and an Apache-2.0 text ending with
Apache's own notice (not ECL-2.0); versions: an archive's version without AC_INIT's dots, Debian's
`+debian` suffix."""

from __future__ import annotations

import dataclasses

import pytest
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.detect import read_project
from recipegen.generators.cxx.license_files import find_license, identify
from recipegen.generators.cxx.versions import archive_version

from recipegen.licenses import identify_license_text

from .conftest import tree


def _licence(folder: str) -> str:
    return find_license(tree(folder).texts).expression


def test_choose_whichever_licence_after_the_list_with_a_later_grant_elsewhere():
    # blitz++'s COPYRIGHT: "... the GNU LGPL v3 (see COPYING and COPYING.LESSER). Please choose whichever
    # license best suits your needs."; its LICENSE: "... version 3 (see COPYING and COPYING.LESSER) or any later version."
    assert _licence("blitz++-1.0.2") == "Artistic-2.0 OR BSD-2-Clause OR LGPL-3.0-or-later"


def test_dual_licence_offered_as_an_alternative_to_the_text_above():
    # concurrentqueue's LICENSE.md: "I have also chosen to dual-license under the Boost Software License as an
    # alternative to the Simplified BSD license above:"
    text = (tree("concurrentqueue-1.0.4").texts)["LICENSE.md"]
    assert identify(text) == ("BSD-2-Clause OR BSL-1.0", [])


def test_apache_text_ending_with_apaches_own_notice_is_not_ecl():
    # fast_float's LICENSE-APACHE: the Apache-2.0 terms without the appendix, then "Licensed under the Apache
    # License, Version 2.0 ... you may not use this file except in compliance ...", which ECL-2.0's appendix words alike
    match = identify_license_text(tree("fast_float-3.9.0").texts["LICENSE-APACHE"])
    assert match is not None and match.spdx_id == "Apache-2.0"


def test_lgpl_v21_or_later_in_the_readme():
    # libmodbus' README.md: "The license of libmodbus is *LGPL v2.1 or later*." next to COPYING.LESSER (LGPL-2.1)
    assert _licence("libmodbus-3.1.6") == "LGPL-2.1-or-later"


def test_headers_grant_an_earlier_version_or_later_than_the_licence_text():
    # mpfi's src/mpfi.h: "either version 2.1 of the License, or (at your option) any later version"; its
    # COPYING.LESSER is the LGPL 3.0 text, COPYING the GPL 3.0 text it builds on
    assert _licence("mpfi-1.5.4") == "LGPL-2.1-or-later"


def test_copyright_holders_notices_each_apply():
    # libXfixes' COPYING: Keith Packard's HPND-sell-variant notice, then Oracle's MIT notice
    assert _licence("libxfixes-6.0.0") == "HPND-sell-variant AND MIT"


def test_a_translated_licence_text_is_the_licence_its_title_names():
    # givaro's Licence_CeCILL-B_V1-fr.txt: "CONTRAT DE LICENCE DE LOGICIEL LIBRE CeCILL-B" (SPDX's only French
    # CeCILL text is CECILL-1.0's, which it comes closest to)
    text = tree("givaro-4.2.1").texts["Licence_CeCILL-B_V1-fr.txt"]
    assert identify(text) == ("CECILL-B", [])


# --- versions -----------------------------------------------------------------------------------


def test_an_archive_version_without_the_dots_of_ac_init_is_the_same_release():
    # cddlib's configure.ac: AC_INIT([cddlib], [0.94m]); Debian's archive: cddlib_094m.orig.tar.gz
    source = dataclasses.replace(tree("cddlib-0.94m"), label="cddlib_094m.orig.tar.gz")
    assert read_project(source).version == "0.94m"


def test_debians_debian_suffix_is_dropped():
    assert archive_version("xerces-c_3.2.4+debian.orig.tar.xz") == ("xerces-c", "3.2.4")


def test_a_lesser_gpl_version_2_grant_is_the_lgpl_2_1():
    # libexif (set 4): headers grant the GNU *Lesser* GPL "version 2 of the License, or (at your option) any later
    # version", COPYING is the LGPL 2.1 text: the Lesser GPL's first version is 2.1, its facts LGPL-2.1-or-later.
    # The *Library* GPL version 2 next to the 2.1 text is an earlier licence (libmcrypt, libmms: LGPL-2.0-or-later);
    # mpfi's LGPL 3.0 text is a later major version.
    from recipegen.generators.cxx.license_files import _later_text_of_grant, gnu_statements

    lesser = "GNU Lesser General Public License as published by the Free Software Foundation; either version 2 of"
    library = "GNU Library General Public License as published by the Free Software Foundation; either version 2 of"
    later = " the License, or (at your option) any later version."
    assert gnu_statements(lesser + later) == ["LGPL-2.1-or-later"]
    assert gnu_statements(library + later) == ["LGPL-2.0-or-later"]
    assert not _later_text_of_grant("LGPL-2.1-or-later", ["LGPL-2.1-only"])
    assert _later_text_of_grant("LGPL-2.0-or-later", ["LGPL-2.1-only"])
    assert _later_text_of_grant("LGPL-2.1-or-later", ["GPL-3.0-only", "LGPL-3.0-only"])


@pytest.mark.parametrize(
    ("name", "conda"),
    [
        ("libsasl2", "cyrus-sasl"),  # librdkafka's mklove probe of libsasl2
        ("gio-unix-2.0", "libglib"),  # libsecret's meson dependency('gio-unix-2.0')
        ("x11-xcb", "xorg-libx11"),  # libva's dependency('x11-xcb'): libX11-xcb ships with libX11
        ("xcb-dri3", "libxcb"),  # libva's dependency('xcb-dri3'): a libxcb extension library
        ("PostgreSQL", "libpq"),  # libpqxx's find_package(PostgreSQL): the client library
    ],
)
def test_set8_conda_forge_names(name, conda):
    assert map_dependency(name).conda == conda


def test_a_switch_defined_by_a_macro_of_configure_ac_with_an_m4_default():
    # xapian-core's configure.ac defines XAPIAN_BACKEND_ENABLE itself (AC_DEFUN, default
    # `m4_default([$2], [yes])`); zlib and uuid are probed when the chert or glass backend is on:
    # before, the switch was read as off by default and both were left out
    from recipegen.generators.cxx.autoconf import read_configure

    texts = tree("xapian-core-1.4.22").texts
    reader = read_configure(texts["configure.ac"], texts)
    live = {(f.name, f.via) for f in reader.found if f.live}
    assert {("z", "AC_SEARCH_LIBS"), ("uuid", "AC_SEARCH_LIBS")} <= live


def test_an_installed_library_named_with_a_version_shell_prints():
    # libx86emu's Makefile: `LIB_NAME = $(LIBX86).so.$(VERSION)`, VERSION from `$(shell ... cat VERSION)`,
    # installed by `install -D $(LIB_NAME) $(DESTDIR)$(LIBDIR)/$(LIB_NAME)`: before, nothing was
    # found and the project was taken for header-only
    from recipegen.generators.cxx.makefile_install import installed_libraries

    assert installed_libraries(tree("libx86emu-3.5").texts["Makefile"]) == ["x86emu"]


def test_installed_programs_of_a_samples_folder_the_build_always_adds_are_tools():
    # xerces-c's `add_subdirectory(samples)` (no switch) and samples/CMakeLists.txt's
    # `install(TARGETS ${sample_programs} RUNTIME DESTINATION ...)`: before, a samples folder made
    # them test-only and the recipe had no tools output
    from recipegen.generators.cxx.cmake import read_cmake

    folder = tree("xerces-c-3.2.4")
    project = read_cmake(folder.texts, list(folder.texts))
    assert {"DOMCount", "SAXCount", "XInclude"} <= set(project.executables)
