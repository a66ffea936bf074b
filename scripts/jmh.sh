#!/usr/bin/env bash
# JMH micro-benchmarks of the Java side of the row boundary (jvm-bridge/src/test/.../runtime/BoundaryBenchmark):
# writing non-binary rows for the native Calc, copying binary rows off-heap, one native round trip per batch.
#
#   scripts/jmh.sh [--no-build] [JMH options...]      e.g. scripts/jmh.sh -f 1 -wi 2 -i 3 prunedWriter
#
# Uses the release native library (built unless --no-build). Prints ns per row.
set -euo pipefail
cd "$(dirname "$0")/.."
build=true
if [ "${1:-}" = "--no-build" ]; then build=false; shift; fi
$build && cargo build --release -p ember-jni
cd jvm-bridge
mvn -B -q test-compile -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath
flags="$(sed -n "s:.*<flink.jvm.flags>\(.*\)</flink.jvm.flags>.*:\1:p" pom.xml)"
exec java -cp "target/test-classes:target/classes:$(cat target/jmh.classpath)" org.openjdk.jmh.Main \
  -jvmArgsAppend "$flags -Dember.native.dir=$PWD/../target/release" "${@:-BoundaryBenchmark}"
