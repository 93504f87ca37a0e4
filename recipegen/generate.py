"""The one pipeline of every generator: generate, check, write, report, recurse.

A generator implements `generate(spec) -> Recipe` (`recipegen.recipe`); `run_pipeline` does the
rest the same way for `pypi`, `cran`, `julia`, `split` and `cxx`: concurrent generation, the
`--recursive` walk over dependencies that are not on conda-forge yet (visited set, no loops),
the checks of every recipe before it is written (schema, lint errors, rattler-build's render),
atomic writes without overwriting, a summary, and one exit-code table (docs/exit-codes.md):
0 written, 1 a package failed, 2 unusable input, 3 a bug of recipegen (one line naming the
package and "please report"; the other packages go on).
"""

from __future__ import annotations

import dataclasses
import tempfile
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import click

from recipegen.emit import emit
from recipegen.guard import FAILED_EXIT, INTERNAL_ERROR_EXIT, OK_EXIT, UNUSABLE_EXIT, internal_error_line
from recipegen.problems import Problem, Severity
from recipegen.progress import Progress, grouped_notes
from recipegen.recipe import Recipe
from recipegen.writing import FolderInUse, RefusedOverwrite, write_atomically


class GenerationError(Exception):
    """A package could not be turned into a recipe (exit status 1); the message is one line."""

    exit_code = FAILED_EXIT


class UnusableInput(GenerationError):
    """The input is not something the generator reads: a path that does not exist, a file that
    is not an archive or project of its kind, an invalid name (exit status 2)."""

    exit_code = UNUSABLE_EXIT


Spec = TypeVar("Spec", contravariant=True)


class Generator(Protocol, Generic[Spec]):
    """What every generator is: one spec (a name, a path, a list of inputs) → one Recipe, or a
    GenerationError."""

    def generate(self, spec: Spec) -> Recipe: ...


class RecipeLinter(Protocol):
    """The lint step of the checks: the problems of recipe `text` at `path` (schema left out), the
    rules in `ignore` left out. Core never imports the linter: the generator layer gives it
    (importing `recipegen.generators` calls `use_recipe_linter`), or a caller passes `lint=`."""

    def __call__(self, path: Path, text: str, *, ignore: tuple[str, ...] = ()) -> list[Problem]: ...


_linter: list[RecipeLinter] = []


def use_recipe_linter(lint: RecipeLinter) -> None:
    """Make `lint` the lint step of `check_recipe_text` when its caller gives none."""
    _linter[:] = [lint]


def _recipe_linter(lint: RecipeLinter | None) -> RecipeLinter:
    if lint is None and not _linter:
        raise RuntimeError("no recipe linter: import recipegen.generators or pass lint=")
    return lint or _linter[0]


def check_recipe_text(
    text: str,
    label: str,
    extra_files: dict[str, str] | None = None,
    *,
    v3: bool = False,
    lint: RecipeLinter | None = None,
) -> list[Problem]:
    """Schema problems, lint errors and rattler-build render failures of a generated recipe (an
    empty list when it may be written).

    The recipe is checked as it will stand on disk, recipe.yaml and its extra files alone in a
    scratch folder, so no file of the user's (an older recipe folder of the same name) is read.
    rattler-build renders it for conda-forge's main platforms with the variant files among the
    extra files (`v3`: CEP 44 `requirements.extras`). Problems are labelled `label`. `lint`: the
    linter (default: the one `use_recipe_linter` set).
    """
    from recipegen.validate import validate_text

    lint = _recipe_linter(lint)

    extra_files = extra_files or {}
    with tempfile.TemporaryDirectory(prefix="recipegen-check-") as scratch:
        folder = Path(scratch) / Path(label).parent.name
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "recipe.yaml"
        path.write_text(text, encoding="utf-8")
        for name, content in extra_files.items():
            (folder / name).write_text(content, encoding="utf-8")
        problems = list(validate_text(text, str(path)))
        linted = lint(path, text, ignore=(RENDER_RULE,))
        problems += [p for p in linted if p.severity is Severity.ERROR]
        problems += render_problems(text, path, extra_files, v3=v3)
    return [dataclasses.replace(p, file=_relabel(p.file, path, label)) for p in problems]


RENDER_RULE = "render-fails"  # the lint rule that runs the same render on a recipe folder


def render_problems(text: str, path: Path, extra_files: dict[str, str], *, v3: bool = False) -> list[Problem]:
    """rattler-build's render failures of the recipe `text` at `path` (merged with the variant
    files among `extra_files`), one per message and place, naming every platform it fails on."""
    from recipegen.render import grouped_failures, render_recipe, variant_files_among

    result = render_recipe(text, path, variant_files=variant_files_among(extra_files), v3=v3)
    return [
        Problem(
            file=str(path.parent / failure.file) if failure.file else str(path),
            line=failure.line,
            column=failure.column,
            message=failure.describe(platforms),
            rule_id=RENDER_RULE,
        )
        for failure, platforms in grouped_failures(result.failures)
    ]


def _relabel(file: str, path: Path, label: str) -> str:
    """`label` for the scratch recipe, `<label's folder>/<name>` for a file beside it."""
    return label if file == str(path) else str(Path(label).parent / Path(file).name)


def describe_problems(problems: list[Problem], limit: int = 5) -> str:
    """The first `limit` problems on one line, each with its file name and position."""
    return "; ".join(f"{Path(p.file).name}:{p.line}:{p.column}: {p.message}" for p in problems[:limit])


def check_generated(recipe: Recipe, text: str) -> list[Problem]:
    """Problems that stop `recipe` from being written (accepted rules excepted)."""
    problems = check_recipe_text(text, f"{recipe.folder}/recipe.yaml", recipe.extra_files, v3=recipe.needs_v3)
    return [p for p in problems if p.rule_id not in recipe.accepted_rules]


# lint rule -> (the about field it asks for, the command-line option that sets it)
REQUIRED_ABOUT: dict[str, tuple[str, str]] = {
    "about-missing-home": ("about.homepage", "--homepage URL"),
    "about-missing-summary": ("about.summary", "--summary TEXT"),
    "license-missing": ("about.license", "--license SPDX"),
    "license-file-missing": ("about.license_file", "--license-file NAME"),
}
# without these the recipe is not written; the other about fields are asked for in a note
ABOUT_NEEDED_TO_WRITE = frozenset({"license-missing"})


@dataclass(frozen=True)
class Verdict:
    """Whether a generated recipe may be written: why not (one line each; none: it may be) and
    what the user must still add to what is written."""

    refused: list[str]
    notes: list[str]


def verdict(recipe: Recipe, text: str, *, require_about: bool = True) -> Verdict:
    """What stops `recipe` (emitted as `text`) from being written, and what it still lacks.

    Its own `errors` and the problems of its checks refuse it. For a recipe whose about fields
    come from an input that may not say them (`about_from`), the about fields still missing are
    named in one line with the options that set them: a refusal when the licence is among them
    (or the recipe is refused anyway: every field at once), else a note beside the written recipe
    (a home page, summary or licence file the user adds). `require_about=False`: only its
    outputs are written, the about fields are not asked for.
    """
    problems = check_generated(recipe, text)
    gaps = [p for p in problems if p.rule_id in REQUIRED_ABOUT] if recipe.about_from else []
    problems = [p for p in problems if p not in gaps]
    if any("--license" in e for e in recipe.errors):  # the error already asks for the license
        gaps = [g for g in gaps if g.rule_id != "license-missing"]
    lines, notes = list(recipe.errors), []
    if gaps and require_about:
        found = [pair for rule, pair in REQUIRED_ABOUT.items() if rule in {p.rule_id for p in gaps}]
        fields, options = ", ".join(f for f, _ in found), ", ".join(o for _, o in found)
        said = f"{recipe.about_from} does not say {fields}"
        if lines or problems or {g.rule_id for g in gaps} & ABOUT_NEEDED_TO_WRITE:
            lines.append(f"{said}: pass {options}")
        else:
            notes.append(f"{said}: add it to the recipe before submitting it to conda-forge, or pass {options}")
    if problems:
        lines.append(f"generated recipe fails its checks: {describe_problems(problems)}")
    return Verdict([f"{recipe.folder}: {line}" for line in lines], notes)


def write_recipe_folder(
    folder: Path,
    text: str,
    extra_files: dict[str, str],
    *,
    force: bool,
    file_name: str = "recipe.yaml",
    shared: bool = False,
) -> Path:
    """Write recipe.yaml (or `file_name`) and its extra files; refuse (writing nothing) without
    force if any exists, or if the folder holds other files (a project folder of the same name,
    the user's notes) unless it is `shared` (outputs.yaml beside the user's recipe)."""
    targets = {folder / file_name: text, **{folder / name: content for name, content in extra_files.items()}}
    if not force:
        for target in targets:
            if target.exists():
                raise RefusedOverwrite(target)
        others = sorted(p.name for p in folder.iterdir()) if folder.is_dir() and not shared else []
        if others:
            raise FolderInUse(folder, others)
    for target, content in targets.items():
        if target.name != file_name and target.suffix in (".yml", ".yaml") and target.exists():
            content = merge_yaml_settings(target, content)
        write_atomically(target, content, force=force)
    return folder / file_name


def merge_yaml_settings(existing: Path, generated: str) -> str:
    """A settings file (conda-forge.yml) that exists keeps its other keys and comments; the
    generated top-level keys replace theirs."""
    from recipegen.yamlio import dump_yaml, load_yaml, parse_yaml

    current = load_yaml(existing)
    update = parse_yaml(generated, "<generated>")
    if not isinstance(current, dict):
        return generated
    for key, value in (update or {}).items():
        current[key] = value
    return dump_yaml(current)


@dataclass
class Target:
    """Where and how the recipes go."""

    output: Path = Path(".")
    stdout: bool = False
    force: bool = False
    recursive: bool = False
    jobs: int = 4
    outputs_only: bool = False  # write only the `outputs:` section, as outputs.yaml (split)
    on_conda_forge: Callable[[str], bool] = field(default=lambda name: False)


@dataclass
class Outcome:
    label: str  # the spec as the user wrote it
    name: str = ""  # the recipe's folder name, once generated
    path: Path | None = None
    errors: list[str] = field(default_factory=list)  # one line each, without "error: "
    notes: list[str] = field(default_factory=list)  # the recipe's notes for the user
    dependencies: list[tuple[str, str]] = field(default_factory=list)  # for --recursive
    code: int = OK_EXIT


def run_pipeline(generator: Generator, specs: Iterable, target: Target, *, label: Callable[[Any], str] = str) -> int:
    """Generate, check and write a recipe for each spec; return the process exit status."""
    queue = list(dict.fromkeys(specs))
    visited: set[str] = {label(s).lower() for s in queue}
    outcomes: list[Outcome] = []
    found_on_conda_forge: set[str] = set()
    lock = threading.Lock()

    def work(spec: object) -> Outcome:
        try:
            return produce(generator, spec, label(spec), target, lock)
        except Exception as exc:  # a bug must not cost the other packages their recipes
            return Outcome(label(spec), errors=[internal_error_line(label(spec), exc)], code=INTERNAL_ERROR_EXIT)

    progress = Progress("generating", total=len(queue))
    with ThreadPoolExecutor(max_workers=max(1, target.jobs)) as pool:
        while queue:
            batch, queue = queue, []
            for position, outcome in enumerate(pool.map(work, batch), start=1):
                outcomes.append(outcome)
                progress.advance(outcome.label, total=len(outcomes) + len(batch) - position + len(queue))
                if not target.recursive or outcome.code:
                    continue
                for dep_spec, conda_name in outcome.dependencies:
                    if target.on_conda_forge(conda_name):
                        found_on_conda_forge.add(conda_name)
                    elif dep_spec.lower() not in visited:
                        visited.add(dep_spec.lower())
                        queue.append(dep_spec)
    progress.close()
    return report(outcomes, found_on_conda_forge, target)


def produce(generator: Generator, spec: object, label: str, target: Target, lock: threading.Lock) -> Outcome:
    """One spec through the pipeline: generate, check, print or write."""
    try:
        recipe = generator.generate(spec)
    except GenerationError as exc:
        return Outcome(label, errors=[str(exc)], code=exc.exit_code)
    outcome = Outcome(label, name=recipe.folder, dependencies=list(recipe.dependencies))
    text = emit(recipe)
    shown = emit(recipe, outputs_only=True) if target.outputs_only else text
    checked = verdict(recipe, text, require_about=not target.outputs_only)
    if checked.refused:  # nothing is written; --stdout still shows the recipe next to its problems
        outcome.errors, outcome.code = checked.refused, FAILED_EXIT
        if target.stdout:
            with lock:
                click.echo(shown, nl=False)
        return outcome
    outcome.notes = [*recipe.notes, *checked.notes]  # said at the end, each distinct note once
    extra_files = {} if target.outputs_only else recipe.extra_files
    if target.stdout:
        with lock:
            click.echo(shown, nl=False)
            for name, content in extra_files.items():  # stdout stays one valid recipe
                click.echo(f"{recipe.folder}: also write {name} next to recipe.yaml:\n{content}", nl=False, err=True)
        return outcome
    file_name = "outputs.yaml" if target.outputs_only else "recipe.yaml"
    folder = target.output / recipe.folder
    try:
        outcome.path = write_recipe_folder(
            folder, shown, extra_files, force=target.force, file_name=file_name, shared=target.outputs_only
        )
    except RefusedOverwrite as exc:  # one line: the notes were about a recipe that is not written
        outcome.errors, outcome.code, outcome.notes = [str(exc)], FAILED_EXIT, []
    except OSError as exc:
        outcome.errors, outcome.code = [f"{folder}: cannot write ({exc.strerror or exc})"], FAILED_EXIT
        outcome.notes = []
    return outcome


def report(outcomes: list[Outcome], on_conda_forge: set[str], target: Target) -> int:
    """Notes (each distinct one once, in the order of the specs), failures, the summary; the
    exit status: the highest of the packages' (0 written, 1 failed, 2 unusable input, 3 a bug)."""
    for line in grouped_notes((o.name, note) for o in outcomes for note in o.notes):
        click.echo(line, err=True)
    failed = [o for o in outcomes if o.code]
    for outcome in failed:
        for line in outcome.errors:
            click.echo(f"error: {line}", err=True)
    if target.recursive or len(outcomes) > 1:
        written = [o for o in outcomes if not o.code]
        verb = "printed" if target.stdout else "generated"
        click.echo(
            f"{verb} {len(written)} recipe(s)"
            + (f": {', '.join(o.name for o in written)}" if written else "")
            + (f"; {len(failed)} failed" if failed else "")
            + (f"; already on conda-forge: {', '.join(sorted(on_conda_forge))}" if on_conda_forge else ""),
            err=True,
        )
    elif outcomes and outcomes[0].path:
        click.echo(f"wrote {outcomes[0].path}", err=True)
    return max((o.code for o in outcomes), default=OK_EXIT)
