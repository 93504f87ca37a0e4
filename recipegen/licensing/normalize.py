"""Turn a licence text into comparable words, the way SPDX's matching guidelines ask.

Dropped: copyright/"all rights reserved" lines, markdown and HTML markup, bullets and
list numbering, punctuation, case, whitespace and line wrapping. Kept: every other word.
The shipped corpus (recipegen/data/licenses/texts.json.gz) was normalised with this
module; rebuild it (recipegen/data/licenses/build_corpus.py) after changing the rules.
"""

from __future__ import annotations

import re
import unicodedata

_COPYRIGHT_LINE = re.compile(
    # "Copyright notice and this permission notice appear ..." and "COPYRIGHT HOLDERS AND ..." are
    # licence text that a line break put first, not copyright statements.
    r"^\W*(copyright\b(?!\s+(?:notices?|holders?|owners?|and|law|statement)\b)|\(c\)\s*(\d|<)|©|"
    r"all rights reserved|portions copyright|"
    r"year:|copyright holder:|<copyright|\[yyyy\]|\[year\])",
    re.IGNORECASE,
)
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_LIST_MARKER = re.compile(
    r"^\s*(?:[-*+•·>#=]+\s+|\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,5})[.)]\s+|\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})\)\s*)+",
    re.IGNORECASE,
)
_RULE_LINE = re.compile(r"^\s*[-=*_~#]{3,}\s*$")
_WORD = re.compile(r"[a-z0-9]+")

# SPDX matching guidelines §8 (equivalent words); applied after lower-casing.
_EQUIVALENT_WORDS = {
    "licence": "license",
    "licences": "licenses",
    "licenced": "licensed",
    "licencing": "licensing",
    "sublicence": "sublicense",
    "acknowledgment": "acknowledgement",
    "analogue": "analog",
    "authorisation": "authorization",
    "authorised": "authorized",
    "centre": "center",
    "favour": "favor",
    "organisation": "organization",
    "recognised": "recognized",
    "whilst": "while",
    "wilful": "willful",
    "http": "",
    "https": "",
    "www": "",
}

_PUNCTUATION_MAP = {
    ord("\u2018"): "'",
    ord("\u2019"): "'",
    ord("\u201c"): '"',
    ord("\u201d"): '"',
    ord("\u2013"): "-",
    ord("\u2014"): "-",
    ord("\u00a0"): " ",
}


def _clean_line(line: str) -> str:
    if _COPYRIGHT_LINE.match(line) or _RULE_LINE.match(line):
        return ""
    line = _LIST_MARKER.sub(" ", line)
    return line


def license_words(text: str) -> list[str]:
    """The words of a licence text, normalised for comparison."""
    text = unicodedata.normalize("NFKC", text).translate(_PUNCTUATION_MAP)
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    lines = [_clean_line(line) for line in text.splitlines()]
    words: list[str] = []
    for word in _WORD.findall(" ".join(lines).lower()):
        replacement = _EQUIVALENT_WORDS.get(word, word)
        if replacement:
            words.extend(replacement.split())
    return words


def normalized_text(text: str) -> str:
    return " ".join(license_words(text))
