"""wpscheck — check Women, Peace and Security commitments automatically.

The public API::

    import wpscheck

    packs = wpscheck.shipped_packs()                 # or wpscheck.load_packs(["my-pack.toml"])
    subjects = [wpscheck.load_snapshot("fixtures/mali/bodies-2021.toml")]
    report = wpscheck.check(subjects, packs)
    print(report.summary.score)

Heavy modules are imported on first use, so ``import wpscheck`` stays fast.
"""

from __future__ import annotations

from wpscheck._version import __version__

TYPE_CHECKING = False  # not ``typing.TYPE_CHECKING``: importing typing costs a few ms
if TYPE_CHECKING:
    from typing import Any

    from wpscheck.engine import check
    from wpscheck.errors import WpscheckError
    from wpscheck.loading import (
        load_document,
        load_inputs,
        load_pack,
        load_packs,
        load_snapshot,
        shipped_packs,
    )
    from wpscheck.models import (
        Body,
        Document,
        Finding,
        Location,
        Paragraph,
        Report,
        Rule,
        RulePack,
        Snapshot,
    )
    from wpscheck.plugin import (
        BodySubject,
        CheckContext,
        CheckKind,
        FormatOptions,
        Formatter,
        Reader,
        hookimpl,
        hookspec,
    )
    from wpscheck.registry import Registry, build_registry

__all__ = [
    "Body",
    "BodySubject",
    "CheckContext",
    "CheckKind",
    "Document",
    "Finding",
    "FormatOptions",
    "Formatter",
    "Location",
    "Paragraph",
    "Reader",
    "Registry",
    "Report",
    "Rule",
    "RulePack",
    "Snapshot",
    "WpscheckError",
    "__version__",
    "build_registry",
    "check",
    "hookimpl",
    "hookspec",
    "load_document",
    "load_inputs",
    "load_pack",
    "load_packs",
    "load_snapshot",
    "render",
    "shipped_packs",
]

_LAZY = {
    "check": "wpscheck.engine",
    "render": "wpscheck.api",
    "WpscheckError": "wpscheck.errors",
    "load_document": "wpscheck.loading",
    "load_inputs": "wpscheck.loading",
    "load_pack": "wpscheck.loading",
    "load_packs": "wpscheck.loading",
    "load_snapshot": "wpscheck.loading",
    "shipped_packs": "wpscheck.loading",
    "Body": "wpscheck.models",
    "Document": "wpscheck.models",
    "Finding": "wpscheck.models",
    "Location": "wpscheck.models",
    "Paragraph": "wpscheck.models",
    "Report": "wpscheck.models",
    "Rule": "wpscheck.models",
    "RulePack": "wpscheck.models",
    "Snapshot": "wpscheck.models",
    "BodySubject": "wpscheck.plugin",
    "CheckContext": "wpscheck.plugin",
    "CheckKind": "wpscheck.plugin",
    "FormatOptions": "wpscheck.plugin",
    "Formatter": "wpscheck.plugin",
    "Reader": "wpscheck.plugin",
    "hookimpl": "wpscheck.plugin",
    "hookspec": "wpscheck.plugin",
    "Registry": "wpscheck.registry",
    "build_registry": "wpscheck.registry",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wpscheck' has no attribute {name!r}")
    value = getattr(__import__(module, fromlist=[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
