"""Compatibility: the helpers that lived here before they were split by topic, re-exported.

For code written against the old module (branches in flight). New code imports the topic modules
(docs/lint.md, "Extending"). The helpers that took `(data, fmt)` are gone: read `view.facts`
(recipegen.linters.facts) and `doc.dialect` (recipegen.linters.dialect) instead.
"""

from recipegen.linters.facts import Output, is_cross_only
from recipegen.linters.rules._data import data_lines, data_toml
from recipegen.linters.rules._folder import (
    STAGED_RECIPES_EXAMPLES,
    feedstock_on_disk,
    find_near,
    forge_dir,
    is_staged_recipe,
    load_near,
    noarch_platforms,
    on_disk,
    recipe_folder_files,
    staged_recipes_dir,
    staged_recipes_place,
)
from recipegen.linters.rules._licenses import bundled_licenses_findings, license_check, not_current_spdx
from recipegen.linters.rules._outputs import (
    is_static_archive_file,
    is_static_output_name,
    output_names,
    recipe_artifacts,
    ships_static_archive,
)
from recipegen.linters.rules._python import is_noarch_python, python_scope_kinds, untested_latest_findings
from recipegen.linters.rules._requirements import (
    LANGUAGES,
    is_library_name,
    language_entries,
    named_entries,
    plain_single_output_views,
    requirement_entries,
    requirement_lists,
    values_at,
)
from recipegen.linters.rules._selectors import _SELECTOR_LINE, is_selector_line, requirement_block_selectors
from recipegen.linters.rules._text import line_span, span_at, wheel_findings, wheel_urls, whole_document_span
from recipegen.linters.walk import (
    Path_,
    conditions,
    first_token,
    get,
    has_key,
    missing_path,
    package_of,
    script_lines,
    strings,
    truthy,
)

__all__ = [
    "LANGUAGES",
    "STAGED_RECIPES_EXAMPLES",
    "_SELECTOR_LINE",
    "Output",
    "Path_",
    "bundled_licenses_findings",
    "conditions",
    "data_lines",
    "data_toml",
    "feedstock_on_disk",
    "find_near",
    "first_token",
    "forge_dir",
    "get",
    "has_key",
    "is_cross_only",
    "is_library_name",
    "is_noarch_python",
    "is_selector_line",
    "is_staged_recipe",
    "is_static_archive_file",
    "is_static_output_name",
    "language_entries",
    "license_check",
    "line_span",
    "load_near",
    "missing_path",
    "named_entries",
    "noarch_platforms",
    "not_current_spdx",
    "on_disk",
    "output_names",
    "package_of",
    "plain_single_output_views",
    "python_scope_kinds",
    "recipe_artifacts",
    "recipe_folder_files",
    "requirement_block_selectors",
    "requirement_entries",
    "requirement_lists",
    "script_lines",
    "ships_static_archive",
    "span_at",
    "staged_recipes_dir",
    "staged_recipes_place",
    "strings",
    "truthy",
    "untested_latest_findings",
    "values_at",
    "wheel_findings",
    "wheel_urls",
    "whole_document_span",
]
