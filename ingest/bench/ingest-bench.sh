#!/bin/sh
# Ingest benchmarks (see IngestBenchmark and docs/benchmarks.md).
#   ingest/bench/ingest-bench.sh cpu 1 20 120     # Vigil vs ffmpeg -c copy -f segment, same streams, same run
#   ingest/bench/ingest-bench.sh scale 100 20 60  # N streams of ~4 Mbit/s: losses, latency, CPU
# Arguments: MODE STREAMS WARMUP_SECONDS MEASURE_SECONDS. Results are appended to
# ingest/target/ingest-bench.txt and printed. Needs /usr/bin/ffmpeg for "cpu".
set -e
cd "$(dirname "$0")/../.."
mvn -B -q -o -f ingest/pom.xml test -Dtest=IngestBenchmarkLauncher -Dsurefire.failIfNoSpecifiedTests=false \
  -Dvigil.bench="$1 $2 $3 $4"
tail -n 8 ingest/target/ingest-bench.txt
