"""`recipegen validate PATH...`: check recipes and variant files against the JSON Schemas.

Top-level imports stay at click only: the command must start in well under 0.3 s, so
jsonschema, ruamel.yaml and the schemas load inside the function.
"""

from __future__ import annotations

import click

RECIPE_NAMES = ("recipe.yaml",)
VARIANT_NAMES = ("variants.yaml", "conda_build_config.yaml")


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one `path:line:col: message` line per problem; json: a list of problem objects.",
)
def command(paths: tuple[str, ...], fmt: str) -> None:
    """Validate v1 recipes against recipegen's JSON Schema.

    PATH is a recipe.yaml, a recipe folder, a feedstock (with recipe/), a staged-recipes
    checkout (recipes/*/) or a folder of those. variants.yaml / conda_build_config.yaml next
    to a recipe (or named directly) are checked against the variants schema.

    Exit status: 0 no problems, 1 problems found, 2 unusable input (missing file, not YAML,
    duplicate keys, alias bomb), 3 internal error (a bug of recipegen; please report it).
    """
    import sys
    from pathlib import Path

    from recipegen.guard import INTERNAL_ERROR_EXIT, internal_error_message, notify, safe_text
    from recipegen.problems import InputError, Problem

    problems: list[Problem] = []
    unusable: list[InputError] = []
    internal: list[Problem] = []
    files = _collect(paths, unusable)
    if files:
        from recipegen.validate import validate_file

        for path in files:
            if Path(path).name == "meta.yaml":
                unusable.append(
                    InputError(
                        path,
                        "a v0 (conda-build) recipe: `recipegen validate` checks v1 "
                        "recipe.yaml files; use `recipegen lint` for meta.yaml",
                    )
                )
                continue
            try:
                problems.extend(validate_file(path))
            except InputError as exc:
                unusable.append(exc)
            except Exception as exc:  # a bug: one line for this file, the others are still checked
                internal.append(Problem(path, 0, 0, internal_error_message(exc), rule_id="internal-error"))
                notify(path, exc)

    if fmt == "json":
        from recipegen.reporters import format_json, sort_problems

        everything = [*problems, *(e.as_problem() for e in unusable), *internal]
        sys.stdout.write(format_json(sort_problems(everything)))
    else:
        for problem in problems:
            click.echo(safe_text(problem.one_line()))
        for error in unusable:
            click.echo(safe_text(str(error)), err=True)
        for problem in internal:
            click.echo(safe_text(f"{problem.file}: {problem.message}"), err=True)
        count = len(problems)
        checked = len(files) - sum(1 for e in unusable if e.file in files)
        summary = (
            f"{count} problem{'s' if count != 1 else ''} in {len({p.file for p in problems})} file(s)"
            if count
            else "no problems"
        )
        if unusable:
            summary += f"; {len(unusable)} unusable input(s)"
        if internal:
            summary += f"; {len(internal)} internal error(s)"
        click.echo(f"validated {checked - len(internal)} file(s): {summary}", err=True)
    sys.exit(INTERNAL_ERROR_EXIT if internal else 2 if unusable else 1 if problems else 0)


def _collect(paths, unusable) -> list[str]:
    """Recipe files under `paths`, each with the variant files next to it."""
    from recipegen.discover import find_recipe_files
    from recipegen.problems import InputError

    out: list[str] = []
    for raw in paths:
        try:
            found = find_recipe_files([raw], names=RECIPE_NAMES)
        except InputError as exc:
            unusable.append(_explain_v0(raw) or exc)
            continue
        for path in found:
            extra = [path.parent / name for name in VARIANT_NAMES] if path.name in RECIPE_NAMES else []
            for file in (path, *extra):
                if file.is_file() and str(file) not in out:
                    out.append(str(file))
    return out


def _explain_v0(raw: str):
    """An InputError pointing at `recipegen lint` when the folder holds only v0 recipes."""
    from recipegen.discover import find_recipe_files
    from recipegen.problems import InputError

    try:
        find_recipe_files([raw], names=("meta.yaml",))
    except InputError:
        return None
    return InputError(
        raw,
        "holds only v0 meta.yaml recipes: `recipegen validate` checks v1 recipe.yaml "
        "files; use `recipegen lint` for meta.yaml",
    )
