#!/usr/bin/env bash
# Scenario fail-closed: where Ember cannot be active, the Ember jar in lib/ must change nothing but
# one log line. The same small SQL script (scenarios/fail-closed.sql: datagen sequence -> Calc ->
# filesystem csv, batch) runs in two situations:
#
#   (b) nolib   Flink $EMBER_IT_FLINK_VERSION (2.3.0) with EMBER_JAR, and -Dember.native.library=
#               /nonexistent/libember_jni.so for sql-client, JobManager and TaskManager (a cluster of
#               its own, EMBER_IT_JAVA_OPTS, started while the reference runs); reference: the stock
#               cluster; control: the running ember cluster (the script is eligible: NativeCalc there
#               when EMBER_IT_EXPECT_NATIVE is 1 or any). Always runs (≈ 40–50 s).
#   (a) 2.2.1   Flink 2.2.1 (flink-dist.sh 2.2.1, cached after the first run) with EMBER_JAR vs stock
#               2.2.1: two clusters of its own. Full mode only (≈ 55 s more); skipped with --quick.
#
#   integration/scenarios/fail-closed.sh [--quick]
#
# Checks per situation: every job FINISHED; output has the expected row count and equals the stock
# side's byte for byte; the sql-client log has exactly one "Ember inactive" line naming the reason
# ("native library failed to load" / "Flink version is 2.2.1"), and no "Ember active" line anywhere;
# no job names NativeCalc. Without EMBER_JAR there is nothing to test: no checks, exit 0.
# Environment: EMBER_JAR, EMBER_IT_STOCK_DIST/EMBER_IT_EMBER_DIST (running clusters, from run-all.sh),
#              EMBER_IT_WORK, EMBER_IT_FLINK_VERSION, EMBER_IT_FAIL_CLOSED_OLD_VERSION (default 2.2.1).
set -euo pipefail
IT_SCENARIO=fail-closed
# shellcheck source=../scenario-lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scenario-lib.sh"
SDIR="$IT_DIR/scenarios"

QUICK=0
[[ "${1:-}" == --quick ]] && QUICK=1
ROWS=500
OLD_VERSION="${EMBER_IT_FAIL_CLOSED_OLD_VERSION:-2.2.1}"
NOLIB=/nonexistent/libember_jni.so
t0=$SECONDS

if [[ -z "${EMBER_JAR:-}" ]]; then
    it_warn_no_jar
    it_log "EMBER_JAR is not set: no Ember to fail closed, nothing to test"
    exit 0
fi
[[ -f "$EMBER_JAR" ]] || { it_check "ember-jar" FAIL "EMBER_JAR=$EMBER_JAR does not exist"; exit 1; }
JAR="$(it_ember_jar)"
JAR="$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")"
it_log "Ember jar: $JAR"

W="$IT_WORK/$IT_SCENARIO"
rm -rf "$W"; mkdir -p "$W"
# Expected row count (the WHERE of fail-closed.sql).
EXPECTED=$(python3 -c "print(sum(1 for i in range(1, $ROWS + 1) if i % 5 != 2))")

# run_sql <label> <dist> : runs the SQL on <dist> (output in $W/out-<label>); job ids in $W/<label>.jids,
# sql-run.sh's exit status in $W/<label>.rc. May run in the background.
run_sql() {
    local label="$1" dist="$2" ts=$SECONDS rc=0
    sed -e "s|@ROWS@|$ROWS|g" -e "s|@VSTART@|-250|g" -e "s|@VEND@|$((ROWS - 251))|g" \
        -e "s|@OUT@|$W/out-$label|g" "$SDIR/fail-closed.sql" > "$W/$label.sql"
    EMBER_IT_SQL_LOG="$W/$label.sql-client.out" "$IT_DIR/sql-run.sh" "$dist" "$W/$label.sql" > "$W/$label.jids" || rc=$?
    echo "$rc $((SECONDS - ts))" > "$W/$label.rc"
}

# check_side <label> <dist> <want-native: 0|1|report> : the jobs finished, the row count, NativeCalc
# (0: no job may name it, 1: some job must, report: log only); sorted output in $W/<label>.sorted.
check_side() {
    local label="$1" dist="$2" want="$3" rc secs n
    read -r rc secs < "$W/$label.rc"
    if [[ "$rc" -eq 0 ]]; then
        it_check "$label-jobs-finished" PASS "$(wc -w < "$W/$label.jids") job(s), $secs s"
        # shellcheck disable=SC2046
        n=$(it_native_jobs "$dist" $(cat "$W/$label.jids"))
        it_log "$label: $n job(s) name NativeCalc"
        if [[ "$want" == 0 ]]; then
            [[ "$n" -eq 0 ]] && it_check "$label-no-NativeCalc" PASS "" \
                             || it_check "$label-no-NativeCalc" FAIL "$n job(s) name NativeCalc"
        elif [[ "$want" == 1 ]]; then
            [[ "$n" -gt 0 ]] && it_check "$label-uses-NativeCalc" PASS "the script is eligible: Ember would run it" \
                             || it_check "$label-uses-NativeCalc" FAIL "no job names NativeCalc on the active Ember cluster"
        fi
    else
        it_check "$label-jobs-finished" FAIL "see $W/$label.sql-client.out and $dist/log/"
    fi
    if it_sorted_output "$W/out-$label" "$W/$label.sorted"; then
        n=$(wc -l < "$W/$label.sorted")
        [[ $n -eq $EXPECTED ]] && it_check "$label-rows" PASS "$ROWS rows in, $n out" \
                               || it_check "$label-rows" FAIL "$n rows out, expected $EXPECTED"
    else
        it_check "$label-rows" FAIL "no committed output"
        : > "$W/$label.sorted"
    fi
}

run_side() { run_sql "$1" "$2"; check_side "$1" "$2" "$3"; }

# compare <label> <reference-label>
compare() {
    if cmp -s "$W/$2.sorted" "$W/$1.sorted" && [[ -s "$W/$2.sorted" ]]; then
        it_check "$1-equals-$2" PASS "$(sha256sum < "$W/$2.sorted" | cut -c1-16)"
    else
        it_check "$1-equals-$2" FAIL "diff $W/$2.sorted $W/$1.sorted"
        diff "$W/$2.sorted" "$W/$1.sorted" | head -n 6 >&2 || true
    fi
}

# inactive_log <label> <dist> <expected reason text> : exactly one "Ember inactive" line in the
# sql-client log, naming the reason; no "Ember active" in any log of <dist>.
inactive_log() {
    local label="$1" dist="$2" reason="$3" lines n
    lines=$(cat "$dist"/log/*sql-client*.log 2>/dev/null | grep 'Ember inactive' || true)
    n=$(printf '%s' "$lines" | grep -c 'Ember inactive' || true)
    it_log "$label client log: ${lines:-<no Ember inactive line>}"
    if [[ "$n" -eq 1 && "$lines" == *"$reason"* ]]; then
        it_check "$label-one-inactive-line" PASS "$(echo "$lines" | sed 's/^.* - //' | cut -c1-160)"
    else
        it_check "$label-one-inactive-line" FAIL "$n 'Ember inactive' line(s) in $dist/log/*sql-client*.log, want 1 with '$reason'"
    fi
    if grep -l 'Ember active' "$dist"/log/*.log >/dev/null 2>&1; then
        it_check "$label-never-active" FAIL "'Ember active' in $(grep -l 'Ember active' "$dist"/log/*.log | tr '\n' ' ')"
    else
        it_check "$label-never-active" PASS ""
    fi
}

# (b) Flink 2.3.0, native library unloadable everywhere.
if [[ "$IT_FLINK_VERSION" != 2.3.0 ]]; then
    it_log "(b) needs Flink 2.3.0 (running $IT_FLINK_VERSION): skipped"
else
    it_clusters
    cache=$("$IT_DIR/flink-dist.sh" "$IT_FLINK_VERSION" | tail -n1)
    NOLIB_DIST="$IT_WORK/$IT_SCENARIO-nolib"
    it_own_cluster "$NOLIB_DIST" "$cache" "$JAR" >&2
    # Start it while the stock reference runs.
    EMBER_IT_JAVA_OPTS="${EMBER_IT_JAVA_OPTS:+$EMBER_IT_JAVA_OPTS }-Dember.native.library=$NOLIB" \
        "$IT_DIR/cluster.sh" start "$NOLIB_DIST" & pstart=$!
    # Reference (stock) and control (the active Ember cluster: the script is eligible) meanwhile.
    run_sql stock "$IT_STOCK_DIST" & p1=$!
    run_sql ember "$IT_EMBER_DIST" & p2=$!
    wait $p1 $p2 || true
    check_side stock "$IT_STOCK_DIST" 0
    # The control's NativeCalc check follows EMBER_IT_EXPECT_NATIVE (0 or unset: report only).
    check_side ember "$IT_EMBER_DIST" "$([[ "${EMBER_IT_EXPECT_NATIVE:-}" =~ ^(1|any)$ ]] && echo 1 || echo report)"
    compare ember stock
    if wait $pstart; then
        run_side nolib "$NOLIB_DIST" 0
        compare nolib stock
        inactive_log nolib "$NOLIB_DIST" "Ember inactive: native library failed to load"
        jvm=""
        for f in "$NOLIB_DIST"/log/*standalonesession*.log "$NOLIB_DIST"/log/*taskexecutor*.log; do
            grep -q -- "-Dember.native.library=$NOLIB" "$f" && jvm="$jvm $(basename "$f" | sed 's/.*-\(standalonesession\|taskexecutor\)-.*/\1/')"
        done
        [[ "$jvm" == *standalonesession* && "$jvm" == *taskexecutor* ]] \
            && it_check "nolib-flag-on-cluster" PASS "JM and TM run with -Dember.native.library=$NOLIB" \
            || it_check "nolib-flag-on-cluster" FAIL "flag seen only in:${jvm:- none}"
    else
        it_check "nolib-cluster-start" FAIL "see $NOLIB_DIST/log/"
    fi
    it_stop_owned
fi

# (a) Flink 2.2.1: the version check keeps Ember out.
if [[ $QUICK -eq 1 ]]; then
    it_log "(a) Flink $OLD_VERSION: skipped in --quick (two clusters of its own, ≈ 55 s)"
else
    if ! old=$("$IT_DIR/flink-dist.sh" "$OLD_VERSION" | tail -n1); then
        it_check "old-dist" FAIL "could not assemble Flink $OLD_VERSION"
    else
        OLD_STOCK="$IT_WORK/$IT_SCENARIO-$OLD_VERSION-stock"; OLD_EMBER="$IT_WORK/$IT_SCENARIO-$OLD_VERSION-ember"
        it_own_cluster "$OLD_STOCK" "$old" >&2
        it_own_cluster "$OLD_EMBER" "$old" "$JAR" >&2
        "$IT_DIR/cluster.sh" start "$OLD_STOCK" & p1=$!
        "$IT_DIR/cluster.sh" start "$OLD_EMBER" & p2=$!
        rc=0; wait $p1 || rc=1; wait $p2 || rc=1
        if [[ $rc -eq 0 ]]; then
            v=$(curl -fsS "$("$IT_DIR/cluster.sh" url "$OLD_EMBER")/overview" | python3 -c 'import json,sys; print(json.load(sys.stdin)["flink-version"])')
            [[ "$v" == "$OLD_VERSION" ]] && it_check "$OLD_VERSION-cluster-version" PASS "$v" \
                                         || it_check "$OLD_VERSION-cluster-version" FAIL "cluster reports $v"
            run_sql "stock-$OLD_VERSION" "$OLD_STOCK" & p1=$!
            run_sql "ember-$OLD_VERSION" "$OLD_EMBER" & p2=$!
            wait $p1 $p2 || true
            check_side "stock-$OLD_VERSION" "$OLD_STOCK" 0
            check_side "ember-$OLD_VERSION" "$OLD_EMBER" 0
            compare "ember-$OLD_VERSION" "stock-$OLD_VERSION"
            inactive_log "ember-$OLD_VERSION" "$OLD_EMBER" "Flink version is $OLD_VERSION"
        else
            it_check "$OLD_VERSION-clusters-start" FAIL "see $OLD_STOCK/log and $OLD_EMBER/log"
        fi
        it_stop_owned
    fi
fi
it_log "done in $((SECONDS - t0)) s"
exit $IT_FAILED
