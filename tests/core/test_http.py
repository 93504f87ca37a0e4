import pytest

from recipegen.http import Fetcher, FetchError, Response


def make_transport(replies):
    calls = []

    def transport(url):
        calls.append(url)
        reply = replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply

    return transport, calls


def test_retries_transient_errors_then_succeeds(tmp_path):
    transport, calls = make_transport(
        [
            Response("u", 503, b""),
            FetchError("u", "cannot connect"),
            Response("u", 200, b"ok"),
        ]
    )
    fetcher = Fetcher(cache_dir=tmp_path, transport=transport, backoff=0)
    assert fetcher.get("https://x/y").content == b"ok"
    assert len(calls) == 3


def test_404_fails_at_once_with_one_line(tmp_path):
    transport, calls = make_transport([Response("u", 404, b"")])
    fetcher = Fetcher(cache_dir=tmp_path, transport=transport, backoff=0)
    with pytest.raises(FetchError) as info:
        fetcher.get("https://x/missing")
    assert "not found" in str(info.value) and "\n" not in str(info.value)
    assert len(calls) == 1


def test_gives_up_after_retries(tmp_path):
    transport, calls = make_transport([Response("u", 502, b"")] * 4)
    fetcher = Fetcher(cache_dir=tmp_path, transport=transport, backoff=0, retries=3)
    with pytest.raises(FetchError, match="HTTP 502"):
        fetcher.get("https://x/flaky")
    assert len(calls) == 4


def test_cache_and_offline(tmp_path):
    transport, calls = make_transport([Response("https://x/final", 200, b"data")])
    Fetcher(cache_dir=tmp_path, transport=transport).get("https://x/a")
    offline = Fetcher(cache_dir=tmp_path, offline=True)
    cached = offline.get("https://x/a")
    assert cached.content == b"data" and cached.url == "https://x/final"
    with pytest.raises(FetchError, match="--offline"):
        offline.get("https://x/not-cached")
    assert len(calls) == 1


def test_connection_errors_read_as_one_short_reason():
    from recipegen.http import _connection_reason

    dns = Exception(
        "HTTPSConnectionPool(host='cran.r-project.org', port=443): Max retries exceeded "
        "(Caused by NameResolutionError(...))"
    )
    assert _connection_reason("https://cran.r-project.org/x", dns) == (
        "cannot resolve host cran.r-project.org (no network or DNS?)"
    )
    assert (
        _connection_reason("https://h.example/x", Exception("Connection refused")) == "connection to h.example refused"
    )
