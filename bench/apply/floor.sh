#!/bin/sh
# The OpenSSH floor's idempotent script: the same effect as cluster.lab and playbook.yml, hand
# written, run over one connection per host (`ssh host sh -s -- NAME ADDRESS < floor.sh`).
# $1 = host name, $2 = its address; the hosts block and the key arrive in BENCH_HOSTS/BENCH_KEY.
set -e
name=$1; addr=$2
[ "$(cat /etc/hostname 2>/dev/null)" = "$name" ] || echo "$name" > /etc/hostname
[ "$(hostname)" = "$name" ] || hostname "$name"
block="# BEGIN labc hosts
$BENCH_HOSTS# END labc hosts"
if ! grep -qF "$block" /etc/hosts 2>/dev/null; then
  awk '/^# BEGIN labc hosts$/{skip=1} !skip{print} /^# END labc hosts$/{skip=0}' /etc/hosts > /etc/hosts.new
  printf '%s\n' "$block" >> /etc/hosts.new
  cat /etc/hosts.new > /etc/hosts; rm -f /etc/hosts.new
fi
[ -z "$(swapon --show=NAME --noheadings 2>/dev/null)" ] || swapoff -a
getent group bench >/dev/null || groupadd -g 2500 bench
id bench >/dev/null 2>&1 || useradd -m -u 2500 -g bench -G bench -s /bin/bash bench
mkdir -p /home/bench/.ssh
want() { # path mode content
  if [ "$(cat "$1" 2>/dev/null)" != "$3" ]; then printf '%s\n' "$3" > "$1.tmp" && mv "$1.tmp" "$1"; fi
  [ "$(stat -c %a "$1")" = "$2" ] || chmod "$2" "$1"
}
want /home/bench/.ssh/authorized_keys 600 "$BENCH_KEY"
chown bench /home/bench/.ssh/authorized_keys
pkgs="labc-bench-tool-a labc-bench-tool-b labc-bench-tool-c"
[ "$(dpkg-query -W -f='${Status}\n' $pkgs 2>/dev/null | grep -c 'ok installed')" = 3 ] \
  || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
[ -d /var/spool/bench ] && [ "$(stat -c '%a %U %G' /var/spool/bench)" = "2770 bench bench" ] || { mkdir -p /var/spool/bench && chown bench:bench /var/spool/bench && chmod 02770 /var/spool/bench; }
app_before=$(cat /etc/bench-app.conf 2>/dev/null || true)
want /etc/bench-app.conf 644 "# managed by labc bench
name = $name
address = $addr
workers = 8"
[ "$(cat /etc/bench-app.conf)" = "$app_before" ] || date +%s >> /var/spool/bench/app-reloads
want /etc/motd 644 "Welcome to $name. Ask in #lab before taking all GPUs."
want /etc/bench-limits.conf 640 "# managed by labc bench
bench soft nofile 65536
bench hard nofile 65536"
[ "$(stat -c %G /etc/bench-limits.conf)" = bench ] || chgrp bench /etc/bench-limits.conf
line() { # file match line
  grep -qxF "$3" "$1" && [ "$(grep -cE "$2" "$1")" = 1 ] && return 0
  if grep -qE "$2" "$1"; then sed -i -E "0,/$2/s//$3/;/$2/{/^$3\$/!d}" "$1"; sed -i -E "s/^$2.*/$3/" "$1"; else printf '%s\n' "$3" >> "$1"; fi
}
line /etc/ssh/sshd_config '^#?ClientAliveInterval' 'ClientAliveInterval 60'
line /etc/ssh/sshd_config '^#?ClientAliveCountMax' 'ClientAliveCountMax 3'
line /etc/ssh/sshd_config '^#?MaxAuthTries' 'MaxAuthTries 6'
line /etc/sysctl.conf '^#?vm.swappiness' 'vm.swappiness = 10'
line /etc/sysctl.conf '^#?fs.inotify.max_user_watches' 'fs.inotify.max_user_watches = 524288'
