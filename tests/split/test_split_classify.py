"""File → category for Linux, macOS, Windows and MinGW install trees."""

from __future__ import annotations

import pytest
from recipegen.generators.split import classify as C
from recipegen.generators.split.binaries import archive_kind, elf_soname, macho_install_name
from recipegen.generators.split.inputs import InstallTree, TreeFile

from .split_trees import (
    Link,
    elf_shared_object,
    import_lib,
    linux_tree,
    macho_dylib,
    macos_tree,
    mingw_tree,
    static_lib,
    windows_tree,
)


def as_tree(files: dict, subdir: str = "") -> InstallTree:
    entries = []
    for path, value in files.items():
        if isinstance(value, Link):
            entries.append(TreeFile(path, 0, True, value.target))
        else:
            entries.append(TreeFile(path, len(value), False, "", path.startswith("bin/"), value))
    return InstallTree("test", entries, "folder", subdir=subdir)


def categories(files: dict, subdir: str = "") -> dict[str, str]:
    return {c.path: c.category for c in C.classify_tree(as_tree(files, subdir))}


def test_linux_layout():
    got = categories(linux_tree())
    assert got == {
        "lib/libfoo.so.1.2.3": C.SHARED_LIBRARY,
        "lib/libfoo.so.1": C.SHARED_LIBRARY,
        "lib/libfoo.so": C.DEV_LINK,
        "lib/libfoo.a": C.STATIC_LIBRARY,
        "lib/libfoo.la": C.LIBTOOL,
        "lib/pkgconfig/foo.pc": C.PKG_CONFIG,
        "lib/cmake/foo/fooConfig.cmake": C.CMAKE,
        "lib/cmake/foo/fooConfigVersion.cmake": C.CMAKE,
        "lib/cmake/foo/fooTargets.cmake": C.CMAKE,
        "include/foo.h": C.HEADER,
        "include/foo/detail.h": C.HEADER,
        "bin/footool": C.EXECUTABLE,
        "bin/foo-config": C.DEV_SCRIPT,
        "share/man/man1/footool.1": C.TOOL_DOC,
        "share/man/man3/foo_open.3": C.API_DOC,
        "share/doc/foo/README.md": C.DOC,
        "share/licenses/foo/LICENSE": C.LICENSE,
        "share/locale/de/LC_MESSAGES/foo.mo": C.TRANSLATION,
        "share/foo/data.bin": C.OTHER,
    }


def test_macos_layout():
    got = categories(macos_tree())
    assert got["lib/libfoo.1.2.3.dylib"] == C.SHARED_LIBRARY
    assert got["lib/libfoo.1.dylib"] == C.SHARED_LIBRARY
    assert got["lib/libfoo.dylib"] == C.DEV_LINK
    assert got["lib/libfoo.a"] == C.STATIC_LIBRARY
    assert C.detect_platform(as_tree(macos_tree())) == "osx"


def test_windows_layout_reads_import_records():
    got = {c.path: (c.category, c.reason) for c in C.classify_tree(as_tree(windows_tree()))}
    assert got["Library/bin/foo.dll"][0] == C.SHARED_LIBRARY
    assert got["Library/bin/foo.pdb"][0] == C.SHARED_LIBRARY
    assert got["Library/bin/footool.exe"][0] == C.EXECUTABLE
    assert got["Library/lib/foo.lib"][0] == C.IMPORT_LIBRARY
    assert got["Library/lib/foo_static.lib"][0] == C.STATIC_LIBRARY
    assert "named like" in got["Library/lib/foo_static.lib"][1]
    # No name hint: the archive holds object code, not import records.
    assert got["Library/lib/libfoo.lib"] == (
        C.STATIC_LIBRARY,
        "static archive (.lib holding object code, no import records)",
    )
    assert got["Library/include/foo/detail.h"][0] == C.HEADER
    assert got["Library/lib/pkgconfig/foo.pc"][0] == C.PKG_CONFIG
    assert got["Library/share/cmake/foo/fooConfig.cmake"][0] == C.CMAKE


def test_windows_lib_without_bytes_uses_the_dll_names():
    tree = {
        "Library/bin/zstd.dll": b"MZ",
        "Library/lib/zstd.lib": b"",
        "Library/lib/other.lib": b"",
        "Library/lib/libzstd_a.lib": b"",
        "Library/lib/lzma-static.lib": b"",
    }
    got = categories(tree)
    assert got["Library/lib/zstd.lib"] == C.IMPORT_LIBRARY
    assert got["Library/lib/other.lib"] == C.STATIC_LIBRARY
    assert got["Library/lib/libzstd_a.lib"] == C.STATIC_LIBRARY
    assert got["Library/lib/lzma-static.lib"] == C.STATIC_LIBRARY


def test_mingw_layout():
    got = categories(mingw_tree())
    assert got == {
        "Library/mingw-w64/bin/libfoo-1.dll": C.SHARED_LIBRARY,
        "Library/mingw-w64/lib/libfoo.dll.a": C.IMPORT_LIBRARY,
        "Library/mingw-w64/lib/libfoo.a": C.STATIC_LIBRARY,
        "Library/mingw-w64/include/foo.h": C.HEADER,
    }


@pytest.mark.parametrize(
    "files, expected",
    [
        # A plain libfoo.so whose SONAME is its own name is what runs: runtime.
        ({"lib/libplug.so": elf_shared_object("libplug.so")}, C.SHARED_LIBRARY),
        # A copy (no symlink) of the versioned library under the link-time name: development.
        (
            {"lib/libfoo.so": elf_shared_object("libfoo.so.2"), "lib/libfoo.so.2": elf_shared_object("libfoo.so.2")},
            C.DEV_LINK,
        ),
        # No SONAME readable, no versioned sibling: the only copy, needed at run time.
        ({"lib/libbar.so": b"not elf"}, C.SHARED_LIBRARY),
    ],
)
def test_unversioned_shared_objects(files, expected):
    first = next(iter(files))
    assert categories(files)[first] == expected


def test_plugins_and_python_modules_are_not_the_library():
    got = categories(
        {"lib/foo/plugins/libx.so": b"", "lib/python3.12/site-packages/foo/_ext.so": b"", "lib/libfoo.so.1": b""}
    )
    assert got["lib/foo/plugins/libx.so"] == C.PLUGIN
    assert got["lib/python3.12/site-packages/foo/_ext.so"] == C.OTHER


def test_binary_readers():
    assert elf_soname(elf_shared_object("libz.so.1")) == "libz.so.1"
    assert elf_soname(b"\x7fELF" + b"\x00" * 10) is None
    assert elf_soname(b"garbage") is None
    assert archive_kind(import_lib("foo.dll")) == "import"
    assert archive_kind(static_lib()) == "static"
    assert archive_kind(b"not an archive") is None
    assert macho_install_name(b"\xcf\xfa\xed\xfe" + b"\x00" * 40) is None


def test_library_stem():
    assert C.library_stem("libfoo.so.1.2.3") == "libfoo"
    assert C.library_stem("libfoo.1.2.dylib") == "libfoo"
    assert C.library_stem("foo_static.lib") == "foo"
    assert C.library_stem("zlibstatic.lib") == "zlib"
    assert C.library_stem("libfoo-2.dll") == "libfoo"
    assert C.library_stem("libfoo.dll.a") == "libfoo"


def test_macho_install_name():
    assert macho_install_name(macho_dylib("@rpath/libfoo.1.dylib")) == "@rpath/libfoo.1.dylib"
    tree = {
        "lib/libfoo.1.2.3.dylib": macho_dylib("@rpath/libfoo.1.dylib"),
        "lib/libfoo.dylib": b"copy",
        "include/foo.h": b"",
    }
    from recipegen.generators.split.outputs import SplitOptions, plan_split

    plan = plan_split(as_tree(tree), SplitOptions("foo"))
    assert plan.pin_width == "x" and "recorded in libfoo.1.2.3.dylib" in plan.pin_reason


def test_multiarch_libdir_and_linker_scripts():
    got = categories(
        {
            "lib/x86_64-linux-gnu/libfoo.so.2.0.1": elf_shared_object("libfoo.so.2"),
            "lib/x86_64-linux-gnu/libfoo.so": Link("libfoo.so.2.0.1"),
            "lib/libncursesw.so": b"INPUT(libncursesw.so.6 -ltinfo)\n",
            "lib/libncursesw.so.6": b"",
        }
    )
    assert got == {
        "lib/x86_64-linux-gnu/libfoo.so.2.0.1": C.SHARED_LIBRARY,
        "lib/x86_64-linux-gnu/libfoo.so": C.DEV_LINK,
        "lib/libncursesw.so": C.DEV_LINK,
        "lib/libncursesw.so.6": C.SHARED_LIBRARY,
    }
