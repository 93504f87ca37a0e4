"""Regression tests of sets 20 and 21 (blind Debian archives; benchmarks/cxx_reference.json), on
verbatim files of the archives in fixtures/cxx/real (see its README)."""

from __future__ import annotations

from recipegen.generators.cxx.about import homepage_from_sources
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.detect import read_project
from recipegen.generators.cxx.hostdeps import host_requirements
from recipegen.generators.cxx.license_files import find_license
from recipegen.generators.cxx.model import Project

from .conftest import tree


def host(project: Project) -> tuple[list[str], list[str]]:
    packages, notes, _ = host_requirements(project, True)
    return [p.spec for p in packages], notes


def live(project: Project) -> set[str]:
    return {d.name for d in project.dependencies if not d.off_by_default}


def test_elif_branches_of_a_configure_if_chain():
    # libstrophe 0.14.0: `if test "x$enable_tls" != xno -a "x$with_gnutls" = xyes; then ... gnutls
    # elif ... schannel elif test "x$enable_tls" != xno; then PKG_CHECK_MODULES([openssl] ...)`
    project = read_project(tree("libstrophe-0.14.0"))
    off = {d.name: d.off_by_default for d in project.dependencies}
    assert off["openssl"] == "" and off["gnutls"] != ""
    packages, notes = host(project)
    # expat is looked for first; libxml2 only when expat is not found
    assert "expat" in packages and "libxml2-devel" not in packages and "openssl" in packages
    assert any("host has expat, the one it looks for first" in n for n in notes)


def test_a_project_macro_calling_findpkgconfigs_internal_macro():
    # lasi 1.1.3: cmake/modules/pkg-config.cmake's pkg_check_pkgconfig() calls
    # `_pkg_check_modules_internal(0 0 ${_prefix} "${_package}")` with "pangoft2;pango;freetype2"
    packages, _ = host(read_project(tree("lasi-1.1.3")))
    assert {"pango", "freetype"} <= set(packages)


def test_search_libs_names_through_variables():
    # nfft 3.5.3: m4/ax_lib_fftw3.m4's AC_SEARCH_LIBS([fftw${PREC_SUFFIX}_execute], [fftw3${PREC_SUFFIX} ...]),
    # PREC_SUFFIX empty for the default double precision
    packages, _ = host(read_project(tree("nfft-3.5.3")))
    assert "fftw" in packages


def test_as_var_set_and_blas_implementations():
    # arpack-ng 3.9.1: AC_ARG_ENABLE([eigen], ..., [AS_VAR_SET([enable_eigen], [no])]) keeps eigen off;
    # m4/ax_blas.m4 tries openblas, atlas, blas, mkl ..., scs (SGI's BLAS): one BLAS
    project = read_project(tree("arpack-ng-3.9.1"))
    assert "Eigen3" not in live(project) and "eigen3" not in live(project)
    packages, _ = host(project)
    assert packages == ["libblas"]


def test_bsd_text_sharing_a_clause_with_a_longer_variant():
    # arpack-ng 3.9.1's COPYING: the 3-clause BSD text with "disclaimer listed in this license", a
    # phrase of BSD-3-Clause-Open-MPI, whose further paragraphs it lacks
    assert find_license(tree("arpack-ng-3.9.1").texts).expression == "BSD-3-Clause"


def test_a_libtool_library_in_a_custom_install_folder():
    # keybinder-3.0 0.3.2's libkeybinder/Makefile.am: keybinderdir = $(libdir),
    # keybinder_LTLIBRARIES = libkeybinder-3.0.la
    project = read_project(tree("keybinder-3.0-0.3.2"))
    assert [lib.target for lib in project.libraries] == ["libkeybinder-3.0"]
    assert not project.header_only


def test_have_variables_no_check_sets():
    # drpm 0.5.2: `if(HAVE_LZLIB_DEVEL) list(APPEND DRPM_LINK_LIBRARIES lz)`; nothing sets HAVE_LZLIB_DEVEL
    packages, _ = host(read_project(tree("drpm-0.5.2")))
    assert "lzlib" not in packages
    assert {"zlib", "bzip2", "liblzma-devel", "openssl", "zstd"} <= set(packages)


def test_a_loop_over_a_variables_words():
    # libnfc 1.8.0's m4/libnfc_drivers.m4: `for driver in ${DRIVER_BUILD_LIST}` over the default drivers,
    # none of them PC/SC, so LIBNFC_CHECK_PCSC's `if test "x$pcsc_required" = "xyes"` does not run
    project = read_project(tree("libnfc-1.8.0"))
    assert "libpcsclite" not in {d.name for d in project.dependencies}
    assert "libusb" in live(project)


def test_a_main_headers_gnu_notice_and_pointer_without_licence_file_or_readme():
    # chealpix 3.30.0: no licence file, no README; chealpix.h's notice: "either version 2 of the License,
    # or (at your option) any later version ... For more information about HEALPix see http://..."
    texts = tree("chealpix-3.30.0").texts
    found = find_license(texts, name="chealpix")
    assert (found.expression, found.files) == ("GPL-2.0-or-later", ["chealpix.h"])
    assert any("add the licence's text to the recipe" in n for n in found.notes)
    assert homepage_from_sources(texts, "chealpix")[0] == "http://healpix.sourceforge.net"


def test_names_guessed_on_conda_forge_are_no_python_packages():
    # readstat 1.1.9: AC_CHECK_LIB([xlsxwriter], ...); conda-forge's `xlsxwriter` is the Python package
    assert map_dependency("xlsxwriter", link_name=True).conda == ""
    assert map_dependency("avahi-client").conda == "avahi"  # liblxi 1.22
    assert map_dependency("gomp").conda == ""  # vid.stab 1.1.0: OpenMP's runtime comes with the compiler
