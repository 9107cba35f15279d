"""Side-by-side comparison of evaluation runs (``DIR/metrics.json`` written by the eval harness)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.table import Table

__all__ = ["COMPARE_ROWS", "compare_table", "load_metrics"]

# (key in metrics["overall"], label, kind, higher_is_better); kind picks the number format.
COMPARE_ROWS: list[tuple[str, str, str, bool]] = [
    ("n", "items", "int", True),
    ("n_errors", "errors", "int", False),
    ("recall@1", "evidence recall@1", "ratio", True),
    ("recall@5", "evidence recall@5", "ratio", True),
    ("recall@10", "evidence recall@10", "ratio", True),
    ("mrr@10", "MRR@10", "ratio", True),
    ("ndcg@10", "nDCG@10", "ratio", True),
    ("jurisdiction_coverage", "jurisdiction coverage", "ratio", True),
    ("key_fact_recall", "key-fact recall", "ratio", True),
    ("citation_support", "citation support", "ratio", True),
    ("evidence_cited", "evidence cited", "ratio", True),
    ("abstention_accuracy", "abstention accuracy", "ratio", True),
    ("false_abstention_rate", "false-abstention rate", "ratio", False),
    ("answer_chars_mean", "answer length (chars)", "num", False),
    ("latency_retrieve_ms_p50", "retrieve p50 (ms)", "num", False),
    ("latency_retrieve_ms_p95", "retrieve p95 (ms)", "num", False),
    ("latency_total_ms_p50", "total p50 (ms)", "num", False),
    ("latency_total_ms_p95", "total p95 (ms)", "num", False),
]

# Size, not quality: the best count of items or characters is not "better", so it is not highlighted.
_NO_BEST = {"n", "answer_chars_mean"}


def load_metrics(run_dir: Path) -> dict[str, Any]:
    """Read ``run_dir/metrics.json``; raise FileNotFoundError naming the directory when it is missing."""
    path = Path(run_dir) / "metrics.json"
    if not path.is_file():
        raise FileNotFoundError(f"no metrics.json in {run_dir} (is it an eval --out directory?)")
    return json.loads(path.read_text(encoding="utf-8"))


def _run_name(run_dir: Path, metrics: dict[str, Any]) -> str:
    preset = (metrics.get("meta") or {}).get("preset")
    name = Path(run_dir).resolve().name
    return f"{name}\n({preset})" if preset and preset != name else name


def _fmt(value: Any, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "ratio":
        return f"{value:.3f}"
    if kind == "int":
        return str(int(value))
    return f"{value:,.0f}"


def compare_table(dirs: list[Path]) -> Table:
    """A rich Table with one row per key overall metric and one column per run directory.

    Columns are named by the directory name plus ``meta.preset`` from metrics.json when it differs; the
    best value of each quality row is shown in bold green (lower is better for errors, false
    abstention and latency). Missing or not-applicable values show as "—".
    """
    runs = [(Path(d), load_metrics(Path(d))) for d in dirs]
    table = Table(title="PolicyQA evaluation runs", show_lines=False)
    table.add_column("metric", style="bold")
    for run_dir, metrics in runs:
        table.add_column(_run_name(run_dir, metrics), justify="right")

    for key, label, kind, higher in COMPARE_ROWS:
        values = [(m.get("overall") or {}).get(key) for _, m in runs]
        numbers = [v for v in values if isinstance(v, int | float)]
        best = (max(numbers) if higher else min(numbers)) if numbers and len(runs) > 1 else None
        if key in _NO_BEST or (numbers and min(numbers) == max(numbers)):
            best = None
        cells = [
            f"[bold green]{_fmt(v, kind)}[/]" if best is not None and v == best else _fmt(v, kind)
            for v in values
        ]
        table.add_row(label, *cells)
    return table
