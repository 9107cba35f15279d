"""Sentence spans for Japanese and English text (offsets into the given text, never rewritten text)."""

from __future__ import annotations

import re

# Japanese sentences end at 。！？ (plus closing brackets); English ones at .!? followed by a space and
# a capital/opening mark. Line breaks end list items and table cells. Abbreviations such as "U.S." or
# "No. 8" are protected by requiring an upper-case start after the stop and a lower-case-free prefix.
_BOUNDARY = re.compile(
    r"""(?:[。！？!?][」』）)\]"'”’]*)            # Japanese / exclamation / question stops
      | (?:(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bNo)(?<!\bArt)(?<!\bp)(?<!\bpp)(?<!\bvol)(?<!\be\.g)(?<!\bi\.e)
           \.["'”’)\]]*(?=\s+["“(\[]?[A-Z0-9]))     # English full stop before a capitalised word
      | (?:;(?=\s*\n))                              # ';' ending a list line in statutes
      | (?:\n(?=\s*\n))                             # paragraph break
      | (?:\n(?=\s*(?:[-*+•・]|\(?[0-9a-z]{1,3}[.)]|<br>)\s))  # next line starts a list item
    """,
    re.X,
)


# A Japanese quotation often holds whole sentences (「…リスク。例えば…」とされる), and statutes define
# terms in parentheses (（以下「本部」という。）を置く): a stop inside an open bracket does not end the
# sentence, as long as the bracket closes soon after.
_OPENERS = {"「": "」", "『": "』", "（": "）"}
_QUOTE_REACH = 400


def _inside_quote(text: str, start: int, end: int) -> bool:
    """Whether ``text[end - 1]`` (a stop) sits inside a bracket opened since ``start``."""
    for opener, closer in _OPENERS.items():
        depth = text.count(opener, start, end) - text.count(closer, start, end)
        if depth > 0:
            close = text.find(closer, end)
            para = text.find("\n\n", end)
            if 0 <= close <= end + _QUOTE_REACH and (para < 0 or close < para):
                return True
    return False


def sentence_spans(text: str, min_chars: int = 1) -> list[tuple[int, int]]:
    """Spans (start, end) covering the non-blank sentences of ``text`` in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if text[m.start()] in "。！？" and _inside_quote(text, start, m.start() + 1):
            continue
        _push(text, start, end, spans, min_chars)
        start = end
    _push(text, start, len(text), spans, min_chars)
    return spans


def _push(text: str, start: int, end: int, spans: list[tuple[int, int]], min_chars: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= min_chars:
        spans.append((start, end))


# --- quotable sentences -------------------------------------------------------------------------
# What an answer may quote: sentences without their list bullets or footnote labels, table cells one
# line at a time (after "label — header: "), nothing shorter than a short clause.
_LEAD = re.compile(r"^(?:[-*+•・○]\s*|\(?[0-9a-z]{1,3}[.)]\s+|\[\^?\w+\]:?\s*)+")
_CELL_SPLIT = re.compile(r"\n/ ")
MIN_QUOTE_CHARS = 12


def quote_spans(text: str, kind: str) -> list[tuple[int, int]]:
    """Spans of the sentences of a chunk that answers can quote; ``kind`` is the chunk kind."""
    out: list[tuple[int, int]] = []
    for s, e in _table_spans(text) if kind == "table_row" else sentence_spans(text):
        if text.startswith("#", s):  # the section's heading line: a title, not a claim
            continue
        m = _LEAD.match(text[s:e])
        if m:
            s += m.end()
        if e - s >= MIN_QUOTE_CHARS:
            out.append((s, e))
    return out


def _table_spans(text: str) -> list[tuple[int, int]]:
    """A table row's cells (after 'label — header: '), each cut at its line breaks."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in _CELL_SPLIT.split(text):
        start = text.index(piece, pos)
        pos = start + len(piece)
        colon = piece.find(": ")
        offset = start + (colon + 2 if colon >= 0 else 0)
        for line in text[offset:pos].split("\n"):
            if line.strip():
                ls = text.index(line, offset)
                spans.append((ls, ls + len(line)))
                offset = ls + len(line)
    return spans
