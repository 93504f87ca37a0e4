"""Guards against what the rules added for sets 26-39 must not catch, found by full runs over
every archive (benchmarks/cxx_reference.json), on verbatim files in fixtures/cxx/real."""

from __future__ import annotations

from recipegen.generators.cxx.about import readme_summary
from recipegen.generators.cxx.autotools import configure_dependencies
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.includes import unbundled_libraries
from recipegen.generators.cxx.license_files import find_license

from .conftest import text, tree


def test_an_include_a_default_off_ifdef_guards():
    # libspng 0.7.3's spng/spng.c: `#ifdef SPNG_USE_MINIZ #include <miniz.h> #else #include <zlib.h>`
    includes = tree("libspng-0.7.3").includes
    assert "zlib.h" in includes and "miniz.h" not in includes
    assert unbundled_libraries(includes, ["spng/spng.c"]) == []


def test_an_include_in_a_programs_folder():
    # dav1d 1.0.0's tools/output/xxhash.c includes xxhash.h, which meson looks for before building that output
    assert unbundled_libraries({"xxhash.h": ["tools/output/xxhash.c:36"]}, ["tools/output/xxhash.c"]) == []


def test_some_files_triple_licensed_are_not_the_librarys_choice():
    # libarchive 3.6.2's COPYING: "The following source files are triple-licensed with the ability to
    # choose from CC0 1.0 Universal, OpenSSL or Apache 2.0 licenses: libarchive/archive_blake2.h ..."
    assert find_license(tree("libarchive-3.6.2").texts, name="libarchive").expression == "BSD-2-Clause"


def test_a_hand_written_makefiles_test_rule():
    # libsrtp 2.5.0's Makefile.in: `PCAP_LIB = @PCAP_LIB@` and only test/rtp_decoder's rule links $(PCAP_LIB)
    found, _, _ = configure_dependencies(tree("libsrtp-2.5.0").texts, "configure.ac")
    assert [(d.name, d.test_only) for d in found if d.name == "pcap"] == [("pcap", True)]


def test_the_fortran_run_time_is_the_compilers():
    # fflas-ffpack 2.5.0's BLAS_LIBS: `-lopenblas -lgfortran -lquadmath`
    assert [map_dependency(n, link_name=True).conda for n in ("gfortran", "quadmath")] == ["", ""]


def test_a_top_level_rule_of_a_makefile_that_installs_nothing():
    # libpsl 0.21.2: LIBS="$LIBIDN2_LIBS $LIBS" and CFLAGS; only fuzz/Makefile.am's LDADD and the top
    # Makefile.am's fuzz-coverage rule use them (the library links libidn2 by AC_SEARCH_LIBS)
    found, _, _ = configure_dependencies(tree("libpsl-0.21.2").texts, "configure.ac")
    assert [d.test_only for d in found if d.name == "libidn2"] == [True]


def test_an_include_a_found_feature_guards():
    # libecpint 1.0.7's src/lib/ecp.cpp: `#ifdef HAS_PUGIXML #include "pugixml.hpp"` (its CMake defines
    # HAS_PUGIXML when it finds pugixml; Debian's tarball does not bundle it)
    includes = tree("libecpint-1.0.7").includes
    assert [d.name for d in unbundled_libraries(includes, ["src/lib/ecp.cpp"])] == ["pugixml"]


def test_readme_sections_on_building_and_notes_hold_no_summary():
    # libcvd's README.md (Debian's libcvd_0.0~git20221020150751.30e8cfc, tried as a new user, in no set):
    # "Note, the master branch is now ...", then "## Compiling and installing", "## System compatibility"
    # (and its "### Ubuntu 16.04 / gcc 5"), "## Documentation": no sentence says what libCVD is
    assert readme_summary(text("libcvd-0.0", "README.md"), "cvd") == ""
    # box2d 2.4.1: `# Build Status` holds badges only; `# Box2D` then describes it
    assert readme_summary(text("box2d-2.4.1", "README.md"), "box2d") == "Box2D is a 2D physics engine for games"
