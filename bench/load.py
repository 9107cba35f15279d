"""Load benchmark: an open-loop stream of mixed /v1/ask requests against a PolicyQA server on loopback.

Usage:
  .venv/bin/python bench/load.py                     # starts `policyqa serve` itself on a free port
  .venv/bin/python bench/load.py --url http://127.0.0.1:8000 --rps 20 --seconds 60

Questions cycle through the gold sets (both languages, all types, some with history, some streamed).
Bounded in count and time; loopback only. Prints p50/p95/p99 latency, errors and the server's RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def questions() -> list[dict]:  # type: ignore[type-arg]
    items = []
    for f in ("dev.jsonl", "test.jsonl"):
        for line in (ROOT / "eval" / "gold" / f).read_text(encoding="utf-8").splitlines():
            if line.strip():
                it = json.loads(line)
                items.append({"question": it["question"], "history": it["history"]})
    return items


async def one(client: httpx.AsyncClient, url: str, body: dict, stream: bool) -> tuple[float, str | None]:  # type: ignore[type-arg]
    t0 = time.perf_counter()
    try:
        if stream:
            async with client.stream("POST", f"{url}/v1/ask", json={**body, "stream": True}) as r:
                ok = r.status_code == 200
                saw_done = False
                async for line in r.aiter_lines():
                    if line.startswith("event: error"):
                        ok = False
                    if line.startswith("event: done"):
                        saw_done = True
                err = None if ok and saw_done else f"stream status {r.status_code} done={saw_done}"
        else:
            r = await client.post(f"{url}/v1/ask", json=body)
            err = None if r.status_code == 200 else f"status {r.status_code}: {r.text[:120]}"
    except httpx.HTTPError as exc:
        err = f"{type(exc).__name__}: {exc}"
    return (time.perf_counter() - t0) * 1000, err


async def run(url: str, rps: float, seconds: float) -> tuple[list[float], list[str]]:
    pool = questions()
    latencies: list[float] = []
    errors: list[str] = []
    tasks = []
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=200)) as client:
        start = time.perf_counter()
        n = int(rps * seconds)
        for i in range(n):
            delay = start + i / rps - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            body = pool[i % len(pool)]
            tasks.append(asyncio.create_task(one(client, url, body, stream=(i % 4 == 0))))
        for lat, err in await asyncio.gather(*tasks):
            latencies.append(lat)
            if err:
                errors.append(err)
    return latencies, errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url")
    ap.add_argument("--rps", type=float, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    args = ap.parse_args()
    proc = None
    url = args.url
    if not url:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {**os.environ, "POLICYQA_API__RATE_LIMIT": "100000/minute"}
        proc = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "policyqa"), "serve", "--port", str(port)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.time() + 900
        while time.time() < deadline:
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(1)
    assert url.startswith(("http://127.", "http://localhost", "http://[::1]")), "loopback targets only"
    before = rss_mb(proc.pid) if proc else 0.0
    latencies, errors = asyncio.run(run(url, args.rps, args.seconds))
    after = rss_mb(proc.pid) if proc else 0.0
    if proc:
        proc.terminate()
        proc.wait(timeout=30)
    q = statistics.quantiles(latencies, n=100)
    print(f"requests      {len(latencies)} at {args.rps}/s for {args.seconds:.0f}s (1 in 4 streamed)")
    print(f"errors        {len(errors)}" + (f"  e.g. {errors[0]}" if errors else ""))
    print(f"latency ms    p50 {q[49]:.0f}  p95 {q[94]:.0f}  p99 {q[98]:.0f}  max {max(latencies):.0f}")
    if proc:
        print(f"server RSS    {before:.0f} MB before, {after:.0f} MB after")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
