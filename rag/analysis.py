"""Question analysis: language, jurisdictions and documents named, comparative intent, content terms."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ingest.document import detect_language
from rag.section_refs import SectionRef, parse_section_refs


class Intent(StrEnum):
    FACTUAL = "factual"
    COMPARATIVE = "comparative"


JURISDICTION_ORDER = ["US", "EU", "JP"]
JURISDICTION_LABELS = {
    "ja": {"US": "米国", "EU": "EU", "JP": "日本", "US-NY": "米国ニューヨーク州"},
    "en": {"US": "United States", "EU": "European Union", "JP": "Japan", "US-NY": "New York State (US)"},
}

# "AI Act" and 「AI法」 are the EU's, unless Japan's ("Japan's AI Act", 「日本のAI法」, 「AI法案」): for the
# jurisdiction and for the document alike.
_EU_AI_ACT_EN = r"(?<!japan's )(?<!japan’s )(?<!japanese )\bai act\b"
_EU_AI_ACT_JA = r"(?<!日本の)(?<!日本)ai法(?!案)"

# Surface forms → jurisdiction. Checked on NFKC-casefolded text; English forms on word boundaries.
_JURISDICTION_PATTERNS: dict[str, list[str]] = {
    "US": [
        r"\bunited states\b",
        r"\bamerica(?:n|'s)?\b",
        r"\bwhite house\b",
        r"\btrump\b",
        r"\bbiden\b",
        r"\bomb\b",
        r"\bm-25-2[12]\b",
        r"\bexecutive orders?\b",
        r"\beo ?1\d{4}\b",
        r"\bnist\b",
        r"\bfederal\b",
        r"\bamerica's ai action plan\b",
        r"\b(?:trans)?atlantic\b",  # "on both sides of the Atlantic": the US and the EU
        r"米国",
        r"アメリカ",
        r"米政府",
        r"大統領令",
        r"ホワイトハウス",
        r"トランプ",
        r"バイデン",
        r"連邦",
        r"行動計画",
        # 「欧米では」: Europe and America, as a Japanese asker says both at once.
        r"欧米",
        r"米欧",
        r"日米",
        r"米欧日",
        r"日米欧",
    ],
    "EU": [
        r"\beu\b",
        r"\beuropean?\b",
        r"\beurope\b",
        _EU_AI_ACT_EN,
        r"\bbrussels\b",
        r"\b(?:trans)?atlantic\b",
        r"\bcode of practice\b",
        r"\bgpai\b",
        r"\bai office\b",
        # Not the US's and Japan's own commissions ("Federal Trade Commission", "Personal Information
        # Protection Commission").
        r"(?<!trade )(?<!communications )(?<!protection )(?<!exchange )(?<!regulatory )\bcommission\b",
        r"欧州",
        # The corpus writes 欧州 only; askers say ヨーロッパ (「ヨーロッパではもう禁止されてるの?」).
        r"ヨーロッパ",
        r"ブリュッセル",
        r"欧米",
        r"ＥＵ",
        r"欧州連合",
        _EU_AI_ACT_JA,
        r"ai規則",
        r"米欧",
        r"日米欧",
        r"米欧日",
        r"日欧",
        r"実践規範",
    ],
    "JP": [
        r"\bjapan(?:ese)?\b",
        r"\bmeti\b",
        r"\bmic\b",
        r"\bai promotion act\b",
        r"\bai guidelines for business\b",
        r"日本",
        r"我が国",
        r"わが国",
        r"ai推進法",
        r"ai新法",
        r"ai法案",
        r"ai事業者ガイドライン",
        r"経済産業省",
        r"総務省",
        r"日米",
        r"日米欧",
        r"米欧日",
        r"日欧",
        r"国産",
    ],
    "US-NY": [r"\bnew york\b", r"\braise act\b", r"ニューヨーク"],
}
# re.ASCII: \b must see a boundary between "EU" and Japanese around it (「米国とEUは」, 「OMBの覚書」);
# with Unicode word characters, 「とeuは」 is one word and the jurisdiction went unnoticed.
_COMPILED = {j: [re.compile(p, re.ASCII) for p in pats] for j, pats in _JURISDICTION_PATTERNS.items()}

# Named documents → doc_id prefixes of the shipped corpus (a hint for retrieval, never a hard filter).
_DOCUMENT_PATTERNS: dict[str, list[str]] = {
    "us-ai-action-plan-2025": [
        r"(?<!continent )\baction plan\b",
        r"行動計画",
        r"アクションプラン",
        r"\bwinning the (?:ai )?race\b",
        r"ai競争に勝利",
        # 「アメリカのAI計画って…」「トランプ政権のAI計画」: the Japanese for "the US AI plan".
        r"(?:米国|アメリカ|米政府|トランプ(?:大統領|政権)?|ホワイトハウス)(?:政府)?の?(?:国家)?ai(?:戦略)?計画",
        # "the US AI plan", "is the US banning anything with its AI plan?"
        r"\b(?:us|u\.s\.|america|united states|trump|white house)(?:['’]s)? (?:national )?ai plan\b",
        r"\b(?:us|u\.s\.|america|united states)\W+(?:\w+\W+){0,4}?its (?:national )?ai plan\b",
    ],
    # The orders by number, title or what people call them: "Biden's AI executive order", 「バイデン政権の
    # AI大統領令」 (the one Biden order in the corpus), "Trump's deregulation order".
    "eo-14179": [
        r"14179",
        r"removing barriers to american leadership",
        r"障壁の除去",
        r"\btrump['’]s (?:january 2025 |first |day-one |initial )?ai (?:executive )?order\b",
        r"\bjanuary 2025 (?:ai )?executive order\b|\bjanuary 2025 ai order\b",
        r"トランプ(?:大統領|政権)?の?(?:最初の)?ai大統領令",
    ],
    "eo-14110": [
        r"14110",
        r"safe, secure,? and trustworthy",
        r"安全でセキュアで信頼できる",
        r"\bbiden(?:['’]s|-era| administration['’]s| era)?(?: (?:october )?2023)?(?: ai)?"
        r" (?:executive )?(?:order|eo)\b",
        r"バイデン(?:前)?(?:大統領|政権)?(?:時代|下)?(?:の|による)?(?:ai)?(?:に関する)?大統領令",
    ],
    "eo-14192": [
        r"14192",
        r"unleashing prosperity",
        r"\bderegulation (?:executive )?order\b",
        r"\bten-for-one\b",
        r"規制緩和(?:の|に関する)?大統領令",
        r"規制緩和による繁栄",
    ],
    "eo-14277": [
        r"14277",
        r"advancing artificial intelligence education",
        r"\bai[- ]education (?:executive )?order\b",
        r"ai教育(?:の|に関する)?大統領令",
        r"若者のためのai教育",
    ],
    "eo-14278": [
        r"14278",
        r"skilled trade jobs of the future",
        r"\bskilled[- ]trades? (?:executive )?order\b",
        r"熟練(?:技能)?(?:職|労働者)?(?:の|に関する)?大統領令",
        r"高給の熟練職業",
    ],
    "omb-m-25-21": [
        r"m-25-21",
        r"\bomb\b",
        r"覚書",
        r"accelerating federal use of ai",
        r"連邦政府ai利用ポリシー文書",
    ],
    "eu-ai-act-2024-1689": [
        _EU_AI_ACT_EN,
        r"2024/1689",
        _EU_AI_ACT_JA,
        r"ai規則",
        r"ai規制法",
        r"\b(?:eu|european|eu's|eu’s|european union's|european union’s) ai (?:regulation|law)\b",
    ],
    "eu-gpai-code-of-practice-safety-security-2025": [
        r"code of practice",
        r"\b(?:eu|gpai|ai office)(?:'s|’s)? code\b(?! of conduct)",
        r"\bgeneral[- ]purpose ai code\b",
        r"\bsafety (?:and|&) security chapter\b",
        r"実践規範",
        r"行動規範",
    ],
    "jp-ai-promotion-act-2025": [
        r"ai推進法",
        r"ai promotion act",
        r"人工知能関連技術",
        r"ai法案",
        r"日本の?ai(?:新)?法",
        r"ai新法",
        r"研究開発・?活用推進法",
        r"\bjapan(?:'s|’s|ese) (?:new )?ai (?:act|law|bill)\b",
        # "What about Japan — does its AI law have fines like that?"
        r"\bjapan\b\W+(?:\w+\W+){0,4}?its (?:new )?ai (?:law|bill)\b",
    ],
    "jp-ai-guidelines-for-business-v11-en": [
        r"guidelines for business",
        r"ai事業者(?:向け)?ガイドライン",
        r"\bguidelines for ai business",
        r"\bjapan(?:'s|’s|ese) ai guidelines\b",
        r"\bai business guidelines\b",
        r"\bmeti(?:'s|’s)? (?:ai )?guidelines\b",
    ],
    "wh-fact-sheet-omb-ai-use-procurement-2025-04-07": [r"\bfact ?sheet\b", r"ファクトシート"],
    "wh-article-ai-action-plan-unveiled-2025-07-23": [
        r"white house (?:unveils|announcement|article|press release)",
        r"(?:announcement|article|press release) (?:of|on|about) (?:america's |the )?(?:ai )?action plan",
    ],
    "wh-article-omb-ai-policies-2025-04-07": [r"releases new policies"],
    "iise-no8-ai-policy-comparison-2025": [r"\breport\b", r"レポート", r"報告書", r"図表", r"筆者", r"iise"],
}
_DOC_COMPILED = {d: [re.compile(p, re.ASCII) for p in pats] for d, pats in _DOCUMENT_PATTERNS.items()}
# "Report" names the IISE report unless it is another kind of report ("the Code's Model Report", "an
# incident report", 「モデル報告書」, 「ドラギ報告書」) or the verb ("agencies must report"). A question that
# names another report means that one by "the report" too ("… the Model Report won't be ready: can we
# send the report afterwards?"), unless it names the IISE report in words of its own.
_OTHER_REPORT = re.compile(
    r"\b(?:model|incident|exit|annual|external|final|initial|interim|progress|serious|safety|status"
    r"|implementation|evaluation|technical|(?:(?!iise)[a-z]+'s))\s+reports?\b"
    r"|\b(?:to|must|shall|should|will|would|and|or|they|agencies|providers|deployers|signatories|we)"
    r"\s+report\b"
    r"|[ァ-ヶー一-龥」』](?<![本同当])(?:レポート|報告書)"
    # Another number of the IISE series: 「IISEレポートNo.6」, "IISE report No. 3" (this one is No.8).
    r"|(?:iise\s*)?(?:レポート|reports?)\s*no\.?\s*(?!8(?![0-9]))[0-9]+",
    re.ASCII,
)
THE_REPORT = "iise-no8-ai-policy-comparison-2025"  # the comparative report's doc_id
_ANY_REPORT = re.compile(r"\breports?\b|レポート|報告書", re.ASCII)
_THE_REPORT_OWN_WORDS = re.compile(r"iise|図表|筆者|\bjapanese (?:research |policy )?report\b", re.ASCII)


def _without_other_reports(t: str) -> str:
    """``t`` (normalised) with the reports that are not the IISE report blanked out."""
    if not _OTHER_REPORT.search(t):
        return t
    t = _OTHER_REPORT.sub(" ", t)
    if not _THE_REPORT_OWN_WORDS.search(t):
        t = _ANY_REPORT.sub(" ", t)
    return t


def _document_patterns(t: str) -> Iterator[tuple[str, re.Pattern[str], str]]:
    """Each document's name patterns with the text they are matched in."""
    blanked = _without_other_reports(t)
    for d, pats in _DOC_COMPILED.items():
        for p in pats:
            yield d, p, blanked if d == THE_REPORT else t


# The jurisdiction whose policy each named document is (the comparative report is everyone's).
_DOCUMENT_JURISDICTION: dict[str, str] = {
    **{d: "US" for d in _DOCUMENT_PATTERNS if d.startswith(("us-", "eo-", "omb-", "wh-"))},
    **{d: "EU" for d in _DOCUMENT_PATTERNS if d.startswith("eu-")},
    **{d: "JP" for d in _DOCUMENT_PATTERNS if d.startswith("jp-")},
}

_COMPARATIVE = re.compile(
    r"比較|比べ|違[いう]|ちが[いう]|異な|相違|共通点|差異|対比|どう違|各国|各極|三極|3極|日米欧|米欧日|米欧|日欧|日米"
    r"|\bcompar\w*|\bdiffer\w*|\bcontrast\w*|\bversus\b|\bvs\.?\b|\bdistinguish\w*"
    r"|\bhow do (?:the )?(?:us|eu|japan)\b.*\b(?:and|,)\b",
    re.ASCII,
)
# "Each", 「それぞれ」, "both": a comparison of jurisdictions unless the question names just one, where
# they range over other things (「計画づくりと開催について、それぞれどんな期限…」 about one order).
_COMPARATIVE_WEAK = re.compile(
    r"それぞれ|\bsimilar\w*|\bboth\b|\beach of\b|\brespective\w*|\bacross\b", re.ASCII
)
# The report's comparison table or chapter named as a part of it, not as a comparison asked for.
_COMPARISON_PART = re.compile(
    r"\bcomparison (?:table|chart|chapter|section|row|figure)s?\b|比較表|比較の(?:表|章|節)", re.ASCII
)
# An asking sentence that likens its one jurisdiction to what its premise says of another ("each",
# 「それぞれ」, 「似た仕組み」, 「同様の」) compares the two.
_COMPARES_WITH_PREMISE = re.compile(
    rf"{_COMPARATIVE.pattern}|{_COMPARATIVE_WEAK.pattern}|似た|似て|同様|同じよう", re.ASCII
)
# With one jurisdiction named, "differ" or 「比較」 compares inside it ("How does EO 14179 differ
# from EO 14110?", 「前政権との違い」) or names a comparison as a topic (「レポートの比較表」,
# 「安全保障機関どうしのAI導入比較」), unless the question turns to the others ("… compared with
# other countries?", 「他国と比べて」).
_OTHERS = re.compile(
    r"\bother (?:countries|jurisdictions|regions|economies|governments)\b|\bothers\b|\bthe rest\b"
    r"|\belsewhere\b|他国|他の国|諸外国|海外と|各国|他の地域|他地域",
    re.ASCII,
)
# Bodies and plans only one jurisdiction's sources have. They set the scene of a question (「人工知能
# 戦略本部で、本部長と副本部長はそれぞれ…」 is about Japan) without being jurisdiction words, which a
# comparison's topic leaves out ("Japan's AI Strategic Headquarters and the EU's AI Board" compares the
# bodies).
_JURISDICTION_BODIES = {
    "US": re.compile(r"\bchief (?:ai|artificial intelligence) officers?\b|\bcaios?\b|\bcaisi\b", re.ASCII),
    "JP": re.compile(
        r"人工知能戦略本部|ai戦略本部|人工知能基本計画|ai基本計画"
        r"|\b(?:artificial intelligence|ai) (?:strateg(?:ic|y) headquarters|basic plan)\b",
        re.ASCII,
    ),
}
_EACH_MEMBER_STATE = re.compile(r"各国(?!と)")
_EN_WORD = re.compile(r"[a-z0-9]+(?:[-.][a-z0-9]+)*")
_QUESTION_WORDS = {
    "what",
    "which",
    "who",
    "whom",
    "when",
    "where",
    "why",
    "how",
    "does",
    "did",
    "do",
    "is",
    "are",
    "was",
    "were",
    "can",
    "could",
    "should",
    "would",
    "will",
    "tell",
    "explain",
    "describe",
    "say",
    "says",
    "said",
    "according",
    "about",
    "regarding",
    "give",
    "list",
    "summarise",
    "summarize",
    "me",
    "please",
    "there",
    "ai",  # present in nearly every chunk of this corpus: not a discriminating term
}


@dataclass
class QueryAnalysis:
    question: str
    language: str
    jurisdictions: list[str]
    named_documents: list[str]
    intent: Intent
    content_terms: list[str] = field(default_factory=list)
    # Parts of documents the question names ("Article 50", 「第3条」, "Annex III").
    section_refs: list[SectionRef] = field(default_factory=list)
    # The sentence that asks, when a question first states its premise ("The report says X. Under Y,
    # who …?"): its words weigh fully, the premise's as context.
    focus: str = ""
    # A follow-up that turns to other jurisdictions ("What about Japan?" after a question on OMB's memo):
    # those jurisdictions' own documents must answer it.
    switched_to: list[str] = field(default_factory=list)
    # The answers a follow-up builds on (the last few): what they told the user need not be quoted again.
    answered: str = ""

    @property
    def comparative(self) -> bool:
        return self.intent is Intent.COMPARATIVE


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def squash(text: str) -> str:
    """NFKC, casefolded, every whitespace deleted: how names are compared across the report's spacing
    (「AI 行動計画」 vs 「AI行動計画」) and full-/half-width forms."""
    return re.sub(r"\s+", "", normalise(text))


_SENTENCE_END = re.compile(r"(?<=[。！？!?])\s*|(?<=[a-z0-9)\]”\"'’]\.)\s+")


_PART_BREAK = re.compile(
    r"(?<=[?？])\s*|,?\s+and\s+(?=(?:(?:for|by|in|to|from|under|with) )?"
    r"(?:is|are|does|do|did|when|what|who|whom|how|which|where|why|has|have|was|were|can|will|should|must)\b)",
    re.I,
)


def question_parts(question: str) -> list[str]:
    """The questions a question asks: "Who heads the Headquarters, and who serve as its deputy
    chairs?" asks two; 「…誰が制裁金を科すの?上限額は?」 too. A single question is one part."""
    parts = [p.strip() for p in _PART_BREAK.split(question) if p and p.strip()]
    return parts if len(parts) > 1 else [question]


_PREMISE_CLAUSE_END = re.compile(r"(?:けど|けれど|けれども|ですが|だが)、")


def question_focus(question: str) -> str:
    """The asking sentence of a question that states a premise first, else "".

    Only when every sentence before the last is a statement: "What is X? How does Y …?" asks twice."""
    parts = [p.strip() for p in _SENTENCE_END.split(question.strip()) if p.strip()]
    q = question.strip()
    clause = _PREMISE_CLAUSE_END.search(parts[0]) if parts else None
    if clause and not re.search(r"[?？]", parts[0][: clause.start()]):
        # 「レポートは…を挙げてるけど、そもそも…は何をしてきたの?」: a premise clause ends in けど、; what
        # follows may ask twice (「…何をするの?誰が主導?」).
        parts = [q[: clause.end()], q[clause.end() :]]
    if len(parts) < 2 or any(p.endswith(("?", "？")) for p in parts[:-1]):
        return ""
    last = parts[-1].strip()
    premise = question.strip()[: -len(last)] if question.strip().endswith(last) else ""
    if len(last) < 8 or len(premise.strip()) < 15:
        return ""
    return last


def question_premise(question: str, focus: str) -> str:
    """What a question states before the sentence that asks (``focus``, see ``question_focus``)."""
    if not focus or focus not in question:
        return ""
    return question[: question.rfind(focus)].strip()


def jurisdiction_codes(value: str) -> set[str]:
    """The two-letter codes of a record's ``jurisdiction`` field ("comparative: US, EU, JP", "US-NY")."""
    return set(re.findall(r"[A-Z]{2}", value))


def is_comparison_row(record: dict[str, Any]) -> bool:
    """A row of a table that compares jurisdictions (the report's 図表2): its document covers several.
    A row of another table (M-25-21's table of actions) is an ordinary passage."""
    return record["kind"] == "table_row" and len(jurisdiction_codes(record["jurisdiction"])) > 1


def question_language(text: str) -> str:
    lang = detect_language(text)
    return "ja" if lang == "ja" else "en"


_US_ACRONYM = re.compile(r"\bU\.?S\.?A?\b", re.ASCII)  # case-sensitive: casefolded "us" is also a pronoun


# A place that is not a jurisdiction asked about: where an actor comes from ("a US lab on the EU market"
# asks about the EU's rules, "according to the Japanese report" about what the report says), and where a
# product or data goes or comes from (see below).
_PLACE_NOT_ASKED = re.compile(
    r"\b(?:us|u\.s\.|american|japanese|european|eu|chinese|foreign|non-eu)[- ](?:based )?(?:ai )?"
    r"(?:compan(?:y|ies)|labs?|firms?|developers?|providers?|start-?ups?|businesses|vendors?|citizens?"
    r"|manufacturers?|makers?|banks?)\b"
    r"|\bjapanese(?:-language)? report\b"
    r"|(?:米国|アメリカ|日本|欧州|ＥＵ|EU|中国|海外|外国)(?:の)?(?:大手)?(?:AI|ＡＩ)?"
    r"(?:企業|ラボ|スタートアップ|ベンダー|開発企業|メーカー|会社|開発者|提供者|銀行)"
    # Where a product goes or comes from, where data is taken: 「日本からEU向けにチャットボットを出す」,
    # 「集めたデータを日本に持ち帰る」, "a lab based in the US", "outside the EU — say in the US".
    r"|(?:米国|アメリカ|日本|欧州|ＥＵ|EU|中国)(?:から(?!見|み)|向け|市場向け|(?:に|へ)(?:持ち帰|持ち出|移転|送))"
    r"|\b(?:based|located|established|headquartered) in (?:the )?(?:us|u\.s\.|united states|america|japan)\b"
    r"|\bsay,? in (?:the )?(?:us|u\.s\.|japan)(?: or (?:the )?(?:us|u\.s\.|japan))?\b",
    re.I,
)


# "GPAI" is the EU's general-purpose AI, except beside the Global Partnership on AI (an OECD initiative
# Japan's guidelines describe): "Has Japan set up anything to support the GPAI?" compares nothing.
_PARTNERSHIP = re.compile(
    r"global partnership on (?:artificial intelligence|ai)|グローバル・?パートナーシップ"
    # Its Tokyo centre: "the GPAI Tokyo Expert Support Center".
    r"|\bgpai tokyo\b|expert support cent(?:er|re)|gpai東京|東京専門家支援センター"
)
_GPAI = re.compile(r"\bgpai\b", re.ASCII)


def _jurisdiction_text(text: str) -> str:
    """``text`` normalised for the jurisdiction patterns, its offsets kept (blanked, not cut)."""
    t = normalise(text)
    if _PARTNERSHIP.search(t):
        for pattern in (_PARTNERSHIP, _GPAI):
            t = pattern.sub(lambda m: " " * len(m.group(0)), t)
    return t


def detect_jurisdictions(text: str, actors: bool = True) -> list[str]:
    """The jurisdictions ``text`` names; with ``actors=False``, not those that only say where an actor
    comes from ("a US lab"), unless nothing else is named."""
    if not actors:
        found = detect_jurisdictions(_PLACE_NOT_ASKED.sub(" ", unicodedata.normalize("NFKC", text)))
        return found or detect_jurisdictions(text)
    t = _jurisdiction_text(text)
    found = [j for j, pats in _COMPILED.items() if any(p.search(t) for p in pats)]
    if "US" not in found and _US_ACRONYM.search(unicodedata.normalize("NFKC", text)):
        found.append("US")
    order = [*JURISDICTION_ORDER, "US-NY"]
    return sorted(found, key=order.index)


def jurisdiction_mentions(text: str) -> list[tuple[int, str]]:
    """(position, jurisdiction) of each jurisdiction's first mention, in text order."""
    t = _jurisdiction_text(text)
    found: list[tuple[int, str]] = []
    for j, pats in _COMPILED.items():
        if j == "US-NY":
            continue
        positions = [m.start() for p in pats for m in [p.search(t)] if m]
        if j == "US":
            m = _US_ACRONYM.search(unicodedata.normalize("NFKC", text))
            if m:
                positions.append(m.start())
        if positions:
            found.append((min(positions), j))
    return sorted(found)


_CONTRAST = re.compile(r"に対し|に対して|一方|他方|unlike|whereas|while|in contrast|by contrast")


def main_jurisdictions(text: str) -> tuple[str, ...]:
    """Jurisdictions a sentence speaks about, the main one last: the first named, or in a contrast
    ("米欧では…のに対し、日本では…", "Unlike the EU, Japan…") the first named after the contrast."""
    mentions = jurisdiction_mentions(text)
    if not mentions:
        return ()
    m = _CONTRAST.search(normalise(text))
    after = [j for pos, j in mentions if m and pos > m.start()]
    if after:
        return (after[0],)  # the contrast's subject; the other side is only the foil
    if len(mentions) >= 3:
        return ()  # "米欧日の…" introduces all three and compares nothing
    main = mentions[0][1]
    return (*[j for _p, j in mentions if j != main], main)


# Words that ask for a comparison rather than name its topic; sentence scoring ignores them.
COMPARISON_WORDS = frozenset(
    [
        "比較",
        "比べる",
        "違い",
        "違う",
        "異なる",
        "相違",
        "共通",
        "共通点",
        "対比",
        "差異",
        "それぞれ",
        "其々",
        "各国",
        "compar",
        "differ",
        "contrast",
        "versus",
        "vs",
        "similar",
        "distinguish",
        "respect",
        "each",
        "both",
    ]
)
# A comparison's scaffolding: how it asks and what it compares, not on what.
_COMPARISON_SCAFFOLD = re.compile(
    r"\b(?:how|what|which|where|do|does|did|is|are|the|a|an|and|or|on|in|of|to|with|between|their|its"
    r"|each|both|differ\w*|compar\w*|contrast\w*|versus|vs\.?|similar\w*|approach\w*)\b"
    r"|比較(?:して|すると|する)?|比べ(?:て|ると|たら|れば)?|違い|違う|異なる|相違|共通点?|対比|差異|それぞれ|各国|日米欧|米欧日|日米|米欧|日欧"
    r"|について|[、,?？!！。はのをで]",
    re.IGNORECASE,
)


def comparison_topic(question: str) -> str:
    """What a comparison is about, without the jurisdictions' names and the words that compare: "How do
    the US, EU and Japan differ on AI safety?" → "ai safety". Its vector finds each jurisdiction's
    passages on the topic; the whole question's found passages about differences and comparisons ("no
    known differences … compared to the safe reference model")."""
    t = _US_ACRONYM.sub(" ", unicodedata.normalize("NFKC", question))
    t = _COMPARISON_SCAFFOLD.sub(" ", normalise(t))
    for pats in _COMPILED.values():
        for p in pats:
            t = p.sub(" ", t)
    return " ".join(t.split())


# The frame of a comparison: its own words and the jurisdictions' names. They say what is compared, not
# on what; in a passage they match everything a jurisdiction's documents say.
# The keyword tokens (rag.keyword.tokenize) of the jurisdictions' names: "United States" is left out,
# as its "state" is also a Member State's and a US state's.
JURISDICTION_TOKENS = frozenset(
    {"米国", "アメリカ", "日本", "我が国", "欧州", "欧州連合"}
    | {"america", "american", "u.", "eu", "europ", "european", "japan", "japanes"}
)
COMPARISON_FRAME = (
    COMPARISON_WORDS
    | JURISDICTION_TOKENS
    | frozenset({"欧", "米", "日米欧", "米欧日", "米欧", "日米", "日欧", "unit", "state"})
)


# Names of laws, bills and plans in a question. When the corpus never spells one (nor does the glossary
# translate it into corpus terms), the question is about a document the sources do not hold.
# Kinds of document a name can end in or be followed by (「…」報告書), and their English counterparts
# ('Guidelines for secure AI system development', "those NCSC guidelines").
_KINDS_JA = (
    "報告書|レポート|ガイドライン|ガイダンス|ガイド|ハンドブック|マニュアル|指針|チェックリスト|プロジェクト"
)
DOCUMENT_KINDS_EN = (
    "guidelines?|guidance|guide|report|checklist|principles|framework|handbook|playbook|toolkit|standards?"
    "|profile|roadmap|recommendations?"
)
_TITLE_JA = re.compile(
    r"[「『]([^」』]{2,40}?(?:法|弁法|法案|規則|条例|政令|省令|指令|規制|手引き|手引|白書|計画|戦略|方針|大統領令|命令"
    # An edition after the kind: 「AI利活用ハンドブック～生成AI編～」.
    rf"|条約|協定|憲章|宣言|{_KINDS_JA})(?:\s*[～〜~\-－―—:：][^」』]{{1,24}})?)[」』]"
    # A bracketed name and the kind of document it is: 「Securing AI Model Weights」報告書, レポートNo.6
    # 「AIが意識を持つと社会はどうなるのか」.
    rf"|[「『]([^」』]{{4,60}})[」』](?=\s*(?:{_KINDS_JA}))"
    rf"|(?:{_KINDS_JA})\s*(?:No\.?\s*[0-9]+\s*)?の?[「『]([^」』]{{4,60}})[」』]",
    re.I,
)
# A treaty or a basic act is a title without brackets too (「欧州評議会のAI枠組条約」, 「デジタル社会形成
# 基本法」); a bare 「…法」 is too often a held law's nickname, and an EU directive's Japanese name
# (「玩具安全指令」) one the corpus only gives in English ("Directive 2009/48/EC … on the safety of toys").
_TREATY_JA = re.compile(r"([\u30a0-\u30ff\u4e00-\u9fffA-Za-z0-9]{2,20}(?:条約|協定|基本法))")
_TITLE_EN = re.compile(
    # A law known by its number: "Local Law 144", "Law No. 25" (orders by number: see _MEMO_ID).
    # Latin words only: 「米国のAI行動計画とEUのAI Continent Action Plan」 names "AI Continent Action Plan".
    r"((?:[A-Z][A-Za-z0-9’'.-]*\s+){1,6}(?:Act|Rule|Bill|Directive|Law\s+(?:No\.\s?)?[0-9]{1,5}(?![0-9/])|Law"
    r"|Regulation|Framework|Order|Plan|Strategy|Convention|Treaty|Declaration|Charter|Agreement|Form))\b"
    # A body named after one is no document: "the AI Strategy Headquarters", "the Data Act Task Force".
    r"(?!\s+(?:Headquarters|Council|Office|Board|Committee|Cent(?:er|re)|Institute|Agency|Unit|Team"
    r"|Task Force|Working Group|Secretariat|Hub|Division)\b)"
)
# A quoted title: "the executive order 'Preventing Woke AI in the Federal Government'".
_QUOTED = re.compile(r"[\"'“‘]([A-Z][^\"'“”‘’]{10,120})[\"'”’]")
_DOCUMENT_KIND = re.compile(rf"(?:{DOCUMENT_KINDS_EN})$", re.I)  # after _QUOTED's capital
_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to"}
)
_BILL_ID = re.compile(r"\b((?:SB|AB|HB|S|H\.\s?R\.?|HR)\s?\d{1,5})\b", re.ASCII)
# An OMB memorandum's number (M-25-22), an executive order's (EO 14141, 大統領令14192号).
_MEMO_ID = re.compile(
    r"(?<![A-Za-z0-9-])(M-\d{2}-\d{2})(?![0-9-])"
    r"|(?:\bEO\s?|Executive Order\s(?:No\.\s?)?|大統領令\s?第?)(1\d{4})"
)
# The same numbers wherever they stand: an OMB memo's in any case ("omb-m-25-21", a document id, too),
# an executive order's without the words before it (「大統領令 14277 号や 14278 号」).
MEMO_NUMBER = re.compile(r"\bM-\d{2}-\d{2}\b", re.I)
_ORDER_NUMBER = re.compile(r"(?<![\d.,])1[34]\d{3}(?![\d.,])")


def document_numbers(text: str) -> dict[str, set[str]]:
    """The executive-order and OMB-memo numbers ``text`` names ("eo-14179", "大統領令 14277 号", "M-25-21"),
    by kind; a kind with none is left out."""
    found = {
        "order": set(_ORDER_NUMBER.findall(text)),
        "memo": {m.upper() for m in MEMO_NUMBER.findall(text)},
    }
    return {kind: numbers for kind, numbers in found.items() if numbers}


_TITLE_LEAD = re.compile(
    r"^(?:(?:Under|The|What|Which|When|How|Does|Did|Do|Is|Are|Was|Were|Has|Have|Can|Could|Would|Will|In|Of|"
    r"For|From|And|Or|If|Why|Where|Who|Whom|According|To|By|On|At)\s+)+"
)


# A sentence's end inside a run of capitalised words ("… in the EU. The AI Act"), not an initial ("U.S.").
_SENTENCE_BREAK = re.compile(r"(?<=[A-Za-z]{2}\.)\s+(?=[A-Z])")
_OWNER = re.compile(r"^.*?[’']s\s+")


def strip_owner(title: str) -> str:
    """ "Japan's AI Promotion Act" → "AI Promotion Act": the corpus names a law without its owner."""
    return _OWNER.sub("", title)


_TERM_LIST = re.compile(r"[^・、,/]{1,8}(?:[・、,/][^・、,/]{1,8})+")


def named_titles(text: str) -> list[str]:
    """Document titles and bill numbers the question names ("SB 53", "Colorado AI Act", 「…暫定弁法」)."""
    found = [
        m.group(1) or m.group(2) or m.group(3)
        for m in _TITLE_JA.finditer(text)
        # 「ガイドラインの「AI開発者・AI提供者・AI利用者」」 names the guidelines' terms, not a title.
        if not (m.group(3) and _TERM_LIST.fullmatch(m.group(3)))
    ]
    for m in _TITLE_EN.finditer(text):
        # A sentence may end inside the match: "… a high-risk AI system in the EU. The AI Act wants …".
        title = _TITLE_LEAD.sub("", _SENTENCE_BREAK.split(m.group(1))[-1]).strip()
        if len(title.split()) >= 2:
            found.append(title)
    found.extend(m.group(1) for m in _TREATY_JA.finditer(text))
    for m in _QUOTED.finditer(text):
        words = m.group(1).split()
        # Title case over three words or more: a name, not a quoted phrase ('safe and secure'); or a kind
        # of document first ('Guidelines for secure AI system development').
        if len(words) >= 3 and (
            all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words) or _DOCUMENT_KIND.match(words[0])
        ):
            found.append(m.group(1))
    found.extend(m.group(1) for m in _BILL_ID.finditer(text))
    found.extend(m.group(1) or m.group(2) for m in _MEMO_ID.finditer(text))
    return list(dict.fromkeys(found))


# A question about a law's other-language version: 「AI推進法の政府の参考英訳では『研究開発機関』は
# 何と訳されてる?」 asks for the English translation's words, "What is the Japanese original's wording
# of Article 3?" for the Japanese text's. Of a law and its translation, that version is searched.
_OTHER_VERSION_ASKED = {
    "ja": re.compile(r"英訳|英語版|英文|英語訳|英語(?:で|では|だと)|翻訳|参考訳"),
    "en": re.compile(
        r"\bjapanese (?:original|text|version|wording|term|word)s?\b|\bin (?:the )?japanese\b"
        r"|\boriginal japanese\b",
        re.I,
    ),
}


def version_language(analysis: QueryAnalysis) -> str:
    """The language of the version of a named law a question asks about: the question's own, or the
    other one where it asks how the translation (or the original) puts it."""
    asked = _OTHER_VERSION_ASKED.get(analysis.language)
    if asked is not None and asked.search(analysis.question):
        return "en" if analysis.language == "ja" else "ja"
    return analysis.language


def detect_documents(text: str) -> list[str]:
    """The documents ``text`` names, in the order it first names them: "the author of the IISE report
    on the US AI Action Plan" is about the report."""
    first: dict[str, int] = {}
    for d, p, t in _document_patterns(normalise(text)):
        m = p.search(t)
        if m:
            first[d] = min(first.get(d, m.start()), m.start())
    return sorted(first, key=first.__getitem__)


def policy_document(doc_id: str) -> str:
    """The policy document a document is, or is a translation of ("jp-ai-promotion-act-2025-en" is
    "jp-ai-promotion-act-2025"); "" for a document that is no jurisdiction's policy (the report)."""
    if doc_id in _DOCUMENT_JURISDICTION:
        return doc_id
    return next((d for d in _DOCUMENT_JURISDICTION if doc_id.startswith(d)), "")


def document_jurisdiction(doc_id: str) -> str:
    """The jurisdiction whose policy a document is, by its id or its original's ("…-2025-en", a
    translation, is the law's)."""
    return _DOCUMENT_JURISDICTION.get(policy_document(doc_id), "")


def policy_documents(doc_ids: list[str]) -> list[str]:
    """The named documents that are a jurisdiction's own policy (the comparative report is not)."""
    return [d for d in doc_ids if document_jurisdiction(d)]


def documents_outside(doc_ids: list[str], jurisdictions: list[str]) -> list[str]:
    """The named documents that are another jurisdiction's policy ("M-25-21" when Japan is asked about)."""
    return [d for d in doc_ids if _DOCUMENT_JURISDICTION.get(d, "") not in ("", *jurisdictions)]


def strip_documents(text: str, doc_ids: list[str]) -> str:
    """``text`` without the words that name the given documents."""
    t = normalise(text)
    for d in doc_ids:
        for p in _DOC_COMPILED.get(d, []):
            t = p.sub(" ", t)
    return " ".join(t.split())


def document_mentions(text: str) -> list[str]:
    """The words of ``text`` that name a known document ("EU AI Act", 「米国AI行動計画」)."""
    return [m.group(0) for _d, p, t in _document_patterns(normalise(text)) for m in p.finditer(t)]


def analyse(question: str, content_terms: list[str] | None = None) -> QueryAnalysis:
    t = normalise(question)
    jurisdictions = detect_jurisdictions(question, actors=False)
    focus = question_focus(question)
    # A premise may name another jurisdiction ("The report likens M-25-21's category to the EU's …");
    # the sentence that asks says whether two are compared.
    asking = detect_jurisdictions(focus, actors=False) if focus else jurisdictions
    if focus and not asking and len(jurisdictions) >= 2 and _COMPARES_WITH_PREMISE.search(normalise(focus)):
        # "The EU AI Act and Japan's guidelines are both called risk-based. How do they differ?": the
        # premise names the sides the asking sentence compares.
        asking = jurisdictions
    named = [j for j in asking if j != "US-NY"]
    premised = [j for j in jurisdictions if j != "US-NY"]
    if focus and len(named) == 1 and len(premised) >= 2 and _COMPARES_WITH_PREMISE.search(normalise(focus)):
        # 「アメリカって安全性そっちのけでAI推しまくってるイメージだけど、EUと比べて実際どうなの?」: the
        # premise names the other side of the comparison the asking sentence makes; so does 「EUのAI法には
        # 規制サンドボックスがあるって聞いたけど、日本のAI推進法にも似た仕組みってあるの?」, and "… What
        # does each build on?".
        named = premised
    if named == ["EU"]:
        # Inside the EU 「各国の当局」 are the Member States' authorities, not other countries; "compared
        # with each country" (各国と) still turns to the others.
        t = _EACH_MEMBER_STATE.sub("加盟国", t)
    documents = detect_documents(question)
    # "Each", 「それぞれ」 range over the things of the one jurisdiction that the question's premise or
    # its documents set ("Japan's AI Guidelines … talk about 'why', 'what' and 'how'. What does each of
    # those mean?"); New York alone is one jurisdiction too (「州の上院と下院でそれぞれ」).
    setting = {
        *jurisdictions,
        *(document_jurisdiction(d) for d in policy_documents(documents)),
        *(j for j, p in _JURISDICTION_BODIES.items() if p.search(t)),
    }
    # "The training-data row of the report's comparison table …": the report's table is a part of it.
    compared = _COMPARATIVE.search(_COMPARISON_PART.sub(" ", t))
    comparative = (
        (bool(compared) and (len(named) != 1 or bool(_OTHERS.search(t))))
        or len(named) >= 2
        or (
            len(named) != 1
            and asking != ["US-NY"]
            and len(setting) != 1
            and bool(_COMPARATIVE_WEAK.search(t))
        )
    )
    return QueryAnalysis(
        question=question,
        language=question_language(question),
        jurisdictions=jurisdictions,
        named_documents=documents,
        intent=Intent.COMPARATIVE if comparative else Intent.FACTUAL,
        content_terms=content_terms or [],
        focus=focus,
        section_refs=parse_section_refs(question),
    )


def compared_documents(a: QueryAnalysis) -> list[str]:
    """The documents a question compares inside one jurisdiction ("How does EO 14179 differ from EO
    14110?", 「大統領令14179号と14110号の違いは?」): two or more named, with a comparison word; else []."""
    if a.comparative or len(a.named_documents) < 2:
        return []
    return list(a.named_documents) if _COMPARATIVE.search(normalise(a.question or "")) else []


def compared_jurisdictions(a: QueryAnalysis) -> list[str]:
    """The jurisdictions a comparison covers: those named, or all three when fewer than two are named."""
    named = [j for j in a.jurisdictions if j in JURISDICTION_ORDER]
    if len(named) >= 2:
        return named
    return list(JURISDICTION_ORDER)
