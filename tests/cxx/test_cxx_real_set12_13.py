"""Regression tests of the twelfth and thirteenth rounds of issue 11 (sets 12 and 13 of
benchmarks/cxx_reference.json, facts written blind by helpers who never ran recipegen, run first
on the code with every earlier fix), on verbatim files of real source tarballs in
fixtures/cxx/real (see its README)."""

from __future__ import annotations

import pytest
from recipegen.generators.cxx.autotools import configure_dependencies
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.detect import build_systems, read_project
from recipegen.generators.cxx.hostdeps import host_requirements
from recipegen.generators.cxx.license_files import find_license
from recipegen.generators.cxx.versions import clean_version

from .conftest import text, tree


def test_the_host_folder_beside_a_firmware_folder_and_the_projects_own_library():
    # hackrf 2024.02.1: CMake builds in host/ (libhackrf and its tools) and firmware/ (the device's
    # ARM firmware); before, refused: "no CMakeLists.txt ... at the top level". The tools'
    # find_package(LIBHACKRF) is the project's own library, and FindUSB1 finds libusb-1.0
    source = tree("hackrf-2024.02.1")
    assert build_systems(source) == [("cmake", "host")]
    host = [req.spec for req in host_requirements(read_project(source))[0]]
    assert host == ["libusb", "fftw"]


def test_licence_files_in_a_readme_folder():
    # tidy-html5 5.8.0 keeps README/LICENSE.md and nothing at the top; before, refused
    found = find_license(tree("tidy-html5-5.8.0").texts)
    assert found.expression == "HTMLTIDY" and found.files == ["README/LICENSE.md"]


@pytest.mark.parametrize(
    ("debian", "upstream"),
    [
        ("0.5+revert-to-0.4.6+dfsg1", "0.4.6"),  # voro++: before, 0.5+revert-to.0.4.6
        ("2.1.0+really2.1.0+dfsg", "2.1.0"),  # ceres-solver
        ("1.0+really0.9", "0.9"),  # Debian's downgrade spelling: the upstream version follows
    ],
)
def test_debian_downgrade_versions_carry_the_upstream_version(debian, upstream):
    assert clean_version(debian) == upstream


def test_a_literal_link_flag_configure_substitutes_and_boost_base():
    # eclib: `NTL_LIBS="-lntl"` (after only a header check) used by libsrc/Makefile.am's LIBS, and
    # AX_BOOST_BASE(1.35.0, ...): before, neither ntl nor Boost was in host
    source = tree("eclib-20250122")
    deps, _, _ = configure_dependencies(source.texts, "configure.ac")
    assert {("Boost", "AX_BOOST_BASE"), ("ntl", "NTL_LIBS")} <= {(d.name, d.via) for d in deps}


def test_coin_or_packages():
    # Clp 1.17.6's AC_COIN_CHECK_PACKAGE(CoinUtils, [coinutils], ...), (Osi, [osi], ...); its
    # unit-test and sample-data packages are tests only
    source = tree("clp-1.17.6")
    deps, _, _ = configure_dependencies(source.texts, "configure.ac")
    mapped = {d.name: map_dependency(d.name) for d in deps}
    assert mapped["coinutils"].conda == "coin-or-utils" and mapped["osi"].conda == "coin-or-osi"
    assert mapped["osi-unittests"].test_only and mapped["coindatasample"].test_only


def test_cuda_is_no_host_package():
    # ceres-solver 2.1's find_package(CUDA): conda-forge builds CUDA variants with compiler('cuda')
    assert map_dependency("CUDA").conda == "" and map_dependency("CUDA").known


def test_a_makefile_pkg_config_probe_chain_takes_the_first_library():
    # libtermkey 0.22: `override LDFLAGS+=$(call pkgconfig, --libs unibilium)` under
    # `ifeq ($(call pkgconfig, --atleast-version=0.1.0 unibilium && echo 1),1)`, then tinfo,
    # ncursesw, -lncurses as fallbacks; before, `override` assignments were not read (no host)
    source = tree("libtermkey-0.22")
    assert [req.spec for req in host_requirements(read_project(source))[0]] == ["unibilium"]


def test_the_subdirs_command_and_glu_through_opengl_libraries():
    # ftgl 2.4.0: `SUBDIRS(src)` (the library) was not followed; src links `${OPENGL_LIBRARIES}`,
    # which FindOpenGL fills with GLU too; `FIND_PACKAGE(CxxTest)` guards only the test folder
    host = [req.spec for req in host_requirements(read_project(tree("ftgl-2.4.0")))[0]]
    assert host == ["freetype", "libgl-devel", "libglu"]


def test_a_bundled_fallback_library_is_not_the_projects_own():
    # superlu 7.0.1 builds its internal `blas` only without find_package(BLAS); the rule that drops
    # a dependency named as the project's own library dropped libblas
    assert [req.spec for req in host_requirements(read_project(tree("superlu-7.0.1")))[0]] == ["libblas"]


def test_a_link_flag_beside_a_probed_library_is_its_companion():
    # unixODBC 2.3.11: `READLINE="-lreadline -lcurses"` when -lreadline alone does not link, used
    # by exe/Makefile.am; curses is readline's, not the project's (before: ncurses in host)
    from recipegen.generators.cxx.autotools import _substituted_link_flags

    makefiles = {"exe/Makefile.am": text("unixODBC-2.3.11", "exe/Makefile.am")}
    env = {"READLINE": frozenset({"", "-lreadline -lcurses"}), "NTL_LIBS": frozenset({"-lntl"})}
    assert _substituted_link_flags(env, makefiles, {"readline"}, "configure.ac") == []
    alternatives = {"READLINE": frozenset({"-ledit", "-ledit -ltermcap"})}
    assert [d.name for d in _substituted_link_flags(alternatives, makefiles, set(), "configure.ac")] == ["edit"]
