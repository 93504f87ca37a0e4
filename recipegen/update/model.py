"""What `recipegen update` knows about a recipe, read from its text with positions.

Both formats are read into the same model: a v1 `recipe.yaml` as written (YAML positions), a
v0 `meta.yaml` rendered per platform with its lines mapped back (recipegen.linters.v0). Every
value the updater may change carries the place it is written (`Spot`, `Entry`), so the edit
is a text edit there and nothing else moves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TOP = "<top>"  # the top-level requirements of a multi-output v0 recipe
SECTIONS = ("build", "host", "run", "run_constraints")
_SPEC = re.compile(r"^\s*(?P<name>[A-Za-z0-9_][A-Za-z0-9_.+\-]*)\s*(?P<rest>.*?)\s*$")


class UpdateError(Exception):
    """The recipe cannot be updated; the message is one line (nothing is written)."""


class Refused(UpdateError):
    """The update was computed but may not be written (checks, license policy)."""


def mapping(value: Any) -> dict[str, Any]:
    """`value` when it is a mapping, else an empty one (recipe data may hold anything)."""
    return value if isinstance(value, dict) else {}


def sequence(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def canonical(name: str) -> str:
    """Package names compared the way conda-forge reviewers do: lower case, `_` and `.` as `-`."""
    return re.sub(r"[-_.]+", "-", name.strip().lower())


def split_spec(spec: str) -> tuple[str, str]:
    """`numpy >=1.22` → ("numpy", ">=1.22"); anything that is not `name [constraint]` → ("", spec)."""
    match = _SPEC.match(spec)
    if not match:
        return "", spec.strip()
    return match["name"], match["rest"]


@dataclass(frozen=True)
class Spot:
    """A one-line value in the text: line (1-based), columns [start, end) of its characters
    without quotes, and the quote character it is written with ("" when plain)."""

    line: int
    start: int
    end: int
    value: str
    quote: str = ""


@dataclass
class Entry:
    """One requirement item as written: `- numpy >=1.22  # [win]` or a `then:` item."""

    output: str
    section: str
    name: str  # as written (rendered for v0), e.g. typing_extensions
    constraint: str  # the rest of the spec, "" when none
    line: int
    start: int  # column of the item text (after `- `, inside quotes)
    end: int
    condition: str = ""  # `# [selector]`, `if:` condition, "jinja" ({% if %} block) or "" (always)
    templated: bool = False  # Jinja in the item (pins, `${{ version }}`): never edited
    own_line: bool = True  # alone on its line: the line can be deleted
    block: tuple[int, int] | None = None  # v1: lines of its `- if:` block when it is the only item there
    prefix: str = ""  # text before the item on its line (`    - `): what a new sibling line starts with

    @property
    def key(self) -> str:
        return canonical(self.name)

    @classmethod
    def item(
        cls, where: tuple[str, str, int], span: tuple[int, int], spec: str, condition: str, templated: bool, prefix: str
    ) -> Entry:
        """The entry of a list item `spec` at `where` (output, section, line), columns `span`;
        `prefix` is the text before it on its line when it is alone there (`    - `), else ""."""
        name, constraint = split_spec(spec)
        output, section, line = where
        return cls(output, section, name or spec, constraint, line, span[0], span[1], condition,
                   templated or not name, own_line=bool(prefix), prefix=prefix)  # fmt: skip

    @property
    def plain(self) -> bool:
        """Unconditional, untemplated and alone on its line: an anchor for new lines."""
        return not self.condition and not self.templated and self.own_line


@dataclass
class RequirementList:
    output: str
    section: str
    entries: list[Entry] = field(default_factory=list)
    flow: bool = False  # `run: [a, b]`: no line edits possible

    def names(self) -> set[str]:
        return {e.key for e in self.entries if not e.templated}

    def find(self, key: str) -> list[Entry]:
        return [e for e in self.entries if e.key == key and not e.templated]


@dataclass
class Output:
    key: str  # the output's package name (TOP for v0's top-level requirements)
    name: str
    noarch: str = ""  # "python", "generic" or ""
    installs: bool = False  # runs the package's own build (pip install / R CMD INSTALL)
    subproject: str = ""  # the folder it pip-installs when not the source's root (`./vectors`)
    lists: dict[str, RequirementList] = field(default_factory=dict)

    def section(self, name: str) -> RequirementList:
        return self.lists.setdefault(name, RequirementList(self.key, name))


_PIP_INSTALL = re.compile(r"pip\s+install\s+(?:-\S+\s+)*(?P<path>[^\s-]\S*)")
_ROOTS = {".", "./", ".\\", "$SRC_DIR", "${SRC_DIR}", "%SRC_DIR%", '"$SRC_DIR"', '"%SRC_DIR%"', "$RECIPE_DIR/.."}


def installed_folder(script: str) -> str:
    """The folder a build script pip-installs when it is not the source's root ("" otherwise):
    `pip install ./vectors -vv` builds another project than the package's own."""
    found = _PIP_INSTALL.search(script)
    if not found or found["path"].rstrip("/\\") in {r.rstrip("/\\") for r in _ROOTS} | {""}:
        return ""
    return found["path"]


@dataclass(frozen=True)
class RenderedSource:
    """A source as rendered (union over platforms): the text `digest` literal ties it to its place."""

    urls: tuple[str, ...]
    sha256: str = ""
    md5: str = ""
    git: str = ""
    rev: str = ""  # a git source's revision (rev, tag, branch; v0's git_rev / git_tag)


@dataclass
class Recipe:
    path: Path
    text: str
    format: str  # "v0" or "v1"
    name: str  # package (single output) or recipe name
    version: str
    version_spot: Spot
    outputs: list[Output] = field(default_factory=list)
    sources: list[RenderedSource] = field(default_factory=list)
    build_numbers: list[Spot] = field(default_factory=list)
    python_min: Spot | None = None  # the recipe's own python_min definition
    uses_python_min: bool = False
    context: dict[str, Any] = field(default_factory=dict)  # rendered context / {% set %} values
    extra: dict[str, Any] = field(default_factory=dict)  # rendered `extra`
    license: str = ""
    extra_spots: dict[str, Spot] = field(default_factory=dict)  # extra.julia.version etc. (recipegen julia)
    notes: list[str] = field(default_factory=list)

    @property
    def multi_output(self) -> bool:
        return any(o.key != self.name for o in self.outputs) or len(self.outputs) > 1

    def output(self, key: str) -> Output | None:
        return next((o for o in self.outputs if o.key == key), None)

    def entries(self, section: str | None = None) -> list[Entry]:
        return [
            e
            for o in self.outputs
            for s, lst in o.lists.items()
            if section is None or s == section
            for e in lst.entries
        ]
