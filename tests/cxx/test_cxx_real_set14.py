"""Regression tests of the fourteenth round of issue 11 (set 14 of benchmarks/cxx_reference.json,
facts written blind by a helper who never ran recipegen, run first on the code with every earlier
fix), on verbatim files of real source tarballs in fixtures/cxx/real (see its README)."""

from __future__ import annotations

from recipegen.generators.cxx.detect import read_project
from recipegen.generators.cxx.hostdeps import host_requirements
from recipegen.generators.cxx.license_files import find_license

from .conftest import tree


def _host(folder: str) -> list[str]:
    return [req.spec for req in host_requirements(read_project(tree(folder)))[0]]


def test_an_overview_pointing_at_the_parts_licence_files():
    # libdwarf 0.11.1's COPYING: "The source code in the libdwarf directory is LGPL version 2.1.
    # See libdwarf/LIBDWARFCOPYRIGHT libdwarf/LGPL.txt ..."; before, refused as unidentified text
    found = find_license(tree("libdwarf-code-0.11.1").texts)
    assert found.error == ""
    assert found.expression.split(" AND ")[:2] == ["LGPL-2.1-only", "GPL-2.0-only"]
    assert found.files[:3] == ["COPYING", "src/lib/libdwarf/LGPL.txt", "src/bin/dwarfdump/GPL.txt"]


def test_a_forge_homepage_url_ending_in_dot_git():
    # libdwarf's project(... HOMEPAGE_URL "https://github.com/davea42/libdwarf-code.git")
    from recipegen.generators.cxx.recipe import _homepage

    source = tree("libdwarf-code-0.11.1")
    found, _ = _homepage(source, read_project(source))
    assert found["homepage"] == "https://github.com/davea42/libdwarf-code"


def test_a_readme_licence_section_when_there_is_no_licence_file():
    # libharu 2.3.0 (+dfsg) has no licence file; its README's `* License` section holds the zlib
    # text; before, refused: "does not say about.license"
    source = tree("libharu-2.3.0")
    found = find_license(source.texts)
    assert (found.expression, found.files) == ("Zlib", ["README"])
    assert "Acknowledgment" in source.texts["README"]  # the tree's text is left whole (summary, home page)


def test_spdx_tags_of_the_headers_grant_or_later_for_the_licence_file_text():
    # libgpiod 1.6.3: COPYING is the LGPL 2.1 text, every header says
    # `SPDX-License-Identifier: LGPL-2.1-or-later`; before, LGPL-2.1-only
    assert find_license(tree("libgpiod-1.6.3").texts).expression == "LGPL-2.1-or-later"


def test_a_folder_only_a_false_automake_conditional_builds():
    # libgpiod's `if WITH_TOOLS  SUBDIRS += tools man` with --enable-tools off by default: its
    # bin_PROGRAMS are not installed (before, a tools output)
    project = read_project(tree("libgpiod-1.6.3"))
    assert project.executables == [] and [lib.target for lib in project.libraries] == ["libgpiod"]


def test_meson_conditions_through_variables_and_switches_the_script_turns_off():
    # libmbim 1.28.2: `enable_gir = get_option('introspection')` (turned off by the script),
    # `enable_bash_completion = get_option('bash_completion')` (turned off: shell data), and udev
    # only under `enable_mbim_username = (mbim_username != '')` with an empty default
    assert _host("libmbim-1.28.2") == ["libglib"]


def test_a_meson_fallback_for_a_dependency_host_provides():
    # libxml++ 2.42.3 builds libxml2 as a CMake subproject under `if not xml2_dep.found()`, asking
    # for iconv, ICU, lzma and zlib there; the recipe's host has libxml2
    assert _host("libxml++-2.42.3") == ["libxml2-devel", "glibmm-2.4"]


def test_a_malloc_replacement_linked_when_found_is_a_note():
    # leveldb 1.23's check_library_exists(tcmalloc ...) then `target_link_libraries(leveldb tcmalloc)`
    # under `if(HAVE_TCMALLOC)`; sentencepiece's find_library(tcmalloc_minimal): gperftools is left
    # to the maintainer (conda-forge's leveldb recipe does not link it)
    from recipegen.generators.cxx.model import CMAKE, Dependency, Project

    project = Project(build_system=CMAKE, name="leveldb")
    project.dependencies = [
        Dependency("snappy", "check_library_exists", optional=True),
        Dependency("tcmalloc", "check_library_exists", optional=True),
        Dependency("tcmalloc", "target_link_libraries", optional=False),
    ]
    host, notes, _ = host_requirements(project)
    assert [req.spec for req in host] == ["snappy"]
    assert any("add gperftools to use it" in note for note in notes)


def test_the_word_project_is_no_part_of_the_package_name():
    # muparser 2.3.4's `project(muParserProject)` with `add_library(muparser ...)`: found trying
    # the command on a Debian archive outside every set; before, libmuparserproject
    project = read_project(tree("muparser-2.3.4"))
    assert project.name == "muParser"
    assert "package name muParser: project() says muParserProject" in project.notes


def test_a_hand_written_configure_writing_makefile_variables():
    # libspnav 1.2: no configure.ac; its shell configure writes `xlib = -lX11` into the Makefile
    # in front of Makefile.in's `LDFLAGS = ... $(xlib) -lm`; found trying the command on a Debian
    # archive outside every set; before, no host dependency
    assert _host("libspnav-1.2") == ["xorg-libx11"]
