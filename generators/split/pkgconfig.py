"""The few pkg-config fields `recipegen split` uses: Name, Version, Requires(.private)."""

from __future__ import annotations

import re

_FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9_.]*)\s*:\s*(.*)$")
_VARIABLE = re.compile(r"^([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$")


def parse_pc(text: str) -> dict[str, str]:
    """Keyword fields of a .pc file with ${variables} expanded (one level of nesting is enough)."""
    variables: dict[str, str] = {}
    fields: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        var = _VARIABLE.match(line)
        field = _FIELD.match(line)
        if var and (not field or line.index("=") < line.index(":")):
            variables[var.group(1)] = _expand(var.group(2), variables)
        elif field:
            fields[field.group(1)] = _expand(field.group(2), variables)
    return fields


def _expand(value: str, variables: dict[str, str]) -> str:
    return re.sub(r"\$\{([^}]+)\}", lambda m: variables.get(m.group(1), m.group(0)), value).strip()


def required_modules(fields: dict[str, str], private: bool = True) -> list[str]:
    """Module names of Requires (and Requires.private), without version constraints."""
    text = fields.get("Requires", "")
    if private:
        text += "," + fields.get("Requires.private", "")
    names = []
    for token in re.split(r"[,\s]+", text):
        if not token or token[0] in "<>=!" or token[0].isdigit():
            continue
        names.append(token)
    return list(dict.fromkeys(names))
