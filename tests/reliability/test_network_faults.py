"""recipegen.http against a local fault server (127.0.0.1 only; every case bounded in time).

Issue 12 items 2-5: digests checked, a deadline on the whole transfer and a budget on retries,
size caps while streaming, no retry of final failures, Retry-After honoured within bounds,
only complete validated answers cached, a bad cache entry a miss, an index of the wrong shape
one line.
"""

from __future__ import annotations

import hashlib
import json
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recipegen.http import DigestMismatch, Fetcher, FetchError

from .fault_server import FaultServer, body_of, drip, pypi_index, send
from .helpers import gzip_tar_bytes, run


@pytest.fixture
def server():
    with FaultServer() as running:
        yield running


def fetcher(tmp_path, **options) -> Fetcher:
    defaults = {"cache_dir": tmp_path / "cache", "timeout": 2.0, "backoff": 0.01}
    return Fetcher(**{**defaults, **options})


def cached_bodies(tmp_path) -> list[bytes]:
    folder = tmp_path / "cache" / "http"
    return [p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.name.endswith((".json", ".tmp"))]


@pytest.mark.parametrize(
    ("path", "timeout", "message"),
    [
        ("/drip/1000/0.2", 1.5, r"took longer than 1\.5 s \(see --timeout\)"),  # a byte every 0.2 s
        ("/silent", 1.0, r"no answer within 1 s"),  # one timeout, not four
    ],
)
def test_slow_or_silent_server_stops_at_the_deadline_and_is_not_retried(server, tmp_path, path, timeout, message):
    start = time.monotonic()
    with pytest.raises(FetchError, match=message):
        fetcher(tmp_path, timeout=timeout).get(server.url + path)
    assert time.monotonic() - start < 4
    assert server.hits[path] == 1


def test_truncated_200_is_retried_and_never_cached(server, tmp_path):
    with pytest.raises(FetchError, match="closed before the whole answer arrived|incomplete"):
        fetcher(tmp_path, retries=2).get(f"{server.url}/truncated/10000")
    assert server.hits["/truncated/10000"] == 3
    assert cached_bodies(tmp_path) == []


def test_wrong_digest_refused_not_cached_not_retried(server, tmp_path):
    url = f"{server.url}/ok/1000"
    with pytest.raises(DigestMismatch, match="sha256 mismatch: the index says 0{64}, the download has"):
        fetcher(tmp_path).get(url, sha256="0" * 64)
    assert server.hits["/ok/1000"] == 1 and cached_bodies(tmp_path) == []
    right = hashlib.sha256(body_of(1000)).hexdigest()
    assert fetcher(tmp_path).get(url, sha256=right.upper()).content == body_of(1000)
    # the cached copy is checked against the digest asked for: another digest is a miss, then refused
    with pytest.raises(DigestMismatch):
        fetcher(tmp_path).get(url, md5="0" * 32)


def test_retry_after_is_honoured_within_the_budget(server, tmp_path):
    start = time.monotonic()
    assert fetcher(tmp_path).get(f"{server.url}/retry-after/1/2").content == b"after the wait"
    assert 2 <= time.monotonic() - start < 6
    assert server.hits["/retry-after/1/2"] == 3


def test_retry_after_beyond_the_bound_fails_at_once(server, tmp_path):
    start = time.monotonic()
    with pytest.raises(FetchError, match="rate limited \\(HTTP 429\\); the server asks to wait 3600 s"):
        fetcher(tmp_path).get(f"{server.url}/retry-after/3600/5")
    assert time.monotonic() - start < 2 and server.hits["/retry-after/3600/5"] == 1


@pytest.mark.parametrize("path", ["/big/5000000", "/ok/200000"])  # streamed, and announced
def test_over_size_stops_at_the_cap_and_is_not_retried(server, tmp_path, path):
    with pytest.raises(FetchError, match="larger than 100000 bytes"):
        fetcher(tmp_path, max_bytes=100_000).get(server.url + path)
    assert server.hits[path] == 1 and cached_bodies(tmp_path) == []


@pytest.mark.parametrize(("code", "hits"), [(500, 4), (503, 4), (408, 4), (429, 4), (404, 1), (403, 1), (410, 1)])
def test_only_transient_statuses_are_retried(server, tmp_path, code, hits):
    with pytest.raises(FetchError, match=f"HTTP {code}"):
        fetcher(tmp_path, retries=3).get(f"{server.url}/status/{code}")
    assert server.hits[f"/status/{code}"] == hits


def test_server_recovering_from_500s(server, tmp_path):
    assert fetcher(tmp_path).get(f"{server.url}/flaky/503/2").content == b"recovered"


def test_total_budget_bounds_the_retries(server, tmp_path):
    start = time.monotonic()
    with pytest.raises(FetchError, match="gave up after 1.5 s"):
        fetcher(tmp_path, retries=50, backoff=0.2, budget=1.5).get(f"{server.url}/status/503")
    assert time.monotonic() - start < 3


def test_cut_json_is_an_error_and_not_cached(server, tmp_path):
    with pytest.raises(FetchError, match="response is not JSON"):
        fetcher(tmp_path, retries=0).get(f"{server.url}/json/cut")
    assert cached_bodies(tmp_path) == []


def test_a_bad_cache_entry_is_a_miss(server, tmp_path):
    url = f"{server.url}/ok/500"
    first = fetcher(tmp_path)
    assert first.get(url).content == body_of(500)
    body, meta = first._cache_paths(url)
    assert fetcher(tmp_path).get(url).content == body_of(500) and server.hits["/ok/500"] == 1  # served cached
    for damage in (
        lambda: body.write_bytes(body_of(500)[:100]),  # cut
        lambda: body.write_bytes(b"x" * 500),  # same size, other bytes
        lambda: meta.write_text("{not json"),
        lambda: meta.write_text(json.dumps([1, 2])),
        lambda: meta.unlink(),
    ):
        damage()
        assert fetcher(tmp_path).get(url).content == body_of(500)  # a miss: downloaded again
    assert server.hits["/ok/500"] == 6
    offline = fetcher(tmp_path, offline=True)
    body.write_bytes(b"y" * 500)
    with pytest.raises(FetchError, match="not in the local cache and --offline was given"):
        offline.get(url)


SCRIPTED = st.lists(
    st.sampled_from(["ok", "ok-bad-digest", "truncated", "500", "503", "429", "404", "cut-json"]),
    min_size=1,
    max_size=5,
)


@pytest.fixture(scope="module")
def shared_server():
    with FaultServer() as running:
        yield running


@given(script=SCRIPTED, with_digest=st.booleans(), retries=st.integers(min_value=0, max_value=3))
def test_any_sequence_of_answers_gives_the_body_or_one_line(
    script, with_digest, retries, shared_server, tmp_path_factory
):
    """Whatever the server answers, get() returns exactly the published bytes or raises one
    FetchError line; it never asks more than retries + 1 times and caches only what it returns."""
    body = body_of(3000)
    folder = tmp_path_factory.mktemp("cache")
    server = shared_server  # one server for every example: starting one costs more than the example
    server.hits.clear()
    answers = iter(script)

    def scripted(handler, args):
        answer = next(answers, script[-1])
        if answer == "ok":
            send(handler, 200, body)
        elif answer == "ok-bad-digest":
            send(handler, 200, body[::-1])
        elif answer == "truncated":
            handler.send_response(200)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body[:100])
            handler.close_connection = True
        elif answer == "cut-json":
            send(handler, 200, b'{"a": [1', "application/json")
        else:
            send(handler, int(answer), Retry_After="0")

    server.route("/file", scripted)
    client = Fetcher(cache_dir=folder, timeout=2.0, backoff=0, retries=retries)
    digest = hashlib.sha256(body).hexdigest() if with_digest else None
    try:
        got = client.get(f"{server.url}/file", sha256=digest)
    except FetchError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(server.url)
        assert not list(folder.rglob("*.json"))
    else:
        assert got.content == body or (not with_digest and got.content == body[::-1])
        assert client._from_cache(f"{server.url}/file").content == got.content
    assert server.hits["/file"] <= retries + 1


# --- the generators on a faulty index --------------------------------------------------------------

PKG_INFO = b"""Metadata-Version: 2.1
Name: faultpkg
Version: 1.0
Summary: A package served by the fault server
License-Expression: MIT
Requires-Python: >=3.9
"""
PYPROJECT = b"""[build-system]
requires = ["flit_core>=3.9,<4"]
build-backend = "flit_core.buildapi"

[project]
name = "faultpkg"
version = "1.0"
description = "A package served by the fault server"
license = "MIT"
requires-python = ">=3.9"
"""
SDIST = gzip_tar_bytes(
    {
        "faultpkg-1.0/PKG-INFO": PKG_INFO,
        "faultpkg-1.0/pyproject.toml": PYPROJECT,
        "faultpkg-1.0/LICENSE": b"MIT License\n\nCopyright (c) 2026 Fault\n",
        "faultpkg-1.0/faultpkg/__init__.py": b"",
    }
)


def pypi(server, tmp_path, *extra: str):
    return run(
        "pypi",
        "faultpkg",
        "--index-url",
        f"{server.url}/pypi",
        "-o",
        str(tmp_path / "out"),
        "--maintainer",
        "octocat",
        *extra,
    )


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("RECIPEGEN_CACHE_DIR", str(tmp_path / "user-cache"))


def test_pypi_with_the_right_digest_writes_the_recipe(server, tmp_path):
    pypi_index(server, "faultpkg", "1.0", SDIST)
    result = pypi(server, tmp_path)
    assert result.exit_code == 0, result.output
    assert hashlib.sha256(SDIST).hexdigest() in (tmp_path / "out" / "faultpkg" / "recipe.yaml").read_text()


def test_pypi_refuses_a_wrong_digest_and_writes_nothing(server, tmp_path):
    pypi_index(server, "faultpkg", "1.0", SDIST, digest="ab" * 32)
    result = pypi(server, tmp_path)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "sha256 mismatch: the index says abab" in errors[0]
    assert not (tmp_path / "out").exists()


def test_pypi_refuses_a_tampered_file(server, tmp_path):
    pypi_index(server, "faultpkg", "1.0", SDIST)
    server.serve("/files/faultpkg-1.0.tar.gz", SDIST[:-100] + b"\0" * 100)
    result = pypi(server, tmp_path)
    assert result.exit_code == 1 and "sha256 mismatch" in result.output and not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "document",
    [
        [1, 2],
        {"info": [], "releases": {"1.0": "x"}},
        {"info": {"name": "faultpkg", "version": "1.0"}, "releases": {"1.0": [{"filename": 5}]}},
        {
            "info": {"name": "faultpkg", "version": "1.0"},
            "releases": {"1.0": [{"filename": "f.tar.gz", "digests": {"sha256": 7}}]},
        },
        {"info": {"name": "faultpkg", "version": "1.0", "summary": {"a": [1]}}, "releases": {"1.0": []}},
    ],
)
def test_index_json_of_the_wrong_types_is_one_line(server, tmp_path, document):
    body = json.dumps(document).encode()
    server.serve("/pypi/faultpkg/json", body, "application/json")
    server.serve("/pypi/faultpkg/1.0/json", body, "application/json")
    result = pypi(server, tmp_path)
    assert result.exit_code == 1, result.output
    assert [line for line in result.output.splitlines() if line.startswith("error:")], result.output


def test_timeout_option_bounds_a_slow_index(server, tmp_path):
    server.route("/pypi/faultpkg/json", lambda handler, _: drip(handler, ["5000", "0.2"]))
    start = time.monotonic()
    result = pypi(server, tmp_path, "--timeout", "1")
    assert result.exit_code == 1 and "took longer than 1 s" in result.output
    assert time.monotonic() - start < 8
