"""The figure a question asks for, and whether a passage states one (rag/answer_types.py)."""

from __future__ import annotations

import pytest

from rag.answer_types import MONEY_FIGURE, QUANTITY, count_asked


@pytest.mark.parametrize(
    ("question", "noun", "counter"),
    [
        ("How many high-impact AI use cases did agencies disclose?", "case", ""),
        ("Roughly how many federal policy actions does it lay out?", "action", ""),
        ("How many gigawatts of new capacity by 2030?", "gigawatt", ""),
        ("新しい規制1つごとに何件の廃止を求めていますか?", "", "件"),
        ("研究者の人数の目標は?", "", "人"),
    ],
)
def test_the_counted_thing_is_the_head_of_the_phrase(question: str, noun: str, counter: str) -> None:
    asked = count_asked(question)
    assert asked is not None and (asked.noun, asked.counter) == (noun, counter)


def test_money_and_other_questions_are_not_counts() -> None:
    assert count_asked("How many dollars does the plan commit?") is None  # money: MONEY_FIGURE decides
    assert QUANTITY.search("What prize money will winners get?")
    assert count_asked("When does the AI Act apply?") is None
    assert QUANTITY.search("AISIの予算をどれくらいの規模に増やすの?")
    assert count_asked("AISIの人員を増やす計画は?") == count_asked("何人いる?")


def test_a_count_is_stated_only_with_a_number_of_that_thing() -> None:
    asked = count_asked("How many federal policy actions does the plan identify?")
    assert asked is not None
    assert asked.stated_in("The Plan identifies over 90 Federal policy actions across three pillars.")
    assert not asked.stated_in("On 23 July 2025 the White House released the plan's actions.")
    ja = count_asked("柱は何本ありますか?")
    assert ja is not None and ja.stated_in("3 つの柱からなる") and not ja.stated_in("2025 年 7 月")
    assert MONEY_FIGURE.search("a fine of up to EUR 35 000 000") and not MONEY_FIGURE.search("Article 99")


def test_a_vote_count_or_numerical_target_needs_a_figure_with_its_unit() -> None:
    from rag.answer_types import figure_missing

    votes = "What was the vote tally in the European Parliament?"
    assert figure_missing(votes, ["The Parliament adopted its position on 13 March 2024."])
    assert not figure_missing(votes, ["It passed with 523 votes in favour."])
    target = "基本計画にはどんな数値目標が入った?"
    assert figure_missing(target, ["2025 年 9 月 12 日に骨子が公表された。"])
    assert not figure_missing(target, ["AI 利用率を 8 割に高める。"])
    assert not figure_missing("What does the plan say about data centers?", [])
