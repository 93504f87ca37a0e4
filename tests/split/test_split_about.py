"""What a split recipe's `about` takes from the input, and the command refusing to write a
recipe whose required `about` fields are still unknown (exit 1, one line, nothing written)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from recipegen.cli import main
from recipegen.yamlio import load_yaml

from .split_trees import conda_info, linux_tree, tar_bz2_package, write_folder

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "split"
ISC = (FIXTURES / "LICENSE-ISC").read_text()


def run(*args: str):
    return CliRunner().invoke(main, ["split", *args])


def bare_tree() -> dict:
    """linux_tree with no license text and a pkg-config file that says nothing about the project."""
    return {k: v for k, v in linux_tree().items() if not k.startswith("share/licenses/")}


def test_unknown_about_fields_fail_in_one_line_and_write_nothing(tmp_path: Path) -> None:
    prefix = write_folder(bare_tree(), tmp_path / "prefix")
    out = tmp_path / "sout"
    result = run(str(prefix), "--name", "foo", "--output", str(out))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"error: foo-split: the input ({prefix}) does not say about.homepage, about.summary, about.license, "
        "about.license_file: pass --homepage URL, --summary TEXT, --license SPDX, --license-file NAME"
    ]
    assert not out.exists()


def test_options_fill_every_field(tmp_path: Path) -> None:
    prefix = write_folder(bare_tree(), tmp_path / "prefix")
    out = tmp_path / "sout"
    result = run(
        str(prefix),
        "--name",
        "foo",
        "--output",
        str(out),
        "--homepage",
        "https://foo.org",
        "--summary",
        "The foo library",
        "--license",
        "MIT",
        "--license-file",
        "COPYING",
    )
    assert result.exit_code == 0, result.output
    about = load_yaml(out / "foo-split" / "recipe.yaml")["about"]
    assert dict(about) == {
        "homepage": "https://foo.org",
        "summary": "The foo library",
        "license": "MIT",
        "license_file": "COPYING",
    }


def test_license_in_share_doc_is_a_license(tmp_path: Path) -> None:
    files = {**bare_tree(), "share/doc/foo/COPYING": ISC.encode()}
    prefix = write_folder(files, tmp_path / "prefix")
    explained = run(str(prefix), "--explain").output
    row = next(line for line in explained.splitlines() if line.startswith("share/doc/foo/COPYING "))
    assert row.split()[1:3] == ["license", "libfoo"]
    result = run(str(prefix), "--stdout", "--homepage", "https://foo.org", "--summary", "The foo library")
    assert result.exit_code == 0, result.output
    assert "  license: ISC\n  license_file: COPYING\n" in result.output  # the source's file of that name


def test_pkg_config_url_and_description(tmp_path: Path) -> None:
    files = bare_tree()
    files["lib/pkgconfig/foo.pc"] = (
        b"Name: foo\nDescription: Fast foo encoding\nURL: https://foo.example.org\nVersion: 1.2.3\nLibs: -lfoo\n"
    )
    files["share/licenses/foo/LICENSE"] = ISC.encode()
    result = run(str(write_folder(files, tmp_path / "prefix")), "--stdout")
    assert result.exit_code == 0, result.output
    assert "  homepage: https://foo.example.org\n  summary: Fast foo encoding\n" in result.output
    assert "about.summary taken from foo.pc (Description)" in result.output


def test_conda_package_about_json_is_enough(tmp_path: Path) -> None:
    package = tmp_path / "libfoo-1.2.3-h0_0.tar.bz2"
    package.write_bytes(tar_bz2_package(bare_tree(), conda_info("libfoo", "1.2.3", "linux-64", ISC)))
    result = run(str(package), "--stdout")
    assert result.exit_code == 0, result.output
    assert (
        "  homepage: https://example.org/libfoo\n  summary: libfoo library\n  license: BSD-3-Clause\n"
        "  license_file: LICENSE\n"
    ) in result.output


def test_outputs_only_needs_no_about(tmp_path: Path) -> None:
    prefix = write_folder(bare_tree(), tmp_path / "prefix")
    result = run(str(prefix), "--name", "foo", "--outputs-only", "--output", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o" / "foo-split" / "outputs.yaml").read_text().startswith("outputs:")
