#!/usr/bin/env bash
# Builds Ember (release) and runs the demo: one query on an embedded Flink 2.3.0, stock vs Ember, printing which
# operators ran natively. Usage: scripts/demo.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh release
jar="$(ls "$PWD"/jvm-bridge/target/00-ember-flink-*.jar | grep -v original | head -1)"
cd jvm-bridge
mvn -B -q test-compile -Dember.native.dir="$PWD/../target/release"
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/demo.classpath \
  -DexcludeArtifactIds=flink-table-planner_2.12
# The Ember jar comes first, exactly as 00-ember-flink-*.jar sorts first in a distribution's lib/.
java -Xmx2g $(sed -n "s:.*<flink.jvm.flags>\(.*\)</flink.jvm.flags>.*:\1:p" pom.xml) \
  -cp "$jar:target/test-classes:$(cat target/demo.classpath)" dev.ember.flink.demo.EmberDemo "$@"
