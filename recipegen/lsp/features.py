"""The LSP methods `recipegen lsp` answers, registered on a `RecipeServer`.

Every request handler catches what it does not expect and answers "nothing" (logged), so a
broken document never ends the session.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.uris import from_fs_path

from recipegen.lsp.server import Options, RecipeServer

log = logging.getLogger("recipegen.lsp")
F = TypeVar("F", bound=Callable[..., Any])
COMPLETION_TRIGGERS = [" ", "-", "{", "|", "[", "(", "'", '"']
KINDS = {
    "key": types.CompletionItemKind.Property,
    "value": types.CompletionItemKind.EnumMember,
    "package": types.CompletionItemKind.Module,
    "function": types.CompletionItemKind.Function,
    "variable": types.CompletionItemKind.Variable,
    "filter": types.CompletionItemKind.Method,
    "selector": types.CompletionItemKind.Keyword,
}
SYMBOL_KINDS = {
    "section": types.SymbolKind.Namespace,
    "output": types.SymbolKind.Package,
    "source": types.SymbolKind.File,
    "variable": types.SymbolKind.Variable,
    "requirements": types.SymbolKind.Array,
}


def safe(function: F) -> F:
    """A request handler that answers None instead of failing."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except Exception:
            log.exception("%s failed", function.__name__)
            return None

    return wrapper  # type: ignore[return-value]


def register(server: RecipeServer) -> RecipeServer:
    _register_sync(server)
    _register_requests(server)
    return server


def _register_sync(server: RecipeServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: RecipeServer, params: types.InitializeParams) -> None:
        ls.options = Options.read(params.initialization_options)

    @server.feature(types.INITIALIZED)
    def initialized(ls: RecipeServer, params: types.InitializedParams) -> None:
        from recipegen.lsp.checking import warm_up

        ls.lane("fast").submit(warm_up, "fast")
        if ls.options.slow_rules:
            ls.lane("slow")  # started now: its worker imports the rules and rattler-build

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: RecipeServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, delay=0)
        ls.check_neighbours(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: RecipeServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: RecipeServer, params: types.DidSaveTextDocumentParams) -> None:
        from recipegen.linters.config import settings_for

        settings_for.cache_clear()  # a configuration file or conda-forge.yml may have changed
        ls.schedule(params.text_document.uri, delay=0)
        ls.check_neighbours(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: RecipeServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)


def _register_requests(server: RecipeServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @safe
    def hover(ls: RecipeServer, params: types.HoverParams) -> types.Hover | None:
        from recipegen.lsp.hover import hover_markdown
        from recipegen.lsp.probe import current_platform

        snapshot = ls.snapshot(params.text_document.uri)
        if snapshot is None:
            return None
        line, column = ls.position_from_client(snapshot.lines, params.position)
        text = hover_markdown(snapshot, line, column, ls.options.platform or current_platform())
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text)) if text else None

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=COMPLETION_TRIGGERS))
    @safe
    def completion(ls: RecipeServer, params: types.CompletionParams) -> types.CompletionList | None:
        return _completion(ls, params)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]),
    )
    async def code_action(ls: RecipeServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        try:  # computed in the checking lanes: the protocol keeps answering meanwhile
            return await _code_actions(ls, params)
        except Exception:
            log.exception("code_action failed")
            return None

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @safe
    def document_symbol(ls: RecipeServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol] | None:
        from recipegen.lsp.symbols import document_symbols

        snapshot = ls.snapshot(params.text_document.uri)
        if snapshot is None:
            return None
        return [_symbol(ls, snapshot.lines, s) for s in document_symbols(snapshot)]

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @safe
    def definition(ls: RecipeServer, params: types.DefinitionParams) -> types.Location | None:
        from recipegen.lsp.symbols import definition as find_definition

        snapshot = ls.snapshot(params.text_document.uri)
        if snapshot is None or not snapshot.is_recipe:
            return None
        line, column = ls.position_from_client(snapshot.lines, params.position)
        found = find_definition(snapshot, line, column)
        if found is None:
            return None
        return types.Location(params.text_document.uri, _range(ls, snapshot.lines, found))


def _range(ls: RecipeServer, lines: list[str], found: tuple[int, int, int, int]) -> types.Range:
    raw = types.Range(types.Position(found[0], found[1]), types.Position(found[2], found[3]))
    return ls.range_to_client(lines, raw)


def _symbol(ls: RecipeServer, lines: list[str], symbol: Any) -> types.DocumentSymbol:
    return types.DocumentSymbol(
        name=symbol.name or "?",
        kind=SYMBOL_KINDS.get(symbol.kind, types.SymbolKind.Object),
        range=_range(ls, lines, symbol.range),
        selection_range=_range(ls, lines, symbol.selection),
        detail=symbol.detail or None,
        children=[_symbol(ls, lines, child) for child in symbol.children] or None,
    )


def _completion(ls: RecipeServer, params: types.CompletionParams) -> types.CompletionList | None:
    from recipegen.lsp.completion import complete

    snapshot = ls.snapshot(params.text_document.uri)
    if snapshot is None:
        return None
    line, column = ls.position_from_client(snapshot.lines, params.position)
    items, incomplete, word = complete(snapshot, line, column)
    replaced = _range(ls, snapshot.lines, (line, column - len(word), line, column))
    found = []
    for index, item in enumerate(items):
        documentation = (
            types.MarkupContent(types.MarkupKind.Markdown, item.documentation) if item.documentation else None
        )
        found.append(
            types.CompletionItem(
                label=item.label,
                kind=KINDS.get(item.kind),
                detail=item.detail or None,
                documentation=documentation,
                text_edit=types.TextEdit(replaced, item.insert or item.label),
                sort_text=f"{index:05d}",
                filter_text=item.label,
            )
        )
    return types.CompletionList(is_incomplete=incomplete, items=found)


async def _code_actions(ls: RecipeServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    from recipegen.lsp.actions import quick_fixes

    uri = params.text_document.uri
    snapshot = ls.snapshot(uri)
    if snapshot is None:
        return None
    start = ls.position_from_client(snapshot.lines, params.range.start)
    end = ls.position_from_client(snapshot.lines, params.range.end)
    wanted = [p for p in snapshot.problems if _overlaps(p, snapshot.lines, start, end)]
    only = params.context.only or []
    loop = asyncio.get_running_loop()
    buffers = ls.open_texts()
    actions = []
    if not only or any(k.startswith(types.CodeActionKind.QuickFix) for k in only):
        call = functools.partial(quick_fixes, snapshot, wanted, buffers, snapshot.origins)
        actions += await loop.run_in_executor(ls.lane("fast"), call)
    if snapshot.is_recipe and any(str(k).startswith(types.CodeActionKind.SourceFixAll) for k in only):
        found = await _fix_all(ls, snapshot, buffers)
        actions += [found] if found else []
    current = ls.workspace.text_documents.get(uri)
    if current is not None and snapshot.version is not None and current.version != snapshot.version:
        return None  # the document changed meanwhile: these edits are for an older text
    return [_code_action(ls, uri, snapshot, action) for action in actions]


def _overlaps(problem: Any, lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> bool:
    from recipegen.lsp.diagnostics import problem_range

    span = problem_range(problem, lines)
    return (span.start.line, span.start.character) <= end and start <= (span.end.line, span.end.character)


async def _fix_all(ls: RecipeServer, snapshot: Any, buffers: dict[Path, str]) -> Any:
    """`lint --fix` of the editor's text, in the slow lane (a process: rattler-build checks the
    result) or, with `slowRules: false`, the quick one."""
    from concurrent.futures.process import BrokenProcessPool

    from recipegen.lsp.actions import fix_all_action, fix_all_edits

    lane = "slow" if ls.options.slow_rules else "fast"
    call = functools.partial(fix_all_edits, snapshot.path, snapshot.text, ls.options.conda_forge, ls.options.slow_rules)
    try:
        found = await asyncio.get_running_loop().run_in_executor(ls.lane(lane), call)
    except BrokenProcessPool:
        ls.lanes.pop(lane, None)
        return None
    return fix_all_action(snapshot, found, buffers)


def _code_action(ls: RecipeServer, uri: str, snapshot: Any, action: Any) -> types.CodeAction:
    from recipegen.lsp.diagnostics import to_diagnostic

    changes = {}
    for path, edits in action.edits.items():
        target = uri if path == snapshot.path else from_fs_path(str(path))
        lines = snapshot.lines if path == snapshot.path else _file_lines(ls, path)
        changes[target] = [types.TextEdit(_range(ls, lines, edit[:4]), edit[4]) for edit in edits]
    diagnostics = (
        [ls.to_client(snapshot.lines, to_diagnostic(action.problem, snapshot.lines))] if action.problem else None
    )
    return types.CodeAction(
        title=action.title,
        kind=types.CodeActionKind.SourceFixAll if action.fix_all else types.CodeActionKind.QuickFix,
        diagnostics=diagnostics,
        is_preferred=action.preferred or None,
        edit=types.WorkspaceEdit(changes=changes),
    )


def _file_lines(ls: RecipeServer, path: Path) -> list[str]:
    text = ls.open_texts().get(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
    return text.split("\n")
