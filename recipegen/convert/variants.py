"""`conda_build_config.yaml` -> `variants.yaml`: `# [selector]` lines become `if:`/`then:` items.

A key under a selector (`c_compiler:  # [not win]`) passes its condition to each of its values,
so on the other platforms the key has no value left. Values keep the text they were written
with (`3.10` stays `"3.10"`, never the number 3.1).
"""

from __future__ import annotations

from typing import Any

from recipegen.convert.template import Issue, convert_template
from recipegen.convert.tree import CMap, Resolver, parse_lines


def convert_variants(text: str) -> tuple[str, list[Issue]]:
    """(variants.yaml text, issues)."""
    template = convert_template(text)
    issues = list(template.issues)
    if issues:
        return "", issues
    if not template.lines:
        return "", []
    tree, _comments, yaml_issues = parse_lines(template.lines, "conda_build_config.yaml", typed=False)
    issues += yaml_issues
    if tree is None:
        return "", issues
    if not isinstance(tree, CMap):
        return "", [Issue(1, "not a mapping of variant keys")]
    resolver = Resolver(issues)
    data = resolver.value(tree, (), ())
    from recipegen.convert.pipeline import comments_with_their_section
    from recipegen.emit import emit_recipe

    text = emit_recipe(_strings(data), eol_comments=resolver.eol, before_comments=resolver.before, header=False)
    text = comments_with_their_section(text)
    return text, issues


def _strings(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: v if k in ("if",) else _strings(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_strings(v) for v in data]
    if isinstance(data, bool) or data is None:
        return data
    return str(data)
