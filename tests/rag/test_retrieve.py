"""Retrieval over the real shipped corpus: how a search narrowed to one document ranks its sections."""

from __future__ import annotations

import pytest

from rag.analysis import analyse
from rag.chain import PolicyQA
from rag.retrieve import Filters

EU_AI_ACT = "eu-ai-act-2024-1689"


@pytest.mark.parametrize(
    "question",
    ["What do AI regulatory sandboxes offer to start-ups?", "AI規制のサンドボックスでは何ができる?"],
)
def test_inside_one_document_the_section_whose_heading_fits_ranks_first(
    corpus_qa: PolicyQA, question: str
) -> None:
    corpus_qa.ask(question)  # binds the live generation
    chain = corpus_qa.chain()
    store = chain.index.chunks
    assert store is not None
    plan = chain.retriever.plan(question, analyse(question))
    # By the heading's meaning and by the question's words in it (translated for the Japanese question).
    rankings = chain.retriever._heading_ranks(plan, Filters([], [EU_AI_ACT], None), None)
    assert len(rankings) == 2
    for ranks in rankings:
        first = {store.by_id[c]["section_path"] for c, rank in ranks.items() if rank == 1}
        assert len(first) == 1 and "regulatory sandbox" in first.pop()
        assert all(store.by_id[c]["doc_id"] == EU_AI_ACT for c in ranks)


def test_of_a_japanese_words_english_senses_the_one_that_fits_the_question_weighs_most(
    corpus_qa: PolicyQA,
) -> None:
    # 違反 is a violation, an offence or a break; beside 禁止 (prohibited) in a question on the AI Act,
    # the corpus's passages say which: "violation" shares them with "prohibited", "break" does not.
    question = "EUのAI法で禁止されているAIの使い方に違反したらどうなるの？"
    corpus_qa.ask(question)  # binds the live generation
    retriever = corpus_qa.chain().retriever
    weights = retriever.plan(question, analyse(question)).keyword_weights
    assert weights["violat"] > 2 * weights["break"]
    assert weights["prohibit"] > 2 * weights["ban"]


def test_the_senses_of_a_glossary_translation_pick_sentences_not_passages(corpus_qa: PolicyQA) -> None:
    # "deregulation" → 規制撤廃 → "repeal" is a synonym worth matching in a sentence; "order" → 命令 →
    # "card" or "engine" would rank passages about something else.
    question = "What does Trump's deregulation order, EO 14192, actually require federal agencies to do?"
    corpus_qa.ask(question)  # binds the live generation
    plan = corpus_qa.chain().retriever.plan(question, analyse(question))
    back = set(plan.sentence_only_weights)
    assert back and not back & set(plan.keyword_weights)
    assert all(t.isascii() for t in back)  # the question's language
    assert "requir" in plan.keyword_weights and "所要" in plan.keyword_weights  # its own words translate


def test_an_english_question_on_what_a_named_document_says_is_answered_from_it(corpus_qa: PolicyQA) -> None:
    # "Model Report" is the Code's report, not the IISE report; and the Japanese pivot, which would bring
    # the report's passages on GPAI safety, is not searched for an English question about the Code.
    question = (
        "Beyond their own risk results, does the EU Code's Model Report ask labs to flag wider technical "
        "shifts, say new scaling laws?"
    )
    plan = corpus_qa.chain().retriever.plan(question, analyse(question))
    assert plan.named_doc_ids == ["eu-gpai-code-of-practice-safety-security-2025"]
    assert len(plan.vectors) == 1
    answer = corpus_qa.ask(question)
    assert all(c.doc_id.startswith("eu-gpai-code") for c in answer.contexts[:3])
    # A comparison still searches with its topic in the other language.
    comparison = "How do the EU AI Act and Japan's AI Promotion Act differ on AI safety?"
    assert len(corpus_qa.chain().retriever.plan(comparison, analyse(comparison)).vectors) == 2


def test_inside_a_jurisdictions_documents_its_name_is_no_topic(corpus_qa: PolicyQA) -> None:
    # Every passage of the Action Plan says "United States" or "American": searching the plan for the
    # glossary's translations of 米国 would rank passages by how American they sound.
    question = "米国の行動計画に規制サンドボックスはある?"
    corpus_qa.ask(question)  # binds the live generation
    topic = corpus_qa.chain().retriever.plan(question, analyse(question)).topic_weights()
    assert "sandbox" in topic
    assert not {"american", "america", "unit", "state", "米国"} & set(topic)


def test_a_passage_whose_one_sentence_answers_in_other_words_is_found(corpus_qa: PolicyQA) -> None:
    # The memo's presumption ("… serves as a principal basis for an agency decision or action is presumed
    # to be high-impact") shares almost no word with the question, and its passage's vector is diluted by
    # the rest of the passage: its closest sentence brings it into the top 5.
    question = (
        "If a federal agency uses AI for language translation, is that automatically treated as "
        "high-impact under M-25-21?"
    )
    texts = [c.text for c in corpus_qa.ask(question).contexts[:5]]
    assert any("Provision of language translation" in t for t in texts)
    presumption = "principal basis for an agency decision or action is presumed to be high-impact"
    assert any(presumption in t for t in texts)
    retriever = corpus_qa.chain().retriever
    used: dict[str, bool] = {}
    # A Japanese question's closest sentences are the report's, whatever the topic: not used there.
    for q in (question, "M-25-21で、翻訳にAIを使うとハイインパクトAIになる?"):
        plan = retriever.plan(q, analyse(q))
        retriever.retrieve(plan, Filters(), 5)
        assert plan.closest_sentences is not None
        used[plan.analysis.language] = len(plan.closest_sentences) > 0
    assert used == {"en": True, "ja": False}


def test_a_japanese_question_the_glossary_cannot_translate_still_gets_a_pivot(corpus_qa: PolicyQA) -> None:
    # No policy term of the glossary in 「退役軍人の支援…」: the lexicon's likeliest senses of its words make
    # its English pivot, a second query vector.
    question = "退役軍人の支援について何か書いてある?"
    corpus_qa.ask(question)  # binds the live generation
    retriever = corpus_qa.chain().retriever
    plan = retriever.plan(question, analyse(question))
    assert not plan.expansion.other_language
    assert len(plan.vectors) == 2
    settings = retriever.settings
    try:
        retriever.settings = settings.model_copy(update={"lexicon_pivot_words": 0})
        assert len(retriever.plan(question, analyse(question)).vectors) == 1
    finally:
        retriever.settings = settings


def test_a_chunk_ends_inside_a_list_when_only_items_follow_its_last_lead_in() -> None:
    from rag.retrieve import _ends_in_list

    assert _ends_in_list("‘serious incident’ means … any of the following:\n\n  - (a) the death of a person;")
    assert _ends_in_list(
        "- (48) … Supervisor;\n\n- (49) ‘serious incident’ means … following:\n\n  - (a) death;"
    )
    assert not _ends_in_list("Providers shall:\n\n- (a) keep logs;\n\nThis Article applies from 2026.")
    assert not _ends_in_list("A paragraph.\n- an item without a lead-in")
    # Long, deeply indented lists are read line by line (no regular-expression backtracking).
    assert not _ends_in_list("lead:\n" + "    - (a) item;\n" * 400 + "prose")


def test_words_that_only_stress_a_question_are_not_searched_for(corpus_qa: PolicyQA) -> None:
    # "actually" is rare in the documents: BM25 weighed it like a topic word.
    question = "What does the AI Promotion Act actually require the national government to do?"
    corpus_qa.ask(question)  # binds the live generation
    plan = corpus_qa.chain().retriever.plan(question, analyse(question))
    assert "actual" not in plan.keyword_weights and "requir" in plan.keyword_weights
    japanese = "結局、AI推進法って国に何を求めてるの?"
    assert "結局" not in corpus_qa.chain().retriever.plan(japanese, analyse(japanese)).keyword_weights


def test_a_follow_up_that_switches_jurisdiction_asks_what_the_previous_question_asked(
    corpus_qa: PolicyQA,
) -> None:
    from rag.condense import condense

    first = "When does the EU AI Act apply?"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": "…"}]
    condensed = condense("What about Japan?", history)
    corpus_qa.ask(first)  # binds the live generation
    plan = corpus_qa.chain().retriever.plan(condensed.query, condensed.analysis)
    assert plan.analysis.switched_to == ["JP"]
    assert "when" in plan.asked.casefold() and plan.analysis.question == "What about Japan?"


def test_the_reports_list_of_references_answers_only_questions_about_references(corpus_qa: PolicyQA) -> None:
    # It names every policy the report discusses, so it matched questions on any of them.
    def references_in_top(question: str, k: int) -> bool:
        answer = corpus_qa.ask(question)
        return any(c.section.endswith("参考文献") for c in answer.contexts[:k])

    assert not references_in_top(
        "what does the report actually conclude? like the bottom line on US vs EU vs Japan", 5
    )
    assert references_in_top("レポートの参考文献にある小泉雄介さんのレポートのタイトルは?", 3)
    assert references_in_top(
        "In its main text the IISE report only dates the EU's AI Continent Action Plan to April 2025. Does "
        "the report give an exact date anywhere, and where does it send readers to find the plan?",
        5,
    )


def test_where_the_jurisdictions_stand_between_promoting_and_regulating_is_the_overview(
    corpus_qa: PolicyQA,
) -> None:
    # The report's 2.1 says it paragraph by paragraph, in words the English question does not use.
    answer = corpus_qa.ask(
        "Where do the US, EU and Japan stand right now — more about pushing AI forward or regulating it?"
    )
    assert any("2.1" in c.section for c in answer.contexts[:10])
    # Japan's paragraph: promotion and risk are the Act's two pillars; the EU's: over-regulation hurts.
    assert "2 本柱" in answer.answer and "競争力コンパス" in answer.answer


def test_a_jurisdiction_compared_with_a_named_document_gets_a_place_beside_it(corpus_qa: PolicyQA) -> None:
    # The memo's own places score high in a ranking of the memo alone; the EU's best passage is put
    # level with them instead of after the memo's other passages.
    answer = corpus_qa.ask(
        "If an AI-driven decision goes against me, what can I actually do about it — as someone affected "
        "by a US federal agency's high-impact AI under M-25-21, versus someone affected by a high-risk AI "
        "decision in the EU?"
    )
    assert any(c.doc_id == "eu-ai-act-2024-1689" for c in answer.contexts[:5])
    assert any(c.doc_id == "omb-m-25-21" for c in answer.contexts[:5])
