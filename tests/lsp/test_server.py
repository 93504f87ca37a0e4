"""End to end: the real `recipegen lsp` over stdio, driven as VS Code and Neovim drive it.

Open, change (whole and incremental), diagnostics (ranges, severity, code, docs link, conda-smithy
ids), hover, completion, a quick fix applied and checked again, outline, go to definition, both
recipe formats, variants files, configuration and ignore comments, and a broken document.
"""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.conftest import apply_text_edits, change_document, diagnostics_for, open_document

pytestmark = pytest.mark.asyncio(loop_scope="module")

RECIPE = """\
context:
  version: "1.2.0"

package:
  name: foo
  version: ${{ version }}

source:
  url: https://example.org/foo-${{ version }}.tar.gz
  sha256: 8f7a2b1c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a

build:
  number: 0

requirements:
  build:
    - ${{ compiler('c') }}  # the C compiler
    - cmake
  host:
    - zlib

tests:
  - script:
      - foo --version

about:
  homepage: https://example.org
  summary: Foo
  license: MIT
  license_file: LICENSE

extra:
  recipe-maintainers:
    - octocat
"""

META = """\
{% set version = "1.3.1" %}

package:
  name: bar
  version: {{ version }}

source:
  url: https://example.org/bar-{{ version }}.tar.gz
  sha256: 8f7a2b1c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a

build:
  number: 0
  skip: true #[win]

requirements:
  build:
    - {{ compiler('c') }}
    - {{ stdlib('c') }}
    - make

test:
  commands:
    - bar --version

about:
  home: https://example.org
  summary: Bar
  license: MIT
  license_file: LICENSE

extra:
  recipe-maintainers:
    - octocat
"""


def _position(text: str, needle: str, offset: int = 0) -> types.Position:
    before = text[: text.index(needle) + offset]
    return types.Position(before.count("\n"), len(before) - (before.rfind("\n") + 1))


async def _hover(client: LanguageClient, uri: str, text: str, needle: str, offset: int = 1) -> str:
    found = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), _position(text, needle, offset))
    )
    assert found is not None, needle
    return found.contents.value  # type: ignore[union-attr]


async def _labels(client: LanguageClient, uri: str, position: types.Position) -> list[str]:
    found = await client.text_document_completion_async(
        types.CompletionParams(types.TextDocumentIdentifier(uri), position)
    )
    items = found.items if isinstance(found, types.CompletionList) else (found or [])
    return [item.label for item in items]


async def test_diagnostics_of_a_recipe(client: LanguageClient, tmp_path):
    uri = open_document(client, tmp_path / "recipe.yaml", RECIPE)
    diagnostics = await diagnostics_for(client, uri, 1)
    stdlib = [d for d in diagnostics if d.code == "stdlib-missing"]
    assert len(stdlib) == 1, diagnostics
    found = stdlib[0]
    assert found.range.start == _position(RECIPE, "${{ compiler")
    assert found.range.end == _position(RECIPE, "  # the C compiler")
    assert found.severity == types.DiagnosticSeverity.Error
    assert found.source == "recipegen"
    assert found.code_description.href.endswith("docs/rules.md#stdlib-missing")
    assert found.message.endswith("(conda-smithy R-033)")


async def test_change_is_checked_again(client: LanguageClient, tmp_path):
    uri = open_document(client, tmp_path / "recipe.yaml", RECIPE)
    await diagnostics_for(client, uri, 1)
    broken = RECIPE.replace("  number: 0\n", "  number: 0\n  nubmer: 1\n")
    change_document(client, uri, broken, 2)
    diagnostics = await diagnostics_for(client, uri, 2)
    typo = [d for d in diagnostics if d.code == "schema"]
    assert typo and typo[0].range.start == _position(broken, "nubmer")
    assert "did you mean 'number'" in typo[0].message
    # an incremental change (Neovim and VS Code send ranges): delete the typo line again
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=3, uri=uri),
            [types.TextDocumentContentChangePartial(types.Range(types.Position(13, 0), types.Position(14, 0)), "")],
        )
    )
    diagnostics = await diagnostics_for(client, uri, 3)
    assert [d.code for d in diagnostics] == ["stdlib-missing"]


async def test_quick_fix_applied_and_checked_again(client: LanguageClient, tmp_path):
    uri = open_document(client, tmp_path / "recipe.yaml", RECIPE)
    diagnostics = await diagnostics_for(client, uri, 1)
    target = next(d for d in diagnostics if d.code == "stdlib-missing")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri), target.range, types.CodeActionContext(diagnostics=[target])
        )
    )
    fix = next(a for a in actions if a.is_preferred)
    assert fix.title == "Add `${{ stdlib('c') }}` to build"
    assert fix.kind == types.CodeActionKind.QuickFix
    assert [d.code for d in fix.diagnostics] == ["stdlib-missing"]
    fixed = apply_text_edits(RECIPE, fix.edit.changes[uri])
    assert fixed == RECIPE.replace("    - cmake\n", "    - ${{ stdlib('c') }}\n    - cmake\n")
    change_document(client, uri, fixed, 2)
    assert await diagnostics_for(client, uri, 2) == []
    ignore = next(a for a in actions if a.title.startswith("Ignore"))
    silenced = apply_text_edits(RECIPE, ignore.edit.changes[uri])
    assert "${{ compiler('c') }}  # the C compiler  # recipegen: ignore[stdlib-missing]" in silenced
    change_document(client, uri, silenced, 3)
    assert await diagnostics_for(client, uri, 3) == []


async def test_hover(client: LanguageClient, tmp_path):
    uri = open_document(client, tmp_path / "recipe.yaml", RECIPE)
    await diagnostics_for(client, uri, 1)
    assert "URL of the project's homepage" in await _hover(client, uri, RECIPE, "homepage")
    dependency = await _hover(client, uri, RECIPE, "cmake")
    assert "on conda-forge" in dependency and "not globally pinned" in dependency
    pinned = await _hover(client, uri, RECIPE, "zlib")
    assert "globally pinned by conda-forge" in pinned
    expression = await _hover(client, uri, RECIPE, "${{ version }}.tar", 5)
    assert "`version` = `1.2.0`" in expression and "rattler-build" in expression
    compiler = await _hover(client, uri, RECIPE, "compiler('c')", 2)
    assert "gcc_linux-64" in compiler
    rule = await _hover(client, uri, RECIPE, "${{ compiler", 1)
    assert "**stdlib-missing**" in rule and "*Why:*" in rule and "```yaml" in rule


async def test_completion(client: LanguageClient, tmp_path):
    text = RECIPE.replace("  host:\n    - zlib\n", "  host:\n    - zlib\n    - nump\n  \n")
    uri = open_document(client, tmp_path / "recipe.yaml", text)
    await diagnostics_for(client, uri, 1)
    names = await _labels(client, uri, _position(text, "- nump", 6))
    assert "numpy" in names and all(n.startswith("nump") for n in names)
    keys = await _labels(client, uri, _position(text, "  \n\ntests", 2))
    assert {"run", "run_constraints", "ignore_run_exports"} <= set(keys) and "build" not in keys
    jinja = await _labels(client, uri, _position(text, "${{ version }}.tar", 4))
    assert {"compiler", "stdlib", "pin_subpackage", "match", "version", "target_platform"} <= set(jinja)
    selector = text.replace("    - cmake\n", "    - if: li\n      then: cmake\n")
    change_document(client, uri, selector, 2)
    await diagnostics_for(client, uri, 2)
    assert {"linux", "osx", "win", "unix"} <= set(await _labels(client, uri, _position(selector, "if: li", 6)))


async def test_meta_yaml(client: LanguageClient, tmp_path):
    uri = open_document(client, tmp_path / "meta.yaml", META)
    diagnostics = await diagnostics_for(client, uri, 1)
    selector = [d for d in diagnostics if d.code == "selector-format"]
    assert selector and selector[0].range.start.line == _position(META, "skip").line
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri), selector[0].range, types.CodeActionContext(diagnostics=selector)
        )
    )
    fix = next(a for a in actions if a.is_preferred)
    fixed = apply_text_edits(META, fix.edit.changes[uri])
    assert "  skip: true  # [win]\n" in fixed
    change_document(client, uri, fixed, 2)
    assert "selector-format" not in [d.code for d in await diagnostics_for(client, uri, 2)]
    assert "1.3.1" in await _hover(client, uri, META, "{{ version }}.tar", 4)
    keys = await _labels(client, uri, _position(META, "  skip", 2))
    assert "noarch" in keys and "script" in keys and "skip" not in keys


async def test_broken_document(client: LanguageClient, tmp_path):
    text = RECIPE.replace("  name: foo\n", "  name: [foo\n")
    uri = open_document(client, tmp_path / "recipe.yaml", text)
    diagnostics = await diagnostics_for(client, uri, 1)
    assert len(diagnostics) == 1 and diagnostics[0].code == "unusable-input"
    assert diagnostics[0].severity == types.DiagnosticSeverity.Error
    await _hover(client, uri, text, "homepage")
    assert await _labels(client, uri, _position(text, "    - cmake", 7)) is not None
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(uri))
    )
    assert "requirements" in [s.name for s in symbols]
    change_document(client, uri, RECIPE, 2)
    assert [d.code for d in await diagnostics_for(client, uri, 2)] == ["stdlib-missing"]


async def test_a_document_over_the_size_limit_is_one_diagnostic(client: LanguageClient, tmp_path):
    """The editor's text gets the size limit `recipegen lint` reads files with (a 3 MB buffer
    gave no diagnostics in 60 s and fix-all no answer in 120 s)."""
    text = RECIPE + "".join(f"k{i}: {i}\n" for i in range(200_000))
    uri = open_document(client, tmp_path / "recipe.yaml", text)
    diagnostics = await diagnostics_for(client, uri, 1, timeout=15)
    assert [d.code for d in diagnostics] == ["unusable-input"]
    assert "more than the 2097152 a recipe may have" in diagnostics[0].message
    whole = types.Range(types.Position(0, 0), types.Position(1, 0))
    context = types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])
    params = types.CodeActionParams(types.TextDocumentIdentifier(uri), whole, context)
    actions = await asyncio.wait_for(client.text_document_code_action_async(params), timeout=15)
    assert not actions
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))


async def test_outline_and_definition(client: LanguageClient, tmp_path):
    uri = open_document(client, tmp_path / "recipe.yaml", RECIPE)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(uri))
    )
    assert [s.name for s in symbols] == [
        "context",
        "package",
        "source",
        "build",
        "requirements",
        "tests",
        "about",
        "extra",
    ]
    requirements = next(s for s in symbols if s.name == "requirements")
    assert [c.name for c in requirements.children] == ["build", "host"]
    location = await client.text_document_definition_async(
        types.DefinitionParams(types.TextDocumentIdentifier(uri), _position(RECIPE, "${{ version }}.tar", 5))
    )
    assert location.uri == uri and location.range.start == types.Position(1, 2)


async def test_variants_file_and_configuration(client: LanguageClient, tmp_path):
    (tmp_path / "recipegen.toml").write_text('[lint]\nignore = ["stdlib-missing"]\n', encoding="utf-8")
    recipe = open_document(client, tmp_path / "recipe.yaml", RECIPE)
    assert await diagnostics_for(client, recipe, 1) == []
    variants = "python:\n  - 3.10\nzip_keys: python\n"
    uri = open_document(client, tmp_path / "variants.yaml", variants)
    diagnostics = await diagnostics_for(client, uri, 1)
    assert any(d.code == "schema" and d.range.start.line == 2 for d in diagnostics)
    keys = await _labels(client, uri, types.Position(3, 0))
    assert "pin_run_as_build" in keys
