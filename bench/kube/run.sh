#!/usr/bin/env bash
# Kubernetes apply benchmark: labc apply of N objects against fabric8's CRUD mock server at the
# request budget, no-op re-apply, one change; fabric8's own SSA loop as the peer.
# Usage: bench/kube/run.sh [objects=1000] [requests per second=50]
# Builds the cli module with its test classes (the mock server and its SSA adapter are test
# dependencies) unless BENCH_NO_BUILD=1; runs in source-launcher mode on that class path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
. scripts/jdk.sh
mkdir -p bench/results/tmp
cp_file=bench/results/tmp/kube-classpath.txt
if [ "${BENCH_NO_BUILD:-}" != 1 ] || [ ! -s "$cp_file" ]; then
  echo "bench: building the cli module with its test classes (mvn package -DskipTests)..." >&2
  # Every module of the reactor writes the file; cli, built last, leaves its own class path.
  mvn -B -q -DskipTests package dependency:build-classpath -pl cli -am -Dmdep.includeScope=test -Dmdep.outputFile="$root/$cp_file" >&2
fi
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "cli/target/test-classes:cli/target/classes:$(cat "$cp_file")" bench/kube/KubeBench.java "$@"
