"""`policyqa` — the one command line: ingest, documents, ask, chat, serve, eval."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from rag.settings import PRESETS, Settings

app = typer.Typer(
    name="policyqa",
    help="Cited, cross-lingual answers about US/EU/Japan AI policy (IISE report No.8 and its sources).",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(invoke_without_command=True)  # help: the callback's docstring, with examples
app.add_typer(eval_app, name="eval")
console = Console()
err = Console(stderr=True)


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


def _core(preset: str | None = None) -> Any:
    from rag.chain import PolicyQA
    from rag.embeddings import EmbedderError
    from rag.index import DataDirBusy, StoreUnavailable

    settings = Settings()
    if preset and preset not in PRESETS:
        raise _fail(f"unknown preset {preset!r}; choose one of {', '.join(sorted(PRESETS))}", 2)
    try:
        return PolicyQA(settings)
    except (EmbedderError, DataDirBusy, StoreUnavailable) as exc:
        raise _fail(str(exc)) from exc


class RichIngestProgress:
    """Rich bars for files, chunks, embeddings and writing."""

    def __init__(self, progress: Progress) -> None:
        self.p = progress
        self.tasks: dict[str, Any] = {}

    def stage(self, name: str, total: int) -> None:
        if name in self.tasks:
            self.p.update(self.tasks[name], total=total)
        else:
            self.tasks[name] = self.p.add_task(name, total=total)

    def advance(self, name: str, n: int = 1) -> None:
        if name not in self.tasks:
            self.stage(name, 0)
        self.p.advance(self.tasks[name], n)

    def message(self, text: str) -> None:
        self.p.console.print(f"[yellow]{text}[/]")


def run_ingest(qa: Any, paths: list[Path] | None, rebuild: bool, add: bool, preset: str | None = None) -> Any:
    from ingest.errors import IngestError
    from rag.index import DataDirBusy, StoreUnavailable

    columns = (
        TextColumn("[bold]{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    try:
        with Progress(*columns, console=err, transient=False) as progress:
            report = qa.ingest(
                paths, rebuild=rebuild, add=add, progress=RichIngestProgress(progress), preset=preset
            )
    except (IngestError, DataDirBusy, StoreUnavailable) as exc:
        raise _fail(str(exc)) from exc
    table = Table(title="Ingest" + (" (nothing changed)" if report.noop else ""), show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = (
        ("documents", report.documents),
        ("chunks", report.chunks),
        ("quotable sentences", report.sentences or "-"),  # not re-counted by a no-op
        ("section headings", report.sections or "-"),
        ("tokens", report.tokens or "-"),
        # vectors computed now vs taken from the live index, the cache or the shipped seed
        ("vectors embedded now", report.embedded + report.sentences_embedded + report.sections_embedded),
        (
            "vectors reused",
            report.cached
            + report.sentences
            - report.sentences_embedded
            + report.sections
            - report.sections_embedded,
        ),
        ("chunks added / removed", f"{report.added} / {report.removed}"),
        ("seconds", f"{report.seconds:.1f}"),
    )
    for name, value in rows:
        table.add_row(name, f"{value:,}" if isinstance(value, int) else value)
    err.print(table)
    for path, why in report.skipped:
        err.print(f"[yellow]skipped[/] {path}: {why}")
    return report


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Folders or files (default: the shipped corpus).")
    ] = None,
    rebuild: Annotated[
        bool, typer.Option(help="Re-embed and rewrite everything (the cache still applies).")
    ] = False,
    add: Annotated[
        bool, typer.Option(help="Add PATHs to the indexed sources instead of replacing them.")
    ] = False,
    preset: Annotated[
        str | None, typer.Option(help="Build the index a preset needs (e.g. tutorial-baseline).")
    ] = None,
) -> None:
    """Index the corpus: parse, chunk, embed (cached) and switch to the new index atomically.

    Examples:
      policyqa ingest                      # the shipped corpus, incrementally
      policyqa ingest ~/my-policy-docs     # index that folder instead
      policyqa ingest extra.md --add       # add a file to what is indexed
    """
    run_ingest(_core(), paths, rebuild, add, preset)


@app.command()
def documents() -> None:
    """List indexed documents.

    Example:
      policyqa documents
    """
    qa = _core()
    index = qa.chain().index
    if not index.refresh():
        raise _fail("no index yet: run `policyqa ingest`")
    table = Table("doc id", "title", "jurisdiction", "lang", "chunks")
    for d in index.chunks.documents():
        table.add_row(d["doc_id"], d["short_title"], d["jurisdiction"], d["language"], str(d["chunks"]))
    console.print(table)


def _ask_once(
    qa: Any,
    question: str,
    history: list[dict[str, str]],
    k: int | None,
    jurisdiction: list[str],
    doc: list[str],
    preset: str | None,
) -> Any:
    from rag.chain import InvalidQuestion
    from rag.index import IndexNotFound, StoreUnavailable
    from rag.retrieve import Filters, UnknownFilter

    try:
        return qa.ask(question, history, k, Filters(jurisdictions=jurisdiction, doc_ids=doc), preset)
    except (InvalidQuestion, UnknownFilter) as exc:
        raise _fail(str(exc), 2) from exc
    except (IndexNotFound, StoreUnavailable) as exc:
        raise _fail(str(exc)) from exc


def print_answer(answer: Any) -> None:
    style = "yellow" if answer.abstained else "green"
    console.print(Panel(Markdown(answer.answer), title=answer.question[:80], border_style=style))
    for c in answer.citations:
        quote = c.quote if len(c.quote) < 220 else c.quote[:217] + "…"
        console.print(f"[bold][{c.n}][/] [cyan]{c.section}[/]\n    “{quote}”")
    t = answer.timings_ms
    console.print(f"[dim]retrieve {t.retrieve:.0f} ms · total {t.total:.0f} ms[/]")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="Japanese or English.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer JSON (DESIGN.md §3).")] = False,
    k: Annotated[int | None, typer.Option(min=1, max=50, help="Contexts to retrieve.")] = None,
    jurisdiction: Annotated[
        list[str] | None, typer.Option(help="Only these jurisdictions (US, EU, JP).")
    ] = None,
    doc: Annotated[
        list[str] | None, typer.Option(help="Only these documents (see `policyqa documents`).")
    ] = None,
    preset: Annotated[str | None, typer.Option(help=f"One of: {', '.join(sorted(PRESETS))}.")] = None,
) -> None:
    """Ask one question.

    Examples:
      policyqa ask "AIの安全性について日米欧の違いは?"
      policyqa ask "How does the US plan to enforce chip export controls?" --json
      policyqa ask "What are the penalties?" --jurisdiction EU
    """
    qa = _core(preset)
    answer = _ask_once(qa, question, [], k, jurisdiction or [], doc or [], preset)
    if as_json:
        sys.stdout.write(answer.model_dump_json(indent=1) + "\n")
    else:
        print_answer(answer)


@app.command()
def chat(preset: Annotated[str | None, typer.Option(help="Chain preset.")] = None) -> None:
    """Terminal chat with follow-up questions (empty line or Ctrl-D quits; /new starts over).

    Example:
      policyqa chat
    """
    qa = _core(preset)
    history: list[dict[str, str]] = []
    console.print("[bold]PolicyQA[/] — ask about US/EU/Japan AI policy. /new starts over, Ctrl-D quits.")
    while True:
        try:
            question = console.input("[bold cyan]> [/]").strip()
        except (EOFError, KeyboardInterrupt):
            console.print()
            break
        if not question:
            break
        if question == "/new":
            history = []
            console.print("[dim]new conversation[/]")
            continue
        from rag.chain import InvalidQuestion

        try:
            answer = qa.ask(question, history[-20:], None, None, preset)
        except InvalidQuestion as exc:
            err.print(f"[red]{exc}[/]")
            continue
        print_answer(answer)
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.answer}]


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
    no_ingest: Annotated[bool, typer.Option("--no-ingest", help="Skip the ingest-if-stale step.")] = False,
) -> None:
    """Serve the chat page at / and the API at /v1 (OpenAPI docs at /docs); ingests first if needed.

    Examples:
      policyqa serve
      POLICYQA_API_TOKEN=secret policyqa serve --host 0.0.0.0 --port 8080
    """
    import uvicorn

    from api.app import create_app

    qa = _core()
    if not no_ingest:
        run_ingest(qa, None, rebuild=False, add=False)
    s = qa.settings
    h, p = host or s.api.host, port or s.api.port
    err.print(f"[bold green]PolicyQA[/] on http://{h}:{p}/  (API docs: http://{h}:{p}/docs)")
    uvicorn.run(create_app(qa=qa), host=h, port=p, log_level="info", access_log=False)


@eval_app.callback()
def eval_run(
    ctx: typer.Context,
    gold: Annotated[Path | None, typer.Option(help="Gold set (JSON Lines, DESIGN.md §4).")] = None,
    out: Annotated[
        Path | None, typer.Option(help="Output folder for results.jsonl, metrics.json, report.html.")
    ] = None,
    preset: Annotated[str, typer.Option(help=f"One of: {', '.join(sorted(PRESETS))}.")] = "default",
    k: Annotated[int, typer.Option(min=1, max=50, help="Contexts per question.")] = 10,
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N items.")] = None,
) -> None:
    """Answer every gold item and write results, metrics and an HTML report.

    Examples:
      policyqa eval --gold eval/gold/test.jsonl --out eval/runs/test-default
      policyqa eval --gold eval/gold/test.jsonl --out eval/runs/test-baseline --preset tutorial-baseline
      policyqa eval compare eval/runs/test-baseline eval/runs/test-default
    """
    if ctx.invoked_subcommand is not None:
        return
    if gold is None or out is None:
        raise _fail("--gold and --out are required (see `policyqa eval --help`)", 2)
    from eval.runner import GoldSetError, load_gold, machine_meta, run_eval

    try:
        items = load_gold(gold, limit)
    except GoldSetError as exc:
        raise _fail(str(exc), 2) from exc
    qa = _core(preset)
    settings = qa.settings_for(preset)
    index = qa.index_for(settings)
    if not index.refresh() or preset == "tutorial-baseline":
        run_ingest(qa, None, rebuild=False, add=False, preset=preset)
    qa.warm_up(preset)  # one-time loading costs are not what the latency columns measure
    meta = {
        "preset": preset,
        "command": " ".join(["policyqa", *sys.argv[1:]]),
        "gold": str(gold),
        "k": k,
        "date": time.strftime("%Y-%m-%d %H:%M"),
        **machine_meta(),
    }
    columns = (TextColumn("[bold]answering"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err) as progress:
        task = progress.add_task("eval", total=len(items))

        def answer_fn(question: str, history: list[dict[str, str]]) -> dict[str, Any]:
            return qa.ask(question, history, k, None, preset).model_dump()

        run = run_eval(answer_fn, items, out, meta, tick=lambda _r: progress.advance(task))
    _summary(run.metrics)
    err.print(f"report: {out / 'report.html'}")


def _fmt(value: Any, key: str) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if "ms" in key else f"{value:.3f}"


def _summary(metrics: dict[str, Any]) -> None:
    """Two narrow tables (metrics × language, metrics × type) that fit an 80-column terminal."""
    keys = [
        "recall@1",
        "recall@5",
        "recall@10",
        "mrr@10",
        "ndcg@10",
        "jurisdiction_coverage",
        "key_fact_recall",
        "citation_support",
        "evidence_cited",
        "abstention_accuracy",
        "false_abstention_rate",
        "answer_chars_mean",
        "latency_total_ms_p50",
        "latency_total_ms_p95",
    ]
    langs = list(metrics["by_lang"])
    table = Table("metric", "overall", *langs, title=f"Evaluation ({metrics['n']} items)")
    for k in keys:
        table.add_row(
            k, _fmt(metrics["overall"].get(k), k), *[_fmt(metrics["by_lang"][x].get(k), k) for x in langs]
        )
    console.print(table)
    short = {
        "factual": "fact",
        "multi_hop": "multi",
        "comparative": "comp",
        "followup": "follow",
        "unanswerable": "unans",
    }
    types = list(metrics["by_type"])
    by_type = Table("metric", *[short.get(t, t) for t in types], title="By question type")
    for k in [
        "recall@5",
        "recall@10",
        "key_fact_recall",
        "citation_support",
        "jurisdiction_coverage",
        "abstention_accuracy",
        "false_abstention_rate",
    ]:
        by_type.add_row(k, *[_fmt(metrics["by_type"][t].get(k), k) for t in types])
    console.print(by_type)


@eval_app.command("compare")
def eval_compare(dirs: Annotated[list[Path], typer.Argument(help="Evaluation output folders.")]) -> None:
    """Side-by-side metrics of several evaluation runs.

    Example:
      policyqa eval compare eval/runs/test-baseline eval/runs/test-default
    """
    from eval.compare import compare_table

    try:
        console.print(compare_table(dirs))
    except FileNotFoundError as exc:
        raise _fail(str(exc), 2) from exc


def main() -> None:
    app()


if __name__ == "__main__":
    main()
