"""Check gold sets: schema (DESIGN.md §4) and every evidence quote present in the shipped corpus.

Usage: python -m eval.gold_check eval/gold/dev.jsonl eval/gold/dev-blind.jsonl eval/gold/test.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from eval.matching import normalise

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
TYPES = {"factual", "multi_hop", "comparative", "followup", "unanswerable"}
FIELDS = (
    "id",
    "lang",
    "type",
    "question",
    "history",
    "reference_answer",
    "key_facts",
    "evidence",
    "jurisdictions",
)


def corpus_bodies(root: Path = CORPUS) -> dict[str, str]:
    """Normalised body (after front matter) of every corpus document."""
    out = {}
    for p in sorted([*root.rglob("*.md"), *root.rglob("*.txt")]):
        if p.name in ("MANIFEST.md", "README.md"):
            continue
        t = p.read_text(encoding="utf-8")
        if t.startswith("---"):
            t = t[t.find("\n---", 3) + 4 :]
        out[p.name] = normalise(t)
    return out


def check_gold(paths: list[Path], corpus: Path = CORPUS) -> tuple[int, list[str]]:
    """(number of items, problems)."""
    docs = corpus_bodies(corpus)
    problems: list[str] = []
    ids: set[str] = set()
    for path in paths:
        for ln, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            it = json.loads(line)
            where = f"{path.name}:{ln} {it.get('id')}"
            problems += [f"{where}: missing {k}" for k in FIELDS if k not in it]
            if it.get("id") in ids:
                problems.append(f"{where}: duplicate id")
            ids.add(it.get("id"))
            if it.get("type") not in TYPES:
                problems.append(f"{where}: bad type")
            if it.get("lang") not in ("ja", "en"):
                problems.append(f"{where}: bad lang")
            if it.get("type") == "unanswerable" and (it.get("key_facts") or it.get("evidence")):
                problems.append(f"{where}: unanswerable items have no key facts or evidence")
            if it.get("type") == "followup" and not it.get("history"):
                problems.append(f"{where}: a follow-up needs history")
            if it.get("type") != "unanswerable" and not it.get("evidence"):
                problems.append(f"{where}: an answerable item needs evidence")
            for group in it.get("evidence", []):
                for alt in group:
                    n = normalise(alt)
                    if len(n) < 8:
                        problems.append(f"{where}: evidence quote too short: {alt!r}")
                    elif not any(n in d for d in docs.values()):
                        problems.append(f"{where}: evidence not in corpus: {alt[:80]!r}")
            for group in it.get("key_facts", []):
                if not isinstance(group, list) or not group:
                    problems.append(f"{where}: key_facts groups must be non-empty lists")
    return len(ids), problems


def main(argv: list[str]) -> int:
    n, problems = check_gold([Path(a) for a in argv])
    for p in problems:
        print(p)
    print(f"{n} items, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
