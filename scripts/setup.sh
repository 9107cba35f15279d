#!/usr/bin/env bash
# Create .venv and install PolicyQA with the given extras ("" | "llm,test"). Idempotent: a stamp of
# pyproject.toml + extras skips pip when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS="${1:-}"
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  # A new environment takes about 3 GB (torch alone unpacks to 750 MB; pip's build and temp files come
  # on top). Without the room, pip dies half-way with "No space left on device".
  NEED_MB=4000
  FREE_MB="$(df -Pm . | awk 'NR==2 {print $4}')"
  if [ -n "$FREE_MB" ] && [ "$FREE_MB" -lt "$NEED_MB" ]; then
    echo "setup: only ${FREE_MB} MB free on $(df -P . | awk 'NR==2 {print $6}'); a new environment" \
      "for PolicyQA needs about ${NEED_MB} MB. Free some disk space and run this again." >&2
    exit 1
  fi
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
