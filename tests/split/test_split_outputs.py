"""Categories → outputs: names, the partition of files, run_exports, pin widths, CFEP-18."""

from __future__ import annotations

import pytest
from recipegen.generators.split.globs import compact_globs, matches, partition_problems, selected
from recipegen.generators.split.outputs import (
    DEVEL,
    HEADERS,
    RUNTIME,
    STATIC,
    TOOLS,
    SplitOptions,
    plan_split,
)
from recipegen.generators.split.recipe import build_split_recipe

from .split_trees import Link, elf_shared_object, headers_only_tree, linux_tree, macos_tree, mingw_tree, windows_tree
from .test_split_classify import as_tree

LAYOUTS = {
    "linux": linux_tree(),
    "osx": macos_tree(),
    "win": windows_tree(),
    "mingw": mingw_tree(),
    "headers": headers_only_tree(),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("static", [False, True])
def test_globs_partition_the_files(layout, static):
    tree = as_tree(LAYOUTS[layout])
    plan = plan_split(tree, SplitOptions("foo", static=static))
    paths = [f.path for f in tree.files]
    assert plan.partition_problems() == []
    for crosses in (False, True):
        for output in plan.outputs:
            assert selected(output.globs, paths, crosses) == set(output.files), output.name
    covered = {p for o in plan.outputs for p in o.files}
    assert covered | set(plan.omitted) == set(paths)
    assert not covered & set(plan.omitted)


def test_linux_outputs_and_relations():
    tree = as_tree(linux_tree())
    plan = plan_split(tree, SplitOptions("foo", static=True))
    by_role = {o.role: o for o in plan.outputs}
    assert [o.name for o in plan.outputs] == ["libfoo", "libfoo-devel", "foo-static", "foo-tools"]
    assert by_role[RUNTIME].files == [
        "lib/libfoo.so.1",
        "lib/libfoo.so.1.2.3",
        "share/foo/data.bin",
        "share/licenses/foo/LICENSE",
    ]
    assert "include/foo.h" in by_role[DEVEL].files and "lib/libfoo.so" in by_role[DEVEL].files
    assert by_role[STATIC].files == ["lib/libfoo.a"]
    assert by_role[TOOLS].files[0] == "bin/footool"
    assert plan.omitted == {"lib/libfoo.la": plan.omitted["lib/libfoo.la"]}
    assert plan.pin_width == "x" and "SONAME recorded" in plan.pin_reason

    data = build_split_recipe(tree, plan).data
    outputs = {o["package"]["name"]: o for o in data["outputs"] if "package" in o}
    assert data["recipe"]["name"] == "foo-split" and "foo-split" not in outputs
    assert outputs["libfoo"]["requirements"]["run_exports"] == ["${{ pin_subpackage('libfoo', upper_bound='x') }}"]
    devel = outputs["libfoo-devel"]["requirements"]
    assert devel["run"] == ["${{ pin_subpackage('libfoo', exact=True) }}"]
    assert devel["run_exports"] == ["${{ pin_subpackage('libfoo', upper_bound='x') }}"]  # never itself
    static = outputs["foo-static"]
    assert "run_exports" not in static["requirements"]
    assert static["requirements"]["run"] == ["${{ pin_subpackage('libfoo-devel', exact=True) }}"]
    assert static["build"]["files"] == ["lib/libfoo.a"]
    assert static["inherit"] == {"from": "foo-build", "run_exports": False}
    runtime_test = outputs["libfoo"]["tests"][0]["package_contents"]["files"]
    assert "include/foo.h" in runtime_test["not_exists"] and "lib/libfoo.a" in runtime_test["not_exists"]
    assert outputs["foo-tools"]["tests"][0]["package_contents"]["bin"] == ["footool"]
    assert data["outputs"][0]["requirements"]["host"] == ["zlib", "zstd"]  # from foo.pc Requires.private


def test_static_archives_left_out_without_static_and_said_so():
    plan = plan_split(as_tree(linux_tree()), SplitOptions("foo"))
    assert "foo-static" not in [o.name for o in plan.outputs]
    assert plan.assignment["lib/libfoo.a"] == ""
    assert any("CFEP-18" in note and "lib/libfoo.a" in note for note in plan.notes)


def test_headers_output():
    plan = plan_split(as_tree(linux_tree()), SplitOptions("foo", headers_output=True))
    by_role = {o.role: o for o in plan.outputs}
    assert by_role[HEADERS].name == "libfoo-headers"
    assert by_role[HEADERS].files == ["include/foo.h", "include/foo/detail.h"]
    assert not any(p.startswith("include/") for p in by_role[DEVEL].files)


def test_header_only_tree_gives_one_headers_package():
    plan = plan_split(as_tree(headers_only_tree()), SplitOptions("bar"))
    assert [o.name for o in plan.outputs] == ["libbar-headers"]
    data = build_split_recipe(as_tree(headers_only_tree()), plan).data
    headers = data["outputs"][1]
    assert headers["inherit"] == {"from": "bar-build", "run_exports": False}  # no compiler run_exports
    assert "requirements" not in headers
    assert data["context"]["version"] == "2.0.1"
    assert "${{ compiler('cxx') }}" in data["outputs"][0]["requirements"]["build"]


@pytest.mark.parametrize(
    "files, width",
    [
        ({"lib/libz.so.1.3.1": elf_shared_object("libz.so.1")}, "x"),
        ({"lib/libfoo.so.3.4": elf_shared_object("libfoo.so.3.4")}, "x.x"),
        ({"lib/libprotobuf.so.25.1.0": elf_shared_object("libprotobuf.so.25.1.0")}, "x.x.x"),
        # Without readable bytes the symlink chain says which name is the SONAME.
        ({"lib/liblzma.so.5.8.3": b"", "lib/liblzma.so.5": Link("liblzma.so.5.8.3")}, "x"),
        ({"lib/libfoo.so": b"not elf"}, "x.x"),
        ({"Library/bin/libxml2-2.dll": b"MZ"}, "x"),
    ],
)
def test_pin_width_from_soname(files, width):
    plan = plan_split(as_tree({**files, "include/x.h": b""}), SplitOptions("foo"))
    assert plan.pin_width == width, plan.pin_reason


def test_compact_globs_fall_back_to_exact_paths():
    everything = ["lib/libfoo.so.1", "lib/libfoo.so.1.2", "lib/libfoo.so.1.2.debug-not-mine"]
    mine = everything[:2]
    globs = compact_globs(mine, everything)
    assert selected(globs, everything) == set(mine) and selected(globs, everything, True) == set(mine)


def test_glob_matching_rules():
    assert matches("include/**", "include/a/b.h")
    assert matches("lib/libfoo.so.*", "lib/libfoo.so.1.2")
    assert not matches("lib/*.so", "lib/sub/x.so")
    assert matches("lib/*.so", "lib/sub/x.so", star_crosses_slash=True)
    assert matches("lib/lib[[]x].a", "lib/lib[x].a")
    problems = partition_problems(["a", "b"], {"one": ["a", "b"], "two": ["b"]})
    assert problems == ["b: selected by 2 outputs (one, two)"]
