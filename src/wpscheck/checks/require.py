"""``require`` — required language in a draft: phrases, citations and patterns, in the
right part of the text, with partial credit.

A rule lists **elements** the draft must carry. Each element is one of:

- a phrase: ``"necessary gender expertise"`` or ``{ phrase = [...alternatives...] }`` —
  matched after normalisation (case, accents both ways, quotes, dashes, hyphenation,
  line breaks, "per cent" = "percent"), at word boundaries;
- a citation: ``{ cites = "2242:6" }`` — paragraph 6 of resolution 2242 however it is
  written ("paragraph 6 of resolution 2242 (2015)", "resolution 2242 (2015), paragraph 6",
  "paragraphs 6 and 7 of resolution 2242"); ``"2242"`` alone is the resolution, also in
  lists ("resolutions 2242 (2015) and 2467 (2019)"). A list of cites needs all of them;
- a regular expression: ``{ regex = "gender[- ]sensitive|gender[- ]responsive" }``
  (case-insensitive, on the paragraph's joined text; checked at load for patterns that
  could take exponential time, and run under a time limit).

Each element may have a ``label`` (shown in reports; by default its first phrase, its
cites or its pattern) and a ``weight`` (default 1).

Options:

- ``all_of``: elements that must all be present;
- ``any_of``: elements of which one is enough (one group, weight ``any_of_weight``,
  default 1, label ``any_of_label``);
- ``cites``: shorthand: one ``all_of`` element per citation, e.g. ``["2242:6", "2467:11"]``;
- ``section``: ``"operative"``, ``"preamble"`` or ``"any"`` (default) — where to look;
  in a text with no recognised structure the whole text is searched and the finding
  says so;
- ``anchor``: phrase(s): only paragraphs whose own text mentions one count, each with
  its sub-paragraphs (only the paragraph about the Panel of Experts counts for the
  Panel's gender expertise); language found elsewhere is named in the message, with
  why it was not counted (outside the ``section``, or no anchor), but earns nothing;
- ``when_mentions``: phrase(s): the rule applies only to drafts that mention one
  (others get ``not-applicable``);
- ``min_score`` (default 1): the score at or above which the rule passes.

The score is the weighted share of elements present. The finding's evidence lists every
element — ``{"kind": "element", "element", "present", "ref", "line", "column", "text"}``
— and its location is the anchor paragraph (or the paragraph holding most elements).

Passing example::

    [[rule]]
    id = "panel-gender-expertise"
    check = "require"
    title = "The Panel of Experts' mandate calls for the necessary gender expertise"
    section = "operative"
    anchor = "Panel of Experts"
    all_of = ["necessary gender expertise"]
    cites = ["2242:6", "2467:11"]
    # OP 12: "Requests the Panel of Experts to include the necessary gender expertise, in
    # line with paragraph 6 of resolution 2242 (2015) and paragraph 11 of resolution
    # 2467 (2019);" → pass, score 1.0

Failing example: the same rule on a draft whose Panel paragraph cites only resolution
2242, paragraph 6 → fail, score 0.6667, missing "2467:11".
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from wpscheck.models import Document, Finding, Location, OneOrMany, Paragraph, Status, listify
from wpscheck.plugin import CheckContext, CheckKind
from wpscheck.text.cite import parse_cite_spec
from wpscheck.text.kept import kept
from wpscheck.text.match import (
    REGEX_TIMEOUT,
    Hit,
    ParagraphView,
    RegexTimeout,
    check_regex,
    compile_regex,
    search_regex,
    view,
)
from wpscheck.text.normalise import LineIndex
from wpscheck.text.refs import human_ref

__all__ = ["KIND", "Element", "RequireParams"]


def _has_letters(phrase: str) -> None:
    from wpscheck.text.normalise import phrase_key

    if not phrase_key(phrase):
        raise ValueError(f'the phrase "{phrase}" has no letters or digits to match')


_ITEM_CHECKS: dict[str, Callable[[str], object]] = {
    "cites": parse_cite_spec,
    "regex": check_regex,
    "phrase": _has_letters,
}


class Element(BaseModel):
    """One required element: a phrase (or alternatives), citation(s) or a regex."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str | None = Field(default=None, description="how reports name it")
    phrase: tuple[str, ...] = Field(default=(), description="alternatives; any one matches")
    cites: tuple[str, ...] = Field(default=(), description='"2242:6" or "2242"; all needed')
    regex: tuple[str, ...] = Field(default=(), description="alternatives; any one matches")
    weight: float = Field(default=1.0, gt=0)

    _lists = field_validator(
        "phrase", "cites", "regex", mode="before", json_schema_input_type=OneOrMany
    )(listify)

    @field_validator("phrase", "cites", "regex")
    @classmethod
    def _each_valid(cls, v: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        """Each citation parses, each regex is safe, each phrase has something to match."""
        for item in v:
            _ITEM_CHECKS[str(info.field_name)](item)
        return v

    @model_validator(mode="after")
    def _one_kind(self) -> Element:
        given = [k for k in ("phrase", "cites", "regex") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError(
                "an element needs exactly one of phrase, cites or regex"
                + (f" (it has {' and '.join(given)})" if given else "")
            )
        return self

    @property
    def name(self) -> str:
        if self.label:
            return self.label
        if self.phrase:
            return self.phrase[0]
        if self.cites:
            return " + ".join(self.cites)
        return f"/{self.regex[0]}/"


def _element(v: Any) -> Any:
    return {"phrase": v} if isinstance(v, str) else v


class RequireParams(BaseModel):
    """Parameters of a ``require`` rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    all_of: tuple[Element, ...] = Field(default=(), description="elements all required")
    any_of: tuple[Element, ...] = Field(default=(), description="elements one of which is enough")
    any_of_label: str | None = None
    any_of_weight: float = Field(default=1.0, gt=0)
    cites: tuple[str, ...] = Field(default=(), description="shorthand: one element per cite")
    section: Literal["preamble", "operative", "any"] = "any"
    anchor: tuple[str, ...] = Field(default=(), description="only paragraphs mentioning these")
    when_mentions: tuple[str, ...] = Field(
        default=(), description="applies only to drafts mentioning one of these"
    )
    min_score: float = Field(default=1.0, ge=0, le=1)

    _lists = field_validator(
        "cites", "anchor", "when_mentions", mode="before", json_schema_input_type=OneOrMany
    )(listify)

    @field_validator("all_of", "any_of", mode="before", json_schema_input_type=list[str | Element])
    @classmethod
    def _elements(cls, v: Any) -> Any:
        if isinstance(v, (list, tuple)):
            return [_element(e) for e in v]
        return v

    @field_validator("cites")
    @classmethod
    def _valid_cites(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for spec in v:
            parse_cite_spec(spec)
        return v

    @model_validator(mode="after")
    def _something(self) -> RequireParams:
        if not (self.all_of or self.any_of or self.cites):
            raise ValueError("a require rule needs at least one element (all_of, any_of or cites)")
        return self

    def required(self) -> list[tuple[str, list[Element], float]]:
        """The scored requirements: (label, alternatives, weight)."""
        out = [(e.name, [e], e.weight) for e in self.all_of]
        out += [(spec, [Element(cites=(spec,))], 1.0) for spec in self.cites]
        if self.any_of:
            label = self.any_of_label or "any of: " + ", ".join(e.name for e in self.any_of)
            out.append((label, list(self.any_of), self.any_of_weight))
        return out


class _Searcher:
    """Finds elements in the paragraphs of one document, for one rule: the paragraph views
    and regexes are kept for the call, and the regexes share one time budget."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.deadline = time.monotonic() + REGEX_TIMEOUT
        self._compiled: dict[str, Any] = {}
        # Paragraph views (their skeletons) are the document's: every rule reads the same.
        self._views: dict[tuple[int, int], ParagraphView] = kept(doc, "paragraph-views", dict)
        self._lines: LineIndex | None = None

    def view(self, p: Paragraph) -> ParagraphView | None:
        if p.span is None:
            return None
        key = (p.span.start, p.span.end)
        hit = self._views.get(key)
        if hit is None:
            hit = self._views[key] = view(self.doc.text, p.span)
        return hit

    def line_col(self, offset: int) -> tuple[int, int]:
        if self._lines is None:
            self._lines = LineIndex(self.doc.text)
        return self._lines.line_col(offset)

    def find(self, element: Element, p: Paragraph) -> Hit | None:
        v = self.view(p)
        if v is None:
            return None
        for phrase in element.phrase:
            hit = v.find_phrase(phrase)
            if hit:
                return hit
        if element.cites:
            return _find_cites(v, element.cites)
        for pattern in element.regex:
            compiled = self._compiled.get(pattern)
            if compiled is None:
                compiled = self._compiled[pattern] = compile_regex(pattern)
            text, _ = v.joined
            m = search_regex(compiled, text, self.deadline)
            if m is not None:
                return v.joined_hit(m.start(), m.end())
        return None

    def find_any(self, alternatives: Sequence[Element], p: Paragraph) -> Hit | None:
        for el in alternatives:
            hit = self.find(el, p)
            if hit is not None:
                return hit
        return None

    def mentions(self, p: Paragraph, phrases: tuple[str, ...]) -> bool:
        v = self.view(p)
        return v is not None and any(v.find_phrase(ph) for ph in phrases)


def _find_cites(v: ParagraphView, cites: Sequence[str]) -> Hit | None:
    """All the citations, in one paragraph: the hit runs from the first to the last."""
    found = []
    for spec in (parse_cite_spec(s) for s in cites):
        c = next((c for c in v.citations() if spec.satisfied_by(c)), None)
        if c is None:
            return None
        found.append(c)
    a = min(c.start for c in found)
    b = max(c.end for c in found)
    return Hit(a, b, v.shown(a, b))


def _in_section(p: Paragraph, section: str, structured: bool) -> bool:
    return section == "any" or not structured or p.section == section


def _where(p: Paragraph, line: int | None) -> str:
    return f"{human_ref(p.ref)} (line {line})" if line else human_ref(p.ref)


@dataclasses.dataclass
class _Search:
    """What the search for a rule's elements found, element by element."""

    evidence: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    present: list[str] = dataclasses.field(default_factory=list)
    missing: list[str] = dataclasses.field(default_factory=list)
    earned: float = 0.0
    total: float = 0.0
    #: how many elements each paragraph (by id) holds
    hits: dict[int, int] = dataclasses.field(default_factory=dict)

    @property
    def score(self) -> float:
        return self.earned / self.total if self.total else 0.0


def _scope(
    params: RequireParams, doc: Document, every: list[Paragraph], searcher: _Searcher
) -> tuple[list[Paragraph], list[Paragraph]]:
    """The paragraphs searched (in document order) and the anchors that chose them."""
    in_section = [p for p in every if _in_section(p, params.section, doc.structured)]
    if not params.anchor:
        return in_section, []
    anchors = [p for p in in_section if searcher.mentions(p, params.anchor)]
    seen: set[int] = set()
    scope: list[Paragraph] = []
    for a in anchors:
        for q in a.walk():
            if id(q) not in seen:
                seen.add(id(q))
                scope.append(q)
    order = {id(p): k for k, p in enumerate(every)}
    scope.sort(key=lambda q: order.get(id(q), 0))
    return scope, anchors


def _search(
    params: RequireParams,
    scope: list[Paragraph],
    every: list[Paragraph],
    searcher: _Searcher,
    structured: bool = True,
) -> _Search:
    """Each required element: the first paragraph in scope holding it, or why it is missing.
    Raises :class:`RegexTimeout` when the rule's regexes use up their time."""
    out = _Search()
    scope_ids = {id(p) for p in scope}
    for name, alternatives, weight in params.required():
        out.total += weight
        found = next(
            ((p, hit) for p in scope if (hit := searcher.find_any(alternatives, p)) is not None),
            None,
        )
        if found is not None:
            p, hit = found
            out.earned += weight
            line, column = searcher.line_col(hit.start)
            out.present.append(f"{name} {_where(p, line)}")
            out.hits[id(p)] = out.hits.get(id(p), 0) + 1
            out.evidence.append(
                {
                    "kind": "element",
                    "element": name,
                    "present": True,
                    **{"ref": p.ref, "line": line, "column": column, "text": hit.text},
                    "weight": weight,
                }
            )
            continue
        elsewhere = next(
            (
                p
                for p in every
                if id(p) not in scope_ids and searcher.find_any(alternatives, p) is not None
            ),
            None,
        )
        out.missing.append(name + _outside(params, elsewhere, structured))
        out.evidence.append(
            {
                "kind": "element",
                "element": name,
                "present": False,
                "ref": None,
                "line": None,
                "column": None,
                "text": None,
                "weight": weight,
                "outside": elsewhere.ref if elsewhere else None,
            }
        )
    return out


def _outside(params: RequireParams, elsewhere: Paragraph | None, structured: bool) -> str:
    """Where a missing element is after all, and the real reason that paragraph was not
    searched: it is outside the part the rule looks at, or it is not (under) a paragraph
    mentioning one of the rule's anchors."""
    if elsewhere is None:
        return ""
    shown = human_ref(elsewhere.ref)
    if not _in_section(elsewhere, params.section, structured):
        part = {"preamble": "the preamble", "operative": "the operative part"}
        return (
            f" (found in {shown}, in {part.get(elsewhere.section, elsewhere.section)}: this "
            f"rule looks only at {part.get(params.section, params.section)})"
        )
    names = ", ".join(f'"{a}"' for a in params.anchor[:-1])
    names = f'{names} or "{params.anchor[-1]}"' if names else f'"{params.anchor[-1]}"'
    return f" (found in {shown}, which does not mention {names})"


def _pointed_at(
    doc: Document, every: list[Paragraph], anchors: list[Paragraph], found: _Search
) -> Location:
    """Where the finding points: the anchor (or paragraph) holding most elements."""
    candidates = anchors or [p for p in every if id(p) in found.hits]
    if not candidates:
        return Location(path=doc.path)
    position = {id(p): k for k, p in enumerate(every)}

    def held(a: Paragraph) -> int:
        return sum(found.hits.get(id(q), 0) for q in a.walk())

    best = max(candidates, key=lambda a: (held(a), -position[id(a)]))
    if best.span is None:
        return Location(path=doc.path)
    return Location(
        path=doc.path,
        line=best.span.line,
        column=best.span.column,
        end_line=best.span.end_line,
        end_column=best.span.end_column,
        ref=best.ref,
    )


def _message(params: RequireParams, anchors: list[Paragraph], found: _Search) -> str:
    n_all, n_ok = len(found.evidence), len(found.present)
    if params.anchor and not anchors:
        where = "no " + (params.section + " " if params.section != "any" else "") + "paragraph"
        msg = f"{where} mentions " + " or ".join(f'"{a}"' for a in params.anchor)
        return msg + f"; missing: {'; '.join(found.missing)}"
    if n_ok == n_all:
        return f"all {n_all} element{'s' if n_all != 1 else ''} present: " + "; ".join(
            found.present
        )
    msg = f"{n_ok} of {n_all} elements present (score {found.score:.2f}) — missing: "
    msg += "; ".join(found.missing)
    if found.present:
        msg += " · present: " + "; ".join(found.present)
    return msg


def check(ctx: CheckContext, doc: Document) -> Iterator[Finding]:
    params: RequireParams = ctx.params
    searcher = _Searcher(doc)
    every = list(doc.walk())
    expected: dict[str, Any] = {
        "elements": [name for name, _, _ in params.required()],
        "section": params.section,
        "min_score": params.min_score,
    }
    if params.anchor:
        expected["anchor"] = list(params.anchor)

    def finding(status: Status, score: float, message: str, **kw: Any) -> Finding:
        kw.setdefault("location", Location(path=doc.path))
        return ctx.finding(
            doc.path or "<draft>",
            status,
            score,
            message,
            subject_name=doc.symbol,
            expected=expected,
            **kw,
        )

    if params.when_mentions and not any(searcher.mentions(p, params.when_mentions) for p in every):
        mentions = " or ".join(f'"{m}"' for m in params.when_mentions)
        yield finding("not-applicable", 0.0, f"the draft does not mention {mentions}")
        return
    scope, anchors = _scope(params, doc, every, searcher)
    try:
        found = _search(params, scope, every, searcher, doc.structured)
    except RegexTimeout:
        yield finding(
            "error",
            0.0,
            f"its regular expressions took longer than {REGEX_TIMEOUT:g} s on this draft; "
            "simplify them",
        )
        return
    scope_note = ""
    if params.section != "any" and not doc.structured:
        scope_note = (
            " (no preamble/operative structure recognised: searched the whole text, not "
            f"only the {params.section} part)"
        )
    passed = found.score >= params.min_score and (anchors or not params.anchor)
    yield finding(
        "pass" if passed else "fail",
        found.score,
        _message(params, anchors, found) + scope_note,
        location=_pointed_at(doc, every, anchors, found),
        observed={
            "present": [e["element"] for e in found.evidence if e["present"]],
            "missing": [e["element"] for e in found.evidence if not e["present"]],
            "anchors": [a.ref for a in anchors],
        },
        evidence=tuple(found.evidence),
    )


KIND = CheckKind(
    id="require",
    subject="document",
    params=RequireParams,
    check=check,
    summary="Required language in a draft: phrases, citations, patterns, with partial credit",
    doc=__doc__ or "",
)
