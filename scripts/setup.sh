#!/usr/bin/env bash
# Create .venv and install PolicyQA with the given extras ("" | "llm,test"). Idempotent: a stamp of
# pyproject.toml + extras skips pip when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS="${1:-}"
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
STAMP=".venv/.policyqa-installed"
WANT="$(sha256sum pyproject.toml | cut -d' ' -f1) extras=${EXTRAS}"
if [ "$(cat "$STAMP" 2>/dev/null)" != "$WANT" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  # torch first and pinned: this exact version is a local CPU build; anything else pulls GBs of CUDA.
  .venv/bin/python -m pip install -q "torch==2.13.0"
  if [ -n "$EXTRAS" ]; then
    .venv/bin/python -m pip install -q -e ".[${EXTRAS}]"
  else
    .venv/bin/python -m pip install -q -e .
  fi
  echo "$WANT" > "$STAMP"
fi
