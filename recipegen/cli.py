"""The `recipegen` command: a click group whose subcommands load lazily.

Each subcommand lives in `recipegen/commands/<name>.py` and exposes `command`. Only the
module of the command being run is imported, so `recipegen validate` does not pay for the
generators' imports. A command whose module does not exist yet is simply not listed.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import os
import re
import sys
from typing import Any

import click

from recipegen import __version__
from recipegen.guard import INTERNAL_ERROR_EXIT, internal_error_line

COMMANDS: dict[str, str] = {
    "pypi": "recipegen.commands.pypi",
    "cran": "recipegen.commands.cran",
    "julia": "recipegen.commands.julia",
    "split": "recipegen.commands.split",
    "cxx": "recipegen.commands.cxx",
    "update": "recipegen.commands.update",
    "lint": "recipegen.commands.lint",
    "validate": "recipegen.commands.validate",
    "schema": "recipegen.commands.schema",
    "convert": "recipegen.commands.convert",
    "lsp": "recipegen.commands.lsp",
}


def _available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


class LazyGroup(click.Group):
    def main(self, *args: Any, **kwargs: Any) -> Any:
        """click's main, with its error lines written `error: ...` like every recipegen error."""
        if kwargs.get("standalone_mode", True) is False:
            return super().main(*args, **kwargs)
        kwargs["standalone_mode"] = False
        try:
            result = super().main(*args, **kwargs)
        except click.ClickException as exc:
            shown = io.StringIO()
            exc.show(file=shown)
            click.echo(re.sub(r"(?m)^Error: ", "error: ", shown.getvalue()), err=True, nl=False)
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name, module in COMMANDS.items() if _available(module))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None or not _available(module):
            return None
        return importlib.import_module(module).command

    def invoke(self, ctx: click.Context):
        """Run the subcommand; an unexpected exception is one line and exit status 3."""
        args = [*getattr(ctx, "_protected_args", ()), *ctx.args]  # read before click consumes them
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # `recipegen lint ... | head`: the reader left, nothing to report
            _silence_stdout()
            ctx.exit(1)
        except Exception as exc:
            click.echo(internal_error_line(f"recipegen {_subject(args)}", exc), err=True)
            ctx.exit(INTERNAL_ERROR_EXIT)


def _subject(args: list[str]) -> str:
    """The command and its inputs as typed (options left out), for the internal-error line."""
    words = [a for a in args if not a.startswith("-")]
    text = " ".join(words)
    return text if len(text) <= 200 else text[:197] + "..."


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="recipegen")
def main() -> None:
    """Generate, validate and lint conda v1 recipes (recipe.yaml).

    \b
    Generate:  recipegen pypi NAME | cran NAME | julia NAME | split ARTIFACT | cxx SOURCE
    Maintain:  recipegen update PATH...
    Check:     recipegen validate PATH... | lint PATH...
    Convert:   recipegen convert meta.yaml (legacy conda-build recipe -> recipe.yaml)
    """
