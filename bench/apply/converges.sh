#!/usr/bin/env bash
# Not a benchmark: applies bench/apply's workload once to N (default 3) fresh testbed hosts and
# checks that the first apply exits 0 and the next refreshed plan has no changes (issue 19: the
# graph a lab writes converges in one apply). Needs root (the testbed) and the labc build.
#   bench/apply/converges.sh [N]        BENCH_PREFIX=127.0.60 as run.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
. scripts/jdk.sh
N=${1:-3}; PREFIX=${BENCH_PREFIX:-127.0.60}
TB=/tmp/labc-bench-converges-tb; WORK=/tmp/labc-bench-converges; REPO=/var/tmp/labc-bench-repo
export LABC_DIAL_ALLOW=127.0.0.0/8
tb() { TESTBED_DIR=$TB "$ROOT/testbed/testbed" --dir "$TB" "$@"; }
rm -rf "$WORK"; mkdir -p "$WORK/labc"
bench/apply/packages.sh "$REPO" >/dev/null
ssh-keygen -q -t ed25519 -N '' -C bench -f "$WORK/bench_key" <<<y >/dev/null
tb stop >/dev/null 2>&1 || true
tb start "$N" --prefix "$PREFIX" >/dev/null || { echo "testbed start failed" >&2; exit 1; }
trap 'tb stop >/dev/null 2>&1' EXIT
seq 1 "$N" | xargs -P 8 -I{} ssh -F "$TB/ssh_config" "$PREFIX.{}" \
  "rm -f /etc/apt/sources.list /etc/apt/sources.list.d/*; echo 'deb [trusted=yes] file:$REPO ./' > /etc/apt/sources.list.d/labc-bench.list; apt-get update -qq >/dev/null 2>&1"
cp -r bench/apply/templates "$WORK/labc/"
sed "s/@N@/$N/; s|@PREFIX@|$PREFIX|; s|@KEY@|$(cat "$WORK/bench_key.pub")|" bench/apply/cluster.lab.in > "$WORK/labc/cluster.lab"
cd "$WORK/labc"
ssh=(--known-hosts "$TB/known_hosts" -i "$TB/keys/client")
"$ROOT/labc" apply --auto-approve "${ssh[@]}" cluster.lab > apply.log 2>&1 || { echo "first apply failed:" >&2; tail -20 apply.log >&2; exit 1; }
"$ROOT/labc" plan --detailed-exitcode "${ssh[@]}" cluster.lab > plan.log 2>&1 || { echo "the refreshed plan after one apply is not empty:" >&2; cat plan.log >&2; exit 1; }
echo "N=$N: converged in one apply ($(tail -1 apply.log)); the refreshed plan has no changes"
