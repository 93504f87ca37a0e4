"""What the reliability tests share: the clean base recipes, a CLI runner, archive builders."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

from click.testing import CliRunner, Result

from recipegen.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "reliability"
BASE_V1 = (FIXTURES / "base-recipe.yaml").read_text()
BASE_V0 = (FIXTURES / "base-meta.yaml").read_text()
FORMATS = ("text", "json", "github", "sarif")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def write_recipe(folder: Path, text: str, name: str = "recipe.yaml", **siblings: str) -> Path:
    """`folder/name` with `text` (and sibling files, e.g. conda_build_config_yaml=...)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    for sibling, content in siblings.items():
        (folder / sibling.replace("_yaml", ".yaml")).write_text(content, encoding="utf-8")
    return folder / name


def assert_clean_run(result: Result, codes: tuple[int, ...] = (0, 1, 2)) -> None:
    """No traceback, no internal error, a documented exit status, output that encodes as UTF-8."""
    everything = result.output  # stdout and stderr
    assert result.exit_code in codes, everything[-2000:]
    assert "Traceback" not in everything and "internal error" not in everything, everything[-2000:]
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    everything.encode("utf-8")


def check_every_format(path: Path) -> None:
    """validate (text, json) and lint in every format: clean runs, parseable JSON and SARIF."""
    for fmt in ("text", "json"):
        assert_clean_run(run("validate", "--format", fmt, str(path)))
    for fmt in FORMATS:
        result = run("lint", "--no-config", "--format", fmt, str(path))
        assert_clean_run(result)
        if fmt in ("json", "sarif"):
            json.loads(result.stdout)


def tar_bytes(members: dict[str, bytes], mode: str = "w:bz2") -> bytes:
    """A deterministic tar archive (GNU format: names may be any bytes, given surrogate-escaped)."""
    buffer = io.BytesIO()
    kwargs = {"compresslevel": 1} if mode != "w" else {}
    with tarfile.open(fileobj=buffer, mode=mode, format=tarfile.GNU_FORMAT, **kwargs) as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def gzip_tar_bytes(members: dict[str, bytes]) -> bytes:
    """A tar.gz with a fixed gzip header (no time stamp), so its bytes are the same every run."""
    import gzip

    return gzip.compress(tar_bytes(members, mode="w"), mtime=0)


PACKAGE_INDEX = json.dumps({"name": "libfoo", "version": "1.0", "subdir": "linux-64", "license": "MIT"}).encode()
