"""Regression tests of sets 42-43 (blind Debian archives; benchmarks/cxx_reference.json): what
their first runs missed, on verbatim files of the archives in fixtures/cxx/real (see its README)."""

from __future__ import annotations

from recipegen.generators.cxx.detect import read_project
from recipegen.generators.cxx.hostdeps import host_requirements
from recipegen.generators.cxx.license_files import Programs, find_license
from recipegen.generators.cxx.source import SourceTree

from .conftest import tree


def _host(name: str) -> list[str]:
    return [r.spec for r in host_requirements(read_project(tree(name)), True)[0]]


def _licence(source: SourceTree, name: str) -> str:
    programs = Programs(True, source.source_heads, frozenset(source.programs))
    return find_license(source.texts, ".", name, programs).expression


def test_fuzzing_harnesses_are_no_programs():
    # libcaes: SUBDIRS has ossfuzz, whose Makefile.am lists bin_PROGRAMS under `if HAVE_LIB_FUZZING_ENGINE`
    project = read_project(tree("libcaes-20240413"))
    assert [lib.output_name for lib in project.libraries] == ["caes"]  # the project was read
    assert project.executables == []


def test_a_folder_only_distributed_builds_nothing():
    # librcd: `SUBDIRS = src`, `EXTRA_DIST = examples statgen librcd.spec`; statgen/Makefile.am's bin_PROGRAMS
    project = read_project(tree("librcd-0.1.14"))
    assert [lib.output_name for lib in project.libraries] == ["rcd"]  # src/ is read
    assert project.executables == []


def test_config_scripts_a_makefile_calls_and_destdir_as_the_prefix():
    # libs3's GNUmakefile: `CURL_LIBS := $(shell curl-config --libs)`, xml2-config's; `$(DESTDIR)/bin/s3`
    assert _host("libs3-2.0") == ["libcurl", "libxml2-devel"]
    assert read_project(tree("libs3-2.0")).executables == ["s3"]


def test_library_sources_granting_the_licence_files_version_alone():
    # libuio: libuio.h grants the LGPL 2 "or later", its five library sources the LGPL "version 2.1"
    # alone, and COPYING is the LGPL 2.1 text
    assert _licence(tree("libuio-0.3.0"), "libuio") == "LGPL-2.1-only"


def test_a_library_folder_beside_an_applications_folder():
    # clalsadrv: libs/Makefile and apps/Makefile, nothing at the top; `CLALSADRV_DEP = -lasound`, `g++ -shared`
    project = read_project(tree("clalsadrv-2.0.0"))
    assert [lib.output_name for lib in project.libraries] == ["clalsadrv"]
    assert project.languages == {"cxx"}
    assert _host("clalsadrv-2.0.0") == ["alsa-lib"]


def test_a_meson_build_target_of_a_library_type():
    # gtherm's libgtherm/meson.build: `build_target('gtherm-' + apiversion, ..., target_type : libtype)`
    assert [lib.kind for lib in read_project(tree("gtherm-0.0.3")).libraries] == ["shared"]


def test_find_package_names():
    # kdsingleapplication: `find_package(QT NAMES Qt6 REQUIRED)` under its Qt 6 option (off), else
    # `find_package(QT NAMES Qt5 REQUIRED)`, then `find_package(Qt${QT_VERSION_MAJOR} ... COMPONENTS Core ...)`
    assert _host("kdsingleapplication-1.1.0") == ["qt-main"]


def test_a_package_name_only_m4_would_compute():
    # opentracing-c-wrapper: `AC_INIT(m4_esyscmd_s([basename ${PWD}]), ...)`
    assert read_project(tree("opentracing-c-wrapper-1.1.3")).name == "opentracing-c-wrapper"


def test_a_hand_written_configure_writing_the_makefile_from_a_here_document():
    # ocrad: configure's `libname=ocrad`, `LIBS=-lpng`, then `cat > Makefile << EOF` ... `libname = ${libname}`;
    # Makefile.in installs ./lib$(libname).a and $(progname)
    project = read_project(tree("ocrad-0.29"))
    assert [lib.output_name for lib in project.libraries] == ["ocrad"]
    assert project.executables == ["ocrad"]
    assert _host("ocrad-0.29") == ["libpng"]


def test_assignments_of_another_platforms_branch():
    # faifa's Makefile.in: `APP:=faifa`, then `ifeq ($(OS),CYGWIN_NT-5.1)` `APP:=$(APP).exe`; lib$(APP).so.0
    project = read_project(tree("faifa-0.2"))
    assert [lib.output_name for lib in project.libraries] == ["faifa"]
    assert project.executables == ["faifa"]


def test_reuse_tags_of_a_choice():
    # pulseaudio-qt: LICENSES/ and `SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only OR LicenseRef-KDE-Accepted-LGPL`
    result = find_license(tree("pulseaudio-qt-1.7.0").texts, ".", "pulseaudioqt")
    assert result.expression == "LGPL-2.1-only OR LGPL-3.0-only OR LicenseRef-KDE-Accepted-LGPL"
    assert result.files == [
        "LICENSES/LGPL-2.1-only.txt",
        "LICENSES/LGPL-3.0-only.txt",
        "LICENSES/LicenseRef-KDE-Accepted-LGPL.txt",
    ]


def test_a_choice_naming_each_licences_version():
    # psurface's COPYING: "either one of the two following licenses: * The GNU Lesser General Public License ...
    # either Version 3 of the license or (at your option) any later version ... * Version 2 of the GNU General
    # Public License ... with the following special exception ... This license is intended to be similar to
    # the GNU Lesser General Public License, Version 2"
    assert find_license(tree("psurface-2.0.0").texts).expression == "LGPL-3.0-or-later OR GPL-2.0-only"


def test_install_rules_that_make_folders_or_rename_what_they_copy():
    # libquantum (set 34): `$(INSTALL) -d $(ALLDIRS)` makes lib/, include/ and bin/; libbytesize (set 34):
    # tools/Makefile.am's `install-exec-local:` copies bs_calc.py to ${DESTDIR}${bindir}/bscalc
    libquantum = read_project(tree("libquantum-1.1.1"))
    assert [lib.output_name for lib in libquantum.libraries] == ["quantum"]  # its install rule is read
    assert libquantum.executables == []
    assert read_project(tree("libbytesize-2.11")).executables == ["bscalc"]


def test_a_readme_opening_with_title_version_and_date_lines():
    # libantlr3c 3.4 (tried as a new user, in no set): README opens "ANTLR v3.0.1 C Runtime" / "ANTLR 3.0.1" /
    # "January 1, 2008"; the summary had been those three lines run together
    from recipegen.generators.cxx.about import readme_summary

    assert readme_summary(tree("libantlr3c-3.4").texts["README"], "libantlr3c") == "ANTLR C Runtime"


def test_a_development_trees_project_name():
    # gudhi 3.7.1 (tried as a new user, in no set): `project(GUDHIdev)` in the gudhi archive
    project = read_project(tree("gudhi-3.7.1"))
    assert project.name == "GUDHI"


def test_the_x_libraries_path_xtra_adds_before_x11():
    # libforms 1.2.3 (set 42): AC_PATH_XTRA, then fdesign_LDADD = ... $(X_LIBS) $(X_PRE_LIBS) ... -lX11, with
    # X_PRE_LIBS "-lSM -lICE" where libICE is found (the Autoconf manual)
    assert {"xorg-libice", "xorg-libsm", "xorg-libx11"} <= set(_host("libforms-1.2.3"))


def test_boost_headers_the_sources_include_and_no_build_file_asks_for():
    # libvsqlitepp 0.3.13 (set 44): src/sqlite/query.cpp `#include <boost/bind.hpp>`; its configure.ac and
    # Makefile.am say nothing of Boost
    assert "libboost-headers" in _host("libvsqlitepp-0.3.13")
    # cassiopee's find_package(Boost REQUIRED COMPONENTS iostreams serialization) brings them: not listed twice
    from recipegen.generators.cxx.includes import uncovered
    from recipegen.generators.cxx.model import Dependency

    included = [Dependency("libboost-headers", "#include <boost/bind.hpp>")]
    assert uncovered(included, [Dependency("Boost", "find_package")]) == []
    assert uncovered(included, [Dependency("sqlite3", "pkg-config")]) == included


def test_opengl_headers_the_library_compiles_against():
    # liboglappth 1.0.0 (set 44): src/base_app.h includes <GL/gl.h> and <GL/glu.h>; configure.ac only
    # checks for the headers (its AC_CHECK_LIB lines are commented out); its .pc says `-lGL -lGLU`
    assert {"libgl-devel", "libglu"} <= set(_host("liboglappth-1.0.0"))


def test_the_machines_x_libraries_a_check_passes_along():
    # gle 3.1.2 (set 45): AC_PATH_XTRA, then AC_CHECK_LIB(GL, ..., ..., $X_PRE_LIBS $X_LIBS -lX11 $X_EXTRA_LIBS);
    # the library links only the X_LIBS its checks build up, not -lSM -lICE
    assert not {"xorg-libsm", "xorg-libice"} & set(_host("gle-3.1.2"))


def test_makefile_fragments_named_through_patsubst_and_a_shell_probe():
    # lm-sensors 3.6.2 (set 45): `include $(patsubst %,%/Module.mk,$(SRCDIRS))`; prog/sensors/Module.mk's
    # `LIBICONV := $(shell if /sbin/ldconfig -p | grep -q '/libiconv\\.so$$' ; then echo \\-liconv; else echo; fi)`
    project = read_project(tree("lm-sensors-3.6.2"))
    assert [lib.output_name for lib in project.libraries] == ["sensors"]
    assert "sensors" in project.executables
    assert _host("lm-sensors-3.6.2") == []


def test_a_header_for_the_librarys_users_that_no_source_compiles():
    # Imath 3.1.6 (set 1): src/Imath/ImathGL.h includes <GL/gl.h> for users who draw with OpenGL; only
    # docs/examples/gl.cpp includes it. liboglappth's base_app.h is included by base_app.cpp (above)
    assert not {"libgl-devel", "libglu"} & set(_host("imath-3.1.6"))


def test_boost_headers_behind_a_value_the_header_defines_and_in_a_binding():
    # GeographicLib 2.1.2 (set 1): Math.hpp `#define GEOGRAPHICLIB_PRECISION 2` unless defined, then
    # `#if GEOGRAPHICLIB_PRECISION == 4` around its Boost includes; wrapper/python/PyGeographicLib.cpp's
    # <boost/python.hpp> is a binding's
    assert "libboost-headers" not in _host("geographiclib-2.1.2")


def test_hand_written_rules_of_test_programs_named_t_():
    # krb5 1.20.1 (set 1): kdc/Makefile.in (verbatim lines), which installs krb5kdc, links configure's
    # CMOCKA_LIBS='-lcmocka' only into its t_replay test program
    from recipegen.generators.cxx.autotools import _test_only

    makefiles = {
        "kdc/Makefile.in": "t_replay: $(T_REPLAY_OBJS) replay.o $(KRB5_BASE_DEPLIBS)\n"
        "\t$(CC_LINK) -o $@ $(T_REPLAY_OBJS) $(CMOCKA_LIBS) $(KRB5_BASE_LIBS)\n\n"
        "install:\n\t$(INSTALL_PROGRAM) krb5kdc ${DESTDIR}$(SERVER_BINDIR)/krb5kdc\n",
    }
    assert _test_only(("CMOCKA_LIBS",), makefiles)


def test_elif_branches_and_sample_folders():
    # quickfix 1.15.1's src/C++/Utility.h (verbatim lines): `#ifdef HAVE_STLPORT` ... `#elif
    # ENABLE_BOOST_FAST_POOL_ALLOCATOR` / `#include <boost/pool/pool_alloc.hpp>`; xbyak's sample/calc.cpp
    from recipegen.generators.cxx.includes import unbundled_libraries
    from recipegen.generators.cxx.source import _record_includes

    includes: dict[str, list[str]] = {}
    _record_includes(
        includes,
        "src/C++/Utility.h",
        b"#ifdef HAVE_STLPORT\n  #define ALLOCATOR std::allocator\n#elif ENABLE_BOOST_FAST_POOL_ALLOCATOR\n"
        b"  #include <boost/pool/pool_alloc.hpp>\n  #define ALLOCATOR boost::fast_pool_allocator\n#endif\n",
    )
    assert "boost/pool/pool_alloc.hpp" not in includes
    assert unbundled_libraries({"boost/bind.hpp": ["sample/calc.cpp:20"]}, ["xbyak/xbyak.h"]) == []
