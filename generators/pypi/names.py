"""PyPI → conda-forge package names.

Order: `--name-map FILE` (user overrides) → the shipped snapshot `data/name-map.json`
(built by `build_name_map.py` from our curated overrides, grayskull's curated table and
prefix-dev/parselmouth's channel mapping) → the PEP 503 normalised PyPI name.
Each answer carries its source so the recipe can say where a non-identity mapping came from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from packaging.utils import canonicalize_name


class NameMapError(Exception):
    """An unreadable --name-map file; one line."""


@dataclass(frozen=True)
class Mapped:
    conda: str
    source: str = ""  # "" for identity

    @property
    def is_identity(self) -> bool:
        return not self.source


@lru_cache(maxsize=1)
def shipped_map() -> dict[str, tuple[str, str]]:
    text = resources.files("recipegen.generators.pypi").joinpath("data/name-map.json").read_text()
    return {k: (v[0], v[1]) for k, v in json.loads(text)["entries"].items()}


def load_user_map(path: Path) -> dict[str, str]:
    """A JSON object {pypi name: conda name} (or {pypi: {"conda": name}}), or a YAML/`a: b` text file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise NameMapError(f"{path}: cannot read ({exc.strerror})") from None
    data: object
    try:
        data = json.loads(text)
    except ValueError:
        pairs: dict[str, str] = {}
        data = pairs
        for number, line in enumerate(text.splitlines(), 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            key, sep, value = line.partition(":") if ":" in line else line.partition("=")
            if not sep or not key.strip() or not value.strip():
                raise NameMapError(f"{path}:{number}: expected 'pypi-name: conda-name'") from None
            pairs[key.strip()] = value.strip().strip("'\"")
    if not isinstance(data, dict):
        raise NameMapError(f"{path}: expected a mapping of PyPI names to conda names")
    out: dict[str, str] = {}
    for key, value in data.items():
        conda = value.get("conda") if isinstance(value, dict) else value
        if not isinstance(conda, str) or not conda:
            raise NameMapError(f"{path}: entry {key!r} has no conda name")
        out[canonicalize_name(str(key))] = conda
    return out


class NameMapper:
    def __init__(self, user: dict[str, str] | None = None, user_label: str = "--name-map") -> None:
        self.user = user or {}
        self.user_label = user_label

    def map(self, pypi_name: str) -> Mapped:
        canon = canonicalize_name(pypi_name)
        if canon in self.user:
            conda = self.user[canon]
            return Mapped(conda, "" if conda == canon else self.user_label)
        if canon in shipped_map():
            conda, source = shipped_map()[canon]
            return Mapped(conda, f"{source} map")
        return Mapped(canon)
