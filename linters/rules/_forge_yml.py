"""Reading a feedstock's `conda-forge.yml` (next to `recipe/`) for the forge-yml-* rules."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recipegen.linters.fixing import same_file
from recipegen.linters.model import Finding, RecipeDocument
from recipegen.linters.rules._folder import forge_dir, per_version

from recipegen.yamlio import Span

if TYPE_CHECKING:
    from recipegen.problems import Problem

MAX_BYTES = 256_000


@dataclass(frozen=True)
class ForgeYml:
    path: Path
    data: Any  # round-trip data with positions ({} when empty); None when it cannot be parsed
    error: str = ""  # why it could not be parsed
    error_line: int = 0
    duplicate_keys: bool = False

    def span_of(self, *keys: Any) -> Span:
        """Where the key at `keys` is in conda-forge.yml (line 1 when it cannot be placed)."""
        from recipegen.yamlio import key_span

        try:
            return key_span(self.data, keys)
        except Exception:
            return Span(1, 1, 1, 2)

    def finding(self, message: str, *keys: Any, line: int = 0, fix: str = "") -> Finding:
        """A finding in conda-forge.yml itself, at the key `keys` (or at `line`)."""
        span = Span(line, 1, line, 2) if line else self.span_of(*keys)
        return Finding(message, span=span, file=self.path, fix=fix)


@lru_cache(maxsize=32)
def _read(path: str, mtime_ns: int) -> ForgeYml:
    from recipegen.problems import InputError
    from recipegen.yamlio import parse_yaml

    try:
        raw = Path(path).read_bytes()[:MAX_BYTES]
        text = raw.decode("utf-8")
        data = parse_yaml(text, path)
    except InputError as exc:
        from recipegen.linters.duplicates import read_repeated_keys

        duplicate = read_repeated_keys(text, path, exc) is not None
        return ForgeYml(Path(path), None, exc.message, exc.line, duplicate)
    except (OSError, UnicodeDecodeError) as exc:
        return ForgeYml(Path(path), None, str(exc))
    return ForgeYml(Path(path), data if data is not None else {})


def forge_yml(doc: RecipeDocument) -> ForgeYml | None:
    """The feedstock's conda-forge.yml, or None when there is none (looked for once per document)."""
    return doc.memo("forge_yml", lambda: _forge_yml(doc))


def _forge_yml(doc: RecipeDocument) -> ForgeYml | None:
    path = Path(forge_dir(doc)) / "conda-forge.yml"
    return per_version(path, _read, None) if path.is_file() else None


@dataclass(frozen=True)
class ForgeEntry:
    """The top-level entry of conda-forge.yml a forge-yml-* problem is at."""

    path: Path
    text: str
    lines: Any  # recipegen.yamlblocks.Block of `text`
    number: int  # the entry's line


def entry_at(doc: RecipeDocument, problem: Problem) -> ForgeEntry | None:
    """The top-level key of the feedstock's conda-forge.yml at the problem's line (the problem
    must be in that file)."""
    from recipegen.problems import InputError
    from recipegen.yamlblocks import Block
    from recipegen.yamlio import read_text

    forge = forge_yml(doc)
    if forge is None or not same_file(problem.file, forge.path):
        return None
    try:
        text = read_text(forge.path)
    except InputError:
        return None
    lines = Block(text)
    number = problem.line
    if not 1 <= number <= lines.count or lines[number].parent or lines[number].key is None:
        return None
    return ForgeEntry(forge.path, text, lines, number)
