#!/usr/bin/env bash
# Issue 27's fuzz campaign: COUNT mutated copies of the examples and test programs through
# `labc check`'s path and the language server's analysis, in one JVM; prints internal errors,
# timeouts (over 10 s for one input), time and peak memory. Failing inputs are written to
# bench/results/tmp/fuzz/ (ignored by git). Not part of `mvn verify`: CI runs 60 inputs
# (FuzzCampaignTest).
# Usage: bench/fuzz/run.sh [count, default 100000] [seed, default 27]
#        bench/fuzz/run.sh --input SEED INDEX   (prints input INDEX of SEED, to look at a failure again)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
. scripts/jdk.sh
echo "fuzz: building the CLI jars and test classes (mvn package -DskipTests)..." >&2
mvn -B -q -o -DskipTests package -pl cli -am >&2
if [ "${1:-}" = --input ]; then args=("$@"); else args=("${1:-100000}" "${2:-27}" bench/results/tmp/fuzz); fi
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "cli/target/test-classes:cli/target/labc.jar:cli/target/lib/*" \
  dev.labc.lsp.FuzzCampaign "${args[@]}"
