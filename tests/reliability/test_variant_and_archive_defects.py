"""Regression tests for issue 12's variant-file (item 10) and archive (item 11) defects."""

from __future__ import annotations

import pytest

from recipegen.archives import ArchiveError, iter_members, list_members

from .helpers import (
    BASE_V0,
    BASE_V1,
    PACKAGE_INDEX,
    assert_clean_run,
    check_every_format,
    gzip_tar_bytes,
    run,
    tar_bytes,
    write_recipe,
)

VARIANT_FILES = {
    "empty-key": 'python:\n  - "3.10"\n"":\n  - x\n',
    "null-key": 'python:\n  - "3.10"\n:\n  - x\n',
    "set-value": "python: !!set\n  ? a\n  ? b\n",
    "duplicate-under-format-selector": (
        'python:\n  - "3.10"  # ["{}".format(1) == "1"]\npython:\n  - "3.11"  # ["{x}".format()]\n'
    ),
    "mapping-value": "python:\n  a: b\nc_compiler:\n  - [gcc]\n",
}


@pytest.mark.parametrize("name", sorted(VARIANT_FILES))
def test_variant_file_next_to_a_v1_recipe(name, tmp_path):
    path = write_recipe(tmp_path / name, BASE_V1, conda_build_config_yaml=VARIANT_FILES[name])
    check_every_format(path)
    check_every_format(path.parent / "conda_build_config.yaml")


@pytest.mark.parametrize("name", sorted(VARIANT_FILES))
def test_variant_file_next_to_a_v0_recipe(name, tmp_path):
    text = BASE_V0.replace(
        "  run:\n    - python\n", "  run:\n    - python  # [linux]\n    - numpy  # [python != '3.9']\n"
    )
    path = write_recipe(tmp_path / name, text, name="meta.yaml", conda_build_config_yaml=VARIANT_FILES[name])
    for fmt in ("text", "json", "github", "sarif"):
        assert_clean_run(run("lint", "--no-config", "--format", fmt, str(path)))


def test_the_recipe_next_to_a_broken_variant_file_is_still_validated(tmp_path):
    text = BASE_V1.replace("number: 0", "number: zero")
    path = write_recipe(tmp_path / "r", text, conda_build_config_yaml=VARIANT_FILES["duplicate-under-format-selector"])
    result = run("validate", str(path.parent))
    assert result.exit_code == 2  # the variant file is unusable ...
    assert "build.number" in result.output  # ... and the recipe's own problem is still reported
    assert 'found duplicate key "python"' in result.output


# --- archives ------------------------------------------------------------------------------------

SPLIT_ABOUT = ("--name", "foo", "--homepage", "https://x.org", "--summary", "x", "--license", "MIT")


def split(archive, tmp_path, *extra: str):
    return run("split", str(archive), "--stdout", *SPLIT_ABOUT, "--license-file", "LICENSE", *extra)


def test_member_names_that_are_not_utf8(tmp_path):
    # tarfile writes the surrogate-escaped name as its raw bytes (0xff): not UTF-8
    data = tar_bytes({"info/index.json": PACKAGE_INDEX, "lib/libfoo\udcff.so": b"x", "include/foo.h": b"int x;"})
    names = [m.name for m in list_members(data)]
    assert "lib/libfoo\ufffd.so" in names
    archive = tmp_path / "libfoo-1.0-0.tar.bz2"
    archive.write_bytes(data)
    result = split(archive, tmp_path)
    assert_clean_run(result)
    result.output.encode("utf-8")


def test_deeply_nested_package_index(tmp_path):
    archive = tmp_path / "deep-1.0-0.tar.bz2"
    archive.write_bytes(tar_bytes({"info/index.json": b"[" * 100_000 + b"]" * 100_000, "include/foo.h": b"int x;"}))
    result = split(archive, tmp_path)
    assert result.exit_code == 2 and "info/index.json is not valid JSON (JSON nested too deeply)" in result.output


def test_huge_integer_in_the_package_recipe(tmp_path):
    meta = ("package:\n  name: libfoo\n  version: '1.0'\nbuild:\n  number: " + "9" * 5000 + "\n").encode()
    members = {"info/index.json": PACKAGE_INDEX, "info/recipe/meta.yaml": meta, "include/foo.h": b"int x;"}
    archive = tmp_path / "libfoo-1.0-0.tar.bz2"
    archive.write_bytes(tar_bytes(members))
    assert_clean_run(split(archive, tmp_path))


def _corrupt_crc(data: bytes) -> bytes:
    broken = bytearray(data)
    broken[-8] ^= 0xFF  # the gzip trailer: CRC-32, then the length
    return bytes(broken)


def test_gzip_with_a_bad_crc_is_refused(tmp_path):
    good = gzip_tar_bytes({"info/index.json": PACKAGE_INDEX, "include/foo.h": b"int x;"})
    assert [m.name for m in list_members(good)] == ["info/index.json", "include/foo.h"]
    with pytest.raises(ArchiveError, match="corrupt gzip data"):
        list_members(_corrupt_crc(good))
    archive = tmp_path / "libfoo-1.0-0.tar.gz"
    archive.write_bytes(_corrupt_crc(good))
    with pytest.raises(ArchiveError, match="corrupt gzip data"):
        list_members(archive)  # from a file too
    result = split(archive, tmp_path)
    assert result.exit_code == 2 and "corrupt gzip data" in result.output


def test_truncated_gzip_is_refused():
    good = gzip_tar_bytes({"a.txt": b"x" * 10_000})
    with pytest.raises(ArchiveError):
        list_members(good[: len(good) - 20])


def test_gzip_bomb_stops_at_the_byte_limit():
    from recipegen.archives import Limits

    bomb = gzip_tar_bytes({"a.bin": b"\0" * 5_000_000})
    with pytest.raises(ArchiveError, match="more than 1000000 bytes"):
        list(iter_members(bomb, limits=Limits(total_bytes=1_000_000, members=10)))


@pytest.mark.parametrize("command", ["cxx", "pypi"])
def test_source_archives_with_odd_names(command, tmp_path):
    source = gzip_tar_bytes(
        {
            "foo-1.0/CMakeLists.txt": b"cmake_minimum_required(VERSION 3.10)\nproject(foo VERSION 1.0)\n",
            "foo-1.0/PKG-INFO": b"Metadata-Version: 2.1\nName: foo\nVersion: 1.0\nLicense: MIT\n",
            "foo-1.0/LICENSE": b"MIT License",
            "foo-1.0/data/caf\udce9.txt": b"latin-1 name",
        }
    )
    archive = tmp_path / "foo-1.0.tar.gz"
    archive.write_bytes(source)
    assert_clean_run(run(command, str(archive), "--stdout"))
    assert_clean_run(run(command, str(tmp_path / "missing.tar.gz"), "--stdout"))
    (tmp_path / "bad.tar.gz").write_bytes(_corrupt_crc(source))
    assert_clean_run(run(command, str(tmp_path / "bad.tar.gz"), "--stdout"))
