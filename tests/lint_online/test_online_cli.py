"""`recipegen lint --online`: network checks only with --conda-forge --online (a fake GitHub)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from recipegen.http import Fetcher, Response

from .conftest import WEB

RECIPE = """\
schema_version: 1

package:
  name: foo
  version: "1.0"

source:
  url: https://example.org/foo-1.0.tar.gz
  sha256: 8f7a2b1c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a

build:
  number: 0
  noarch: generic

about:
  homepage: https://example.org/foo
  summary: A test package
  license: MIT
  license_file: LICENSE

extra:
  recipe-maintainers:
    - no-such-user
"""


@pytest.fixture
def requests_made(monkeypatch):
    """Every Fetcher.request, answered 404 (the user does not exist)."""
    calls: list[tuple[str, str]] = []

    def fake_request(self, url, *, method="GET", headers=None, follow_redirects=False, timeout=None):
        calls.append((method, url))
        return Response(url, 404, b"")

    monkeypatch.setattr(Fetcher, "request", fake_request)
    return calls


def lint(tmp_path, *flags: str) -> tuple[int, list[dict]]:
    from recipegen.cli import main

    folder = tmp_path / "recipes" / "foo"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "recipe.yaml").write_text(RECIPE)
    result = CliRunner().invoke(
        main, ["lint", "--format", "json", "--no-config", *flags, str(folder)], catch_exceptions=False
    )
    return result.exit_code, json.loads(result.output)


@pytest.mark.parametrize("flags", [(), ("--online",), ("--conda-forge",)])
def test_no_request_without_conda_forge_and_online(flags, tmp_path, requests_made):
    _code, problems = lint(tmp_path, *flags)
    assert requests_made == []
    assert not [p for p in problems if p["rule_id"].startswith("maintainer")]


def test_conda_forge_online_checks_maintainers(tmp_path, requests_made):
    code, problems = lint(tmp_path, "--conda-forge", "--online", "--select", "maintainer-not-found")
    assert requests_made == [("HEAD", f"{WEB}/no-such-user")]
    assert [(p["rule_id"], p["line"], p["equivalent"]) for p in problems] == [
        ("maintainer-not-found", 23, ["maintainer-not-found", "CF-001"])
    ]
    assert code == 1


def test_help_names_the_flag():
    from recipegen.cli import main

    result = CliRunner().invoke(main, ["lint", "--help"])
    assert "--online" in result.output
