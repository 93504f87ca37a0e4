"""Whether the `extra.recipe-maintainers` entries exist on GitHub (rules CF-001 and CF-008).

The two rules share one answer per maintainer, computed here once per process
(`maintainer_verdicts`), several maintainers at a time in a small thread pool.

conda-smithy's procedure:

* with a token (`GH_TOKEN`, else `GITHUB_TOKEN`) through the REST API: `/users/<name>` must
  answer a `"type": "User"` (an organization cannot maintain a feedstock), and `org/team`
  entries `/orgs/<org>/teams/<team>`;
* without a token through the web site: HEAD `github.com/<name>` must be 200 (a 3xx means the
  account was renamed, 404 that it does not exist) and HEAD `github.com/orgs/<name>/teams`
  must be 400 or more (below, `<name>` is an organization); `org/team` entries are not checked.

HTTP 429, 5xx, 403 (GitHub's secondary rate limit) and network errors are retried
(`ATTEMPTS` requests in all, with backoff); when they persist the verdict is inconclusive.
Nothing here runs unless `--conda-forge --online` was given.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote

from recipegen.linters.model import LintOptions, RecipeDocument, RecipeView
from recipegen.linters.walk import strings

from recipegen.yamlio import PathKey

ATTEMPTS = 4  # conda-smithy's number of HEAD attempts
BACKOFF = 1.0  # seconds before the second attempt, doubled after each (tests set 0)
TIMEOUT = 10.0  # seconds per request
MAX_WORKERS = 8
RETRY_STATUS = frozenset({403, 429, 500, 502, 503, 504})
TOKEN_VARIABLES = ("GH_TOKEN", "GITHUB_TOKEN")
# GitHub logins: alphanumerics and single inner hyphens, at most 39 characters
_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
_TEAM_SLUG = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")

Status = Literal["user", "team", "missing", "inconclusive", "unchecked"]


@dataclass(frozen=True)
class Verdict:
    """What GitHub says about one maintainer entry; `reason` is a short phrase for messages."""

    status: Status
    reason: str = ""


@dataclass(frozen=True)
class Answer:
    """The last answer to a request: an HTTP status, or None with `error` when none arrived."""

    status: int | None
    error: str = ""
    body: Any = None  # parsed JSON of API answers (dict), else None


def github_token() -> str:
    for variable in TOKEN_VARIABLES:
        if os.environ.get(variable, "").strip():
            return os.environ[variable].strip()
    return ""


def maintainer_entries(doc: RecipeDocument) -> Iterator[tuple[RecipeView, str, tuple[PathKey, ...]]]:
    """(view, name, path of the list item) of every string maintainer, every branch visited."""
    for view in doc.views:
        for name, path in strings(view.data, ("extra", "recipe-maintainers")):
            name = name.strip()
            if name and "{{" not in name and "{%" not in name:
                yield view, name, path


def wanted(options: LintOptions) -> bool:
    """Network checks run only with --conda-forge --online."""
    return bool(options.conda_forge and options.online)


# --- the per-process cache -------------------------------------------------------------------

_CACHE: dict[tuple, Verdict] = {}  # (token given, web url, api url, name) -> verdict
_LOCK = threading.Lock()


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()


def maintainer_verdicts(names: list[str], options: LintOptions) -> dict[str, Verdict]:
    """A verdict for each name, each asked of GitHub at most once per process."""
    from recipegen.endpoints import github_api_url, github_url

    token = github_token()
    checker = _Checker(_fetcher(options), token, github_url(), github_api_url())
    context = (bool(token), checker.web, checker.api)
    unique = list(dict.fromkeys(names))
    with _LOCK:
        found = {name: _CACHE[(*context, name)] for name in unique if (*context, name) in _CACHE}
    pending = [name for name in unique if name not in found]
    if pending:
        with ThreadPoolExecutor(max_workers=min(MAX_WORKERS, len(pending))) as pool:
            for name, verdict in zip(pending, pool.map(checker.verdict, pending)):
                found[name] = verdict
        with _LOCK:
            for name in pending:
                _CACHE[(*context, name)] = found[name]
    return found


def _fetcher(options: LintOptions) -> Any:
    if options.fetcher is not None:
        return options.fetcher
    from recipegen.http import Fetcher

    return Fetcher(timeout=TIMEOUT, use_cache=False)


# --- asking GitHub ---------------------------------------------------------------------------


@dataclass
class _Checker:
    fetcher: Any
    token: str
    web: str
    api: str

    def verdict(self, name: str) -> Verdict:
        try:
            if "/" in name:
                return self._team(name) if self.token else Verdict("unchecked", "teams are checked only with a token")
            if not _LOGIN.match(name):
                return Verdict("missing", "is not a valid GitHub user name")
            return self._user_api(name) if self.token else self._user_web(name)
        except Exception as exc:
            return Verdict("inconclusive", f"unexpected error ({type(exc).__name__})")

    def _user_web(self, name: str) -> Verdict:
        page = self._ask("HEAD", f"{self.web}/{quote(name)}")
        if page.status is None or page.status in RETRY_STATUS:
            return _inconclusive(page)
        if 300 <= page.status < 400:
            return Verdict("missing", "was renamed or moved on GitHub (its page redirects)")
        if page.status != 200:
            return Verdict("missing", f"does not exist on GitHub (HTTP {page.status})")
        teams = self._ask("HEAD", f"{self.web}/orgs/{quote(name)}/teams")
        if teams.status is None or teams.status in RETRY_STATUS:
            return _inconclusive(teams)
        if teams.status < 400:
            return Verdict("missing", "is a GitHub organization, not a user")
        return Verdict("user")

    def _user_api(self, name: str) -> Verdict:
        reply = self._ask("GET", f"{self.api}/users/{quote(name)}", api=True)
        if reply.status == 404:
            return Verdict("missing", "does not exist on GitHub")
        if reply.status is not None and 300 <= reply.status < 400:
            return Verdict("missing", "was renamed or moved on GitHub (the API redirects)")
        if reply.status != 200 or not isinstance(reply.body, dict):
            return _inconclusive(reply, api=True)
        kind = reply.body.get("type")
        if kind == "Organization":
            return Verdict("missing", "is a GitHub organization, not a user")
        if not kind:
            return Verdict("inconclusive", "the GitHub API answered without an account type")
        if kind != "User":
            return Verdict("missing", f"is a GitHub {kind} account, not a user")
        login = str(reply.body.get("login") or name)
        if login.lower() != name.lower():
            return Verdict("missing", f'was renamed on GitHub to "{login}"')
        return Verdict("user")

    def _team(self, entry: str) -> Verdict:
        org, _, team = entry.partition("/")
        if not _LOGIN.match(org) or not _TEAM_SLUG.match(team):
            return Verdict("missing", "is not a valid `org/team` name")
        reply = self._ask("GET", f"{self.api}/orgs/{quote(org)}/teams/{quote(team)}", api=True)
        if reply.status == 404:
            return Verdict("missing", "does not exist on GitHub (or the token cannot see it)")
        if reply.status == 200:
            return Verdict("team")
        return _inconclusive(reply, api=True)

    def _ask(self, method: str, url: str, api: bool = False) -> Answer:
        """Up to ATTEMPTS requests while the answer is transient (429, 5xx, 403, no answer)."""
        from recipegen.http import FetchError

        headers = (
            {
                "Accept": "application/vnd.github+json",
                "Authorization": f"Bearer {self.token}",
                "X-GitHub-Api-Version": "2022-11-28",
            }
            if api
            else {}
        )
        answer = Answer(None, "no request made")
        for attempt in range(ATTEMPTS):
            if attempt:
                time.sleep(BACKOFF * 2 ** (attempt - 1))
            try:
                response = self.fetcher.request(
                    url, method=method, headers=headers, follow_redirects=False, timeout=TIMEOUT
                )
            except FetchError as exc:
                answer = Answer(None, exc.reason)
                continue
            answer = Answer(response.status, body=_json(response) if api and response.status == 200 else None)
            if response.status not in RETRY_STATUS:
                break
        return answer


def _json(response: Any) -> Any:
    try:
        return response.json()
    except Exception:
        return None


def _inconclusive(answer: Answer, api: bool = False) -> Verdict:
    if answer.status is None:
        why = answer.error or "no answer"
    elif answer.status == 429 or (answer.status == 403 and not api):
        why = f"rate limited by GitHub (HTTP {answer.status})"
    elif answer.status in (401, 403) and api:
        why = f"the GitHub API refused the token (HTTP {answer.status}; bad token or rate limit)"
    else:
        why = f"GitHub answered HTTP {answer.status}"
    tries = f" after {ATTEMPTS} attempts" if answer.status is None or answer.status in RETRY_STATUS else ""
    return Verdict("inconclusive", why + tries)


def entries_with_status(doc, options, status: str):
    """(view, name, path, verdict) of each maintainer entry whose check ended in `status`
    ("missing" or "inconclusive"); nothing unless --conda-forge --online."""
    if not wanted(options):
        return
    entries = list(maintainer_entries(doc))
    if not entries:
        return
    verdicts = maintainer_verdicts([name for _, name, _ in entries], options)
    for view, name, path in entries:
        if verdicts[name].status == status:
            yield view, name, path, verdicts[name]
