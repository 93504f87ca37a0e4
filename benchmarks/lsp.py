"""Language server latency: time from `didChange` to published diagnostics, on real recipes.

    python benchmarks/lsp.py [FOLDER] [--changes N] [--debounce S] [--no-slow]

Starts `recipegen lsp` as an editor does (stdio, pygls client), opens every recipe.yaml /
meta.yaml under FOLDER (default ../shared/data/recipes: real conda-forge feedstocks, both
formats) with its variant files next to it, waits for its first diagnostics, then sends N real
edits in turn (the build number changed and changed back, a typo put into a requirement's name
and taken out, a comment line added at the end and removed) and times each one from the
`didChange` notification to the `publishDiagnostics` of that document version: the first
publication (every rule but the slow ones) and, for v1 recipes with `--slow` (the default), the
second (after `render-fails`, rattler-build rendering every platform, if that rule exists).
Prints per recipe and overall median and worst; the reference is the same lint in process
(`lint_document`, no server), the floor the server adds its debounce and transport to.
Target (issue 15): a typical recipe re-checks in < 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT.parent.parent / "shared" / "data" / "recipes"


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("recipegen-benchmark", "1")
        self.published: dict[tuple[str, int | None], list[float]] = {}

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(client: Client, params: types.PublishDiagnosticsParams) -> None:
            client.published.setdefault((params.uri, params.version), []).append(time.perf_counter())

    async def publication(self, uri: str, version: int, count: int, timeout: float = 60.0) -> float:
        """The time of the `count`-th publication for (uri, version)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            found = self.published.get((uri, version), [])
            if len(found) >= count:
                return found[count - 1]
            await asyncio.sleep(0.001)
        raise TimeoutError(f"{uri} version {version}: no publication #{count}")


def _stats(values: list[float]) -> str:
    if not values:
        return "-"
    return f"median {statistics.median(values) * 1000:6.1f} ms, worst {max(values) * 1000:6.1f} ms"


def in_process(path: Path, text: str, runs: int = 5) -> float:
    """Median time of the same lint without the server (the fast phase's rules)."""
    from recipegen.lsp.checking import CheckSettings, check_recipe

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        check_recipe(path, text, CheckSettings(), "fast")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


NUMBER = re.compile(r"^(\s*number:\s*)(\S.*)$")
ITEM = re.compile(r"^(\s+- )([A-Za-z][\w.-]*)(\s.*)?$")


def _line_edit(line: int, text: str) -> types.TextDocumentContentChangePartial:
    """Replace the whole of `line` (its end of line kept) with `text`."""
    whole = types.Range(types.Position(line, 0), types.Position(line + 1, 0))
    return types.TextDocumentContentChangePartial(range=whole, text=text + "\n")


def real_edits(text: str) -> list[types.TextDocumentContentChangePartial]:
    """Edits as people make them, each followed by its undo: the build number changed, a
    requirement's name mistyped, a comment line added at the end."""
    lines = text.split("\n")
    edits = []
    number = next((i for i, line in enumerate(lines) if NUMBER.match(line)), None)
    if number is not None:
        edits += [_line_edit(number, NUMBER.sub(r"\g<1>99", lines[number])), _line_edit(number, lines[number])]
    after = next((i for i, line in enumerate(lines) if "requirements:" in line), len(lines))
    item = next((i for i, line in enumerate(lines) if i > after and ITEM.match(line)), None)
    if item is not None:
        edits += [_line_edit(item, ITEM.sub(r"\g<1>\g<2>x\g<3>", lines[item])), _line_edit(item, lines[item])]
    last = len(lines) - 1
    end = types.Position(last, 0)
    edits.append(types.TextDocumentContentChangePartial(range=types.Range(end, end), text="# edited\n"))
    added = types.Range(end, types.Position(last + 1, 0))
    edits.append(types.TextDocumentContentChangePartial(range=added, text=""))
    return edits


async def measure(recipe: Path, client: Client, changes: int, slow: bool) -> tuple[list[float], list[float]]:
    uri = recipe.as_uri()
    text = recipe.read_text(encoding="utf-8")
    item = types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
    client.text_document_did_open(types.DidOpenTextDocumentParams(item))
    await client.publication(uri, 1, 1)
    edits = real_edits(text)
    fast, rendered = [], []
    for version in range(2, changes + 2):
        await asyncio.sleep(0.05)  # between keystrokes: let each change be checked on its own
        change = edits[(version - 2) % len(edits)]
        start = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(version=version, uri=uri), [change])
        )
        fast.append(await client.publication(uri, version, 1) - start)
        if slow and recipe.name == "recipe.yaml":
            rendered.append(await client.publication(uri, version, 2) - start)
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
    return fast, rendered


async def run(recipes: list[Path], changes: int, debounce: float, slow: bool) -> None:
    client = Client()
    await client.start_io(sys.executable, "-m", "recipegen", "lsp")
    options = {"debounce": debounce, "slowRules": slow}
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), initialization_options=options)
    )
    client.initialized(types.InitializedParams())
    all_fast, all_slow = [], []
    by_format: dict[str, list[float]] = {"recipe.yaml": [], "meta.yaml": []}
    print(f"{'recipe':45s} {'lines':>5s}  {'in process':>10s}  didChange -> diagnostics")
    for recipe in recipes:
        fast, rendered = await measure(recipe, client, changes, slow)
        text = recipe.read_text(encoding="utf-8")
        name = f"{recipe.parent.name}/{recipe.name}"
        reference = in_process(recipe, text) * 1000
        print(f"{name:45s} {text.count(chr(10)):5d}  {reference:7.1f} ms  {_stats(fast)}")
        if rendered:
            print(f"{'':45s} {'':5s}  {'':10s}  with render-fails: {_stats(rendered)}")
        all_fast += fast
        all_slow += rendered
        by_format[recipe.name] += fast
    print()
    print(f"{len(recipes)} recipes, {len(all_fast)} changes, debounce {debounce * 1000:.0f} ms")
    print(f"first publication (all rules but the slow ones): {_stats(all_fast)}")
    for name, times in by_format.items():
        print(f"  {name:11s} ({len(times) // max(changes, 1):2d} recipes):                   {_stats(times)}")
    within = sum(1 for t in all_fast if t < 0.1) / max(len(all_fast), 1)
    print(f"changes re-checked in < 100 ms: {within:.0%}")
    if all_slow:
        print(f"second publication (with render-fails):       {_stats(all_slow)}")
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--debounce", type=float, default=0.015)
    parser.add_argument("--no-slow", dest="slow", action="store_false", help="leave the slow rules out")
    args = parser.parse_args()
    folder = Path(args.folder)
    if not folder.is_dir():
        folder = ROOT / "fixtures" / "recipes"
    recipes = [p for p in sorted(folder.rglob("*.yaml")) if p.name in ("recipe.yaml", "meta.yaml")]
    asyncio.run(run(recipes, args.changes, args.debounce, args.slow))


if __name__ == "__main__":
    main()
