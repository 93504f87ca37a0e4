"""Values of a CMake reading: variables with a few alternative values, scopes, and `${}` expansion
under hard budgets.

A variable holds a tuple of alternative values (an `if()` the reader cannot decide runs both
branches and keeps what each branch set, at most `Budget.max_alternatives` of them, never a cross
product). A value CMake would compute by running something (a compiler check, `file(READ)`,
a regex) is UNKNOWN. Expansion is CMake's: one pass, inner references first, an undefined variable
is empty, a value is never expanded again. Every value is capped in size and every expansion is
counted; past a budget the value becomes UNKNOWN and the reading notes it once.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

UNKNOWN = "\x00"  # marks the part of a value the reader cannot know (a value holding it is unknown)
Value = tuple[str, ...]  # alternatives
_REMOVED: Value = ()  # unset() in an inner scope hides the outer binding


class BudgetExhausted(Exception):
    """The reading stops: too many commands or too much time."""


@dataclass
class Budget:
    """Hard limits of one CMake reading; `notes` says which were hit."""

    max_value_chars: int = 64 * 1024
    max_alternatives: int = 4
    max_commands: int = 100_000
    max_expanded_chars: int = 16 * 1024 * 1024
    max_call_depth: int = 32
    max_loop_iterations: int = 1000
    max_files: int = 500
    max_seconds: float = 6.0
    commands: int = 0
    expanded_chars: int = 0
    capped_alternatives: int = 0
    notes: list[str] = field(default_factory=list)
    _started: float = field(default_factory=time.monotonic)
    _noted: set[str] = field(default_factory=set)

    def note(self, key: str, text: str) -> None:
        if key not in self._noted:
            self._noted.add(key)
            self.notes.append(text)

    def step(self, where: str) -> None:
        self.commands += 1
        if self.commands > self.max_commands:
            self.note("commands", f"CMake reading stopped at {where}: over {self.max_commands} commands run")
            raise BudgetExhausted
        if self.commands % 1024 == 0 and time.monotonic() - self._started > self.max_seconds:
            self.note("time", f"CMake reading stopped at {where}: over {self.max_seconds:g} s")
            raise BudgetExhausted

    def produced(self, chars: int, where: str) -> bool:
        """Count expanded characters; False once the expansion budget is spent."""
        self.expanded_chars += chars
        if self.expanded_chars > self.max_expanded_chars:
            self.note(
                "expanded",
                f"CMake reading: over {self.max_expanded_chars // (1024 * 1024)} MiB of variable expansion "
                f"(at {where}); later values are treated as unknown",
            )
            return False
        return True


def is_unknown(value: str) -> bool:
    return UNKNOWN in value


class Scope:
    """One CMake variable scope (directory, function, or an `if()` branch being tried).

    Lookups walk to the parent; writes stay here. A branch overlay's writes are merged into its
    parent when the `if()` ends (`merge_branches`)."""

    def __init__(self, parent: Scope | None = None, kind: str = "dir") -> None:
        self.parent = parent
        self.kind = kind
        self.vars: dict[str, Value] = {}

    def get(self, name: str) -> Value | None:
        scope: Scope | None = self
        while scope is not None:
            value = scope.vars.get(name)
            if value is not None:
                return value or None  # _REMOVED hides outer bindings
            scope = scope.parent
        return None

    def set(self, name: str, value: Value) -> None:
        self.vars[name] = value

    def unset(self, name: str) -> None:
        self.vars[name] = _REMOVED

    def variable_scope(self) -> Scope:
        """The nearest directory or function scope (branch overlays are not real scopes)."""
        scope = self
        while scope.kind == "overlay" and scope.parent is not None:
            scope = scope.parent
        return scope


def merge_branches(
    base: Scope, outcomes: list[dict[str, Value]], budget: Budget, cache: dict[str, Value] | None = None
) -> None:
    """Write into `base` what the possible branches of an if() set: per variable, the union of
    each outcome's value (the value before the if() where an outcome did not set it: the normal
    variable, else the cache entry, as `${X}` reads it: srt's ENABLE_APPS option stays ON where
    `if(NOT ENABLE_CXX11) set(ENABLE_APPS OFF)` does not run)."""
    names: dict[str, None] = {}
    for outcome in outcomes:
        names.update(dict.fromkeys(outcome))
    for name in names:
        before = base.get(name) or (cache or {}).get(name) or ("",)
        merged: list[str] = []
        for outcome in outcomes:
            value = outcome.get(name)
            for alternative in value if value is not None else before:
                if alternative not in merged:
                    merged.append(alternative)
        if not merged:
            base.unset(name)
            continue
        if len(merged) > budget.max_alternatives:
            budget.capped_alternatives += 1  # by design (compiler flags pile up this way): no note
            merged = merged[: budget.max_alternatives]
        base.set(name, tuple(merged))


# --- expansion -----------------------------------------------------------------------------------

_UNKNOWN_RUN = re.compile(UNKNOWN + "+")


@dataclass
class _Ref:
    kind: str  # "" | "ENV" | "CACHE"
    parts: list  # str | _Ref


def _parse_refs(text: str, i: int, inside: bool) -> tuple[list, int]:
    """Split text into literal strings and ${...} references (nested), CMake's way."""
    parts: list = []
    literal: list[str] = []
    n = len(text)
    while i < n:
        ch = text[i]
        if inside and ch == "}":
            break
        if ch == "$":
            m = re.match(r"\$(ENV|CACHE)?\{", text[i : i + 7])
            if m:
                inner, j = _parse_refs(text, i + len(m.group(0)), True)
                if j < n:  # closed
                    if literal:
                        parts.append("".join(literal))
                        literal = []
                    parts.append(_Ref(m.group(1) or "", inner))
                    i = j + 1
                    continue
        literal.append(ch)
        i += 1
    if literal:
        parts.append("".join(literal))
    return parts, i


class Expander:
    """`${}` expansion against a lookup function, within a Budget."""

    def __init__(self, lookup, budget: Budget) -> None:
        self.lookup = lookup  # name -> Value | None
        self.budget = budget

    def expand(self, text: str, where: str = "") -> Value:
        """The alternatives of text with every reference replaced (UNKNOWN where not knowable)."""
        if "$" not in text:
            return (text,)
        parts, _ = _parse_refs(text, 0, False)
        return self._join(parts, where)

    def _join(self, parts: list, where: str) -> Value:
        budget = self.budget
        results: list[str] = [""]
        for part in parts:
            options = (part,) if isinstance(part, str) else self._ref(part, where)
            combined: list[str] = []
            for prefix in results:
                for option in options:
                    value = prefix + option
                    if UNKNOWN + UNKNOWN in value:
                        value = _UNKNOWN_RUN.sub(UNKNOWN, value)
                    if len(value) > budget.max_value_chars:
                        budget.note(
                            "value-size",
                            f"CMake reading: a value over {budget.max_value_chars // 1024} KiB at {where} "
                            "is treated as unknown",
                        )
                        value = UNKNOWN
                    if value not in combined:
                        combined.append(value)
                    if len(combined) >= budget.max_alternatives:
                        break
                if len(combined) >= budget.max_alternatives:
                    break
            if not budget.produced(sum(len(v) for v in combined), where):
                return (UNKNOWN,)
            results = combined
        return tuple(results)

    def _ref(self, ref: _Ref, where: str) -> Value:
        names = self._join(ref.parts, where)
        out: list[str] = []
        for name in names:
            if is_unknown(name):
                out.append(UNKNOWN)
                continue
            if ref.kind == "ENV":
                value = self.lookup(f"ENV{{{name}}}", False)
                out.extend(value if value is not None else (UNKNOWN,))
                continue
            value = self.lookup(name, ref.kind == "CACHE")
            out.extend(value if value is not None else ("",))
        return tuple(dict.fromkeys(out)) or ("",)


def split_list(value: str) -> list[str]:
    """A CMake list's elements (`a;b;;c` -> a, b, c; `\\;` does not split); empty ones dropped."""
    if ";" not in value:
        return [value] if value else []
    items = re.split(r"(?<!\\);", value)
    return [item.replace("\\;", ";") for item in items if item]


_FALSE_CONSTANTS = {"0", "OFF", "NO", "FALSE", "N", "IGNORE", "NOTFOUND", ""}
_TRUE_CONSTANTS = {"1", "ON", "YES", "TRUE", "Y"}


def constant_truth(text: str) -> bool | None:
    """CMake's truth of a constant (None when text is not a constant: a variable name)."""
    upper = text.upper()
    if upper in _TRUE_CONSTANTS:
        return True
    if upper in _FALSE_CONSTANTS or upper.endswith("-NOTFOUND"):
        return False
    if re.fullmatch(r"[+-]?\d+(\.\d*)?|[+-]?\.\d+", text):
        return float(text) != 0
    return None


def value_truth(text: str) -> bool | None:
    """Truth of a variable's value (any value that is not a false constant is true)."""
    if is_unknown(text):
        return None
    truth = constant_truth(text)
    return True if truth is None else truth
