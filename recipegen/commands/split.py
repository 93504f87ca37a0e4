"""`recipegen split ARTIFACT_OR_TREE`: classify a built library's files into conda-forge split outputs."""

from __future__ import annotations

from pathlib import Path

import click

from recipegen.commands._options import about_options, fail, given_about, write_options


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
    Exit status (docs/exit-codes.md): 0 written, 1 the recipe fails its own checks (or misses
    about fields) or exists, 2 unusable input, 3 a bug of recipegen.
    """
    from recipegen.generate import GenerationError, Target, run_pipeline
    from recipegen.generators.split.api import SplitGenerator, explain_table

    generator = SplitGenerator(
        name=name,
        version=version,
        static=static,
        headers_output=headers_output,
        maintainers=maintainers,
        about=given_about(homepage, summary, license_, license_file),
    )
    if explain:
        try:
            result = generator.split(sources)
        except GenerationError as exc:
            fail(str(exc), exc.exit_code)
        click.echo(explain_table(result.plan), nl=False)
        for note in result.recipe.notes:
            click.echo(f"note: {note}", err=True)
        return
    target = Target(output, to_stdout, force, outputs_only=outputs_only)
    raise SystemExit(run_pipeline(generator, [tuple(sources)], target, label=" ".join))
