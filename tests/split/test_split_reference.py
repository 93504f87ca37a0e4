"""`recipegen split` on real libraries' install trees, compared with conda-forge's and Debian's splits.

fixtures/split/reference_splits.json lists each file with the conda-forge output and the
Debian package that ship it (sources in fixtures/split/README.md). Every disagreement is
listed here on purpose, with the reason; anything else fails the test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from recipegen.generators.split.inputs import InstallTree, TreeFile
from recipegen.generators.split.outputs import SplitOptions, plan_split

DATA = json.loads((Path(__file__).resolve().parents[2] / "fixtures" / "split" / "reference_splits.json").read_text())
LIBRARIES = DATA["libraries"]

# Where recipegen deliberately differs from a reference, and why.
KNOWN_DIFFERENCES = {
    # CFEP-18: static archives go to <name>-static (or are left out); Debian ships them in -dev.
    ("debian", "lib/liblzma.a"),
    ("debian", "lib/libzstd.a"),
    ("debian", "lib/libcurl.a"),
    # conda-forge's zlib keeps zlibstatic.lib in its devel output (`zlib`); CFEP-18 says -static.
    ("conda-forge", "Library/lib/zlibstatic.lib"),
}


def tree_of(library: dict) -> InstallTree:
    files = [
        TreeFile(path, 0 if link else 1, bool(link), link, path.startswith("bin/"), b"" if not link else None)
        for path, link, _, _ in library["files"]
    ]
    return InstallTree(library["name"], files, "folder", subdir=library["platform"])


def roles(library: dict, static: bool = True) -> dict[str, str]:
    plan = plan_split(tree_of(library), SplitOptions(library["name"], static=static))
    role_of = {o.name: o.role for o in plan.outputs}
    return {c.path: role_of.get(plan.assignment[c.path], "") for c in plan.classified}


def comparison(name: str) -> list[tuple[str, str, str, str]]:
    """(path, recipegen role, conda-forge role, Debian role) per file."""
    library = LIBRARIES[name]
    ours = roles(library)
    rows = []
    for path, _, cf_output, debian_package in library["files"]:
        cf = library["conda_forge_roles"].get(cf_output, "")
        debian = library["debian_roles"].get(debian_package, "")
        rows.append((path, ours[path], cf, debian))
    return rows


def agrees(ours: str, theirs: str) -> bool:
    """A merged output (runtime+devel) agrees with any of its roles; '' means left out."""
    return ours in theirs.split("+") if theirs else ours == ""


@pytest.mark.parametrize("name", sorted(LIBRARIES))
def test_split_matches_conda_forge_and_debian(name):
    for path, ours, cf, debian in comparison(name):
        if ("conda-forge", path) not in KNOWN_DIFFERENCES:
            assert agrees(ours, cf), f"{path}: recipegen {ours!r}, conda-forge {cf!r}"
        if LIBRARIES[name]["debian_roles"] and ("debian", path) not in KNOWN_DIFFERENCES and debian:
            assert agrees(ours, debian), f"{path}: recipegen {ours!r}, Debian {debian!r}"


def test_pin_widths_of_real_sonames():
    widths = {name: plan_split(tree_of(lib), SplitOptions(lib["name"])).pin_width for name, lib in LIBRARIES.items()}
    # liblzma.so.5, libzstd.so.1, libcurl.so.4, libxml2.so.16: major-only SONAMEs; zlib.dll carries none.
    assert widths == {"xz": "x", "zstd": "x", "curl": "x", "libxml2": "x", "zlib-win": "x.x"}


def agreement_figures() -> dict[str, tuple[int, int, int, int]]:
    """Per library: (agree with conda-forge, files compared, agree with Debian, files compared)."""
    figures = {}
    for name in LIBRARIES:
        rows = comparison(name)
        cf = [agrees(o, c) for _, o, c, _ in rows]
        deb = [agrees(o, d) for _, o, _, d in rows if d]
        figures[name] = (sum(cf), len(cf), sum(deb), len(deb))
    return figures


if __name__ == "__main__":  # python -m tests.split.test_split_reference: print the figures
    for library, (cf_ok, cf_n, deb_ok, deb_n) in agreement_figures().items():
        debian = f"{deb_ok}/{deb_n}" if deb_n else "-"
        print(f"{library:10} conda-forge {cf_ok}/{cf_n}  Debian {debian}")
