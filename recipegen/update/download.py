"""The network edge of an update: download a new source (first mirror that answers) and hash it.

`Downloader` is what the pipeline calls; `FetchingDownloader` is the real one (through the
shared `Fetcher`: cache, retries, --offline). Tests pass a downloader that replays recorded
files with the digests of the real files (recorded files are trimmed).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from recipegen.http import Fetcher, FetchError


@dataclass(frozen=True)
class Downloaded:
    url: str  # the URL that answered
    sha256: str
    md5: str
    size: int
    data: bytes = b""


Downloader = Callable[[tuple[str, ...]], Downloaded]


def digest(url: str, data: bytes) -> Downloaded:
    return Downloaded(url, hashlib.sha256(data).hexdigest(), hashlib.md5(data).hexdigest(), len(data), data)


@dataclass
class FetchingDownloader:
    fetcher: Fetcher

    def __call__(self, urls: tuple[str, ...]) -> Downloaded:
        reasons = []
        for url in urls:
            try:
                return digest(url, self.fetcher.get(url).content)
            except FetchError as exc:
                reasons.append((url, exc.reason))
        if len(reasons) == 1:
            raise FetchError(*reasons[0])
        raise FetchError(urls[0], "; ".join(f"{url}: {reason}" for url, reason in reasons))
