"""The retrieval chain, composed in one visible place.

    condense → analyse → plan (expand, embed) → retrieve (hybrid, per jurisdiction) → compose | generate
    → verify → answer JSON

`PolicyQA` is the composition root: it owns the embedder, the live index and one chain per preset.
The CLI, the API and the evaluation harness all answer through `PolicyQA.ask`.
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from rag.analysis import QueryAnalysis
from rag.answer import Answer, ContextOut, Timings
from rag.compose import Composition, ExtractiveComposer
from rag.condense import condense
from rag.embeddings import SHIPPED_SEED, CachedEmbeddings, EmbeddingSeed, load_embedder
from rag.glossary import Glossary, default_glossary
from rag.index import LiveIndex
from rag.offline import seed_tiktoken_cache, set_offline_env
from rag.question_shape import default_model as question_shape_model
from rag.retrieve import Context, Filters, HybridRetriever, QueryPlan
from rag.sentence_scoring import SentenceScorer
from rag.settings import Settings

MAX_QUESTION_CHARS = 2000
WARM_UP_QUESTIONS = ("What does the AI Act say about AI literacy?", "AI推進法の目的は?")


class InvalidQuestion(ValueError):
    """Empty or oversized questions, bad history: a client error, nothing is searched."""


@dataclass
class ChainState:
    question: str
    history: list[dict[str, str]]
    k: int
    filters: Filters
    started: float = field(default_factory=time.perf_counter)
    query: str = ""
    analysis: QueryAnalysis | None = None
    rewritten: bool = False
    plan: QueryPlan | None = None
    contexts: list[Context] = field(default_factory=list)
    composition: Composition | None = None
    retrieve_ms: float = 0.0
    generate_ms: float = 0.0


def validate_question(question: str, history: list[dict[str, str]] | None) -> None:
    if not isinstance(question, str) or not question.strip():
        raise InvalidQuestion("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise InvalidQuestion(f"the question is longer than {MAX_QUESTION_CHARS} characters")
    for turn in history or []:
        if turn.get("role") not in ("user", "assistant") or not isinstance(turn.get("content"), str):
            raise InvalidQuestion("history turns need a role of 'user' or 'assistant' and text content")


class AnswerChain:
    """One preset's chain. Stateless per call; safe to share between threads."""

    def __init__(
        self, settings: Settings, embedder: CachedEmbeddings, index: LiveIndex, glossary: Glossary
    ) -> None:
        self.settings = settings
        self.index = index
        self.retriever = HybridRetriever(index, embedder, glossary, settings.retrieval)
        self._composer: ExtractiveComposer | None = None
        self._composer_generation = -1
        self._generator: Any = None
        self._cache: OrderedDict[str, Answer] = OrderedDict()
        self._cache_lock = threading.Lock()
        self.runnable: Runnable[ChainState, Answer] = (
            RunnableLambda(self._condense, name="condense")
            | RunnableLambda(self._retrieve, name="retrieve")
            | RunnableLambda(self._answer, name="compose_or_generate")
            | RunnableLambda(self._finish, name="answer_json")
        )

    # -- steps ----------------------------------------------------------------------------------
    def _condense(self, st: ChainState) -> ChainState:
        c = condense(st.question, st.history)
        st.query, st.analysis, st.rewritten = c.query, c.analysis, c.rewritten
        if st.history and self.generator is not None and c.rewritten:
            st.query = self.generator.condense(st.question, st.history) or st.query
        return st

    def _retrieve(self, st: ChainState) -> ChainState:
        t0 = time.perf_counter()
        assert st.analysis is not None
        self.index.require()
        _ = self.composer  # binds the sentence scorer of the live generation to the retriever
        st.plan = self.retriever.plan(st.query, st.analysis)
        st.contexts = self.retriever.retrieve(st.plan, st.filters, st.k)
        st.retrieve_ms = (time.perf_counter() - t0) * 1000
        return st

    def _answer(self, st: ChainState) -> ChainState:
        t0 = time.perf_counter()
        assert st.plan is not None and st.analysis is not None
        lang = st.analysis.language
        if self.generator is None:
            st.composition = self.composer.compose(st.plan, st.contexts, lang)
        else:
            st.composition = self.generator.generate(st.plan, st.contexts, lang, self.composer)
        st.generate_ms = (time.perf_counter() - t0) * 1000
        return st

    def _finish(self, st: ChainState) -> Answer:
        assert st.composition is not None and st.analysis is not None
        comp = st.composition
        return Answer(
            question=st.question,
            language="ja" if st.analysis.language == "ja" else "en",
            answer=comp.answer,
            abstained=comp.abstained,
            citations=comp.citations,
            contexts=[ContextOut(**c.to_json(i + 1)) for i, c in enumerate(st.contexts)],
            comparison=comp.comparison,
            timings_ms=Timings(
                retrieve=round(st.retrieve_ms, 2),
                generate=round(st.generate_ms, 2),
                total=round((time.perf_counter() - st.started) * 1000, 2),
            ),
            standalone_question=st.query if st.rewritten else None,
            generator=self.settings.generator,
            preset=self.settings.preset,
        )

    # -- parts ----------------------------------------------------------------------------------
    @property
    def composer(self) -> ExtractiveComposer:
        state = self.index.state
        generation = state.generation if state else -1
        if self._composer is None or generation != self._composer_generation:
            assert self.index.keyword is not None
            scorer = SentenceScorer(self.index.keyword, self.index.chunks)
            held = [d["doc_id"] for d in self.index.chunks.documents()] if self.index.chunks else []
            shape = question_shape_model(self.retriever.embedder.embedder_id, held)
            self._composer = ExtractiveComposer(scorer, self.settings.answer, shape)
            self.retriever.scorer = scorer
            self._composer_generation = generation
        return self._composer

    @property
    def generator(self) -> Any:
        if self.settings.generator == "extractive":
            return None
        if self._generator is None:
            from rag.generate import load_generator

            self._generator = load_generator(self.settings)
        return self._generator

    # -- entry points ---------------------------------------------------------------------------
    def invoke(
        self,
        question: str,
        history: list[dict[str, str]] | None = None,
        k: int | None = None,
        filters: Filters | None = None,
    ) -> Answer:
        validate_question(question, history)
        st = ChainState(question, list(history or []), k or self.settings.retrieval.k, filters or Filters())
        key = self._cache_key(st)
        cached = self._cache_get(key)
        if cached is not None:
            return cached
        answer = self.runnable.invoke(st)
        self._cache_put(key, answer)
        return answer

    # -- answer cache ---------------------------------------------------------------------------
    def _cache_key(self, st: ChainState) -> str | None:
        if self.settings.answer.cache_size <= 0 or self.generator is not None:
            return None  # LLM answers are not cached: a user may ask again to get another wording
        state = self.index.state
        f = st.filters
        return json.dumps(
            [
                st.question,
                st.history,
                st.k,
                f.jurisdictions,
                f.doc_ids,
                f.language,
                state.generation if state else -1,
            ],
            ensure_ascii=False,
        )

    def _cache_get(self, key: str | None) -> Answer | None:
        if key is None:
            return None
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
        if hit is None:
            return None
        # Same index generation, same question: the same answer, with this request's own timing.
        return hit.model_copy(update={"timings_ms": Timings(retrieve=0.0, generate=0.0, total=0.0)})

    def _cache_put(self, key: str | None, answer: Answer) -> None:
        if key is None:
            return
        with self._cache_lock:
            self._cache[key] = answer
            while len(self._cache) > self.settings.answer.cache_size:
                self._cache.popitem(last=False)

    def stream(
        self,
        question: str,
        history: list[dict[str, str]] | None = None,
        k: int | None = None,
        filters: Filters | None = None,
    ) -> Iterator[tuple[str, Any]]:
        """Events for streaming clients: contexts, then answer deltas, then citations, then done."""
        validate_question(question, history)
        st = ChainState(question, list(history or []), k or self.settings.retrieval.k, filters or Filters())
        cached = self._cache_get(self._cache_key(st))
        if cached is not None:
            yield "contexts", [c.model_dump() for c in cached.contexts]
            for line in cached.answer.splitlines(keepends=True):
                yield "delta", line
            yield "citations", [c.model_dump() for c in cached.citations]
            yield "done", cached
            return
        st = self._retrieve(self._condense(st))
        yield "contexts", [c.to_json(i + 1) for i, c in enumerate(st.contexts)]
        if self.generator is not None and hasattr(self.generator, "stream"):
            assert st.plan is not None and st.analysis is not None
            t0 = time.perf_counter()
            pieces = self.generator.stream(st.plan, st.contexts, st.analysis.language, self.composer)
            comp = None
            for kind, value in pieces:
                if kind == "delta":
                    yield "delta", value
                else:
                    comp = value
            st.composition = comp
            st.generate_ms = (time.perf_counter() - t0) * 1000
        else:
            st = self._answer(st)
            assert st.composition is not None
            for line in st.composition.answer.splitlines(keepends=True):
                yield "delta", line
        answer = self._finish(st)
        self._cache_put(self._cache_key(st), answer)
        yield "citations", [c.model_dump() for c in answer.citations]
        yield "done", answer


class PolicyQA:
    """Everything a process needs to answer: settings, embedder, index, chains (one per preset)."""

    def __init__(self, settings: Settings | None = None) -> None:
        set_offline_env()
        self.settings = settings or Settings()
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        seed_tiktoken_cache(self.settings.tiktoken_cache_dir)
        self.embedder = CachedEmbeddings(
            load_embedder(self.settings.embedder),
            self.settings.data_dir / "cache" / "embeddings.sqlite",
            seed=EmbeddingSeed.load(SHIPPED_SEED) if self.settings.embedding_seed else None,
        )
        self.glossary = default_glossary()
        self._indexes: dict[str, LiveIndex] = {}
        self._chains: dict[str, AnswerChain] = {}
        self._lock = threading.Lock()

    def settings_for(self, preset: str | None) -> Settings:
        if not preset or preset == self.settings.preset:
            return self.settings
        return self.settings.with_preset(preset)

    def index_for(self, settings: Settings) -> LiveIndex:
        key = str(settings.chunking.splitter)
        with self._lock:
            if key not in self._indexes:
                self._indexes[key] = LiveIndex(settings, self.embedder.embedder_id)
            return self._indexes[key]

    def chain(self, preset: str | None = None) -> AnswerChain:
        name = preset or self.settings.preset
        with self._lock:
            if name in self._chains:
                return self._chains[name]
        settings = self.settings_for(preset)
        chain = AnswerChain(settings, self.embedder, self.index_for(settings), self.glossary)
        with self._lock:
            return self._chains.setdefault(name, chain)

    def ingest(
        self,
        paths: list[Path] | None = None,
        rebuild: bool = False,
        add: bool = False,
        progress: Any = None,
        preset: str | None = None,
    ) -> Any:
        from ingest.pipeline import ingest

        settings = self.settings_for(preset)
        report = ingest(settings, self.embedder, paths, rebuild=rebuild, add=add, progress=progress)
        self.index_for(settings).refresh()
        return report

    def ask(
        self,
        question: str,
        history: list[dict[str, str]] | None = None,
        k: int | None = None,
        filters: Filters | None = None,
        preset: str | None = None,
    ) -> Answer:
        return self.chain(preset).invoke(question, history, k, filters)

    def search(
        self, query: str, k: int | None = None, filters: Filters | None = None, preset: str | None = None
    ) -> list[ContextOut]:
        validate_question(query, None)
        chain = self.chain(preset)
        chain.index.require()
        from rag.analysis import analyse

        _ = chain.composer
        plan = chain.retriever.plan(query, analyse(query))
        ctxs = chain.retriever.retrieve(plan, filters or Filters(), k or chain.settings.retrieval.k)
        return [ContextOut(**c.to_json(i + 1)) for i, c in enumerate(ctxs)]

    def ready(self) -> bool:
        try:
            return self.chain().index.refresh()
        except Exception:
            return False

    def warm_up(self, preset: str | None = None) -> None:
        """Pay the one-time costs (index and vectors, embedder, Sudachi dictionary, lexicon, the corpus
        text for name checks, the months it mentions) before the first real question, in both languages."""
        if self.ready():
            for question in WARM_UP_QUESTIONS:
                self.ask(question, preset=preset)
