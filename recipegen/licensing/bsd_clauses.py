"""A BSD licence told by its conditions when its wording strays from SPDX's texts.

Upstreams reword the BSD disclaimer (lzlib's GNU-style "distributed in the hope that it
will be useful, but WITHOUT ANY WARRANTY"; libpcap's one-sentence "AS IS AND WITHOUT ANY
EXPRESS OR IMPLIED WARRANTIES") while keeping the conditions word for word; a reviewer names
the licence by those conditions: retain (source) and reproduce (binary) is BSD-2-Clause,
plus no endorsement is BSD-3-Clause, plus the advertising clause BSD-4-Clause.

Never a guess: the text must hold the standard grant, every condition between the grant
and the disclaimer must be one of the standard ones, the rest must be a short warranty
disclaimer, and nothing before the grant may name another licence.
"""

from __future__ import annotations

import re

from recipegen.licensing.normalize import license_words

GRANT = re.compile(
    r"redistribution and use in source and binary forms with or without modification (?:is|are) permitted"
    r" provided that the following conditions are met "
)
_NAME = r"(?:\S+ ){1,15}?"
CONDITIONS = {
    "source": re.compile(
        r"redistributions of source code must retain the above copyright notice this list of conditions"
        r" and the following disclaimer "
    ),
    "binary": re.compile(
        r"redistributions in binary form must reproduce the above copyright notice this list of conditions"
        r" and the following disclaimer in the documentation and or other materials provided with the distribution "
    ),
    "endorse": re.compile(
        rf"(?:neither the names? of {_NAME}nor the names? of {_NAME}may|the names? of {_NAME}may not)"
        r" be used to endorse or promote products derived from this software without specific prior written permission "
    ),
    "advertising": re.compile(
        r"all advertising materials mentioning features or use of this software must display the following"
        r" acknowledge?ment this product includes software developed by (?:\S+ ){1,25}?"
        r"(?=neither |the names? |redistributions |$)"
    ),
}
IDS = {
    frozenset({"source", "binary"}): "BSD-2-Clause",
    frozenset({"source", "binary", "endorse"}): "BSD-3-Clause",
    frozenset({"source", "binary", "endorse", "advertising"}): "BSD-4-Clause",
}
MAX_PREFACE_WORDS = 30
MAX_DISCLAIMER_WORDS = 160
MAX_LEFTOVER_WORDS = 3
# Words that a title or a disclaimer of a plain BSD licence never holds: another licence, or
# a further condition ("must", "may not", "you agree", UCAR's patent termination, BSD-2-Clause-Views'
# closing sentence).
FOREIGN = re.compile(
    r"\b(?:gnu|l?gpl|apache|mozilla|mpl|except|must|agree|may not|may only|required|nuclear|terminat\w*|patents?"
    r"|views and conclusions)\b"
)


def bsd_by_conditions(text: str) -> str:
    """BSD-2/3/4-Clause when text is that licence with reworded prose around its conditions, else ''."""
    flat = " " + " ".join(license_words(text[:20_000])) + " "
    grant = GRANT.search(flat)
    if grant is None or len(flat[: grant.start()].split()) > MAX_PREFACE_WORDS or FOREIGN.search(flat[: grant.start()]):
        return ""
    rest = flat[grant.end() - 1 :]
    found: dict[str, tuple[int, int]] = {}
    for name, pattern in CONDITIONS.items():
        spans = [m.span() for m in pattern.finditer(rest)]
        if len(spans) > 1:
            return ""
        if spans:
            found[name] = spans[0]
    end = max((stop for _, stop in found.values()), default=0)
    leftover = rest[:end]
    for start, stop in sorted(found.values(), reverse=True):
        leftover = leftover[:start] + " " + leftover[stop:]
    tail = rest[end:]
    if len(leftover.split()) > MAX_LEFTOVER_WORDS or len(tail.split()) > MAX_DISCLAIMER_WORDS:
        return ""  # a condition none of the BSD licences has, or more than a disclaimer after them
    if FOREIGN.search(tail) or "warrant" not in tail:
        return ""
    return IDS.get(frozenset(found), "")
