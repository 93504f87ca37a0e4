"""`recipegen cxx SOURCE`: a v1 recipe with conda-forge split outputs for a C/C++ library."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("cxx")
@click.argument("source", metavar="SOURCE")
@click.option("--version", "version", default="", help="Version, when the build files do not say it.")
@click.option("--name", default="", help="Package base name (default: the project name).")
@click.option("--static", is_flag=True, help="Also build static libraries into a <name>-static output (CFEP-18).")
@click.option("--output", "-o", "output", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder to write <name>-split/recipe.yaml into.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the recipe instead of writing it.")
@click.option("--force", is_flag=True, help="Overwrite an existing recipe.")
@click.option("--maintainer", "maintainers", multiple=True, metavar="HANDLE",
              help="GitHub handle for extra.recipe-maintainers (repeatable).")
@click.option("--offline", is_flag=True, help="Use only the local download cache.")
@click.option("--homepage", default="", help="about.homepage when the source does not say.")
@click.option("--summary", default="", help="about.summary when the source does not say.")
@click.option("--license", "license_", default="", metavar="SPDX", help="about.license when the license files do not say.")
def command(source: str, version: str, name: str, static: bool, output: Path, to_stdout: bool, force: bool,
            maintainers: tuple[str, ...], offline: bool, homepage: str, summary: str, license_: str) -> None:
    """Generate a recipe for the C/C++ library in SOURCE (URL, tarball/zip, or folder).

    Reads CMake, Meson, Autotools or a plain Makefile (never runs them): name, version,
    library targets, installed programs and dependencies (mapped to conda-forge packages).

    \b
    Exit status: 0 written, 1 the recipe fails its own checks or exists, 2 unusable input.
    """
    import sys

    from recipegen.generators.cxx.api import CxxError, cxx_recipe

    recipe_dir = None if to_stdout else str((output / "_").resolve().parent)
    try:
        recipe = cxx_recipe(source, version=version, name=name, static=static, maintainers=maintainers,
                            offline=offline, recipe_root=recipe_dir,
                            about={"homepage": homepage, "summary": summary, "license": license_})
    except CxxError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    sys.exit(_write(recipe, output=output, to_stdout=to_stdout, force=force))


def _write(recipe, *, output: Path, to_stdout: bool, force: bool) -> int:
    from recipegen.emit import emit_recipe
    from recipegen.generators.split.checks import check_generated
    from recipegen.writing import RefusedOverwrite, write_atomically

    text = emit_recipe(recipe.data, eol_comments=recipe.eol_comments, before_comments=recipe.before_comments)
    problems, _gaps = check_generated(text, f"{recipe.name}/recipe.yaml")  # gaps are in the notes
    if problems:
        details = "; ".join(f"{p.line}:{p.column} {p.message}" for p in problems[:5])
        click.echo(f"error: {recipe.name}: generated recipe fails its own checks: {details}", err=True)
        return 1
    for note in recipe.notes:
        click.echo(f"{recipe.name}: {note}", err=True)
    if to_stdout:
        click.echo(text, nl=False)
        return 0
    try:
        path = write_atomically(output / recipe.name / "recipe.yaml", text, force=force)
    except RefusedOverwrite as exc:
        click.echo(f"error: {exc}", err=True)
        return 1
    except OSError as exc:
        click.echo(f"error: {output / recipe.name}: cannot write ({exc.strerror or exc})", err=True)
        return 1
    click.echo(f"wrote {path}", err=True)
    return 0
