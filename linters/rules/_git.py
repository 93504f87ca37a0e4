"""Reading a git checkout's remotes without running git (rule feedstock-name-mismatch).

Finds the repository holding a folder (a `.git` folder, or a `.git` file `gitdir: ...` as in
worktrees and submodules; a worktree's remotes live in its common dir), reads the `url` of
each `[remote "name"]` section of its config, and recognises GitHub feedstock URLs in their
https, ssh and git forms.
"""

from __future__ import annotations

import re
from pathlib import Path

_SECTION = re.compile(r'^\s*\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]')
_URL = re.compile(r"^\s*url\s*=\s*(.*?)\s*$", re.IGNORECASE)
# https://[user@]github.com/o/x-feedstock[.git], git@github.com:o/x-feedstock.git,
# ssh://git@github.com[:22]/o/x-feedstock.git, git://github.com/o/x-feedstock
_GITHUB_REPO = re.compile(
    r"^(?:(?:https?|ssh|git)://(?:[^@/]+@)?github\.com(?::\d+)?/|[^@/:\s]+@github\.com:)"
    r"/?(?P<owner>[A-Za-z0-9][A-Za-z0-9-]*)/(?P<repo>[A-Za-z0-9_.-]+?)(?:\.git)?/*$",
    re.IGNORECASE,
)
MAX_PARENTS = 40


def git_dir(folder: Path) -> Path | None:
    """The git directory of the repository holding `folder` (walking up), None outside one."""
    try:
        folder = folder.resolve()
    except OSError:
        return None
    for candidate in [folder, *folder.parents][:MAX_PARENTS]:
        dot_git = candidate / ".git"
        try:
            if dot_git.is_dir():
                return dot_git
            if dot_git.is_file():
                return _linked_git_dir(dot_git)
        except OSError:
            return None
    return None


def _linked_git_dir(dot_git: Path) -> Path | None:
    """`.git` as a file (`gitdir: <path>`), as git worktrees and submodules write it."""
    try:
        first = dot_git.read_text(encoding="utf-8", errors="replace").splitlines()[0]
    except (OSError, IndexError):
        return None
    if not first.startswith("gitdir:"):
        return None
    target = Path(first[len("gitdir:") :].strip())
    target = target if target.is_absolute() else dot_git.parent / target
    return target if target.is_dir() else None


def config_file(gitdir: Path) -> Path:
    """The config holding the remotes: a worktree's common dir's config, else the git dir's."""
    common = gitdir / "commondir"
    try:
        if common.is_file():
            shared = Path(common.read_text(encoding="utf-8").strip())
            return (shared if shared.is_absolute() else gitdir / shared) / "config"
    except OSError:
        pass
    return gitdir / "config"


def remote_urls(config_text: str) -> dict[str, str]:
    """`remote name -> url` from a git config's text (the first url of each remote)."""
    urls: dict[str, str] = {}
    remote: str | None = None
    for line in config_text.splitlines():
        section = _SECTION.match(line)
        if section:
            remote = section.group(2) if section.group(1).lower() == "remote" else None
            continue
        found = _URL.match(line)
        if remote is not None and found and remote not in urls:
            urls[remote] = _unquote(found.group(1))
    return urls


def _unquote(raw: str) -> str:
    """A git config value: `"..."` parts unquoted, backslash escapes read, `#`/`;` comments cut."""
    out: list[str] = []
    quoted = escaped = False
    for char in raw:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char in "#;" and not quoted:
            break
        else:
            out.append(char)
    return "".join(out).strip()


def feedstock_remote(folder: Path) -> tuple[str, str, str] | None:
    """(remote name, owner, X) when the checkout holding `folder` has an `upstream` (else
    `origin`) remote at `github.com/<owner>/<X>-feedstock`; None otherwise."""
    gitdir = git_dir(folder)
    if gitdir is None:
        return None
    try:
        text = config_file(gitdir).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    urls = remote_urls(text)
    for remote in ("upstream", "origin"):
        if remote in urls:
            parsed = github_feedstock(urls[remote])
            return (remote, *parsed) if parsed else None
    return None


def github_feedstock(url: str) -> tuple[str, str] | None:
    """(owner, X) for a GitHub URL of a repository named `<X>-feedstock`."""
    match = _GITHUB_REPO.match(url.strip())
    if not match or not match.group("repo").lower().endswith("-feedstock"):
        return None
    name = match.group("repo")[: -len("-feedstock")]
    return (match.group("owner"), name) if name else None
