"""A build that enables static libraries must ship them in a `-static` output or delete them (CFEP-18).

Why: conda-forge packages ship shared libraries only; static archives in the default
package waste space and escape run_exports and migrations. If they are needed, CFEP-18 asks
for a separate `<name>-static` output. Recognised switches: `--enable-static`,
`-DBUILD_SHARED_LIBS=OFF`, `-D*BUILD_STATIC*=ON`, `-D*ENABLE_STATIC*=ON`,
`-Ddefault_library=static|both`, `link=static`; in the recipe's scripts and in `build.sh`,
`bld.bat`/`build.bat` and the scripts outputs name. Deleting the archives (`rm ... .a`), a
`-static` output, or outputs that all select their `files` make it fine.

Passing::

    build:
      script:
        - ./configure --prefix=$PREFIX --disable-static
        - make install

Failing::

    build:
      script:
        - ./configure --prefix=$PREFIX --enable-static
        - make install
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument, RecipeView
from recipegen.linters.rules._outputs import is_static_output_name
from recipegen.linters.walk import get, script_lines

from recipegen.problems import Severity

ID = "static-build-not-split"
SEVERITY = Severity.WARNING
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

_ON = r"(?::\w+)?=(?:ON|1|TRUE|YES)\b"
STATIC_ON = re.compile(
    r"--enable-static(?![\w=-])|--enable-static=(?:yes|true)\b"
    r"|-DBUILD_SHARED_LIBS(?::\w+)?=(?:OFF|0|FALSE|NO)\b"
    rf"|-D\w*BUILD_STATIC(?:_LIBS?)?{_ON}|-D\w*ENABLE_STATIC(?:_LIBS?)?{_ON}"
    r"|(?:-D|--)default[_-]library[= ](?:static|both)\b|\blink=static\b",
    re.IGNORECASE,
)
DELETES_ARCHIVES = re.compile(
    r"\brm\b[^\n]*\.a\b|\bdel\b[^\n]*\.(?:lib|a)\b|-name\s+['\"]?\*\.a['\"]?[^\n]*-delete"
    r"|Remove-Item[^\n]*\.(?:a|lib)\b|\bunlink\b[^\n]*\.a\b",
    re.IGNORECASE,
)
DEFAULT_SCRIPTS = ("build.sh", "bld.bat", "build.bat")


def _script_files(view: RecipeView) -> list[tuple[str, tuple]]:
    """(file name, path of the recipe key naming it) of the script files the recipe uses."""
    data = view.data
    found: list[tuple[str, tuple]] = [(name, ("build",)) for name in DEFAULT_SCRIPTS]
    for out in view.facts.outputs:
        for key in (("build", "script"), ("script",)):
            value = get(data, *out.path, *key)
            path = (*out.path, *key)
            if isinstance(value, dict):
                value, path = value.get("file"), (*path, "file")
            if isinstance(value, str) and "\n" not in value and " " not in value.strip():
                stem = value.strip()
                found += [(name, path) for name in ([stem] if "." in stem else [f"{stem}.sh", f"{stem}.bat"])]
    return found


def _scripts(doc: RecipeDocument, view: RecipeView) -> list[tuple[str, tuple, str]]:
    """(text, path of the script in the recipe, label) of every inline script and script file."""
    found = []
    for out in view.facts.outputs:
        for key in (("build", "script"), ("script",)):
            value = get(view.data, *out.path, *key)
            if value is not None and not (isinstance(value, dict) and "file" in value):
                found.append(("\n".join(script_lines(value)), (*out.path, *key), "the build script"))
    seen = set()
    for name, path in _script_files(view):
        text = None if name in seen else doc.memo(f"script_file:{name}", lambda name=name: _read_script(doc, name))
        if text is not None:
            seen.add(name)
            found.append((text, path, name))
    return found


def _read_script(doc: RecipeDocument, name: str) -> str | None:
    """The text of a script file of the recipe folder (None: absent, unreadable or over 1 MB)."""
    file = doc.recipe_dir / name
    try:
        if not file.is_file() or file.stat().st_size > 1_000_000:
            return None
        return file.read_text("utf-8", errors="replace")
    except OSError:
        return None


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        outs = view.facts.outputs
        if any(is_static_output_name(o.name) for o in outs):
            continue
        multi = bool(outs) and not outs[0].top_level
        if multi and all(view.facts.files_entries(o) for o in outs if not o.staging):
            continue
        scripts = _scripts(doc, view)
        if any(DELETES_ARCHIVES.search(text) for text, _, _ in scripts):
            continue
        for text, path, label in scripts:
            match = STATIC_ON.search(text)
            if match:
                yield Finding(
                    f"{label} enables static libraries (`{match.group(0)}`) but the recipe has no "
                    "`-static` output and does not delete the archives (CFEP-18).",
                    path=path if get(view.data, *path) is not None else (),
                    view=view,
                    key=True,
                    fix="disable static libraries, delete the `.a`/`*_static.lib` files, or add a "
                    "`<name>-static` output",
                )
                break
