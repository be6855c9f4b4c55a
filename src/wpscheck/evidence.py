"""Typed evidence: what a finding shows a person, as records that formatters read field by field.

The aligner (:mod:`wpscheck.text.align`) says *why* a provision counts as weakened or
modified with these records, not with prefixed strings: a :class:`VerbDemoted` has the two
verbs, a :class:`LostTerm` the term. Each record has a ``message`` for people; the JSON
report writes that message (``reasons``), so the report's bytes are what they were when the
reasons were strings.

A ``retain`` finding (and each paragraph of ``wpscheck diff --format json``) carries one
:class:`AlignmentEvidence`. In ``Finding.evidence`` it is an :class:`EvidenceItem`: the
JSON object the report writes, holding the record it was made from, so that a formatter
gets the record back with :func:`alignment_of` and never parses the JSON's strings. An
alignment given as a plain dict (by a plugin) is read field by field; its reasons are then
:class:`Note` records with the text as given.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, Literal, cast

from wpscheck.models import Finding
from wpscheck.text.refs import human_ref

__all__ = [
    "AlignmentEvidence",
    "CarriedAcross",
    "ChapeauLost",
    "DiffRun",
    "EvidenceItem",
    "IntensifierAdded",
    "IntensifierDropped",
    "LostTerm",
    "MovedToPreamble",
    "Note",
    "QualifierAdded",
    "QualifierRemoved",
    "Reason",
    "Strengthening",
    "TermElsewhere",
    "TrackedEdit",
    "VerbDemoted",
    "VerbPromoted",
    "Weakening",
    "WordingKept",
    "WpsTermsAdded",
    "alignment_of",
    "human_ref",
    "reasons_message",
]


# --------------------------------------------------------------------------- weakenings


class _Said:
    """A record whose ``message`` is its ``_says`` template filled with its fields, each
    shown by its ``_show`` function if it has one (``{"ref": human_ref}``)."""

    __slots__ = ()
    _says: ClassVar[str]
    _show: ClassVar[Mapping[str, Callable[[Any], object]]] = {}

    @property
    def message(self) -> str:
        fields = dataclasses.fields(self)  # type: ignore[arg-type]
        values = {f.name: getattr(self, f.name) for f in fields}
        shown = {k: self._show[k](v) if k in self._show else v for k, v in values.items()}
        return self._says.format_map(shown)


@dataclasses.dataclass(frozen=True, slots=True)
class _VerbChange:
    """The operative verb moved on the verb scale; ``governing``: the verb is that of the
    paragraph the provision sits under."""

    baseline: str
    draft: str
    governing: bool = False
    _word: ClassVar[str] = "verb"

    @property
    def message(self) -> str:
        tail = " (the paragraph it sits under)" if self.governing else ""
        return f"{self._word}: {self.baseline} → {self.draft}{tail}"


class VerbDemoted(_VerbChange):
    """The operative verb fell on the pack's verb scale ("Calls upon" → "Encourages")."""

    __slots__ = ()


@dataclasses.dataclass(frozen=True, slots=True)
class _Phrase(_Said):
    """A record of one phrase of the vocabulary, said by its ``_says`` template."""

    phrase: str


class QualifierAdded(_Phrase):
    """A weakening qualifier the baseline did not have ("as appropriate")."""

    _says = "qualifier added: {phrase}"

    @property
    def qualifier(self) -> str:
        return self.phrase


class IntensifierDropped(_Phrase):
    """An intensifier the baseline had is gone ("Strongly condemning" → "Condemning")."""

    _says = "intensifier dropped: {phrase}"

    @property
    def intensifier(self) -> str:
        return self.phrase


@dataclasses.dataclass(frozen=True, slots=True)
class MovedToPreamble(_Said):
    """An operative provision now sits in the preamble."""

    _says = "moved from the operative part to the preamble"


Weakening = VerbDemoted | QualifierAdded | IntensifierDropped | MovedToPreamble

# --------------------------------------------------------------------------- strengthenings


class VerbPromoted(_VerbChange):
    """The operative verb rose on the verb scale ("Encourages" → "Calls upon")."""

    __slots__ = ()
    _word: ClassVar[str] = "verb raised"


class QualifierRemoved(_Phrase):
    """A weakening qualifier the baseline had is gone ("as appropriate")."""

    _says = "qualifier removed: {phrase}"


class IntensifierAdded(_Phrase):
    """An intensifier the baseline did not have ("strongly", "immediately")."""

    _says = "intensifier added: {phrase}"


@dataclasses.dataclass(frozen=True, slots=True)
class WpsTermsAdded(_Said):
    """Women, peace and security terms the draft added inside the provision."""

    _says = "WPS terms added: {terms}"
    _show: ClassVar[Mapping[str, Callable[[Any], object]]] = {"terms": ", ".join}
    terms: tuple[str, ...]


Strengthening = VerbPromoted | QualifierRemoved | IntensifierAdded | WpsTermsAdded


@dataclasses.dataclass(frozen=True, slots=True)
class TrackedEdit:
    """A tracked change of the Word draft that made the difference (``kind``: insertion,
    deletion or move), by ``author`` on ``date``."""

    kind: str
    text: str
    author: str
    date: str | None = None

    @property
    def message(self) -> str:
        when = f", {self.date[:10]}" if self.date else ""
        return f"tracked {self.kind} of “{_clip(self.text)}” by {self.author}{when}"


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


# --------------------------------------------------------------------------- other reasons


@dataclasses.dataclass(frozen=True, slots=True)
class LostTerm(_Said):
    """A key term of the provision that the draft no longer has, anywhere."""

    _says = "key term lost: {term}"
    term: str


@dataclasses.dataclass(frozen=True, slots=True)
class TermElsewhere(_Said):
    """A key term missing from the aligned paragraph but found in another (``ref``)."""

    _says = "key term “{term}” is now in {ref}"
    _show: ClassVar[Mapping[str, Callable[[Any], object]]] = {"ref": human_ref}
    term: str
    ref: str


@dataclasses.dataclass(frozen=True, slots=True)
class WordingKept(_Said):
    """The share of the provision's wording found, when below the retained threshold."""

    _says = "{share} % of the wording kept"
    _show: ClassVar[Mapping[str, Callable[[Any], object]]] = {
        "share": lambda share: round(share * 100)
    }
    share: float


def _and(refs: Sequence[str]) -> str:
    names = [human_ref(r) for r in refs]
    return ", ".join(names[:-1]) + " and " + names[-1]


@dataclasses.dataclass(frozen=True, slots=True)
class CarriedAcross(_Said):
    """The provision is found across several draft paragraphs (``refs``, in order)."""

    _says = "carried across {refs}"
    _show: ClassVar[Mapping[str, Callable[[Any], object]]] = {"refs": _and}
    refs: tuple[str, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class ChapeauLost(_Said):
    """The opening words of a paragraph with sub-paragraphs are gone; its items survive."""

    _says = "its opening words are gone (“{opening} …”); its items remain"
    opening: str


@dataclasses.dataclass(frozen=True, slots=True)
class Note:
    """A reason given only as text (by a plugin's check, or read from a report)."""

    message: str


Reason = (
    Weakening
    | Strengthening
    | LostTerm
    | TermElsewhere
    | WordingKept
    | CarriedAcross
    | ChapeauLost
    | TrackedEdit
    | Note
)


def reasons_message(reasons: Iterable[Reason]) -> str:
    """The reasons for a person, separated by semicolons, the lost key terms said once
    where the first of them is ("key terms lost: “a”, “b”")."""
    reasons = list(reasons)
    lost = [r.term for r in reasons if isinstance(r, LostTerm)]
    out: list[str] = []
    for r in reasons:
        if not isinstance(r, LostTerm):
            out.append(r.message)
        elif r.term == lost[0]:
            terms = ", ".join(f"“{t}”" for t in lost)
            out.append(f"key term{'s' if len(lost) > 1 else ''} lost: {terms}")
    return "; ".join(out)


# --------------------------------------------------------------------------- the word diff


@dataclasses.dataclass(frozen=True, slots=True)
class DiffRun:
    """A run of the word diff: ``=`` kept, ``-`` removed (the baseline's words), ``+``
    added (the draft's). ``cut_before`` / ``cut_after``: the run is the end (start) of a
    longer addition, the rest belonging to another provision."""

    op: Literal["=", "-", "+"]
    text: str
    cut_before: bool = False
    cut_after: bool = False

    @property
    def message(self) -> str:
        """The run as ``wpscheck diff`` marks it without colour, with … where it was cut."""
        marked = {"=": self.text, "-": f"[-{self.text}-]", "+": f"{{+{self.text}+}}"}[self.op]
        return ("… " if self.cut_before else "") + marked + (" …" if self.cut_after else "")

    def to_data(self) -> list[str]:
        return [self.op, self.text]


# --------------------------------------------------------------------------- the alignment


@dataclasses.dataclass(frozen=True, slots=True)
class AlignmentEvidence:
    """Where a baseline provision went in the draft, the word diff and why it counts as
    what it is (``reasons``: the lost key terms first). ``baseline`` / ``baseline_title``:
    the label and title of the baseline (a ``retain`` finding names them; ``diff`` does
    not)."""

    baseline_ref: str
    baseline_text: str
    draft_ref: str | None = None
    draft_text: str | None = None
    diff: tuple[DiffRun, ...] = ()
    reasons: tuple[Reason, ...] = ()
    baseline: str | None = None
    baseline_title: str | None = None

    @property
    def lost_terms(self) -> tuple[str, ...]:
        return tuple(r.term for r in self.reasons if isinstance(r, LostTerm))

    @property
    def message(self) -> str:
        """The reasons for a person (see :func:`reasons_message`)."""
        return reasons_message(self.reasons)

    def to_data(self) -> dict[str, Any]:
        """The JSON object a report writes for it."""
        data: dict[str, Any] = {
            "kind": "alignment",
            "baseline_ref": self.baseline_ref,
            "baseline_text": self.baseline_text,
            "draft_ref": self.draft_ref,
            "draft_text": self.draft_text,
            "diff": [run.to_data() for run in self.diff],
            "reasons": [r.message for r in self.reasons],
            "lost_terms": list(self.lost_terms),
        }
        if self.baseline is not None:
            data["baseline"] = self.baseline
            data["baseline_title"] = self.baseline_title
        return data

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> AlignmentEvidence:
        """The record of an ``alignment`` evidence object given as plain data, field by
        field. Lost terms come from ``lost_terms``; the other reasons become :class:`Note`."""
        lost = tuple(LostTerm(str(t)) for t in _seq(data.get("lost_terms")))
        said = {t.message for t in lost}
        notes = tuple(Note(str(r)) for r in _seq(data.get("reasons")) if str(r) not in said)
        runs = tuple(
            DiffRun(cast(Literal["=", "-", "+"], d[0]), str(d[1]))
            for d in _seq(data.get("diff"))
            if isinstance(d, Sequence) and len(d) == 2 and d[0] in ("=", "-", "+")
        )
        return cls(
            baseline_ref=str(data.get("baseline_ref") or ""),
            baseline_text=str(data.get("baseline_text") or ""),
            draft_ref=_opt(data.get("draft_ref")),
            draft_text=_opt(data.get("draft_text")),
            diff=runs,
            reasons=(*lost, *notes),
            baseline=_opt(data.get("baseline")),
            baseline_title=_opt(data.get("baseline_title")),
        )


def _seq(value: Any) -> Sequence[Any]:
    return value if isinstance(value, (list, tuple)) else ()


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


class EvidenceItem(dict[str, Any]):
    """An evidence object as the report writes it (a plain JSON object: the record's
    ``to_data()``), holding the typed ``record`` it was made from."""

    __slots__ = ("record",)

    def __init__(self, record: AlignmentEvidence) -> None:
        super().__init__(record.to_data())
        self.record = record

    def __reduce__(self) -> tuple[type[EvidenceItem], tuple[AlignmentEvidence]]:
        return (EvidenceItem, (self.record,))


def alignment_of(f: Finding) -> AlignmentEvidence | None:
    """The finding's alignment evidence (the first), or None."""
    for ev in f.evidence:
        if isinstance(ev, EvidenceItem):
            return ev.record
        if isinstance(ev, Mapping) and ev.get("kind") == "alignment":
            return AlignmentEvidence.from_data(ev)
    return None
