"""What lint rules see: a recipe document, its views, and the findings rules yield.

A v1 `recipe.yaml` has one view: the YAML as written (round-trip data with positions);
`if/then/else` items stay in place and rules visit every branch through `linters.walk`.
A v0 `meta.yaml` has one view per platform (linux-64, osx-arm64, win-64, linux-aarch64, osx-64):
the Jinja rendered in a sandbox with conda-build's functions stubbed and the `# [selector]`
lines of other platforms blanked; `locate` maps every position back to the original file
(recipegen.linters.v0). Platforms that render identically share one view (`platforms`).
Findings that are the same on several platforms are reported once.

Rules read a view through `view.facts` (recipegen.linters.facts: names, outputs, requirements,
tests, sources read the same way in both formats, built once per view) and spell what the
formats write differently through `doc.dialect` (recipegen.linters.dialect); values a rule
computes from the whole document once go through `doc.memo(key, compute)`.

Rule modules (linters/rules/) define ID, SEVERITY, EQUIVALENT, FORMATS, CONDA_FORGE_ONLY,
check(doc, options) and optionally SKIP_KEY (conda-forge.yml `linter: skip:` name(s)).
See docs/lint.md for everything a rule can read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from recipegen.problems import Severity
from recipegen.yamlio import PathKey, Span

if TYPE_CHECKING:
    from recipegen.linters.dialect import Dialect
    from recipegen.linters.facts import RecipeFacts

Format = Literal["v1", "v0"]
MAIN_PLATFORMS = ("linux-64", "osx-arm64", "win-64", "linux-aarch64")
# a meta.yaml is also rendered for osx-64: conda-smithy reads every line whatever its selector,
# so a `# [osx and x86_64]` line must be seen on some platform
V0_PLATFORMS = (*MAIN_PLATFORMS, "osx-64")


@dataclass
class RecipeView:
    """One reading of a recipe: v1 as written, or v0 rendered for one platform."""

    data: Any
    locate: Callable[[tuple[PathKey, ...]], Span]
    locate_key: Callable[[tuple[PathKey, ...]], Span]
    platform: str | None = None  # None for v1
    text: str = ""  # v0: the rendered YAML of this platform (lines map back via line_map)
    line_map: Any = None  # v0: recipegen.linters.v0.LineMap (rendered line -> original line)
    platforms: tuple[str, ...] = ()  # v0: every platform that renders to this same text
    format: Format = "v1"  # the format of the recipe this is a view of

    @property
    def dialect(self) -> Dialect:
        from recipegen.linters.dialect import DIALECTS

        return DIALECTS[self.format]

    @cached_property
    def facts(self) -> RecipeFacts:
        """The format-neutral reading of this view, built on first use (recipegen.linters.facts)."""
        from recipegen.linters.facts import facts_for

        return facts_for(self)


@dataclass
class Finding:
    """What a rule yields: a message and where (a path into the view's data, or an explicit span)."""

    message: str
    path: tuple[PathKey, ...] = ()
    span: Span | None = None
    fix: str = ""  # a suggestion for the user, shown in JSON output
    severity: Severity | None = None  # overrides the rule's default (rarely needed)
    key: bool = False  # point at the key of the last path element rather than its value
    view: RecipeView | None = None  # the view `path` refers to (default: the first view)
    file: Path | None = None  # a problem in another file than the recipe (a variants file): give `span`
    # what the finding is about when that is not a place in the recipe (the path of an --artifact
    # package): the framework matches findings of several recipes by it, never by message text
    subject: str = ""


@dataclass
class RecipeDocument:
    path: Path  # the recipe file
    text: str
    format: Format
    views: list[RecipeView]
    recipe_dir: Path = field(default_factory=Path)
    feedstock_dir: Path | None = None  # the folder holding recipe/ in a feedstock layout
    render_problems: list[tuple[int, int, str]] = field(default_factory=list)  # (line, col, message)
    duplicate_keys: list[tuple[int, int, str]] = field(default_factory=list)  # v1: (line, col, key) repeated
    # built packages given with --artifact, by package name (recipegen.linters.artifacts.Artifact)
    artifacts: dict[str, Any] = field(default_factory=dict)
    # values computed once from the whole document and shared by rules (see `memo`)
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def dialect(self) -> Dialect:
        """How this recipe's format spells things (recipegen.linters.dialect)."""
        from recipegen.linters.dialect import DIALECTS

        return DIALECTS[self.format]

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """`compute()` once per document (rules never change the text or the views)."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]

    @property
    def artifact_files(self) -> dict[str, list[str]]:
        """Files each --artifact package installs, by package name (no info/ files)."""
        return {name: list(artifact.files) for name, artifact in self.artifacts.items()}

    @property
    def lines(self) -> list[str]:
        """The text's lines (computed once; the text of a document never changes)."""
        return self.memo("lines", self.text.splitlines)


@dataclass
class LintOptions:
    conda_forge: bool = False
    license_policy: Any = None  # recipegen.linters.policy.LicensePolicy from --license-policy
    fetch_sources: bool = False
    artifacts: tuple[Path, ...] = ()
    source_dir: Path | None = None  # unpacked source to check license files against
    skip: frozenset[str] = frozenset()  # conda-forge.yml `linter: skip:` entries in effect
    schema_keys: frozenset[str] = frozenset()  # set by lint_document: v1 top-level keys `schema` reports
    # set by lint_document: the rule ids (`schema` included) whose problems this lint reports, here
    # or in another phase of the same check (the language server's), so a rule can leave to them
    # what they say
    reporting: frozenset[str] = frozenset()
    online: bool = False  # --online: rules may ask GitHub (maintainers); with conda_forge only
    fetcher: Any = None  # recipegen.http.Fetcher for those checks (tests give one with a fake transport)


class RuleModule(Protocol):
    """The attributes every module in linters/rules/ defines."""

    ID: str  # stable kebab-case id
    SEVERITY: Severity
    EQUIVALENT: tuple[str, ...]  # rows of conda-smithy's table (lint-rules.md ids and R-xxx ids)
    FORMATS: frozenset[str]  # {"v1"}, {"v0"} or both
    CONDA_FORGE_ONLY: bool  # on only with --conda-forge
    # optional: SKIP_KEY: str | tuple[str, ...] -- conda-smithy's `linter: skip:` name(s) in
    # conda-forge.yml that switch the rule off (e.g. "lint_stdlib")
    # optional: NEEDS_NETWORK: bool -- the rule asks a web service; it runs only with --online
    __doc__: str

    def check(self, doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]: ...
