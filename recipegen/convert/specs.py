"""Requirement specs as conda-build reads them, written the way rattler-build accepts them.

rattler-build refuses a bare version (`python 3.10`, `zlib 1.3.2 h0_2`) and `=`-joined builds
(`abseil =1.2=cxx17*`). conda-build reads them (utils.ensure_valid_spec, CEP 29):

- `name 1.2` -> `name 1.2.*` (conda-build adds the star);
- `name 1.2 build` and `name=1.2=build` -> an exact version: `name ==1.2 build`;
- `name =1.2=build` / `name =1.2 build` -> a fuzzy version: `name 1.2.* build`;
- `name =*=build` -> `name * build`.

The same reading serves the converter (on text with `${{ }}` parts) and the proof (on rendered
text), so both sides of the comparison speak the same spec language.
"""

from __future__ import annotations

import functools
import re

PART = re.compile(r"(?:\$\{\{.*?\}\}|[^\s$]|\$(?!\{\{))+")
VERSION_LITERAL = re.compile(r"^(?:\$\{\{.*?\}\}|[0-9A-Za-z_.+!])+$")
ATTACHED_OPERATOR = re.compile(r"^(?P<name>[A-Za-z0-9_.\-]+)(?P<rest>[<>!~]=?[^\s=].*)$")
OPERATOR_AND_BUILD = re.compile(
    r"^(?P<op>!=|>=|<=|~=|>|<|==)?(?P<version>(?:\$\{\{.*?\}\}|[^=<>!~\s$,|])(?:\$\{\{.*?\}\}|[^=<>!~\s$,|])*)=(?P<build>(?:\$\{\{.*?\}\}|[^=<>!~\s,|$])+)$"
)
JOINED = re.compile(r"^(?P<name>(?:\$\{\{.*?\}\}|[A-Za-z0-9_.\-])+?)(?P<op>==?)(?P<rest>[^=<>!~\s].*)$")


def split_spec(text: str) -> list[str]:
    """Whitespace-separated parts; a `${{ ... }}` expression stays inside its part."""
    return PART.findall(text.strip())


def _literal(version: str) -> bool:
    return bool(VERSION_LITERAL.match(version)) and "*" not in version


def _version_and_build(token: str, operator: str) -> tuple[str, str] | None:
    """`=1.2=build` -> (`1.2.*`, `build`); `==1.2=build` -> (`==1.2`, `build`)."""
    version, sep, build = token.partition("=")
    if not sep or not version or not build or "=" in build:
        return None
    if version == "*":
        return "*", build
    if not _literal(version):
        return None
    return (f"=={version}" if operator == "==" else f"{version}.*"), build


def canonical_spec(text: str) -> str:
    """`text` in the form rattler-build accepts, meaning what conda-build meant."""
    if any(marker in text for marker in ("pin_subpackage", "pin_compatible", "compiler(", "stdlib(", "cdt(")):
        return text
    if "${{" not in text:  # `foo >=1.2, <2` is one version spec
        text = re.sub(r"\s*,\s*", ",", text.strip())
    attached = ATTACHED_OPERATOR.match(text)
    if attached:
        text = f"{attached.group('name')} {attached.group('rest')}"
    parts = split_spec(text)
    if not parts:
        return text
    if len(parts) == 1:
        joined = JOINED.match(parts[0])
        if not joined:
            return text
        name, operator, rest = joined.group("name"), joined.group("op"), joined.group("rest")
        split = _version_and_build(rest, "==")  # name=1.2=build is an exact pin (CEP 29)
        if split:
            return " ".join((name, *split))
        if operator == "=":
            return f"{name} {rest}.*" if _literal(rest) else f"{name} {rest}"
        return f"{name} =={rest}"
    name, version, *build = parts
    if len(parts) == 2 and version.startswith("=") and not version.startswith("=="):
        split = _version_and_build(version[1:], "=")
        if split:
            return " ".join((name, *split))
        if _literal(version[1:]):
            return f"{name} {version[1:]}.*"
    if len(parts) == 2 and version.startswith("==") and "=" in version[2:]:
        split = _version_and_build(version[2:], "==")
        if split:
            return " ".join((name, *split))
    operated = OPERATOR_AND_BUILD.match(version) if len(parts) == 2 else None
    if operated:  # `name !=1.2=build`, `name 1.2=*_3`
        operator, number, build_string = operated.group("op") or "", operated.group("version"), operated.group("build")
        if operator in ("", "=="):
            return f"{name} =={number} {build_string}"
        return f"{name} {operator}{number} {build_string}"
    if len(parts) == 3 and version.startswith("=") and not version.startswith("==") and _literal(version[1:]):
        return f"{name} {version[1:]}.* {build[0]}"
    if len(parts) in (2, 3) and _literal(version) and version[0] not in "<>=!~":
        if name.startswith("${{") and len(parts) == 2:
            return text
        return f"{name} {version}.*" if len(parts) == 2 else f"{name} =={version} {build[0]}"
    return text


@functools.lru_cache(maxsize=4096)
def comparable_spec(text: str) -> str:
    """`text` read as conda reads it (`canonical_spec`), then as a MatchSpec printed by rattler:
    version parts compare as numbers (`>=2021.09.0` is `>=2021.9.0`, as rattler-build writes it).
    Text rattler cannot read stays as it is."""
    value = canonical_spec(text)
    if "${{" in value:
        return value
    from rattler import MatchSpec

    try:
        return str(MatchSpec(value, strict=False))
    except Exception:  # rattler raises its own exception types for unreadable specs
        return value
