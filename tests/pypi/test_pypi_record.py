"""The fixture recorder: what it serves the generator and what it stores (no network)."""

from __future__ import annotations

import hashlib
import io
import zipfile

from recipegen.generators.pypi.record import Recorder

from recipegen.http import Fetcher, Response

WHEEL_URL = "https://files.example/packages/ab/cd/demo-1.0-py3-none-any.whl"


def _wheel() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as wheel:
        wheel.writestr("demo/__init__.py", "VALUE = 1\n" * 50)
        wheel.writestr("demo-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n")
        wheel.writestr("demo-1.0.dist-info/RECORD", "demo/__init__.py,,\n")
    return out.getvalue()


def test_a_wheel_is_served_whole_so_its_digest_checks_and_stored_stripped(tmp_path, monkeypatch):
    wheel = _wheel()
    monkeypatch.setattr(Fetcher, "_network_get", lambda self, url, deadline=None: Response(url, 200, wheel, {}))
    recorder = Recorder(tmp_path, "1.0")
    fetcher = Fetcher(use_cache=False, transport=recorder, retries=0)
    # before the fix the recorder served the stripped wheel and this raised a sha256 mismatch
    served = fetcher.get(WHEEL_URL, sha256=hashlib.sha256(wheel).hexdigest())
    assert served.content == wheel
    recorder.save()
    stored = next(p for p in tmp_path.iterdir() if p.name != "responses.json")
    with zipfile.ZipFile(stored) as kept:
        assert kept.namelist() == ["demo-1.0.dist-info/METADATA", "demo-1.0.dist-info/RECORD"]
