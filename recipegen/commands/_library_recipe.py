"""What `recipegen split` and `recipegen cxx` share: check the generated text, print the notes,
then print it or write it atomically (never over an existing recipe without --force)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import click

from recipegen.generate import refuse_stdout_with_output

_WRITE_OPTIONS = (
    click.option(
        "--output",
        "-o",
        "output",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("."),
        show_default=True,
        help="Folder to write <name>-split/recipe.yaml into.",
    ),
    click.option("--stdout", "to_stdout", is_flag=True, help="Print the recipe instead of writing it."),
    click.option("--force", is_flag=True, help="Overwrite an existing recipe."),
    click.option(
        "--maintainer",
        "maintainers",
        multiple=True,
        metavar="HANDLE",
        help="GitHub handle for extra.recipe-maintainers (repeatable).",
    ),
)


def write_options(func: Callable) -> Callable:
    """--output, --stdout, --force, --maintainer."""
    func = refuse_stdout_with_output(func)
    for option in reversed(_WRITE_OPTIONS):
        func = option(func)
    return func


def about_options(what: str, license_from: str = "") -> Callable[[Callable], Callable]:
    """--homepage, --summary, --license, --license-file: about fields used when `what` ("the
    input does"; for the licence `license_from`, default `what`) does not say them."""

    def decorate(func: Callable) -> Callable:
        for option in reversed(
            (
                click.option("--homepage", default="", metavar="URL", help=f"about.homepage when {what} not say."),
                click.option("--summary", default="", metavar="TEXT", help=f"about.summary when {what} not say."),
                click.option(
                    "--license",
                    "license_",
                    default="",
                    metavar="SPDX",
                    help=f"about.license when {license_from or what} not say.",
                ),
                click.option(
                    "--license-file",
                    "license_file",
                    default="",
                    metavar="NAME",
                    help="about.license_file: the license file's path in the source (e.g. COPYING), "
                    f"when {license_from or what} not say.",
                ),
            )
        ):
            func = option(func)
        return func

    return decorate


def given_about(homepage: str, summary: str, license_: str, license_file: str) -> dict[str, str]:
    return {"homepage": homepage, "summary": summary, "license": license_, "license_file": license_file}


def check_and_write(
    name: str,
    text: str,
    *,
    target: Path,
    notes: Iterable[str],
    to_stdout: bool,
    force: bool,
    shown_text: str | None = None,
    what: str = "the input",
    require_about: bool = True,
    errors: Iterable[str] = (),
) -> int:
    """Exit status: 0 printed or written, 1 the recipe fails its checks or cannot be written.

    `text` is the whole recipe that is checked (recipegen.generate.check_recipe_text, as
    run_generators does: schema, lint errors, rattler-build's render on the four platforms);
    `shown_text` (default `text`) is what is printed or written, e.g. only its `outputs:`
    section (`require_about=False`: that part has no `about`). Missing
    `about` fields are one line naming them and the options that set them; nothing is written.
    """
    from recipegen.generate import describe_problems
    from recipegen.generators.split.checks import check_generated, missing_about
    from recipegen.writing import RefusedOverwrite, write_atomically

    problems, gaps = check_generated(text, f"{name}/recipe.yaml")
    refusals = [f"error: {name}: {e}" for e in errors]
    if errors and any("--license" in e for e in errors):
        gaps = [g for g in gaps if g.rule_id != "license-missing"]  # the error above already asks for it
    if gaps and require_about:
        refusals.append(f"error: {name}: {missing_about(gaps, what)}")
    if problems:
        refusals.append(f"error: {name}: generated recipe fails its checks: {describe_problems(problems)}")
    if refusals:  # nothing is written; --stdout still shows the recipe next to its problems
        for line in refusals:
            click.echo(line, err=True)
        if to_stdout:
            click.echo(shown_text if shown_text is not None else text, nl=False)
        return 1
    for note in notes:
        click.echo(f"{name}: {note}", err=True)
    shown = text if shown_text is None else shown_text
    if to_stdout:
        click.echo(shown, nl=False)
        return 0
    try:
        path = write_atomically(target, shown, force=force)
    except RefusedOverwrite as exc:
        click.echo(f"error: {exc}", err=True)
        return 1
    except OSError as exc:
        click.echo(f"error: {target}: cannot write ({exc.strerror or exc})", err=True)
        return 1
    click.echo(f"wrote {path}", err=True)
    return 0
