"""Explicit references to a part of a document: "Article 50", "Art. 5(1)(f)", 「第3条」, "Annex III",
"Sec. 4", "Measure 7.5", "Pillar II", 「図表2」.

A user who names an article wants that article. Neither retriever finds it reliably by itself: "Article
50" is a keyword of every passage that cites Article 50 (Article 2 does: "… falls under Article 5 or
50"), and the article's own text need not repeat its number. The reference is matched against the
section path of each chunk instead, which the ingest built from the documents' own headings
("EU AI Act › CHAPTER IV — … › Article 50 — Transparency obligations …", 「AI推進法 › 第一章　総則 ›
第三条（基本理念）」). Numbers are compared as numbers, so 「第3条」 finds 第三条 and "Article 3" of the
English translation alike.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "RefKind",
    "SectionRef",
    "kanji_number",
    "parse_section_refs",
    "path_matches",
    "roman",
    "section_heading",
    "section_ref_mentions",
]


class RefKind(StrEnum):
    ARTICLE = "article"
    CHAPTER = "chapter"
    SECTION = "section"
    ANNEX = "annex"
    RECITAL = "recital"
    MEASURE = "measure"
    COMMITMENT = "commitment"
    APPENDIX = "appendix"
    PART = "part"
    PILLAR = "pillar"
    FIGURE = "figure"
    FOOTNOTE = "footnote"
    ITEM = "item"  # the report's numbered items: 「(4) AI リスクへの対処」


@dataclass(frozen=True)
class SectionRef:
    kind: RefKind
    number: str  # "50", "7.5", "3" (roman numerals are read as numbers: Annex III → "3")

    def label(self) -> str:
        return f"{self.kind.value} {self.number}"


_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_UNITS = {"十": 10, "百": 100}
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def kanji_number(text: str) -> int | None:
    """「二十二」 → 22, 「百十三」 → 113; None when ``text`` is not a kanji numeral."""
    if not text or any(ch not in _KANJI_DIGITS and ch not in _KANJI_UNITS for ch in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in _KANJI_DIGITS:
            digit = _KANJI_DIGITS[ch]
        else:
            total += (digit if digit is not None else 1) * _KANJI_UNITS[ch]
            digit = None
    return total + (digit or 0)


def roman_number(text: str) -> int | None:
    t = text.lower()
    if not t or any(ch not in _ROMAN for ch in t):
        return None
    values = [_ROMAN[ch] for ch in t]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


_ROMAN_STEPS = (
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN_STEPS:
        while n >= value:
            out += numeral
            n -= value
    return out


def _number(token: str) -> str | None:
    """A reference's number as a canonical string: digits (dotted for sub-sections) or from a roman or
    kanji numeral."""
    token = token.strip("().")
    if re.fullmatch(r"\d+(?:\.\d+)*", token):
        return ".".join(str(int(p)) for p in token.split("."))
    for reader in (roman_number, kanji_number):
        n = reader(token)
        if n:
            return str(n)
    return None


_EN_KINDS: dict[str, RefKind] = {
    "article": RefKind.ARTICLE,
    "art": RefKind.ARTICLE,
    "chapter": RefKind.CHAPTER,
    "section": RefKind.SECTION,
    "sec": RefKind.SECTION,
    "§": RefKind.SECTION,
    "annex": RefKind.ANNEX,
    "recital": RefKind.RECITAL,
    "measure": RefKind.MEASURE,
    "commitment": RefKind.COMMITMENT,
    "appendix": RefKind.APPENDIX,
    "part": RefKind.PART,
    "pillar": RefKind.PILLAR,
    "figure": RefKind.FIGURE,
    "fig": RefKind.FIGURE,
    "footnote": RefKind.FOOTNOTE,
    "fn": RefKind.FOOTNOTE,
}
# Kinds whose numbers documents write in roman numerals ("ANNEX III", "CHAPTER IV", "Pillar II");
# elsewhere a roman-looking word after the kind ("part i…") is not read as a number.
_ROMAN_KINDS = {RefKind.ANNEX, RefKind.CHAPTER, RefKind.PILLAR}
_NUM = r"\(?\d+(?:\.\d+)*\)?|[ivxlc]+\b"
_EN_REF = re.compile(
    r"(?<![\w.])(articles?|art\.?|chapters?|sections?|sec\.?|§|annex(?:es)?|recitals?|measures?|commitments?"
    r"|appendix|appendices|part|pillars?|figures?|fig\.|footnotes?|fn\.?)\s*"
    rf"((?:{_NUM})(?:\s*(?:,|and|or|&|to|–|-)\s*(?:{_NUM}))*)",
    re.IGNORECASE,
)
_EN_NUMBERS = re.compile(_NUM, re.IGNORECASE)
_KANJI = "〇一二三四五六七八九十百"
_JA_REFS: list[tuple[re.Pattern[str], RefKind]] = [
    (re.compile(rf"第\s*(\d+|[{_KANJI}]+)\s*条"), RefKind.ARTICLE),
    (re.compile(rf"第\s*(\d+|[{_KANJI}]+)\s*章"), RefKind.CHAPTER),
    (re.compile(r"附属書\s*([IVXivx]+|\d+)"), RefKind.ANNEX),
    (re.compile(r"前文\s*[(（]?(\d+)[)）]?"), RefKind.RECITAL),
    (re.compile(r"図表\s*(\d+)"), RefKind.FIGURE),
    (re.compile(r"(?:脚注|注)\s*(\d+)(?![\d.])"), RefKind.FOOTNOTE),
    # 「1.2節」: a numbered section of the report ("### 1.2 米国 AI 行動計画の主な内容").
    (re.compile(r"(\d+\.\d+)\s*節"), RefKind.SECTION),
    # 「レポートの(4)の冒頭」「その(1)の中で」: one of the report's numbered items, not a paragraph of an
    # article ("5(4)") or a list in the question.
    (
        re.compile(
            r"(?<![0-9A-Za-z)）])(?<![0-9A-Za-z.] )(?<!前文)(?<![条項号])[(（](\d{1,2})[)）]"
            r"(?=\s*(?:の|で|に|は|って|が|を|では|と))"
        ),
        RefKind.ITEM,
    ),
]


def _en_kind(word: str) -> RefKind:
    w = word.lower().rstrip(".")
    if w == "appendices":
        return RefKind.APPENDIX
    for singular in (w, w[:-2] if w.endswith("es") else w, w[:-1] if w.endswith("s") else w):
        if singular in _EN_KINDS:
            return _EN_KINDS[singular]
    raise ValueError(word)


def parse_section_refs(text: str) -> list[SectionRef]:
    """The document parts ``text`` names, in order, without repeats."""
    t = unicodedata.normalize("NFKC", text)
    refs: list[SectionRef] = []
    for m in _EN_REF.finditer(t):
        kind = _en_kind(m.group(1))
        for num in _EN_NUMBERS.findall(m.group(2)):
            if num.isalpha() and kind not in _ROMAN_KINDS:
                continue
            n = _number(num)
            if n:
                refs.append(SectionRef(kind, n))
    for pattern, kind in _JA_REFS:
        for m in pattern.finditer(t):
            n = _number(m.group(1))
            if n:
                refs.append(SectionRef(kind, n))
    return list(dict.fromkeys(refs))


def section_ref_mentions(text: str) -> list[str]:
    """The words of ``text`` that name a document part ("Article 50", 「第3条」): they say where to look,
    not what the answer says, so they are no keywords of it."""
    t = unicodedata.normalize("NFKC", text)
    found = [m.group(0) for m in _EN_REF.finditer(t)]
    found += [m.group(0) for pattern, _kind in _JA_REFS for m in pattern.finditer(t)]
    return found


@functools.lru_cache(maxsize=256)
def _component_patterns(ref: SectionRef) -> list[re.Pattern[str]]:
    n = ref.number
    whole = n.split(".")[0]
    num = re.escape(n)
    kanji = _to_kanji(int(whole)) if whole.isdigit() and "." not in n else None
    rom = roman(int(whole)) if whole.isdigit() and "." not in n else None
    end = r"(?!\d)(?!\.\d)"  # "Article 5" is not "Article 50"; "Measure 7" is not "Measure 7.5"
    pats: list[str] = []
    if ref.kind is RefKind.ARTICLE:
        pats = [rf"article\s+{num}{end}"] + ([rf"第{kanji}条"] if kanji else [])
    elif ref.kind is RefKind.CHAPTER:
        pats = [rf"chapter\s+{rom}\b", rf"chapter\s+{num}{end}"] + ([rf"第{kanji}章"] if kanji else [])
    elif ref.kind is RefKind.SECTION:
        # Executive orders: "Sec. 4. …" with sub-sections "4.1. …"; an EU chapter's "SECTION 2 — …".
        # The report's "2.3 米欧における…" numbers its sections without the trailing dot.
        pats = [rf"(?:sec\.|section)\s+{num}{end}"] + ([rf"{num}\.?\s"] if "." in n else [])
    elif ref.kind is RefKind.ANNEX:
        pats = [rf"annex\s+{rom}\b"] if rom else []
    elif ref.kind is RefKind.RECITAL:
        pats = [rf"recital\s*\({num}\)"]
    elif ref.kind is RefKind.PILLAR:
        pats = [rf"pillar\s+{rom}\b"] if rom else []
    elif ref.kind is RefKind.FIGURE:
        pats = [rf"図表\s*{num}{end}", rf"figure\s+{num}{end}"]
    elif ref.kind is RefKind.FOOTNOTE:
        pats = [rf"\[\^{num}\]$"]
    elif ref.kind is RefKind.ITEM:
        pats = [rf"[(（]{num}[)）]\s"]
    else:  # measure, commitment, appendix, part: "Measure 7.5 …", "Commitment 9 …", "Part 2 …"
        pats = [rf"{ref.kind.value}\s+{num}{end}"]
    return [re.compile(p, re.IGNORECASE) for p in pats]


def _to_kanji(n: int) -> str:
    digits = "〇一二三四五六七八九"
    if n <= 0 or n >= 1000:
        return ""
    out = ""
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    if hundreds:
        out += ("" if hundreds == 1 else digits[hundreds]) + "百"
    if tens:
        out += ("" if tens == 1 else digits[tens]) + "十"
    if ones:
        out += digits[ones]
    return out


# A law's supplementary provisions number their articles from 1 again (附則第一条（施行期日）): a bare
# 「第1条」 means the main provision.
_SUPPLEMENTARY = re.compile(r"附\s*則|supplementary provisions", re.IGNORECASE)


def section_heading(section_path: str) -> str:
    """The heading of the section a chunk lies in: the last component of its path."""
    return section_path.split(" › ")[-1]


# The numbered provision a heading opens: "Article 87 — …", "ANNEX III — …", "Sec. 4. …", "Measure 7.6 …",
# 「第十三条（適正性の確保）」, and an act's "Recital (84)", which explains rather than binds and says so.
# A heading without a number (the report's chapters, M-25-21's "a. …") has none.
_PROVISION = re.compile(
    r"^(?:(?P<en>Article \d+[a-z]?|Annex [IVXL]+|Measure \d+(?:\.\d+)*|Commitment \d+"
    r"|Appendix \d+(?:\.\d+)*|Recital \(\d+\))(?!\w)"
    r"|Sec(?:tion|\.) (?P<sec>\d+)\.|(?P<sub>\d+(?:\.\d+)+)\.\s"
    r"|(?P<ja>第[〇一二三四五六七八九十百千]+条(?:の[一二三四五六七八九十]+)?))",
    re.IGNORECASE,
)


def provision_label(section_path: str) -> str:
    """The number of the provision a chunk lies in, as an answer names it ("Article 87", "Annex III",
    "Section 4.1", "Measure 7.6", "Recital (84)", 「第十三条」, 「附則第一条」), or "" where its section has
    none: a user asking what the law says about whistleblowers is told which article says it."""
    components = [unicodedata.normalize("NFKC", c).strip() for c in section_path.split(" › ")[1:]]
    for i in range(len(components) - 1, -1, -1):
        m = _PROVISION.match(components[i])
        if m is None:
            continue
        above = components[:i]
        if m.group("sub"):
            # An order's subsection ("4.1. Developing Guidelines …") under its "Sec. 4.": "Section 4.1".
            if not any((p := _PROVISION.match(c)) is not None and p.group("sec") for c in above):
                continue
            return f"Section {m.group('sub')}"
        if m.group("sec"):
            return f"Section {m.group('sec')}"
        supplementary = any(_SUPPLEMENTARY.match(c) for c in above)
        if m.group("ja"):
            return ("附則" if supplementary else "") + m.group("ja")
        label = m.group("en")
        if label.casefold().startswith("annex"):
            label = "Annex " + label.split()[1]
        return f"Supplementary Provisions, {label}" if supplementary else label
    return ""


def path_matches(ref: SectionRef, section_path: str) -> bool:
    """Whether a chunk's section path ("Title › Chapter › Article 50 — …") lies inside the referenced
    part. The first component is the document's title and is not a heading."""
    components = [unicodedata.normalize("NFKC", c).strip() for c in section_path.split(" › ")[1:]]
    if ref.kind is RefKind.ARTICLE and any(_SUPPLEMENTARY.match(c) for c in components):
        return False
    patterns = _component_patterns(ref)
    return any(p.match(c) for c in components for p in patterns)
