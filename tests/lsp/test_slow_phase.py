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
