"""Every finding of `recipegen lint` over the benchmark corpus, to compare two versions of recipegen.

    python benchmarks/lint_findings.py dump OUT.json [--corpus DIR] [--count 365]
    python benchmarks/lint_findings.py diff BEFORE.json AFTER.json

`dump` builds the corpus of benchmarks/lint.py in DIR (once: a later dump reuses it, so two
versions see the same files at the same paths), runs `recipegen lint DIR --format json` three
ways: `--no-cache`, with an empty result cache and with the cache it just filled (a cache folder
of its own, never the user's), checks that the three give the same findings, and writes them
(file relative to DIR, line, column, end, rule id, severity, message, fix, equivalent ids),
sorted. Run it on each version (e.g. `git checkout --detach main`, dump, `git checkout -`, dump)
and `diff` the two files: exit status 1 and the differences when they differ.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lint import build_corpus  # the benchmark's corpus

DEFAULT_CORPUS = Path(tempfile.gettempdir()) / "recipegen-findings-corpus"


def lint_json(corpus: Path, extra: list[str], env: dict[str, str]) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "recipegen", "lint", str(corpus), "--format", "json", *extra],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"recipegen lint exited {done.returncode}: {done.stderr.strip()[-500:]}")
    found = json.loads(done.stdout)
    for problem in found:
        problem["file"] = os.path.relpath(problem["file"], corpus)
    return sorted(found, key=lambda p: json.dumps(p, sort_keys=True))


def has_cache(env: dict[str, str]) -> bool:
    """This recipegen has the lint result cache (`--no-cache`)."""
    done = subprocess.run(
        [sys.executable, "-m", "recipegen", "lint", "--help"], capture_output=True, text=True, check=False, env=env
    )
    return "--no-cache" in done.stdout


def dump(out: Path, corpus: Path, count: int) -> None:
    if not corpus.is_dir():
        build_corpus(corpus, count)
    with tempfile.TemporaryDirectory(prefix="recipegen-findings-cache-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "RECIPEGEN_NO_CACHE"}
        env["RECIPEGEN_CACHE_DIR"] = cache
        if has_cache(env):
            plain = lint_json(corpus, ["--no-cache"], env)
            cold = lint_json(corpus, [], env)
            warm = lint_json(corpus, [], env)
        else:  # a version before the result cache
            plain = cold = warm = lint_json(corpus, [], env)
        shutil.rmtree(cache, ignore_errors=True)
    if not plain == cold == warm:
        raise SystemExit("the cached findings differ from the findings linted afresh")
    out.write_text(json.dumps(plain, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    files = len({p["file"] for p in plain})
    print(f"{len(plain)} findings in {files} files of {corpus} (no cache = cold cache = warm cache) -> {out}")


def diff(before: Path, after: Path) -> int:
    old = {json.dumps(p, sort_keys=True) for p in json.loads(before.read_text(encoding="utf-8"))}
    new = {json.dumps(p, sort_keys=True) for p in json.loads(after.read_text(encoding="utf-8"))}
    for line in sorted(old - new):
        print(f"- {line}")
    for line in sorted(new - old):
        print(f"+ {line}")
    print(f"{len(old)} findings before, {len(new)} after: {len(old - new)} gone, {len(new - old)} new")
    return 1 if old != new else 0


def main() -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    dumping.add_argument("--count", type=int, default=365)
    diffing = commands.add_parser("diff")
    diffing.add_argument("before", type=Path)
    diffing.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.corpus, args.count)
    else:
        sys.exit(diff(args.before, args.after))


if __name__ == "__main__":
    main()
