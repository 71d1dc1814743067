#!/usr/bin/env bash
# The README's second command: fetches the real datasets the tests read (verified, idempotent), then runs
# the whole test suite with Maven: unit, math, Spark local-mode training, HDFS, and (profile cluster-it) the
# integration tests on a local standalone Spark cluster and on real processes. Extra arguments go to Maven.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
deploy/fetch-data.sh
exec mvn -B verify -Pcluster-it "$@"
