"""The language server: pygls 2 (`LanguageServer`), documents synced incrementally.

Checking runs off the event loop, in two lanes so a slow render never delays the next quick
check: `fast`, a thread (every rule but `checking.SLOW_RULES`, then publish) and `slow`, a
process of its own (rattler-build's render, which holds the GIL; then publish again). A change starts a check after `debounce` seconds
without further changes; a change that arrives while its document is being checked starts one
more check when that one ends, and a result for an older version is never published. Hover,
completion, symbols and code actions answer from the text at once; problems are those last
published. Nothing here touches the network (online checks stay off).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import multiprocessing
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace.position_codec import ServerTextPosition

from recipegen import __version__
from recipegen.lsp.checking import CheckSettings, kind_of, run_check, start_worker
from recipegen.lsp.diagnostics import to_diagnostic
from recipegen.lsp.snapshot import Snapshot
from recipegen.problems import Problem

log = logging.getLogger("recipegen.lsp")


@dataclass
class Options:
    """initializationOptions (all optional): {"debounce": 0.015, "condaForge": false,
    "slowRules": true, "platform": "linux-64"}."""

    debounce: float = 0.015
    conda_forge: bool = False
    slow_rules: bool = True
    platform: str = ""

    @classmethod
    def read(cls, raw: Any) -> Options:
        found = cls()
        if isinstance(raw, dict):
            found.debounce = max(0.0, min(float(raw.get("debounce", found.debounce)), 5.0))
            found.conda_forge = bool(raw.get("condaForge", found.conda_forge))
            found.slow_rules = bool(raw.get("slowRules", found.slow_rules))
            found.platform = str(raw.get("platform", "") or "")
        return found

    @property
    def check(self) -> CheckSettings:
        return CheckSettings(conda_forge=self.conda_forge, slow_rules=self.slow_rules)


class RecipeServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("recipegen", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.options = Options()
        self.lanes: dict[str, Executor] = {"fast": ThreadPoolExecutor(1, thread_name_prefix="recipegen-check")}
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.running: dict[tuple[str, str], asyncio.Task] = {}
        self.again: set[tuple[str, str]] = set()
        self.found: dict[str, dict[str, list[Problem]]] = {}  # uri -> source -> problems in that file
        self.checked: dict[str, list[str]] = {}  # source -> the lines of the text it checked

    # --- documents ----------------------------------------------------------------------------

    def snapshot(self, uri: str) -> Snapshot | None:
        """The document as the editor has it; one it never opened is read from the disk (None when
        it cannot be read or is no file this server serves)."""
        document = self.workspace.text_documents.get(uri)
        path = Path(to_fs_path(uri) or "recipe.yaml")
        text = document.source if document is not None else _read_or_none(uri)
        if text is None:
            return None
        kind = kind_of(str(path), text)
        if kind is None:
            return None
        problems, origins = self._problems_of(uri)
        return Snapshot(path, kind, text, document.version if document else None, problems, origins)

    def open_texts(self) -> dict[Path, str]:
        texts = {}
        for uri, document in self.workspace.text_documents.items():
            path = to_fs_path(uri)
            if path:
                texts[Path(path)] = document.source
        return texts

    # --- checking -------------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float | None = None) -> None:
        loop = asyncio.get_running_loop()
        if uri in self.timers:
            self.timers[uri].cancel()
        wait = self.options.debounce if delay is None else delay
        self.timers[uri] = loop.call_later(wait, self._start, uri, "fast")

    def _start(self, uri: str, lane: str) -> None:
        self.timers.pop(uri, None) if lane == "fast" else None
        key = (lane, uri)
        if key in self.running and not self.running[key].done():
            self.again.add(key)
            return
        self.running[key] = asyncio.get_running_loop().create_task(self._check(uri, lane))

    async def _check(self, uri: str, lane: str) -> None:
        key = (lane, uri)
        try:
            snapshot = self.snapshot(uri) if uri in self.workspace.text_documents else None
            if snapshot is not None:
                problems = await self._run(snapshot, lane)
                current = self.workspace.text_documents.get(uri)
                if current is not None and current.version == snapshot.version:
                    self._record(uri, snapshot, lane, problems)
                    if lane == "fast" and snapshot.kind == "recipe-v1" and self.options.slow_rules:
                        self._start(uri, "slow")
                else:
                    self.again.add(key)
        except Exception as exc:  # never let a check end the session
            log.exception("checking %s failed", uri)
            self.window_log_message(types.LogMessageParams(types.MessageType.Error, f"recipegen: {exc}"))
        finally:
            if key in self.again:
                self.again.discard(key)
                self.running.pop(key, None)
                if uri in self.workspace.text_documents:
                    self._start(uri, lane)

    def lane(self, name: str) -> Executor:
        """The executor of a lane; the slow one is a process (started on first use)."""
        if name not in self.lanes:
            context = multiprocessing.get_context("spawn")
            self.lanes[name] = ProcessPoolExecutor(1, mp_context=context, initializer=start_worker)
        return self.lanes[name]

    async def _run(self, snapshot: Snapshot, lane: str) -> list[Problem]:
        loop = asyncio.get_running_loop()
        call = functools.partial(run_check, snapshot.kind, snapshot.path, snapshot.text, self.options.check, lane)
        try:
            return await loop.run_in_executor(self.lane(lane), call)
        except BrokenProcessPool:  # the render process died (memory, a crash): start another next time
            self.lanes.pop(lane, None)
            return []

    def shutdown(self) -> None:
        for executor in self.lanes.values():
            executor.shutdown(wait=False, cancel_futures=True)
        super().shutdown()

    def _record(self, uri: str, snapshot: Snapshot, lane: str, problems: list[Problem]) -> None:
        """Keep a lane's problems, split by the file they are in, and publish the files that changed.

        `found[file][f"{origin}:{lane}"]`: the problems a check of `origin` found in `file`.
        """
        own_path = str(snapshot.path)
        is_open = uri in self.workspace.text_documents
        by_uri: dict[str, list[Problem]] = {uri: []} if is_open else {}
        for problem in problems:
            target = uri if problem.file == own_path else from_fs_path(problem.file)
            if target and (target != uri or is_open):
                by_uri.setdefault(target, []).append(problem)
        source = f"{uri}:{lane}"
        self.checked[source] = snapshot.lines
        previous = {target for target, sources in self.found.items() if source in sources}
        for target, found in by_uri.items():
            self.found.setdefault(target, {})[source] = found
        if lane == "fast":
            self._drop_moved(uri, snapshot.lines)
        for stale in previous - set(by_uri):
            self.found[stale].pop(source, None)
        for target in set(by_uri) | previous:
            self.publish(target)

    def _drop_moved(self, uri: str, lines: list[str]) -> None:
        """The slow lane's problems in this document from an older text, until it checks the new
        one: those whose lines changed are gone (they would point at other text)."""
        source = f"{uri}:slow"
        before = self.checked.get(source)
        found = self.found.get(uri, {})
        if before is None or source not in found or before == lines:
            return

        def unchanged(problem: Problem) -> bool:
            first, last = max(problem.line, 1) - 1, max(problem.end_line or problem.line, 1) - 1
            return last < min(len(before), len(lines)) and before[first : last + 1] == lines[first : last + 1]

        found[source] = [p for p in found[source] if unchanged(p)]

    def _problems_of(self, uri: str) -> tuple[list[Problem], dict[Problem, Path]]:
        """The problems found in the file at `uri`, and for those another document's check found
        (a recipe's, in its variants file or conda-forge.yml), that document's path."""
        merged: dict[tuple, Problem] = {}
        origins: dict[Problem, Path] = {}
        open_here = uri in self.workspace.text_documents
        for source, problems in self.found.get(uri, {}).items():
            origin = source.rsplit(":", 1)[0]
            routed = origin != uri
            for problem in problems:
                if routed and open_here and problem.rule_id in ("schema", "unusable-input"):
                    continue  # the open file's own live check reports its schema problems
                kept = merged.setdefault((problem.line, problem.column, problem.rule_id, problem.message), problem)
                if routed and kept is problem:
                    origins[problem] = Path(to_fs_path(origin) or origin)
        return sorted(merged.values(), key=lambda p: (p.line, p.column, p.rule_id)), origins

    def publish(self, uri: str) -> None:
        problems, _ = self._problems_of(uri)
        document = self.workspace.text_documents.get(uri)
        text = document.source if document is not None else _read(uri)
        lines = text.split("\n")
        diagnostics = [self.to_client(lines, to_diagnostic(p, lines)) for p in problems]
        version = document.version if document is not None else None
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    def check_neighbours(self, uri: str) -> None:
        """A variants file or conda-forge.yml: check again the recipes that read it (from the
        editor when open, else from the disk, keeping only what they find in other files)."""
        snapshot = self.snapshot(uri)
        if snapshot is None or snapshot.is_recipe:
            return
        folders = [snapshot.path.parent]
        if snapshot.kind == "conda-forge":
            folders.append(snapshot.path.parent / "recipe")
        for folder in folders:
            for name in ("recipe.yaml", "meta.yaml"):
                recipe = folder / name
                recipe_uri = from_fs_path(str(recipe))
                if recipe_uri in self.workspace.text_documents:
                    self.schedule(recipe_uri, delay=0)
                elif recipe_uri and recipe.is_file():
                    asyncio.get_running_loop().create_task(self._check_on_disk(recipe, recipe_uri))

    async def _check_on_disk(self, recipe: Path, recipe_uri: str) -> None:
        try:
            snapshot = Snapshot(recipe, kind_of(str(recipe)) or "recipe-v1", _read(recipe_uri))
            problems = await self._run(snapshot, "fast")
            self._record(recipe_uri, snapshot, "fast", problems)
        except Exception:  # never let a check end the session
            log.exception("checking %s failed", recipe)

    def forget(self, uri: str) -> None:
        """A closed document: its own problems go, and those it reported in other files."""
        if uri in self.timers:
            self.timers.pop(uri).cancel()
        for target, sources in list(self.found.items()):
            mine = [s for s in sources if s.rsplit(":", 1)[0] == uri]
            for source in mine:
                del sources[source]
            if mine and target != uri:
                self.publish(target)
        self.found.pop(uri, None)
        for lane in ("fast", "slow"):
            self.checked.pop(f"{uri}:{lane}", None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    # --- positions ------------------------------------------------------------------------------

    def to_client(self, lines: list[str], diagnostic: types.Diagnostic) -> types.Diagnostic:
        diagnostic.range = self.range_to_client(lines, diagnostic.range)
        return diagnostic

    def range_to_client(self, lines: list[str], found: types.Range) -> types.Range:
        return types.Range(self.position_to_client(lines, found.start), self.position_to_client(lines, found.end))

    def position_to_client(self, lines: list[str], position: types.Position) -> types.Position:
        line = min(position.line, max(len(lines) - 1, 0))
        text = lines[line] if lines else ""
        if text.isascii():
            return types.Position(position.line, position.character)
        server = ServerTextPosition(line, min(position.character, len(text)))
        return self.workspace.position_codec.position_to_client_units(lines, server)

    def position_from_client(self, lines: list[str], position: types.Position) -> tuple[int, int]:
        line = position.line
        if line >= len(lines) or lines[line].isascii():
            return line, position.character
        server = self.workspace.position_codec.position_from_client_units(lines, position)
        return server.line, server.character


def _read(uri: str) -> str:
    """The file at `uri` from the disk ("" when it cannot be read)."""
    return _read_or_none(uri) or ""


def _read_or_none(uri: str) -> str | None:
    path = to_fs_path(uri)
    try:
        return Path(path).read_text(encoding="utf-8") if path else None
    except (OSError, UnicodeDecodeError, ValueError):
        return None
