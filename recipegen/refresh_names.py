"""Rebuild the conda-forge name snapshots in recipegen/data/ from prefix-dev/parselmouth's mapping.

    python -m recipegen.refresh_names --parselmouth compressed_mapping.json

`compressed_mapping.json` (parselmouth's `files/v0/conda-forge/compressed_mapping.json`) maps every
conda-forge package name to the PyPI distributions its artifacts install (null when none). It gives:
- `conda-forge-names.txt.gz`: every package name (sorted, one per line);
- `conda-forge-python.txt.gz`: the names that install a PyPI distribution: Python packages, which a
  C/C++ build's `-lxlsxwriter` or `-lmagic` never means (recipegen cxx's name guesses skip them).
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

DATA = Path(__file__).with_name("data")


def snapshots(mapping: dict[str, list[str] | None]) -> dict[str, str]:
    """File name -> text of each snapshot."""
    names = sorted(name.lower() for name in mapping)
    python = sorted(name.lower() for name, dists in mapping.items() if dists)
    return {
        "conda-forge-names.txt.gz": "\n".join(names) + "\n",
        "conda-forge-python.txt.gz": "\n".join(python) + "\n",
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parselmouth", type=Path, required=True, help="parselmouth's compressed_mapping.json")
    args = parser.parse_args(argv)
    mapping = json.loads(args.parselmouth.read_text())
    for name, text in snapshots(mapping).items():
        # mtime 0: the same mapping gives the same bytes
        (DATA / name).write_bytes(gzip.compress(text.encode(), mtime=0))
        print(f"{DATA / name}: {text.count(chr(10))} names")


if __name__ == "__main__":
    main()
