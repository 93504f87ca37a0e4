"""`recipegen split` on real Debian packages: `.deb` input, multiarch folders, names, pin widths.

fixtures/split/deb/ holds two real .deb files (libyaml 0.2.5, MIT); fixtures/split/
debian_packages_bookworm.json the control fields, file lists, SONAMEs and pkg-config files of
the runtime and -dev packages of protobuf, libpng, zlib, libyaml, brotli and openssl
(see fixtures/split/README.md).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from recipegen.generators.split.api import SplitGenerator
from recipegen.generators.split.debian import source_name, upstream_version
from recipegen.generators.split.inputs import (
    InstallTree,
    SplitInputError,
    TreeFile,
    merge_trees,
    move_multiarch,
    read_tree,
    read_trees,
)
from recipegen.generators.split.outputs import width_from_soname

from recipegen.cli import main

from .split_trees import elf_shared_object

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "split"
DEBS = sorted((FIXTURES / "deb").glob("*.deb"))
PACKAGES = json.loads((FIXTURES / "debian_packages_bookworm.json").read_text())["libraries"]
ABOUT = {"license": "MIT", "license_file": "License"}


def test_deb_files_are_read_as_one_tree_with_their_metadata():
    tree = read_trees([str(d) for d in DEBS])
    assert (tree.kind, tree.name, tree.version, tree.subdir) == ("deb", "libyaml", "0.2.5", "linux-64")
    assert tree.about == {
        "home": "https://github.com/yaml/libyaml",
        "summary": "Fast YAML 1.1 parser and emitter library",
    }
    paths = {f.path for f in tree.files}
    assert {"lib/libyaml-0.so.2", "lib/libyaml-0.so.2.0.9", "lib/libyaml.so", "include/yaml.h"} <= paths
    assert not any("x86_64-linux-gnu" in p or p.startswith(("usr/", "share/doc/")) for p in paths)
    assert any("multiarch" in note for note in tree.notes)


def test_split_of_real_debs_names_no_multiarch_path():
    result = SplitGenerator(about=ABOUT).split([str(d) for d in DEBS])
    text = json.dumps(result.recipe.data)
    assert result.recipe.folder == "libyaml-split"
    assert "x86_64-linux-gnu" not in text
    runtime = result.recipe.data["outputs"][1]
    assert runtime["build"]["files"] == ["lib/libyaml-0.so.*"]
    assert runtime["requirements"]["run_exports"] == ["${{ pin_subpackage('libyaml', upper_bound='x.x') }}"]
    assert result.recipe.notes[0] == "name `libyaml` from the package metadata (libyaml); pass --name to choose another"
    assert result.recipe.data["context"]["version"] == "0.2.5"


def test_split_command_takes_several_debs(tmp_path):
    args = ["split", *map(str, DEBS), "--license", "MIT", "--license-file", "License", "-o", str(tmp_path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "libyaml-split" / "recipe.yaml").is_file()


def test_debs_of_different_source_packages_are_refused(tmp_path):
    other = InstallTree("b.deb", [TreeFile("lib/libz.so.1")], "deb", name="zlib")
    with pytest.raises(SplitInputError, match="different source packages"):
        merge_trees([read_tree(DEBS[0]), other])


def test_a_path_given_twice_must_be_the_same_file():
    first = InstallTree("a", [TreeFile("lib/libfoo.so", is_symlink=True, link_target="libfoo.so.1")], "folder")
    second = InstallTree("b", [TreeFile("lib/libfoo.so", size=10)], "folder")
    with pytest.raises(SplitInputError, match="differs"):
        merge_trees([first, second])


def _tree(name: str, root: Path) -> Path:
    """The files of a library's Debian packages, as a DESTDIR-style folder (no package metadata)."""
    for entry in PACKAGES[name]["files"]:
        target = root / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if "link" in entry:
            os.symlink(entry["link"], target)
        elif "soname" in entry:
            target.write_bytes(elf_shared_object(entry["soname"]))
        else:
            target.write_text(entry.get("text", ""))
    return root


def _release(name: str) -> str:
    return upstream_version(next(iter(PACKAGES[name]["packages"].values()))["Version"])


# name: (default name without package metadata, pin width with the release version)
EXPECTED = {
    "protobuf": ("protobuf", "x.x"),  # libprotobuf.so.32 for 3.21.12: conda-forge pins protobuf x.x
    "libpng": ("libpng", "x.x"),  # libpng16.so.16 for 1.6.39
    "zlib": ("zlib", "x"),  # not `z`
    "libyaml": ("yaml", "x.x"),  # yaml-0.1.pc, not the library's `yaml-0`
    "brotli": ("brotli", "x"),  # the libraries' common prefix, not `brotlidec`
    "openssl": ("openssl", "x"),  # openssl.pc requires libssl and libcrypto: not `ssl`
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_names_and_pin_widths_of_real_debian_libraries(name, tmp_path):
    result = SplitGenerator(about={**ABOUT, "homepage": "x", "summary": "x"}).split(str(_tree(name, tmp_path / name)))
    expected_name, expected_width = EXPECTED[name]
    assert result.plan.name == expected_name, result.recipe.notes[0]
    assert result.recipe.notes[0].startswith(f"name `{expected_name}` from the ")
    assert result.plan.pin_width == expected_width, result.plan.pin_reason
    assert f"release {_release(name)}" in result.plan.pin_reason
    assert "x86_64-linux-gnu" not in json.dumps(result.recipe.data)


@pytest.mark.parametrize(
    ("soname", "version", "width"),
    [
        ("libprotobuf.so.32", "3.21.12", "x.x"),
        ("libpng16.so.16", "1.6.43", "x.x"),
        ("libsodium.so.23", "1.0.18", "x.x.x"),  # conda-forge pins libsodium x.x.x
        ("libcurl.so.4", "8.5.0", "x"),  # conda-forge pins libcurl x
        ("libzstd.so.1", "1.5.6", "x"),
        ("libbz2.so.1.0", "1.0.8", "x.x"),
        ("libicuuc.so.75", "75.1", "x"),
        ("libprotobuf.so.25.1.0", "25.1", "x.x"),
        ("libfoo.so.3.4", "", "x.x"),  # no release version: the SONAME's own components
    ],
)
def test_pin_width_from_how_the_soname_moves_with_the_version(soname, version, width):
    assert width_from_soname(soname, "SONAME", version)[0] == width


@pytest.mark.parametrize(
    ("version", "upstream"),
    [
        ("1:1.2.13.dfsg-1+deb12u1", "1.2.13"),
        ("1.5.4+dfsg2-5", "1.5.4"),
        ("3.0.22-1~deb12u2", "3.0.22"),
        ("0.2.5-1", "0.2.5"),
    ],
)
def test_debian_versions_to_upstream(version, upstream):
    assert upstream_version(version) == upstream


def test_debian_source_names():
    assert source_name({"Source": "libpng1.6", "Package": "libpng16-16"}) == "libpng"
    assert source_name({"Source": "openssl (3.0.22-1~deb12u2)", "Package": "libssl3"}) == "openssl"
    assert source_name({"Package": "libxml2"}) == "libxml2"


def test_multiarch_file_whose_lib_name_is_taken_stays_with_a_note():
    files = [
        TreeFile("lib/x86_64-linux-gnu/libfoo.so.1"),
        TreeFile("lib/libfoo.so.1"),
        TreeFile("lib/x86_64-linux-gnu/libbar.so.1"),
    ]
    moved, notes = move_multiarch(files)
    assert [f.path for f in moved] == ["lib/x86_64-linux-gnu/libfoo.so.1", "lib/libfoo.so.1", "lib/libbar.so.1"]
    assert "read as lib/" in notes[0] and "left in a multiarch folder" in notes[1]


def test_a_link_to_a_header_folder_is_no_cxx_header(tmp_path):
    """libpng-dev's `include/libpng -> libpng16` has no suffix but is not a C++ header."""
    result = SplitGenerator(about={**ABOUT, "homepage": "x", "summary": "x"}).split(
        str(_tree("libpng", tmp_path / "libpng"))
    )
    assert result.recipe.data["outputs"][0]["requirements"]["build"] == ["${{ compiler('c') }}", "${{ stdlib('c') }}"]
