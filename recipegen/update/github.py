"""GitHub: the newest final release of a repository whose tag archives or release assets a
recipe builds from (REST API: releases, then tags; `RECIPEGEN_GITHUB_API_URL`)."""

from __future__ import annotations

import re

from recipegen.endpoints import github_api_url, github_url
from recipegen.http import Fetcher, FetchError
from recipegen.update.model import UpdateError
from recipegen.update.pypi import is_final


def tag_pattern(tag: str, version: str) -> tuple[str, str] | None:
    """(prefix, suffix) around the version in the recipe's tag: `v1.2.3` → ("v", "")."""
    if version not in tag:
        return None
    prefix, _, suffix = tag.partition(version)
    return prefix, suffix


def _names(fetcher: Fetcher, repo: str) -> list[tuple[str, bool]]:
    """(tag, usable) from the releases (drafts and pre-releases not usable), then the tags no
    release describes."""
    api = github_api_url()
    found: dict[str, bool] = {}
    for path, key in ((f"repos/{repo}/releases?per_page=100", "tag_name"), (f"repos/{repo}/tags?per_page=100", "name")):
        try:
            items = fetcher.get(f"{api}/{path}", refresh=True).json()
        except FetchError as exc:
            if exc.status in (403, 429):  # the unauthenticated API's rate limit: the git protocol has none
                return [(tag, True) for tag in git_tags(fetcher, repo)]
            if exc.status == 404:
                continue
            raise
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and item.get(key):
                found.setdefault(str(item[key]), not item.get("draft") and not item.get("prerelease"))
    return list(found.items())


_TAG_REF = re.compile(r"refs/tags/([^\s^]+)(?:\^\{\})?$")


def git_tags(fetcher: Fetcher, repo: str) -> list[str]:
    """Tag names from the repository's git smart-HTTP ref advertisement (what `git ls-remote` reads)."""
    url = f"{github_url()}/{repo}.git/info/refs?service=git-upload-pack"
    text = fetcher.get(url, refresh=True).text
    return list(dict.fromkeys(m.group(1) for line in text.splitlines() if (m := _TAG_REF.search(line.strip()))))


def newest(fetcher: Fetcher, repo: str, tag: str, version: str) -> tuple[str, str]:
    """(version, tag) of the newest final release tagged like the recipe's tag."""
    from packaging.version import Version

    pattern = tag_pattern(tag, version)
    if pattern is None:
        raise UpdateError(f"{repo}: the source's tag {tag!r} does not contain the version {version}")
    prefix, suffix = pattern
    candidates = []
    for name, final in _names(fetcher, repo):
        if not (name.startswith(prefix) and name.endswith(suffix)) or not final:
            continue
        middle = name[len(prefix) : len(name) - len(suffix)] if suffix else name[len(prefix) :]
        if is_final(middle):
            candidates.append((Version(middle), middle, name))
    if not candidates:
        raise UpdateError(f"{repo}: no release tagged like {tag!r} found on GitHub")
    _, found, name = max(candidates)
    return found, name
