#!/usr/bin/env bash
# Gateway benchmark: granted play request -> first video byte over HTTPS, with
# 14 days x 16 cameras (9.7 M segment rows) indexed. Usage: access-gateway/bench.sh [workDir]
# The benchmark source lives in src/bench/java (it needs the storage test classes'
# BenchSupport, which the normal test build must not depend on). It is built and run in a
# private copy of the tree, so concurrent builds of target/ do not interfere.
set -euo pipefail
cd "$(dirname "$0")/.."
COPY=$(mktemp -d /tmp/vigil-gateway-bench-src.XXXXXX)
trap 'rm -rf "$COPY"' EXIT
tar --exclude=./.git --exclude='*/target' -cf - . | (cd "$COPY" && tar xf -)
cd "$COPY"
cp -r access-gateway/src/bench/java/. access-gateway/src/test/java/
python3 - <<'PY'
p = 'access-gateway/pom.xml'
s = open(p).read()
dep = ("<dependency><groupId>io.vigil</groupId><artifactId>vigil-storage</artifactId>"
       "<type>test-jar</type><scope>test</scope></dependency>\n    ")
s = s.replace("<dependencies>\n", "<dependencies>\n    " + dep, 1)
open(p, 'w').write(s)
PY
mvn -B -q -o -pl config,storage install -DskipTests
mvn -B -o -pl access-gateway test -Dtest="${BENCH:-FirstByteBench,ViewersWhileRecordingBench}" -Dvigil.bench=true -Dvigil.bench.paced="${PACED:-false}" -Dvigil.bench.dir="${1:-/tmp/vigil-gateway-bench}" \
    -Dsurefire.failIfNoSpecifiedTests=false > "$COPY/bench.log" 2>&1 || { tail -40 "$COPY/bench.log"; exit 1; }
grep -hE "benchmark|index filled|first byte|ledger entries|^viewers|^recorders|^stall|^machine|failed" access-gateway/target/surefire-reports/io.vigil.gateway.bench.*-output.txt
