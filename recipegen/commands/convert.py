"""`recipegen convert PATH...`: legacy meta.yaml -> v1 recipe.yaml, proven equivalent per platform.

Top-level imports stay at click only; the converter, rattler-build and the linter load inside.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click


@click.command("convert")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--output",
    "-o",
    "output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write DIR/recipe.yaml (DIR/<recipe folder>/recipe.yaml for several PATHs) instead of next to meta.yaml.",
)
@click.option(
    "--in-place", is_flag=True, help="Replace meta.yaml (and conda_build_config.yaml) once every check passed."
)
@click.option("--stdout", "to_stdout", is_flag=True, help="Print recipe.yaml instead of writing it.")
@click.option("--force", is_flag=True, help="Overwrite an existing recipe.yaml / variants.yaml.")
@click.option("--check", is_flag=True, help="Only check: convert and compare, write nothing.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for tools.",
)
def command(
    paths: tuple[str, ...], output: Path | None, in_place: bool, to_stdout: bool, force: bool, check: bool, fmt: str
) -> None:
    """Convert conda-build meta.yaml recipes to v1 recipe.yaml and prove them equivalent.

    PATH is a meta.yaml, a recipe folder or a feedstock (recipe/meta.yaml). A
    conda_build_config.yaml next to it becomes variants.yaml. Both recipes are rendered for
    linux-64, osx-64, osx-arm64, win-64 and linux-aarch64 (conda-forge's pinning plus the
    variant files) and compared: names, versions, sources, build numbers, noarch, skips, every
    requirement list, run_exports, tests and about. Nothing is written unless the result
    validates, lints without new errors, renders and has no difference.

    Exit status: 0 every recipe converted with no difference, 1 a recipe was refused, broken or
    different, 2 unusable input.
    """
    import sys

    if sum(bool(x) for x in (output is not None, in_place, to_stdout)) > 1:
        raise click.UsageError("use one of --output, --in-place and --stdout")
    outcomes = [_one(path, output, in_place, to_stdout, force, check, len(paths) > 1) for path in paths]
    if fmt == "json":
        import json

        for outcome in outcomes:
            hint = _kept_hint(outcome)
            if hint:
                outcome.notes.append(f"{outcome.meta_path}: {hint[2:]}")
        sys.stdout.write(json.dumps([o.to_dict() for o in outcomes], indent=2) + "\n")
    else:
        _summary(outcomes)
    if any(o.status == "unusable" for o in outcomes):
        sys.exit(2)
    sys.exit(0 if all(o.ok for o in outcomes) else 1)


def _one(
    path: str, output: Path | None, in_place: bool, to_stdout: bool, force: bool, check: bool, several: bool
) -> Any:
    from recipegen.convert.files import locate
    from recipegen.convert.run import Outcome, convert_path
    from recipegen.problems import InputError

    try:
        meta_path = locate(path)
    except InputError as exc:
        return Outcome(path, status="unusable", problems=[str(exc)])
    outcome = convert_path(path, meta_path)
    if check and outcome.ok:
        outcome.status = "checked"
    elif to_stdout and outcome.recipe_text and outcome.status in ("converted", "different"):
        click.echo(outcome.recipe_text, nl=False)
        if outcome.variants_text:
            click.echo("# --- variants.yaml ---\n" + outcome.variants_text, nl=False)
    elif outcome.ok:
        _write(outcome, output, in_place, force, several)
    return outcome


def _write(outcome: Any, output: Path | None, in_place: bool, force: bool, several: bool) -> None:
    from recipegen.convert.files import read_source, targets, write
    from recipegen.writing import RefusedOverwrite

    source = read_source(outcome.meta_path)
    folder = targets(source, output, several)
    try:
        written = write(source, folder, outcome.recipe_text, outcome.variants_text, force=force, in_place=in_place)
    except RefusedOverwrite as exc:
        outcome.status, outcome.problems = "not-written", [str(exc)]
        return
    except OSError as exc:
        outcome.status, outcome.problems = "not-written", [f"{folder}: cannot write ({exc.strerror or exc})"]
        return
    outcome.written = [str(p) for p in written.paths]
    outcome.removed = [str(p) for p in written.removed]
    if written.renamed:  # the note asking for it is done
        outcome.notes = [n for n in outcome.notes if "rename bld.bat to build.bat" not in n]
    outcome.notes += [
        f"renamed {old.name} to {new.name} (rattler-build runs build.bat)" for old, new in written.renamed
    ]


def _summary(outcomes: list[Any]) -> None:
    for outcome in outcomes:
        for line in outcome.problems:
            click.echo(f"error: {line}", err=True)
        for line in outcome.differences:
            kind = "difference" if outcome.compared else "not proven"
            click.echo(f"{outcome.meta_path}: {kind}: {line}", err=True)
        for line in outcome.notes:
            click.echo(f"note: {line}", err=True)
        if outcome.status != "unusable" or not outcome.problems:  # its error line says it all
            click.echo(_headline(outcome), err=True)


def _kept_hint(outcome: Any) -> str:
    """A recipe folder holds one recipe: meta.yaml kept next to the new recipe.yaml must go
    before the folder is built or linted (`duplicate-recipe-files`)."""
    meta = outcome.meta_path
    if outcome.status != "converted" or meta is None or outcome.removed or not meta.is_file():
        return ""
    if not any(Path(p).parent.resolve() == meta.parent.resolve() for p in outcome.written):
        return ""
    return f"; {meta.name} kept: remove it (or convert with --in-place) before building or linting the folder"


def _headline(outcome: Any) -> str:
    where = outcome.meta_path or outcome.path
    compared = f"{outcome.compared} output variant(s) on 5 platforms compared"
    if outcome.status == "converted":
        target = ", ".join(outcome.written) if outcome.written else "stdout"
        removed = f"; removed {', '.join(Path(p).name for p in outcome.removed)}" if outcome.removed else ""
        return f"{where}: converted -> {target} ({compared}, no difference){removed}{_kept_hint(outcome)}"
    if outcome.status == "checked":
        return f"{where}: converts with no difference ({compared}); nothing written (--check)"
    if outcome.status == "different" and not outcome.compared:
        return f"{where}: not proven ({compared}); nothing written"
    if outcome.status == "different":
        return f"{where}: {len(outcome.differences)} difference(s) remain ({compared}); nothing written"
    if outcome.status == "broken":
        return f"{where}: the converted recipe fails its checks; nothing written"
    if outcome.status == "refused":
        return f"{where}: cannot be converted; nothing written"
    if outcome.status == "not-written":
        return f"{where}: converted with no difference but not written"
    return f"{where}: unusable input"
