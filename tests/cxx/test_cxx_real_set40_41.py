"""Regression tests of sets 40-41 (blind Debian archives; benchmarks/cxx_reference.json): what
their first runs missed, on verbatim files of the archives in fixtures/cxx/real (see its README)."""

from __future__ import annotations

from recipegen.generators.cxx.about import homepage_from_sources
from recipegen.generators.cxx.detect import read_project, recommended
from recipegen.generators.cxx.hostdeps import host_requirements
from recipegen.generators.cxx.license_files import find_license
from recipegen.generators.cxx.model import AUTOTOOLS, CMAKE
from recipegen.generators.cxx.versions import ARCHIVE, STRONG, Evidence, decide

from .conftest import tree


def _host(name: str) -> list[str]:
    return [r.spec for r in host_requirements(read_project(tree(name)), True)[0]]


def test_a_cmake_build_that_installs_nothing_gives_way():
    # libudis86: its CMakeLists.txt builds a STATIC library with no install() rule; autotools installs
    project = read_project(tree("libudis86-1.7.2"))
    assert project.build_system == AUTOTOOLS
    assert [lib.output_name for lib in project.compiled_libraries] == ["udis86"]
    assert "not cmake: its CMakeLists.txt installs nothing" in project.notes[0]


def test_an_alternative_is_no_recommendation():
    # libudis86's README.md: "You need autotools ... Alternatively you can use cmake to build the library."
    assert recommended(tree("libudis86-1.7.2"), [CMAKE, AUTOTOOLS]) == ""


def test_a_makefile_includes_its_platform_fragment():
    # libntru: the Makefile includes Makefile.linux (else .osx, .win, .bsd ...), which installs libntru.so
    # into $(DESTDIR)$(INST_LIBDIR)
    project = read_project(tree("libntru-0.5"))
    assert [lib.output_name for lib in project.libraries] == ["ntru"]
    assert project.version == "0.5"
    assert not any("no `install` target" in note for note in project.notes)


def test_a_makefile_fragment_holds_the_link_flags():
    # libcleri: Release/makefile `-include objects.mk`, which says `LIBS := -lpcre2-8`
    assert _host("libcleri-1.0.2") == ["pcre2"]


def test_a_libtool_copy_into_an_install_folder_variable():
    # cqrlib: `$(INSTALL_COMMAND) $(LIB)/libCQRlib.$(LIB_EXT) $(INSTALLDIR)/lib/...`, INSTALL_COMMAND
    # being `$(LIBTOOL) --mode=install cp`
    project = read_project(tree("cqrlib-1.1.4"))
    assert [lib.output_name for lib in project.libraries] == ["CQRlib"]


def test_the_artistic_license_without_a_version_and_a_software_map_entry():
    # shhopt's README: "This program is released under the Artistic License: http://www.opensource.org/
    # licenses/artistic-license.html" (2002); shhopt-1.1.7.lsm: `Primary-site: http://shh.thathost.com/pub-unix/`
    texts = tree("shhopt-1.1.7").texts
    assert find_license(texts).expression == "Artistic-1.0"
    assert homepage_from_sources(texts, "shhopt") == ("http://shh.thathost.com/pub-unix", "shhopt-1.1.7.lsm")


def test_a_licence_label_naming_a_gnu_licence_and_a_library_linked_by_name():
    # cassiopee's LICENSE: "License: GNU GPL-3+"; src/CMakeLists.txt `target_link_libraries(cassie glog ...)`
    assert find_license(tree("cassiopee-1.0.9").texts).expression == "GPL-3.0-or-later"
    assert _host("cassiopee-1.0.9") == ["libboost-devel", "glog"]


def test_a_continued_shell_line_and_an_assignment_in_an_and_list():
    # cconv: `(test -f $i/lib/libiconv.so ||\` / `test -f $i/lib/libiconv.a) && ICONV_DIR=$i && break`,
    # then ICONV_LIBS="-L$ICONV_DIR/lib -liconv" unless ICONV_DIR is empty; cconv_LDFLAGS = @ICONV_LIBS@
    assert _host("cconv-0.6.2") == ["libiconv"]


def test_install_rules_a_makefile_hands_over_from_its_prerequisites():
    # fosfat: `install: install-libs ... install-tools`, `install-libs:` runs `$(MAKE) -C libfosfat install`;
    # libfosfat/Makefile installs in `;`-separated commands under `if ...; then`; the DLL of its
    # MinGW branch goes to bin/ but is no program
    project = read_project(tree("fosfat-1.0.1"))
    assert {lib.output_name for lib in project.libraries} >= {"fosfat", "fosgra"}
    assert project.executables == ["fosmount", "fosread", "smascii", "fosrec", "fosdd"]
    assert "libfuse3" in _host("fosfat-1.0.1")
    # libfiu: `install: all_install`, `all_install: ... utils_install`, `utils_install:` runs `$(MAKE) -C utils install`
    assert read_project(tree("libfiu-1.2")).executables == ["fiu-ctrl", "fiu-ls"]


def test_a_snapshot_version_after_a_dot():
    # minidjvu_0.8.svn.2010.05.06+dfsg: AC_INIT([minidjvu],[0.8])
    evidence = [Evidence("0.8.svn.2010.05.06", "archive name", ARCHIVE), Evidence("0.8", "AC_INIT", STRONG)]
    assert decide(evidence)[0] == "0.8"


def test_the_library_set_apart_from_the_programs_in_the_next_sentence():
    # libirman's README: "The files which make up the library are covered under the GNU Library General
    # Public License, which is in the file COPYING.lib. The files which make up the test programs and
    # the documentation are covered under the GNU General Public License, which is in the file COPYING."
    assert find_license(tree("libirman-0.5.2").texts).expression == "LGPL-2.0-only"
