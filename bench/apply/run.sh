#!/usr/bin/env bash
# Apply benchmark: labc against Ansible (stock and tuned) and two OpenSSH floors on N real
# OpenSSH hosts of the testbed, interleaved, same workload; converge from scratch, no-op, drift on
# 10% of the hosts (labc's plan must name exactly those), and one host down (time to finish the
# others and report it).
#   bench/apply/run.sh [N ...]          default: 10 50
#   BENCH_REPS=3 BENCH_MAX_LOAD=0.5     repetitions (medians reported) and the load ceiling
# Needs root (the testbed), ansible-core (installed here if missing) and the labc build.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
. scripts/jdk.sh
SIZES=("${@:-10 50}"); [ $# -gt 0 ] || SIZES=(10 50)
REPS=${BENCH_REPS:-3}
MAX_LOAD=${BENCH_MAX_LOAD:-0.5}
PREFIX=${BENCH_PREFIX:-127.0.60}
TB=/tmp/labc-bench-apply-tb
WORK=/tmp/labc-bench-apply
OUT=${BENCH_OUT:-bench/results/$(date -u +%F)-apply.md}
command -v dpkg-scanpackages >/dev/null || { echo "installing dpkg-dev"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dpkg-dev >/dev/null; }
command -v ansible-playbook >/dev/null || { echo "installing ansible-core"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ansible-core >/dev/null; }
./labc --version >/dev/null   # builds on first use
rm -rf "$WORK"; mkdir -p "$WORK"; : > "$WORK/notes"
# The package source lives outside /tmp (each testbed host has its own /tmp) and is made before
# any host starts, so every host's overlay of / sees it.
REPO=/var/tmp/labc-bench-repo
bench/apply/packages.sh "$REPO" >/dev/null
ssh-keygen -q -t ed25519 -N '' -C bench -f "$WORK/bench_key" <<<y >/dev/null
load() { cut -d' ' -f1 /proc/loadavg; }
over() { awk -v l="$(load)" -v m="$MAX_LOAD" 'BEGIN{exit !(l>m)}'; }
# Busy: the load stays above the ceiling for BENCH_SETTLE seconds (the 1-minute average lags the
# previous run, so it is given time to fall before a scenario is refused).
busy() { local t=0; while over; do [ "$t" -ge "${BENCH_SETTLE:-90}" ] && return 0; sleep 5; t=$((t + 5)); done; return 1; }
tb() { TESTBED_DIR=$TB TESTBED_PREFIX=$PREFIX testbed/testbed "$@"; }
conns() { cat "$TB"/host*/sshd.log 2>/dev/null | grep -c "Connection from" || true; }
# sshd (LogLevel VERBOSE) logs one "Starting session:" per exec, shell or subsystem channel.
chans() { cat "$TB"/host*/sshd.log 2>/dev/null | grep -c "Starting session:" || true; }

# One timed run: prints "wall_s cpu_s maxrss_mib connections channels". With MAY_FAIL=1 (a host
# down) a non-zero exit is expected and the run still counts.
timed() {
  local before after cb ca
  before=$(conns); cb=$(chans)
  if ! /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" >"$WORK/last.log" 2>&1 && [ "${MAY_FAIL:-0}" != 1 ]; then
    echo "FAILED: $*" >&2; tail -5 "$WORK/last.log" >&2; return 1
  fi
  sleep 0.3 # sshd writes its log lines as the sessions close
  after=$(conns); ca=$(chans)
  awk -v c=$((after - before)) -v x=$((ca - cb)) '/^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$/ {printf "%.2f %.2f %.0f %d %d\n", $1, $2 + $3, $4 / 1024, c, x}' "$WORK/time"
}

# Each host's apt knows only the local source (in its own overlay; the machine's sources are not
# touched), so installing the workload's packages contacts nothing. Outside the timing, for every tool.
local_apt() { # N
  seq 1 "$1" | xargs -P 16 -I{} ssh -F "$TB/ssh_config" "$PREFIX.{}" \
    "rm -f /etc/apt/sources.list /etc/apt/sources.list.d/*; echo 'deb [trusted=yes] file:$REPO ./' > /etc/apt/sources.list.d/labc-bench.list; apt-get update -qq >/dev/null 2>&1 || echo 'apt-get update failed on {}'"
}

setup() { # N: fresh hosts, inputs for every tool
  local n=$1
  tb stop >/dev/null 2>&1 || true
  tb start "$n" >/dev/null
  local_apt "$n"
  local key; key=$(cat "$WORK/bench_key.pub")
  mkdir -p "$WORK/labc" "$WORK/ansible"
  cp -r bench/apply/templates "$WORK/labc/"; cp -r bench/apply/templates bench/apply/playbook.yml "$WORK/ansible/"
  cp "$WORK/bench_key.pub" "$WORK/ansible/"
  : > "$WORK/hosts.block"
  for i in $(seq 1 "$n"); do echo "$PREFIX.$i h$i" >> "$WORK/hosts.block"; done
  cp "$WORK/hosts.block" "$WORK/ansible/hosts.block"
  sed "s/@N@/$n/; s|@PREFIX@|$PREFIX|; s|@KEY@|$key|" bench/apply/cluster.lab.in > "$WORK/labc/cluster.lab"
  { echo "[all]"; for i in $(seq 1 "$n"); do echo "h$i ansible_host=$PREFIX.$i"; done
    echo "[all:vars]"; echo "ansible_user=root"; echo "ansible_python_interpreter=/usr/bin/python3"
    echo "ansible_ssh_common_args='-F $TB/ssh_config -o HostKeyAlias=%h'"; } > "$WORK/ansible/inventory"
  sed -i "s/ -o HostKeyAlias=%h//" "$WORK/ansible/inventory"
  # ssh_config names hosts host<i>; Ansible and the floors dial addresses, which known_hosts also lists.
  cat > "$WORK/ansible/stock.cfg" <<CFG
[defaults]
host_key_checking = True
forks = 5
[ssh_connection]
ssh_args = -o ControlMaster=no
CFG
  local forks=$(( n < 50 ? n : 50 ))
  cat > "$WORK/ansible/tuned.cfg" <<CFG
[defaults]
host_key_checking = True
forks = $forks
strategy = free
[ssh_connection]
pipelining = True
ssh_args = -o ControlMaster=auto -o ControlPersist=60s
CFG
}

reset_hosts() { # a converge starts from hosts as the testbed made them
  local n=$1
  tb stop >/dev/null 2>&1; tb start "$n" >/dev/null
  local_apt "$n"
  rm -rf "$WORK/labc/.labstate" "$HOME/.ansible/cp"
}

run_labc() { (cd "$WORK/labc" && timed "$ROOT/labc" apply --auto-approve --kex curve25519-sha256 --known-hosts "$TB/known_hosts" -i "$TB/keys/client" cluster.lab); }
run_ansible() { (cd "$WORK/ansible" && ANSIBLE_CONFIG="$WORK/ansible/$1.cfg" timed ansible-playbook -i inventory playbook.yml); }
floor_true() { local n=$1; timed sh -c "seq 1 $n | xargs -P 32 -I{} ssh -F $TB/ssh_config -o ControlMaster=no $PREFIX.{} true"; }
floor_script() { local n=$1; timed sh -c "seq 1 $n | xargs -P 32 -I{} sh -c 'ssh -F $TB/ssh_config -o ControlMaster=no $PREFIX.{} sh -s < $WORK/floor/h{}.sh'"; }

write_floor_scripts() { # per host: the variables, then floor.sh (generated outside the timing)
  local n=$1 key; key=$(cat "$WORK/bench_key.pub")
  mkdir -p "$WORK/floor"
  for i in $(seq 1 "$n"); do
    { printf "BENCH_HOSTS='%s\n'\n" "$(cat "$WORK/hosts.block")"; printf "BENCH_KEY='%s'\n" "$key"; echo "set -- h$i $PREFIX.$i"
      grep -v '^#!' bench/apply/floor.sh; } > "$WORK/floor/h$i.sh"
  done
}

# drift: a file labc and Ansible manage edited by hand on 10% of the hosts (at least one);
# down: the last host stopped. Before labc's drift run, its plan must name exactly those hosts.
read -r -a SCENARIOS <<<"${BENCH_SCENARIOS:-converge noop drift down}"
drifted() { local n=$1; echo $(( (n + 9) / 10 )); }
before_scenario() { # scenario n
  case $1 in
    drift) for i in $(seq 1 "$(drifted "$2")"); do ssh -F "$TB/ssh_config" "$PREFIX.$i" 'echo "# edited by hand" >> /etc/bench-app.conf'; done ;;
    down) tb down "$2" >/dev/null ;;
  esac
}
after_scenario() { # scenario n tool
  case $1 in
    down)
      if grep -q "h$2\|$PREFIX.$2" "$WORK/last.log"; then echo "N=$2 $3 down: the report names h$2" >&2
      else echo "N=$2 $3 down: the report does not name h$2" >&2; echo "- N=$2 $3, host down: the report does NOT name h$2" >> "$WORK/notes"; fi
      tb up "$2" >/dev/null ;;
  esac
}
check_drift_plan() { # n: labc's plan after the drift names exactly the edited hosts
  local n=$1 want got
  want=$(seq 1 "$(drifted "$n")" | sed 's/^/h/' | sort | tr '\n' ' ')
  got=$(cd "$WORK/labc" && "$ROOT/labc" plan --kex curve25519-sha256 --known-hosts "$TB/known_hosts" -i "$TB/keys/client" cluster.lab 2>&1 \
        | grep -o '^ *[~+-/]* *node\.h[0-9]*\.' | grep -o 'h[0-9]*' | sort -u | tr '\n' ' ')
  if [ "$want" = "$got" ]; then echo "- N=$n: after editing a file on $(drifted "$n") hosts, labc's plan named exactly those: $got" >> "$WORK/notes"
  else echo "- N=$n: after editing a file on $(drifted "$n") hosts, labc's plan named: ${got:-none} (expected $want)" >> "$WORK/notes"; fi
}

median() { sort -n | awk '{a[NR]=$1} END{if(NR==0){print "-"; exit} print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }

# BENCH_TOOLS picks a subset (stock Ansible at N=200 takes tens of minutes per run).
read -r -a TOOLS <<<"${BENCH_TOOLS:-labc ansible-stock ansible-tuned floor-true floor-script}"
run_tool() { # tool n
  case $1 in
    labc) run_labc ;;
    ansible-stock) run_ansible stock ;;
    ansible-tuned) run_ansible tuned ;;
    floor-true) floor_true "$2" ;;
    floor-script) floor_script "$2" ;;
  esac
}

{
  echo "# Apply benchmark, $(date -u +%F)"
  echo
  echo "- machine: $(nproc) CPUs, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
  echo "- java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(ansible-playbook --version 2>/dev/null | sed -n 1p); $(ssh -V 2>&1)"
  echo "- labc: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)')"
  echo "- key exchange pinned to curve25519-sha256 for every tool; hosts: testbed/testbed (real sshd, one per host)"
  echo "- $REPS interleaved repetitions per scenario; medians; load = 1-minute load average before each run (ceiling $MAX_LOAD)"
  echo
  echo "| N | scenario | tool | wall s | CPU s | peak RSS MiB | SSH connections / host | exec channels / host | labc ÷ tool (wall) | load |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
} > "$OUT"

for n in "${SIZES[@]}"; do
  setup "$n"; write_floor_scripts "$n"
  declare -A wall cpu rss con chn ld
  for tool in "${TOOLS[@]}"; do for sc in "${SCENARIOS[@]}"; do wall[$tool.$sc]=""; cpu[$tool.$sc]=""; rss[$tool.$sc]=""; con[$tool.$sc]=""; chn[$tool.$sc]=""; done; done
  for rep in $(seq 1 "$REPS"); do
    for tool in "${TOOLS[@]}"; do
      if busy; then echo "machine busy (load $(load) > $MAX_LOAD): not reporting $tool N=$n" >&2; ld[$tool]="busy $(load)"; continue; fi
      ld[$tool]=$(load)
      if [[ $tool == floor-true ]]; then
        r=$(run_tool "$tool" "$n") || continue
        for sc in converge noop; do read -r w c m k x <<<"$r"; wall[$tool.$sc]+="$w "; cpu[$tool.$sc]+="$c "; rss[$tool.$sc]+="$m "; con[$tool.$sc]+="$k "; chn[$tool.$sc]+="$x "; done
        continue
      fi
      reset_hosts "$n"
      for sc in "${SCENARIOS[@]}"; do
        [[ $tool == floor-script && $sc != converge && $sc != noop ]] && continue
        before_scenario "$sc" "$n"
        [[ $tool == labc && $sc == drift ]] && check_drift_plan "$n"
        if [[ $sc == down ]]; then r=$(MAY_FAIL=1 run_tool "$tool" "$n"); else r=$(run_tool "$tool" "$n"); fi
        ok=$?
        after_scenario "$sc" "$n" "$tool"
        [ $ok -eq 0 ] || continue
        read -r w c m k x <<<"$r"
        wall[$tool.$sc]+="$w "; cpu[$tool.$sc]+="$c "; rss[$tool.$sc]+="$m "; con[$tool.$sc]+="$k "; chn[$tool.$sc]+="$x "
        echo "N=$n rep=$rep $tool $sc: ${w}s wall, ${c}s CPU, ${m} MiB, $k connections, $x channels" >&2
      done
    done
  done
  for sc in "${SCENARIOS[@]}"; do
    lw=$(tr ' ' '\n' <<<"${wall[labc.$sc]}" | grep . | median)
    for tool in "${TOOLS[@]}"; do
      w=$(tr ' ' '\n' <<<"${wall[$tool.$sc]}" | grep . | median)
      c=$(tr ' ' '\n' <<<"${cpu[$tool.$sc]}" | grep . | median)
      m=$(tr ' ' '\n' <<<"${rss[$tool.$sc]}" | grep . | median)
      k=$(tr ' ' '\n' <<<"${con[$tool.$sc]}" | grep . | median)
      x=$(tr ' ' '\n' <<<"${chn[$tool.$sc]}" | grep . | median)
      [ "$w" = "-" ] && continue
      per=$(awk -v k="$k" -v n="$n" 'BEGIN{ if (k=="-") print "-"; else printf "%.1f", k/n }')
      perx=$(awk -v k="$x" -v n="$n" 'BEGIN{ if (k=="-") print "-"; else printf "%.1f", k/n }')
      ratio=$(awk -v a="$lw" -v b="$w" 'BEGIN{ if (a=="-"||b=="-"||a==0) print "-"; else printf "%.2f×", a/b }')
      echo "| $n | $sc | $tool | $w | $c | $m | $per | $perx | $ratio | ${ld[$tool]:-} |" >> "$OUT"
    done
  done
  unset wall cpu rss con chn ld
done
tb stop >/dev/null 2>&1 || true
echo >> "$OUT"
if [ -s "$WORK/notes" ]; then echo >> "$OUT"; sort -u "$WORK/notes" >> "$OUT"; fi
echo >> "$OUT"
echo "floor-true: N fresh handshakes running \`true\` (no workload; the same figure in both rows). floor-script: one connection per host running bench/apply/floor.sh. \"labc ÷ tool\" below 1 means labc was faster." >> "$OUT"
echo "wrote $OUT"
