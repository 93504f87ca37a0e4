"""Regression tests of the seventh round of issue 11 (set 7 of benchmarks/cxx_reference.json), on
verbatim files of real source tarballs in fixtures/cxx/real (see its README): literal `-lfoo`
flags of installed automake products, folders only DIST_SUBDIRS names, convenience libraries
linked into installed ones, `foo-config` programs whose `--libs` configure keeps, an AC_INIT
tarname holding the version, a super-project's configure handing over to the package's folder,
CMake include() of a `.txt` file, FindX11's per-library variables, meson ternaries naming a
dependency and boolean options that keep one off, X11 client libraries and other conda-forge
names; licences named in a pointer statement ("licensed to you under ... CeCILL-C", Eclipse's
EPL and EDL), licence files only in `doc/`, "each file ... either A or B", PortAudio's
non-binding requests; a bundled project's pkg-config template is not the home page."""

from __future__ import annotations

import pytest
from recipegen.generators.cxx.about import homepage_from_sources
from recipegen.generators.cxx.autotools import configure_dependencies, read_autotools
from recipegen.generators.cxx.cmake import read_cmake
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.detect import build_systems, read_project, sub_package
from recipegen.generators.cxx.license_files import find_license
from recipegen.generators.cxx.meson import read_meson
from recipegen.generators.cxx.source import wanted

from .conftest import tree

# --- autotools ----------------------------------------------------------------------------------


def test_literal_link_flags_of_an_installed_library():
    # exempi/Makefile.am: libexempi_la_LIBADD = ... $(top_builddir)/third-party/zuid/interfaces/libmd5.la -lexpat -lz
    source = tree("exempi-2.6.3")
    project = read_autotools(source.texts, sorted(source.texts))
    linked = {map_dependency(d.name).conda for d in project.dependencies if not d.test_only}
    assert {"expat", "zlib"} <= linked


def test_a_commented_out_link_flag_is_not_linked():
    # libb2's src/Makefile.am: `libb2_la_LIBADD = # -lgomp -lpthread` (set 5: its host is empty)
    source = tree("libb2-0.98.1")
    project = read_autotools(source.texts, sorted(source.texts))
    assert "gomp" not in {d.name for d in project.dependencies}


def test_a_folder_only_dist_subdirs_names_is_not_built():
    # alsa-lib's src/pcm/Makefile.am: DIST_SUBDIRS = scopes (no SUBDIRS); scopes/: scope_level_la_LIBADD = -lncurses
    source = tree("alsa-lib-1.2.8")
    project = read_autotools(source.texts, sorted(source.texts))
    assert "ncurses" not in {d.name for d in project.dependencies}


def test_a_convenience_library_linked_into_an_installed_one_is_not_test_only():
    # gperftools: libstacktrace_la_LIBADD = $(UNWIND_LIBS) ...; noinst_LTLIBRARIES += libstacktrace.la;
    # libprofiler_la_LIBADD = libstacktrace.la ... (lib_LTLIBRARIES += libprofiler.la)
    source = tree("gperftools-2.10")
    found, _, _ = configure_dependencies(source.texts, "configure.ac")
    unwind = [d for d in found if d.name == "unwind"]
    assert unwind and not unwind[0].test_only and not unwind[0].off_by_default


def test_a_config_program_whose_libs_configure_keeps():
    # libtirpc: AC_CHECK_TOOL([KRB5_CONFIG], [krb5-config], [no]); GSSAPI_LIBS=`${KRB5_CONFIG} --libs gssapi`
    source = tree("libtirpc-1.3.6")
    found, _, _ = configure_dependencies(source.texts, "configure.ac")
    krb5 = [d for d in found if d.name == "krb5"]
    assert krb5 and not krb5[0].test_only and map_dependency("krb5").conda == "krb5"


def test_an_ac_init_tarname_holding_the_version():
    # wcslib: AC_INIT([WCSLIB], [7.12], [mark@calabretta.id.au], [wcslib-7.12])
    source = tree("wcslib-7.12")
    assert read_autotools(source.texts, sorted(source.texts)).name == "wcslib"


def test_a_super_projects_configure_hands_over_to_the_package_folder():
    # CoinUtils' archive: AC_INIT([CoinUtils],...) and `SUBDIRS = $(subdirs)` at the top, the package in CoinUtils/
    source = tree("CoinUtils-2.11.4")
    assert sub_package(source) == "CoinUtils"
    assert build_systems(source)[0] == ("autotools", "CoinUtils")
    project = read_project(source)
    assert project.root_dir == "CoinUtils" and project.version == "2.11.4"
    assert "cxx" in project.languages  # CoinUtils/configure.ac: AC_COIN_PROG_CXX
    # the top-level LICENSE only points at the subfolders' files; CoinUtils/LICENSE is the EPL-1.0
    assert find_license(source.texts, project.root_dir, project.name).expression == "EPL-1.0"


# --- CMake and Meson ----------------------------------------------------------------------------


def test_include_of_a_txt_file_of_the_project():
    # libwebsockets: include(CMakeLists-implied-options.txt) sets LWS_WITH_TLS, which adds lib/tls
    # and its find_package(OpenSSL REQUIRED)
    assert wanted("CMakeLists-implied-options.txt")
    source = tree("libwebsockets-4.1.6")
    project = read_cmake(source.texts, sorted(source.texts))
    assert "OpenSSL" in {d.name for d in project.dependencies if not d.off_by_default}


def test_findx11_per_library_variables():
    # freeglut: FIND_PACKAGE(X11 REQUIRED) ... LIST(APPEND LIBS ${X11_Xrandr_LIB}) / ${X11_Xxf86vm_LIB} / ${X11_Xinput_LIB}
    source = tree("freeglut-3.4.0")
    project = read_cmake(source.texts, sorted(source.texts))
    host = {map_dependency(d.name).conda for d in project.dependencies if not d.test_only and not d.off_by_default}
    assert {"xorg-libx11", "xorg-libxrandr", "xorg-libxxf86vm", "xorg-libxi"} <= host


def test_meson_ternary_names_and_boolean_options_that_are_off():
    # pango: freetype_package_name = cc.get_argument_syntax() == 'msvc' ? \ 'freetype' : 'freetype2';
    # dependency('gi-docgen', ..., required: get_option('gtk_doc')) with gtk_doc a boolean false
    source = tree("pango-1.50.12")
    project = read_meson(source.texts, sorted(source.texts))
    deps = {d.name: d for d in project.dependencies}
    assert "freetype2" in deps and not deps["freetype2"].off_by_default
    assert deps["gi-docgen"].off_by_default == "-Dgtk_doc=true"
    assert {"xft", "xrender"} <= set(deps)


@pytest.mark.parametrize(
    ("name", "conda"),
    [
        ("xau", "xorg-libxau"),  # libxcb's NEEDED="xau >= 0.99.2"
        ("xdmcp", "xorg-libxdmcp"),
        ("sm", "xorg-libsm"),  # libxt's PKG_CHECK_MODULES(XT, sm ice x11 xproto kbproto)
        ("ice", "xorg-libice"),
        ("xtrans", "xorg-xtrans"),  # libx11's X11_REQUIRES
        ("xft", "xorg-libxft"),  # pango
        ("xrender", "xorg-libxrender"),
        ("libopenjp2", "openjpeg"),  # leptonica's PKG_CHECK_MODULES(LIBJP2K, libopenjp2)
        ("libwebpmux", "libwebp"),
        ("geos_c", "geos"),  # librttopo's AC_SEARCH_LIBS(GEOSContext_setErrorHandler_r, geos_c)
        ("numa", "libnuma"),  # x265's find_package(Numa) -> numa
        ("harfbuzz-gobject", "harfbuzz"),
    ],
)
def test_conda_forge_names(name, conda):
    assert map_dependency(name).conda == conda


# --- licences and home pages --------------------------------------------------------------------


def test_a_statement_licensing_to_you_under_a_named_licence():
    # scotch's LICENSE_en.txt: "licensed to you under the terms of the CeCILL-C free/libre software
    # license" (the text in doc/), next to a French LICENCE_fr.txt
    assert find_license(tree("scotch-7.0.3").texts, name="scotch").expression == "CECILL-C"


def test_eclipse_public_and_distribution_licences_dual_licensed():
    # mosquitto's LICENSE.txt: "dual licensed under the Eclipse Public License 2.0 and the Eclipse
    # Distribution License 1.0" (the EDL 1.0 is the BSD-3-Clause text)
    assert find_license(tree("mosquitto-2.0.11").texts).expression == "EPL-2.0 OR BSD-3-Clause"


def test_licence_files_only_in_doc():
    # attr: doc/COPYING ("Most components ... Version 2.1 of the GNU Lesser ...", then the GPL-2.0) and doc/COPYING.LGPL
    found = find_license(tree("attr-2.5.1").texts)
    assert found.files == ["doc/COPYING", "doc/COPYING.LGPL"]
    assert set(found.expression.split(" AND ")) == {"GPL-2.0-only", "LGPL-2.1-only"}


def test_each_file_under_either_of_two_licences():
    # log4cplus' LICENSE: "Each file of log4cplus source is licensed using either two clause BSD
    # license or Apache license 2.0."
    found = find_license(tree("log4cplus-2.0.8").texts)
    assert set(found.expression.split(" AND ")) == {"BSD-2-Clause", "Apache-2.0"}


def test_non_binding_requests_are_not_the_licence():
    # portaudio's LICENSE.txt: "The text above constitutes the entire PortAudio license; however,
    # the PortAudio community also makes the following non-binding requests: ..."
    assert find_license(tree("portaudio-19.6.0").texts).expression == "MIT"


def test_a_bundled_projects_pkg_config_template_is_not_the_home_page():
    # log4cplus' catch/CMake/catch2.pc.in: URL: https://github.com/catchorg/Catch2; log4cplus.spec: Url: ...
    url, where = homepage_from_sources(tree("log4cplus-2.0.8").texts, "log4cplus")
    assert (url, where) == ("http://log4cplus.sourceforge.net", "log4cplus.spec")
