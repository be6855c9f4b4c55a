"""``retain`` — a provision of the last resolution must survive in the draft, undiminished.

Each rule names one provision: by ``ref`` in one of the pack's ``[[baseline]]`` documents
(``OP4``, ``OP28(c)(iii)``, ``PP1``), or by giving its ``text`` inline. The check aligns it
with the draft (whatever the paragraph numbers, line wrapping, quote style, "per cent" or
"percent", or order of paragraphs; a provision split over two paragraphs or merged with
another is still found) and classifies it:

- ``retained`` (status ``pass``) — the wording is there, with every key term;
- ``weakened`` — the operative verb fell on the pack's verb scale (*Calls upon* →
  *Encourages*), a weakening qualifier the baseline did not have was added ("as
  appropriate"), an intensifier the baseline had was dropped (*Strongly condemning* →
  *Condemning*), or the provision moved from the operative part to the preamble;
- ``modified`` — a key term is gone, or much of the wording changed;
- ``dropped`` — nothing in the draft carries it.

The verb scale, the qualifiers and the intensifiers are the pack's data (``[data]
verb_scale``, strongest tier first, ``[data] weakening_qualifiers`` and ``[data]
intensifiers``), not code: there is no official UN ranking of operative verbs, so a pack
states its own. A qualifier the baseline already had is not a weakening; a verb that
stayed on its tier or rose is not either, nor is an intensifier kept or added.

Every finding's first ``evidence`` item is the alignment: the baseline ref and text, the
draft ref and text, the word-level ``diff`` (``["=", …]``, ``["-", removed]``,
``["+", added]``), the ``reasons`` and the ``lost_terms``. The score is the share of the
wording found, scaled by the classification (see ``docs/retention.md``).

Options:

- ``ref``: the provision's paragraph in the baseline, e.g. ``"OP28(c)(iii)"``; or
- ``text``: the provision's text, inline (then ``section`` says where it sat: ``operative``,
  the default, or ``preamble``);
- ``baseline``: the id of the pack's ``[[baseline]]`` holding ``ref`` (default: the pack's
  only baseline);
- ``key_terms``: phrases whose loss makes the provision ``modified`` (each must occur in
  the provision);
- ``applies_if_mentions``: the rule applies only to a draft that mentions one of these
  (e.g. ``["MINUSMA"]``); on any other the finding is ``not-applicable`` and says why;
- ``not_for_kinds``: document kinds (as the parser infers them, e.g.
  ``"sanctions-renewal"``) the rule does not apply to;
- ``retained_at`` (default 0.8): the share of the wording that must be found;
- ``exact_terms``: key terms that count only in their own word order (a key term is
  otherwise found with a reader's tolerance: a few words inserted, another order);
- ``dropped_below`` (default 0.3): below this share, the provision is dropped (unless it
  keeps a key term and half that share; see ``docs/retention.md``).

Passing example::

    [[baseline]]
    id = "S-RES-2531-2020"
    path = "baselines/S-RES-2531-2020-wps-annex.txt"

    [[rule]]
    id = "op4-participation"
    check = "retain"
    title = "OP 4: participation of women in the Agreement's mechanisms"
    ref = "OP4"
    key_terms = ["30 per cent quota"]
    # a draft whose OP 5 repeats OP 4, rewrapped, with "30 percent quota" → retained (pass)

Failing example: the same rule on a draft whose OP 5 reads "Encourages all parties in
Mali to ensure …" → weakened, reason "verb: Calls upon → Encourages", score 0.73.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from wpscheck.errors import RulePackError, WpscheckError, did_you_mean
from wpscheck.evidence import EvidenceItem, TrackedEdit, reasons_message
from wpscheck.models import Document, Finding, Location, Paragraph, RulePack
from wpscheck.packfile import PackContext, pack_problem
from wpscheck.plugin import CheckContext, CheckKind
from wpscheck.revisions import Revision
from wpscheck.text.align import (
    DROPPED_BELOW,
    FUNCTION_WORDS,
    RETAINED_AT,
    Alignment,
    DraftIndex,
    Provision,
    Vocabulary,
    align,
    provision_from_paragraph,
    words,
)
from wpscheck.text.kept import kept
from wpscheck.text.parse import language_name
from wpscheck.text.refs import human_ref

__all__ = [
    "KIND",
    "RetainParams",
    "load_baseline",
    "missing_key_terms",
    "pack_vocabulary",
    "provision_of",
    "rules_on",
]


def missing_key_terms(provision: str, terms: Sequence[str]) -> list[str]:
    """The key terms that do not occur, word for word, in the provision's text."""
    norm = words(provision)[0]
    out = []
    for term in terms:
        t = words(term)[0]
        if not t or not any(norm[i : i + len(t)] == t for i in range(len(norm) - len(t) + 1)):
            out.append(term)
    return out


class RetainParams(BaseModel):
    """Parameters of a ``retain`` rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ref: str | None = Field(default=None, description='the baseline paragraph, e.g. "OP4"')
    text: str | None = Field(default=None, description="the provision's text, inline")
    section: Literal["operative", "preamble"] = Field(
        default="operative", description="where an inline provision sat"
    )
    baseline: str | None = Field(
        default=None, description="the pack's [[baseline]] id (default: its only baseline)"
    )
    key_terms: tuple[str, ...] = Field(default=(), description="phrases that must survive")
    exact_terms: tuple[str, ...] = Field(
        default=(),
        description="key terms that count only in their own word order (also key terms)",
    )
    applies_if_mentions: tuple[str, ...] = Field(
        default=(), description="the draft must mention one of these (e.g. the mission)"
    )
    not_for_kinds: tuple[str, ...] = Field(
        default=(), description="document kinds it does not apply to (e.g. sanctions-renewal)"
    )
    retained_at: float = Field(
        default=RETAINED_AT, gt=0, le=1, description="share of wording needed"
    )
    dropped_below: float = Field(default=DROPPED_BELOW, ge=0, lt=1, description="below: dropped")

    @model_validator(mode="after")
    def _one_source(self) -> RetainParams:
        if (self.ref is None) == (self.text is None):
            raise ValueError('give either "ref" (a baseline paragraph) or "text", not both')
        if self.text is not None and self.baseline is not None:
            raise ValueError('"baseline" goes with "ref"; an inline "text" needs no baseline')
        if self.text is not None and not words(self.text)[0]:
            raise ValueError('"text" has no words')
        if self.dropped_below >= self.retained_at:
            raise ValueError(
                f"dropped_below ({self.dropped_below}) must be below retained_at "
                f"({self.retained_at})"
            )
        return self

    @model_validator(mode="after")
    def _found_in_its_pack(self, info: ValidationInfo) -> RetainParams:
        """In a pack being loaded: ``ref`` is a paragraph of its baseline, and every key
        term occurs in the provision."""
        pack = PackContext.of(info)
        if pack is None or pack.baselines is None:
            return self
        if self.text is not None:
            provision, where = self.text, "the provision's text"
        else:
            assert self.ref is not None
            provision, where = self._baseline_paragraph(pack.baselines)
        for field in ("key_terms", "exact_terms"):
            missing = missing_key_terms(provision, getattr(self, field))
            if missing:
                terms = ", ".join(f'"{t}"' for t in missing)
                raise pack_problem(
                    f"key term{'s' if len(missing) > 1 else ''} {terms} "
                    f"{'do' if len(missing) > 1 else 'does'} not occur in {where}; a key term "
                    "is a phrase of the provision whose loss matters",
                    field,
                )
        return self

    def _baseline_paragraph(self, baselines: dict[str, Path]) -> tuple[str, str]:
        """The text of ``ref`` in its baseline, and how to name where it is."""
        ref = self.ref
        bid = self.baseline
        if bid is None:
            if not baselines:
                raise pack_problem(
                    f'ref "{ref}" names a paragraph of a baseline, but the pack declares no '
                    "[[baseline]] table; add one (id and path), or give the provision inline "
                    'with text = "…"',
                    "ref",
                )
            if len(baselines) > 1:
                raise pack_problem(
                    f'say which baseline holds "{ref}" with baseline = "…" (the pack declares '
                    f"{', '.join(sorted(baselines))})",
                    "ref",
                )
            bid = next(iter(baselines))
        if bid not in baselines:
            raise pack_problem(
                f'unknown baseline "{bid}"{did_you_mean(bid, baselines)}', "baseline"
            )
        try:
            doc = load_baseline(baselines[bid])
        except WpscheckError as exc:
            raise pack_problem(f'baseline "{bid}" cannot be read: {exc}', "ref") from None
        para = doc.find(str(ref))
        if para is None:
            refs = [p.ref for p in doc.walk()]
            raise pack_problem(
                f'baseline "{bid}" has no paragraph "{ref}"{did_you_mean(str(ref), refs)}', "ref"
            )
        return provision_from_paragraph(doc, para).text, f'{para.ref} of baseline "{bid}"'


# --------------------------------------------------------------------------- caches


@lru_cache(maxsize=32)
def _load_baseline_cached(path: str, mtime_ns: int, size: int) -> Document:
    from wpscheck.loading import load_document

    return load_document(Path(path))


def load_baseline(path: str | Path) -> Document:
    """A baseline document, parsed once per process (re-read if the file changes)."""
    p = Path(path)
    st = p.stat()
    return _load_baseline_cached(str(p), st.st_mtime_ns, st.st_size)


def pack_vocabulary(pack: RulePack) -> Vocabulary:
    """The pack's verb scale, qualifiers and intensifiers, read once per pack: the file its
    ``[data] vocabulary`` names (relative to the pack), the lists of its ``[data]``, or
    else the shipped English vocabulary (``rules/vocabularies/retention-en.toml``)."""
    return kept(pack, "vocabulary", lambda: _vocabulary_of(pack))


def _vocabulary_of(pack: RulePack) -> Vocabulary:
    file = pack.data.get("vocabulary")
    if isinstance(file, str):
        folder = Path(pack.path).parent if pack.path else Path()
        return Vocabulary.from_file(folder / file)
    if {"verb_scale", "weakening_qualifiers", "intensifiers"} & set(pack.data):
        return Vocabulary.from_data(pack.data, source=pack.path or pack.id)
    return Vocabulary.shipped("en")


def _provision(
    pack: RulePack, rule_id: str, params: RetainParams
) -> tuple[Provision, str, str | None]:
    """The provision a rule names, the label of its source (e.g. "S/RES/2531 (2020)", the
    ``symbol`` of the pack's ``[[baseline]]`` table) and the source's title."""
    if params.text is not None:
        prov = Provision(
            ref=rule_id,
            text=params.text,
            section=params.section,
            key_terms=(*params.key_terms, *params.exact_terms),
            exact_terms=frozenset(params.exact_terms),
        )
        label = pack.title
        title: str | None = pack.title
    else:
        assert params.ref is not None
        bid = params.baseline
        if bid is None:
            if len(pack.baselines) != 1:
                raise RulePackError(
                    f'{pack.path or pack.id}: rule "{rule_id}": say which baseline holds '
                    f'"{params.ref}" with baseline = "…"'
                    + (
                        f" (the pack declares {', '.join(sorted(pack.baselines))})"
                        if pack.baselines
                        else " (the pack declares no [[baseline]])"
                    )
                )
            bid = next(iter(pack.baselines))
        if bid not in pack.baselines:
            raise RulePackError(
                f'{pack.path or pack.id}: rule "{rule_id}": unknown baseline "{bid}"'
                f"{did_you_mean(bid, pack.baselines)}"
            )
        doc = load_baseline(pack.baselines[bid])
        para = doc.find(params.ref)
        if para is None:
            refs = [p.ref for p in doc.walk()]
            raise RulePackError(
                f'{pack.path or pack.id}: rule "{rule_id}": baseline "{bid}" has no paragraph '
                f'"{params.ref}"{did_you_mean(params.ref, refs)}'
            )
        prov = provision_of(doc, para, params)
        info = pack.baseline_info.get(bid, {})
        label = info.get("symbol") or doc.symbol or bid
        title = info.get("title") or doc.title
    missing = missing_key_terms(prov.text, prov.key_terms)
    if missing:
        term = missing[0]
        raise RulePackError(
            f'{pack.path or pack.id}: rule "{rule_id}": key term "{term}" does not occur in '
            f"{prov.ref}; a key term is a phrase of the provision whose loss matters"
        )
    return prov, label, title


def provision_of(doc: Document, para: Paragraph, params: RetainParams) -> Provision:
    """The provision a rule names: the baseline paragraph with its sub-paragraphs and the
    rule's key terms (the same for ``check`` and ``wpscheck diff``)."""
    return provision_from_paragraph(doc, para, params.key_terms, exact_terms=params.exact_terms)


def rules_on(packs: Sequence[RulePack], baseline: Path) -> dict[str, RetainParams]:
    """The ``retain`` rules of ``packs`` that name a paragraph of the ``baseline`` file, by
    ref (the first rule naming a ref wins)."""
    out: dict[str, RetainParams] = {}
    where = baseline.resolve()
    for pack in packs:
        for rule in pack.rules:
            if rule.check != "retain":
                continue
            params = RetainParams.model_validate(rule.params)
            bid = params.baseline or (next(iter(pack.baselines)) if pack.baselines else None)
            path = pack.baselines.get(bid) if bid else None
            if params.ref and path is not None and Path(path).resolve() == where:
                out.setdefault(params.ref, params)
    return out


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def message(a: Alignment, label: str) -> str:
    """One line saying what happened to the provision (of ``label``, e.g. S/RES/2531 (2020))."""
    ref = human_ref(a.provision.ref)
    where = human_ref(a.draft_ref)
    if a.classification == "dropped":
        return f"{ref} dropped: nothing in the draft carries “{_short(a.provision.text)}”"
    if a.classification == "retained":
        pct = f"{a.similarity * 100:.0f} %"
        return f"{ref} retained as {where} ({pct} of the wording)"
    return f"{ref} {a.classification} in {where}: " + reasons_message(a.reasons)


def _not_applicable(
    params: RetainParams, doc: Document, index: DraftIndex, label: str
) -> str | None:
    """Why the rule does not apply to the draft, in words that read the same for one
    provision or for all of a pack's (the text view counts them by reason)."""
    if doc.kind is not None and doc.kind in params.not_for_kinds:
        return f"the draft is a {doc.kind.replace('-', ' ')}, so {label} does not apply to it"
    if params.applies_if_mentions and not any(
        index.find_term(words(m)[0]) is not None for m in params.applies_if_mentions
    ):
        names = " or ".join(params.applies_if_mentions)
        return f"the draft does not mention {names}, so {label} does not apply to it"
    return None


def _language_mismatch(
    ctx: CheckContext, doc: Document, index: DraftIndex, label: str
) -> str | None:
    """Why none of the pack's provisions were looked for in ``doc``: it is in another
    language than their baseline. Said once per pack and draft (by the first of its rules
    to run), since it holds for all of them."""
    params: RetainParams = ctx.params
    if params.ref is not None:
        bid = params.baseline or next(iter(ctx.pack.baselines), None)
        have = (
            load_baseline(ctx.pack.baselines[bid]).language if bid in ctx.pack.baselines else None
        )
    else:
        have = pack_vocabulary(ctx.pack).language
    if doc.language is None or have is None or doc.language == have:
        return None
    if ctx.pack.id in index.said:
        return ""
    index.said.add(ctx.pack.id)
    what = f"the provisions of {label}" if params.ref else f"the provisions of {ctx.pack.title}"
    return (
        f"the draft is in {language_name(doc.language)}; {what} are in "
        f"{language_name(have)}, so they were not looked for"
    )


def _not_applicable_finding(
    ctx: CheckContext, doc: Document, why: str, subject: str, params: RetainParams
) -> Finding:
    return ctx.finding(
        doc.path or "<document>",
        "not-applicable",
        0.0,
        why,
        subject_name=subject,
        location=Location(path=doc.path),
        observed={"kind": doc.kind, "language": doc.language},
        expected={
            "applies_if_mentions": list(params.applies_if_mentions),
            "not_for_kinds": list(params.not_for_kinds),
        },
    )


def check(ctx: CheckContext, doc: Document) -> Iterator[Finding]:
    params: RetainParams = ctx.params
    prov, label, title = _provision(ctx.pack, ctx.rule.id, params)
    index = DraftIndex.of(doc)
    other = _language_mismatch(ctx, doc, index, label)
    if other is not None:
        if other:
            yield _not_applicable_finding(ctx, doc, other, label, params)
        return
    why = _not_applicable(params, doc, index, label if params.ref else "this provision")
    if why is not None:
        yield _not_applicable_finding(ctx, doc, why, f"{label} {human_ref(prov.ref)}", params)
        return
    a = align(
        prov,
        index,
        pack_vocabulary(ctx.pack),
        retained_at=params.retained_at,
        dropped_below=params.dropped_below,
    )
    edits = tracked_edits(a, doc.revisions)
    if edits:
        a = replace(a, reasons=(*a.reasons, *edits))
    yield ctx.finding(
        doc.path or "<document>",
        "pass" if a.classification in ("retained", "strengthened") else "fail",
        a.score,
        message(a, label),
        subject_name=f"{label} {human_ref(prov.ref)}" + (" →" if a.draft_ref else ""),
        classification=a.classification,
        location=_location(a, doc),
        observed={
            "classification": a.classification,
            "similarity": a.similarity,
            "draft_ref": a.draft_ref,
            "lost_terms": list(a.lost_terms),
        },
        expected={
            "classification": "retained",
            "baseline_ref": prov.ref,
            "retained_at": params.retained_at,
            "key_terms": list(prov.key_terms),
        },
        evidence=(EvidenceItem(a.evidence(label, title)),),
    )


def _location(a: Alignment, doc: Document) -> Location:
    first = a.draft[0].span if a.draft else None
    last = a.draft[-1].span if a.draft else None
    return Location(
        path=doc.path,
        line=first.line if first else None,
        column=first.column if first else None,
        end_line=last.end_line if last else None,
        end_column=last.end_column if last else None,
        ref=a.draft_ref,
    )


def tracked_edits(a: Alignment, revisions: Sequence[Revision]) -> tuple[TrackedEdit, ...]:
    """The tracked changes of the draft that made a provision weakened, modified or
    dropped: in its draft paragraphs, an insertion of words the diff marks added, a
    deletion (or move away) of words it marks removed; for a dropped provision, a deletion
    of mostly its words."""
    if a.classification in ("retained", "strengthened") or not revisions:
        return ()
    added = {w for run in a.diff if run.op == "+" for w in _content(run.text)}
    removed = {w for run in a.diff if run.op == "-" for w in _content(run.text)}
    refs = {p.ref for p in a.draft}
    own = set(_content(a.provision.text))
    out: list[TrackedEdit] = []
    for r in revisions:
        said = set(_content(r.text))
        if not said:
            continue
        if a.classification == "dropped":
            hit = r.kind in ("deletion", "move-from", "paragraph-deleted") and (
                len(said & own) * 2 >= len(said)
            )
        elif r.ref not in refs:
            hit = False
        elif r.kind in ("insertion", "move-to", "paragraph-inserted"):
            hit = bool(said & added)
        else:
            hit = bool(said & removed)
        if hit:
            out.append(TrackedEdit(_KIND_NAMES.get(r.kind, r.kind), r.text, r.author, r.date))
    return tuple(out)


_KIND_NAMES = {
    "move-from": "move",
    "move-to": "move",
    "paragraph-inserted": "insertion",
    "paragraph-deleted": "deletion",
}


def _content(text: str) -> list[str]:
    return [w for w in words(text)[0] if w not in FUNCTION_WORDS]


KIND = CheckKind(
    id="retain",
    subject="document",
    params=RetainParams,
    check=check,
    summary="A baseline provision survives in the draft: retained, modified, weakened, dropped",
    doc=__doc__ or "",
)
