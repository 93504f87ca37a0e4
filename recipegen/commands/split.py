"""`recipegen split ARTIFACT_OR_TREE`: classify a built library's files into conda-forge split outputs."""

from __future__ import annotations

from pathlib import Path

import click

from recipegen.commands._library_recipe import about_options, given_about, write_options


@click.command("split")
@click.argument("sources", metavar="ARTIFACT_OR_TREE...", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--name", default="", help="Base name: outputs are lib<name>, lib<name>-devel, <name>-static, <name>-tools."
)
@click.option("--version", "version", default="", help="Package version (default: package metadata or pkg-config).")
@click.option("--static", is_flag=True, help="Package static archives in a separate <name>-static output (CFEP-18).")
@click.option("--headers-output", is_flag=True, help="Put headers into their own lib<name>-headers output.")
@click.option("--outputs-only", is_flag=True, help="Emit only the `outputs:` section, to merge into a recipe.")
@click.option("--explain", is_flag=True, help="Print the file → output table with the reason for each, write nothing.")
@write_options
@about_options("the input does")
def command(
    sources: tuple[str, ...],
    name: str,
    version: str,
    static: bool,
    headers_output: bool,
    outputs_only: bool,
    explain: bool,
    output: Path,
    to_stdout: bool,
    force: bool,
    maintainers: tuple[str, ...],
    homepage: str,
    summary: str,
    license_: str,
    license_file: str,
) -> None:
    """Split a built C/C++ library into lib<name> / lib<name>-devel / <name>-static / <name>-tools.

    ARTIFACT_OR_TREE is a conda package (.conda or .tar.bz2), a Debian package (.deb), a
    tarball or zip of an install prefix, or an install prefix folder. Several inputs of one
    library (e.g. its runtime and -dev .deb packages) are read as one tree. Archives are read
    in memory, never unpacked.

    The recipe is validated and linted before it is written: about fields the input does not
    say (homepage, summary, license, license_file) must be given with the options below.

    \b
    Exit status: 0 written, 1 the recipe fails its own checks (or misses about fields) or
    exists, 2 unusable input.
    """
    import sys

    from recipegen.generators.split.api import SplitError, explain_table, split_recipe

    try:
        result = split_recipe(
            list(sources),
            name=name,
            version=version,
            static=static,
            headers_output=headers_output,
            maintainers=maintainers,
            about=given_about(homepage, summary, license_, license_file),
        )
    except SplitError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    if explain:
        click.echo(explain_table(result.plan), nl=False)
        for note in result.notes:
            click.echo(f"note: {note}", err=True)
        return
    sys.exit(_write(result, outputs_only=outputs_only, output=output, to_stdout=to_stdout, force=force))


def _write(result, *, outputs_only: bool, output: Path, to_stdout: bool, force: bool) -> int:
    from recipegen.commands._library_recipe import check_and_write
    from recipegen.generate import GeneratedRecipe

    recipe = GeneratedRecipe(
        name=result.recipe_name,
        data=result.recipe.data,
        before_comments=result.recipe.before_comments,
        notes=result.notes,
    )
    text = recipe.render()
    shown = None
    if outputs_only:
        from recipegen.emit import emit_recipe
        from recipegen.generators.split.recipe import outputs_only as only

        part = only(result.recipe)
        shown = emit_recipe(part.data, before_comments=part.before_comments, header=False)
    target = output / recipe.name / ("outputs.yaml" if outputs_only else "recipe.yaml")
    return check_and_write(
        recipe.name,
        text,
        target=target,
        notes=result.notes,
        to_stdout=to_stdout,
        force=force,
        shown_text=shown,
        what=f"the input ({result.tree.label})",
        require_about=not outputs_only,
    )
