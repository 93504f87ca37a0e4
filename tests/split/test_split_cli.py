"""`recipegen split` on the command line: write, --stdout, --explain, --outputs-only, errors."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from recipegen.cli import main
from recipegen.yamlio import load_yaml

from .split_trees import conda_info, dot_conda, linux_tree, write_folder

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "split"
LICENSE = (FIXTURES / "LICENSE-ISC").read_text()


ABOUT = ("--homepage", "https://example.org/foo", "--summary", "The foo library")


def run(*args: str):
    return CliRunner().invoke(main, ["split", *args])


def test_writes_recipe_and_refuses_to_overwrite(tmp_path):
    artifact = tmp_path / "libfoo-1.2.3-h0_0.conda"
    artifact.write_bytes(dot_conda(linux_tree(), conda_info("libfoo", "1.2.3", "linux-64", LICENSE), "x"))
    out = tmp_path / "recipes"
    result = run(str(artifact), "--static", "--output", str(out), "--maintainer", "octocat")
    assert result.exit_code == 0, result.output
    # The package's own name (libfoo) is the base: libfoo-static like conda-forge's liblzma-static.
    recipe = load_yaml(out / "libfoo-split" / "recipe.yaml")
    assert [o.get("package", o.get("staging"))["name"] for o in recipe["outputs"]] == [
        "libfoo-build",
        "libfoo",
        "libfoo-devel",
        "libfoo-static",
        "libfoo-tools",
    ]
    assert recipe["about"]["license"] == "BSD-3-Clause"  # what the package's index.json says
    assert recipe["about"]["license_file"] == "LICENSE"  # info/licenses/LICENSE
    assert recipe["about"]["homepage"] == "https://example.org/libfoo"
    again = run(str(artifact), "--output", str(out))
    assert again.exit_code == 1 and "already exists" in again.output
    assert run(str(artifact), "--output", str(out), "--force").exit_code == 0


def test_license_identified_from_the_trees_license_file(tmp_path):
    files = {**linux_tree(), "share/licenses/foo/LICENSE": LICENSE.encode()}
    result = run(str(write_folder(files, tmp_path / "prefix")), "--stdout", *ABOUT)
    assert result.exit_code == 0, result.output
    assert "license: ISC\n  license_file: LICENSE\n" in result.output


def test_explain_prints_every_file_with_its_reason(tmp_path):
    prefix = write_folder(linux_tree(), tmp_path / "prefix")
    result = run(str(prefix), "--explain")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["FILE", "CATEGORY", "OUTPUT", "REASON"]
    row = next(line for line in lines if line.startswith("lib/libfoo.a "))
    assert "(left out)" in row and "static archive" in row
    assert "CFEP-18" in result.output  # the note about left-out static archives
    assert not any(tmp_path.glob("*/recipe.yaml"))


def test_stdout_and_outputs_only(tmp_path):
    prefix = write_folder(linux_tree(), tmp_path / "prefix")
    full = run(str(prefix), "--stdout", "--name", "foo", *ABOUT, "--license", "BSD-3-Clause")
    assert full.exit_code == 0 and "recipe:\n  name: foo-split" in full.output
    part = run(str(prefix), "--stdout", "--outputs-only", "--name", "foo")
    assert part.exit_code == 0
    yaml_text = part.output[part.output.index("outputs:") :]
    assert "recipe:" not in yaml_text and "- package:\n      name: libfoo\n" in yaml_text


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    result = run(str(tmp_path / "nope.conda"))
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {tmp_path / 'nope.conda'}: no such file or folder"
    (tmp_path / "bad.tar.gz").write_bytes(b"\x1f\x8b garbage")
    result = run(str(tmp_path / "bad.tar.gz"))
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "Traceback" not in result.output
    prefix = write_folder(linux_tree(), tmp_path / "prefix")
    assert run(str(prefix), "--name", "Bad Name").exit_code == 2


def test_static_only_tree_needs_static(tmp_path):
    prefix = write_folder({"lib/libonly.a": b"!<arch>\n", "share/doc/only/README": b"x"}, tmp_path / "prefix")
    result = run(str(prefix), "--stdout", "--version", "1.0")
    assert result.exit_code == 1 and "only static archives found; pass --static" in result.output
    result = run(
        str(prefix), "--stdout", "--version", "1.0", "--static", *ABOUT, "--license", "MIT", "--license-file", "COPYING"
    )
    assert result.exit_code == 0, result.output and "name: only-static" in result.output
    assert "no shared library found, only static archives" in result.output
