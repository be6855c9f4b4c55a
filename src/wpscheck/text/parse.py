"""The structure of a Security Council text: preamble, operative part, paragraphs.

:func:`parse_text` reads plain text — typed, exported from Word, or extracted from a PDF —
into a :class:`~wpscheck.models.Document`:

- **Front matter** (symbol, title, distribution lines) ends at the line
  ``The Security Council,``; without that line, the preamble is the run of paragraphs
  opening with a participle or adjective just before the first operative paragraph.
- **Preambular paragraphs** ``PP1``, ``PP2`` … each open with a participle or adjective
  (*Recalling*, *Strongly condemning*, *Mindful*); their lead is that phrase.
- **Operative paragraphs** ``OP1`` … are numbered ``3.`` or ``OP 3.``; the first number
  starts the operative part. An unnumbered paragraph opening with an operative verb
  inside the operative part (a number lost in a PDF extraction) gets the next number,
  and a note says so.
- **Sub-paragraphs** ``(a)``, ``(i)`` and dash items nest: letters under a paragraph,
  roman numerals under a letter (or directly under a paragraph), dashes under whatever
  precedes them. Refs are ``OP28(c)(iii)`` and ``OP28(a)(iii)-1`` (the first dash item).
- **Section headings** — short lines without final punctuation between paragraphs
  (*Priority tasks*) — are kept as each following paragraph's ``heading``.
- **PDF artefacts**: hard line breaks inside a paragraph are joined, a word hyphenated
  across lines is rejoined, running heads and page numbers (``S/RES/2531 (2020)``,
  ``20-08839 3/15``) are dropped, and a text double-spaced by its extraction is read
  with single line breaks as soft.

A text with no recognisable structure is still read: as plain paragraphs ``P1``, ``P2``
… in one section (``structured=False``), with a note that says so.

**Spans.** A paragraph's span covers its own text: from the first character after its
number or label to the last non-space character before the next paragraph, heading or
sub-paragraph. ``normalise(span_text(document.text, span)) == normalise(paragraph.text)``
always holds: :func:`span_text` is the source between the span's ends with whole lines of
page furniture (running heads, page numbers) left out, and a paragraph's ``text`` is that
with its lines joined (:func:`~wpscheck.text.normalise.join_lines`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Literal

from wpscheck.models import Document, Paragraph, Span
from wpscheck.text.normalise import LineIndex, join_lines, normalise

__all__ = [
    "furniture",
    "is_furniture",
    "lead_of",
    "paragraph_ranges",
    "parse_text",
    "span_text",
]

# --------------------------------------------------------------------------- vocabulary


def _vocab(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Adverbs that may open a paragraph before its verb (*Strongly condemning*).
ADVERBS = _vocab(
    """
    strongly further also again once firmly fully deeply gravely urgently expressly
    emphatically resolutely repeatedly equally likewise
    """
)
#: Operative verbs, third person singular present (*Decides*, *Calls*).
OP_VERBS = _vocab(
    """
    accepts acknowledges adopts affirms agrees appeals applauds appoints appreciates
    approves asks assures authorizes authorises believes calls commends commits concurs
    condemns confirms congratulates considers decides declares deems demands denounces
    deplores designates determines directs emphasizes emphasises encourages endorses
    establishes exhorts expects expresses extends highlights insists instructs intends
    invites looks mandates notes offers pays proclaims reaffirms recalls recognizes
    recognises recommends regrets reiterates rejects reminds renews requests resolves
    stresses supports takes underlines underscores urges warns welcomes re-emphasizes
    reemphasizes signals
    """
)
#: Words that follow an operative verb to make its lead (*Calls upon*, *Takes note*).
OP_PARTICLES: dict[str, tuple[tuple[str, ...], ...]] = {
    "calls": (("upon",), ("on",), ("for",)),
    "takes": (("note",),),
    "looks": (("forward",),),
    "pays": (("tribute",),),
}
#: Adjectives that open a preambular paragraph (*Mindful*, *Deeply concerned*).
PP_ADJECTIVES = _vocab(
    """
    aware mindful cognizant cognisant conscious concerned alarmed convinced determined
    desirous anxious encouraged gratified guided disturbed deploring seized committed
    outraged shocked appalled welcoming reaffirming recalling resolved noting
    """
)
PP_PARTICLES: dict[str, tuple[tuple[str, ...], ...]] = {
    "taking": (("note",), ("into", "account")),
    "bearing": (("in", "mind"),),
    "having": (),
}
_NOT_PARTICIPLES = _vocab(
    """
    during nothing something anything everything bring thing king spring string
    """
)

# --------------------------------------------------------------------------- lines

_FURNITURE = re.compile(
    r"""^\s*(?:
        S/RES/\d+\s*\(\d{4}\)(?:\s+\d+/\d+)?                 # S/RES/2531 (2020)
      | S/\d{4}/\d+(?:/Rev\.\d+)?(?:\s+\d+/\d+)?             # S/2022/123
      | \d+/\d+\s+\d{2}-\d{5}(?:\s*\(E\))?                   # 3/15 20-08839
      | \d{2}-\d{5}(?:\s*\(E\))?(?:\s+\d{6})?(?:\s+\d+/\d+)?  # 20-08839 3/15, 20-08839 (E) 300620
      | \d{1,3}\s*/\s*\d{1,3}                                # 3/15
      | [-–—]?\s*\d{1,3}\s*[-–—]?                            # 3, - 3 -
      | Page\s+\d+(?:\s+of\s+\d+)?                           # Page 3 of 15
      | \*\d{5,}\*                                           # *2008839*
      | \f
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)


def is_furniture(line: str) -> bool:
    """A whole line that is a running head, a job number or a page number of a PDF."""
    return bool(line.strip()) and _FURNITURE.match(line) is not None


def furniture(text: str) -> list[int]:
    """The 1-based numbers of the lines of ``text`` that are page furniture."""
    return [i + 1 for i, line in enumerate(text.split("\n")) if is_furniture(line)]


def _line_bounds(text: str, start: int, end: int) -> Iterator[tuple[int, int, int, int]]:
    """For each line touching ``[start, end)``: (line start, line end, clipped start,
    clipped end)."""
    ls = text.rfind("\n", 0, start) + 1
    while ls <= end:
        le = text.find("\n", ls)
        if le < 0:
            le = len(text)
        yield ls, le, max(ls, start), min(le, end)
        if le >= end:
            break
        ls = le + 1


def paragraph_ranges(text: str, span: Span) -> list[tuple[int, int]]:
    """The ``(start, end)`` pieces of ``text`` a span covers, one per line, without whole
    lines of page furniture (the first and last lines always count)."""
    out: list[tuple[int, int]] = []
    for ls, le, a, b in _line_bounds(text, span.start, span.end):
        inner = a != span.start and b != span.end
        if inner and is_furniture(text[ls:le]):
            continue
        if a < b:
            out.append((a, b))
    return out


def span_text(text: str, span: Span) -> str:
    """The source a span covers, lines kept, page furniture lines left out."""
    return "\n".join(text[a:b] for a, b in paragraph_ranges(text, span))


# --------------------------------------------------------------------------- labels

_OP_LABEL = re.compile(r"^\s*(?:(OP|PP)\s*)?(\d{1,3})\s*[.)](?=\s|$|[A-Z(])\s*", re.IGNORECASE)
_PAREN_LABEL = re.compile(r"^\s*\(\s*([a-zA-Z]{1,2}|[ivxlIVXL]{1,6})\s*\)\s*")
_BARE_LABEL = re.compile(r"^\s*([a-z]|[ivx]{1,5})\)\s+")
_DASH_LABEL = re.compile(r"^\s*[-–—•▪●◦‐‑]\s*(?=\S)")
_ROMAN = re.compile(r"^(?=[ivxl])(x{0,3})(ix|iv|v?i{0,3})$")
_COUNCIL = re.compile(
    r"^\s*The\s+(Security\s+Council|General\s+Assembly|Human\s+Rights\s+Council|"
    r"Economic\s+and\s+Social\s+Council)\s*[,:]?\s*$",
    re.IGNORECASE,
)
#: A title block (symbol, distribution, date, title) is at most this many lines; more text
#: before the preamble is worth a note (it may hold paragraphs the parser did not see).
FRONT_MATTER_LINES = 8
_SYMBOL = re.compile(r"\bS/(?:RES/\d{1,5}\s*\(\d{4}\)|\d{4}/\d{1,5}(?:/Rev\.\d+)?)")


def _roman_value(s: str) -> int | None:
    if not _ROMAN.match(s):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50}
    total = 0
    for k, ch in enumerate(s):
        v = values[ch]
        if k + 1 < len(s) and values[s[k + 1]] > v:
            total -= v
        else:
            total += v
    return total


@dataclasses.dataclass
class _Label:
    kind: str  # "op", "pp", "letter", "roman", "ambiguous", "dash"
    value: str  # the number or letter as printed ("3", "a", "iii"); "" for dashes
    end: int  # offset in the line where the paragraph text starts
    explicit: bool = False  # "OP 3." rather than "3."


def _label(line: str) -> _Label | None:
    m = _OP_LABEL.match(line)
    if m:
        prefix = (m.group(1) or "").lower()
        return _Label("pp" if prefix == "pp" else "op", m.group(2), m.end(), bool(prefix))
    m = _PAREN_LABEL.match(line) or _BARE_LABEL.match(line)
    if m:
        raw = m.group(1)
        value = raw.lower()
        if raw != value and raw != raw.upper():
            return None
        if value in ("i", "v", "x"):
            return _Label("ambiguous", value, m.end())
        if len(value) > 1 and _roman_value(value) is not None:
            return _Label("roman", value, m.end())
        if len(value) == 1 or (len(value) == 2 and value[0] == value[1]):
            return _Label("letter", value, m.end())
        return None
    m = _DASH_LABEL.match(line)
    if m and not is_furniture(line):
        return _Label("dash", "", m.end())
    return None


# --------------------------------------------------------------------------- leads

_WORDS = re.compile(r"[A-Za-z][A-Za-z’'-]*")


def _words(text: str, n: int = 6) -> list[tuple[str, int, int]]:
    out = []
    for m in _WORDS.finditer(text, 0, min(len(text), 120)):
        out.append((m.group(), m.start(), m.end()))
        if len(out) >= n:
            break
    return out


def _is_pp_word(w: str) -> bool:
    lw = w.lower()
    if lw in PP_ADJECTIVES:
        return True
    return lw.endswith("ing") and len(lw) > 4 and lw not in _NOT_PARTICIPLES


def lead_of(text: str, section: str) -> str | None:
    """The opening verb phrase of a paragraph's text, as printed (*Strongly condemning*,
    *Calls upon*, *Decides*), or ``None`` when it does not open with one.

    ``section`` is ``"preamble"`` (participles and adjectives) or ``"operative"``
    (operative verbs); a sub-paragraph opening ``To support`` has the lead ``To support``.
    """
    words = _words(text.lstrip("“”\"'‘’ "))
    if not words or (not words[0][0][0].isupper() and words[0][0].lower() != "to"):
        return None
    stripped = text.lstrip("“”\"'‘’ ")
    i = 0
    while i < len(words) - 1 and words[i][0].lower() in ADVERBS:
        i += 1
    word = words[i][0]
    lw = word.lower()
    if lw == "to" and i == 0 and len(words) > 1:
        return stripped[: words[1][2]]
    particles: dict[str, tuple[tuple[str, ...], ...]]
    if section == "operative":
        if lw not in OP_VERBS:
            return None
        particles = OP_PARTICLES
    else:
        if not _is_pp_word(word):
            return None
        particles = PP_PARTICLES
    end = words[i][2]
    rest = [w.lower() for w, _, _ in words[i + 1 :]]
    if lw == "having" and rest:
        end = words[i + 1][2]
    for seq in particles.get(lw, ()):
        if tuple(rest[: len(seq)]) == seq:
            end = words[i + len(seq)][2]
            break
    return stripped[:end]


def _opens_pp(text: str) -> bool:
    return lead_of(text, "preamble") is not None


def _opens_op(text: str) -> bool:
    lead = lead_of(text, "operative")
    return lead is not None and lead[:3].lower() != "to "


# --------------------------------------------------------------------------- blocks


@dataclasses.dataclass
class _Line:
    no: int  # 1-based
    start: int  # offset of the line in the text
    text: str
    label: _Label | None = None


@dataclasses.dataclass
class _Block:
    lines: list[_Line]
    label: _Label | None
    why: str  # "first", "label", "gap", "lead", "tentative", "hard"
    heading: bool = False

    @property
    def first_text(self) -> str:
        first = self.lines[0]
        return first.text[self.label.end :] if self.label else first.text.lstrip()

    def ranges(self) -> list[tuple[int, int]]:
        out = []
        for k, ln in enumerate(self.lines):
            body = ln.text
            a = self.label.end if (k == 0 and self.label) else len(body) - len(body.lstrip())
            b = len(body.rstrip())
            if a < b:
                out.append((ln.start + a, ln.start + b))
        return out

    def raw(self) -> str:
        return "\n".join(ln.text for ln in self.lines)


def _ends_terminal(line: str) -> bool:
    s = line.rstrip().rstrip(")]\"'”’»").rstrip()
    return s.endswith((",", ";", ":", "."))


def _ends_strong(line: str) -> bool:
    s = line.rstrip().rstrip(")]\"'”’»").rstrip()
    return s.endswith((";", ".", ":"))


def _starts_upper(text: str) -> bool:
    s = text.lstrip("“”\"'‘’ \t")
    return bool(s) and (s[0].isupper() or s[0].isdigit())


def _starts_lower(text: str) -> bool:
    s = text.lstrip("“”\"'‘’ \t")
    return bool(s) and s[0].islower()


def _split_lines(text: str) -> list[_Line]:
    lines = []
    pos = 0
    for no, raw in enumerate(text.split("\n"), start=1):
        lines.append(_Line(no, pos, raw))
        pos += len(raw) + 1
    return lines


def _double_spaced(lines: list[_Line]) -> bool:
    """True when an extraction put a blank line after (nearly) every line of text."""
    gaps: list[int] = []
    run = 0
    seen = False
    for ln in lines:
        if not ln.text.strip():
            run += 1
            continue
        if seen:
            gaps.append(run)
        run = 0
        seen = True
    if len(gaps) < 6:
        return False
    singles = sum(1 for g in gaps if g == 1)
    return singles >= 0.6 * len(gaps) and any(g >= 2 for g in gaps)


def _blocks(
    lines: list[_Line], *, hard_breaks: bool, headings: frozenset[int], notes: list[str]
) -> list[_Block]:
    double = not hard_breaks and _double_spaced(lines)
    if double:
        notes.append(
            "the text is double-spaced (a blank line after every line): single blank "
            "lines were read as line breaks"
        )
    blocks: list[_Block] = []
    gap = 0
    page_break = False
    prev: _Line | None = None
    dropped = 0
    for ln in lines:
        if not ln.text.strip():
            gap += 1
            continue
        if is_furniture(ln.text):
            page_break = True
            dropped += 1
            continue
        ln.label = _label(ln.text)
        body = ln.text[ln.label.end :] if ln.label else ln.text
        real_gap = gap >= (2 if double else 1)
        why: str | None
        if prev is None:
            why = "first"
        elif hard_breaks or ln.no in headings or prev.no in headings:
            why = "hard"
        elif ln.label is not None:
            why = "label"
        elif real_gap and not page_break:
            why = "gap"
            if _starts_lower(body) and not _ends_strong(prev.text):
                why = None
        elif real_gap:  # a page break: continue a sentence that runs on
            why = None if (_starts_lower(body) or not _ends_terminal(prev.text)) else "gap"
        elif _ends_terminal(prev.text) and (_opens_pp(body) or _opens_op(body)):
            why = "lead"
        elif _ends_terminal(prev.text) and _starts_upper(body):
            why = "tentative"
        else:
            why = None
        if why is None:
            blocks[-1].lines.append(ln)
        else:
            blocks.append(_Block([ln], ln.label, why))
        prev = ln
        gap = 0
        page_break = False
    if dropped:
        notes.append(
            f"{dropped} line{'s' if dropped != 1 else ''} of page furniture (running heads, "
            "page numbers) left out"
        )
    return _merge_tentative(blocks)


_HEADING_MAX = 160


def _heading_like(block: _Block) -> bool:
    if block.label is not None or len(block.lines) > 3:
        return False
    text = join_lines(block.raw())
    if not text or len(text) > _HEADING_MAX or _COUNCIL.match(text):
        return False
    if text.rstrip().endswith((",", ";", ":", ".")):
        return False
    if _opens_pp(text) or _opens_op(text):
        return False
    return _starts_upper(text) or text.startswith("#")


def _starts_paragraph(block: _Block) -> bool:
    return block.label is not None or _opens_pp(block.first_text) or _opens_op(block.first_text)


def _merge_tentative(blocks: list[_Block]) -> list[_Block]:
    out: list[_Block] = []
    for k, b in enumerate(blocks):
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        if _heading_like(b) and (nxt is None or _starts_paragraph(nxt) or _heading_like(nxt)):
            b.heading = True
            out.append(b)
        elif b.why == "tentative" and out and not out[-1].heading:
            out[-1].lines.extend(b.lines)
        else:
            out.append(b)
    return out


# --------------------------------------------------------------------------- structure

Section = Literal["preamble", "operative", "body"]


@dataclasses.dataclass
class _Node:
    ref: str
    section: Section
    number: str | None
    kind: str  # "pp", "op", "p", "letter", "roman", "dash"
    heading: str | None
    ranges: list[tuple[int, int]]
    children: list[_Node] = dataclasses.field(default_factory=list)
    dashes: int = 0
    lead_section: str = "operative"

    def last(self) -> _Node:
        return self.children[-1].last() if self.children else self


_LEVEL = {"op": 0, "pp": 0, "p": 0, "letter": 1, "roman": 2, "dash": 3}


def _resolve_ambiguous(value: str, stack: list[_Node]) -> str:
    """Is ``(i)``/``(v)``/``(x)`` a letter or a roman numeral, given what is open?"""
    prev_letter = {"i": "h", "v": "u", "x": "w"}[value]
    for node in reversed(stack):
        if node.kind == "letter":
            return "letter" if node.number == prev_letter else "roman"
        if node.kind == "roman":
            return "roman"
    return "roman" if value == "i" else "letter"


def _build(
    text: str,
    blocks: list[_Block],
    notes: list[str],
) -> tuple[list[_Node], bool, int]:
    """Paragraph trees from blocks; returns (paragraphs, structured, front-matter blocks)."""
    # Where does the preamble start, and where does the operative part start?
    council = next((k for k, b in enumerate(blocks) if _COUNCIL.match(b.raw())), None)
    first_op = None
    search_from = council + 1 if council is not None else 0
    for k in range(search_from, len(blocks)):
        b = blocks[k]
        if b.heading:
            continue
        lab = b.label
        if lab and lab.kind == "op":
            if lab.explicit or lab.value == "1" or _opens_op(b.first_text):
                first_op = k
                break
            continue
        if lab and lab.kind == "pp":
            continue
        if (
            lab is None
            and _opens_op(b.first_text)
            and k > search_from
            and any(_opens_pp(blocks[j].first_text) for j in range(search_from, k))
        ):
            # an unnumbered operative part, after at least one preambular paragraph
            first_op = k
            break
    if council is not None:
        pre_start = council + 1
    elif first_op is not None:
        pre_start = first_op
        while pre_start > 0:
            b = blocks[pre_start - 1]
            if (
                b.heading
                or (b.label is None and _opens_pp(b.first_text))
                or (b.label is not None and b.label.kind == "pp")
            ):
                pre_start -= 1
            else:
                break
        while pre_start < first_op and blocks[pre_start].heading:
            pre_start += 1
    else:
        pre_start = 0
    structured = council is not None or first_op is not None
    front = pre_start if structured else 0
    if council is not None:
        front = council
    nodes: list[_Node] = []
    heading: str | None = None
    stack: list[_Node] = []
    pp = op = plain = 0
    last_op_number = 0
    for k in range(front, len(blocks)):
        b = blocks[k]
        if council is not None and k == council:
            continue
        if b.heading:
            heading = join_lines(b.raw())
            continue
        section: Section
        if not structured:
            section = "body"
        elif first_op is not None and k >= first_op:
            section = "operative"
        else:
            section = "preamble"
        lab = b.label
        ranges = b.ranges()
        if lab is not None and lab.kind in ("letter", "roman", "ambiguous", "dash") and stack:
            kind = lab.kind
            if kind == "ambiguous":
                kind = _resolve_ambiguous(lab.value, stack)
            level = _LEVEL[kind]
            while len(stack) > 1 and _LEVEL[stack[-1].kind] >= level:
                stack.pop()
            parent = stack[-1]
            if kind == "dash":
                parent.dashes += 1
                ref = f"{parent.ref}-{parent.dashes}"
                number = None
            else:
                ref = f"{parent.ref}({lab.value})"
                number = lab.value
            node = _Node(ref, parent.section, number, kind, heading, ranges)
            node.lead_section = "sub"
            parent.children.append(node)
            stack.append(node)
            continue
        is_op_label = lab is not None and lab.kind == "op"
        if section == "operative":
            if is_op_label and lab is not None:
                number = lab.value
                n = int(lab.value)
                if not (lab.explicit or n == last_op_number + 1 or _opens_op(b.first_text)):
                    # a number inside running text, e.g. "17. With…": not a paragraph
                    _append(stack, nodes, ranges, b, text)
                    continue
                last_op_number = n
                ref = f"OP{n}"
            elif lab is None and _opens_op(b.first_text):
                last_op_number += 1
                number = None
                ref = f"OP{last_op_number}"
                notes.append(
                    f"line {b.lines[0].no}: an operative paragraph without a number; read as {ref}"
                )
            elif stack and lab is None:
                _append(stack, nodes, ranges, b, text)
                continue
            else:
                last_op_number += 1
                number = lab.value if lab and lab.value else None
                ref = f"OP{last_op_number}"
            op += 1
            node = _Node(ref, "operative", number, "op", heading, ranges)
        elif section == "preamble":
            pp += 1
            number = lab.value if lab is not None and lab.kind in ("op", "pp") else None
            if lab is not None and lab.kind not in ("op", "pp"):
                ranges = _with_label(b)
            node = _Node(f"PP{pp}", "preamble", number, "pp", heading, ranges)
            node.lead_section = "preamble"
        else:
            plain += 1
            if lab is not None and lab.kind not in ("op", "pp"):
                ranges = _with_label(b)
            number = lab.value if lab is not None and lab.kind in ("op", "pp") else None
            node = _Node(f"P{plain}", "body", number, "p", heading, ranges)
            node.lead_section = "body"
        nodes.append(node)
        stack = [node]
    return nodes, structured, front


def _with_label(b: _Block) -> list[tuple[int, int]]:
    """The block's ranges with its label kept as text (a dash or letter outside a paragraph)."""
    first = b.lines[0]
    a = len(first.text) - len(first.text.lstrip())
    rest = b.ranges()
    b_end = first.start + len(first.text.rstrip())
    head = (first.start + a, b_end)
    if rest and rest[0][0] >= first.start and rest[0][1] <= b_end:
        rest = rest[1:]
    return [head, *rest] if head[0] < head[1] else rest


def _append(
    stack: list[_Node], nodes: list[_Node], ranges: list[tuple[int, int]], b: _Block, text: str
) -> None:
    """Continue the last paragraph with a block that does not start one."""
    target = stack[-1].last() if stack else None
    if target is None:
        return
    target.ranges.extend(_with_label(b) if b.label is not None else ranges)


# --------------------------------------------------------------------------- kind

_SANCTIONS = re.compile(
    r"\b(?:extend|renew)s?\b[^;]{0,80}?\bthe mandate of the panel of experts\b"
    r"|\b(?:extend|renew)s?\b[^;]{0,40}?\bthe (?:sanctions |travel ban |asset freeze )?measures\b"
)
_MISSION = re.compile(r"\b(?:extend|renew)s?\b[^;]{0,80}?\bthe mandate of (?!the panel\b)\w")


def _infer_kind(paragraphs: list[Paragraph]) -> str | None:
    for p in paragraphs:
        if p.section == "preamble":
            continue
        t = normalise(p.text)
        m_s = _SANCTIONS.search(t)
        m_m = _MISSION.search(t)
        if m_m and (not m_s or m_m.start() < m_s.start()):
            return "mandate-renewal"
        if m_s:
            return "sanctions-renewal"
    return None


# --------------------------------------------------------------------------- entry point


def parse_text(
    text: str,
    *,
    path: str | None = None,
    headings: frozenset[int] = frozenset(),
    hard_breaks: bool = False,
    notes: tuple[str, ...] = (),
) -> Document:
    """Parse a draft's text into a :class:`~wpscheck.models.Document`.

    ``headings`` are line numbers a reader knows to be headings (Markdown ``#`` lines,
    Word heading styles); with ``hard_breaks`` every line is its own paragraph (a reader
    that writes one line per paragraph, as the Word reader does). ``notes`` are the
    reader's own remarks, kept first. Never raises on any text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out_notes: list[str] = list(notes)
    lines = _split_lines(text)
    blocks = _blocks(lines, hard_breaks=hard_breaks, headings=headings, notes=out_notes)
    if headings:
        for b in blocks:
            if b.lines[0].no in headings:
                b.heading = True
                b.label = None
    nodes, structured, front = _build(text, blocks, out_notes)
    index = LineIndex(text)
    paragraphs = [_freeze(n, text, index) for n in nodes]
    front_text = "\n".join(b.raw() for b in blocks[:front])
    # The symbol is often a running head, left out of the blocks as page furniture.
    symbol_match = _SYMBOL.search(front_text) or _SYMBOL.search(text[:2000])
    title = None
    if front:
        first = join_lines(blocks[0].raw())
        title = first if len(first) <= 200 else first[:197] + "…"
        last = blocks[front - 1].lines[-1].no
        if last > FRONT_MATTER_LINES:
            out_notes.append(
                f"lines 1–{last} before the preamble: read as front matter (title, symbol), "
                "not as paragraphs",
            )
    if not structured:
        out_notes.append(
            "no preamble or operative part recognised (no “The Security Council,” line, no "
            f"numbered operative paragraphs): read as {len(paragraphs)} plain paragraph"
            f"{'s' if len(paragraphs) != 1 else ''} in one section"
        )
    elif not any(p.section == "preamble" for p in paragraphs):
        out_notes.append("no preambular paragraphs recognised")
    elif not any(p.section == "operative" for p in paragraphs):
        out_notes.append("no operative paragraphs recognised")
    out_notes = _merge_unnumbered(out_notes)
    return Document.model_construct(
        path=path,
        symbol=re.sub(r"\s+", " ", symbol_match.group()) if symbol_match else None,
        title=title,
        kind=_infer_kind(paragraphs) if structured else None,
        structured=structured,
        text=text,
        paragraphs=tuple(paragraphs),
        notes=tuple(out_notes),
    )


_UNNUMBERED = re.compile(r"^line (\d+): an operative paragraph without a number; read as OP(\d+)$")


def _merge_unnumbered(notes: list[str]) -> list[str]:
    """One note for a run of unnumbered operative paragraphs read as consecutive OPs:
    "lines 320, 329 and 336: 3 operative paragraphs without a number; read as OP46–OP48"."""
    out: list[str] = []
    run: list[tuple[str, int]] = []

    def flush() -> None:
        if len(run) == 1:
            out.append(
                f"line {run[0][0]}: an operative paragraph without a number; read as OP{run[0][1]}"
            )
        elif run:
            lines = [line for line, _ in run]
            where = ", ".join(lines[:-1]) + " and " + lines[-1]
            out.append(
                f"lines {where}: {len(run)} operative paragraphs without a number; read as "
                f"OP{run[0][1]}–OP{run[-1][1]}"
            )
        run.clear()

    for note in notes:
        m = _UNNUMBERED.match(note)
        if m and (not run or int(m.group(2)) == run[-1][1] + 1):
            run.append((m.group(1), int(m.group(2))))
            continue
        flush()
        if m:
            run.append((m.group(1), int(m.group(2))))
        else:
            out.append(note)
    flush()
    return out


def _freeze(node: _Node, text: str, index: LineIndex) -> Paragraph:
    ranges = node.ranges
    if ranges:
        start, end = ranges[0][0], ranges[-1][1]
        line, column = index.line_col(start)
        end_line, end_column = index.line_col(end)
        made = Span.model_construct(
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            start=start,
            end=end,
        )
        own = join_lines(span_text(text, made))
        span: Span | None = made
    else:
        span = None
        own = ""
    lead: str | None = None
    if node.lead_section == "preamble":
        lead = lead_of(own, "preamble")
    elif node.lead_section == "operative":
        lead = lead_of(own, "operative")
    elif node.lead_section == "sub":
        lead = lead_of(own, "operative") or (
            lead_of(own, "preamble") if node.section == "preamble" else None
        )
    return Paragraph.model_construct(
        ref=node.ref,
        section=node.section,
        number=node.number,
        lead=lead,
        text=own,
        heading=node.heading,
        span=span,
        children=tuple(_freeze(c, text, index) for c in node.children),
    )
