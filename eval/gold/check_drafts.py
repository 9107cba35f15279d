"""Validate gold JSONL drafts: schema + every evidence quote is in the corpus (DESIGN.md §4 matching rule).

Usage: python eval/gold/check_drafts.py FILE.jsonl [FILE.jsonl ...]
"""
import json
import pathlib
import re
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
TYPES = {"factual", "multi_hop", "comparative", "followup", "unanswerable"}


def norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s).casefold())


def body(p: pathlib.Path) -> str:
    t = p.read_text(encoding="utf-8")
    if t.startswith("---"):
        end = t.find("\n---", 3)
        t = t[end + 4 :]
    return t


docs = {p.name: norm(body(p)) for p in list(CORPUS.rglob("*.md")) + list(CORPUS.rglob("*.txt")) if p.name not in ("MANIFEST.md", "README.md")}
bad = 0
ids = set()
for f in sys.argv[1:]:
    for ln, line in enumerate(open(f, encoding="utf-8"), 1):
        if not line.strip():
            continue
        it = json.loads(line)
        where = f"{f}:{ln} {it.get('id')}"
        for k in ("id", "lang", "type", "question", "history", "reference_answer", "key_facts", "evidence", "jurisdictions"):
            if k not in it:
                print(where, "missing", k); bad += 1
        if it["id"] in ids:
            print(where, "duplicate id"); bad += 1
        ids.add(it["id"])
        if it.get("type") not in TYPES:
            print(where, "bad type"); bad += 1
        if it.get("lang") not in ("ja", "en"):
            print(where, "bad lang"); bad += 1
        if it.get("type") == "unanswerable" and (it.get("key_facts") or it.get("evidence")):
            print(where, "unanswerable must have no key_facts/evidence"); bad += 1
        if it.get("type") == "followup" and not it.get("history"):
            print(where, "followup needs history"); bad += 1
        if it.get("type") != "unanswerable" and not it.get("evidence"):
            print(where, "answerable item needs evidence"); bad += 1
        for grp in it.get("evidence", []):
            for alt in grp:
                n = norm(alt)
                if len(n) < 8:
                    print(where, "evidence quote too short:", alt); bad += 1
                elif not any(n in d for d in docs.values()):
                    print(where, "NOT IN CORPUS:", alt[:120]); bad += 1
        for grp in it.get("key_facts", []):
            if not isinstance(grp, list) or not grp:
                print(where, "key_facts groups must be non-empty lists"); bad += 1
print(f"{len(ids)} items, {bad} problems")
sys.exit(1 if bad else 0)
