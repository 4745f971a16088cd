#!/usr/bin/env bash
# All benchmarks in one go: the plan benchmark at 100, 1,000 and 10,000 nodes (each size in a
# fresh JVM with -Xmx1g) and the start-up benchmark; writes bench/results/<date>.md.
#
# Before each scenario the 1-minute load average must be at most BENCH_MAX_LOAD (default 0.5);
# above it the benchmark refuses to report and says so. Raise BENCH_MAX_LOAD on a shared machine:
# the load is recorded next to every figure either way.
#
#   BENCH_SIZES="100 1000 10000"   plan sizes
#   BENCH_XMX=1g                   heap of each plan JVM
#   BENCH_MAX_LOAD=0.5             refuse above this 1-minute load average
#   BENCH_STARTUP_RUNS=20          runs per start-up scenario
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/jdk.sh
max_load="${BENCH_MAX_LOAD:-0.5}"
sizes="${BENCH_SIZES:-100 1000 10000}"
date="$(date -u +%Y-%m-%d)"
out="bench/results/$date.md"
mkdir -p bench/results/tmp

load1() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || uptime | sed 's/.*load averages*: *\([0-9.]*\).*/\1/'; }
gate() { # gate SCENARIO: prints the load, or refuses and exits when it is above the threshold
  local l; l="$(load1)"
  if awk -v l="$l" -v m="$max_load" 'BEGIN { exit !(l > m) }'; then
    echo "bench: refusing to report $1: 1-minute load average $l is above $max_load (set BENCH_MAX_LOAD to override on a shared machine)" >&2
    exit 3
  fi
  echo "$l"
}

echo "bench: building the CLI jars (mvn package -DskipTests)..." >&2
mvn -B -q -DskipTests package -pl cli -am >&2
export BENCH_NO_BUILD=1

plan_rows=""
for n in $sizes; do
  case "$n" in
    100) w=5; r=11 ;;
    1000) w=3; r=7 ;;
    *) w=1; r=3 ;;
  esac
  l="$(gate "plan $n nodes")"
  echo "bench: plan benchmark, $n nodes (load $l)..." >&2
  log="bench/results/tmp/plan-$n.txt"
  bench/plan/run.sh "$n" "$w" "$r" | tee "$log" >&2
  plan_rows+="$(grep '^| ' "$log" | sed "s/\$/ $l |/")"$'\n'
done

l="$(gate "start-up")"
echo "bench: start-up benchmark (load $l)..." >&2
bench/startup/run.sh "${BENCH_STARTUP_RUNS:-20}" | tee bench/results/tmp/startup.txt >&2
startup_rows="$(grep '^| ' bench/results/tmp/startup.txt | sed "s/\$/ $l |/")"
startup_tool="$(head -1 bench/results/tmp/startup.txt)"

{
  echo "# Benchmark results, $date"
  echo
  echo "- machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) memory, $(uname -sr)"
  echo "- java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "- labc: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench/results' || echo ' (with uncommitted changes)')"
  echo "- load threshold: $max_load (BENCH_MAX_LOAD); the load column is the 1-minute load average before each scenario"
  echo
  echo "## Plan (bench/plan), medians of warm runs, ms"
  echo
  echo "Each size in a fresh JVM with -Xmx${BENCH_XMX:-1g}. e2e = check + graph + plan + text, what \`labc plan\` does after"
  echo "reading state. replan = the same for the file with one resource changed. jackson = the peer: Jackson"
  echo "writing as many small objects as the plan has changes. state / json MiB: the state files and the saved plan"
  echo "(≈, extrapolated, where a stage did not run). heap = max used after GC / heap pools' peaks summed (MiB)."
  echo
  echo "| nodes | form | resources | parse | check | graph | plan | text | json | state read | replan | e2e | jackson | plan / parse | e2e / jackson | json / jackson | state MiB | json MiB | heap MiB | fits -Xmx | load |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s' "$plan_rows"
  echo
  echo "## Start-up (bench/startup): $startup_tool"
  echo
  echo "| scenario | median ms | / java -version | load |"
  echo "|---|---|---|---|"
  echo "$startup_rows"
} > "$out"
echo "bench: wrote $out" >&2
