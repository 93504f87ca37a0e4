"""How close `recipegen pypi` comes to what conda-forge ships, on the recorded packages.

    python benchmarks/pypi_accuracy.py

Replays fixtures/pypi (no network) and compares each generated recipe with
benchmarks/pypi_reference.json (read its "//" note for where each reference comes from):
run and host dependency names (F1, python/pip and virtual packages left out), the noarch decision, the license
(exact string) and the import tests (the generated imports are all in the reference's).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "pypi"))


def names(items: list[Any]) -> Iterator[str]:
    for item in items or []:
        if isinstance(item, dict):
            then = item.get("then", [])
            yield from names(then if isinstance(then, list) else [then])
            otherwise = item.get("else", [])
            yield from names(otherwise if isinstance(otherwise, list) else [otherwise])
        elif isinstance(item, str) and not item.startswith("${{"):
            yield item.split(" ")[0]


def main_output(data: dict) -> dict:
    return data["outputs"][0] if "outputs" in data else data


def f1(ours: set[str], theirs: set[str]) -> tuple[int, int, int]:
    return len(ours & theirs), len(ours - theirs), len(theirs - ours)


def main() -> None:
    from recipegen.generators.pypi.generator import Options, PypiGenerator
    from recipegen.generators.pypi.record import replay_transport

    from recipegen.http import Fetcher

    fixtures = ROOT / "fixtures" / "pypi"
    reference = {
        k: v
        for k, v in json.loads((ROOT / "benchmarks" / "pypi_reference.json").read_text()).items()
        if not k.startswith("//")
    }
    transport = replay_transport(*sorted(p for p in fixtures.iterdir() if (p / "responses.json").is_file()))
    generator = PypiGenerator(Fetcher(transport=transport, use_cache=False, retries=0), Options(extras=("none",)))
    totals = {"run": [0, 0, 0], "host": [0, 0, 0]}
    noarch_ok = license_ok = license_n = imports_ok = 0
    print(f"{'package':18s} {'run F1':>7s} {'host F1':>7s} noarch license imports")
    for package, ref in sorted(reference.items()):
        recipe = generator.generate(package)
        output = main_output(recipe.data)
        requirements = output.get("requirements", {})
        build = {**recipe.data.get("build", {}), **output.get("build", {})}
        scores = {}
        for section in ("run", "host"):
            # virtual packages (`__unix`/`__win` of noarch OS variants) are not dependency names
            ours = {n for n in names(requirements.get(section, [])) if not n.startswith("__")} - {"python", "pip"}
            theirs = set(ref[section]) - {"python", "pip"}
            tp, fp, fn = f1(ours, theirs)
            totals[section] = [a + b for a, b in zip(totals[section], (tp, fp, fn))]
            scores[section] = 1.0 if not (ours or theirs) else 2 * tp / (2 * tp + fp + fn)
            if fp or fn:
                scores[section + "_diff"] = f"+{sorted(ours - theirs)} -{sorted(theirs - ours)}"
        noarch = build.get("noarch") == "python"
        noarch_ok += noarch == ref["noarch"]
        license_text = recipe.data["about"]["license"]
        if ref["license"] is not None:
            license_n += 1
            license_ok += license_text == ref["license"]
        tests = output.get("tests", [])
        imports = next((t["python"]["imports"] for t in tests if "python" in t), [])
        imports_ok += bool(imports) and set(imports) <= set(ref["imports"])
        license_mark = "-" if ref["license"] is None else ("ok" if license_text == ref["license"] else license_text)
        print(
            f"{package:18s} {scores['run']:7.2f} {scores['host']:7.2f} {'ok' if noarch == ref['noarch'] else 'WRONG':6s} "
            f"{license_mark:7s} {'ok' if set(imports) <= set(ref['imports']) else imports}"
            + "".join(f"  {k}: {v}" for k, v in scores.items() if k.endswith("_diff"))
        )
    count = len(reference)
    for section, (tp, fp, fn) in totals.items():
        print(
            f"{section} dependency names, micro F1 over {count} packages: {2 * tp / (2 * tp + fp + fn):.3f} "
            f"(tp {tp}, fp {fp}, fn {fn})"
        )
    print(
        f"noarch decision: {noarch_ok}/{count}; license exact: {license_ok}/{license_n}; "
        f"imports within conda-forge's: {imports_ok}/{count}"
    )


if __name__ == "__main__":
    main()
