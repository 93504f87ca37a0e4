"""Install trees and archives built by the tests: Linux, macOS and Windows layouts.

A tree is a dict path -> bytes (a file) or Link(target) (a symlink). It can be written to
a folder, packed into a tarball, a `.tar.bz2` conda package, or a `.conda` (a zip holding
info-*.tar.zst and pkg-*.tar.zst, written with libarchive's zstd filter).
"""

from __future__ import annotations

import io
import json
import os
import struct
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import libarchive


@dataclass(frozen=True)
class Link:
    target: str


def elf_shared_object(soname: str, payload: bytes = b"") -> bytes:
    """A minimal 64-bit little-endian ELF shared object whose dynamic section has DT_SONAME."""
    strtab = b"\x00" + soname.encode() + b"\x00"
    str_off = 64 + 2 * 56
    dyn_off = (str_off + len(strtab) + 7) // 8 * 8
    dynamic = struct.pack("<qQ", 5, str_off) + struct.pack("<qQ", 14, 1) + struct.pack("<qQ", 0, 0)
    total = dyn_off + len(dynamic)
    header = (
        b"\x7fELF"
        + bytes([2, 1, 1, 0])
        + b"\x00" * 8
        + struct.pack("<HHIQQQIHHHHHH", 3, 62, 1, 0, 64, 0, 0, 64, 56, 2, 64, 0, 0)
    )
    load = struct.pack("<IIQQQQQQ", 1, 5, 0, 0, 0, total, total, 0x1000)
    dyn = struct.pack("<IIQQQQQQ", 2, 6, dyn_off, dyn_off, dyn_off, len(dynamic), len(dynamic), 8)
    body = header + load + dyn + strtab
    return body + b"\x00" * (dyn_off - len(body)) + dynamic + payload


def macho_dylib(install_name: str) -> bytes:
    """A minimal 64-bit Mach-O dylib header with one LC_ID_DYLIB load command."""
    name = install_name.encode() + b"\x00"
    size = (24 + len(name) + 7) // 8 * 8
    command = struct.pack("<IIIIII", 0xD, size, 24, 2, 0x10000, 0x10000) + name
    command += b"\x00" * (size - len(command))
    header = struct.pack("<IiiIIIII", 0xFEEDFACF, 0x01000007, 3, 6, 1, size, 0, 0)
    return header + command


def import_lib(dll: str) -> bytes:
    return b"!<arch>\n/               0           0     0     0       20        `\n__IMPORT_DESCRIPTOR_" + dll.encode()


def static_lib() -> bytes:
    return b"!<arch>\n/               0           0     0     0       20        `\nobject.obj\x00\x64\x86"


def write_folder(tree: dict, root: Path) -> Path:
    for path, value in tree.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, Link):
            os.symlink(value.target, target)
        else:
            target.write_bytes(value)
            if path.startswith(("bin/", "Library/bin/")) and not path.endswith((".dll", ".pdb")):
                target.chmod(0o755)
    return root


def _plain_tar(tree: dict) -> bytes:
    """An uncompressed tar of the tree (stdlib tarfile: it writes symlinks correctly)."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path, value in tree.items():
            info = tarfile.TarInfo(path)
            info.mtime = 0
            if isinstance(value, Link):
                info.type, info.linkname, info.mode = tarfile.SYMTYPE, value.target, 0o777
                tar.addfile(info)
            else:
                executable = path.startswith(("bin/", "Library/bin/")) and not path.endswith((".dll", ".pdb"))
                info.size, info.mode = len(value), 0o755 if executable else 0o644
                tar.addfile(info, io.BytesIO(value))
    return out.getvalue()


def _tar_stream(tree: dict, filter_name: str) -> bytes:
    """The tree as a tarball through `filter_name` (gzip, bzip2, zstd), re-encoded by libarchive."""
    chunks: list[bytes] = []

    def write(data: bytes) -> int:
        chunks.append(bytes(data))
        return len(data)

    with libarchive.custom_writer(write, "pax_restricted", filter_name) as archive:
        with libarchive.memory_reader(_plain_tar(tree)) as entries:
            archive.add_entries(entries)
    return b"".join(chunks)


def conda_info(name: str, version: str, subdir: str, license_text: str = "") -> dict:
    info = {
        "info/index.json": json.dumps(
            {
                "name": name,
                "version": version,
                "subdir": subdir,
                "build": "h0_0",
                "build_number": 0,
                "license": "BSD-3-Clause",
            }
        ).encode(),
        "info/about.json": json.dumps(
            {"home": f"https://example.org/{name}", "summary": f"{name} library", "license": "BSD-3-Clause"}
        ).encode(),
        "info/paths.json": b"{}",
    }
    if license_text:
        info["info/licenses/LICENSE"] = license_text.encode()
    return info


def dot_conda(tree: dict, info: dict, stem: str) -> bytes:
    """A `.conda`: zip (stored) with metadata.json, info-<stem>.tar.zst and pkg-<stem>.tar.zst."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("metadata.json", json.dumps({"conda_pkg_format_version": 2}))
        z.writestr(f"pkg-{stem}.tar.zst", _tar_stream(tree, "zstd"))
        z.writestr(f"info-{stem}.tar.zst", _tar_stream(info, "zstd"))
    return out.getvalue()


def tar_bz2_package(tree: dict, info: dict) -> bytes:
    return _tar_stream({**info, **tree}, "bzip2")


def prefix_tarball(tree: dict, prefix: str = "") -> bytes:
    return _tar_stream({prefix + p: v for p, v in tree.items()}, "gzip")


# --- layouts -------------------------------------------------------------------------------------


def linux_tree(soname_in_binary: bool = True) -> dict:
    so = elf_shared_object("libfoo.so.1") if soname_in_binary else b"\x7fELF-not-parsed"
    return {
        "lib/libfoo.so.1.2.3": so,
        "lib/libfoo.so.1": Link("libfoo.so.1.2.3"),
        "lib/libfoo.so": Link("libfoo.so.1"),
        "lib/libfoo.a": b"!<arch>\nfoo.o",
        "lib/libfoo.la": b"# libfoo.la - a libtool library file\n",
        "lib/pkgconfig/foo.pc": b"prefix=/opt\nlibdir=${prefix}/lib\nName: foo\nVersion: 1.2.3\n"
        b"Requires.private: zlib >= 1.2, libzstd\nLibs: -L${libdir} -lfoo\n",
        "lib/cmake/foo/fooConfig.cmake": b"include(${CMAKE_CURRENT_LIST_DIR}/fooTargets.cmake)\n",
        "lib/cmake/foo/fooConfigVersion.cmake": b"set(PACKAGE_VERSION 1.2.3)\n",
        "lib/cmake/foo/fooTargets.cmake": b"# targets\n",
        "include/foo.h": b'#define FOO_VERSION "1.2.3"\n',
        "include/foo/detail.h": b"/* detail */\n",
        "bin/footool": b"\x7fELF tool",
        "bin/foo-config": b"#!/bin/sh\necho -lfoo\n",
        "share/man/man1/footool.1": b".TH footool 1\n",
        "share/man/man3/foo_open.3": b".TH foo_open 3\n",
        "share/doc/foo/README.md": b"# foo\n",
        "share/licenses/foo/LICENSE": b"BSD",
        "share/locale/de/LC_MESSAGES/foo.mo": b"\xde\x12\x04\x95",
        "share/foo/data.bin": b"data",
    }


def macos_tree() -> dict:
    return {
        "lib/libfoo.1.2.3.dylib": b"\xcf\xfa\xed\xfe not parsed",
        "lib/libfoo.1.dylib": Link("libfoo.1.2.3.dylib"),
        "lib/libfoo.dylib": Link("libfoo.1.dylib"),
        "lib/libfoo.a": b"!<arch>\nfoo.o",
        "lib/pkgconfig/foo.pc": b"Name: foo\nVersion: 1.2.3\n",
        "lib/cmake/foo/fooConfig.cmake": b"# config\n",
        "include/foo.h": b"/* foo */\n",
        "bin/footool": b"\xcf\xfa\xed\xfe tool",
    }


def windows_tree() -> dict:
    return {
        "Library/bin/foo.dll": b"MZ dll",
        "Library/bin/foo.pdb": b"pdb",
        "Library/bin/footool.exe": b"MZ exe",
        "Library/lib/foo.lib": import_lib("foo.dll"),
        "Library/lib/foo_static.lib": static_lib(),
        "Library/lib/libfoo.lib": static_lib(),  # no name hint: its bytes say it is object code
        "Library/lib/pkgconfig/foo.pc": b"Name: foo\nVersion: 1.2.3\n",
        "Library/share/cmake/foo/fooConfig.cmake": b"# config\n",
        "Library/include/foo.h": b"/* foo */\n",
        "Library/include/foo/detail.h": b"/* detail */\n",
    }


def mingw_tree() -> dict:
    return {
        "Library/mingw-w64/bin/libfoo-1.dll": b"MZ dll",
        "Library/mingw-w64/lib/libfoo.dll.a": b"!<arch>\n_head_libfoo_dll __imp_foo",
        "Library/mingw-w64/lib/libfoo.a": b"!<arch>\nfoo.o",
        "Library/mingw-w64/include/foo.h": b"/* foo */\n",
    }


def headers_only_tree() -> dict:
    return {
        "include/bar/bar.hpp": b"#pragma once\n",
        "include/bar/detail/impl.hpp": b"#pragma once\n",
        "share/cmake/bar/barConfig.cmake": b"# config\n",
        "share/pkgconfig/bar.pc": b"Name: bar\nVersion: 2.0.1\n",
    }
