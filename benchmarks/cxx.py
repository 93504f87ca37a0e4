"""Wall time and peak memory of `recipegen cxx`, one run at a time, and how right the recipes are.

    python benchmarks/cxx.py                       # every project in fixtures/cxx (and fixtures/cxx/real)
    python benchmarks/cxx.py --tarballs DIR [--tarballs DIR2 ...] [--only setN]   # archives named in cxx_reference.json

Each run is a separate `recipegen cxx SOURCE --stdout` process under an address-space cap
(`--cap-gib`, default 4; Linux RLIMIT_AS) and a timeout; its peak resident memory comes from
`wait4()`'s rusage. With --tarballs every archive named in benchmarks/cxx_reference.json is also
scored against its packaging facts (read the "//" note there): recipe written, version exact,
licence accepted, host-dependency F1 (micro-averaged over the archives with a scored host
list), output roles (runtime/devel/static/tools or headers) right; figures are printed for all
archives, the tuned ones and the held-out ones separately. Nothing is downloaded here:
benchmarks/fetch_cxx_archives.py DIR fetches the archives (hash-checked) into DIR/setN/.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "cxx"
REFERENCE = Path(__file__).with_name("cxx_reference.json")
LIMIT_SECONDS = 60


def run(source: Path, extra: list[str], cap_bytes: int) -> dict[str, Any]:
    """One `recipegen cxx` run: exit code, seconds, peak RSS in MiB, stdout, stderr."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap_bytes, cap_bytes))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "recipegen", "cxx", str(source), "--stdout", *extra],
            stdout=out,
            stderr=err,
            preexec_fn=limit,
        )
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except KeyboardInterrupt:
            process.kill()
            raise
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return {
            "rc": process.returncode,
            "seconds": seconds,
            "peak_mib": usage.ru_maxrss / 1024,
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
        }


BUILD_FILES = ("CMakeLists.txt", "meson.build", "configure.ac", "build/cmake/CMakeLists.txt", "expat/CMakeLists.txt")


def fixtures() -> list[tuple[Path, list[str]]]:
    """The fixture projects that have a build system (licence-only extracts are left out);
    home page and summary are given, the extracts do not always hold the files that say them."""
    folders = [p for p in sorted(FIXTURES.iterdir()) if p.is_dir() and p.name != "real"]
    folders += [p for p in sorted((FIXTURES / "real").iterdir()) if p.is_dir()]
    about = ["--homepage", "https://example.org", "--summary", "benchmark"]
    return [(p, about) for p in folders if any((p / f).exists() for f in BUILD_FILES)]


def roles(data: dict) -> set[str]:
    if "outputs" not in data:
        return {"headers"}
    names = [o["package"]["name"] for o in data["outputs"] if "package" in o]
    found = set()
    for name in names:
        if f"{name}-devel" in names:  # the runtime output, whatever its name ends with (libebook-tools)
            found.add("runtime")
            continue
        for suffix, role in (("-devel", "devel"), ("-static", "static"), ("-tools", "tools"), ("-headers", "headers")):
            if name.endswith(suffix):
                found.add(role)
                break
        else:
            found.add("runtime")
    return found


def expected_roles(facts: dict) -> set[str] | None:
    """The output roles the recipe should have; without a tools fact, the roles other than tools."""
    if facts["shape"] == "headers":
        return {"headers"}
    if facts.get("tools") is None:
        return {"runtime", "devel"} | ({"static"} if facts.get("static") else set())
    return (
        {"runtime", "devel"} | ({"static"} if facts.get("static") else set()) | ({"tools"} if facts["tools"] else set())
    )


def host_names(data: dict) -> set[str]:
    """Host package names, those under an `if:` selector too (Linux-only packages: `if: linux` / `then:`)."""
    requirements = data["outputs"][0]["requirements"] if "outputs" in data else data.get("requirements", {})
    items: list[Any] = []
    for item in requirements.get("host", []) or []:
        if isinstance(item, dict) and "if" in item:
            for part in (item.get("then"), item.get("else")):
                items += part if isinstance(part, list) else [part] if part else []
        else:
            items.append(item)
    return {h.split()[0] for h in items if isinstance(h, str) and "${{" not in h}


def score(result: dict, facts: dict) -> dict[str, Any]:
    import yaml

    row: dict[str, Any] = {"written": result["rc"] == 0}
    try:
        data = yaml.safe_load(result["stdout"]) if result["stdout"].strip() else None
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        return {**row, "version": False, "license": False, "roles": False, "tp": 0, "fp": 0, "fn": len(facts["host"])}
    row["version"] = str(data.get("context", {}).get("version")) == facts["version"]
    row["license"] = data.get("about", {}).get("license") in facts["license"]
    want = expected_roles(facts)
    got = roles(data) - ({"tools"} if facts.get("tools") is None else set())
    row["roles"] = None if want is None else got == want
    ours, theirs = host_names(data), set(facts["host"]) if facts["host"] is not None else None
    if theirs is None:
        row.update(tp=0, fp=0, fn=0)
    else:
        row.update(tp=len(ours & theirs), fp=len(ours - theirs), fn=len(theirs - ours))
    return row


def summary(label: str, rows: list[dict]) -> None:
    if not rows:
        return
    n = len(rows)
    tp, fp, fn = (sum(r[k] for r in rows) for k in ("tp", "fp", "fn"))
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    scored_roles = [r["roles"] for r in rows if r["roles"] is not None]
    print(
        f"{label:9s} n={n:2d}  written {sum(r['written'] for r in rows) / n:6.1%}  "
        f"version {sum(r['version'] for r in rows) / n:6.1%}  licence {sum(r['license'] for r in rows) / n:6.1%}  "
        f"host F1 {f1:.3f} (tp {tp}, fp {fp}, fn {fn})  outputs {sum(scored_roles) / max(1, len(scored_roles)):6.1%} "
        f"(of {len(scored_roles)})  max {max(r['seconds'] for r in rows):.1f} s, {max(r['peak_mib'] for r in rows):.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tarballs",
        type=Path,
        action="append",
        help="folder of source archives named in cxx_reference.json (repeatable: an archive is taken from the first that has it)",
    )
    parser.add_argument("--cap-gib", type=float, default=4.0)
    parser.add_argument(
        "--keep", type=Path, help="folder to write each run's recipe and messages to (NAME.yaml, NAME.err)"
    )
    parser.add_argument("--only", default="all", help="all, tuned, heldout or setN (N: a set of the reference)")
    args = parser.parse_args()
    cap = int(args.cap_gib * 1024**3)
    if args.tarballs is None:
        print(f"{'fixture':28s} {'rc':>3s} {'seconds':>8s} {'peak MiB':>9s}")
        for source, extra in fixtures():
            result = run(source, extra, cap)
            print(f"{source.name:28s} {result['rc']:3d} {result['seconds']:8.2f} {result['peak_mib']:9.1f}")
        return
    reference = {k: v for k, v in json.loads(REFERENCE.read_text()).items() if not k.startswith("//")}
    rows: list[dict] = []
    print(f"{'archive':40s} rc seconds  MiB  ver lic out  host tp/fp/fn")
    if args.only not in ("all", "tuned", "heldout") and not re.fullmatch(r"set\d+", args.only):
        parser.error(f"--only {args.only}: expected all, tuned, heldout or setN")
    for name, facts in reference.items():
        if args.only.startswith("set") and facts.get("set", 1) != int(args.only[3:]):
            continue
        if args.only in ("tuned", "heldout") and facts.get("heldout", False) != (args.only == "heldout"):
            continue
        source = next((folder / name for folder in args.tarballs if (folder / name).exists()), args.tarballs[0] / name)
        if not source.exists():
            print(f"{name:40s} (missing)")
            continue
        result = run(source, ["--static"] if facts.get("static") else [], cap)
        if args.keep is not None:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / f"{name}.yaml").write_text(result["stdout"])
            (args.keep / f"{name}.err").write_text(result["stderr"])
        row = {
            **score(result, facts),
            "seconds": result["seconds"],
            "peak_mib": result["peak_mib"],
            "heldout": facts.get("heldout", False),
            "set": facts.get("set", 1),
        }
        rows.append(row)
        mark = {True: "ok", False: "--", None: " ."}
        print(
            f"{name:40s} {result['rc']:2d} {result['seconds']:7.2f} {result['peak_mib']:4.0f}  {mark[row['version']]}  "
            f"{mark[row['license']]}  {mark[row['roles']]}  {row['tp']}/{row['fp']}/{row['fn']}"
        )
    summary("all", rows)
    summary("tuned", [r for r in rows if not r["heldout"]])
    summary("held-out", [r for r in rows if r["heldout"] and r["set"] == 1])
    for number in sorted({r["set"] for r in rows} - {1}):
        summary(f"set {number}", [r for r in rows if r["set"] == number])


if __name__ == "__main__":
    main()
