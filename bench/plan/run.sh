#!/usr/bin/env bash
# Runs the plan benchmark for one size in a fresh JVM with the heap the target allows (-Xmx1g,
# BENCH_XMX to change), against the CLI jars (rebuilt first unless BENCH_NO_BUILD=1).
# Usage: bench/plan/run.sh [nodes] [warm-up runs] [measured runs] [loop,explicit]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
. scripts/jdk.sh
if [ "${BENCH_NO_BUILD:-}" != 1 ]; then
  echo "bench: building the CLI jars (mvn package -DskipTests)..." >&2
  mvn -B -q -DskipTests package -pl cli -am >&2
fi
# G1 (the JVM's default here) rather than the launcher's SerialGC: the heap figures are what matter.
exec "$JAVA_HOME/bin/java" -Xmx"${BENCH_XMX:-1g}" -Xss16m -cp "cli/target/lib/*" bench/plan/PlanBench.java "$@"
