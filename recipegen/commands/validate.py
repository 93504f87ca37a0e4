"""`recipegen validate PATH...`: check the conda ecosystem's files against recipegen's JSON Schemas.

Top-level imports stay at click only: the command must start in well under 0.3 s, so
jsonschema, ruamel.yaml, the schemas and py-rattler's parser load inside the function, and only
when a file needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from recipegen.validation.kinds import Kind

RECIPE_NAMES = ("recipe.yaml",)
VARIANT_NAMES = ("variants.yaml", "conda_build_config.yaml")
FEEDSTOCK_FILES = ("conda-forge.yml",)


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--kind",
    "kind_name",
    metavar="NAME",
    help="Validate the files named on the command line as this kind (a name from `recipegen schema --list`) "
    "instead of telling the kind from the file name.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one `path:line:col: message` line per problem; json: a list of problem objects.",
)
def command(paths: tuple[str, ...], kind_name: str | None, fmt: str) -> None:
    """Validate recipes, variant files, conda-forge.yml, environment files, .condarc,
    conda-lock.yml, package metadata (info/*.json, or a .conda/.tar.bz2 package in place),
    repodata.json, channeldata.json and rendered recipes against their JSON Schemas.

    PATH is a file (its kind comes from its name and folder, or --kind), a recipe folder, a
    feedstock, a staged-recipes checkout or a folder of those. `recipegen schema --list`
    shows the kinds and their file names.

    Exit status: 0 no problems, 1 problems found, 2 unusable input (missing or unknown file,
    not YAML/JSON, duplicate keys, alias bomb, unreadable package), 3 internal error (a bug of
    recipegen; please report it).
    """
    import sys

    from recipegen.guard import INTERNAL_ERROR_EXIT, internal_error_message, notify
    from recipegen.problems import InputError, Problem

    kind = _kind_option(kind_name)
    unusable: list[InputError] = []
    internal: list[Problem] = []
    files = _collect(paths, kind, unusable)
    problems: list[Problem] = []
    if files:
        from recipegen.validate import validate_file

        for path, file_kind in files:
            try:
                problems.extend(validate_file(path, file_kind))
            except InputError as exc:
                unusable.append(exc)
            except Exception as exc:  # a bug: one line for this file, the others are still checked
                internal.append(Problem(path, 0, 0, internal_error_message(exc), rule_id="internal-error"))
                notify(path, exc)
    checked = len(files) - len({e.file.split("!")[0] for e in unusable} & {path for path, _ in files})
    _report(problems, unusable, internal, checked - len(internal), fmt)
    sys.exit(INTERNAL_ERROR_EXIT if internal else 2 if unusable else 1 if problems else 0)


def _kind_option(name: str | None):
    if name is None:
        return None
    from recipegen.validation.kinds import all_kinds, kind_named

    kind = kind_named(name)
    if kind is None:
        names = ", ".join(k.name for k in all_kinds())
        raise click.BadParameter(f"unknown kind {name!r}; known kinds: {names}", param_hint="--kind")
    return kind


def _report(problems, unusable, internal, checked: int, fmt: str) -> None:
    import sys

    from recipegen.guard import safe_text
    from recipegen.reporters import format_json, format_text, sort_problems

    if fmt == "json":
        everything = [*problems, *(e.as_problem() for e in unusable), *internal]
        sys.stdout.write(format_json(sort_problems(everything)))
        return
    sys.stdout.write(format_text(problems, summary=False, show_rule=False, show_severity=False))
    sys.stdout.flush()  # before the summary on stderr
    for error in unusable:
        click.echo(safe_text(f"error: {error}"), err=True)
    for problem in internal:
        click.echo(safe_text(f"error: {problem.file}: {problem.message}"), err=True)
    count = len(problems)
    summary = (
        f"{count} problem{'s' if count != 1 else ''} in {len({p.file for p in problems})} file(s)"
        if count
        else "no problems"
    )
    if unusable:
        summary += f"; {len(unusable)} unusable input(s)"
    if internal:
        summary += f"; {len(internal)} internal error(s)"
    click.echo(f"validated {checked} file(s): {summary}", err=True)


def _collect(paths, kind, unusable) -> list[tuple[str, Kind | None]]:
    """(file, kind or None for "from its name") for every file to validate, each once."""
    from pathlib import Path

    from recipegen.problems import InputError

    out: dict[str, Kind | None] = {}
    for raw in paths:
        path = Path(raw)
        try:
            if not path.exists():
                raise InputError(raw, "no such file or folder")
            found = [(raw, kind)] if path.is_file() and kind is not None else _files_under(raw, unusable)
        except InputError as exc:
            unusable.append(exc)
            continue
        for file, file_kind in found:
            out.setdefault(file, file_kind)
    return list(out.items())


def _files_under(raw: str, unusable: list) -> list[tuple[str, Kind | None]]:
    """The files a path stands for, each with the kind its name tells (None: decided later).
    A folder whose recipes are all v0 adds one unusable-input line pointing at `recipegen lint`;
    its variant files and conda-forge.yml are still validated."""
    from pathlib import Path

    path = Path(raw)
    if path.is_file():
        known, kind = _kind_of(path)
        if not known:
            _refuse(raw)
        beside = [path.parent / name for name in VARIANT_NAMES] if path.name in RECIPE_NAMES else []
        return [(raw, kind), *((str(file), _kind_of(file)[1]) for file in beside if file.is_file())]
    recipes, v0_note = _recipe_files(raw)
    found = [(str(file), _kind_of(file)[1]) for file in recipes]
    for folder in _folders_near(path, recipes):
        for file in sorted(folder.iterdir()):
            known, kind = _kind_of(file) if file.is_file() else (False, None)
            if known:
                found.append((str(file), kind))
    if v0_note is not None:
        unusable.append(v0_note)
    elif not found:
        found = _known_files_below(path)  # no recipes: a folder of other files (feedstocks' conda-forge.yml, ...)
    if v0_note is None and not found:
        from recipegen.problems import InputError
        from recipegen.validation.kinds import all_kinds

        raise InputError(
            raw,
            f"nothing to validate: no recipe.yaml below it and no file of the {len(all_kinds())} kinds "
            "`recipegen schema --list` shows below it (name files on the command line, with --kind "
            "if their names do not say their kind)",
        )
    return found


MAX_WALKED_FILES = 20_000


def _known_files_below(folder) -> list[tuple[str, Kind | None]]:
    """Files of a known kind anywhere below `folder`, walked as for recipes (at most
    MAX_WALKED_FILES looked at)."""
    from recipegen.discover import files_below

    found: list[tuple[str, Kind | None]] = []
    for path in files_below(folder, MAX_WALKED_FILES):
        known, kind = _kind_of(path)
        if known:
            found.append((str(path), kind))
    return found


def _kind_of(path) -> tuple[bool, Kind | None]:
    """(whether the file is known, its kind); a package archive is known with no kind (its
    members have theirs). The absolute path is matched, so `info/index.json` is recognised
    from inside `info/` too."""
    from recipegen.validation.kinds import is_archive, kind_for_path

    if is_archive(path.name):
        return True, None
    kind = kind_for_path(str(path.resolve()))
    return kind is not None, kind


def _refuse(raw: str) -> None:
    from pathlib import Path

    from recipegen.problems import InputError

    if Path(raw).name == "meta.yaml":
        raise InputError(
            raw, "a v0 (conda-build) recipe: `recipegen validate` checks v1 recipe.yaml files; use `recipegen lint`"
        )
    from recipegen.validation.kinds import suggested_kind

    raise InputError(
        raw,
        f"unknown kind of file: its name is none of those `recipegen schema --list` shows; {suggested_kind(raw)}",
    )


def _recipe_files(raw: str) -> tuple[list, object]:
    """Recipes under a folder (recipegen.discover) with the variant files next to each, and
    the line to report when the recipes are all v0 `meta.yaml` (then their variant files)."""
    from recipegen.discover import find_recipe_files
    from recipegen.problems import InputError

    note = None
    try:
        recipes = find_recipe_files([raw], names=RECIPE_NAMES)
    except InputError:
        recipes = _v0_recipes(raw)
        if recipes:
            note = InputError(
                raw,
                "holds only v0 meta.yaml recipes: `recipegen validate` checks v1 recipe.yaml "
                "files; use `recipegen lint` for meta.yaml",
            )
    out = []
    for recipe in recipes:
        if recipe.name in RECIPE_NAMES:
            out.append(recipe)
        out += [recipe.parent / name for name in VARIANT_NAMES if (recipe.parent / name).is_file()]
    return out, note


def _folders_near(folder, files) -> list:
    """The folder itself and each recipe's feedstock root (for conda-forge.yml and friends)."""
    folders = [folder]
    for recipe in files:
        if recipe.parent.name == "recipe" and recipe.parent.parent not in folders:
            folders.append(recipe.parent.parent)
    return folders


def _v0_recipes(raw: str) -> list:
    from recipegen.discover import find_recipe_files
    from recipegen.problems import InputError

    try:
        return find_recipe_files([raw], names=("meta.yaml",))
    except InputError:
        return []
