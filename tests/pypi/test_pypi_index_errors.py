"""Index quirks (mirrors) and error paths: one line each, nothing written."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile

import pytest
from recipegen.generators.pypi.generator import Options, PypiGenerator
from recipegen.generators.pypi.index import PypiIndex, index_urls

from recipegen.generate import GenerationError
from recipegen.http import Fetcher, FetchError, Response


def _sdist(name: str, version: str, pyproject: str) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for path, body in {
            "pyproject.toml": pyproject.encode(),
            "LICENSE": b"MIT License\n\nPermission is hereby",
            f"{name}/__init__.py": b"",
        }.items():
            info = tarfile.TarInfo(f"{name}-{version}/{path}")
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return out.getvalue()


PYPROJECT = """[build-system]
requires = ["flit_core>=3.9,<4"]
build-backend = "flit_core.buildapi"
[project]
name = "tinypkg"
version = "1.2.0"
description = "A tiny package"
license = "MIT"
requires-python = ">=3.9"
dependencies = ["attrs>=22", "tomli; python_version < '3.11'"]
[project.scripts]
tiny = "tinypkg:main"
"""


TINY_SDIST = _sdist("tinypkg", "1.2.0", PYPROJECT)
TINY_SHA256 = hashlib.sha256(TINY_SDIST).hexdigest()


def simple_only_index(url: str, sdist: bytes = TINY_SDIST) -> Response:
    """A simple-API-only mirror: no JSON API, relative file links, no PEP 658 files."""
    if url == "https://mirror.example/simple/tinypkg/":
        digest = hashlib.sha256(sdist).hexdigest()
        html = (
            f'<html><body><a href="../../files/tinypkg-1.1.0.tar.gz#sha256={"a" * 64}">tinypkg-1.1.0.tar.gz</a>'
            f'<a href="../../files/tinypkg-1.2.0.tar.gz#sha256={digest}">tinypkg-1.2.0.tar.gz</a></body></html>'
        )
        return Response(url, 200, html.encode(), {"Content-Type": "text/html"})
    if url == "https://mirror.example/files/tinypkg-1.2.0.tar.gz":
        return Response(url, 200, sdist)
    return Response(url, 404, b"")


def test_index_urls_accept_pip_and_json_forms():
    assert index_urls("https://m.example/simple/", "x") == ("https://m.example/pypi", "https://m.example/simple")
    assert index_urls("https://m.example/pypi", "x") == ("https://m.example/pypi", "https://m.example/simple")
    assert index_urls(None, "https://pypi.org/pypi") == ("https://pypi.org/pypi", "https://pypi.org/simple")


def test_simple_only_mirror_with_relative_links(tmp_path):
    fetcher = Fetcher(transport=simple_only_index, use_cache=False, retries=0)
    release = PypiIndex(fetcher, "https://mirror.example/pypi", "https://mirror.example/simple").release("tinypkg")
    assert release.version == "1.2.0"
    assert release.sdist().url == "https://mirror.example/files/tinypkg-1.2.0.tar.gz"
    generator = PypiGenerator(fetcher, Options(index_url="https://mirror.example/simple"))
    recipe = generator.generate("tinypkg")
    assert recipe.data["source"]["sha256"] == TINY_SHA256
    assert recipe.data["requirements"]["run"] == ["python >=${{ python_min }}", "attrs >=22", "tomli"]
    assert recipe.data["build"]["python"]["entry_points"] == ["tiny = tinypkg:main"]
    assert recipe.data["about"]["license"] == "MIT"


def test_per_release_endpoint_missing_uses_project_json(make_generator):
    # The recorded mirror answers 404 for /pypi/<name>/<version>/json (see fixtures/pypi/*/responses.json).
    recipe = make_generator().generate("click==8.5.1")
    assert recipe.data["context"]["version"] == "8.5.1"


def test_unknown_package(make_generator):
    with pytest.raises(GenerationError, match="no-such-package-xyz: .*no such package"):
        make_generator().generate("no-such-package-xyz")


def test_unknown_version(make_generator):
    with pytest.raises(GenerationError, match=r"no version 0\.0\.1"):
        make_generator().generate("click==0.0.1")


def test_wheel_only_says_so(make_generator):
    with pytest.raises(GenerationError, match="wheel-only release, no sdist.*--wheel-source"):
        make_generator().generate("tensorboard==2.21.0")


def test_network_down_is_one_line():
    def down(url: str) -> Response:
        raise FetchError(url, "cannot connect (connection refused)")

    generator = PypiGenerator(Fetcher(transport=down, use_cache=False, retries=1, backoff=0), Options())
    with pytest.raises(GenerationError) as error:
        generator.generate("requests")
    assert "cannot connect" in str(error.value) and "\n" not in str(error.value)


def test_http_error_is_reported():
    def broken(url: str) -> Response:
        return Response(url, 500, b"")

    generator = PypiGenerator(Fetcher(transport=broken, use_cache=False, retries=1, backoff=0), Options())
    with pytest.raises(GenerationError, match="HTTP 500"):
        generator.generate("requests")


def test_offline_without_cache_fails_clearly(tmp_path):
    generator = PypiGenerator(Fetcher(offline=True, cache_dir=tmp_path), Options())
    with pytest.raises(GenerationError, match="--offline"):
        generator.generate("requests")


def test_offline_uses_the_cache(transport, tmp_path):
    PypiGenerator(Fetcher(transport=transport, cache_dir=tmp_path, retries=0), Options()).generate("six==1.17.0")
    offline = PypiGenerator(Fetcher(offline=True, cache_dir=tmp_path), Options())
    assert offline.generate("six==1.17.0").folder == "six"


def test_unknown_extra_name(make_generator):
    with pytest.raises(GenerationError, match="no extra named nope"):
        make_generator(extras=("nope",)).generate("requests==2.34.2")


def test_local_folder_and_sdist(tmp_path, make_generator):
    project = tmp_path / "tinypkg"
    (project / "tinypkg").mkdir(parents=True)
    (project / "pyproject.toml").write_text(PYPROJECT)
    (project / "tinypkg" / "__init__.py").write_text("raise SystemExit('never imported')\n")
    (project / "LICENSE").write_text("MIT")
    recipe = make_generator().generate(str(project))
    assert recipe.data["source"] == {"path": str(project.resolve())}
    assert recipe.data["tests"][0]["python"]["imports"] == ["tinypkg"]
    sdist = tmp_path / "tinypkg-1.2.0.tar.gz"
    sdist.write_bytes(_sdist("tinypkg", "1.2.0", PYPROJECT))
    from_sdist = make_generator().generate(str(sdist))
    assert from_sdist.data["source"]["url"].endswith("/${{ name | replace('-', '_') }}-${{ version }}.tar.gz")
    assert from_sdist.data["requirements"]["host"] == ["python ${{ python_min }}.*", "pip", "flit-core >=3.9,<4"]
    with pytest.raises(GenerationError, match="not a Python project"):
        make_generator().generate(str(tmp_path))


def test_recorded_json_is_valid(transport):
    response = transport("https://pypi.org/pypi/requests/json")
    assert json.loads(response.content)["info"]["name"] == "requests"


def test_verbose_says_where_fields_and_names_came_from(make_generator):
    recipe = make_generator(verbose=True).generate("beautifulsoup4==4.15.0")
    notes = "\n".join(recipe.notes)
    assert "requires_dist from wheel METADATA" in notes
    assert "license MIT from" in notes
    assert "PyPI typing-extensions (recipegen map)" in recipe.text()


def test_license_file_missing_from_sdist_comes_from_the_repository_tag():
    pyproject = (
        PYPROJECT.replace('license = "MIT"\n', "") + '[project.urls]\nSource = "https://github.com/acme/tinypkg"\n'
    )
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for path, body in {"pyproject.toml": pyproject.encode(), "tinypkg/__init__.py": b""}.items():
            info = tarfile.TarInfo(f"tinypkg-1.2.0/{path}")
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    mit = ("MIT License\n\nCopyright (c) 2024 Acme\n\n" + MIT_TEXT).encode()

    def index(url: str) -> Response:
        if url == "https://raw.githubusercontent.com/acme/tinypkg/v1.2.0/LICENSE":
            return Response(url, 200, mit)
        return simple_only_index(url, out.getvalue())

    generator = PypiGenerator(
        Fetcher(transport=index, use_cache=False, retries=0), Options(index_url="https://mirror.example/simple")
    )
    recipe = generator.generate("tinypkg")
    assert recipe.data["source"][1]["url"] == "https://raw.githubusercontent.com/acme/tinypkg/v${{ version }}/LICENSE"
    assert recipe.data["source"][1]["file_name"] == "LICENSE"
    assert recipe.data["about"]["license_file"] == "LICENSE"
    assert recipe.data["about"]["license"] == "MIT"


MIT_TEXT = """Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction, including
without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the
following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial
portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO
EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN
AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE
OR OTHER DEALINGS IN THE SOFTWARE.
"""


def test_local_pure_wheel(make_generator):
    from pathlib import Path

    wheel = Path(__file__).resolve().parents[2] / "fixtures" / "pypi" / "click" / "click-8.5.1-py3-none-any.whl"
    recipe = make_generator().generate(str(wheel))
    # the index has the sdist of the release the wheel names: the recipe builds from it
    assert recipe.data["source"]["url"].endswith("-${{ version }}.tar.gz")
    assert "file_name" not in recipe.data["source"]
    assert any("whose sdist is on the index" in note for note in recipe.notes)
    assert recipe.data["build"]["noarch"] == "python"
    assert recipe.data["tests"][0]["python"]["imports"] == ["click"]


def test_local_wheel_not_on_the_index_is_the_source_and_ships_its_license(make_generator, tmp_path):
    import zipfile

    wheel = tmp_path / "lonely-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("lonely/__init__.py", "")
        archive.writestr(
            "lonely-1.0.dist-info/METADATA",
            "Metadata-Version: 2.4\nName: lonely\nVersion: 1.0\nSummary: s\nLicense-Expression: MIT\n"
            "License-File: LICENSE\n",
        )
        archive.writestr("lonely-1.0.dist-info/licenses/LICENSE", "MIT License ...")
        archive.writestr("lonely-1.0.dist-info/RECORD", "lonely/__init__.py,,\n")
    recipe = make_generator().generate(str(wheel))
    assert recipe.data["source"]["file_name"] == "lonely-${{ version }}-py3-none-any.whl"
    # the license file exists only inside the wheel: the script unpacks it where license_file points
    assert recipe.data["about"]["license_file"] == "lonely-${{ version }}.dist-info/licenses/LICENSE"
    assert recipe.data["build"]["script"][1] == "${{ PYTHON }} -m zipfile -e lonely-${{ version }}-py3-none-any.whl ."
