"""`recipegen cxx`: emitted recipes (golden files), sources (URL, tarball, zip, folder), the CLI."""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from recipegen.generators.cxx.api import CxxGenerator, recipe_from_tree
from recipegen.generators.cxx.source import from_folder

from recipegen.cli import main
from recipegen.emit import emit
from recipegen.generate import GenerationError, UnusableInput, check_recipe_text
from recipegen.http import Fetcher, Response
from recipegen.yamlio import load_yaml

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "cxx"
PROJECTS = ["zlib-1.3.1", "zstd-1.5.6", "json-glib-1.8.0", "libsodium-1.0.20", "json-3.11.3"]


def generate(project: str, **options):
    tree = from_folder(FIXTURES / project)
    tree.local_path = f"../{project}"  # as a user would give it; keeps golden files machine-independent
    return recipe_from_tree(tree, maintainers=("octocat",), **options)


def render(recipe) -> str:
    return emit(recipe)


def cxx_recipe(spec: str, **options):
    return CxxGenerator(**options).generate(spec)


@pytest.mark.parametrize("project", PROJECTS)
def test_emitted_recipe(project, file_regression):
    file_regression.check(render(generate(project)), extension=".yaml", basename=f"cxx_{project}")


@pytest.mark.parametrize("project", PROJECTS)
@pytest.mark.parametrize("static", [False, True])
def test_recipe_passes_schema_and_lint(project, static):
    recipe = generate(project, static=static, about={"homepage": "https://example.org", "summary": "A library"})
    assert check_recipe_text(render(recipe), f"{recipe.folder}/recipe.yaml") == []


def outputs(recipe) -> dict[str, dict]:
    return {o["package"]["name"]: o for o in recipe.data.get("outputs", []) if "package" in o}


def test_split_outputs_and_relations():
    recipe = generate("zstd-1.5.6", static=True)
    assert recipe.name == "zstd-split"
    assert list(outputs(recipe)) == ["libzstd", "libzstd-devel", "zstd-static", "zstd-tools"]
    stage = recipe.data["outputs"][0]
    assert stage["staging"] == {"name": "zstd-build"}
    script = stage["build"]["script"][0]
    assert "-DZSTD_BUILD_STATIC=ON" in script["else"] and "-DZSTD_BUILD_TESTS=OFF" in script["else"]
    assert "%LIBRARY_PREFIX%" in script["then"] and "$PREFIX" in script["else"]
    assert "host" not in stage["requirements"]  # zlib/lzma/lz4 support is OFF by default upstream
    assert any("ZSTD_ZLIB_SUPPORT" in note for note in recipe.notes)
    static = outputs(recipe)["zstd-static"]
    assert static["requirements"] == {"run": ["${{ pin_subpackage('libzstd-devel', exact=True) }}"]}
    assert outputs(recipe)["zstd-tools"]["tests"][0]["package_contents"]["bin"] == ["zstd"]


def test_static_without_upstream_switch_builds_twice():
    recipe = generate("zlib-1.3.1", static=True)
    unix = recipe.data["outputs"][0]["build"]["script"][0]["else"]
    assert "-B build-static" in unix and "-DBUILD_SHARED_LIBS=OFF" in unix
    shared_only = generate("zlib-1.3.1")
    assert "build-static" not in shared_only.data["outputs"][0]["build"]["script"][0]["else"]
    assert any("zlibstatic" in note and "CFEP-18" in note for note in shared_only.notes)


def test_header_only_single_package_without_compiler_run_exports():
    recipe = generate("json-3.11.3")
    assert recipe.name == "libnlohmann_json-headers" and "outputs" not in recipe.data
    assert recipe.data["requirements"]["ignore_run_exports"]["from_package"] == [
        "${{ (compiler('cxx') | split(' '))[0] }}",
        "${{ (stdlib('c') | split(' '))[0] }}",
    ]
    assert recipe.data["tests"][0]["package_contents"]["include"] == ["nlohmann/json.hpp"]
    assert recipe.data["about"]["license"] == "MIT" and recipe.data["about"]["license_file"] == "LICENSE.MIT"


def test_autotools_is_unix_only_and_uses_gnuconfig():
    recipe = generate("libsodium-1.0.20")
    assert recipe.data["build"]["skip"] == ["win"]
    script = recipe.data["outputs"][0]["build"]["script"]
    assert script.startswith("cp $BUILD_PREFIX/share/gnuconfig/config.* build-aux/\n./configure")
    assert "--disable-static" in script and "autoreconf" not in script  # configure ships in the tarball
    assert recipe.data["about"]["license"] == "ISC" and recipe.data["about"]["homepage"] == "https://libsodium.org"


def _tarball(folder: Path) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for path in sorted(folder.rglob("*")):
            info = tar.gettarinfo(str(path), arcname=f"{folder.name}/{path.relative_to(folder).as_posix()}")
            info.mtime = 0
            tar.addfile(info, path.open("rb") if path.is_file() else None)
    return out.getvalue()


def test_url_source_is_fetched_hashed_and_templated(tmp_path):
    data = _tarball(FIXTURES / "zlib-1.3.1")
    url = "https://github.com/madler/zlib/releases/download/v1.3.1/zlib-1.3.1.tar.gz"
    seen = []

    def transport(requested: str) -> Response:
        seen.append(requested)
        return Response(requested, 200, data)

    recipe = cxx_recipe(url, fetcher=Fetcher(transport=transport, cache_dir=tmp_path), maintainers=("octocat",))
    assert seen == [url]
    assert recipe.data["source"] == {
        "url": "https://github.com/madler/zlib/releases/download/v${{ version }}/zlib-${{ version }}.tar.gz",
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    assert recipe.data["about"]["homepage"] == "https://github.com/madler/zlib"
    assert recipe.data["about"]["repository"] == "https://github.com/madler/zlib"
    assert recipe.data["about"]["license"] == "Zlib"


def test_local_tarball_and_zip(tmp_path):
    archive = tmp_path / "libsodium-1.0.20.tar.gz"
    archive.write_bytes(_tarball(FIXTURES / "libsodium-1.0.20"))
    recipe = cxx_recipe(str(archive), recipe_root=str(tmp_path / "out"))
    assert recipe.data["source"] == {
        "path": "../../libsodium-1.0.20.tar.gz",
        "sha256": hashlib.sha256(archive.read_bytes()).hexdigest(),
    }
    zipped = tmp_path / "json-3.11.3.zip"
    with zipfile.ZipFile(zipped, "w") as z:
        for path in sorted((FIXTURES / "json-3.11.3").rglob("*")):
            if path.is_file():
                z.write(path, f"json-3.11.3/{path.relative_to(FIXTURES / 'json-3.11.3').as_posix()}")
    assert cxx_recipe(str(zipped)).folder == "libnlohmann_json-headers"


def test_unusable_sources(tmp_path):
    with pytest.raises(UnusableInput, match="no such file"):
        cxx_recipe(str(tmp_path / "missing.tar.gz"))
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(UnusableInput, match="not a source archive"):
        cxx_recipe(str(tmp_path / "notes.txt"))
    (tmp_path / "empty-project").mkdir()
    (tmp_path / "empty-project" / "README").write_text("x")
    with pytest.raises(UnusableInput, match="no CMakeLists.txt"):
        cxx_recipe(str(tmp_path / "empty-project"))

    def offline(url: str) -> Response:
        return Response(url, 404, b"")

    with pytest.raises(GenerationError, match="not found") as failed:  # a download that fails: exit 1
        cxx_recipe("https://example.org/x-1.0.tar.gz", fetcher=Fetcher(transport=offline, cache_dir=tmp_path))
    assert not isinstance(failed.value, UnusableInput)


def test_cli_writes_and_refuses_overwrite(tmp_path):
    runner = CliRunner()
    out = tmp_path / "recipes"
    args = ["cxx", str(FIXTURES / "libsodium-1.0.20"), "--output", str(out), "--summary", "Crypto library"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    recipe = load_yaml(out / "libsodium-split" / "recipe.yaml")
    assert recipe["source"]["path"] == os.path.relpath(FIXTURES / "libsodium-1.0.20", out / "libsodium-split")
    assert runner.invoke(main, args).exit_code == 1
    bad = runner.invoke(main, ["cxx", str(tmp_path / "nope")])
    assert bad.exit_code == 2 and bad.output.startswith("error: ") and bad.output.count("\n") == 1
    printed = runner.invoke(
        main,
        [
            "cxx",
            str(FIXTURES / "json-3.11.3"),
            "--stdout",
            "--homepage",
            "https://json.nlohmann.me",
            "--summary",
            "JSON for Modern C++",
        ],
    )
    assert printed.exit_code == 0 and "name: libnlohmann_json-headers" in printed.output
