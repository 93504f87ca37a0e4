"""Regression tests of the eleventh round of issue 11 (set 11 of benchmarks/cxx_reference.json,
facts written blind by a helper who never ran recipegen, run first on the code with every
earlier fix), on verbatim files of real source tarballs in fixtures/cxx/real (see its README)."""

from __future__ import annotations

import pytest
from recipegen.generators.cxx.autotools import read_autotools
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.detect import build_systems
from recipegen.generators.cxx.license_files import find_license, identify
from recipegen.generators.cxx.meson import read_meson

from recipegen.licensing.expressions import replace_deprecated
from recipegen.licensing.filenames import is_license_file_name

from .conftest import text, tree

# --- licences -----------------------------------------------------------------------------------


def test_a_deprecated_spdx_id_a_meson_project_declares_is_replaced():
    # gcab 1.6's `project(..., license : 'LGPL-2.1+')`: written as is, rattler-build refused the recipe
    folder = tree("gcab-1.6")
    project = read_meson(folder.texts, folder.paths)
    assert project.license == "LGPL-2.1+"
    assert replace_deprecated(project.license) == "LGPL-2.1-or-later"
    # a bare GNU id takes the -only/-or-later the licence files state
    assert replace_deprecated("LGPL-2.1", lambda old, new: "LGPL-2.1-or-later") == "LGPL-2.1-or-later"
    assert replace_deprecated("GPL-2.0 OR MIT") == "GPL-2.0-only OR MIT"


def test_a_licence_file_named_copyright_and_the_projects_name():
    # cminpack's CopyrightMINPACK.txt: before, no licence file was found and the recipe was refused
    assert is_license_file_name("CopyrightMINPACK.txt")
    assert not is_license_file_name("LicenseManager.cpp") and not is_license_file_name("CopyingOptions.md")
    found = find_license(tree("cminpack-1.3.6").texts)
    assert found.expression == "Minpack" and found.files == ["CopyrightMINPACK.txt"]


def test_a_short_statement_granting_a_licence_by_name():
    # qd's COPYING: "you are agreeing to the modified BSD license that is in file BSD-LBNL-License.doc"
    # (the .doc is not shipped): before, refused as a text no SPDX licence matches
    assert identify(text("qd-2.3.23", "COPYING")) == ("BSD-3-Clause", [])


def test_the_licence_a_file_opens_with_before_a_shorter_notice_the_whole_file_matches():
    # cryptominisat's LICENSE.txt: prose, "MIT License" with its text, then "GPL v2" with the GNU
    # notice for the parts that are not needed to build; the whole file matched the GPL notice
    expression, _ = identify(text("cryptominisat-5.11.21", "LICENSE.txt"))
    assert expression == "MIT"


# --- readers ------------------------------------------------------------------------------------


def test_the_library_folder_beside_a_bindings_folder():
    # orocos-kdl: no build file at the top; orocos_kdl/ (the library) and python_orocos_kdl/
    # (its Python binding) each have a CMakeLists.txt: before, "no CMakeLists.txt ... at the top level"
    assert build_systems(tree("orocos-kdl-1.5.1")) == [("cmake", "orocos_kdl")]


def test_meson_library_named_by_a_concatenation_with_a_branch_only_suffix():
    # cairomm 1.18: cairomm_libname = meson.project_name() + msvc14x_toolset_ver + '-' + cairomm_api_version,
    # where msvc14x_toolset_ver = '' and only MSVC branches set '-vc14x': before, taken for header-only
    folder = tree("cairomm-1.18.0")
    project = read_meson(folder.texts, folder.paths)
    assert [lib.target for lib in project.libraries] == ["cairomm-1.16"]


@pytest.mark.parametrize(
    ("folder", "module"),
    [
        ("libxi-1.8.2", "xfixes"),  # PKG_CHECK_MODULES(XFIXES, ...) "CFLAGS only", $(XFIXES_CFLAGS) in src/Makefile.am
        ("libxshmfence-1.3", "xproto"),  # PKG_CHECK_MODULES(XPROTO, xproto); CFLAGS="$CFLAGS $XPROTO_CFLAGS"
    ],
)
def test_a_pkg_config_module_whose_compile_flags_the_build_uses(folder, module):
    source = tree(folder)
    project = read_autotools(source.texts, source.paths)
    # before: left out, because its _LIBS variable is used nowhere
    assert module in {dep.name for dep in project.dependencies if not dep.test_only}


@pytest.mark.parametrize(
    ("name", "conda"),
    [
        ("sigc++-3.0", "sigcpp-3.0"),  # cairomm 1.16's dependency('sigc++-3.0')
        ("sigc++-2.0", "libsigcpp"),
        ("PackageHandleStandardArgs", ""),  # orocos-kdl's FindEigen3.cmake: include(FindPackageHandleStandardArgs)
    ],
)
def test_set11_conda_forge_names(name, conda):
    mapped = map_dependency(name)
    assert mapped.conda == conda and mapped.known


def test_a_ros_package_manifest_names_the_home_page():
    # orocos-kdl's orocos_kdl/package.xml: `<url>http://wiki.ros.org/orocos_kdl</url>` (REP 149's default
    # type is the website); before, the recipe was written without a home page
    from recipegen.generators.cxx.about import homepage_from_sources

    folder = tree("orocos-kdl-1.5.1")
    url, where = homepage_from_sources(folder.texts, "orocos_kdl", "orocos_kdl")
    assert (url, where) == ("http://wiki.ros.org/orocos_kdl", "orocos_kdl/package.xml")
