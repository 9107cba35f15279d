"""BM25 over language-aware tokens: Sudachi (mode C compounds + their mode-A parts) for Japanese,
stemmed lower-case words for English. Built at ingest time and persisted beside the vector store.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from rag.datafiles import read_data_file

_JA_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\u3005\u30fc々〆ヵヶ]+")
_WORD = re.compile(r"[a-z0-9]+(?:[-.][a-z0-9]+)*")
_DROP_POS = {"助詞", "助動詞", "補助記号", "記号", "空白"}
_SUDACHI_MAX_BYTES = 40_000  # Sudachi refuses inputs near 49 KB: cut longer runs
EN_STOPWORDS = frozenset(
    """
    a an the and or of to in on for with by from at as is are was were be been being this that these
    those it its into than then there their they them which who whom what when where why how not no
    nor but if so such can could may might shall should will would do does did has have had having
    any all each other some more most also only own same too very s t just about over under between
    through during before after above below up down out off again further once here both few am i me
    my we our you your he him his she her us
    """.split()  # noqa: SIM905
)
# Light verbs and function nouns: they carry grammar, not topic ("…について比較して" → つく, 為る).
JA_STOPWORDS = frozenset(
    [
        "こと",
        "もの",
        "ため",
        "よう",
        "これ",
        "それ",
        "など",
        "等",
        "する",
        "いる",
        "ある",
        "なる",
        "為る",
        "成る",
        "有る",
        "居る",
        "出来る",
        "言う",
        "つく",
        "付く",
        "於く",
        "因る",
        "依る",
        "対する",
        "関する",
        "係る",
        "通じる",
        "基づく",
        "為す",
        "おる",
        "下さい",
        "くださる",
        "れる",
        "られる",
        "せる",
        "ない",
        "無い",
        "よる",
        "おける",
    ]
)
TOKENIZER_VERSION = 3  # bump when tokenize() changes: the keyword index must then be rebuilt


class _Sudachi:
    """One dictionary per process (it is large), one tokenizer per thread (a tokenizer keeps state)."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._dictionary: Any = None
        self._lock = threading.Lock()

    def tokenizer(self) -> Any:
        tok = getattr(self._local, "tok", None)
        if tok is None:
            with self._lock:
                if self._dictionary is None:
                    from sudachipy import Dictionary

                    self._dictionary = Dictionary(dict="core")
                d = self._dictionary
            tok = d.tokenizer() if hasattr(d, "tokenizer") else d.create()
            self._local.tok = tok
        return tok


_SUDACHI = _Sudachi()


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def _ja_tokens(run: str) -> list[str]:
    from sudachipy import SplitMode

    tok = _SUDACHI.tokenizer()
    out: list[str] = []
    for start in range(0, len(run), _SUDACHI_MAX_BYTES // 3):
        piece = run[start : start + _SUDACHI_MAX_BYTES // 3]
        for m in tok.tokenize(piece, SplitMode.C):
            if m.part_of_speech()[0] in _DROP_POS:
                continue
            norm = m.normalized_form()
            if len(norm) == 1 and "\u3040" <= norm <= "\u309f":
                continue  # a lone hiragana carries no topic
            if norm in JA_STOPWORDS:
                continue
            out.append(norm)
            parts = m.split(SplitMode.A)
            if len(parts) > 1:  # index the parts too, so 「安全性」 finds 「安全性確保」
                out.extend(p.normalized_form() for p in parts if p.part_of_speech()[0] not in _DROP_POS)
    return out


_JA_QUESTION_WORDS = frozenset(
    [
        "どの",
        "どんな",
        "どう",
        "どこ",
        "だれ",
        "誰",
        "いつ",
        "何",
        "なに",
        "幾つ",
        "幾ら",
        "其々",
        "どのような",
        "どういう",
        "どれ",
        "如何",
        "教える",
        "知る",
        "比べる",
        "違う",
        "違い",
        "ある",
        "いる",
        "する",
        "なる",
        "言う",
        "思う",
        "挙げる",
        "取り組み",
        "もう",
        "そう",
        "最終的",
    ]
)


_KATAKANA_WORD = re.compile(r"[\u30a0-\u30ffー・]+")


# Countries and their adjectives, in English, as proper nouns however they are typed: "how does
# australia's approach …" (lower case) and a question's first word ("Australia's …") carry no capital the
# rule below can see. Each maps to the names the country may go by ("british" → uk, united kingdom).
@lru_cache(maxsize=1)
def country_names() -> dict[str, list[str]]:
    """Country words (names, adjectives, lower case) and the names the corpus may use for the country:
    read once, as ``content_terms`` looks each question word up."""
    return dict(json.loads(read_data_file("country_names.json")))


@lru_cache(maxsize=1)
def agency_names() -> dict[str, list[str]]:
    """Government bodies by acronym or nickname ("usda", "meti", "pentagon") and the names they go by in
    full: the sources say "the Secretary of Agriculture" where a user types "USDA", "Ministry of
    Internal Affairs and Communications" where one types "MIC". Each is also found by its keyword
    token: "EDPS" is stemmed to "edp"."""
    names: dict[str, list[str]] = dict(json.loads(read_data_file("agency_names.json")))
    for key, full in list(names.items()):
        for token in tokenize(key):
            names.setdefault(token, full)
    return names


def content_terms(text: str) -> list[tuple[str, bool]]:
    """The question's topical terms as (token, is_proper_noun): Japanese nouns (no pronouns, no
    interrogatives) and English non-stopwords. Used to judge whether evidence covers the question."""
    from sudachipy import SplitMode

    norm = unicodedata.normalize("NFKC", text)
    out: list[tuple[str, bool]] = []
    stem = _stemmer()
    pos = 0
    # A plural acronym ("CVs", "LLMs", "GPUs") is a common noun, not a name; so is a kind of product
    # sold "as a service" ("Our SaaS has a gen-AI feature …").
    capitalised = {
        m.group(0).casefold()
        for m in re.finditer(r"(?<=[a-z,;:'’] )(?![A-Z]{2,}s\b)(?![A-Z]aaS\b)[A-Z][a-zA-Z]{2,}", norm)
    }
    folded = norm.casefold()

    def english(span: str) -> None:
        for w in _WORD.findall(span):
            if w in EN_STOPWORDS or w in _EN_QUESTION_WORDS or w.isdigit():
                continue
            out.append((stem.stemWord(w), w in capitalised or w in country_names()))

    for m in _JA_RUN.finditer(folded):
        english(folded[pos : m.start()])
        for mo in _SUDACHI.tokenizer().tokenize(m.group(0)[: _SUDACHI_MAX_BYTES // 3], SplitMode.C):
            p = mo.part_of_speech()
            form = mo.normalized_form()
            if p[0] != "名詞" or p[1] == "代名詞" or form in _JA_QUESTION_WORDS or form in JA_STOPWORDS:
                continue
            if len(form) == 1 and not re.match(r"[\u3400-\u9fff]", form):
                continue
            if mo.begin() == 0 and m.start() > 0 and folded[m.start() - 1].isdigit():
                continue  # a counter after a number ("2本目", "3つ"): Sudachi guesses a proper noun
            # Sudachi files some loanwords as general proper nouns (ツールボックス, サンドボックス); the
            # unknown-name check is for people, places and named things, not for a toolbox.
            loanword = p[2] == "一般" and _KATAKANA_WORD.fullmatch(form) is not None
            # A word glued to an English one ("AI法上", "GPAIモデル") is the rest of a compound, which
            # Sudachi sees without its head: 「法上」 alone reads as a place name.
            glued = mo.begin() == 0 and m.start() > 0 and folded[m.start() - 1].isascii()
            glued = glued and folded[m.start() - 1].isalnum()
            out.append((form, p[1] == "固有名詞" and not loanword and not glued))
        pos = m.end()
    english(folded[pos:])
    return out


# English offices a person holds (the answer-type checks accept one named as an office's holder).
EN_OFFICES = (
    r"President|Vice President|Secretary|Director|Administrator|Commissioner|Chair(?:man|woman|person)?|"
    r"Prime Minister|Minister|Senator|Governor|Representative|Ambassador|Judge|Justice|First Lady|"
    r"Executive Vice[- ]President"
)
_TITLE = rf"(?:{EN_OFFICES}|Mr\.|Ms\.|Mrs\.|Dr\.|Prof\.)"
_NAME = r"[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+)?"
# "President Trump", "Michael Kratsios, Director of …": names English text gives with an office.
_EN_PERSON = re.compile(
    rf"\b{_TITLE}\s+{_NAME}\b"
    rf"|\b[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+,\s+(?:the\s+)?(?:(?:[A-Z]\w*|&)\s+)*"
    r"(?:Director|Secretary|Administrator|Chair|Head|Commissioner|Minister|Advisor|Adviser|Czar|Assistant)\b"
)


def person_names(text: str) -> list[str]:
    """People named in a sentence: Sudachi's person names (人名) in Japanese, a name with its office in
    English. Offices alone (「人工知能戦略担当大臣」, "the Secretary of Commerce") are not names."""
    from sudachipy import SplitMode

    names = [
        m.group(0)
        for m in _EN_PERSON.finditer(text)
        if m.group(0).split(",")[0].split()[-1] not in _NOT_NAMES
    ]
    for run in _JA_RUN.finditer(text):
        morphemes = list(_SUDACHI.tokenizer().tokenize(run.group(0)[: _SUDACHI_MAX_BYTES // 3], SplitMode.C))
        for i, m in enumerate(morphemes):
            surface = m.surface()
            if m.part_of_speech()[2] != "人名" or len(surface) < 2 or _HIRAGANA.fullmatch(surface):
                continue  # 「とし」: a misread verb
            if i + 1 < len(morphemes) and morphemes[i + 1].surface() in _ERA_WORDS:
                continue  # 「バイデン政権」 names an administration, not a person holding an office
            names.append(surface)
    return names


# Capitalised words after an office that make it an event or a body: "the G7 Digital Minister Meeting".
_NOT_NAMES = frozenset(
    [
        *("Meeting", "Meetings", "Council", "Office", "Conference", "Summit", "Level", "Act", "Order"),
        *("Memorandum", "Department", "Committee", "Board", "Statement", "Declaration", "Plan", "General"),
        *("Process", "Forum", "Group"),
    ]
)
_HIRAGANA = re.compile(r"[\u3040-\u309f]+")
_ERA_WORDS = frozenset(["政権", "政府", "時代", "陣営", "派"])


_EN_QUESTION_WORDS = frozenset(
    """
    what which who whom when where why how tell explain describe say says said according regarding
    give list summarise summarize please ai does did do way ways kind kinds exactly actually really
    basically roughly anyway outright much many each
    """.split()  # noqa: SIM905
)


# Other spellings of the katakana terms policy texts use: the report writes ハイリスク and ハイインパクト,
# users also 高リスク and 高インパクト, which Sudachi splits into 高 (as in 高セキュリティ) and リスク.
_SPELLINGS = re.compile("高(リスク|インパクト)")


def usual_spelling(text: str) -> str:
    """``text`` with other spellings of a term in the one the documents use (高リスク → ハイリスク)."""
    return _SPELLINGS.sub(r"ハイ\1", text)


def tokenize(text: str) -> list[str]:
    """Keyword tokens of mixed Japanese/English text."""
    text = usual_spelling(unicodedata.normalize("NFKC", text).casefold())
    tokens: list[str] = []
    pos = 0
    stem = _stemmer()
    for m in _JA_RUN.finditer(text):
        tokens.extend(stem.stemWord(w) for w in _WORD.findall(text[pos : m.start()]) if w not in EN_STOPWORDS)
        tokens.extend(_ja_tokens(m.group(0)))
        pos = m.end()
    tokens.extend(stem.stemWord(w) for w in _WORD.findall(text[pos:]) if w not in EN_STOPWORDS)
    return tokens


class KeywordIndex:
    """A persisted bm25s index whose rows line up with ``chunk_ids``."""

    def __init__(self, retriever, chunk_ids: list[str]) -> None:
        self._bm25 = retriever
        self.chunk_ids = chunk_ids
        self._vocab: dict[str, int] = retriever.vocab_dict
        self._lock = threading.Lock()
        # bm25s stores scores column-wise per vocabulary entry: the column length is the document frequency.
        indptr = np.asarray(retriever.scores["indptr"])
        self._df = np.diff(indptr)
        self.num_docs = int(retriever.scores["num_docs"])

    @classmethod
    def build(cls, chunk_ids: list[str], token_lists: list[list[str]]) -> KeywordIndex:
        import bm25s

        retriever = bm25s.BM25(method="lucene", k1=1.2, b=0.75)
        retriever.index([t or [""] for t in token_lists], show_progress=False)
        return cls(retriever, chunk_ids)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._bm25.save(str(directory))
        (directory / "chunk_ids.json").write_text(json.dumps(self.chunk_ids), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> KeywordIndex:
        import bm25s

        retriever = bm25s.BM25.load(str(directory))
        ids = json.loads((directory / "chunk_ids.json").read_text(encoding="utf-8"))
        return cls(retriever, ids)

    def scores(self, weighted_tokens: dict[str, float], mask: np.ndarray | None = None) -> np.ndarray:
        """BM25 score of every chunk for a weighted bag of query tokens (weight 1 = an original term)."""
        total = np.zeros(len(self.chunk_ids), dtype=np.float32)
        with self._lock:  # bm25s keeps no per-query state, but its numpy buffers are shared
            for tok, weight in weighted_tokens.items():
                tid = self._vocab.get(tok)
                if tid is None or weight <= 0:
                    continue
                total += weight * self._bm25.get_scores_from_ids([tid])
        if mask is not None:
            total = total * mask
        return total

    def search(
        self, weighted_tokens: dict[str, float], k: int, mask: np.ndarray | None = None
    ) -> list[tuple[str, float]]:
        s = self.scores(weighted_tokens, mask)
        if not len(s):
            return []
        k = min(k, len(s))
        top = np.argpartition(-s, k - 1)[:k]
        top = top[np.argsort(-s[top])]
        return [(self.chunk_ids[i], float(s[i])) for i in top if s[i] > 0]

    def chunks_with(self, token: str) -> np.ndarray:
        """Row numbers of the chunks that hold ``token`` (bm25s keeps them column-wise per token)."""
        tid = self._vocab.get(token)
        if tid is None or tid >= len(self._df):
            return np.zeros(0, dtype=np.int64)
        scores = self._bm25.scores
        return np.asarray(scores["indices"][scores["indptr"][tid] : scores["indptr"][tid + 1]])

    def document_frequency(self, token: str) -> int:
        tid = self._vocab.get(token)
        if tid is None or tid >= len(self._df):
            return 0
        return int(self._df[tid])

    def idf(self, token: str) -> float:
        df = self.document_frequency(token)
        return float(np.log(1.0 + (self.num_docs - df + 0.5) / (df + 0.5)))
