#!/usr/bin/env bash
# The README's first command: builds teleport4j, fetches CIFAR-10 (verified), and runs the main job in
# Spark local mode: the paper's CIFAR-10 MLP on a 10,000-image subset. Extra arguments go to `train`,
# e.g. deploy/quickstart.sh --set training.epochs=10
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
for tool in java mvn npm; do
  command -v "$tool" >/dev/null || { echo "quickstart: '$tool' is required (Java 17, Maven and npm)" >&2; exit 4; }
done
echo "quickstart: building (first build downloads ~430 MB of dependencies)..."
mvn -B -q install -DskipTests
deploy/fetch-data.sh cifar10
exec deploy/teleport4j train --preset conf/quickstart.conf --compare "$@"
