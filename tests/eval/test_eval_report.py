"""write_report on a few fake records: files exist, ids shown, HTML escaped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eval.metrics import compute_metrics
from eval.report import write_report

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def fake_records() -> list[dict[str, Any]]:
    chunk = {
        "rank": 1,
        "chunk_id": "c1",
        "doc_id": "eu-ai-act",
        "section": "Article 55 & <duties>",
        "text": "Providers shall report serious incidents to the AI Office.",
        "score": 0.9,
    }
    return [
        {
            "gold": {
                "id": "q-xss",
                "lang": "en",
                "type": "factual",
                "question": "What does <script>alert('x')</script> do?",
                "history": [],
                "reference_answer": "",
                "key_facts": [["serious incidents"]],
                "evidence": [["report serious incidents"]],
                "jurisdictions": [],
            },
            "answer": {
                "answer": "Providers report serious incidents <b>now</b> [1].",
                "abstained": False,
                "citations": [
                    {
                        "n": 1,
                        "chunk_id": "c1",
                        "doc_id": "eu-ai-act",
                        "title": "EU AI Act",
                        "section": "Article 55",
                        "section_id": "article-55",
                        "url": None,
                        "quote": "report serious incidents to the AI Office",
                    }
                ],
                "contexts": [chunk],
                "timings_ms": {"retrieve": 12.0, "generate": 30.0, "total": 42.0},
            },
        },
        {
            "gold": {
                "id": "q-ja-002",
                "lang": "ja",
                "type": "unanswerable",
                "question": "火星のAI規制は？",
                "history": [],
                "reference_answer": "",
                "key_facts": [],
                "evidence": [],
                "jurisdictions": [],
            },
            "answer": {
                "answer": "資料には記載がありません。",
                "abstained": False,
                "citations": [],
                "contexts": [],
                "timings_ms": {"retrieve": 8.0, "generate": 1.0, "total": 9.0},
            },
        },
        {
            "gold": {
                "id": "q-cmp-003",
                "lang": "en",
                "type": "comparative",
                "question": "Compare US and EU.",
                "history": [{"role": "user", "content": "earlier <i>turn</i>"}],
                "reference_answer": "",
                "key_facts": [["voluntary"]],
                "evidence": [["nowhere"]],
                "jurisdictions": ["US", "EU"],
            },
            "answer": {"error": "generator crashed"},
        },
    ]


def test_write_report(tmp_path: Path) -> None:
    records = fake_records()
    metrics = compute_metrics(records)
    meta = {
        "preset": "baseline",
        "command": "policyqa eval --gold g.jsonl --out x",
        "machine": "test",
        "date": "2025-01-01",
        "git_commit": "abc1234",
    }
    out = write_report(tmp_path / "run", records, metrics, "Run <1>", meta)

    assert out == tmp_path / "run" / "report.html"
    page = out.read_text(encoding="utf-8")
    for item_id in ("q-xss", "q-ja-002", "q-cmp-003"):
        assert item_id in page
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;b&gt;now&lt;/b&gt;" in page and "<b>now</b>" not in page
    assert "Article 55 &amp; &lt;duties&gt;" in page
    assert "Run &lt;1&gt;" in page and "abc1234" in page and "baseline" in page
    assert "should have abstained" in page and "generator crashed" in page
    assert page.count("data:image/png;base64,") == 4
    assert "http://" not in page and "https://" not in page  # offline: no external assets
    # Failures first: the clean item comes after both failing ones.
    assert page.index("q-xss") > page.index("q-ja-002")
    for name in ("by_type.png", "by_lang.png", "recall_at_k.png", "latency.png"):
        data = (tmp_path / "run" / name).read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 1000


def test_write_report_empty(tmp_path: Path) -> None:
    out = write_report(tmp_path, [], compute_metrics([]), "empty", {})
    assert out.is_file() and (tmp_path / "latency.png").is_file()
