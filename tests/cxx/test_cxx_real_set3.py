"""Regression tests of the third round of issue 11 (set 3 of benchmarks/cxx_reference.json), on
verbatim files of real source tarballs in fixtures/cxx/real (see its README): home pages from
more of the sources, licence grants in prose, programs of hand-written Makefiles and install
rules, configure loops and link variables, build-system recommendations."""

from __future__ import annotations

import pytest
from recipegen.generators.cxx.about import homepage_from_sources
from recipegen.generators.cxx.autoconf import read_configure
from recipegen.generators.cxx.autotools import gnu_homepage, read_autotools
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.detect import demoted, recommended
from recipegen.generators.cxx.hostdeps import host_requirements
from recipegen.generators.cxx.license_files import find_license
from recipegen.generators.cxx.makefile_install import installed_libraries, installed_programs
from recipegen.generators.cxx.meson import read_meson
from recipegen.generators.cxx.model import Project

from recipegen.licenses import identify_license_text

from .conftest import text, tree


def host_packages(project: Project) -> list[str]:
    """The host requirements' specs (their comments and notes left out)."""
    return [requirement.spec for requirement in host_requirements(project)[0]]


# --- home pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("folder", "name", "url", "where"),
    [
        ("bzip2-1.0.8", "bzip2", "https://sourceware.org/bzip2", "README (labelled)"),  # bzip2's "home" is ...
        ("giflib-5.2.1", "giflib", "http://sourceforge.net/projects/giflib", "README (labelled)"),  # hosted at:
        ("libunistring-1.0", "libunistring", "https://www.gnu.org/software/libunistring", "README (labelled)"),
        ("libmad-0.15.1b", "libmad", "http://www.underbit.com/products/mad", "README (page named after the project)"),
        ("libmodplug-0.8.9.0", "libmodplug", "http://modplug-xmms.sf.net", "README (labelled)"),
        # a project-named path, not the CI badges' travis-ci.org/libtom/libtommath
        (
            "libtommath-1.2.0",
            "libtommath",
            "http://www.libtom.net/LibTomMath",
            "README.md (page named after the project)",
        ),
        ("harfbuzz-6.0.0", "harfbuzz", "https://github.com/harfbuzz/harfbuzz", "harfbuzz.doap"),  # DOAP <homepage>
    ],
)
def test_homepage_from_the_sources(folder: str, name: str, url: str, where: str):
    assert homepage_from_sources(tree(folder).texts, name) == (url, where)


def test_gnu_packages_have_autoconfs_default_home_page():
    project = read_autotools(
        tree("glpk-5.0").texts, tree("glpk-5.0").paths
    )  # AC_INIT([GLPK], [5.0], [bug-glpk@gnu.org])
    assert project.homepage == "https://www.gnu.org/software/glpk/"
    assert gnu_homepage("GNU Libidn", "", "libidn") == "https://www.gnu.org/software/libidn/"
    assert gnu_homepage("libfoo", "foo@example.org", "libfoo") == ""


# --- licence grants in prose --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expression"),
    [
        # "licensed under the terms of either the GNU GPL version 2.0 or later ... or the GNU LGPL
        # version 3.0 or later"; COPYING's own all-permissive notice is not the package's licence
        ("libidn-1.41", "GPL-2.0-or-later OR LGPL-3.0-or-later"),
        ("nettle-3.8.1", "LGPL-3.0-or-later OR GPL-2.0-or-later"),  # the headers' "either: ... or both in parallel"
        ("libidn2-2.3.3", "LGPL-3.0-or-later OR GPL-2.0-or-later"),  # "dual-licensed under LGPLv3+|GPLv2+, while ..."
        ("libunistring-1.0", "LGPL-3.0-or-later OR GPL-2.0-or-later"),  # 'dual-licensed under "the GNU LGPLv3+ or ..."'
        ("libev-4.33", "BSD-2-Clause OR GPL-2.0-or-later"),  # BSD text, then "Alternatively, ... the GPL"
        (
            "taglib-1.13",
            "LGPL-2.1-only OR MPL-1.1",
        ),  # headers: LGPL 2.1, "Alternatively, ... Mozilla Public License 1.1"
        ("userspace-rcu-0.13.2", "LGPL-2.1-or-later"),  # "The library part is distributed under LGPLv2.1 or later"
        ("rapidjson-1.1.0", "MIT"),  # "RapidJSON source code is licensed under the MIT License, except ..."
        ("libmodplug-0.8.9.0", "LicenseRef-Public-Domain"),  # "... are now in the public domain."
        ("LibRaw-0.20.2", "LGPL-2.1-only OR CDDL-1.0"),  # "one of two licenses as you choose: 1. ... 2. ..."
        ("libzmq-4.3.4", "LGPL-3.0-or-later"),  # its linking exception is not Classpath's ("you must extend")
    ],
)
def test_licence_grants(name: str, expression: str):
    found = find_license(tree(name).texts)
    assert (found.expression, found.error) == (expression, "")


def test_a_licence_titles_version_decides_between_its_versions():
    # LibRaw's CDDL 1.0 text carries Sun's notice that SPDX's CDDL-1.1 text has, not 1.0's.
    match = identify_license_text(text("LibRaw-0.20.2", "LICENSE.CDDL"))
    assert match is not None and match.spdx_id == "CDDL-1.0"


# --- what is built and installed ----------------------------------------------------------------


def test_programs_and_libraries_hand_written_makefiles_install():
    # by the names they are installed under (`cp -f bzip2 $(PREFIX)/bin/bunzip2`)
    assert installed_programs(text("bzip2-1.0.8", "Makefile")) == [
        "bzip2",
        "bunzip2",
        "bzcat",
        "bzip2recover",
        "bzgrep",
        "bzmore",
        "bzdiff",
    ]
    giflib = text("giflib-5.2.1", "Makefile")  # `$(INSTALL) $^ "$(DESTDIR)$(BINDIR)"` over $(INSTALLABLE)
    assert installed_programs(giflib) == ["gif2rgb", "gifbuild", "giffix", "giftext", "giftool", "gifclrmp"]
    assert installed_libraries(giflib) == ["gif"]  # not the helper libutil.so it builds
    assert installed_programs(text("xxHash-0.8.1", "Makefile")) == ["xxhsum"]
    assert installed_libraries(text("hiredis-0.14.1", "Makefile")) == [
        "hiredis"
    ]  # $(DYLIBNAME) to $(INSTALL_LIBRARY_PATH)
    nettle = installed_programs(text("nettle-3.8.1", "tools/Makefile.in"))  # for f in $(TARGETS); do ...
    assert nettle == ["sexp-conv", "nettle-hash", "nettle-pbkdf2", "nettle-lfib-stream", "pkcs1-conv"]


def test_automake_include_fragments_and_example_folders_that_install():
    mpg123 = read_autotools(tree("mpg123-1.31.2").texts, tree("mpg123-1.31.2").paths)  # include src/Makemodule.am
    assert [lib.target for lib in mpg123.libraries] == ["libmpg123"] and not mpg123.header_only
    glpk = read_autotools(tree("glpk-5.0").texts, tree("glpk-5.0").paths)  # SUBDIRS = src examples
    assert glpk.executables == ["glpsol"]


def test_a_program_configure_names_when_a_library_is_found():
    twolame = read_autotools(tree("twolame-0.4.0").texts, tree("twolame-0.4.0").paths)  # bin_PROGRAMS = @TWOLAME_BIN@
    assert twolame.executables == ["twolame"]
    assert host_packages(twolame) == ["libsndfile"]


# --- configure's libraries ----------------------------------------------------------------------


def test_libraries_only_examples_and_tests_link_are_test_only():
    project = read_autotools(tree("libsamplerate-0.2.2").texts, tree("libsamplerate-0.2.2").paths)
    assert host_packages(project) == []  # sndfile, fftw3 and alsa (through AUDIO_LIBS) for noinst programs


def test_a_library_whose_link_flags_go_nowhere_is_not_linked():
    project = read_autotools(tree("libexif-0.6.24").texts, tree("libexif-0.6.24").paths)
    assert host_packages(project) == []  # AM_ICONV, but libexif_la_LIBADD has only $(LTLIBINTL)


def test_configure_loops_libs_assignments_and_link_variables():
    gdbm = read_configure(text("gdbm-1.23", "configure.ac"), {})  # for lib in ncurses curses termcap ... break
    assert {f.name for f in gdbm.found if f.live} >= {"ncurses", "readline"} and "curses" not in {
        f.name for f in gdbm.found
    }
    mpc = read_configure(text("mpc-1.3.1", "configure.ac"), {})  # LIBS="-lmpfr $LIBS"
    assert "mpfr" in {f.name for f in mpc.found if f.live}
    libidn2 = read_autotools(
        tree("libidn2-2.3.3").texts, tree("libidn2-2.3.3").paths
    )  # $(LTLIBICONV) $(LTLIBUNISTRING)
    assert host_packages(libidn2) == ["libiconv", "libunistring"]


def test_one_of_alternative_idna_libraries():
    project = read_meson(tree("libpsl-0.21.2").texts, tree("libpsl-0.21.2").paths)  # libidn2, else ICU, else libidn
    assert host_packages(project) == ["libidn2", "libunistring", "libiconv"]


def test_names_of_x11_wayland_and_codec_libraries():
    assert map_dependency("xcb-xkb").conda == "libxcb"
    assert map_dependency("wayland-client").conda == "wayland"
    assert map_dependency("wayland-scanner").build
    assert map_dependency("SvtEnc").conda == "svt-av1"


# --- which build system -------------------------------------------------------------------------


def test_build_system_upstream_recommends_or_keeps_for_windows():
    assert recommended(tree("harfbuzz-6.0.0"), ["cmake", "meson", "autotools"]) == "meson"  # "then use meson to build"
    said = demoted(tree("libmaxminddb-1.7.1"), "cmake")  # "We provide a CMake build script. This is primarily ..."
    assert "primarily targeted at Windows" in said
