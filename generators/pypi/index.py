"""A PyPI-compatible index client on `recipegen.http.Fetcher`, tolerant of mirrors.

What a release needs: its files (name, URL, sha256, kind, whether a PEP 658 metadata file
exists) and the JSON API's `info` block when the index serves one.  Mirrors differ from
PyPI itself, so each step has a fallback:

- the per-release JSON endpoint (`/pypi/<name>/<version>/json`) may 404 → the project JSON
  (`/pypi/<name>/json`) and its `releases` table;
- the JSON API may be missing altogether (simple-only indexes such as a plain file tree or
  some proxies) → the simple API, PEP 691 JSON or PEP 503 HTML;
- file URLs may be relative to the index → resolved against the response URL;
- PEP 658 metadata files may be absent → the caller reads the archive instead.
"""

from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from recipegen.http import Fetcher, FetchError


class ReleaseNotFound(Exception):
    """The index has no such package/version; the message is one line."""


@dataclass
class ReleaseFile:
    filename: str
    url: str
    sha256: str
    packagetype: str  # "sdist" | "bdist_wheel" | other
    size: int = 0
    core_metadata: bool = False  # PEP 658/714: <url>.metadata is served
    requires_python: str = ""
    yanked: bool = False

    @property
    def is_wheel(self) -> bool:
        return self.filename.endswith(".whl")

    @property
    def is_sdist(self) -> bool:
        return self.filename.endswith((".tar.gz", ".zip", ".tar.bz2", ".tgz")) and not self.is_wheel

    @property
    def is_pure_wheel(self) -> bool:
        return self.is_wheel and self.filename.endswith("-none-any.whl")


@dataclass
class Release:
    name: str  # the project's own spelling from the index when known
    version: str
    files: list[ReleaseFile]
    info: dict[str, Any] = field(default_factory=dict)  # JSON API `info` (may be empty)
    versions: list[str] = field(default_factory=list)

    def sdist(self) -> ReleaseFile | None:
        sdists = [f for f in self.files if f.is_sdist]
        sdists.sort(key=lambda f: (not f.filename.endswith(".tar.gz"), f.filename))
        return sdists[0] if sdists else None

    def wheels(self) -> list[ReleaseFile]:
        return [f for f in self.files if f.is_wheel]

    def pure_wheel(self) -> ReleaseFile | None:
        return next((f for f in self.wheels() if f.is_pure_wheel), None)


def index_urls(index_url: str | None, default_json: str) -> tuple[str, str]:
    """(JSON API base, simple API base) for an `--index-url`.

    Accepts what pip accepts (`https://host/simple`) and the JSON base (`https://host/pypi`);
    for any other URL the JSON API is tried under it and the simple API at `<url>/simple`.
    """
    if not index_url:
        return default_json, re.sub(r"/pypi$", "/simple", default_json)
    url = index_url.rstrip("/")
    if url.endswith("/simple"):
        return url[: -len("/simple")] + "/pypi", url
    if url.endswith("/pypi"):
        return url, url[: -len("/pypi")] + "/simple"
    return url + "/pypi", url + "/simple"


def _same_version(a: str, b: str) -> bool:
    try:
        return Version(a) == Version(b)
    except InvalidVersion:
        return a == b


def _plain_info(info: Any) -> dict[str, Any]:
    """The JSON API's `info` with only the value types metadata has (text, lists of text, a
    text table, numbers, booleans, null); anything else an index sends is left out."""
    if not isinstance(info, dict):
        return {}

    def plain(value: Any) -> bool:
        if value is None or isinstance(value, (str, int, float, bool)):
            return True
        if isinstance(value, list):
            return all(isinstance(v, str) for v in value)
        if isinstance(value, dict):
            return all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
        return False

    return {k: v for k, v in info.items() if isinstance(k, str) and plain(v)}


def _text(value: Any) -> str:
    """A text field of the index ("" when absent); anything else is a bad answer."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _sha256(value: Any) -> str:
    """A sha256 digest from the index: 64 hex digits, or "" when the index gives none."""
    if value in (None, ""):
        return ""
    if not (isinstance(value, str) and re.fullmatch(r"[0-9a-fA-F]{64}", value)):
        raise ValueError(f"not a sha256 digest: {str(value)[:80]!r}")
    return value.lower()


def _file_from_json(item: dict, base: str) -> ReleaseFile:
    digests = item.get("digests") or {}
    metadata = item.get("core-metadata", item.get("data-dist-info-metadata", False))
    return ReleaseFile(
        filename=_text(item.get("filename")),
        url=urljoin(base, _text(item.get("url"))),
        sha256=_sha256(digests.get("sha256")),
        packagetype=item.get("packagetype", ""),
        size=int(item.get("size") or 0),
        core_metadata=bool(metadata),
        requires_python=_text(item.get("requires_python")),
        yanked=bool(item.get("yanked")),
    )


def _latest(versions: list[str], files_by_version: dict[str, list]) -> str:
    """Newest final release that has files (pre-releases only when nothing else exists)."""
    parsed = []
    for v in versions:
        try:
            parsed.append((Version(v), v))
        except InvalidVersion:
            continue
    with_files = [(pv, v) for pv, v in parsed if files_by_version.get(v)]
    finals = [(pv, v) for pv, v in with_files if not pv.is_prerelease]
    pool = finals or with_files or parsed
    if not pool:
        raise ReleaseNotFound("no installable release")
    return max(pool)[1]


class PypiIndex:
    def __init__(self, fetcher: Fetcher, json_base: str, simple_base: str) -> None:
        self.fetcher = fetcher
        self.json_base = json_base.rstrip("/")
        self.simple_base = simple_base.rstrip("/")

    def release(self, name: str, version: str | None = None) -> Release:
        """The files and info of `name` at `version` (newest final release when None).

        An index answer of the wrong shape (a list for an object, a number for a digest) is
        one FetchError naming the project, never a crash further on."""
        project = canonicalize_name(name)
        try:
            release = self._release(name, project, version)
        except (AttributeError, TypeError, ValueError, KeyError) as exc:
            reason = f"the index answered with data of an unexpected shape ({type(exc).__name__}: {exc})"
            raise FetchError(f"{self.json_base}/{project}", reason[:300], retry=False) from None
        release.info = _plain_info(release.info)
        return release

    def _release(self, name: str, project: str, version: str | None) -> Release:
        try:
            return self._release_from_json(project, version)
        except FetchError as exc:
            if exc.status != 404:
                raise
            json_missing = exc
        # The JSON API says 404: either the project does not exist or this index has no
        # JSON API at all.  The simple API decides.
        try:
            return self._release_from_simple(project, version)
        except FetchError as exc:
            if exc.status == 404:
                raise ReleaseNotFound(f"{name}: no such package on the index ({json_missing.url} is 404)") from None
            raise

    # JSON API ------------------------------------------------------------------------------
    def _release_from_json(self, project: str, version: str | None) -> Release:
        if version:
            url = f"{self.json_base}/{project}/{version}/json"
            try:
                response = self.fetcher.get(url)
            except FetchError as exc:
                # Mirrors often lack the per-release endpoint (and a 404 is never cached, so
                # offline runs get here too): use the project JSON.
                if exc.status != 404 and not self.fetcher.offline:
                    raise
            else:
                data = response.json()
                if not isinstance(data, dict):
                    raise FetchError(response.url, "unexpected JSON (not an object)")
                files = [_file_from_json(item, response.url) for item in data.get("urls") or []]
                info = data.get("info") or {}
                return Release(info.get("name") or project, info.get("version") or version, files, info)
        response = self.fetcher.get(f"{self.json_base}/{project}/json")
        data = response.json()
        if not isinstance(data, dict):
            raise FetchError(response.url, "unexpected JSON (not an object)")
        info = data.get("info") or {}
        releases: dict[str, list] = data.get("releases") or {}
        versions = list(releases)
        if version is None:
            chosen = info.get("version") if releases.get(info.get("version", "")) else None
            chosen = chosen or _latest(versions, releases)
        else:
            chosen = next((v for v in versions if _same_version(v, version)), None)
            if chosen is None:
                raise ReleaseNotFound(
                    f"{project}: no version {version} on the index (newest: {info.get('version', '?')})"
                )
        # The project JSON's `info` and `urls` describe the newest release only (`urls` entries
        # carry more, e.g. PEP 658 flags some mirrors leave out of `releases`).
        same = _same_version(info.get("version", ""), chosen)
        items = (data.get("urls") if same and data.get("urls") else None) or releases.get(chosen) or []
        files = [_file_from_json(item, response.url) for item in items]
        return Release(
            info.get("name") or project, chosen, files, info if same else {"name": info.get("name")}, versions
        )

    # simple API ----------------------------------------------------------------------------
    def _release_from_simple(self, project: str, version: str | None) -> Release:
        url = f"{self.simple_base}/{project}/"
        response = self.fetcher.get(url)
        content_type = response.headers.get("Content-Type", response.headers.get("content-type", ""))
        if "json" in content_type or response.content.lstrip().startswith(b"{"):
            links = _links_from_simple_json(response.json(), response.url)
        else:
            links = _links_from_simple_html(response.text, response.url)
        by_version: dict[str, list[ReleaseFile]] = {}
        for f in links:
            v = _version_from_filename(f.filename, project)
            if v:
                by_version.setdefault(v, []).append(f)
        if not by_version:
            raise ReleaseNotFound(f"{project}: the index lists no files")
        if version is None:
            chosen = _latest(list(by_version), by_version)
        else:
            match = next((v for v in by_version if _same_version(v, version)), None)
            if match is None:
                raise ReleaseNotFound(f"{project}: no version {version} on the index")
            chosen = match
        return Release(project, chosen, by_version[chosen], {}, list(by_version))


def _links_from_simple_json(data: Any, base: str) -> list[ReleaseFile]:
    files = []
    for item in (data or {}).get("files", []):
        metadata = item.get("core-metadata", item.get("data-dist-info-metadata", False))
        files.append(
            ReleaseFile(
                filename=_text(item.get("filename")),
                url=urljoin(base, _text(item.get("url"))),
                sha256=_sha256((item.get("hashes") or {}).get("sha256")),
                packagetype="bdist_wheel" if item.get("filename", "").endswith(".whl") else "sdist",
                size=int(item.get("size") or 0),
                core_metadata=bool(metadata),
                requires_python=_text(item.get("requires-python")),
                yanked=bool(item.get("yanked")),
            )
        )
    return files


class _AnchorParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.anchors: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "a":
            self.anchors.append(dict(attrs))


def _links_from_simple_html(text: str, base: str) -> list[ReleaseFile]:
    parser = _AnchorParser()
    parser.feed(text)
    files = []
    for attrs in parser.anchors:
        href = attrs.get("href") or ""
        if not href:
            continue
        url, fragment = urldefrag(urljoin(base, href))
        filename = urlsplit(url).path.rsplit("/", 1)[-1]
        sha = _sha256(fragment.split("=", 1)[1]) if fragment.startswith("sha256=") else ""
        metadata = attrs.get("data-core-metadata") or attrs.get("data-dist-info-metadata")
        files.append(
            ReleaseFile(
                filename=filename,
                url=url,
                sha256=sha,
                packagetype="bdist_wheel" if filename.endswith(".whl") else "sdist",
                core_metadata=metadata is not None and metadata != "false",
                requires_python=attrs.get("data-requires-python") or "",
                yanked="data-yanked" in attrs,
            )
        )
    return files


_SDIST_SUFFIX = re.compile(r"\.(tar\.gz|tar\.bz2|tgz|zip)$")


def _version_from_filename(filename: str, project: str) -> str | None:
    if filename.endswith(".whl"):
        parts = filename[:-4].split("-")
        if len(parts) >= 5 and canonicalize_name(parts[0]) == project:
            return parts[1]
        return None
    stem = _SDIST_SUFFIX.sub("", filename)
    if stem == filename:
        return None
    # sdist names: <name>-<version>; the name may itself contain dashes.
    for i in range(len(stem)):
        if stem[i] == "-" and canonicalize_name(stem[:i]) == project:
            return stem[i + 1 :]
    return None
