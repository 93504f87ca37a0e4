"""The CMake reader imitates configure within hard budgets (issue 11; issue 12 item 1)."""

from __future__ import annotations

import tracemalloc

from recipegen.generators.cxx.cmake import ProjectReader, read_cmake
from recipegen.generators.cxx.cmake_interp import Context
from recipegen.generators.cxx.cmake_values import UNKNOWN, Budget

MIB = 1024 * 1024


def read(text: str, budget: Budget | None = None, **files: str):
    texts = {"CMakeLists.txt": text, **{k.replace("__", "/"): v for k, v in files.items()}}
    return read_cmake(texts, sorted(texts), ".", budget)


def reader_after(text: str, budget: Budget | None = None) -> ProjectReader:
    reader = ProjectReader({"CMakeLists.txt": text}, ["CMakeLists.txt"], ".", budget)
    reader.run_file("CMakeLists.txt", Context("CMakeLists.txt", "."), new_scope=False)
    return reader


def peak_memory(function) -> int:
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_doubling_a_variable_forty_times_stays_small():
    text = 'project(d VERSION 1.0 LANGUAGES C)\nset(A "x")\n' + 'set(A "${A}${A}")\n' * 40 + "add_library(d d.c)\n"
    budget = Budget()
    peak = peak_memory(lambda: read(text, budget))
    assert peak < 32 * MIB
    assert budget.expanded_chars <= budget.max_expanded_chars
    assert any("over 64 KiB" in note and "treated as unknown" in note for note in budget.notes)
    reader = reader_after(text)
    assert reader.lookup("A") == (UNKNOWN,)


def test_flags_appended_under_undecided_ifs_are_alternatives_not_a_cross_product():
    blocks = "".join(
        f'check_c_compiler_flag(-f{i} HAVE_F{i})\nif(HAVE_F{i})\n  set(CMAKE_C_FLAGS "${{CMAKE_C_FLAGS}} -f{i}")\nendif()\n'
        for i in range(24)
    )
    text = f'project(f VERSION 1.0 LANGUAGES C)\nset(CMAKE_C_FLAGS "-O2")\n{blocks}add_library(f f.c)\n'
    budget = Budget()
    peak = peak_memory(lambda: read(text, budget))
    assert peak < 32 * MIB
    reader = reader_after(text, Budget())
    flags = reader.lookup("CMAKE_C_FLAGS")
    assert flags is not None and 1 < len(flags) <= Budget().max_alternatives
    assert reader.budget.capped_alternatives > 0
    assert [lib.target for lib in read(text).libraries] == ["f"]


def test_real_snappy_and_json_c_cmake_files_read_within_budget():
    from pathlib import Path

    real = Path(__file__).resolve().parents[2] / "fixtures" / "cxx" / "real"
    for folder, library in (("snappy-1.1.9", "snappy"), ("json-c-0.16", "json-c")):
        text = (real / folder / "CMakeLists.txt").read_text()
        budget = Budget()
        peak = peak_memory(lambda text=text, budget=budget: read(text, budget))
        assert peak < 64 * MIB, folder
        assert budget.commands < budget.max_commands
        assert library in [lib.target for lib in read(text).libraries]


def test_endless_loops_recursion_and_command_floods_stop_with_a_note():
    looping = "set(i 1)\nwhile(TRUE)\n  set(i ${i})\nendwhile()\nadd_library(a a.c)\n"
    project = read(looping)
    assert any("stopped after 1000 iterations" in note for note in project.notes)
    assert [lib.target for lib in project.libraries] == ["a"]
    recursive = "function(f)\n  f()\nendfunction()\nf()\nadd_library(b b.c)\n"
    project = read(recursive)
    assert any("nested deeper than 32" in note for note in project.notes)
    flood = "foreach(i RANGE 900)\n" + "  set(x ${i})\n" * 200 + "endforeach()\n"
    project = read(flood, Budget(max_commands=20_000))
    assert any("over 20000 commands" in note for note in project.notes)


def test_option_default_through_a_variable_decided_for_linux():
    # curl 7.88.1: CURL_USE_OPENSSL defaults to ${openssl_default}, ON unless WIN32 or another TLS.
    text = """
option(CURL_ENABLE_SSL "Enable SSL support" ON)
if(APPLE)
  cmake_dependent_option(CURL_USE_SECTRANSP "enable Apple OS native SSL/TLS" OFF CURL_ENABLE_SSL OFF)
endif()
cmake_dependent_option(CURL_USE_MBEDTLS "Enable mbedTLS for SSL/TLS" OFF CURL_ENABLE_SSL OFF)
set(openssl_default ON)
if(WIN32 OR CURL_USE_SECTRANSP OR CURL_USE_MBEDTLS)
  set(openssl_default OFF)
endif()
cmake_dependent_option(CURL_USE_OPENSSL "Use OpenSSL code. Experimental" ${openssl_default} CURL_ENABLE_SSL OFF)
if(CURL_USE_OPENSSL)
  find_package(OpenSSL REQUIRED)
endif()
if(CURL_USE_MBEDTLS)
  find_package(MbedTLS REQUIRED)
endif()
"""
    project = read("project(CURL C)\ninclude(CMakeDependentOption)\n" + text)
    found = {d.name: d.off_by_default for d in project.dependencies}
    assert found == {"OpenSSL": "", "MbedTLS": "CURL_USE_MBEDTLS"}
    assert project.options["CURL_USE_OPENSSL"].default == "ON"


def test_project_macro_and_function_wrapping_find_package_are_followed():
    text = """project(w C)
macro(optional_dependency DEPENDENCY)
  set(CURL_${DEPENDENCY} AUTO CACHE STRING "Build curl with ${DEPENDENCY} support (AUTO, ON or OFF)")
  if(CURL_${DEPENDENCY} STREQUAL AUTO)
    find_package(${DEPENDENCY})
  elseif(CURL_${DEPENDENCY})
    find_package(${DEPENDENCY} REQUIRED)
  endif()
endmacro()
function(need)
  cmake_parse_arguments(NEED "" "NAME" "COMPONENTS" ${ARGN})
  pkg_check_modules(${NEED_NAME} REQUIRED ${NEED_COMPONENTS})
endfunction()
optional_dependency(ZLIB)
need(NAME XML COMPONENTS libxml-2.0)
"""
    project = read(text)
    assert [(d.name, d.optional, d.via) for d in project.dependencies] == [
        ("ZLIB", True, "find_package"),
        ("libxml-2.0", False, "pkg_check_modules"),
    ]


def test_library_defined_through_a_parse_arguments_function_is_compiled():
    # abseil's absl_cc_library: add_library() inside a function, test-only ones return early.
    text = """project(absl LANGUAGES CXX VERSION 20220623)
function(absl_cc_library)
  cmake_parse_arguments(ABSL_CC_LIB "DISABLE_INSTALL;PUBLIC;TESTONLY" "NAME" "HDRS;SRCS;DEPS" ${ARGN})
  if(ABSL_CC_LIB_TESTONLY AND NOT BUILD_TESTING)
    return()
  endif()
  set(_NAME "absl_${ABSL_CC_LIB_NAME}")
  set(ABSL_CC_SRCS "${ABSL_CC_LIB_SRCS}")
  foreach(src_file IN LISTS ABSL_CC_SRCS)
    if(${src_file} MATCHES ".*\\\\.(h|inc)")
      list(REMOVE_ITEM ABSL_CC_SRCS "${src_file}")
    endif()
  endforeach()
  if(ABSL_CC_SRCS STREQUAL "")
    add_library(${_NAME} INTERFACE)
  else()
    add_library(${_NAME} "")
  endif()
  install(TARGETS ${_NAME} EXPORT ${PROJECT_NAME}Targets)
endfunction()
absl_cc_library(NAME config HDRS "config.h")
absl_cc_library(NAME base SRCS "base.cc" "base.h")
absl_cc_library(NAME test_util SRCS "t.cc" TESTONLY)
"""
    project = read(text)
    assert [(lib.target, lib.kind) for lib in project.libraries] == [
        ("absl_config", "interface"),
        ("absl_base", "default"),
    ]
    assert not project.header_only


def test_platform_branches_are_decided_and_else_runs():
    text = """project(p C)
if(WIN32)
  find_package(Win REQUIRED)
elseif(APPLE)
  find_package(Mac REQUIRED)
else()
  find_package(ZLIB REQUIRED)
endif()
if(CMAKE_SYSTEM_NAME STREQUAL "Linux" AND CMAKE_SIZEOF_VOID_P EQUAL 8)
  find_package(BZip2)
endif()
if(CMAKE_VERSION VERSION_LESS 3.4)
  find_package(Old)
endif()
"""
    assert [d.name for d in read(text).dependencies] == ["ZLIB", "BZip2"]
