#!/usr/bin/env bash
# cps, the ConPaaS command-line client (builds itself on first use; needs a JDK 17+).
set -euo pipefail
REPO="$(cd "$(dirname "$0")" && pwd)"
jar=$(ls "$REPO/cli/target/cli-"*-exec.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ] || [ -n "$(find "$REPO/cli/src/main" "$REPO/cli/pom.xml" -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
  (cd "$REPO" && ./mvnw -B -q -DskipTests package -pl cli -am) >&2
  jar=$(ls "$REPO/cli/target/cli-"*-exec.jar | head -n 1)
fi
exec java -jar "$jar" "$@"
