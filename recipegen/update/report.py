"""Update results as text (people), JSON (bots) and Markdown (the PR-body section a bot posts)."""

from __future__ import annotations

import json
from collections import Counter

from recipegen.update.apply import Proposal
from recipegen.update.pipeline import UpdateResult

STATUS_WORDS = {
    "updated": "updated",
    "dry-run": "would update (dry run)",
    "available": "update available",
    "up-to-date": "up to date",
    "refused": "not written",
    "failed": "failed",
}


def summary(results: list[UpdateResult]) -> str:
    counts = Counter(r.status for r in results)
    order = ("updated", "dry-run", "available", "up-to-date", "refused", "failed")
    parts = [f"{counts[s]} {STATUS_WORDS[s]}" for s in order if counts[s]]
    return f"{len(results)} recipe(s): " + ", ".join(parts) if parts else "no recipes"


def _head(result: UpdateResult) -> str:
    if result.status in ("failed", "refused"):
        error, where = result.error, result.path
        if error.startswith(f"{result.path}:"):  # `path:line: message` from the reader: keep one path
            rest = error[len(result.path) + 1 :]
            line, _, message = rest.partition(": ")
            where, error = (f"{where}:{line}", message) if line.isdigit() else (where, rest.strip())
        return f"{where}: {STATUS_WORDS[result.status]}: {error}"
    moved = result.new_version and result.new_version != result.old_version
    versions = f"{result.old_version} → {result.new_version}" if moved else result.old_version
    return f"{result.path}: {result.package} {versions} ({STATUS_WORDS[result.status]})"


def _change_text(p: Proposal) -> str:
    where = f"{p.output} {p.section}".strip()
    if p.kind == "add":
        what = f"+ {p.new}"
    elif p.kind == "remove":
        what = f"- {p.name} {p.old}".rstrip()
    else:
        what = f"{p.name} {p.old or '(absent)'} → {p.new or '(removed)'}"
    return f"{where}: {what}"


def text_report(result: UpdateResult, show_diff: bool = False) -> str:
    lines = [_head(result)]
    if result.yanked and result.status not in ("failed", "up-to-date"):
        lines.append(f"  YANKED upstream: {result.new_version} is yanked on PyPI (installers skip it unless pinned)")
    if result.status in ("failed", "up-to-date", "available"):
        return "\n".join(lines) + "\n"
    if result.license:
        lines.append(f"  LICENSE CHANGED upstream: {result.license[0]} → {result.license[1]} (check about.license)")
    for source in result.sources:
        check = f" ({source.verified})" if source.verified else ""
        kind = "" if source.kind == "sha256" else f"{source.kind} "
        lines.append(f"  source {source.new_urls[0] if source.new_urls else '?'}: {kind}{source.new_digest}{check}")
    if result.build_numbers:
        lines.append(f"  build number {', '.join(result.build_numbers)} → 0")
    if result.backend:
        lines.append(f"  build backend {result.backend[0]} → {result.backend[1]}")
    for proposal in result.proposals:
        mark = "applied" if proposal.applied else f"hint: {proposal.reason}"
        lines.append(f"  {_change_text(proposal)} [{mark}] — {proposal.why}")
    lines += [f"  note: {note}" for note in result.notes]
    text = "\n".join(lines) + "\n"
    if show_diff and result.diff:
        text += result.diff
    return text


def _proposal_json(p: Proposal) -> dict:
    return {
        "kind": p.kind,
        "dependency": p.name,
        "section": p.section,
        "output": p.output,
        "old": p.old,
        "new": p.new,
        "why": p.why,
        "applied": p.applied,
        "reason": p.reason,
    }


def json_report(results: list[UpdateResult]) -> str:
    items = []
    for r in results:
        items.append(
            {
                "path": r.path,
                "status": r.status,
                "package": r.package,
                "format": r.format,
                "upstream": r.upstream,
                "old_version": r.old_version,
                "new_version": r.new_version,
                "sources": [
                    {
                        "urls": list(s.new_urls),
                        "digest": s.kind,
                        "old": s.old_digest,
                        "new": s.new_digest,
                        "verified": s.verified,
                    }
                    for s in r.sources
                ],
                "build_number_reset": r.build_numbers,
                "yanked": r.yanked,
                "license_change": list(r.license) if r.license else None,
                "build_backend_change": list(r.backend) if r.backend else None,
                "dependencies": [_proposal_json(p) for p in r.proposals],
                "dependencies_compared": r.deps_compared,
                "notes": ([f"{r.new_version} is yanked upstream"] if r.yanked else []) + r.notes,
                "error": r.error,
                "diff": r.diff,
            }
        )
    counts = Counter(r.status for r in results)
    return json.dumps({"results": items, "summary": dict(sorted(counts.items()))}, indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_report(result: UpdateResult) -> str:
    """The section a bot puts in the PR body for one recipe."""
    if result.status in ("failed", "refused"):
        return f"### {result.package or result.path}\n\n**{STATUS_WORDS[result.status]}**: {_cell(result.error)}\n\n"
    lines = [f"### {result.package} {result.old_version} → {result.new_version}", ""]
    if result.status in ("up-to-date", "available"):
        return f"### {result.package} {result.old_version}: {STATUS_WORDS[result.status]}\n\n"
    if result.yanked:
        lines += [f"> **{result.new_version} is yanked on PyPI.** Installers skip it unless pinned; check why.", ""]
    if result.license:
        lines += [
            f"> **License changed upstream: {result.license[0]} → {result.license[1]}.** Check `about.license`.",
            "",
        ]
    if result.proposals:
        lines += ["| dependency | section | output | old → new | why | applied or hint |", "|---|---|---|---|---|---|"]
        for p in result.proposals:
            change = f"{p.old or '—'} → {p.new or '(removed)'}"
            state = "applied" if p.applied else f"hint: {p.reason}"
            lines.append(
                f"| `{_cell(p.name)}` | {p.section} | {_cell(p.output)} | {_cell(change)} | {_cell(p.why)} | {_cell(state)} |"
            )
    elif result.deps_compared:
        lines.append("Upstream's requirements did not change in a way the recipe has to follow.")
    else:
        lines.append("Upstream's requirements were not compared (see below).")
    extra = [f"build number reset to 0 (was {', '.join(result.build_numbers)})"] if result.build_numbers else []
    extra += [f"build backend: {result.backend[0]} → {result.backend[1]}"] if result.backend else []
    extra += result.notes
    if extra:
        lines += [""] + [f"- {_cell(item)}" for item in extra]
    return "\n".join(lines) + "\n\n"
