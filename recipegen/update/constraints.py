"""Follow upstream's constraint change on a recipe's constraint, part by part.

A constraint is read as its lower bounds (`>=`, `>`), upper bounds (`<`, `<=`) and the rest
(`!=`, `==`, `1.2.*`, ...). For each part upstream changed, the recipe's part follows when it
was what upstream had before (the maintainers followed upstream); otherwise the maintainers
chose it on purpose and it stays — and when upstream's new part contradicts it (a higher floor
than the recipe allows, a lower cap), that is reported, not edited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from packaging.version import InvalidVersion, Version

_PART = re.compile(r"^(?P<op>>=|<=|==|!=|~=|>|<|=)?\s*(?P<version>\S+)$")
LOWER, UPPER, OTHER = "lower", "upper", "other"


@dataclass(frozen=True)
class Part:
    op: str
    version: str

    @property
    def kind(self) -> str:
        if self.op in (">=", ">"):
            return LOWER
        if self.op in ("<", "<="):
            return UPPER
        return OTHER

    def text(self) -> str:
        return f"{self.op}{self.version}"


def parts(constraint: str) -> list[Part]:
    found = []
    for piece in constraint.replace(" ", "").split(","):
        if not piece:
            continue
        match = _PART.match(piece)
        if match:
            found.append(Part(match["op"] or "", match["version"]))
        else:
            found.append(Part("", piece))
    return found


def version_key(text: str) -> Version:
    """A comparable form of a conda/PEP 440/R version (`1.4.0` == `1.4`, `1.0_2` == `1.0.2`,
    `1.0.0rc8` < `1`); text that is no version compares as 0."""
    cleaned = text.rstrip("*").rstrip(".")
    if re.fullmatch(r"[\d._-]+", cleaned):  # R versions: `1.0-2` and conda's `1.0_2` are 1.0.2
        cleaned = re.sub(r"[_-]", ".", cleaned)
    try:
        return Version(cleaned)
    except InvalidVersion:
        return Version("0")


def _same_parts(a: list[Part], b: list[Part]) -> bool:
    def norm(items: list[Part]) -> set[tuple[str, object]]:
        return {
            (p.op or "==", version_key(p.version) if version_key(p.version) != Version("0") else p.version)
            for p in items
        }

    return norm(a) == norm(b)


def _of(items: list[Part], kind: str) -> list[Part]:
    return [p for p in items if p.kind == kind]


def _highest(items: list[Part]) -> Version | None:
    return max((version_key(p.version) for p in items), default=None)


def _lowest(items: list[Part]) -> Version | None:
    return min((version_key(p.version) for p in items), default=None)


@dataclass(frozen=True)
class Followed:
    constraint: str  # the recipe's new constraint (unchanged when nothing follows)
    changed: bool
    conflict: str = ""  # why upstream's change contradicts a deliberate recipe constraint
    suggestion: str = ""  # with a conflict: the constraint with upstream's new part where it contradicts


def follow(recipe: str, old: str, new: str) -> Followed:
    """The recipe's constraint after upstream went from `old` to `new`."""
    if "|" in recipe + old + new:  # alternatives (`>=0.1,<0.4|>=1,<2`): followed only as a whole
        same = recipe.replace(" ", "") == old.replace(" ", "") and old.replace(" ", "") != new.replace(" ", "")
        return Followed(new if same else recipe, same)
    mine, before, after = parts(recipe), parts(old), parts(new)
    result: dict[str, list[Part]] = {}
    suggested: dict[str, list[Part]] = {}
    conflicts = []
    for kind in (LOWER, UPPER, OTHER):
        r, o, n = _of(mine, kind), _of(before, kind), _of(after, kind)
        if _same_parts(o, n) or _same_parts(r, n):
            result[kind] = r
        elif _same_parts(r, o):
            result[kind] = n
        else:
            result[kind] = r
            found = _conflict(kind, r, n)
            conflicts += found
            suggested[kind] = n if found else r
    contradiction = _below_upstream_floor(mine, result, after)
    if contradiction:
        return Followed(recipe, False, contradiction, new)
    if _exact_pin(_of(mine, OTHER)):  # the maintainers' pin already says more than any range upstream allows
        return Followed(recipe, False)
    low, high = _highest(result[LOWER]), _lowest(result[UPPER])
    if low is not None and high is not None and low >= high:  # upstream's own parts disagree: leave it
        return Followed(recipe, False, "")
    if conflicts:
        return Followed(recipe, False, "; ".join(conflicts), _joined({**result, **suggested}))
    if all(_same_parts(_of(mine, k), result[k]) for k in result):
        return Followed(recipe, False)
    return Followed(_joined(result), True)


def _joined(found: dict[str, list[Part]]) -> str:
    return ",".join(p.text() for kind in (LOWER, UPPER, OTHER) for p in found.get(kind, []))


def _below_upstream_floor(mine: list[Part], result: dict[str, list[Part]], after: list[Part]) -> str:
    """Why the recipe's own cap or exact pin admits no version upstream's new floor allows ("" if it does)."""
    floor = _highest(_of(after, LOWER))
    if floor is None or _same_parts(_of(after, LOWER), _of(mine, LOWER)):
        return ""
    needs = ",".join(p.text() for p in _of(after, LOWER))
    own_cap = result[UPPER] if _same_parts(result[UPPER], _of(mine, UPPER)) else []
    if own_cap and floor >= _lowest(own_cap):  # type: ignore[operator]
        return f"upstream now needs {needs}, the recipe caps it at {','.join(p.text() for p in own_cap)}"
    pinned = _pinned_below(_of(mine, OTHER), floor)
    return f"upstream now needs {needs}, the recipe pins {pinned}" if pinned else ""


def _exact_pin(others: list[Part]) -> bool:
    """Whether the recipe pins one version (`1.2.3`, `==1.2.3`, `1.2.*`)."""
    return any(p.op in ("", "==", "=") and re.fullmatch(r"[\d.]+(\.\*)?", p.version) for p in others)


def _pinned_below(others: list[Part], floor: Version | None) -> str:
    """The recipe's exact pin (`3.9`, `==3.9`, `3.9.*`) that no version at or above `floor` matches."""
    for part in others:
        if floor is None or part.op not in ("", "==", "=") or not re.fullmatch(r"[\d.]+(\.\*)?", part.version):
            continue
        numbers = [int(n) for n in part.version.removesuffix(".*").split(".")]
        if part.version.endswith("*"):
            numbers[-1] += 1  # 3.9.* holds every version below 3.10
            below = Version(".".join(map(str, numbers))) <= floor
        else:
            below = Version(".".join(map(str, numbers))) < floor
        if below:
            return part.text()
    return ""


def _conflict(kind: str, recipe: list[Part], upstream: list[Part]) -> list[str]:
    if kind == LOWER and recipe and upstream and _highest(upstream) > _highest(recipe):  # type: ignore[operator]
        floor = ",".join(p.text() for p in upstream)
        return [f"upstream now needs {floor}, the recipe allows {','.join(p.text() for p in recipe)}"]
    if kind == UPPER and upstream and recipe and _lowest(upstream) < _lowest(recipe):  # type: ignore[operator]
        cap = ",".join(p.text() for p in upstream)
        return [f"upstream now caps it at {cap}, the recipe at {','.join(p.text() for p in recipe)}"]
    return []


def lower_bound(constraint: str) -> Version | None:
    return _highest(_of(parts(constraint), LOWER))
