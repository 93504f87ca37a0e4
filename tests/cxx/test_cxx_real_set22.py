"""Regression tests of set 22 (blind Debian archives; benchmarks/cxx_reference.json), on verbatim
files of the archives in fixtures/cxx/real (see its README)."""

from __future__ import annotations

from recipegen.generators.cxx.about import homepage_from_sources
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.detect import read_project
from recipegen.generators.cxx.hostdeps import host_requirements
from recipegen.generators.cxx.license_files import Programs, find_license
from recipegen.generators.cxx.model import Dependency, Project

from .conftest import REAL, tree


def host(project: Project) -> list[str]:
    return [p.spec for p in host_requirements(project, True)[0]]


def test_or_later_granted_by_one_bundled_file_of_many():
    # log4c 1.2.4: COPYING is the LGPL 2.1 text, the headers say "see the COPYING file"; only
    # src/sd/malloc.c (a bundled allocator) grants "or (at your option) any later version"
    source = tree("log4c-1.2.4")
    assert "src/sd/malloc.c" in source.source_heads
    programs = Programs(installed=True, heads=source.source_heads, mains=frozenset(source.programs))
    assert find_license(source.texts, name="log4c", programs=programs).expression == "LGPL-2.1-only"


def test_an_rpm_specs_name_macro_in_its_url():
    # log4c 1.2.4's log4c.spec: "Name: log4c", "Url: http://%name.sourceforge.net/"
    url, where = homepage_from_sources(tree("log4c-1.2.4").texts, "log4c")
    assert (url, where) == ("http://log4c.sourceforge.net", "log4c.spec")


def test_a_readme_licence_section_offering_a_choice():
    # libfreenect 0.5.3: no licence file by a known name (APACHE20, GPL2); README.md's "# License":
    # "covered under a dual Apache v2/GPL v2 license ... the Apache License, version 2.0, or, at your
    # option, the terms of the GNU General Public License, version 2.0"
    # "See the APACHE20 and GPL2 files for the text of the licenses": those are the licence files
    found = find_license(tree("libfreenect-0.5.3").texts)
    assert (found.expression, found.files) == ("Apache-2.0 OR GPL-2.0-only", ["APACHE20", "GPL2"])


def test_an_overview_naming_the_licence_files_bare():
    # htmlcxx 0.87's COPYING: "covered by the LGPL license found in the LGPL_V2 file in this
    # distribution ... covered by the ASF-2.0 file in this distribution"
    found = find_license(tree("htmlcxx-0.87").texts)
    assert (found.expression, found.files) == ("LGPL-2.0-only AND Apache-2.0", ["COPYING", "LGPL_V2", "ASF-2.0"])


def test_a_config_script_called_by_name_in_configure():
    # libotf 0.9.16: FREETYPE_LD_FLAGS=`freetype-config --libs`; LIBS="$LIBS $FREETYPE_LD_FLAGS"
    assert "freetype" in host(read_project(tree("libotf-0.9.16")))


def test_a_library_linked_by_its_literal_flag_after_its_check():
    # libverto 0.3.1: AC_CHECK_LIB([ev], [ev_loop_new], [BUILD_LIBEV=$WITH_LIBEV], ...) and
    # src/Makefile.am's `libverto_libev_la_LDFLAGS = $(AM_LDFLAGS) -lev`
    assert {"libev", "libevent", "libglib"} <= set(host(read_project(tree("libverto-0.3.1"))))


def test_boost_headers_beside_compiled_boost_and_gettext_programs():
    # libgdf 0.1.3: find_package(Boost) and find_package(Boost COMPONENTS ...); libhangul 0.2.0:
    # find_package(Gettext) finds msgfmt, a program
    boost = Project(
        "cmake",
        dependencies=[
            Dependency("Boost", "find_package", optional=False),
            Dependency("Boost", "find_package", optional=False, components=("system",)),
        ],
    )
    assert host(boost) == ["libboost-devel"]
    assert map_dependency("Gettext").build


# --- from a new user's review of Debian archives outside every set --------------------------------


def test_a_later_release_than_the_build_files_say():
    # OSM-binary 1.5.1 (Debian's osmpbf): CMakeLists.txt's project(osmpbf VERSION 1.5.0) and osmpbf.h's
    # OSMPBF_VERSION "1.5.0" were not bumped for the 1.5.1 release
    project = read_project(tree("OSM-binary-1.5.1"))
    assert project.version == "1.5.1"
    assert any("not bumped" in n for n in project.notes)


def test_a_project_call_without_languages_needs_c_and_cxx():
    # OSM-binary 1.5.1: `project(osmpbf VERSION 1.5.0)`: CMake enables C and CXX
    assert read_project(tree("OSM-binary-1.5.1")).languages >= {"c", "cxx"}


def test_glibs_own_m4_macro_finds_glib():
    # libfixbuf 2.4.1's configure.ac: AM_PATH_GLIB_2_0([2.34.0], [], [AC_MSG_ERROR(...)], [gthread])
    assert "libglib" in host(read_project(tree("libfixbuf-2.4.1")))


def test_no_summary_rather_than_a_release_line_credits_or_a_lead_in():
    # gf-complete's README.txt: "This is GF-Complete, Revision 1.03. January 1, 2015.", "Authors: ...",
    # "The user's manual is in the file Manual.pdf.", "The online home for GF-Complete is:"
    from recipegen.generators.cxx.about import readme_summary

    text = (REAL / "gf-complete-1.0.2" / "README.txt").read_text()
    assert readme_summary(text, "gf-complete") == ""


# --- set 23 (blind) -----------------------------------------------------------------------------


def test_a_debian_snapshot_before_any_release_takes_the_build_files_version():
    # farmhash_0~git20190513.0d859a8.orig.tar.xz: Debian's snapshot spelling (not a conda version);
    # configure.ac's AC_INIT([FarmHash], [farmhash_major.farmhash_minor.farmhash_patchlevel]): the build files' version
    from recipegen.generators.cxx.versions import ARCHIVE, STRONG, Evidence, archive_version, decide

    name, version = archive_version("farmhash_0~git20190513.0d859a8.orig.tar.xz")
    assert (name, version) == ("farmhash", "0+git20190513.0d859a8")  # a valid conda version on its own
    built = read_project(tree("farmhash")).version  # AC_INIT through m4_define'd parts
    assert built == "1.1.0"
    chosen, _, _ = decide([Evidence(version, "archive name", ARCHIVE), Evidence(built, "AC_INIT", STRONG)])
    assert chosen == "1.1.0"


def test_a_string_match_naming_test_is_no_test_switch():
    # asmjit (Debian 0.0~git20221210): asmjit_add_target()'s
    # `if ("${target_type}" MATCHES "^(EXECUTABLE|TEST)$") add_executable(...) else() add_library(...)`
    project = read_project(tree("asmjit-20221210"))
    assert "asmjit" in [lib.target for lib in project.libraries]
    assert not project.header_only


def test_spdx_or_later_tags_of_the_sources():
    # gmobile 0.3.1: COPYING.LIB is the LGPL 2.1 text, README.md says LGPL 2.1; the sources are tagged
    # `SPDX-License-Identifier: LGPL-2.1-or-later` (the tools' GPL-3-or-later tags are not in src/)
    source = tree("gmobile-0.3.1")
    programs = Programs(installed=True, heads=source.source_heads, mains=frozenset(source.programs))
    assert find_license(source.texts, name="gmobile", programs=programs).expression == "LGPL-2.1-or-later"


def test_a_gnu_licence_file_without_its_preamble():
    # libosip2 5.3.1's COPYING: "GNU LESSER GENERAL PUBLIC LICENSE" then at once "TERMS AND CONDITIONS
    # FOR COPYING, DISTRIBUTION AND MODIFICATION" (it had been read as GPL-2.0-only)
    assert find_license(tree("libosip2-5.3.1").texts).expression == "LGPL-2.1-only"


def test_an_overview_naming_the_test_codes_licence_file_bare():
    # liburcu 0.13.2's LICENSE: "The library part is distributed under LGPLv2.1 or later. See
    # lgpl-2.1.txt", then "Library test code is distributed under the GPLv2 license. See gpl-2.0.txt"
    found = find_license(tree("userspace-rcu-0.13.2").texts)
    assert (found.expression, found.files) == ("LGPL-2.1-or-later", ["LICENSE", "lgpl-2.1.txt"])
