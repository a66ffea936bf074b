#!/usr/bin/env bash
# Stock Flink vs Ember on the stateless Nexmark queries and Calc-heavy queries (benches/harness).
#
#   scripts/bench.sh [--quick] [--no-build] [--parallelism N] [--events N] [--warmups N] [--runs N]
#                    [--batch-size N] [--set ember.KEY=VALUE]... [query...]
#
# Builds the release jar (scripts/build.sh release) and the harness, then runs ONE JVM with the Ember jar first on
# the classpath (as 00-ember-flink-*.jar sorts first in a distribution's lib/) that runs every query on stock Flink
# and with Ember on one MiniCluster. Prints a table and writes benches/results/<date>-<sha>.json and latest.md.
#   --quick     CI smoke test: 20k events, 0 warm-up + 1 run per mode, and the harness' unit tests.
#   --no-build  use the existing jvm-bridge/target/00-ember-flink-*.jar instead of building it.
# Queries: q0 q1 q2 q21 q22 strings case_chain arith selective nonselective trivial json_decode json_filter json_q1
#          json_q21 json_sink_copy json_sink_q1 csv_decode csv_filter (default: all).
# Extra JVM options (e.g. a profiler agent): BENCH_JAVA_OPTS.
# If the Ember jar cannot be built, the stock side is still measured and the report says why Ember was not.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

quick=false
build=true
args=()
for a in "$@"; do
  case "$a" in
    --quick) quick=true; args+=("$a") ;;
    --no-build) build=false ;;
    *) args+=("$a") ;;
  esac
done

# Offline first: the dependencies are normally in ~/.m2 already.
mvn_() { mvn -B -q -o "$@" || mvn -B -q "$@"; }

jar=""
if $build; then
  if bash scripts/build.sh release; then
    jar="$(ls "$root"/jvm-bridge/target/00-ember-flink-*.jar 2>/dev/null | grep -v original | head -1 || true)"
  else
    echo "!! scripts/build.sh release failed: measuring stock Flink only (the report marks the Ember side)" >&2
  fi
else
  jar="$(ls "$root"/jvm-bridge/target/00-ember-flink-*.jar 2>/dev/null | grep -v original | head -1 || true)"
  [ -n "$jar" ] || echo "!! --no-build: no jvm-bridge/target/00-ember-flink-*.jar; measuring stock Flink only" >&2
fi

cd benches/harness
if $quick; then
  mvn_ package          # includes the source's unit tests (schema, row count, distributions)
else
  mvn_ package -DskipTests
fi
# The planner must come through flink-table-planner-loader, as in a distribution (never the planner jar itself).
mvn_ dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench.classpath \
  -DexcludeArtifactIds=flink-table-planner_2.12

cp_prefix=""
if [ -n "$jar" ]; then
  # A private copy: other builds may rewrite jvm-bridge/target while the benchmark runs.
  cp "$jar" target/
  cp_prefix="$PWD/target/$(basename "$jar"):"
fi
sha="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
flags="$(sed -n "s:.*<flink.jvm.flags>\(.*\)</flink.jvm.flags>.*:\1:p" pom.xml)"
# shellcheck disable=SC2086 # flags is a list of JVM options
exec java -Xms2g -Xmx2g $flags ${BENCH_JAVA_OPTS:-} \
  -cp "${cp_prefix}$PWD/target/classes:$(cat target/bench.classpath)" \
  dev.ember.bench.BenchMain --out "$root/benches/results" --git-sha "$sha" "${args[@]}"
