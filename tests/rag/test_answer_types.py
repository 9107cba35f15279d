"""The figure a question asks for, and whether a passage states one (rag/answer_types.py)."""

from __future__ import annotations

import pytest

from rag.answer_types import (
    APPLICATION_ASKED,
    FUNCTIONS_ASKED,
    FUNCTIONS_HEADING,
    MONEY_FIGURE,
    QUANTITY,
    CountAsked,
    SumAsked,
    asked_kind_stated,
    count_asked,
    money_kinds,
    rate_asked,
    states_figure,
    states_sum_of,
    sum_asked,
    sum_wanted,
)


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


def test_a_share_is_a_figure_and_a_named_office_holder_a_person() -> None:
    from rag.answer_types import PERSON_ASKED

    assert QUANTITY.search("What percentage of federal agencies already use AI?")
    assert QUANTITY.search("連邦機関の何パーセントがAIを使っている?")
    # A rate is a share too; a budget's size is a sum.
    assert QUANTITY.search("日本の生成AI利用率はどれくらい?")
    assert QUANTITY.search("What is the adoption rate of AI among Japanese companies?")
    assert QUANTITY.search("CAISIの予算規模は?")
    # A sum named by what it is for, and a cap on one.
    assert QUANTITY.search("How much investment does the EU think it needs for new data centres?")
    assert QUANTITY.search("参加者への謝礼の金額の上限って決まってる?")
    assert not QUANTITY.search("How much capacity does the EU want to add?")
    assert PERSON_ASKED.search("What is the name of Japan's AI Safety Institute director?")


def test_a_definition_question_and_the_shape_of_a_definition() -> None:
    from rag.answer_types import DEFINES, DEFINITION_ASKED

    for asked in ("What is high-impact AI?", "How did EO 14110 define a model?", "ハイインパクトAIとは何?"):
        assert DEFINITION_ASKED.search(asked), asked
    for other in (
        "What is the deadline for compliance?",
        "What are frontier models evaluated for under the Alpha policy?",
        "What is the AI Act's approach to general-purpose models, in short, and why?",
    ):
        assert not DEFINITION_ASKED.search(other), other
    assert DEFINES.search("‘deep fake’ means AI-generated or manipulated image, audio or video content")
    assert DEFINES.search("「人工知能関連技術」とは、…技術をいう。")


def test_a_modal_verb_ends_the_counted_noun_phrase() -> None:
    asked = count_asked(
        "Under the EU AI Act, within how many days must a provider report a serious incident?"
    )
    assert asked is not None and asked.noun == "day"


def test_a_sum_must_be_of_the_kind_asked() -> None:
    question = "What is the annual budget of the EU AI Office?"
    assert QUANTITY.search(question) and money_kinds(question) == ["budget"]
    fine = "shall be subject to administrative fines of up to EUR 750 000."
    assert not states_sum_of(fine, ["budget"]) and states_sum_of(fine, ["fine"])
    assert states_sum_of(fine, [])  # "how much money …" names no kind: any sum will do
    assert not QUANTITY.search("What is the fine-tuning rule for open models?")
    # A bounty's floor is a prize of money; the programme itself is no sum.
    bounty = "バグバウンティって、報奨金の最低額とか相場の目安は決まってるの?"
    assert QUANTITY.search(bounty) and money_kinds(bounty) == ["prize"]
    assert not states_sum_of("competitive bug bounty programs to encourage public participation", ["prize"])
    # A sum saved: "save taxpayer dollars" names no sum.
    savings = "What annual savings did OMB estimate the sharing requirement would produce?"
    assert QUANTITY.search(savings) and money_kinds(savings) == ["saving"]
    assert not states_sum_of("Sharing AI code, models and data will save taxpayer dollars.", ["saving"])
    assert not QUANTITY.search("What does the memo say about savings from shared code?")
    # A sum a member state gets is not what a sandbox costs its users.
    received = "How much EU money does each member state get to build its AI regulatory sandbox?"
    assert sum_asked(received) and money_kinds(received) == ["received"]
    free = "access to the AI regulatory sandboxes is free of charge for SMEs"
    assert not states_sum_of(free, money_kinds(received))
    assert states_sum_of(free, money_kinds("What fees do sandboxes charge SMEs?"))


def test_a_sum_per_day_must_be_a_rate() -> None:
    question = "Can Brussels hit a GPAI provider with a daily penalty — and how much per day?"
    assert sum_asked(question) and rate_asked(question)
    # "Dragging its feet" asks for no fee.
    assert money_kinds("If a provider keeps dragging its feet, how much per day?") == []
    cap = "fines not exceeding 3 % of their annual total worldwide turnover or EUR 15 000 000"
    assert states_sum_of(cap, ["fine"]) and not states_sum_of(cap, ["fine"], per_period=True)
    assert states_sum_of("a fee of EUR 500 per day of work", ["price"], per_period=True)
    assert rate_asked("専門家を呼ぶと日額いくらかかるの?") and not rate_asked("年間の予算はいくら?")


def test_money_and_other_questions_are_not_counts() -> None:
    assert count_asked("How many dollars does the plan commit?") is None  # money: MONEY_FIGURE decides
    assert QUANTITY.search("What prize money will winners get?")
    assert count_asked("When does the AI Act apply?") is None
    assert QUANTITY.search("AISIの予算をどれくらいの規模に増やすの?")
    assert QUANTITY.search("年間どれくらいの追加投資が必要だと試算している?")
    assert count_asked("AISIの人員を増やす計画は?") == count_asked("何人いる?")
    assert count_asked("日本のAISIの職員数は?") == count_asked("何人いる?")


def test_a_count_is_stated_only_with_a_number_of_that_thing() -> None:
    asked = count_asked("How many federal policy actions does the plan identify?")
    assert asked is not None
    assert asked.stated_in("The Plan identifies over 90 Federal policy actions across three pillars.")
    assert not asked.stated_in("On 23 July 2025 the White House released the plan's actions.")
    officers = count_asked("How many Chief AI Officers have agencies appointed so far?")
    assert officers is not None and officers.noun == "officer"
    # A number ending the sentence before is no count of what the next one names.
    assert not officers.stated_in(
        "… by Section 6 of Executive Order 13960. The Chief AI Officer Council shall:"
    )
    signatories = count_asked("How many signatories does the Code of Practice have?")
    assert signatories is not None
    assert not signatories.stated_in("Measure 7.7 Model Report notifications\n\nSignatories will notify …")
    ja = count_asked("柱は何本ありますか?")
    assert ja is not None and ja.stated_in("3 つの柱からなる") and not ja.stated_in("2025 年 7 月")
    assert MONEY_FIGURE.search("a fine of up to EUR 35 000 000") and not MONEY_FIGURE.search("Article 99")


def test_a_vote_count_or_numerical_target_needs_a_figure_with_its_unit() -> None:
    from rag.answer_types import answer_missing

    votes = "What was the vote tally in the European Parliament?"
    assert answer_missing(votes, ["The Parliament adopted its position on 13 March 2024."]) == "votes"
    assert answer_missing(votes, ["It passed with 523 votes in favour."]) is None
    for asked in ("What was the vote in the European Parliament?", "How did the Parliament vote on the Act?"):
        assert answer_missing(asked, ["The Parliament adopted its position on 13 March 2024."]) == "votes"
    target = "基本計画にはどんな数値目標が入った?"
    assert answer_missing(target, ["2025 年 9 月 12 日に骨子が公表された。"]) == "target"
    assert answer_missing(target, ["AI 利用率を 8 割に高める。"]) is None
    # A law's paragraph number before 「人工知能」 is not a count of people.
    assert answer_missing(target, ["２　人工知能基本計画は、次に掲げる事項について定める。"]) == "target"
    assert answer_missing("柱は何本?", ["２　本部は、次に掲げる事務をつかさどる。"]) == "count"
    assert answer_missing("柱は何本?", ["行動計画は 3 本の柱からなる。"]) is None
    assert answer_missing("What does the plan say about data centers?", []) is None


def test_a_japanese_question_on_a_length_of_time_needs_a_period_not_a_date() -> None:
    from rag.answer_types import answer_missing

    asked = "人工知能基本計画の案について、パブリックコメントを何日間やらないといけないの?"
    # A paragraph number and a date are no length of time.
    assert answer_missing(asked, ["２　人工知能基本計画は、2025 年 9 月 12 日に公表された。"]) == "duration"
    assert answer_missing(asked, ["意見の提出期間は 30 日間とする。"]) is None
    # The period may be stated in the English translation or in an English source.
    assert answer_missing("報告は何日以内にしないといけないの?", ["not later than 15 days after"]) is None
    assert answer_missing("記録は何年間保管するの?", ["for a period ending 10 years after"]) is None
    # After a term of office or a period, 何年 asks how many years, which a dated sentence does not say.
    term = "科学パネルのメンバーって、任期は何年なの?"
    dated = "The Commission adopted the implementing act on 2 August 2025."
    assert answer_missing(term, [dated]) == "duration"
    assert answer_missing(term, ["Representatives shall be designated for a period of three years."]) is None
    assert answer_missing("AI法は何年に施行されたの?", ["It entered into force in 2024."]) is None


def test_an_age_asked_for_needs_a_stated_age_not_children_or_age_categories() -> None:
    from rag.answer_types import answer_missing

    categories = "The Challenge shall feature multiple age categories, distinct geographic regions"
    assert answer_missing("What is the minimum age to enter the AI Challenge?", [categories]) == "age"
    # Asked with a count, the ages still decide.
    assert answer_missing("年齢区分はいくつあって、それぞれ何歳から?", [categories]) == "age"
    minors = "protection of minors, namely persons below the age of 18"
    assert answer_missing("How old must a user be?", [minors]) is None
    assert answer_missing("何歳未満が子どもなの?", ["18歳未満の者"]) is None
    # "What agencies" is no age.
    assert answer_missing("What agencies lead the Challenge?", [categories]) != "age"


def test_a_deadline_question_needs_a_date_or_a_period_in_the_passages() -> None:
    from rag.answer_types import answer_missing

    asked = "By what date does the Action Plan require GSA's AI procurement toolbox to be running?"
    toolbox = "Create an AI procurement toolbox managed by the General Services Administration (GSA)."
    assert answer_missing(asked, [toolbox]) == "deadline"
    assert (
        answer_missing(asked, [toolbox, "Agencies shall do so within 180 days of this memorandum."]) is None
    )
    assert answer_missing("報告の期限は?", ["提供者は、遅滞なく報告するものとする。"]) is None
    assert answer_missing("報告の期限は?", ["提供者は報告するものとする。"]) == "deadline"


def test_an_appointment_question_needs_a_persons_name_next_to_its_topic() -> None:
    from rag.answer_types import answer_missing

    who = "Who was appointed to head the Center for AI Standards and Innovation?"
    office = "The Center for AI Standards and Innovation, the former AI Safety Institute, was renamed."
    assert answer_missing(who, [office]) == "person"
    # A name elsewhere in the evidence does not answer it.
    assert answer_missing(who, [office + " President Trump signed the order."]) == "person"
    assert answer_missing(who, ["Jane Doe, the Director of the Center for AI Standards, said …"]) is None
    ja = "最初に任命された人工知能戦略担当大臣は誰?"
    law = "内閣官房長官及び人工知能戦略担当大臣をもって充てる。"
    assert answer_missing(ja, [law]) == "person"
    assert answer_missing(ja, ["人工知能戦略担当大臣には城内実氏が就いた。"]) is None
    # An office is the answer when the question asks who holds it, not who was appointed.
    assert answer_missing("本部長は誰が務める?", [law]) is None
    # Only sentences in the question's language are judged: an English question about the Headquarters
    # is not refused on the Japanese law's words.
    assert answer_missing("Who was appointed as the first Minister for AI Strategy?", [law]) is None
    # A bill's sponsor is a legislator: a person's name answers it.
    bill = "New York's RAISE Act passed the State Senate in June 2025."
    assert answer_missing("Who sponsored the RAISE Act in the State Senate?", [bill]) == "person"
    sponsor = "Senator Andrew Gounardes sponsored the RAISE Act in the State Senate."
    assert answer_missing("Who sponsored the RAISE Act in the State Senate?", [sponsor]) is None


def test_who_heads_an_office_is_answered_by_a_person_or_by_the_office_named_as_its_holder() -> None:
    from rag.answer_types import answer_missing

    heads = "Who heads the AI Office that enforces the rules for general-purpose AI models?"
    enforces = "The AI Office shall enforce the rules for general-purpose AI models."
    assert answer_missing(heads, [enforces]) == "person"
    headed = "The AI Office is headed by a Director appointed by the Commission."
    assert answer_missing(heads, [headed]) is None
    law = "本部の長は、人工知能戦略本部長とし、内閣総理大臣をもって充てる。"
    assert answer_missing("人工知能戦略本部の長は誰?", [law]) is None
    # "Who leads …" is often answered by an agency: not an office-holder question.
    assert answer_missing("Who leads the AI evaluations?", ["CAISI will lead the AI evaluations."]) is None


def test_person_names_are_people_not_offices_or_administrations() -> None:
    from rag.keyword import person_names

    assert person_names("Recognizing this, President Trump directed us.") == ["President Trump"]
    assert person_names("said Michael Kratsios, Director of OSTP") == ["Michael Kratsios, Director"]
    assert person_names("The Secretary of Commerce shall consult the Director of OSTP.") == []
    assert person_names("バイデン政権下で設立された AISI を改組した。") == []
    assert person_names("ジェフリー・ヒントン氏は警告している。")
    assert person_names("本部の長は、人工知能戦略本部長とし、内閣総理大臣をもって充てる。") == []


def test_a_law_the_corpus_only_mentions_answers_only_what_the_mention_says() -> None:
    from rag.answer_types import answer_missing

    mention = (
        "While President Trump has already signed the TAKE IT DOWN Act, which was intended to protect "
        "against sexually explicit, non-consensual deepfakes, additional action is needed."
    )
    penalties = "What penalties does the TAKE IT DOWN Act impose?"
    assert answer_missing(penalties, [mention]) == "detail"
    # Passages that never name the law answer for another one.
    assert answer_missing(penalties, ["Member States shall lay down the rules on penalties."]) == "detail"
    assert answer_missing(penalties, ["The TAKE IT DOWN Act imposes criminal penalties."]) is None
    # A vague head ("what kind of content") is answered by whatever the mention says.
    assert answer_missing("What kind of content does the TAKE IT DOWN Act cover?", [mention]) is None
    # A document the corpus holds in full is answered from its own text.
    assert answer_missing("What penalties does the EU AI Act impose?", ["Article 99 — Penalties"]) is None
    target = "What apprenticeship target does Executive Order 14278 set?"
    reference = ["Executive Order 14278 of April 23, 2025, 90 Fed. Reg. 17525."]
    assert answer_missing(target, reference) == "detail"
    assert answer_missing(target, reference, {"executiveorder14278—preparingamericans"}) is None
    # The Japanese report speaks of an English-named plan in Japanese: its words cannot be judged.
    plan = "What legislation does the EU's AI Continent Action Plan intend to propose?"
    report = "EU の AI Continent Action Plan では「クラウド・AI 開発法」を提案する。"
    assert answer_missing(plan, [report]) is None


def test_a_measure_asked_in_japanese_is_stated_with_its_unit_in_either_language() -> None:
    asked = count_asked("行動計画で開放される連邦所有地は何エーカー?")
    assert asked is not None
    assert asked.stated_in("Federal lands of about 5,000 acres")
    assert asked.stated_in("5,000エーカーの連邦所有地")
    assert not asked.stated_in("Make Federal lands available for data center construction.")
    capacity = count_asked("EUのデータセンター容量って今何GWくらいなの?")
    assert capacity is not None
    assert capacity.stated_in("about 10 GW of capacity") and capacity.stated_in("five gigawatts")
    assert not capacity.stated_in("EU のデータセンター能力を少なくとも 3 倍に増強する")
    size = count_asked("CEマークって、最小で何ミリ以上の大きさにしないといけないの?")
    assert size is not None
    assert size.stated_in("at least 5 mm high") and size.stated_in("高さ 5 ミリ以上")
    assert not size.stated_in("The CE marking shall be affixed visibly, legibly and indelibly.")
    distance = count_asked("ローバーは何キロくらい自律走行したの?")
    assert distance is not None and distance.stated_in("drove 17.7 km on its own")
    assert not distance.stated_in("The rover used AI to navigate autonomously.")


def test_a_count_in_the_ten_thousands_needs_a_number_that_large() -> None:
    jobs = count_asked("AIインフラ整備で何万人分の雇用が生まれるって見積もってた?")
    assert jobs is not None
    # 「3 本柱」 and the number of an executive order count no jobs.
    assert not jobs.stated_in("AI 推進法はイノベーション推進とリスク対応が 2 本柱である。")
    assert not jobs.stated_in("signing Executive Order 14179 in January")
    assert jobs.stated_in("約 10 万人の雇用") and jobs.stated_in("creating 100,000 jobs")
    assert jobs.stated_in("hundreds of thousands of jobs")
    assert count_asked("何人の委員がいるの?") == CountAsked(counter="人")


def test_who_holds_an_office_is_judged_on_the_top_passages_only() -> None:
    from rag.answer_types import answer_missing

    chair = "The Board shall be chaired by one of the representatives of the Member States."
    # A Japanese sentence on another chair, fourth in the ranking, does not make the question unanswered.
    other = "米国では委員会の議長の権限を見直すことが求められている。"
    texts = [chair, chair, chair, other]
    assert answer_missing("その委員会の議長は誰がやるの?", texts) is None


@pytest.mark.parametrize(
    "question",
    [
        "What did the memorandum the administration eventually issued require of the agencies?",
        "Did Congress end up passing the moratorium on state AI laws?",
        "How many projects has the NAIRR pilot supported since NSF launched it?",
        "AI-ISACは実際にいつ発足したの?",
        "人工知能基本計画は結局いつ閣議決定されたの?",
        "Which companies has the Commerce Department picked for the export packages so far?",
        "How many AI gigafactories have been funded to date?",
        "日本のAISIがこれまでに評価したAIモデルの名前は?",
        "Which universities took part in the AI hackathon the plan called for?",
        "GENIACの支援先に選ばれた企業はどこ?",
        "Has Japan joined the AI alliance the plan invites countries into?",
        # The first, largest or latest use of a power the sources only set up.
        "How large was the first fine the Commission imposed on a model provider under Article 101?",
        "Which model was the first one the AI Office formally designated as posing systemic risk?",
        "EUで初めて科された制裁金はいくらだった?",
        "ニューヨーク州のRAISE法案は、結局知事が署名して成立したの?",
        "What did the Attorney General's report on AI in the criminal justice system, the one ordered by "
        "Biden's EO 14110, end up concluding?",
        "Has the FCC concluded that state AI laws interfere with its authority?",
        "行動計画のあと、トランプ大統領が州のAI規制を抑える大統領令に署名したって聞いたけど、何号?",
        "When was the first of the twice-yearly CAISI evaluation meetings held?",
        "CAISIの評価会合って、第1回はいつ開かれたの?",
        # A forecast: the sources state plans and duties.
        "Will the US still lead China in frontier AI in 2030?",
        "日本は2027年までにAI推進法を改正すると思う?",
        "Has the Treasury actually issued that Section 132 guidance on tax-free AI training?",
        "それを受けて実際に廃止・改正された連邦規制って何件くらいあるの?",
        "Which organisations has the Commission actually designated as Union AI testing support structures?",
        # Whether a goal was met, or a planned step taken already.
        "Did the Department of Energy actually hit the order's target of 500 new AI researchers by 2025?",
        "Has NIST met the plan's deadline for the revised framework?",
        "バイデン政権のホワイトハウスAI評議会って、実際に何回くらい会合を開いたの?",
        "政府ってもう見直しの検討会を立ち上げたの?",
        "高セキュリティAIデータセンターの技術標準って、もう公表されたの?",
        # Who went first.
        "生成AIの利用ポリシーを一番最初に公表した連邦省庁ってどこ?",
        "Which agency was the first to publish its generative AI policy?",
        # What a step that was due concluded, and what an implementing order actually issued contains.
        "見直し報告書って、結局どのプログラムを廃止する結論になったの?",
        "90日以内に出すことになってた報告書は、結局どんな中身だったの?",
        "実際に出た政令では、本部の下にどんな会議が作られたの?",
        # A review the sources schedule, what it found, and what an implementing act later fixed.
        "Has the Commission already carried out its annual review of the banned practices, and what did it "
        "conclude?",
        "What fee levels has the Commission actually set for Member States that call on the panel?",
        # What a review led to, and what the first edition of a scheduled contest featured.
        "Which Biden-era AI actions were actually rescinded as a result of that review?",
        "大統領AIチャレンジって、第1回ではどんな競技テーマが設定されたの?",
        # Whether a law was put off later, and which states or Member States took a step since.
        "EUって結局、ハイリスクAIのルールの適用開始を延期したの?",
        "Besides California and New York, which other US states have passed laws regulating frontier AI?",
        "Which Member States have chosen to have their courts impose the fines, as Article 99(9) allows?",
    ],
)
def test_what_came_of_a_plan_later_is_never_in_the_sources(question: str) -> None:
    from rag.answer_types import answer_missing

    texts = ["Establish an AI-ISAC, led by DHS, to promote the sharing of AI-security threat information."]
    assert answer_missing(question, texts) == "outcome"


@pytest.mark.parametrize(
    "question",
    [
        "Can an importer end up being treated as the provider of a high-risk AI system?",
        "結局、AIの安全性について日米欧で何が違うの?",
        "When do the EU AI Act's obligations actually start to apply?",
        "How is the list of high-impact uses kept up to date?",
        "日本のAISIってこれまでどんな活動をしてきたの?",
        "日本はこれまでにどんなAI政策を打ち出した?",
        "What has the EU done so far to regulate AI?",
        "What has Japan done so far?",
        "Once consortia are picked, which other US bodies are supposed to help close the deals?",
        "What was the first executive order on AI that Trump issued?",
        "What fines can be imposed on providers of general-purpose AI models?",
        # How a law turned out against its draft, asked of the report: the report says.
        "Did Japan's AI Promotion Act end up softer than its draft, according to the IISE report?",
        "Will the AI Act apply to providers established outside the EU?",
        "When was the first AI Action Plan announced?",
        # Whether a law is in force, the sources say; what the report's author compiled, too.
        "AI推進法はもう施行されたの?",
        "米国のAI行動計画を実際に取りまとめたのは誰?",
        "What deadline does the order set for the 500-researcher target?",
        "AI行動計画が最初に公表されたのはいつ?",
        "結局、AI推進法では事業者にどんな義務があることになったの?",
        "AI推進法で実際に出てくる義務って何?",
        "実際に出た行動計画には、最初の案と比べて何が書いてある?",
        "Has the Action Plan actually set any deadlines for agencies?",
        "What did the IISE report conclude about Japan's AI Promotion Act?",
        "Has Japan already enacted the AI Promotion Act?",
        "Which actions must be rescinded as a result of the review under EO 14179?",
        "第1回の会合はいつまでに開く必要がある?",
        "Whom do we have to tell, and if we can't reach the provider, what deadline would then apply?",
        "Which states does the Action Plan say have burdensome AI rules?",
        "Which Member States have to designate a notifying authority?",
        "Does Brussels ever have to ask itself whether the AI Office actually has enough clout?",
    ],
)
def test_what_a_law_says_would_happen_is_no_outcome_question(question: str) -> None:
    from rag.answer_types import answer_missing

    assert answer_missing(question, ["Article 25 sets out when a distributor is a provider."]) != "outcome"


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("2025年11月にトランプ大統領が署名した", {(2025, 11)}),
        ("signed on 3 November 2025", {(2025, 11)}),
        ("the memo of April 3, 2025 and the plan of 2025-07-23", {(2025, 4), (2025, 7)}),
        ("２０２５年１１月", {(2025, 11)}),
        # A deadline asks what the sources require, not what happened then.
        ("compliance by 2 August 2026", set()),
        ("By 2 August 2028 the Commission shall evaluate", set()),
        ("2026年12月までに", set()),
    ],
)
def test_months_are_read_in_either_language_and_deadlines_left_out(
    text: str, months: set[tuple[int, int]]
) -> None:
    from rag.answer_types import months_named

    assert months_named(text) == months
    # A source's deadline is a month it speaks of.
    assert months_named(text, deadlines=True) >= months


def test_versions_are_read_in_either_language() -> None:
    from rag.answer_types import versions_named

    assert versions_named("AI事業者ガイドラインの第1.2版では何が変わった?") == {"1.2"}
    assert versions_named("AI Guidelines for Business Ver1.1 (April 4, 2025)") == {"1.1"}
    assert versions_named("What changed in version 2.0?") == {"2.0"}
    # Section and measure numbers are no versions.
    assert versions_named("Measure 2.1 and subsection 4.2(a) of Section 4.2") == set()


def test_a_left_out_part_is_asked_by_its_kind_and_its_words_in_either_language() -> None:
    from rag.answer_types import left_out_part_asked
    from rag.keyword import tokenize

    code = ["Transparency chapter", "Copyright chapter"]
    guidelines = ["separate Appendix volume (別添)", "Japanese original text"]

    def asked(question: str, parts: list[str], translations: tuple[str, ...] = ()) -> str | None:
        return left_out_part_asked(question, {*tokenize(question), *translations}, parts)

    assert asked("What does the copyright chapter of the Code require on robots.txt?", code) == (
        "Copyright chapter"
    )
    # 透明性 reaches "transparency" through the lexicon's translation, which the plan holds.
    assert asked("実践規範の「透明性」の章の議長は誰?", code, ("transpar",)) == "Transparency chapter"
    assert asked("ガイドラインの別添にあるチェックリストは?", guidelines) == "separate Appendix volume (別添)"
    assert asked("Which checklists are in the Guidelines' appendix?", guidelines)
    # Transparency without the chapter, a chapter without a left-out name, 文章 that is no 章.
    assert asked("What does the Code say about transparency towards the AI Office?", code) is None
    assert asked("What does Chapter 3 of the Code cover?", code) is None
    assert asked("実践規範は透明性についてどんな文章を求める?", code, ("transpar",)) is None
    assert asked("What does the Japanese text of the Guidelines stress?", guidelines) is None


def test_who_did_an_agency_appoint_is_an_appointment_question() -> None:
    from rag.answer_types import PERSON_ASKED

    assert PERSON_ASKED.search("Who did the Department of Veterans Affairs appoint as its Chief AI Officer?")
    assert not PERSON_ASKED.search("Who does the Prime Minister appoint to the Headquarters?")


def test_what_an_order_the_corpus_only_cites_says_is_a_missing_detail() -> None:
    from rag.answer_types import answer_missing

    held = ["executiveorder14110—safe,secure,andtrustworthy…", "executiveorder14179—removingbarriers…"]
    texts = [
        "Consistent with Executive Order 14156 of January 20, 2025, declaring a national energy emergency."
    ]
    assert answer_missing("What does Executive Order 14156 actually direct agencies to do?", texts, held) == (
        "detail"
    )
    assert answer_missing("大統領令14156号は何を定めている?", texts, held) == "detail"
    # An order the corpus holds is answered from its own text; asking when a cited one was signed is fine.
    assert answer_missing("What does EO 14110 require of the Department of Commerce?", texts, held) is None
    assert answer_missing("When was Executive Order 14156 signed?", texts, held) is None


def test_a_country_is_a_name_however_it_is_typed() -> None:
    from rag.keyword import content_terms

    assert ("australia", True) in content_terms("how does australia's approach compare with the EU AI Act?")
    assert ("australia", True) in content_terms("Australia's approach to high-risk AI?")
    assert ("approach", False) in content_terms("Australia's approach to high-risk AI?")


def test_when_a_policy_the_corpus_only_mentions_was_adopted_needs_a_dated_mention() -> None:
    from rag.answer_types import answer_missing

    question = "レポートに出てくる「データ利活用制度基本方針」って、いつ閣議決定されたの?"
    undated = [
        "データスペース(14 分野)の整備。データ利活用制度基本方針で、法令でのデータ提供義務化を今後検討"
    ]
    dated = ["2025年6月に閣議決定されたデータ利活用制度基本方針では、データ提供義務化を検討するとした。"]
    assert answer_missing(question, undated) == "detail"
    assert answer_missing(question, dated) is None
    # A term of a policy document the question names is that document's, dated in its text: not a
    # "detail" of a document the corpus only mentions (a deadline it sets none for is another matter).
    code = "Under the GPAI Code of Practice, by when must a signatory have confirmed its Security Framework?"
    framework = "Signatories will confirm the Security Framework no later than four weeks after notifying."
    assert answer_missing(code, [framework]) is None


@pytest.mark.parametrize(
    ("question", "about_it"),
    [
        ("Who wrote the IISE report?", True),
        ("AI推進法はいつ公布された?", True),
        ("When did Japan's AI Promotion Act pass?", True),
        ("AI推進法はいつ成立したの?", True),
        ("When was Executive Order 14179 signed?", True),
        ("When was it published?", True),
        ("Who is the author of IISE report No.8, and which larger IISE study is it an excerpt from?", True),
        ("Who are listed as the authors of America's AI Action Plan?", True),
        ("米国AI行動計画の作成者は誰?", True),
        # The author as the one who says or thinks what is asked, not as what is asked.
        (
            "Why, according to the IISE report, does the US AI Action Plan make such a point of supporting "
            "workers — which workers does the author have in mind?",
            False,
        ),
        ("Why does the IISE report's author think Japanese firms stay quiet on AI safety rules?", False),
        ("IISEレポートの筆者は、日本企業がAIの安全性ルールに声を上げない理由をどう見てる?", False),
        # Another document the question mentions: the named one's cover does not answer.
        ("Who wrote the NIST deepfake study that the AI Action Plan wants turned into a guideline?", False),
        (
            "The AI Action Plan lists a National Energy Dominance Council. Which executive order set it up, "
            "and when was it signed?",
            False,
        ),
        (
            "行動計画では、どの大統領令の実施の一環として進めるって書いてある?その大統領令はいつ出たもの?",
            False,
        ),
        ("AI制度研究会の中間とりまとめって、いつ公表されたの?AI事業者ガイドラインでも触れられてる?", False),
        # A plan the report names but the corpus does not hold: the report's cover does not date it.
        (
            "When did the skeleton draft of Japan's AI Basic Plan come out, and how does the report's "
            "comparison table flag the items it took from that draft?",
            False,
        ),
        ("レポートによると、人工知能基本計画の骨子はいつ公表されたの?", False),
        ("When was America's AI Action Plan released?", True),
        ("AI行動計画はいつ公表された?", True),
        # A memo's own kind beside its number is no other document; the memo it replaced is.
        ("Who signed OMB memo M-25-21?", True),
        ("Who signed the memo that M-25-21 replaced?", False),
        # The memo named by its number however the phrase words it.
        ("who signed the OMB memo on federal agencies using AI (M-25-21), and when was it issued?", True),
    ],
)
def test_the_cover_answers_only_questions_about_the_named_document_itself(
    question: str, about_it: bool
) -> None:
    from rag.analysis import detect_documents
    from rag.answer_types import about_named_document

    assert about_named_document(question, detect_documents(question)) is about_it


def test_a_question_about_a_breach_asks_for_its_consequences() -> None:
    from rag.answer_types import CONSEQUENCE_ASKED

    for asked in [
        "EUのAI法に違反したらどうなる?",
        "And what happens if one of those systems doesn't meet the minimum practices?",
        "What are the consequences of breaching the Code?",
        "If a provider ignores the AI Office's request, then what?",
    ]:
        assert CONSEQUENCE_ASKED.search(asked), asked
    for other in ["What happens after a model is notified?", "What does the AI Act prohibit?"]:
        assert not CONSEQUENCE_ASKED.search(other), other


def test_what_a_cited_only_document_contains_is_asked_only_when_it_is_the_subject() -> None:
    from rag.answer_types import cited_content_asked

    held = ["americasaiactionplan", "omb-m-25-21"]
    premise = (
        "Japan's guidelines point readers to the UK NCSC's 'Guidelines for secure AI system development'. "
    )
    assert cited_content_asked(premise + "What stages are those NCSC guidelines organised around?", held)
    assert cited_content_asked("「SAFEプロジェクト」って、具体的にどんな成果が出たの?", held)
    assert cited_content_asked("RANDの「Securing AI Model Weights」報告書には何が書いてある?", held)
    # "That statement" points back to the 'Statement on Generative AI' the premise names.
    premise = "Japan's guidelines cite the G7 authorities' 'Statement on Generative AI'. "
    assert cited_content_asked(premise + "What does that statement actually recommend?", held)
    # A reference whose title has the words asked about does not say what the report recommends.
    reference = "小泉雄介「AI が意識を持つと社会はどうなるのか:リスクと対策」(IISE 調査研究レポート No.6)"
    asked = (
        "IISEレポートNo.6「AIが意識を持つと社会はどうなるのか」って、具体的にどんなリスク対策を提言してるの?"
    )
    assert cited_content_asked(asked, held, [reference])
    # The premise's memo is not what "it" asks about; who issued a document and when, its citation says;
    # what a held document says of a cited one is answered from the held one.
    assert not cited_content_asked("EO 14179 told OMB to revise M-24-10. What replaced it?", held)
    assert not cited_content_asked(
        "When was the 'Guidelines for secure AI system development' published?", held
    )
    assert not cited_content_asked(
        "What does the AI Action Plan say about the 'NIST AI Risk Management Framework'?", held
    )


def test_many_in_japanese_is_no_count_asked() -> None:
    from rag.answer_types import count_asked

    assert count_asked("リスクがほぼ同じ使い方を何件もやる場合、1件ずつ承認が要るの?") is None
    assert count_asked("あと、いくつもの省庁でまとめて採用するみたいな話もあった?") is None
    assert count_asked("評価観点はいくつあるの?") is not None
    asked = count_asked("これまでに何件の使用事例が報告された?")
    assert asked is not None and asked.counter == "件"


def test_who_sat_on_a_body_needs_a_persons_name() -> None:
    from rag.answer_types import answer_missing

    question = "Which companies and individual experts sat on the study groups that drafted the Guidelines?"
    study = "The Guidelines were drafted by the Study Group on AI Business Guidelines of METI."
    assert answer_missing(question, [study]) == "person"
    member = "Jane Doe, the Director of the AI Institute, sat on the study groups for the Guidelines."
    assert answer_missing(question, [member]) is None
    ja = "戦略本部の有識者会議って、メンバーにはどんな専門家が選ばれてるの?"
    assert answer_missing(ja, ["戦略本部に有識者会議を置き、専門家の意見を聴く。"]) == "person"
    # Who the members are by office is not asked here.
    panel = "The scientific panel shall consist of independent experts selected by the Commission."
    assert answer_missing("What kind of experts sit on the scientific panel?", [panel]) is None
    assert answer_missing("Which experts sit on the scientific panel?", [panel]) is None
    organised = "本部は、本部長、副本部長及び本部員をもって組織する。"
    assert answer_missing("本部のメンバーは誰?", [organised]) is None


def test_which_countries_needs_a_country_the_question_does_not_name() -> None:
    from rag.answer_types import answer_missing, countries_named

    assert countries_named("中国とChineseとJapan") == {"china", "japan"}
    ja = "行動計画の懸念国って、中国のほかに具体的にどこが入ってるの?"
    # A Japanese question is judged on an English passage that speaks of countries at all.
    concern = "Ensure that chips are not diverted to countries of concern."
    assert answer_missing(ja, [concern]) == "countries"
    assert answer_missing(ja, ["行動計画は懸念国として中国を名指しする。"]) == "countries"
    assert answer_missing(ja, [concern + " Such countries include Iran."]) is None
    en = "Besides Japan, which countries does the plan want to export American AI packages to?"
    assert answer_missing(en, ["Export full-stack American AI packages to allies such as Korea."]) is None
    partners = "Export full-stack American AI packages to allies such as Japan and other partners."
    assert answer_missing(en, [partners]) == "countries"
    # Without a country already known, "which countries" is answered by whatever the passages say.
    assert answer_missing("Which countries does the EU AI Act apply to?", [partners]) is None
    # What other countries do, asked about, is no list of countries asked for.
    track = "How does the US keep track of what other countries are doing in AI?"
    assert answer_missing(track, ["CAISI evaluates frontier models from the PRC."]) is None
    assert answer_missing("What other countries are countries of concern?", [concern]) == "countries"


def test_penalties_asked_by_name_are_stated_in_penalty_words() -> None:
    from rag.answer_types import answer_missing

    ja = "M-25-21に省庁が従わなかった場合、CAIOにはどんな罰則や懲戒処分があるの?"
    waivers = "CAIOs must centrally track waivers and report to OMB within 30 days."
    assert answer_missing(ja, [waivers]) == "penalty"
    fines = "Non-compliance shall be subject to administrative fines of up to EUR 15 000 000."
    assert answer_missing("What penalties apply if a provider breaks Article 50?", [fines]) is None
    # "What happens if …" names no penalty: stopping the use answers it.
    stop = "Agencies must safely discontinue the use of the AI until it complies."
    assert answer_missing("What happens if a system doesn't meet the minimum practices?", [stop]) is None
    assert answer_missing("What is the fine-tuning rule for open models?", [stop]) is None
    # Whether there are any is answered by what the passages say (soft law, no binding force).
    soft = "The Guidelines are soft law without any legally binding force."
    assert answer_missing("Are there penalties in Japan's AI Guidelines for Business?", [soft]) is None
    assert answer_missing("日本のAI法に罰則はある?", ["国は、必要な施策を講ずるものとする。"]) is None


@pytest.mark.parametrize(
    "question",
    [
        "How did the Japanese government officially react when the White House released the plan?",
        "行動計画が公表されたとき、日本政府はどう反応したの?",
    ],
)
def test_how_a_government_took_a_document_after_it_came_out_is_an_outcome(question: str) -> None:
    from rag.answer_types import answer_missing

    assert answer_missing(question, ["The White House today released America's AI Action Plan."]) == "outcome"
    assert answer_missing("How does the plan respond to China's AI push?", []) != "outcome"
    assert answer_missing("How did the report react to the plan's deregulation push?", []) != "outcome"


@pytest.mark.parametrize(
    "question",
    [
        "When does Article 50 apply?",
        "From when do the rules on general-purpose AI models apply under the AI Act?",
        "When did Japan's AI Promotion Act come into force?",
        "AI法の禁止事項はいつから適用されるの?",
        "AI推進法はいつ施行された?",
        "施行日はいつ?",
    ],
)
def test_questions_on_when_a_law_applies(question: str) -> None:
    assert APPLICATION_ASKED.search(question)


@pytest.mark.parametrize(
    "question",
    [
        "What does Article 50 require?",
        "When must deployers inform people about emotion recognition?",
        "How effective are the EU's fines?",
        "AI推進法の目的は?",
    ],
)
def test_other_questions_do_not_ask_when_a_law_applies(question: str) -> None:
    assert not APPLICATION_ASKED.search(question)


def test_the_date_of_a_law_a_held_document_only_mentions() -> None:
    from rag.answer_types import answer_missing

    # The Action Plan names the law and its footnote gives the year; the day it was signed is nowhere.
    texts = [
        "While President Trump has already signed the TAKE IT DOWN Act, which was championed by First "
        "Lady Melania Trump, additional action is needed.",
        "TAKE IT DOWN Act, Pub. L. No. 119-12, 139 Stat. 55 (2025).",
    ]
    asked = "On what date did President Trump sign the TAKE IT DOWN Act that the AI Action Plan mentions?"
    assert answer_missing(asked, texts) == "detail"
    # The year answers "when"; a source giving the day answers "on what date".
    assert answer_missing("In what year was the TAKE IT DOWN Act signed?", texts) is None
    dated = [*texts, "The TAKE IT DOWN Act was signed on May 19, 2025."]
    assert answer_missing(asked, dated) is None


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("署名企業が独立した外部評価者に払う報酬や費用の目安ってどう決まってるの?", ["spend", "price"]),
        ("違反したときの罰則や制裁金をどのくらいにすべきだと言ってる?", ["fine"]),
        ("AIオフィスが汎用AIモデルの提供者に科す制裁金ってどのくらいの額なの?", ["fine"]),
    ],
)
def test_a_guide_fee_and_how_large_a_fine_are_sums(question: str, kinds: list[str]) -> None:
    assert QUANTITY.search(question) and money_kinds(question) == kinds


def test_who_signed_a_memo_the_corpus_only_cites_needs_a_person_beside_its_name() -> None:
    from rag.answer_types import signer_missing

    asked = "Who actually signed OMB memo M-25-22, the April 2025 memo on how federal agencies buy AI?"
    cited = ["OMB Memorandum M-25-22, Driving Efficient Acquisition of AI in Government."]
    assert signer_missing(asked, cited)
    assert not signer_missing(asked, [*cited, "M-25-22 was signed by Russell T. Vought, Director."])
    # A held document carries its own signature; a question that asks no signer is not judged.
    assert not signer_missing("Who signed Executive Order 14179?", cited)
    assert not signer_missing("What does M-25-22 require of agencies?", cited)


def test_ikutsu_asks_for_a_count_in_any_counter() -> None:
    from rag.answer_types import count_asked

    counted = count_asked("「AIセーフティに関する評価観点ガイド」って、評価観点はいくつあるの?")
    assert counted is not None
    assert counted.stated_in("評価観点は 10 項目ある") and not counted.stated_in("評価観点を示している")


def test_who_sets_a_sum_is_no_question_of_how_large_it_is() -> None:
    assert not QUANTITY.search("各省庁の規制コストの許容額は誰がどうやって決めるの?")
    assert QUANTITY.search("各省庁の規制コストの許容額はいくら?")
    assert QUANTITY.search("制裁金の金額は?")


def test_free_of_charge_states_a_price() -> None:
    asked = "What fees do the sandboxes charge SMEs under the AI Act?"
    assert QUANTITY.search(asked) and money_kinds(asked) == ["price"]
    assert states_sum_of("access to the AI regulatory sandboxes is free of charge for SMEs", ["price"])
    assert not states_sum_of("the sandbox plan and the exit report", ["price"])


@pytest.mark.parametrize(
    ("question", "later"),
    [
        ("What did the DHS AI Safety and Security Board recommend in its first report?", True),
        ("人工知能戦略本部の初会合で、本部長の総理はどんな指示を出したの?", True),
        # What a first report must hold is what the sources set.
        ("What does the AI Office have to include in its first report?", False),
        ("And after that first report, how often do they have to update it?", False),
        # What was done since the sources, and whether a directed step was taken.
        ("Ireland wasn't bound by those rules at first. Has it since opted in to them?", True),
        ("EO 14192 told OMB to bring back the 2003 Circular A-4. Did OMB actually follow through?", True),
        ("OMBのパイロットには、実際にどの省庁が参加してるの?", True),
        ("How many times has the European AI Board met since it was set up?", True),
        ("AI事業者ガイドラインの案に対するパブリックコメントって、何件くらい寄せられたの?", True),
        ("How many times a year must the Board meet?", False),
        ("Did the Justice Department's Office of Legal Policy actually file comments on the rule?", True),
        ("Has the European Commission actually had to adopt common specifications yet?", True),
        ("CEAが出した労働市場への影響の報告書って、結局どんな結論だったの?", True),
        ("Which industry consortia has the Commerce Department selected so far?", True),
        ("EUのAI法第95条の行動規範って、これまでにどの業界団体が作ったの?", True),
        ("Has the EDPS fined any EU institution under Article 100 yet?", True),
        ("Which states have lost federal AI grants since the Action Plan came out?", True),
        ("Since when has the rule on AI literacy applied?", False),
        # Whether anyone has done it, who first, which firms have.
        ("Has any federal agency filed a written determination instead of a compliance plan?", True),
        ("Which AI companies have signed the Code's safety and security chapter?", True),
        ("Which agency was the first to post a summary of a CAIO waiver?", True),
        ("欧州委員会が委任法令で附属書IIIに分野を追加したことってもうあるの?", True),
        ("生成AIの業務利用を全面的に禁止した省庁ってあるの?", True),
        ("行動計画は、OMBがこれまでに何をしたって評価してるの?", False),
        ("What does the plan say OMB has done so far?", False),
        ("Has any member state opted out of the two-person check for border control?", True),
        ("Which agencies have to designate a Chief AI Officer?", False),
        ("Which companies does the Code apply to?", False),
        ("So how is it supposed to be kept up to date as AI changes?", False),
        ("日本のAISIってこれまでどんな活動をしてきたの?", False),
        # What a document the corpus holds does, or says.
        ("Has the Action Plan actually set any deadlines for agencies?", False),
        ("What did the Action Plan actually say about open-source models?", False),
        ("What if a high-risk AI system it has put on the market doesn't actually comply?", False),
        ("What has applied since 2 February 2025?", False),
        ("Has the AI Act been in force since August 2024?", False),
        ("行動計画では、どの省庁がパイロットに参加することになってる?", False),
        ("What kinds of obstacles did it actually name?", False),
        # How a check the sources provide for works, against whether anyone has done the thing.
        ("How is OMB supposed to find out whether an agency has actually put them in place?", False),
        ("I want to know whether any agency has actually put them in place.", True),
    ],
)
def test_what_came_of_something_later_is_an_outcome(question: str, later: bool) -> None:
    from rag.answer_types import outcome_asked

    assert bool(outcome_asked(question)) is later


def test_a_reference_to_a_part_of_a_document_is_no_figure() -> None:
    # "How long is it expected to last?" was answered with sentences citing "Article 72".
    for text in (
        "inform providers in accordance with Article 72.",
        "a risk within the meaning of Article 79(1)",
        "as set out in Articles 53 and 55 AI Act",
        "pursuant to Regulation (EU) 2024/1689",
        "本部は、第十三条の規定により",
        "as M-25-21 requires[^12]",
    ):
        assert not states_figure(text), text
    for text in (
        "within 15 days",
        "fines of up to EUR 35 000 000",
        "二年以内に",
        "Executive Order 14110 of October 30, 2023",
    ):
        assert states_figure(text), text


def test_a_sum_spent_invested_or_paid_is_a_quantity_asked() -> None:
    for question in (
        "On average, how much do Japanese companies spend on AI governance?",
        "How much did the EU plan to invest through InvestAI?",
        "How much are providers paid for the evaluation?",
        "日本はAIデータセンターに何兆円くらい投資する計画なの?",
        "What salary levels does the plan quote for electricians?",
        "How much do HVAC technicians earn, according to the plan?",
    ):
        assert QUANTITY.search(question), question
    assert not QUANTITY.search("How much do the two approaches differ?")
    assert not QUANTITY.search("AI関連の職で何万人の雇用が生まれるの?")  # a count of people, not a sum


def test_a_numbered_report_no_passage_mentions_is_a_document_the_corpus_lacks() -> None:
    from rag.answer_types import unheld_report_asked

    texts = ["IISE 調査研究レポート(No.8)", "小泉雄介「…」(IISE 調査研究レポート No.6) (2025 年 5 月)"]
    assert unheld_report_asked("IISEの調査研究レポートNo.7ってどんなテーマだったの?", texts) == "7"
    assert unheld_report_asked("IISE report No.6 — what was its title?", texts) is None
    assert unheld_report_asked("What does IISE report No.8 say about Japan?", texts) is None


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("What does the AI Strategic Headquarters do?", True),
        ("What is Japan's AI Strategy Headquarters responsible for?", True),
        ("What are the tasks of the Board?", True),
        ("AI戦略本部は何をするの?", True),
        ("AI推進法で地方公共団体の役割は?", True),
        ("What does the Action Plan say about data centers?", False),
        ("What does the report conclude about Japan?", False),
    ],
)
def test_what_a_body_is_there_to_do(question: str, asked: bool) -> None:
    assert bool(FUNCTIONS_ASKED.search(question)) is asked


def test_the_parts_that_say_what_a_body_is_there_to_do() -> None:
    for heading in (
        "第二十条（所掌事務）",
        "Article 66 — Tasks of the Board",
        "第五条（地方公共団体の責務）",
        "Article 20 (Affairs under Jurisdiction of the Headquarters)",
    ):
        assert FUNCTIONS_HEADING.search(heading), heading
    # The office that handles the Headquarters' paperwork is not what the Headquarters does.
    assert not FUNCTIONS_HEADING.search("Article 26 (Affairs)")


def test_who_does_something_about_a_sum_is_no_question_of_how_large_it_is() -> None:
    from rag.answer_types import sum_asked

    assert not sum_asked("Who's supposed to keep tabs on how much an agency spends on AI?")
    assert not sum_asked("誰がAI関連の予算規模を決めるの?")
    # A second question asking the sum still asks it.
    assert sum_asked("Who won the prize challenge, and how much prize money was awarded?")
    assert sum_asked("How much did the EU plan to invest through InvestAI?")
    assert sum_asked("…, and how much federal money is behind that effort?")


def test_an_adverb_where_a_head_would_be_asks_for_no_particular_thing() -> None:
    from rag.answer_types import asked_head, cited_content_asked, detail_missing

    # "exactly" is no thing asked for: passages on the AI Basic Plan need not say "exactly".
    question = (
        "What exactly is Japan's AI Strategic Headquarters in charge of under the AI Promotion Act — "
        "is it just there to draft the AI Basic Plan?"
    )
    assert asked_head(question) is None
    texts = ["The Headquarters shall take charge of preparing a draft of the AI Basic Plan."]
    assert not detail_missing(question, texts)
    # What a rule the corpus only cites says is still asked for, whatever the adverb.
    rule = "What exactly does the proposed Federal Rules of Evidence Rule 901(c) on deepfakes say?"
    assert cited_content_asked(rule, (), ["a proposed Federal Rules of Evidence Rule 901(c)"]) is not None


def test_how_often_needs_a_frequency_not_a_deadline_nor_an_adjective() -> None:
    from rag.answer_types import answer_missing

    asked = "M-25-21のハイインパクトAIのAI影響評価って、何年ごとに見直さないといけないの?"
    memo = [
        "Within 365 days of the issuance of this memorandum, agencies must document implementation.",
        "the annual AI use case inventory",
    ]
    assert answer_missing(asked, memo) == "frequency"
    code = ["Signatories will update the Framework at least every 12 months, or whichever is sooner."]
    assert answer_missing(asked, code) is None
    assert answer_missing("How often must they report?", ["reports shall be submitted twice a year"]) is None
    assert answer_missing("それってどのくらいの頻度で開催するの?", ["年 2 回開催する。"]) is None
    # Talked about, not asked: whether there is any reporting on the use is what this asks.
    told = "Is there any regular reporting on how often it's used?"
    assert answer_missing(told, ["authorities shall submit annual reports on such use."]) is None


def test_what_budget_a_body_has_is_a_sum() -> None:
    assert QUANTITY.search("What annual budget does the European Artificial Intelligence Board have?")
    assert QUANTITY.search("How big is the AI Office's budget?")
    assert money_kinds("What annual budget does the Board have to work with?") == ["budget"]


def test_the_member_state_an_asker_stands_in_is_where_they_are_not_what_they_ask() -> None:
    from rag.answer_types import asker_located_in

    assert asker_located_in("We're a life insurer in Germany and about to use a high-risk AI tool.")
    assert asker_located_in("A testing lab in Germany wants to become a notified body under the AI Act.")
    assert asker_located_in("We want to trial our tool with real users in Spain before launch.")
    assert asker_located_in("I run a small clinic in Austria: must we tell patients about the AI?")
    assert not asker_located_in("Under point (i) fines imposed in France are reported to whom?")
    # A member state's own authority, law or market is asked about.
    assert not asker_located_in("What fines has a market surveillance authority in France imposed?")
    assert not asker_located_in("Which authority in Spain enforces the AI Act?")
    assert not asker_located_in("We sell in Germany's market: what does its national AI law say?")
    # In Japanese: the asker's own subsidiary, office or branch.
    assert asker_located_in("うちのドイツ子会社では社員が生成AIツールを使ってるだけ。EUのAI法で義務はある?")
    assert asker_located_in("当社はフランスに拠点があります。AI法の対象?")
    assert asker_located_in("スペインの現地法人でAIを使う場合、何が必要?")
    assert not asker_located_in("ドイツのAI法はどうなってる?")
    assert not asker_located_in("フランスでは何が禁止されてる?")


def test_a_member_states_ai_act_body_named_by_its_adjective_is_the_eus() -> None:
    from rag.answer_types import member_state_bodies

    assert member_state_bodies("We're joining the AI regulatory sandbox run by the Dutch authority.") == {
        "dutch"
    }
    assert member_state_bodies("Can a German notified body certify our system?") == {"german"}
    assert member_state_bodies("What does the French market surveillance authority check?") == {"french"}
    # The country's own law or government is what is asked about.
    assert not member_state_bodies("What does the German AI law require?")
    assert not member_state_bodies("Has the Dutch government published an AI strategy?")


def test_a_rent_or_usage_fee_is_a_price() -> None:
    rent = "連邦政府の土地をデータセンター用に使わせる場合、企業が払う賃料や使用料ってどのくらいになるの?"
    assert QUANTITY.search(rent) and money_kinds(rent) == ["price"]
    assert QUANTITY.search("What rent will data-centre builders pay for federal land?")


def test_a_plain_kind_of_answer_asked_is_stated_by_a_passage_of_that_kind() -> None:
    cover = "Executive Office of the President. April 3, 2025. M-25-21. Russell T. Vought, Director."
    assert asked_kind_stated("When was OMB M-25-21 issued?", [cover])
    assert asked_kind_stated("Who signed OMB memo M-25-21?", [cover])
    assert asked_kind_stated("人工知能戦略本部の長は誰?", ["本部長は、内閣総理大臣をもって充てる。"])
    # A deadline asked is stated by a period.
    apprentices = "Within 120 days of the date of this order, the Secretary of Labor shall seek to increase …"
    assert asked_kind_stated("AI教育の大統領令と熟練職の大統領令、期限で比べるとどう?", [apprentices])
    chair = "The Task Force shall be chaired by the Director."
    assert not asked_kind_stated("AI教育の大統領令の期限は?", [chair])
    ostp = "in coordination with the Office of Science and Technology Policy"
    assert asked_kind_stated("ホワイトハウスのどこと連携したの?", [ostp])
    assert asked_kind_stated("How much can the EU fine a company?", ["fines of up to EUR 35 000 000"])
    scheduled = "Chapters I and II shall apply from 2 February 2025. It shall apply from 2 August 2026."
    assert asked_kind_stated("What applies from 2 August 2026 under the AI Act?", [scheduled])
    assert asked_kind_stated("EU AI法は2026年8月から何が適用される?", [scheduled])
    assert not asked_kind_stated("What applies from 2 August 2027 under the AI Act?", [scheduled])
    # A passage without a thing of the kind asked, and a question asking for none, state nothing.
    assert not asked_kind_stated("When was OMB M-25-21 issued?", ["Agencies must innovate responsibly."])
    assert not asked_kind_stated("How much can the EU fine a company?", ["Penalties shall be effective."])
    assert not asked_kind_stated("What does the plan say about open models?", [cover])


def test_which_dates_and_how_large_a_fine_ask_for_a_date_and_a_sum() -> None:
    scheduled = "Chapters I and II shall apply from 2 February 2025."
    assert asked_kind_stated("From which dates do the AI Act's prohibitions apply?", [scheduled])
    assert asked_kind_stated("On what dates did the Parliament and the Council adopt it?", [scheduled])
    unscheduled = ["It is prohibited."]
    assert not asked_kind_stated("From which dates do the AI Act's prohibitions apply?", unscheduled)
    # "In which month each year …" is not asked as a date: any date in the passages would pass it.
    assert not asked_kind_stated("In which month each year is the report due?", [scheduled])
    fine = "If a company gives false information to a notified body, how large can the fine be?"
    assert sum_wanted(fine) == SumAsked(("fine",))
    assert asked_kind_stated(fine, ["administrative fines of up to EUR 7 500 000"])
    assert not asked_kind_stated(fine, ["Penalties shall be effective, proportionate and dissuasive."])
    # 「金額も。」 after the main question asks for the sum too.
    assert sum_wanted("同じサミットでEUは何を打ち出してたの?金額も。") == SumAsked()
