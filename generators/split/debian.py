"""Debian binary packages (`.deb`) as `recipegen split` input.

A `.deb` is an `ar` archive holding `control.tar.*` (the package's metadata) and `data.tar.*`
(the files, below `/usr`); both are read in memory through `recipegen.archives`. The files
become an install prefix (`usr/` stripped, `lib/<triplet>/` read as `lib/`), and the control
file gives what a conda package's `info/` would: the source package name (the split's name),
the upstream version (epoch, Debian revision and repack suffixes removed), the platform,
`Homepage:` and the first line of `Description:`. Debian's packaging files (`usr/share/doc/
<package>/` changelogs and copyright, lintian overrides, doc-base) are left out.

A library is spread over several `.deb`s (`libpng16-16` the runtime, `libpng-dev` the
headers): give them all, they are read as one tree (`inputs.read_trees`).
"""

from __future__ import annotations

import re
from pathlib import Path

from recipegen.generators.split.inputs import InstallTree, SplitInputError, prefix_tree, tar_files

from recipegen.archives import Limits, iter_members, read_members

DEBIAN_ARCHITECTURES = {
    "amd64": "linux-64",
    "arm64": "linux-aarch64",
    "ppc64el": "linux-ppc64le",
    "s390x": "linux-s390x",
    "i386": "linux-32",
    "armhf": "linux-armv7l",
    "all": "noarch",
}
PACKAGING_FOLDERS = ("usr/share/lintian/", "usr/share/doc-base/", "usr/share/bug/")
REPACK_SUFFIX = re.compile(r"([+~.](dfsg|ds|repack|really)[\w.]*)$", re.IGNORECASE)


def read_deb(path: Path, label: str, limits: Limits) -> InstallTree:
    """One `.deb` as an install tree with its control metadata; SplitInputError when it is not one."""
    inner = read_members(path, lambda n: n.startswith(("control.tar", "data.tar")), limits=limits, label=label)
    control_name = next((n for n in inner if n.startswith("control.tar")), None)
    data_name = next((n for n in inner if n.startswith("data.tar")), None)
    if control_name is None or data_name is None:
        raise SplitInputError(f"{label}: not a Debian package (no control.tar.* / data.tar.* inside)")
    control = _control_fields(inner[control_name], f"{label}!{control_name}", limits)
    package = control.get("Package", "")
    files = [
        f for f in tar_files(inner[data_name], f"{label}!{data_name}", limits) if not _packaging_file(f.path, package)
    ]
    if not files:
        raise SplitInputError(f"{label}: the package installs no files")
    homepage, summary = control.get("Homepage", ""), control.get("Description", "").split("\n", 1)[0].strip()
    return prefix_tree(
        label,
        files,
        "deb",
        name=source_name(control),
        version=upstream_version(control.get("Version", "")),
        subdir=DEBIAN_ARCHITECTURES.get(control.get("Architecture", ""), ""),
        about={k: v for k, v in (("home", homepage), ("summary", summary)) if v},
        metadata_file=f"{Path(label).name}: DEBIAN/control",
    )


def _control_fields(data: bytes, label: str, limits: Limits) -> dict[str, str]:
    for member in iter_members(data, want=lambda n: n == "control", limits=limits, label=label):
        if member.name == "control" and member.data is not None:
            return parse_control(member.data.decode("utf-8", "replace"))
    raise SplitInputError(f"{label}: no control file")


def parse_control(text: str) -> dict[str, str]:
    """RFC 822 style fields of a Debian control file (continuation lines joined with newlines)."""
    fields: dict[str, str] = {}
    key = ""
    for line in text.splitlines():
        if line[:1] in (" ", "\t") and key:
            fields[key] += "\n" + line.strip()
        elif ":" in line:
            key, value = line.split(":", 1)
            key = key.strip()
            fields[key] = value.strip()
    return fields


def source_name(control: dict[str, str]) -> str:
    """The source package (`Source: libpng1.6 (1.6.39-2)` → `libpng`): a version in the name
    (libpng1.6, gtk+3.0) is dropped; the binary package name when there is no Source."""
    name = control.get("Source", "").split("(")[0].strip() or control.get("Package", "")
    return re.sub(r"(?<=[a-z+])\d+\.\d+$", "", name)


def upstream_version(version: str) -> str:
    """`1:1.2.13.dfsg-1+deb12u1` → `1.2.13`: epoch, Debian revision and repack suffix removed."""
    version = version.split(":", 1)[-1]
    version = version.rsplit("-", 1)[0] if "-" in version else version
    return REPACK_SUFFIX.sub("", version)


def _packaging_file(path: str, package: str) -> bool:
    plain = path.removeprefix("usr/")
    if path.startswith(PACKAGING_FOLDERS) or plain.startswith(tuple(p.removeprefix("usr/") for p in PACKAGING_FOLDERS)):
        return True
    return bool(package) and (path.startswith(f"usr/share/doc/{package}/") or path == f"usr/share/doc/{package}")
