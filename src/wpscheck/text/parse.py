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
import functools
import re
from collections.abc import Iterator, Sequence
from typing import Literal

from wpscheck.models import Annex, Document, Footnote, Paragraph, ParseNote, Span
from wpscheck.text.normalise import LineIndex, drop_invisible, join_lines, normalise

__all__ = [
    "furniture",
    "guess_language",
    "is_furniture",
    "language_name",
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
    profondément gravement vivement
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
    décide autorise exige condamne prie demande exhorte engage invite encourage salue
    note rappelle réaffirme souligne insiste reconnaît constate exprime recommande prend
    se approuve
    """
)
#: Words that follow an operative verb to make its lead (*Calls upon*, *Takes note*).
OP_PARTICLES: dict[str, tuple[tuple[str, ...], ...]] = {
    "calls": (("upon",), ("on",), ("for",)),
    "takes": (("note",),),
    "looks": (("forward",),),
    "pays": (("tribute",),),
    "prend": (("note",),),
    "se": (("félicite",), ("déclare",)),
}
#: Adjectives that open a preambular paragraph (*Mindful*, *Deeply concerned*).
PP_ADJECTIVES = _vocab(
    """
    aware mindful cognizant cognisant conscious concerned alarmed convinced determined
    desirous anxious encouraged gratified guided disturbed deploring seized committed
    outraged shocked appalled welcoming reaffirming recalling resolved noting
    rappelant réaffirmant condamnant soulignant notant prenant saluant reconnaissant
    considérant exprimant constatant insistant encourageant demandant exhortant conscient
    consciente préoccupé résolu déterminé se
    """
)
PP_PARTICLES: dict[str, tuple[tuple[str, ...], ...]] = {
    "taking": (("note",), ("into", "account")),
    "bearing": (("in", "mind"),),
    "having": (),
    "prenant": (("note",),),
    "se": (("félicitant",),),
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
      | \d+/\d+\s+\d{2}-\d{0,5}(?:\s*\(E\))?                 # 3/15 20-08839, 2/6 24-
      | \d{2}-\d{5}(?:\s*\(E\))?(?:\s+\d{6})?(?:\s+\d+/\d+)?  # 20-08839 3/15, 20-08839 (E) 300620
      | \d{1,3}\s*/\s*\d{1,3}                                # 3/15
      | [-–—]?\s*\d{1,3}\s*[-–—]?                            # 3, - 3 -
      | Page\s+\d+(?:\s+of\s+\d+)?                           # Page 3 of 15
      | \*\d{5,}\*                                           # *2008839*
      | Please\s+recycle
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


#: The rule a PDF prints above a page's footnotes.
_FOOTNOTE_RULE = re.compile(r"^\s*_{5,}\s*$")


def paragraph_ranges(text: str, span: Span) -> list[tuple[int, int]]:
    """The ``(start, end)`` pieces of ``text`` a span covers, one per line, without whole
    lines of page furniture and footnotes (a footnote rule ``_____`` and the lines under it
    up to a blank line); the first and last lines always count."""
    out: list[tuple[int, int]] = []
    in_footnote = False
    for ls, le, a, b in _line_bounds(text, span.start, span.end):
        inner = a != span.start and b != span.end
        line = text[ls:le]
        if inner and _FOOTNOTE_RULE.match(line):
            in_footnote = True
            continue
        if in_footnote and (not line.strip() or is_furniture(line)):
            in_footnote = False
        if inner and (in_footnote or is_furniture(line)):
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
    r"Economic\s+and\s+Social\s+Council)\s*[,:]?\s*$"
    r"|^\s*Le\s+Conseil\s+de\s+s[ée]curit[ée]\s*[,:]?\s*$",
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

_WORDS = re.compile(r"[^\W\d_](?:[^\W\d_]|[’'-])*")


#: A lead is found in the first this many characters of a paragraph (after its quotes).
_LEAD_CHARS = 120
_OPENERS = "“”\"'‘’ "


def _words(text: str, n: int = 6) -> list[tuple[str, int, int]]:
    out = []
    for m in _WORDS.finditer(text, 0, min(len(text), _LEAD_CHARS)):
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
    # Only the first characters count: the lead is looked for in them alone (and kept for
    # the next paragraph that opens alike, or the other section's question of the same).
    head = text[: 2 * _LEAD_CHARS].lstrip(_OPENERS)
    if len(head) < _LEAD_CHARS and len(text) > 2 * _LEAD_CHARS:
        head = text.lstrip(_OPENERS)
    return _lead(head[:_LEAD_CHARS], section)


@functools.lru_cache(maxsize=4096)
def _lead(stripped: str, section: str) -> str | None:
    """:func:`lead_of` of a paragraph's first characters, opening quotes stripped."""
    words = _words(stripped)
    if not words or (not words[0][0][0].isupper() and words[0][0].lower() != "to"):
        return None
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


_INLINE_NUMBER = re.compile(r"(?:(?<=[;:,.])|(?<=Nations))[ \t]*(\d{1,3})\.?[ \t]+(?=\S)")
_DOTLESS_NUMBER = re.compile(r"^\s*(\d{1,3})[ \t]+(?=[A-Z])")
_FOOTNOTE_START = re.compile(r"^\s*(\d{1,2})(?:[ \t]+(?=\S)|\s*$)")
_TRAILING_MARKER = re.compile(r"(?<=[,;:.)\]”’\"])[ \t]?(\d{1,2})\s*$")
_ANNEX = re.compile(r"^\s*Annex(?:\s+([IVXLC]+|\d{1,2}))?\s*$", re.IGNORECASE)
_SEIZED = re.compile(r"\bremains?\s+(?:actively\s+)?seized\s+of\s+the\s+matter", re.IGNORECASE)


@dataclasses.dataclass
class _Foot:
    marker: str
    lines: list[_Line]
    rule: int  # offset of the footnote rule above it


def _footnotes(lines: list[_Line]) -> tuple[list[_Line], list[_Foot]]:
    """Take footnotes (a rule ``_____``, then ``1 text`` or ``1`` and the text below, up to
    a blank line, page furniture or a page break) out of the lines."""
    out: list[_Line] = []
    feet: list[_Foot] = []
    rule: int | None = None
    for ln in lines:
        if _FOOTNOTE_RULE.match(ln.text):
            rule = ln.start
            continue
        if rule is not None:
            blank = not ln.text.strip()
            m = _FOOTNOTE_START.match(ln.text)
            if m:
                rest = ln.text[m.end() :]
                feet.append(_Foot(m.group(1), [], rule))
                if rest.strip():
                    feet[-1].lines.append(_Line(ln.no, ln.start + m.end(), rest))
                continue
            ends = blank or "\f" in ln.text or is_furniture(ln.text) or _opens_paragraph(ln.text)
            if ends and (not feet or feet[-1].rule != rule or feet[-1].lines):
                rule = None
            elif feet and feet[-1].rule == rule and not blank:
                feet[-1].lines.append(ln)
                continue
            elif not blank:
                rule = None
        out.append(ln)
    return out, feet


def _opens_paragraph(line: str) -> bool:
    return _label(line) is not None or _opens_pp(line.lstrip()) or _opens_op(line.lstrip())


def _strip_markers(lines: list[_Line], markers: set[str]) -> dict[int, str]:
    """Cut a footnote marker (``…armed conflict, 1``) off the end of the lines that carry
    one; returns marker by the offset where it was."""
    found: dict[int, str] = {}
    for ln in lines:
        m = _TRAILING_MARKER.search(ln.text)
        if m and m.group(1) in markers and m.start() > 0:
            ln.text = ln.text[: m.start()]
            found[ln.start + len(ln.text)] = m.group(1)
    return found


def _label_lines(lines: list[_Line]) -> list[_Line]:
    """Label every line, and split a line where the Council printed a paragraph number in
    the middle of it (``…; 9. Calls upon``, ``…United Nations, 1. Decides``): the number
    must be the next one expected and be followed by an operative verb. A number that
    opens a line without its period (``11 Condemns``) is a label on the same terms."""
    out: list[_Line] = []
    last = 0
    for ln in lines:
        lab = _label(ln.text)
        if lab is None:
            m = _DOTLESS_NUMBER.match(ln.text)
            if m and int(m.group(1)) == last + 1 and _opens_op(ln.text[m.end() :]):
                lab = _Label("op", m.group(1), m.end())
        if lab is not None and lab.kind == "op":
            n = int(lab.value)
            if lab.explicit or n == last + 1 or _opens_op(ln.text[lab.end :]):
                last = n
        ln.label = lab
        piece = ln
        pos = lab.end if lab else 0
        while True:
            m = _next_inline(piece.text, pos, last + 1)
            if m is None:
                break
            cut = m.start(1)
            nxt = _Line(piece.no, piece.start + cut, piece.text[cut:])
            nxt.label = _Label("op", m.group(1), m.end() - cut)
            piece.text = piece.text[: m.start()]
            out.append(piece)
            last += 1
            piece, pos = nxt, nxt.label.end if nxt.label else 0
        out.append(piece)
    return out


def _next_inline(text: str, pos: int, expected: int) -> re.Match[str] | None:
    for m in _INLINE_NUMBER.finditer(text, pos):
        if int(m.group(1)) == expected and _opens_op(text[m.end() :]):
            return m
    return None


def _heading_line(text: str, nxt: str | None) -> bool:
    """A short line without final punctuation, just before a line that opens a paragraph:
    a section heading (*Current situation*), not the start of the paragraph below it."""
    t = text.strip()
    if not t or len(t) > 80 or not _starts_upper(t) or _ends_terminal(t) or nxt is None:
        return False
    if _COUNCIL.match(t) or _opens_pp(t) or _opens_op(t) or _label(t) is not None:
        return False
    return _label(nxt) is not None or _opens_pp(nxt.lstrip()) or _opens_op(nxt.lstrip())


def _blocks(
    lines: list[_Line], *, hard_breaks: bool, headings: frozenset[int], notes: list[ParseNote]
) -> list[_Block]:
    double = not hard_breaks and _double_spaced(lines)
    if double:
        notes.append(
            ParseNote(
                code="double-spaced",
                message="the text is double-spaced (a blank line after every line): single "
                "blank lines were read as line breaks",
            )
        )
    blocks: list[_Block] = []
    gap = 0
    page_break = False
    prev: _Line | None = None
    after_heading = False
    dropped: list[int] = []
    texts = [ln.text for ln in lines if ln.text.strip() and not is_furniture(ln.text)]
    k = -1
    for ln in lines:
        if not ln.text.strip():
            gap += 1
            continue
        if is_furniture(ln.text):
            page_break = True
            dropped.append(ln.no)
            continue
        k += 1
        nxt = texts[k + 1] if k + 1 < len(texts) else None
        if "\f" in ln.text:
            page_break = True
        body = ln.text[ln.label.end :] if ln.label else ln.text
        real_gap = gap >= (2 if double else 1)
        why = _why(ln, prev, body, nxt, real_gap, page_break, after_heading, hard_breaks, headings)
        after_heading = why is not None and _heading_line(ln.text, nxt) and not hard_breaks
        if why is None:
            blocks[-1].lines.append(ln)
        else:
            blocks.append(_Block([ln], ln.label, why))
        prev = ln
        gap = 0
        page_break = False
    if dropped:
        n = len(dropped)
        notes.append(
            ParseNote(
                code="furniture",
                message=f"{n} line{'s' if n != 1 else ''} of page furniture (running heads, "
                "page numbers) left out",
                lines=tuple(dropped),
            )
        )
    return _merge_tentative(blocks)


def _why(
    ln: _Line,
    prev: _Line | None,
    body: str,
    nxt: str | None,
    real_gap: bool,
    page_break: bool,
    after_heading: bool,
    hard_breaks: bool,
    headings: frozenset[int],
) -> str | None:
    """Why a line starts a new block (``None``: it continues the one before)."""
    if prev is None:
        return "first"
    if hard_breaks or ln.no in headings or prev.no in headings:
        return "hard"
    if _COUNCIL.match(ln.text) or _COUNCIL.match(prev.text) or _ANNEX.match(ln.text):
        return "hard"
    if _ANNEX.match(prev.text):
        return "hard"
    if ln.label is not None:
        return "label"
    opens = _opens_pp(body) or _opens_op(body)
    if after_heading:
        return "lead"
    if _heading_line(ln.text, nxt) and (real_gap or page_break or _ends_terminal(prev.text)):
        return "gap"
    if page_break:  # a sentence may run on across a page break
        if opens and _ends_terminal(prev.text):
            return "lead"
        if _starts_lower(body) or not _ends_strong(prev.text):
            return None
        return "gap" if real_gap else "tentative"
    if real_gap:
        return None if _starts_lower(body) and not _ends_strong(prev.text) else "gap"
    if _ends_terminal(prev.text) and opens:
        return "lead"
    if _ends_terminal(prev.text) and _starts_upper(body):
        return "tentative"
    return None


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
    kind: str  # "pp", "op", "p", "group", "letter", "roman", "dash"
    heading: str | None
    ranges: list[tuple[int, int]]
    children: list[_Node] = dataclasses.field(default_factory=list)
    dashes: int = 0
    lead_section: str = "operative"

    def last(self) -> _Node:
        return self.children[-1].last() if self.children else self


#: Nesting levels; a roman-numeral group heading ("(i) Protection of civilians") holds
#: lettered items, so it sits between a paragraph and its letters.
_LEVEL = {"op": 0.0, "pp": 0.0, "p": 0.0, "group": 0.5, "letter": 1.0, "roman": 2.0, "dash": 3.0}


def _resolve_ambiguous(value: str, stack: list[_Node]) -> str:
    """Is ``(i)``/``(v)``/``(x)`` a letter or a roman numeral, given what is open?"""
    prev_letter = {"i": "h", "v": "u", "x": "w"}[value]
    for node in reversed(stack):
        if node.kind == "letter":
            return "letter" if node.number == prev_letter else "roman"
        if node.kind == "roman":
            return "roman"
    return "roman" if value == "i" else "letter"


def _sections(blocks: list[_Block]) -> tuple[int | None, int | None, int]:
    """(the "The Security Council," block, the first operative block, the first
    preambular block)."""
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
        return council, first_op, council + 1
    if first_op is None:
        return None, None, 0
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
    return None, first_op, pre_start


def _annex_start(blocks: list[_Block], first_op: int | None) -> int | None:
    """Where the annexes begin: the first ``Annex`` line after the paragraph that
    "Decides to remain seized of the matter", or a paragraph numbered 1 again after it."""
    if first_op is None:
        return None
    seized = next(
        (k for k in range(first_op, len(blocks)) if _SEIZED.search(blocks[k].raw())),
        None,
    )
    if seized is None:
        return None
    for k in range(seized + 1, len(blocks)):
        b = blocks[k]
        if _ANNEX.match(b.raw()) or (
            b.label is not None and b.label.kind == "op" and b.label.value == "1"
        ):
            return k
    return None


@dataclasses.dataclass
class _Tree:
    """The state of building one run of paragraphs (the main text or an annex)."""

    notes: list[ParseNote]
    prefix: str = "P"  # refs of plain paragraphs: P1 …, or AnnexI.1 …
    nodes: list[_Node] = dataclasses.field(default_factory=list)
    stack: list[_Node] = dataclasses.field(default_factory=list)
    heading: str | None = None
    pp: int = 0
    plain: int = 0
    last_op: int = 0
    used: set[str] = dataclasses.field(default_factory=set)

    def add(self, b: _Block, section: Section) -> None:
        if b.heading:
            self.heading = join_lines(b.raw())
            return
        lab = b.label
        if lab is not None and lab.kind in ("letter", "roman", "ambiguous", "dash") and self.stack:
            self._sub(b, lab)
            return
        if section == "operative":
            node = self._op(b)
            if node is None:
                return
        elif section == "preamble":
            self.pp += 1
            number = lab.value if lab is not None and lab.kind in ("op", "pp") else None
            ranges = (
                _with_label(b) if lab is not None and lab.kind not in ("op", "pp") else b.ranges()
            )
            node = _Node(f"PP{self.pp}", "preamble", number, "pp", self.heading, ranges)
            node.lead_section = "preamble"
        else:
            self.plain += 1
            number = lab.value if lab is not None and lab.kind in ("op", "pp") else None
            ranges = (
                _with_label(b) if lab is not None and lab.kind not in ("op", "pp") else b.ranges()
            )
            sep = "." if self.prefix != "P" else ""
            node = _Node(
                f"{self.prefix}{sep}{self.plain}", "body", number, "p", self.heading, ranges
            )
            node.lead_section = "body"
        self.nodes.append(node)
        self.stack = [node]

    def _sub(self, b: _Block, lab: _Label) -> None:
        stack = self.stack
        kind = lab.kind
        if kind == "ambiguous":
            kind = _resolve_ambiguous(lab.value, stack)
        if kind == "roman" and _group_heading(b):
            kind = "group"
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
        node = _Node(ref, parent.section, number, kind, self.heading, b.ranges())
        node.lead_section = "sub"
        parent.children.append(node)
        stack.append(node)

    def _op(self, b: _Block) -> _Node | None:
        lab = b.label
        if lab is not None and lab.kind == "op":
            n = int(lab.value)
            if not (lab.explicit or n == self.last_op + 1 or _opens_op(b.first_text)):
                # a number inside running text, e.g. "17. With…": not a paragraph
                _append(self.stack, b)
                return None
            number: str | None = lab.value
            ref = f"OP{n}"
            if ref in self.used:
                ref = self._again(ref, b)
            self.last_op = max(self.last_op, n)
        elif lab is None and _opens_op(b.first_text):
            self.last_op += 1
            number = None
            ref = f"OP{self.last_op}"
            self._note("unnumbered", b, "an operative paragraph without a number", ref)
        elif self.stack and lab is None:
            _append(self.stack, b)
            return None
        else:
            self.last_op += 1
            number = lab.value if lab and lab.value else None
            ref = f"OP{self.last_op}"
        self.used.add(ref)
        return _Node(ref, "operative", number, "op", self.heading, b.ranges())

    def _again(self, ref: str, b: _Block) -> str:
        """A number printed twice: the second paragraph is ``OP1bis`` (then ``ter`` …)."""
        for suffix in ("bis", "ter", "quater", "quinquies"):
            if ref + suffix not in self.used:
                break
        new = ref + suffix
        self._note("duplicate-number", b, f"paragraph number {ref[2:]} printed again", new)
        return new

    def _note(self, code: str, b: _Block, what: str, ref: str) -> None:
        """A note on the block at ``b``: what was seen there and the ref it was read as."""
        line = b.lines[0].no
        self.notes.append(
            ParseNote(
                code=code,
                message=f"line {line}: {what}; read as {ref}",
                lines=(line,),
                refs=(ref,),
            )
        )


def _group_heading(b: _Block) -> bool:
    """``(i) Protection of civilians``: a roman numeral heading a group of lettered tasks."""
    text = join_lines(b.first_text)
    return (
        len(b.lines) == 1
        and len(text) <= 80
        and _starts_upper(text)
        and not _ends_terminal(text)
        and not _opens_op(text)
    )


def _build(
    blocks: list[_Block], notes: list[ParseNote]
) -> tuple[list[_Node], list[tuple[str, str, str | None, list[_Node]]], bool, int]:
    """Paragraph trees from blocks; returns (paragraphs, annexes as (title, ref, heading,
    paragraphs), structured, front-matter blocks)."""
    council, first_op, pre_start = _sections(blocks)
    structured = council is not None or first_op is not None
    front = (council if council is not None else pre_start) if structured else 0
    annex_at = _annex_start(blocks, first_op) if structured else None
    main_end = annex_at if annex_at is not None else len(blocks)
    tree = _Tree(notes)
    for k in range(front, main_end):
        if council is not None and k == council:
            continue
        section: Section
        if not structured:
            section = "body"
        elif first_op is not None and k >= first_op:
            section = "operative"
        else:
            section = "preamble"
        tree.add(blocks[k], section)
    annexes = _annexes(blocks[main_end:], notes) if annex_at is not None else []
    return tree.nodes, annexes, structured, front


def _annexes(
    blocks: list[_Block], notes: list[ParseNote]
) -> list[tuple[str, str, str | None, list[_Node]]]:
    out: list[tuple[str, str, str | None, list[_Node]]] = []
    tree: _Tree | None = None
    title = ""
    heading: list[str] = []
    for b in blocks:
        m = _ANNEX.match(b.raw())
        if m or tree is None:
            if tree is not None:
                out.append((title, tree.prefix, " ".join(heading) or None, tree.nodes))
            title = join_lines(b.raw()) if m else "Annex"
            ref = "Annex" + (m.group(1).upper() if m and m.group(1) else "")
            tree, heading = _Tree(notes, prefix=ref), []
            if m:
                continue
        raw = join_lines(b.raw())
        title_like = b.heading or not _ends_terminal(raw)  # the annex's own title
        if not tree.nodes and b.label is None and len(raw) <= _HEADING_MAX and title_like:
            heading.append(raw)
            continue
        tree.add(b, "body")
    if tree is not None:
        out.append((title, tree.prefix, " ".join(heading) or None, tree.nodes))
    if out:
        n = sum(len(nodes) for *_, nodes in out)
        names = ", ".join(t for t, *_ in out)
        notes.append(
            ParseNote(
                code="annex",
                message=f"after the operative part: {names} ({n} paragraph"
                f"{'s' if n != 1 else ''}), kept as annex paragraphs, not operative paragraphs",
                refs=tuple(r for _, r, _, _ in out),
            )
        )
    return out


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


def _append(stack: list[_Node], b: _Block) -> None:
    """Continue the last paragraph with a block that does not start one."""
    target = stack[-1].last() if stack else None
    if target is None:
        return
    target.ranges.extend(_with_label(b) if b.label is not None else b.ranges())


# --------------------------------------------------------------------------- kind

_RENEW = r"\b(?:extend|renew|prolong)(?:s|ed)?\b"
_PANEL = r"the mandate of the panel of experts|the panel of experts'?s? mandate"
_SANCTIONS = re.compile(
    _RENEW + r"[^;]{0,100}?\b(?:" + _PANEL + r")\b"
    r"|" + _RENEW + r"[^;]{0,60}?\bthe (?:authori[sz]ations and the |sanctions |travel ban |"
    r"asset freeze |assets freeze )?measures\b"
    r"|\bmandate of the panel of experts\b[^;]{0,60}?\b(?:shall be |is |be )(?:extended|renewed)\b"
)
_MISSION = re.compile(
    _RENEW + r"[^;]{0,100}?\b(?:the|its|[\w-]+'s)\s+mandate\b(?!\s+of\s+the\s+panel)"
    r"|\bmandate (?:of|for) (?!the panel\b)[^;]{1,80}?\b(?:shall be |is |be )(?:extended|renewed)\b"
)


def _infer_kind(paragraphs: list[Paragraph]) -> str | None:
    for p in paragraphs:
        if p.section == "preamble":
            continue
        t = normalise(p.full_text())
        m_s = _SANCTIONS.search(t)
        m_m = _MISSION.search(t)
        if m_m and (not m_s or m_m.start() < m_s.start()):
            return "mandate-renewal"
        if m_s:
            return "sanctions-renewal"
    return None


# --------------------------------------------------------------------------- language

_STOP_WORDS = {
    "en": _vocab("the of and to its that for with on by all is which"),
    "fr": _vocab("le les des et du pour dans sur ses au aux une est qui"),
    "es": _vocab("el los las del y para con por sus una es al como"),
}
_LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish"}
_WORD = re.compile(r"[^\W\d_]+")


def language_name(code: str) -> str:
    """The English name of a language code (``fr`` → ``French``), or the code itself."""
    return _LANGUAGE_NAMES.get(code, code)


def guess_language(text: str) -> str | None:
    """``en``, ``fr`` or ``es`` from the share of each language's common words in the
    text (its first 20,000 characters), or ``None`` when no language clearly leads."""
    words = _WORD.findall(text[:20000].lower())
    if len(words) < 20:
        return None
    counts = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOP_WORDS.items()}
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    (best, n), (_, second) = ranked[0], ranked[1]
    if n < 0.08 * len(words) or n < 2 * second:
        return None
    return best


# --------------------------------------------------------------------------- entry point


def parse_text(
    text: str,
    *,
    path: str | None = None,
    headings: frozenset[int] = frozenset(),
    hard_breaks: bool = False,
    notes: tuple[str | ParseNote, ...] = (),
) -> Document:
    """Parse a draft's text into a :class:`~wpscheck.models.Document`.

    ``headings`` are line numbers a reader knows to be headings (Markdown ``#`` lines,
    Word heading styles); with ``hard_breaks`` every line is its own paragraph (a reader
    that writes one line per paragraph, as the Word reader does). ``notes`` are the
    reader's own remarks (a string is a note with code ``reader``), kept first. Invisible
    characters (soft hyphens, zero-width spaces, byte-order marks) are removed first: the
    document's ``text`` and every offset are those of the text without them. Never raises
    on any text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out_notes = [ParseNote(code="reader", message=n) if isinstance(n, str) else n for n in notes]
    text = _without_invisible(text, out_notes)
    lines, feet = _footnotes(_split_lines(text))
    markers = _strip_markers(lines, {f.marker for f in feet})
    lines = _label_lines(lines)
    blocks = _blocks(lines, hard_breaks=hard_breaks, headings=headings, notes=out_notes)
    if headings:
        for b in blocks:
            if b.lines[0].no in headings:
                b.heading = True
                b.label = None
    nodes, annex_nodes, structured, front = _build(blocks, out_notes)
    index = LineIndex(text)
    attached = _attach(
        feet, markers, [*nodes, *(n for *_, ns in annex_nodes for n in ns)], text, index
    )
    if feet:
        out_notes.append(
            ParseNote(
                code="footnotes",
                message=f"{len(feet)} footnote{'s' if len(feet) != 1 else ''} kept as "
                "footnotes of their paragraphs, not as paragraphs",
                lines=tuple(f.lines[0].no if f.lines else 0 for f in feet),
            )
        )
    paragraphs = [_freeze(n, text, index, attached) for n in nodes]
    annexes = [
        Annex.model_construct(
            title=title,
            ref=ref,
            heading=heading,
            paragraphs=tuple(_freeze(n, text, index, attached) for n in ns),
        )
        for title, ref, heading, ns in annex_nodes
    ]
    title, symbol_match = _front_matter(blocks, front, text, out_notes)
    _structure_notes(structured, paragraphs, out_notes)
    language = guess_language(text)
    if language is not None and language != "en":
        out_notes.append(
            ParseNote(
                code="language",
                message=f"the text reads as {_LANGUAGE_NAMES[language]} ({language}), not English",
            )
        )
    return Document.model_construct(
        path=path,
        symbol=re.sub(r"\s+", " ", symbol_match.group()) if symbol_match else None,
        title=title,
        kind=_infer_kind(paragraphs) if structured else None,
        structured=structured,
        text=text,
        paragraphs=tuple(paragraphs),
        notes=tuple(merge_unnumbered(out_notes)),
        annexes=tuple(annexes),
        language=language,
    )


def merge_unnumbered(notes: list[ParseNote]) -> list[ParseNote]:
    """One note for a run of unnumbered operative paragraphs read as consecutive OPs:
    "lines 320, 329 and 336: 3 operative paragraphs without a number; read as OP46–OP48"."""
    out: list[ParseNote] = []
    run: list[ParseNote] = []

    def flush() -> None:
        if len(run) == 1:
            out.append(run[0])
        elif run:
            lines = [str(n.lines[0]) for n in run]
            where = ", ".join(lines[:-1]) + " and " + lines[-1]
            out.append(
                ParseNote(
                    code="unnumbered",
                    message=f"lines {where}: {len(run)} operative paragraphs without a number; "
                    f"read as {run[0].refs[0]}–{run[-1].refs[0]}",
                    lines=tuple(n.lines[0] for n in run),
                    refs=tuple(n.refs[0] for n in run),
                )
            )
        run.clear()

    def number(note: ParseNote) -> int:
        return int(note.refs[0][2:])

    for note in notes:
        if note.code == "unnumbered" and len(note.refs) == 1:
            if run and number(note) != number(run[-1]) + 1:
                flush()
            run.append(note)
            continue
        flush()
        out.append(note)
    flush()
    return out


def _attach(
    feet: list[_Foot],
    markers: dict[int, str],
    nodes: list[_Node],
    text: str,
    index: LineIndex,
) -> dict[int, list[Footnote]]:
    """Footnotes by the ``id`` of the node whose text carried their marker (or, without a
    marker found, the last paragraph before the footnote rule)."""
    out: dict[int, list[Footnote]] = {}
    flat: list[_Node] = []

    def walk(n: _Node) -> None:
        flat.append(n)
        for c in n.children:
            walk(c)

    for n in nodes:
        walk(n)
    for foot in feet:
        where = [pos for pos, m in markers.items() if m == foot.marker and pos < foot.rule]
        pos = max(where) if where else foot.rule
        owner = None
        for n in flat:
            if n.ranges and n.ranges[0][0] <= pos and (where == [] or pos <= n.ranges[-1][1] + 1):
                owner = n
        if owner is None:
            continue
        span = None
        if foot.lines:
            a = foot.lines[0].start + len(foot.lines[0].text) - len(foot.lines[0].text.lstrip())
            b = foot.lines[-1].start + len(foot.lines[-1].text.rstrip())
            (l1, c1), (l2, c2) = index.line_col(a), index.line_col(b)
            span = Span.model_construct(
                line=l1, column=c1, end_line=l2, end_column=c2, start=a, end=b
            )
        body = join_lines("\n".join(ln.text for ln in foot.lines))
        out.setdefault(id(owner), []).append(
            Footnote.model_construct(marker=foot.marker, text=body, span=span)
        )
    return out


def _freeze(node: _Node, text: str, index: LineIndex, feet: dict[int, list[Footnote]]) -> Paragraph:
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
        children=tuple(_freeze(c, text, index, feet) for c in node.children),
        footnotes=tuple(feet.get(id(node), ())),
    )


def _without_invisible(text: str, notes: list[ParseNote]) -> str:
    """``text`` without soft hyphens, zero-width spaces and byte-order marks (noted)."""
    visible = drop_invisible(text)
    if len(visible) != len(text):
        n = len(text) - len(visible)
        notes.append(
            ParseNote(
                code="invisible",
                message=f"{n} invisible character{'s' if n != 1 else ''} (soft hyphens, "
                "zero-width spaces, byte-order marks) removed",
            )
        )
    return visible


def _front_matter(
    blocks: list[_Block], front: int, text: str, notes: list[ParseNote]
) -> tuple[str | None, re.Match[str] | None]:
    """The title and the symbol found in the lines before the preamble (noted)."""
    front_text = "\n".join(b.raw() for b in blocks[:front])
    # The symbol is often a running head, left out of the blocks as page furniture.
    symbol_match = _SYMBOL.search(front_text) or _SYMBOL.search(text[:2000])
    title = None
    if front:
        first = join_lines(blocks[0].raw())
        title = first if len(first) <= 200 else first[:197] + "…"
        last = blocks[front - 1].lines[-1].no
        if last > FRONT_MATTER_LINES:
            notes.append(
                ParseNote(
                    code="front-matter",
                    message=f"lines 1–{last} before the preamble: read as front matter "
                    "(title, symbol), not as paragraphs",
                    lines=tuple(range(1, last + 1)),
                )
            )
    return title, symbol_match


def _structure_notes(
    structured: bool, paragraphs: Sequence[Paragraph], notes: list[ParseNote]
) -> None:
    """A note when no structure, no preamble or no operative part was recognised."""
    if not structured:
        n = len(paragraphs)
        notes.append(
            ParseNote(
                code="no-structure",
                message="no preamble or operative part recognised (no “The Security Council,” "
                f"line, no numbered operative paragraphs): read as {n} plain paragraph"
                f"{'s' if n != 1 else ''} in one section",
            )
        )
    elif not any(p.section == "preamble" for p in paragraphs):
        notes.append(ParseNote(code="no-preamble", message="no preambular paragraphs recognised"))
    elif not any(p.section == "operative" for p in paragraphs):
        notes.append(ParseNote(code="no-operative", message="no operative paragraphs recognised"))
