"""The gold set follows DESIGN.md §4 and every evidence quote is verbatim in the shipped corpus."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from eval.gold_check import check_gold

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold"
# dev-blind: batches measured blind before they were read, now training data like dev.
SPLITS = ("dev.jsonl", "dev-blind.jsonl", "test.jsonl")


def _items() -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for f in SPLITS for line in (GOLD / f).read_text().splitlines() if line.strip()]


def test_schema_and_evidence_quotes() -> None:
    n, problems = check_gold([GOLD / f for f in SPLITS])
    assert n >= 100
    assert problems == []


def test_mix_of_types_and_languages() -> None:
    items = _items()
    types = Counter(i["type"] for i in items)
    assert types["comparative"] >= 25 and types["followup"] >= 10 and types["unanswerable"] >= 10
    assert sum(1 for i in items if i["lang"] == "en") / len(items) >= 0.4
    assert all(i["history"] for i in items if i["type"] == "followup")


def test_the_splits_share_no_item_and_repeat_no_id() -> None:
    ids = {f: [json.loads(x)["id"] for x in (GOLD / f).read_text().splitlines() if x.strip()] for f in SPLITS}
    dev, blind, test = (set(ids[f]) for f in SPLITS)
    assert dev and blind and test and not dev & test and not blind & test and not dev & blind
    assert sum(len(v) for v in ids.values()) == len(dev | blind | test)
