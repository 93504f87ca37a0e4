"""Build a CRAN-like repository in a folder from the real DESCRIPTION files in fixtures/cran.

Each package gets a deterministic `<Pkg>_<ver>.tar.gz` (fixed mtimes, owners and gzip
header, so sha256 values are stable for golden files) holding its real DESCRIPTION and
license files plus synthetic `R/`, `src/` (C or C++ per src-languages.tsv, only where
SOURCES.tsv says the package compiles) and `inst/include/` members; then
`src/contrib/PACKAGES` and `PACKAGES.gz`, and `src/contrib/Archive/zoo/zoo_1.8-13.tar.gz`
(an older zoo whose DESCRIPTION says Version: 1.8-13).
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import tarfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "cran"
ARCHIVED = {"zoo": "1.8-13"}


def sources() -> list[dict[str, str]]:
    with open(FIXTURES / "SOURCES.tsv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def languages() -> dict[str, str]:
    with open(FIXTURES / "src-languages.tsv", newline="", encoding="utf-8") as handle:
        return {row["package"]: row["languages"] for row in csv.DictReader(handle, delimiter="\t")}


def package_names() -> list[str]:
    return [row["package"] for row in sources()]


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 0
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


def make_tarball(members: dict[str, bytes]) -> bytes:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name in sorted(members):
            _add(tar, name, members[name])
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as gz:
        gz.write(raw.getvalue())
    return out.getvalue()


def package_members(row: dict[str, str], description: bytes | None = None) -> dict[str, bytes]:
    pkg = row["package"]
    folder = FIXTURES / pkg
    members = {f"{pkg}/{f}": (folder / f).read_bytes() for f in row["files"].split(",")}
    if description is not None:
        members[f"{pkg}/DESCRIPTION"] = description
    members[f"{pkg}/NAMESPACE"] = b"exportPattern('^[^.]')\n"
    members[f"{pkg}/R/{pkg}.R"] = b"# synthetic test file\n"
    if row["has_src_dir"] == "true":
        suffix = {"c": ".c", "cxx": ".cpp"}[languages()[pkg]]
        members[f"{pkg}/src/init{suffix}"] = b"/* synthetic test file */\n"
        members[f"{pkg}/src/Makevars"] = b"PKG_LIBS =\n"
    if row["has_inst_include"] == "true":
        members[f"{pkg}/inst/include/{pkg}.h"] = b"/* synthetic test header */\n"
    return members


def index_record(description: bytes) -> str:
    """The PACKAGES record of a package: the index fields R's write_PACKAGES keeps."""
    keep = (
        "Package",
        "Version",
        "Priority",
        "Depends",
        "Imports",
        "LinkingTo",
        "Suggests",
        "Enhances",
        "License",
        "License_is_FOSS",
        "License_restricts_use",
        "OS_type",
        "Archs",
        "MD5sum",
        "NeedsCompilation",
    )
    text = description.decode("utf-8")
    fields, key = {}, ""
    for line in text.splitlines():
        if line[:1] in (" ", "\t") and key:
            fields[key] += "\n" + line
        elif ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    return "".join(f"{k}: {fields[k]}\n" for k in keep if k in fields)


def build_repository(root: Path, *, packages: list[str] | None = None) -> Path:
    """Write the repository under `root`; returns `root`."""
    contrib = root / "src" / "contrib"
    contrib.mkdir(parents=True, exist_ok=True)
    records = []
    for row in sources():
        if packages is not None and row["package"] not in packages:
            continue
        pkg, version = row["package"], row["version"]
        (contrib / f"{pkg}_{version}.tar.gz").write_bytes(make_tarball(package_members(row)))
        records.append(index_record((FIXTURES / pkg / "DESCRIPTION").read_bytes()))
        if pkg in ARCHIVED:
            old = ARCHIVED[pkg]
            text = (FIXTURES / pkg / "DESCRIPTION").read_text("utf-8")
            text = re.sub(r"^Version: .*$", f"Version: {old}", text, flags=re.M)
            archive = contrib / "Archive" / pkg
            archive.mkdir(parents=True, exist_ok=True)
            (archive / f"{pkg}_{old}.tar.gz").write_bytes(make_tarball(package_members(row, text.encode())))
    index = "\n".join(records)
    (contrib / "PACKAGES").write_text(index, encoding="utf-8")
    with gzip.GzipFile(contrib / "PACKAGES.gz", mode="wb", mtime=0) as gz:
        gz.write(index.encode("utf-8"))
    return root
