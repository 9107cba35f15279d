"""Markdown → section tree and blocks (paragraphs, lists, table rows, footnotes, page markers)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.document import Block, BlockKind, Section
from ingest.sections import heading_id

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_TABLE_LINE = re.compile(r"^\s*\|")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:\s?")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]]+)\](?!:)")
_PAGE = re.compile(r"<!--\s*p\.\s*([0-9ivxlc]+)\s*-->", re.I)
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_RECITAL = re.compile(r"^\((\d+|[a-z])\)\s")
_BR = re.compile(r"<br\s*/?>", re.I)
# An inline link or image whose target is a URL: "[text](https://…)"; footnote references ("[^4]") are
# not links.
_LINK = re.compile(r"(!?\[)(?!\^)([^\]\n]*)(\]\((?:https?://|www\.)[^)\s]*\))")

ROOT = Section(section_id="front", path=(), level=0)


@dataclass
class _Line:
    start: int
    end: int  # without the newline
    text: str


def _lines(body: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in body.splitlines(keepends=True):
        text = raw.rstrip("\r\n")
        out.append(_Line(pos, pos + len(text), text))
        pos += len(raw)
    return out


def _page_value(token: str) -> int | str:
    return int(token) if token.isdigit() else token


def blank_inline_markup(body: str) -> tuple[str, list[tuple[int, int | str]]]:
    """Inline markup that is not text becomes spaces of the same length, so every offset still points
    into the source file and quotes read as prose:

    * page markers inside a line ("… must use <!-- p. 16 --> alternative …"): the paragraph is kept (it
      used to be dropped with its marker) and the marker's page is returned;
    * link targets ("[Executive Order](https://….com/track/click?u=68…)" → " Executive Order "): a URL
      is no answer, and the "?" inside one ended a sentence, so a quote began with "u=6821469cd…".

    Returns the blanked body and where each blanked page marker starts a page."""
    marks: list[tuple[int, int | str]] = []
    out: list[str] = []
    pos = 0
    for raw in body.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        if _PAGE.search(line) and not _PAGE.fullmatch(line.strip()):
            for m in _PAGE.finditer(line):
                marks.append((pos + m.start(), _page_value(m.group(1).lower())))
            line = _PAGE.sub(lambda m: " " * len(m.group(0)), line)
        line = _LINK.sub(lambda m: " " * len(m.group(1)) + m.group(2) + " " * len(m.group(3)), line)
        raw = line + raw[len(raw.rstrip("\r\n")) :]
        out.append(raw)
        pos += len(raw)
    return "".join(out), marks


def _split_row(line: str) -> list[str]:
    cells = line.strip()
    cells = cells.removeprefix("|").removesuffix("|")
    return [c.strip() for c in cells.split("|")]


class MarkdownParser:
    """Parse a Markdown body into blocks; one instance per document."""

    def __init__(self, body: str) -> None:
        # The parser works on (and Document.body holds) the text with inline markup blanked.
        self.body, self._inline_pages = blank_inline_markup(body)
        self.blocks: list[Block] = []
        self._stack: list[Section] = []
        self._ids: set[str] = set()
        self._has_root_title = False
        self._page: int | str | None = None
        self._recital_parent: Section | None = None
        self._recital: Section | None = None
        self._footnote_refs: dict[str, list[str]] = {}
        self._root = ROOT

    # -- sections -------------------------------------------------------------------------------
    @property
    def section(self) -> Section:
        if self._recital is not None:
            return self._recital
        return self._stack[-1] if self._stack else self._root

    def _unique(self, sid: str) -> str:
        base, n = sid, 2
        while sid in self._ids:
            sid = f"{base}~{n}"
            n += 1
        self._ids.add(sid)
        return sid

    def _open_heading(self, level: int, text: str, start: int) -> None:
        self._recital = None
        text = _FOOTNOTE_REF.sub("", text).strip().strip("`").strip()
        if level == 1 and not self._has_root_title and not self._stack:
            # The first H1 is the document title: it is the root, not a section of its own.
            self._has_root_title = True
            self._root = Section(ROOT.section_id, ROOT.path, ROOT.level, heading_start=start)
            return
        while self._stack and self._stack[-1].level >= level:
            self._stack.pop()
        parent = self._stack[-1] if self._stack else None
        parent_id = parent.section_id if parent else ""
        supplementary = any(s.section_id == "supplementary-provisions" for s in self._stack)
        sid = self._unique(heading_id(text, parent_id, parent is None, supplementary))
        path = (*(parent.path if parent else ()), text)
        sec = Section(section_id=sid, path=path, level=level, heading_start=start)
        self._stack.append(sec)
        self._recital_parent = sec if sid.split("/")[-1] == "recitals" else None

    def _maybe_recital(self, line: str) -> None:
        if self._recital_parent is None:
            return
        m = _RECITAL.match(line)
        if m:
            n = m.group(1)
            parent = self._recital_parent
            sid = self._unique(f"recital-{n}")
            self._recital = Section(sid, (*parent.path, f"Recital ({n})"), parent.level + 1)

    # -- blocks ---------------------------------------------------------------------------------
    def _add(self, kind: BlockKind, start: int, end: int, text: str | None = None, **extra: object) -> None:
        if start >= end:
            return
        verbatim = self.body[start:end]
        if not verbatim.strip():
            return
        if kind is not BlockKind.FOOTNOTE:
            for ref in _FOOTNOTE_REF.findall(verbatim):
                refs = self._footnote_refs.setdefault(ref, [])
                if self.section.section_id not in refs:
                    refs.append(self.section.section_id)
        self.blocks.append(
            Block(kind, self.section, start, end, verbatim if text is None else text, self._page, dict(extra))
        )

    def parse(self) -> list[Block]:
        lines = _lines(self.body)
        i = 0
        n = len(lines)
        inline = list(reversed(self._inline_pages))
        while i < n:
            ln = lines[i]
            s = ln.text
            # A block's page is the page it starts on; markers inside earlier blocks moved it on.
            while inline and inline[-1][0] < ln.start:
                self._page = inline.pop()[1]
            page = _PAGE.search(s)
            if page:
                self._page = _page_value(page.group(1).lower())
                i += 1
                continue
            if not s.strip() or _COMMENT.match(s):
                i += 1
                continue
            m = _HEADING.match(s)
            if m:
                self._open_heading(len(m.group(1)), m.group(2), ln.start)
                i += 1
                continue
            m = _FOOTNOTE_DEF.match(s)
            if m:
                j = i + 1
                while j < n and lines[j].text.startswith(("    ", "\t")) and lines[j].text.strip():
                    j += 1
                label = m.group(1)
                self._add(BlockKind.FOOTNOTE, ln.start, lines[j - 1].end, label=label)
                i = j
                continue
            if _TABLE_LINE.match(s):
                j = i
                while j < n and _TABLE_LINE.match(lines[j].text):
                    j += 1
                self._table(lines[i:j])
                i = j
                continue
            if _LIST_ITEM.match(s):
                j = i + 1
                while (
                    j < n
                    and lines[j].text.strip()
                    and not _HEADING.match(lines[j].text)
                    and (_LIST_ITEM.match(lines[j].text) or lines[j].text.startswith((" ", "\t")))
                ):
                    j += 1
                self._add(BlockKind.LIST, ln.start, lines[j - 1].end)
                i = j
                continue
            # A paragraph: consecutive plain lines.
            self._maybe_recital(s)
            j = i + 1
            while (
                j < n
                and lines[j].text.strip()
                and not (
                    _HEADING.match(lines[j].text)
                    or _LIST_ITEM.match(lines[j].text)
                    or _TABLE_LINE.match(lines[j].text)
                    or _FOOTNOTE_DEF.match(lines[j].text)
                    or _PAGE.search(lines[j].text)
                    or (self._recital_parent is not None and _RECITAL.match(lines[j].text))
                )
            ):
                j += 1
            self._add(BlockKind.BODY, ln.start, lines[j - 1].end)
            i = j
        self._link_footnotes()
        return self.blocks

    def _table(self, rows: list[_Line]) -> None:
        if len(rows) < 2 or not _TABLE_SEP.match(rows[1].text):
            # Not a real table: keep it as plain text so nothing is lost.
            self._add(BlockKind.BODY, rows[0].start, rows[-1].end)
            return
        header = _split_row(rows[0].text)
        for row in rows[2:]:
            cells = _split_row(row.text)
            if not any(cells):
                continue
            label = cells[0]
            parts = []
            for h, c in zip(header[1:], cells[1:], strict=False):
                if c:
                    parts.append(f"{h}: {_BR.sub(chr(10), c)}")
            text = f"{label} — " + "\n/ ".join(parts) if parts else label
            self._add(
                BlockKind.TABLE_ROW,
                row.start,
                row.end,
                text=text,
                row_label=label,
                cells=[(h, _BR.sub("\n", c)) for h, c in zip(header[1:], cells[1:], strict=False) if c],
            )

    def _link_footnotes(self) -> None:
        for b in self.blocks:
            if b.kind is BlockKind.FOOTNOTE:
                label = str(b.extra.get("label", ""))
                b.extra["referenced_in"] = ",".join(self._footnote_refs.get(label, []))
                # Footnotes get a section of their own so a citation names the note, not the notes list.
                parent = b.section
                b.section = Section(f"fn-{label}", (*parent.path, f"[^{label}]"), parent.level + 1)


def parse_markdown(body: str) -> tuple[str, list[Block]]:
    """The body with inline markup blanked (what chunk offsets and texts refer to) and its blocks."""
    parser = MarkdownParser(body)
    return parser.body, parser.parse()
