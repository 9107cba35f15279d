"""LLM generators: llama.cpp (a local GGUF) and any OpenAI-compatible server, both through LangChain
chat messages; every answer goes through `rag.verify` before it reaches a user."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from rag.analysis import JURISDICTION_LABELS, compared_jurisdictions
from rag.compose import Composition, ExtractiveComposer
from rag.prompts import (
    COMPARISON_RULE,
    CONDENSE_PROMPT,
    CONTEXT_TEMPLATE,
    LANGUAGE_NAMES,
    NO_ANSWER_SENTINEL,
    SYSTEM_PROMPT,
    USER_PROMPT,
)
from rag.retrieve import Context, QueryPlan
from rag.settings import Settings
from rag.verify import verify

MAX_CONTEXT_CHARS = 1200


class GeneratorError(RuntimeError):
    """The configured generator cannot be loaded or reached."""


def build_messages(
    plan: QueryPlan, contexts: list[Context], lang: str, n_contexts: int, max_sentences: int
) -> list[tuple[str, str]]:
    blocks = []
    for i, ctx in enumerate(contexts[:n_contexts], 1):
        text = ctx.record["text"]
        if len(text) > MAX_CONTEXT_CHARS:
            text = text[:MAX_CONTEXT_CHARS] + " …"
        # Contexts are data: delimited, labelled, and any marker-like text inside them is defused.
        text = text.replace("</context>", "</ context>")
        blocks.append(
            CONTEXT_TEMPLATE.format(
                n=i, title=ctx.record["title"], section=ctx.record["section_path"], text=text
            )
        )
    rule = ""
    if plan.analysis.comparative:
        labels = JURISDICTION_LABELS["ja" if lang == "ja" else "en"]
        rule = COMPARISON_RULE.format(
            jurisdictions=", ".join(labels[j] for j in compared_jurisdictions(plan.analysis))
        )
    system = SYSTEM_PROMPT.format(
        language_name=LANGUAGE_NAMES.get(lang, "English"),
        max_sentences=max_sentences,
        comparison_rule=rule,
        sentinel=NO_ANSWER_SENTINEL,
    )
    user = USER_PROMPT.format(contexts="\n\n".join(blocks), question=plan.analysis.question or plan.text)
    return [("system", system), ("user", user)]


class LLMGenerator:
    """Shared logic: prompt, call, verify, abstain when nothing survives."""

    n_contexts = 5

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    # subclasses implement these two
    def _complete(self, messages: list[tuple[str, str]]) -> str:
        raise NotImplementedError

    def _stream(self, messages: list[tuple[str, str]]) -> Iterator[str]:
        yield self._complete(messages)

    def _finish(
        self,
        raw: str,
        contexts: list[Context],
        lang: str,
        composer: ExtractiveComposer,
        support: dict[str, Any],
    ) -> Composition:
        if NO_ANSWER_SENTINEL in raw or not raw.strip():
            return composer.abstain(contexts, lang, support)
        given = [c.record for c in contexts[: self.n_contexts]]
        checked = verify(raw, given)
        if not checked.citations:
            return composer.abstain(contexts, lang, support)
        return Composition(
            checked.answer, checked.citations, None, False, support | {"dropped": checked.dropped}
        )

    def generate(
        self, plan: QueryPlan, contexts: list[Context], lang: str, composer: ExtractiveComposer
    ) -> Composition:
        support = composer.support(plan, contexts)  # computed once: abstention and the answer share it
        if composer.should_abstain(plan, contexts, support):
            return composer.abstain(contexts, lang, support)
        messages = build_messages(plan, contexts, lang, self.n_contexts, self.settings.answer.max_sentences)
        return self._finish(self._complete(messages), contexts, lang, composer, support)

    def stream(
        self, plan: QueryPlan, contexts: list[Context], lang: str, composer: ExtractiveComposer
    ) -> Iterator[tuple[str, Any]]:
        support = composer.support(plan, contexts)
        if composer.should_abstain(plan, contexts, support):
            comp = composer.abstain(contexts, lang, support)
            yield "delta", comp.answer
            yield "composition", comp
            return
        messages = build_messages(plan, contexts, lang, self.n_contexts, self.settings.answer.max_sentences)
        raw = []
        for piece in self._stream(messages):
            raw.append(piece)
            yield "delta", piece
        yield "composition", self._finish("".join(raw), contexts, lang, composer, support)

    def condense(self, question: str, history: list[dict[str, str]]) -> str | None:
        convo = "\n".join(f"{t['role']}: {t['content'][:500]}" for t in history[-6:])
        try:
            out = self._complete([("user", CONDENSE_PROMPT.format(history=convo, question=question))]).strip()
        except Exception:
            return None
        return out.splitlines()[0][:500] if out else None


class LlamaCppGenerator(LLMGenerator):
    """A local GGUF model through llama-cpp-python (one model instance, calls serialised)."""

    def __init__(self, settings: Settings, model_path: str) -> None:
        super().__init__(settings)
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise GeneratorError("llama-cpp-python is not installed: pip install 'policyqa[llm]'") from exc
        try:
            self._llm = Llama(model_path=model_path, n_ctx=4096, n_threads=2, verbose=False, seed=0)
        except Exception as exc:
            raise GeneratorError(f"cannot load GGUF model {model_path!r}: {exc}") from exc
        self._lock = threading.Lock()
        self.n_contexts = 4  # small local models have small windows

    def _kwargs(self) -> dict[str, Any]:
        a = self.settings.answer
        return {"max_tokens": a.llm_max_tokens, "temperature": a.llm_temperature}

    def _complete(self, messages: list[tuple[str, str]]) -> str:
        chat: Any = [{"role": r, "content": c} for r, c in messages]
        with self._lock:
            out: Any = self._llm.create_chat_completion(messages=chat, **self._kwargs())
        return str(out["choices"][0]["message"]["content"] or "")

    def _stream(self, messages: list[tuple[str, str]]) -> Iterator[str]:
        chat: Any = [{"role": r, "content": c} for r, c in messages]
        with self._lock:
            stream: Any = self._llm.create_chat_completion(messages=chat, stream=True, **self._kwargs())
            for part in stream:
                delta = part["choices"][0].get("delta", {}).get("content")
                if delta:
                    yield str(delta)


class OpenAIGenerator(LLMGenerator):
    """Any OpenAI-compatible server (vLLM, llama.cpp server, Ollama, OpenAI) through LangChain ChatOpenAI."""

    def __init__(self, settings: Settings, model: str) -> None:
        super().__init__(settings)
        from langchain_openai import ChatOpenAI

        if not settings.llm_base_url and not settings.llm_api_key:
            raise GeneratorError(
                "openai:MODEL needs POLICYQA_LLM_BASE_URL (and usually POLICYQA_LLM_API_KEY)"
            )
        a = settings.answer
        self._llm = ChatOpenAI(
            model=model,
            base_url=settings.llm_base_url,
            api_key=settings.llm_api_key.get_secret_value() if settings.llm_api_key else "not-needed",
            temperature=a.llm_temperature,
            max_completion_tokens=a.llm_max_tokens,
            timeout=a.llm_timeout_s,
            max_retries=1,
        )

    def _complete(self, messages: list[tuple[str, str]]) -> str:
        return str(self._llm.invoke(messages).content)

    def _stream(self, messages: list[tuple[str, str]]) -> Iterator[str]:
        for chunk in self._llm.stream(messages):
            if chunk.content:
                yield str(chunk.content)


def load_generator(settings: Settings) -> LLMGenerator:
    spec = settings.generator
    if spec.startswith("llamacpp:"):
        return LlamaCppGenerator(settings, spec.split(":", 1)[1])
    if spec.startswith("openai:"):
        return OpenAIGenerator(settings, spec.split(":", 1)[1])
    raise GeneratorError(
        f"unknown generator {spec!r}: use 'extractive', 'llamacpp:PATH.gguf' or 'openai:MODEL'"
    )
