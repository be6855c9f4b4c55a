"""The model of a rule-pack file: one pydantic model from ``[pack]`` to every rule's
parameters, validated whole when the pack loads.

A pack file holds a ``[pack]`` table (:class:`PackTable`), optional ``[[baseline]]``
documents (:class:`BaselineTable`), optional ``[data]`` vocabularies (:class:`PackData`)
and ``[[rule]]`` tables. A rule is the keys every rule has (:class:`wpscheck.models.RuleKeys`)
plus the parameters of its check kind, which the kind's own params model says; so the
model of a whole file, :func:`pack_file_model`, is built from the registry of installed
check kinds (one variant per kind, chosen by ``check``), and the published JSON Schema
(``wpscheck schema rules``) is generated from the same model.

Checks that need the pack around a rule (a retain rule's ``ref`` is in its baseline, its
key terms are in the provision) run inside the same validation: the loader passes a
:class:`PackContext`, filled as the ``[[baseline]]`` tables validate, and a params model's
validator reads it with :meth:`PackContext.of`. Validated without one (a rule built in
code), those checks are skipped.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Protocol, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from wpscheck.models import RULE_ID, RuleKeys

if TYPE_CHECKING:
    from wpscheck.registry import Registry


class CheckKindModel(Protocol):
    """What the pack-file model needs of a check kind: its id, summary and params model."""

    @property
    def id(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def params(self) -> type[BaseModel]: ...


__all__ = [
    "BaselineTable",
    "CheckKindModel",
    "PackContext",
    "PackData",
    "PackFile",
    "PackTable",
    "pack_file_model",
    "pack_problem",
    "rule_model",
]


def pack_problem(message: str, key: str | None = None) -> PydanticCustomError:
    """A validation error that is about the pack around a rule; ``key`` is the rule key
    the message should point at (default: the rule's table)."""
    return PydanticCustomError("pack_problem", "{message}", {"message": message, "key": key})


@dataclasses.dataclass
class PackContext:
    """What validating one pack file knows of the pack beyond the table being validated."""

    #: The pack file's folder (resolved): baselines must stay inside it.
    folder: Path
    #: Baseline ids to resolved paths, once the ``[[baseline]]`` tables have validated
    #: (None before, or when one of them did not).
    baselines: dict[str, Path] | None = None
    #: Body kinds the pack declares beside BODY_KINDS (``[pack] kinds``), for its selectors.
    kinds: tuple[str, ...] = ()

    @staticmethod
    def of(info: ValidationInfo) -> PackContext | None:
        ctx = info.context
        return ctx if isinstance(ctx, PackContext) else None

    def resolve(self, given: str) -> Path:
        """A baseline path, relative to the pack file, that must stay inside its folder."""
        raw = Path(given)
        hint = "a baseline's path is relative to the pack file and stays inside its folder"
        if raw.is_absolute() or raw.drive:
            raise ValueError(f'"{given}" is an absolute path; {hint}')
        target = (self.folder / raw).resolve()
        if not target.is_relative_to(self.folder):
            raise ValueError(f'"{given}" leads outside the pack\'s folder; {hint}')
        if not target.exists():
            raise ValueError(f'no such file "{given}" (paths are relative to the pack file)')
        if not target.is_file():
            raise ValueError(f'"{given}" is not a regular file; expected a baseline text')
        return target


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _text(value: Any) -> Any:
    """A version written as a number (``version = 1.0``) is read as text."""
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


class PackTable(_Table):
    """The ``[pack]`` table."""

    id: str = Field(pattern=RULE_ID, description="lowercase letters, digits and dashes")
    title: str
    version: Annotated[str, BeforeValidator(_text, json_schema_input_type=str | float)] = "1"
    description: str | None = None
    references: tuple[str, ...] = ()
    kinds: tuple[str, ...] = Field(
        default=(),
        description="body kinds of its own that its rules select, beside BODY_KINDS "
        '(e.g. ["delegation"]); a snapshot holding such bodies declares them too',
    )


class BaselineTable(_Table):
    """A ``[[baseline]]`` document: the text a ``retain`` rule's ``ref`` points into."""

    id: str = Field(description="how a rule names it (baseline = …)")
    path: str = Field(description="relative to the pack file, inside its folder")
    title: str | None = None
    symbol: str | None = Field(default=None, description='e.g. "S/RES/2531 (2020)"')

    @field_validator("path")
    @classmethod
    def _inside_the_pack(cls, v: str, info: ValidationInfo) -> str:
        pack = PackContext.of(info)
        if pack is not None:
            pack.resolve(v)
        return v


#: A word or phrase of a vocabulary.
Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

_SCALE_HELP = (
    "expected a list of tiers, strongest first, each a list of verbs, e.g. "
    '[["decides"], ["calls upon", "urges"], ["encourages"]]'
)
_QUALIFIERS_HELP = 'expected a list of phrases, e.g. ["as appropriate", "where possible"]'
_INTENSIFIERS_HELP = (
    'expected a list of words or phrases, e.g. ["strongly", "immediate", "all necessary"]'
)


def _phrases(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) and v.strip() for v in value)


def _suggest(value: Any, nested: bool) -> str:
    """`` (did you mean …?)`` for a single phrase given where a list was expected."""
    if isinstance(value, str) and value.strip():
        near: Any = [[value.strip()]] if nested else [value.strip()]
        return f" (did you mean {json.dumps(near, ensure_ascii=False)}?)"
    return ""


class PackData(_Table):
    """The ``[data]`` table: the vocabularies the ``retain`` kind and ``wpscheck diff`` read.

    There is no official UN ranking of operative verbs: a pack states its own scale.
    """

    verb_scale: tuple[tuple[Phrase, ...], ...] = Field(
        default=(), description="tiers of operative verbs, strongest first; one tier's are equal"
    )
    weakening_qualifiers: tuple[Phrase, ...] = Field(
        default=(), description='phrases that soften a commitment when added ("as appropriate")'
    )
    intensifiers: tuple[Phrase, ...] = Field(
        default=(), description='words whose loss weakens a provision ("strongly", "immediate")'
    )
    vocabulary: str | None = Field(
        default=None,
        description="a retention vocabulary file, relative to the pack "
        '(e.g. "vocabularies/retention-en.toml"): its verb_scale, weakening_qualifiers '
        "and intensifiers, instead of listing them here",
    )

    @field_validator("vocabulary")
    @classmethod
    def _vocabulary_file(cls, v: str | None, info: ValidationInfo) -> str | None:
        pack = PackContext.of(info)
        if v is not None and pack is not None:
            pack.resolve(v)
        return v

    @model_validator(mode="after")
    def _one_vocabulary(self) -> PackData:
        if self.vocabulary is not None and (
            self.verb_scale or self.weakening_qualifiers or self.intensifiers
        ):
            raise ValueError(
                "in [data], give the vocabulary either as a file (vocabulary = …) or as lists "
                "(verb_scale, weakening_qualifiers, intensifiers), not both"
            )
        return self

    @field_validator("verb_scale", mode="before", json_schema_input_type=list[list[str]])
    @classmethod
    def _tiers(cls, v: Any) -> Any:
        if not isinstance(v, list | tuple) or not all(_phrases(tier) for tier in v):
            raise ValueError(_SCALE_HELP + _suggest(v, nested=True))
        from wpscheck.text.align import words

        seen: dict[tuple[str, ...], str] = {}
        for tier in v:
            for verb in tier:
                key = tuple(words(verb)[0])
                if key in seen:
                    raise ValueError(f'"{verb}" is listed twice (also as "{seen[key]}")')
                seen[key] = verb
        return v

    @field_validator("weakening_qualifiers", mode="before", json_schema_input_type=list[str])
    @classmethod
    def _qualifiers(cls, v: Any) -> Any:
        if not _phrases(v):
            raise ValueError(_QUALIFIERS_HELP + _suggest(v, nested=False))
        return v

    @field_validator("intensifiers", mode="before", json_schema_input_type=list[str])
    @classmethod
    def _intensifiers(cls, v: Any) -> Any:
        if not _phrases(v):
            raise ValueError(_INTENSIFIERS_HELP)
        from wpscheck.text.align import words

        if not all(words(p)[0] for p in v):
            raise ValueError(_INTENSIFIERS_HELP)
        return v


class PackFile(_Table):
    """A whole rule-pack file; :func:`pack_file_model` adds its ``rule`` tables."""

    model_config = ConfigDict(title="wpscheck rule pack")

    pack: PackTable
    baseline: tuple[BaselineTable, ...] = Field(
        default=(), validate_default=True, description="documents the retain rules point into"
    )
    data: PackData = Field(default=PackData(), description="vocabularies the check kinds read")

    @field_validator("baseline")
    @classmethod
    def _known_baselines(
        cls, v: tuple[BaselineTable, ...], info: ValidationInfo
    ) -> tuple[BaselineTable, ...]:
        ids = [b.id for b in v]
        for bid in ids:
            if ids.count(bid) > 1:
                raise ValueError(f'baseline id "{bid}" is used twice')
        pack = PackContext.of(info)
        if pack is not None:
            pack.baselines = {b.id: pack.resolve(b.path) for b in v}
        return v


_RULE_MODELS: dict[tuple[str, type[BaseModel]], type[BaseModel]] = {}
_FILE_MODELS: dict[tuple[tuple[str, type[BaseModel]], ...], type[PackFile]] = {}


def rule_model(kind: CheckKindModel) -> type[BaseModel]:
    """The model of a ``[[rule]]`` of ``kind``: the common rule keys plus its parameters."""
    key = (kind.id, kind.params)
    model = _RULE_MODELS.get(key)
    if model is None:
        tag: Any = Literal[kind.id]
        name = "".join(p.capitalize() for p in kind.id.replace("_", "-").split("-")) + "Rule"
        model = create_model(
            name,
            __base__=(RuleKeys, kind.params),
            __doc__=f"A rule of check kind {kind.id}: {kind.summary}",
            check=(tag, Field(description=kind.summary)),
        )
        # A rule's parameters are validated as the kind's own model would (no stripping).
        model.model_config["str_strip_whitespace"] = False
        model.model_config["extra"] = "forbid"
        model.model_rebuild(force=True)
        _RULE_MODELS[key] = model
    return model


def pack_file_model(reg: Registry) -> type[PackFile]:
    """The model of a pack file whose rules are of the check kinds in ``reg``."""
    kinds = sorted(reg.check_kinds.values(), key=lambda k: k.id)
    key = tuple((k.id, k.params) for k in kinds)
    model = _FILE_MODELS.get(key)
    if model is None:
        variants = tuple(rule_model(k) for k in kinds)
        entry: Any = (
            Annotated[Union[variants], Field(discriminator="check")]  # noqa: UP007
            if len(variants) > 1
            else variants[0]
        )
        model = create_model(
            "PackFile",
            __base__=PackFile,
            rule=(tuple[entry, ...], Field(default=(), description="the rules, in order")),
        )
        _FILE_MODELS[key] = model
    return model
