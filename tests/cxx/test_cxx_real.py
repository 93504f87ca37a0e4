"""Regression tests on extracts of real source tarballs (fixtures/cxx/real, see its README)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from recipegen.generators.cxx.api import recipe_from_tree
from recipegen.generators.cxx.detect import read_project
from recipegen.generators.cxx.license_files import find_license
from recipegen.generators.cxx.source import SourceTree, from_folder
from recipegen.generators.cxx.versions import Evidence, VersionConflict, archive_version, decide

from recipegen.cli import main
from recipegen.generate import GenerationError

REAL = Path(__file__).resolve().parents[2] / "fixtures" / "cxx" / "real"


def tree(name: str) -> SourceTree:
    return from_folder(REAL / name)


def recipe(name: str, **options):
    return recipe_from_tree(tree(name), **options)


def staging(r) -> dict:
    return r.data["outputs"][0]


# --- versions ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "version", "trap"),
    [
        ("curl-7.88.1", "7.88.1", "lib/config-plan9.h"),
        ("spdlog-1.10.0", "1.10.0", "tests/catch.hpp"),
        ("openjpeg-2.5.0", "2.5.0", "thirdparty/include/zlib.h"),
        ("libxml2-2.9.14", "2.9.14", ""),
        ("libwebp-1.2.4", "1.2.4", "sharpyuv/sharpyuv.h"),
        ("c-ares-1.18.1", "1.18.1", "CMakeLists.txt"),
    ],
)
def test_version_ignores_vendored_test_and_platform_headers(name: str, version: str, trap: str):
    project = read_project(tree(name))
    assert project.version == version
    assert trap == "" or trap not in project.version_source


def test_stale_project_version_is_outweighed_and_noted():
    project = read_project(tree("c-ares-1.18.1"))  # project(... VERSION "1.18.0"), header and archive say 1.18.1
    assert project.version == "1.18.1"
    assert any("chosen over 1.18.0" in note for note in project.notes)


def test_disagreeing_versions_without_a_winner_fail_with_the_candidates():
    with pytest.raises(VersionConflict, match=r"1\.2\.3 \(archive name\).*1\.2\.4 \(configure.ac AC_INIT\)"):
        decide([Evidence("1.2.3", "archive name", 2), Evidence("1.2.4", "configure.ac AC_INIT", 2)])
    assert decide([Evidence("1.2", "x.h VERSION", 2), Evidence("1.2.0", "archive name", 2)])[0] == "1.2.0"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("curl_7.88.1.orig.tar.gz", ("curl", "7.88.1")),
        ("libxml2_2.9.14+dfsg.orig.tar.xz", ("libxml2", "2.9.14")),
        ("zlib_1.2.13.dfsg.orig.tar.bz2", ("zlib", "1.2.13")),
        ("libevent_2.1.12-stable.orig.tar.gz", ("libevent", "2.1.12")),
        ("re2_20220601+dfsg.orig.tar.xz", ("re2", "20220601")),
        ("v1.2.3.tar.gz", ("", "1.2.3")),
    ],
)
def test_archive_names(label: str, expected: tuple[str, str]):
    assert archive_version(label) == expected


# --- licences ------------------------------------------------------------------------------------


def license_of(name: str):
    return find_license(tree(name).texts)


def test_isc_is_not_0bsd():
    assert license_of("libsodium-1.0.18").expression == "ISC"


def test_mit_inside_prose_and_docs_licence_left_out():
    found = license_of("libuv-1.44.2")
    assert found.expression == "MIT"
    assert found.files == ["LICENSE", "LICENSE-docs"]
    assert any("LICENSE-docs (CC-BY-4.0) covers a part" in note for note in found.notes)


def test_reuse_licenses_folder_is_not_anded():
    found = license_of("json-3.11.2")
    assert found.expression == "MIT"
    assert any("Apache-2.0, BSD-3-Clause, GPL-3.0-only" in note for note in found.notes)


def test_dual_licence_statement_gives_or():
    assert license_of("zstd-1.5.4").expression == "BSD-3-Clause OR GPL-2.0-only"


def test_licence_sections_and_library_folder():
    assert license_of("pcre2-10.42").expression == "BSD-3-Clause"
    lz4 = license_of("lz4-1.9.4")
    assert lz4.expression == "BSD-2-Clause" and "lib/LICENSE" in lz4.files
    assert license_of("jsoncpp-1.9.5").expression == "LicenseRef-Public-Domain OR MIT"


def test_or_later_grant_in_a_header():
    lgpl = (REAL.parent / "json-glib-1.8.0" / "COPYING").read_text()
    texts = {
        "COPYING": lgpl,
        "include/foo.h": "/* either version 2.1 of the License, or (at your option) any later version. */",
    }
    assert find_license(texts).expression == "LGPL-2.1-or-later"
    assert find_license({"COPYING": lgpl}).expression == "LGPL-2.1-only"


def test_unidentified_licence_is_an_error_with_candidates():
    found = license_of("c-ares-1.18.1")
    assert found.expression == ""
    assert found.error.startswith("license file LICENSE.md: text not recognised as an SPDX licence (closest: ")
    assert "pass --license SPDX" in found.error


# --- dependencies, shape, build system -----------------------------------------------------------


def test_curl_keeps_tls_and_zlib_and_builds_with_perl():
    r = recipe("curl-7.88.1")
    requirements = staging(r)["requirements"]
    assert requirements["host"][:2] == ["openssl", "zlib"]
    assert "perl" in requirements["build"] and "perl" not in requirements["host"]
    assert r.data["about"]["homepage"] == "https://curl.se"


@pytest.mark.parametrize("name", ["abseil-20220623.1", "protobuf-3.21.12"])
def test_compiled_libraries_are_not_header_only(name: str):
    r = recipe(name)
    assert r.name.endswith("-split")
    assert [o["package"]["name"] for o in r.data["outputs"][1:3]] == [
        f"lib{r.name.removesuffix('-split')}",
        f"lib{r.name.removesuffix('-split')}-devel",
    ]


def test_static_pass_turns_the_project_shared_switch_off():
    r = recipe("spglib-2.8.0", static=True)
    script = staging(r)["build"]["script"][0]
    unix, windows = script["else"], script["then"]
    static_pass = unix.split("cmake -S . -B build ")[0]
    assert "-DSPGLIB_SHARED_LIBS=OFF" in static_pass and "-DBUILD_SHARED_LIBS=OFF" in static_pass
    assert "-B build-static" in windows and "_static.lib" in windows
    assert "spglib-static" in [o.get("package", {}).get("name") for o in r.data["outputs"]]


def test_experimental_cmake_gives_way_to_autotools_with_cmake_on_windows():
    r = recipe("expat-2.5.0")
    assert r.notes[0].startswith("built with autotools (the source also has cmake); not cmake: upstream says so in")
    script = staging(r)["build"]["script"][0]
    assert script["else"].startswith("cd expat\n") and "cmake -S expat" in script["then"]
    assert "skip" not in r.data["build"]
    assert r.data["about"]["license_file"] == "expat/COPYING"


def test_refused_recipe_is_still_shown_with_stdout():
    given = ["--stdout", "--homepage", "https://c-ares.org", "--summary", "Asynchronous DNS requests"]
    result = CliRunner().invoke(main, ["cxx", str(REAL / "c-ares-1.18.1"), *given])
    assert result.exit_code == 1
    assert "error: c-ares-split: license file LICENSE.md: text not recognised" in result.stderr
    assert "recipe:\n  name: c-ares-split" in result.stdout
    fixed = CliRunner().invoke(main, ["cxx", str(REAL / "c-ares-1.18.1"), *given, "--license", "MIT"])
    assert fixed.exit_code == 0, fixed.stderr


def test_missing_version_is_a_clear_error(tmp_path: Path):
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj" / "CMakeLists.txt").write_text("project(p C)\nadd_library(p p.c)\n")
    with pytest.raises(GenerationError, match="cannot tell the version"):
        recipe_from_tree(from_folder(tmp_path / "proj"))


def test_gnu_statement_and_licence_after_prose():
    from recipegen.generators.cxx.license_files import gnu_statements, identify

    statement = "The library is released under the GNU Lesser General Public\nLicense (LGPL) version 2.1 or later; see"
    assert gnu_statements(statement + "\nThe tools are under the GNU GPL version 3.") == [
        "LGPL-2.1-or-later",
        "GPL-3.0-only",
    ]
    bsd = (REAL / "lz4-1.9.4" / "lib" / "LICENSE").read_text()
    prose = "The distribution as a whole is subject to the notice at the bottom of this file.\n\n" * 3
    assert identify(prose + bsd)[0] == "BSD-2-Clause"


def test_archive_name_outweighs_one_stale_build_file():
    evidence = [Evidence("3.2.0", "project(VERSION)", 2), Evidence("3.2.1", "archive name", 3)]
    version, _, notes = decide(evidence)
    assert version == "3.2.1" and "chosen over 3.2.0" in notes[0]
