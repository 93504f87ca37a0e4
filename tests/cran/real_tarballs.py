"""Stripped copies of real CRAN source tarballs (fixtures/cran/real) and a repository of them.

The stripped copy of `<Pkg>_<ver>.tar.gz` keeps, with their real contents, exactly what
`recipegen cran` reads: DESCRIPTION, the root license files, `configure`, and the
`src/Makevars*` / `src/Makefile*` build files; every other file below `src/` is kept as an
empty placeholder with its real name (the generator only lists them). The rest of the
package (R/, man/, tests/, inst/, vignettes) is dropped. Output is deterministic (fixed
mtimes, owners, order and gzip header).

Regenerate the fixtures from Debian's `r-cran-*` `.orig.tar.*` files (see
fixtures/cran/real/SOURCES.md): `python -m tests.cran.real_tarballs DOWNLOAD_DIR`.
"""

from __future__ import annotations

import gzip
import io
import re
import shutil
import sys
import tarfile
from pathlib import Path

from tests.cran.cran_repo import index_record

REAL = Path(__file__).resolve().parents[2] / "fixtures" / "cran" / "real"
_KEEP_ROOT = re.compile(r"^(DESCRIPTION|configure|(LICEN[CS]E|COPYING)[^/]*)$")
_KEEP_SRC = re.compile(r"^src/(Makevars[^/]*|Makefile[^/]*)$")


def _kept(relative: str) -> bool | None:
    """True: keep the contents; False: keep an empty placeholder; None: drop."""
    if _KEEP_ROOT.match(relative) or _KEEP_SRC.match(relative):
        return True
    return False if relative.startswith("src/") else None


def strip_tarball(source: Path) -> tuple[str, str, bytes]:
    """(package, version, stripped .tar.gz bytes) of a CRAN source tarball (any compression)."""
    members: dict[str, bytes] = {}
    with tarfile.open(source) as tar:
        for info in tar:
            if not info.isfile() or "/" not in info.name:
                continue
            relative = info.name.split("/", 1)[1]
            keep = _kept(relative)
            if keep is None:
                continue
            members[info.name] = tar.extractfile(info).read() if keep else b""
    description = next(v for k, v in members.items() if k.count("/") == 1 and k.endswith("/DESCRIPTION"))
    package = re.search(rb"^Package:\s*(\S+)", description, re.M).group(1).decode()
    version = re.search(rb"^Version:\s*(\S+)", description, re.M).group(1).decode()
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name in sorted(members):
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(members[name]), 0, 0o755 if name.endswith("/configure") else 0o644
            tar.addfile(info, io.BytesIO(members[name]))
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(raw.getvalue())
    return package, version, out.getvalue()


def real_tarballs() -> list[Path]:
    return sorted(REAL.glob("*.tar.gz"), key=lambda p: p.name.lower())


def real_package_names() -> list[str]:
    return [p.name.split("_", 1)[0] for p in real_tarballs()]


def description_of(tarball: Path) -> bytes:
    with tarfile.open(tarball) as tar:
        package = tarball.name.split("_", 1)[0]
        return tar.extractfile(f"{package}/DESCRIPTION").read()


def build_real_repository(root: Path) -> Path:
    """A CRAN-like repository under `root` serving the stripped real tarballs; returns `root`."""
    contrib = root / "src" / "contrib"
    contrib.mkdir(parents=True, exist_ok=True)
    records = []
    for tarball in real_tarballs():
        shutil.copyfile(tarball, contrib / tarball.name)
        records.append(index_record(description_of(tarball)))
    (contrib / "PACKAGES").write_text("\n".join(records), encoding="utf-8")
    return root


def main(download_dir: str) -> None:
    """Write fixtures/cran/real/<Pkg>_<ver>.tar.gz from the .orig tarballs in `download_dir`."""
    REAL.mkdir(parents=True, exist_ok=True)
    for source in sorted(Path(download_dir).glob("*.orig.tar.*")):
        package, version, data = strip_tarball(source)
        (REAL / f"{package}_{version}.tar.gz").write_bytes(data)
        print(f"{source.name} -> {package}_{version}.tar.gz ({len(data) // 1024} KiB)")


if __name__ == "__main__":
    main(sys.argv[1])
