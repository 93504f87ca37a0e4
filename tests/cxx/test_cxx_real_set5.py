"""Regression tests of the fifth round of issue 11 (set 5 of benchmarks/cxx_reference.json), on
verbatim files of real source tarballs in fixtures/cxx/real (see its README): Debian version
spellings a conda version cannot hold, an AC_INIT tarname with an m4 macro left in it, a home page
only in AC_INIT's bug-report address, Makefiles that hand `install` to a sub-folder's Makefile or
to libtool, a meson library named by a concatenation, `include(FindZLIB)`, licence grants offered
"at your option" or as alternatives in headers, a project named in its licence statement, and a
test folder's GNU notice."""

from __future__ import annotations

import pytest
from recipegen.generators.cxx.about import page_of
from recipegen.generators.cxx.autotools import read_autotools, read_makefile
from recipegen.generators.cxx.cmake import read_cmake
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.license_files import find_license
from recipegen.generators.cxx.makefile_install import delegated_folders, installed_libraries, installed_programs
from recipegen.generators.cxx.meson import read_meson
from recipegen.generators.cxx.versions import archive_version

from .conftest import text, tree

# --- versions and names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("archive", "expected"),
    [
        ("argon2_0~20190702+dfsg.orig.tar.xz", ("argon2", "20190702")),  # Debian's 0~ before a dated snapshot
        ("libedit_3.1-20221030.orig.tar.gz", ("libedit", "3.1.20221030")),  # conda-forge's spelling
        ("libevent_2.1.12-stable.orig.tar.gz", ("libevent", "2.1.12")),  # as before
    ],
)
def test_debian_versions_a_conda_version_cannot_hold(archive: str, expected: tuple[str, str]):
    assert archive_version(archive) == expected


def test_a_tarname_with_an_unexpanded_macro_is_not_the_name():
    # libedit: AC_INIT([libedit],[EL_RELEASE],[],[libedit-EL_TIMESTAMP])
    source = tree("libedit-20221030-3.1")
    assert read_autotools(source.texts, sorted(source.texts)).name == "libedit"


def test_the_bug_report_address_of_a_page_named_after_the_project_is_the_home_page():
    # libudfread: AC_INIT([libudfread], udfread_version, [http://www.videolan.org/developers/libudfread.html])
    source = tree("libudfread-1.1.2")
    project = read_autotools(source.texts, sorted(source.texts))
    assert project.urls == ["http://www.videolan.org/developers/libudfread.html"]
    assert page_of(project.urls[0], project.name) == project.urls[0]
    assert page_of("https://github.com/other/issues", "libudfread") == ""
    assert page_of("http://www.videolan.org/developers/libbluray.html", "libudfread") == ""


# --- build files --------------------------------------------------------------------------------


def test_install_handed_to_a_subfolder_makefile():
    # libaio: install: @$(MAKE) -C src install prefix=...; src/Makefile copies libaio.a and $(libname)
    source = tree("libaio-0.3.113")
    assert delegated_folders(text("libaio-0.3.113", "Makefile")) == ["src"]
    project = read_makefile(source.texts, sorted(source.texts), "libaio")
    assert [lib.output_name for lib in project.libraries] == ["aio"]


def test_libtool_install_of_a_makefile():
    # libvterm: $(LIBTOOL) --mode=install install $(LIBRARY) $(DESTDIR)$(LIBDIR)/$(LIBRARY), LIBRARY=libvterm.la
    makefile = text("libvterm-0.1.4", "Makefile")
    assert installed_libraries(makefile) == ["vterm"]
    assert "install" not in installed_programs(makefile)
    # install-bin: $(BINFILES), BINFILES=$(BINFILES_SRC:.c=), BINFILES_SRC=$(sort $(wildcard bin/*.c))
    files = ["bin/vterm-dump.c", "bin/unterm.c", "bin/vterm-ctrl.c", "src/vterm.c", "t/harness.c"]
    assert installed_programs(makefile, files) == ["unterm", "vterm-ctrl", "vterm-dump"]


def test_meson_library_named_by_a_concatenation():
    # serd: library(meson.project_name() + library_suffix, ...), library_suffix set in a platform
    # branch of meson/library/meson.build: unknown, a glob's "*"
    source = tree("serd-0.30.16")
    project = read_meson(source.texts, sorted(source.texts))
    assert [lib.output_name for lib in project.libraries] == ["serd*"]


def test_include_of_a_cmake_find_module_is_find_package():
    # libmysofa's src/CMakeLists.txt: include(FindZLIB), then ${ZLIB_LIBRARIES}
    source = tree("libmysofa-1.3.3")
    project = read_cmake(source.texts, sorted(source.texts))
    assert "ZLIB" in [d.name for d in project.dependencies if not d.test_only]


def test_x_protocol_headers_are_xorgproto():
    assert map_dependency("xproto").conda == "xorg-xorgproto"  # libXau's PKG_CHECK_MODULES(XAU, xproto)


# --- licences -----------------------------------------------------------------------------------


def test_a_choice_at_your_option():
    # argon2: "under the terms of a Creative Commons CC0 1.0 License/Waiver or the Apache Public
    # License 2.0, at your option."
    assert find_license(tree("argon2-20190702").texts).expression == "CC0-1.0 OR Apache-2.0"


def test_headers_that_offer_the_licence_text_or_others():
    # FreeXL: COPYING is the MPL 1.1; the headers: "Alternatively, ... under the terms of either the
    # GNU General Public License Version 2 or later ..., or the GNU Lesser ... Version 2.1 or later"
    found = find_license(tree("freexl-1.0.6").texts)
    assert found.expression == "MPL-1.1 OR GPL-2.0-or-later OR LGPL-2.1-or-later"


def test_a_statement_naming_the_project():
    # libxlsxwriter's License.txt: "Libxlsxwriter is released under a FreeBSD license:", then the
    # bundled parts' licences
    found = find_license(tree("libxlsxwriter-RELEASE_1.1.4").texts, name="xlsxwriter")
    assert (found.expression, found.error) == ("BSD-2-Clause", "")


def test_a_test_folders_gnu_notice_does_not_make_the_licence_or_later():
    # libmspack: mspack.h grants "LGPL version 2.1"; test/md5.h (GNU's) "or (at your option) any later version"
    assert find_license(tree("libmspack-0.11alpha").texts).expression == "LGPL-2.1-only"
