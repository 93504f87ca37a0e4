"""Regression tests of set 18 (blind Debian archives; benchmarks/cxx_reference.json), on verbatim
files of the archives in fixtures/cxx/real (see its README)."""

from __future__ import annotations

from recipegen.generators.cxx.detect import read_project
from recipegen.generators.cxx.hostdeps import host_requirements

from .conftest import tree


def test_pkg_prog_pkg_config_sets_pkg_config():
    # audiofile 0.3.6: PKG_PROG_PKG_CONFIG, then `if test -n "$PKG_CONFIG"; then if test "$enable_flac" = "yes";
    # then PKG_CHECK_MODULES([FLAC], [flac >= 1.2.1], ...)`; libaudiofile/Makefile.am links $(FLAC_LIBS)
    packages = [r.spec for r in host_requirements(read_project(tree("audiofile-0.3.6")))[0]]
    assert "libflac" in packages


def test_install_list_of_a_hand_written_makefile_in_filled_by_configure():
    # kyotocabinet 1.2.79: Makefile.in's `COMMANDFILES = @MYCOMMANDFILES@` copied into $(BINDIR) by `install`;
    # configure.in sets MYCOMMANDFILES="kcutiltest kcutilmgr ..."
    assert {"kcutilmgr", "kchashmgr"} <= set(read_project(tree("kyotocabinet-1.2.79")).executables)
