"""Regression tests of the sixth round of issue 11 (set 6 of benchmarks/cxx_reference.json), on
verbatim files of real source tarballs in fixtures/cxx/real (see its README): a CMake project
whose library folders are named through `get_filename_component(... ABSOLUTE)`, "one of three
licenses", Mozilla's tri-licence block in a statement file, an LGPL-2.1 text without its
appendix, a README's licence history, Makefiles with indented link flags, `LIBFOO` link
variables, `install` in a rule of several targets, `sbin` installs and install rules `make
install` does not reach, home pages from a CI badge, a "more information ... can be found at"
label and a Texinfo manual, a licence text no SPDX text matches next to its program's GPL, and a
meson branch for other operating systems."""

from __future__ import annotations

from recipegen.generators.cxx.about import homepage_from_sources
from recipegen.generators.cxx.autotools import read_makefile
from recipegen.generators.cxx.cmake import read_cmake
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.license_files import find_license
from recipegen.generators.cxx.makefile_install import (
    delegated_folders,
    installed_libraries,
    installed_programs,
    linked_libraries,
)
from recipegen.generators.cxx.meson import read_meson

from recipegen.licenses import identify_license_text

from .conftest import text, tree

# --- build files --------------------------------------------------------------------------------


def test_folders_named_through_get_filename_component():
    # hidapi's src/CMakeLists.txt: get_filename_component(PROJECT_ROOT "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE),
    # then add_subdirectory("${PROJECT_ROOT}/linux" linux) and ("${PROJECT_ROOT}/libusb" libusb)
    source = tree("hidapi-hidapi-0.13.1")
    project = read_cmake(source.texts, sorted(source.texts))
    assert {lib.target for lib in project.libraries} >= {"hidapi_hidraw", "hidapi_libusb"}
    linked = {d.name for d in project.dependencies if not d.test_only}
    assert {"libudev", "libusb-1.0"} <= linked


def test_indented_link_flags_and_a_libfoo_variable():
    # libbpf's src/Makefile: `\tALL_LDFLAGS += $(shell $(PKG_CONFIG) --libs libelf zlib)` inside ifdef/else
    linked = [name for name, _ in linked_libraries(text("libbpf-1.1.2", "src/Makefile"))]
    assert linked == ["libelf", "zlib", "elf", "z"]  # and the NO_PKG_CONFIG branch's `-lelf -lz`
    assert {map_dependency(n).conda for n in linked} == {"elfutils", "zlib"}
    # mujs: `  LIBREADLINE += -lreadline` inside `ifeq "$(HAVE_READLINE)" "yes"`
    assert ("readline", "LIBREADLINE") in linked_libraries(text("mujs-1.3.2", "Makefile"))


def test_zeromq_by_its_cmake_and_library_names():
    assert {map_dependency(n).conda for n in ("libzmq", "ZeroMQ", "zmq")} == {"zeromq"}


def test_install_among_the_targets_of_a_static_pattern_rule():
    # libcap: `all test sudotest install clean: %: %-here` / `$(MAKE) -C libcap $@`; progs installs to $(SBINDIR)
    source = tree("libcap-2.66")
    makefile = text("libcap-2.66", "Makefile")
    assert delegated_folders(makefile)[:1] == ["libcap"] and "progs" in delegated_folders(makefile)
    assert installed_programs(text("libcap-2.66", "progs/Makefile")) == ["getpcaps", "getcap", "setcap", "capsh"]
    # libcap/Makefile: install: install-static; install-static: install-static-cap / `$(MAKE) install-static-psx`,
    # which copies $(STAPSXLIBNAME) to $(FAKEROOT)$(LIBDIR)
    assert "psx" in installed_libraries(text("libcap-2.66", "libcap/Makefile"))
    project = read_makefile(source.texts, sorted(source.texts), "libcap")
    assert not [n for n in project.notes if "no `install` target" in n]
    assert {"getcap", "capsh"} <= set(project.executables)


def test_install_rules_make_install_does_not_reach():
    # glew's Makefile: install: install.include install.lib install.pkgconfig; install.bin only from install.all
    makefile = text("glew-2.2.0", "Makefile")
    assert installed_programs(makefile) == []
    assert installed_programs(
        makefile.replace("\ninstall:     install.include", "\ninstall: install.bin install.include")
    )
    # mujs: install: install-static -> install-common copies $(OUT)/mujs to $(DESTDIR)$(bindir)
    assert installed_programs(text("mujs-1.3.2", "Makefile")) == ["mujs"]


def test_a_meson_branch_for_other_operating_systems_does_not_run():
    # libdrm: if ['freebsd', 'dragonfly', 'netbsd'].contains(host_machine.system()) dependency('pthread-stubs')
    source = tree("libdrm-2.4.114")
    project = read_meson(source.texts, sorted(source.texts))
    used = {d.name for d in project.dependencies if not d.test_only}
    assert "pthread-stubs" not in used
    assert "pciaccess" in used


# --- licences -----------------------------------------------------------------------------------


def test_one_of_three_licenses():
    # hidapi's LICENSE.txt: "HIDAPI can be used under one of three licenses." and a file for each
    found = find_license(tree("hidapi-hidapi-0.13.1").texts)
    assert found.expression == "BSD-3-Clause OR GPL-3.0-only OR HIDAPI"


def test_mozilla_tri_licence_block_in_a_statement_file():
    # hunspell's license.hunspell: "Version: MPL 1.1/GPL 2.0/LGPL 2.1 ... Alternatively, ... under the
    # terms of either the GNU General Public License Version 2 or later ..., or the GNU Lesser ..."
    found = find_license(tree("hunspell-1.7.1").texts)
    assert found.expression == "MPL-1.1 OR GPL-2.0-or-later OR LGPL-2.1-or-later"


def test_lgpl_text_without_its_appendix_is_not_or_later():
    # libseccomp's LICENSE ends with section 16: section 14's "any later version" is the licence's own words
    licence = text("libseccomp-2.5.4", "LICENSE")
    assert identify_license_text(licence).spdx_id == "LGPL-2.1-only"  # type: ignore[union-attr]
    assert find_license(tree("libseccomp-2.5.4").texts).expression == "LGPL-2.1-only"


def test_a_readme_licence_history_gives_the_current_licence():
    # SVT-AV1: "Up to v0.8.7, SVT-AV1 is licensed under the BSD-2-clause license ... Starting from
    # v0.9, SVT-AV1 is licensed under the BSD-3-clause clear license"
    found = find_license(tree("SVT-AV1-v1.4.1").texts, name="svt-av1")
    assert found.expression == "BSD-3-Clause-Clear"


def test_one_or_the_other_of_two_licenses():
    # libcap's License: "The licensed conditions are one or the other of these two Licenses: - BSD 3-clause - GPL v2.0"
    assert find_license(tree("libcap-2.66").texts).expression == "BSD-3-Clause OR GPL-2.0-only"


def test_main_licence_text_with_its_own_disclaimer_is_told_by_its_conditions():
    # lzlib 1.13's COPYING: a 2-clause BSD licence with the GPL's disclaimer; COPYING.GPL is minilzip's.
    # Not knowing whether the program is installed, both licences are the package's.
    found = find_license(tree("lzlib-1.13").texts)
    assert found.error == ""
    assert found.expression == "BSD-2-Clause AND GPL-2.0-only"


# --- home pages ---------------------------------------------------------------------------------


def test_home_page_from_a_ci_badge_of_the_projects_repository():
    # libccd's README: [![Build Status](https://travis-ci.org/danfis/libccd.svg?branch=master)](https://travis-ci.org/danfis/libccd)
    url, where = homepage_from_sources(tree("libccd-2.1").texts, "libccd")
    assert url == "https://github.com/danfis/libccd"
    assert "CI badge" in where
    assert homepage_from_sources({"README.md": "[![b](https://travis-ci.org/other/tool.svg)]"}, "libccd") == ("", "")


def test_home_page_more_information_can_be_found_at():
    # libcap's README: "More information on capabilities ... can be found at:\n\n    http://sites.google.com/site/fullycapable/"
    url, _ = homepage_from_sources(tree("libcap-2.66").texts, "libcap")
    assert url == "http://sites.google.com/site/fullycapable"


def test_home_page_a_texinfo_manual_links_under_the_projects_name():
    # lzlib's doc/lzlib.texi: @uref{http://www.nongnu.org/lzip/lzlib.html,,Lzlib} (its other links: lzip, tarlz ...)
    url, where = homepage_from_sources(tree("lzlib-1.13").texts, "lzlib")
    assert (url, where) == ("http://www.nongnu.org/lzip/lzlib.html", "doc/lzlib.texi (a link under the project's name)")
