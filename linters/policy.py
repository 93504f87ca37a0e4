"""License policy files for `recipegen lint --license-policy FILE`.

A policy is TOML or YAML with `allow` and/or `deny` lists. Each entry is an SPDX license id
(any case: `MIT`, `gpl-3.0-only`) or a family from `recipegen.licenses.FAMILIES`
(`permissive`, `copyleft`, `weak-copyleft`, `public-domain`, `osi-approved`, `non-osi`,
`fsf-libre`, `deprecated`)::

    # license-policy.toml                  # license-policy.yaml
    allow = ["permissive", "MPL-2.0"]      allow: [permissive, MPL-2.0]
    deny = ["copyleft", "non-osi"]         deny: [copyleft, non-osi]
    message = "see go/licensing"           # optional, appended to every finding

TOML files may also put these keys under `[license-policy]` or `[tool.recipegen.license-policy]`.

Meaning (applied to every license id of `about.license`, exceptions ignored):

- an id that matches `deny` (by id or family) is **denied**;
- else, if `allow` is given, an id that matches nothing in `allow` is **not allowed**;
- else it is allowed.

For `A OR B` a recipe passes when at least one alternative passes; for `A AND B` every id
must pass (`LicensePolicy.evaluate` does this). The rule that reports on it lives in
linters/rules/; this module only parses and answers questions.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recipegen.problems import InputError

POLICY_KEYS = ("allow", "deny", "message")


@dataclass(frozen=True)
class PolicyVerdict:
    allowed: bool
    license_id: str = ""  # the id that decided a refusal
    reason: str = ""  # e.g. "GPL-3.0-only is in the denied family copyleft"


@dataclass(frozen=True)
class LicensePolicy:
    allow_ids: frozenset[str] = frozenset()  # lower-cased SPDX ids
    allow_families: frozenset[str] = frozenset()
    deny_ids: frozenset[str] = frozenset()
    deny_families: frozenset[str] = frozenset()
    message: str = ""
    source: str = ""  # the policy file, for messages
    entries: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)  # as written

    @property
    def has_allow_list(self) -> bool:
        return bool(self.allow_ids or self.allow_families)

    def check_id(self, license_id: str) -> PolicyVerdict:
        """Verdict for one SPDX id (LicenseRef-* ids only match by id)."""
        from recipegen.licenses import license_families

        key = license_id.strip().lower()
        families = license_families(license_id) if not key.startswith("licenseref-") else set()
        if key in self.deny_ids:
            return PolicyVerdict(False, license_id, f"{license_id} is denied by the license policy")
        denied = sorted(families & self.deny_families)
        if denied:
            return PolicyVerdict(False, license_id, f"{license_id} is in the denied license family {denied[0]}")
        if self.has_allow_list and key not in self.allow_ids and not families & self.allow_families:
            return PolicyVerdict(False, license_id, f"{license_id} is not in the license policy's allow list")
        return PolicyVerdict(True, license_id)

    def evaluate(self, expression: str) -> PolicyVerdict:
        """Verdict for a whole SPDX expression: OR needs one passing alternative, AND all."""
        alternatives = _alternatives(expression)
        if not alternatives:
            return PolicyVerdict(True)
        first_refusal: PolicyVerdict | None = None
        for ids in alternatives:
            refusal = next((v for v in (self.check_id(i) for i in ids) if not v.allowed), None)
            if refusal is None:
                return PolicyVerdict(True)
            first_refusal = first_refusal or refusal
        assert first_refusal is not None
        return first_refusal


def _alternatives(expression: str) -> list[list[str]]:
    """The expression as OR-alternatives of AND-ed ids (disjunctive normal form, small)."""
    try:
        from license_expression import AND, OR, get_spdx_licensing

        parsed = get_spdx_licensing().parse(" ".join(str(expression or "").split()), validate=False)
    except Exception:
        ids = [t for t in re.split(r"[\s()]+", str(expression or "")) if t and t.upper() not in ("AND", "OR", "WITH")]
        return [ids] if ids else []
    if parsed is None:
        return []

    def dnf(node: Any) -> list[list[str]]:
        if isinstance(node, OR):
            return [alt for arg in node.args for alt in dnf(arg)]
        if isinstance(node, AND):
            combos: list[list[str]] = [[]]
            for arg in node.args:
                combos = [c + alt for c in combos for alt in dnf(arg)][:256]
            return combos
        symbol = getattr(node, "license_symbol", node)  # `X WITH exception` -> X
        return [[str(getattr(symbol, "key", symbol))]]

    return dnf(parsed)


def _entry_line(text: str, entry: str) -> int:
    """1-based line of the first place `entry` stands alone in the policy text (0: not found)."""
    pattern = re.compile(rf"(?<![\w.+-]){re.escape(entry)}(?![\w.+-])")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.search(line.split("#", 1)[0]):
            return number
    return 0


def _check_names(lists: dict[str, tuple[str, ...]], families: set[str], source: str, text: str) -> None:
    """An entry that is neither a family, an SPDX id (any case) nor a LicenseRef- is an error at its line."""
    from recipegen.licensing.expressions import spdx_ids

    known = spdx_ids()
    for key in ("allow", "deny"):
        for entry in lists[key]:
            lowered = entry.lower()
            if lowered in families or lowered in known or lowered.startswith("licenseref-"):
                continue
            line = _entry_line(text, entry)
            close = difflib.get_close_matches(lowered, [*families, *known], n=1, cutoff=0.8)
            hint = f" (did you mean `{known.get(close[0], close[0])}`?)" if close else ""
            raise InputError(
                source,
                f"license policy `{key}`: `{entry}` is neither an SPDX license id nor a license family "
                f"({', '.join(sorted(families))}){hint}",
                line,
                1 if line else 0,
            )


def parse_policy(data: Any, source: str, text: str = "") -> LicensePolicy:
    """A LicensePolicy from parsed policy data; `text` (the file) places errors at their line."""
    from recipegen.licenses import FAMILIES

    if isinstance(data, dict):
        for nested in ("license-policy", "license_policy"):
            if isinstance(data.get(nested), dict):
                data = data[nested]
        tool = data.get("tool", {}) if isinstance(data.get("tool"), dict) else {}
        if isinstance(tool.get("recipegen", {}).get("license-policy"), dict):
            data = tool["recipegen"]["license-policy"]
    if not isinstance(data, dict):
        raise InputError(source, "a license policy must be a mapping with `allow` and/or `deny` lists")
    unknown = sorted(set(data) - set(POLICY_KEYS))
    if unknown:
        raise InputError(
            source, f"unknown license policy key(s): {', '.join(map(str, unknown))} (expected {', '.join(POLICY_KEYS)})"
        )
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("allow", "deny"):
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(source, f"license policy `{key}` must be a list of SPDX ids or families")
        lists[key] = tuple(v.strip() for v in value if v.strip())
    if not lists["allow"] and not lists["deny"]:
        raise InputError(source, "the license policy has neither an `allow` nor a `deny` list")
    families = set(FAMILIES)
    _check_names(lists, families, source, text)

    def split(entries: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
        fams = frozenset(e.lower() for e in entries if e.lower() in families)
        ids = frozenset(e.lower() for e in entries if e.lower() not in families)
        return ids, fams

    allow_ids, allow_families = split(lists["allow"])
    deny_ids, deny_families = split(lists["deny"])
    return LicensePolicy(
        allow_ids,
        allow_families,
        deny_ids,
        deny_families,
        message=str(data.get("message", "") or ""),
        source=source,
        entries=lists,
    )


def load_policy(path: str | Path) -> LicensePolicy:
    """Read a policy file (.toml, or YAML for any other suffix); InputError when unusable."""
    from recipegen.yamlio import read_text

    name = str(path)
    text = read_text(path, max_bytes=1024 * 1024)
    if name.endswith(".toml"):
        from recipegen.tomlread import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(name, f"invalid TOML: {exc}") from None
    else:
        from recipegen.yamlio import parse_yaml, to_plain

        data = to_plain(parse_yaml(text, name))
    return parse_policy(data, name, text)
