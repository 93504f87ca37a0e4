"""Recipes: dependency sets and bounds against the registry's own data, stdlibs per Julia
version, JLLs, subdir packages, both registry forms, the fetched source, golden recipes."""

from __future__ import annotations

import re
import shutil
import sys

import pytest
from rattler import MatchSpec, Version, VersionSpec
from recipegen.generators.julia.generate import JuliaGenerator
from recipegen.generators.julia.recipe import RecipeOptions, summary_from_readme
from recipegen.generators.julia.registry import open_local
from recipegen.generators.julia.source import git_tree_hash

from recipegen.archives import iter_members
from recipegen.generate import GenerationError, check_recipe_text
from recipegen.http import Fetcher
from recipegen.yamlio import parse_yaml, to_plain

from .conftest import (
    FIXTURES,
    PROJECTS,
    REGISTRY_DIR,
    ROOTS,
    SLICE,
    FakeNetwork,
    copy_registry,
    minimal_files,
    project_files,
    rewrite,
)
from .test_julia_versions import candidate_versions, julia_admits, julia_in

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

JULIA_112 = (1, 12)
FIXTURE_STDLIBS = __import__("json").loads((FIXTURES / "registry" / "stdlibs.json").read_text())


def generate(registry, spec, fetcher=None, julia=JULIA_112, no_fetch=False, version=None):
    generator = JuliaGenerator(
        registry, fetcher, RecipeOptions(julia, ("someone",), no_fetch), {spec.lower(): version} if version else {}
    )
    return generator.generate(spec)


def data_of(recipe):
    return to_plain(parse_yaml(recipe.text()))


def run_specs(recipe) -> dict[str, str]:
    specs = {}
    for item in data_of(recipe)["requirements"]["run"]:
        spec = MatchSpec(item)  # every requirement is a valid conda MatchSpec
        specs[spec.name.normalized] = item.partition(" ")[2].strip()
    return specs


# --- independent expectations from the fixture data -------------------------------------------


def stdlib_uuids(julia: tuple[int, int]) -> set[str]:
    """Stdlibs of a Julia minor version, from the fixture stdlibs.json (independent of the shipped file)."""
    found = set()
    for row in FIXTURE_STDLIBS["unregistered_referenced"] + FIXTURE_STDLIBS["registered_but_also_stdlib"]:
        first, last = (tuple(int(p) for p in v.split(".")[:2]) for v in row["julia_stdlib_in"].split(".."))
        if first <= julia <= last:
            found.add(row["uuid"])
    if julia == (1, 12):
        found |= {row["uuid"] for row in FIXTURE_STDLIBS["julia_1_12_stdlibs"]}
    return found


def raw_compat(path: str, version: str) -> dict[str, object]:
    """Compat entries of `version`, read with tomllib and Julia's range rule (written here again)."""
    triple = tuple(int(p) for p in re.match(r"(\d+)\.(\d+)\.(\d+)", version).groups())
    file = REGISTRY_DIR / path / "Compat.toml"
    data = tomllib.loads(file.read_text()) if file.exists() else {}
    found: dict[str, object] = {}
    for key, section in data.items():
        if julia_in(triple, key):
            found.update(section)
    return found


def test_dependency_sets_and_bounds_of_every_package_match_the_registry(folder_registry):
    """For the newest version of all 238 packages: the julia-* requirements are exactly the
    registered non-stdlib deps listed in slice.json, and each bound admits exactly the
    versions Julia admits (brute force over versions around the bounds)."""
    stdlibs = stdlib_uuids(JULIA_112)
    checked_bounds = 0
    for entry in SLICE["packages"]:
        recipe = generate(folder_registry, entry["name"], no_fetch=True)
        specs = run_specs(recipe)
        expected = {
            f"julia-{d['name'].lower()}"
            for d in entry["newest_deps"]
            if d["kind"] == "registered" and d["uuid"] not in stdlibs
        }
        got = {name for name in specs if name.startswith("julia-")}
        assert got == expected, entry["name"]
        compat = raw_compat(entry["path"], entry["newest_version"])
        for dep in [d["name"] for d in entry["newest_deps"] if f"julia-{d['name'].lower()}" in got] + ["julia"]:
            spec = specs[f"julia-{dep.lower()}" if dep != "julia" else "julia"]
            value = compat.get(dep)
            if value is None:
                assert spec == "", (entry["name"], dep)
                continue
            for version in candidate_versions(value):
                text = ".".join(map(str, version))
                admitted = VersionSpec(str(MatchSpec(f"x {spec}").version)).matches(Version(text)) if spec else True
                assert admitted == julia_admits(version, value), (entry["name"], dep, value, spec, version)
                checked_bounds += 1
    assert checked_bounds > 10_000
    print(f"\n{len(SLICE['packages'])} packages, {checked_bounds} (requirement, version) pairs checked")


def test_every_root_recipe_passes_schema_and_lint(folder_registry):
    for name in ROOTS:
        recipe = generate(folder_registry, name, no_fetch=True)
        problems = [
            p
            for p in check_recipe_text(recipe.text(), f"{recipe.name}/recipe.yaml")
            if p.rule_id not in recipe.accepted_rules
        ]
        assert problems == [], (name, problems)
        assert recipe.accepted_rules <= {"source-hash-missing", "license-missing", "license-file-missing"}


def test_both_registry_forms_give_byte_identical_recipes(folder_registry, tarball_registry, tmp_path):
    network = FakeNetwork()
    for name in ROOTS:
        package = folder_registry.find(name)
        if (PROJECTS / package.name).is_dir():
            network.serve_tag_archive(folder_registry, name, project_files(package.name))
    fetched = 0
    for name in ROOTS:
        a = generate(folder_registry, name, no_fetch=True).text()
        b = generate(tarball_registry, name, no_fetch=True).text()
        assert a == b, name
        if (PROJECTS / folder_registry.find(name).name).is_dir():
            fetch_a = Fetcher(cache_dir=tmp_path / "a", transport=network, backoff=0)
            fetch_b = Fetcher(cache_dir=tmp_path / "b", transport=network, backoff=0)
            a = _outcome(folder_registry, name, fetch_a)
            assert a == _outcome(tarball_registry, name, fetch_b), name
            # the stand-in archives hold the project's files, not its registered tree: refused alike
            assert "is not the registered" in a or "sha256:" in a
            fetched += 1
    assert fetched == 12


def _outcome(registry, name, fetcher) -> str:
    try:
        return generate(registry, name, fetcher).text()
    except GenerationError as exc:
        return f"error: {exc}"


def test_stdlibs_depend_on_the_julia_version(folder_registry):
    # StatsBase depends on Statistics: a stdlib up to Julia 1.10, a registered package after.
    assert "julia-statistics" not in run_specs(generate(folder_registry, "StatsBase", julia=(1, 10), no_fetch=True))
    assert "julia-statistics" in run_specs(generate(folder_registry, "StatsBase", julia=(1, 12), no_fetch=True))
    # Dates, LinearAlgebra... never appear.
    specs = run_specs(generate(folder_registry, "DataFrames", no_fetch=True))
    assert not {"julia-dates", "julia-linearalgebra", "julia-random", "julia-printf"} & set(specs)
    assert specs["julia"] == ">=1.6.0,<2"


def test_jll_dependencies_map_to_conda_forge_libraries(folder_registry):
    recipe = generate(folder_registry, "HDF5", no_fetch=True)
    data = data_of(recipe)
    assert data["requirements"]["host"] == ["hdf5"]
    assert "hdf5" in data["requirements"]["run"]
    assert "julia-hdf5_jll >=1.10.5,<1.11|>=1.12.0,<1.13|>=1.14.0,<1.15" in data["requirements"]["run"]
    script = data["build"]["script"]
    assert '0234f1f7-429e-5d53-9886-15a909be8d59 = { HDF5 = "$PREFIX" }' in script
    assert "artifacts/Overrides.toml" in script
    assert data["build"]["noarch"] == "generic" and "__unix" in data["requirements"]["run"]
    assert data["tests"] == [{"script": ["julia -e 'using HDF5'"]}]


def test_jll_without_counterpart_is_reported_and_commented(folder_registry):
    recipe = generate(folder_registry, "Rmath", no_fetch=True)
    text = recipe.text()
    assert re.search(r"- julia-rmath_jll \S+ +# Rmath_jll: Julia's own artifact \(no standalone", text)
    assert any("Rmath_jll has no usable conda-forge counterpart" in note for note in recipe.notes)
    assert "host" not in data_of(recipe)["requirements"]
    assert "Overrides" not in data_of(recipe)["build"]["script"].split("activate.d")[0]


def test_a_jll_itself(folder_registry):
    recipe = generate(folder_registry, "Zlib_jll", no_fetch=True)
    data = data_of(recipe)
    assert recipe.name == "julia-zlib_jll"
    assert data["context"]["version"] == "1.3.1"  # build metadata +2 dropped
    assert data["source"]["url"].endswith("/archive/refs/tags/Zlib-v1.3.1%2B2.tar.gz")
    assert data["requirements"]["host"] == ["zlib"] and "libzlib" in data["requirements"]["run"]
    assert '83775a58-1f1d-513f-b197-d71354ab007a = { Zlib = "$PREFIX" }' in data["build"]["script"]


def test_xorg_family_rule(folder_registry):
    from recipegen.generators.julia import jll

    assert jll.lookup("Xorg_libX11_jll", "").run == ("xorg-libx11",)
    assert jll.lookup("Xorg_libXtst_jll", "").run == ("xorg-libxtst",)  # not in the table: the family rule
    assert not jll.lookup("Xorg_libxkbfile_jll", "").mapped  # no xorg-libxkbfile on conda-forge
    assert not jll.lookup("Xorg_xcb_util_wm_jll", "").mapped
    assert not jll.lookup("libblastrampoline_jll", "").mapped


def test_recursive_dependencies_are_julia_names(folder_registry):
    recipe = generate(folder_registry, "CSV", no_fetch=True)
    assert ("Parsers", "julia-parsers") in recipe.dependencies
    assert all(conda == f"julia-{name.lower()}" for name, conda in recipe.dependencies)


# --- the fetched source --------------------------------------------------------------------------


def publish(registry_dir, network, name, files, version=None):
    """Serve `files` as the tag archive and record its tree as the registered one (as upstream)."""
    registry = open_local(registry_dir)
    url = network.serve_tag_archive(registry, name, files, version)
    package = registry.find(name)
    version = version or package.newest_version()
    members = list(iter_members(network.pages[url], want=lambda n: True))
    top = members[0].name.split("/")[0]
    tree = git_tree_hash(members, f"{top}/{package.subdir}".rstrip("/"))
    versions = registry_dir / package.path / "Versions.toml"
    old = package.versions[version].git_tree_sha1
    rewrite(versions, versions.read_text().replace(old, tree))
    return url, tree


@pytest.fixture
def registry_copy(tmp_path):
    copy = tmp_path / "General"
    return copy_registry(copy)


def test_sha256_license_and_tree_of_the_fetched_archive(registry_copy, network, tmp_path):
    import hashlib

    url, tree = publish(registry_copy, network, "JSON", project_files("JSON"))
    fetcher = Fetcher(cache_dir=tmp_path / "cache", transport=network, backoff=0)
    recipe = generate(open_local(registry_copy), "json.jl", fetcher)
    data = data_of(recipe)
    assert data["source"]["sha256"] == hashlib.sha256(network.pages[url]).hexdigest()
    assert data["about"]["license"] == "MIT" and data["about"]["license_file"] == "JSON.jl/LICENSE.md"
    assert data["about"]["summary"] == "JSON is a package used by the recipegen tests"
    assert data["extra"]["julia"]["git-tree-sha1"] == tree
    assert f"git-tree-sha1 {tree} (the archive's tree matches it)" in recipe.text()
    assert not [n for n in recipe.notes if "warning" in n]


def test_a_tag_archive_of_another_tree_is_refused(folder_registry, network, fetcher):
    """The registry's git-tree-sha1 is the only digest it records: a tag archive whose tree is
    another (a moved tag, a tampered download) is refused like any wrong digest, and the Pkg
    server's tarball of the registered tree is tried next (here it is not served: one line)."""
    network.serve_tag_archive(folder_registry, "Example", project_files("Example"))
    with pytest.raises(GenerationError) as info:
        generate(folder_registry, "Example", fetcher)
    message = str(info.value)
    assert "\n" not in message and "is not the registered" in message and "refused" in message
    assert "pkg" in message.lower()  # the registered tree's own tarball was asked for too


def test_subdir_package(registry_copy, network, tmp_path):
    package = open_local(registry_copy).find("ArrowTypes")
    version = package.newest_version()
    license_text = (PROJECTS / "Example" / "LICENSE").read_bytes()  # synthetic archive: a root license
    files = minimal_files("ArrowTypes", package.uuid, version, package.subdir, license_text)
    _url, _ = publish(registry_copy, network, "ArrowTypes", files)
    recipe = generate(
        open_local(registry_copy), "ArrowTypes", Fetcher(cache_dir=tmp_path / "c", transport=network, backoff=0)
    )
    data = data_of(recipe)
    assert (
        'cp -R "ArrowTypes.jl/src/ArrowTypes/." "$PREFIX/share/julia/conda/packages/ArrowTypes/"'
        in data["build"]["script"]
    )
    assert data["about"]["license_file"] == "ArrowTypes.jl/LICENSE.txt"
    assert "(the archive's src/ArrowTypes matches it)" in recipe.text()


def test_pkg_server_tarball_when_no_tag_archive(registry_copy, network, fetcher, monkeypatch):
    monkeypatch.setenv("RECIPEGEN_JULIA_PKG_SERVER", "https://pkg.example")
    package = open_local(registry_copy).find("Reexport")
    version = package.newest_version()
    tarball = __import__("tests.julia.conftest", fromlist=["tar_bytes"]).tar_bytes(
        minimal_files("Reexport", package.uuid, version)
        | {"LICENSE.md": (PROJECTS / "JSON" / "LICENSE.md").read_bytes()}
    )
    tree = git_tree_hash(list(iter_members(tarball, want=lambda n: True)), "")  # the Pkg server serves that tree
    versions = registry_copy / package.path / "Versions.toml"
    rewrite(versions, versions.read_text().replace(package.versions[version].git_tree_sha1, tree))
    url = f"https://pkg.example/package/{package.uuid}/{tree}"
    network.pages[url] = tarball
    recipe = generate(open_local(registry_copy), "Reexport", fetcher)
    data = data_of(recipe)
    assert data["source"]["url"] == url
    assert data["about"]["license_file"] == "Reexport.jl/LICENSE.md"
    assert any("Pkg server" in note for note in recipe.notes)
    assert network.calls[0].startswith("https://github.com/")  # the tag archive was tried first


def test_unfetchable_source_fails_clearly(folder_registry, fetcher):
    with pytest.raises(GenerationError) as info:
        generate(folder_registry, "Example", fetcher)
    message = str(info.value)
    assert "\n" not in message and "cannot download the source" in message and "--no-fetch" in message


def test_no_fetch_writes_no_checksum(folder_registry):
    recipe = generate(folder_registry, "Example", no_fetch=True)
    data = data_of(recipe)
    assert "sha256" not in data["source"]
    assert "sha256 still to be filled in" in recipe.text()
    assert any("no sha256 yet" in note for note in recipe.notes)
    assert recipe.accepted_rules == {"source-hash-missing", "license-missing", "license-file-missing"}


def test_summary_from_readme():
    text = "# Foo.jl\n\n[![CI](x)](y)\n\n<p>html</p>\n\nA [fast](http://x) *parser*. And more.\n"
    assert summary_from_readme(text) == "A fast parser"
    assert summary_from_readme("# Only a title\n") == ""


# --- golden recipes ----------------------------------------------------------------------------------


GOLDEN = {
    "Example": lambda p: project_files("Example"),  # no dependencies at all
    "HDF5": lambda p: project_files("HDF5"),  # a JLL with a conda-forge counterpart, stdlibs dropped
    "CSV": lambda p: project_files("CSV"),  # many Julia deps, unions in compat
    "Zlib_jll": lambda p: project_files("Zlib_jll"),  # a JLL itself (version with +build)
    "ArrowTypes": lambda p: minimal_files(
        "ArrowTypes", p.uuid, p.newest_version(), p.subdir, (PROJECTS / "Example" / "LICENSE").read_bytes()
    ),  # subdir
    "Rmath": lambda p: minimal_files(
        "Rmath", p.uuid, p.newest_version(), "", (PROJECTS / "Example" / "LICENSE").read_bytes()
    ),  # JLL without counterpart
}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_golden_recipes(name, registry_copy, network, tmp_path, file_regression):
    package = open_local(registry_copy).find(name)
    publish(registry_copy, network, name, GOLDEN[name](package))
    fetcher = Fetcher(cache_dir=tmp_path / "cache", transport=network, backoff=0)
    recipe = generate(open_local(registry_copy), name, fetcher)
    text = recipe.text()
    assert check_recipe_text(text, f"{recipe.name}/recipe.yaml") == []
    file_regression.check(text, basename=f"julia_{name.lower()}", extension=".yaml")


# --- the build script, run for real ------------------------------------------------------------


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("sort") is None, reason="needs bash")
def test_build_script_installs_the_package_and_the_activation_works(folder_registry, tmp_path):
    import subprocess

    recipe = generate(folder_registry, "HDF5", no_fetch=True)
    script = data_of(recipe)["build"]["script"]
    work, prefix = tmp_path / "work", tmp_path / "prefix"
    for path, data in project_files("HDF5", "HDF5.jl").items():
        (work / path).parent.mkdir(parents=True, exist_ok=True)
        (work / path).write_bytes(data)
    subprocess.run(["bash", "-c", script], cwd=work, env={"PREFIX": str(prefix), "PATH": "/usr/bin:/bin"}, check=True)
    installed = prefix / "share/julia/conda/packages/HDF5"
    assert (installed / "src/HDF5.jl").exists() and (installed / "Project.toml").exists()
    overrides = (prefix / "share/julia/conda/artifact-overrides/julia-hdf5.toml").read_text()
    assert tomllib.loads(overrides) == {"0234f1f7-429e-5d53-9886-15a909be8d59": {"HDF5": str(prefix)}}
    activate = prefix / "etc/conda/activate.d/zz_julia-hdf5_activate.sh"
    deactivate = prefix / "etc/conda/deactivate.d/zz_julia-hdf5_deactivate.sh"
    check = (
        f'. "{activate}"; . "{activate}"; echo "$JULIA_LOAD_PATH"; . "{deactivate}"; echo "${{JULIA_LOAD_PATH-unset}}"'
    )
    for shell in ("bash", "sh"):
        if shutil.which(shell) is None:
            continue
        out = subprocess.run(
            [shell, "-c", check],
            capture_output=True,
            text=True,
            check=True,
            env={"CONDA_PREFIX": str(prefix), "JULIA_LOAD_PATH": "@:@jl_env:@stdlib", "PATH": "/usr/bin:/bin"},
        ).stdout
        activated, deactivated = out.splitlines()
        assert activated == f"@:@jl_env:@stdlib:{prefix}/share/julia/conda/packages"  # added once
        assert deactivated == "@:@jl_env:@stdlib"
    merged = tomllib.loads((prefix / "share/julia/artifacts/Overrides.toml").read_text())
    assert merged == {"0234f1f7-429e-5d53-9886-15a909be8d59": {"HDF5": str(prefix)}}


def test_old_version_with_deps_missing_from_a_partial_registry(folder_registry):
    # HDF5 0.12.5 needs BinaryProvider, Blosc, CMakeWrapper: not in the slice and not stdlibs.
    recipe = generate(folder_registry, "HDF5", no_fetch=True, version="0.12.5")
    assert any(
        "not a known Julia stdlib, so not listed: BinaryProvider, Blosc, CMakeWrapper" in n for n in recipe.notes
    )
    assert run_specs(recipe)["julia"] == ">=0.7.0,<0.8|>=1.0.0,<2"


def test_a_version_with_fewer_parts_is_julias_version_number(folder_registry):
    """smoke review: `--version 0.21` was "not a version"; Julia's VersionNumber("0.12") is 0.12.0."""
    recipe = generate(folder_registry, "HDF5", no_fetch=True, version="0.13")
    assert data_of(recipe)["context"]["version"] == "0.13.0"


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs sh")
def test_activation_never_overwrites_a_foreign_overrides_file(folder_registry, tmp_path):
    import subprocess

    prefix = tmp_path / "prefix"
    subprocess.run(
        ["bash", "-c", data_of(generate(folder_registry, "HDF5", no_fetch=True))["build"]["script"]],
        cwd=tmp_path,
        env={"PREFIX": str(prefix), "PATH": "/usr/bin:/bin"},
        check=False,
        capture_output=True,
    )  # the copy of the (absent) source fails; the rest is not needed
    overrides_dir = prefix / "share/julia/conda/artifact-overrides"
    overrides_dir.mkdir(parents=True, exist_ok=True)
    (overrides_dir / "julia-hdf5.toml").write_text('0234f1f7-429e-5d53-9886-15a909be8d59 = { HDF5 = "/x" }\n')
    activate = tmp_path / "activate.sh"
    script = data_of(generate(folder_registry, "HDF5", no_fetch=True))["build"]["script"]
    activate.write_text(script.split("activate.sh\" <<'EOF'\n", 1)[1].split("\nEOF\n", 1)[0] + "\n")
    foreign = prefix / "share/julia/artifacts/Overrides.toml"
    foreign.parent.mkdir(parents=True, exist_ok=True)
    foreign.write_text('# someone else\'s\nabc = "/y"\n')
    env = {"CONDA_PREFIX": str(prefix), "PATH": "/usr/bin:/bin"}
    subprocess.run(["sh", "-c", f'. "{activate}"'], env=env, check=True)
    assert foreign.read_text() == '# someone else\'s\nabc = "/y"\n'
    foreign.unlink()
    subprocess.run(["sh", "-c", f'. "{activate}"'], env=env, check=True)
    first = foreign.read_text().splitlines()[0]
    assert first.startswith("# written by the activation scripts of conda julia packages")
    assert tomllib.loads(foreign.read_text()) == {"0234f1f7-429e-5d53-9886-15a909be8d59": {"HDF5": "/x"}}
    (overrides_dir / "julia-other.toml").write_text('83775a58-1f1d-513f-b197-d71354ab007a = { Zlib = "/z" }\n')
    subprocess.run(["sh", "-c", f'. "{activate}"'], env=env, check=True)  # ours: rewritten with both
    assert tomllib.loads(foreign.read_text()) == {
        "0234f1f7-429e-5d53-9886-15a909be8d59": {"HDF5": "/x"},
        "83775a58-1f1d-513f-b197-d71354ab007a": {"Zlib": "/z"},
    }


def test_julia_admits_target_version():
    from recipegen.generators.julia.recipe import julia_admits

    assert julia_admits("julia >=1.10.0,<2", (1, 12))
    assert not julia_admits("julia >=1.10.0,<2", (1, 9))
    assert julia_admits("julia", (1, 6))
    assert julia_admits("julia >=1.6.0,<1.7|>=1.9.0,<2", (1, 9))


def test_comments_stay_on_their_items_when_requirements_change(folder_registry):
    from tests.core.comment_travel import assert_comments_travel

    checked = sum(assert_comments_travel(generate(folder_registry, name, no_fetch=True)) for name in ROOTS)
    assert checked >= 5  # JLL libraries and wrappers, the __unix platform limit
