#!/usr/bin/env bash
# Purge benchmark: (a) one expired camera-day of 2 s segments purged, beside bare unlink
# time; (b) the expired day of 16 cameras purged while 16 writers append, append latency
# before and during. Usage: purge-daemon/bench.sh [workDir]
# The work directory must be on the disk under test; it is deleted afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
# The compiler plugin prints the test classpath in debug mode, but only when it compiles:
# make the bench source stale first (retry, since other builds share this tree).
CP=""
for attempt in 1 2 3; do
  touch purge-daemon/src/test/java/io/vigil/purge/PurgeBench.java
  rm -f purge-daemon/target/test-classes/io/vigil/purge/PurgeBench.class
  LOG=$(mktemp /tmp/vigil-purge-bench-build.XXXXXX)
  # Through the reactor (-am): the sibling modules (config, storage, testkit) come from this
  # tree, so nothing needs to be installed first.
  mvn -B -o -X -pl purge-daemon -am test-compile >"$LOG" 2>&1 || { tail -30 "$LOG" >&2; rm -f "$LOG"; exit 1; }
  CP=$(grep -m1 -- '-d .*/purge-daemon/target/test-classes -classpath' "$LOG" | sed -e 's/.* -classpath \([^ ]*\) .*/\1/' || true)
  rm -f "$LOG"
  [ -n "$CP" ] && break
done
if [ -z "$CP" ]; then echo "could not compile purge-daemon tests or find their classpath" >&2; exit 1; fi
# Run from a private copy: other builds of this tree may clean target/ or reinstall jars meanwhile.
PRIV=$(mktemp -d /tmp/vigil-purge-bench-classes.XXXXXX)
trap 'rm -rf "$PRIV"' EXIT
cp -r purge-daemon/target/classes "$PRIV/classes"
cp -r purge-daemon/target/test-classes "$PRIV/test-classes"
CP=${CP//$PWD\/purge-daemon\/target\/test-classes/$PRIV\/test-classes}
CP=${CP//$PWD\/purge-daemon\/target\/classes/$PRIV\/classes}
NEWCP=""
IFS=':' read -ra PARTS <<<"$CP"
for p in "${PARTS[@]}"; do
  case "$p" in
    */io/vigil/*.jar) cp "$p" "$PRIV/" && p="$PRIV/$(basename "$p")" ;;
    "$PWD"/*/target/classes) m=${p#"$PWD"/}; m=${m%%/*}; cp -r "$p" "$PRIV/$m-classes" && p="$PRIV/$m-classes" ;;
  esac
  NEWCP="${NEWCP:+$NEWCP:}$p"
done
java -Xmx2g -Dlogback.configurationFile="$PRIV/test-classes/logback-bench.xml" -cp "$NEWCP" \
  io.vigil.purge.PurgeBench "${1:-/tmp/vigil-purge-bench}"
