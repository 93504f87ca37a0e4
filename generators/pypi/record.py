"""Record the index responses a `recipegen pypi` run needs, stripped small, into fixtures/pypi/.

The only code path of the PyPI generator meant to reach the network in a test workflow; run
by a human::

    python -m recipegen.generators.pypi.record --out fixtures/pypi requests==2.34.2 numpy==2.5.5

Each package gets a folder with `responses.json` (URL → stored file) and the bodies:

- the project JSON (and per-release JSON when the index serves it) with `info.description`
  dropped and `releases` cut down to the recorded version (another project's JSON, asked for
  its requirements, keeps its own newest release; in `replay_transport` a project's own folder
  wins over another folder's copy of its JSON);
- PEP 658 `.metadata` files as served;
- sdists re-packed (tar.gz) with only what the generator reads: metadata files, license
  files and egg-info texts keep their contents; `__init__.py`, top-level modules, compiled
  sources (`.c`, `.pyx`, `.cpp`, ..., `Cargo.toml`) keep their path with empty contents;
  everything else is left out;
- wheels re-packed (zip) with only their `.dist-info` files (RECORD still lists every path).

`replay_transport(folder)` serves the recordings to `Fetcher(transport=...)` in tests.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from packaging.utils import canonicalize_name

from recipegen.http import Fetcher, FetchError, Response

FILE_KEYS = {"filename", "url", "digests", "packagetype", "size", "core-metadata", "requires_python", "yanked"}
KEEP_PATH_SUFFIXES = {".c", ".pyx", ".cpp", ".cc", ".cxx", ".c++", ".f", ".f90", ".f95", ".f03", ".f08", ".for"}


def safe_name(url: str) -> str:
    """A readable file name: `<project>.json`, `<project>-<version>.json`, or the file's own name."""
    parts = [p for p in url.split("?")[0].split("/") if p]
    if parts[-1] == "json":
        stem = "-".join(parts[parts.index("pypi") + 1 : -1]) if "pypi" in parts else "-".join(parts[-3:-1])
        return re.sub(r"[^A-Za-z0-9._-]+", "_", stem) + ".json"
    if (len(parts) >= 2 and parts[-2] == "simple") or url.endswith("/"):
        return re.sub(r"[^A-Za-z0-9._-]+", "_", parts[-1]) + ".simple.html"
    return re.sub(r"[^A-Za-z0-9._-]+", "_", parts[-1])


def json_project(url: str) -> str:
    """The PEP 503 project a JSON API URL (`.../pypi/<project>[/<version>]/json`) is about, else ""."""
    parts = [p for p in url.split("?")[0].split("/") if p]
    if parts and parts[-1] == "json" and "pypi" in parts[:-2]:
        return canonicalize_name(parts[parts.index("pypi") + 1])
    return ""


def strip_sdist(data: bytes, filename: str, keep_texts: frozenset[str] = frozenset()) -> bytes:
    """The sdist re-packed with only what the generator reads; `keep_texts` are further member
    paths (without the top folder) whose contents it read (e.g. the modules of console scripts)."""
    from recipegen.generators.pypi.sources import _strip_top, _wanted_in_tree

    from recipegen.archives import iter_members

    def wanted(name: str) -> bool:
        return _wanted_in_tree(_strip_top(name)) or _strip_top(name) in keep_texts

    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz", format=tarfile.PAX_FORMAT) as tar:
        for member in iter_members(data, want=wanted, label=filename):
            if member.is_dir:
                continue
            rel = _strip_top(member.name)
            path = PurePosixPath(rel)
            keep_content = member.data is not None
            keep_path = (
                keep_content
                or path.name in ("__init__.py", "__init__.pyi", "Cargo.toml")
                or path.suffix.lower() in KEEP_PATH_SUFFIXES
                or (len(path.parts) <= 2 and path.suffix == ".py")
            )
            if not keep_path:
                continue
            body = (member.data or b"") if keep_content else b""
            info = tarfile.TarInfo(member.name)
            info.size = len(body)
            info.mtime = 0
            tar.addfile(info, io.BytesIO(body))
    return out.getvalue()


def strip_wheel(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename.split("/")[0].endswith(".dist-info"):
                target.writestr(info.filename, source.read(info))
    return out.getvalue()


def strip_json(data: bytes, version: str | None) -> bytes:
    document = json.loads(data)
    info = document.get("info") or {}
    info.pop("description", None)
    keep = version or info.get("version")
    releases = document.get("releases")
    if isinstance(releases, dict):
        from packaging.version import Version

        document["releases"] = {v: files for v, files in releases.items() if _same(v, keep, Version)}
    for key in ("vulnerabilities", "ownership", "last_serial"):
        document.pop(key, None)
    for files in [document.get("urls") or [], *(document.get("releases") or {}).values()]:
        for index, item in enumerate(files):
            files[index] = {k: v for k, v in item.items() if k in FILE_KEYS}
            files[index]["digests"] = {"sha256": (item.get("digests") or {}).get("sha256", "")}
    return json.dumps(document, separators=(",", ":"), sort_keys=True).encode()


def merge_releases(body: bytes, previous: Path) -> bytes:
    """A stripped project JSON with the releases of an earlier recording of it kept."""
    if not previous.is_file():
        return body
    document = json.loads(body)
    old = json.loads(previous.read_bytes()).get("releases") or {}
    if isinstance(document.get("releases"), dict):
        document["releases"] = {**old, **document["releases"]}
    return json.dumps(document, separators=(",", ":"), sort_keys=True).encode()


def _same(a: str, b: str | None, version_type: type) -> bool:
    try:
        return version_type(a) == version_type(b or "")
    except Exception:
        return a == b


class Recorder:
    """A transport that fetches from the network and stores stripped responses."""

    def __init__(self, folder: Path, version: str | None) -> None:
        self.folder = folder
        self.version = version
        # Recording another version of a package adds to its folder (index and releases merged).
        existing = folder / "responses.json"
        self.index: dict[str, dict] = json.loads(existing.read_text()) if existing.is_file() else {}
        self.network = Fetcher(use_cache=False, retries=2)
        # sdists are served whole to the generator and stripped when it is done (finish), so
        # that the files it read on demand are kept too
        self.sdists: dict[str, bytes] = {}

    def __call__(self, url: str) -> Response:
        try:
            response = self.network._network_get(url)
        except FetchError as exc:
            self.index[url] = {"status": exc.status or 599}
            raise
        body = response.content
        if response.status == 200 and url.endswith("/json"):
            # another project's JSON (a run requirement's, asked for its requirements) keeps
            # its own newest release, not the recorded version
            version = self.version if json_project(url) == canonicalize_name(self.folder.name) else None
            body = merge_releases(strip_json(body, version), self.folder / safe_name(url))
        name = safe_name(url)
        if response.status == 200 and url.endswith((".tar.gz", ".zip", ".tgz", ".tar.bz2")):
            self.sdists[name] = body
        elif response.status == 200:
            # a wheel is stored stripped but served whole, so the generator checks the index's digest
            (self.folder / name).write_bytes(strip_wheel(body) if url.endswith(".whl") else body)
        content_type = response.headers.get("Content-Type", response.headers.get("content-type", ""))
        self.index[url] = {
            "file": name if response.status == 200 else None,
            "status": response.status,
            "final_url": response.url,
            "content_type": content_type,
        }
        return Response(response.url, response.status, body, {"Content-Type": content_type})

    def finish(self, loaded: dict[str, set[str]]) -> None:
        """Write the stripped sdists, keeping the members the generator read on demand."""
        for name, body in self.sdists.items():
            keep = frozenset(loaded.get(name, set()))
            (self.folder / name).write_bytes(strip_sdist(body, name, keep))
        self.sdists.clear()

    def save(self) -> None:
        (self.folder / "responses.json").write_text(json.dumps(self.index, indent=1, sort_keys=True) + "\n")


def replay_transport(*folders: Path) -> Callable[[str], Response]:
    """A Fetcher transport serving recorded responses; anything else is a 404."""
    table: dict[str, tuple[Path, dict]] = {}
    for folder in folders:
        index = json.loads((folder / "responses.json").read_text())
        for url, entry in index.items():
            # a project's own recording wins over another's copy of its JSON (nbconvert's
            # recording holds bleach's newest-release JSON; bleach's folder holds 6.4.0's)
            if url not in table or json_project(url) == canonicalize_name(folder.name):
                table[url] = (folder, entry)

    def transport(url: str) -> Response:
        if url not in table:
            return Response(url, 404, b"")
        folder, entry = table[url]
        if not entry.get("file"):
            return Response(url, entry.get("status", 404), b"")
        headers = {"Content-Type": entry.get("content_type", "")}
        return Response(entry.get("final_url", url), 200, (folder / entry["file"]).read_bytes(), headers)

    transport.repacked_bodies = True  # type: ignore[attr-defined]  # stripped sdists: not the index's digests
    return transport


def record(spec: str, out: Path, options_extra: dict | None = None) -> Path:
    from recipegen.generators.pypi.generator import Options, PypiGenerator, _parse_spec

    name, version = _parse_spec(spec, None)
    folder = out / name.lower()
    folder.mkdir(parents=True, exist_ok=True)
    recorder = Recorder(folder, version)
    fetcher = Fetcher(use_cache=False, transport=recorder, retries=0)
    generator = PypiGenerator(fetcher, Options(**(options_extra or {})))
    try:
        generator.generate(spec)
    except Exception as exc:  # wheel-only releases etc. still leave useful recordings
        print(f"{spec}: {exc}", file=sys.stderr)
    recorder.finish(generator.loaded_sources)
    recorder.save()
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description="Record PyPI responses for recipegen's tests (uses the network).")
    parser.add_argument("specs", nargs="+", metavar="NAME==VERSION")
    parser.add_argument("--out", type=Path, default=Path("fixtures/pypi"))
    parser.add_argument("--wheel-source", action="store_true")
    args = parser.parse_args()
    for spec in args.specs:
        folder = record(spec, args.out, {"wheel_source": args.wheel_source})
        size = sum(p.stat().st_size for p in folder.iterdir())
        print(f"{spec}: {folder} ({size // 1024} KiB)")


if __name__ == "__main__":
    main()
