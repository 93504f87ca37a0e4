import subprocess
import sys

from click.testing import CliRunner

from recipegen import __version__
from recipegen.cli import COMMANDS, main


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_help_lists_only_built_commands():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    listed = main.list_commands(None)
    assert listed, "no command is registered"
    for name in listed:
        assert name in COMMANDS
        assert f"  {name}" in result.output


def test_every_command_has_help():
    for name in main.list_commands(None):
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Usage:" in result.output


def test_unknown_command_fails():
    result = CliRunner().invoke(main, ["nope"])
    assert result.exit_code == 2


def test_module_entry_point():
    done = subprocess.run([sys.executable, "-m", "recipegen", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and __version__ in done.stdout
