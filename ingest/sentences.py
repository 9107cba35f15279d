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


def sentence_spans(text: str, min_chars: int = 1) -> list[tuple[int, int]]:
    """Spans (start, end) covering the non-blank sentences of ``text`` in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
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
