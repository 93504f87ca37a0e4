"""Julia version ranges → conda version constraints.

Two syntaxes exist (JuliaLang/Pkg.jl `src/Versions.jl`):

* the registry's `VersionRange` (`Compat.toml` values and the range keys of `Deps.toml` /
  `Compat.toml`): `"a-b"`, or `"a"` (= `"a-a"`); each bound has 0–3 numeric components and
  compares only on the components it has (`"1.2.0-1"` is 1.2.0 ≤ v < 2); `"*"` is unbounded;
* Project.toml's `[compat]` specifiers (`semver_spec`): `"1.2"` / `"^1.2"` (caret),
  `"~1.2"` (tilde), `"=1.2.3"`, `">= 1.0"`, `"< 2"`, `"1.2 - 1.5"`, comma-separated unions.

Both are turned into a union of half-open intervals [lower, upper) over (major, minor, patch)
and written as a conda version spec (`>=1.2.0,<2`; unions joined with `|`).
Only major.minor.patch take part, as in Julia (pre-release and build parts are ignored).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Triple = tuple[int, int, int]


class VersionSyntaxError(ValueError):
    """A version or range string that Julia would not accept either."""


@dataclass(frozen=True)
class Bound:
    """A `VersionBound`: up to three numeric components; `parts == ()` means unbounded."""

    parts: tuple[int, ...]


@dataclass(frozen=True)
class VersionRange:
    lower: Bound
    upper: Bound

    def contains(self, version: Sequence[int]) -> bool:
        """Julia's `v in r`: `lower ≲ v ≲ upper`, comparing only the bounds' own components."""
        lo, hi = self.lower.parts, self.upper.parts
        return tuple(version[: len(lo)]) >= lo and tuple(version[: len(hi)]) <= hi


@dataclass(frozen=True)
class Interval:
    """[lower, upper) over padded triples; `upper is None` means no upper limit."""

    lower: Triple
    upper: Triple | None

    @property
    def empty(self) -> bool:
        return self.upper is not None and self.upper <= self.lower


_BOUND = re.compile(r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.\d+)?$")


def parse_bound(text: str) -> Bound:
    """A bound; newer Pkg also allows a 4th (build) component, which conda versions do not carry
    (JLL build metadata is dropped), so it is ignored."""
    text = text.strip()
    if text == "*":
        return Bound(())
    match = _BOUND.match(text)
    if not match:
        raise VersionSyntaxError(f"invalid version bound {text!r}")
    return Bound(tuple(int(g) for g in match.groups() if g is not None))


def parse_range(text: str) -> VersionRange:
    """The registry's range syntax (`Pkg.Versions.VersionRange(s)`)."""
    pieces = text.split("-")
    if len(pieces) not in (1, 2):
        raise VersionSyntaxError(f"invalid version range {text!r}")
    lower = parse_bound(pieces[0])
    upper = parse_bound(pieces[1]) if len(pieces) == 2 else lower
    return VersionRange(lower, upper)


def parse_ranges(value: str | Sequence[str]) -> list[VersionRange]:
    """A `Compat.toml` value: one range string or an array of them (a union)."""
    items = [value] if isinstance(value, str) else list(value)
    if not items or not all(isinstance(item, str) for item in items):
        raise VersionSyntaxError(f"invalid compat value {value!r}")
    return [parse_range(item) for item in items]


def _pad(parts: Sequence[int]) -> Triple:
    padded = ((*tuple(parts), 0, 0, 0))[:3]
    return padded  # type: ignore[return-value]


def to_interval(rng: VersionRange) -> Interval:
    """The half-open interval of release versions a range admits."""
    lower = _pad(rng.lower.parts)
    hi = rng.upper.parts
    if not hi:
        return Interval(lower, None)
    bumped = list(hi)
    bumped[-1] += 1
    return Interval(lower, _pad(bumped))


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, non-empty, non-overlapping and non-adjacent intervals with the same union."""
    live = sorted((i for i in intervals if not i.empty), key=lambda i: i.lower)
    merged: list[Interval] = []
    for item in live:
        if merged:
            last = merged[-1]
            if last.upper is None or item.lower <= last.upper:
                upper = None if last.upper is None or item.upper is None else max(last.upper, item.upper)
                merged[-1] = Interval(last.lower, upper)
                continue
        merged.append(item)
    return merged


def _text(triple: Triple, trim: bool) -> str:
    parts = list(triple)
    while trim and len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return ".".join(str(p) for p in parts)


def interval_to_conda(interval: Interval) -> str:
    lower, upper = interval.lower, interval.upper
    if upper is not None and upper == (lower[0], lower[1], lower[2] + 1):
        return f"=={_text(lower, trim=False)}"
    pieces = []
    if lower != (0, 0, 0):
        pieces.append(f">={_text(lower, trim=False)}")
    if upper is not None:
        pieces.append(f"<{_text(upper, trim=True)}")
    return ",".join(pieces)


class EmptyRange(ValueError):
    """A compat entry that admits no version at all."""


def intervals_to_conda(intervals: Iterable[Interval]) -> str:
    """A conda version spec (`""` = any version); EmptyRange when nothing is admitted."""
    merged = merge(intervals)
    if not merged:
        raise EmptyRange("the range admits no version")
    texts = [interval_to_conda(i) for i in merged]
    if any(t == "" for t in texts):
        return ""
    return "|".join(texts)


def compat_to_conda(value: str | Sequence[str]) -> str:
    """A registry `Compat.toml` value → conda spec, e.g. `"1.2.0-1"` → `">=1.2.0,<2"`."""
    return intervals_to_conda(to_interval(r) for r in parse_ranges(value))


# --- Project.toml [compat] syntax (Pkg.Versions.semver_spec) -------------------------------

_VERSION = r"v?(\d+)(?:\.(\d+))?(?:\.(\d+))?"
_CARET_TILDE = re.compile(rf"^([~^]?){_VERSION}$")
_INEQUALITY = re.compile(rf"^(≥\s*|>=\s*|=\s*|<\s*){_VERSION}$")
_HYPHEN = re.compile(rf"^\s*{_VERSION}\s*\s-\s\s*{_VERSION}\s*$")


def _numbers(groups: Sequence[str | None]) -> tuple[int, tuple[int, int, int]]:
    significant = sum(1 for g in groups if g is not None)
    values = [int(g) if g is not None else 0 for g in groups]
    return significant, (values[0], values[1], values[2])


def _semver_interval(kind: str, groups: Sequence[str | None]) -> VersionRange:
    significant, (major, minor, patch) = _numbers(groups)
    if significant == 3 and (major, minor, patch) == (0, 0, 0):
        raise VersionSyntaxError('invalid version "0.0.0"')
    lower = Bound((major, minor, patch))
    if kind in ("", "^"):
        if major != 0:
            return VersionRange(lower, Bound((major,)))
        if minor != 0:
            return VersionRange(lower, Bound((major, minor)))
        upper = {1: (0,), 2: (0, 0)}.get(significant, (0, 0, patch))
        return VersionRange(lower, Bound(upper))
    if significant >= 2:
        return VersionRange(lower, Bound((major, minor)))
    return VersionRange(lower, Bound((major,)))


def _inequality_interval(kind: str, groups: Sequence[str | None]) -> VersionRange:
    significant, (major, minor, patch) = _numbers(groups)
    if significant == 3 and (major, minor, patch) == (0, 0, 0):
        raise VersionSyntaxError("invalid version 0.0.0")
    exact = Bound((major, minor, patch))
    kind = kind.strip()
    if kind == "<":
        if patch:
            upper: tuple[int, ...] = (major, minor, patch - 1)
        elif minor:
            upper = (major, minor - 1)
        elif major:
            upper = (major - 1,)
        else:
            raise VersionSyntaxError("invalid bound '< 0'")
        return VersionRange(Bound((0, 0, 0)), Bound(upper))
    if kind == "=":
        return VersionRange(exact, exact)
    return VersionRange(exact, Bound(()))  # >= and ≥


def _hyphen_interval(groups: Sequence[str | None]) -> VersionRange:
    lower = tuple(int(g) for g in groups[:3] if g is not None)
    upper = tuple(int(g) for g in groups[3:] if g is not None)
    return VersionRange(Bound(lower), Bound(upper))


def parse_semver_spec(text: str) -> list[VersionRange]:
    """Project.toml `[compat]` syntax → ranges (a union)."""
    ranges = []
    for piece in (p.strip() for p in text.strip().split(",")):
        if match := _CARET_TILDE.match(piece):
            ranges.append(_semver_interval(match.group(1), match.groups()[1:]))
        elif match := _INEQUALITY.match(piece):
            ranges.append(_inequality_interval(match.group(1), match.groups()[1:]))
        elif match := _HYPHEN.match(piece):
            ranges.append(_hyphen_interval(match.groups()))
        else:
            raise VersionSyntaxError(f"invalid version specifier {text!r}")
    return ranges


def semver_to_conda(text: str) -> str:
    """A Project.toml compat specifier → conda spec, e.g. `"^0.5.2"` → `">=0.5.2,<0.6"`."""
    return intervals_to_conda(to_interval(r) for r in parse_semver_spec(text))


# --- versions of the package itself ----------------------------------------------------------

_JULIA_VERSION = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$")


def parse_version(text: str) -> tuple[Triple, str, str]:
    """A registered version: ((major, minor, patch), prerelease, build)."""
    match = _JULIA_VERSION.match(text.strip())
    if not match:
        raise VersionSyntaxError(f"invalid version {text!r}")
    major, minor, patch, pre, build = match.groups()
    return (int(major), int(minor), int(patch)), pre or "", build or ""


def version_sort_key(text: str) -> tuple:
    """Julia's VersionNumber order: a pre-release sorts before its release; build after it."""
    triple, pre, build = parse_version(text)
    return (triple, 0 if pre else 1, _ident_key(pre), 1 if build else 0, _ident_key(build))


def _ident_key(text: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in text.split(".") if p)


def conda_version(text: str) -> str:
    """The conda version of a registered version: build metadata dropped (`1.3.1+2` → `1.3.1`),
    a pre-release written without the dash (`2.0.0-rc1` → `2.0.0rc1`)."""
    triple, pre, _build = parse_version(text)
    base = ".".join(str(p) for p in triple)
    return base + re.sub(r"[^0-9A-Za-z.]", "", pre) if pre else base


def in_range_key(version: str, key: str) -> bool:
    """Whether a registered version lies in a `Deps.toml`/`Compat.toml` section key."""
    triple, _, _ = parse_version(version)
    return parse_range(key).contains(triple)


class OverlappingSections(ValueError):
    """Two sections containing one version give the same key different values."""


def sections_for(table: dict[str, dict], version: str) -> dict:
    """A range-keyed table (`Deps.toml`, `Compat.toml`, ...) resolved for one version: the union
    of every section whose range key contains it (as Pkg's `uncompress` does)."""
    triple = parse_version(version)[0]
    result: dict = {}
    for key, section in table.items():
        if not parse_range(key).contains(triple):
            continue
        for name, value in section.items():
            if name in result and result[name] != value:
                raise OverlappingSections(f"overlapping sections give {name} twice for version {version}")
            result[name] = value
    return result
