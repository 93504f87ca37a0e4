"""maintainer-not-found (CF-001) and maintainer-check-inconclusive (CF-008) against a fake GitHub."""

from __future__ import annotations

import threading

import pytest
from recipegen.linters.api import lint_document, load_v1

from .conftest import API, WEB, FakeGitHub, lines_of, network_error, options_with, org_routes, user_routes

NOT_FOUND = "maintainer-not-found"
INCONCLUSIVE = "maintainer-check-inconclusive"

RECIPE = """\
package:
  name: foo
  version: "1.0"

extra:
  recipe-maintainers:
{items}
"""


def recipe(*names: str, fmt: str = "v1") -> str:
    """The maintainers are on lines 7, 8, ...; v0 gets a Jinja line so it is a real meta.yaml."""
    text = RECIPE.format(items="\n".join(f"    - {name}" for name in names))
    return text if fmt == "v1" else text.replace('version: "1.0"', 'version: {{ "1.0" }}')


FORMATS = pytest.mark.parametrize("fmt", ["v1", "v0"])


# --- without a token: github.com pages -----------------------------------------------------------


@FORMATS
def test_existing_user_passes(fmt, tmp_path):
    fake = FakeGitHub(user_routes("octocat"))
    options = options_with(fake, tmp_path)
    assert lines_of(NOT_FOUND, recipe("octocat", fmt=fmt), fmt, options, tmp_path / "r") == []
    assert lines_of(INCONCLUSIVE, recipe("octocat", fmt=fmt), fmt, options, tmp_path / "r") == []
    assert fake.calls == [
        ("HEAD", f"{WEB}/octocat", fake.calls[0][2]),
        ("HEAD", f"{WEB}/orgs/octocat/teams", fake.calls[1][2]),
    ]
    assert all("Authorization" not in headers for _, _, headers in fake.calls)


@FORMATS
def test_missing_user_fails_at_its_line(fmt, tmp_path):
    fake = FakeGitHub({**user_routes("octocat"), f"{WEB}/no-such-user": 404})
    found = lines_of(
        NOT_FOUND, recipe("octocat", "no-such-user", fmt=fmt), fmt, options_with(fake, tmp_path), tmp_path / "r"
    )
    assert found == [
        (
            8,
            'Recipe maintainer "no-such-user" does not exist on GitHub (HTTP 404): list the GitHub '
            "user name of each maintainer (or an `org/team`).",
        )
    ]
    assert f"{WEB}/orgs/no-such-user/teams" not in fake.urls()  # no second request once the page is missing


def test_organization_is_not_a_maintainer(tmp_path):
    fake = FakeGitHub({**user_routes("octocat"), **org_routes("conda-forge")})
    found = lines_of(NOT_FOUND, recipe("conda-forge", "octocat"), "v1", options_with(fake, tmp_path), tmp_path / "r")
    assert [(line, "organization, not a user" in message) for line, message in found] == [(7, True)]


@pytest.mark.parametrize("status", [301, 302])
def test_renamed_user_redirects_and_is_missing(status, tmp_path):
    fake = FakeGitHub({f"{WEB}/old-name": status})
    found = lines_of(NOT_FOUND, recipe("old-name"), "v1", options_with(fake, tmp_path), tmp_path / "r")
    assert len(found) == 1 and found[0][0] == 7 and "renamed" in found[0][1]
    assert fake.calls[0][0] == "HEAD"


def test_teams_page_redirect_means_organization(tmp_path):
    """Below 400 on /orgs/<name>/teams (here a redirect to the login page) is an organization."""
    fake = FakeGitHub({f"{WEB}/some-org": 200, f"{WEB}/orgs/some-org/teams": 302})
    found = lines_of(NOT_FOUND, recipe("some-org"), "v1", options_with(fake, tmp_path), tmp_path / "r")
    assert [line for line, _ in found] == [7]


def test_rate_limited_four_times_is_inconclusive(tmp_path):
    fake = FakeGitHub({f"{WEB}/octocat": 429})
    options = options_with(fake, tmp_path)
    text = recipe("octocat")
    assert lines_of(NOT_FOUND, text, "v1", options, tmp_path / "r") == []
    found = lines_of(INCONCLUSIVE, text, "v1", options, tmp_path / "r")
    assert found == [
        (
            7,
            'Could not verify that recipe maintainer "octocat" exists on GitHub: rate limited by '
            "GitHub (HTTP 429) after 4 attempts. Re-run the lint later (on a conda-forge pull "
            "request: `@conda-forge-admin, please lint`).",
        )
    ]
    assert fake.urls() == [f"{WEB}/octocat"] * 4  # conda-smithy's 4 HEAD attempts, then the cache


def test_connection_errors_are_inconclusive(tmp_path):
    fake = FakeGitHub({f"{WEB}/octocat": network_error()})
    found = lines_of(INCONCLUSIVE, recipe("octocat"), "v1", options_with(fake, tmp_path), tmp_path / "r")
    assert len(found) == 1 and "cannot connect to github.com after 4 attempts" in found[0][1]
    assert len(fake.calls) == 4


def test_server_errors_on_the_teams_page_are_inconclusive(tmp_path):
    fake = FakeGitHub({f"{WEB}/octocat": 200, f"{WEB}/orgs/octocat/teams": 503})
    found = lines_of(INCONCLUSIVE, recipe("octocat"), "v1", options_with(fake, tmp_path), tmp_path / "r")
    assert len(found) == 1 and "HTTP 503 after 4 attempts" in found[0][1]


def test_transient_errors_are_retried_until_an_answer(tmp_path):
    fake = FakeGitHub({f"{WEB}/octocat": [503, network_error(), 200], f"{WEB}/orgs/octocat/teams": 404})
    options = options_with(fake, tmp_path)
    assert lines_of(INCONCLUSIVE, recipe("octocat"), "v1", options, tmp_path / "r") == []
    assert lines_of(NOT_FOUND, recipe("octocat"), "v1", options, tmp_path / "r") == []
    assert fake.urls() == [f"{WEB}/octocat"] * 3 + [f"{WEB}/orgs/octocat/teams"]


def test_teams_are_not_checked_without_a_token(tmp_path):
    fake = FakeGitHub()
    options = options_with(fake, tmp_path)
    for rule in (NOT_FOUND, INCONCLUSIVE):
        assert lines_of(rule, recipe("conda-forge/core"), "v1", options, tmp_path / "r") == []
    assert fake.calls == []


def test_invalid_names_fail_without_a_request(tmp_path):
    fake = FakeGitHub()
    found = lines_of(NOT_FOUND, recipe("'@octocat'", "john doe"), "v1", options_with(fake, tmp_path), tmp_path / "r")
    assert [line for line, _ in found] == [7, 8]
    assert all("not a valid GitHub user name" in message for _, message in found)
    assert fake.calls == []


def test_each_maintainer_is_asked_once_per_process(tmp_path):
    fake = FakeGitHub({**user_routes("octocat"), **user_routes("hubot")})
    options = options_with(fake, tmp_path)
    text = recipe("octocat", "hubot", "octocat")
    for folder in ("a", "b"):
        for rule in (NOT_FOUND, INCONCLUSIVE):
            assert lines_of(rule, text, "v1", options, tmp_path / folder) == []
    assert sorted(fake.urls()) == sorted(
        [f"{WEB}/octocat", f"{WEB}/orgs/octocat/teams", f"{WEB}/hubot", f"{WEB}/orgs/hubot/teams"]
    )


def test_maintainers_are_checked_concurrently(tmp_path):
    """Both first requests must be in flight together to pass the barrier."""
    barrier = threading.Barrier(2, timeout=5)
    fake = FakeGitHub({f"{WEB}/octocat": 404, f"{WEB}/hubot": 404}, barrier=barrier)
    found = lines_of(NOT_FOUND, recipe("octocat", "hubot"), "v1", options_with(fake, tmp_path), tmp_path / "r")
    assert [line for line, _ in found] == [7, 8]


def test_conditional_maintainers_are_checked_in_every_branch(tmp_path):
    text = (
        'package:\n  name: foo\n  version: "1.0"\n\nextra:\n  recipe-maintainers:\n'
        "    - if: linux\n      then: gone-user\n      else: octocat\n"
    )
    fake = FakeGitHub(user_routes("octocat"))
    found = lines_of(NOT_FOUND, text, "v1", options_with(fake, tmp_path), tmp_path / "r")
    assert [line for line, _ in found] == [8]


# --- with a token: the REST API ----------------------------------------------------------------------


def _api_user(login: str, kind: str = "User") -> dict:
    return {"login": login, "type": kind, "id": 1}


@pytest.mark.parametrize("variable", ["GH_TOKEN", "GITHUB_TOKEN"])
def test_token_uses_the_api(variable, monkeypatch, tmp_path):
    monkeypatch.setenv(variable, "secret-token")
    fake = FakeGitHub({f"{API}/users/octocat": _api_user("octocat")})
    options = options_with(fake, tmp_path)
    assert lines_of(NOT_FOUND, recipe("octocat"), "v1", options, tmp_path / "r") == []
    assert [(method, url) for method, url, _ in fake.calls] == [("GET", f"{API}/users/octocat")]
    assert fake.calls[0][2]["Authorization"] == "Bearer secret-token"


def test_token_missing_user_and_organization(monkeypatch, tmp_path):
    monkeypatch.setenv("GH_TOKEN", "t")
    fake = FakeGitHub(
        {
            f"{API}/users/octocat": _api_user("octocat"),
            f"{API}/users/conda-forge": _api_user("conda-forge", "Organization"),
        }
    )
    found = lines_of(
        NOT_FOUND, recipe("octocat", "conda-forge", "nobody-here"), "v1", options_with(fake, tmp_path), tmp_path / "r"
    )
    assert [line for line, _ in found] == [8, 9]
    assert "organization, not a user" in found[0][1] and "does not exist on GitHub" in found[1][1]
    assert not any(url.startswith(WEB + "/") for url in fake.urls())


def test_token_renamed_login_is_missing(monkeypatch, tmp_path):
    monkeypatch.setenv("GH_TOKEN", "t")
    fake = FakeGitHub({f"{API}/users/old-name": _api_user("new-name")})
    found = lines_of(NOT_FOUND, recipe("old-name"), "v1", options_with(fake, tmp_path), tmp_path / "r")
    assert len(found) == 1 and 'renamed on GitHub to "new-name"' in found[0][1]


def test_token_checks_teams(monkeypatch, tmp_path):
    monkeypatch.setenv("GH_TOKEN", "t")
    fake = FakeGitHub({f"{API}/orgs/conda-forge/teams/core": {"slug": "core"}})
    found = lines_of(
        NOT_FOUND, recipe("conda-forge/core", "conda-forge/nope"), "v1", options_with(fake, tmp_path), tmp_path / "r"
    )
    assert found == [
        (
            8,
            'Recipe team "conda-forge/nope" does not exist on GitHub (or the token cannot see it): '
            "list the GitHub user name of each maintainer (or an `org/team`).",
        )
    ]
    assert set(fake.urls()) == {f"{API}/orgs/conda-forge/teams/core", f"{API}/orgs/conda-forge/teams/nope"}


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (500, "GitHub answered HTTP 500 after 4 attempts"),
        (401, "the GitHub API refused the token (HTTP 401"),
        (403, "the GitHub API refused the token (HTTP 403"),
    ],
)
def test_token_api_errors_are_inconclusive(answer, reason, monkeypatch, tmp_path):
    monkeypatch.setenv("GH_TOKEN", "t")
    fake = FakeGitHub({f"{API}/users/octocat": answer, f"{API}/orgs/org/teams/team": answer})
    options = options_with(fake, tmp_path)
    found = lines_of(INCONCLUSIVE, recipe("octocat", "org/team"), "v1", options, tmp_path / "r")
    assert [line for line, _ in found] == [7, 8]
    assert all(reason in message for _, message in found)
    assert lines_of(NOT_FOUND, recipe("octocat", "org/team"), "v1", options, tmp_path / "r") == []


def test_token_and_no_token_answers_are_cached_apart(monkeypatch, tmp_path):
    fake = FakeGitHub({f"{WEB}/octocat": 404, f"{API}/users/octocat": _api_user("octocat")})
    options = options_with(fake, tmp_path)
    assert len(lines_of(NOT_FOUND, recipe("octocat"), "v1", options, tmp_path / "r")) == 1
    monkeypatch.setenv("GH_TOKEN", "t")
    assert lines_of(NOT_FOUND, recipe("octocat"), "v1", options, tmp_path / "r") == []


# --- when nothing is asked ------------------------------------------------------------------------


@pytest.mark.parametrize(("conda_forge", "online"), [(False, False), (True, False), (False, True)])
def test_nothing_is_requested_without_conda_forge_and_online(conda_forge, online, tmp_path):
    fake = FakeGitHub()
    options = options_with(fake, tmp_path, conda_forge=conda_forge, online=online)
    doc = load_v1(recipe("no-such-user"), str(tmp_path / "recipe.yaml"))
    problems = lint_document(doc, options)
    assert not [p for p in problems if p.rule_id in (NOT_FOUND, INCONCLUSIVE)]
    assert fake.calls == []


def test_offline_fetcher_is_inconclusive_not_a_crash(tmp_path):
    from recipegen.http import Fetcher

    options = options_with(FakeGitHub(), tmp_path)
    options.fetcher = Fetcher(cache_dir=tmp_path, offline=True)
    found = lines_of(INCONCLUSIVE, recipe("octocat"), "v1", options, tmp_path / "r")
    assert len(found) == 1 and "--offline" in found[0][1]


def test_token_invalid_team_name_fails_without_a_request(monkeypatch, tmp_path):
    monkeypatch.setenv("GH_TOKEN", "t")
    fake = FakeGitHub()
    found = lines_of(NOT_FOUND, recipe("../admin"), "v1", options_with(fake, tmp_path), tmp_path / "r")
    assert [line for line, _ in found] == [7] and "not a valid `org/team` name" in found[0][1]
    assert fake.calls == []
