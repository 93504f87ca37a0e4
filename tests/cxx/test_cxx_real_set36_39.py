"""Regression tests of sets 36-39 (blind Debian archives; benchmarks/cxx_reference.json): what
their first runs missed, on verbatim files of the archives in fixtures/cxx/real (see its README)."""

from __future__ import annotations

from recipegen.generators.cxx.autotools import configure_dependencies
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.detect import read_project
from recipegen.generators.cxx.hostdeps import host_requirements
from recipegen.generators.cxx.license_files import Programs, find_license
from recipegen.generators.cxx.versions import ARCHIVE, STRONG, Evidence, decide

from .conftest import tree


def _host(name: str) -> list[str]:
    return [r.spec for r in host_requirements(read_project(tree(name)), True)[0]]


def test_cmakes_own_find_module_included_by_its_path():
    # libclaw 1.7.4: `include( ${CMAKE_ROOT}/Modules/FindJPEG.cmake )` and FindPNG.cmake, with CLAW_NO_JPEG OFF
    assert {"libjpeg-turbo", "libpng"} <= set(_host("libclaw-1.7.4"))


def test_libs_extended_by_a_variable_of_link_flags():
    # eb 4.4.3: ZLIBLIBS='-lz' (no --with-zlib-libraries), then LIBS="$LIBS $ZLIBLIBS"
    assert "zlib" in _host("eb-4.4.3")


def test_link_and_module_names_conda_forge_ships_under_its_own():
    # libradsec's AC_CHECK_LIB(event_core) and (event_openssl), libvdpau-va-gl's libva-x11.pc,
    # libu2f-host's hidapi.pc, healpix-cxx's libsharp.pc
    names = ("event_core", "event_openssl", "libva-x11", "hidapi", "libsharp")
    assert [map_dependency(n).conda for n in names] == ["libevent", "libevent", "libva", "hidapi", "libsharp"]
    assert map_dependency("event_openssl").includes == ("openssl",)  # event2/bufferevent_ssl.h includes openssl/ssl.h


def test_a_build_files_version_with_leading_zeros():
    # hepmc3 3.1.2: project(HepMC3 VERSION 3.01.02) and Version.h's HEPMC3_VERSION "3.01.02"
    evidence = [
        Evidence("3.01.02", "CMake variable PROJECT_VERSION", STRONG),
        Evidence("3.01.02", "include/HepMC3/Version.h HEPMC3_VERSION", STRONG),
        Evidence("3.1.2", "archive name", ARCHIVE),
    ]
    assert decide(evidence) == (
        "3.1.2",
        "CMake variable PROJECT_VERSION, include/HepMC3/Version.h HEPMC3_VERSION, archive name",
        [],
    )


def test_an_archive_version_conda_cannot_hold():
    # pocketsphinx_0.8+5prealpha+1: Debian's spelling of upstream's 5prealpha (configure.ac's AC_INIT)
    evidence = [Evidence("0.8+5prealpha+1", "archive name", ARCHIVE), Evidence("5prealpha", "AC_INIT", STRONG)]
    version, _, notes = decide(evidence)
    assert version == "5prealpha"
    assert notes == ["the archive name's 0.8+5prealpha+1 is no conda version: the build files' is used"]


def test_no_licence_file_and_the_grant_of_every_library_source():
    # libfakekey 0.3 (a git snapshot): no COPYING; fakekey/fakekey.h has no notice, src/libfakekey.c
    # grants the Lesser GPL "version 2 of the License, or (at your option) any later version"
    source = tree("libfakekey-0.3")
    programs = Programs(installed=False, heads=source.source_heads, mains=frozenset(source.programs))
    found = find_license(source.texts, name="libfakekey", programs=programs)
    assert (found.expression, found.files) == ("LGPL-2.1-or-later", ["src/libfakekey.c"])


def test_a_loop_over_backends_no_option_names():
    # opendbx 1.4.6: `for backend in $backends` with backends set only by --with-backends=...; and
    # `AC_CHECK_LIB([readline -lncurses], [readline], ...)`, a library argument carrying another library
    found, _, _ = configure_dependencies(tree("opendbx-1.4.6").texts, "configure.ac")
    live = {d.name for d in found if not d.off_by_default}
    assert {"readline", "ncurses"} <= live
    assert not live & {"fbclient", "mysqlclient", "pq", "sqlite3", "odbc"}
    assert {d.off_by_default for d in found if d.name == "mysqlclient"} == {"--with-backends"}


def test_find_library_of_udev():
    # dashel 1.3.3 (set 39): `find_library(UDEV_LIBS udev)`, used when found
    assert _host("dashel-1.3.3") == ["libudev"]


def test_a_compiled_librarys_required_header():
    # libshairport 1.2.1 (set 38): `AC_CHECK_HEADER([ao/ao.h],, AC_MSG_ERROR($missing_library))`
    assert "libao" in _host("libshairport-1.2.1")


def test_no_licence_file_and_the_licence_text_in_the_sources_notices():
    # libretls 3.8.1 (set 38): no licence file; tls.c, tls_client.c, tls_config.c and include/tls.h each
    # hold the ISC text in their opening comment (compat/strsep.c, a BSD-3-Clause shim, is outnumbered)
    source = tree("libretls-3.8.1")
    programs = Programs(installed=False, heads=source.source_heads, mains=frozenset(source.programs))
    found = find_license(source.texts, name="libretls", programs=programs)
    assert (found.expression, found.files) == ("ISC", ["tls.c"])
