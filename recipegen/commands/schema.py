"""`recipegen schema [NAME] [--path] [--list] [--catalog]`: the shipped JSON Schemas, their
installed paths, and a catalog in SchemaStore's format that maps file names to them."""

from __future__ import annotations

import click


@click.command("schema")
@click.argument("name", required=False, default="recipe-v1")
@click.option("--path", "show_path", is_flag=True, help="Print the path of the installed file instead.")
@click.option("--list", "list_names", is_flag=True, help="List the schemas and the file names each is for.")
@click.option(
    "--catalog",
    "catalog",
    is_flag=True,
    help="Print the catalog (SchemaStore format: schema URL and fileMatch patterns per schema) for editors.",
)
@click.option("--local", is_flag=True, help="With --catalog: point at the installed schema files (file:// URLs).")
def command(name: str, show_path: bool, list_names: bool, catalog: bool, local: bool) -> None:
    """Print the JSON Schema NAME (default recipe-v1). NAME is a schema name from --list or a
    file name such as conda-forge.yml or info/index.json.

    For editor set-up (yaml-language-server, VS Code's yaml.schemas / json.schemas, or a
    SchemaStore catalog setting):

    \b
        recipegen schema --list                  # names and the files they are for
        recipegen schema environment --path      # the installed environment.schema.json
        recipegen schema --catalog > catalog.json
        recipegen schema --catalog --local       # the same, pointing at the installed files
    """
    import json
    import sys

    from recipegen.validation.kinds import all_kinds, kind_named
    from recipegen.validation.schemas import catalog_for, catalog_path, schema_path

    if list_names:
        width = max(len(kind.name) for kind in all_kinds())
        for kind in all_kinds():
            click.echo(f"{kind.name:<{width}}  {' '.join(kind.patterns)}")
        return
    if catalog:
        if show_path:
            click.echo(str(catalog_path()))
        else:
            sys.stdout.write(json.dumps(catalog_for(_published_folder(), local=local), indent=2) + "\n")
        return
    found = kind_named(name)
    if found is None:
        names = ", ".join(k.name for k in all_kinds())
        click.echo(f"error: unknown schema '{name}'; available: {names}", err=True)
        sys.exit(2)
    path = schema_path(found.name)
    if show_path:
        click.echo(str(path))
    else:
        sys.stdout.write(path.read_text(encoding="utf-8"))


def _published_folder() -> str:
    """Where the schemas are published: the folder of `RECIPEGEN_SCHEMA_URL` (recipe-v1's URL)."""
    from recipegen.endpoints import schema_url

    return schema_url().rsplit("/", 1)[0] + "/"
