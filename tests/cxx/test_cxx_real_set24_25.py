"""Regression tests of sets 24 and 25 (blind Debian archives; benchmarks/cxx_reference.json), on
verbatim files of the archives in fixtures/cxx/real (see its README)."""

from __future__ import annotations

from recipegen.generators.cxx.detect import read_project
from recipegen.generators.cxx.hostdeps import host_requirements
from recipegen.generators.cxx.license_files import Programs, find_license
from recipegen.generators.cxx.versions import ARCHIVE, STRONG, Evidence, archive_version, decide

from .conftest import REAL, tree


def test_a_debian_snapshot_of_commits_after_a_release():
    # sfsexp_1.3.1+18~git20210718.orig.tar.xz: 18 commits after 1.3.1; `1.3.1+18+git20210718` had
    # failed the render check (not a conda version); configure.ac's AC_INIT(sexpr, 1.3.1, ...)
    name, version = archive_version("sfsexp_1.3.1+18~git20210718.orig.tar.xz")
    assert (name, version) == ("sfsexp", "1.3.1+18.git20210718")
    built = read_project(tree("sfsexp-1.3.1")).version
    assert built == "1.3.1"
    chosen, _, _ = decide([Evidence(version, "archive name", ARCHIVE), Evidence(built, "AC_INIT", STRONG)])
    assert chosen == "1.3.1"


def test_ac_subst_with_a_value_sets_the_variable():
    # gtkspell3 3.0.10: `AC_SUBST([GTKSPELL3_MODULES], ['glib-2.0 gtk+-3.0 enchant-2'])`, then
    # `PKG_CHECK_MODULES(GTK_SPELL3, [$GTKSPELL3_MODULES])` under the default `--enable-gtk3`
    names = [d.name for d in read_project(tree("gtkspell3-3.0.10")).dependencies if not d.off_by_default]
    assert {"glib-2.0", "gtk+-3.0", "enchant-2"} <= set(names)


def test_link_variables_used_in_braces():
    # pcaudiolib 1.3's Makefile.am: `src_libpcaudio_la_LDFLAGS = ... ${ALSA_LIBS} ${PULSEAUDIO_LIBS}`
    # (make's other spelling of `$(ALSA_LIBS)`); configure.ac's PKG_CHECK_MODULES(ALSA, [alsa], ...)
    hosts = [p.spec for p in host_requirements(read_project(tree("pcaudiolib-1.3")), True)[0]]
    assert {"alsa-lib", "pulseaudio-client"} <= set(hosts)


def test_the_apache_licence_with_llvm_exceptions():
    # dragonbox 1.1.3: LICENSE-Apache2-LLVM is the Apache 2.0 text, then "--- LLVM Exceptions to the
    # Apache 2.0 License ----"; README.md: "licensed under either of ... Apache License Version 2.0
    # with LLVM Exceptions ... or Boost Software License Version 1.0"
    found = find_license(tree("dragonbox-1.1.3").texts, name="dragonbox")
    assert found.expression == "Apache-2.0 WITH LLVM-exception OR BSL-1.0"


def test_a_statements_spdx_tag_over_its_prose():
    # dbus-glib 0.114's COPYING: "your choice of the Academic Free License version 2.1, or the GNU
    # General Public License version 2 ... In SPDX terms, this is: SPDX-License-Identifier: AFL-2.1 OR
    # GPL-2.0-or-later"
    assert find_license(tree("dbus-glib-0.114").texts, name="dbus-glib").expression == "AFL-2.1 OR GPL-2.0-or-later"


def test_either_version_n_or_any_later():
    # libmobi 0.12: COPYING is the LGPL 3.0 text; README.md's "## License: - LGPL, either version 3, or any later"
    assert find_license(tree("libmobi-0.12").texts, name="libmobi").expression == "LGPL-3.0-or-later"


def test_sources_granting_the_library_gpl_2_or_later_beside_the_lgpl_2_1_text():
    # libmcrypt 2.5.8: COPYING.LIB is the LGPL 2.1 text; its sources grant the GNU *Library* General Public
    # License "either version 2 of the License, or (at your option) any later version" (the bundled
    # libltdl's the *Lesser* GPL version 2, the 2.1)
    source = tree("libmcrypt-2.5.8")
    programs = Programs(installed=False, heads=source.source_heads, mains=frozenset(source.programs))
    assert find_license(source.texts, name="libmcrypt", programs=programs).expression == "LGPL-2.0-or-later"


def test_a_flags_script_is_no_program():
    # libmcrypt 2.5.8's lib/Makefile.am: `bin_SCRIPTS = libmcrypt-config`, the -devel output's
    # `bin/*-config`: no -tools output for it
    project = read_project(tree("libmcrypt-2.5.8"))
    assert (project.executables, project.programs) == (["libmcrypt-config"], [])


def test_dickeys_curses_macro_links_ncurses():
    # cdk 5.0-20180306's configure.in: `CF_WITH_NCURSES_ETC` (its aclocal.m4's macro, as in dialog and lynx)
    from recipegen.generators.cxx.autoconf import read_configure

    text = (REAL / "cdk-5.0-20180306" / "configure.in").read_text()
    assert "ncurses" in [f.name for f in read_configure(text, {}).found]


def test_a_cmake_build_only_for_msvc_and_pkglib_libraries():
    # libgig 4.4.1's CMakeLists.txt: `if(NOT MSVC) message(FATAL_ERROR "Please use configure and make, this cmake
    # file is currently only to generate msvc solution files")`; src/Makefile.am: `pkglib_LTLIBRARIES = libgig.la
    # libakai.la` (installed to lib/libgig/); it had been taken for CMake, then for headers alone
    project = read_project(tree("libgig-4.4.1"))
    assert project.build_system == "autotools"
    assert [lib.target for lib in project.libraries] == ["libgig", "libakai"]
    assert "gigdump" in project.programs


def test_a_program_built_under_its_switch_or_the_tests_switch():
    # jsonnet 0.18.0's cmd/CMakeLists.txt: `if (BUILD_JSONNET OR BUILD_TESTS) add_executable(jsonnet ...)
    # install(TARGETS jsonnet ...)`, BUILD_JSONNET ON by default: the tool is installed without the tests
    import re

    from recipegen.generators.cxx.cmake import _testish

    conditions = re.findall(r"^if \((.*)\)$", (REAL / "jsonnet-0.18.0" / "cmd" / "CMakeLists.txt").read_text(), re.M)
    assert conditions == ["BUILD_JSONNET OR BUILD_TESTS", "BUILD_JSONNETFMT OR BUILD_TESTS"]
    assert not any(_testish(c) for c in conditions)
    assert _testish("BUILD_TESTS OR BUILD_EXAMPLES")


def test_programs_installed_through_the_install_rules_prerequisites():
    # tinycbor 0.6.1's Makefile: `INSTALL_TARGETS += $(bindir)/cbordump`, `install: $(INSTALL_TARGETS:%=$(DESTDIR)%)`
    # and the pattern rule `$(DESTDIR)$(bindir)/%: bin/%` that copies it
    from recipegen.generators.cxx.makefile_install import installed_libraries, installed_programs

    text = (REAL / "tinycbor-0.6.1" / "Makefile").read_text()
    assert "cbordump" in installed_programs(text)
    assert installed_libraries(text) == ["tinycbor"]


def test_the_version_of_automakes_old_init_form():
    # libvorbisidec_1.2.1+git20180316's configure.in: `AC_INIT(mdct.c)` (autoconf 2.13's unique file) and
    # `AM_INIT_AUTOMAKE(libvorbisidec,1.2.1)`; the version had been the archive name's snapshot
    project = read_project(tree("libvorbisidec"))
    assert (project.name, project.version) == ("libvorbisidec", "1.2.1")
    _, version = archive_version("libvorbisidec_1.2.1+git20180316.orig.tar.gz")
    chosen, _, _ = decide(
        [Evidence(version, "archive name", ARCHIVE), Evidence(project.version, "AM_INIT_AUTOMAKE", STRONG)]
    )
    assert chosen == "1.2.1"


# --- set 26 (blind) -----------------------------------------------------------------------------


def test_a_readme_licence_line_offering_a_dual_licence():
    # libnumbertext 1.0.11's README.md: "License: LGPL-3+/Modified BSD dual-license"; COPYING is the BSD text
    found = find_license(tree("libnumbertext-1.0.11").texts, name="libnumbertext")
    assert found.expression == "LGPL-3.0-or-later OR BSD-3-Clause"


def test_a_file_of_two_licences_to_choose_from():
    # libofa 0.9.3's COPYING: "-- This file contains two licenses.  You must choose one of these licenses. --",
    # the Adaptive Public License, "-- or you can use this license --", the GPL 2 (README: "version 2 ... OR ...")
    assert find_license(tree("libofa-0.9.3").texts, name="libofa").expression == "APL-1.0 OR GPL-2.0-only"


def test_or_comma_at_your_option_and_one_files_public_domain_line():
    # libpaper 2.2.5's README.md: "distributed under the MIT license ... or the GNU Lesser General Public License,
    # version 2.1, or, at your option, any later version ..., with the exception of the files listed below.
    # * The file `paperspecs` is in the public domain."
    assert find_license(tree("libpaper-2.2.5").texts, name="libpaper").expression == "MIT OR LGPL-2.1-or-later"


# --- set 27 (blind) -----------------------------------------------------------------------------


def test_the_projects_own_library_that_conda_forge_also_ships():
    # airspyhf 1.6.8: `project(airspyhf_all)`, the library airspyhf (conda-forge's libairspyhf) and tools that
    # `find_package(LIBAIRSPYHF REQUIRED)`: the project's own library, no host dependency; the package is airspyhf
    project = read_project(tree("airspyhf-1.6.8"))
    assert project.name == "airspyhf"
    assert [p.spec for p in host_requirements(project, True)[0]] == ["libusb"]


def test_the_licence_of_a_library_folder_named_lib_something():
    # airspyone_host 1.0.10: no licence file at the top; libairspy/LICENSE.md and airspy-tools/LICENSE.md
    found = find_license(tree("airspyone_host-1.0.10").texts, name="airspy")
    assert (found.expression, found.files) == ("BSD-3-Clause", ["libairspy/LICENSE.md"])


def test_a_bindings_grant_of_any_later_version_is_not_the_librarys():
    # cracklib 2.9.6: COPYING.LIB is the LGPL 2.1 text; of its C sources only python/_cracklib.c (the
    # Python binding) grants "any later version"
    source = tree("cracklib-2.9.6")
    programs = Programs(installed=True, heads=source.source_heads, mains=frozenset(source.programs))
    assert find_license(source.texts, name="cracklib", programs=programs).expression == "LGPL-2.1-only"


def test_licence_files_named_after_their_licences():
    # paho.mqtt.cpp 1.2.0: no LICENSE or COPYING; epl-v10 (the EPL 1.0) and edl-v10 (the EDL 1.0, a BSD-3-Clause
    # text) at the top; it had been refused for want of a licence
    found = find_license(tree("paho.mqtt.cpp-1.2.0").texts, name="paho-mqtt-cpp")
    assert found.files == ["edl-v10", "epl-v10"]
    assert set(found.expression.split(" AND ")) == {"BSD-3-Clause", "EPL-1.0"}


def test_a_hand_written_makefile_in_beside_autoconf_links_its_literal_flags():
    # newt 0.52.25: configure.ac (autoconf) and a hand-written Makefile.in whose first line is `LIBS = -lslang @LIBS@`
    hosts = [p.spec for p in host_requirements(read_project(tree("newt-0.52.25")), True)[0]]
    assert "slang" in hosts


def test_a_literal_link_flag_in_an_installed_programs_ldflags():
    # libbs2b 3.1.0's src/Makefile.am: `bin_PROGRAMS = bs2bconvert ...`, `bs2bconvert_LDFLAGS = -lsndfile`
    hosts = [p.spec for p in host_requirements(read_project(tree("libbs2b-3.1.0")), True)[0]]
    assert "libsndfile" in hosts


# --- earlier sets' programs, once `foo-config` scripts stopped counting as tools ----------------


def test_programs_a_hand_written_makefile_installs_with_make_one_letter_variables():
    # ncurses 6.4's progs/Makefile.in: `$(LIBTOOL_INSTALL) $(INSTALL_PROG) infocmp$x $(DESTDIR)$(bindir)/...`
    # (tic and toe on lines configure's @MAKE_TERMINFO@ opens, which the file as shipped leaves unread)
    from recipegen.generators.cxx.makefile_install import installed_programs

    programs = installed_programs((REAL / "ncurses-6.4" / "progs" / "Makefile.in").read_text())
    assert {"infocmp", "clear", "tabs", "tput", "tset"} <= set(programs)


def test_programs_of_an_automake_fragment_named_makefile_mk():
    # xapian-core 1.4.22's Makefile.am: `include bin/Makefile.mk`, which has `bin_PROGRAMS += bin/xapian-delve`
    from recipegen.generators.cxx.autotools import _with_includes
    from recipegen.generators.cxx.source import wanted

    assert wanted("bin/Makefile.mk")
    texts = tree("xapian-core-1.4.22").texts
    assert "bin/xapian-delve" in _with_includes(texts, "Makefile.am")


# --- sets 28-29 (blind) -------------------------------------------------------------------------


def test_debian_version_spellings_a_conda_version_cannot_hold():
    # libicns_0.8.1.83.g921f972 (git describe: 83 commits after 0.8.1), libsrm_0.8.0~2 (its VERSION file: 0.8.0);
    # `0.8.0~2` had failed the render check
    assert archive_version("libicns_0.8.1.83.g921f972.orig.tar.xz") == ("libicns", "0.8.1")
    assert archive_version("libsrm_0.8.0~2.orig.tar.gz") == ("libsrm", "0.8.0")


def test_an_ubuntu_snapshot_of_a_release_takes_the_build_files_version():
    # dee_1.2.7+17.10.20170616.orig.tar.gz: Ubuntu's `+YY.MM.YYYYMMDD` snapshot; configure.ac's AC_INIT says 1.2.7
    _, version = archive_version("dee_1.2.7+17.10.20170616.orig.tar.gz")
    chosen, _, _ = decide([Evidence(version, "archive name", ARCHIVE), Evidence("1.2.7", "AC_INIT", STRONG)])
    assert chosen == "1.2.7"


def test_no_licence_file_and_no_main_header_the_headers_grant():
    # p8-platform 2.1.0.1: no LICENSE/COPYING and no p8-platform.h; its headers (src/os.h, src/util/*.h) grant
    # "the GNU General Public License ... either version 2 of the License, or (at your option) any later version";
    # it had been refused for want of a licence
    found = find_license(tree("p8-platform-2.1.0.1").texts, name="p8-platform")
    assert found.expression == "GPL-2.0-or-later"
    assert found.files and found.files[0].startswith("src/")


def test_a_licence_file_that_covers_the_configure_script():
    # libuninameslist 20221022's COPYING: "The configure script is subject to the GNU GENERAL PUBLIC LICENSE. The
    # remainder of the distribution is subject to the license spelled out in the LICENSE file." (then the GPL 2)
    found = find_license(tree("libuninameslist-20221022").texts, name="libuninameslist")
    assert found.expression == "BSD-3-Clause"


def test_two_or_later_versions_of_one_gnu_licence_are_the_later():
    # libicns 0.8.1: COPYING (GPL 2), COPYING.LGPL-2 and COPYING.LGPL-2.1; README: "either version 2.1 of the
    # License, or (at your option) any later version"; LGPL-2.0-or-later AND LGPL-2.1-or-later is LGPL-2.1-or-later
    found = find_license(tree("libicns-0.8.1").texts, name="libicns")
    assert found.expression == "GPL-2.0-or-later AND LGPL-2.1-or-later"


def test_reuse_tags_over_the_main_headers_notice():
    # hiredict 1.3.1: no licence file at the top; LICENSES/BSD-3-Clause.txt and LICENSES/LGPL-3.0-or-later.txt; each
    # source carries both `SPDX-License-Identifier:` lines (hiredis' BSD code, hiredict's LGPL changes); hiredict.h's
    # BSD notice alone had been taken
    found = find_license(tree("hiredict-1.3.1").texts, name="hiredict")
    assert found.expression == "BSD-3-Clause AND LGPL-3.0-or-later"


def test_an_included_files_relative_paths_are_the_including_directorys():
    # HiGHS 1.10.0's CMakeLists.txt: `list(APPEND CMAKE_MODULE_PATH ".../cmake")`, `include(cpp-highs)`; its
    # cmake/cpp-highs.cmake: `add_subdirectory(src)`, the top's src/ (CMAKE_CURRENT_SOURCE_DIR does not change in
    # include()); the library had been missed and the project taken for header-only
    project = read_project(tree("highs-1.10.0"))
    assert "highs" in [lib.target for lib in project.libraries]
    assert not project.header_only


# --- set 30 (blind) -----------------------------------------------------------------------------


def test_find_library_by_the_first_name_the_map_knows():
    # libsbml 5.19.7's CMakeModules/FindLIBXML.cmake: `find_library(LIBXML_LIBRARY NAMES libxml2s xml2s libxml2.lib
    # xml2 PATHS ...)`; only the first name (libxml2s, a static build's) had been looked up, so libxml2 was missed
    from recipegen.generators.cxx.cmake import read_cmake

    text = (REAL / "libsbml-5.19.7" / "CMakeModules" / "FindLIBXML.cmake").read_text()
    names = [d.name for d in read_cmake({"CMakeLists.txt": text}, ["CMakeLists.txt"]).dependencies]
    assert "xml2" in names


def test_a_config_programs_link_flags_appended_to_a_variable():
    # libetpan 1.9.4's configure.ac: `AC_PATH_PROG(libcurlconfig, [curl-config])`, then
    # LDFLAGS="$LDFLAGS `$libcurlconfig --libs 2>/dev/null`" (appended, not assigned alone)
    from recipegen.generators.cxx.autoconf import read_configure

    text = (REAL / "libetpan-1.9.4" / "configure.ac").read_text()
    assert "curl" in [f.name for f in read_configure(text, {}).found]


# --- set 31 (blind) -----------------------------------------------------------------------------


def test_a_snapshot_past_an_older_release_takes_the_build_files_version():
    # oaknut_1.2.2+git20240301.94c726c.orig.tar.xz: Debian's name for a snapshot whose CMakeLists.txt says
    # `project(oaknut VERSION 2.0.2 ...)`: the snapshot is past 1.2.2, the build files know the later release
    _, version = archive_version("oaknut_1.2.2+git20240301.94c726c.orig.tar.xz")
    chosen, _, _ = decide([Evidence(version, "archive name", ARCHIVE), Evidence("2.0.2", "project(VERSION)", STRONG)])
    assert chosen == "2.0.2"


def test_licence_files_named_name_dot_license():
    # clucene-core 2.3.3.4: COPYING: "For details of these licenses see APACHE.license and LGPL.license"
    from recipegen.licensing.filenames import is_license_file_name

    assert is_license_file_name("APACHE.license") and is_license_file_name("LGPL.license")


def test_freebsds_libfetch_is_no_conda_forge_package():
    # raptor2 2.0.15's configure.ac: `AC_CHECK_LIB(fetch, fetchXGetURL, ...)`, FreeBSD's libfetch; its name guess
    # had matched an unrelated conda-forge package once autotools became the chosen build (its yajl)
    from recipegen.generators.cxx.depmap import map_dependency

    assert map_dependency("fetch", link_name=True).conda == ""


def test_a_readme_about_the_copyright_is_no_licence_file():
    # gdcm 3.0.21's README.Copyright.txt: "Historical note: ... distributed under the new simplified BSD license ...
    # See Copyright.txt" (Copyright.txt is the BSD-3-Clause text); NAME.license files count, README.* ones do not
    from recipegen.licensing.filenames import is_license_file_name

    assert not is_license_file_name("README.Copyright.txt")
    assert is_license_file_name("Copyright.txt")


def test_a_snapshot_of_the_release_the_build_files_name_shorter():
    # libg15render_1.3.0~svn316.orig.tar.gz (tried as a new user): configure.in's `AC_INIT(libg15render, 1.3, ...)`;
    # the recipe had said 1.3.0+svn316
    built = read_project(tree("libg15render")).version
    assert built == "1.3"
    _, version = archive_version("libg15render_1.3.0~svn316.orig.tar.gz")
    chosen, _, _ = decide([Evidence(version, "archive name", ARCHIVE), Evidence(built, "AC_INIT", STRONG)])
    assert chosen == "1.3.0"
