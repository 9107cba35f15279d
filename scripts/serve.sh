#!/usr/bin/env bash
# Set up, ingest the shipped corpus if the index is missing or stale, and serve the chat page + API.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh ""
exec .venv/bin/policyqa serve "$@"
