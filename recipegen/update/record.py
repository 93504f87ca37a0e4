"""Record what an update run fetches, trimmed, into fixtures/update/<label>/ (uses the network).

    python -m recipegen.update.record --out fixtures/update/nbformat RECIPE [--version V]

Runs the updater on a scratch copy of RECIPE (its folder's variant files included) and keeps:

- index JSON without descriptions, with file lists only for the versions the run looked at
  (every version stays listed, so "newest" still means something);
- PEP 658 `.metadata` files as served; sdists and wheels trimmed to the files the readers use
  (recipegen.generators.pypi.record);
- other downloads (CRAN tarballs, GitHub archives) as served when under 2 MB;
- `digests.json`: the sha256 and md5 of every source the updater downloaded, computed from the
  real, untrimmed file — tests replay them (`replay_downloader`), so recipes get real digests.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

from recipegen.generators.pypi.record import FILE_KEYS
from recipegen.generators.pypi.record import Recorder as PypiRecorder
from recipegen.http import Fetcher, FetchError, Response
from recipegen.update.download import Downloaded, FetchingDownloader, digest

MAX_AS_SERVED = 2 * 1024 * 1024


class Recorder(PypiRecorder):
    """The PyPI generator's recorder, keeping every version listed in index JSON (file lists only
    for the versions the run looks at) and the real digests of every download."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, None)  # an earlier recording's responses.json is kept and added to
        known = folder / "digests.json"  # recording another run into the folder adds to it
        self.digests: dict[str, dict] = json.loads(known.read_text()) if known.is_file() else {}
        self.versions: set[str] = set()

    def transport(self, url: str) -> Response:
        if not url.endswith("/json"):
            return self(url)
        try:  # index JSON: every version stays listed (the generator's recorder keeps one)
            response = self.network._network_get(url)
        except FetchError as exc:
            self.index[url] = {"status": exc.status or 599}
            raise
        body = self._strip_json(response.content) if response.status == 200 else b""
        if response.status == 200:
            self._store(url, body, response.url)
        else:
            self.index[url] = {"file": None, "status": response.status}
        return Response(response.url, response.status, body, {"Content-Type": "application/json"})

    def _strip_json(self, body: bytes) -> bytes:
        document = json.loads(body)
        info = document.get("info") or {}
        info.pop("description", None)
        wanted = self.versions | {str(info.get("version", ""))}
        releases = document.get("releases")
        if isinstance(releases, dict):
            document["releases"] = {v: (files if v in wanted else []) for v, files in releases.items()}
        for key in ("vulnerabilities", "ownership", "last_serial"):
            document.pop(key, None)
        for files in [document.get("urls") or [], *(document.get("releases") or {}).values()]:
            for position, item in enumerate(files):  # only what the index client reads
                files[position] = {k: v for k, v in item.items() if k in FILE_KEYS}
                files[position]["digests"] = {"sha256": (item.get("digests") or {}).get("sha256", "")}
        return json.dumps(document, separators=(",", ":"), sort_keys=True).encode()

    def downloader(self, stand_ins: bool = False) -> Callable[[tuple[str, ...]], Downloaded]:
        """Downloads recorded with their real digests; with `stand_ins`, a URL that cannot be
        reached (GitHub, CRAN from this machine) gets a small stand-in archive, recorded as such."""
        real = FetchingDownloader(self.network)

        def download(urls: tuple[str, ...]) -> Downloaded:
            try:
                got = real(urls)
            except FetchError:
                if not stand_ins:
                    raise
                got = digest(urls[0], stand_in_archive(urls[0]))
                self._store(urls[0], got.data)
            self.digests[got.url] = {"sha256": got.sha256, "md5": got.md5, "size": got.size}
            if got.url not in self.index and got.size <= MAX_AS_SERVED:
                self._store(got.url, got.data)
            return got

        return download

    def _store(self, url: str, data: bytes, final_url: str = "") -> None:
        from recipegen.generators.pypi.record import safe_name as _safe_name

        (self.folder / _safe_name(url)).write_bytes(data)
        self.index[url] = {"file": _safe_name(url), "status": 200, "final_url": final_url or url, "content_type": ""}

    def save(self) -> None:
        self.finish({})  # the trimmed sdists
        self._keep_fetched_files()
        super().save()

    def _keep_fetched_files(self) -> None:
        """Index JSON lists only the sdists and the files the run fetched (a compiled project
        has a hundred wheels per release): the readers choose the same file among fewer."""
        fetched = {url.removesuffix(".metadata") for url in self.index}
        for url, entry in self.index.items():
            if not url.endswith("/json") or not entry.get("file"):
                continue
            path = self.folder / entry["file"]
            document = json.loads(path.read_bytes())
            base = entry.get("final_url") or url

            def kept(files: list, base: str = base) -> list:
                return [f for f in files if _is_sdist(f) or urljoin(base, str(f.get("url", ""))) in fetched]

            document["urls"] = kept(document.get("urls") or [])
            releases = document.get("releases") or {}
            document["releases"] = {v: kept(files) for v, files in releases.items()}
            path.write_bytes(json.dumps(document, separators=(",", ":"), sort_keys=True).encode())
        (self.folder / "digests.json").write_text(json.dumps(self.digests, indent=1, sort_keys=True) + "\n")


def _is_sdist(item: dict) -> bool:
    return not str(item.get("filename", "")).endswith(".whl")


def stand_in_archive(url: str) -> bytes:
    """A tiny, reproducible tar.gz standing in for a file this machine cannot download."""
    import io
    import tarfile

    body = f"Stand-in for {url}: the host is not reachable from the machine that recorded this.\n".encode()
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz", format=tarfile.PAX_FORMAT) as tar:
        info = tarfile.TarInfo("stand-in/README")
        info.size, info.mtime = len(body), 0
        tar.addfile(info, io.BytesIO(body))
    data = out.getvalue()
    return data[:4] + b"\0\0\0\0" + data[8:]  # no timestamp in the gzip header: same bytes every time


def replay_downloader(folders: list[Path], transport: Callable[[str], Response]) -> Callable:
    """A downloader serving recorded files with the digests of the real files."""
    digests: dict[str, dict] = {}
    for folder in folders:
        path = folder / "digests.json"
        if path.is_file():
            digests.update(json.loads(path.read_text()))

    def download(urls: tuple[str, ...]) -> Downloaded:
        reasons = []
        for url in urls:
            if url in digests:
                known = digests[url]
                return Downloaded(url, known["sha256"], known["md5"], known["size"])
            response = transport(url)
            if response.status == 200:
                return digest(url, response.content)
            reasons.append((url, f"HTTP {response.status}"))
        raise FetchError(*reasons[0]) if len(reasons) == 1 else FetchError(urls[0], "; ".join(r for _, r in reasons))

    return download


def record(recipe: Path, out: Path, version: str | None, stand_ins: bool = False) -> None:
    from recipegen.update.pipeline import Options, update_recipe
    from recipegen.update.resolve import Services

    out.mkdir(parents=True, exist_ok=True)
    recorder = Recorder(out)
    if version:
        recorder.versions.add(version)
    scratch = Path(tempfile.mkdtemp(prefix="recipegen-record-")) / "recipe"
    shutil.copytree(recipe.parent, scratch)
    recorder.versions.add(_version_of(recipe))

    def transport(url: str) -> Response:
        return recorder.transport(url)

    # the recorder hands the readers the archives it stores, re-packed small: not the index's digests
    transport.repacked_bodies = True  # type: ignore[attr-defined]
    fetcher = Fetcher(use_cache=False, transport=transport, retries=0)
    services = Services(fetcher, recorder.downloader(stand_ins))
    result = update_recipe(scratch / recipe.name, Options(version=version, dry_run=True), services)
    print(f"{recipe}: {result.status} {result.old_version} → {result.new_version} {result.error}")
    recorder.save()
    shutil.rmtree(scratch.parent, ignore_errors=True)


def _version_of(recipe: Path) -> str:
    from recipegen.render import recipe_folder_variant_files
    from recipegen.update.pipeline import read_recipe, read_recipe_file

    text, _ = read_recipe_file(recipe)
    return read_recipe(recipe, text, recipe_folder_variant_files(recipe.parent)).version


def main() -> None:
    parser = argparse.ArgumentParser(description="Record an update run's responses for recipegen's tests.")
    parser.add_argument("recipe", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--version")
    parser.add_argument("--stand-ins", action="store_true", help="stand-in archives for unreachable sources")
    args = parser.parse_args()
    record(args.recipe, args.out, args.version, args.stand_ins)


if __name__ == "__main__":
    main()
