"""`recipegen schema [NAME] [--path]`: print a shipped JSON Schema or its installed path."""

from __future__ import annotations

import click


@click.command("schema")
@click.argument("name", required=False, default="recipe-v1")
@click.option("--path", "show_path", is_flag=True, help="Print the path of the installed schema file instead.")
@click.option("--list", "list_names", is_flag=True, help="List the available schema names.")
def command(name: str, show_path: bool, list_names: bool) -> None:
    """Print the JSON Schema NAME (default recipe-v1; also: variants).

    For editor set-up (VS Code's yaml.schemas setting, or a yaml-language-server
    comment on the first line of a recipe):

    \b
        recipegen schema --path     # the installed recipe-v1.schema.json
        recipegen schema variants > variants.schema.json
        # yaml-language-server: $schema=<that path or the published URL>
    """
    import sys

    from recipegen.validate import available_schemas, schema_path

    names = available_schemas()
    if list_names:
        click.echo("\n".join(names))
        return
    name = {"recipe": "recipe-v1", "v1": "recipe-v1", "variant": "variants"}.get(name, name)
    name = name[: -len(".schema.json")] if name.endswith(".schema.json") else name
    if name not in names:
        click.echo(f"error: unknown schema '{name}'; available: {', '.join(names)}", err=True)
        sys.exit(2)
    path = schema_path(name)
    if show_path:
        click.echo(str(path))
    else:
        sys.stdout.write(path.read_text(encoding="utf-8"))
