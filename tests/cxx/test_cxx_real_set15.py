"""Regression tests of set 15 (blind Debian archives; benchmarks/cxx_reference.json), on verbatim
files of the archives in fixtures/cxx/real (see its README): packages the default build looks up
but does not link, meson options spelled with dashes and combo options, a build-machine
dependency, m4's changequote, pkg-config called from the shell, a macro appending to a link
variable, a required header-only library, a choice of three licences, a docs part's
public-domain text."""

from __future__ import annotations

from recipegen.generators.cxx.detect import read_project
from recipegen.generators.cxx.hostdeps import host_requirements
from recipegen.generators.cxx.license_files import find_license
from recipegen.generators.cxx.model import Project
from recipegen.generators.cxx.recipe import meson_script

from .conftest import tree


def host(project: Project) -> tuple[list[str], list[str], list[str]]:
    packages, notes, tools = host_requirements(project)
    return [p.spec for p in packages], notes, tools


# --- packages looked up but not linked by the default build ---------------------------------------


def test_meson_dependencies_only_switched_off_branches_use_are_left_out():
    # rubberband 3.3.0 looks up fftw3, sleef, samplerate, speexdsp at the top and uses them only
    # under `fft == 'fftw'` ... (fft defaults to 'auto', which picks the builtin FFT); boost is
    # `required: get_option('tests')`, which the script turns off; the JNI binding needs
    # `add_languages('java', required: get_option('jni'))`, off too
    project = read_project(tree("rubberband-3.3.0"))
    packages, notes, _ = host(project)
    assert packages == ["libsndfile"]
    assert any("dependency(fftw3) at meson.build:115" in note and "left out of host" in note for note in project.notes)
    assert any("find_library(fftw3) needs -Dfft=<choice>" in note for note in notes)


def test_meson_options_spelled_with_dashes_and_combo_options_are_turned_off():
    # babl 0.1.114: option('enable-gir', type: 'combo', choices: ['auto', 'true', 'false']), 'with-docs' too;
    # gobject-introspection-1.0 is looked up (required: false) for the gir only
    project = read_project(tree("babl-0.1.114"))
    unix, _ = meson_script(project, static=False)
    flags = " ".join(part for command in unix for part in command)
    assert "-Denable-gir=false" in flags and "-Dwith-docs=false" in flags and "-Denable-vapi=false" in flags
    assert host(project)[0] == ["lcms2"]


def test_cmake_package_linked_only_under_an_off_option_is_left_out():
    # librsync 2.3.2: find_package(BZip2), find_package(ZLIB) and include_directories(...) on the
    # live path, target_link_libraries(rsync ${ZLIB_LIBRARIES} ${BZIP2_LIBRARIES}) only under
    # ENABLE_COMPRESSION (OFF)
    packages = host(read_project(tree("librsync-2.3.2")))[0]
    assert "zlib" not in packages and "bzip2" not in packages
    assert "popt" in packages


def test_cmake_package_of_a_test_helper_macro_is_left_out():
    # flann 1.9.2: find_hdf5() (cmake/flann_utils.cmake) for tests; HDF5 linked only by the MPI
    # programs under `USE_MPI AND HDF5_IS_PARALLEL` (USE_MPI OFF)
    packages = host(read_project(tree("flann-1.9.2")))[0]
    assert packages == ["lz4-c"]


def test_pkg_config_module_linked_only_by_a_target_excluded_from_all():
    # immer 0.8.1: extra/guile's pkg_check_modules(Guile guile-2.2) feeds guile-immer, an
    # add_library(... EXCLUDE_FROM_ALL ...) target no default build makes
    project = read_project(tree("immer-0.8.1"))
    assert "guile" not in host(project)[0]
    assert any("pkg_check_modules(guile-2.2)" in note for note in project.notes)


def test_meson_native_dependency_goes_to_build():
    # libdisplay-info 0.2.0: dependency('hwdata', required: false, native: true) for its pnp.ids
    packages, _, tools = host(read_project(tree("libdisplay-info-0.2.0")))
    assert "hwdata" not in packages
    assert "hwdata" in tools


# --- configure.ac -----------------------------------------------------------------------------------


def test_changequote_does_not_stop_the_configure_reader():
    # libcdio 2.1.0: changequote(`,') ... changequote([,]) around a message; cdda-player's
    # PKG_CHECK_MODULES(CDDA_PLAYER, ncurses, ...) comes after it
    assert "ncurses" in host(read_project(tree("libcdio-2.1.0")))[0]


def test_pkg_config_called_from_the_shell_and_a_macro_appending_its_flags():
    # libshout 2.4.6: m4/xiph_openssl.m4's OPENSSL_LIBS=`$PKGCONFIG --libs openssl`; configure.ac's
    # XIPH_VAR_PREPEND([XIPH_LIBS],[$OPENSSL_LIBS]); src/Makefile.am links @XIPH_LIBS@
    assert "openssl" in host(read_project(tree("libshout-2.4.6")))[0]


def test_required_boost_headers_of_a_configure_script():
    # librevenge 0.0.5: AC_CHECK_HEADERS([boost/algorithm/string.hpp ...], [], [AC_MSG_ERROR(...)])
    assert "libboost-headers" in host(read_project(tree("librevenge-0.0.5")))[0]


# --- licences -----------------------------------------------------------------------------------------


def test_any_one_of_the_licences_below_with_newer_versions():
    # raptor2 2.0.15's LICENSE.txt: "available under any one of the specified licenses below, or
    # any newer version": LGPL 2.1, GPL 2, Apache 2.0
    found = find_license(tree("raptor2-2.0.15").texts)
    assert found.expression == "Apache-2.0 OR GPL-2.0-or-later OR LGPL-2.1-or-later"


def test_apache_text_with_a_docs_part_in_the_public_domain_is_apache():
    # draco 1.5.5's LICENSE: the Apache text ("You may choose to offer ...") and, far below, the
    # Unlicense of docs/assets/css/pygments; not "public domain where recognised, else Apache"
    assert find_license(tree("draco-1.5.5").texts).expression == "Apache-2.0"


# --- found trying archives outside every set ----------------------------------------------------------


def test_library_named_with_substitutions_configure_leaves_open():
    # libwpd 0.10.3: lib_LTLIBRARIES = libwpd-@WPD_MAJOR_VERSION@.@WPD_MINOR_VERSION@.la (m4-defined
    # in configure.ac): the library libwpd, files libwpd-0.10.so.*; it was taken for headers alone
    project = read_project(tree("libwpd-0.10.3"))
    assert [(lib.target, lib.output_name) for lib in project.libraries] == [("libwpd", "wpd-*")]
    assert not project.header_only


def test_meson_library_named_after_the_project():
    # gsound 1.0.3: gsound_lib = library(meson.project_name(), ..., install: true)
    project = read_project(tree("gsound-1.0.3"))
    assert [lib.target for lib in project.libraries] == ["gsound"]
    assert not project.header_only
