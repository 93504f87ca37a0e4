"""A .conda or .tar.bz2 package is validated in place: its info/*.json and rendered recipe are
read in memory (recipegen.archives' limits) and problems name `PACKAGE!info/FILE`."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from recipegen.cli import main
from recipegen.problems import InputError
from recipegen.validate import validate_file

from .conftest import FIXTURES

PACKAGES = FIXTURES / "formats" / "packages"
INDEX = {"name": "demo", "version": "1.0", "build": "h0_0", "build_number": 0, "depends": ["python >=3.10"]}
PATHS = {"paths": [], "paths_version": 1}


def _tar_bz2(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:bz2") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def _conda(path: Path, members: dict[str, bytes]) -> Path:
    import libarchive

    inner = path.parent / "info-demo-1.0-h0_0.tar.zst"
    with libarchive.file_writer(str(inner), "ustar", "zstd") as archive:
        for name, data in members.items():
            archive.add_file_from_memory(name, len(data), data)
    with zipfile.ZipFile(path, "w") as outer:
        outer.writestr("metadata.json", '{"conda_pkg_format_version": 2}')
        outer.write(inner, inner.name)
    return path


def _json(data) -> bytes:
    return json.dumps(data, indent=2).encode()


@pytest.mark.parametrize("make", [_tar_bz2, _conda], ids=["tar.bz2", "conda"])
def test_broken_member_is_named_with_the_package(tmp_path, make):
    index = dict(INDEX, depends=["python >=3.10", "numpy >="])
    path = make(
        tmp_path / f"demo-1.0-h0_0{'.tar.bz2' if make is _tar_bz2 else '.conda'}",
        {"info/index.json": _json(index), "info/paths.json": _json(PATHS), "info/about.json": b'{"home": 1}'},
    )
    problems = validate_file(path)
    assert [(p.file, p.line, p.column, p.message) for p in problems] == [
        (f"{path}!info/about.json", 1, 10, 'home: expected a string, got the number 1 (quote it: "1")'),
        (
            f"{path}!info/index.json",
            8,
            5,
            "depends[1]: 'numpy >=' is not a valid MatchSpec (unable to parse version spec: >=)",
        ),
    ]


def test_a_package_without_its_required_members(tmp_path):
    path = _tar_bz2(tmp_path / "demo-1.0-0.tar.bz2", {"info/index.json": _json(INDEX), "lib/x.so": b"x"})
    [problem] = validate_file(path)
    assert (problem.file, problem.line) == (str(path), 1)
    assert problem.message == "not a conda package: info/paths.json is missing (CEP 34 requires it)"


def test_members_outside_info_and_recipes_inside_are_not_validated(tmp_path):
    members = {
        "info/index.json": _json(INDEX),
        "info/paths.json": _json(PATHS),
        "info/recipe/recipe.yaml": b"cache: {}\n",  # the recipe as written: not package metadata
        "info/recipe/conda_build_config.yaml": b"x: {a: 1}\n",
        "etc/conda/env_vars.d/x.json": b"[1]",
        "info/hash_input.json": b"[]",  # no schema
    }
    assert validate_file(_tar_bz2(tmp_path / "demo-1.0-0.tar.bz2", members)) == []


def test_unreadable_package_is_one_line(tmp_path):
    path = tmp_path / "demo-1.0-0.conda"
    path.write_bytes(b"not a zip")
    with pytest.raises(InputError) as info:
        validate_file(path)
    assert info.value.file == str(path) and "cannot read archive" in info.value.message
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_member_that_is_not_json(tmp_path):
    path = _tar_bz2(tmp_path / "demo-1.0-0.tar.bz2", {"info/index.json": b'{"name": ', "info/paths.json": _json(PATHS)})
    with pytest.raises(InputError) as info:
        validate_file(path)
    assert str(info.value).startswith(f"{path}!info/index.json:1:10: invalid JSON: Expecting value")


def test_member_limit_applies(tmp_path, monkeypatch):
    from recipegen.validation import kinds

    monkeypatch.setattr(kinds, "JSON_MAX_BYTES", 16)
    path = _tar_bz2(tmp_path / "demo-1.0-0.tar.bz2", {"info/index.json": _json(INDEX), "info/paths.json": _json(PATHS)})
    with pytest.raises(InputError, match="larger than 16 bytes"):
        validate_file(path)


def test_cli_validates_packages_and_counts_each_as_one_file():
    result = CliRunner().invoke(main, ["validate", *map(str, sorted(PACKAGES.glob("*.conda")))])
    assert result.exit_code == 0, result.output
    assert "validated 3 file(s): no problems" in result.stderr


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("x-1.0-0.conda", b"garbage\n"),
        ("x-1.0-0.tar.bz2", b"garbage\n"),
        ("x-1.0-0.conda", b""),
        ("x-1.0-0.tar.bz2", b""),
    ],
    ids=["conda-garbage", "tar-bz2-garbage", "conda-empty", "tar-bz2-empty"],
)
def test_a_file_that_is_no_archive_is_unusable(name, data, tmp_path):
    """review2 #10: libarchive reads a few bytes of anything as an empty archive; a package file
    that is not a zip / bzip2 stream is "cannot read archive", exit 2, not missing members."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        validate_file(path)
    assert "cannot read archive" in info.value.message
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2 and "is missing" not in result.output


def test_an_old_package_without_paths_json_is_accepted():
    """review2 #18: conda installs packages from before `info/paths.json` (they list `info/files`);
    recipegen decides as the tool that reads them, as for `info/index.json`'s old keys."""
    assert validate_file(PACKAGES / "old" / "foo-0.1-0.tar.bz2") == []
