"""`about` of a cxx recipe from what the source says (git remote, README, pkg-config template,
meson pkgconfig.generate) and the command refusing to write without the required fields."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from recipegen.generators.cxx.about import (
    git_remote_url,
    https_url,
    meson_pkgconfig_description,
    pkg_config_description,
    readme_summary,
)

from recipegen.cli import main
from recipegen.yamlio import load_yaml

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "cxx"


@pytest.mark.parametrize(
    ("remote", "url"),
    [
        ("git@github.com:madler/zlib.git", "https://github.com/madler/zlib"),
        ("ssh://git@gitlab.com/group/sub/proj.git", "https://gitlab.com/group/sub/proj"),
        ("https://user@codeberg.org/o/r.git/", "https://codeberg.org/o/r"),
        ("/srv/git/local.git", ""),
        ("", ""),
    ],
)
def test_https_url(remote: str, url: str) -> None:
    assert https_url(remote) == url


def test_git_remote_prefers_origin() -> None:
    config = (
        '[core]\n\tbare = false\n[remote "upstream"]\n\turl = https://example.org/a/b.git\n'
        '[remote "origin"]\n\turl = git@github.com:o/r.git\n[branch "main"]\n\tremote = origin\n'
    )
    assert git_remote_url(config) == "https://github.com/o/r"
    assert git_remote_url("not an ini file [") == ""


@pytest.mark.parametrize(
    ("readme", "summary"),
    [
        (
            "# foo\n\n[![CI](https://x/badge.svg)](https://x)\n\nFoo is a *fast* [JSON](https://json.org) parser. "
            "It is small.\n",
            "Foo is a fast JSON parser",
        ),
        (
            "ZLIB DATA COMPRESSION LIBRARY\n\nzlib 1.3.1 is a general purpose data compression library.  All the\n"
            "code is thread safe.\n",
            "zlib is a general purpose data compression library",
        ),
        (
            "libsodium\n=========\n\nSodium is an easy-to-use software library for encryption.\n",
            "Sodium is an easy-to-use software library for encryption",
        ),
        (  # libccd 2.1's README.md: bold italic
            "# libccd [![Build Status](https://travis-ci.org/danfis/libccd.svg?branch=master)](https://travis-ci.org/danfis/libccd)\n\n"
            "***libccd*** is library for a collision detection between two convex shapes.\n",
            "libccd is library for a collision detection between two convex shapes",
        ),
        ("foo\n\n```\nfoo --help is a command here.\n```\n\n- a list item is no summary\n", ""),
        ("# foo\n\n" + "word " * 60 + ".\n", ""),  # too long for a one-line summary
    ],
)
def test_readme_summary(readme: str, summary: str) -> None:
    assert readme_summary(readme, "foo") == summary


def test_pkg_config_and_meson_descriptions() -> None:
    texts = {
        "zlib.pc.cmakein": "Name: zlib\nDescription: zlib compression library\nVersion: @VERSION@\n",
        "other.pc.in": "Description: @DESCRIPTION@\n",
    }
    assert pkg_config_description(texts, "zlib") == ("zlib compression library", "zlib.pc.cmakein")
    assert pkg_config_description({"x.pc.in": "Description: @D@\n"}, "x") == ("", "")
    meson = {
        "lib/meson.build": "pkg = import('pkgconfig')\npkg.generate(lib,\n  name: 'x',\n"
        "  description: 'JSON Parser for GLib.',\n)\n"
    }
    assert meson_pkgconfig_description(meson) == ("JSON Parser for GLib", "lib/meson.build")


def copy_project(tmp_path: Path, project: str) -> Path:
    folder = tmp_path / project
    shutil.copytree(FIXTURES / project, folder)
    return folder


def run(*args: str):
    return CliRunner().invoke(main, ["cxx", *args])


def test_folder_without_homepage_is_written_with_a_note_asking_for_it(tmp_path: Path) -> None:
    folder = copy_project(tmp_path, "zlib-1.3.1")
    out = tmp_path / "out"
    result = run(str(folder), "--output", str(out))
    assert result.exit_code == 0, result.output
    assert (
        f"zlib-split: the source ({folder}) does not say about.homepage: add it to the recipe before "
        "submitting it to conda-forge, or pass --homepage URL"
    ) in result.output.splitlines()
    about = load_yaml(out / "zlib-split" / "recipe.yaml")["about"]
    assert "homepage" not in about and about["license"] == "Zlib"


def test_folder_without_homepage_or_licence_is_refused_asking_for_both(tmp_path: Path) -> None:
    folder = copy_project(tmp_path, "zlib-1.3.1")
    (folder / "LICENSE").unlink()
    out = tmp_path / "out"
    result = run(str(folder), "--output", str(out))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"error: zlib-split: the source ({folder}) does not say about.homepage, about.license, "
        "about.license_file: pass --homepage URL, --license SPDX, --license-file NAME"
    ]
    assert not out.exists()


def test_git_remote_gives_homepage_and_repository(tmp_path: Path) -> None:
    folder = copy_project(tmp_path, "zlib-1.3.1")
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text('[remote "origin"]\n\turl = git@github.com:madler/zlib.git\n')
    out = tmp_path / "out"
    result = run(str(folder), "--output", str(out))
    assert result.exit_code == 0, result.output
    about = load_yaml(out / "zlib-split" / "recipe.yaml")["about"]
    assert (about["homepage"], about["repository"]) == ("https://github.com/madler/zlib",) * 2
    assert about["summary"] == "zlib compression library"  # zlib.pc.cmakein
    assert "about.homepage taken from the git remote" in result.output


def test_readme_gives_summary(tmp_path: Path) -> None:
    folder = copy_project(tmp_path, "libsodium-1.0.20")  # AC_INIT gives the URL, nothing gives a summary
    assert "does not say about.summary" in run(str(folder), "--stdout").output
    (folder / "README.markdown").write_text(
        "# libsodium\n\nSodium is an easy-to-use software library for "
        "encryption, decryption and signatures. It is portable.\n"
    )
    result = run(str(folder), "--stdout")
    assert result.exit_code == 0, result.output
    assert (
        "  summary: Sodium is an easy-to-use software library for encryption, decryption and signatures\n"
        in result.output
    )
    assert "about.summary taken from the first sentence of README.markdown: check it" in result.output


def test_options_fill_what_the_source_does_not_say(tmp_path: Path) -> None:
    folder = copy_project(tmp_path, "json-3.11.3")
    result = run(str(folder), "--stdout", "--homepage", "https://json.nlohmann.me", "--summary", "JSON for Modern C++")
    assert result.exit_code == 0, result.output
    assert "  homepage: https://json.nlohmann.me\n  summary: JSON for Modern C++\n  license: MIT\n" in result.output
