"""Section ids for the structures users cite by name (articles, recitals, annexes, 第N条, 1.2 (3), pillars).

A heading's id is either *absolute* (unique in the document by construction: ``article-51``,
``第十九条``, ``1.2``, ``pillar-ii``) or *relative* to its parent (``1.2-(3)``, ``annex-vii/3``,
``pillar-ii/train-a-skilled-workforce-for-ai-infrastructure``).
"""

from __future__ import annotations

import re

from ingest.document import slugify

_KANJI_NUM = "一二三四五六七八九十百千〇零"

# (pattern, builder(match, parent_id) -> id); first match wins.
_ABSOLUTE = [
    (re.compile(r"^Article\s+(\d+[a-z]?)\b", re.I), lambda m: f"article-{m.group(1).lower()}"),
    (re.compile(r"^ANNEX\s+([IVXLC]+)\b", re.I), lambda m: f"annex-{m.group(1).lower()}"),
    (re.compile(r"^CHAPTER\s+([IVXLC\d]+)\b", re.I), lambda m: f"chapter-{m.group(1).lower()}"),
    (re.compile(r"^Pillar\s+([IVX]+)\b", re.I), lambda m: f"pillar-{m.group(1).lower()}"),
    (re.compile(r"^Commitment\s+(\d+)\b", re.I), lambda m: f"commitment-{m.group(1)}"),
    (re.compile(r"^Measure\s+(\d+(?:\.\d+)*)\b", re.I), lambda m: f"measure-{m.group(1)}"),
    (re.compile(r"^Appendix\s+(\d+|[A-Z])\b"), lambda m: f"appendix-{m.group(1).lower()}"),
    (re.compile(r"^Appendix\b", re.I), lambda m: "appendix"),
    (re.compile(rf"^(第[{_KANJI_NUM}\d]+章)"), lambda m: m.group(1)),
    (re.compile(rf"^(第[{_KANJI_NUM}\d]+条(?:の[{_KANJI_NUM}\d]+)?)"), lambda m: m.group(1)),
    (re.compile(r"^(図表)\s*(\d+)"), lambda m: f"{m.group(1)}{m.group(2)}"),
    (re.compile(r"^Recitals?\s*$", re.I), lambda m: "recitals"),
    (re.compile(r"^(?:Footnotes|Notes)\b", re.I), lambda m: "footnotes"),
    (re.compile(r"^注$"), lambda m: "注"),
    (re.compile(r"^(附則|Supplementary Provisions)", re.I), lambda m: "supplementary-provisions"),
]
_DOTTED = re.compile(r"^(\d+(?:\.\d+)*)\.?(?=\s|$)")
_PAREN = re.compile(r"^[(（]([0-9０-９]+|[a-z])[)）]")
_LETTER = re.compile(r"^([a-z])\.\s")
_SECTION_WORD = re.compile(r"^SECTION\s+([0-9A-Z]+)\b", re.I)


def heading_id(text: str, parent_id: str, parent_is_root: bool, under_supplementary: bool) -> str:
    text = text.strip()
    for pattern, build in _ABSOLUTE:
        m = pattern.match(text)
        if m:
            sid = build(m)
            # Supplementary provisions restart article numbering; keep their ids distinct.
            if under_supplementary and (sid.startswith("article-") or sid.endswith("条")):
                return f"supplementary-provisions/{sid}"
            return sid
    m = _DOTTED.match(text)
    if m:
        num = m.group(1)
        if parent_is_root or num.startswith(parent_id + ".") or not parent_id:
            return num
        return f"{parent_id}/{num}"
    m = _PAREN.match(text)
    if m:
        return f"{parent_id}-({m.group(1)})" if parent_id else f"({m.group(1)})"
    m = _LETTER.match(text)
    if m and parent_id:
        return f"{parent_id}.{m.group(1)}"
    m = _SECTION_WORD.match(text)
    if m:
        local = f"section-{m.group(1).lower()}"
        return f"{parent_id}/{local}" if parent_id else local
    local = slugify(text)
    return f"{parent_id}/{local}" if parent_id else local
