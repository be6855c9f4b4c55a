"""``md`` — Markdown drafts.

Markup is blanked out with spaces rather than deleted, so every line and column the
parser reports is the line and column in the ``.md`` file:

- ``#`` headings (and ``===`` / ``---`` underlined ones) become section headings;
- ordered list items keep their number (``1.``, ``3)``) as the paragraph number, and
  ``-``, ``*``, ``+`` bullets become dash items;
- emphasis (``**``, ``*``, ``__``, ``_``), inline code backticks, ``>`` quote marks,
  link targets (``[text](url)`` keeps *text*), HTML comments and horizontal rules are
  blanked; a fenced code block is blanked whole.
"""

from __future__ import annotations

import re
from pathlib import Path

from wpscheck.models import Document
from wpscheck.plugin import Reader
from wpscheck.readers import decode_text, read_draft_bytes
from wpscheck.text.parse import parse_text

__all__ = ["READER", "read", "strip_markdown"]

_ATX = re.compile(r"^( {0,3})(#{1,6})(\s+|$)")
_ATX_CLOSE = re.compile(r"\s+#+\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(\s*\1){2,}\s*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_QUOTE = re.compile(r"^( {0,3}>)+ ?")
_BULLET = re.compile(r"^(\s*)[*+](\s+)")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_EMPHASIS = re.compile(
    r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)|(?<=\S)_(?!\w)|`"
)
_COMMENT = re.compile(r"<!--.*?-->")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _link(m: re.Match[str]) -> str:
    text = m.group(1)
    lead = 2 if m.group().startswith("!") else 1
    return " " * lead + text + " " * (len(m.group()) - lead - len(text))


def strip_markdown(text: str) -> tuple[str, frozenset[int]]:
    """The text with Markdown markup blanked (same lines and columns) and the 1-based
    numbers of its heading lines."""
    lines = text.split("\n")
    out: list[str] = []
    headings: set[int] = set()
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            out.append(" " * len(line))
            continue
        if fenced:
            out.append(" " * len(line))
            continue
        if _SETEXT.match(line) and out and out[-1].strip():
            headings.add(i)  # the line above: 0-based i - 1 is 1-based i
            out.append(" " * len(line))
            continue
        if _RULE.match(line):
            out.append(" " * len(line))
            continue
        line = _COMMENT.sub(_blank, line)
        line = _QUOTE.sub(_blank, line)
        m = _ATX.match(line)
        if m:
            headings.add(i + 1)
            line = " " * m.end() + line[m.end() :]
            line = _ATX_CLOSE.sub(_blank, line)
        line = _BULLET.sub(lambda b: b.group(1) + "-" + b.group(2), line)
        line = _LINK.sub(_link, line)
        line = _EMPHASIS.sub(_blank, line)
        out.append(line)
    return "\n".join(out), frozenset(headings)


def read(path: Path) -> Document:
    show = path.as_posix()
    text, notes = decode_text(read_draft_bytes(path), show)
    plain, headings = strip_markdown(text)
    return parse_text(plain, path=show, headings=headings, notes=tuple(notes))


READER = Reader(
    name="md",
    suffixes=(".md", ".markdown"),
    read=read,
    summary="Markdown: # headings become section headings, list numbers paragraph numbers",
)
