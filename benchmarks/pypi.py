"""Time `recipegen pypi` against grayskull on the same packages, in one run, and print the ratio.

    python benchmarks/pypi.py [--packages six click ...] [--repeat 1]

Both tools read the index through a small loopback server (127.0.0.1 only, stopped at the end,
at most MAX_REQUESTS requests) placed in front of the configured index, because grayskull
cannot use this machine's mirror as it is: the mirror has no per-release JSON endpoint
(`/pypi/<name>/<version>/json`) and gives file URLs relative to the index.  The server fills
those in (per-release JSON built from the project JSON, absolute file URLs); recipegen goes
through the same server so that both pay the same network cost.  Each tool starts cold:
recipegen with an empty cache folder, grayskull has none.  grayskull writes v0 meta.yaml
(`--no-use-v1-format`: its v1 output needs conda-recipe-manager, which is not installed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin

import requests

DEFAULT_PACKAGES = [
    "six",
    "click",
    "requests",
    "attrs",
    "tomli",
    "packaging",
    "idna",
    "rich",
    "jinja2",
    "pyyaml",
    "certifi",
    "httpx",
]
MAX_REQUESTS = 5000
UPSTREAM = os.environ.get("RECIPEGEN_PYPI_URL", "https://pypi.org/pypi").rstrip("/")


def _absolute(document: dict, base: str) -> dict:
    for files in [document.get("urls") or [], *(document.get("releases") or {}).values()]:
        for item in files:
            if item.get("url"):
                item["url"] = urljoin(base, item["url"])
    return document


class IndexFiller(BaseHTTPRequestHandler):
    """GET /pypi/<name>/json and /pypi/<name>/<version>/json, filled in from the upstream project JSON."""

    session = requests.Session()
    count = 0
    lock = threading.Lock()

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        with IndexFiller.lock:
            IndexFiller.count += 1
            if IndexFiller.count > MAX_REQUESTS:
                self.send_error(503, "benchmark request budget exhausted")
                return
        parts = [p for p in self.path.split("?")[0].split("/") if p]
        if len(parts) not in (3, 4) or parts[0] != "pypi" or parts[-1] != "json":
            self.send_error(404)
            return
        name = parts[1]
        upstream = f"{UPSTREAM}/{name}/json"
        reply = self.session.get(upstream, timeout=60)
        if reply.status_code != 200:
            self.send_error(reply.status_code)
            return
        document = _absolute(reply.json(), reply.url)
        if len(parts) == 4:
            version = parts[2]
            files = (document.get("releases") or {}).get(version)
            if files is None:
                self.send_error(404)
                return
            info = dict(document.get("info") or {})
            if info.get("version") != version:
                info["version"] = version
            document = {"info": info, "urls": files}
        body = json.dumps(document).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def start_server() -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), IndexFiller)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/pypi"


def run(command: list[str], env: dict[str, str], timeout: float) -> tuple[float, int, str]:
    start = time.perf_counter()
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
        code, tail = result.returncode, (result.stderr or result.stdout).strip().splitlines()[-1:]
    except subprocess.TimeoutExpired:
        code, tail = -1, ["timed out"]
    return time.perf_counter() - start, code, " ".join(tail)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", nargs="+", default=DEFAULT_PACKAGES)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    if shutil.which("grayskull") is None:
        sys.exit("grayskull is not installed (pip install -e '.[dev]')")
    server, index = start_server()
    print(
        f"loopback index filler at {index} in front of {UPSTREAM} "
        "(adds the per-release JSON endpoint and absolute file URLs for grayskull; both tools use it)"
    )
    work = Path(tempfile.mkdtemp(prefix="recipegen-bench-"))
    env = {**os.environ, "RECIPEGEN_CACHE_DIR": str(work / "cache")}
    try:
        rows = []
        for package in args.packages:
            env["RECIPEGEN_CACHE_DIR"] = str(work / "cache" / package)  # cold for each package
            ours = run(
                [
                    sys.executable,
                    "-m",
                    "recipegen",
                    "pypi",
                    package,
                    "--index-url",
                    index,
                    "-o",
                    str(work / "ours"),
                    "--force",
                ],
                env,
                args.timeout,
            )
            (work / "grayskull" / package).mkdir(parents=True)
            theirs = run(
                [
                    "grayskull",
                    "pypi",
                    package,
                    "--no-use-v1-format",
                    "--pypi-metadata-url",
                    index + "/",
                    "-o",
                    str(work / "grayskull" / package),
                    "--stdout",
                    "False",
                ],
                env,
                args.timeout,
            )
            # grayskull exits 0 on several failures: success is a written recipe.
            wrote = any((work / "grayskull" / package).rglob("*.yaml"))
            theirs = (theirs[0], theirs[1] if wrote else (theirs[1] or 1), theirs[2])
            rows.append((package, ours, theirs))
            print(
                f"{package:14s} recipegen {ours[0]:6.2f} s ({'ok' if ours[1] == 0 else 'FAILED: ' + ours[2]})   "
                f"grayskull {theirs[0]:6.2f} s ({'ok' if theirs[1] == 0 else 'FAILED: ' + theirs[2][:100]})"
            )
        env["RECIPEGEN_CACHE_DIR"] = str(work / "cache" / "_all")
        together = run(
            [
                sys.executable,
                "-m",
                "recipegen",
                "pypi",
                *args.packages,
                "--index-url",
                index,
                "-o",
                str(work / "ours-all"),
                "--force",
            ],
            env,
            args.timeout,
        )
        ours_total = sum(r[1][0] for r in rows)
        theirs_total = sum(r[2][0] for r in rows)
        failed_ours = [r[0] for r in rows if r[1][1] != 0]
        failed_theirs = [r[0] for r in rows if r[2][1] != 0]
        both = [r for r in rows if r[1][1] == 0 and r[2][1] == 0]
        if both and len(both) != len(rows):
            ours_both, theirs_both = sum(r[1][0] for r in both), sum(r[2][0] for r in both)
            print(
                f"\nonly packages both tools generated ({len(both)}): recipegen {ours_both:.2f} s, grayskull "
                f"{theirs_both:.2f} s, ratio = {ours_both / theirs_both:.2f}"
            )
        print(
            f"\none process per package, sequential: recipegen {ours_total:.2f} s, grayskull {theirs_total:.2f} s, "
            f"ratio recipegen/grayskull = {ours_total / theirs_total:.2f}"
        )
        written = sorted(p.parent.name for p in (work / "ours-all").glob("*/recipe.yaml"))
        print(
            f"recipegen, all {len(args.packages)} packages in one command (concurrent): {together[0]:.2f} s, "
            f"{len(written)} recipes written, exit {together[1]}, "
            f"ratio to grayskull's sequential total = {together[0] / theirs_total:.2f}"
        )
        if together[1] != 0:
            print(f"  recipegen (all): {together[2]}")
        if failed_ours or failed_theirs:
            print(f"failures: recipegen {failed_ours or 'none'}; grayskull {failed_theirs or 'none'}")
        print(f"requests served by the loopback filler: {IndexFiller.count}")
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
