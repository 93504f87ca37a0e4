"""Regression tests of set 16 (blind Debian archives; benchmarks/cxx_reference.json), on verbatim
files of the archives in fixtures/cxx/real (see its README)."""

from __future__ import annotations

import io
import tarfile

from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.detect import read_project
from recipegen.generators.cxx.hostdeps import host_requirements
from recipegen.generators.cxx.license_files import find_license
from recipegen.generators.cxx.meson_cond import condition_truth
from recipegen.generators.cxx.source import from_archive_bytes

from .conftest import text, tree


def host(name: str) -> list[str]:
    return [r.spec for r in host_requirements(read_project(tree(name)))[0]]


def test_a_licence_file_that_is_a_symbolic_link_in_the_archive():
    # glib 2.74.6: COPYING -> LICENSES/LGPL-2.1-or-later.txt (a symlink member of the tarball)
    licence = text("libcmis-0.5.2", "COPYING.LGPL").encode()  # an LGPL 2.1 text
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        member = tarfile.TarInfo("glib-2.74.6/LICENSES/LGPL-2.1-or-later.txt")
        member.size = len(licence)
        archive.addfile(member, io.BytesIO(licence))
        link = tarfile.TarInfo("glib-2.74.6/COPYING")
        link.type, link.linkname = tarfile.SYMTYPE, "LICENSES/LGPL-2.1-or-later.txt"
        archive.addfile(link)
    source = from_archive_bytes(buffer.getvalue(), "glib-2.74.6.tar.gz")
    assert source.texts["COPYING"] == licence.decode()


def test_a_c_library_function_decides_a_meson_condition():
    # glib 2.74.6: `if cc.has_function('getxattr') and cc.has_header('sys/xattr.h')` ... `elif`
    # ... `xattr_dep = [cc.find_library('xattr')]`: glibc has both, the fallback does not run
    assert condition_truth("cc.has_function('getxattr') and cc.has_header('sys/xattr.h')", {})[0] is True


def test_test_only_libraries_through_a_joined_dependencies_list():
    # gstreamer 1.22.0: gmp_dep = cc.find_library('gmp', required : false) ... test_deps = [gmp_dep, gsl_dep, ...]
    # and tests/check: `dependencies : gst_deps + test_deps`; libdw is elfutils'
    packages = host("gstreamer-1.22.0")
    assert "gmp" not in packages and "gsl" not in packages
    assert {"libglib", "libunwind", "elfutils"} <= set(packages)
    assert "bash-completion" not in packages


def test_dependencies_named_by_a_foreach_over_a_dict():
    # usbredir 0.15.0 tools: deps = {'glib-2.0': glib_version} ... foreach dep, version : deps / dependency(dep, ...)
    assert set(host("usbredir-0.15.0")) == {"libglib", "libusb"}


def test_programs_installed_through_a_boolean_variable():
    # librist 0.2.11: should_install = true ... executable('ristsender', ..., install: should_install)
    assert "ristsender" in read_project(tree("librist-0.2.11")).executables


def test_programs_of_a_hand_written_makefile_beside_configure_ac():
    # htslib 1.16: configure.ac writes config.mk; the Makefile's install rule copies $(BUILT_PROGRAMS)
    assert set(read_project(tree("htslib-1.16")).executables) >= {"bgzip", "htsfile", "tabix"}


def test_an_option_whose_default_depends_on_what_was_found():
    # nghttp2 1.52.0: CMakeOptions.txt's option(ENABLE_APP ... ${ENABLE_APP_DEFAULT}), ON when OpenSSL,
    # libev and zlib are found; src/ links ${SYSTEMD_LIBRARIES} under if(ENABLE_APP)
    assert "libsystemd" in host("nghttp2-1.52.0")


def test_a_per_library_variable_read_live_keeps_the_package():
    # libarchive 3.6.2: LIST(APPEND ADDITIONAL_LIBS ${OPENSSL_CRYPTO_LIBRARY}) on the live path
    assert "openssl" in host("libarchive-3.6.2")


def test_dual_licence_named_in_the_readme():
    # rocksdb 7.8.3's README: "dual-licensed under both the GPLv2 ... and Apache 2.0 License ... You may
    # select, at your option, one of the above-listed licenses"; LICENSE.leveldb for derived files
    assert find_license(tree("rocksdb-7.8.3").texts).expression == "GPL-2.0-only OR Apache-2.0"


def test_names_of_set_16():
    assert map_dependency("GLIB2").conda == "libglib"  # lensfun's find_package(GLIB2)
    assert map_dependency("libdw").conda == "elfutils"
    assert map_dependency("seccomp").conda == "libseccomp"  # file's AC_CHECK_LIB(seccomp, ...)
    assert map_dependency("lz").conda == "lzlib"
    assert map_dependency("bash-completion").conda == ""
