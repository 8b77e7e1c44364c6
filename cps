#!/usr/bin/env bash
# cps, the ConPaaS command-line client (builds itself on first use; needs a JDK 17+).
# It runs from cli/target on a plain class path with a class-data sharing archive (cli/target/cps.jsa,
# made by a training run whenever the jar is newer): the JVM maps the classes cps needs instead of
# loading them, and compiles with C1 only, so a command answers in about half the time.
set -euo pipefail
REPO="$(cd "$(dirname "$0")" && pwd)"
jar=$(ls "$REPO/cli/target/cli-"*[0-9T].jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ] || [ ! -d "$REPO/cli/target/lib" ] \
    || [ -n "$(find "$REPO/cli/src/main" "$REPO/cli/pom.xml" -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
  (cd "$REPO" && ./mvnw -B -q -DskipTests package -pl cli -am) >&2
  jar=$(ls "$REPO/cli/target/cli-"*[0-9T].jar | head -n 1)
fi
cp="$jar:$REPO/cli/target/lib/*"
jsa="$REPO/cli/target/cps.jsa"
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xshare:auto)
if [ ! -f "$jsa" ] || [ "$jar" -nt "$jsa" ]; then
  rm -f "$jsa"
  java "${flags[@]}" -XX:ArchiveClassesAtExit="$jsa" -cp "$cp" org.conpaas.cli.Training >/dev/null 2>&1 || rm -f "$jsa"
fi
if [ -f "$jsa" ]; then
  flags+=(-XX:SharedArchiveFile="$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
fi
exec java "${flags[@]}" -cp "$cp" org.conpaas.cli.Cps "$@"
