"""The one emitter: a recipe (`recipegen.recipe.Recipe`) → conda-forge-style v1 `recipe.yaml` text.

Generators build the typed model, whose items carry their own comments; this module works out
where each comment lands, orders keys canonically, picks scalar styles (block scalars for long
or multi-line text, double quotes only where YAML needs them), escapes `${{` in upstream free
text and renders deterministic text. `emit_recipe` takes plain data with comments by path
(`recipegen convert`).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
)

from recipegen.endpoints import schema_url
from recipegen.recipe import Commented, CommentTargetError, If, Recipe, Req, Text
from recipegen.yamlio import PathKey, dump_yaml

TOP_LEVEL_ORDER = (
    "schema_version",
    "context",
    "package",
    "recipe",
    "source",
    "build",
    "requirements",
    "tests",
    "about",
    "extra",
    "outputs",
)
# conda-forge's order for multi-output recipes (conda-smithy R-001): outputs before about/extra.
MULTI_OUTPUT_ORDER = (
    "schema_version",
    "context",
    "recipe",
    "source",
    "build",
    "outputs",
    "about",
    "extra",
)
OUTPUT_ORDER = ("package", "staging", "inherit", "source", "build", "requirements", "tests", "about", "extra")
SECTION_ORDER: dict[str, tuple[str, ...]] = {
    "package": ("name", "version"),
    "recipe": ("name", "version"),
    "staging": ("name",),
    "source": (
        "url",
        "git",
        "path",
        "rev",
        "tag",
        "branch",
        "depth",
        "lfs",
        "sha256",
        "md5",
        "file_name",
        "use_gitignore",
        "filter",
        "patches",
        "target_directory",
    ),
    "build": (
        "number",
        "string",
        "skip",
        "noarch",
        "script",
        "python",
        "merge_build_and_host_envs",
        "always_include_files",
        "always_copy_files",
        "files",
        "dynamic_linking",
        "variant",
        "prefix_detection",
        "post_process",
    ),
    "python": (
        "entry_points",
        "use_python_app_entrypoint",
        "skip_pyc_compilation",
        "version_independent",
        "site_packages_path",
    ),
    "requirements": ("build", "host", "run", "run_constraints", "run_exports", "ignore_run_exports"),
    "run_exports": ("weak", "strong", "noarch", "weak_constraints", "strong_constraints"),
    "ignore_run_exports": ("by_name", "from_package"),
    "about": (
        "homepage",
        "repository",
        "documentation",
        "summary",
        "description",
        "license",
        "license_file",
    ),
    "extra": ("feedstock-name", "recipe-maintainers"),
    "test_python": ("imports", "pip_check", "python_version"),
    "test_script": ("script", "requirements", "files"),
    "package_contents": ("files", "site_packages", "bin", "lib", "include", "strict"),
    "conditional": ("if", "then", "else"),
    "script_object": ("interpreter", "env", "secrets", "file", "content", "cwd"),
}
# Test elements are ordered by the key that names their type.
TEST_KEYS = ("python", "script", "requirements", "files", "package_contents", "downstream", "perl", "r")

LONG_TEXT = 88
_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9_./${}()<>=!*,'\"+~ :@#|&\[\]^-]*$")


def _order_keys(mapping: Mapping, order: Iterable[str]) -> list:
    order = list(order)
    known = [k for k in order if k in mapping]
    rest = [k for k in mapping if k not in order]
    return known + rest


def _context_for(parent: str, key: Any) -> str:
    """Which ordering table applies to the child `key` of a mapping found under `parent`."""
    if parent == "outputs_item":
        return {"package": "package", "staging": "staging"}.get(key, key)
    if parent == "build" and key == "python":
        return "python"
    if parent == "tests_item" and key == "python":
        return "test_python"
    if parent == "tests_item" and key == "script":
        return "script_object"
    if parent == "build" and key == "script":
        return "script_object"
    return key


def _needs_quotes(text: str) -> bool:
    """True when a plain scalar would not read back as this exact string."""
    if text == "" or text != text.strip():
        return True
    if text.lower() in {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"}:
        return True
    if re.fullmatch(r"[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?", text) and any(c.isdigit() for c in text):
        return True
    if re.fullmatch(r"0[xob][0-9a-fA-F_]+|[-+]?\.(inf|nan)|\d+:\d+(:\d+)*", text, re.I):
        return True
    if text[0] in "!&*[]{}|>%@`#,?'\"" or (text[0] in "-:" and (len(text) == 1 or text[1] == " ")):
        return True
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return True
    return not _PLAIN_SAFE.match(text)


def _style_string(text: str, key: Any) -> Any:
    if "\n" in text:
        return LiteralScalarString(text)
    if key == "description" and len(text) > LONG_TEXT:
        folded = FoldedScalarString(text)
        lines = textwrap.wrap(text, width=LONG_TEXT - 8, break_long_words=False, break_on_hyphens=False)
        positions, offset = [], 0
        for line in lines[:-1]:
            offset = text.index(line, offset) + len(line)
            positions.append(offset)
        folded.fold_pos = positions  # type: ignore[attr-defined]
        return folded
    if _needs_quotes(text):
        return DoubleQuotedScalarString(text)
    return text


def _build(node: Any, parent: str, key: Any) -> Any:
    """Recursively convert plain data into ordered, styled ruamel nodes."""
    if isinstance(node, Mapping):
        if "if" in node and "then" in node:
            table = SECTION_ORDER["conditional"]
            child_parent = parent
        elif parent == "tests":
            kind = next((k for k in TEST_KEYS if k in node), "")
            table = {"python": ("python",), "script": SECTION_ORDER["test_script"]}.get(kind, ())
            child_parent = "tests_item"
        elif parent == "outputs":
            table = OUTPUT_ORDER
            child_parent = "outputs_item"
        elif parent == "":
            table = MULTI_OUTPUT_ORDER if "outputs" in node else TOP_LEVEL_ORDER
            child_parent = "top"
        else:
            context = _context_for(parent, key)
            table = SECTION_ORDER.get(context, ())
            child_parent = context
        result = CommentedMap()
        for child_key in _order_keys(node, table):
            if child_parent in ("top", "outputs_item"):
                grand = child_key
            elif "if" in node and "then" in node:
                grand = parent
            else:
                grand = child_parent
            result[child_key] = _build(node[child_key], grand, child_key)
        return result
    if isinstance(node, (list, tuple)):
        seq = CommentedSeq()
        item_parent = parent
        for item in node:
            seq.append(_build(item, item_parent, key))
        return seq
    if isinstance(node, str):
        return _style_string(node, key)
    return node


def _attach_comments(
    root: CommentedMap,
    eol: Mapping[tuple[PathKey, ...], str],
    before: Mapping[tuple[PathKey, ...], str],
) -> None:
    for path, text in sorted(eol.items(), key=lambda kv: [str(p) for p in kv[0]]):
        _target(root, path).yaml_add_eol_comment("# " + text, path[-1])
    for path, text in sorted(before.items(), key=lambda kv: [str(p) for p in kv[0]]):
        indent = 2 * len(path[:-1])
        _target(root, path).yaml_set_comment_before_after_key(path[-1], before=text, indent=indent)


def _target(root: Any, path: tuple[PathKey, ...]) -> Any:
    """The container that holds the node at `path`; a path that names nothing is an error."""
    node = root
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            raise CommentTargetError(f"a comment on {_dotted(path)}, which the recipe does not have") from None
    last = path[-1] if path else None
    holds = isinstance(node, Mapping) and last in node
    holds = holds or (isinstance(node, list) and isinstance(last, int) and 0 <= last < len(node))
    if not holds:
        raise CommentTargetError(f"a comment on {_dotted(path)}, which the recipe does not have")
    return node


def _dotted(path: tuple[PathKey, ...]) -> str:
    return ".".join(str(p) for p in path) or "(the root)"


# Free text from upstream renders as itself: `${{` is written as an expression giving `${{`.
TEMPLATE_START = "${{"
ESCAPED_TEMPLATE_START = "${{ '${{' }}"


def escape_template(text: str) -> str:
    """`text` as rattler-build renders back to itself (no `${{ ... }}` of it is evaluated)."""
    return text.replace(TEMPLATE_START, ESCAPED_TEMPLATE_START)


Comments = dict[tuple[PathKey, ...], str]


def locate_comments(tree: Any) -> tuple[Any, Comments, Comments]:
    """The plain data of a model tree (`Recipe.tree()`) and where each of its comments lands:
    (data, end-of-line comments by path, comments above by path). Paths are keys and list
    indexes as the items stand now, so a comment always stays on its item."""
    eol: Comments = {}
    before: Comments = {}
    data = _plain(tree, (), eol, before)
    return data, eol, before


def plain_data(tree: Any) -> Any:
    """A model tree as plain data, as it is written (comments left out)."""
    return locate_comments(tree)[0]


def _plain(node: Any, path: tuple[PathKey, ...], eol: Comments, before: Comments) -> Any:
    if isinstance(node, Commented):
        _remember(path, node.comment, node.above, eol, before)
        return _plain(node.value, path, eol, before)
    if isinstance(node, Req):
        if node.condition:
            _remember(path, "", node.above, eol, before)
            _remember((*path, "then"), node.comment, "", eol, before)
            return {"if": node.condition, "then": node.text()}
        _remember(path, node.comment, node.above, eol, before)
        return node.text()
    if isinstance(node, If):
        _remember(path, "", node.above, eol, before)
        _remember((*path, "if"), node.comment, "", eol, before)
        block = {"if": node.condition, "then": _plain(node.then, (*path, "then"), eol, before)}
        if node.otherwise is not None:
            block["else"] = _plain(node.otherwise, (*path, "else"), eol, before)
        return block
    if isinstance(node, Text):
        return escape_template(str(node))
    if isinstance(node, Mapping):
        return {key: _plain(value, (*path, key), eol, before) for key, value in node.items()}
    if isinstance(node, (list, tuple)):
        return [_plain(item, (*path, index), eol, before) for index, item in enumerate(node)]
    return node


def _remember(path: tuple[PathKey, ...], comment: str, above: str, eol: Comments, before: Comments) -> None:
    if not path and (comment or above):
        raise CommentTargetError("a comment on the whole recipe")
    if comment:
        eol[path] = comment
    if above:
        before[path] = above


def emit(recipe: Recipe, *, outputs_only: bool = False) -> str:
    """The `recipe.yaml` text of a model recipe (`outputs_only`: only its `outputs:` section,
    without the schema line, for merging into an existing recipe)."""
    if outputs_only:
        return emit_tree(recipe.outputs_tree(), header=False)
    return emit_tree(recipe.tree())


def emit_tree(tree: Any, *, header: bool = True) -> str:
    """Text of a model tree (plain data whose values may be `Commented`, `Req`, `If`, `Text`)."""
    data, eol, before = locate_comments(tree)
    return emit_recipe(data, eol_comments=eol, before_comments=before, header=header)


def emit_recipe(
    recipe: Mapping[str, Any],
    *,
    eol_comments: Mapping[tuple[PathKey, ...], str] | None = None,
    before_comments: Mapping[tuple[PathKey, ...], str] | None = None,
    header: bool = True,
) -> str:
    """Render recipe data as v1 `recipe.yaml` text.

    `eol_comments` maps a path (keys and list indexes) to a comment written at the end of
    that line; `before_comments` to comment lines written above it; a path the data does not
    have is a `CommentTargetError`. The same input always gives byte-identical text.
    """
    root = _build(recipe, "", None)
    _attach_comments(root, eol_comments or {}, before_comments or {})
    text = dump_yaml(root)
    text = _two_spaces_before_comments(text, (eol_comments or {}).values())
    text = _blank_lines_between_sections(text)
    if header:
        text = f"# yaml-language-server: $schema={schema_url()}\n\n" + text
    return text


def _two_spaces_before_comments(text: str, comments: Iterable[str]) -> str:
    """ruamel puts one space before an end-of-line comment on long lines; YAML style wants two."""
    endings = tuple(f"# {comment}" for comment in comments)
    if not endings:
        return text
    lines = []
    for line in text.splitlines():
        for ending in endings:
            if line.endswith(ending) and len(line) > len(ending):
                body = line[: -len(ending)].rstrip()
                if body.strip():
                    line = f"{body}  {ending}"
                break
        lines.append(line)
    return "\n".join(lines) + "\n"


def _blank_lines_between_sections(text: str) -> str:
    """A blank line before each top-level section, above the comment lines written for it."""
    out: list[str] = []
    for line in text.splitlines():
        starts_section = bool(line) and not line[0].isspace() and not line.startswith(("#", "-"))
        if starts_section:
            at = len(out)
            while at > 0 and out[at - 1].startswith("#"):
                at -= 1  # the section's own comments stay with it
            if at > 0 and out[at - 1] != "":
                out.insert(at, "")
        out.append(line)
    return "\n".join(out) + "\n"
