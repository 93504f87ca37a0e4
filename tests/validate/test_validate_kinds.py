"""Which schema a file needs, from its name and folder (the catalog's fileMatch patterns)."""

from __future__ import annotations

import pytest

from recipegen.validation.kinds import all_kinds, is_archive, kind_for_path, kind_named, matches


@pytest.mark.parametrize(
    "path, kind",
    [
        ("recipe/recipe.yaml", "recipe-v1"),
        ("recipe/variants.yaml", "variants"),
        ("recipe/conda_build_config.yaml", "variants"),
        ("foo-feedstock/conda-forge.yml", "conda-forge"),
        ("environment.yml", "environment"),
        ("ci/environment-py312.yaml", "environment"),
        ("docs/doc_environment.yml", "environment"),
        ("/home/me/.condarc", "condarc"),
        ("/etc/conda/condarc", "condarc"),
        ("/opt/conda/condarc.d/mirror.yaml", "condarc"),
        ("/home/me/.mambarc", "condarc"),
        ("conda-lock.yml", "conda-lock"),
        ("envs/py312.conda-lock.yml", "conda-lock"),
        ("pkg/info/recipe/rendered_recipe.yaml", "rendered-recipe"),
        ("pkg/info/index.json", "package-index"),
        ("info/about.json", "package-about"),
        ("C:\\\\pkgs\\\\x\\\\info\\\\paths.json", "package-paths"),
        ("x/info/link.json", "package-link"),
        ("x/info/run_exports.json", "package-run-exports"),
        ("channel/linux-64/run_exports.json", "channel-run-exports"),
        ("channel/noarch/repodata.json", "repodata"),
        ("channel/noarch/current_repodata.json", "repodata"),
        ("channel/noarch/repodata_from_packages.json", "repodata"),
        ("channel/channeldata.json", "channeldata"),
    ],
)
def test_kind_from_name_and_folder(path, kind):
    found = kind_for_path(path)
    assert found is not None and found.name == kind


@pytest.mark.parametrize(
    "path",
    ["index.json", "about.json", "pkg/info/repodata_record.json", "package.json", "meta.yaml", "env.yml", "x.yaml"],
)
def test_names_no_kind_claims(path):
    assert kind_for_path(path) is None


def test_each_path_has_at_most_one_kind():
    samples = [p for kind in all_kinds() for p in kind.patterns if not p.startswith("!") and "*" not in p]
    for sample in samples:
        assert sum(kind.matches(f"a/{sample.replace('**/', '')}") for kind in all_kinds()) == 1, sample


def test_fileMatch_rules_like_vs_code():
    assert matches(("*.json", "!secret.json"), "a/b.json")
    assert not matches(("*.json", "!secret.json"), "a/secret.json")
    assert matches(("!secret.json", "*.json"), "a/secret.json")  # the last matching pattern decides
    assert matches(("**/info/index.json",), "info/index.json")
    assert not matches(("**/info/index.json",), "info/x/index.json")
    assert matches(("dir/*.yml",), "dir/a.yml") and not matches(("dir/*.yml",), "x/dir/a.yml")


def test_kind_named_accepts_names_aliases_and_file_names():
    assert kind_named("environment").name == "environment"
    assert kind_named("conda-lock.schema.json").name == "conda-lock"
    assert kind_named("recipe").name == "recipe-v1" and kind_named("variant").name == "variants"
    assert kind_named("conda-forge.yml").name == "conda-forge"
    assert kind_named("info/index.json").name == "package-index"
    assert kind_named("nope") is None


def test_syntax_and_size_limits():
    assert kind_named("repodata").syntax == "json" and kind_named("repodata").max_bytes == 32 * 1024 * 1024
    assert kind_named("condarc").syntax == "yaml" and kind_named("condarc").max_bytes == 2 * 1024 * 1024
    assert kind_named("conda-lock").max_bytes > kind_named("environment").max_bytes


def test_archives():
    assert is_archive("x-1.0-0.conda") and is_archive("dir/x-1.0-0.tar.bz2")
    assert not is_archive("x.tar.gz") and not is_archive("x.zip")
