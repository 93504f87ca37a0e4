"""Running shellcheck over a recipe's `*.sh` scripts (opt-in via conda-forge.yml), once per folder."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from recipegen.linters.model import RecipeDocument
from recipegen.linters.rules._forge_yml import forge_yml

MAX_LINES = 50
TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class ShellcheckResult:
    returncode: int
    output: str


def enabled(doc: RecipeDocument) -> bool:
    """conda-forge.yml has `shellcheck: {enabled: true}` and shellcheck is installed."""
    forge = forge_yml(doc)
    if forge is None or not isinstance(forge.data, dict):
        return False
    setting = forge.data.get("shellcheck")
    if not (isinstance(setting, dict) and setting.get("enabled") is True):
        return False
    import shutil

    return shutil.which("shellcheck") is not None


def scripts(doc: RecipeDocument) -> list[Path]:
    return sorted(doc.recipe_dir.glob("*.sh"))


@lru_cache(maxsize=64)
def _run(files: tuple[str, ...], stamp: tuple[int, ...]) -> ShellcheckResult:
    import shutil
    import subprocess

    command = [
        shutil.which("shellcheck") or "shellcheck",
        "--enable=all",
        "--shell=bash",
        "--exclude=SC2154",
        "--format=gcc",
        *files,
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return ShellcheckResult(-1, str(exc))
    output = (done.stdout or done.stderr).splitlines()
    more = f"\n... ({len(output) - MAX_LINES} more lines)" if len(output) > MAX_LINES else ""
    text = "\n".join(output[:MAX_LINES]) + more
    return ShellcheckResult(done.returncode, text)


def run(doc: RecipeDocument) -> ShellcheckResult | None:
    """shellcheck's verdict on the scripts of a recipe read from disk, None when it does not run."""
    from recipegen.linters.rules._folder import on_disk

    if not on_disk(doc):
        return None
    files = scripts(doc)
    if not files or not enabled(doc):
        return None
    return _run(tuple(str(f) for f in files), tuple(f.stat().st_mtime_ns for f in files))
