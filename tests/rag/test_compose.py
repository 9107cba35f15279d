"""How an extractive answer treats lines: references (they name, they do not answer), long list items."""

from __future__ import annotations

from rag.compose import _REFERENCE, _clip_end, _repeats_heading, _shared_opening


def test_a_cover_line_that_repeats_the_title_without_its_punctuation_is_a_heading() -> None:
    path = "AI Guidelines for Business, Ver 1.1 (April 4, 2025)"
    assert _repeats_heading("AI Guidelines for Business\n   Ver1.1\n   April 4, 2025", path)
    assert _repeats_heading("第三条（基本理念）", "AI推進法 › 第一章 総則 › 第三条（基本理念）")
    assert not _repeats_heading(
        "The Guidelines were newly established by integrating three guidelines.", path
    )


def test_contents_lines_with_dot_leaders_are_references() -> None:
    assert _REFERENCE.search("Part 5 Matters Related to AI Business Users ........................")
    assert _REFERENCE.search("13\n  D. Common Guiding Principles for AI Business actors ..")
    assert not _REFERENCE.search("The Act applies from 2 August 2026.")
    assert not _REFERENCE.search("Providers shall, e.g. where relevant, document it.")


def test_a_long_item_is_cut_after_a_clause_in_its_second_half_else_after_a_word() -> None:
    text = "the use of an AI system that deploys subliminal techniques, with the objective of distorting"
    end = _clip_end(text, 0, len(text), 70)
    assert text[:end] == "the use of an AI system that deploys subliminal techniques"
    words = "alpha beta gamma delta epsilon zeta eta theta"
    assert words[: _clip_end(words, 0, len(words), 20)] == "alpha beta gamma"


def test_an_item_skips_only_a_long_opening_it_shares_with_the_item_before() -> None:
    first = "the placing on the market, the putting into service or the use of an AI system that deploys"
    second = "the placing on the market, the putting into service or the use of AI systems for evaluation"
    assert second[_shared_opening(first, second) :] == "AI systems for evaluation"
    assert _shared_opening("Providers shall keep logs", "Providers shall report") == 0


def test_a_paragraph_opens_after_its_number_and_not_in_a_list_item() -> None:
    from rag.compose import _opens_paragraph

    text = (
        "#### Article 50\n\n1. Providers shall ensure it.\n\n- (a) the system is used; and\n\n"
        "２　国は、努める。"
    )
    assert _opens_paragraph(text, text.index("Providers"))
    assert _opens_paragraph(text, text.index("国は"))
    assert not _opens_paragraph(text, text.index("the system"))
    assert not _opens_paragraph(text, text.index("it."))


def test_a_sentence_going_on_from_the_one_before_is_its_follow_on() -> None:
    from rag.compose import _ANAPHORIC

    for text in (
        "As part of this, it is under consideration how personal consent should be handled.",
        "To this end, agencies shall publish their plans.",
        "In this regard, providers shall cooperate.",
        "このため、国は必要な措置を講ずる。",
    ):
        assert _ANAPHORIC.match(text), text
    assert not _ANAPHORIC.match("In 2025, the Commission published guidelines.")


def test_a_sentence_on_other_numbered_orders_or_memos_is_about_other_documents() -> None:
    from rag.analysis import document_numbers
    from rag.compose import _names_others

    asked = document_numbers("eo-14179")
    assert asked == {"order": {"14179"}}
    assert _names_others(
        "トランプ政権は、2025 年 4 月の大統領令 14277 号や 14278 号でも雇用対策を打ち出していた。", asked
    )
    assert not _names_others(
        "これは大統領令「AI における米国リーダーシップの障壁の除去」(大統領令 14179 号)に基づく。", asked
    )
    # Numbers that are no order's: a count, a year.
    assert not _names_others("Over 14,000 people took part in 2025.", asked)
    assert _names_others("This memorandum rescinds OMB Memorandum M-24-10.", document_numbers("omb-m-25-21"))


def test_a_cell_of_a_table_laid_out_in_columns_is_no_sentence() -> None:
    from rag.compose import _table_fragment

    # The splitter cut the Guidelines' table at the next cell's list marker, or ran across a row's cells.
    assert _table_fragment("Explanation to AI providers     i.")
    assert _table_fragment(
        "Providing relevant               information\n    information      information      x"
    )
    # A sentence ending on a number, and one whose blanked links left long runs of spaces, are sentences.
    assert not _table_fragment("a general-purpose AI model meets the conditions referred to in Article 51.")
    blanked = (
        "The White House today released “" + " " * 80 + "”, in accordance with the" + " " * 90 + "order."
    )
    assert not _table_fragment(blanked)
