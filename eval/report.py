"""Self-contained HTML report for an evaluation run: headline numbers, plots and a per-item table.

The HTML embeds its plots as base64 PNGs and uses no external assets, so it opens offline; the PNGs
are also written beside it for slides and diffs.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from eval.matching import MARKER
from eval.metrics import K_MAX, per_item, percentile, ranked_contexts

__all__ = ["HEADLINE", "write_report"]

# (metric key, label, formatter kind); kind "ratio" renders as a percentage, "ms" as milliseconds.
HEADLINE: list[tuple[str, str, str]] = [
    ("recall@5", "Evidence recall@5", "ratio"),
    ("mrr@10", "MRR@10", "ratio"),
    ("ndcg@10", "nDCG@10", "ratio"),
    ("jurisdiction_coverage", "Jurisdiction coverage", "ratio"),
    ("key_fact_recall", "Key-fact recall", "ratio"),
    ("citation_support", "Citation support", "ratio"),
    ("evidence_cited", "Evidence cited", "ratio"),
    ("abstention_accuracy", "Abstention accuracy", "ratio"),
    ("false_abstention_rate", "False abstention", "ratio"),
    ("latency_total_ms_p50", "Latency p50", "ms"),
    ("latency_total_ms_p95", "Latency p95", "ms"),
]

_TABLE_COLUMNS: list[tuple[str, str, str]] = [
    ("n", "n", "int"),
    ("n_errors", "errors", "int"),
    ("recall@1", "R@1", "ratio"),
    ("recall@5", "R@5", "ratio"),
    ("recall@10", "R@10", "ratio"),
    ("mrr@10", "MRR@10", "ratio"),
    ("ndcg@10", "nDCG@10", "ratio"),
    ("jurisdiction_coverage", "juris. cov.", "ratio"),
    ("key_fact_recall", "key facts", "ratio"),
    ("citation_support", "cit. support", "ratio"),
    ("evidence_cited", "ev. cited", "ratio"),
    ("abstention_accuracy", "abstain acc.", "ratio"),
    ("false_abstention_rate", "false abst.", "ratio"),
    ("answer_chars_mean", "answer chars", "num"),
    ("latency_retrieve_ms_p50", "retr. p50", "ms"),
    ("latency_total_ms_p50", "total p50", "ms"),
    ("latency_total_ms_p95", "total p95", "ms"),
]

_BAR_METRICS = [
    ("recall@5", "evidence recall@5"),
    ("key_fact_recall", "key-fact recall"),
    ("citation_support", "citation support"),
]
_BAR_COLOURS = ["#4C72B0", "#55A868", "#DD8452"]
_META_ORDER = ["preset", "command", "machine", "date", "git_commit", "commit"]

_CSS = """
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#f6f8fa; --bad:#b42318; --ok:#1a7f37; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans CJK JP", sans-serif;
       color: var(--fg); margin: 0 auto; padding: 24px; max-width: 1500px; }
h1 { font-size: 24px; margin: 0 0 8px; } h2 { font-size: 18px; margin: 32px 0 12px;
     border-bottom: 1px solid var(--line); padding-bottom: 4px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 16px;
          color: var(--muted); font-size: 13px; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; font-family: ui-monospace, monospace;
          word-break: break-all; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 130px;
        background: #fff; }
.card .v { font-size: 22px; font-weight: 650; } .card .l { color: var(--muted); font-size: 12px; }
.plots { display: flex; flex-wrap: wrap; gap: 16px; } .plots img { max-width: 100%;
         border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 6px 8px; vertical-align: top; text-align: left; }
th { background: var(--bg); position: sticky; top: 0; }
table.summary td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.items { font-size: 13px; } table.items td { max-width: 420px; overflow-wrap: anywhere; }
tr.fail td:first-child { border-left: 4px solid var(--bad); }
tr.pass td:first-child { border-left: 4px solid var(--ok); }
.answer { white-space: pre-wrap; } .muted { color: var(--muted); }
.ok { color: var(--ok); } .bad { color: var(--bad); }
sup.cite { color: #0969da; font-weight: 600; }
ul.tight { margin: 0; padding-left: 18px; } ol.tight { margin: 0; padding-left: 20px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 11px; background: var(--bg);
         border: 1px solid var(--line); }
blockquote { margin: 2px 0 6px; padding-left: 8px; border-left: 3px solid var(--line); color: var(--muted); }
details summary { cursor: pointer; color: var(--muted); }
"""


# ------------------------------------------------------------------------------------------ formatting


def _fmt(value: Any, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "ratio":
        return f"{100 * value:.1f}%"
    if kind == "ms":
        return f"{value:,.0f} ms"
    if kind == "int":
        return str(int(value))
    return f"{value:,.0f}"


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------------------------- plots


def _png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)  # explicit Agg canvas: no pyplot state, safe in threads and headless runs
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return buf.getvalue()


def _bar_chart(slices: dict[str, dict[str, Any]], title: str) -> bytes:
    fig = Figure(figsize=(max(6.0, 1.6 * len(slices) + 2), 3.8))
    ax = fig.add_subplot()
    names = list(slices)
    width = 0.8 / len(_BAR_METRICS)
    for j, ((key, label), colour) in enumerate(zip(_BAR_METRICS, _BAR_COLOURS, strict=True)):
        xs = [i + (j - (len(_BAR_METRICS) - 1) / 2) * width for i in range(len(names))]
        values = [slices[name].get(key) for name in names]
        bars = ax.bar(xs, [v or 0.0 for v in values], width, label=label, color=colour)
        for bar, v in zip(bars, values, strict=True):
            ax.annotate(
                "n/a" if v is None else f"{v:.2f}",
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontsize=7,
                xytext=(0, 2),
                textcoords="offset points",
            )
    ax.set_xticks(range(len(names)), [f"{n}\n(n={slices[n].get('n', 0)})" for n in names])
    ax.set_ylim(0, 1.12)
    ax.set_title(title)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.grid(axis="y", alpha=0.3)
    return _png(fig)


def _recall_curve(metrics: dict[str, Any]) -> bytes:
    fig = Figure(figsize=(6.0, 3.8))
    ax = fig.add_subplot()
    ks = list(range(1, K_MAX + 1))
    curves = [("overall", (metrics.get("overall") or {}).get("recall_curve"), "-")]
    curves += [(lang, m.get("recall_curve"), "--") for lang, m in (metrics.get("by_lang") or {}).items()]
    drawn = False
    for name, curve, style in curves:
        if curve:
            ax.plot(ks, curve, style, marker="o", markersize=3, label=name)
            drawn = True
    if not drawn:
        ax.text(0.5, 0.5, "no items with evidence", ha="center", va="center", transform=ax.transAxes)
    ax.set_xticks(ks)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("k")
    ax.set_ylabel("evidence recall@k")
    ax.set_title("Evidence recall@k")
    ax.grid(alpha=0.3)
    if drawn:
        ax.legend(fontsize=8)
    return _png(fig)


def _latency_hist(items: Sequence[dict[str, Any]]) -> bytes:
    # Two panels: retrieval is usually orders of magnitude faster than the full answer, so shared
    # bins would squash it into a single bar.
    fig = Figure(figsize=(9.0, 3.6))
    series = [
        ("retrieve", [i["retrieve_ms"] for i in items if i["retrieve_ms"] is not None], "#4C72B0"),
        ("total", [i["total_ms"] for i in items if i["total_ms"] is not None], "#DD8452"),
    ]
    for pos, (name, values, colour) in enumerate(series, start=1):
        ax = fig.add_subplot(1, 2, pos)
        if values:
            ax.hist(values, bins=min(30, max(5, len(values) // 2)), color=colour, alpha=0.8)
            for q, style in ((50, "-"), (95, "--")):
                v = percentile(values, q) or 0.0  # values is non-empty, so never None
                ax.axvline(v, color="black", linestyle=style, linewidth=1, label=f"p{q} {v:,.0f} ms")
            ax.legend(fontsize=8)
        else:
            ax.text(0.5, 0.5, "no timings", ha="center", va="center", transform=ax.transAxes)
        ax.set_xlabel("ms")
        ax.set_ylabel("items")
        ax.set_title(f"Latency: {name}")
        ax.grid(alpha=0.3)
    fig.tight_layout()
    return _png(fig)


# ---------------------------------------------------------------------------------------------- HTML


def _meta_html(meta: dict[str, Any]) -> str:
    keys = [k for k in _META_ORDER if k in meta] + [k for k in meta if k not in _META_ORDER]
    rows = "".join(f"<dt>{_esc(k.replace('_', ' '))}</dt><dd>{_esc(meta[k])}</dd>" for k in keys)
    return f'<dl class="meta">{rows}</dl>' if rows else ""


def _cards_html(overall: dict[str, Any]) -> str:
    cards = [
        f'<div class="card"><div class="v">{_esc(overall.get("n", 0))}</div><div class="l">items'
        f" ({_esc(overall.get('n_errors', 0))} errors)</div></div>"
    ]
    for key, label, kind in HEADLINE:
        cards.append(
            f'<div class="card"><div class="v">{_fmt(overall.get(key), kind)}</div>'
            f'<div class="l">{_esc(label)}</div></div>'
        )
    return '<div class="cards">' + "".join(cards) + "</div>"


def _summary_html(metrics: dict[str, Any]) -> str:
    head = (
        "<tr><th>slice</th>" + "".join(f"<th>{_esc(label)}</th>" for _, label, _ in _TABLE_COLUMNS) + "</tr>"
    )
    rows = []
    slices: list[tuple[str, dict[str, Any]]] = [("overall", metrics.get("overall") or {})]
    slices += [(f"type: {t}", m) for t, m in (metrics.get("by_type") or {}).items()]
    slices += [(f"lang: {lang}", m) for lang, m in (metrics.get("by_lang") or {}).items()]
    for name, m in slices:
        cells = "".join(f'<td class="num">{_fmt(m.get(key), kind)}</td>' for key, _, kind in _TABLE_COLUMNS)
        rows.append(f"<tr><th>{_esc(name)}</th>{cells}</tr>")
    return f'<table class="summary">{head}{"".join(rows)}</table>'


def _answer_html(text: str) -> str:
    # Escape first, then decorate markers: the marker pattern survives escaping unchanged.
    return MARKER.sub(lambda m: f'<sup class="cite">[{m.group(1)}]</sup>', _esc(text))


def _item_row(record: dict[str, Any], item: dict[str, Any]) -> str:
    gold = record.get("gold") or {}
    answer = record.get("answer") or {}
    failures: list[str] = item["failures"]

    question = f"<div>{_esc(gold.get('question', ''))}</div>"
    history = gold.get("history") or []
    if history:
        turns = "".join(
            f"<li><b>{_esc(t.get('role', '?'))}:</b> {_esc(_short(t.get('content', ''), 300))}</li>"
            for t in history
        )
        summary = f"<summary>history ({len(history)} turns)</summary>"
        question += f'<details>{summary}<ul class="tight">{turns}</ul></details>'

    evidence = [g for g in gold.get("evidence") or [] if g]
    found = item.get("evidence_found") or [False] * len(evidence)
    if evidence:
        ev = "".join(
            f'<li><span class="{"ok" if hit else "bad"}">{"✓" if hit else "✗"}</span> '
            f"{_esc(_short(g[0], 160))}"
            + (f' <span class="muted">(+{len(g) - 1} alt.)</span>' if len(g) > 1 else "")
            + "</li>"
            for g, hit in zip(evidence, found, strict=False)
        )
        evidence_html = f'<ul class="tight">{ev}</ul>'
    else:
        evidence_html = '<span class="muted">none</span>'
    if gold.get("jurisdictions"):
        evidence_html += f'<div class="muted">jurisdictions: {_esc(", ".join(gold["jurisdictions"]))}</div>'

    top3 = ranked_contexts(answer)[:3]
    if top3:
        retrieved = "".join(
            f"<li>{_esc(c.get('doc_id', '?'))} › {_esc(c.get('section', ''))}</li>" for c in top3
        )
        retrieved_html = f'<ol class="tight">{retrieved}</ol>'
        if item.get("first_hit_rank"):
            retrieved_html += f'<div class="muted">first evidence at rank {item["first_hit_rank"]}</div>'
    else:
        retrieved_html = '<span class="muted">no contexts</span>'

    answer_html = ""
    if answer.get("abstained"):
        answer_html += '<span class="badge">abstained</span> '
    answer_html += f'<div class="answer">{_answer_html(answer.get("answer") or "")}</div>'
    checks = {c["n"]: c for c in item["citations"]}
    cites = []
    for c in answer.get("citations") or []:
        check = checks.get(c.get("n"), {})
        mark = (
            '<span class="ok">✓</span>'
            if check.get("supported")
            else f'<span class="bad">✗ {_esc(check.get("reason") or "")}</span>'
        )
        cites.append(
            f"<li>[{_esc(c.get('n'))}] {_esc(c.get('doc_id', '?'))} › {_esc(c.get('section', ''))} {mark}"
            f"<blockquote>{_esc(_short(c.get('quote') or '', 400))}</blockquote></li>"
        )
    if cites:
        answer_html += f'<ul class="tight">{"".join(cites)}</ul>'
    if item.get("error"):
        answer_html += f'<div class="bad">error: {_esc(item["error"])}</div>'

    reasons = (
        '<ul class="tight">' + "".join(f'<li class="bad">{_esc(r)}</li>' for r in failures) + "</ul>"
        if failures
        else '<span class="ok">ok</span>'
    )
    cls = "fail" if failures else "pass"
    item_id = str(gold.get("id", ""))
    anchor = re.sub(r"[^\w-]", "_", item_id)
    return (
        f'<tr class="{cls}" id="item-{_esc(anchor)}"><td>{_esc(item_id)}</td><td>{_esc(item["type"])}</td>'
        f"<td>{_esc(item['lang'])}</td><td>{question}</td><td>{evidence_html}</td><td>{retrieved_html}</td>"
        f"<td>{answer_html}</td><td>{reasons}</td></tr>"
    )


def write_report(
    out_dir: Path, records: list[dict[str, Any]], metrics: dict[str, Any], title: str, meta: dict[str, Any]
) -> Path:
    """Write ``out_dir/report.html`` plus its plots as PNG files; return the HTML path.

    ``records`` are ``{"gold": ..., "answer": ...}`` dicts (see :mod:`eval.metrics`), ``metrics`` is
    :func:`eval.metrics.compute_metrics` output, ``meta`` is shown verbatim at the top (preset, command,
    machine, date, git commit, …).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    items = [per_item(r) for r in records]

    plots: list[tuple[str, str, Callable[[], bytes]]] = [
        (
            "by_type.png",
            "Metrics by question type",
            lambda: _bar_chart(metrics.get("by_type") or {}, "By type"),
        ),
        (
            "by_lang.png",
            "Metrics by language",
            lambda: _bar_chart(metrics.get("by_lang") or {}, "By language"),
        ),
        ("recall_at_k.png", "Evidence recall@k", lambda: _recall_curve(metrics)),
        ("latency.png", "Latency histogram", lambda: _latency_hist(items)),
    ]
    images = []
    for name, alt, draw in plots:
        data = draw()
        (out_dir / name).write_bytes(data)
        images.append(
            f'<img alt="{_esc(alt)}" src="data:image/png;base64,{base64.b64encode(data).decode()}">'
        )

    # Failures first, otherwise keep the gold order so reports of two runs line up.
    order = sorted(range(len(records)), key=lambda i: (not items[i]["failures"], i))
    n_fail = sum(1 for i in items if i["failures"])
    rows = "".join(_item_row(records[i], items[i]) for i in order)
    head = "".join(
        f"<th>{h}</th>"
        for h in [
            "id",
            "type",
            "lang",
            "question",
            "expected evidence",
            "top-3 retrieved",
            "answer",
            "failures",
        ]
    )

    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_esc(title)}</title><style>{_CSS}</style></head>
<body>
<h1>{_esc(title)}</h1>
{_meta_html(meta)}
{_cards_html(metrics.get("overall") or {})}
<h2>Summary</h2>
{_summary_html(metrics)}
<h2>Plots</h2>
<div class="plots">{"".join(images)}</div>
<h2>Items <span class="muted">({n_fail} of {len(items)} with failures, shown first)</span></h2>
<table class="items"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>
</body></html>
"""
    path = out_dir / "report.html"
    path.write_text(page, encoding="utf-8")
    return path
