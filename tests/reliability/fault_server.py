"""A local HTTP server (127.0.0.1 only) that misbehaves on purpose, for recipegen.http's tests.

Each path is a fault; a route can also be set per test (`server.route(path, handler)`), e.g.
a small PyPI-like index. Every fault is bounded in time: a slow or silent answer stops when
the server is shut down, and never lasts more than `MAX_HOLD` seconds.

Faults (`/<fault>/<arguments>`):

- `/ok/<n>`: n bytes, with Content-Length;
- `/drip/<n>/<seconds>`: announces n bytes, sends one byte every `seconds`;
- `/silent`: accepts the request and never answers;
- `/truncated/<n>`: announces n bytes, sends half, closes the connection;
- `/status/<code>`: that status, empty body; `/flaky/<code>/<k>`: that status k times, then 200;
- `/retry-after/<seconds>/<k>`: 429 with Retry-After k times, then 200;
- `/big/<n>`: n bytes without Content-Length (streamed until done or the client leaves);
- `/json/<kind>`: a JSON answer (`list`, `cut`, `object`).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_HOLD = 20.0

Handler = Callable[[BaseHTTPRequestHandler, list[str]], None]


def body_of(size: int) -> bytes:
    return (b"recipegen fault server " * (size // 23 + 1))[:size]


class FaultServer:
    def __init__(self) -> None:
        self.stop = threading.Event()
        self.hits: Counter[str] = Counter()
        self.routes: dict[str, Handler] = {}
        server = self

        class RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server.hits[self.path] += 1
                parts = [p for p in self.path.split("?")[0].split("/") if p]
                handler = server.routes.get(self.path) or FAULTS.get(parts[0] if parts else "", not_found)
                try:
                    handler(self, parts[1:])
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up: that is the point of most faults

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), RequestHandler)
        self.httpd.daemon_threads = True
        self.httpd.fault_server = self  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def route(self, path: str, handler: Handler) -> None:
        self.routes[path] = handler

    def serve(self, path: str, body: bytes, content_type: str = "application/octet-stream") -> None:
        self.route(path, lambda h, _: send(h, 200, body, content_type))

    def __enter__(self) -> FaultServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def _server(handler: BaseHTTPRequestHandler) -> FaultServer:
    return handler.server.fault_server  # type: ignore[attr-defined]


def send(
    handler: BaseHTTPRequestHandler, status: int, body: bytes = b"", content_type: str = "", **headers: str
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Length", str(len(body)))
    if content_type:
        handler.send_header("Content-Type", content_type)
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    handler.wfile.write(body)


def not_found(handler: BaseHTTPRequestHandler, args: list[str]) -> None:
    send(handler, 404)


def ok(handler: BaseHTTPRequestHandler, args: list[str]) -> None:
    send(handler, 200, body_of(int(args[0])))


def drip(handler: BaseHTTPRequestHandler, args: list[str]) -> None:
    size, pause = int(args[0]), float(args[1])
    handler.send_response(200)
    handler.send_header("Content-Length", str(size))
    handler.end_headers()
    stop, start = _server(handler).stop, time.monotonic()
    for byte in body_of(size):
        if stop.wait(pause) or time.monotonic() - start > MAX_HOLD:
            return
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()


def silent(handler: BaseHTTPRequestHandler, args: list[str]) -> None:
    _server(handler).stop.wait(MAX_HOLD)
    handler.close_connection = True


def truncated(handler: BaseHTTPRequestHandler, args: list[str]) -> None:
    size = int(args[0])
    handler.send_response(200)
    handler.send_header("Content-Length", str(size))
    handler.end_headers()
    handler.wfile.write(body_of(size // 2))
    handler.wfile.flush()
    handler.close_connection = True


def status(handler: BaseHTTPRequestHandler, args: list[str]) -> None:
    send(handler, int(args[0]))


def flaky(handler: BaseHTTPRequestHandler, args: list[str]) -> None:
    code, times = int(args[0]), int(args[1])
    if _server(handler).hits[handler.path] <= times:
        send(handler, code)
    else:
        send(handler, 200, b"recovered")


def retry_after(handler: BaseHTTPRequestHandler, args: list[str]) -> None:
    seconds, times = args[0], int(args[1])
    if _server(handler).hits[handler.path] <= times:
        send(handler, 429, Retry_After=seconds)
    else:
        send(handler, 200, b"after the wait")


def big(handler: BaseHTTPRequestHandler, args: list[str]) -> None:
    size = int(args[0])
    handler.send_response(200)
    handler.send_header("Connection", "close")
    handler.end_headers()
    chunk = body_of(1 << 16)
    sent = 0
    while sent < size and not _server(handler).stop.is_set():
        handler.wfile.write(chunk[: size - sent])
        sent += len(chunk)
    handler.close_connection = True


def json_answer(handler: BaseHTTPRequestHandler, args: list[str]) -> None:
    bodies = {"list": b"[1, 2, 3]", "cut": b'{"info": {"name": "x"', "object": b'{"ok": true}'}
    send(handler, 200, bodies[args[0]], "application/json")


FAULTS: dict[str, Handler] = {
    "ok": ok,
    "drip": drip,
    "silent": silent,
    "truncated": truncated,
    "status": status,
    "flaky": flaky,
    "retry-after": retry_after,
    "big": big,
    "json": json_answer,
}


def pypi_index(server: FaultServer, name: str, version: str, sdist: bytes, digest: str | None = None) -> bytes:
    """A PyPI JSON API for one release (`/pypi/<name>/json`) whose sdist is `sdist`; the index
    names `digest` (default: the true sha256 of `sdist`). Returns the JSON served."""
    filename = f"{name}-{version}.tar.gz"
    sha = digest if digest is not None else hashlib.sha256(sdist).hexdigest()
    item = {
        "filename": filename,
        "url": f"{server.url}/files/{filename}",
        "digests": {"sha256": sha},
        "packagetype": "sdist",
        "size": len(sdist),
    }
    document = {
        "info": {"name": name, "version": version, "summary": "a package of the fault server", "license": "MIT"},
        "releases": {version: [item]},
        "urls": [item],
    }
    body = json.dumps(document).encode()
    server.serve(f"/pypi/{name}/json", body, "application/json")
    server.serve(f"/pypi/{name}/{version}/json", body, "application/json")
    server.serve(f"/files/{filename}", sdist)
    return body
