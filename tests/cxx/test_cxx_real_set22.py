"""Regression tests of set 22 (blind Debian archives; benchmarks/cxx_reference.json), on verbatim
files of the archives in fixtures/cxx/real (see its README)."""

from __future__ import annotations

from recipegen.generators.cxx.about import homepage_from_sources
from recipegen.generators.cxx.detect import read_project
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.hostdeps import host_requirements
from recipegen.generators.cxx.license_files import Programs, find_license
from recipegen.generators.cxx.model import Dependency, Project

from .conftest import tree


def host(project: Project) -> list[str]:
    return [p.spec for p in host_requirements(project, True)[0]]


def test_or_later_granted_by_one_bundled_file_of_many():
    # log4c 1.2.4: COPYING is the LGPL 2.1 text, the headers say "see the COPYING file"; only
    # src/sd/malloc.c (a bundled allocator) grants "or (at your option) any later version"
    source = tree("log4c-1.2.4")
    assert "src/sd/malloc.c" in source.source_heads
    programs = Programs(installed=True, heads=source.source_heads, mains=frozenset(source.programs))
    assert find_license(source.texts, name="log4c", programs=programs).expression == "LGPL-2.1-only"


def test_an_rpm_specs_name_macro_in_its_url():
    # log4c 1.2.4's log4c.spec: "Name: log4c", "Url: http://%name.sourceforge.net/"
    url, where = homepage_from_sources(tree("log4c-1.2.4").texts, "log4c")
    assert (url, where) == ("http://log4c.sourceforge.net", "log4c.spec")


def test_a_readme_licence_section_offering_a_choice():
    # libfreenect 0.5.3: no licence file by a known name (APACHE20, GPL2); README.md's "# License":
    # "covered under a dual Apache v2/GPL v2 license ... the Apache License, version 2.0, or, at your
    # option, the terms of the GNU General Public License, version 2.0"
    assert find_license(tree("libfreenect-0.5.3").texts).expression == "Apache-2.0 OR GPL-2.0-only"


def test_a_config_script_called_by_name_in_configure():
    # libotf 0.9.16: FREETYPE_LD_FLAGS=`freetype-config --libs`; LIBS="$LIBS $FREETYPE_LD_FLAGS"
    assert "freetype" in host(read_project(tree("libotf-0.9.16")))


def test_a_library_linked_by_its_literal_flag_after_its_check():
    # libverto 0.3.1: AC_CHECK_LIB([ev], [ev_loop_new], [BUILD_LIBEV=$WITH_LIBEV], ...) and
    # src/Makefile.am's `libverto_libev_la_LDFLAGS = $(AM_LDFLAGS) -lev`
    assert {"libev", "libevent", "libglib"} <= set(host(read_project(tree("libverto-0.3.1"))))


def test_boost_headers_beside_compiled_boost_and_gettext_programs():
    # libgdf 0.1.3: find_package(Boost) and find_package(Boost COMPONENTS ...); libhangul 0.2.0:
    # find_package(Gettext) finds msgfmt, a program
    boost = Project(
        "cmake",
        dependencies=[
            Dependency("Boost", "find_package", optional=False),
            Dependency("Boost", "find_package", optional=False, components=("system",)),
        ],
    )
    assert host(boost) == ["libboost-devel"]
    assert map_dependency("Gettext").build
