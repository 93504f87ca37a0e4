"""The conversion stages in order (see recipegen.convert)."""

from __future__ import annotations

from typing import Any

from recipegen.convert import ConvertedRecipe
from recipegen.convert.recipe import convert_root
from recipegen.convert.sections import Conversion, Folder
from recipegen.convert.template import ContextVar, Issue, convert_template
from recipegen.convert.tree import TRAILING, CMap, Entry, Resolver, parse_lines


def run(
    text: str, filename: str, folder: Folder, variants_source: str | None, variant_keys: frozenset[str]
) -> ConvertedRecipe:
    template = convert_template(text, variant_keys)
    issues = list(template.issues)
    notes = list(template.notes)
    if not template.lines:
        return ConvertedRecipe("", None, issues or [Issue(0, "the recipe is empty")], notes)
    tree, comments, yaml_issues = parse_lines(template.lines, filename, typed=False)  # as conda-build reads it
    issues += yaml_issues
    if tree is None or not isinstance(tree, CMap):
        if not yaml_issues:
            issues.append(Issue(1, "the recipe is empty" if tree is None else "the recipe is not a YAML mapping"))
        return ConvertedRecipe("", None, issues, notes)
    conversion = Conversion(folder=folder)
    v1 = convert_root(tree, conversion)
    issues += conversion.issues
    notes += conversion.notes
    _insert_context(v1, template.context)
    resolver = Resolver(issues)
    data = resolver.value(v1, (), ())
    variants_text = None
    if variants_source is not None:
        from recipegen.convert.variants import convert_variants

        variants_text, variant_issues = convert_variants(variants_source)
        issues += [Issue(i.line, f"conda_build_config.yaml: {i.message}") for i in variant_issues]
    if issues:
        return ConvertedRecipe("", None, issues, notes)
    from recipegen.emit import emit_recipe

    rendered = emit_recipe(data, eol_comments=resolver.eol, before_comments=resolver.before)
    closing = [line for line in comments.trailing if line.startswith(TRAILING)]
    if closing:  # indented comments after the last line stay at the end of its block
        rendered = rendered.rstrip("\n") + "\n" + "".join(f"# {line}\n" for line in closing)
    rendered = comments_with_their_section(rendered)
    if len(closing) < len(comments.trailing):
        rendered += "\n" + "".join(f"# {line}\n" for line in comments.trailing if not line.startswith(TRAILING))
    return ConvertedRecipe(rendered, variants_text, [], notes)


def _insert_context(v1: CMap, context: list[ContextVar]) -> None:
    if not context:
        return
    entries = CMap([Entry(c.key, _context_value(c), (), c.line, -1, c.before, c.eol) for c in context])
    v1.entries.insert(1, Entry("context", entries))


def _context_value(variable: ContextVar) -> Any:
    if variable.expression:
        return "${{ " + variable.expression + " }}"
    return variable.value


def comments_with_their_section(text: str) -> str:
    """Comments in place: the blank line the emitter puts before a top-level key goes above that
    key's comments; comments that closed the block above stay under its last line."""
    lines = text.split("\n")
    index = 2
    while index < len(lines):
        line = lines[index]
        starts_section = bool(line) and not line[0].isspace() and not line.startswith(("#", "-"))
        above = lines[index - 2]
        if (
            starts_section
            and lines[index - 1] == ""
            and above.lstrip().startswith("#")
            and not above.startswith("# yaml-language-server")
        ):
            top = index - 2
            while (
                top > 0
                and lines[top - 1].lstrip().startswith("#")
                and not lines[top - 1].startswith("# yaml-language-server")
            ):
                top -= 1
            del lines[index - 1]
            if top > 0 and lines[top - 1] != "":
                lines.insert(top, "")
                index += 1
        index += 1
    return _place_trailing("\n".join(lines))


def _place_trailing(text: str) -> str:
    """Comments marked as closing a block go right under its last line, at its items' indent."""
    from recipegen.convert.tree import TRAILING

    lines = text.split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        if TRAILING not in line:
            out.append(line)
            continue
        while out and out[-1] == "":
            out.pop()
        out.append(" " * _item_indent(out) + line.replace(TRAILING, "").lstrip())
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if following and not following[0].isspace() and not following.startswith("#"):
            out.append("")  # the section break stays below the comments
    return "\n".join(out)


def _item_indent(lines: list[str]) -> int:
    """The indent of the list item (or key) the last content line belongs to."""
    content = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not content:
        return 0
    last = content[-1]
    depth = len(last) - len(last.lstrip())
    if last.lstrip().startswith("- "):
        return depth
    for line in reversed(content):
        indent = len(line) - len(line.lstrip())
        if line.lstrip().startswith("- ") and indent < depth:
            return indent
    return depth
