"""pytest-lsp clients driving the real `recipegen lsp` over stdio, with the capabilities of VS Code
and Neovim (one server per client kind and test module, so the suite stays fast)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = ["visual-studio-code", "neovim"]
# slowRules off: rattler-build renders are checked by their own rule's tests; these tests check
# the server. debounce short: the tests wait for each publication anyway.
OPTIONS = {"debounce": 0.01, "slowRules": False, "platform": "linux-64"}


def make_client() -> LanguageClient:
    """pytest-lsp's client, also noting the document version of each publication."""
    client = LanguageClient(converter_factory=default_converter)
    client.versions = {}  # type: ignore[attr-defined]
    client.counts = {}  # type: ignore[attr-defined]  # (uri, version) -> publications
    client.history = {}  # type: ignore[attr-defined]  # (uri, version) -> each publication's diagnostics

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.versions[params.uri] = params.version  # type: ignore[attr-defined]
        key = (params.uri, params.version)
        client.counts[key] = client.counts.get(key, 0) + 1  # type: ignore[attr-defined]
        client.history.setdefault(key, []).append(params.diagnostics)  # type: ignore[attr-defined]

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish})
    return client


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "recipegen", "lsp"], client_factory=make_client)


@pytest_lsp.fixture(params=CLIENTS, config=SERVER, scope="module")
async def client(request, lsp_client: LanguageClient):
    params = types.InitializeParams(
        capabilities=client_capabilities(request.param),
        initialization_options=OPTIONS,
        process_id=None,
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER, scope="module")
async def slow_client(lsp_client: LanguageClient):
    """A server that also runs the slow phase (in its own process)."""
    options = {**OPTIONS, "slowRules": True}
    params = types.InitializeParams(client_capabilities("visual-studio-code"), initialization_options=options)
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


async def diagnostics_for(client: LanguageClient, uri: str, version: int | None = None, timeout: float = 30.0):
    """The diagnostics of `uri` once the server has published them (for `version`, when given)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        published = client.diagnostics.get(uri)
        if published is not None and (version is None or client.versions.get(uri) == version):  # type: ignore[attr-defined]
            return list(published)
        if loop.time() > deadline:
            raise TimeoutError(f"no diagnostics for {uri} (version {version})")
        await asyncio.sleep(0.01)


def open_document(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.diagnostics.pop(uri, None)
    client.versions.pop(uri, None)  # type: ignore[attr-defined]
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "yaml", version, text)))
    return uri


def change_document(client: LanguageClient, uri: str, text: str, version: int) -> None:
    """A whole-text change (every client may send one)."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=version, uri=uri),
            [types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def apply_text_edits(text: str, edits) -> str:
    """Apply LSP text edits (positions in UTF-16 units of ASCII text here) to `text`."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def offset(position: types.Position) -> int:
        return offsets[position.line] + position.character if position.line < len(lines) else len(text)

    for edit in sorted(edits, key=lambda e: (offset(e.range.start), offset(e.range.end)), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text
