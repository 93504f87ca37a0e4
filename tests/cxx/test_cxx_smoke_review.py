"""Regression tests of the last new-user review of `recipegen cxx` (jq 1.6 and cmark 0.30.2,
Debian's `.orig` tarballs, verbatim extracts in fixtures/cxx/real, see its README)."""

from __future__ import annotations

from recipegen.generators.cxx.cmake import read_cmake
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.license_files import identify
from recipegen.generators.cxx.recipe import pin_width

from .conftest import text, tree


def test_a_licence_that_opens_the_file_is_the_projects_and_bundled_notices_follow():
    """jq's COPYING: the MIT text, the documentation's CC-BY-3.0 in prose, then "jq incorporates
    David M. Gay's dtoa.c and g_fmt.c, which bear the following notices" — was `dtoa` alone."""
    assert identify(text("jq-1.6", "COPYING")) == ("MIT", ["dtoa"])


def test_an_installed_program_is_named_by_its_output_name_and_the_pin_follows_the_soversion():
    """cmark: `add_executable(${PROGRAM} ...)` with `OUTPUT_NAME "cmark"` installs bin/cmark (the
    test looked for `cmark_exe`); `SOVERSION major.minor.patch` changes with every release, so
    run_exports pin `x.x.x`, not `x`."""
    source = tree("cmark-0.30.2")
    project = read_cmake(source.texts, sorted(source.texts))
    assert project.executables == ["cmark"]
    assert project.version == "0.30.2"
    width, why = pin_width(project)
    assert width == "x.x.x" and "SOVERSION 0.30.2" in why


def test_oniguruma_is_mapped():
    """jq's `AC_CHECK_LIB(onig, ...)` had no conda-forge name: host was empty."""
    assert map_dependency("onig").conda == "oniguruma"
