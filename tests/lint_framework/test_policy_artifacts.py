"""License policy files and --artifact packages."""

from __future__ import annotations

import json
import zipfile

import libarchive
import pytest
from recipegen.linters.api import LintRequest, lint_file, lint_paths
from recipegen.linters.artifacts import read_artifact
from recipegen.linters.policy import load_policy, parse_policy

from recipegen.problems import InputError

from .conftest import CLEAN_V1, run_cli, run_json, write_recipe


def test_policy_toml_and_yaml(tmp_path):
    toml = tmp_path / "policy.toml"
    toml.write_text('allow = ["permissive", "MPL-2.0"]\ndeny = ["copyleft"]\nmessage = "ask legal"\n')
    yaml = tmp_path / "policy.yaml"
    yaml.write_text("allow: [permissive, MPL-2.0]\ndeny: [copyleft]\nmessage: ask legal\n")
    from dataclasses import replace

    assert replace(load_policy(toml), source="") == replace(load_policy(yaml), source="")
    policy = load_policy(toml)
    assert policy.allow_families == {"permissive"} and policy.allow_ids == {"mpl-2.0"}
    assert policy.deny_families == {"copyleft"} and policy.message == "ask legal"


def test_policy_verdicts():
    policy = parse_policy({"allow": ["permissive", "LGPL-2.1-or-later"], "deny": ["GPL-3.0-only"]}, "p")
    assert policy.evaluate("MIT").allowed
    assert policy.evaluate("mit").allowed
    assert not policy.evaluate("GPL-3.0-only").allowed
    assert "denied" in policy.evaluate("GPL-3.0-only").reason
    assert policy.evaluate("GPL-3.0-only OR MIT").allowed  # one acceptable alternative
    verdict = policy.evaluate("MIT AND MPL-2.0")
    assert not verdict.allowed and verdict.license_id == "MPL-2.0" and "allow list" in verdict.reason
    assert policy.evaluate("LGPL-2.1-or-later WITH Classpath-exception-2.0").allowed
    families = parse_policy({"deny": ["copyleft"]}, "p")
    assert not families.evaluate("GPL-2.0-or-later").allowed
    assert families.evaluate("Apache-2.0").allowed


@pytest.mark.parametrize(
    "data, message",
    [
        ({"allow": "MIT", "colour": 1}, "unknown"),
        ({"allow": [1]}, "list"),
        ({}, "neither"),
        ([1, 2], "mapping"),
    ],
)
def test_bad_policy(data, message):
    with pytest.raises(InputError, match=message):
        parse_policy(data, "policy.yaml")


@pytest.mark.parametrize(
    ("name", "text", "line", "entry"),
    [
        ("p.toml", 'allow = ["permisive", "MIT"]\n', 1, "permisive"),
        ("p.toml", 'deny = [\n  "copyleft",\n  "GPL-3.0-onyl",\n]\n', 3, "GPL-3.0-onyl"),
        ("p.yaml", "allow:\n  - permissive\ndeny:\n  - copyleft\n  - Foo-License\n", 5, "Foo-License"),
    ],
    ids=["toml-family", "toml-id", "yaml-id"],
)
def test_unknown_family_or_license_is_refused_at_its_line(tmp_path, name, text, line, entry):
    (tmp_path / name).write_text(text)
    with pytest.raises(InputError, match=f"`{entry}` is neither an SPDX license id nor a license family") as caught:
        load_policy(tmp_path / name)
    assert (caught.value.file, caught.value.line) == (str(tmp_path / name), line)
    path = write_recipe(tmp_path / "foo", CLEAN_V1)
    code, out = run_cli("--license-policy", str(tmp_path / name), str(path))
    assert code == 2 and f"error: {tmp_path / name}:{line}:1: license policy" in out


def test_known_names_any_case_and_licenseref_are_accepted():
    policy = parse_policy({"allow": ["Permissive", "mit", "LicenseRef-Acme"], "deny": ["gpl-3.0-only"]}, "p")
    assert policy.allow_families == {"permissive"} and policy.allow_ids == {"mit", "licenseref-acme"}


def test_bad_policy_file_exits_2(tmp_path):
    path = write_recipe(tmp_path / "foo", CLEAN_V1)
    (tmp_path / "p.toml").write_text("allow = [\n")
    code, out = run_cli("--license-policy", str(tmp_path / "p.toml"), str(path))
    assert code == 2 and "invalid TOML" in out
    code, out = run_cli("--license-policy", str(tmp_path / "missing.toml"), str(path))
    assert code == 2 and "no such file" in out


def test_policy_reaches_the_rules(tmp_path, only_rules):
    from .conftest import fake_rule

    seen = []

    def check(doc, options):
        seen.append(options.license_policy)
        return iter(())

    only_rules(fake_rule("fake-policy", check))
    (tmp_path / "policy.yaml").write_text("deny: [copyleft]\n")
    (tmp_path / "recipegen.toml").write_text('[lint]\nlicense-policy = "policy.yaml"\n')
    path = write_recipe(tmp_path / "foo", CLEAN_V1)
    lint_paths([path], LintRequest())
    assert seen and seen[0].deny_families == {"copyleft"}


def _tarball(path, files: dict[str, bytes], filter_name: str) -> None:
    with libarchive.file_writer(str(path), "ustar", filter_name) as archive:
        for name, data in files.items():
            archive.add_file_from_memory(name, len(data), data)


def _index(name: str) -> bytes:
    return json.dumps({"name": name, "version": "1.0", "build": "h0_0", "subdir": "linux-64"}).encode()


def make_conda(tmp_path, name: str, files: dict[str, bytes]) -> str:
    stem = f"{name}-1.0-h0_0"
    _tarball(tmp_path / "pkg.tar.zst", files, "zstd")
    _tarball(
        tmp_path / "info.tar.zst",
        {"info/index.json": _index(name), "info/run_exports.json": b'{"weak": ["foo >=1.0"]}'},
        "zstd",
    )
    target = tmp_path / f"{stem}.conda"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("metadata.json", '{"conda_pkg_format_version": 2}')
        zf.write(tmp_path / "pkg.tar.zst", f"pkg-{stem}.tar.zst")
        zf.write(tmp_path / "info.tar.zst", f"info-{stem}.tar.zst")
    return str(target)


def test_read_conda_package(tmp_path):
    path = make_conda(
        tmp_path, "libfoo", {"lib/libfoo.so.1": b"\x7fELF", "lib/libfoo.a": b"!<arch>", "include/foo.h": b"int foo;"}
    )
    artifact = read_artifact(path)
    assert artifact.name == "libfoo" and artifact.version == "1.0" and artifact.subdir == "linux-64"
    assert artifact.files == ("include/foo.h", "lib/libfoo.a", "lib/libfoo.so.1")
    assert artifact.run_exports == {"weak": ["foo >=1.0"]}


def test_read_tar_bz2_package(tmp_path):
    path = tmp_path / "libbar-1.0-h0_0.tar.bz2"
    _tarball(path, {"info/index.json": _index("libbar"), "lib/libbar.so": b"x"}, "bzip2")
    artifact = read_artifact(str(path))
    assert artifact.name == "libbar" and artifact.files == ("lib/libbar.so",) and artifact.run_exports == {}


def test_artifacts_reach_the_document(tmp_path, only_rules):
    from .conftest import fake_rule

    seen = []

    def check(doc, options):
        seen.append(doc.artifact_files)
        return iter(())

    only_rules(fake_rule("fake-artifact", check))
    package = make_conda(tmp_path, "libfoo", {"lib/libfoo.a": b"!<arch>"})
    path = write_recipe(tmp_path / "foo", CLEAN_V1)
    lint_file(path, LintRequest(artifacts=(package,), use_config=False))
    assert seen == [{"libfoo": ["lib/libfoo.a"]}]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not an archive at all", "cannot read archive"),
        (None, "no such package"),
    ],
)
def test_bad_artifact_exits_2(tmp_path, content, message):
    package = tmp_path / "broken-1.0-0.conda"
    if content is not None:
        package.write_bytes(content)
    path = write_recipe(tmp_path / "foo", CLEAN_V1)
    code, problems = run_json("--select", "schema", "--artifact", str(package), str(path))
    assert code == 2
    assert any(message in p["message"] and p["file"] == str(package) for p in problems)
