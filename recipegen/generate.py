"""What every generator shares after it has built recipe data: emit, check, write, recurse.

A generator implements `generate_one(spec) -> GeneratedRecipe`; `run_generators` does the
rest the same way for PyPI, CRAN and Julia: concurrent generation, the `--recursive` walk
over dependencies that are not on conda-forge yet (visited set, no loops), schema validation
and lint of every recipe before it is written, atomic writes without overwriting, and a
summary.
"""

from __future__ import annotations

import dataclasses
import functools
import tempfile
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import click

from recipegen.emit import emit_recipe
from recipegen.guard import INTERNAL_ERROR_EXIT, internal_error_line
from recipegen.problems import Problem, Severity
from recipegen.progress import Progress, grouped_notes
from recipegen.writing import RefusedOverwrite, write_atomically


class GenerationError(Exception):
    """A package could not be turned into a recipe; the message is one line for the user."""


@dataclass
class GeneratedRecipe:
    name: str  # conda package name; the recipe is written to DIR/<name>/recipe.yaml
    data: dict[str, Any]
    eol_comments: dict[tuple, str] = field(default_factory=dict)
    before_comments: dict[tuple, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # reported to the user (stderr)
    # Upstream specs of dependencies, each with the conda name it maps to, for --recursive.
    dependencies: list[tuple[str, str]] = field(default_factory=list)
    # Lint rule ids the user knowingly accepted (e.g. source-hash-missing with --no-fetch): such
    # findings do not stop the write; the generator says why in `notes`.
    accepted_rules: frozenset[str] = frozenset()
    # Files written next to recipe.yaml (e.g. conda-forge.yml with noarch_platforms), by name.
    extra_files: dict[str, str] = field(default_factory=dict)
    # The recipe uses v3-only fields (CEP 44 `requirements.extras`): rattler-build parses and
    # renders it only with RepodataRevision.V3 (`--v3`), so the render check must use V3 mode.
    needs_v3: bool = False

    def render(self) -> str:
        return emit_recipe(self.data, eol_comments=self.eol_comments, before_comments=self.before_comments)


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


def check_generated(recipe: GeneratedRecipe, text: str) -> list[Problem]:
    """Problems that stop `recipe` from being written (accepted rules excepted)."""
    problems = check_recipe_text(text, f"{recipe.name}/recipe.yaml", recipe.extra_files, v3=recipe.needs_v3)
    return [p for p in problems if p.rule_id not in recipe.accepted_rules]


def write_recipe_folder(folder: Path, text: str, extra_files: dict[str, str], *, force: bool) -> Path:
    """Write recipe.yaml and its extra files; refuse (writing nothing) if any exists without force."""
    targets = {folder / "recipe.yaml": text, **{folder / name: content for name, content in extra_files.items()}}
    if not force:
        for target in targets:
            if target.exists():
                raise RefusedOverwrite(target)
    for target, content in targets.items():
        if target.name != "recipe.yaml" and target.suffix in (".yml", ".yaml") and target.exists():
            content = merge_yaml_settings(target, content)
        write_atomically(target, content, force=force)
    return folder / "recipe.yaml"


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
class Outcome:
    spec: str
    name: str = ""
    path: Path | None = None
    error: str = ""
    skipped_existing: list[str] = field(default_factory=list)  # deps found on conda-forge
    notes: list[str] = field(default_factory=list)  # the recipe's notes for the user
    internal: bool = False  # recipegen failed on it (a bug): exit status 3


def run_generators(
    specs: Iterable[str],
    generate_one: Callable[[str], GeneratedRecipe],
    *,
    output: Path,
    stdout: bool,
    force: bool,
    recursive: bool = False,
    on_conda_forge: Callable[[str], bool] = lambda name: False,
    jobs: int = 4,
) -> int:
    """Generate, check and write recipes for `specs`; return the process exit code."""
    queue = list(dict.fromkeys(specs))
    visited: set[str] = {s.lower() for s in queue}
    outcomes: list[Outcome] = []
    found_on_conda_forge: set[str] = set()
    lock = threading.Lock()

    def work(spec: str) -> tuple[Outcome, GeneratedRecipe | None]:
        try:
            return generate_check_write(spec)
        except Exception as exc:  # a bug must not cost the other packages their recipes
            return Outcome(spec, error=internal_error_line(spec, exc), internal=True), None

    def generate_check_write(spec: str) -> tuple[Outcome, GeneratedRecipe | None]:
        try:
            recipe = generate_one(spec)
        except GenerationError as exc:
            return Outcome(spec, error=str(exc)), None
        outcome = Outcome(spec, name=recipe.name)
        text = recipe.render()
        problems = check_generated(recipe, text)
        if problems:
            outcome.error = f"{spec}: generated recipe fails its checks: {describe_problems(problems)}"
            return outcome, recipe
        outcome.notes = list(recipe.notes)  # said at the end, each distinct note once
        if stdout:
            with lock:
                click.echo(text, nl=False)
                for name, content in recipe.extra_files.items():  # stdout stays one valid recipe
                    click.echo(f"{recipe.name}: also write {name} next to recipe.yaml:\n{content}", nl=False, err=True)
            return outcome, recipe
        try:
            outcome.path = write_recipe_folder(output / recipe.name, text, recipe.extra_files, force=force)
        except RefusedOverwrite as exc:
            outcome.error = str(exc)
        except OSError as exc:
            outcome.error = f"{output / recipe.name}: cannot write ({exc.strerror or exc})"
        return outcome, recipe

    progress = Progress("generating", total=len(queue))
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        while queue:
            batch, queue = queue, []
            for position, (outcome, recipe) in enumerate(pool.map(work, batch), start=1):
                outcomes.append(outcome)
                progress.advance(outcome.spec, total=len(outcomes) + len(batch) - position + len(queue))
                if not (recursive and recipe and not outcome.error):
                    continue
                for dep_spec, conda_name in recipe.dependencies:
                    if on_conda_forge(conda_name):
                        found_on_conda_forge.add(conda_name)
                        continue
                    if dep_spec.lower() not in visited:
                        visited.add(dep_spec.lower())
                        queue.append(dep_spec)

    progress.close()
    return _report(outcomes, found_on_conda_forge, stdout=stdout, recursive=recursive)


def _report(outcomes: list[Outcome], on_conda_forge: set[str], *, stdout: bool, recursive: bool) -> int:
    """Notes (each distinct one once, in the order of the specs), failures, the summary; the exit code."""
    for line in grouped_notes((o.name, note) for o in outcomes for note in o.notes):
        click.echo(line, err=True)
    failed = [o for o in outcomes if o.error]
    for outcome in failed:
        click.echo(f"error: {outcome.error}", err=True)
    if recursive or len(outcomes) > 1:
        written = [o for o in outcomes if not o.error]
        verb = "printed" if stdout else "generated"
        click.echo(
            f"{verb} {len(written)} recipe(s)"
            + (f": {', '.join(o.name for o in written)}" if written else "")
            + (f"; {len(failed)} failed" if failed else "")
            + (f"; already on conda-forge: {', '.join(sorted(on_conda_forge))}" if on_conda_forge else ""),
            err=True,
        )
    elif outcomes and outcomes[0].path and not stdout:
        click.echo(f"wrote {outcomes[0].path}", err=True)
    if any(o.internal for o in outcomes):
        return INTERNAL_ERROR_EXIT
    return 1 if failed else 0


def refuse_stdout_with_output(func: Callable) -> Callable:
    """Wrap a command: `--stdout` together with `--output DIR` is a usage error, instead of
    silently printing and ignoring the folder (checked after parsing, whatever the order)."""

    @functools.wraps(func)
    def command(*args: Any, **kwargs: Any) -> Any:
        from click.core import ParameterSource

        given = click.get_current_context().get_parameter_source("output") is ParameterSource.COMMANDLINE
        if kwargs.get("to_stdout") and given:
            raise click.UsageError("--stdout prints the recipe; it cannot be combined with --output DIR")
        return func(*args, **kwargs)

    return command


def generator_options(func: Callable) -> Callable:
    """The options every generator command shares."""
    options = [
        click.option(
            "--output",
            "-o",
            "output",
            type=click.Path(file_okay=False, path_type=Path),
            default=Path("."),
            show_default=True,
            help="Folder to write <name>/recipe.yaml into.",
        ),
        click.option(
            "--stdout",
            "to_stdout",
            is_flag=True,
            help="Print the recipe instead of writing it.",
        ),
        click.option("--force", is_flag=True, help="Overwrite an existing recipe."),
        click.option(
            "--recursive", is_flag=True, help="Also generate recipes for dependencies that are not on conda-forge."
        ),
        click.option(
            "--maintainer",
            "maintainers",
            multiple=True,
            metavar="HANDLE",
            help="GitHub handle for extra.recipe-maintainers (repeatable).",
        ),
        click.option("--offline", is_flag=True, help="Use only the local download cache."),
        timeout_option,
    ]
    func = refuse_stdout_with_output(func)
    for option in reversed(options):
        func = option(func)
    return func


timeout_option = click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="Longest time one download may take, whole transfer; a download with its retries gets 1.5 times that.",
)


def maintainers_section(handles: Iterable[str], always: Iterable[str] = ()) -> tuple[dict, dict]:
    """`extra` data and a before-comment for it; a clear placeholder comment when no handle was given."""
    names = list(dict.fromkeys([*always, *handles]))
    comments: dict[tuple, str] = {}
    if not handles:
        comments[("extra", "recipe-maintainers")] = "Add your GitHub handle below (recipegen ... --maintainer HANDLE)"
    return {"recipe-maintainers": names or ["your-github-handle"]}, comments
