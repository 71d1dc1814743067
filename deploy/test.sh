#!/usr/bin/env bash
# The README's second command: fetches the real datasets the tests read (verified, idempotent), then runs
# the whole test suite (unit, math, Spark local-mode training) with Maven.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
deploy/fetch-data.sh
exec mvn -B verify "$@"
