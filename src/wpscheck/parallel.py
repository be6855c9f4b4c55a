"""Checking many drafts on every core: ``wpscheck check --jobs N``.

Drafts are read, parsed and checked in a pool of worker processes, a few (up to 8)
together at a time; every other input (snapshots, tables, candidate lists) is read and
checked in the main process, together (the ``trend`` check compares a body across
snapshots). The report is the serial run's, byte for byte:

- findings are merged and sorted as :func:`wpscheck.engine.check` sorts them, and the
  notes and names kept in input order;
- a finding that does not depend on the drafts (a plugin that failed to load, a rule
  that cannot run) is made once, in the main process;
- a draft rule that selects none of the drafts gets its one warning over all of them, as
  in a serial run (:mod:`wpscheck.selection`);
- a file that cannot be read gives the error the serial run gives: the first such file in
  input order.

Workers are started once per run. Where the platform has ``fork`` (and the process runs a
single thread), they inherit the loaded packs and plugin registry; elsewhere (``spawn``)
each worker receives the packs once, when it starts. Chunks are handed out as workers come
free, so every core stays busy until the last draft. A worker that dies (killed, out of
memory) ends the run with an error, never a hang; Ctrl-C stops the run once the chunks
being checked at that moment are done.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import sys
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from pathlib import Path

from wpscheck.candidates import ListFile
from wpscheck.errors import WpscheckError
from wpscheck.models import Document, Finding, Report, ReportNote, RulePack, Snapshot
from wpscheck.revisions import TrackedMode, tracked, tracked_mode

__all__ = ["check_files", "default_jobs"]

#: The most worker processes: Windows waits on at most 61 at once.
_MAX_WORKERS = 61 if sys.platform == "win32" else 1024

#: The subject of the warning a rule that selects nothing gets (:mod:`wpscheck.selection`).
_NO_SUBJECT = "(no subject)"


def default_jobs() -> int:
    """Every core this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


@dataclasses.dataclass(frozen=True)
class _Job:
    """What checking one draft needs, the same for every draft of a run."""

    packs: Sequence[RulePack]
    select: Sequence[str]
    ignore: Sequence[str]
    today: date
    unselected: bool | Collection[str]
    mode: TrackedMode
    max_size: int | None


@dataclasses.dataclass(frozen=True)
class _Drafts:
    """A few drafts checked together: each without its text (for the warning of a rule
    that selects no draft), with the notes reading it made; their findings; the rules
    that selected none of them (their warnings left out); the names people know them by."""

    docs: list[Document]
    notes: list[list[ReportNote]]
    findings: list[Finding]
    unselected: set[tuple[str, str]]
    names: dict[str, str]


def _check_documents(docs: list[Document], job: _Job) -> _Drafts:
    from wpscheck.engine import check, document_notes

    report = check(
        docs,
        job.packs,
        select=job.select,
        ignore=job.ignore,
        today=job.today,
        unselected=job.unselected,
    )
    findings: list[Finding] = []
    unselected: set[tuple[str, str]] = set()
    for f in report.findings:
        if f.subject == _NO_SUBJECT:
            unselected.add((f.pack, f.rule))
        else:
            findings.append(f)
    light = [
        d.model_copy(
            update={"text": "", "paragraphs": (), "annexes": (), "revisions": (), "notes": ()}
        )
        for d in docs
    ]
    notes = [document_notes([d]) for d in docs]
    return _Drafts(light, notes, findings, unselected, report.names)


def _load_and_check(paths: Sequence[str], job: _Job) -> _Drafts:
    """The drafts read in order (the first that cannot be read raises) and checked."""
    from wpscheck.loading import load_document, size_limit

    with tracked(job.mode), size_limit(job.max_size):
        docs = [load_document(Path(p)) for p in paths]
    return _check_documents(docs, job)


#: The job of this worker process, set once when it starts (:func:`_start_worker`).
_WORKER_JOB: _Job | None = None


def _start_worker(job: _Job) -> None:
    global _WORKER_JOB
    # Ctrl-C reaches the whole process group: the main process stops the run, the
    # workers finish the drafts in hand and are shut down. A worker starts with SIGINT
    # blocked (:func:`_interruptible`), so none is lost to a Ctrl-C before it gets here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _WORKER_JOB = job


@contextlib.contextmanager
def _interruptible() -> Iterator[Callable[[], bool]]:
    """Within the block, Ctrl-C is recorded, not raised (a KeyboardInterrupt inside the
    executor's locks could leave it unable to shut down); the block asks whether it came.
    The main thread only (elsewhere Ctrl-C never arrives)."""
    if threading.current_thread() is not threading.main_thread():
        yield lambda: False
        return
    came = threading.Event()
    old = signal.signal(signal.SIGINT, lambda signum, frame: came.set())
    try:
        yield came.is_set
    finally:
        signal.signal(signal.SIGINT, old)


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    """SIGINT held back in the block: processes started in it start with it blocked."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _worker(paths: Sequence[str]) -> _Drafts:
    assert _WORKER_JOB is not None, "worker not started with _start_worker"
    return _load_and_check(paths, _WORKER_JOB)


def _context() -> BaseContext:
    """``fork`` where the platform has it and it is safe (one thread; not macOS, whose
    system libraries do not survive it), else ``spawn``."""
    if (
        "fork" in get_all_start_methods()
        and sys.platform != "darwin"
        and threading.active_count() == 1
    ):
        return get_context("fork")
    return get_context("spawn")


def _chunks(paths: Sequence[str], jobs: int) -> list[list[str]]:
    """A few drafts each (at most 8: checking drafts together costs less per draft), at
    least 8 chunks a worker where there are drafts enough, so that a slow draft does not
    leave the other cores idle at the end."""
    size = max(1, min(8, len(paths) // (jobs * 8)))
    return [list(paths[i : i + size]) for i in range(0, len(paths), size)]


def _check_in_pool(paths: Sequence[str], job: _Job, jobs: int) -> list[_Drafts]:
    """Every draft of ``paths`` checked by ``jobs`` workers, in chunks in the order given;
    the error of the first draft (in that order) that cannot be read is raised."""
    ctx = _context()
    out: list[_Drafts] = []
    if ctx.get_start_method() == "fork":
        # The first draft here: what checking a draft loads once (check kinds,
        # vocabularies, the baselines' indexes) is then inherited by every worker.
        out.append(_load_and_check(paths[:1], job))
        paths = paths[1:]
    chunks = _chunks(paths, jobs)
    with _interruptible() as interrupted:
        pool = ProcessPoolExecutor(
            max_workers=min(jobs, len(chunks), _MAX_WORKERS),
            mp_context=ctx,
            initializer=_start_worker,
            initargs=(job,),
        )
        try:
            with _sigint_blocked():  # the workers start in here
                futures: list[Future[_Drafts]] = [pool.submit(_worker, c) for c in chunks]
            for chunk, fut in zip(chunks, futures, strict=True):
                out.append(_result(fut, chunk, jobs, interrupted))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    return out


def _result(
    fut: Future[_Drafts], chunk: Sequence[str], jobs: int, interrupted: Callable[[], bool]
) -> _Drafts:
    """The chunk's result; KeyboardInterrupt once Ctrl-C came."""
    while True:
        if interrupted():
            raise KeyboardInterrupt
        if not wait([fut], timeout=0.1).done:
            continue
        try:
            return fut.result()
        except BrokenProcessPool:
            raise WpscheckError(
                f"wpscheck check --jobs {jobs}: a worker process stopped without a "
                f"result (killed, or out of memory?) while checking the drafts from "
                f"{Path(chunk[0]).as_posix()} on; run again with --jobs 1 to check them "
                "in one process"
            ) from None


def check_files(
    files: Sequence[Path],
    packs: Sequence[RulePack],
    *,
    jobs: int,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    today: date | None = None,
    unselected: bool | Collection[str] = False,
    profile: str | None = None,
    max_size: int | None = None,
    passes: bool = True,
) -> Report:
    """Check input files with ``jobs`` worker processes: the report of
    ``check(load_inputs(files, profile=profile), packs, …)``, byte for byte. ``max_size``
    is the largest input file read (``None``: the default or the :func:`size_limit` in
    force; workers do not share the caller's context, so pass it here). With
    ``passes=False`` the snapshots' passes are counted, not listed, as ``check`` counts
    them (``with_passes`` lists them)."""
    from wpscheck.engine import check, document_notes, is_selected, make_report, sort_findings
    from wpscheck.loading import load_inputs, size_limit
    from wpscheck.loading.inputs import DATA_SUFFIXES
    from wpscheck.registry import registry
    from wpscheck.selection import unselected_finding

    reg = registry()
    today = today or date.today()
    given = [f.as_posix() for f in files]
    drafts = [f.suffix.lower() not in DATA_SUFFIXES for f in files]
    if jobs <= 1 or sum(drafts) <= 1:
        with size_limit(max_size):
            subjects = load_inputs(files, reg=reg, profile=profile)
        return check(
            subjects,
            packs,
            select=select,
            ignore=ignore,
            reg=reg,
            today=today,
            inputs=given,
            unselected=unselected,
            passes=passes,
        )
    job = _Job(
        tuple(packs), tuple(select), tuple(ignore), today, unselected, tracked_mode(), max_size
    )
    # The other inputs, read here in order; a file that cannot be read ends the run, but
    # only after the drafts before it (one of them may fail first, as in a serial run).
    local: dict[int, Snapshot | Document | ListFile] = {}
    failed: Exception | None = None
    with size_limit(max_size):
        for n, f in enumerate(files):
            if drafts[n]:
                continue
            try:
                (local[n],) = load_inputs([f], reg=reg, profile=profile)
            except Exception as exc:
                failed = exc
                del drafts[n:]
                break
    in_pool = [given[n] for n, d in enumerate(drafts) if d]
    if len(in_pool) > 1:
        results = _check_in_pool(in_pool, job, jobs)
    else:
        results = [_load_and_check(in_pool, job)] if in_pool else []
    if failed is not None:
        raise failed
    from_pool = iter([(d, ns) for r in results for d, ns in zip(r.docs, r.notes, strict=True)])
    others: list[Snapshot | ListFile] = []
    docs: list[Document] = []
    order: dict[str, int] = {}
    notes: list[ReportNote] = []
    for n, is_draft in enumerate(drafts):
        subject = next(from_pool) if is_draft else local[n]
        if isinstance(subject, Document):  # a document read as data (a plugin's profile)
            results.append(_check_documents([subject], job))
            subject = (results[-1].docs[0], results[-1].notes[0])
        if isinstance(subject, tuple):
            docs.append(subject[0])
            notes += subject[1]
            path = subject[0].path
        else:
            others.append(subject)
            notes += document_notes([subject])
            path = subject.path
        order.setdefault(path or f"<input {n}>", n)
    base = check(
        others,
        packs,
        select=select,
        ignore=ignore,
        reg=reg,
        today=today,
        unselected=unselected,
        passes=passes,
    )
    # What does not depend on the drafts (a plugin's problem, a rule that cannot run) is
    # in the main process's findings, once.
    everywhere = [f for f in base.findings if f.location is None]
    findings = list(base.findings)
    for r in results:
        findings += [f for f in r.findings if f.location is not None or f not in everywhere]
    ran = [(p, r) for p in packs for r in p.rules if is_selected(r, select, ignore)]
    # A draft rule that selected no draft: its one warning, over every draft.
    nowhere = set.intersection(*(r.unselected for r in results))
    for pack, rule in ran:
        if (rule.pack or pack.id, rule.id) in nowhere:
            findings.append(unselected_finding(rule, pack, docs))
    named = {k: v for r in results for k, v in r.names.items()}
    names = {d.path: named[d.path] for d in docs if d.path in named}
    sort_findings(findings, order, packs)
    counted = base.unlisted_passes
    return make_report(
        findings,
        packs,
        subjects=base.summary.subjects + len(docs),
        inputs=given,
        rules=[r for _, r in ran],
        notes=notes,
        names=names,
        passes=None
        if counted is None
        else counted.reordered(lambda fs: sort_findings(fs, order, packs), order),
    )
