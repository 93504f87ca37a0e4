"""v1 reading: every if/then/else branch is visited, with exact positions."""

from __future__ import annotations

from recipegen.linters import walk
from recipegen.linters.api import load_v1

TEXT = """\
package:
  name: foo
  version: "1.0"
requirements:
  build:
    - ${{ compiler('c') }}
    - if: win
      then:
        - m2-make
      else:
        - make
        - if: osx
          then: cctools
  host:
    - if: unix
      then: zlib
"""


def test_every_branch_with_its_line():
    doc = load_v1(TEXT, "recipe.yaml")
    view = doc.views[0]
    items = list(walk.iter_items(view.data, ("requirements", "build")))
    assert [item for item, _ in items] == ["${{ compiler('c') }}", "m2-make", "make", "cctools"]
    lines = TEXT.splitlines()
    for item, path in items:
        span = view.locate(path)
        assert lines[span.line - 1][span.column - 1 :].startswith(item), (item, span)
    assert [i for i, _ in walk.iter_items(view.data, ("requirements", "host"))] == ["zlib"]


def test_requirement_helpers():
    doc = load_v1(TEXT, "recipe.yaml")
    data = doc.views[0].data
    sections = [path for _, path in walk.all_requirement_sections(data)]
    assert sections == [("requirements",)]
    assert [walk.spec_name(s) for s, _ in walk.requirements(data, ("requirements",), "build")][1:] == [
        "m2-make",
        "make",
        "cctools",
    ]
    assert walk.spec_name("conda-forge::numpy>=1.2") == "numpy"
