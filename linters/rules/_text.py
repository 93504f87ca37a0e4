"""Places in the recipe text: spans of lines and character ranges, for findings the data cannot locate."""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, RecipeDocument

from recipegen.yamlio import Span


def line_span(doc: RecipeDocument, line: int, start: int | None = None, end: int | None = None) -> Span:
    """A Span on 1-based `line`: 0-based columns [start, end), default the line's text without indentation."""
    lines = doc.lines
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    if start is None:
        start = len(text) - len(text.lstrip())
    if end is None:
        end = len(text.rstrip())
    return Span(line, start + 1, line, max(end, start + 1) + 1)


def span_at(doc: RecipeDocument, offset: int, length: int = 1) -> Span:
    """A Span for a character range of the document text (1-based line and column)."""
    line = doc.text.count("\n", 0, offset) + 1
    column = offset - (doc.text.rfind("\n", 0, offset) + 1) + 1
    return Span(line, column, line, column + max(length, 1))


def whole_document_span(doc: RecipeDocument) -> Span:
    """Line 1 (for findings about files next to the recipe rather than a place in it)."""
    return line_span(doc, 1) if doc.lines else Span(1, 1, 1, 1)


# conda-smithy's patterns (R-028..R-030), line by line: `.*[:-]\s+(http.*-none-any\.whl)\s+.*`
# for pure wheels, `.*[:-]\s+(http.*\.whl)\s+.*` for any; `.*` lets a URL hold Jinja with spaces
# (`cp{{ CONDA_PY }}`), and every line counts whatever its selector (a wheel for Windows only).
# Matched in linear time (`_wheel_match`): the regexes backtrack polynomially on long lines.
_URL_START = re.compile(r"[:-]\s+http")
_PURE_WHEEL_SUFFIX = "-none-any.whl"


def wheel_findings(doc: RecipeDocument, pure: bool, message: str) -> Iterator[Finding]:
    """A finding at each pure (`-none-any`) or each compiled wheel URL of the raw text;
    `message` is formatted with `url`."""
    for url, offset in wheel_urls(doc):
        if url.endswith(_PURE_WHEEL_SUFFIX) == pure:
            yield Finding(message.format(url=url), span=span_at(doc, offset, len(url)))


def wheel_urls(doc: RecipeDocument) -> list[tuple[str, int]]:
    """(url, offset) of wheel URLs in the raw recipe text (conda-smithy's patterns), found once."""
    return doc.memo("wheel_urls", lambda: _wheel_urls(doc.text))


def _wheel_urls(text: str) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    if ".whl" not in text:
        return found
    offset = 0
    for line in (text + "\n").splitlines(keepends=True):
        span = _wheel_match(line, _PURE_WHEEL_SUFFIX) or _wheel_match(line, ".whl")
        if span:
            found.append((line[span[0] : span[1]], offset + span[0]))
        offset += len(line)
    return found


def _wheel_match(line: str, suffix: str) -> tuple[int, int] | None:
    """(start, end) of the group conda-smithy's pattern for `suffix` captures, or None."""
    if suffix not in line:
        return None
    ends = [m.end() for m in re.finditer(re.escape(suffix) + r"(?=\s)", line)]
    if not ends:
        return None
    suffix_start = ends[-1] - len(suffix)
    starts = [m.end() - 4 for m in _URL_START.finditer(line) if m.end() <= suffix_start]
    return (starts[-1], ends[-1]) if starts else None
