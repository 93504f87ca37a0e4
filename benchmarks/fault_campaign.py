"""The fault campaign of issue 12, rerunnable: hostile inputs through the real command line.

    python benchmarks/fault_campaign.py [--seed N] [--recipes N] [--out DIR]

Every case runs `recipegen` as a fresh process under `/usr/bin/time -v` (wall time, peak
memory) and is judged: no traceback and no "internal error" in its output, an exit status of
the documented ones, at most 10 s for one recipe (60 s for a network or archive case), at most
1 GiB, every wrong digest refused with nothing written, nothing written outside the output
folder, no overwrite without --force.

Cases (fresh each seed):
- recipes: the real recipes of /work/shared/data (recipes/, update-pairs/) mutated with the
  fuzz tests' mutations (tests/reliability/test_fuzz.py), through `validate` and `lint` in a
  random format;
- archives: hostile sdists and conda packages (names, bombs, corrupt gzip, deep JSON, huge
  numbers, truncation) through `split`, `pypi`, `cxx` and `lint --artifact`;
- network: `recipegen pypi` against a local fault index (127.0.0.1): slow, silent, truncated,
  wrong digest, tampered file, 429 with Retry-After, over-size, 500s, JSON of the wrong types.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("RECIPEGEN_SHARED_DATA", "/work/shared/data"))
RECIPE_SECONDS, NETWORK_SECONDS, MAX_RSS_KB = 10.0, 60.0, 1024 * 1024


@dataclass
class Case:
    kind: str
    label: str
    args: list[str]
    limit: float = RECIPE_SECONDS
    codes: tuple[int, ...] = (0, 1, 2)
    expect: str = ""  # a text the output must contain
    forbid_output: Path | None = None  # nothing may exist there afterwards
    cwd: Path | None = None


@dataclass
class Outcome:
    case: Case
    code: int
    seconds: float
    rss_kb: int
    output: str
    failures: list[str] = field(default_factory=list)


def run_case(case: Case) -> Outcome:
    command = ["/usr/bin/time", "-v", sys.executable, "-m", "recipegen", *case.args]
    start = time.monotonic()
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, errors="replace", timeout=case.limit * 3, cwd=case.cwd
        )
        code, output, timing = done.returncode, done.stdout + done.stderr, done.stderr
    except subprocess.TimeoutExpired as exc:
        code, output, timing = -9, f"killed after {exc.timeout} s", ""
    seconds = time.monotonic() - start
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", timing)
    outcome = Outcome(case, code, seconds, int(rss.group(1)) if rss else 0, output)
    body = re.sub(r"\n\s*Command being timed:.*", "", output, flags=re.S)
    if "Traceback" in body or "internal error" in body:
        outcome.failures.append("traceback or internal error")
    if code not in case.codes:
        outcome.failures.append(f"exit {code}")
    if seconds > case.limit:
        outcome.failures.append(f"{seconds:.1f} s > {case.limit:g} s")
    if outcome.rss_kb > MAX_RSS_KB:
        outcome.failures.append(f"{outcome.rss_kb / 1024:.0f} MiB")
    if case.expect and case.expect not in body:
        outcome.failures.append(f"no {case.expect!r} in the output")
    if case.forbid_output is not None and case.forbid_output.exists() and any(case.forbid_output.rglob("*")):
        outcome.failures.append(f"wrote {case.forbid_output}")
    return outcome


# --- recipes ------------------------------------------------------------------------------------


def recipe_cases(rng: random.Random, count: int, work: Path) -> list[Case]:
    from tests.reliability.test_fuzz import HOSTILE, mutate

    sources = sorted(
        p
        for p in [
            *SHARED.glob("recipes/**/recipe.yaml"),
            *SHARED.glob("recipes/**/meta.yaml"),
            *SHARED.glob("update-pairs/**/recipe.yaml"),
        ]
    )
    cases = []
    for number in range(count):
        source = rng.choice(sources)
        kinds = ["insert", "replace-value", "insert-text", "delete", "duplicate", "swap", "indent", "cut"]
        mutations = []
        for _ in range(rng.randint(1, 5)):
            kind = rng.choice(kinds)
            payload = rng.choice(HOSTILE) if kind in ("insert", "replace-value") else ""
            if kind == "insert-text":
                payload = "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 12)))
            if kind == "swap":
                payload = str(rng.randint(0, 10_000))
            if kind == "indent":
                payload = rng.choice(["", " ", "   ", "\t"])
            mutations.append((kind, rng.randint(0, 10_000), payload))
        folder = work / "recipes" / f"{number:04d}"
        folder.mkdir(parents=True)
        for sibling in source.parent.glob("*.yaml"):
            shutil.copy(sibling, folder / sibling.name)
        target = folder / source.name
        if (folder / "conda_build_config.yaml").is_file() and rng.random() < 0.2:
            target = folder / "conda_build_config.yaml"
        text = mutate(target.read_text(encoding="utf-8"), mutations)
        target.write_text(text, encoding="utf-8", errors="surrogatepass")
        label = f"{source.relative_to(SHARED)} {mutations[:2]}"[:160]
        if source.name == "recipe.yaml":
            cases.append(Case("recipe", label, ["validate", "--format", rng.choice(["text", "json"]), str(folder)]))
        fmt = rng.choice(["text", "json", "github", "sarif"])
        cases.append(Case("recipe", label, ["lint", "--no-config", "--format", fmt, str(folder)]))
    return cases


# --- archives -----------------------------------------------------------------------------------


def archive_inputs(rng: random.Random, folder: Path) -> dict[str, bytes]:
    from tests.reliability.helpers import PACKAGE_INDEX, gzip_tar_bytes, tar_bytes

    folder.mkdir(parents=True, exist_ok=True)
    meta = (
        "package:\n  name: libfoo\n  version: '1.0'\nbuild:\n  number: " + "9" * rng.randint(4301, 9000) + "\n"
    ).encode()
    pkg_info = b"Metadata-Version: 2.1\nName: foo\nVersion: 1.0\nLicense: MIT\n"
    src = {
        "foo-1.0/PKG-INFO": pkg_info,
        "foo-1.0/LICENSE": b"MIT",
        "foo-1.0/CMakeLists.txt": b"project(foo VERSION 1.0)\n",
    }
    good = gzip_tar_bytes(src)
    broken_crc = bytearray(good)
    broken_crc[-8] ^= 0xFF
    inputs = {
        "nonutf8-names.tar.bz2": tar_bytes(
            {"info/index.json": PACKAGE_INDEX, "lib/libfoo\udcff.so.1": b"\x7fELF", "include/f\udce9.h": b"int x;"}
        ),
        "deep-index.tar.bz2": tar_bytes({"info/index.json": b"[" * 200_000 + b"]" * 200_000, "include/foo.h": b""}),
        "huge-int-recipe.tar.bz2": tar_bytes(
            {"info/index.json": PACKAGE_INDEX, "info/recipe/meta.yaml": meta, "lib/libfoo.a": b"!<arch>\n"}
        ),
        "bad-crc.tar.gz": bytes(broken_crc),
        "truncated.tar.gz": good[: rng.randint(20, len(good) - 1)],
        "dotdot.tar.gz": gzip_tar_bytes({**src, "foo-1.0/../../escape.txt": b"x"}),
        "absolute.tar.gz": gzip_tar_bytes({**src, "/etc/evil": b"x"}),
        "many-members.tar.gz": gzip_tar_bytes({f"foo-1.0/f{i}": b"" for i in range(120_000)} | src),
        "random-bytes.tar.gz": b"\x1f\x8b" + rng.randbytes(4096),
        "not-gzip.tar.gz": rng.randbytes(2048),
        "deep-json-sdist.tar.gz": gzip_tar_bytes(
            {**src, "foo-1.0/pyproject.toml": b"a = " + b"[" * 5000 + b"]" * 5000}
        ),
        "huge-member-name.tar.gz": gzip_tar_bytes({**src, "foo-1.0/" + "n" * 4000: b"x"}),
    }
    for name, data in inputs.items():
        (folder / name).write_bytes(data)
    write_gzip_bomb(folder / "gzip-bomb.tar.gz", 2_300_000_000)
    inputs["gzip-bomb.tar.gz"] = b""
    return inputs


class _Zeros:
    def read(self, size: int = -1) -> bytes:
        return b"\0" * max(size, 0)


def write_gzip_bomb(path: Path, size: int) -> None:
    """A tar.gz of one member of `size` zero bytes (about 2 MB on disk), streamed to `path`."""
    import tarfile

    with tarfile.open(path, "w:gz", compresslevel=1) as tar:
        info = tarfile.TarInfo("foo-1.0/PKG-INFO")
        info.size = 0
        tar.addfile(info)
        info = tarfile.TarInfo("foo-1.0/zeros")
        info.size = size
        tar.addfile(info, _Zeros())


def archive_cases(rng: random.Random, work: Path) -> list[Case]:
    folder = work / "archives"
    names = archive_inputs(rng, folder)
    about = [
        "--name",
        "foo",
        "--homepage",
        "https://x.org",
        "--summary",
        "x",
        "--license",
        "MIT",
        "--license-file",
        "LICENSE",
    ]
    cases = []
    for name in names:
        path = str(folder / name)
        out = work / "archive-out" / name
        cases += [
            Case("archive", f"split {name}", ["split", path, "-o", str(out / "split"), *about], NETWORK_SECONDS),
            Case("archive", f"pypi {name}", ["pypi", path, "-o", str(out / "pypi")], NETWORK_SECONDS),
            Case("archive", f"cxx {name}", ["cxx", path, "-o", str(out / "cxx"), *about[2:]], NETWORK_SECONDS),
            Case(
                "archive",
                f"lint --artifact {name}",
                ["lint", "--no-config", "--artifact", path, str(work / "recipes" / "0000")],
                NETWORK_SECONDS,
                (0, 1, 2),
            ),
        ]
    return cases


# --- network ------------------------------------------------------------------------------------


def publish(server, name: str, wrong: str | None = None) -> bytes:
    """A release `name` 1.0 on the fault index (the fuzz tests' small sdist, renamed); the JSON served."""
    from tests.reliability.fault_server import pypi_index
    from tests.reliability.helpers import gzip_tar_bytes
    from tests.reliability.test_network_faults import PKG_INFO, PYPROJECT

    members = {
        "faultpkg-1.0/PKG-INFO": PKG_INFO,
        "faultpkg-1.0/pyproject.toml": PYPROJECT,
        "faultpkg-1.0/LICENSE": b"MIT License\n\nCopyright (c) 2026 Fault\n",
        "faultpkg-1.0/faultpkg/__init__.py": b"",
    }
    renamed = {
        path.replace("faultpkg", name): data.replace(b"faultpkg", name.encode()) for path, data in members.items()
    }
    return pypi_index(server, name, "1.0", gzip_tar_bytes(renamed), wrong)


def network_cases(server, work: Path) -> list[Case]:
    from tests.reliability.fault_server import big, body_of, drip, send, silent, truncated

    cases = []

    def case(label: str, name: str, codes=(1,), expect: str = "") -> None:
        out = work / "net-out" / label.replace(" ", "-")
        args = ["pypi", name, "--index-url", f"{server.url}/pypi", "-o", str(out), "--maintainer", "octocat"]
        cases.append(Case("network", label, args, NETWORK_SECONDS, codes, expect, out if codes == (1,) else None, work))

    publish(server, "okpkg")
    case("right digest", "okpkg", (0,), "wrote")
    publish(server, "wrongdigest", wrong="ab" * 32)
    case("wrong digest", "wrongdigest", expect="sha256 mismatch")
    publish(server, "tampered")
    server.serve("/files/tampered-1.0.tar.gz", b"\x1f\x8b" + body_of(5000))
    case("tampered file", "tampered", expect="sha256 mismatch")
    server.route("/pypi/slowidx/json", lambda h, _: drip(h, ["100000", "1"]))
    case("slow-drip index", "slowidx", expect="took longer than")
    server.route("/pypi/silentidx/json", silent)
    case("silent index", "silentidx", expect="no answer within")
    publish(server, "cutfile")
    server.route("/files/cutfile-1.0.tar.gz", lambda h, _: truncated(h, ["100000"]))
    case("truncated sdist", "cutfile", expect="closed before the whole answer")
    server.route("/pypi/rl/json", lambda h, _: send(h, 429, Retry_After="3600"))
    case("429 Retry-After 3600", "rl", expect="asks to wait 3600 s")
    document = publish(server, "rlshort")
    answers = iter([429])
    server.route(
        "/pypi/rlshort/json",
        lambda h, _: (
            send(h, 429, Retry_After="2") if next(answers, 200) == 429 else send(h, 200, document, "application/json")
        ),
    )
    case("429 Retry-After 2, then 200", "rlshort", (0,), "wrote")
    publish(server, "oversize")
    server.route("/files/oversize-1.0.tar.gz", lambda h, _: big(h, [str(600 * 1024 * 1024)]))
    case("over-size sdist (600 MiB)", "oversize", expect="larger than")
    server.route("/pypi/unavailable/json", lambda h, _: send(h, 503))
    case("503 always", "unavailable", expect="HTTP 503")
    for number, bad in enumerate(
        [[1, 2], {"info": 5, "releases": []}, {"info": {}, "releases": {"1.0": [{"filename": 3}]}}]
    ):
        server.serve(f"/pypi/badjson{number}/json", json.dumps(bad).encode(), "application/json")
        case(f"index JSON of the wrong types #{number}", f"badjson{number}")
    server.serve("/pypi/cutjson/json", b'{"info": {"name": "x"', "application/json")
    case("cut JSON index", "cutjson", expect="not JSON")
    return cases


# --- writes -------------------------------------------------------------------------------------


def write_checks(server, work: Path) -> list[str]:
    """No overwrite without --force; --force overwrites; nothing outside the output folder."""
    out = work / "write-out"
    args = [
        sys.executable,
        "-m",
        "recipegen",
        "pypi",
        "okpkg",
        "--index-url",
        f"{server.url}/pypi",
        "-o",
        str(out),
        "--maintainer",
        "octocat",
    ]
    before = {p for p in work.rglob("*") if "write-out" not in p.parts}
    failures = []
    first = subprocess.run(args, capture_output=True, text=True)
    recipe = out / "okpkg" / "recipe.yaml"
    if first.returncode != 0 or not recipe.is_file():
        return [f"first write failed: {first.stderr[-300:]}"]
    recipe.write_text("# mine\n")
    second = subprocess.run(args, capture_output=True, text=True)
    if second.returncode != 1 or recipe.read_text() != "# mine\n" or "--force" not in second.stderr:
        failures.append("overwrote without --force")
    third = subprocess.run([*args, "--force"], capture_output=True, text=True)
    if third.returncode != 0 or recipe.read_text() == "# mine\n":
        failures.append("--force did not overwrite")
    after = {p for p in work.rglob("*") if "write-out" not in p.parts}
    if after - before:
        failures.append(f"wrote outside the output folder: {sorted(after - before)[:3]}")
    return failures


def report(outcomes: list[Outcome], write_failures: list[str]) -> int:
    print(f"{'kind':8} {'cases':>5} {'failed':>6} {'max s':>6} {'median s':>8} {'max MiB':>8}")
    for kind in ("recipe", "archive", "network"):
        group = [o for o in outcomes if o.case.kind == kind]
        if not group:
            continue
        times = sorted(o.seconds for o in group)
        failed = [o for o in group if o.failures]
        print(
            f"{kind:8} {len(group):5d} {len(failed):6d} {times[-1]:6.1f} {times[len(times) // 2]:8.2f} {max(o.rss_kb for o in group) / 1024:8.0f}"
        )
    for outcome in (o for o in outcomes if o.case.kind == "network"):
        print(
            f"  network: {outcome.case.label:32} exit {outcome.code}  {outcome.seconds:5.1f} s  {outcome.rss_kb / 1024:5.0f} MiB"
        )
    failures = [o for o in outcomes if o.failures]
    for outcome in failures[:30]:
        last = [line for line in outcome.output.splitlines() if line.strip() and not line.startswith("\t")][-2:]
        print(
            f"FAIL {outcome.case.kind} {outcome.case.label}: {', '.join(outcome.failures)} | {' / '.join(last)[:300]}"
        )
    print("writes:", "ok" if not write_failures else "; ".join(write_failures))
    total = len(outcomes)
    print(
        f"{total} cases, {len(failures)} failed; tracebacks/internal errors: {sum('traceback or internal error' in o.failures for o in outcomes)}"
    )
    return 1 if failures or write_failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--recipes", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None)
    options = parser.parse_args()
    from tests.reliability.fault_server import FaultServer

    rng = random.Random(options.seed)
    print(f"seed {options.seed}")
    work = Path(options.out or tempfile.mkdtemp(prefix="recipegen-campaign-"))
    os.environ["RECIPEGEN_CACHE_DIR"] = str(work / "cache")
    with FaultServer() as server:
        cases = recipe_cases(rng, options.recipes, work) + archive_cases(rng, work) + network_cases(server, work)
        with ThreadPoolExecutor(max_workers=options.jobs) as pool:
            outcomes = list(pool.map(run_case, cases))
        write_failures = write_checks(server, work)
    return report(outcomes, write_failures)


if __name__ == "__main__":
    sys.exit(main())
