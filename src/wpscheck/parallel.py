"""Checking many drafts on every core: ``wpscheck check --jobs N``.

Drafts are read, parsed and checked in a pool of worker processes, a chunk of files at a
time; snapshots stay in the main process (the ``trend`` check compares a body across
snapshots, so they must be checked together). The findings are merged and sorted exactly
as :func:`wpscheck.engine.check` sorts them, so the report is identical to a serial run's.
Workers build the default plugin registry (installed plugins), as the CLI does.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from wpscheck.models import Document, Finding, Report, ReportNote, RulePack, Snapshot
from wpscheck.revisions import TrackedMode, tracked, tracked_mode

__all__ = ["check_files", "default_jobs"]


def default_jobs() -> int:
    """Every core this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _is_plugin_problem(f: Finding) -> bool:
    return f.rule == "plugin" and f.pack == "wpscheck" and f.location is None


_Result = tuple[str | None, int, list[Finding], list[ReportNote], dict[str, str]]


def _check_chunk(
    files: Sequence[str],
    packs: Sequence[RulePack],
    select: Sequence[str],
    ignore: Sequence[str],
    today: date,
    mode: TrackedMode = "accept",
) -> list[_Result]:
    """Per file: the subject's path, its subject count, its findings (no plugin problems),
    the notes reading it made and the name people know it by (``Report.names``). Word
    drafts are read in ``mode`` (the parent's tracked-changes mode: a worker process does
    not share its context)."""
    from wpscheck.engine import check
    from wpscheck.loading import load_document

    out: list[_Result] = []
    for f in files:
        with tracked(mode):
            doc = load_document(Path(f))
        report = check([doc], packs, select=select, ignore=ignore, today=today, unselected=False)
        findings = [x for x in report.findings if not _is_plugin_problem(x)]
        out.append((doc.path, 1, findings, report.notes, report.names))
    return out


def check_files(
    files: Sequence[Path],
    packs: Sequence[RulePack],
    *,
    jobs: int,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    today: date | None = None,
    unselected: bool | Collection[str] = False,
) -> Report:
    """Check input files with ``jobs`` worker processes; the same report as a serial run
    (but a draft rule that selects no draft gets no warning: each worker sees a few)."""
    import multiprocessing

    from wpscheck.engine import check, is_selected, make_report, sort_findings
    from wpscheck.loading.inputs import DATA_SUFFIXES
    from wpscheck.loading.snapshots import load_with_profile
    from wpscheck.registry import registry

    reg = registry()
    today = today or date.today()
    is_snapshot = [f.suffix.lower() in DATA_SUFFIXES for f in files]
    snapshots: list[Snapshot | Document] = [
        load_with_profile(f) for f, snap in zip(files, is_snapshot, strict=True) if snap
    ]
    drafts = [f.as_posix() for f, snap in zip(files, is_snapshot, strict=True) if not snap]
    # Serial: the plugin problems once, then the snapshots' findings, then the drafts'.
    base = check(
        snapshots, packs, select=select, ignore=ignore, reg=reg, today=today, unselected=unselected
    )
    findings = list(base.findings)
    subjects = base.summary.subjects
    per_draft: list[_Result] = []
    if drafts:
        n_chunks = min(len(drafts), max(1, jobs) * 4)
        size = -(-len(drafts) // n_chunks)
        chunks = [drafts[i : i + size] for i in range(0, len(drafts), size)]
        mode = tracked_mode()
        if jobs <= 1 or len(chunks) == 1:
            for chunk in chunks:
                per_draft.extend(_check_chunk(chunk, packs, select, ignore, today, mode))
        else:
            ctx = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
                results = pool.map(
                    _check_chunk,
                    chunks,
                    *([packs] * len(chunks), [select] * len(chunks), [ignore] * len(chunks)),
                    [today] * len(chunks),
                    [mode] * len(chunks),
                )
                for r in results:
                    per_draft.extend(r)
    # The order the serial engine gives: each subject's path by its position among inputs.
    order: dict[str, int] = {}
    snap_iter = iter(snapshots)
    draft_iter = iter(per_draft)
    for n, snap in enumerate(is_snapshot):
        path = next(snap_iter).path if snap else next(draft_iter)[0]
        order.setdefault(path or f"<input {n}>", n)
    notes = list(base.notes)
    names = dict(base.names)
    for _, count, fs, ns, nm in per_draft:
        subjects += count
        findings.extend(fs)
        notes.extend(ns)
        names.update(nm)
    sort_findings(findings, order, packs)
    ran = [r for p in packs for r in p.rules if is_selected(r, select, ignore)]
    return make_report(
        findings,
        packs,
        subjects=subjects,
        inputs=[f.as_posix() for f in files],
        rules=ran,
        notes=notes,
        names=names,
    )
