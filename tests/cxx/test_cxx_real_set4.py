"""Regression tests of the fourth round of issue 11 (set 4 of benchmarks/cxx_reference.json), on
verbatim files of real source tarballs in fixtures/cxx/real (see its README): Debian archive
names, licence files that announce or offer several licences, generated files' grants, README
summaries and labels, meson names held in variables, configure's link probes and test-only
link variables, hand-written Makefiles' link flags and chained install commands."""

from __future__ import annotations

import pytest
from recipegen.generators.cxx.about import homepage_from_sources, readme_summary
from recipegen.generators.cxx.autoconf import read_configure
from recipegen.generators.cxx.autotools import configure_dependencies
from recipegen.generators.cxx.cmake import read_cmake
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.license_files import find_license, identify
from recipegen.generators.cxx.makefile_install import installed_libraries, installed_programs, linked_libraries
from recipegen.generators.cxx.meson import read_meson
from recipegen.generators.cxx.versions import archive_version

from .conftest import text, tree


@pytest.mark.parametrize(
    ("archive", "expected"),
    [
        ("libusb-1.0_1.0.26.orig.tar.bz2", ("libusb-1.0", "1.0.26")),  # a version in the source name
        ("libinih_59.orig.tar.gz", ("libinih", "59")),  # a one-number version
        ("doctest_2.4.9~ds.orig.tar.xz", ("doctest", "2.4.9")),
        ("lua5.4_5.4.4.orig.tar.gz", ("lua5.4", "5.4.4")),
        ("zlib-1.3.1.tar.gz", ("zlib", "1.3.1")),  # not Debian's: as before
    ],
)
def test_debian_archive_names_split_at_the_underscore(archive: str, expected: tuple[str, str]):
    assert archive_version(archive) == expected


# --- licences -----------------------------------------------------------------------------------


def test_a_licence_file_that_announces_each_licence_gives_the_first_as_the_projects():
    # orc: "The majority of the source code and the collective work is subject to the following
    # license:" (BSD-2-Clause), then the Mersenne Twister's BSD-3-Clause
    assert identify(text("orc-0.4.41", "COPYING")) == ("BSD-2-Clause", ["BSD-3-Clause"])


def test_dual_licensing_between_public_domain_and_a_licence():
    # LibTomCrypt: "DUAL licensing terms. Choose and use the license of your needs." public domain | WTFPL
    assert find_license(tree("libtomcrypt-1.18.2").texts).expression == "LicenseRef-Public-Domain OR WTFPL"


def test_or_any_later_version_without_at_your_option():
    # qrencode.h: "version 2.1 of the License, or any later version."
    assert find_license(tree("qrencode-4.1.1").texts).expression == "LGPL-2.1-or-later"


def test_a_generated_parser_and_the_mpl_text_grant_no_later_version():
    # libical: LGPL v2.1 or MPL 2.0; Bison's icalssyacc.h grants GPL-3.0-or-later for its skeleton,
    # the MPL-2.0 text speaks of "Version 2.1, ... or any later version" of *secondary* licences
    assert find_license(tree("libical-3.0.16").texts).expression == "LGPL-2.1-only OR MPL-2.0"


def test_a_licences_folder_named_after_the_parts_gives_the_projects_own():
    found = find_license(tree("c-blosc-1.21.3").texts, ".", "blosc")
    assert (found.expression, found.files) == ("BSD-3-Clause", ["LICENSES/BLOSC.txt"])
    assert any("LZ4, ZLIB" in note for note in found.notes)
    assert find_license(tree("c-blosc-1.21.3").texts).expression == ""  # without the name: not guessed


# --- about --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("folder", "name", "summary"),
    [
        # a long first sentence cut before "but" (no comma to cut at)
        ("doctest-2.4.9", "doctest", "doctest is a new C++ testing framework"),
        # ... and before "with"
        (
            "robin-map-1.3.0",
            "robin-map",
            "The robin-map library is a C++ implementation of a fast hash map and hash set using "
            "open-addressing and linear robin hood hashing",
        ),
    ],
)
def test_long_readme_sentences_are_cut_at_a_clause(folder: str, name: str, summary: str):
    assert readme_summary(text(folder, "README.md"), name) == summary


def test_official_project_page_found_here():
    # "Official project page, including stable tarballs found here:\nhttp://www.lolware.net/libscrypt.html"
    assert homepage_from_sources(tree("libscrypt-1.21").texts, "libscrypt") == (
        "http://www.lolware.net/libscrypt.html",
        "README.md (labelled)",
    )


# --- build files --------------------------------------------------------------------------------


def test_meson_library_named_by_a_formatted_variable():
    # graphene: graphene_api_path = '@0@-@1@'.format(meson.project_name(), graphene_api_version),
    # whose major version comes from version_array[0].to_int(): unknown, so a glob's "*"
    source = tree("graphene-1.10.8")
    project = read_meson(source.texts, sorted(source.texts))
    assert [lib.output_name for lib in project.libraries] == ["graphene-*.0"]


def test_check_is_a_test_framework():
    assert map_dependency("check").test_only  # libevdev's dependency('check', required: get_option('tests'))


def test_a_restored_libs_probe_and_a_test_folders_link_variable_are_not_linked():
    # libmicrohttpd: LIBS="$LIBS -lmagic" ... LIBS="$SAVE_LIBS"; @LIBCURL@ only in src/testcurl's LDADD
    source = tree("libmicrohttpd-0.9.75")
    found, _, _ = configure_dependencies(source.texts, "configure.ac")
    assert [(d.name, d.test_only) for d in found] == [("libcurl", True)]


def test_makefile_link_flags():
    # libcyaml: LIBYAML_LIBS := $(if $(PKG_CONFIG),$(shell $(PKG_CONFIG) --libs $(LIBYAML)),-lyaml)
    assert linked_libraries(text("libcyaml-1.4.2", "Makefile")) == [("yaml", "LIBYAML_LIBS")]
    # LibYAML is conda-forge's `yaml` (yaml-feedstock); there is no `libyaml` package
    assert map_dependency("yaml").conda == "yaml"


def test_install_commands_chained_with_and():
    # Lua: `cd src && $(INSTALL_EXEC) $(TO_BIN) $(INSTALL_BIN)` with TO_BIN= lua luac
    makefile = text("lua-5.4.4", "Makefile")
    assert (installed_programs(makefile), installed_libraries(makefile)) == (["lua", "luac"], ["lua"])


def test_a_status_message_is_not_a_use_of_what_cmake_found():
    # qrencode: find_package(Iconv); `message(STATUS " .. Iconv ... = ${ICONV_FOUND}")`; only
    # tests/CMakeLists.txt (under the OFF option WITH_TESTS) links ICONV::ICONV
    source = tree("qrencode-4.1.1")
    project = read_cmake(source.texts, sorted(source.texts))
    assert [d.name for d in project.dependencies] == ["PNG"]  # Threads: of the C library, not listed
    assert any("find_package(Iconv)" in note and "left out of host" in note for note in project.notes)


def test_a_restored_libs_probe_whose_flag_is_kept_elsewhere_is_linked():
    # libxml2: LIBS="${LIBS} -liconv"; found: ICONV_LIBS="${ICONV_LIBS} -liconv" LIBS="${_libs}"; not found: LIBS="${_libs}"
    reader = read_configure(text("libxml2-2.9.14-iconv", "configure.ac"), {})
    assert [(f.name, f.via) for f in reader.found] == [("iconv", "LIBS")]
