"""Is a file name that of a licence file (LICENSE, COPYING, NOTICE, LICENSES/*.txt ...)?"""

from __future__ import annotations

import re

_TEXT_EXTENSIONS = (".txt", ".md", ".rst", ".markdown", ".text", ".adoc", ".org")
_KEYWORD = r"(?:LICEN[CS]E[S]?|COPYING|COPYRIGHT|COPYLEFT|NOTICE|UNLICEN[CS]E|PATENTS)"
# LICENSE, LICENSE-MIT, LICENSE.APACHE2, COPYING.LESSER, LICENSE_BSD, LICENSE.note
# ... and GNU's COPYINGv2, COPYINGv3 (gmp, libidn2)
_KEYWORD_FIRST = re.compile(rf"^{_KEYWORD}(?:[-._ ][A-Z0-9][A-Z0-9._+-]*|V\d(?:\.\d)?)?$")
# MIT-LICENSE, APACHE-LICENSE-2.0, GPL_COPYING, clucene's APACHE.license
_KEYWORD_LAST = re.compile(rf"^[A-Z0-9][A-Z0-9.+]*[-_.]{_KEYWORD}(?:[-._][A-Z0-9.+-]+)?$")
# CopyrightMINPACK.txt (cminpack), LicenseBSD.txt: the keyword joined to the capitalised name of
# what it covers, read in the original case (an all-capitals COPYRIGHTS or NOTICEBOARD is not)
_KEYWORD_CAMEL = re.compile(r"^(?:Licen[cs]e|Copying|Copyright)[A-Z][A-Z0-9]+$")
# Suffixes that make the file something else (code, config, data), not a licence text.
_NOT_TEXT_SUFFIXES = frozenset(
    [
        "PY",
        "PYC",
        "PYI",
        "C",
        "H",
        "CC",
        "CPP",
        "HPP",
        "JS",
        "TS",
        "JSON",
        "TOML",
        "YAML",
        "YML",
        "CFG",
        "INI",
        "IN",
        "SH",
        "BAT",
        "PS1",
        "R",
        "RS",
        "GO",
        "JL",
        "JAVA",
        "RB",
        "PL",
        "PM",
        "HTML",
        "HTM",
        "CSS",
        "XML",
        "SVG",
        "PNG",
        "JPG",
        "GIF",
        "PDF",
        "TMPL",
        "J2",
        "JINJA",
        "TPL",
        "LOCK",
    ]
)


def is_license_file_name(name: str) -> bool:
    """True for licence file names; `name` may be a relative path (REUSE `LICENSES/`)."""
    path = str(name).replace("\\", "/")
    parts = [p for p in path.split("/") if p]
    if not parts or path.endswith("/"):
        return False
    base = parts[-1]
    lower = base.lower()
    stem = base
    for extension in _TEXT_EXTENSIONS:
        if lower.endswith(extension) and len(base) > len(extension):
            stem = base[: -len(extension)]
            break
    if len(parts) > 1 and parts[-2] == "LICENSES":
        # REUSE: LICENSES/<SPDX id>.txt (any text extension).
        return stem != base and not stem.startswith(".")
    upper = stem.upper()
    if upper.startswith("README."):  # gdcm's README.Copyright.txt: a note about the licence, not its text
        return False
    if not (_KEYWORD_FIRST.match(upper) or _KEYWORD_LAST.match(upper) or _KEYWORD_CAMEL.match(stem)):
        return False
    last_suffix = upper.rsplit(".", 1)[1] if "." in upper else ""
    return last_suffix not in _NOT_TEXT_SUFFIXES
