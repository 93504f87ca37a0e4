"""The conda-forge spelling of a requirement spec, shared by the spec rules' fix suggestions.

conda-forge writes `name [version [build]]`: one space between the fields, none between an
operator and its version or inside a version (`scipy >=1,<2`). A suggestion built here passes
every spec rule, whatever spacing mistakes the original mixed.
"""

from __future__ import annotations

import re

_OPERATOR_CHARS = "<>=!~"
_NAME_END = re.compile(r"[<>=!~]")
_JOINERS = (",", "|")


def canonical_spec(spec: str) -> str:
    """`scipy>= 1` -> `scipy >=1`; `foo >= 1.0 , <2 py_0` -> `foo >=1.0,<2 py_0`."""
    tokens = spec.split()
    if not tokens:
        return ""
    match = _NAME_END.search(tokens[0])
    if match and match.start() > 0:
        tokens[:1] = [tokens[0][: match.start()], tokens[0][match.start() :]]
    fields = tokens[:1]
    for token in tokens[1:]:
        if len(fields) > 1 and (_open_ended(fields[-1]) or token.startswith(_JOINERS)):
            fields[-1] += token
        else:
            fields.append(token)
    return " ".join(fields)


def _open_ended(field: str) -> bool:
    """A version field that still waits for its value: `>=`, `>=1,`, `1.0|`."""
    return field.endswith(_JOINERS) or field.rstrip(_OPERATOR_CHARS) != field
