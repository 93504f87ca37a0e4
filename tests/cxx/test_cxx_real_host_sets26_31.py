"""Host requirements the first runs of sets 26-31 missed (blind Debian archives;
benchmarks/cxx_reference.json), on verbatim files of the archives in fixtures/cxx/real."""

from __future__ import annotations

from recipegen.generators.cxx.detect import read_project
from recipegen.generators.cxx.hostdeps import host_requirements
from recipegen.generators.cxx.includes import unbundled_libraries

from .conftest import tree


def _host(name: str) -> dict[str, str]:
    return {r.spec: r.comment for r in host_requirements(read_project(tree(name)), True)[0]}


def test_the_other_libraries_of_a_library_check():
    # libsmf 1.3: `AC_CHECK_LIB([readline], [main], [...], [...], -lncurses)`: readline is linked with ncurses
    assert {"readline", "ncurses"} <= set(_host("libsmf-1.3"))


def test_ghostscripts_api_library():
    # libspectre 0.2.12: `AC_CHECK_LIB(gs, gsapi_new_instance, ...)`, else AC_MSG_ERROR: libgs is conda-forge's ghostscript
    assert "ghostscript" in _host("libspectre-0.2.12")


def test_a_config_program_asked_for_its_include_and_library_folders():
    # libzdb 3.1: `AC_PATH_PROG([PGCONFIG], [pg_config], ...)`, then `CPPFLAGS="-I`$PGCONFIG --includedir` ..."`
    # and `-lpq` under the default --with-postgresql
    assert "libpq" in _host("libzdb-3.1")


def test_find_library_names_before_the_names_keyword():
    # cppdb 0.3.1: `find_library(ODBC_LIB odbc NAMES odbc32)` finds libodbc (unixODBC) under the default
    # DISABLE_ODBC=OFF; CMake reads the names before NAMES as names too
    assert "unixodbc" in _host("cppdb-0.3.1")


def test_a_config_programs_link_flags_alone():
    # dee 1.2.7: `ICU_LIBS="$(icu-config --ldflags-libsonly)"` under the default --enable-icu=yes
    assert "icu" in _host("dee-1.2.7")


def test_packages_whose_headers_a_dependencys_headers_include():
    # libcanberra 0.30: PKG_CHECK_MODULES(VORBIS, [vorbisfile]): vorbis/codec.h includes ogg/ogg.h
    host = _host("libcanberra-0.30")
    assert list(host).index("libogg") > list(host).index("libvorbis")
    assert host["libogg"] == "libvorbis's headers include it"


def test_a_header_only_library_the_tarball_does_not_bundle():
    # rlottie_0.1+dfsg: Debian removed src/lottie/rapidjson/; lottieparser.cpp line 57 includes
    # "rapidjson/document.h", and its build files say nothing of RapidJSON
    source = tree("rlottie-0.1")
    assert _host("rlottie-0.1")["rapidjson"] == (
        "#include <rapidjson/document.h> in src/lottie/lottieparser.cpp:57, not in the source"
    )
    # with the bundled copy in the tree, or included only by a test, it is no dependency
    bundled = [*source.paths, "src/lottie/rapidjson/document.h"]
    assert unbundled_libraries(source.includes, bundled) == []
    assert unbundled_libraries({"rapidjson/document.h": ["test/testparser.cpp:3"]}, source.paths) == []
