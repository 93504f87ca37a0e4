"""The slow phase (rules in `SLOW_RULES`, rattler-build rendering) runs in a process of its own:
a v1 recipe gets a second publication of the same version, a meta.yaml does not need one."""

from __future__ import annotations

import asyncio

import pytest
from pytest_lsp import LanguageClient

from tests.lsp.conftest import change_document, diagnostics_for, open_document
from tests.lsp.test_server import RECIPE

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def _publications(client: LanguageClient, uri: str, version: int, count: int) -> None:
    for _ in range(3000):
        if client.counts.get((uri, version), 0) >= count:  # type: ignore[attr-defined]
            return
        await asyncio.sleep(0.01)
    raise TimeoutError(f"{uri}: fewer than {count} publications of version {version}")


async def test_slow_phase_publishes_again(slow_client: LanguageClient, tmp_path):
    uri = open_document(slow_client, tmp_path / "recipe.yaml", RECIPE)
    await _publications(slow_client, uri, 1, 2)
    assert [d.code for d in await diagnostics_for(slow_client, uri, 1)] == ["stdlib-missing"]
    change_document(slow_client, uri, RECIPE.replace("  number: 0\n", "  number: 1\n"), 2)
    await _publications(slow_client, uri, 2, 2)
    assert [d.code for d in slow_client.diagnostics[uri]] == ["stdlib-missing"]


async def test_an_edit_drops_the_slow_phase_problems_whose_lines_changed(slow_client: LanguageClient, tmp_path):
    """Until the slow phase checks the new text, its problems on lines that changed are not shown
    (they would point at other text); those on unchanged lines stay."""
    failing = RECIPE.replace("license: MIT", "license: GPL-2.0")  # rattler-build refuses a deprecated id
    uri = open_document(slow_client, tmp_path / "recipe.yaml", failing)
    await _publications(slow_client, uri, 1, 2)
    rendered = [d for d in slow_client.history[(uri, 1)][-1] if d.code == "render-fails"]  # type: ignore[attr-defined]
    assert [d.range.start.line for d in rendered] == [failing.split("\n").index("  license: GPL-2.0")]
    change_document(slow_client, uri, "# a comment\n" + failing, 2)  # every line moves down
    await _publications(slow_client, uri, 2, 2)
    first, second = slow_client.history[(uri, 2)][:2]  # type: ignore[attr-defined]
    assert "render-fails" not in [d.code for d in first]
    assert [d.range.start.line for d in second if d.code == "render-fails"] == [rendered[0].range.start.line + 1]
    change_document(slow_client, uri, "# a comment\n" + failing.replace("number: 0", "number: 1"), 3)
    await _publications(slow_client, uri, 3, 2)
    first = slow_client.history[(uri, 3)][0]  # type: ignore[attr-defined]
    assert [d.range.start.line for d in first if d.code == "render-fails"] == [rendered[0].range.start.line + 1]
