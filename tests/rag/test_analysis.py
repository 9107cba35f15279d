"""Question analysis: the names of laws and documents a question mentions."""

from __future__ import annotations

import pytest

from rag.analysis import analyse, comparison_topic, detect_jurisdictions, document_mentions, named_titles
from rag.keyword import content_terms


def test_law_and_bill_names_are_found_without_the_question_words_around_them() -> None:
    assert named_titles("What does California's SB 53 require?") == ["SB 53"]
    assert named_titles("Under the Colorado AI Act, what must deployers do?") == ["Colorado AI Act"]
    assert named_titles("中国の「生成AIサービス管理暫定弁法」では何が義務?") == ["生成AIサービス管理暫定弁法"]
    assert named_titles("How do the US and the EU differ on AI safety?") == []
    assert named_titles("What is the AI Strategy Headquarters in Japan?") == []
    # Memoranda and orders by number, also inside Japanese.
    assert named_titles("What does EO 14141 say about data centers?") == ["14141"]
    assert named_titles("M-25-22では何日以内に契約を見直すの?") == ["M-25-22"]
    assert named_titles("大統領令14192号は何を求めている?") == ["14192"]
    # A title is Latin words: the Japanese before it is not part of it.
    q = "米国のAI行動計画とEUのAI Continent Action Plan、いつ出たのかを比べて教えて。"
    assert "AI Continent Action Plan" in named_titles(q)


def test_quoted_titles_treaties_and_forms_are_names_of_documents() -> None:
    q = "What does the executive order 'Preventing Woke AI in the Federal Government' require?"
    assert named_titles(q) == ["Preventing Woke AI in the Federal Government"]
    assert named_titles("欧州評議会のAI枠組条約に日本は署名している?") == ["AI枠組条約"]
    assert named_titles("What does the Model Documentation Form ask for?") == ["Model Documentation Form"]
    # A law known by its number; a report of a series named by its number, with its bracketed title.
    assert named_titles("How does New York City's Local Law 144 compare with the AI Act?")[0] == (
        "New York City's Local Law 144"
    )
    assert named_titles("IISEレポートNo.6「AIが意識を持つと社会はどうなるのか」って、何を提言してるの?") == [
        "AIが意識を持つと社会はどうなるのか"
    ]
    # A document's terms in brackets after it are no title.
    assert named_titles("AI事業者ガイドラインの「AI開発者・AI提供者・AI利用者」って、どういう関係?") == []
    # A sentence ends inside a run of capitalised words: "… in the EU. The AI Act wants …".
    assert named_titles("We provide a high-risk AI system in the EU. The AI Act wants our files kept.") == [
        "AI Act"
    ]
    assert named_titles("What does the U.S. AI Action Plan say?") == ["U.S. AI Action Plan"]
    # A quoted phrase that is not title-cased is a quotation, not a name.
    assert named_titles("Why does the plan say AI must be 'free from ideological bias'?") == []


def test_a_katakana_loanword_is_no_proper_name() -> None:
    # Sudachi files ツールボックス as a general proper noun; an unknown *name* would make the question
    # abstain ("the sources do not mention it"), which a toolbox is not.
    assert dict(content_terms("そのツールボックスってどういうもの?"))["ツールボックス"] is False
    assert dict(content_terms("コロラド州のAI法は?"))["コロラド州"] is True
    # The rest of a compound with an English head is no name: Sudachi, seeing 「法上」 alone, reads one.
    assert dict(content_terms("EUのAI法上、欧州委員会はモデルを回収させられる?"))["法上"] is False
    assert dict(content_terms("EUのAI法上、欧州委員会はモデルを回収させられる?"))["欧州委員会"] is True
    # A plural acronym is a common noun: a tool that "filters CVs" names nothing the corpus must hold.
    terms = dict(content_terms("We sell a tool that filters CVs, run on GPUs, and asks Anthropic."))
    assert terms["cvs"] is False and terms["gpus"] is False and terms["anthrop"] is True
    # So is a product sold as a service: "Our SaaS has a gen-AI feature".
    terms = dict(content_terms("Our SaaS has a gen-AI feature; does OpenAI sign?"))
    assert terms["saa"] is False and terms["openai"] is True


def test_a_question_that_asks_two_things_has_two_parts() -> None:
    from rag.analysis import question_parts

    assert question_parts("Who heads the Headquarters, and who serve as its deputy chairs?") == [
        "Who heads the Headquarters",
        "who serve as its deputy chairs?",
    ]
    assert question_parts("誰が制裁金を科すの?上限額は?") == ["誰が制裁金を科すの?", "上限額は?"]
    assert question_parts("What documentation must they keep, and for how long?") == [
        "What documentation must they keep",
        "for how long?",
    ]
    assert question_parts("What are the rules for providers and deployers?") == [
        "What are the rules for providers and deployers?"
    ]


def test_document_mentions_are_the_words_that_name_a_known_document() -> None:
    from rag.analysis import detect_documents

    assert "wh-fact-sheet-omb-ai-use-procurement-2025-04-07" in detect_documents("the White House fact sheet")
    assert "wh-article-ai-action-plan-unveiled-2025-07-23" in detect_documents(
        "the White House announcement of the Action Plan"
    )
    assert any("ai act" in m for m in document_mentions("What does the EU AI Act say about deep fakes?"))
    assert document_mentions("What is a deep fake?") == []


def test_a_counter_after_a_number_is_not_taken_for_a_proper_name() -> None:
    terms = dict(content_terms("そのうち2本目の柱で、人材に関係する項目はある?"))
    assert "本目" not in terms and terms.get("人材") is False


def test_each_is_a_comparison_only_across_jurisdictions() -> None:
    from rag.analysis import analyse

    # 「それぞれ」 ranges over the plan and the event of one order, not over jurisdictions.
    one = analyse(
        "大統領令14277号の大統領AIチャレンジは、計画づくりと開催について、それぞれどんな期限がある?"
    )
    assert not one.comparative
    assert analyse("AIリテラシーについて、米国とEUはそれぞれ何を定めていますか?").comparative
    assert analyse("それぞれの国はAIの安全性にどう取り組んでいる?").comparative  # none named: all three
    # New York alone is one jurisdiction: its two chambers are what 「それぞれ」 ranges over.
    chambers = analyse("ニューヨーク州のRAISE法案って、州の上院と下院でそれぞれ何票で可決されたの?")
    assert not chambers.comparative


def test_each_ranges_over_the_things_of_the_one_jurisdiction_the_premise_or_its_bodies_set() -> None:
    from rag.analysis import analyse

    # The premise names Japan's guidelines; the sentence that asks names nothing.
    assert not analyse(
        "Japan's AI Guidelines for Business keep talking about 'why', 'what' and 'how'. "
        "What does each of those refer to?"
    ).comparative
    assert not analyse(
        "レポートはAI推進法を「イノベーション推進とリスク対応の2本柱」と説明してるけど、条文だとそれぞれどこに書いてあるの?"
    ).comparative
    # A body only Japan's law creates sets the scene without being a jurisdiction word.
    hq = analyse("人工知能戦略本部で、本部長と副本部長はそれぞれどんな役割を担うことになってるの?")
    assert not hq.comparative and hq.jurisdictions == []
    assert analyse("How do the three approach AI safety, respectively?").comparative


def test_the_atlantic_names_the_us_and_the_eu() -> None:
    assert detect_jurisdictions("Deepfake rules on both sides of the Atlantic?") == ["US", "EU"]
    assert detect_jurisdictions("Is there a transatlantic approach to AI safety?") == ["US", "EU"]
    assert analyse("Is AI-powered hacking a headline risk on both sides of the Atlantic?").comparative


def test_europe_in_the_words_askers_use_is_the_eu() -> None:
    # The corpus writes 欧州; askers also say ヨーロッパ, 欧米 (Europe and America) and Brussels.
    assert detect_jurisdictions("人の行動を操るAIって、ヨーロッパではもう禁止されてるの?") == ["EU"]
    assert detect_jurisdictions("欧米ではAIの安全性をどう扱ってる?") == ["US", "EU"]
    assert detect_jurisdictions("ブリュッセルはAIに厳しいの?") == ["EU"]


def test_latin_names_are_found_inside_japanese_text() -> None:
    from rag.analysis import detect_documents, detect_jurisdictions

    assert detect_jurisdictions("EUで採用AIはどう扱われる?") == ["EU"]
    assert detect_jurisdictions("NISTが主導するのは?") == ["US"]
    assert detect_documents("OMBの覚書では?") == ["omb-m-25-21"]
    assert named_titles("カリフォルニア州のSB 53は何を求めている?") == ["SB 53"]


def test_a_stated_premise_is_context_for_the_sentence_that_asks() -> None:
    from rag.analysis import question_focus

    q = "The report says the plan rests on an order Trump signed. Which order was that?"
    assert question_focus(q) == "Which order was that?"
    assert question_focus("報告書は AISI の強化を求めています。その組織はどこに置かれていますか?") == (
        "その組織はどこに置かれていますか?"
    )
    assert question_focus("What is high-impact AI? How is it governed?") == ""  # two questions
    assert question_focus("What does the U.S. plan say about chips?") == ""


def test_documents_come_in_the_order_the_question_names_them() -> None:
    from rag.analysis import detect_documents

    # The report is asked about; the plan is only its subject.
    assert detect_documents("Who is the author of the IISE report on the US AI Action Plan?")[:2] == [
        "iise-no8-ai-policy-comparison-2025",
        "us-ai-action-plan-2025",
    ]


@pytest.mark.parametrize(
    ("question", "documents"),
    [
        # The corpus holds one Biden order: "Biden's AI executive order" is EO 14110, as its number is.
        ("Did Biden's 2023 AI executive order say anything about transportation?", ["eo-14110"]),
        ("Under the Biden-era AI order that Trump revoked, what did the FCC do?", ["eo-14110"]),
        ("バイデン政権のAI大統領令には、退役軍人省向けの指示ってあった?", ["eo-14110"]),
        ("Trump's ten-for-one deregulation order sounds rigid", ["eo-14192"]),
        ("Trump's skilled-trades executive order orders a review", ["eo-14278"]),
        ("Do Trump's January 2025 AI order and his AI-education order agree?", ["eo-14179", "eo-14277"]),
        # Japan's AI law is the AI Promotion Act, not the EU's AI Act; the EU's AI regulation is.
        ("日本のAI法では、罰則はある?", ["jp-ai-promotion-act-2025"]),
        ("Does Japan's new AI law have penalties?", ["jp-ai-promotion-act-2025"]),
        ("EUのAI規制法では?", ["eu-ai-act-2024-1689"]),
        ("What does the EU's AI regulation ban?", ["eu-ai-act-2024-1689"]),
        ("Do Japan's AI guidelines mention red teaming?", ["jp-ai-guidelines-for-business-v11-en"]),
        (
            "Which principles of Japan's AI business guidelines apply to users?",
            ["jp-ai-guidelines-for-business-v11-en"],
        ),
        # The plan's title, in either language, names it: as a glossary translation of "Action Plan" it
        # is no topic word for the cross-lingual search.
        ("What does Winning the Race say about chips?", ["us-ai-action-plan-2025"]),
        ("AI競争に勝利する", ["us-ai-action-plan-2025"]),
        (
            "What does the safety and security chapter ask of signatories?",
            ["eu-gpai-code-of-practice-safety-security-2025"],
        ),
        # Another number of the IISE series is another report; No.8 is this one.
        ("IISEレポートNo.6では何を提言してる?", []),
        ("What does IISE report No.8 say about chips?", ["iise-no8-ai-policy-comparison-2025"]),
        # A jurisdiction's own "AI law" or "AI plan", named through "its".
        ("What about Japan — does its AI law have fines like that?", ["jp-ai-promotion-act-2025"]),
        ("is the US banning anything with its AI plan?", ["us-ai-action-plan-2025"]),
        ("What does the US AI plan say about open models?", ["us-ai-action-plan-2025"]),
        ("アメリカのAI計画って、国際面では実際どう書いてあるの?", ["us-ai-action-plan-2025"]),
        ("トランプ政権のAI計画は半導体について何て言ってる?", ["us-ai-action-plan-2025"]),
        # Biden's AI Diffusion Rule is no executive order.
        ("What were the tiers in the Biden administration's AI Diffusion Rule?", []),
    ],
)
def test_documents_are_named_by_what_people_call_them(question: str, documents: list[str]) -> None:
    from rag.analysis import detect_documents

    assert detect_documents(question) == documents


def test_a_laws_reference_translation_is_its_jurisdictions_policy() -> None:
    from rag.analysis import policy_documents

    assert policy_documents(["jp-ai-promotion-act-2025-en", "iise-no8-ai-policy-comparison-2025"]) == [
        "jp-ai-promotion-act-2025-en"
    ]


def test_a_translation_belongs_to_its_original_and_an_english_only_document_to_itself() -> None:
    from rag.analysis import policy_document

    assert policy_document("jp-ai-promotion-act-2025-en") == "jp-ai-promotion-act-2025"
    # The Guidelines ship only in English, under an id that ends in "-en" too.
    assert policy_document("jp-ai-guidelines-for-business-v11-en") == "jp-ai-guidelines-for-business-v11-en"
    assert policy_document("iise-no8-ai-policy-comparison-2025") == ""


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("AI推進法の参考英訳では「知的基盤」は何と訳されてる?", "en"),
        ("AI推進法を英語で説明すると、本部長は英語だと何?", "en"),
        ("AI推進法の本部長は誰?", "ja"),
        ("What is the Japanese original's wording of Article 3 of the AI Promotion Act?", "ja"),
        ("Who chairs the AI Strategic Headquarters under Japan's AI Promotion Act?", "en"),
    ],
)
def test_the_version_of_a_law_asked_about_is_the_translation_only_when_asked(
    question: str, language: str
) -> None:
    from rag.analysis import version_language

    assert version_language(analyse(question)) == language


def test_where_an_actor_comes_from_is_no_jurisdiction_asked_about() -> None:
    from rag.analysis import analyse

    a = analyse("If a US lab offers a general-purpose model on the EU market, does it need a representative?")
    assert a.jurisdictions == ["EU"] and not a.comparative
    a = analyse("Which risks does the EU code of practice list, according to the Japanese report?")
    assert a.jurisdictions == ["EU"] and not a.comparative
    a = analyse("日本のメーカーがハイリスクAIシステムをEUで売りたいとき、EUの中に誰か置くの?")
    assert a.jurisdictions == ["EU"] and not a.comparative
    # Japan's AI law is Japan's: no comparison with the EU's AI Act.
    a = analyse("日本のAI法に罰則はある?")
    assert a.jurisdictions == ["JP"] and not a.comparative
    assert analyse("Does Japan's AI Act have penalties?").jurisdictions == ["JP"]
    assert analyse("AI法第5条では何が禁止?").jurisdictions == ["EU"]
    # Named alone, the actor's country is what the question is about.
    assert analyse("What must American companies report?").jurisdictions == ["US"]
    # Where a product goes or comes from, or where data is taken, is no jurisdiction asked about either.
    a = analyse("日本の会社がEUで実環境テストをやりたい。集めたデータを日本に持ち帰るのは?")
    assert a.jurisdictions == ["EU"] and not a.comparative
    a = analyse(
        "Does the EU AI Act reach a company based outside the EU — say in the US — that runs AI abroad?"
    )
    assert a.jurisdictions == ["EU"] and not a.comparative
    # From Japan's point of view (「日本から見て」) Japan is a side of the comparison.
    assert analyse("日本から見て、米国とEUのAI規制の違いは?").jurisdictions == ["US", "EU", "JP"]


def test_gpai_beside_the_global_partnership_on_ai_is_no_eu_model() -> None:
    from rag.analysis import analyse, detect_jurisdictions

    a = analyse("Has Japan set up anything at home to support the Global Partnership on AI (GPAI)?")
    assert a.jurisdictions == ["JP"] and not a.comparative
    assert detect_jurisdictions("AIに関するグローバル・パートナーシップ(GPAI)とは?") == []
    # Its Tokyo centre too.
    assert detect_jurisdictions("Who heads the GPAI Tokyo Expert Support Center that Japan set up?") == ["JP"]
    # Alone, GPAI is the EU's general-purpose AI.
    assert detect_jurisdictions("What must GPAI providers publish?") == ["EU"]


def test_a_premise_naming_another_jurisdiction_makes_no_comparison() -> None:
    from rag.analysis import analyse

    q = (
        "The report likens M-25-21's high-impact AI to the EU's high-risk AI systems. "
        "Under M-25-21, who may waive the minimum risk management practices?"
    )
    assert not analyse(q).comparative
    assert analyse("How do the EU AI Act and Japan's AI Promotion Act define AI?").comparative
    # Unless the asking sentence compares: its one jurisdiction is compared with the premise's.
    colloquial = "アメリカって安全性そっちのけでAI推しまくってるイメージだけど、EUと比べて実際どうなの?"
    assert analyse(colloquial).comparative and analyse(colloquial).jurisdictions == ["US", "EU"]
    assert not analyse("生成AIって普通のAIと比べて何が新しいの?日本のガイドライン的には").comparative


def test_the_jurisdiction_name_tokens_are_what_the_keyword_tokenizer_makes_of_the_names() -> None:
    from rag.analysis import JURISDICTION_TOKENS
    from rag.keyword import tokenize

    names = "U.S. America American 米国 アメリカ EU European Europe 欧州 欧州連合 Japan Japanese 日本 我が国"
    # A compound's whole form (欧州連合), not its generic parts (連合); "US" is a stopword ("us").
    assert {tokenize(name)[0] for name in names.split()} == JURISDICTION_TOKENS


def test_the_premise_is_what_a_question_states_before_it_asks() -> None:
    from rag.analysis import question_focus, question_premise

    q = "The report says the plan sets up a DOC program. Once consortia are picked, who helps close deals?"
    focus = question_focus(q)
    assert focus.startswith("Once consortia")
    assert question_premise(q, focus) == "The report says the plan sets up a DOC program."
    assert question_premise("Who chairs the Board?", "") == ""


def test_an_asking_sentence_that_likens_its_side_to_the_premises_compares_them() -> None:
    from rag.analysis import analyse

    sandbox = "EUのAI法には規制サンドボックスがあるって聞いたけど、日本のAI推進法にも似た仕組みってあるの?"
    assert analyse(sandbox).comparative and analyse(sandbox).jurisdictions == ["EU", "JP"]
    # The premise names both sides, the asking sentence neither.
    assert analyse(
        "EUのAI法も日本のAI事業者ガイドラインも「リスクベース」と言われるけど、何が違う?"
    ).comparative
    # The report's comparison table is a part of the report, not a comparison asked for.
    table = (
        "The training-data row of the report's comparison table mentions a change to Japanese privacy law. "
        "What change is that?"
    )
    assert not analyse(table).comparative


def test_with_one_jurisdiction_named_a_comparison_word_compares_inside_it() -> None:
    from rag.analysis import analyse

    assert not analyse("How does Trump's EO 14179 differ from Biden's EO 14110 on AI safety?").comparative
    assert not analyse("レポートの比較表では日本の安全性確保策として何が挙がってる?").comparative
    # 海外 of 「海外のフロンティアAIプロジェクト」 is no other jurisdiction; 「海外と比べて」 is.
    assert not analyse("行動計画のAI導入比較の項目で、海外のAIプロジェクトの情報は誰が集める?").comparative
    assert analyse("日本のAI推進法を海外と比較すると、どんな特徴がある?").comparative
    # … unless it turns to the others, or names none (all three are compared) or two.
    assert analyse("米国の行動計画は他国と比べてどう違う?").comparative
    assert analyse("AIの安全性について比較して").comparative
    assert analyse("How do the EU and Japan differ on AI safety?").comparative


def test_inside_the_eu_each_country_is_a_member_state() -> None:
    from rag.analysis import analyse

    # 「各国の当局」 of an EU question are the Member States' authorities: nothing is compared.
    q = "EUのAI法でそのシステムを監督するのは各国の当局?それともAIオフィス?"
    assert not analyse(q).comparative
    # Compared *with* each country, it turns to the others.
    assert analyse("EUのAI法は各国と比べて厳しいの?").comparative
    # Outside the EU, 各国 are other countries.
    assert analyse("米国の輸出規制について各国の当局はどう対応している?").comparative


def test_titles_with_an_edition_and_unbracketed_basic_acts_are_names() -> None:
    q = "消費者庁の「AI利活用ハンドブック～生成AI編～」には何が書いてあるの?"
    assert named_titles(q) == ["AI利活用ハンドブック～生成AI編～"]
    q = "デジタル社会形成基本法の第2章の基本理念って、具体的にどんな中身なの?"
    assert named_titles(q) == ["デジタル社会形成基本法"]
    # An EU directive's Japanese name is not one: the corpus gives the directives in English only.
    assert named_titles("AI法の附属書Iに玩具安全指令も入ってる?") == []


def test_a_japanese_premise_clause_ending_in_kedo_is_context_for_what_is_asked() -> None:
    from rag.analysis import question_focus

    q = (
        "レポートの比較表では日本の安全性確保策として「AISIの抜本的強化」が挙がってるけど、"
        "そもそもAISIって何をしてきたの?"
    )
    assert question_focus(q) == "そもそもAISIって何をしてきたの?"
    assert question_focus("AI推進法って何?") == ""
    # What follows the premise may ask twice.
    q = "レポートの図表1に「保護措置の世界的な整合」って項目があるけど、行動計画だと何をするの?誰が主導?"
    assert question_focus(q) == "行動計画だと何をするの?誰が主導?"


def test_documents_compared_inside_one_jurisdiction() -> None:
    from rag.analysis import analyse, compared_documents

    assert compared_documents(analyse("How does EO 14179 differ from EO 14110?")) == ["eo-14179", "eo-14110"]
    # One document, or jurisdictions compared: no documents compared.
    assert compared_documents(analyse("What does EO 14110 say about chips?")) == []
    assert compared_documents(analyse("How do the EU AI Act and Japan's AI Promotion Act differ?")) == []


def test_another_kind_of_report_or_the_verb_does_not_name_the_iise_report() -> None:
    from rag.analysis import detect_documents

    report = "iise-no8-ai-policy-comparison-2025"
    for question in (
        "What does the report say about sovereign AI?",
        "レポートはAI推進法の課題をどう見ている?",
        "本レポートの図表2では何を比べている?",
        "According to the Japanese report, what is the Model Report of the Code?",
        "What does IISE's report say about the Model Report?",
    ):
        assert report in detect_documents(question), question
    for question in (
        # The Code's Model Report, and "the report" that means it later in the question.
        "The Model Report won't be finished in time: can we ship first and send the report afterwards?",
        "How soon must a signatory file an initial report on a serious incident?",
        "What did NTIA's report on open-weight models recommend?",
        "How many use cases did agencies report in 2025?",
        "実践規範のモデル報告書はいつまでに提出するの?",
        "ドラギ報告書は年間どれくらいの投資が必要だと言っている?",
    ):
        assert report not in detect_documents(question), question


def test_a_comparison_s_topic_leaves_out_the_jurisdictions_and_the_comparing() -> None:
    assert comparison_topic("How do the US, EU and Japan differ on AI safety?") == "ai safety"
    assert comparison_topic("ソブリンAIについて日米欧を比較して") == "ソブリンai"
    assert comparison_topic("AIの安全性について日米欧の違いは?") == "ai 安全性"
    # 「…で比べて」 is how Japanese users most often ask for a comparison: it is the frame, not the topic
    # (its translation "competition" had searched each jurisdiction's documents).
    assert comparison_topic("罰則をEUと日本で比べると?") == "罰則 と"
    from rag.analysis import COMPARISON_WORDS
    from rag.keyword import tokenize

    assert "比べる" in tokenize("EUと日本で比べて。") and "比べる" in COMPARISON_WORDS


def test_the_us_and_japans_own_commissions_are_not_the_european_commission() -> None:
    q = (
        "According to the AI Guidelines for Business, how often does the Personal Information "
        "Protection Commission review the Act?"
    )
    assert analyse(q).jurisdictions == ["JP"] and not analyse(q).comparative
    fcc = "Led by the Federal Communications Commission (FCC), evaluate state laws."
    assert detect_jurisdictions(fcc) == ["US"]
    assert detect_jurisdictions("The Commission shall adopt delegated acts.") == ["EU"]
