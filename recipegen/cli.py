"""The `recipegen` command: a click group whose subcommands load lazily.

Each subcommand lives in `recipegen/commands/<name>.py` and exposes `command`. Only the
module of the command being run is imported, so `recipegen validate` does not pay for the
generators' imports. A command whose module does not exist yet is simply not listed.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import re
import sys
from typing import Any

import click

from recipegen import __version__

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
