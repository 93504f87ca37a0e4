"""A recipe built from GitHub tag archives of a project that is not on PyPI: the newest final
release comes from GitHub's REST API. GitHub is not reachable from CI; the API answers below
are built in the test in the API's shape (releases: `tag_name`, `draft`, `prerelease`)."""

from __future__ import annotations

import hashlib
import json

from recipegen.http import Fetcher, Response
from recipegen.update.pipeline import Options, update_recipe
from recipegen.update.record import stand_in_archive
from recipegen.update.resolve import Services

from .conftest import recipe_copy

API = "https://api.github.com/repos/nlohmann/json"
RELEASES = [
    {"tag_name": "v4.0.0", "draft": True, "prerelease": False},  # not published: ignored
    {"tag_name": "v3.13.0-rc1", "draft": False, "prerelease": True},  # a pre-release: ignored
    {"tag_name": "v3.12.1", "draft": False, "prerelease": False},
    {"tag_name": "v3.12.0", "draft": False, "prerelease": False},
]
ARCHIVE = "https://github.com/nlohmann/json/archive/v3.12.1.tar.gz"


def transport(url: str) -> Response:
    if url == f"{API}/releases?per_page=100":
        return Response(url, 200, json.dumps(RELEASES).encode())
    if url == f"{API}/tags?per_page=100":
        return Response(url, 200, json.dumps([{"name": r["tag_name"]} for r in RELEASES]).encode())
    if url == ARCHIVE:
        return Response(url, 200, stand_in_archive(url))
    return Response(url, 404, b"")  # PyPI has no such project


def test_newest_final_github_release(tmp_path):
    path = recipe_copy(tmp_path, "nlohmann_json-v1")
    services = Services(Fetcher(transport=transport, use_cache=False, retries=0, cache_dir=tmp_path / "c"))
    result = update_recipe(path, Options(), services)
    after = path.read_text()
    assert result.status == "updated", result.error
    assert result.upstream == "nlohmann/json on GitHub"
    assert (result.old_version, result.new_version) == ("3.12.0", "3.12.1")
    assert 'version: "3.12.1"' in after
    assert hashlib.sha256(stand_in_archive(ARCHIVE)).hexdigest() in after
    assert "dependencies not compared" in " ".join(result.notes)


def test_check_reports_the_github_release(tmp_path):
    path = recipe_copy(tmp_path, "nlohmann_json-v1")
    services = Services(Fetcher(transport=transport, use_cache=False, retries=0, cache_dir=tmp_path / "c"))
    result = update_recipe(path, Options(check=True), services)
    assert result.status == "available" and result.new_version == "3.12.1"


def test_rate_limited_api_falls_back_to_the_git_protocol(tmp_path):
    refs = (
        "001e# service=git-upload-pack\n0000"
        "003f1111111111111111111111111111111111111111 refs/tags/v3.12.0\n"
        "003f2222222222222222222222222222222222222222 refs/tags/v3.12.1\n"
        "00423333333333333333333333333333333333333333 refs/tags/v3.12.1^{}\n"
        "00404444444444444444444444444444444444444444 refs/tags/v3.13.0-rc1\n0000"
    )

    def limited(url: str) -> Response:
        if url.startswith(API):
            return Response(url, 403, b'{"message": "API rate limit exceeded"}')
        if url == "https://github.com/nlohmann/json.git/info/refs?service=git-upload-pack":
            return Response(url, 200, refs.encode())
        return transport(url)

    path = recipe_copy(tmp_path, "nlohmann_json-v1")
    services = Services(Fetcher(transport=limited, use_cache=False, retries=0, cache_dir=tmp_path / "c"))
    result = update_recipe(path, Options(check=True), services)
    assert result.status == "available" and result.new_version == "3.12.1"
