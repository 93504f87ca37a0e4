"""How close `recipegen pypi` comes to what conda-forge ships.

    python benchmarks/pypi_accuracy.py              # the packages recorded in fixtures/pypi
    python benchmarks/pypi_accuracy.py --heldout    # held-out packages (none in fixtures/pypi)
    python benchmarks/pypi_accuracy.py --heldout --record   # re-record them (uses the network)
    python benchmarks/pypi_accuracy.py --heldout --record NAME==V ...   # record only these

Replays the recordings (no network) and compares each generated recipe (`--extras none`, the
package's own output) with a reference: benchmarks/pypi_reference.json for the fixtures,
benchmarks/pypi_heldout.json for the held-out set (read their "//" notes and each entry's
`source` for where a reference comes from). Scored: run and host dependency names (micro F1;
python, pip and virtual packages left out; the held-out set compares names lower-case with
`_` as `-`), the noarch decision, the license (exact string, where the reference has one) and
the import tests (the generated imports are all in the reference's; none generated when the
reference has none).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "benchmarks" / "pypi_heldout"


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


def load_reference(path: Path) -> dict[str, dict]:
    return {k: v for k, v in json.loads(path.read_text()).items() if not k.startswith("//")}


def generator_for(folders: list[Path]):
    from recipegen.generators.pypi.generator import Options, PypiGenerator
    from recipegen.generators.pypi.record import replay_transport

    from recipegen.http import Fetcher

    transport = replay_transport(*sorted(p for p in folders if (p / "responses.json").is_file()))
    return PypiGenerator(Fetcher(transport=transport, use_cache=False, retries=0), Options(extras=("none",)))


def _key(name: str, normalize: bool) -> str:
    return name.lower().replace("_", "-") if normalize else name


def score(generator, reference: dict[str, dict], normalize: bool) -> None:
    totals = {"run": [0, 0, 0], "host": [0, 0, 0]}
    by_source: dict[str, dict[str, list[int]]] = {}  # "feedstock"/"derived" -> section -> tp, fp, fn
    noarch_ok = license_ok = license_n = imports_ok = failed = 0
    print(f"{'package':28s} {'run F1':>7s} {'host F1':>7s} noarch license imports")
    no_license_file = unrendered = 0
    for package, ref in sorted(reference.items()):
        try:
            recipe = _generate(generator, package)
            no_license_file += any("--license-file" in note for note in recipe.notes)
            unrendered += _render_fails(recipe, package)
        except Exception as exc:  # a failure counts as every reference name missed
            failed += 1
            print(f"{package:28s} FAILED: {exc}")
            for section in totals:
                totals[section][2] += len(set(ref[section]) - {"python", "pip"})
            continue
        output = main_output(recipe.data)
        requirements = output.get("requirements", {})
        build = {**recipe.data.get("build", {}), **output.get("build", {})}
        scores: dict[str, Any] = {}
        for section in ("run", "host"):
            # virtual packages (`__unix`/`__win` of noarch OS variants) are not dependency names
            found = {_key(n, normalize) for n in names(requirements.get(section, [])) if not n.startswith("__")}
            ours = found - {"python", "pip"}
            theirs = {_key(n, normalize) for n in ref[section]} - {"python", "pip"}
            tp, fp, fn = len(ours & theirs), len(ours - theirs), len(theirs - ours)
            totals[section] = [a + b for a, b in zip(totals[section], (tp, fp, fn))]
            kind = "feedstock" if ref.get("source", "").startswith("conda-forge feedstock") else "derived"
            group = by_source.setdefault(kind, {"run": [0, 0, 0], "host": [0, 0, 0], "n": [0]})
            group[section] = [a + b for a, b in zip(group[section], (tp, fp, fn))]
            group["n"][0] += section == "run"
            scores[section] = 1.0 if not (ours or theirs) else 2 * tp / (2 * tp + fp + fn)
            if fp or fn:
                scores[section + "_diff"] = f"+{sorted(ours - theirs)} -{sorted(theirs - ours)}"
        noarch = build.get("noarch") == "python"
        noarch_ok += noarch == ref["noarch"]
        license_text = recipe.data["about"]["license"]
        if ref.get("license") is not None:
            license_n += 1
            license_ok += license_text == ref["license"]
        imports = next((t["python"]["imports"] for t in output.get("tests", []) if "python" in t), [])
        imports_fit = set(imports) <= set(ref["imports"]) and bool(imports) == bool(ref["imports"])
        imports_ok += imports_fit
        license_mark = "-" if ref.get("license") is None else ("ok" if license_text == ref["license"] else license_text)
        print(
            f"{package:28s} {scores['run']:7.2f} {scores['host']:7.2f} {'ok' if noarch == ref['noarch'] else 'WRONG':6s} "
            f"{license_mark:7s} {'ok' if imports_fit else imports}"
            + "".join(f"  {k}: {v}" for k, v in scores.items() if k.endswith("_diff"))
        )
    count = len(reference)
    for section, (tp, fp, fn) in totals.items():
        print(
            f"{section} dependency names, micro F1 over {count} packages: {2 * tp / (2 * tp + fp + fn):.3f} "
            f"(tp {tp}, fp {fp}, fn {fn})"
        )
    if len(by_source) > 1:
        for kind, group in sorted(by_source.items()):
            figures = ", ".join(
                f"{section} F1 {2 * tp / max(1, 2 * tp + fp + fn):.3f}"
                for section, (tp, fp, fn) in ((k, group[k]) for k in ("run", "host"))
            )
            print(f"  references from {kind} ({group['n'][0]} packages): {figures}")
    print(
        f"noarch decision: {noarch_ok}/{count}; license exact: {license_ok}/{license_n}; "
        f"imports within conda-forge's: {imports_ok}/{count}; generation failed: {failed}; "
        f"sdist without license file (scored with a stand-in --license-file): {no_license_file}"
    )
    print(
        f"rendered by rattler-build on linux-64, win-64, osx-arm64 and linux-aarch64: "
        f"{count - failed - unrendered}/{count - failed}"
    )


def _render_fails(recipe, package: str) -> bool:
    """Whether rattler-build fails on the recipe for one of the four platforms (printed)."""
    from recipegen.render import render_recipe, variant_files_among

    files = variant_files_among(recipe.extra_files)
    result = render_recipe(recipe.text(), f"{recipe.folder}/recipe.yaml", variant_files=files, v3=recipe.needs_v3)
    for failure in result.failures[:1]:
        print(f"{package:28s} RENDER FAILED: {failure.describe()}")
    return bool(result.failures)


def _generate(generator, package: str):
    """The recipe; an sdist without license file (an error asking for --license-file) is scored
    with a stand-in license file, since the dependencies are what is measured."""
    import dataclasses
    import tempfile

    from recipegen.generate import GenerationError

    try:
        return generator.generate(package)
    except GenerationError as exc:
        if "--license-file" not in str(exc):
            raise
    with tempfile.TemporaryDirectory() as folder:
        stand_in = Path(folder) / "LICENSE"
        stand_in.write_text("stand-in for the benchmark\n")
        options = dataclasses.replace(generator.options, license_file=str(stand_in))
        recipe = type(generator)(generator.fetcher, options).generate(package)
    recipe.notes.append("scored with a stand-in --license-file")
    return recipe


def record(reference: dict[str, dict], only: list[str]) -> None:
    """Record every reference package, or only the specs in `only` (each must be a reference key)."""
    from recipegen.generators.pypi.record import record as record_one

    unknown = sorted(set(only) - set(reference))
    if unknown:
        raise SystemExit(f"not in benchmarks/pypi_heldout.json: {', '.join(unknown)}")
    HELDOUT.mkdir(exist_ok=True)
    for spec in sorted(only or reference):
        folder = record_one(spec, HELDOUT)
        print(f"{spec}: {folder.relative_to(ROOT)}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--heldout", action="store_true", help="score the held-out set (benchmarks/pypi_heldout.json)")
    parser.add_argument("--record", action="store_true", help="with --heldout: record its packages first (network)")
    parser.add_argument(
        "specs", nargs="*", help="with --record: record only these NAME==VERSION keys of the held-out set"
    )
    args = parser.parse_args()
    if args.heldout:
        reference = load_reference(ROOT / "benchmarks" / "pypi_heldout.json")
        if args.record:
            record(reference, args.specs)
        score(generator_for(list(HELDOUT.iterdir())), reference, normalize=True)
        return
    fixtures = ROOT / "fixtures" / "pypi"
    score(generator_for(list(fixtures.iterdir())), load_reference(ROOT / "benchmarks" / "pypi_reference.json"), False)


if __name__ == "__main__":
    main()
