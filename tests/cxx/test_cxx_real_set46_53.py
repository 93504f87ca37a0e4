"""Regression tests of sets 46-53 (blind Debian archives; benchmarks/cxx_reference.json): what
their first runs missed, on verbatim files of the archives in fixtures/cxx/real (see its README)."""

from __future__ import annotations

from recipegen.generators.cxx.cmake import read_cmake
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.detect import read_project
from recipegen.generators.cxx.hostdeps import host_requirements
from recipegen.generators.cxx.license_files import Programs, find_license
from recipegen.generators.cxx.recipe import cmake_script, meson_script
from recipegen.generators.cxx.source import SourceTree

from .conftest import tree


def _host(name: str) -> list[str]:
    return [r.spec for r in host_requirements(read_project(tree(name)), True)[0]]


def _licence(source: SourceTree, name: str) -> str:
    programs = Programs(True, source.source_heads, frozenset(source.programs))
    return find_license(source.texts, ".", name, programs).expression


def _script(commands: list[list[str]]) -> str:
    return "\n".join(" ".join(command) for command in commands)


# --- dependencies ----------------------------------------------------------------------------------


def test_a_required_find_package_makes_its_found_variables_true():
    # qtkeychain: `find_package(Qt5 COMPONENTS Core REQUIRED)`, then `if (Qt5Core_FOUND AND NOT
    # BUILD_WITH_QT6) ... else() find_package(Qt6 COMPONENTS Core REQUIRED)`
    source = tree("qtkeychain-0.15.0")
    dependencies = read_cmake(source.texts, sorted(source.texts)).dependencies
    assert next(d.where for d in dependencies if d.name == "Qt5") == "CMakeLists.txt:56"
    # only the macOS test application's, an off branch noted for its switch; not line 99's
    assert [d.where for d in dependencies if d.name == "Qt6"] == ["CMakeLists.txt:190"]


def test_an_examples_folder_that_installs_its_programs_needs_their_packages():
    # libam7xxx's examples/CMakeLists.txt: am7xxx-play with FFmpeg (and XCB when found), installed to bin
    assert _host("libam7xxx-0.1.7") == ["libusb", "ffmpeg", "libxcb"]
    assert "am7xxx-play" in read_project(tree("libam7xxx-0.1.7")).executables


def test_examples_on_by_default_and_installed_stay_on_in_meson():
    # libhandy: option('examples', value: true, "Build and install the examples and demo applications"),
    # examples/meson.build: executable('handy-@0@-demo', ..., install: true)
    project = read_project(tree("libhandy-1.8.3"))
    assert project.executables == ["handy-1-demo"]
    assert "-Dexamples=false" not in _script(meson_script(project, static=False)[0])
    assert "-Dtests=false" in _script(meson_script(project, static=False)[0])


def test_examples_on_by_default_and_installed_stay_on_in_cmake():
    # libheif: option(WITH_EXAMPLES ON); examples/ installs heif-convert, heif-enc ... linking libjpeg and libpng
    project = read_project(tree("libheif-1.15.1"))
    assert {"heif-convert", "heif-enc", "heif-info"} <= set(project.executables)
    assert "WITH_EXAMPLES" not in _script(cmake_script(project, static=False)[0])
    assert {"libjpeg-turbo", "libpng"} <= set(_host("libheif-1.15.1"))


def test_a_package_cmakes_own_find_module_finds_is_used_by_its_results():
    # libpano13: find_package(PNG REQUIRED) alone, then `${ZLIB_LIBRARIES}`: FindPNG finds ZLIB
    assert _host("libpano13-2.9.22")[-1] == "zlib"


def test_extra_cmake_modules_sets_the_qt_major_version():
    # attica: find_package(ECM 5.116.0 NO_MODULE), include(KDEInstallDirs) ...,
    # `find_package(Qt${QT_MAJOR_VERSION} ... Core Network)`
    assert _host("attica-5.116.0") == ["qt-main"]


def test_a_substitution_reference_with_a_pattern_names_the_included_fragments():
    # i2c-tools: `SRCDIRS := include lib eeprom stub tools`, `include $(SRCDIRS:%=%/Module.mk)`
    project = read_project(tree("i2c-tools-4.3"))
    assert [lib.output_name for lib in project.libraries] == ["i2c"]
    assert {"i2cdetect", "i2cdump", "i2cget", "i2cset", "i2ctransfer"} <= set(project.executables)


def test_a_for_loop_installs_and_runs_make_install_in_each_folder():
    # routino: `install: for dir in $(SUBDIRS); do ( cd $$dir && $(MAKE) $@ ); done`, src/Makefile's
    # `for file in $(EXE); do if [ -f $$file ]; then ... cp -f $$file $(DESTDIR)$(bindir) ; fi ; done`
    project = read_project(tree("routino-3.4.3"))
    assert {"planetsplitter", "router", "filedumper"} <= set(project.executables)


def test_a_hand_written_makefile_outside_subdirs_is_not_built():
    # radlib: `SUBDIRS = src msgRouter debug`; template-old/Makefile links -lmysqlclient -lz for users' programs
    project = read_project(tree("radlib-2.12.0"))
    assert (project.name, project.version) == ("radlib", "2.12.0")  # configure.in was read
    assert not {"mysqlclient", "z"} & {d.name for d in project.dependencies}
    assert _host("radlib-2.12.0") == []


def test_autoconf_archive_macros_of_gsl_mysql_and_sqlite():
    # apophenia: AX_PATH_GSL, AX_LIB_MYSQL, AX_LIB_SQLITE3; Makefile.am links $(MYSQL_LDFLAGS) $(SQLITE3_LDFLAGS) $(GSL_LIBS)
    assert _host("apophenia-1.0") == ["gsl", "mysql-devel", "libsqlite"]


def test_build_only_programs_and_checking_tools_are_not_host():
    # libayatana-common's po/: find_package(Intltool REQUIRED); grantlee: find_package(LCov), find_package(Cccc)
    intltool = map_dependency("Intltool")
    assert intltool.conda == "intltool" and intltool.build
    assert map_dependency("LCov").conda == "" and map_dependency("Cccc").conda == ""


# --- licences ------------------------------------------------------------------------------------


def test_an_spdx_tag_written_over_markdown_links():
    # librandombytes' doc/license.md: "[SPDX-License-Identifier](...):" then "[CC0-1.0](...)" ... "OR" lines
    assert _licence(tree("librandombytes-20240318"), "librandombytes") == (
        "LicenseRef-PD-hp OR CC0-1.0 OR 0BSD OR MIT-0 OR MIT"
    )


def test_a_file_granting_the_licence_texts_later_version_alone():
    # libtimezonemap: COPYING the GPL 3 text, timezone-completion.[ch] "version 3", the rest "version 2 ... or any later"
    assert _licence(tree("libtimezonemap-0.4.6"), "libtimezonemap") == "GPL-3.0-only"


def test_each_of_the_few_headers_holding_the_same_licence():
    # nv-codec-headers: no licence file, five headers each with the MIT text "for this header file only"
    assert _licence(tree("nv-codec-headers-12.1.14.0"), "nv-codec-headers") == "MIT"


def test_a_header_only_package_already_named_headers():
    from recipegen.generators.split.outputs import HEADERS, output_names

    assert output_names("nv-codec-headers")[HEADERS] == "nv-codec-headers"
    assert output_names("eigen")[HEADERS] == "libeigen-headers"


def test_licence_files_in_a_licenses_folder():
    # squid: only Licenses/COPYRIGHT.gnu ("version 2 ... or any later") and Licenses/LICENSE.gnu (the GPL 2)
    assert _licence(tree("squid-1.9g"), "squid") == "GPL-2.0-or-later"


def test_a_sentence_ending_in_a_version_is_not_joined_to_the_next():
    # cdparanoia's README: "cdparanoia (the command line tool) is released under the GPLv2.  The
    # interface and paranoia libraries are covered by the LGPLv2.1." (no choice between the two)
    assert " OR " not in _licence(tree("cdparanoia-3.10.2"), "cdparanoia")


def test_an_html_licence_statement_offering_any_one_of_three():
    # flickcurl's LICENSE.html: "available under any one of the specified licenses below"
    assert _licence(tree("flickcurl-1.26"), "flickcurl") == "Apache-2.0 OR GPL-2.0-or-later OR LGPL-2.1-or-later"


def test_reuse_tags_of_examples_are_not_the_packages():
    # kplotting: src/ headers `SPDX-License-Identifier: LGPL-2.0-or-later`, examples/testplot_widget.h GPL-2.0-or-later
    assert _licence(tree("kplotting-5.116.0"), "kplotting") == "LGPL-2.0-or-later"


def test_the_library_licence_at_the_version_of_its_text():
    # mate-menus: COPYING (GPL 2), COPYING.LIB (the Library GPL 2.0 text); libmenu/ grants the Lesser
    # GPL "version 2 of the License, or (at your option) any later version"
    assert _licence(tree("mate-menus-1.26.1"), "mate-menus") == "LGPL-2.0-or-later"


def test_a_choice_naming_a_licence_without_its_version_takes_the_texts():
    # scscp-imcce's readme.txt: "dual-licensed (CeCILL-C or CeCILL)"; COPYING_CECILL_V2.LIB is CeCILL 2.0
    assert _licence(tree("scscp-imcce-1.0.3"), "scscp") == "CECILL-C OR CECILL-2.0"


def test_a_readme_licence_section_granting_v3_plus():
    # OSM-binary's README.md "## License": "The other source code is licensed under the LGPL v3+."; LICENSE the LGPL 3
    assert _licence(tree("osm-binary-1.5.1"), "osmpbf") == "LGPL-3.0-or-later"


# --- set 50 --------------------------------------------------------------------------------------


def test_a_snapshot_of_the_release_a_development_version_names():
    # ncl's Debian archive 2.1.21+git20210811.b1213a7, its configure.ac `AC_INIT([NCL], [2.1.21-dev], ...)`
    assert read_project(tree("ncl-2.1.21+git20210811.b1213a7")).version == "2.1.21"


def test_the_library_folder_named_as_the_archive_beside_examples():
    # libqt5qxlsx: QXlsx/CMakeLists.txt beside DateTime/, HelloWorld/, Pump/, WhatType/ examples; none at the top
    project = read_project(tree("libqt5qxlsx-1.4.4"))
    assert project.source_dir == "QXlsx" and [lib.output_name for lib in project.libraries] == ["QXlsx"]


# --- set 51 --------------------------------------------------------------------------------------


def test_a_dated_development_snapshot_before_a_release():
    # epr-api's Debian archive 2.3~dev20150708: a conda version (the refused recipe said `2.3~dev20150708` is none),
    # `.dev` sorting before 2.3 as Debian's `~` does, and a snapshot the build files' release can replace
    from recipegen.generators.cxx.versions import SNAPSHOT, clean_version

    from recipegen.recipe import conda_version_problem

    assert clean_version("2.3~dev20150708") == "2.3.dev20150708"
    assert conda_version_problem("2.3.dev20150708") == ""
    assert SNAPSHOT.match("2.3.dev20150708").group("release") == "2.3"


def test_ac_init_spelling_version_before_the_number_and_headers_a_makefile_copies():
    # TooN: `AC_INIT(TooN, version-3.0.0-beta1)`; its hand-written Makefile.in: `cp -r TooN $(hdr)/`,
    # `hdr = $(DESTDIR)$(includedir)`: a header-only library, not a split one with no library
    project = read_project(tree("toon-0.0~git20220106104723.370dcd9"))
    assert project.version == "3.0.0-beta1"
    assert project.header_only


def test_a_lower_case_hand_written_makefile_in():
    # nauty: configure.ac writes makefile (from makefile.in), whose install rule copies ${GTOOLS} to ${bindir}
    assert {"geng", "dretog", "countg"} <= set(read_project(tree("nauty-2.8.6")).executables)


def test_the_src_folder_of_several_with_makefiles():
    # osptoolkit: no build file at the top; src/Makefile (libosptk.a) beside enroll/'s program and test/'s
    project = read_project(tree("osptoolkit-4.13.0"))
    assert project.source_dir == "src" and [lib.output_name for lib in project.libraries] == ["osptk"]


def test_notices_of_a_project_with_many_files_are_read_from_an_even_sample():
    # libexplain's 1287 headers, each notice read several times, took its licence 13 s; at most
    # MAX_NOTICES_READ, spread over the sorted paths, are read, and the majority is the same
    from recipegen.generators.cxx.license_grants import MAX_NOTICES_READ, evenly_sampled, header_grant

    paths = [f"include/h{i:04d}.h" for i in range(1287)]
    sample = evenly_sampled(paths)
    assert len(sample) == MAX_NOTICES_READ and sample[0] == paths[0] and sample == sorted(set(sample))
    assert evenly_sampled(paths[:10]) == paths[:10]
    lgpl = "/*\n * This library is free software; you can redistribute it under the terms of the GNU Lesser\n"
    lgpl += " * General Public License as published by the Free Software Foundation; either version 3 of\n"
    lgpl += " * the License, or (at your option) any later version.\n */\n"
    texts = {p: lgpl + f"int f{i}(void);\n" for i, p in enumerate(paths)}
    assert header_grant(texts, ".", set()) == ("LGPL-3.0-or-later", MAX_NOTICES_READ)


def test_the_latest_licence_text_a_library_grant_covers():
    # libicns: COPYING (GPL 2), COPYING.LGPL-2 and COPYING.LGPL-2.1; its sources grant the LGPL 2.1 or later
    # (the first version of the mate-menus rule took the LGPL 2 text's version)
    assert _licence(tree("libicns-0.8.1.83.g921f972"), "libicns") == "LGPL-2.1-or-later"


def test_a_file_granting_the_statements_version_alone_does_not_pin_it():
    # libfilezilla: README "either version 2 of the License, or (at your option) any later version";
    # libfilezilla.hpp "GNU General Public License version 2 or higher", which reads as the GPL 2 alone
    assert _licence(tree("libfilezilla-0.41.0"), "libfilezilla") == "GPL-2.0-or-later"


# --- sets 52-53 ----------------------------------------------------------------------------------


def test_snapshots_of_a_release_are_the_release():
    # Debian archives of a version control state after a release, nothing in the build files to back
    # it: git describe's `+git16-g8fdc1d4` (edac-utils), an svn revision `.r145` (agg), `+git<date>.<hash>`
    # (libusb3380); not Ubuntu's date-only `+16.04.20160218`, nor a snapshot before any release (farmhash)
    from recipegen.generators.cxx.versions import ARCHIVE, Evidence, archive_version, decide

    def version(label: str) -> str:
        return decide([Evidence(archive_version(label)[1], "archive name", ARCHIVE)])[0]

    assert version("edac-utils_0.18+git16-g8fdc1d4.orig.tar.gz") == "0.18"
    assert version("agg_2.7.0.r145+dfsg.orig.tar.xz") == "2.7.0"
    assert version("libusb3380_0.0.1+git20190125.c83d1e9.orig.tar.xz") == "0.0.1"
    assert version("libdbusmenu-qt_0.9.3+16.04.20160218.orig.tar.gz") == "0.9.3+16.04.20160218"
    assert version("farmhash_0~git20190513.0d859a8.orig.tar.xz") == "0+git20190513.0d859a8"


def test_a_configure_test_in_a_subshell():
    # ell: `if (test "${enable_glib}" = "yes"); then PKG_CHECK_MODULES(GLIB, glib-2.0 ...)`, off unless --enable-glib
    glib = next(d for d in read_project(tree("ell-0.56")).dependencies if d.name == "glib-2.0")
    assert glib.off_by_default == "--enable-glib"
    assert _host("ell-0.56") == []


def test_a_cmake_build_only_in_contrib():
    # gemmlowp: Bazel's BUILD and WORKSPACE at the top, contrib/CMakeLists.txt its CMake build
    assert read_project(tree("gemmlowp-0.0+git20211220.e844ffd")).source_dir == "contrib"


# --- tried as a new user -------------------------------------------------------------------------


def test_an_old_cmake_minimum_gets_the_policy_version_cmake_4_needs():
    # libkolabxml: cmake_minimum_required(VERSION 2.8.5), which CMake 4 refuses; zlib's range 2.4.4...3.15.0 is fine
    script = _script(cmake_script(read_project(tree("libkolabxml-1.2.1")), static=False)[0])
    assert "-DCMAKE_POLICY_VERSION_MINIMUM=3.5" in script
    project = read_cmake(tree("curl-7.88.1").texts, sorted(tree("curl-7.88.1").texts))
    assert project.cmake_minimum and "-DCMAKE_POLICY_VERSION_MINIMUM" not in _script(cmake_script(project, False)[0])


def test_the_version_git_version_gen_reads_from_its_file():
    # libosmo-cc: `AC_INIT([libosmo-cc],[m4_esyscmd(./git-version-gen .tarball-version)],...)`, .tarball-version 2.0.0
    assert read_project(tree("libosmo-cc-0.0+git20240818.7864594")).version == "2.0.0"


def test_autoconf_archive_for_macros_the_source_does_not_ship():
    # timbl: configure.ac calls AX_REQUIRE_DEFINED and AX_CXX_COMPILE_STDCXX_17; m4/ holds only ac_osx_pkg.m4
    from recipegen.generators.cxx.recipe import build_requirements

    project = read_project(tree("timbl-6.10"))
    assert "autoconf-archive" in build_requirements(project, unix_only=True)


def test_a_switch_the_script_turns_off_is_not_called_off_by_default():
    # libArcus: option(BUILD_PYTHON "..." ON); the note said "OFF by default" of the bindings switch the script turns off
    from recipegen.generators.cxx.hostdeps import _off_note

    assert "which the build script turns off" in _off_note("find_package", "Python", "BUILD_PYTHON", "python", "build")
    assert "OFF by default" in _off_note("find_package", "Speex", "ENABLE_EXPERIMENTAL", "speex", "host")


def test_headers_a_makefile_installs_beside_sources_are_no_header_only_library():
    # bc-ur: src/Makefile.in installs its headers and builds libbc-ur.a from src/*.cpp, which the reader
    # does not name: a split recipe still, not a header-only one (TooN's rule made it one)
    assert not read_project(tree("bc-ur-0.3.0")).header_only


def test_no_licence_file_and_the_sources_with_a_notice_agree():
    # libosmo-cc: no licence file; four of its five library sources here grant the GPL "version 3 ... or
    # any later", g711.c has no notice (the archive: 10 of 11): refused before as saying no licence
    assert _licence(tree("libosmo-cc-0.0+git20240818.7864594"), "libosmo-cc") == "GPL-3.0-or-later"
