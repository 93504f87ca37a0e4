"""The network edge: HTTP GET with timeouts, retries with backoff, an on-disk cache and offline mode.

Everything recipegen downloads goes through `Fetcher.get`. Responses are cached under the
user cache folder (`$RECIPEGEN_CACHE_DIR`, else `$XDG_CACHE_HOME/recipegen`, else
`~/.cache/recipegen`); `offline=True` serves only from that cache and fails clearly otherwise.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

TRANSIENT_STATUS = {429, 500, 502, 503, 504}
USER_AGENT = "recipegen (+https://github.com/recipegen/recipegen)"


class FetchError(Exception):
    """A download failed; the message is one line naming the URL and the reason."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


@dataclass
class Response:
    url: str  # final URL after redirects (relative links resolve against it)
    status: int
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> object:
        try:
            return json.loads(self.content)
        except ValueError as exc:
            raise FetchError(self.url, f"response is not JSON ({exc})") from None

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")


def default_cache_dir() -> Path:
    if os.environ.get("RECIPEGEN_CACHE_DIR"):
        return Path(os.environ["RECIPEGEN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "recipegen"


@dataclass
class Fetcher:
    """GET with cache. `transport` replaces the network in tests (url -> Response or raise)."""

    cache_dir: Path | None = None
    offline: bool = False
    use_cache: bool = True
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 0.5
    max_bytes: int = 512 * 1024 * 1024
    transport: Callable[[str], Response] | None = None
    # replaces the network for `request` in tests: (method, url, headers) -> Response or raise FetchError
    request_transport: Callable[[str, str, dict[str, str]], Response] | None = None
    _session: object = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.cache_dir is None:
            self.cache_dir = default_cache_dir()

    def _cache_paths(self, url: str) -> tuple[Path, Path]:
        digest = hashlib.sha256(url.encode()).hexdigest()
        folder = Path(self.cache_dir or default_cache_dir()) / "http" / digest[:2]
        return folder / digest, folder / (digest + ".json")

    def _from_cache(self, url: str) -> Response | None:
        body, meta = self._cache_paths(url)
        if not (body.exists() and meta.exists()):
            return None
        info = json.loads(meta.read_text())
        return Response(info.get("url", url), info.get("status", 200), body.read_bytes(), info.get("headers", {}))

    def _store(self, url: str, response: Response) -> None:
        body, meta = self._cache_paths(url)
        body.parent.mkdir(parents=True, exist_ok=True)
        for path, data in (
            (body, response.content),
            (meta, json.dumps({"url": response.url, "status": response.status, "headers": response.headers}).encode()),
        ):
            tmp = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)

    def get(self, url: str, *, cache: bool = True, refresh: bool = False) -> Response:
        """Fetch `url`; 404 and other non-transient errors raise FetchError at once.

        `refresh=True` (for indexes that change, e.g. CRAN's PACKAGES) skips the cached copy
        when online but still stores the answer, so `--offline` can use it later.
        """
        if self.use_cache and cache and (self.offline or not refresh):
            cached = self._from_cache(url)
            if cached is not None:
                return cached
        if self.offline:
            raise FetchError(url, "not in the local cache and --offline was given")
        response = self._get_with_retries(url)
        if self.use_cache and cache:
            self._store(url, response)
        return response

    def _get_with_retries(self, url: str) -> Response:
        last: FetchError | None = None
        for attempt in range(self.retries + 1):
            try:
                response = self.transport(url) if self.transport else self._network_get(url)
            except FetchError as exc:
                if exc.status is not None and exc.status not in TRANSIENT_STATUS:
                    raise
                last = exc
            else:
                if response.status == 200:
                    return response
                error = FetchError(url, _status_reason(response.status), response.status)
                if response.status not in TRANSIENT_STATUS:
                    raise error
                last = error
            if attempt < self.retries:
                time.sleep(self.backoff * (2**attempt))
        assert last is not None
        raise last

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
            raise FetchError(url, "a network check was asked for but --offline was given")
        if self.request_transport is not None:
            return self.request_transport(method, url, headers)
        wait = self.timeout if timeout is None else timeout
        with _as_fetch_errors(url, wait):
            with self._requests_session().request(
                method, url, headers=headers, allow_redirects=follow_redirects, timeout=wait, stream=True
            ) as reply:
                body = b"" if method == "HEAD" else reply.raw.read(1 << 20, decode_content=True)
                return Response(reply.url, reply.status_code, body or b"", dict(reply.headers))

    def _requests_session(self):
        import requests  # imported here: commands that never touch the network stay fast

        if self._session is None:
            self._session = requests.Session()
            self._session.headers["User-Agent"] = USER_AGENT
        return self._session

    def _network_get(self, url: str) -> Response:
        with _as_fetch_errors(url, self.timeout):
            with self._requests_session().get(url, timeout=self.timeout, stream=True) as reply:
                chunks, size = [], 0
                for chunk in reply.iter_content(1 << 16):
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(url, f"response larger than {self.max_bytes} bytes")
                    chunks.append(chunk)
                return Response(reply.url, reply.status_code, b"".join(chunks), dict(reply.headers))


@contextlib.contextmanager
def _as_fetch_errors(url: str, timeout: float) -> Iterator[None]:
    """requests' exceptions as one-line FetchErrors."""
    import requests

    try:
        yield
    except requests.Timeout:
        raise FetchError(url, f"timed out after {timeout:g} s") from None
    except requests.ConnectionError as exc:
        raise FetchError(url, _connection_reason(url, exc)) from None
    except requests.RequestException as exc:
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
