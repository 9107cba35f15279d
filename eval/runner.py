"""Run a gold set through any answering callable and write results.jsonl, metrics.json and report.html.

The harness only needs ``answer_fn(question, history) -> answer JSON dict``: a pipeline is just a
callable, so the CLI passes ``PolicyQA.ask`` and tests can pass anything.
"""

from __future__ import annotations

import json
import platform
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.gold_check import FIELDS, TYPES
from eval.metrics import compute_metrics
from eval.report import write_report

AnswerFn = Callable[[str, list[dict[str, str]]], dict[str, Any]]
TickFn = Callable[[dict[str, Any]], None]

REQUIRED = FIELDS  # DESIGN.md §4


class GoldSetError(ValueError):
    """A gold file that does not follow DESIGN.md §4."""


def load_gold(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    if not path.exists():
        raise GoldSetError(f"gold file not found: {path}")
    items: list[dict[str, Any]] = []
    for ln, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldSetError(f"{path}:{ln}: not JSON ({exc.msg})") from exc
        missing = [k for k in REQUIRED if k not in item]
        if missing:
            raise GoldSetError(f"{path}:{ln}: item {item.get('id')!r} lacks {', '.join(missing)}")
        if item["type"] not in TYPES:
            raise GoldSetError(f"{path}:{ln}: unknown type {item['type']!r}")
        items.append(item)
        if limit and len(items) >= limit:
            break
    if not items:
        raise GoldSetError(f"{path} holds no items")
    return items


def machine_meta() -> dict[str, Any]:
    import os

    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False, timeout=5
        ).stdout.strip()
    except Exception:
        commit = ""
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU cores, Python {platform.python_version()}",
        "git_commit": commit or "uncommitted",
    }


@dataclass
class EvalRun:
    records: list[dict[str, Any]]
    metrics: dict[str, Any]
    out_dir: Path


def run_eval(
    answer_fn: AnswerFn,
    items: list[dict[str, Any]],
    out_dir: Path,
    meta: dict[str, Any],
    tick: TickFn | None = None,
) -> EvalRun:
    out_dir.mkdir(parents=True, exist_ok=True)
    records: list[dict[str, Any]] = []
    results_tmp = out_dir / "results.jsonl.tmp"
    with open(results_tmp, "w", encoding="utf-8") as f:
        for item in items:
            try:
                answer = answer_fn(item["question"], item.get("history") or [])
            except Exception as exc:  # a failure is a scored miss, not a crashed run
                answer = {"error": f"{type(exc).__name__}: {exc}"}
            record = {"gold": item, "answer": answer}
            records.append(record)
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            if tick:
                tick(record)
    results_tmp.replace(out_dir / "results.jsonl")
    metrics = compute_metrics(records)
    metrics["meta"] = meta
    (out_dir / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=1), encoding="utf-8")
    write_report(
        out_dir, records, metrics, title=f"PolicyQA evaluation — {meta.get('preset', 'default')}", meta=meta
    )
    return EvalRun(records, metrics, out_dir)
