"""`recipegen lsp`: a language server for conda recipes (recipe.yaml, meta.yaml, variants files,
conda-forge.yml) — diagnostics as you type, hover, completion, quick fixes, outline and go to
definition. See docs/lsp.md.

    server.py       the pygls server: document state, the two checking lanes, publishing
    features.py     the LSP methods it answers
    checking.py     what is checked (the linter, the schemas) as Problems
    diagnostics.py  Problems as diagnostics; rule docs for hover
    cursor.py       where the cursor is (key, list item, `${{ }}`, selector) in any text
    schemas.py      keys, descriptions and enums the shipped schemas allow at a path
    hover.py, completion.py, actions.py, symbols.py, probe.py (a `${{ expr }}` rendered)
"""


def serve(tcp: str | None = None) -> None:
    """Run the server on stdio, or on `HOST:PORT` over TCP."""
    from recipegen.lsp.features import register
    from recipegen.lsp.server import RecipeServer

    server = register(RecipeServer())
    if tcp:
        import logging

        logging.getLogger("asyncio").setLevel(logging.CRITICAL)  # pygls ends a TCP session with SystemExit
        host, _, port = tcp.rpartition(":")
        server.start_tcp(host or "127.0.0.1", int(port))
    else:
        server.start_io()
