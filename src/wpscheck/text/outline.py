"""What ``wpscheck parse`` prints: the structure the parser saw, as text or JSON."""

from __future__ import annotations

import json

from wpscheck.models import Document, Paragraph

__all__ = ["outline_json", "outline_text"]

PREVIEW = 72


def _preview(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def outline_text(doc: Document) -> str:
    """An indented outline: section, ref, line:column, lead and the start of the text."""
    paras = list(doc.walk())
    top = len(doc.paragraphs)
    pp = sum(1 for p in doc.paragraphs if p.section == "preamble")
    op = sum(1 for p in doc.paragraphs if p.section == "operative")
    head = f"{doc.path or '<text>'}: "
    if doc.structured:
        head += f"{pp} preambular, {op} operative paragraphs"
    else:
        head += f"no recognised structure, {top} plain paragraphs"
    if len(paras) > top:
        head += f", {len(paras) - top} sub-paragraphs"
    facts = [f"kind: {doc.kind or 'unknown'}"]
    if doc.symbol:
        facts.append(f"symbol: {doc.symbol}")
    if doc.title:
        facts.append(f"title: {_preview(doc.title, 60)}")
    lines = [head, "  " + " · ".join(facts)]
    section: str | None = None
    heading: str | None = None
    depth_of: dict[int, int] = {}

    def measure(p: Paragraph, depth: int) -> None:
        depth_of[id(p)] = depth
        for c in p.children:
            measure(c, depth + 1)

    for p in doc.paragraphs:
        measure(p, 0)
    ref_width = max((2 * depth_of[id(p)] + len(p.ref) for p in paras), default=3)

    def emit(p: Paragraph, depth: int) -> None:
        nonlocal section, heading
        if p.section != section:
            section = p.section
            lines.append(f"{section}")
        if depth == 0 and p.heading and p.heading != heading:
            heading = p.heading
            lines.append(f"  § {p.heading}")
        where = f"{p.span.line}:{p.span.column}" if p.span else "-"
        indent = "  " * depth
        lead = f"[{p.lead}] " if p.lead else ""
        text = _preview(p.text, max(20, PREVIEW - 2 * depth))
        label = (indent + p.ref).ljust(ref_width)
        lines.append(f"  {label}  {where:>7}  {lead}{text}")
        for c in p.children:
            emit(c, depth + 1)

    for p in doc.paragraphs:
        emit(p, 0)
    if doc.notes:
        lines.append("notes:")
        lines.extend(f"  - {n}" for n in doc.notes)
    return "\n".join(lines) + "\n"


def outline_json(doc: Document) -> str:
    """The document as JSON (without its full source text), keys in a fixed order."""
    data = doc.model_dump(mode="json", exclude={"text"})
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
