"""Plain text → blocks, recovering sections from numbered headings ("Part 2 …", "C. …", "3) …").

Written for layout-preserving pdftotext output (the AI Guidelines for Business), where headings sit
at column 0 and body text is indented or wrapped; a text without such headings becomes one section
of paragraphs.
"""

from __future__ import annotations

import re

from ingest.document import Block, BlockKind, Section

_PART = re.compile(r"^(Part\s+(\d+))\s+\S")
_LETTER = re.compile(r"^([A-Z])\.\s+[A-Z][^.:;”\"]{2,80}$")
_NUMBERED = re.compile(r"^(\d{1,2})\)\s+([A-Z][^.;”\"]{2,60})$")
_WIDE_GAP = re.compile(r"\S {3,}\S")
_PAGE_NO = re.compile(r"^\s*\d{1,3}\s*$")
_TOC = re.compile(r"\.{5,}")


def _is_heading(line: str) -> tuple[int, str] | None:
    if not line or line[0].isspace() or _TOC.search(line):
        return None
    text = re.sub(r"^(\d{1,2}\))\s+", r"\1 ", line.strip())  # "6)    Transparency" is still a heading
    if _WIDE_GAP.search(text):
        return None  # a table row laid out in columns
    m = _PART.match(text)
    if m:
        return 1, f"part-{m.group(2)}"
    m = _LETTER.match(text)
    if m:
        return 2, m.group(1).lower()
    m = _NUMBERED.match(text)
    if m:
        return 3, m.group(1)
    return None


def parse_plaintext(body: str) -> list[Block]:
    blocks: list[Block] = []
    stack: list[Section] = []
    seen: set[str] = set()
    page: int | None = None
    para_start: int | None = None
    para_end = 0

    def current() -> Section:
        return stack[-1] if stack else Section("front", (), 0)

    def flush() -> None:
        nonlocal para_start
        if para_start is not None and body[para_start:para_end].strip():
            blocks.append(
                Block(BlockKind.BODY, current(), para_start, para_end, body[para_start:para_end], page)
            )
        para_start = None

    pos = 0
    for raw in body.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        start, end = pos, pos + len(line)
        pos += len(raw)
        if _PAGE_NO.match(line) and line.strip():
            flush()
            page = int(line.strip()) + 1  # the number printed at a page's foot: what follows is the next page
            continue
        if "\f" in line:
            flush()
            continue
        head = _is_heading(line)
        if head:
            flush()
            level, local = head
            while stack and stack[-1].level >= level:
                stack.pop()
            parent = stack[-1] if stack else None
            sid = local if parent is None or level == 1 else f"{parent.section_id}/{local}"
            base, k = sid, 2
            while sid in seen:
                sid = f"{base}~{k}"
                k += 1
            seen.add(sid)
            title = line.strip()
            stack.append(Section(sid, (*(parent.path if parent else ()), title), level))
            continue
        if not line.strip():
            flush()
            continue
        if para_start is None:
            para_start = start
        para_end = end
    flush()
    return blocks


def first_line_title(body: str) -> str:
    for line in body.splitlines():
        if line.strip():
            return line.strip()[:120]
    return ""


__all__ = ["first_line_title", "parse_plaintext"]
