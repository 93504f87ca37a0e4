"""A fake GitHub for the network rules: tests never touch the network."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from recipegen.linters.api import lint_document, load_document
from recipegen.linters.model import LintOptions
from recipegen.linters.rules import _github

from recipegen.http import Fetcher, FetchError, Response

WEB = "https://github.com"
API = "https://api.github.com"


class FakeGitHub:
    """`Fetcher.request_transport`: answers by URL and records every request.

    A route is a status (int), a JSON body (dict, status 200), a FetchError to raise, or a list
    of those answered in turn (the last one repeats). Unknown URLs answer 404.
    """

    def __init__(self, routes: dict[str, object] | None = None, barrier: threading.Barrier | None = None) -> None:
        self.routes = dict(routes or {})
        self.calls: list[tuple[str, str, dict[str, str]]] = []
        self.barrier = barrier
        self._lock = threading.Lock()

    def __call__(self, method: str, url: str, headers: dict[str, str]) -> Response:
        with self._lock:
            self.calls.append((method, url, dict(headers)))
            route = self.routes.get(url, 404)
            if isinstance(route, list):
                answer = route.pop(0) if len(route) > 1 else route[0]
            else:
                answer = route
        if self.barrier is not None:
            self.barrier.wait()  # breaks (timeout) unless requests run side by side
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, dict):
            return Response(url, 200, json.dumps(answer).encode(), {"Content-Type": "application/json"})
        return Response(url, int(answer), b"")

    def urls(self) -> list[str]:
        return [url for _, url, _ in self.calls]


def user_routes(name: str) -> dict[str, object]:
    """A real user without a token: profile 200, no teams page."""
    return {f"{WEB}/{name}": 200, f"{WEB}/orgs/{name}/teams": 404}


def org_routes(name: str) -> dict[str, object]:
    return {f"{WEB}/{name}": 200, f"{WEB}/orgs/{name}/teams": 200}


def network_error(url: str = "https://github.com/x") -> FetchError:
    return FetchError(url, "cannot connect to github.com")


@pytest.fixture(autouse=True)
def isolated(monkeypatch):
    """No token, default endpoints, no backoff, an empty cache, and no real network at all."""
    for variable in ("GH_TOKEN", "GITHUB_TOKEN", "RECIPEGEN_GITHUB_URL", "RECIPEGEN_GITHUB_API_URL"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(_github, "BACKOFF", 0.0)
    _github.clear_cache()

    def no_network(*args, **kwargs):
        raise AssertionError("a test tried to use the network")

    monkeypatch.setattr("requests.request", no_network)
    monkeypatch.setattr("requests.Session.request", no_network)
    yield
    _github.clear_cache()


def options_with(fake: FakeGitHub, tmp_path: Path, **extra) -> LintOptions:
    fetcher = Fetcher(cache_dir=tmp_path / "cache", use_cache=False, request_transport=fake)
    values = {"conda_forge": True, "online": True, "fetcher": fetcher, **extra}
    return LintOptions(**values)


def lines_of(rule_id: str, text: str, fmt: str, options: LintOptions, folder: Path) -> list[tuple[int, str]]:
    """(line, message) of `rule_id`'s problems on a recipe written to `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ("meta.yaml" if fmt == "v0" else "recipe.yaml")
    path.write_text(text, encoding="utf-8")
    problems = lint_document(load_document(path), options, select=[rule_id])
    return [(p.line, p.message) for p in problems if p.rule_id == rule_id]
