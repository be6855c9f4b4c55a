"""The command line: a thin layer over the public API.

Exit codes: 0 clean; 1 findings at or above ``--fail-on`` (default ``error``); 2 a usage
or input error (the message says the file, the place, what was expected). Heavy modules
are imported inside the commands so that ``wpscheck --version`` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from wpscheck._version import __version__
from wpscheck.ci.policy import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, FAIL_ON

if TYPE_CHECKING:
    from wpscheck.config import Config, PackChoice
    from wpscheck.models import Document, Report, RulePack
    from wpscheck.plugin import FormatOptions, Formatter
    from wpscheck.registry import Registry

__all__ = ["EXIT_CLEAN", "EXIT_FINDINGS", "EXIT_USAGE", "build_parser", "main"]


def _use_color(stream: Any, requested: str) -> bool:
    if requested == "always":
        return True
    if requested == "never" or os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def _settings(args: argparse.Namespace) -> Config | None:
    """The settings file of the run: ``--config FILE``, none with ``--no-config``, or the
    one found from the current directory up (``wpscheck.toml``, ``[tool.wpscheck]``)."""
    from wpscheck.config import discover, load_config

    if getattr(args, "no_config", False):
        return None
    given = getattr(args, "config", None)
    found = Path(given) if given else discover(Path.cwd())
    return load_config(found) if found else None


def _choice(reg: Registry, args: argparse.Namespace) -> PackChoice:
    """The packs of the run: shipped + settings + ``--rules``, or ``--only-rules``, plus
    the retention pack derived from ``--against`` where the command has it."""
    from wpscheck.config import PackChoice, choose_packs

    config = _settings(args)
    if config is not None and config.fail_on and getattr(args, "fail_on", "") is None:
        args.fail_on = config.fail_on
    if getattr(args, "fail_on", "") is None:
        args.fail_on = "error"
    choice = choose_packs(
        rules=args.rules or (),
        only_rules=getattr(args, "only_rules", None) or (),
        config=config,
        reg=reg,
    )
    if getattr(args, "against", None):
        from wpscheck.against import against_pack, combine

        derived = against_pack(args.against, symbol=args.symbol)
        choice = PackChoice(
            tuple(combine(list(choice.packs), derived)),
            choice.named | {derived.id},
            choice.notes,
        )
    return choice


def _packs(reg: Registry, args: argparse.Namespace) -> list[RulePack]:
    return list(_choice(reg, args).packs)


def _with_notes(report: Report, choice: PackChoice) -> Report:
    """The report with what choosing the packs said (the settings file used …)."""
    from wpscheck.models import ReportNote

    if not choice.notes:
        return report
    notes = [ReportNote(path="wpscheck", message=n) for n in choice.notes]
    return report.model_copy(update={"notes": [*notes, *report.notes]})


def _add_pack_options(p: argparse.ArgumentParser, what: str = "rule pack(s) to add") -> None:
    p.add_argument(
        "--rules",
        action="append",
        metavar="PACK_OR_DIR",
        help=f"{what} to the shipped packs (and to the settings file's)",
    )
    p.add_argument(
        "--only-rules",
        action="append",
        metavar="PACK_OR_DIR",
        help="use only these packs: not the shipped ones, not the settings file's",
    )
    p.add_argument(
        "--config",
        metavar="FILE",
        help="the settings file (default: wpscheck.toml or [tool.wpscheck] in pyproject.toml, "
        "here or in the nearest parent folder)",
    )
    p.add_argument("--no-config", action="store_true", help="ignore any settings file")


def _add_fail_on(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default=None,
        help="exit 1 when a finding fails at or above this severity (default: error, or the "
        "settings file's fail-on)",
    )


def _add_against(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--against",
        metavar="LAST_RESOLUTION",
        help="also check that every WPS provision of this earlier text survives (a retain "
        "rule per provision, added to the packs in use); see docs/against.md",
    )
    p.add_argument("--symbol", help='the symbol of --against\'s text, e.g. "S/RES/2677 (2023)"')


#: Output is written this many characters at a time: a large report is never encoded
#: whole beside its text.
_WRITE_CHUNK = 1 << 20


def _write_output(text: str | Iterable[str], output: str | None, protected: Sequence[Path]) -> None:
    """Write the output (a text, or its pieces as a formatter makes them) to stdout or
    to ``output``, never over an input."""
    pieces = _pieces(text) if isinstance(text, str) else text
    if output is None or output == "-":
        for piece in pieces:
            sys.stdout.write(piece)
        return
    target = Path(output)
    _check_target(target, protected, "--output")
    with target.open("w", encoding="utf-8", newline="\n") as fh:
        for piece in pieces:
            fh.write(piece)


def _pieces(text: str) -> Iterator[str]:
    for i in range(0, len(text), _WRITE_CHUNK):
        yield text[i : i + _WRITE_CHUNK]


def _check_target(target: Path, protected: Sequence[Path], option: str) -> None:
    """Refuse to write over an input, or into a folder that does not exist."""
    from wpscheck.errors import InputError

    resolved = target.resolve()
    for p in protected:
        if p.resolve() == resolved:
            raise InputError(
                f"{target.as_posix()}: refusing to write over an input file "
                f"({p.as_posix()}); inputs are never changed: choose another {option}"
            )
    if not target.parent.is_dir():
        raise InputError(
            f"{target.as_posix()}: the folder {target.parent.as_posix()} does not exist"
        )


def _score(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'"{text}" is not a number: give a score between 0 and 1, e.g. 0.8'
        ) from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text} is outside 0–1: scores run from 0 to 1")
    return value


def _check_selection(packs: Sequence[RulePack], given: Sequence[str], option: str) -> None:
    """Every ``--select``/``--ignore`` value names a rule, a pack, a check kind or a tag."""
    from wpscheck.errors import InputError, closest, did_you_mean

    names: set[str] = set()
    for pack in packs:
        names.add(pack.id)
        for r in pack.rules:
            names.update((r.id, r.qualified_id, r.check, *r.tags))
    for value in given:
        if value not in names:
            raise InputError(
                f'{option} "{value}": no rule, pack, check kind or tag of that name in the '
                f"packs in use{did_you_mean(value, names) if closest(value, names) else ''}; "
                "`wpscheck rules list` lists the rules"
            )


@contextlib.contextmanager
def _frozen_between_chunks(subjects: Sequence[object]) -> Iterator[None]:
    """While a large snapshot is checked a chunk at a time, what the garbage collector
    has seen is frozen after each chunk (``gc.freeze``): the findings kept so far are
    not scanned again at every collection (a quarter of the time on 1,000,000 bodies).
    Unfrozen when the check ends, so nothing outlives the command."""
    import gc

    from wpscheck.models import SnapshotStream

    streams = [s for s in subjects if isinstance(s, SnapshotStream)]
    if not streams:
        yield
        return
    for stream in streams:
        stream.after_chunk = gc.freeze
    try:
        yield
    finally:
        gc.unfreeze()


def _lists_passes(formatter: Formatter, report: Report, options: FormatOptions) -> bool:
    """Whether ``formatter`` shows passes ``report`` counts without listing."""
    if report.unlisted_passes is None:
        return False
    return formatter.lists_passes is None or formatter.lists_passes(report, options)


def cmd_check(args: argparse.Namespace) -> int:
    from wpscheck.engine import check
    from wpscheck.loading import load_inputs, size_limit
    from wpscheck.loading.inputs import plan_inputs
    from wpscheck.plugin import FormatOptions
    from wpscheck.registry import registry

    reg = registry()
    formatter = reg.formatter(args.format)
    choice = _choice(reg, args)
    packs = list(choice.packs)
    _check_selection(packs, args.select or (), "--select")
    _check_selection(packs, args.ignore or (), "--ignore")
    plan = plan_inputs(args.paths, reg=reg)
    files = plan.files
    stream = sys.stdout if args.output in (None, "-") else None
    options = FormatOptions(
        color=args.format == "text" and stream is not None and _use_color(stream, args.color),
        absolute_paths=args.absolute_paths,
        verbose=args.verbose,
        fail_on=args.fail_on,
        extra={"view": args.view},
    )
    with size_limit(args.max_size):
        if args.jobs != 1:
            from wpscheck.parallel import check_files, default_jobs

            report = check_files(
                files,
                packs,
                jobs=args.jobs or default_jobs(),
                select=args.select or (),
                ignore=args.ignore or (),
                unselected=choice.named,
                profile=args.profile,
                max_size=args.max_size,
                passes=False,
            )
        else:

            def run(streamed: bool) -> Report:
                subjects = load_inputs(files, reg=reg, profile=args.profile, stream=streamed)
                with _frozen_between_chunks(subjects):
                    return check(
                        subjects,
                        packs,
                        select=args.select or (),
                        ignore=args.ignore or (),
                        reg=reg,
                        inputs=[f.as_posix() for f in files],
                        unselected=choice.named,
                        passes=False,
                    )

            # A large file is read a chunk at a time unless the output surely lists every
            # pass (a format that always does, --verbose/--all, the table view): then
            # it is read whole at once rather than streamed and read again.
            lists_all = formatter.lists_passes is None or args.verbose or args.view == "table"
            report = run(streamed=not lists_all)
            unlisted = report.unlisted_passes
            if (
                unlisted is not None
                and not unlisted.listable
                and _lists_passes(formatter, report, options)
            ):
                report = run(streamed=False)  # a large file read whole, to list its passes
    report = _with_notes(report, choice)
    if plan.notes:
        report = report.model_copy(update={"notes": [*plan.notes, *report.notes]})
    if args.waivers:
        from datetime import date

        from wpscheck.ci.waivers import apply_waivers, load_waivers

        report = apply_waivers(report, load_waivers(args.waivers), today=date.today())
    if args.baseline:
        from wpscheck.ci.ratchet import apply_baseline, load_baseline

        report = apply_baseline(report, load_baseline(args.baseline))
    if _lists_passes(formatter, report, options):
        from wpscheck.engine import with_passes

        report = with_passes(report)
    output: str | Iterable[str] = (
        formatter.render(report, options)
        if formatter.chunks is None
        else formatter.chunks(report, options)
    )
    protected = [
        *files,
        *(Path(p) for p in (*(args.rules or ()), *(args.only_rules or ()))),
        *(Path(p) for p in (args.waivers, args.baseline, args.against) if p),
    ]
    _write_output(output, args.output, protected)
    from wpscheck.ci.policy import exit_reasons

    reasons = exit_reasons(report, args.fail_on, args.min_score)
    # The report shows the findings; only a score below --min-score needs saying.
    for reason in reasons:
        if "--min-score" in reason:
            sys.stdout.flush()
            print(f"wpscheck: exit 1: {reason}", file=sys.stderr)
    return EXIT_FINDINGS if reasons else EXIT_CLEAN


def _toml_value(value: Any) -> str:
    """A rule parameter as it would be written in a pack (``true``, ``"text"``, ``[1, 2]``)."""
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + "}"
    if value is None:
        return "(not set)"
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return json.dumps(str(value), ensure_ascii=False)


def cmd_rules(args: argparse.Namespace) -> int:
    from wpscheck.errors import InputError, did_you_mean
    from wpscheck.loading import load_packs
    from wpscheck.registry import registry

    reg = registry()
    if args.action == "new":
        from wpscheck.packgen import write_pack

        if not args.source or not args.output:
            raise InputError("rules new needs --from LAST_RESOLUTION and -o PACK.toml")
        out, derived = write_pack(args.source, args.output, symbol=args.symbol, force=args.force)
        n = len(derived.provisions)
        print(f"wrote {out.as_posix()}: pack {derived.pack_id}, {n} rule{'' if n == 1 else 's'}")
        return EXIT_CLEAN
    if args.action == "validate":
        if not args.target:
            raise InputError("rules validate needs a pack file or directory")
        packs = load_packs([args.target], reg=reg, every_file=True)
        for pack in packs:
            n = len(pack.rules)
            print(
                f"ok: {pack.path}: pack {pack.id} {pack.version}, {n} rule{'' if n == 1 else 's'}"
            )
        return EXIT_CLEAN
    packs = _packs(reg, args)
    if args.action == "list":
        rows = [(r.qualified_id, r.check, r.severity, r.title) for p in packs for r in p.rules]
        w0 = max((len(r[0]) for r in rows), default=4)
        w1 = max((len(r[1]) for r in rows), default=5)
        for rid, kind, sev, title in rows:
            print(f"{rid:<{w0}}  {kind:<{w1}}  {sev:<7}  {title}")
        print(f"{len(rows)} rules in {len(packs)} packs")
        return EXIT_CLEAN
    if not args.target:
        raise InputError("rules show needs a rule id such as mali-law-052/appointments-30pct")
    ids = {r.qualified_id: (p, r) for p in packs for r in p.rules}
    matches = [v for k, v in ids.items() if k == args.target or k.split("/", 1)[1] == args.target]
    if not matches:
        raise InputError(f'unknown rule "{args.target}"{did_you_mean(args.target, ids)}')
    for pack, rule in matches:
        check_kind = reg.check_kind(rule.check)
        print(f"{rule.qualified_id}: {rule.title}")
        print(f"  pack:       {pack.title} ({pack.id} {pack.version}, {pack.path})")
        print(f"  check:      {rule.check} — {check_kind.summary}")
        print(f"  severity:   {rule.severity}   weight: {rule.weight:g}")
        sel = rule.applies_to.model_dump(exclude_defaults=True)
        if sel:
            print("  applies to: " + "; ".join(f"{k} = {', '.join(v)}" for k, v in sel.items()))
        for key, value in rule.params.items():
            if value is None or value == []:
                continue
            print(f"  {key}: {_toml_value(value)}")
        if rule.description:
            print(f"  {rule.description}")
        for ref in rule.references:
            print(f"  reference:  {ref}")
        if rule.recommendation:
            print(f"  recommends: {rule.recommendation}")
    return EXIT_CLEAN


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from wpscheck.schema import schema

    print(json.dumps(schema(args.name), indent=2, ensure_ascii=False))
    return EXIT_CLEAN


def _one_draft(path: str, role: str) -> Path:
    """``path`` as a draft file: a directory is a usage mistake here, said as such."""
    from wpscheck.errors import InputError

    p = Path(path)
    if p.is_dir():
        raise InputError(
            f"{p.as_posix()}: is a directory; {role} is one draft file (.txt, .md, .docx)"
        )
    return p


def cmd_parse(args: argparse.Namespace) -> int:
    from wpscheck.loading import load_document
    from wpscheck.text.outline import outline_json, outline_text

    doc = load_document(_one_draft(args.draft, "DRAFT"))
    sys.stdout.write(outline_json(doc) if args.format == "json" else outline_text(doc))
    return EXIT_CLEAN


Command = Callable[[argparse.Namespace], int]


def _size(value: str) -> int:
    from wpscheck.loading.files import parse_size

    try:
        return parse_size(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(
            f'expected a whole number of processes (0: every core), got "{value}"'
        )
    return n


def _add_check(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="check snapshots of bodies and draft texts against rule packs",
        description="Check snapshots (.toml, .json, .csv) and drafts against rule packs. "
        "With no --rules, the shipped packs apply.",
    )
    p.add_argument("paths", nargs="+", metavar="SNAPSHOT_OR_DRAFT", help="files or directories")
    _add_pack_options(p)
    _add_against(p)
    _add_tracked(p)
    p.add_argument(
        "--format",
        default="text",
        help="text (default), json, sarif, junit, github, markdown, html, or a plugin's format",
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write the report here, not stdout")
    _add_fail_on(p)
    p.add_argument(
        "--min-score",
        type=_score,
        metavar="X",
        help="exit 1 when the overall score is below X (0–1)",
    )
    p.add_argument(
        "--waivers", metavar="FILE", help="TOML file of accepted findings ([[waiver]] tables)"
    )
    p.add_argument(
        "--baseline",
        metavar="REPORT.json",
        help="a previous --format json report: only new or worse findings fail the run",
    )
    p.add_argument("--select", action="append", metavar="ID_OR_TAG", help="only these rules")
    p.add_argument("--ignore", action="append", metavar="ID", help="skip these rules")
    p.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text report: auto = only on a terminal, and never when NO_COLOR is set",
    )
    p.add_argument(
        "--all",
        "--verbose",
        "-v",
        dest="verbose",
        action="store_true",
        help="list every pass too (the summary always counts them)",
    )
    p.add_argument(
        "--view",
        choices=("findings", "table"),
        default="findings",
        help="table: one row a subject, one column a rule, cells ✓ ✗ ! – (text, markdown, html)",
    )
    p.add_argument(
        "--absolute-paths", action="store_true", help="write absolute paths in the report"
    )
    p.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=1,
        metavar="N",
        help="check drafts in N processes, 0 for every core; the same report (default: 1)",
    )
    p.add_argument(
        "--profile",
        metavar="NAME_OR_TOML",
        help="read data tables as their publisher ships them: ipu-monthly, ipu-historical, "
        "unsd-sdg, worldbank-wide (or a plugin's), or a TOML file with a [mapping] table",
    )
    p.add_argument(
        "--max-size",
        type=_size,
        metavar="SIZE",
        help="read input files up to SIZE, e.g. 500MB or 2GB (default: 64MiB)",
    )
    p.set_defaults(func=cmd_check)


def _add_rules(sub: Any) -> None:
    p = sub.add_parser(
        "rules",
        help="list, show or validate rule packs",
        description="List the rules of the packs in use (the shipped packs, or --rules), "
        "show one rule with its parameters and references, or validate a pack file or "
        "directory (exit 2 with the place of every mistake).",
    )
    p.add_argument(
        "action",
        choices=("list", "show", "validate", "new"),
        help="list: every rule; show ID: one rule; validate PACK: check a pack; "
        "new --from LAST -o PACK.toml: write the retention pack of LAST's WPS provisions",
    )
    p.add_argument("target", nargs="?", help="a rule id (show) or a pack (validate)")
    _add_pack_options(p, "pack(s) to list, added")
    p.add_argument("--from", dest="source", metavar="LAST_RESOLUTION", help="new: the text")
    p.add_argument("--symbol", help='new: its symbol, e.g. "S/RES/2677 (2023)"')
    p.add_argument("--output", "-o", metavar="PACK.toml", help="new: the pack file to write")
    p.add_argument("--force", action="store_true", help="new: replace an existing file")
    p.set_defaults(func=cmd_rules)


def _add_schema(sub: Any) -> None:
    p = sub.add_parser(
        "schema",
        help="print a JSON Schema: rules, snapshot or report",
        description="Print the JSON Schema of a rule pack, a snapshot of bodies, or the "
        "JSON report, for editors and other tools.",
    )
    p.add_argument(
        "name",
        choices=("rules", "snapshot", "report"),
        help="which schema: a rule pack, a snapshot, or the --format json report",
    )
    p.set_defaults(func=cmd_schema)


def cmd_diff(args: argparse.Namespace) -> int:
    from wpscheck.diff import diff_documents, diff_files, vocabulary_of
    from wpscheck.formatters.diff import render
    from wpscheck.registry import registry

    reg = registry()
    packs = list(_choice(reg, args).named_first)
    if args.draft is None:
        original, proposed = _tracked_pair(Path(args.baseline), reg)
        td = diff_documents(original, proposed, vocabulary_of(packs))
        inputs = [Path(args.baseline)]
    else:
        inputs = [_one_draft(args.baseline, "BASELINE"), _one_draft(args.draft, "DRAFT")]
        td = diff_files(inputs[0], inputs[1], packs, reg=reg)
    if args.wps:
        from wpscheck.wpsdiff import wps_only

        td = wps_only(td)
    stream = sys.stdout if args.output in (None, "-") else None
    color = stream is not None and _use_color(stream, args.color)
    if args.format in ("markdown", "html"):
        from wpscheck.formatters import diff_html, diff_markdown

        text = (diff_html if args.format == "html" else diff_markdown).render(td)
    else:
        text = render(td, args.format, color=color, verbose=args.verbose)
    _write_output(text, args.output, inputs)
    return EXIT_FINDINGS if td.changed else EXIT_CLEAN


def _tracked_pair(path: Path, reg: Registry) -> tuple[Document, Document]:
    """A tracked Word draft's original (all rejected) and proposed (all accepted) texts."""
    from wpscheck.errors import InputError
    from wpscheck.loading import load_document
    from wpscheck.revisions import tracked

    with tracked("reject"):
        original = load_document(_one_draft(str(path), "BASELINE"), reg=reg)
    with tracked("accept"):
        proposed = load_document(path, reg=reg)
    if not proposed.revisions:
        raise InputError(
            f"{path.as_posix()}: has no tracked changes, so there is nothing to compare its "
            "text with; give a DRAFT to compare it with (wpscheck diff BASELINE DRAFT)"
        )
    show = path.as_posix()
    return (
        original.model_copy(update={"path": f"{show} (original)"}),
        proposed.model_copy(update={"path": f"{show} (proposed)"}),
    )


def _add_tracked(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--tracked",
        choices=("accept", "reject"),
        default="accept",
        help="a Word draft's tracked changes: accept = check the proposed text (default), "
        "reject = the original text",
    )


def _add_diff(sub: Any) -> None:
    p = sub.add_parser(
        "diff",
        help="what a draft kept, weakened or dropped of a baseline text, paragraph by paragraph",
        description="Align every paragraph of BASELINE (e.g. the last resolution) with DRAFT "
        "and say which were retained, modified, weakened or dropped, and which draft "
        "paragraphs are new, with the words that changed marked. The verb scale and the "
        "weakening qualifiers come from the first rule pack that defines them (--rules, "
        "default: the shipped packs). Exit 1 when a baseline paragraph was not retained.",
    )
    p.add_argument("baseline", metavar="BASELINE", help="the earlier text (.txt, .md, .docx)")
    p.add_argument(
        "draft",
        metavar="DRAFT",
        nargs="?",
        help="the draft to compare with it (none: BASELINE is a Word draft with tracked "
        "changes, its original text compared with its proposed text)",
    )
    _add_tracked(p)
    p.add_argument(
        "--format",
        choices=("text", "json", "markdown", "html"),
        default="text",
        help="text for a person, json for a program, markdown or html to forward",
    )
    _add_pack_options(p, "vocabulary pack(s) to add")
    p.add_argument("--output", "-o", metavar="FILE", help="write here, not stdout")
    p.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="auto = only on a terminal, and never when NO_COLOR is set",
    )
    p.add_argument("--verbose", "-v", action="store_true", help="show retained text too")
    p.add_argument(
        "--wps",
        action="store_true",
        help="only the baseline's women, peace and security provisions (and new WPS paragraphs)",
    )
    p.set_defaults(func=cmd_diff)


#: Each entry adds one subcommand; extend it to add a command.
SUBCOMMANDS: list[Callable[[Any], None]] = [_add_check, _add_rules, _add_schema]
SUBCOMMANDS.append(_add_diff)


def _add_parse(sub: Any) -> None:
    p = sub.add_parser(
        "parse",
        help="show the structure the parser sees in a draft (.txt, .md, .docx)",
        description="Print the preamble, operative paragraphs, sub-paragraphs, headings and "
        "spans wpscheck recognises in a draft, and what it noticed.",
    )
    p.add_argument("draft", metavar="DRAFT", help="a draft text")
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: an indented outline; json: every paragraph with its ref and span",
    )
    _add_tracked(p)
    p.set_defaults(func=cmd_parse)


SUBCOMMANDS.append(_add_parse)


def cmd_lineage(args: argparse.Namespace) -> int:
    from wpscheck.formatters.lineage import render
    from wpscheck.lineage import lineage_files
    from wpscheck.registry import registry

    reg = registry()
    inputs = [_one_draft(p, "each TEXT") for p in args.texts]
    lin = lineage_files(inputs, list(_choice(reg, args).named_first), reg=reg)
    _write_output(render(lin, args.format), args.output, inputs)
    return EXIT_CLEAN


def _add_lineage(sub: Any) -> None:
    p = sub.add_parser(
        "lineage",
        help="follow every WPS provision through the resolutions of one mandate",
        description="Follow every women, peace and security provision of TEXT… (the "
        "resolutions of one mandate, oldest first) through the series: present, introduced, "
        "kept, modified, weakened, strengthened, dropped, restored, with its paragraph ref "
        "in each text. The verb scale comes from the first rule pack that defines one "
        "(--rules, default: the shipped packs). See docs/lineage.md.",
    )
    p.add_argument("texts", nargs="+", metavar="TEXT", help="the texts, oldest first")
    p.add_argument(
        "--format",
        choices=("text", "markdown", "html", "json"),
        default="text",
        help="a table for people (text, markdown, html) or json for a program",
    )
    _add_pack_options(p, "vocabulary pack(s) to add")
    p.add_argument("--output", "-o", metavar="FILE", help="write here, not stdout")
    p.set_defaults(func=cmd_lineage)


def _insertions(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f'"{value}" is not a whole number of words, e.g. 3')
    return int(value)


def cmd_precedents(args: argparse.Namespace) -> int:
    from wpscheck.formatters.precedents import render
    from wpscheck.precedents import precedents_in_files

    hits, searched = precedents_in_files(args.phrase, args.paths, insertions=args.insertions)
    given = [Path(p) for p in args.paths]
    _write_output(render(args.phrase, hits, searched, args.format), args.output, given)
    return EXIT_CLEAN if hits else EXIT_FINDINGS


def _add_precedents(sub: Any) -> None:
    p = sub.add_parser(
        "precedents",
        help="where a phrase (or a close variant) was used before: agreed language",
        description="Find every paragraph of the texts that uses PHRASE, or a close variant "
        "(every word kept in order; inflections and a few inserted words allowed), with the "
        "text, the paragraph ref and the lead verb that carries it. Exit 0 when found, 1 "
        "when not, 2 on an error (as grep). See docs/lineage.md.",
    )
    p.add_argument("phrase", metavar="PHRASE", help="the words to look for")
    p.add_argument("paths", nargs="+", metavar="DIR_OR_FILE", help="texts, or folders of them")
    p.add_argument(
        "--insertions",
        type=_insertions,
        default=3,
        metavar="N",
        help="how many words a variant may insert between the phrase's words (default 3)",
    )
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for a person, json for a program",
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write here, not stdout")
    p.set_defaults(func=cmd_precedents)


SUBCOMMANDS.extend([_add_lineage, _add_precedents])


def cmd_annotate(args: argparse.Namespace) -> int:
    from wpscheck.annotate import check_and_annotate
    from wpscheck.ci.policy import exit_reasons
    from wpscheck.docx_write import comments_of
    from wpscheck.errors import InputError
    from wpscheck.registry import registry

    reg = registry()
    draft = _one_draft(args.draft, "DRAFT")
    target = Path(args.output)
    if target.suffix.lower() != ".docx":
        raise InputError(f"{target.as_posix()}: -o must name a .docx file (e.g. annotated.docx)")
    named = (*(args.rules or ()), *(args.only_rules or ()), args.against)
    _check_target(target, [draft, *(Path(r) for r in named if r)], "-o")
    if target.exists() and not args.force:
        raise InputError(f"{target.as_posix()}: already exists; give --force to replace it")
    packs = _packs(reg, args)
    data, report = check_and_annotate(draft, packs, reg=reg)
    target.write_bytes(data)
    n = sum(1 for _, author, _ in comments_of(data) if author == "wpscheck")
    print(f"wrote {n} comment{'' if n == 1 else 's'} into {target.as_posix()}")
    return EXIT_FINDINGS if exit_reasons(report, args.fail_on, None) else EXIT_CLEAN


def _add_annotate(sub: Any) -> None:
    p = sub.add_parser(
        "annotate",
        help="write the findings into a copy of the draft as Word comments (.docx)",
        description="Check DRAFT as `wpscheck check DRAFT` does and write a copy of it as "
        ".docx with a Word comment on each paragraph that weakened, modified or dropped a "
        "provision or lacks required language. A .docx keeps its tracked changes and "
        "comments; a .txt, .md or .pdf becomes a new .docx. DRAFT itself is never changed.",
    )
    p.add_argument("draft", metavar="DRAFT", help="a draft (.docx, .txt, .md, .pdf)")
    p.add_argument("--output", "-o", required=True, metavar="OUT.docx", help="where to write")
    p.add_argument("--force", action="store_true", help="replace OUT.docx if it exists")
    _add_pack_options(p)
    _add_against(p)
    _add_fail_on(p)
    _add_tracked(p)
    p.set_defaults(func=cmd_annotate)


SUBCOMMANDS.append(_add_annotate)


def cmd_serve(args: argparse.Namespace) -> int:
    from wpscheck.web import server

    return server(args.host, args.port)


def _add_serve(sub: Any) -> None:
    from wpscheck.web import DEFAULT_HOST, DEFAULT_PORT

    p = sub.add_parser(
        "serve",
        help="a local web page to check a draft without a terminal (extra web)",
        description="Start a small web application on this computer: open the address it "
        "prints in a browser, drop a draft (and optionally the last resolution), read the "
        "report and download the annotated .docx, the Markdown and the JSON. Nothing is "
        "kept on disk. Needs `pip install 'wpscheck[web]'`; see docs/web.md.",
    )
    p.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"the address to listen on (default {DEFAULT_HOST}, this computer only; any "
        "other address lets the network in, and a warning says so)",
    )
    p.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"the port (default {DEFAULT_PORT})"
    )
    p.set_defaults(func=cmd_serve)


SUBCOMMANDS.append(_add_serve)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose mistakes read like every other wpscheck error: one line,
    ``error: …``, the closest valid name, and exit code 2 (no usage block)."""

    #: The command line being parsed (set by ``main``), to name the right subcommand.
    argv: Sequence[str] = ()

    def error(self, message: str) -> NoReturn:
        prog = self.prog
        if message.endswith("required: COMMAND") and self.argv[:1] and self.argv[0][:1] == "-":
            message = f"unrecognized arguments: {self.argv[0]}"
        if message.startswith("unrecognized arguments") and self.argv[:1]:
            # The top-level parser reports these: name the subcommand they were given to.
            sub = self._subcommand()
            prog = sub.prog if sub is not None else prog
        sys.stderr.write(f"error: {prog}: {self._explain(message)}; see `{prog} --help`\n")
        sys.exit(EXIT_USAGE)

    def _subcommand(self) -> argparse.ArgumentParser | None:
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                found: argparse.ArgumentParser | None = action.choices.get(self.argv[0])
                return found
        return None

    def _explain(self, message: str) -> str:
        from wpscheck.errors import did_you_mean

        m = re.match(r"argument (\S+): invalid choice: '?(.*?)'? \(choose from (.*)\)$", message)
        if m:
            name, value = m.group(1).split("/")[0], m.group(2)
            choices = [c.strip(" '") for c in m.group(3).split(",")]
            what = "command" if name == "COMMAND" else f"value for {name}"
            return f'unknown {what} "{value}"{did_you_mean(value, choices)}'
        message = re.sub(r"^argument (\S+?)(/\S+)?: ", r"\1: ", message)
        m = re.match(r"unrecognized arguments: (.*)$", message)
        if m:
            options = self._options()
            unknown = m.group(1).split()
            first = next((u for u in unknown if u.startswith("-")), unknown[0])
            if first.startswith("-"):
                name = first.split("=")[0]
                return f'unknown option "{name}"{did_you_mean(name, options)}'
            return f'unexpected argument "{first}"'
        return message

    def _options(self) -> list[str]:
        """The long options of the subcommand being parsed (or of every subcommand)."""
        parsers: list[argparse.ArgumentParser] = [self]
        sub = self._subcommand() if self.argv[:1] else None
        if sub is not None:
            parsers.append(sub)
        return sorted(
            {o for p in parsers for a in p._actions for o in a.option_strings if o[:2] == "--"}
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="wpscheck",
        description="Check Women, Peace and Security commitments: quotas, required language, "
        "and retention of mandate language.",
        epilog="Exit codes: 0 clean, 1 findings at or above --fail-on (not waived, not in the "
        "--baseline) or a score below --min-score, 2 usage or input error.",
    )
    parser.add_argument("--version", action="version", version=f"wpscheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add in SUBCOMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    given = list(sys.argv[1:] if argv is None else argv)
    _Parser.argv = given
    args = parser.parse_args(given)
    from wpscheck.errors import WpscheckError
    from wpscheck.revisions import tracked

    try:
        with tracked(getattr(args, "tracked", None) or "accept"):
            code: int = args.func(args)
    except WpscheckError as exc:
        sys.stdout.flush()
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
