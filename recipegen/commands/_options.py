"""The options the generator commands share (pypi, cran, julia, split, cxx) and how they become a
`recipegen.generate.Target`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click


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


timeout_option = click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="Longest time one download may take, whole transfer; a download with its retries gets 1.5 times that.",
)
offline_option = click.option("--offline", is_flag=True, help="Use only the local download cache.")
recursive_option = click.option(
    "--recursive", is_flag=True, help="Also generate recipes for dependencies that are not on conda-forge."
)


_OUTPUT = click.option(
    "--output",
    "-o",
    "output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to write <name>/recipe.yaml into.",
)
_STDOUT = click.option("--stdout", "to_stdout", is_flag=True, help="Print the recipe instead of writing it.")
_FORCE = click.option("--force", is_flag=True, help="Overwrite an existing recipe.")
_MAINTAINER = click.option(
    "--maintainer",
    "maintainers",
    multiple=True,
    metavar="HANDLE",
    help="GitHub handle for extra.recipe-maintainers (repeatable).",
)


def _with_options(func: Callable, options: tuple[Callable, ...]) -> Callable:
    func = refuse_stdout_with_output(func)
    for option in reversed(options):
        func = option(func)
    return func


def write_options(func: Callable) -> Callable:
    """--output, --stdout, --force, --maintainer (split, cxx)."""
    return _with_options(func, (_OUTPUT, _STDOUT, _FORCE, _MAINTAINER))


def generator_options(func: Callable) -> Callable:
    """What the package-index generators share (pypi, cran, julia): the write options,
    --recursive, --offline, --timeout."""
    options = (_OUTPUT, _STDOUT, _FORCE, recursive_option, _MAINTAINER, offline_option, timeout_option)
    return _with_options(func, options)


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


def fail(message: str, exit_code: int) -> NoReturn:
    """Stop the command before any package is generated: `error: <message>`, one line, and
    `exit_code` from the table of docs/exit-codes.md (1 a failure, 2 unusable input)."""
    click.echo(f"error: {message}", err=True)
    raise SystemExit(exit_code)
