#!/usr/bin/env bash
# Runs the parse benchmark against the CLI jars, rebuilt first (without tests) so the figures
# are for the sources in this checkout, not for a stale build.
# Usage: bench/parse/run.sh [nodes] [warm-up runs] [measured runs]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
. scripts/jdk.sh
echo "bench: building the CLI jars (mvn package -DskipTests)..." >&2
mvn -B -q -DskipTests package -pl cli -am >&2
# Heap for the 10,000-node explicit file's parse tree; the JIT settles during the warm-up runs.
exec "$JAVA_HOME/bin/java" -Xmx4g -Xss16m -cp "cli/target/lib/*" bench/parse/ParseBench.java "$@"
