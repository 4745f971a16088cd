#!/usr/bin/env bash
# Start-up benchmark: `labc --help` (a usage page read from the jar, HelpPages) through the launcher
# and through java -jar with and without the AOT cache, a help picocli renders, and `labc check` of a
# 10-node file without (LABC_AOT=0) and with the start-up cache (the default), next to the peers
# `java -version` (a bare JVM start) and picocli alone printing a usage (PicocliPeer.java), same run. Uses hyperfine when installed, else a timing loop.
# Usage: bench/startup/run.sh [runs]    (BENCH_NO_BUILD=1: use the jars as they are)
# Prints a human summary, then Markdown rows ("| ") for bench/run.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
. scripts/jdk.sh
runs="${1:-20}"
if [ "${BENCH_NO_BUILD:-}" != 1 ]; then
  echo "bench: building the CLI jars (mvn package -DskipTests)..." >&2
  mvn -B -q -DskipTests package -pl cli -am >&2
fi
jar="$root/cli/target/labc.jar"
work="$root/bench/results/tmp/startup"
mkdir -p "$work"

# A 10-node cluster, the size of a lab's first file.
cat > "$work/cluster.lab" <<'LAB'
import "std/tailscale"

param lan: cidr = 10.0.1.0/24
param ts_key: secret string = env("TS_AUTHKEY")

network lan { cidr = lan }

node head {
  address = 10.0.1.10
  roles   = [controller, nfs_server]
}

for i in 1..9 {
  node "gpu-${i}" {
    address = cidrhost(lan, 10 + i)
    roles   = [worker]
    gpu {
      model       = H100
      count       = 8
      power_limit = 700W
    }
  }
}

group research { gid = 2000 }
user alice {
  uid    = 1001
  groups = [research]
}

storage home {
  tier    = hot
  kind    = "nfs"
  server  = head
  export  = "/srv/home"
  mount   = "/home"
  clients = nodes(role: worker)
  allow   = [lan]
}

tailscale {
  on       = nodes()
  auth_key = ts_key
}
LAB
# The launcher's start-up cache goes to a cache directory of the bench's own, under the file name
# the launcher gives it (the jar's path with every other character an underscore).
export TS_AUTHKEY=bench LABC_NO_BUILD=1 XDG_CACHE_HOME="$work/cache"
LABC_AOT=1 ./labc check "$work/cluster.lab" >/dev/null  # also records the start-up cache
aot="$XDG_CACHE_HOME/labc/${jar//[^A-Za-z0-9._-]/_}.aot"
cache="$aot"; [ -f "$cache" ] || cache="${aot%.aot}.jsa"
[ -f "$cache" ] || echo "bench: warning: no start-up cache was recorded; the 'cache' rows run without one" >&2

# The floor for --help: picocli alone (PicocliPeer.java), same picocli jar, with its own AOT cache.
peer_cp=""
picocli_jar="$(ls "$root"/cli/target/lib/labc-picocli-*.jar 2>/dev/null | head -1)"
if [ -n "$picocli_jar" ] && "$JAVA_HOME/bin/javac" -d "$work/peer" -cp "$picocli_jar" "$root/bench/startup/PicocliPeer.java" \
    && "$JAVA_HOME/bin/jar" cf "$work/peer.jar" -C "$work/peer" . ; then
  peer_cp="$work/peer.jar:$picocli_jar"
  rm -f "$work/peer.aot"
  "$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:AOTCacheOutput="$work/peer.aot" -cp "$peer_cp" PicocliPeer --help >/dev/null 2>&1 || true
fi

names=("java -version (peer)"
       "labc --help (a page from the jar; the launcher's default)"
       "labc --help, java -jar, no launcher, no cache"
       "labc --help, java -jar, no launcher, AOT cache"
       "labc plan FILE --help (picocli renders it), cache"
       "labc check 10 nodes, no cache"
       "labc check 10 nodes, cache")
javaj="$JAVA_HOME/bin/java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dlabc.stdout.terminal=false"
cmds=("$JAVA_HOME/bin/java -version"
      "$root/labc --help"
      "$javaj -Xshare:auto -jar $jar --help"
      "$javaj -XX:AOTCache=$aot -Xlog:aot=off -Xlog:cds=off -jar $jar --help"
      "$root/labc plan $work/cluster.lab --help"
      "env LABC_AOT=0 $root/labc check $work/cluster.lab"
      "env LABC_AOT=1 $root/labc check $work/cluster.lab")
[ -f "$aot" ] || { unset 'names[3]'; unset 'cmds[3]'; names=("${names[@]}"); cmds=("${cmds[@]}"); }
if [ -f "$work/peer.aot" ]; then
  names+=("picocli alone, 11 commands, --help, AOT cache (floor)")
  cmds+=("$JAVA_HOME/bin/java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:AOTCache=$work/peer.aot -Xlog:aot=off -Xlog:cds=off -cp $peer_cp PicocliPeer --help")
fi

medians=()
if command -v hyperfine >/dev/null 2>&1; then
  tool="hyperfine $(hyperfine --version | awk '{print $2}')"
  args=()
  for c in "${cmds[@]}"; do args+=("$c"); done
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/hyperfine.json" "${args[@]}" >/dev/null 2>&1 \
    || hyperfine --warmup 3 --runs "$runs" --export-json "$work/hyperfine.json" "${args[@]}" >/dev/null
  mapfile -t medians < <(python3 -c 'import json,sys; [print("%.1f" % (r["median"]*1000)) for r in json.load(open(sys.argv[1]))["results"]]' "$work/hyperfine.json")
else
  tool="timing loop (date +%s%N)"
  for c in "${cmds[@]}"; do
    for _ in 1 2 3; do $c >/dev/null 2>&1 || true; done
    ts=()
    for _ in $(seq "$runs"); do
      t0=$(date +%s%N); $c >/dev/null 2>&1 || true; t1=$(date +%s%N)
      ts+=($(( (t1 - t0) / 1000 )))
    done
    medians+=("$(printf '%s\n' "${ts[@]}" | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m / 1000}')")
  done
fi

peer="${medians[0]}"
echo "labc start-up: $runs runs each, median ms, $tool, java $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
i=0
for n in "${names[@]}"; do
  m="${medians[$i]}"
  r="$(awk -v a="$m" -v b="$peer" 'BEGIN { printf "%.1f×", a / b }')"
  printf '  %-56s %8s ms  %7s java -version\n' "$n" "$m" "$r"
  printf '| %s | %s | %s |\n' "$n" "$m" "$r"
  i=$((i + 1))
done
