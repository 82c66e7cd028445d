#!/usr/bin/env bash
# Storage benchmark: append throughput vs raw AES-GCM and dd, range lookups over 9.7 M
# index rows, camera-day erase. Usage: storage/bench.sh [workDir] [append|lookup|all]
# The work directory must be on the disk under test; it is deleted afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
# The compiler plugin prints the test classpath in debug mode, but only when it compiles:
# make the bench source stale first (retry, since other builds share this tree).
CP=""
for attempt in 1 2 3; do
  touch storage/src/test/java/io/vigil/storage/bench/StorageBench.java
  rm -f storage/target/test-classes/io/vigil/storage/bench/StorageBench.class
  LOG=$(mktemp /tmp/vigil-bench-build.XXXXXX)
  mvn -B -o -X -f storage/pom.xml test-compile >"$LOG" 2>&1 || { tail -30 "$LOG" >&2; rm -f "$LOG"; exit 1; }
  CP=$(grep -m1 -- '-d .*/storage/target/test-classes -classpath' "$LOG" | sed -e 's/.* -classpath \([^ ]*\) .*/\1/' || true)
  rm -f "$LOG"
  [ -n "$CP" ] && break
done
if [ -z "$CP" ]; then echo "could not compile storage tests or find their classpath" >&2; exit 1; fi
# Run from a private copy of the compiled classes: other builds of this tree may clean target/ meanwhile.
PRIV=$(mktemp -d /tmp/vigil-bench-classes.XXXXXX)
trap 'rm -rf "$PRIV"' EXIT
cp -r storage/target/classes "$PRIV/classes"
cp -r storage/target/test-classes "$PRIV/test-classes"
CP=${CP//$PWD\/storage\/target\/test-classes/$PRIV\/test-classes}
CP=${CP//$PWD\/storage\/target\/classes/$PRIV\/classes}
java -Xmx2g ${VIGIL_BENCH_JAVA_OPTS:-} -Dlogback.configurationFile=${VIGIL_BENCH_LOGBACK:-/dev/null} -cp "$CP" io.vigil.storage.bench.StorageBench "${1:-/tmp/vigil-bench}" "${2:-all}"
