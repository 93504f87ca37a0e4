"""Rebuild texts.json.gz from the SPDX license-list data (a developer tool, not imported).

Usage: python -m recipegen.data.licenses.build_corpus <stdlicenses-dir>
where <stdlicenses-dir> holds the SPDX license-list-data JSON files (one
<id>.json per licence plus licenses.json). See SOURCES.md for where they came from.
Deprecated ids are left out (their texts equal their replacements'); each entry keeps
the normalised text and, where SPDX has one, the normalised standard header.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

from recipegen.licensing.normalize import normalized_text

OUT = Path(__file__).with_name("texts.json.gz")

# Texts that projects often ship shortened: also keep the part before the marker.
# The "how to apply" appendix of Apache/GNU licences is often left out, and
# LGPL-3.0's COPYING.LESSER has no GPL-3.0 text (SPDX's LGPL-3.0 text includes it).
_HOW_TO_APPLY = "How to Apply These Terms"
SHORT_FORMS = {
    "Apache-2.0": "APPENDIX: How to apply",
    "LGPL-3.0-only": "GNU GENERAL PUBLIC LICENSE",
    "LGPL-3.0-or-later": "GNU GENERAL PUBLIC LICENSE",
    **{
        f"{base}-{variant}": _HOW_TO_APPLY
        for base in ("GPL-2.0", "GPL-3.0", "LGPL-2.0", "LGPL-2.1", "AGPL-3.0")
        for variant in ("only", "or-later")
    },
}


def build(source: Path) -> dict:
    index = json.loads((source / "licenses.json").read_text(encoding="utf-8"))
    licenses: dict[str, dict[str, str]] = {}
    for entry in index["licenses"]:
        if entry.get("isDeprecatedLicenseId"):
            continue
        spdx_id = entry["licenseId"]
        detail = json.loads((source / f"{spdx_id}.json").read_text(encoding="utf-8"))
        text = detail.get("licenseText", "")
        item = {"text": normalized_text(text)}
        marker = SHORT_FORMS.get(spdx_id)
        if marker and marker in text:
            item["short_text"] = normalized_text(text[: text.index(marker)])
        header = normalized_text(detail.get("standardLicenseHeader") or "")
        if len(header.split()) >= 12:
            item["header"] = header
        licenses[spdx_id] = item
    return {
        "source": "SPDX license-list-data (resources/stdlicenses of spdx_license_matcher/tool.jar, license-matcher 2.11.1 on PyPI)",
        "license_list_version": index.get("licenseListVersion", ""),
        "release_date": index.get("releaseDate", ""),
        "licenses": licenses,
    }


def main(argv: list[str]) -> int:
    data = build(Path(argv[0]))
    payload = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")
    OUT.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    print(f"{OUT}: {len(data['licenses'])} licences, {len(payload)} bytes raw")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
