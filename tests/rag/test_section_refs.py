"""Document parts named in a question: parsing, and matching against the corpus's section paths."""

from __future__ import annotations

import pytest

from rag.section_refs import (
    RefKind,
    SectionRef,
    kanji_number,
    parse_section_refs,
    path_matches,
    provision_label,
    roman,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What does Article 50 of the AI Act require?", [(RefKind.ARTICLE, "50")]),
        ("Under Art. 5(1)(f), …", [(RefKind.ARTICLE, "5")]),
        ("Compare Articles 8 and 15", [(RefKind.ARTICLE, "8"), (RefKind.ARTICLE, "15")]),
        ("AI推進法の第２２条は?", [(RefKind.ARTICLE, "22")]),
        ("第十八条第二項の計画", [(RefKind.ARTICLE, "18")]),
        ("Which areas does Annex III list?", [(RefKind.ANNEX, "3")]),
        ("Sec. 4 of EO 14179", [(RefKind.SECTION, "4")]),
        ("section 4.1 of EO 14110", [(RefKind.SECTION, "4.1")]),
        ("Measure 7.5 of the Code", [(RefKind.MEASURE, "7.5")]),
        ("Pillar II of the plan", [(RefKind.PILLAR, "2")]),
        ("Recital (57)", [(RefKind.RECITAL, "57")]),
        ("図表2によれば", [(RefKind.FIGURE, "2")]),
        ("the report's comparison table (Figure 2)", [(RefKind.FIGURE, "2")]),
        ("What does footnote 21 of the IISE report say?", [(RefKind.FOOTNOTE, "21")]),
        ("レポートの脚注9には何が書いてある?", [(RefKind.FOOTNOTE, "9")]),
        ("レポートの1.2節では", [(RefKind.SECTION, "1.2")]),
        ("レポートの(4)の冒頭で", [(RefKind.ITEM, "4")]),
        # A paragraph of an article, or of a recital, is no item of the report.
        ("第5条(2)では", [(RefKind.ARTICLE, "5")]),
        ("Recital (5)の内容", [(RefKind.RECITAL, "5")]),
        ("注意すべき点は?", []),
        ("Is any part of the plan about energy?", []),
        ("What is the AI Act?", []),
    ],
)
def test_parts_named_in_a_question_are_found(text: str, expected: list[tuple[RefKind, str]]) -> None:
    assert parse_section_refs(text) == [SectionRef(k, n) for k, n in expected]


def test_numerals() -> None:
    assert [kanji_number(x) for x in ("三", "十", "二十二", "百十三", "abc")] == [3, 10, 22, 113, None]
    assert [roman(n) for n in (3, 4, 9, 13)] == ["III", "IV", "IX", "XIII"]


@pytest.mark.parametrize(
    ("ref", "path", "matches"),
    [
        (
            SectionRef(RefKind.ARTICLE, "5"),
            "EU AI Act › CHAPTER II — X › Article 5 — Prohibited AI practices",
            True,
        ),
        (SectionRef(RefKind.ARTICLE, "5"), "EU AI Act › CHAPTER IV — X › Article 50 — Transparency", False),
        (SectionRef(RefKind.ARTICLE, "3"), "AI推進法 › 第一章　総則 › 第三条（基本理念）", True),
        (SectionRef(RefKind.ARTICLE, "1"), "AI推進法 › 附　則 › 第一条（施行期日）", False),
        (SectionRef(RefKind.ANNEX, "3"), "EU AI Act › ANNEX III — High-risk AI systems", True),
        (SectionRef(RefKind.ANNEX, "3"), "EU AI Act › ANNEX XIII — Criteria", False),
        (
            SectionRef(RefKind.SECTION, "4"),
            "Executive Order 14110 › Sec. 4. Ensuring Safety. › 4.2. Ensuring",
            True,
        ),
        (
            SectionRef(RefKind.SECTION, "4.2"),
            "Executive Order 14110 › Sec. 4. Ensuring Safety. › 4.2. Ensuring",
            True,
        ),
        (
            SectionRef(RefKind.MEASURE, "7"),
            "Code › Commitment 7 Reports › Measure 7.5 Material changes",
            False,
        ),
        (SectionRef(RefKind.PILLAR, "1"), "America's AI Action Plan › Pillar II: Build", False),
        # The report numbers its sections without a trailing dot, its items in brackets.
        (SectionRef(RefKind.SECTION, "2.3"), "レポート › 2. 比較 › 2.3 米欧におけるソブリン AI", True),
        (SectionRef(RefKind.SECTION, "2.3"), "レポート › 2. 比較 › 2.31 別の節", False),
        (SectionRef(RefKind.ITEM, "4"), "レポート › 1.2 主な内容 › (4) AI リスクへの対処", True),
        (SectionRef(RefKind.FOOTNOTE, "21"), "レポート › 注 › [^21]", True),
        (SectionRef(RefKind.FOOTNOTE, "2"), "レポート › 注 › [^21]", False),
        # The title is not a heading: "Article 5" in a document's name matches nothing.
        (SectionRef(RefKind.ARTICLE, "5"), "Article 5 Guide", False),
    ],
)
def test_a_part_matches_its_own_section_path_only(ref: SectionRef, path: str, matches: bool) -> None:
    assert path_matches(ref, path) is matches


@pytest.mark.parametrize(
    ("section_path", "label"),
    [
        ("EU AI Act › CHAPTER XII — PENALTIES › Article 99 — Penalties", "Article 99"),
        ("EU AI Act › ANNEX III — High-risk AI systems referred to in Article 6(2)", "Annex III"),
        ("EO 14110 › Sec. 4. Ensuring the Safety … › 4.1. Developing Guidelines …", "Section 4.1"),
        ("EO 14179 › Section 1. Purpose.", "Section 1"),
        ("AI推進法 › 第一章　総則 › 第四条（国の責務）", "第四条"),
        ("AI推進法 › 附　則 › 第一条（施行期日）", "附則第一条"),
        ("Code › Commitment 2 Systemic risk identification › Measure 2.1 Systemic risk …", "Measure 2.1"),
        # A recital explains the articles and does not bind: the answer says which it quotes.
        ("EU AI Act › Recitals › Recital (84)", "Recital (84)"),
        # No number, no label: the report's sections, M-25-21's lettered ones.
        ("IISE No.8 › 2. 日米欧の AI 政策の比較 › 2.2 米欧政府における AI 安全面へのコミットメント", ""),
        ("M-25-21 › 2. DRIVING AI INNOVATION › a. Developing Agency AI Strategies", ""),
    ],
)
def test_a_numbered_provision_is_named_as_an_answer_names_it(section_path: str, label: str) -> None:
    assert provision_label(section_path) == label
