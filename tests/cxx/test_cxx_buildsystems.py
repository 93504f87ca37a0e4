"""Reading CMake, Meson, Autotools and Makefile projects (fixtures/cxx and inline snippets)."""

from __future__ import annotations

from pathlib import Path

import pytest
from recipegen.generators.cxx.autotools import m4_calls, read_autotools
from recipegen.generators.cxx.cmake import tokenize
from recipegen.generators.cxx.detect import DetectError, detect, read_project
from recipegen.generators.cxx.meson import calls
from recipegen.generators.cxx.source import SourceTree, from_folder

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "cxx"


def project(name: str):
    return read_project(from_folder(FIXTURES / name))


def deps(p, include_off: bool = False) -> list[tuple[str, bool, bool]]:
    return [(d.name, d.optional, d.test_only) for d in p.dependencies if include_off or not d.off_by_default]


def test_zlib_cmake():
    p = project("zlib-1.3.1")
    assert (p.build_system, p.source_dir, p.name) == ("cmake", ".", "zlib")
    assert (p.version, p.version_source) == ("1.3.1", "CMake variable VERSION, zlib.h ZLIB_VERSION, folder name")
    assert [(lib.target, lib.output_name, lib.kind) for lib in p.libraries] == [
        ("zlib", "z", "shared"),
        ("zlibstatic", "z", "static"),
    ]
    assert p.executables == []  # example/minigzip are examples, not installed programs
    assert p.languages == {"c"}
    assert "ZLIB_BUILD_EXAMPLES" in p.options


def test_zstd_nested_cmake():
    p = project("zstd-1.5.6")
    assert (p.build_system, p.source_dir, p.name, p.version) == ("cmake", "build/cmake", "zstd", "1.5.6")
    # The static target is behind ZSTD_BUILD_STATIC, which the build script turns off (CFEP-18).
    assert {(lib.output_name, lib.kind) for lib in p.libraries} == {("zstd", "shared")}
    assert p.executables == ["zstd"]
    assert p.languages == {"c", "cxx"}
    guarded = {d.name: d.off_by_default for d in p.dependencies}
    # tests/ is reached through add_subdirectory(tests) inside if (ZSTD_BUILD_TESTS), OFF by default.
    assert guarded == {
        "Threads": "",
        "ZLIB": "ZSTD_ZLIB_SUPPORT",
        "LibLZMA": "ZSTD_LZMA_SUPPORT",
        "LZ4": "ZSTD_LZ4_SUPPORT",
        "GTest": "ZSTD_BUILD_TESTS",
    }
    assert [d.test_only for d in p.dependencies if d.name == "GTest"] == [True]


def test_json_glib_meson():
    p = project("json-glib-1.8.0")
    assert (p.build_system, p.name, p.version, p.license) == ("meson", "json-glib", "1.8.0", "LGPL-2.1-or-later")
    assert [(lib.output_name, lib.kind) for lib in p.libraries] == [("json-glib-1.0", "default")]
    assert p.executables == [""]  # installed from a foreach loop: name not literal
    assert deps(p) == [("gio-2.0", False, False)]
    # json-glib/tests/ is entered by `subdir('tests')` under `if get_option('tests')`, which the recipe turns off
    off = {d.name: (d.test_only, d.off_by_default) for d in p.dependencies if d.off_by_default}
    assert off == {"gobject-introspection-1.0": (True, "-Dtests=true")}
    assert p.options["tests"].kind == "boolean" and p.options["documentation"].kind == "feature"


def test_libsodium_autotools():
    p = project("libsodium-1.0.20")
    assert (p.build_system, p.name, p.version, p.homepage) == (
        "autotools",
        "libsodium",
        "1.0.20",
        "https://libsodium.org",
    )
    assert p.has_configure and p.installs_headers
    assert [(lib.target, lib.output_name, lib.kind) for lib in p.libraries] == [("libsodium", "sodium", "default")]
    assert {d.name for d in p.dependencies} == {"pthread"}  # clock_gettime is in glibc: no -lrt searched


def test_header_only_cmake():
    p = project("json-3.11.3")
    assert (p.name, p.version, p.header_only) == ("nlohmann_json", "3.11.3", True)
    assert p.languages == {"cxx"}
    # Only in tests/, behind `if (JSON_BuildTests)` whose default resolves to OFF.
    assert deps(p, include_off=True) == [("Threads", False, True)] and deps(p) == []


def test_cmake_tokenizer_handles_comments_quotes_and_brackets():
    text = """# comment with add_library(fake SHARED x.c)
#[[ block comment
find_package(Nope REQUIRED)
]]
set(DESC "a (parenthesised) \\"quoted\\" text")
message([=[bracket ) argument]=])
add_library(real
  SHARED # trailing comment
  a.c)
"""
    commands = tokenize(text)
    assert [(c.name, c.args, c.line) for c in commands] == [
        ("set", ["DESC", 'a (parenthesised) "quoted" text'], 5),
        ("message", ["bracket ) argument"], 6),
        ("add_library", ["real", "SHARED", "a.c"], 7),
    ]


def test_cmake_pkg_check_modules_and_required():
    tree = SourceTree(
        "t",
        ["CMakeLists.txt"],
        {
            "CMakeLists.txt": (
                'project(demo VERSION 0.4.2 LANGUAGES C DESCRIPTION "Demo library")\n'
                "find_package(PkgConfig REQUIRED)\n"
                "pkg_check_modules(DEPS REQUIRED IMPORTED_TARGET libcurl>=7.0 openssl)\n"
                "add_library(demo src/demo.c)\ninstall(TARGETS demo)\n"
            )
        },
    )
    p = read_project(tree)
    assert (p.version, p.description, p.uses_pkg_config) == ("0.4.2", "Demo library", True)
    assert deps(p) == [("PkgConfig", False, False), ("libcurl", False, False), ("openssl", False, False)]


def test_autotools_macros():
    text = """m4_define([foo_major], [2])
m4_define([foo_minor], [7])
AC_INIT([foo], [foo_major.foo_minor], [bugs@example.org])
AC_PROG_CXX
PKG_CHECK_MODULES([XML], [libxml-2.0 >= 2.9 zlib])
PKG_CHECK_MODULES([LZMA], [liblzma], [have_lzma=yes], [have_lzma=no])
AC_CHECK_LIB([z], [inflate], [], [AC_MSG_ERROR([zlib is required])])
"""
    p = read_autotools({"configure.ac": text}, ["configure.ac"])
    assert (p.name, p.version) == ("foo", "2.7")
    assert "cxx" in p.languages and p.uses_pkg_config and not p.has_configure
    assert [(d.name, d.via, d.optional) for d in p.dependencies] == [
        ("libxml-2.0", "PKG_CHECK_MODULES", False),
        ("zlib", "PKG_CHECK_MODULES", False),
        ("liblzma", "PKG_CHECK_MODULES", True),
        ("z", "AC_CHECK_LIB", False),
    ]
    assert m4_calls("AC_INIT([a, b], [1.0])", "AC_INIT")[0][0] == ["a, b", "1.0"]


def test_meson_calls_ignore_strings_and_comments():
    text = "# library('commented', install: true)\nx = library('real', 'a.c', install: true) # (\n"
    assert [(n, line) for n, _, line in calls(text)] == [("library", 2)]


def test_plain_makefile_and_detection(tmp_path):
    (tmp_path / "lz4-1.9.4").mkdir()
    (tmp_path / "lz4-1.9.4" / "Makefile").write_text(
        "LIBVER_MAJOR = 1\nVERSION ?= 1.9.4\nCFLAGS ?= -O3\n\nlib: liblz4.a liblz4.so\n\ninstall:\n\tcp liblz4.so $(PREFIX)/lib\n"
    )
    p = read_project(from_folder(tmp_path / "lz4-1.9.4"))
    assert (p.build_system, p.name, p.version) == ("make", "lz4", "1.9.4")
    assert [lib.output_name for lib in p.libraries] == ["lz4"]
    with pytest.raises(DetectError, match="no CMakeLists.txt"):
        detect(SourceTree("empty", ["README"], {}))


def test_cmake_walk_follows_add_subdirectory_and_skips_function_bodies():
    texts = {
        "CMakeLists.txt": "project(walk VERSION 1.0 LANGUAGES C)\n"
        'option(WALK_PYTHON "bindings" OFF)\n'
        "set(CMAKE_MODULE_PATH ${CMAKE_CURRENT_SOURCE_DIR}/cmake)\n"
        "include(Helpers)\n"
        "add_subdirectory(src)\n"
        "if (WALK_PYTHON)\n  add_subdirectory(python)\nendif ()\n"
        "find_package(walk CONFIG)\n",
        "cmake/Helpers.cmake": "function(walk_add_plugin name)\n  add_library(${name} MODULE x.c)\n"
        "  find_package(Nope REQUIRED)\nendfunction()\nfind_package(ZLIB REQUIRED)\n",
        "src/CMakeLists.txt": "add_library(walk src.c)\ninstall(TARGETS walk)\n",
        "python/CMakeLists.txt": "find_package(pybind11 REQUIRED)\nadd_library(walkpy MODULE py.cpp)\n",
        "unreached/CMakeLists.txt": "find_package(Unreached REQUIRED)\n",
    }
    p = read_project(SourceTree("walk", sorted(texts), texts))
    assert [lib.target for lib in p.libraries] == ["walk"]  # walkpy is behind WALK_PYTHON (OFF)
    assert [(d.name, d.off_by_default) for d in p.dependencies] == [("ZLIB", ""), ("pybind11", "WALK_PYTHON")]


def test_cmake_else_branch_is_the_negation():
    texts = {
        "CMakeLists.txt": 'project(br VERSION 2.0 LANGUAGES C)\noption(BR_EXTRA "x" OFF)\n'
        "if (BUILD_TESTING)\n  find_package(GTest)\nelse ()\n  find_package(ZLIB REQUIRED)\nendif ()\n"
        "if (BR_EXTRA)\n  find_package(LZ4)\nelseif (UNIX)\n  find_package(BZip2)\nendif ()\n"
    }
    p = read_project(SourceTree("br", ["CMakeLists.txt"], texts))
    assert [(d.name, d.test_only, d.off_by_default) for d in p.dependencies] == [
        ("GTest", True, ""),
        ("ZLIB", False, ""),
        ("LZ4", False, "BR_EXTRA"),
        ("BZip2", False, ""),
    ]
