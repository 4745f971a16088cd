# Sourced by scripts: exports JAVA_HOME as the first JDK 21+ found (JAVA_HOME, /usr/lib/jvm/*).
for _j in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  [ -n "$_j" ] && [ -x "$_j/bin/javac" ] || continue
  _v="$("$_j/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')"
  if [ -n "$_v" ] && [ "$_v" -ge 21 ]; then export JAVA_HOME="$_j"; break; fi
done
unset _j _v
