"""The network edge: HTTP GET with deadlines, bounded retries, size caps, digest checks, a
validated on-disk cache and offline mode.

Everything recipegen downloads goes through `Fetcher.get`:

- one request (connect to last byte) ends after `timeout` seconds (`--timeout`), however
  slowly the server drips; one `get` with all its retries and waits ends after `budget`
  seconds (default 1.5 times the timeout);
- bodies stream to a temporary file and stop at `max_bytes`;
- deterministic failures are not retried: 4xx other than 408/429, a body over the size
  cap, a wrong digest, a server that sent nothing within the timeout; 408, 429 and 5xx and
  dropped connections are retried with backoff, a `Retry-After` is honoured when it fits the
  budget (at most MAX_RETRY_AFTER seconds);
- `get(url, sha256=...)` hashes what arrived and refuses a mismatch (DigestMismatch); only a
  test transport that declares `repacked_bodies` (recordings whose archives were stripped
  small, see generators/pypi/record.py) is exempt;
- only complete, validated answers are cached (the body's length and sha256 are recorded; a
  JSON answer must parse); a cache entry that does not check out is a miss.

Responses are cached under the user cache folder (`$RECIPEGEN_CACHE_DIR`, else
`$XDG_CACHE_HOME/recipegen`, else `~/.cache/recipegen`); `offline=True` serves only from that
cache and fails clearly otherwise.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from recipegen.untrusted import BadJSON, loads_json

TRANSIENT_STATUS = {408, 429, 500, 502, 503, 504}
USER_AGENT = "recipegen (+https://github.com/recipegen/recipegen)"
DEFAULT_TIMEOUT = 30.0  # seconds for one request, connect to last byte (`--timeout`)
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
BUDGET_FACTOR = 1.5  # one get with its retries and waits: this many times the timeout
MAX_RETRY_AFTER = 30.0  # the longest Retry-After wait honoured (also bounded by the budget)
_CHUNK = 1 << 16
_SPOOL_BYTES = 8 * 1024 * 1024  # bodies up to this stay in memory while they arrive


class FetchError(Exception):
    """A download failed; the message is one line naming the URL and the reason.

    `retry` says whether trying again may help (a dropped connection, HTTP 5xx); a status of
    4xx other than 408/429, an over-size body, a wrong digest or a timeout are final.
    """

    def __init__(self, url: str, reason: str, status: int | None = None, retry: bool | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status
        self.retry = (status is None or status in TRANSIENT_STATUS) if retry is None else retry
        self.retry_after: float | None = None  # seconds the server asked to wait (429/503)


class DigestMismatch(FetchError):
    """The bytes received are not the ones the index names (tampered file or wrong index)."""

    def __init__(self, url: str, algorithm: str, expected: str, actual: str) -> None:
        super().__init__(
            url, f"{algorithm} mismatch: the index says {expected}, the download has {actual}; refused", retry=False
        )
        self.algorithm = algorithm
        self.expected = expected
        self.actual = actual


Digests = dict[str, str]  # hashlib algorithm name -> expected lower-case hex digest


def check_digests(url: str, content: bytes, expected: Digests) -> None:
    """DigestMismatch unless `content` hashes to every expected digest."""
    for algorithm, digest in expected.items():
        actual = hashlib.new(algorithm, content).hexdigest()
        if actual != digest:
            raise DigestMismatch(url, algorithm, digest, actual)


@dataclass
class Response:
    url: str  # final URL after redirects (relative links resolve against it)
    status: int
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> object:
        try:
            return loads_json(self.content)
        except BadJSON as exc:
            raise FetchError(self.url, f"response is not JSON ({exc})", retry=False) from None

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def default_cache_dir() -> Path:
    if os.environ.get("RECIPEGEN_CACHE_DIR"):
        return Path(os.environ["RECIPEGEN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "recipegen"


def _header(headers: dict[str, str], name: str) -> str:
    for key, value in headers.items():
        if key.lower() == name:
            return str(value)
    return ""


def _is_json(response: Response) -> bool:
    return "json" in _header(response.headers, "content-type").lower() or response.url.rstrip("/").endswith("/json")


@dataclass
class Fetcher:
    """GET with cache. `transport` replaces the network in tests (url -> Response or raise)."""

    cache_dir: Path | None = None
    offline: bool = False
    use_cache: bool = True
    timeout: float = DEFAULT_TIMEOUT
    retries: int = 3
    backoff: float = 0.5
    max_bytes: int = DEFAULT_MAX_BYTES
    budget: float | None = None  # seconds for one get with its retries and waits (None: 1.5 x timeout)
    transport: Callable[[str], Response] | None = None
    # replaces the network for `request` in tests: (method, url, headers) -> Response or raise FetchError
    request_transport: Callable[[str, str, dict[str, str]], Response] | None = None
    _session: object = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.cache_dir is None:
            self.cache_dir = default_cache_dir()

    # --- cache ------------------------------------------------------------------------------
    def _cache_paths(self, url: str) -> tuple[Path, Path]:
        digest = hashlib.sha256(url.encode()).hexdigest()
        folder = Path(self.cache_dir or default_cache_dir()) / "http" / digest[:2]
        return folder / digest, folder / (digest + ".json")

    def _from_cache(self, url: str, expected: Digests | None = None) -> Response | None:
        """The cached answer, or None when absent or when it does not check out (a miss)."""
        body, meta = self._cache_paths(url)
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            content = body.read_bytes()
        except (OSError, ValueError, RecursionError):
            return None
        if not isinstance(info, dict) or info.get("size") != len(content):
            return None
        if info.get("sha256") != hashlib.sha256(content).hexdigest():
            return None
        try:
            check_digests(url, content, {} if info.get("repacked") else expected or {})
        except DigestMismatch:
            return None
        headers = info.get("headers")
        url_seen = info.get("url")
        return Response(
            url_seen if isinstance(url_seen, str) else url,
            200,
            content,
            {str(k): str(v) for k, v in headers.items()} if isinstance(headers, dict) else {},
        )

    def _store(self, url: str, response: Response, repacked: bool = False) -> None:
        body, meta = self._cache_paths(url)
        record: dict[str, object] = {
            "url": response.url,
            "status": response.status,
            "headers": response.headers,
            "size": len(response.content),
            "sha256": response.sha256,
        }
        if repacked:
            record["repacked"] = True  # a test recording: not the bytes the index's digests name
        try:
            body.parent.mkdir(parents=True, exist_ok=True)
            for path, data in ((body, response.content), (meta, json.dumps(record).encode())):
                fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, path)
        except OSError:
            return  # a cache that cannot be written only costs a download next time

    # --- get --------------------------------------------------------------------------------
    def get(
        self,
        url: str,
        *,
        cache: bool = True,
        refresh: bool = False,
        sha256: str | None = None,
        md5: str | None = None,
    ) -> Response:
        """Fetch `url`; 404 and other final errors raise FetchError at once.

        `sha256`, `md5` (from the index): the body must hash to them, else DigestMismatch and
        nothing is cached. `refresh=True` (for indexes that change, e.g. CRAN's PACKAGES) skips
        the cached copy when online but still stores the answer, so `--offline` can use it later.
        """
        given = {"sha256": sha256, "md5": md5}
        expected = {name: value.strip().lower() for name, value in given.items() if value and value.strip()}
        if self.use_cache and cache and (self.offline or not refresh):
            cached = self._from_cache(url, expected)
            if cached is not None:
                return cached
        if self.offline:
            raise FetchError(url, "not in the local cache and --offline was given", retry=False)
        response = self._get_with_retries(url, expected)
        if self.use_cache and cache:
            self._store(url, response, repacked=getattr(self.transport, "repacked_bodies", False))
        return response

    def _get_with_retries(self, url: str, expected: Digests) -> Response:
        budget = self.budget if self.budget is not None else BUDGET_FACTOR * self.timeout
        deadline = time.monotonic() + budget
        last: FetchError | None = None
        for attempt in range(self.retries + 1):
            try:
                return self._attempt(url, expected, min(deadline, time.monotonic() + self.timeout))
            except FetchError as exc:
                if not exc.retry:
                    raise
                last = exc
            wait = self.backoff * (2**attempt)
            if last.retry_after is not None:
                if last.retry_after > MAX_RETRY_AFTER:
                    raise FetchError(url, f"{last.reason}; the server asks to wait {last.retry_after:g} s", last.status)
                wait = max(wait, last.retry_after)
            if attempt == self.retries or time.monotonic() + wait >= deadline:
                break
            time.sleep(wait)
        assert last is not None
        if attempt < self.retries:  # stopped early: the budget is spent
            raise FetchError(url, f"{last.reason} (gave up after {budget:g} s)", last.status, retry=False)
        raise FetchError(url, last.reason, last.status, retry=False)

    def _attempt(self, url: str, expected: Digests, deadline: float) -> Response:
        """One request, checked: status 200, complete, within the size cap, the digest."""
        if self.transport is not None:
            response = self.transport(url)
            if response.status == 200 and len(response.content) > self.max_bytes:
                raise FetchError(url, f"response larger than {self.max_bytes} bytes", retry=False)
        else:
            response = self._network_get(url, deadline)
        if response.status != 200:
            error = FetchError(url, _status_reason(response.status), response.status)
            error.retry_after = _retry_after(response.headers)
            raise error
        if not getattr(self.transport, "repacked_bodies", False):  # recordings re-packed small (tests)
            check_digests(url, response.content, expected)
        if _is_json(response):
            response.json()  # a cut or garbled JSON answer is neither used nor cached
        return response

    # --- the network ------------------------------------------------------------------------
    def request(
        self,
        url: str,
        *,
        method: str = "GET",
        headers: dict[str, str] | None = None,
        follow_redirects: bool = False,
        timeout: float | None = None,
    ) -> Response:
        """One uncached, unretried request (e.g. a HEAD to see whether a page exists).

        Every HTTP status comes back as a Response (3xx too unless `follow_redirects`), so the
        caller decides what a status means; FetchError only when no answer arrived (network
        error, timeout) or with --offline. Bodies over 1 MB are cut (status checks and small
        JSON answers only).
        """
        headers = {"User-Agent": USER_AGENT, **(headers or {})}
        if self.offline:
            raise FetchError(url, "a network check was asked for but --offline was given", retry=False)
        if self.request_transport is not None:
            return self.request_transport(method, url, headers)
        wait = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + wait
        with _as_fetch_errors(url, wait):
            with self._requests_session().request(
                method, url, headers=headers, allow_redirects=follow_redirects, timeout=wait, stream=True
            ) as reply:
                body = b""
                if method != "HEAD":
                    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as sink:
                        _stream(reply, sink, url, 1 << 20, deadline, wait, cut=True)
                        sink.seek(0)
                        body = sink.read()
                return Response(reply.url, reply.status_code, body, dict(reply.headers))

    def _requests_session(self):
        import requests  # imported here: commands that never touch the network stay fast

        if self._session is None:
            self._session = requests.Session()
            self._session.headers["User-Agent"] = USER_AGENT
        return self._session

    def _network_get(self, url: str, deadline: float | None = None) -> Response:
        """GET streamed to a temporary file; the whole transfer ends by `deadline`."""
        deadline = time.monotonic() + self.timeout if deadline is None else deadline
        wait = max(deadline - time.monotonic(), 0.001)
        with _as_fetch_errors(url, wait), self._requests_session().get(url, timeout=wait, stream=True) as reply:
            if reply.status_code != 200:
                return Response(reply.url, reply.status_code, b"", dict(reply.headers))
            with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as sink:
                _stream(reply, sink, url, self.max_bytes, deadline, self.timeout)
                sink.seek(0)
                return Response(reply.url, reply.status_code, sink.read(), dict(reply.headers))


def _stream(reply, sink, url: str, limit: int, deadline: float, timeout: float, cut: bool = False) -> None:
    """Copy the body of `reply` into `sink`: at most `limit` bytes (more: FetchError, or the
    body is cut with `cut=True`), finished by `deadline`, complete (Content-Length)."""
    declared = _header(dict(reply.headers), "content-length")
    if declared.isdigit() and int(declared) > limit and not cut:
        raise FetchError(url, f"response larger than {limit} bytes ({declared} announced)", retry=False)
    received = 0
    raw = reply.raw
    sock = getattr(getattr(raw, "connection", None), "sock", None)
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(url, f"download took longer than {timeout:g} s (see --timeout)", retry=False)
        if sock is not None:  # a dripping server must not hold a read past the deadline
            sock.settimeout(left)
        try:
            chunk = raw.read1(_CHUNK, decode_content=True) if hasattr(raw, "read1") else raw.read(_CHUNK)
        except Exception:
            if time.monotonic() >= deadline:
                raise FetchError(url, f"download took longer than {timeout:g} s (see --timeout)", retry=False) from None
            raise
        if not chunk:
            break
        received += len(chunk)
        if received > limit:
            if cut:
                sink.write(chunk[: len(chunk) - (received - limit)])
                return
            raise FetchError(url, f"response larger than {limit} bytes", retry=False)
        sink.write(chunk)
    if declared.isdigit() and not _header(dict(reply.headers), "content-encoding") and received != int(declared):
        raise FetchError(url, f"incomplete response ({received} of {declared} bytes)")


def _retry_after(headers: dict[str, str]) -> float | None:
    """Seconds from a Retry-After header (a number or an HTTP date), None when absent or unreadable."""
    value = _header(headers, "retry-after").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


@contextlib.contextmanager
def _as_fetch_errors(url: str, timeout: float) -> Iterator[None]:
    """requests' and urllib3's exceptions as one-line FetchErrors."""
    import requests
    import urllib3

    try:
        yield
    except (requests.Timeout, urllib3.exceptions.TimeoutError):
        raise FetchError(url, f"no answer within {round(timeout, 1):g} s (see --timeout)", retry=False) from None
    except (requests.ConnectionError, urllib3.exceptions.ProtocolError) as exc:
        raise FetchError(url, _connection_reason(url, exc)) from None
    except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
        raise FetchError(url, _short(exc)) from None
    except OSError as exc:  # a socket error outside requests' wrapping (read1 of a reset connection)
        raise FetchError(url, _short(exc)) from None


def _status_reason(status: int) -> str:
    names = {
        404: "not found (HTTP 404)",
        403: "forbidden (HTTP 403)",
        401: "unauthorized (HTTP 401)",
        410: "gone (HTTP 410)",
        429: "rate limited (HTTP 429)",
    }
    return names.get(status, f"HTTP {status}")


def _connection_reason(url: str, exc: Exception) -> str:
    """A short reason for a failed connection (requests' own text is a nested repr)."""
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or url
    text = str(exc)
    if "NameResolution" in text or "Name or service not known" in text or "getaddrinfo" in text:
        return f"cannot resolve host {host} (no network or DNS?)"
    if "IncompleteRead" in text or "incomplete" in text.lower():
        return f"connection to {host} closed before the whole answer arrived"
    if "timed out" in text.lower():
        return f"connection to {host} timed out"
    if "refused" in text.lower():
        return f"connection to {host} refused"
    if "SSL" in text or "certificate" in text.lower():
        return f"TLS error talking to {host}"
    return f"cannot connect to {host}"


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text[:200]
