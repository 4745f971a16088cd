#!/bin/sh
# The apply benchmark's local package source: three tiny .deb packages and a flat apt repository
# in $1 (default /var/tmp/labc-bench-repo), served to the testbed's hosts as a file: source, so
# installing them needs no network. Each package carries one file, so dpkg does real work.
set -eu
repo=${1:-/var/tmp/labc-bench-repo}
rm -rf "$repo"; mkdir -p "$repo"
build=$(mktemp -d); trap 'rm -rf "$build"' EXIT
for p in a b c; do
  name=labc-bench-tool-$p
  mkdir -p "$build/$name/DEBIAN" "$build/$name/usr/share/labc-bench"
  printf 'Package: %s\nVersion: 1.0\nArchitecture: all\nMaintainer: labc bench <bench@localhost>\nDescription: labc apply benchmark package %s\n' "$name" "$p" > "$build/$name/DEBIAN/control"
  echo "tool $p" > "$build/$name/usr/share/labc-bench/$name"
  dpkg-deb -Zgzip --root-owner-group --build "$build/$name" "$repo/${name}_1.0_all.deb" >/dev/null
done
(cd "$repo" && dpkg-scanpackages --multiversion . /dev/null 2>/dev/null > Packages)
echo "$repo: $(grep -c '^Package:' "$repo/Packages") packages"
