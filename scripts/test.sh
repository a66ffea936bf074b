#!/usr/bin/env bash
# Runs every test of the project: Rust unit + golden-plan tests, Java tests (translator, golden plans,
# MiniCluster differential tests stock vs Ember), and the end-to-end suite on a real Flink 2.3.0 distribution.
# CI (.ci/run) calls exactly this script.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step() { echo; echo "=== [$(( $(date +%s) - start ))s] $*"; }

step "setup"
bash scripts/setup.sh

step "native: cargo fmt --check, cargo test (dev profile)"
cargo fmt --all -- --check
cargo build -p ember-jni
cargo test --workspace

step "jvm-bridge: mvn verify (MiniCluster differential tests against the dev-profile native library)"
(cd jvm-bridge && mvn -B verify -Dember.native.dir="$PWD/../target/debug")

step "integration: real Flink 2.3.0 distribution (stock vs the Ember jar in lib/)"
jar="$(ls jvm-bridge/target/00-ember-flink-*.jar | grep -v original | head -1)"
[ -f "$jar" ] || { echo "no Ember jar built" >&2; exit 1; }
# The distribution (~330 MB from PyPI + Maven Central) is cached outside the clone, across runs.
EMBER_IT_CACHE="${EMBER_IT_CACHE:-$HOME/.cache/ember-it}" EMBER_JAR="$jar" EMBER_IT_EXPECT_NATIVE=any \
  bash integration/run-all.sh ${CI:+--quick}
step "all tests passed"
