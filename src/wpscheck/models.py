"""The data model: bodies and snapshots, documents and paragraphs, rules and packs,
findings and reports.

Inputs (bodies, snapshots, rules, packs, documents) are pydantic v2 models, so they
validate and publish a JSON Schema. Findings are frozen slotted dataclasses: a check of
100,000 bodies makes hundreds of thousands of them, and pydantic serialises and
describes dataclasses just as well (see ``wpscheck schema report``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import re
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    StringConstraints,
    ValidationInfo,
    field_serializer,
    field_validator,
    model_validator,
)

from wpscheck.periods import PartialDate
from wpscheck.revisions import Revision

if TYPE_CHECKING:
    from wpscheck.passes import Passes

__all__ = [
    "BODY_KINDS",
    "BODY_LEVELS",
    "BODY_STATUSES",
    "CHAMBERS",
    "PERCENT_PATTERN",
    "REPORT_FORMAT",
    "REPORT_VERSION",
    "STATUSES",
    "Annex",
    "Body",
    "Document",
    "Finding",
    "Footnote",
    "Location",
    "Member",
    "Observation",
    "OneOrMany",
    "PackSummary",
    "Paragraph",
    "ParseNote",
    "Percentage",
    "PositiveShare",
    "Report",
    "ReportNote",
    "Rule",
    "RuleInfo",
    "RuleKeys",
    "RulePack",
    "Selector",
    "Severity",
    "Share",
    "ShareText",
    "Snapshot",
    "SnapshotFile",
    "Span",
    "Status",
    "Summary",
    "listify",
    "parse_percentage",
    "share_value",
]

Severity = Literal["error", "warning", "info"]
Status = Literal["pass", "fail", "not-applicable", "error"]
STATUSES: tuple[Status, ...] = ("pass", "fail", "not-applicable", "error")
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

#: The kinds of body a snapshot may hold; a selector or a body naming another is an error.
BODY_KINDS: tuple[str, ...] = (
    "government",
    "legislature",
    "transition-council",
    "commission",
    "peace-mechanism",
    "security-council",
    "local-authority",
    "interim-authority",
    "executive-office",
    "judiciary",
    "electoral-list",
    "civil-society",
    "consultation",
    "mission",
    "other",
)
BODY_LEVELS: tuple[str, ...] = (
    "international",
    "national",
    "regional",
    "district",
    "municipal",
    "local",
)
#: The chambers of a legislature: a single (unicameral) one, or the lower or upper one.
CHAMBERS: tuple[str, ...] = ("single", "lower", "upper")
#: Whether a body sits: a suspended or dissolved one has no figures to check.
BODY_STATUSES: tuple[str, ...] = ("sitting", "suspended", "dissolved", "transitional")
#: How a bare number in ``share`` is read: a fraction (0-1, the default) or a percent.
ShareUnit = Literal["fraction", "percent"]

#: A percentage as printed: "24.2 %", "24,2 percent", "30 per cent", "5 pct" (the unit may
#: be left out only where the value is known to be a percentage, e.g. ``stated_share``).
#: Written without inline flags, so that a JSON Schema can carry it too.
_NUMBER = r"\d+(?:[.,]\d+)?"
_UNIT = r"%|[Pp][Ee][Rr]\s*[Cc][Ee][Nn][Tt]|[Pp][Cc][Tt]"
PERCENT_PATTERN = rf"^\s*({_NUMBER})\s*({_UNIT})?\s*$"
_PERCENT = re.compile(PERCENT_PATTERN)


class Percentage(NamedTuple):
    """A printed percentage: ``"26.4 percent"`` is ``digits=264, decimals=1, unit="percent"``."""

    digits: int
    decimals: int
    unit: str

    @property
    def percent(self) -> Fraction:
        """The value in percent, exactly (26.4 for "26.4 %")."""
        return Fraction(self.digits, 10**self.decimals)


@functools.lru_cache(maxsize=4096)
def parse_percentage(text: str) -> Percentage | None:
    """The one reader of printed percentages (shares in snapshots and rules, and printed
    shares); None when ``text`` is not one."""
    m = _PERCENT.match(text)
    if m is None:
        return None
    whole, _, frac = m.group(1).replace(",", ".").partition(".")
    return Percentage(int(whole + frac), len(frac), (m.group(2) or "").lower())


def share_value(value: Any) -> Any:
    """A share is a fraction (``0.242``), or a percentage string such as ``"24.2 %"``,
    ``"24.2 percent"`` or ``"30 per cent"``; anything else is left for the validator."""
    if isinstance(value, str):
        p = parse_percentage(value)
        if p is not None and p.unit:
            return float(p.percent / 100)
        try:
            return float(value)
        except ValueError:
            return value
    return value


#: A share written as text: a percentage with its unit, or a fraction.
ShareText = Annotated[
    str,
    StringConstraints(pattern=rf"^\s*{_NUMBER}\s*(?:{_UNIT})\s*$"),
]
#: A percentage from 0 to 100 with its unit, as a JSON Schema pattern (for [0, 1] shares).
_UP_TO_100 = r"(?:100(?:[.,]0+)?|\d{1,2}(?:[.,]\d+)?)"
_SHARE_PATTERN = rf"^\s*{_UP_TO_100}\s*(?:{_UNIT})\s*$"
#: The same above 0 (for minimums).
POSITIVE_SHARE_PATTERN = rf"^(?!\s*0+(?:[.,]0+)?\s*(?:{_UNIT})\s*$){_SHARE_PATTERN[1:]}"


def _share_input(low: dict[str, float], pattern: str) -> BeforeValidator:
    """Reads a share written as a percentage; its JSON Schema input is a number in the
    bounds or a percentage string matching ``pattern``."""
    number = Annotated[float, Field(le=1, **low)]
    text = Annotated[str, StringConstraints(pattern=pattern)]
    return BeforeValidator(share_value, json_schema_input_type=number | text)


#: A share in [0, 1]: ``0.3``, ``"30%"`` or ``"30 per cent"``.
Share = Annotated[float, Field(ge=0, le=1), _share_input({"ge": 0}, _SHARE_PATTERN)]
#: A share in (0, 1]: a minimum that means something.
PositiveShare = Annotated[float, Field(gt=0, le=1), _share_input({"gt": 0}, POSITIVE_SHARE_PATTERN)]
#: One string or a list of them (a TOML key given one value).
OneOrMany = str | list[str]


def _one_or_many(names: tuple[str, ...]) -> Any:
    """The JSON Schema input of a selector key: one of ``names``, or a list of them."""
    name: Any = Literal[names]
    return name | list[name]


def listify(value: Any) -> Any:
    """A single string as a one-item tuple (``kind = "commission"``)."""
    return (value,) if isinstance(value, str) else value


class _Input(BaseModel):
    # defer_build: a model's validator is built when first used, not at import (a draft
    # check never builds Body's, a snapshot check never builds Paragraph's).
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )


def _one_of(value: str | None, names: tuple[str, ...], what: str) -> str | None:
    if value is not None and value not in names:
        from wpscheck.errors import did_you_mean

        raise ValueError(
            f'unknown {what} "{value}": expected one of {", ".join(names)}'
            f"{did_you_mean(value, names)}"
        )
    return value


_KINDS_HINT = '; a snapshot may declare kinds of its own, e.g. kinds = ["delegation"]'


def _declared_kinds(info: ValidationInfo) -> tuple[str, ...]:
    """BODY_KINDS and the kinds the snapshot or pack declares (the validation context: a
    snapshot's ``{"kinds": …}``, a pack's ``PackContext.kinds``)."""
    ctx = info.context
    extra = ctx.get("kinds") if isinstance(ctx, dict) else getattr(ctx, "kinds", None)
    return (*BODY_KINDS, *extra) if extra else BODY_KINDS


def _check_country(code: str) -> None:
    from wpscheck.countries import UnknownCountry, country

    try:
        country(code)
    except UnknownCountry as exc:  # the loaders map names and alpha-3 codes first
        msg = str(exc)
        head, sep, tail = code.partition("/")
        if sep and tail:
            from wpscheck.countries import lookup

            with contextlib.suppress(UnknownCountry):
                head = lookup(head).country.code
            msg += f'; a part of a country goes in region: country = "{head}", region = "{tail}"'

        raise ValueError(msg) from None


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _apply_share_unit(data: Any, *, history: bool = False) -> Any:
    """With ``share_unit = "percent"``, a bare number in ``share`` is a percent (61.3);
    a body's unit also applies to its history's observations that declare none."""
    if not isinstance(data, dict):
        return data
    unit = data.get("share_unit")
    if unit == "percent" and _is_number(data.get("share")):
        data = {**data, "share": data["share"] / 100}
    if history and unit is not None and isinstance(data.get("history"), (list, tuple)):
        data = {
            **data,
            "history": [
                {"share_unit": unit, **o} if isinstance(o, dict) else o for o in data["history"]
            ],
        }
    return data


def _share_hint(v: Any) -> Any:
    """A bare number above 1 is a percent written without its unit: say both ways to write it."""
    if _is_number(v) and 1 < v <= 100:
        shown = f"{v:g}"
        raise ValueError(
            f"{shown} is not a share from 0 to 1; if it is a percent, say so: "
            f'share = "{shown} %", or share_unit = "percent" beside it'
        )
    return v


class Member(_Input):
    """One member of a body."""

    name: str
    gender: Literal["female", "male", "other", "unknown"] = "unknown"
    role: str | None = Field(default=None, description="e.g. chair, co-chair, member")


class Observation(_Input):
    """The composition of a body at an earlier date (for the ``trend`` check)."""

    as_of: PartialDate
    seats: int | None = None
    women: int | None = None
    share: Share | None = None
    source: str | None = None
    share_unit: ShareUnit | None = Field(
        default=None, description="how a bare number in share is read (default: fraction)"
    )

    _percent = model_validator(mode="before")(lambda v: _apply_share_unit(v))
    _unit_hint = field_validator("share", mode="before")(lambda v: _share_hint(v))


#: A body id: letters, digits and ``. _ : -``, starting with a letter or digit.
BODY_ID = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"


class Body(_Input):
    """An institution's composition at a date.

    Give counts (``seats`` and ``women``), or only a ``share`` when the source prints a
    percentage and no counts, or a ``members`` list from which counts are derived.
    ``stated_share`` keeps the percentage exactly as the source printed it
    (e.g. ``"27 percent"``) so that ``consistency`` can compare it with the counts.
    """

    id: str = Field(pattern=BODY_ID, description="stable identifier")
    name: str
    kind: str = Field(description="one of BODY_KINDS", json_schema_extra={"enum": list(BODY_KINDS)})
    level: str | None = Field(
        default=None,
        description="one of BODY_LEVELS",
        json_schema_extra={"anyOf": [{"enum": list(BODY_LEVELS)}, {"type": "null"}]},
    )
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code, e.g. ML")
    as_of: PartialDate | None = None
    seats: int | None = None
    women: int | None = None
    share: Share | None = Field(default=None, description="women's share when no counts are known")
    stated_share: str | None = Field(default=None, description="the share as printed")
    members: tuple[Member, ...] = ()
    tags: tuple[str, ...] = ()
    source: str | None = Field(default=None, description="where the figures come from")
    history: tuple[Observation, ...] = Field(default=(), description="earlier observations")
    chamber: str | None = Field(
        default=None,
        description="one of CHAMBERS (a legislature's single, lower or upper chamber)",
        json_schema_extra={"anyOf": [{"enum": list(CHAMBERS)}, {"type": "null"}]},
    )
    status: str | None = Field(
        default=None,
        description="one of BODY_STATUSES; a suspended or dissolved body may have no figures",
        json_schema_extra={"anyOf": [{"enum": list(BODY_STATUSES)}, {"type": "null"}]},
    )
    region: str | None = Field(
        default=None, description="a sub-national area of the country, e.g. Darfur"
    )
    share_unit: ShareUnit | None = Field(
        default=None,
        description="how a bare number in share (and in history) is read (default: fraction)",
    )
    countries: tuple[str, ...] = Field(
        default=(),
        description="the states of a multi-state subject (ISO codes), e.g. a peace process",
    )
    statutory_seats: int | None = Field(
        default=None, ge=1, description="the seats the law sets, when fewer are filled"
    )

    _percent = model_validator(mode="before")(lambda v: _apply_share_unit(v, history=True))
    _unit_hint = field_validator("share", mode="before")(lambda v: _share_hint(v))

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, v: str, info: ValidationInfo) -> str:
        kinds = _declared_kinds(info)
        if v not in kinds:
            from wpscheck.errors import did_you_mean

            raise ValueError(f'unknown body kind "{v}"{did_you_mean(v, kinds)}{_KINDS_HINT}')
        return v

    @field_validator("chamber")
    @classmethod
    def _known_chamber(cls, v: str | None) -> str | None:
        return _one_of(v, CHAMBERS, "chamber")

    @field_validator("status")
    @classmethod
    def _known_status(cls, v: str | None) -> str | None:
        return _one_of(v, BODY_STATUSES, "status")

    @field_validator("country")
    @classmethod
    def _known_country(cls, v: str | None) -> str | None:
        if v is not None:
            _check_country(v)
        return v

    @field_validator("countries")
    @classmethod
    def _known_countries(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for c in v:
            _check_country(c)
        return v

    @field_validator("level")
    @classmethod
    def _known_level(cls, v: str | None) -> str | None:
        if v is not None and v not in BODY_LEVELS:
            from wpscheck.errors import did_you_mean

            raise ValueError(f'unknown level "{v}"{did_you_mean(v, BODY_LEVELS)}')
        return v

    @field_validator("tags", mode="before", json_schema_input_type=OneOrMany)
    @classmethod
    def _split_tags(cls, v: Any) -> Any:
        if isinstance(v, str):
            if "," not in v and ";" not in v:  # the common case in a CSV: one tag
                v = v.strip()
                return (v,) if v else ()
            return tuple(t.strip() for t in v.replace(",", ";").split(";") if t.strip())
        return v

    def counts(self) -> tuple[int | None, int | None]:
        """``(women, seats)``, derived from ``members`` where the counts are not given."""
        women, seats = self.women, self.seats
        if self.members:
            if seats is None:
                seats = len(self.members)
            if women is None:
                women = sum(1 for m in self.members if m.gender == "female")
        return women, seats


class SnapshotFile(_Input):
    """A snapshot file as written: bodies plus metadata (TOML, JSON or CSV rows)."""

    model_config = ConfigDict(title="wpscheck snapshot")

    as_of: PartialDate | None = None
    country: str | None = None
    title: str | None = None
    sources: dict[str, str] = Field(default_factory=dict, description="citations by key")
    bodies: tuple[Body, ...] = Field(min_length=1, description="the bodies, at least one")
    kinds: tuple[str, ...] = Field(
        default=(), description="body kinds of its own, beside BODY_KINDS (e.g. delegation)"
    )
    share_unit: ShareUnit | None = Field(
        default=None, description="how a bare number in any share is read (default: fraction)"
    )

    @field_validator("kinds")
    @classmethod
    def _kind_names(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for k in v:
            if not re.match(r"^[a-z][a-z0-9-]*$", k):
                raise ValueError(
                    f'body kind "{k}": expected lowercase letters, digits and dashes, '
                    "e.g. delegation"
                )
        return v


class Snapshot(SnapshotFile):
    """Bodies plus metadata, read from TOML, JSON or CSV."""

    bodies: tuple[Body, ...] = ()
    path: str | None = Field(default=None, description="the file it was read from (set by loader)")
    lines: tuple[int | None, ...] = Field(
        default=(), description="the line of each body's record in the file (set by loader)"
    )

    notes: tuple[ParseNote, ...] = Field(
        default=(), description="what reading it noticed: encoding, delimiter, names mapped"
    )

    def line_of(self, index: int) -> int | None:
        return self.lines[index] if index < len(self.lines) else None


@dataclasses.dataclass
class SnapshotStream:
    """A snapshot read a chunk of bodies at a time (a large CSV file): the engine checks
    it chunk by chunk, so that its bodies are never all in memory at once.

    ``chunks()`` yields, once, ``(index of the chunk's first body, its bodies, their
    lines)``; a problem in the file is raised as ``load_snapshot`` raises it, after the
    last chunk. ``notes`` fills as the file is read. A stream has no metadata of its own
    (a CSV file has none) and is checked alone: nothing else can refer to its bodies.
    """

    path: str
    chunks: Callable[[], Iterator[tuple[int, tuple[Body, ...], tuple[int | None, ...]]]]
    notes: list[ParseNote] = dataclasses.field(default_factory=list)
    as_of: None = None
    #: Called after each chunk is checked (the CLI freezes what the garbage collector
    #: has seen so far: the findings kept are not scanned again and again).
    after_chunk: Callable[[], None] | None = None


class Span(_Input):
    """Where a paragraph sits in its source: 1-based lines and columns, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int
    start: int = Field(default=0, description="character offset of the start in the source text")
    end: int = Field(default=0, description="character offset of the end in the source text")


class Footnote(_Input):
    """A footnote printed at the foot of a page, attached to the paragraph that carries its
    marker (the marker itself is left out of that paragraph's text)."""

    marker: str = Field(description="the footnote's number as printed, e.g. 1")
    text: str = Field(description="the footnote's text, lines joined")
    span: Span | None = None


class ParseNote(_Input):
    """Something the reader or the parser noticed about a draft, for people and machines.

    ``code`` says what kind of note it is (stable, for tools); ``message`` says it for a
    person; ``lines`` are the 1-based source lines it is about, ``refs`` the paragraphs.
    ``str(note)`` is its message.
    """

    code: str = Field(
        description="reader, double-spaced, furniture, unnumbered, front-matter, "
        "no-structure, no-preamble, no-operative, footnotes, annex, duplicate-number, "
        "invisible, language, tracked"
    )
    message: str
    lines: tuple[int, ...] = ()
    refs: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.message


class Paragraph(_Input):
    """A preambular or operative paragraph, or a sub-paragraph / dash item of one."""

    ref: str = Field(description="PP2, OP3, OP28(c)(iii), OP28(a)(iii)-1 …")
    section: Literal["preamble", "operative", "body"] = "body"
    number: str | None = Field(default=None, description="the number or letter as printed")
    lead: str | None = Field(default=None, description="the opening verb phrase, e.g. Calls upon")
    text: str = Field(description="the paragraph's own text, lines joined, hyphenation undone")
    heading: str | None = Field(default=None, description="the section heading it sits under")
    span: Span | None = None
    children: tuple[Paragraph, ...] = ()
    footnotes: tuple[Footnote, ...] = Field(
        default=(), description="footnotes whose marker is in this paragraph's own text"
    )

    def walk(self) -> Iterator[Paragraph]:
        """This paragraph and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def full_text(self) -> str:
        """Its own text followed by its children's."""
        return " ".join(p.text for p in self.walk() if p.text)


class Annex(_Input):
    """An annex after the operative part (``Annex I``): its own paragraphs, never operative
    paragraphs. Their refs are ``AnnexI.1``, ``AnnexI.1(a)`` …"""

    title: str = Field(description="the annex line as printed, e.g. Annex I")
    ref: str = Field(description="AnnexI, AnnexII … (Annex when it has no number)")
    heading: str | None = Field(default=None, description="the annex's own title, if any")
    paragraphs: tuple[Paragraph, ...] = ()

    def walk(self) -> Iterator[Paragraph]:
        for p in self.paragraphs:
            yield from p.walk()


def _note_of(value: Any) -> Any:
    return ParseNote(code="reader", message=value) if isinstance(value, str) else value


class Document(_Input):
    """A draft or adopted text parsed into structure."""

    path: str | None = None
    symbol: str | None = None
    title: str | None = None
    kind: str | None = Field(default=None, description="mandate-renewal, sanctions-renewal, …")
    structured: bool = Field(
        default=True, description="false when no preamble/operative structure was recognised"
    )
    text: str = Field(default="", description="the full source text as read")
    paragraphs: tuple[Paragraph, ...] = ()
    notes: tuple[ParseNote, ...] = Field(
        default=(), description="what the reader or parser noticed (a string is a reader note)"
    )
    annexes: tuple[Annex, ...] = Field(default=(), description="annexes after the operative part")
    language: str | None = Field(
        default=None, description="the language of the text, guessed: en, fr or es (None: unknown)"
    )

    @field_validator("notes", mode="before")
    @classmethod
    def _typed_notes(cls, v: Any) -> Any:
        return tuple(_note_of(n) for n in v) if isinstance(v, (list, tuple)) else v

    revisions: tuple[Revision, ...] = Field(
        default=(), description="tracked changes (Word revisions), placed in the checked text"
    )

    def walk(self) -> Iterator[Paragraph]:
        """Every paragraph and sub-paragraph in document order."""
        for p in self.paragraphs:
            yield from p.walk()

    def find(self, ref: str) -> Paragraph | None:
        """The paragraph (or annex paragraph) with this ref, spaces and case ignored."""
        key = ref.replace(" ", "").upper()
        for p in self.walk():
            if p.ref.replace(" ", "").upper() == key:
                return p
        for annex in self.annexes:
            for p in annex.walk():
                if p.ref.replace(" ", "").upper() == key:
                    return p
        return None


class Selector(_Input):
    """Which subjects a rule applies to. Every list matches any of its values; empty matches all."""

    kind: tuple[str, ...] = Field(default=(), description="body kinds (or document kinds)")
    level: tuple[str, ...] = ()
    tags: tuple[str, ...] = Field(default=(), description="the subject has any of these tags")
    country: tuple[str, ...] = ()
    document_kind: tuple[str, ...] = ()
    chamber: tuple[str, ...] = Field(default=(), description="single, lower or upper")
    status: tuple[str, ...] = Field(
        default=(), description="sitting, suspended, dissolved or transitional"
    )

    _listify = field_validator(
        "tags", "country", "document_kind", mode="before", json_schema_input_type=OneOrMany
    )(listify)
    _chambers = field_validator(
        "chamber", mode="before", json_schema_input_type=_one_or_many(CHAMBERS)
    )(listify)
    _statuses = field_validator(
        "status", mode="before", json_schema_input_type=_one_or_many(BODY_STATUSES)
    )(listify)

    @field_validator("chamber", "status")
    @classmethod
    def _known_values(cls, v: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        names = CHAMBERS if info.field_name == "chamber" else BODY_STATUSES
        for c in v:
            _one_of(c, names, str(info.field_name))
        return v

    _kinds = field_validator(
        "kind", mode="before", json_schema_input_type=_one_or_many(BODY_KINDS)
    )(listify)
    _levels = field_validator(
        "level", mode="before", json_schema_input_type=_one_or_many(BODY_LEVELS)
    )(listify)

    @field_validator("level")
    @classmethod
    def _known_levels(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        from wpscheck.errors import did_you_mean

        for level in v:
            if level not in BODY_LEVELS:
                raise ValueError(f'unknown level "{level}"{did_you_mean(level, BODY_LEVELS)}')
        return v

    @field_validator("kind")
    @classmethod
    def _known_kinds(cls, v: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        from wpscheck.errors import did_you_mean

        kinds = _declared_kinds(info)
        for kind in v:
            if kind not in kinds:
                raise ValueError(
                    f'unknown body kind "{kind}"{did_you_mean(kind, kinds)}'
                    '; a pack may declare kinds of its own: [pack] kinds = ["delegation"]'
                )
        return v

    def matches_body(self, body: Body) -> bool:
        if self.kind and body.kind not in self.kind:
            return False
        if self.level and body.level not in self.level:
            return False
        if (
            self.country
            and body.country not in self.country
            and not any(c in self.country for c in body.countries)
        ):
            return False
        if self.chamber and body.chamber not in self.chamber:
            return False
        if self.status and (body.status or "sitting") not in self.status:
            return False
        if self.tags:
            tags = self.tags
            return any(t in tags for t in body.tags)
        return True

    def matches_document(self, doc: Document) -> bool:
        kinds = self.document_kind or ()
        return not (kinds and doc.kind not in kinds)


#: A rule or pack id: lowercase letters, digits and dashes, not starting or ending with a
#: dash; one character is enough ("a").
RULE_ID = r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$"


class RuleKeys(_Input):
    """The keys every ``[[rule]]`` table has; its other keys are its check kind's parameters."""

    id: str = Field(pattern=RULE_ID, description="lowercase letters, digits and dashes")
    check: str = Field(description="the check kind, e.g. quota")
    title: str
    description: str | None = None
    severity: Severity = "error"
    weight: float = Field(default=1.0, ge=0)
    applies_to: Selector = Field(default=Selector(), description="which subjects it applies to")
    references: tuple[str, ...] = ()
    recommendation: str | None = None
    tags: tuple[str, ...] = ()


#: The keys every rule has; any other key of a ``[[rule]]`` table is a check-kind parameter.
RULE_COMMON_KEYS: tuple[str, ...] = tuple(RuleKeys.model_fields)


class Rule(RuleKeys):
    """One rule of a pack. ``params`` holds the check kind's own keys, validated by it."""

    params: dict[str, Any] = Field(default_factory=dict)
    pack: str = Field(default="", description="the id of the pack it belongs to (set by loader)")
    line: int | None = Field(default=None, description="line of its [[rule]] table (set by loader)")

    @property
    def qualified_id(self) -> str:
        return f"{self.pack}/{self.id}"


class RulePack(_Input):
    """A TOML file: a ``[pack]`` table, optional ``[data]`` and ``[[baseline]]``, and rules."""

    id: str = Field(pattern=RULE_ID)
    title: str
    version: str = "1"
    description: str | None = None
    references: tuple[str, ...] = ()
    data: dict[str, Any] = Field(
        default_factory=dict, description="vocabularies and other data the check kinds read"
    )
    baselines: dict[str, str] = Field(
        default_factory=dict, description="baseline documents by id, as resolved paths"
    )
    baseline_info: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description='the "symbol" and "title" each [[baseline]] table gives, by baseline id',
    )
    rules: tuple[Rule, ...] = ()
    path: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points: a file and line/column, a paragraph ref, a data path."""

    path: str | None = None
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    ref: str | None = None
    data_path: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Finding:
    """One rule applied to one subject. Immutable: findings alike may share their
    ``observed`` and ``expected`` dicts, which no code changes once a finding is made."""

    rule: str
    pack: str
    subject: str
    status: Status
    severity: Severity
    score: float
    message: str
    subject_name: str | None = None
    observed: dict[str, Any] = dataclasses.field(default_factory=dict)
    expected: dict[str, Any] = dataclasses.field(default_factory=dict)
    references: tuple[str, ...] = ()
    recommendation: str | None = None
    location: Location | None = None
    evidence: tuple[dict[str, Any], ...] = ()
    classification: str | None = None
    weight: float = 1.0
    check: str | None = None
    waived: str | None = None
    baseline: Literal["new", "worse", "unchanged"] | None = None

    @property
    def rule_id(self) -> str:
        return f"{self.pack}/{self.rule}"

    @property
    def failed(self) -> bool:
        return self.status in ("fail", "error")

    @property
    def accepted(self) -> bool:
        """Failed, but waived or already in the baseline: reported, never fails the run."""
        return self.failed and (self.waived is not None or self.baseline == "unchanged")


class RuleInfo(BaseModel):
    """What a report says about a rule it ran (for SARIF rule metadata, help and titles)."""

    model_config = ConfigDict(defer_build=True)

    id: str = Field(description="the qualified id, pack/rule")
    pack: str
    rule: str
    title: str
    check: str
    severity: Severity
    weight: float = 1.0
    description: str | None = None
    references: list[str] = Field(default_factory=list)
    recommendation: str | None = None
    tags: list[str] = Field(default_factory=list)
    source: str | None = Field(
        default=None, description="the pack file, relative to the working folder, if inside it"
    )
    line: int | None = Field(default=None, description="the line of its [[rule]] table")


class PackSummary(BaseModel):
    model_config = ConfigDict(defer_build=True)

    id: str
    title: str
    version: str
    score: float | None = Field(description="weighted mean score of its scored findings")
    findings: int = Field(description="its findings, passes included (listed or not)")
    by_status: dict[str, int] = Field(
        default_factory=dict, description="its findings per status: pass, fail, …"
    )


class Summary(BaseModel):
    model_config = ConfigDict(defer_build=True)

    score: float | None = Field(
        description="weighted mean of finding scores (pass/fail only), in [0, 1]; null if none"
    )
    findings: int
    subjects: int
    by_status: dict[str, int] = Field(description="count of findings per status")
    by_severity: dict[str, int] = Field(description="count of failed findings per severity")
    packs: list[PackSummary]
    by_rule: dict[str, dict[str, int]] = Field(
        default_factory=dict,
        description="per rule (qualified id, pack/rule), in the order the rules ran: its "
        "findings per status, passes included (listed or not)",
    )
    waived: int = Field(default=0, description="failed findings accepted by a waiver")
    in_baseline: int = Field(
        default=0, description="failed findings no worse than in the --baseline report"
    )


class ReportNote(BaseModel):
    """What a reader or the parser noticed about an input (e.g. "no preamble or operative
    part recognised …", "read as Windows-1252"): not a finding, but a reader should know."""

    model_config = ConfigDict(defer_build=True)

    path: str = Field(description="the input it is about")
    message: str


#: The JSON report's ``format`` and ``version`` (docs/json-report.md: what changed).
REPORT_FORMAT: Literal["wpscheck-report"] = "wpscheck-report"
REPORT_VERSION: Literal[2] = 2

#: The finding fields that state rule-level text: written in a JSON finding only when
#: they differ from its rule's entry in ``rules``.
_RULE_TEXT = ("references", "recommendation")


def _with_rule_text(finding: Any, rules: dict[str, Any]) -> Any:
    if not isinstance(finding, dict):
        return finding
    rule = rules.get(f"{finding.get('pack')}/{finding.get('rule')}")
    if not isinstance(rule, dict):
        return finding
    missing = {k: rule.get(k) for k in _RULE_TEXT if k not in finding and k in rule}
    return {**finding, **missing} if missing else finding


class Report(BaseModel):
    """What ``check`` returns and the JSON formatter writes.

    In memory a report holds every finding, passes included (``passes_listed``); the JSON
    formatter lists passes only with ``--all``. Rule-level text is stated once, in
    ``rules`` (written as a table keyed by qualified rule id): a written finding carries
    ``references`` or ``recommendation`` only where they differ from its rule's.
    """

    model_config = ConfigDict(arbitrary_types_allowed=False, defer_build=True)

    format: Literal["wpscheck-report"] = Field(
        default=REPORT_FORMAT, description="always wpscheck-report"
    )
    version: Literal[2] = Field(
        default=REPORT_VERSION, description="the report format's version (2: passes counted)"
    )
    tool: dict[str, str]
    inputs: list[str]
    summary: Summary
    passes_listed: bool = Field(
        default=True,
        description="whether findings lists passes (--all); they are always counted in "
        "summary.by_status, summary.packs[].by_status and summary.by_rule",
    )
    findings: list[Finding]
    rules: list[RuleInfo] = Field(
        default_factory=list,
        description="the rules that ran, keyed by qualified id (pack/rule) in JSON",
    )
    notes: list[ReportNote] = Field(
        default_factory=list, description="what reading the inputs noticed, input by input"
    )
    names: dict[str, str] = Field(
        default_factory=dict,
        description="how people name each draft: its symbol, else its title, by input path",
    )
    #: The passes counted but not listed (``passes_listed`` false), held so that
    #: :func:`wpscheck.engine.with_passes` can list them; not written.
    _passes: Passes | None = PrivateAttr(default=None)

    @property
    def unlisted_passes(self) -> Passes | None:
        """The passes counted in the summary but not listed in ``findings``, when this
        report holds them (a report made with ``check(..., passes=False)``)."""
        return None if self.passes_listed else self._passes

    @model_validator(mode="before")
    @classmethod
    def _read_written(cls, data: Any) -> Any:
        """A written report read back: ``rules`` from its table, and each finding's
        rule-level text from its rule where the finding leaves it out."""
        if not isinstance(data, dict) or not isinstance(data.get("rules"), dict):
            return data
        table = data["rules"]
        findings = data.get("findings")
        if isinstance(findings, list):
            findings = [_with_rule_text(f, table) for f in findings]
        return {**data, "rules": list(table.values()), "findings": findings}

    @field_serializer("rules")
    def _rules_table(self, rules: list[RuleInfo]) -> dict[str, RuleInfo]:
        return {r.id: r for r in rules}

    # No return annotation: the JSON Schema stays the findings' own (keys only left out).
    @field_serializer("findings", mode="wrap")
    def _findings_without_rule_text(  # type: ignore[no-untyped-def]
        self, findings: list[Finding], handler: SerializerFunctionWrapHandler
    ):
        """Each finding without the rule-level text its rule states in ``rules``."""
        out = handler(findings)
        texts = {r.id: (r.references, r.recommendation) for r in self.rules}
        for f, data in zip(findings, out, strict=True):
            known = texts.get(f.rule_id)
            if known is None:
                continue
            if list(f.references) == known[0]:
                del data["references"]
            if f.recommendation == known[1]:
                del data["recommendation"]
        return out
