"""The `recipegen` command: a click group whose subcommands load lazily.

Each subcommand lives in `recipegen/commands/<name>.py` and exposes `command`. Only the
module of the command being run is imported, so `recipegen validate` does not pay for the
generators' imports. A command whose module does not exist yet is simply not listed.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys

import click

from recipegen import __version__
from recipegen.guard import INTERNAL_ERROR_EXIT, internal_error_line

COMMANDS: dict[str, str] = {
    "pypi": "recipegen.commands.pypi",
    "cran": "recipegen.commands.cran",
    "julia": "recipegen.commands.julia",
    "split": "recipegen.commands.split",
    "cxx": "recipegen.commands.cxx",
    "lint": "recipegen.commands.lint",
    "validate": "recipegen.commands.validate",
    "schema": "recipegen.commands.schema",
}


def _available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


class LazyGroup(click.Group):
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
    Check:     recipegen validate PATH... | lint PATH...
    """
