"""The package's source archive: where it is, fetching it, its sha256, licence and git tree hash.

The registry records no archive, only the `git-tree-sha1` of the package tree at each version.
Candidates, in order:

1. the repository's tag archive, `<repo>/archive/refs/tags/v<version>.tar.gz` (GitHub; TagBot
   tags `v<version>`; a package in a subdirectory is tagged `<Name>-v<version>` first, JLLs
   `<Name>-v<version>` without `_jll`);
2. the Pkg server's tarball of exactly the registered tree, `<pkg server>/package/<uuid>/<git-tree-sha1>`.

The sha256 is that of the bytes actually fetched; the archive is read in memory (never
unpacked, never executed) for the licence file and to compute the git tree hash of the package
folder, which is compared with the registered one.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from urllib.parse import quote, urlparse

from recipegen.archives import ArchiveError, Member, iter_members
from recipegen.endpoints import endpoint


@dataclass(frozen=True)
class Candidate:
    url: str
    kind: str  # "tag" or "pkg-server"
    subdir: str  # folder of the package inside the unpacked archive ("" = top)


@dataclass
class SourceArchive:
    candidate: Candidate
    sha256: str
    files: dict[str, bytes]  # licence files and Project.toml, paths relative to the archive root folder
    tree_hash: str  # git tree hash of the package folder, "" when it could not be computed
    top: str = ""  # the archive's single top folder ("" for Pkg-server tarballs)
    tried: list[str] = field(default_factory=list)


def pkg_server() -> str:
    """The Pkg server: $RECIPEGEN_JULIA_PKG_SERVER, else Julia's own $JULIA_PKG_SERVER, else pkg.julialang.org."""
    if not os.environ.get("RECIPEGEN_JULIA_PKG_SERVER") and os.environ.get("JULIA_PKG_SERVER"):
        server = os.environ["JULIA_PKG_SERVER"].strip().rstrip("/")
        return server if "://" in server else f"https://{server}"
    return endpoint("RECIPEGEN_JULIA_PKG_SERVER")


def github_repo(repo_url: str) -> str | None:
    """`https://github.com/Owner/Name.jl` for a GitHub repository URL, else None."""
    text = repo_url.strip()
    if text.startswith("git@github.com:"):
        text = "https://github.com/" + text.split(":", 1)[1]
    parsed = urlparse(text)
    if parsed.hostname not in ("github.com", "www.github.com"):
        return None
    path = parsed.path.strip("/")
    if path.endswith(".git"):
        path = path[:-4]
    if path.count("/") != 1:
        return None
    return f"{endpoint('RECIPEGEN_GITHUB_URL')}/{path}"


def homepage(repo_url: str) -> str:
    """The browsable repository URL (https, no `.git`)."""
    github = github_repo(repo_url)
    if github and endpoint("RECIPEGEN_GITHUB_URL") == "https://github.com":
        return github
    text = repo_url.strip()
    if text.startswith("git@github.com:"):
        text = "https://github.com/" + text.split(":", 1)[1]
    return text[:-4] if text.endswith(".git") else text


def tag_names(name: str, version: str, subdir: str) -> list[str]:
    if name.endswith("_jll"):
        return [f"{name.removesuffix('_jll')}-v{version}", f"v{version}"]
    if subdir:  # TagBot tags a package in a subdirectory <Name>-v<version>; v<version> is the main package's
        return [f"{name}-v{version}", f"v{version}"]
    return [f"v{version}"]


def candidates(name: str, uuid: str, version: str, repo: str, subdir: str, tree_sha1: str) -> list[Candidate]:
    found = []
    github = github_repo(repo)
    if github:
        for tag in tag_names(name, version, subdir):
            found.append(Candidate(f"{github}/archive/refs/tags/{quote(tag, safe='')}.tar.gz", "tag", subdir))
    server = pkg_server()
    found.append(Candidate(f"{server}/package/{uuid}/{tree_sha1}", "pkg-server", ""))
    return found


# --- git tree hash ---------------------------------------------------------------------------


def git_tree_hash(members: list[Member], folder: str = "") -> str:
    """The git tree hash (SHA-1) of `folder` in an archive, as `git write-tree` would give it.

    Files are blobs (mode 100755 when executable), symlinks blobs of their target (120000),
    folders trees (40000); empty folders do not exist in git.
    """
    prefix = folder.strip("/") + "/" if folder.strip("/") else ""
    root: dict = {}
    for member in members:
        if member.is_dir or not member.name.startswith(prefix):
            continue
        rel = member.name[len(prefix) :]
        if not rel:
            continue
        if member.is_symlink:
            mode, data = b"120000", member.link_target.encode()
        else:
            if member.data is None:
                raise ValueError(f"{member.name}: contents not read")
            mode = b"100755" if member.mode & 0o111 else b"100644"
            data = member.data
        node = root
        parts = rel.split("/")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = (mode, hashlib.sha1(b"blob %d\0" % len(data) + data).digest())
    digest = _tree(root)
    return digest.hex() if digest else ""


def _tree(node: dict) -> bytes | None:
    entries = []
    for name, value in node.items():
        if isinstance(value, dict):
            sub = _tree(value)
            if sub is None:
                continue
            entries.append((name + "/", b"40000", name, sub))
        else:
            entries.append((name, value[0], name, value[1]))
    if not entries:
        return None
    entries.sort(key=lambda e: e[0].encode())
    body = b"".join(mode + b" " + name.encode() + b"\0" + sha for _, mode, name, sha in entries)
    return hashlib.sha1(b"tree %d\0" % len(body) + body).digest()


# --- reading a fetched archive ---------------------------------------------------------------


def _top_folder(members: list[Member]) -> str:
    tops = {m.name.split("/", 1)[0] for m in members}
    if len(tops) == 1:
        top = next(iter(tops))
        if any(m.name.startswith(top + "/") for m in members):
            return top
    return ""


def read_archive(content: bytes, candidate: Candidate, label: str) -> SourceArchive:
    """sha256, the top-level files (repository root and package folder), and the package
    folder's git tree hash. Raises ArchiveError for an unreadable or unsafe archive."""
    members = list(iter_members(content, want=lambda name: True, label=label))
    top = _top_folder(members) if candidate.kind == "tag" else ""
    base = f"{top}/" if top else ""
    subdir = candidate.subdir.strip("/")
    files: dict[str, bytes] = {}
    for member in members:
        if member.data is None or not member.name.startswith(base):
            continue
        rel = member.name[len(base) :]
        parent = rel.rsplit("/", 1)[0] if "/" in rel else ""
        if parent in ("", subdir):
            files[rel] = member.data
    try:
        tree = git_tree_hash(members, f"{base}{subdir}".rstrip("/"))
    except ValueError:
        tree = ""
    return SourceArchive(candidate, hashlib.sha256(content).hexdigest(), files, tree, top)


def fetch_source(fetcher, found: list[Candidate], registered: str = "") -> tuple[SourceArchive | None, list[str]]:
    """The first candidate that downloads and holds the registered tree; (None, reasons) when
    none does. The registry's `git-tree-sha1` is the only digest it records: an archive whose
    git tree hash is another (a moved tag, export-ignore files, a tampered download) is refused
    and the next candidate tried (the Pkg server's tarball is the registered tree itself)."""
    from recipegen.http import FetchError

    reasons = []
    for candidate in found:
        try:
            response = fetcher.get(candidate.url)
        except FetchError as exc:
            reasons.append(f"{candidate.url}: {exc.reason}")
            continue
        try:
            archive = read_archive(response.content, candidate, candidate.url)
        except ArchiveError as exc:
            reasons.append(str(exc))
            continue
        if registered and archive.tree_hash not in ("", registered):
            reasons.append(
                f"{candidate.url}: git tree hash {archive.tree_hash} is not the registered {registered}; refused"
            )
            continue
        archive.tried = reasons
        return archive, reasons
    return None, reasons
