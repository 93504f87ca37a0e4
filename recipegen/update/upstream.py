"""Which upstream a recipe follows, read from its rendered source URLs (and `extra`).

- PyPI sdists in every form conda-forge uses: `<host>/packages/source/<c>/<name>/<file>` on
  pypi.io, pypi.org, pypi.python.org, files.pythonhosted.org or any mirror, and the hashed
  `files.pythonhosted.org/packages/ab/cd/<hash>/<file>` form;
- CRAN: `<mirror>/src/contrib/<Pkg>_<ver>.tar.gz` and `<mirror>/src/contrib/Archive/<Pkg>/<Pkg>_<ver>.tar.gz`;
- Julia's registry: `extra.julia` (what `recipegen julia` writes) or a `julia-<name>` package
  built from a `<Name>.jl` repository;
- GitHub release and tag archives: `github.com/<owner>/<repo>/archive/[refs/tags/]<tag>.<ext>`,
  `github.com/<owner>/<repo>/releases/download/<tag>/<file>`, `codeload.github.com/...`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from recipegen.update.model import Recipe, mapping

PYPI_FILE_HOSTS = {"files.pythonhosted.org", "pypi.io", "pypi.org", "pypi.python.org"}
_SOURCE_PATH = re.compile(r"/packages/source/[^/]+/(?P<name>[^/]+)/(?P<file>[^/]+)$")
HASHED_PATH = re.compile(r"/packages/(?P<folder>[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{60,})/(?P<file>[^/]+)$")
_CRAN_PATH = re.compile(
    r"/src/contrib/(?:Archive/[^/]+/)?(?P<name>[A-Za-z][A-Za-z0-9.]*)_(?P<version>[^/_]+)\.tar\.gz$"
)
_GITHUB = re.compile(
    r"^https?://(?:www\.)?github\.com/(?P<repo>[\w.-]+/[\w.-]+?)/"
    r"(?:archive/(?:refs/tags/)?(?P<tag>[^/]+?)\.(?:tar\.gz|tgz|zip|tar\.bz2|tar\.xz)"
    r"|releases/download/(?P<rtag>[^/]+)/[^/]+)$"
)
_CODELOAD = re.compile(
    r"^https?://codeload\.github\.com/(?P<repo>[\w.-]+/[\w.-]+?)/(?:tar\.gz|zip)/(?:refs/tags/)?(?P<tag>[^/]+)$"
)
_GITHUB_GIT = re.compile(r"^(?:https?://|git://|git@)(?:www\.)?github\.com[/:](?P<repo>[\w.-]+/[\w.-]+?)(?:\.git)?/?$")
_SDIST_SUFFIX = re.compile(r"\.(tar\.gz|tgz|zip|tar\.bz2|tar\.xz)$")


@dataclass(frozen=True)
class Upstream:
    kind: str  # "pypi", "cran", "julia" or "github"
    name: str  # PyPI project, CRAN package, Julia package, or owner/repo for GitHub
    url: str = ""  # the rendered source URL it was read from
    github: str = ""  # owner/repo when the source is a GitHub archive
    tag: str = ""  # the GitHub tag of the recipe's version
    uuid: str = ""  # Julia package uuid (from extra.julia)

    def describe(self) -> str:
        where = {"pypi": "PyPI", "cran": "CRAN", "julia": "Julia's registry", "github": "GitHub"}[self.kind]
        return f"{self.name} on {where}"


def pypi_project(url: str) -> str | None:
    """The PyPI project an sdist URL points at (None for any other URL)."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    found = _SOURCE_PATH.search(path)
    if found and _SDIST_SUFFIX.search(found["file"]):
        return found["name"]
    hashed = HASHED_PATH.search(path)
    if hashed and (parts.hostname or "") in PYPI_FILE_HOSTS and _SDIST_SUFFIX.search(hashed["file"]):
        stem = _SDIST_SUFFIX.sub("", hashed["file"])
        return stem.rsplit("-", 1)[0] if "-" in stem else None
    return None


def is_hashed_pypi_url(url: str) -> bool:
    return bool(HASHED_PATH.search(urlsplit(url).path))


def cran_package(url: str) -> tuple[str, str] | None:
    """(package, version) of a CRAN source tarball URL."""
    found = _CRAN_PATH.search(urlsplit(url).path)
    return (found["name"], found["version"]) if found else None


def cran_root(url: str) -> str:
    """The repository root of a CRAN tarball URL (what comes before /src/contrib/)."""
    return url.split("/src/contrib/", 1)[0]


def github_archive(url: str) -> tuple[str, str] | None:
    """(owner/repo, tag) of a GitHub release asset or tag archive URL."""
    found = _GITHUB.match(url) or _CODELOAD.match(url)
    if not found:
        return None
    tag = found.groupdict().get("tag") or found.groupdict().get("rtag") or ""
    return found["repo"], unquote(tag)


def github_git(url: str) -> str | None:
    """owner/repo of a GitHub git URL (a `git:` source)."""
    found = _GITHUB_GIT.match(url.strip())
    return found["repo"] if found else None


def _primary_urls(recipe: Recipe) -> list[str]:
    """Source URLs, those named after the package first."""
    urls = [u for s in recipe.sources for u in s.urls]
    stem = recipe.name.split("-split")[0].lower()
    return sorted(urls, key=lambda u: stem not in u.lower())


def identify(recipe: Recipe) -> list[Upstream]:
    """Candidate upstreams, most authoritative first (PyPI, CRAN, Julia, GitHub)."""
    urls = _primary_urls(recipe)
    found: list[Upstream] = []
    for url in urls:
        name = pypi_project(url)
        if name:
            found.append(Upstream("pypi", name, url))
            break
    for url in urls:
        cran = cran_package(url)
        if cran:
            found.append(Upstream("cran", cran[0], url))
            break
    julia = mapping(recipe.extra.get("julia"))
    github = next(((u, g) for u in urls if (g := github_archive(u))), None)
    if github is None:  # a git source: its revision is the tag
        git = next(((s.git, (repo, s.rev)) for s in recipe.sources if (repo := github_git(s.git))), None)
        github = git
    repo_name = github[1][0].split("/")[1] if github else ""
    if julia.get("name") or (recipe.name.startswith("julia-") and repo_name.endswith(".jl")):
        name = str(julia.get("name") or repo_name.removesuffix(".jl"))
        found.append(Upstream("julia", name, github[0] if github else "", uuid=str(julia.get("uuid", ""))))
    if github:
        url, (repo, tag) = github
        found.append(Upstream("github", repo, url, github=repo, tag=tag))
    return found


def pypi_candidates(recipe: Recipe, repo: str) -> list[str]:
    """PyPI names a GitHub-sourced recipe may be published under (checked against the project's URLs)."""
    python = mapping(mapping(recipe.extra.get("mappings")).get("python"))
    names = [str(python["pypi"])] if python.get("pypi") else []
    names += [repo.split("/")[-1], recipe.name.removesuffix("-split")]
    names += [o.key for o in recipe.outputs if o.installs and o.key != "<top>"]
    return list(dict.fromkeys(n for n in names if n and not n.startswith("<")))
