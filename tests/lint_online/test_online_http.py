"""`Fetcher.request`: one uncached request, statuses returned, network errors as FetchError."""

from __future__ import annotations

import pytest
import requests

from recipegen.http import Fetcher, FetchError


class FakeReply:
    def __init__(self, url: str, status: int) -> None:
        self.url, self.status_code, self.headers = url, status, {"Location": "https://github.com/new"}

        class Raw:  # a stream: the body once, then the end
            def __init__(self) -> None:
                self.body = [b'{"ok": true}']

            def read(self, size, decode_content=True):
                return self.body.pop() if self.body else b""

        self.raw = Raw()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_head_returns_redirect_status_without_following(monkeypatch, tmp_path):
    seen = {}

    def fake_request(method, url, **kwargs):
        seen.update(kwargs, method=method, url=url)
        return FakeReply(url, 301)

    monkeypatch.setattr(
        requests.Session, "request", lambda _session, method, url, **kwargs: fake_request(method, url, **kwargs)
    )
    response = Fetcher(cache_dir=tmp_path).request("https://github.com/old", method="HEAD", timeout=10)
    assert (response.status, response.content) == (301, b"")
    assert seen["method"] == "HEAD" and seen["allow_redirects"] is False and seen["timeout"] == 10
    assert "recipegen" in seen["headers"]["User-Agent"]
    assert not list(tmp_path.rglob("*"))  # nothing cached


def test_get_reads_the_body(monkeypatch, tmp_path):
    monkeypatch.setattr(requests.Session, "request", lambda _session, method, url, **kw: FakeReply(url, 200))
    response = Fetcher(cache_dir=tmp_path).request(
        "https://api.github.com/users/x", headers={"Authorization": "Bearer t"}
    )
    assert response.json() == {"ok": True}


def test_connection_error_is_a_fetch_error(monkeypatch, tmp_path):
    def refuse(method, url, **kwargs):
        raise requests.ConnectionError("Connection refused")

    monkeypatch.setattr(
        requests.Session, "request", lambda _session, method, url, **kwargs: refuse(method, url, **kwargs)
    )
    with pytest.raises(FetchError, match="connection to github.com refused"):
        Fetcher(cache_dir=tmp_path).request("https://github.com/x", method="HEAD")


def test_offline_refuses(tmp_path):
    with pytest.raises(FetchError, match="--offline"):
        Fetcher(cache_dir=tmp_path, offline=True).request("https://github.com/x")
