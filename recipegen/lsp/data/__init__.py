"""Data of the language server (Jinja functions, variables, selector words)."""
