"""The one emitter: recipe data (plain dicts and lists) → conda-forge-style v1 `recipe.yaml` text.

Generators build recipes as plain data; this module orders keys canonically, picks scalar
styles (block scalars for long or multi-line text, double quotes only where YAML needs them),
attaches comments and renders deterministic text.
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
        parent = _walk(root, path[:-1])
        if parent is not None:
            parent.yaml_add_eol_comment("# " + text, path[-1])
    for path, text in sorted(before.items(), key=lambda kv: [str(p) for p in kv[0]]):
        parent = _walk(root, path[:-1])
        if parent is None:
            continue
        indent = 2 * sum(1 for p in path[:-1] if isinstance(p, str)) + 2 * sum(
            1 for p in path[:-1] if isinstance(p, int)
        )
        if isinstance(parent, CommentedMap):
            parent.yaml_set_comment_before_after_key(path[-1], before=text, indent=indent)
        else:
            parent.yaml_set_comment_before_after_key(path[-1], before=text, indent=indent)


def _walk(root: Any, path: tuple[PathKey, ...]) -> Any:
    node = root
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def emit_recipe(
    recipe: Mapping[str, Any],
    *,
    eol_comments: Mapping[tuple[PathKey, ...], str] | None = None,
    before_comments: Mapping[tuple[PathKey, ...], str] | None = None,
    header: bool = True,
) -> str:
    """Render recipe data as v1 `recipe.yaml` text.

    `eol_comments` maps a path (keys and list indexes) to a comment written at the end of
    that line; `before_comments` to comment lines written above it. The same input always
    gives byte-identical text.
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
    out: list[str] = []
    for line in text.splitlines():
        starts_section = bool(line) and not line[0].isspace() and not line.startswith(("#", "-"))
        if starts_section and out and out[-1] != "":
            out.append("")
        out.append(line)
    return "\n".join(out) + "\n"
