"""`recipegen lsp`: the language server for conda recipes, on stdio (or TCP for debugging).

Editors start it and talk the Language Server Protocol over stdin/stdout; see docs/lsp.md for the
set-up of VS Code, Neovim, Helix and Emacs. Top-level imports stay at click so `recipegen --help`
stays fast; pygls loads inside the function.
"""

from __future__ import annotations

import re
from typing import NoReturn

import click


def _host_port(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return value
    if not re.fullmatch(r"[\w.\-\[\]:]*:\d{1,5}", value):
        _fail(f"--tcp {value}: expected HOST:PORT (e.g. 127.0.0.1:2087)")
    if not 1 <= int(value.rpartition(":")[2]) <= 65535:
        _fail(f"--tcp {value}: the port must be between 1 and 65535")
    return value


def _fail(message: str) -> NoReturn:
    """One line on stderr, exit status 2 (unusable input), as every command does."""
    import sys

    click.echo(f"error: {message}", err=True)
    sys.exit(2)


@click.command("lsp")
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the default; accepted for editors that pass it).")
@click.option("--tcp", metavar="HOST:PORT", callback=_host_port, help="Listen on TCP instead of stdio (debugging).")
@click.option(
    "--log-file",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="Write the server's log here (stdout is the protocol; nothing else is printed there).",
)
def command(stdio: bool, tcp: str | None, log_file: str | None) -> None:
    """Run the language server for recipe.yaml, meta.yaml, variants files and conda-forge.yml.

    Diagnostics (schema and every lint rule, as `recipegen lint`), hover, completion, quick fixes,
    outline and go to definition. No network checks are made.
    """
    import logging

    if log_file:
        try:
            open(log_file, "a", encoding="utf-8").close()
        except OSError as exc:
            _fail(f"cannot write the log file {log_file}: {exc.strerror or exc}")
    logging.basicConfig(
        filename=log_file,
        level=logging.INFO if log_file else logging.WARNING,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    from recipegen.lsp import serve

    try:
        serve(tcp=tcp)
    except OSError as exc:
        if not tcp:
            raise
        _fail(f"cannot listen on {tcp}: {exc.strerror or exc}")
