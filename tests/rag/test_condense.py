"""Follow-up condensing (rag/condense.py): ordinals and pointers ("that list") lean on the previous answer."""

from __future__ import annotations

from rag.condense import condense, resolve_ordinal, resolve_pointed

RISKS = (
    "The chapter lists four systemic risks: CBRN (chemical, biological, radiological and nuclear), "
    "loss of control, cyber offence, and harmful manipulation."
)
PILLARS = "「AIイノベーションの加速」「米国製AIインフラの構築」「国際的なAI外交と安全保障の主導」です。"


def test_an_ordinal_picks_the_item_the_previous_answer_listed_there() -> None:
    assert resolve_ordinal("How does the report explain the second one?", RISKS) == "loss of control"
    assert resolve_ordinal("And the last one?", RISKS) == "harmful manipulation"
    assert (
        resolve_ordinal("そのうち2本目の柱で、人材に関係する項目はある?", PILLARS) == "米国製AIインフラの構築"
    )


def test_an_ordinal_points_into_this_assistants_own_answers_and_japanese_enumerations() -> None:
    ours = (
        "- Agencies must publish AI strategies within 180 days. [1]\n"
        "- Agencies must appoint a Chief AI Officer within 60 days. [2]\n"
        "- Agencies must update their use case inventories annually. [3]"
    )
    assert resolve_ordinal("Tell me more about the second point.", ours) == (
        "Agencies must appoint a Chief AI Officer within 60 days."
    )
    duties = (
        "第53条で、技術文書の作成・更新、下流の提供者への情報提供、著作権方針の策定、"
        "学習コンテンツの要約の作成・公開が求められます。"
    )
    last = resolve_ordinal("その最後の要約はどのくらい詳しく書くの?", duties)
    assert last.startswith("学習コンテンツの要約")
    assert resolve_ordinal("その最初の文書には何を書くの?", duties) == "技術文書の作成・更新"
    # 「最初の」 without その is no pointer: 「最初の提出期限」 is the first deadline.
    assert resolve_ordinal("最初の提出期限はいつ?", duties) == ""


def test_no_list_or_no_ordinal_resolves_to_nothing() -> None:
    assert resolve_ordinal("What about the first one?", "It encourages open models.") == ""
    assert resolve_ordinal("What does it say about chips?", RISKS) == ""
    assert resolve_ordinal("And the fifth one?", RISKS) == ""


def test_the_resolved_item_is_searched_as_part_of_the_question() -> None:
    history = [
        {"role": "user", "content": "Which systemic risks does the GPAI code of practice single out?"},
        {"role": "assistant", "content": RISKS},
    ]
    c = condense("How does the report explain the second one?", history)
    assert c.rewritten and "loss of control" in c.query and "loss of control" in c.analysis.question


def test_ordinal_words_that_do_not_point_into_a_list_are_left_alone() -> None:
    assert resolve_ordinal("When did it first apply?", RISKS) == ""
    assert resolve_ordinal("Was that the first time the EU did this?", RISKS) == ""
    assert resolve_ordinal("最初の提出期限はいつ?", PILLARS) == ""


def test_switching_jurisdiction_drops_the_previous_jurisdictions_documents() -> None:
    history = [
        {
            "role": "user",
            "content": "Under OMB memo M-25-21, which body coordinates AI adoption across agencies?",
        },
        {"role": "assistant", "content": "The Chief AI Officer Council, chaired by the OMB Director."},
    ]
    condensed = condense("What about Japan? Is there a central body like that?", history)
    assert condensed.analysis.jurisdictions == ["JP"]
    assert "omb-m-25-21" not in condensed.analysis.named_documents
    assert "m-25-21" not in condensed.query.lower()
    # Without a new jurisdiction the previous document stays the subject.
    same = condense("And who chairs it?", history)
    assert same.analysis.named_documents == ["omb-m-25-21"]


def test_a_follow_up_that_turns_to_another_jurisdiction_is_searched_there() -> None:
    history = [
        {"role": "user", "content": "Which body coordinates AI use across federal agencies under M-25-21?"},
        {"role": "assistant", "content": "The Chief AI Officer Council."},
    ]
    c = condense("What about Japan? Which body leads AI policy there?", history)
    assert c.analysis.switched_to == ["JP"] and not c.analysis.comparative
    # Without a jurisdiction of its own, a follow-up stays where the conversation was.
    assert condense("Who chairs it?", history).analysis.switched_to == []


def test_a_long_follow_up_without_a_jurisdiction_or_document_keeps_the_conversations_subject() -> None:
    history = [
        {"role": "user", "content": "米国AI行動計画は、電力網についてどんな方針を示しているの?"},
        {"role": "assistant", "content": "まず今日の電力網を安定させ、次に既存の資源を最適化し、…"},
    ]
    c = condense("最初の「安定化」って、具体的にはどんなことをするの?", history)
    assert c.rewritten and "電力網" in c.query
    assert c.analysis.named_documents == ["us-ai-action-plan-2025"]
    # A question that names its own document stands alone.
    own = condense("EUのAI法では、汎用目的AIモデルの提供者にどんな義務がある?", history)
    assert not own.rewritten and "電力網" not in own.query


def test_an_ordinal_makes_a_question_lean_on_the_previous_answer_however_long() -> None:
    history = [
        {"role": "user", "content": "Which systemic risks does the EU Code of Practice name?"},
        {"role": "assistant", "content": RISKS},
    ]
    c = condense("How does the report by the Institute explain the motive behind the third one?", history)
    assert c.rewritten and "cyber offence" in c.query


def test_semicolons_separate_the_items_of_a_list_whose_items_hold_commas() -> None:
    groups = (
        "Two groups, under Article 6: AI systems that are safety components of products, or are "
        "themselves products, covered by Annex I legislation; and the AI systems listed in Annex III."
    )
    assert resolve_ordinal("Is everything in that second group high-risk?", groups) == (
        "the AI systems listed in Annex III"
    )


def _chat(*turns: str) -> list[dict[str, str]]:
    """A history of alternating user and assistant turns."""
    return [{"role": ("user", "assistant")[i % 2], "content": t} for i, t in enumerate(turns)]


def test_a_chain_of_follow_ups_keeps_the_subject_of_the_last_question_that_stood_alone() -> None:
    history = _chat(
        "Who issues Japan's AI Guidelines for Business?", "MIC and METI.", "Is it legally binding?", "No."
    )
    c = condense("OK. So how is it supposed to be kept up to date as AI changes?", history)
    assert c.rewritten and "Guidelines for Business" in c.query
    assert c.analysis.named_documents == ["jp-ai-guidelines-for-business-v11-en"]
    assert c.analysis.jurisdictions == ["JP"]


def test_a_follow_up_that_named_its_own_subject_ends_the_walk_back() -> None:
    history = _chat(
        "Who are listed as the authors of America's AI Action Plan?",
        "Kratsios, Sacks and Rubio.",
        "What did Sacks say when the White House released it?",
        "That the US must win the AI race.",
    )
    c = condense("And how did that same announcement describe Rubio?", history)
    assert "White House released it" in c.query
    assert "authors" not in c.query and c.analysis.named_documents == []


def test_that_list_is_the_part_the_previous_answer_named(annex_ii_chat: list[dict[str, str]]) -> None:
    history = annex_ii_chat
    c = condense("Which offences are on that list?", history)
    assert [(r.kind.value, r.number) for r in c.analysis.section_refs] == [("annex", "2")]
    # Pointing at nothing the previous answer names keeps the previous question's parts.
    c = condense("Does that rule have exceptions?", history)
    assert [(r.kind.value, r.number) for r in c.analysis.section_refs] != [("annex", "2")]


def test_a_japanese_pointer_finds_the_clause_that_names_its_thing() -> None:
    answer = "第18条で人工知能基本計画を定めます。本部の事務は第20条に列挙されています。"
    assert resolve_pointed("その本部は何をするの?", answer) == "本部の事務は第20条に列挙されています。"
    assert resolve_pointed("それはいつから?", answer) == ""


def test_a_short_question_that_asks_something_of_a_document_it_names_stands_alone() -> None:
    history = [
        {"role": "user", "content": "When does the EU AI Act apply?"},
        {"role": "assistant", "content": "- It shall apply from 2 August 2026. [1]"},
    ]
    assert condense("What are the penalties under the EU AI Act?", history).query == (
        "What are the penalties under the EU AI Act?"
    )
    # Naming a jurisdiction, pointing back, or naming a document and asking nothing of it leans on it.
    for follow_up in ("What about Japan?", "Is Japan stricter?", "And the penalties?", "AI推進法は?"):
        assert condense(follow_up, history).rewritten, follow_up


def test_a_thing_only_the_previous_answer_named_is_searched_with_its_clause() -> None:
    history = [
        {"role": "user", "content": "What does the IISE report say about Japan's AI Basic Plan?"},
        {
            "role": "assistant",
            "content": "Japan plans an AI Basic Plan. A skeleton draft (骨子(たたき台)) was published on "
            "12 September 2025.",
        },
    ]
    condensed = condense("And on the safety side, what does that draft promise?", history)
    assert "骨子" in condensed.query and "AI Basic Plan" in condensed.query
    # What the previous question named already is not searched twice.
    again = condense(
        "When does that plan take effect?",
        [history[0], {"role": "assistant", "content": "The plan is drawn up by the Headquarters."}],
    )
    assert "drawn up" not in again.query


def test_a_pointed_thing_is_found_in_a_word_of_its_family() -> None:
    answer = (
        "Yes. Under Article 50(4), deployers of an AI system that generates or manipulates image, audio or "
        "video content constituting a deep fake must disclose that the content has been artificially "
        "generated or manipulated."
    )
    question = "When exactly does that disclosure have to be made?"
    assert resolve_pointed(question, answer).startswith("Under Article 50(4)")
    history = [
        {
            "role": "user",
            "content": "Under the EU AI Act, does someone who publishes a deepfake have to label it?",
        },
        {"role": "assistant", "content": answer},
    ]
    # The part the clause cites is where the answer is.
    assert [r.number for r in condense(question, history).analysis.section_refs] == ["50"]
