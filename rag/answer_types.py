"""What a question asks for, and whether the passages state it.

"How much money …" and "How many gigawatts …" have answers of a known shape: a sum, or a number of the
thing counted; "who was appointed to …" is answered by a person's name; "what penalties does [a law the
corpus only cites] impose" by a passage that names the law and speaks of penalties. When no passage
states such an answer, the sources do not answer the question, however many of its words they share.
This is the answer-type check of classic QA, kept deliberately lenient (any sentence of the top contexts
will do) because a wrong abstention costs more than a quoted near-miss.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ingest.document import has_japanese
from ingest.sentences import sentence_spans
from rag.analysis import (
    DOCUMENT_KINDS_EN,
    MEMO_NUMBER,
    detect_documents,
    named_titles,
    policy_documents,
    question_focus,
    squash,
    strip_documents,
    strip_owner,
)
from rag.keyword import (
    EN_OFFICES,
    EN_STOPWORDS,
    agency_names,
    content_terms,
    country_names,
    person_names,
    tokenize,
)

# A sum of money or a share.
QUANTITY = re.compile(
    r"\bhow much (?:money|funding|is|are|will|does|did)\b|\bhow many (?:dollars|euros|yen)\b"
    r"|\bhow much (?:\w+ ){1,2}(?:money|funding|cash)\b"  # "how much EU money", "how much public funding"
    r"|\bhow much (?:\w+ )?(?:per|a|each) (?:day|week|month|year)\b"
    # "How much investment does the EU estimate it needs …": a sum, named by what it is for.
    r"|\bhow much (?:\w+ )?(?:investment|capital|financing|spending|budget)\b"
    r"|\bwhat (?:is|was|are|were) (?:the )?(?:\w+ )?(?:budget|amount|fine|funding|cost)s?(?![\w-])"
    # "What annual budget does the Board have?", "How big is its budget?"
    r"|\bwhat (?:\w+ )?(?:budget|funding|amount)s? (?:does|do|did|will|would|has|have|had)\b"
    r"|\bhow (?:large|big) (?:is|was|are|were) [^?？。]{0,40}?\b(?:budget|funding)s?\b"
    # "… how large can the fine be?", "how high are the penalties": the sum of a fine.
    r"|\bhow (?:large|big|high|steep) (?:(?:can|could|would|might|will|is|are|was|were|a|the) ){0,2}"
    r"(?:the )?(?:fines?|penalt(?:y|ies))\b"
    r"|\b(?:prize|award) money\b|\bwhat (?:percentage|proportion|share) of\b|\bhow many percent\b"
    # "What annual savings did OMB estimate …", "how much would agencies save": a sum saved.
    r"|\bwhat (?:\w+ ){0,2}savings\b|\bhow much (?:\w+ ){0,4}(?:save|saved|saving)\b|節約額|削減額"
    # "How much do Japanese companies spend on AI governance?": a sum spent, invested or paid.
    r"|\bhow much (?:\w+ ){0,4}(?:spend|spends|spent|invest|invests|invested|pay|pays|paid)\b"
    r"|\bwhat (?:is|was|are|were) (?:the )?(?:\w+ )?(?:rate|percentage|proportion)s?\b"
    r"|何パーセント|何%|何％|何割|(?:率|割合|シェア)(?:は|って|が)?(?:どれ|どの)(?:くらい|ぐらい|程度)"
    r"|(?:どれ|どの)(?:くらい|ぐらい|程度)の(?:割合|比率|率|シェア)"
    # 「許容額は誰がどうやって決めるの?」 asks who sets the sum, not how large it is.
    # 「…何を打ち出してたの?金額も。」: the sum asked after the main question.
    r"|いくら|幾ら|額は(?!(?:誰|だれ|どう|どこ|どの|何で))|金額も|賞金|何ドル|何円|何ユーロ|予算(?:規模|総額)|投資(?:規模|総額)"
    # 「何兆円くらい投資すべき?」, "What wage levels does the plan quote?", "how much do they earn?"
    r"|何兆|何(?:千億|百億|十億|億|千万|百万|万)(?:円|ドル|ユーロ)"
    r"|\b(?:wage|salary|pay) (?:levels?|rates?|ranges?)\b"
    r"|\bhow much (?:\w+ ){0,4}(?:earn|earns|earned)\b"
    r"|(?:最低|最高|上限|下限)(?:の)?(?:金)?額|金額の(?:目安|相場|上限|下限)|相場"
    r"|(?:予算|投資額|資金|罰金|制裁金|過料).{0,12}(?:どれ|どの)(?:くらい|ぐらい|程度)"
    r"|(?:どれ|どの)(?:くらい|ぐらい|程度)の?[^。？?]{0,6}(?:予算|金額|資金|投資)"
    # A price: 「料金はどれくらい」, "what fee does it charge", "how much does it cost".
    r"|(?:料金|利用料|使用料|賃料|地代|ライセンス料|価格|費用|手数料)(?:は|って|が)?(?:どれ|どの|いくら)"
    # 「外部評価者に払う報酬や費用の目安」: what a service costs, as a guide figure.
    r"|(?:料金|利用料|使用料|賃料|地代|ライセンス料|価格|費用|手数料|報酬)[^。？?]{0,6}?の(?:目安|相場|水準)"
    r"|\bwhat (?:\w+ )?(?:fees?|prices?|charges?|rents?|royalt(?:y|ies))\b|\bhow much (?:\w+ ){0,3}rent\b",
    re.I,
)
# What a sum is of: a question about a budget is not answered by a fine's amount.
_MONEY_KINDS: dict[str, tuple[str, ...]] = {
    "budget": ("budget", "appropriat", "予算"),
    "invest": ("invest", "投資", "出資"),
    "fund": ("fund", "資金", "助成", "拠出"),
    "spend": ("spend", "spent", "expenditure", "cost", "支出", "費用", "経費"),
    "price": (
        r"fees?\b",  # not "feet", "feedback"
        "price",
        "charge",
        "rent",
        "royalt",
        "料金",
        "利用料",
        "使用料",
        "賃料",
        "地代",
        "価格",
        "手数料",
        "報酬",
    ),
    "fine": ("fine", "penalt", "罰金", "制裁金", "過料"),
    "prize": ("prize", "award", "賞金", "報奨金", "bount"),
    "saving": ("saving", "save", "節約", "削減額"),
    # A sum someone gets: "How much EU money does each member state get for its sandbox?" is not answered
    # by "free of charge for SMEs", which is what the sandbox costs its users.
    "received": (r"gets?\b", "receiv", "granted", "allocat", "もらえ", "受け取", "交付", "配分", "割り当て"),
}
_MONEY_ASKED = {
    kind: re.compile("|".join(rf"\b{w}" if w.isascii() else w for w in words), re.I)
    for kind, words in _MONEY_KINDS.items()
}


# "Who's supposed to keep tabs on how much an agency spends on AI?" asks who, not how much.
_WHO_ASKED_BEFORE = re.compile(r"\bwho(?:['’]s)?\b|誰|だれ|どこが|どの(?:機関|省庁|部署|組織)が", re.I)


def sum_asked(question: str) -> bool:
    """Whether the question asks how large a sum is: a QUANTITY shape not inside a clause that asks
    who does something about the sum."""
    m = QUANTITY.search(question)
    if m is None:
        return False
    clause = re.split(r"[?？。、]|,\s*(?:and|or)\b", question[: m.start()])[-1]
    return not _WHO_ASKED_BEFORE.search(clause)


def money_kinds(question: str) -> list[str]:
    """The kinds of sum a "how much" question asks for ("budget", "fine", …); empty when it names none."""
    return [kind for kind, pattern in _MONEY_ASKED.items() if pattern.search(question)]


# "How much per day?", 「日額はいくら?」, 「年間いくらかかるの?」: a sum per length of time, which a lump sum
# ("fines not exceeding EUR 15 000 000") does not answer.
_PER_PERIOD = (
    r"\b(?:per|a|each) (?:day|week|month|year|annum|hour)\b"
    r"|日額|月額|年額|(?:1|一)?(?:日|か月|ヶ月|カ月|年)(?:あたり|当たり|につき)"
)
_RATE_ASKED = re.compile(
    rf"{_PER_PERIOD}|\b(?:daily|weekly|monthly|yearly|annual)"
    r" (?:fees?|rates?|penalt(?:y|ies)|payments?|charges?|costs?|amounts?)\b|年間いくら|毎月いくら",
    re.I,
)
# Not "annual": "3 % of annual worldwide turnover" is a cap, not a yearly sum.
_RATE = re.compile(rf"{_PER_PERIOD}|\b(?:daily|weekly|monthly)\b|毎日|毎月|毎年", re.I)


def rate_asked(question: str) -> bool:
    """Whether a "how much" question asks for a sum per day, month or year."""
    return _RATE_ASKED.search(question) is not None


def states_sum_of(text: str, kinds: list[str], per_period: bool = False) -> bool:
    """A sum in ``text`` that is of one of ``kinds`` (any sum when no kind was asked), and a rate per
    day, month or year when ``per_period``. "Free of charge" is a price, and a cost: "What fees do
    sandboxes charge SMEs?" is answered by Article 58's "free of charge for SMEs"."""
    if _FREE.search(text) and (not kinds or {"price", "spend"} & set(kinds)):
        return True
    if not MONEY_FIGURE.search(text) or (per_period and not _RATE.search(text)):
        return False
    return not kinds or any(_MONEY_ASKED[k].search(text) for k in kinds)


@dataclass(frozen=True)
class SumAsked:
    """What a "how much" question asks for: a sum of one of ``kinds`` (any sum when empty), and a rate
    per day, month or year when ``per_period``."""

    kinds: tuple[str, ...] = ()
    per_period: bool = False

    def stated_in(self, text: str) -> bool:
        return states_sum_of(text, list(self.kinds), self.per_period)


def sum_wanted(question: str) -> SumAsked | None:
    """The sum a "how much" question asks for, or None for any other question."""
    if not sum_asked(question):
        return None
    return SumAsked(tuple(money_kinds(question)), rate_asked(question))


_FREE = re.compile(r"\bfree of charge\b|\bwithout charge\b|\bat no cost\b|\bno fees?\b|無料|無償", re.I)
_MONEY = r"%|％|percent|million|billion|trillion|dollars?|euros?|eur\b|usd\b|円|ドル|ユーロ|万|億|兆"
MONEY_FIGURE = re.compile(
    rf"(?:[$€£¥]|\b(?:usd|eur|euro|dollars?)\b)\s*[0-9０-９]|[0-9０-９][0-9０-９,. ]*\s*(?:{_MONEY})",
    re.I,
)

# "how many high-impact AI use cases did …", "how many gigawatts of …": the counted noun is the head
# (last word) of the phrase after "how many"; "何件", "何人", 「人数」 name their counter.
_HOW_MANY = re.compile(r"\bhow many\s+([\w\s-]+)", re.I)
# 「評価観点はいくつあって」: a count in any counter (「3 つ」「10 項目」); 「いくつもの省庁で」 says
# "several".
_HOW_MANY_JA = re.compile(r"(?:いくつ|幾つ)(?!も)")
# 「何件も」「何度も」 say "many", not "how many".
# 「何万人」「何千件」: a count in the ten thousands, whose counter follows the order of magnitude.
_JA_COUNTER = re.compile(
    r"何([万千億])?(件|人|社|票|か国|カ国|ヶ国|本|回|名|機関|団体|か所|カ所|基|台)(?!も)|(人|件|票)数|(人)員"
    r"|(?:職員|社員|従業員|研究者|スタッフ)の?(数)"
)
# 「何エーカー」「何ギガワット」「何ミリ」: a measure, stated in the unit's Japanese or English names.
_JA_UNITS = {
    "エーカー": ("acre",),
    "ヘクタール": ("hectare",),
    "ギガワット": ("gigawatt", "GW"),
    "メガワット": ("megawatt", "MW"),
    "キロメートル": ("kilomet", "km"),
    "キロ": ("kilomet", "km", "kilogram", "kg"),
    "メートル": ("metre", "meter"),
    "センチ": ("centimet", "cm"),
    "ミリ": ("millimet", "mm"),
    "トン": ("ton",),
    "GW": ("gigawatt", "GW"),
    "MW": ("megawatt", "MW"),
}
# A number in the thousands or more, as 「何万人」 asks for. Not a bare run of digits: "Executive Order
# 14179" counts nothing.
_THOUSANDS = re.compile(
    r"[0-9０-９一二三四五六七八九十百千]+\s*[万千億]|\b[0-9]{1,3}(?:,[0-9]{3})+\b"
    r"|\b(?:thousands?|millions?|billions?)\b",
    re.I,
)
# Longest first: 「何キロメートル」 is asked in kilometres, not in キロ.
_JA_UNIT_ASKED = re.compile(rf"何({'|'.join(sorted(_JA_UNITS, key=len, reverse=True))})")
# A figure ends in a digit: "… Executive Order 13960. The Chief AI Officer Council" counts no officers.
_EN_NUMBER = (
    r"(?:[0-9](?:[0-9,.]*[0-9])?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|fifty|hundreds?|thousands?|millions?|dozens?|several|a few)"
)
_JA_NUMBER = r"[0-9０-９一二三四五六七八九十百千万]+"
_JA_COUNTERS = r"つ|本|件|人|名|社|票|か国|カ国|ヶ国|国|回|機関|団体|か所|カ所|個|項目|分野|省庁|基|台"
# A counter that is really the first character of a word: a law's paragraph number before 「人工知能」
# (「２　人工知能基本計画は」) or 「本部」 is no count of people or of things.
_NOT_A_COUNTER = r"(?![工材間権口類物格部法文稿来当質称前義会答復収避家際内民連土政務立本準盤礎金頭湾])"


@dataclass(frozen=True)
class CountAsked:
    """The thing a "how many" question counts: an English noun stem or a Japanese counter."""

    noun: str = ""
    counter: str = ""
    # 「何万人」: thousands are asked, which 「2 本柱」 or "three members" does not state.
    thousands: bool = False

    def stated_in(self, text: str) -> bool:
        if self.thousands:
            return _THOUSANDS.search(text) is not None
        if self.counter in _JA_UNITS:
            if re.search(rf"[0-9０-９][0-9０-９,.]*\s*{self.counter}", text):
                return True
            return any(CountAsked(noun=noun).stated_in(text) for noun in _JA_UNITS[self.counter])
        if self.counter:
            # Japanese counts change their counter (何本の柱 → 「3 つの柱」, 何人 → 「3 名」): any will do.
            counters = f"{re.escape(self.counter)}|{_JA_COUNTERS}"
            return re.search(rf"{_JA_NUMBER}\s*(?:{counters}){_NOT_A_COUNTER}", text) is not None
        # A number within three words before the noun ("over 90 Federal policy actions",
        # "five gigawatts"), or the noun followed by a number ("use cases: 1,700"), on one line: a
        # heading's number ("Measure 7.7 Model Report notifications") counts nothing below it.
        stem = re.escape(self.noun)
        return (
            re.search(rf"\b{_EN_NUMBER}[ \t]+(?:[\w-]+[ \t]+){{0,3}}{stem}", text, re.I) is not None
            or re.search(
                rf"\b{stem}\w*[ \t]*(?:of|:|total(?:ing)?|numbering)?[ \t]*{_EN_NUMBER}\b", text, re.I
            )
            is not None
        )


# A vote count, or a numerical target: figures with their unit, not dates or article numbers.
_VOTES_ASKED = re.compile(
    r"\bvote (?:tally|count|margin)s?\b|\bhow many votes\b|\bwhat was the (?:final )?vote\b"
    r"|\bhow did (?:the )?[\w\s]{2,40}? vote\b|票数|何票|賛成多数|採決の結果",
    re.I,
)
_VOTES = re.compile(r"[0-9０-９]+\s*(?:votes?|票)|[0-9]+\s*(?:-|to)\s*[0-9]+\s*(?:votes?|with)", re.I)
# What came of something after the sources were written: "what did the memorandum the administration
# eventually issued require", 「AI-ISACは実際にいつ発足したの?」, "did Congress end up passing …". The
# sources are plans, laws and a report of September 2025; they propose, direct and expect, and do not
# report how things turned out. Narrow on purpose: "can a distributor end up treated as the provider"
# asks what the law says, and 「結局、日米欧で何が違うの?」 asks for a comparison.
_OUTCOME_ASKED = re.compile(
    r"\bended up\b|\bdid\b[^?]{0,160}\b(?:end up|eventually)\b"
    r"|\beventually (?:issued|passed|adopted|enacted|launched|released|selected|recommended|published"
    r"|decided|approved|signed)\b"
    r"|\b(?:had|has|have|did) actually\b|\bsince [^?]{0,40}\blaunched\b"
    # "Which firms has CAISI signed agreements with since the Action Plan came out?": what followed a
    # source's publication. Not "since when has the rule applied".
    r"|\bsince (?!when\b)[^?,]{0,40}?\b(?:came out|was (?:released|published|issued|set up|adopted|signed)"
    r"|took effect|went into (?:effect|force)|entered into force)\b"
    # "Ireland wasn't bound at first. Has it since opted in?": what happened after the sources.
    r"|\b(?:has|have)\b[^?.]{0,60}?\bsince\s+(?:been|\w{3,}ed)\b"
    # A tally so far: "How many times has the Board met?", 「パブコメは何件寄せられたの?」.
    r"|\bhow many times (?:has|have)\b|何件[^。？?]{0,8}?(?:寄せられ|届い|提出され)"
    # "Did DOE hit the order's target of 500 researchers by 2025?": whether a goal was met is news. Not
    # a duty ("Whom do we have to tell … if we can't reach the provider — what deadline applies?").
    r"|\b(?:did|has|have|had)\b(?!\s+to\b)[^?]{0,80}\b(?:hit|meet|met|reach|reached|achieve|achieved|miss"
    r"|missed)\b"
    r"[^?]{0,40}\b(?:targets?|goals?|deadlines?|milestones?)\b"
    r"|実際に(?:は)?[^。？?]{0,15}?(?:廃止|改正|施行|成立|採択|発足|設立|署名|公表|発表|開始|指定|選定|撤回|発出"
    r"|開催|開い|実施|達成|立ち上げ|策定|設置|任命|参加)(?:・[^。？?]{1,6}?)?(?:された|した|されて|して|た)"
    # 「実際に出た政令では…」: an implementing order issued later, which the corpus holds none of. Not
    # 「実際に出た行動計画」, which it holds.
    r"|実際に(?:は)?(?:出た|出された|作られた|定められた)[^。？?]{0,6}?(?:政令|省令|施行令|施行規則)"
    # 「見直しの検討会はもう立ち上げたの?」「技術標準はもう公表された?」: whether a planned step was taken.
    # Not 施行/成立: whether a law is in force, the sources (and the report of September 2025) say.
    r"|(?:もう|既に|すでに)[^。？?]{0,40}?(?:立ち上げ|設置|公表|発表|発足|設立|策定|決定|選定|指定|任命|採択"
    r"|開催|実施|発出|廃止|撤回)(?:・[^。？?]{1,6}?)?(?:された|した|た|されて(?:い)?る|して(?:い)?る|て(?:い)?る)(?:の|ん|か)?"
    r"(?:です|でしょう)?(?:か)?[?？]"
    r"|(?:結局|最終的に|実際に)(?:は)?いつ"
    # 「RAISE法案って、結局知事が署名して成立したの?」: whether a bill passed in the end.
    # 「EUって結局、ハイリスクAIのルールの適用開始を延期したの?」: whether a law was put off or changed later.
    r"|(?:結局|最終的に)[^。？?]{0,30}?(?:成立|署名|可決|施行|発足|採択|決定|承認|公布|合意|延期|撤回|廃止|改正)"
    r"(?:した|された|して)"
    # 「90日以内に出すことになってた報告書って、結局どんな結論になったの?」: what a step that was due
    # concluded; the sources set the step.
    r"|(?:結局|最終的に)[^。？?]{0,60}?結論(?:に|が|と)(?:なった|出た|なりました)"
    r"|(?:結局|最終的に)[^。？?]{0,30}?(?:どんな|どういう|どのような)結論(?:だった|に|が出た)"
    r"|(?:ことになって(?:い)?た|はずだった|予定だった)[^?？]{0,80}?(?:結局|最終的に|実際に?は)"
    # Who was picked or took part: "which universities took part in the hackathon", 「支援先に選ばれた企業は
    # どこ」, "has Japan joined the alliance". Not "once consortia are picked, which bodies help?".
    r"|\b(?:which|who)\b[^?]{0,80}\b(?:were|was|has been|have been) (?:selected|chosen|picked|awarded)\b"
    r"|\b(?:which|who)\b[^?]{0,80}\b(?:took part|participated|won)\b"
    # What a body said at its first meeting or in its first report: "What did the DHS AI Safety and
    # Security Board recommend in its first report?", 「本部の初会合で総理はどんな指示を出したの?」. The
    # sources set bodies up and schedule reports; not "after that first report, how often must they
    # update it?".
    r"|\bwhat did\b[^?]{0,120}\b(?:recommend|conclude|find|decide|say|announce|agree|instruct|propose)"
    r"\w*\b[^?]{0,40}\b(?:first|initial|inaugural|opening)\s+(?:report|meeting|session|assessment)s?\b"
    r"|(?:初会合|第[1一]回(?:の)?(?:会合|会議)|最初の(?:会合|会議|報告書?))(?:で|では|に)[^。？?]{0,40}?"
    r"(?:どんな|どのような|何を|なにを|何が)[^。？?]{0,20}?(?:指示|決定|決ま|結論|発言|提言|言っ|話し合|議論|勧告)"
    r"|\b(?:has|have)\b[^?]{0,60}\b(?:joined|signed up)\b"
    # Whether anyone has done it yet, who did it first, which firms have signed: "Has any federal agency
    # filed …?", "Which AI companies have signed the chapter?" (who went first: below),
    # 「委任法令で追加したことってもうあるの?」「代表訴訟を起こした例ってある?」. The sources say what
    # may or must be done, not who has done it since.
    r"|\b(?:has|have) any\b[^?]{0,80}?\b\w{3,}(?:ed|en)\b"
    r"|\bwhich\b[^?]{0,60}?\b(?:companies|firms|labs|developers|providers|agencies|countries|member states"
    r"|states)\b[^?]{0,30}?\b(?:have|has)\s+(?:already\s+)?(?:signed|adopted|implemented|filed|complied"
    r"|posted|announced|refused|declined|endorsed|committed|passed|enacted|chosen|opted|decided)\b"
    r"|(?:た|だ)(?:こと|例|ケース|実績)(?:って|は|が|も)?(?:もう|すでに|既に|これまでに|今までに)?(?:ある|あった|あります)"
    # "Has the FCC concluded that state AI laws interfere …?": the plan asks it to evaluate.
    r"|\b(?:has|have)\b[^?]{0,60}\b(?:concluded|determined|ruled)\b"
    # "Has the Commission already carried out its annual assessment …, and what did it conclude?": a
    # review the sources schedule, and what it found. Not "has Japan already enacted …" (the sources say).
    r"|\b(?:has|have)\b[^?]{0,60}\balready\b[^?]{0,20}\b(?:carried out|conducted|performed)\b"
    r"|\bwhat did (?:it|they|the (?:commission|council|board|panel|office|agency|review|assessment|"
    r"evaluation))\b[^?]{0,20}\b(?:conclude|find|found)\b"
    # "What fee levels has the Commission actually set?": what an implementing act later fixed. Not
    # "has the Action Plan actually set deadlines?" (a source's text).
    r"|\b(?:has|have|had) (?:the )?(?:commission|council|board|member states?|government|ministry|agency"
    r"|agencies|office|authorit(?:y|ies)|OMB|NIST|congress|cabinet)\b[^?]{0,20}\bactually (?:set|fixed)\b"
    # 「行動計画のあと、トランプ大統領が…大統領令に署名したって聞いた」: what was done after a source.
    r"|(?:行動計画|計画|発表|公表|公布|成立|施行)(?:の)?(?:あと|後|以降)[^。？?]{0,40}?"
    r"(?:署名|発表|公表|発足|成立|施行|採択|発令)(?:した|された|して)"
    r"|\bafter the (?:AI )?(?:Action )?Plan\b[^?]{0,60}?\b(?:signed|issued|announced|launched|adopted)\b"
    # "When was the first of the twice-yearly meetings held?", 「第1回はいつ開かれたの?」: the sources
    # schedule meetings; they do not minute them.
    r"|\bwhen (?:was|were|did) the first\b[^?]{0,60}\b(?:held|take place|took place|convened|happen|meet)\b"
    r"|(?:第\s*1\s*回|第一回|初回|最初の)[^。？?]{0,20}?いつ[^。？?]{0,8}?(?:開かれた|開催された|行われた|実施された)"
    # What a review or order led to: "which actions were actually suspended, revised or rescinded as a
    # result of that review?", 「第1回ではどんな競技テーマが設定されたの?」. The sources order the review
    # and schedule the contest; they were written before either took place.
    r"|\b(?:was|were) actually (?:suspended|revised|rescinded|repealed|revoked|withdrawn|cancell?ed"
    r"|implemented|enforced)\b"
    r"|\b(?:was|were|did|got|have been|has been)\b[^?]{0,60}?\bas a result of (?:that|this|the) "
    r"(?:review|assessment|evaluation|consultation)\b"
    r"|(?:第\s*1\s*回|第一回|初回)(?:では|で|の)[^。？?]{0,30}?(?:設定された|選ばれた|決まった|行われた)"
    # What the asker should expect: "Will the US still be ahead of China in 2030?", 「…改正すると思う?」.
    # The sources state plans and duties, not forecasts.
    r"|\bdo you think\b|\bin your (?:opinion|view)\b|と思う[?？]|と思いますか"
    # How another government or party took a document after it came out: "How did the Japanese
    # government officially react when the White House released the plan?", 「…にどう反応したの?」.
    # Not "how did the report react to the plan's deregulation?": what a source says of another.
    r"|\bhow did\b[^?]{0,60}\b(?:government|ministry|officials?|count(?:ry|ries)|industry|companies"
    r"|Commission|EU|Japan|China|Beijing|Tokyo|Brussels)\b[^?]{0,60}\b(?:react|respond)\b"
    r"|(?:公表|発表|リリース|公開)(?:した|された|され|し)?(?:とき|時|際|後|あと)[^。？?]{0,40}?(?:反応|受け止め)"
    r"|\bwill\b[^?]{0,80}\b(?:still|ever)\b"
    r"|(?:選ばれた|選定された|採択された|参加した)[^。？?]{0,12}(?:どこ|どれ|誰|何社)"
    # The first, largest or latest act of enforcement: "the first fine the Commission imposed", "the
    # first model it formally designated", 「初めて科された制裁金」. The sources set the powers, not their
    # use; "the first executive order Trump issued" is answerable and not asked here.
    r"|\b(?:first|largest|biggest|highest|latest|most recent)\b[^?.]{0,60}?"
    r"\b(?:(?:formally|officially|actually|ever) )?(?:designated|imposed|levied|fined|sanctioned|"
    r"penali[sz]ed|certified|approved|banned|investigated|granted|awarded|selected)\b"
    r"|(?:初めて|最初に|最初の)[^。？?]{0,30}?(?:指定|科|課|認定|承認|禁止|選定|採択)(?:され|した)"
    # 「…ポリシーを一番最初に公表した省庁はどこ?」, "which agency was the first to publish its policy",
    # "Which agency was the first to post …?": who went first is news. Not "when was the plan first
    # published" (its date is in the sources).
    r"|(?:初めて|最初に)(?:公表|発表|策定|導入|発出)した[^。？?]{0,12}?(?:どこ|誰|どの)"
    # 「…を適用しないことにした加盟国ってあるの?どこ?」, "Has any agency banned chatbots?": who has done
    # something under a law or memo since is news; the sources set out what each may do.
    r"|(?:した|された)(?:加盟国|省庁|官庁|国|企業|機関|州|自治体)(?:って|は|が|も)(?:ある|あった|いる)"
    r"|\b(?:has|have|did) any (?:member states?|agenc(?:y|ies)|countr(?:y|ies)|compan(?:y|ies)|states?)\b"
    r"|\b(?:was|were) the first (?:ones? )?to\b"
    r"|\b(?:which|what)\b[^?]{0,60}\b(?:was|were) the first \w+ to (?:publish|release|adopt|issue|"
    r"comply|sign|implement)\b",
    re.I,
)


# "Did the Act end up softer than the draft, according to the IISE report?" asks what a source says of
# how something turned out, within its own time: the report may well say it.
SOURCE_ASKED = re.compile(
    r"\baccording to (?:the )?(?:IISE )?(?:report|sources?)\b|\b(?:does|did) the (?:IISE )?(?:report|author) "
    r"(?:(?:actually|really) )?(?:say|describe|state|conclude|recommend|argue|find|propose|suggest|point out"
    r"|think|make of|warn|claim|criticiz|criticis)|(?:レポート|報告書)(?:によると|によれば|では)",
    re.I,
)


# "Has the Treasury actually issued that guidance?", "Did OLP actually file comments?", "Has the
# Commission actually had to adopt …?": whatever was done. Not what a document "actually says" or
# "requires", nor what a document the corpus holds does ("Has the Action Plan actually set any deadlines?"),
# nor "a system it has put on the market doesn't actually comply".
_ACTUALLY_DONE = re.compile(
    # "Has to" / "have to" is a duty, not a perfect tense: "Does Brussels have to ask whether the AI Office
    # actually has enough resources?" asks about a review the Act provides for.
    r"\b(?:(?:has|have|had)(?!\s+to\b)|did)\b"
    r"(?P<subject>(?:(?!\b(?:does|doesn't|don't|isn't|aren't|is|are)\b)[^?]){0,60}?)"
    r"\bactually\s+"
    r"(?!(?:say|says|said|mean|means|meant|require|requires|required|recommend|recommends|recommended|propose"
    r"|proposes|proposed|ask|asks|asked|call|calls|called|state|states|stated|want|wants|wanted|cover|covers"
    r"|covered|include|includes|included|contain|contains|contained|do|does|direct|directs|directed"
    # "What kinds of obstacles did it actually name?": what the text names.
    r"|name|names|named|list|lists|listed|identify|identifies|identified|mention|mentions|mentioned"
    r"|specify|specifies|specified|define|defines|defined|cite|cites|cited)\b)\w",
    re.I,
)
# "How is OMB supposed to find out whether an agency has actually put them in place?": a check the
# sources provide for, not what came of it.
_CHECKED_WHETHER = re.compile(
    r"\bhow\b[^?]{0,60}\b(?:find out|check|verify|ensure|confirm|determine|monitor|assess|track)\b"
    r"(?:\s+\w+){0,2}\s+(?:whether|if)\b[^?]{0,60}$",
    re.I,
)


# What was done so far: "Which consortia has Commerce selected so far?", 「これまでに科された最大の制裁金
# は?」, "Has the EDPS fined anyone yet?": the sources set up what later practice fills in. Not "kept up
# to date", 「これまでどんな活動をしてきた」, nor a country's policy so far ("What has Japan done so far?",
# "What has the EU done so far to regulate AI?", 「日本はこれまでにどんなAI政策を打ち出した?」), which the
# report surveys.
_SO_FAR = re.compile(
    r"これまでに|今までに|現在までに|\bso far\b|\bthus far\b|(?<!\bup )\bto date\b"
    r"|\byet\b(?=\s*(?:[?—–-]|,? and\b|$))",
    re.I,
)
_POLICY_SURVEY = re.compile(
    r"政策|施策|取り組み|取組|\bpolic(?:y|ies)\b|\bdone\b[^?]{0,30}\b(?:regulate|govern|promote)\b"
    r"|\bwhat (?:has|have) (?:the )?(?:us|u\.s\.|united states|america|eu|european union|japan)\b"
    r"|(?:日本|米国|アメリカ|EU|欧州|日米欧)(?:は|が|では)これまでに",
    re.I,
)


# 「行動計画は、OMBがこれまでに何をしたって評価してるの?」: what a source says was done before it was
# written, not what came later.
_SOURCE_TELLS = re.compile(
    r"(?:評価|説明|記述|言及|指摘|整理|紹介)して(?:いる|る)|(?:書いて|言って|述べて)(?:ある|いる|る)"
    r"|\b(?:does|did) (?:the|it|this|that) [\w' -]{0,40}?(?:say|describe|assess|credit|claim)\b",
    re.I,
)


def outcome_asked(question: str) -> bool:
    """Whether the question asks what came of something after the sources were written."""
    if SOURCE_ASKED.search(question):
        return False
    outcome = _OUTCOME_ASKED.search(question)
    if outcome and not _CHECKED_WHETHER.search(question[: outcome.start()]):
        return True
    if _SO_FAR.search(question) and not (_POLICY_SURVEY.search(question) or _SOURCE_TELLS.search(question)):
        return True
    done = _ACTUALLY_DONE.search(question)
    if done is None or _CHECKED_WHETHER.search(question[: done.start()]):
        return False
    subject = done.group("subject").strip()
    # "Did OMB actually follow through?": an agency that also names its memo acts.
    return subject.casefold() in agency_names() or not detect_documents(subject)


_TARGET_ASKED = re.compile(r"数値目標|\bnumerical targets?\b|\bquantitative targets?\b", re.I)
_FIGURE = re.compile(
    r"[0-9０-９][0-9０-９,.]*\s*(?:(?:人|名|件|社)" + _NOT_A_COUNTER + r"|%|％|割|倍|万|億|兆|"
    r"percent|million|billion|thousand|GW|gigawatts?|times)",
    re.I,
)


# Who was appointed to an office: the answer is a person's name, not the office ("who heads the
# Headquarters?" is answered by 「内閣総理大臣」, so only appointment questions ask for a name).
PERSON_ASKED = re.compile(
    r"\bwho\b[^?.]{0,60}\b(?:appointed|named|nominated|designated|hired|confirmed|sworn in)\b"
    # "Who did the VA appoint as its CAIO?": a past appointment. "Who does the PM appoint?" can be
    # answered by an office, and is left to HOLDER_ASKED's kind.
    r"|\bwho did\b[^?.]{0,60}\b(?:appoint|name|nominate|designate|hire|pick|choose|select|tap)\b"
    r"|\bwho (?:is|was) (?:the )?(?:current|first|new|incumbent)\b|\bwho (?:sponsored|co-sponsored)\b"
    r"|\bwho is the (?:person|individual)\b"
    r"|\bwhat is the name of (?:the )?[\w\s’']{0,40}?"
    r"(?:director|head|chair|chairperson|minister|secretary|leader)\b"
    r"|(?:任命|就任|指名|起用)[^。？?]{0,30}(?:誰|だれ|人物|氏名)|(?:誰|だれ)が[^。？?]{0,20}(?:任命|就任|指名|起用)"
    # Who sat on a body: "which companies and individual experts sat on the study groups", 「メンバーには
    # どんな専門家が選ばれてるの?」. A body's make-up by office (「本部員は…国務大臣」) answers "who are its
    # members", which is not asked here.
    # Past membership only: "what kind of experts sit on the scientific panel?" asks what the law says.
    r"|\b(?:which|what) (?!kinds? |types? |sorts? )(?:[\w-]+ ){0,3}?"
    r"(?:experts|individuals|people|persons|academics|scholars)\b"
    r"[^?.]{0,80}?\b(?:sat|served|were on|took part|participated)\b"
    r"|(?:どんな|どういう|どのような)(?:専門家|有識者|人|人物|方)(?:が|を)[^。？?]{0,10}(?:選ばれ|任命|参加|入っ)",
    re.I,
)
_OFFICE_WORDS = frozenset(
    [
        *("appoint", "name", "nomin", "design", "hire", "confirm", "sworn", "sponsor", "co-sponsor"),
        *("expert", "individu", "sat", "serv", "member", "専門家", "有識者", "メンバー"),
        *("current", "first", "new", "incumb"),
        *("任命", "就任", "指名", "起用", "人物", "氏名", "最初"),
    ]
)


# Who holds an office: a person, or an office named as its holder ("the Prime Minister", 「内閣総理大臣を
# もって充てる」) answers it. "Who leads the evaluations?" is often answered by an agency: not asked here.
HOLDER_ASKED = re.compile(
    r"\bwho (?:heads|chairs|directs)\b|\bwho (?:is|are) (?:the )?(?:head|chair|director)s?\b"
    r"|(?:長|トップ|責任者)は(?:誰|だれ)",
    re.I,
)
_HOLDER_WORDS = frozenset(["head", "chair", "direct", "director", "長", "トップ", "責任者"])
_OFFICE = re.compile(
    rf"\b(?:{EN_OFFICES}|Officer)\b|大臣|長官|委員長|局長|本部長|事務局長|所長|理事長|会長|をもって充てる"
)


# The plain kinds of answer ``asked_kind_stated`` looks for: "How much …?" a sum; "When was M-25-21
# issued?", 「いつ公布された?」 a date or a period; "Who signed it?", 「本部長は誰?」, 「ホワイトハウスの
# どこと?」 a person, an office or a body. The abstention rules judge some of these kinds more strictly.
_HOW_MUCH_ASKED = re.compile(r"\bhow much\b|いくら", re.I)
# "When …", "On what dates did …", "From which dates do … apply?", 「いつ」「何年」; not "in which month each
# year", a near miss that any date in the passages would pass.
_WHEN_ASKED = re.compile(r"\bwhen\b|\b(?:what|which) (?:dates?|years?)\b|いつ|何年|何月", re.I)
_WHO_ASKED = re.compile(
    r"\bwho(?:m|se)?\b|誰|だれ|どこ(?:が|と|に|から)"
    r"|\bwhich (?:agenc|office|bod(?:y|ies)|department|ministr|organi[sz]ation|authorit)",
    re.I,
)
# A body, as "which office" and 「どこと」 are answered: "the Office of Science and Technology Policy",
# 「総務省」.
_BODY = re.compile(
    r"\b(?:Office|Department|Agency|Commission|Council|Board|Bureau|Institute)\b|省|庁|委員会|本部"
)


def asked_kind_stated(question: str, texts: list[str]) -> bool:
    """Whether the question asks for an answer of a plain kind — a sum, a count, a date, a person, an
    office or a body — and one of ``texts`` states one of that kind, or it names a month one of them
    names too. Then the evidence, not the phrasing, decides: "When was OMB M-25-21 issued?" is asked as
    questions about what happened after the sources are, and the memo's cover states its date."""
    named = months_named(question, deadlines=True)
    if named and any(named & months_named(t, deadlines=True) for t in texts):
        # "What applies from 2 August 2026?": what the sources schedule for a month they name.
        return True
    wanted = sum_wanted(question)
    if wanted is not None:
        return any(wanted.stated_in(t) for t in texts)
    counted = count_asked(question)
    if counted is not None:
        return any(counted.stated_in(t) for t in texts)
    if _HOW_MUCH_ASKED.search(question):  # "How much can the EU fine a company …?": any sum
        return any(MONEY_FIGURE.search(t) for t in texts)
    if _WHEN_ASKED.search(question) or _DEADLINE_ASKED.search(question):
        # A year or a period will do: "When does the Act come into force?" is answered by "on the date
        # of promulgation" beside the law's dated cover, 「期限で比べるとどう?」 by "Within 120 days".
        return any(_DATE_OR_PERIOD.search(t) for t in texts)
    if _WHO_ASKED.search(question):
        return any(_OFFICE.search(t) or _BODY.search(t) or person_names(t) for t in texts)
    return False


# "Which countries besides China count as countries of concern?", 「懸念国って中国のほかに具体的にどこが入って
# るの?」: the asker knows one and wants the others, which the answer names. Not "which countries does the
# AI Act apply to?" (the Union's, and providers anywhere: no list of names) nor "which countries does the
# plan call adversaries?" (its passages on China may rank below the top three).
COUNTRIES_ASKED = re.compile(
    # Not a clause that is another question's object ("keep track of what other countries are doing").
    r"(?<!\bof )(?<!\bon )(?<!\bat )(?<!\bto )(?<!\babout )(?<!\bfrom )"
    r"\b(?:which|what) other (?:countries|nations)\b"
    r"|\b(?:besides|apart from|aside from|other than)\b[^?]{0,60}\b(?:which|what) (?:countries|nations)\b"
    r"|\b(?:which|what) (?:countries|nations)\b[^?]{0,80}\b(?:besides|apart from|aside from|other than)\b"
    r"|(?:ほか|他|以外)(?:に|には|では|で)?[^。？?]{0,20}?(?:どこ|どの国|どれ)",
    re.I,
)
_JA_COUNTRIES = {
    **{"中国": "china", "日本": "japan", "米国": "us", "アメリカ": "us", "韓国": "korea", "北朝鮮": "korea"},
    **{"ロシア": "russia", "イラン": "iran", "インド": "india", "英国": "britain", "イギリス": "britain"},
    **{"フランス": "france", "ドイツ": "germany", "カナダ": "canada", "台湾": "taiwan", "キューバ": "cuba"},
}


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern[str]:
    words = sorted(country_names(), key=len, reverse=True)
    # Not \b: 「とJapan」 has no word boundary (both are word characters).
    return re.compile(
        rf"(?<![a-z])({'|'.join(map(re.escape, words))})(?![a-z])|({'|'.join(_JA_COUNTRIES)})", re.I
    )


def countries_named(text: str) -> set[str]:
    """The countries ``text`` names, each as its first name in the country list ("Chinese" → china)."""
    names = country_names()
    out: set[str] = set()
    for m in _country_pattern().finditer(text):
        if m.group(1):
            out.add(names[m.group(1).lower()][0])
        else:
            japanese = _JA_COUNTRIES[m.group(2)]
            out.add(names.get(japanese, [japanese])[0])
    return out


# The EU's member states, which the AI Act only ever calls "Member States". Where the asker says they
# stand in one ("We're a life insurer in Germany …", "A testing lab in Germany wants to become a notified
# body under the AI Act"), it is where the question is asked from, not a country asked about.
_EU_MEMBER_STATES = (
    "Austria|Belgium|Bulgaria|Croatia|Cyprus|Czechia|Czech Republic|Denmark|Estonia|Finland|France|Germany"
    "|Greece|Hungary|Ireland|Italy|Latvia|Lithuania|Luxembourg|Malta|the Netherlands|Netherlands|Poland"
    "|Portugal|Romania|Slovakia|Slovenia|Spain|Sweden"
)
_ASKER_IN = re.compile(
    # "I", not the "(i)" of a list.
    r"(?:\b(?:we|we're|we’re|we are|i'm|i’m|i am|our|my)\b|(?<![(\w])i(?=\s))[^.?!;]{0,70}?"
    rf"\bin ({_EU_MEMBER_STATES})\b(?!['’]s)"
    rf"|^\s*an? [^.?!;,]{{0,40}}?\bin ({_EU_MEMBER_STATES})"
    r" (?:wants|plans|intends|is planning|would like|hopes)\b",
    re.I,
)


# "the sandbox run by the Dutch authority", "a German notified body": a body the AI Act has its member
# states set up, named by its country's adjective. The country's own AI law is still a name asked about.
_MEMBER_STATE_BODY = re.compile(
    r"\b(Austrian|Belgian|Bulgarian|Croatian|Cypriot|Czech|Danish|Estonian|Finnish|French|German|Greek"
    r"|Hungarian|Irish|Italian|Latvian|Lithuanian|Luxembourgish|Maltese|Dutch|Polish|Portuguese|Romanian"
    r"|Slovak|Slovenian|Spanish|Swedish)\s+(?:national\s+|market\s+surveillance\s+|competent\s+"
    r"|supervisory\s+|notifying\s+|data\s+protection\s+)?(?:authority|authorities|regulator|regulators"
    r"|sandbox|sandboxes|notified\s+bod(?:y|ies))\b",
    re.I,
)


def member_state_bodies(question: str) -> set[str]:
    """The keyword tokens of the member states whose AI Act bodies the question names by adjective."""
    return {t for m in _MEMBER_STATE_BODY.finditer(question) for t in tokenize(m.group(1))}


_JA_EU_MEMBER_STATES = (
    "オーストリア|ベルギー|ブルガリア|クロアチア|キプロス|チェコ|デンマーク|エストニア|フィンランド|フランス|ドイツ"
    "|ギリシャ|ギリシア|ハンガリー|アイルランド|イタリア|ラトビア|リトアニア|ルクセンブルク|マルタ|オランダ|ポーランド"
    "|ポルトガル|ルーマニア|スロバキア|スロベニア|スペイン|スウェーデン"
)
# 「うちのドイツ子会社では…」「当社はフランスに拠点があり…」「スペインの現地法人で…」: the asker's own office.
_JA_ASKER_IN = re.compile(
    rf"(?:うち|当社|弊社|我が社|わが社|自社|私たち|わたしたち|我々|僕ら)(?:の|は|が|も|では)[^。？?]{{0,20}}?"
    rf"({_JA_EU_MEMBER_STATES})"
    rf"|({_JA_EU_MEMBER_STATES})(?:の|に(?:ある|いる)|で働く)?(?:子会社|支社|支店|拠点|現地法人|工場|事務所|オフィス)"
)


def asker_located_in(question: str) -> set[str]:
    """The keyword tokens of the EU member states where the question says its asker stands."""
    found = [*_ASKER_IN.finditer(question), *_JA_ASKER_IN.finditer(question)]
    return {t for m in found for t in tokenize(next(g for g in m.groups() if g))}


_OF_COUNTRIES = re.compile(
    r"\bcountr(?:y|ies)\b|\bnations?\b|国々|諸国|か国|カ国|ヶ国|懸念国|同盟国|友好国", re.I
)


@lru_cache(maxsize=1)
def _country_tokens() -> frozenset[str]:
    return frozenset(tokenize(" ".join(_JA_COUNTRIES)))


def _sentences_sharing(texts: list[str], topic: set[str]) -> Iterator[tuple[str, bool]]:
    """Every sentence of ``texts``, with whether it shares two of the ``topic`` words (all of them when
    there are fewer): one alone ("Officer") would make a sentence about "the AI Office" on topic."""
    needed = min(2, len(topic))
    for text in texts:
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            yield sentence, bool(topic) and len(topic & set(tokenize(sentence))) >= needed


def countries_missing(question: str, texts: list[str]) -> bool:
    """A "which countries" question that no sentence of ``texts`` on its topic answers with a country it
    does not name itself. On its topic: two of its words (in its language), or a sentence that speaks of
    countries at all ("countries of concern", 「同盟国」), which a Japanese question on an English
    passage can be judged by too."""
    if not COUNTRIES_ASKED.search(question):
        return False
    asked = countries_named(question)
    topic = {t for t, _ in content_terms(question)} - _country_tokens() - {"国"}
    japanese = has_japanese(question)
    judged = False
    for sentence, shares in _sentences_sharing(texts, topic):
        if not shares and not _OF_COUNTRIES.search(sentence):
            continue
        if countries_named(sentence) - asked:
            return False
        judged = judged or has_japanese(sentence) == japanese or not shares
    return judged


# "What penalties or disciplinary action do agencies face if they ignore M-25-21?", 「どんな罰則や懲戒処分が
# あるの?」: which penalties, asked by name, are stated in penalty words. Not "are there penalties in the
# Guidelines?" (no: they are soft law, which the passages say), nor "what happens if a system fails the
# minimum practices?" (its use stops), which names none.
PENALTY_ASKED = re.compile(
    r"\b(?:what|which)\b[^?]{0,30}\b(?:penalt(?:y|ies)|sanctions|fines|punishments?|disciplinary)\b"
    r"|(?:どんな|どのような|どういう|いかなる)[^。？?]{0,6}(?:罰則|懲戒|罰金|制裁金|処罰|制裁)"
    r"|(?:罰則|罰金|制裁金|処罰)(?:は|って)(?:何|なに|どう)",
    re.I,
)
_PENALTY = re.compile(
    r"penalt|\bfines?\b(?!-)|\bfined\b|sanction|punish|disciplin|\bimprison|\bcriminal\b|\bliab"
    r"|罰則|罰金|制裁|過料|懲戒|処罰|懲役",
    re.I,
)


def penalty_missing(question: str, texts: list[str]) -> bool:
    """A question that asks for penalties by name, where none of ``texts`` speaks of any."""
    return bool(PENALTY_ASKED.search(question)) and not any(_PENALTY.search(t) for t in texts)


def person_missing(question: str, texts: list[str]) -> bool:
    """An appointment question ("who was appointed to run …", 「最初に任命された…は誰」) that no sentence
    of ``texts`` answers with a person's name next to a word of the question; or a question for the
    holder of an office ("who heads …", 「…の長は誰」) that none answers with a person or an office."""
    appointed = bool(PERSON_ASKED.search(question))
    holder = not appointed and bool(HOLDER_ASKED.search(question))
    if not appointed and not holder:
        return False
    topic = {t for t, _ in content_terms(question)} - _OFFICE_WORDS - _HOLDER_WORDS
    japanese = has_japanese(question)
    judged = False
    for sentence, shares in _sentences_sharing(texts, topic):
        if not shares:
            continue
        if person_names(sentence) or (holder and _OFFICE.search(sentence)):
            return False
        # Only a sentence in the question's language shares its words: an English question about
        # 「本部」 cannot be judged by the Japanese law's sentences.
        judged = judged or has_japanese(sentence) == japanese
    return judged


# "What criminal penalties does …", 「どんな罰則を…」: the thing asked for is the head of the wh-phrase.
_HEAD_EN = re.compile(
    r"\b(?:what|which)\s+(?:[a-z-]+\s+){0,2}?([a-z-]+)\s+"
    r"(?:does|do|did|is|are|was|were|will|would|must|can|could|has|have|shall|should)\b",
    re.I,
)
_HEAD_JA = re.compile(r"(?:どんな|どのような|どういった|いかなる)\s*([\u4e00-\u9fff\u30a0-\u30ff]{2,})")
# "What exactly is the Headquarters in charge of …": an adverb where a head would be; no head at all.
_ADVERB_HEADS = frozenset(["exactly", "precisely", "actually", "really", "specifically", "else"])


def _head_match(question: str) -> re.Match[str] | None:
    """The match of the noun a "what X does …" / 「どんなXを…」 question asks for, if it asks for one."""
    m = _HEAD_JA.search(question) or _HEAD_EN.search(question)
    return None if m is None or m.group(1).casefold() in _ADVERB_HEADS else m


# Heads that name no particular thing: "what kind of content does it cover" is answered by whatever the
# evidence says, in any words.
_VAGUE_HEADS = frozenset(
    [
        *("kind", "kinds", "type", "types", "sort", "sorts", "role", "roles", "purpose", "approach", "way"),
        *("ways", "thing", "things", "content", "contents", "aspect", "aspects", "issue", "issues", "point"),
        *("points", "information", "details", "matters", "steps", "actions", "measures", "position"),
        *("内容", "こと", "もの", "役割", "目的", "取り組み", "取組", "措置", "施策", "対応", "点", "立場"),
    ]
)


def asked_head(question: str) -> str | None:
    """The noun a "what X does …" / 「どんなXを…」 question asks for, or None when it is vague."""
    m = _head_match(question)
    if not m or m.group(1).casefold() in _VAGUE_HEADS:
        return None
    return m.group(1)


def _cited_only(question: str, held: Collection[str]) -> Iterator[str]:
    """The squashed names of the laws, plans and policies the question names that the corpus does not
    hold (see ``detail_missing``), without their owner: the corpus says "AI Continent Action Plan" where
    the question says "EU's AI Continent Action Plan"."""
    for title in named_titles(question):
        name = squash(strip_owner(title))
        if not detect_documents(title) and not any(name in h for h in held):
            yield name


def detail_missing(question: str, texts: list[str], held: Collection[str] = ()) -> bool:
    """A question about what a law the corpus only mentions says ("What penalties does the TAKE IT DOWN
    Act impose?"): where the evidence names the law, it never speaks of the thing asked for, or the
    evidence never names the law.

    The laws and plans the corpus holds in full are answered from their own text; a law it only cites
    (a bill, an act of another country, a US statute) is known by name, and nothing more. ``held`` are
    the squashed titles of the documents the corpus holds ("executiveorder14278—preparing…") and of
    the sections they hold under a heading of their own ("commitment1safetyandsecurityframework")."""
    if _WHEN_ASKED.search(question):
        return _date_missing(question, texts, held)
    head = asked_head(question)
    if not head:
        return False
    wanted = set(tokenize(head))
    if not wanted:
        return False
    japanese = has_japanese(head)
    # Passages that never name the law answer for another one ("penalties" → the AI Act's fines).
    return any(_mentions_say(name, texts, wanted, japanese) is False for name in _cited_only(question, held))


def _sentences_naming(name: str, texts: Collection[str]) -> list[str]:
    """The sentences of ``texts`` that name ``name`` (squashed)."""
    return [text[s:e] for text in texts for s, e in sentence_spans(text) if name in squash(text[s:e])]


def _mentions_say(name: str, texts: Collection[str], wanted: set[str], japanese: bool) -> bool | None:
    """Whether a sentence of ``texts`` naming ``name`` (squashed) has a word of ``wanted``; None when a
    sentence naming it is in the other language, which cannot be judged by its words (the Japanese
    report speaks of an English-named plan in Japanese)."""
    mentions = _sentences_naming(name, texts)
    if any(has_japanese(m) != japanese for m in mentions):
        return None
    # The title's own words say nothing of its content: a reference to 「AI が意識を持つと社会はどうなる
    # のか:リスクと対策」 does not say which risk measures it recommends.
    return any(wanted & set(tokenize(_TITLE_SPAN.sub(_blank_title(name), m))) for m in mentions)


_TITLE_SPAN = re.compile(r"[「『“\"'‘][^」』”\"'’]{2,200}[」』”\"'’]")


def _blank_title(name: str) -> Callable[[re.Match[str]], str]:
    return lambda m: " " if name in squash(m.group(0)) else m.group(0)


# Numbers written out in the periods the sources give ("within two weeks", "ninety days").
_SPELLED_NUMBER = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|sixty|ninety"
    "|hundred"
)
# A period in English: "15 days", "four weeks", "ten working days".
_EN_PERIOD = (
    rf"\b(?:\d+|{_SPELLED_NUMBER})[ -](?:business |calendar |working )?"
    r"(?:hours?|days?|weeks?|months?|years?)\b"
)
# A date or a period: a year, an era, a month, or a count of days, weeks, months or years.
# "When was the 「データ利活用制度基本方針」 adopted?": a date, or a period ("by when must a signatory
# have confirmed its Framework?" — "within four weeks"). A passage that names the plan and gives
# neither does not date it (「データスペース(14 分野)」 counts fields, not time).
_DATE_OR_PERIOD = re.compile(
    r"(?:19|20)\d\d|令和|平成|[0-9０-９一二三四五六七八九十]+\s*(?:日|週間|か月|ヶ月|箇月|カ月|月|年)"
    rf"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|{_EN_PERIOD}",
    re.I,
)

# 「何日以内」「何年間」「何か月」: a length of time, stated as one in either language ("within 15 days",
# 「十年間」), not as a date (「7 月 23 日」) nor as a paragraph number (「２　人工知能基本計画は」).
# English "how long" is left out: its passages almost always state some period (measured on dev).
# 「任期は何年?」「保存期間は最長で何年?」: after a term or a period 何年 asks how many years, not
# which year.
_JA_DURATION_ASKED = re.compile(
    r"何(?:日間|日以内|日まで|週間|か月|ヶ月|カ月|箇月|年間|時間)(?!も)"
    r"|(?:任期|期間|期限)(?:は|って|が)?(?:最長|最短|原則)?(?:で|として)?何年"
)
_DURATION = re.compile(
    rf"[0-9０-９一二三四五六七八九十百]+\s*(?:日(?!本)|週間|か月|ヶ月|カ月|箇月|年間|時間)|{_EN_PERIOD}", re.I
)

# An age asked for ("What minimum age …?", 「何歳から?」) is answered by a sentence that states one ("below
# the age of 18", "16-year-olds", 「18歳未満」), not by one that speaks of "children" or "age categories".
_AGE_ASKED = re.compile(
    r"\bhow old\b|\b(?:minimum|maximum|what|which) ages?\b"
    r"|\bage (?:limit|threshold|cut-?off|requirement|bracket|range)s?\b"
    r"|何歳|年齢(?:制限|要件|の(?:下限|上限))",
    re.I,
)
_AGE = re.compile(
    r"\b\d{1,2}\s*(?:years? (?:of age|old)|-years?-olds?)\b|\bage(?:d| of)?\s+\d{1,2}\b"
    r"|\d{1,2}\s*歳|満\s*\d{1,2}",
    re.I,
)

# "How often …?", 「何年ごとに見直すの?」: a frequency, stated as one ("every 12 months", "twice a year",
# "at least annually", 「年 2 回」「3 年ごと」), not a deadline ("within 365 days") nor an adjective
# ("the annual AI use case inventory"). Asked, not talked about: "is there reporting on how often it's
# used?" asks whether there is reporting.
_FREQUENCY_ASKED = re.compile(
    r"(?<!\bon )(?<!\babout )(?<!\bof )\bhow (?:often|frequently|regularly)\b"
    r"|\bat what (?:intervals?|frequency)\b"
    r"|何(?:年|か月|ヶ月|カ月|箇月|週間|日)(?:ごと|おき|毎)|(?:どの|どれ)(?:くらい|ぐらい)の(?:頻度|間隔)",
    re.I,
)
_FREQUENCY = re.compile(
    rf"\b(?:every|each)\s+(?:(?:\d+|{_SPELLED_NUMBER}|other)\s+)?"
    r"(?:hours?|days?|weeks?|months?|years?|quarters?)\b"
    r"|\b(?:once|twice|thrice|\d+ times)\s+(?:a|per|every|each)\b"
    r"|\b(?:annually|yearly|quarterly|monthly|biennially)\b"
    r"|\bper (?:year|annum|month)\b|\bwhichever is (?:sooner|earlier)\b"
    r"|毎年|毎月|年\s*[0-9０-９一二三四五六七八九十]+\s*回|[0-9０-９一二三四五六七八九十]+\s*(?:年|か月|ヶ月|カ月|箇月|週間|日)\s*(?:ごと|おき|毎)",
    re.I,
)

# "By what date must …", 「いつまでに」, a deadline: the passages an answer quotes from give none — no
# date, no period, not even "without delay" — where the plan asks for something and sets no date
# ("By what date does the Action Plan require GSA's AI procurement toolbox to be up and running?").
# Only the passages a factual answer draws on (all eight): fewer refused answerable questions on dev.
_DEADLINE_ASKED = re.compile(
    r"\bby (?:what|which) (?:date|day|month|year|time)\b|\bby when\b|\bdeadlines?\b"
    r"|いつまでに|期限|締め?切り",
    re.I,
)
_PROMPTLY = re.compile(
    r"\b(?:no|not) later than\b|\bwithout (?:undue )?delay\b|\bimmediately\b|\bpromptly\b"
    r"|直ちに|遅滞なく|速やかに",
    re.I,
)


def _date_missing(question: str, texts: list[str], held: Collection[str]) -> bool:
    """A "when" question about a plan, bill or policy the corpus only mentions, where no passage that
    names it gives a date or a period (a document the corpus holds carries its own date). A question
    naming a policy document the corpus holds asks about that document's own terms ("by when must a
    signatory have confirmed its Safety and Security Framework?" — the Code's), answered in its text."""
    if policy_documents(detect_documents(_MENTIONED_BY.sub(" ", question))):
        return False
    # "On what date …": a year ("Pub. L. No. 119-12 … (2025)") does not answer it.
    dated = _DAY_OF_MONTH if _DAY_ASKED.search(question) else _DATE_OR_PERIOD
    for name in _cited_only(question, held):
        # Passages, not sentences: the Code's "confirm the Framework … no later than four weeks" does
        # not repeat the Framework's full name.
        mentions = [text for text in texts if name in squash(text)]
        if mentions and not any(dated.search(m) for m in mentions):
            return True
    return False


# Where a question says which held document mentions what it asks about ("the TAKE IT DOWN Act that the
# AI Action Plan mentions", 「行動計画で言及されている…」): the document is where the name was read, not
# what is asked about.
_MENTIONED_BY = re.compile(
    r"\b(?:that|which|as) (?:the |its )?[\w\s'’.-]{2,60}? (?:mentions|mentioned|cites|cited|refers to|"
    r"referred to|names|calls for|talks about)\b"
    r"|[^、。？?]{2,40}?(?:で|が|に)(?:言及|触れ|出てく|登場|挙げ)[^、。？?]{0,10}?(?:る|た)(?=\S)",
    re.I,
)
# "On what date", "the exact date", 「何月何日」「日付」: a day, not a year or a month.
_DAY_ASKED = re.compile(
    r"\b(?:on )?(?:what|which) (?:exact )?date\b|\bexact date\b|何月何日|何日に|日付", re.I
)
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_DAY_OF_MONTH = re.compile(
    rf"\b\d{{1,2}}\s+(?:{_MONTHS})[a-z]*\.?\s|\b(?:{_MONTHS})[a-z]*\.?\s+\d{{1,2}}\b"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*日|\b\d{1,2}\.\d{1,2}\.(?:19|20)\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b",
    re.I,
)


# A version of a document ("Ver 1.2", 「第1.2版」, "version 2.0"): the corpus holds the versions it spells.
VERSION = re.compile(r"(?:\bver(?:sion)?\.?\s*|\bv|第\s*)(\d+\.\d+)(?!\.?\d)|(\d+\.\d+)\s*版", re.I)


def versions_named(text: str) -> set[str]:
    """The version numbers ``text`` names ("1.2" of 「第1.2版」 and of "Ver1.2")."""
    return {m.group(1) or m.group(2) for m in VERSION.finditer(unicodedata.normalize("NFKC", text))}


# A month named with its year: 「2025年11月」, "November 2025", "3 November 2025", "2025-11-03". A deadline
# ("by December 2026", 「2026年12月までに」) asks what the sources require, not what happened then.
_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september"]
_MONTH_NAMES += ["october", "november", "december"]
_EN_MONTH = "|".join(_MONTH_NAMES)
MONTH = re.compile(
    rf"(?P<ja_y>20\d\d)\s*年\s*(?P<ja_m>\d{{1,2}})\s*月(?P<ja_by>\s*(?:\d{{1,2}}\s*日\s*)?まで)?"
    rf"|(?:\b\d{{1,2}}\s+)?\b(?P<en_m>{_EN_MONTH})\s+(?:\d{{1,2}},?\s+)?(?P<en_y>20\d\d)\b"
    r"|\b(?P<iso_y>20\d\d)-(?P<iso_m>\d\d)(?:-\d\d)?\b",
    re.I,
)
_EN_BY = re.compile(r"\b(?:by|until|till|before|no later than)\s+$", re.I)


def months_named(text: str, deadlines: bool = False) -> set[tuple[int, int]]:
    """The (year, month) pairs ``text`` names; a question's deadlines are left out unless ``deadlines``
    (a source's "by 2 August 2028" is a month it speaks of)."""
    text = unicodedata.normalize("NFKC", text)
    out: set[tuple[int, int]] = set()
    for m in MONTH.finditer(text):
        by = m.group("ja_by") or _EN_BY.search(text[max(0, m.start() - 16) : m.start()])
        if by and not deadlines:
            continue
        if m.group("ja_y"):
            year, month = int(m.group("ja_y")), int(m.group("ja_m"))
        elif m.group("en_y"):
            year, month = int(m.group("en_y")), _MONTH_NAMES.index(m.group("en_m").lower()) + 1
        else:
            year, month = int(m.group("iso_y")), int(m.group("iso_m"))
        if 1 <= month <= 12:
            out.add((year, month))
    return out


# Who holds an office is judged on the top passages only: a follow-up on the AI Board's chair must not be
# refused on the report's sentence about the FTC's former chair further down.
PERSON_TEXTS = 3


def answer_missing(question: str, texts: list[str], held: Collection[str] = ()) -> str | None:
    """What a question asks for that none of ``texts`` states: "outcome" (what came of a plan later),
    "age", "count", "frequency", "duration", "votes", "target", "person", "countries", "detail" or
    "penalty" (a sum of money is judged on the answer's candidate sentences instead), or None.
    ``held``: see ``detail_missing``."""
    if outcome_asked(question):
        return "outcome"
    if _AGE_ASKED.search(question):
        # Before the count: 「年齢区分はいくつあって、それぞれ何歳から何歳まで?」 asks for ages, which
        # "multiple age categories" does not give.
        return None if any(_AGE.search(t) for t in texts) else "age"
    counted = count_asked(question)
    if counted:
        return None if any(counted.stated_in(t) for t in texts) else "count"
    if _FREQUENCY_ASKED.search(question):
        return None if any(_FREQUENCY.search(t) for t in texts) else "frequency"
    if _JA_DURATION_ASKED.search(question):
        return None if any(_DURATION.search(_DAY_OF_MONTH.sub(" ", t)) for t in texts) else "duration"
    if _DEADLINE_ASKED.search(question):
        return None if any(_DATE_OR_PERIOD.search(t) or _PROMPTLY.search(t) for t in texts) else "deadline"
    if _VOTES_ASKED.search(question):
        return None if any(_VOTES.search(t) for t in texts) else "votes"
    if _TARGET_ASKED.search(question):
        return None if any(_FIGURE.search(t) for t in texts) else "target"
    if person_missing(question, texts[:PERSON_TEXTS]):
        return "person"
    if countries_missing(question, texts[:PERSON_TEXTS]):
        return "countries"
    if signer_missing(question, texts):
        return "person"
    if (
        unheld_order_asked(question, held)
        or unheld_report_asked(question, texts)
        or cited_content_asked(question, held, texts)
    ):
        return "detail"
    if detail_missing(question, texts, held):
        return "detail"
    if penalty_missing(question, texts[:PERSON_TEXTS]):
        return "penalty"
    return None


# What a document the corpus only cites says: "What stages are those NCSC guidelines organised
# around?", 「「…チェックリスト&ガイダンス」って、具体的にどんな項目を…」. The corpus holds its title (in a
# footnote, a list of references), not its text. A question that asks what a held document says of it
# ("What does the Action Plan want done to the NIST AI RMF?") is answered from the held document.
_CONTENT_ASKED = re.compile(r"\b(?:what|which|how)\b|何|どんな|どのような|どういう|具体的|内容|成果", re.I)
# Who issued a cited document, and when, is what a citation of it says ("'Social Principles of Human-
# Centric AI' (Cabinet Office, 2019)").
_ISSUER_ASKED = re.compile(
    r"\bwho\b|\bwhom\b|\bby which\b"
    r"|\bwhich (?:body|bodies|agency|agencies|organi[sz]ations?|ministry|office)\b|誰|どこが|どの機関|どの省",
    re.I,
)


_POINTING_BACK = re.compile(
    rf"\b(?:that|this|those|these)\s+(?:[A-Z][\w-]*\s+)?({DOCUMENT_KINDS_EN}|order|memo|law|act|bill"
    r"|statement|declaration|communiqu[eé])\b",
    re.I,
)


def cited_content_asked(question: str, held: Collection[str], texts: Collection[str] = ()) -> str | None:
    """The squashed name of a document the corpus only cites whose content the question asks for, or
    None (``held``: see ``detail_missing``). A passage of ``texts`` that names the document and the
    thing asked for answers it ("The TAKE IT DOWN Act imposes criminal penalties")."""
    asking = question_focus(question) or question
    if detect_documents(asking) or not _CONTENT_ASKED.search(asking):
        return None
    if _WHEN_ASKED.search(asking) or _ISSUER_ASKED.search(asking):
        return None
    said = squash(asking)
    m = _head_match(asking)
    if m and m.group(1).casefold() in _VAGUE_HEADS:
        return None  # "what kind of content does it cover" is answered by what the mention says
    wanted = set(tokenize(m.group(1))) if m else set()
    for name in _cited_only(question, held):
        # The document must be what the asking sentence is about: named there, or pointed back to
        # ("those NCSC guidelines"). A premise's memo that "it" replaced is not ("M-24-10 was revised.
        # What replaced it?").
        if not (name in said or _points_back_to(asking, name)):
            continue
        # A mention that says the thing asked for answers it; one in the other language cannot be judged.
        said_there = _mentions_say(name, texts, wanted, has_japanese(asking))
        if said_there is None or (wanted and said_there):
            continue
        return name
    return None


# Who signed a document: "Who actually signed OMB memo M-25-22?", 「誰が署名したの?」.
_SIGNER_ASKED = re.compile(
    r"\bwho\b[^?.]{0,40}\bsigned\b|(?:誰|だれ)が[^。？?]{0,10}署名|署名(?:者|したのは)", re.I
)


# A kind of document without a name: "Executive Order" of "Executive Order 14179".
_KIND_ONLY = re.compile(
    r"^(?:(?:the|an?|executive|presidential|federal|omb)\s+)*(?:order|memorandum|memo|act|plan|directive|rule"
    r"|law|regulation)s?$",
    re.I,
)


def signer_missing(question: str, texts: Collection[str]) -> bool:
    """Who signed a document the corpus only cites ("M-25-22"), where no sentence of ``texts`` naming it
    names a person: a citation gives a memo's number, title and date, not its signatory; the documents
    the corpus holds carry their own signature."""
    asking = question_focus(question) or question
    if not _SIGNER_ASKED.search(asking):
        return False
    # Not ``_cited_only``: a press article on M-25-21 and M-25-22 holds M-25-22 by name in its title.
    held = detect_documents(asking)  # "Executive Order 14179": its number is a title of its own
    titles = [t for t in named_titles(asking) if not detect_documents(t) and not _KIND_ONLY.match(t)]
    for name in (squash(strip_owner(t)) for t in titles if not any(squash(t) in d for d in held)):
        if not any(person_names(m) for m in _sentences_naming(name, texts)):
            return True
    return False


def _points_back_to(asking: str, name: str) -> bool:
    """Whether ``asking`` refers back to a document called ``name`` (squashed) by the kind of document it
    is: "those NCSC guidelines" to 'Guidelines for secure AI system development'."""
    for m in _POINTING_BACK.finditer(asking):
        kind = m.group(1).casefold().rstrip("s")
        if kind and kind in name:
            return True
    return False


# "What does Executive Order 14156 … actually direct agencies to do?", 「大統領令14117号は何を定めている?」:
# what an order says. The corpus holds a few orders in full and cites others by number and date only
# ("consistent with EO 14156"), which tells when it was signed and what it is called, not what it says.
_ORDER_CONTENT_ASKED = re.compile(
    r"\b(?:what|which)\b[^?]{0,20}\b(?:does|did)\b[^?]{0,40}?(?:Executive Order|EO)\s*(?P<en>1\d{4})"
    r"[^?]{0,60}\b(?:direct|require|say|do|mandate|order|establish|contain|provide)\b"
    r"|大統領令\s*(?P<ja>1\d{4})\s*号[^。？?]{0,30}(?:何を|どんな|内容)",
    re.I,
)


# A numbered report of a series ("IISE report No.7", 「調査研究レポートNo.7」): the corpus holds No.8 and
# cites others by title; a number no passage found mentions is a document it does not have.
_NUMBERED_REPORT = re.compile(r"(?:レポート|\breport)\s*(?:No\.?|第)\s*(?P<n>\d+)", re.I)


def unheld_report_asked(question: str, texts: list[str]) -> str | None:
    """The number of a numbered report the question names that none of ``texts`` mentions, or None."""
    said = squash(" ".join(texts))
    for m in _NUMBERED_REPORT.finditer(unicodedata.normalize("NFKC", question)):
        if f"no.{m.group('n')}" not in said:
            return m.group("n")
    return None


def unheld_order_asked(question: str, held: Collection[str]) -> str | None:
    """The number of an executive order whose content the question asks about and that none of the
    documents held is (``held``: see ``detail_missing``), or None."""
    for m in _ORDER_CONTENT_ASKED.finditer(unicodedata.normalize("NFKC", question)):
        number = m.group("en") or m.group("ja")
        if not any(number in title for title in held):
            return number
    return None


# "How many days must a provider …": a modal or auxiliary verb ends the counted noun phrase too.
_VERBS_AFTER_COUNT = frozenset(
    {"must", "shall", "should", "can", "could", "may", "might", "will", "would", "need", "needs"}
    | {"have", "has", "had", "was", "were", "get", "gets", "got"}
)


def count_asked(question: str) -> CountAsked | None:
    """The counted thing of a "how many …" / 「何件…」 question, or None for any other question."""
    if sum_asked(question):
        return None  # a sum of money: MONEY_FIGURE decides
    m = _JA_UNIT_ASKED.search(question)
    if m:
        return CountAsked(counter=m.group(1))
    m = _JA_COUNTER.search(question)
    if m:
        counter = m.group(2) or m.group(3) or m.group(4) or ("人" if m.group(5) else "")
        return CountAsked(counter=counter, thousands=bool(m.group(1)))
    if _HOW_MANY_JA.search(question):
        return CountAsked(counter="つ")
    m = _HOW_MANY.search(question)
    if not m:
        return None
    words: list[str] = []
    for w in m.group(1).lower().split()[:6]:
        if w in EN_STOPWORDS or w in _VERBS_AFTER_COUNT:  # "did", "of", "must": the noun phrase has ended
            break
        words.append(w)
    if not words:
        return None
    noun = words[-1]
    # "policies" → "polic", "cases" → "case": the stem matches singular and plural.
    if noun.endswith("ies"):
        noun = noun[:-3]
    elif noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3:
        noun = noun[:-1]
    return CountAsked(noun=noun)


# "What is high-impact AI?", "How does EO 14110 define …", 「ハイインパクトAIとは何?」: a definition answers.
DEFINITION_ASKED = re.compile(
    # "What is high-impact AI?", not "What is the deadline …?" nor "What are models evaluated for?"
    r"^\s*what (?:is|are) (?:an? )?(?!the\b)(?![^?]*\b\w+(?:ed|ing)\b)[^,?]{3,60}\?\s*$"
    r"|\bdefin(?:e|es|ed|ition)\b|\bmean by\b"
    r"|\bwhat does [^?]{3,40} mean\b|とは(?:何|なに|なん|どういう|どんな|\?|？)|の定義",
    re.I,
)
# A question about a document itself rather than what it says: who wrote or issued it, and when.
ABOUT_DOCUMENT = re.compile(
    r"\bwho (?:wrote|authored|issued|signed|prepared|published)\b|\bpublication date\b"
    # The author asked for, not the author as the one who says or thinks what is asked ("which workers
    # does the author have in mind?", "papers by its own author").
    r"|\bwho (?:is|are|was|were)\b[^?.]{0,40}\bauthors?\b|\bnames? of (?:the |its )?authors?\b"
    r"|\bwhen (?:was|were|did) [^?]{1,60}? (?:published|issued|released|signed|"
    r"written|promulgated|come out"
    # "When did the AI Promotion Act pass?": a law's cover dates it ("Act No. 53 of June 4, 2025").
    r"|passed|enacted|pass|enact)\b"
    r"|(?:筆者|著者|執筆者|作成者)(?:は|って|の名前は?)?\s*(?:誰|だれ|どなた|を教えて)"
    # 「…レポートNo.8の著者は?」: the question ends where it asks.
    r"|(?:筆者|著者|執筆者|作成者)(?:は|って)\s*[?？]?\s*$"
    r"|発行(?:者|元|日|され)|いつ(?:の|に)?(?:公表|発表|発行|公布|出|成立)",
    re.I,
)
# Another document a question's cover words may be about: "Who wrote the NIST deepfake study that the
# Action Plan wants …", "Which executive order set that council up, and when was it signed?", 「中間
# とりまとめって、いつ公表されたの?」. Its cover is not in the corpus; the named document's is.
_OTHER_DOCUMENT = re.compile(
    r"\b(?:study|studies|paper|article|document|executive order|order|memo|memorandum|guidance|bill"
    # "When did the skeleton draft of Japan's AI Basic Plan come out …, and how does the report's table
    # flag …": a plan the corpus does not hold (the report names it); its cover is not the report's.
    r"|drafts?|plans?|strateg(?:y|ies))\b"
    r"|大統領令|とりまとめ|取りまとめ|論文|報告書|文書|法案|骨子|たたき台|計画|戦略",
    re.I,
)
_MEMO_KIND = re.compile(r"\b(?:memo|memorandum)\s+(?=M-\d)|(?<=\d)\s+(?:memo|memorandum)\b", re.I)
_MEMO_WORD = re.compile(r"\b(?:memo|memorandum)\b", re.I)
_PHRASE_END = re.compile(r",|、|\?|？|\b(?:and|that|which|who)\b")
_CLAUSE_END = re.compile(r"(?<=[?？。!！])\s*|(?<=\.)\s+(?=[A-Z])")


def about_named_document(question: str, named: list[str]) -> bool:
    """Whether the question's "who wrote / when was it published" asks it of a document it names (whose
    cover answers), rather than of another document it mentions. The asking sentence must name one of
    ``named`` and no other document where it asks ("who wrote the NIST study that the plan wants …"),
    or be the whole question and speak of none ("When was it published?", a follow-up)."""
    clauses = [c for c in _CLAUSE_END.split(question) if c.strip()]
    for clause in clauses:
        m = ABOUT_DOCUMENT.search(clause)
        if not m:
            continue
        names = sorted(set(detect_documents(clause)) & set(named))
        if not names:
            return len(clauses) == 1 and not _OTHER_DOCUMENT.search(clause)
        # What the asking words are about: "when was <it> published", "who wrote <it>" up to where its
        # noun phrase ends ("the author of IISE report No.8, and which larger study …" is the report's).
        after = _PHRASE_END.split(clause[m.end() : m.end() + 60], maxsplit=1)[0]
        phrase = clause[m.start() : m.end()] + after
        if has_japanese(m.group(0)):
            # In Japanese the subject comes first: 「人工知能基本計画の骨子はいつ公表」.
            phrase = re.split(r"[、,]", clause[: m.start()])[-1][-60:] + phrase
        if any(n.startswith("omb-") for n in names):
            # The memo's own kind beside its number ("OMB memo M-25-21") is no other document; "the memo
            # that M-25-21 replaced" is. A phrase that gives the number names that memo however it words
            # it ("who signed the OMB memo on federal agencies using AI (M-25-21)").
            phrase = (
                _MEMO_WORD.sub(" ", phrase) if MEMO_NUMBER.search(phrase) else _MEMO_KIND.sub(" ", phrase)
            )
        asked = strip_documents(phrase, names)
        if any(n.startswith("eo-") for n in names):
            # The order's own name ("Executive Order 14179", 「大統領令14179号」) is no other document.
            asked = re.sub(r"\b(?:executive )?order\b|大統領令\s*号?", " ", asked, flags=re.I)
        return not _OTHER_DOCUMENT.search(asked)
    return False


# "What does the AI Strategic Headquarters do?", "What are the Board's tasks?", 「AI戦略本部は何をするの?」,
# 「国の責務は?」: what a body or party is there to do. Its law says so in a part of its own
# (「第二十条（所掌事務）」, "Article 66 — Tasks of the Board", 「第五条（地方公共団体の責務）」), in
# words the question seldom uses (「つかさどる」, "is responsible for the following affairs").
FUNCTIONS_ASKED = re.compile(
    r"\bwhat (?:does|do|will|is|are) (?:the |a |an |each |its |their |japan['’]s |the eu['’]s )?"
    r"[\w'’ -]{2,60}? (?:do|for|in charge of|responsible for|supposed to do)\s*\??\s*$"
    r"|\b(?:roles?|tasks?|functions?|duties|responsibilit(?:y|ies)|mandate)\b"
    r"|何を(?:する|やる|担|行う|して)|何する|役割|任務|所掌|責務|つかさど|司る|どんな(?:仕事|事務)",
    re.I,
)
# The part of a law or memo that says what a body or party is there to do.
FUNCTIONS_HEADING = re.compile(
    r"所掌事務|責務|\btasks? of\b|\bresponsibilit(?:y|ies)\b|\baffairs under\b|\broles and bodies\b", re.I
)
# A definitions section ("Article 3 — Definitions", 「第二条（定義）」, "5. DEFINITIONS").
DEFINITIONS_HEADING = re.compile(r"definition|定義", re.I)
# "When does the AI Act apply?", "From when do the GPAI rules apply?", 「AI推進法はいつ施行されるの?」:
# when a law, or a part of it, takes effect. Its final provisions say so ("Article 113 — Entry into force
# and application", 附則「第一条（施行期日）」), in words the part's own articles do not use: "When does
# Article 50 apply?" quoted Article 50's "This obligation shall not apply to …".
_TAKES_EFFECT = (
    r"(?:apply|applies|applied|applicable|application|take effect|takes effect|took effect"
    r"|(?:come|comes|came|enter|enters|entered|go|goes|went) into (?:effect|force)|in (?:effect|force)"
    r"|effective|kick in|kicks in)"
)
APPLICATION_ASKED = re.compile(
    rf"\b(?:when|what date|which date|from (?:when|what date)|since when|by when|how (?:long|soon) until"
    rf"|timeline|timetable)\b[^?.]{{0,80}}\b{_TAKES_EFFECT}\b"
    rf"|\b{_TAKES_EFFECT}\b[^?.]{{0,30}}\b(?:when|from what date|on what date)\b"
    r"|(?:いつ|何年|何月|何日|時期|日程|スケジュール)[^。？?]{0,20}(?:適用|施行|発効|効力)"
    r"|(?:適用|施行|発効|効力を?(?:持|生じ))[^。？?]{0,20}(?:いつ|何年|何月|何日|時期|日程|スケジュール)",
    re.I,
)
# A sentence that says when something applies ("It shall apply from 2 August 2026.", 「公布の日から施行
# する。」), not the signature or "binding in its entirety and directly applicable" of the same article.
STATES_APPLICATION = re.compile(
    r"\b(?:apply|applies|shall apply)\b|\b(?:into|in) (?:force|effect)\b|施行|適用|効力を(?:有|生)", re.I
)
# The provision saying when a law applies: "Entry into force and application", "(Effective Date)", 施行期日.
APPLICATION_HEADING = re.compile(r"entry into force|effective date|施行期日", re.I)
# "What are high-risk AI systems?": a law that never defines a term may say what falls under it, in a
# part headed so ("Article 6 — Classification rules for high-risk AI systems", 「…の分類」).
CLASSIFICATION_HEADING = re.compile(r"\bclassification\b|\bclassified\b|分類", re.I)
# The shapes of a definition in law and policy text: "'AI system' means …", 「…とは、…をいう。」.
DEFINES = re.compile(
    r"\bmeans\b|\bis defined as\b|\brefers? to\b|\bshall mean\b|をいう[。）)]|とは、|と定義"
    # … or of a classification: "that AI system shall be considered to be high-risk where …".
    r"|\b(?:shall|is|are) (?:be )?(?:considered|classified|deemed|presumed) (?:to be |as )|とみな",
    re.I,
)


# Questions whose answer is a date, a count, a threshold or a duration, and what such an answer holds.
WANTS_NUMBER = re.compile(
    r"\b(?:when|what (?:date|year|day)|which (?:date|year|day)s?|from (?:which|what) dates?|by when|how "
    r"(?:many|long|soon|often|large|big)|threshold|deadline|time ?limit|within how|target|goal)\b"
    r"|いつ|何日|何年|何月|何か月|何ヶ月|何カ月|何件|何人|何社|いくつ|幾つ|どのくらい|どれくらい|どれだけ|期限|期日|閾値|しきい値|何倍|目標",
    re.I,
)
# A figure, or a spelled-out period: "within two weeks", "fifteen days", 「三箇月」.
NUMBER = re.compile(
    rf"[0-9０-９]|[一二三四五六七八九十百千]+(?:箇月|か月|ヶ月|日|年|週間|人|件)"
    rf"|\b(?:{_SPELLED_NUMBER})\b[ -](?:\w+[ -])?(?:hours?|days?|weeks?|months?|years?)\b",
    re.I,
)


# A reference to a document or a part of one: its digits are no figure that answers "how long" or
# "how many" ("… inform providers in accordance with Article 72", 「第十三条」, "Regulation (EU) 2024/1689").
_PART_REFERENCE = re.compile(
    r"\b(?:Articles?|Annex(?:es)?|(?:sub)?paragraphs?|points?|Sections?|Sec\.|Chapters?|Recitals?|Appendix"
    r"|Commitments?|Measures?|Footnotes?|Executive Order|E\.\s?O\.|Circular No\.)\s*[0-9IVXL]+[0-9A-Za-z().]*"
    r"(?:\s*(?:,|and|or|to)\s*(?:points?\s*)?[0-9IVXL]+[0-9A-Za-z().]*)*"
    r"|\b(?:Regulation|Directive|Decision)s?\s*(?:\((?:EU|EC|EEC|Euratom)\)\s*)?(?:No\s*)?[0-9]+/[0-9]+(?:/[A-Z]+)?"
    r"|\bM-[0-9]{2}-[0-9]{2}\b|\[\^?[0-9]+\]"
    r"|第[0-9０-９一二三四五六七八九十百]+(?:条|項|号|章|節|款)(?:の[0-9０-９一二三四五六七八九十]+)*",
    re.I,
)


def states_figure(text: str) -> bool:
    """Whether ``text`` gives a figure, a date or a spelled-out period (``NUMBER``) other than in a
    reference to a document or a part of one."""
    return bool(NUMBER.search(_PART_REFERENCE.sub(" ", text)))


# The kinds of document part a front matter says a copy leaves out, with the words a question uses for
# each ("the copyright chapter", 「透明性の章」, 「ガイドラインの別添」).
_PART_KINDS: dict[str, re.Pattern[str]] = {
    "chapter": re.compile(r"\bchapters?\b|(?<![文憲勲楽])章"),
    "appendix": re.compile(r"\bappendi(?:x|ces)\b|別添|付録|別冊"),
    "annex": re.compile(r"\bannex(?:es)?\b|附属書|別表"),
    "figure": re.compile(r"\bfigures?\b|図表"),
}
# Words of a part's description that say nothing of which part it is ("the separate Appendix volume").
_PART_FILLER = frozenset(["separ", "volum", "whole", "entir", "full"])
_BRACKETED = re.compile(r"[(（]([^()（）]+)[)）]")


def left_out_part_asked(question: str, terms: Collection[str], parts: Collection[str]) -> str | None:
    """The part of a named document, left out of its copy, that the question asks about ("What does the
    copyright chapter of the GPAI Code require?" when only its Safety and Security chapter is held), or
    None. ``terms``: the question's keyword stems with their translations (透明性 → "transpar"); a part is
    asked when its kind is named (a word of the kind, or the part's own bracketed name such as 「別添」)
    and every other word of its description is among ``terms``."""
    text = unicodedata.normalize("NFKC", question).casefold()
    for part in parts:
        aliases = [a.strip().casefold() for a in _BRACKETED.findall(part)]
        words = set(tokenize(_BRACKETED.sub(" ", part))) - _PART_FILLER
        kinds = [k for k in _PART_KINDS if k in words]
        if any(a and a in text for a in aliases):
            return part
        for kind in kinds:
            if not _PART_KINDS[kind].search(text):
                continue
            if words - {kind} <= set(terms):
                return part
        if not kinds and words and words <= set(terms):
            return part
    return None


# What follows a breach: "what happens if a provider doesn't comply?", 「違反したらどうなる?」. The answer is
# in a law's penalty provisions, whose words ("fines", 「罰則」) the question does not use.
CONSEQUENCE_ASKED = re.compile(
    r"違反したら|違反した場合|違反すると|守らなかったら|従わなかったら|守らなかった場合|従わなかった場合"
    r"|違反への(?:罰則|制裁)"
    r"|\bwhat happens if\b[^?]{0,80}(?:\bnot\b|n't\b|\bbreach|\bviolat|\bbreak|\bignor|\bfail)"
    r"|\bif (?:a |an |the |they |it |you |we )?[\w-]*\s?"
    r"(?:breaks?|breach(?:es)?|violates?|ignores?|fails? to comply)\b"
    r"|\b(?:consequences?|sanctions?) (?:of|for) "
    r"(?:breaking|breaching|violating|not complying|non-compliance)\b",
    re.I,
)
# The words of penalty provisions, in both languages, added to such a question's keyword query.
CONSEQUENCE_WORDS = "penalties fines infringements non-compliance 罰則 制裁金 過料"
