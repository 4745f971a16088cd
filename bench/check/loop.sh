#!/usr/bin/env bash
# Writes the issue-27 program to stdout: a `for` over N nodes whose `roles` holds ROLE
# (`worker`, or the typo `workr`). Then time `labc check` of it, e.g.:
#   bench/check/loop.sh 20000 workr > /tmp/typo.lab && /usr/bin/time ./labc check /tmp/typo.lab
set -euo pipefail
n="${1:-20000}" role="${2:-worker}"
cat <<LAB
network lan { cidr = 10.0.0.0/8 }
for i in 1..$n {
  node "gpu-\${i}" {
    address = cidrhost(lan.cidr, 10 + i)
    roles   = [$role]
  }
}
LAB
