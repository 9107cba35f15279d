"""End-to-end: `policyqa eval` on a few gold items writes the three contract files."""

from __future__ import annotations

import json
from pathlib import Path

from eval.runner import load_gold, run_eval
from rag.chain import PolicyQA

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold" / "dev.jsonl"


def test_smoke_eval_writes_results_metrics_and_report(corpus_qa: PolicyQA, tmp_path: Path) -> None:
    items = load_gold(GOLD)
    picked = [
        next(i for i in items if i["type"] == t)
        for t in ("factual", "comparative", "followup", "unanswerable")
    ]
    run = run_eval(lambda q, h: corpus_qa.ask(q, h).model_dump(), picked, tmp_path, {"preset": "default"})
    lines = (tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    rec = json.loads(lines[0])
    assert {"gold", "answer"} <= set(rec) and {"answer", "citations", "contexts", "timings_ms"} <= set(
        rec["answer"]
    )
    metrics = json.loads((tmp_path / "metrics.json").read_text(encoding="utf-8"))
    for key in (
        "recall@1",
        "recall@5",
        "recall@10",
        "mrr@10",
        "ndcg@10",
        "key_fact_recall",
        "citation_support",
        "evidence_cited",
        "abstention_accuracy",
        "false_abstention_rate",
        "latency_total_ms_p95",
    ):
        assert key in metrics["overall"], key
    assert set(metrics["by_type"]) == {"factual", "comparative", "followup", "unanswerable"}
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert picked[0]["id"] in html and "<img" in html
    assert run.metrics["n"] == 4
