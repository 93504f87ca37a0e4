"""Regression tests of set 18 (blind Debian archives; benchmarks/cxx_reference.json), on verbatim
files of the archives in fixtures/cxx/real (see its README)."""

from __future__ import annotations

from recipegen.generators.cxx.depmap import map_dependency
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


def test_a_link_name_guesses_lib_name_first():
    # sox 14.4.2 (an archive outside every set): AC_CHECK_LIB(mad, ...), AC_CHECK_LIB(magic, ...): the conda-forge
    # names `mad` and `magic` are Python packages; -lmad is libmad, -lmagic libmagic
    assert map_dependency("mad", link_name=True).conda == "libmad"
    assert map_dependency("magic", link_name=True).conda == "libmagic"
    assert map_dependency("pulse", link_name=True).conda == "pulseaudio-client"


def test_a_program_only_a_windows_build_installs_is_no_tools_output():
    # mmlib 1.4.2's src/meson.build: `if host_machine.system() == 'windows'` ... executable('lock-referee', ...,
    # install : true, install_dir : get_option('libexecdir'))
    assert read_project(tree("mmlib-1.4.2")).executables == []
