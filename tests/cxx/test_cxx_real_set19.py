"""Regression tests of set 19 (blind Debian archives; benchmarks/cxx_reference.json), on verbatim
files of the archives in fixtures/cxx/real (see its README)."""

from __future__ import annotations

from recipegen.generators.cxx.detect import build_systems, read_project
from recipegen.generators.cxx.license_files import find_license

from .conftest import tree


def test_a_choice_of_licences_ends_where_the_bundled_parts_begin():
    # ode 0.16.2's COPYING: "ODE is dual-licensed under either: * GNU Lesser General Public License v 2.1 or
    # later. ... * Modified 3-clause BSD license. ... Third-party libraries bundled with ODE: ... OU/ODER:
    # triple-licensed under either ... ZLIB license"
    assert find_license(tree("ode-0.16.2").texts).expression == "LGPL-2.1-or-later OR BSD-3-Clause"


def test_a_documentation_licence_beside_the_code_licence():
    # vte 0.70.6: COPYING.LGPL3 (with COPYING.GPL3, which LGPL 3 builds on), COPYING.CC-BY-4-0, COPYING.XTERM
    found = find_license(tree("vte-0.70.6").texts)
    assert "CC-BY-4.0" not in found.expression
    assert found.expression.startswith("LGPL-3.0")


def test_integer_variables_in_a_meson_library_name():
    # vte 0.70.6: vte_api_major_version = 2 ... vte_api_version = '@0@.@1@'.format(...);
    # shared_library(vte_gtk3_api_name, ...) with vte_gtk3_api_name = 'vte-' + vte_api_version
    project = read_project(tree("vte-0.70.6"))
    assert "vte-2.91" in [lib.target for lib in project.libraries]
    assert not project.header_only


def test_the_unix_build_of_a_project_with_one_per_platform():
    # tcl 8.6.13: unix/configure.in and win/configure.in (first 12 lines each), nothing at the top
    assert build_systems(tree("tcl-8.6.13"))[0][1] == "unix"


def test_a_notice_file_that_opens_with_the_projects_licence():
    # krb5 1.20.1: no licence file; NOTICE (first 120 lines) opens with MIT's copyright and the 2-clause BSD
    # text, then, after a ==== line, the licences of bundled parts
    found = find_license(tree("krb5-1.20.1").texts, folder="src")
    assert found.expression == "BSD-2-Clause"
    assert found.files == ["NOTICE"]


def test_meson_folders_entered_only_under_a_switched_off_option():
    # vte 0.70.6: bindings/meson.build enters gir/ and vala/ under `if get_option('gir') and ...` and
    # `if get_option('vapi') and ...`, which the recipe turns off; gir/ asks for gobject-introspection-1.0,
    # vala/ for `valac.find_library('posix')`, a Vala binding, not a C library
    project = read_project(tree("vte-0.70.6"))
    live = {d.name for d in project.dependencies if not d.off_by_default}
    off = {d.name: d.off_by_default for d in project.dependencies if d.off_by_default}
    assert "gobject-introspection-1.0" not in live and off["gobject-introspection-1.0"] == "-Dgir=true"
    assert "posix" not in live | set(off)
    assert {"gtk+-3.0", "gio-2.0", "pango"} <= live


def test_gtk_and_other_pkg_config_modules_named_otherwise_on_conda_forge():
    from recipegen.generators.cxx.depmap import map_dependency

    expected = {
        "gtk+-3.0": "gtk3",  # vte 0.70.6's dependency('gtk+-3.0')
        "gstreamer-video-1.0": "gst-plugins-base",
        "pangocairo": "pango",
        "vorbisfile": "libvorbis",
        "libavcodec": "ffmpeg",
        "mad": "libmad",
        "glfw3": "glfw",
    }
    assert {name: map_dependency(name).conda for name in expected} == expected
    assert map_dependency("gobject-introspection-1.0").build


def test_the_library_folders_licence_when_the_top_has_none():
    # neon 0.32.5: no licence file at the top; README.md: "The neon library source code is licensed under
    # the GNU Library GPL; see src/COPYING.LIB"; the headers grant "version 2 ... or (at your option) any
    # later version"
    found = find_license(tree("neon-0.32.5").texts)
    assert found.files == ["src/COPYING.LIB"]
    assert found.expression == "LGPL-2.0-or-later"
