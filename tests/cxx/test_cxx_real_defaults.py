"""Regression tests of the second round of issue 11 (held-out tarballs), on extracts of real
source tarballs in fixtures/cxx/real (see its README): configure.ac read on its default path,
the host policy, build-system choice by what the default build does, licence statements."""

from __future__ import annotations

from pathlib import Path

import pytest
from recipegen.generators.cxx.autoconf import read_configure
from recipegen.generators.cxx.cmake import read_cmake
from recipegen.generators.cxx.detect import read_project
from recipegen.generators.cxx.hostdeps import host_requirements
from recipegen.generators.cxx.license_files import find_license
from recipegen.generators.cxx.model import Dependency, Project
from recipegen.generators.cxx.source import SourceTree, from_folder

REAL = Path(__file__).resolve().parents[2] / "fixtures" / "cxx" / "real"


def tree(name: str) -> SourceTree:
    return from_folder(REAL / name)


def host(project: Project, copyleft_ok: bool = True) -> tuple[list[str], list[str]]:
    packages, notes, _ = host_requirements(project, copyleft_ok)
    return [p.spec for p in packages], notes


# --- configure.ac on its default path ------------------------------------------------------------


def test_configure_follows_option_defaults_and_project_macros():
    # libevent: --enable-openssl defaults to yes and its m4/libevent_openssl.m4 macro searches
    # -lssl; zlib's ZLIB_LIBS are only linked into the regression tests (test/include.am).
    project = read_project(tree("libevent-2.1.12-stable"))
    assert project.build_system == "autotools"
    deps = {d.name: d for d in project.dependencies}
    assert not deps["ssl"].test_only and not deps["ssl"].off_by_default
    assert deps["z"].test_only
    assert host(project)[0] == ["openssl"]


def test_opt_in_switches_are_not_dependencies_and_glibc_needs_no_library():
    text = (REAL / "xz-5.4.1" / "configure.ac").read_text()
    reader = read_configure(text, {})
    found = {(f.name, f.live, f.switch) for f in reader.found}
    assert ("md", False, "--enable-external-sha256") in found  # AC_SEARCH_LIBS behind an opt-in
    assert ("intl", True, "") in found  # AM_GNU_GETTEXT([external]): glibc's on Linux
    assert not any(f.name == "rt" for f in reader.found if f.live)  # clock_gettime is in glibc


def test_makefile_libraries_through_variables_and_toolexeclib():
    libevent = read_project(tree("libevent-2.1.12-stable"))
    assert {lib.target for lib in libevent.libraries} >= {"libevent", "libevent_core", "libevent_openssl"}
    assert not libevent.header_only
    libffi = read_project(tree("libffi-3.4.4"))
    assert [lib.target for lib in libffi.libraries] == ["libffi"]


# --- build system: what upstream calls experimental, what does more ------------------------------


def test_a_build_file_that_calls_itself_experimental_is_not_used():
    project = read_project(tree("xz-5.4.1"))
    assert project.build_system == "autotools"
    assert "CMakeLists.txt: Very limited CMake support" in project.notes[0]
    assert (project.name, project.homepage) == ("xz", "https://tukaani.org/xz/")  # AC_INIT tarname and URL


def test_autotools_chosen_when_its_default_build_links_and_installs_more():
    project = read_project(tree("lcms2-2.14"))  # meson.build builds only the library
    assert project.build_system == "autotools"
    assert "does more than meson's" in project.notes[0]
    assert set(host(project)[0]) == {"libjpeg-turbo", "libtiff", "zlib"}


# --- CMake and Meson: what the default build uses -----------------------------------------------


def test_check_library_exists_and_the_archive_spelling_of_the_version():
    project = read_project(tree("leveldb-1.23"))  # project(leveldb VERSION 1.23.0)
    assert project.version == "1.23"
    assert "snappy" in host(project)[0]


def test_packages_only_switched_off_code_uses_are_left_out():
    project = read_project(tree("libsndfile-1.2.0"))
    packages, _ = host(project)
    assert {"libvorbis", "libflac", "libopus"} <= set(packages)
    assert "speex" not in packages  # Speex::Speex only under $<$<AND:$<BOOL:${ENABLE_EXPERIMENTAL}>...>
    assert any("find_package(Speex)" in note for note in project.notes)


def test_a_variable_with_alternative_values_decides_comparisons_they_agree_on():
    # libgit2's SelectRegex.cmake: REGEX_BACKEND becomes regcomp_l, pcre or builtin, never pcre2.
    texts = {
        "CMakeLists.txt": 'project(libgit2 C)\nset(REGEX_BACKEND "" CACHE STRING "")\ninclude(cmake/SelectRegex.cmake)\n',
        "cmake/SelectRegex.cmake": (REAL / "libgit2-1.5.1" / "cmake" / "SelectRegex.cmake").read_text(),
    }
    project = read_cmake(texts, list(texts))
    assert [d.name for d in project.dependencies if not d.off_by_default] == ["PCRE"]


def test_file_glob_includes_the_project_modules():
    project = read_project(tree("oneTBB-2021.8.0"))  # include() of every file(GLOB cmake/*.cmake)
    assert "hwloc" in [d.name for d in project.dependencies]


def test_meson_dependencies_only_tests_and_demos_use_are_test_only():
    project = read_project(tree("pixman-0.42.2"))
    assert project.build_system == "meson"
    assert {d.name for d in project.dependencies if d.test_only} >= {"libpng", "glib-2.0", "gtk+-3.0"}
    assert host(project)[0] == []


def test_meson_comment_with_an_apostrophe_hides_nothing():
    project = read_project(tree("dav1d-1.0.0"))  # "# We don't expect ..." in src/meson.build
    assert [lib.target for lib in project.libraries] == ["dav1d"]
    assert not project.header_only


# --- host policy ---------------------------------------------------------------------------------


def _project(*deps: tuple[str, bool]) -> Project:
    return Project("cmake", dependencies=[Dependency(name, "find_package", optional=opt) for name, opt in deps])


def test_one_of_alternative_tls_backends():
    # conda-forge's recipes build with OpenSSL, whichever the build looks for first
    packages, notes = host(_project(("Nettle", True), ("GnuTLS", True), ("MbedTLS", True), ("OpenSSL", True)))
    assert packages == ["openssl"]
    assert any("picks one of openssl, gnutls, mbedtls, nettle: host has openssl (as conda-forge" in n for n in notes)
    assert host(_project(("GnuTLS", False), ("OpenSSL", True)))[0] == ["gnutls"]  # a required one stays


def test_one_of_alternative_xml_parsers_the_build_looks_for_first():
    # libstrophe 0.14.0's configure: expat, then libxml2 when expat is not found
    packages, notes = host(_project(("expat", True), ("LibXml2", True)))
    assert packages == ["expat"]
    assert any("host has expat, the one it looks for first, not libxml2-devel" in n for n in notes)


def test_optional_copyleft_library_left_out_of_a_non_gpl_package():
    project = _project(("Readline", True), ("ZLIB", True))
    assert host(project, copyleft_ok=False)[0] == ["zlib"]
    assert host(project, copyleft_ok=True)[0] == ["readline", "zlib"]


# --- licences ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expression"),
    [
        ("libjpeg-turbo-2.1.5", "IJG AND BSD-3-Clause AND Zlib"),  # a statement listing three licences
        ("xz-5.4.1", "LicenseRef-Public-Domain AND LGPL-2.1-or-later AND GPL-2.0-or-later"),  # docs/tests left out
        ("freetype-2.12.1", "FTL OR GPL-2.0-only"),  # "two mutually exclusive ... licenses": a choice
        ("libgit2-1.5.1", "GPL-2.0-only WITH GCC-exception-2.0"),  # the linking exception
        ("libevent-2.1.12-stable", "BSD-3-Clause"),  # "THE AUTHOR" disclaimer: not BSD-3-Clause-HP
        ("libmd-1.0.4", "BSD-3-Clause AND BSD-2-Clause AND Beerware AND LicenseRef-Public-Domain"),  # DEP-5
        ("utf8proc-2.8.0", "MIT"),  # a Markdown section: prose, then the MIT text
        ("eigen-3.4.0", "MPL-2.0"),  # "primarily MPL2 licensed"; BSD for third-party files
        ("libsndfile-1.2.0", "LGPL-2.1-or-later"),  # "** (at your option) any later version" in a header
    ],
)
def test_licence_statements(name: str, expression: str):
    found = find_license(tree(name).texts)
    assert (found.expression, found.error) == (expression, "")


def test_homepage_sentence_in_the_readme():
    from recipegen.generators.cxx.about import homepage_from_sources

    url, where = homepage_from_sources(tree("libogg-1.3.5").texts, "libogg")
    assert (url, where) == ("https://www.xiph.org/ogg", "README.md (labelled)")


def test_meson_conditions_on_option_defaults():
    from recipegen.generators.cxx.meson import _options
    from recipegen.generators.cxx.meson_cond import condition_truth, dead_lines

    options = _options(tree("pixman-0.42.2").texts)  # features without value: auto; timers: false
    assert condition_truth("not get_option('libpng').disabled()", options) == (True, "libpng")
    assert condition_truth("get_option('timers')", options) == (False, "timers")
    assert condition_truth("get_option('gtk').enabled() and cc.has_header('x.h')", options) == (False, "gtk")
    assert condition_truth("get_option('libpng').enabled()", options)[0] is False
    text = "if get_option('timers')\n  dep = dependency('timers-lib')\nelse\n  x = 1\nendif\n"
    assert dead_lines(text, text, options) == {2: "-Dtimers"}
