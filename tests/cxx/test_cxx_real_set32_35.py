"""Regression tests of sets 32-35 (blind Debian archives; benchmarks/cxx_reference.json): what
their first runs missed, on verbatim files of the archives in fixtures/cxx/real (see its README)."""

from __future__ import annotations

import io
import tarfile

from recipegen.generators.cxx.autoconf import read_configure
from recipegen.generators.cxx.autotools import configure_dependencies, read_autotools
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.detect import read_project
from recipegen.generators.cxx.hostdeps import host_requirements
from recipegen.generators.cxx.license_files import Programs, find_license
from recipegen.generators.cxx.source import defines_main, from_archive_bytes
from recipegen.generators.cxx.versions import ARCHIVE, SPELLING, STRONG, Evidence, decide

from .conftest import REAL, text, tree


def _host(name: str) -> list[str]:
    return [r.spec for r in host_requirements(read_project(tree(name)), True)[0]]


def test_a_snapshot_some_commits_after_a_release():
    # opengv_1.0+1git91f4b1: one commit after 1.0, which its CMakeLists.txt's project(VERSION 1.0) names
    evidence = [Evidence("1.0+1git91f4b1", "archive name", ARCHIVE), Evidence("1.0", "project(VERSION)", STRONG)]
    assert decide(evidence)[0] == "1.0"


def test_upstreams_folder_keeps_the_build_files_spelling():
    # Debian's openmesh_9.0.orig.tar.gz holds OpenMesh-9.0.0/, whose project(VERSION 9.0.0) says the same
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        data = b"project(OpenMesh VERSION 9.0.0 LANGUAGES C CXX)\n"
        member = tarfile.TarInfo("OpenMesh-9.0.0/CMakeLists.txt")
        member.size = len(data)
        archive.addfile(member, io.BytesIO(data))
    assert from_archive_bytes(buffer.getvalue(), "openmesh_9.0.orig.tar.gz").top_folder == "OpenMesh-9.0.0"
    name, built = Evidence("9.0", "archive name", ARCHIVE), Evidence("9.0.0", "project(VERSION)", STRONG)
    assert decide([name, built])[0] == "9.0"  # the release URL's spelling, when upstream's folder says nothing
    assert decide([name, built, Evidence("9.0.0", "the archive's top folder", SPELLING)])[0] == "9.0.0"


def test_autoconf_213s_unique_file_is_no_package_name():
    # mm 1.4.2's configure.ac: `AC_INIT(README)`
    source = tree("mm-1.4.2")
    assert read_autotools(source.texts, source.paths).name == ""


def test_an_m4_file_configure_includes_runs_where_included():
    # cpdb-libs 2.0b5: `sinclude(m4/cpdb-common.m4)`, whose PKG_CHECK_MODULES look for gio-2.0 and glib-2.0
    found, _, _ = configure_dependencies(tree("cpdb-libs-2.0b5").texts, "configure.ac")
    assert {(d.name, d.where) for d in found} >= {
        ("glib-2.0", "m4/cpdb-common.m4:8"),
        ("gio-2.0", "m4/cpdb-common.m4:6"),
    }


def test_a_quoted_pkg_config_module():
    # aribb24 1.0.3: `PKG_CHECK_MODULES(PNG, "libpng", [...], [])`
    assert [f.name for f in read_configure(text("aribb24-1.0.3", "configure.ac"), {}).found] == ["libpng"]


def test_pkg_config_by_the_projects_own_variable_and_a_checks_other_libraries():
    # yaz 5.34.0: m4/yaz_libxml2.m4's XML2_LIBS=`$pkgconfigpath --libs $pkgmodule` (pkgmodule="libxml-2.0");
    # `AC_CHECK_LIB([readline], [readline], ..., [$READLINE_SHARED_LIBADD])` with -lncurses in that variable
    names = {d.name for d in read_project(tree("yaz-5.34.0")).dependencies}
    assert {"libxml-2.0", "libxslt", "ncurses"} <= names


def test_a_required_check_only_tests_link():
    # ETL 1.5.1 (header-only): PKG_CHECK_MODULES(GLIBMM, ...) else AC_MSG_ERROR; only test/Makefile.am links it
    assert "glibmm-2.4" in _host("ETL-1.5.1")


def test_a_hand_written_makefile_beside_an_automake_fragment():
    # vamp-plugin-sdk 2.10.0: Makefile.in's HOST_LIBS = ... @SNDFILE_LIBS@ and its install rule;
    # skeleton/Makefile.inc is no automake project
    assert "libsndfile" in _host("vamp-plugin-sdk-2.10.0")


def test_several_modules_of_one_coin_or_check():
    # Cbc 2.10.8: `AC_COIN_CHECK_PACKAGE(CoinDepend, [cgl osi coinutils], [CbcLib CbcGeneric])`
    names = [f.name for f in read_configure(text("cbc-2.10.8", "configure.ac"), {}).found]
    assert {"cgl", "osi", "coinutils", "clp"} <= set(names)


def test_link_names_in_the_projects_own_find_modules():
    # libjson-rpc-cpp 0.7.0: cmake/FindArgtable.cmake's `find_library(ARGTABLE_LIBRARY NAMES argtable2)`,
    # cmake/FindMHD.cmake's `NAMES microhttpd ...`, both found with find_package(... REQUIRED)
    host = host_requirements(read_project(tree("libjson-rpc-cpp-0.7.0")), True)[0]
    assert {(r.spec, r.comment) for r in host} >= {
        ("argtable2", "find_library(argtable2)"),
        ("libmicrohttpd", "find_library(microhttpd)"),
    }


def test_c_libraries_conda_forge_ships_with_a_python_module_or_under_another_name():
    # libnest2d's find_package(NLopt); antic's find_library(... flint); libubootenv's yaml.pc
    assert [map_dependency(n).conda for n in ("NLopt", "flint", "yaml-0.1")] == ["nlopt", "libflint", "yaml"]
    assert map_dependency("Vala").build  # ayatana-ido's find_package(Vala): valac runs at build time


def test_the_grant_of_the_one_library_source():
    # libvolatilestream 1.0.2: COPYING is the LGPL 2.1 text, volatilestream.h has no notice, volatilestream.c
    # grants "version 2.1 ... or (at your option) any later version" and keeps its example main() in #if 0
    source = tree("libvolatilestream-1.0.2")
    assert source.programs == set()
    assert not defines_main((REAL / "libvolatilestream-1.0.2" / "volatilestream.c").read_bytes())
    programs = Programs(installed=False, heads=source.source_heads, mains=frozenset(source.programs))
    assert find_license(source.texts, name="volatilestream", programs=programs).expression == "LGPL-2.1-or-later"


def test_an_spdx_like_or_later_in_a_readme():
    # c++utilities 5.28.0: LICENSE is the GPL 2 text; README.md: "All code is licensed under [GPL-2-or-later](LICENSE)."
    assert find_license(tree("cpp-utilities-5.28.0").texts, name="c++utilities").expression == "GPL-2.0-or-later"


def test_a_pointer_to_the_licence_files_offering_a_choice():
    # MeCab 0.996's COPYING: "released under any of the GPL (see the file GPL), the LGPL (see the file
    # LGPL), or the BSD License (see the file BSD)"
    found = find_license(tree("mecab-0.996").texts, name="mecab")
    assert found.expression == "GPL-2.0-only OR LGPL-2.1-only OR BSD-3-Clause"


def test_a_triple_licence_naming_the_cecill_unversioned():
    # calceph 4.0.4's LICENSE: 'The library is "triple-licensed" (CeCILL-C,CeCILL-B or CeCILL), you have
    # to choose one of the three licenses', beside COPYING_CECILL_{B,C,V2.1}.LIB
    found = find_license(tree("calceph-4.0.4").texts, name="calceph")
    assert found.expression == "CECILL-C OR CECILL-B OR CECILL-2.1"


def test_every_header_grants_the_lgpl_beside_a_gpl_text():
    # lib3ds 1.3.0: COPYING is the GPL 2 text; each of lib3ds/*.h grants the LGPL "version 2.1 ... or
    # (at your option) any later version", and the README disclaims under the LGPL
    assert find_license(tree("lib3ds-1.3.0").texts, name="lib3ds").expression == "LGPL-2.1-or-later"


def test_library_sources_named_with_a_capital_c():
    # libptytty 2.0: COPYING is the GPL 2 text; its headers grant nothing, each src/*.C grants
    # "version 2 of the License, or (at your option) any later version"
    source = tree("libptytty-2.0")
    programs = Programs(installed=False, heads=source.source_heads, mains=frozenset(source.programs))
    assert find_license(source.texts, name="libptytty", programs=programs).expression == "GPL-2.0-or-later"


def test_a_licence_files_own_lead_statement():
    # libspatialaudio 0.3.0's LICENSE: "libspatialaudio is released under LGPLv2.1 (or later) ... ===", then the LGPL 2.1
    found = find_license(tree("libspatialaudio-0.3.0").texts, name="spatialaudio")
    assert found.expression == "LGPL-2.1-or-later"


def test_automake_fragments_named_makefile_am_inc():
    # atf 0.21's Makefile.am: `include atf-c/Makefile.am.inc`, which has `lib_LTLIBRARIES += libatf-c.la`
    source = tree("atf-0.21")
    assert "atf-c" in [lib.output_name for lib in read_autotools(source.texts, source.paths).libraries]
