"""The language server on the files around a recipe and on requests that take long (review2).

Problems a recipe's rules find in conda-forge.yml and in variant files are published on those
files at their own lines (and shown when one of them is opened), with quick fixes only for their
own diagnostic; requests for documents the editor never opened are answered; fix-all runs off the
protocol's thread, shares `lint --fix`'s policy, and never delays other requests.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.conftest import apply_text_edits, diagnostics_for, open_document
from tests.lsp.test_server import RECIPE

pytestmark = pytest.mark.asyncio(loop_scope="module")

FORGE_YML = "conda_build_tool: rattler-build\ntest_on_native_only: true\nos_version:\n  linux_64: cos7\n"
CBC = "MACOSX_DEPLOYMENT_TARGET:  # [osx and x86_64]\n  - '10.15'                 # [osx and x86_64]\n"
FIXED_RECIPE = RECIPE.replace("    - cmake\n", "    - ${{ stdlib('c') }}\n    - cmake\n")


def _feedstock(root: Path) -> Path:
    recipe = root / "foo-feedstock" / "recipe"
    recipe.mkdir(parents=True)
    (recipe / "recipe.yaml").write_text(FIXED_RECIPE, encoding="utf-8")
    (recipe / "conda_build_config.yaml").write_text(CBC, encoding="utf-8")
    (recipe / "recipegen.toml").write_text("[lint]\nconda-forge = true\n", encoding="utf-8")
    (recipe.parent / "conda-forge.yml").write_text(FORGE_YML, encoding="utf-8")
    return recipe


async def _actions(client: LanguageClient, uri: str, where: types.Range, only=None) -> list[types.CodeAction]:
    context = types.CodeActionContext(diagnostics=[], only=only)
    found = await client.text_document_code_action_async(
        types.CodeActionParams(types.TextDocumentIdentifier(uri), where, context)
    )
    return list(found or [])


async def test_problems_in_conda_forge_yml_are_published_there(client: LanguageClient, tmp_path):
    recipe = _feedstock(tmp_path)
    forge = recipe.parent / "conda-forge.yml"
    uri = open_document(client, forge, FORGE_YML)
    found = await diagnostics_for(client, uri)
    for _ in range(300):  # the recipe next to it is checked from the disk, then published here
        if {d.code for d in found} >= {"forge-yml-deprecated-key", "forge-yml-old-os-version"}:
            break
        await asyncio.sleep(0.02)
        found = list(client.diagnostics.get(uri, []))
    lines = {d.code: d.range.start.line for d in found}
    assert lines["forge-yml-deprecated-key"] == 1 and lines["forge-yml-old-os-version"] == 2, found
    assert not any(d.message.startswith("conda-forge.yml:") for d in found)
    deprecated = next(d for d in found if d.code == "forge-yml-deprecated-key")
    actions = await _actions(client, uri, deprecated.range)
    fixes = [a for a in actions if not a.title.startswith("Ignore")]
    assert [a.title for a in fixes] == ["Remove `test_on_native_only` from conda-forge.yml"]
    assert fixes[0].is_preferred and list(fixes[0].edit.changes) == [uri]
    fixed = apply_text_edits(FORGE_YML, fixes[0].edit.changes[uri])
    assert fixed == FORGE_YML.replace("test_on_native_only: true\n", "")


async def test_variant_file_problems_show_when_it_is_opened(client: LanguageClient, tmp_path):
    recipe = _feedstock(tmp_path)
    uri = open_document(client, recipe / "conda_build_config.yaml", CBC)
    for _ in range(300):
        found = list(client.diagnostics.get(uri, []))
        if any(d.code == "variants-macos-deployment-target-key" for d in found):
            break
        await asyncio.sleep(0.02)
    target = next(d for d in found if d.code == "variants-macos-deployment-target-key")
    assert target.range.start == types.Position(0, 0)
    recipe_uri = open_document(client, recipe / "recipe.yaml", FIXED_RECIPE)
    in_recipe = await diagnostics_for(client, recipe_uri, 1)
    assert not any(d.code.startswith(("variants-", "forge-yml")) for d in in_recipe), in_recipe  # type: ignore[union-attr]
    whole_first_line = types.Range(types.Position(0, 0), types.Position(0, 10))
    offered = [a.title for a in await _actions(client, recipe_uri, whole_first_line)]
    assert all(title.startswith("Ignore") for title in offered), offered  # no fix of another file's problem


async def test_requests_for_documents_never_opened(client: LanguageClient, tmp_path):
    on_disk = tmp_path / "recipe.yaml"
    on_disk.write_text(RECIPE, encoding="utf-8")
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(on_disk.as_uri()))
    )
    assert "requirements" in [s.name for s in symbols]
    missing = (tmp_path / "nope" / "recipe.yaml").as_uri()
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(missing), types.Position(0, 0))
    )
    assert hover is None


async def test_slow_rules_off_means_no_render_in_variant_files(client: LanguageClient, tmp_path):
    # rattler-build fails on this one (python's list is shorter than is_python_min's), the schema not
    (tmp_path / "variants.yaml").write_text("python:\n  - '3.10'\nzip_keys: python\n", encoding="utf-8")
    (tmp_path / "recipe.yaml").write_text(FIXED_RECIPE, encoding="utf-8")
    uri = open_document(client, tmp_path / "recipe.yaml", FIXED_RECIPE)
    assert "render-fails" not in [d.code for d in await diagnostics_for(client, uri, 1)]
    await asyncio.sleep(0.3)
    variants = client.diagnostics.get((tmp_path / "variants.yaml").as_uri(), [])
    assert [d.code for d in variants] == ["schema"]  # zip_keys; no render-fails with slowRules off


def _outputs(count: int) -> str:
    head = 'context:\n  version: "1.0"\nrecipe:\n  name: many\n  version: ${{ version }}\nsource:\n'
    head += '  url: https://example.org/x.tar.gz\n  sha256: "' + "1" * 64 + '"\nbuild:\n  number: 0\noutputs:\n'
    item = "  - package:\n      name: pkg{n}\n    requirements:\n      run:\n        - python >= 3.10\n"
    item += "    tests:\n      - script:\n          - echo {n}\n"
    return head + "".join(item.format(n=n) for n in range(count))


async def test_fix_all_never_blocks_other_requests(client: LanguageClient, tmp_path):
    text = _outputs(150)
    uri = open_document(client, tmp_path / "recipe.yaml", text)
    diagnostics = await diagnostics_for(client, uri, 1)
    spacing = [d for d in diagnostics if d.code == "spec-operator-space"]
    assert len(spacing) == 150
    on_line = await _actions(client, uri, spacing[0].range)
    preferred = [a.title for a in on_line if a.is_preferred]
    assert len(preferred) == 1, [(a.title, a.is_preferred) for a in on_line]
    whole = types.Range(types.Position(0, 0), types.Position(len(text.splitlines()), 0))
    fix_all = asyncio.ensure_future(_actions(client, uri, whole, only=[types.CodeActionKind.SourceFixAll]))
    await asyncio.sleep(0.05)
    symbols = await asyncio.wait_for(
        client.text_document_document_symbol_async(types.DocumentSymbolParams(types.TextDocumentIdentifier(uri))),
        timeout=5,
    )
    assert symbols  # answered while fix-all runs
    [action] = await asyncio.wait_for(fix_all, timeout=120)
    fixed = apply_text_edits(text, action.edit.changes[uri])
    assert fixed == text.replace("python >= 3.10", "python >=3.10")
