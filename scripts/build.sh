#!/usr/bin/env bash
# Builds the native library and the drop-in jar.
#   scripts/build.sh release   -> target/release/libember_jni.so, jvm-bridge/target/00-ember-flink-*.jar (no tests)
#   scripts/build.sh debug     -> same with the dev-profile library (what the test suite uses)
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-release}"
bash scripts/setup.sh
if [ "$profile" = release ]; then
  cargo build --release -p ember-jni
  native_dir="$PWD/target/release"
else
  cargo build -p ember-jni
  native_dir="$PWD/target/debug"
fi
(cd jvm-bridge && mvn -B -q package -DskipTests -Dember.native.dir="$native_dir")
ls -1 jvm-bridge/target/00-ember-flink-*.jar | grep -v original
