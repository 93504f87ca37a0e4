"""`recipegen split` on the install trees of 9 real libraries, compared with Debian's split.

fixtures/split/debian_bookworm_amd64.json holds the file lists (with symlinks) of Debian's
runtime, -dev and tools packages for zstd, xz, expat, libpng, curl, libxml2, openssl,
libsodium and bzip2. The packages are unpacked into one DESTDIR-style tree (usr/..., /lib
and /usr/lib mixed, multiarch lib/x86_64-linux-gnu/, absolute symlinks), which
`recipegen split` reads like any install prefix; every file's output role is compared with
the role of the Debian package that ships it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from recipegen.generators.split.inputs import read_tree
from recipegen.generators.split.outputs import SplitOptions, plan_split

from .split_trees import Link, write_folder

DATA = json.loads(
    (Path(__file__).resolve().parents[2] / "fixtures" / "split" / "debian_bookworm_amd64.json").read_text()
)["libraries"]
TOOLS_PACKAGES = {"libpng-tools", "libxml2-utils"}

# Where recipegen's split differs from Debian's on purpose (or where the answer is open).
EXPECTED_DIFFERENCES = {
    # png(5) documents the file format; Debian ships it in libpng-dev, recipegen with the tools.
    "libpng": {"share/man/man5/png.5.gz"},
    # openssl's configuration and CA folders: Debian's `openssl` package; recipegen keeps files it
    # does not recognise with the runtime library.
    "openssl": {
        "etc/ssl/openssl.cnf",
        "lib/ssl/cert.pem",
        "lib/ssl/certs",
        "lib/ssl/misc/CA.pl",
        "lib/ssl/misc/tsget",
        "lib/ssl/misc/tsget.pl",
        "lib/ssl/openssl.cnf",
        "lib/ssl/private",
    },
}


def debian_role(package: str) -> str:
    if package.endswith("-dev"):
        return "devel"
    if package.startswith("lib") and package not in TOOLS_PACKAGES:
        return "runtime"
    return "tools"


def compare(name: str, tmp_path: Path) -> tuple[list[tuple[str, str, str]], object]:
    files = DATA[name]["files"]
    tree_files = {path: (Link(link) if link else b"") for path, link, _, _ in files}
    tree = read_tree(write_folder(tree_files, tmp_path / name))
    plan = plan_split(tree, SplitOptions(name, static=True))
    role_of = {o.name: o.role for o in plan.outputs}
    package_of = {}
    for path, _, package, _ in files:
        package_of[path] = package
        package_of[path.replace("lib/x86_64-linux-gnu/", "lib/")] = package  # read as lib/ (multiarch)
    rows = []
    for c in plan.classified:
        package = next(package_of[k] for k in (c.path, "usr/" + c.path, "usr/local/" + c.path) if k in package_of)
        ours = role_of.get(plan.assignment[c.path], "")
        theirs = debian_role(package)
        if ours == "static" and theirs == "devel":
            theirs = "static"  # CFEP-18: archives go to -static; Debian keeps them in -dev
        rows.append((c.path, ours, theirs))
    return rows, plan


@pytest.mark.parametrize("name", sorted(DATA))
def test_split_agrees_with_debian(name, tmp_path):
    rows, plan = compare(name, tmp_path)
    assert len(rows) == len(DATA[name]["files"])  # usr/ stripped, nothing lost or merged
    differences = {path for path, ours, theirs in rows if ours != theirs}
    assert differences == EXPECTED_DIFFERENCES.get(name, set())
    assert plan.partition_problems() == []


def test_pin_widths_from_debian_symlink_chains(tmp_path):
    widths = {name: compare(name, tmp_path)[1].pin_width for name in ("zstd", "xz", "bzip2", "openssl")}
    # libzstd.so.1, liblzma.so.5, libssl.so.3: major only; libbz2.so.1.0 carries two numbers.
    assert widths == {"zstd": "x", "xz": "x", "bzip2": "x.x", "openssl": "x"}
