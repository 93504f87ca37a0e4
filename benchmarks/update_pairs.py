"""How `recipegen update` does on real conda-forge version bumps (../shared/data/update-pairs).

    python benchmarks/update_pairs.py [--pairs DIR] [--cache DIR] [--only ID-SUBSTRING] [-v]

For each pair: copy `before/` to a scratch folder, run the updater with the pair's new version
(dependency changes applied), and compare with `after/` and the pair's facts:

- version, sha256 and build number right (sha256 counted where the source is downloadable
  here: PyPI; GitHub and CRAN are not reachable, so their digest comes from the pair and is
  marked "oracle", only to let the rest of the pipeline run);
- of the requirement changes the pair marks visible in upstream's metadata
  (`upstream_explained`), how many the updater made (edit) or reported (hint);
- of the requirement edits it made, how many match `after/`;
- on bumps where the maintainers changed no host/run requirement, how often it edited one;
- whether every comment the maintainers kept survives (prose comments apart from bare
  `# [selector]`s, which are their items' conditions and go with a removed item).

Uses the network for PyPI (the `pypi.invalid` stand-ins in the recipes are PyPI's hosts: the
updater downloads the index's own file URLs). Prints a table and totals.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from recipegen.http import Fetcher, FetchError
from recipegen.update.download import Downloaded, FetchingDownloader
from recipegen.update.model import canonical
from recipegen.update.pipeline import Options, read_recipe, update_recipe
from recipegen.update.resolve import Services

DEFAULT_PAIRS = next(
    (
        p / "shared" / "data" / "update-pairs"
        for p in Path(__file__).resolve().parents
        if (p / "shared" / "data").is_dir()
    ),
    Path("../shared/data/update-pairs"),
)
UNREACHABLE = ("github.com", "githubusercontent.com", "cran", "r-project.org")


class OracleDownloader:
    """The real downloader; for hosts not reachable here, the pair's digest (counted apart)."""

    def __init__(self, fetcher: Fetcher, digest: str) -> None:
        self.real = FetchingDownloader(fetcher)
        self.digest = digest
        self.used = False

    def __call__(self, urls: tuple[str, ...]) -> Downloaded:
        try:
            return self.real(urls)
        except FetchError:
            if not any(host in urls[0] for host in UNREACHABLE):
                raise
            self.used = True
            return Downloaded(urls[0], self.digest, "", 0)


def requirement_state(path: Path, text: str) -> dict[tuple[str, str, str], tuple[str, ...]]:
    """(output, section, name) → sorted constraints as written, for host/run of every output."""
    from recipegen.render import recipe_folder_variant_files

    recipe = read_recipe(path, text, recipe_folder_variant_files(path.parent))
    state: dict[tuple[str, str, str], list[str]] = {}
    for entry in recipe.entries():
        if entry.section in ("host", "run") and not entry.templated:
            state.setdefault((entry.output, entry.section, entry.key), []).append(_normal(entry.constraint))
    return {k: tuple(sorted(v)) for k, v in state.items()}


def _normal(constraint: str) -> str:
    """Comma parts sorted, `1.20.0` as `1.20` (the same constraint written two ways compares equal)."""
    parts = [re.sub(r"(\d)(?:\.0)+(?=$|[^\d.])", r"\1", p) for p in constraint.replace(" ", "").split(",") if p]
    return ",".join(sorted(parts))


def diff(before: dict, after: dict) -> dict:
    return {k: after.get(k) for k in set(before) | set(after) if before.get(k) != after.get(k)}


def comments(text: str) -> Counter:
    found: Counter = Counter()
    for line in text.splitlines():
        match = re.search(r"(?:^|\s)(#.*)$", line)
        if match:
            found[match.group(1).strip()] += 1
    return found


def is_selector(comment: str) -> bool:
    """A bare selector (`# [win]`): its item's condition rather than prose; it goes with the
    item (a removed cross-compilation line takes its selector)."""
    return bool(re.fullmatch(r"#\s*\[[^\[\]]*\]", comment))


def evaluate(pair: dict, root: Path, fetcher: Fetcher, verbose: bool) -> dict:
    folder = root / pair["id"]
    scratch = Path(tempfile.mkdtemp(prefix="update-pair-")) / "recipe"
    shutil.copytree(folder / "before", scratch)
    recipe_path = scratch / pair["recipe_file"]
    before_text = recipe_path.read_text()
    after_text = (folder / "after" / pair["recipe_file"]).read_text()
    downloader = OracleDownloader(fetcher, pair["new_sha256"])
    services = Services(fetcher, downloader)
    result = update_recipe(recipe_path, Options(version=pair["new_version"]), services)
    ours = recipe_path.read_text()
    row = {"id": pair["id"], "status": result.status, "error": result.error, "oracle": downloader.used}
    row["version"] = result.status == "updated" and result.new_version == pair["new_version"]
    row["sha"] = pair["new_sha256"] in ours
    row["build"] = result.status == "updated" and all(s.value == "0" for s in _build_numbers(recipe_path, ours))
    kept = comments(before_text) & comments(after_text)
    survived = kept & comments(ours)
    row["comments"] = (sum(survived.values()), sum(kept.values()))
    prose = [c for c in kept if not is_selector(c)]
    row["prose"] = (sum(survived[c] for c in prose), sum(kept[c] for c in prose))
    states = {
        name: requirement_state(recipe_path, text)
        for name, text in (("before", before_text), ("after", after_text), ("ours", ours))
    }
    truth, mine = diff(states["before"], states["after"]), diff(states["before"], states["ours"])
    row["edits"] = len(mine)
    row["edits_right"] = sum(1 for k, v in mine.items() if states["after"].get(k) == v)
    visible = _visible(pair, truth)
    row["visible"] = len(visible)
    row["found"] = sum(1 for k in visible if k in mine and _same_kind(mine[k], truth[k], states["before"].get(k)))
    row["exact"] = sum(1 for k in visible if k in mine and mine[k] == truth[k])
    hinted = {(p.output, p.section, canonical(p.name)) for p in result.proposals if not p.applied}
    row["hinted"] = sum(1 for k in visible if k not in mine and k in hinted)
    row["negative"] = not pair["has_host_run_change"]
    row["hints"] = sum(1 for p in result.proposals if not p.applied)
    if verbose:
        _show(row, result, truth, mine)
    shutil.rmtree(scratch.parent, ignore_errors=True)
    return row


def _same_kind(ours, theirs, before) -> bool:
    """Added, removed or re-constrained the same way (an added item's constraint may differ)."""
    if ours is None or theirs is None or before is None:
        return (ours is None) == (theirs is None)
    return ours == theirs


def _build_numbers(path: Path, text: str) -> list:
    from recipegen.render import recipe_folder_variant_files

    return read_recipe(path, text, recipe_folder_variant_files(path.parent)).build_numbers


def _visible(pair: dict, truth: dict) -> list:
    """Truth changes (output, section, name) the pair says upstream's metadata explains."""
    keys = []
    for change in pair["changes"]:
        if change.get("upstream_explained") and change["section"] in ("host", "run"):
            key = (change["output"], change["section"], canonical(change["name"]))
            if key in truth and key not in keys:
                keys.append(key)
    return keys


def _show(row: dict, result, truth: dict, mine: dict) -> None:
    print(f"  {row['id']}: {result.status} {result.error}")
    for key in sorted(set(truth) | set(mine)):
        mark = "=" if key in truth and key in mine and truth[key] == mine[key] else "!"
        print(f"    {mark} {key}: truth={truth.get(key, '-')} ours={mine.get(key, '-')}")
    for p in result.proposals:
        if not p.applied:
            print(f"    hint {p.output} {p.section} {p.name}: {p.old} -> {p.new} ({p.reason})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--only", default="")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    pairs = json.loads((args.pairs / "pairs.json").read_text())["pairs"]
    fetcher = Fetcher(cache_dir=args.cache)
    rows = [evaluate(p, args.pairs, fetcher, args.verbose) for p in pairs if args.only in p["id"]]
    print(f"{'pair':48s} {'status':9s} ver sha bn  vis found hint edits right hints")
    for r in rows:
        flags = " ".join("y" if r[k] else "-" for k in ("version", "sha", "build"))
        oracle = "*" if r["oracle"] else " "
        lost = r["prose"][1] - r["prose"][0]
        r["error"] = (f"{lost} comment(s) lost " if lost else "") + r["error"]
        print(
            f"{r['id']:48s} {r['status']:9s} {flags}{oracle} {r['visible']:4d} {r['found']:5d} {r['hinted']:4d} "
            f"{r['edits']:5d} {r['edits_right']:5d} {r['hints']:5d}  {r['error'][:60]}"
        )
    _totals(rows)


def _totals(rows: list[dict]) -> None:
    n = len(rows)
    reachable = [r for r in rows if not r["oracle"]]
    ok = sum(1 for r in rows if r["version"] and r["build"] and (r["sha"] or r["oracle"]))
    print(f"\nversion+build right: {sum(r['version'] and r['build'] for r in rows)}/{n}")
    print(f"sha256 right (downloadable sources): {sum(r['sha'] for r in reachable)}/{len(reachable)}")
    print(f"version+sha256+build right (sha from the pair where not downloadable): {ok}/{n}")
    visible = sum(r["visible"] for r in rows)
    found, hinted = sum(r["found"] for r in rows), sum(r["hinted"] for r in rows)
    exact = sum(r["exact"] for r in rows)
    print(f"upstream-visible changes found: {found}/{visible} edited ({exact} exactly), +{hinted} as hints")
    edits, right = sum(r["edits"] for r in rows), sum(r["edits_right"] for r in rows)
    print(f"requirement edits right: {right}/{edits}")
    negatives = [r for r in rows if r["negative"]]
    print(f"no-change bumps with an edit: {sum(1 for r in negatives if r['edits'])}/{len(negatives)}"
          f" (with a hint: {sum(1 for r in negatives if r['hints'])})")  # fmt: skip
    kept = sum(r["comments"][0] for r in rows), sum(r["comments"][1] for r in rows)
    prose = sum(r["prose"][0] for r in rows), sum(r["prose"][1] for r in rows)
    print(f"comments the maintainers kept, kept: {kept[0]}/{kept[1]} (prose comments {prose[0]}/{prose[1]};"
          f" the rest are bare `# [selector]`s, which go with a removed item)")  # fmt: skip


if __name__ == "__main__":
    main()
