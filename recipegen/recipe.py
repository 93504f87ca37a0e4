"""The recipe model every generator returns: typed sections whose items carry their own comments.

A generator builds a `Recipe` (outputs, sections, requirement entries, sources, tests, about) and
hands it to the pipeline (`recipegen.generate`); `recipegen.emit.emit` writes it. A comment
belongs to the item it explains: a `Req` (a requirement entry), an `If` block, a `Commented`
value anywhere in free-form data, or a section key (`section.comments["license"]`). Inserting or
removing items never moves a comment; the emitter works out where each one lands, and a comment
whose key a section does not have is an error (`CommentTargetError`), never dropped.

Free text from upstream (summaries, descriptions: `Text`) is never evaluated by rattler-build:
the emitter writes `${{` in it so that it renders as itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, TypeVar

# --- values that carry comments ---------------------------------------------------------------


class Text(str):
    """Free text an upstream controls (summary, description): written as it is, never evaluated
    as a template by rattler-build."""

    __slots__ = ()


@dataclass
class Comment:
    """The comments of one key or item: `eol` at the end of its line, `above` on the lines before."""

    eol: str = ""
    above: str = ""


@dataclass
class Commented:
    """A value of free-form data (a mapping value or a list item) with its comments."""

    value: Any
    comment: str = ""  # end of the value's line
    above: str = ""  # lines above it


@dataclass
class Req:
    """A requirement entry: a MatchSpec with its own comment and condition.

    `condition` (an `if:` selector) writes the entry as a one-item `- if: ... then: <spec>` block;
    `when` is a CEP 43 conditional dependency (`spec[when="..."]`), for builders that read it.
    """

    spec: str
    comment: str = ""
    above: str = ""
    condition: str = ""
    when: str = ""

    @property
    def name(self) -> str:
        return self.spec.split(" ")[0]

    def text(self) -> str:
        return f'{self.spec}[when="{self.when}"]' if self.when else self.spec


@dataclass
class If:
    """An `- if: <condition> / then: ... / else: ...` item of a list. `then` and `otherwise` are
    an item or a list of items (a list stays a list, even of one item)."""

    condition: str
    then: Any
    otherwise: Any = None
    comment: str = ""  # end of the `if:` line
    above: str = ""


Item = Any  # str | Req | If | Commented | plain data


def names_of(items: Iterable[Item]) -> list[str]:
    """The package names of requirement items (inside `if:` blocks too)."""
    found: list[str] = []
    for item in items:
        if isinstance(item, If):
            for branch in (item.then, item.otherwise):
                if branch is not None:
                    found += names_of(branch if isinstance(branch, list) else [branch])
        elif isinstance(item, Commented):
            found += names_of([item.value])
        elif isinstance(item, Req):
            found.append(item.name)
        elif isinstance(item, str):
            found.append(item.split(" ")[0])
    return found


class CommentTargetError(ValueError):
    """A comment names a key or path the recipe does not have (a bug of the generator)."""


# --- sections ------------------------------------------------------------------------------------


def present(value: Any) -> bool:
    """Whether a field is written: None, "" and empty lists or mappings are left out (0 is kept)."""
    return value is not None and not (isinstance(value, (str, list, tuple, dict)) and len(value) == 0)


class Commentable:
    """Something with comments on its keys (`comments`, by YAML key)."""

    comments: dict[str, Comment]

    def comment(self, key: str, eol: str = "", above: str = "") -> None:
        """Attach comments to `key` (the YAML key: `recipe-maintainers`, `license`); empty text adds nothing."""
        if not (eol or above):
            return
        existing = self.comments.setdefault(key, Comment())
        existing.eol = eol or existing.eol
        existing.above = above or existing.above


S = TypeVar("S", bound="Section")


@dataclass
class Section(Commentable):
    """A mapping of the recipe with named fields. `comments` by YAML key; `more`: keys the model
    does not name, written after the named ones in their order."""

    KEYS: ClassVar[dict[str, str]] = {}  # field name -> YAML key where they differ
    SKIP: ClassVar[tuple[str, ...]] = ("comments", "more")

    @classmethod
    def of(cls: type[S], values: Mapping[str, Any]) -> S:
        """A section from YAML-keyed values (`{"homepage": ..., "summary": ...}`)."""
        names = {cls.KEYS.get(f.name, f.name): f.name for f in fields(cls)}  # type: ignore[arg-type]
        section = cls()
        for key, value in values.items():
            if key not in names or names[key] in cls.SKIP:
                raise KeyError(f"{cls.__name__} has no field {key!r}")
            setattr(section, names[key], value)
        return section

    def fields_tree(self) -> dict[str, Any]:
        """The named fields as data, before comments (a subclass may shape some of them)."""
        out: dict[str, Any] = {}
        for name in (f.name for f in fields(self)):  # type: ignore[arg-type]
            if name in self.SKIP:
                continue
            value = getattr(self, name)
            if present(value):
                out[self.KEYS.get(name, name)] = tree_of(value)
        return out

    def tree(self) -> dict[str, Any]:
        out = self.fields_tree()
        for key, value in getattr(self, "more", {}).items():
            if present(value):
                out[key] = tree_of(value)
        return with_comments(out, getattr(self, "comments", {}), type(self).__name__)


def with_comments(mapping: dict[str, Any], comments: dict[str, Comment], where: str) -> dict[str, Any]:
    for key, comment in comments.items():
        if key not in mapping:
            raise CommentTargetError(f"{where}: a comment on {key!r}, which is not written")
        mapping[key] = Commented(mapping[key], comment.eol, comment.above)
    return mapping


def tree_of(value: Any) -> Any:
    """Model objects as data (with their comments), lists and mappings walked."""
    if isinstance(value, (Section, Output, Recipe)):
        return value.tree()
    if isinstance(value, (list, tuple)):
        return [tree_of(v) for v in value]
    if isinstance(value, dict):
        return {k: tree_of(v) for k, v in value.items()}
    return value


@dataclass
class Source(Section):
    url: str | list[str] = ""
    path: str = ""
    sha256: str = ""
    md5: str = ""
    file_name: str = ""
    target_directory: str = ""
    comments: dict[str, Comment] = field(default_factory=dict)
    more: dict[str, Any] = field(default_factory=dict)


@dataclass
class Build(Section):
    number: int | None = 0
    skip: str | list[str] | None = None
    noarch: str = ""
    script: Any = None  # text, a list of lines, `{env:, content:}` or `if:` items
    entry_points: list[str] = field(default_factory=list)  # python.entry_points
    files: Any = None
    dynamic_linking: dict[str, Any] | None = None
    comments: dict[str, Comment] = field(default_factory=dict)
    more: dict[str, Any] = field(default_factory=dict)

    def fields_tree(self) -> dict[str, Any]:
        out = super().fields_tree()
        if "entry_points" in out:
            out["python"] = {"entry_points": out.pop("entry_points")}
        return out


@dataclass
class Requirements(Section):
    build: list[Item] = field(default_factory=list)
    host: list[Item] = field(default_factory=list)
    run: list[Item] = field(default_factory=list)
    run_constraints: list[Item] = field(default_factory=list)
    run_exports: list[Item] = field(default_factory=list)
    ignore_run_exports: dict[str, list[Item]] = field(default_factory=dict)
    extras: dict[str, list[Item]] = field(default_factory=dict)  # CEP 44 optional dependency groups
    comments: dict[str, Comment] = field(default_factory=dict)
    more: dict[str, Any] = field(default_factory=dict)


@dataclass
class PythonTest(Section):
    imports: list[str] = field(default_factory=list)
    pip_check: bool = True
    python_version: list[str] = field(default_factory=list)
    comments: dict[str, Comment] = field(default_factory=dict)

    def tree(self) -> dict[str, Any]:
        return {"python": super().tree()}


@dataclass
class ScriptTest(Section):
    script: list[Item] = field(default_factory=list)
    run: list[Item] = field(default_factory=list)  # requirements.run of the test
    comments: dict[str, Comment] = field(default_factory=dict)

    def fields_tree(self) -> dict[str, Any]:
        out = super().fields_tree()
        if "run" in out:
            out["requirements"] = {"run": out.pop("run")}
        return out


@dataclass
class ContentsTest(Section):
    """A `package_contents` test; `exists`/`not_exists` go under its `files`."""

    include: list[Item] = field(default_factory=list)
    lib: list[Item] = field(default_factory=list)
    bin: list[Item] = field(default_factory=list)
    exists: list[Item] = field(default_factory=list)
    not_exists: list[Item] = field(default_factory=list)
    comments: dict[str, Comment] = field(default_factory=dict)

    def fields_tree(self) -> dict[str, Any]:
        out = super().fields_tree()
        files = {key: out.pop(key) for key in ("exists", "not_exists") if key in out}
        if files:
            out["files"] = files
        return out

    def tree(self) -> dict[str, Any]:
        return {"package_contents": super().tree()}

    def __bool__(self) -> bool:
        return bool(self.fields_tree())


Test = PythonTest | ScriptTest | ContentsTest


@dataclass
class About(Section):
    homepage: str = ""
    repository: str = ""
    documentation: str = ""
    summary: str = ""  # free text: never evaluated
    description: str = ""  # free text: never evaluated
    license: str = ""
    license_file: str | list[str] = ""
    comments: dict[str, Comment] = field(default_factory=dict)
    more: dict[str, Any] = field(default_factory=dict)

    def fields_tree(self) -> dict[str, Any]:
        out = super().fields_tree()
        for key in ("summary", "description"):
            if key in out:
                out[key] = Text(out[key])
        return out


@dataclass
class Extra(Section):
    KEYS: ClassVar[dict[str, str]] = {"feedstock_name": "feedstock-name", "recipe_maintainers": "recipe-maintainers"}

    feedstock_name: str = ""
    recipe_maintainers: list[str] = field(default_factory=list)
    comments: dict[str, Comment] = field(default_factory=dict)
    more: dict[str, Any] = field(default_factory=dict)


# --- outputs and the recipe ------------------------------------------------------------------------


@dataclass
class Output(Commentable):
    """One output of a multi-output recipe; `staging` makes it a CEP 41 staging output."""

    name: str
    staging: bool = False
    inherit: str | dict[str, Any] | None = None
    build: Build | None = None
    requirements: Requirements | None = None
    tests: list[Test] = field(default_factory=list)
    about: About | None = None
    above: str = ""  # comment lines above the output
    comments: dict[str, Comment] = field(default_factory=dict)  # on its keys (`build`, ...)

    def tree(self) -> Any:
        out: dict[str, Any] = {("staging" if self.staging else "package"): {"name": self.name}}
        for key in ("inherit", "build", "requirements", "tests", "about"):
            value = tree_of(getattr(self, key))
            if present(value):
                out[key] = value
        out = with_comments(out, self.comments, f"output {self.name}")
        return Commented(out, above=self.above) if self.above else out


@dataclass
class Recipe(Commentable):
    """A whole recipe (single output, or `recipe:` with `outputs`) and what the pipeline needs
    beside its text: where it goes, notes for the user, dependencies for --recursive."""

    folder: str  # written to DIR/<folder>/recipe.yaml; names the recipe in messages
    name: str  # package.name (single output) or recipe.name (with outputs), as written
    version: str = "${{ version }}"
    context: dict[str, Any] = field(default_factory=dict)
    source: list[Source] = field(default_factory=list)
    build: Build = field(default_factory=Build)
    requirements: Requirements | None = None
    tests: list[Test] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    about: About | None = None
    extra: Extra | None = None
    schema_version: int = 1
    comments: dict[str, Comment] = field(default_factory=dict)  # on top-level keys
    # For the pipeline ---------------------------------------------------------------------
    notes: list[str] = field(default_factory=list)  # told to the user (stderr)
    dependencies: list[tuple[str, str]] = field(default_factory=list)  # (upstream spec, conda name)
    # Lint rule ids the user knowingly accepted (e.g. source-hash-missing with --no-fetch).
    accepted_rules: frozenset[str] = frozenset()
    extra_files: dict[str, str] = field(default_factory=dict)  # written next to recipe.yaml
    needs_v3: bool = False  # CEP 44 `requirements.extras`: rattler-build renders it in V3 mode
    errors: list[str] = field(default_factory=list)  # why the recipe cannot be used as it is
    # What the about fields come from ("the input (x.deb)"): when set, about fields the input
    # does not say are asked for in one line naming the options that set them.
    about_from: str = ""

    def tree(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schema_version": self.schema_version} if self.schema_version else {}
        if self.context:
            out["context"] = dict(self.context)
        out["recipe" if self.outputs else "package"] = {"name": self.name, "version": self.version}
        if self.source:
            sources = [s.tree() for s in self.source]
            out["source"] = sources[0] if len(sources) == 1 else sources
        for key in ("build", "requirements", "tests", "outputs", "about", "extra"):
            value = tree_of(getattr(self, key))
            if present(value):
                out[key] = value
        return with_comments(out, self.comments, f"recipe {self.folder}")

    def outputs_tree(self) -> dict[str, Any]:
        """Only the `outputs:` section (for merging into an existing recipe)."""
        return {"outputs": tree_of(self.outputs)}

    def text(self) -> str:
        """The recipe.yaml text (`recipegen.emit.emit`)."""
        from recipegen.emit import emit

        return emit(self)

    @property
    def data(self) -> dict[str, Any]:
        """The recipe as plain data, exactly as it is written (comments left out)."""
        from recipegen.emit import plain_data

        return plain_data(self.tree())


# --- what every generator repeats ----------------------------------------------------------------


def compiler(language: str) -> str:
    return f"${{{{ compiler('{language}') }}}}"


def stdlib(language: str = "c") -> str:
    return f"${{{{ stdlib('{language}') }}}}"


def pin_subpackage(name: str, *, exact: bool = False, upper_bound: str = "") -> str:
    if exact:
        return f"${{{{ pin_subpackage('{name}', exact=True) }}}}"
    return f"${{{{ pin_subpackage('{name}', upper_bound='{upper_bound}') }}}}"


MAINTAINER_PLACEHOLDER = "your-github-handle"
MAINTAINER_HINT = "Add your GitHub handle below (recipegen ... --maintainer HANDLE)"


def maintainers(handles: Iterable[str], always: Iterable[str] = ()) -> Extra:
    """`extra.recipe-maintainers`: the handles given (after `always`), else a placeholder with a
    comment asking for one."""
    handles = list(handles)
    names = list(dict.fromkeys([*always, *handles]))
    extra = Extra(recipe_maintainers=names or [MAINTAINER_PLACEHOLDER])
    if not handles:
        extra.comment("recipe-maintainers", above=MAINTAINER_HINT)
    return extra


def staging_output(name: str, requirements: Requirements, script: Any, *, above: str = "") -> Output:
    """A CEP 41 staging output: builds and installs once; the package outputs inherit its files.
    `above`: a comment above its build script."""
    build = Build(number=None, script=script)
    if above:
        build.comment("script", above=above)
    return Output(name, staging=True, requirements=requirements, build=build)


def multi_output(feedstock: str, outputs: list[Output], *, extra: Extra, **fields: Any) -> Recipe:
    """A recipe of several outputs: `recipe.name` `<feedstock>-split` (never an output's name),
    `extra.feedstock-name` the feedstock."""
    extra.feedstock_name = feedstock
    fields.setdefault("folder", f"{feedstock}-split")
    return Recipe(name=f"{feedstock}-split", outputs=outputs, extra=extra, **fields)


def extra_output(package: str, extra: str, run: list[Item], tests: list[Test], *, noarch: bool) -> Output:
    """`<package>-with-<extra>`: the package pinned exactly, plus the extra's dependencies."""
    output = Output(f"{package}-with-{extra}", requirements=Requirements(run=run), tests=tests)
    if noarch:
        output.build = Build(number=None, noarch="generic")
    return output


def conda_version_problem(version: str) -> str:
    """Why a string is no conda version, as rattler (conda's own parser) says; '' when it is one."""
    import rattler

    try:
        rattler.Version(version)
    except Exception as exc:  # rattler raises its own parse error types
        message = str(exc)
        return message.split(": ", 1)[-1] if ": " in message else message
    return ""
