"""Download the archives benchmarks/cxx.py scores from Debian's pool, each checked against its SHA-256.

    python benchmarks/fetch_cxx_archives.py DIR [--only setN] [--mirror URL]

Reads the file names of benchmarks/cxx_reference.json, looks each one up in the Sources indexes of
Debian's suites (bookworm first, as the facts were written from its pool, then trixie, forky, sid),
and downloads the ones DIR does not hold yet into DIR/setN/. A file is written only after its size
and SHA-256 match the index (a temporary name, then renamed). Archives no suite lists any more are
named at the end; spglib's PyPI sdist comes from PyPI with the hash PyPI gives.
Afterwards: python benchmarks/cxx.py $(for d in DIR/set*; do echo --tarballs $d; done)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import lzma
import os
import sys
import urllib.parse
import urllib.request
from pathlib import Path

REFERENCE = Path(__file__).with_name("cxx_reference.json")
MIRROR = os.environ.get("RECIPEGEN_DEBIAN_MIRROR", "https://deb.debian.org/debian")
SUITES = ("bookworm", "trixie", "forky", "sid")
PYPI_JSON = "https://pypi.org/pypi/{name}/json"


def read_url(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read()


def pool_index(mirror: str, cache: Path) -> dict[str, tuple[str, str, int]]:
    """file name -> (pool directory, sha256, size) over every suite, earlier suites first."""
    index: dict[str, tuple[str, str, int]] = {}
    for suite in SUITES:
        cached = cache / f"Sources-{suite}.xz"
        if not cached.exists():
            cached.write_bytes(read_url(f"{mirror}/dists/{suite}/main/source/Sources.xz"))
        for stanza in lzma.decompress(cached.read_bytes()).decode("utf-8", "replace").split("\n\n"):
            for name, entry in stanza_files(stanza).items():
                index.setdefault(name, entry)
    return index


def stanza_files(stanza: str) -> dict[str, tuple[str, str, int]]:
    directory = ""
    files: dict[str, tuple[str, str, int]] = {}
    in_sha256 = False
    for line in stanza.splitlines():
        if line.startswith("Directory:"):
            directory = line.split(":", 1)[1].strip()
        if not line.startswith(" "):
            in_sha256 = line.startswith("Checksums-Sha256:")
        elif in_sha256:
            digest, size, name = line.split()
            files[name] = ("", digest, int(size))
    return {name: (directory, digest, size) for name, (_, digest, size) in files.items()}


def download(url: str, target: Path, sha256: str, size: int | None) -> str | None:
    """Write url's bytes to target if they match; the problem otherwise."""
    data = read_url(url)
    if size is not None and len(data) != size:
        return f"{target.name}: {len(data)} bytes, the index says {size}"
    if hashlib.sha256(data).hexdigest() != sha256:
        return f"{target.name}: SHA-256 does not match the index"
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(data)
    partial.replace(target)
    return None


def pypi_sdist(name: str) -> tuple[str, str] | None:
    """(url, sha256) of a PyPI sdist named like spglib-2.8.0.tar.gz."""
    project, version = name.removesuffix(".tar.gz").rsplit("-", 1)
    index_url = PYPI_JSON.format(name=project)
    project_data = json.loads(read_url(index_url))
    for file in project_data["releases"].get(version, []):
        if file["filename"] == name:  # a mirror may give file URLs relative to the JSON's
            return urllib.parse.urljoin(index_url, file["url"]), file["digests"]["sha256"]
    return None


def fetch(name: str, index: dict[str, tuple[str, str, int]], mirror: str, target: Path) -> str | None:
    if name in index:
        directory, digest, size = index[name]
        return download(f"{mirror}/{directory}/{name}", target, digest, size)
    if "_" not in name and (sdist := pypi_sdist(name)) is not None:
        return download(sdist[0], target, sdist[1], None)
    return f"{name}: no suite of {mirror} lists it"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--only", default="all", help="all or setN")
    parser.add_argument("--mirror", default=MIRROR)
    args = parser.parse_args()
    facts = {k: v for k, v in json.loads(REFERENCE.read_text()).items() if isinstance(v, dict)}
    wanted = {k: v.get("set", 1) for k, v in facts.items() if args.only in ("all", f"set{v.get('set', 1)}")}
    args.folder.mkdir(parents=True, exist_ok=True)
    index = pool_index(args.mirror, args.folder)
    problems: list[str] = []
    for name, number in sorted(wanted.items(), key=lambda item: (item[1], item[0])):
        target = args.folder / f"set{number}" / name
        if target.exists():
            continue
        target.parent.mkdir(exist_ok=True)
        try:
            problem = fetch(name, index, args.mirror, target)
        except (OSError, ValueError, KeyError) as error:  # urllib's errors are OSErrors
            problem = f"{name}: {error}"
        if problem:
            problems.append(problem)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(wanted) - len(problems)} of {len(wanted)} archives in {args.folder}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
