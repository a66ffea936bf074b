#!/usr/bin/env bash
# Scenario native-fault: a runtime error inside the native Calc fails the job like stock Flink's
# generated code does, and does not take the TaskManager down.
#
#   integration/scenarios/native-fault.sh [--quick]
#
# scenarios/native-fault.sql: datagen sequence (200 rows) -> Calc with the INT division
# 1000 / (d % 50) (zero divisor at d = 50) -> blackhole, streaming, restart-strategy none. Runs on
# both clusters at once (the run-all ones; --quick changes nothing).
# Checks: on each side the job FAILED and its root exception is java.lang.ArithmeticException:
# / by zero; on the Ember side (EMBER_JAR on 2.3.0, EMBER_IT_EXPECT_NATIVE not 0) the plan names
# NativeCalc, the exception is thrown from dev.ember.flink.jni.NativeBridge.evaluateCalc (REST and
# the TaskManager log), stock's is not; on each side the TaskManager JVM is the same process (pid)
# and the same registered TaskManager afterwards, with all its slots free again.
# Environment: EMBER_JAR, EMBER_IT_STOCK_DIST/EMBER_IT_EMBER_DIST (running clusters, from run-all.sh),
#              EMBER_IT_WORK, EMBER_IT_FLINK_VERSION, EMBER_IT_EXPECT_NATIVE.
set -euo pipefail
IT_SCENARIO=native-fault
# shellcheck source=../scenario-lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scenario-lib.sh"
SDIR="$IT_DIR/scenarios"

ROWS=200
t0=$SECONDS
it_clusters

W="$IT_WORK/$IT_SCENARIO"
rm -rf "$W"; mkdir -p "$W"
NATIVE_EXPECTED=0
[[ -n "${EMBER_JAR:-}" && "$IT_FLINK_VERSION" == 2.3.0 && "${EMBER_IT_EXPECT_NATIVE:-}" != 0 ]] && NATIVE_EXPECTED=1

tm_pids() { # TaskManager JVMs of a distribution copy
    local p
    for p in /proc/[0-9]*; do
        tr '\0' ' ' 2>/dev/null < "$p/cmdline" | grep -q "$1/lib/.*TaskManagerRunner" && echo "${p#/proc/}"
    done
    return 0
}
tm_ids() { curl -fsS --max-time 10 "$("$IT_DIR/cluster.sh" url "$1")/taskmanagers" | python3 -c 'import json,sys; print(" ".join(sorted(t["id"] for t in json.load(sys.stdin)["taskmanagers"])))'; }

declare -A PID_BEFORE IDS_BEFORE LOGLINES PSQL
for side in stock ember; do
    [[ $side == stock ]] && dist="$IT_STOCK_DIST" || dist="$IT_EMBER_DIST"
    PID_BEFORE[$side]=$(tm_pids "$dist" | tr '\n' ' ')
    IDS_BEFORE[$side]=$(tm_ids "$dist")
    LOGLINES[$side]=$(cat "$dist"/log/*taskexecutor*.log 2>/dev/null | wc -l)
    sed -e "s|@ROWS@|$ROWS|g" "$SDIR/native-fault.sql" > "$W/$side.sql"
    # Expected to fail: sql-run.sh still prints the job ids, then exits non-zero.
    ( rc=0; EMBER_IT_SQL_LOG="$W/$side.sql-client.out" "$IT_DIR/sql-run.sh" "$dist" "$W/$side.sql" > "$W/$side.jids" 2> "$W/$side.sql-run.err" || rc=$?
      echo "$rc" > "$W/$side.rc" ) &
    PSQL[$side]=$!
done
wait "${PSQL[stock]}" "${PSQL[ember]}" || true

for side in stock ember; do
    [[ $side == stock ]] && dist="$IT_STOCK_DIST" || dist="$IT_EMBER_DIST"
    url=$("$IT_DIR/cluster.sh" url "$dist")
    jid=$(tail -n1 "$W/$side.jids")
    if [[ ! "$jid" =~ ^[0-9a-f]{32}$ ]]; then
        it_check "$side-job-failed" FAIL "no job submitted; see $W/$side.sql-client.out"
        continue
    fi
    # sql-run.sh returns at FAILING already; the exception history is complete only once FAILED.
    for _ in $(seq 1 60); do
        [[ "$(it_job_field "$dist" "$jid" 'j["state"]' 2>/dev/null)" =~ ^(FAILED|FINISHED|CANCELED)$ ]] && break
        sleep 0.5
    done
    curl -fsS --max-time 10 "$url/jobs/$jid/exceptions" > "$W/$side.exceptions.json" || true
    { read -r state; read -r root; } <<<"$( { curl -fsS --max-time 10 "$url/jobs/$jid"; echo; cat "$W/$side.exceptions.json"; echo; } | python3 -c '
import json, sys
job, exc = [json.loads(l) for l in sys.stdin if l.strip()]
h = exc.get("exceptionHistory", {}).get("entries", [])
t = (h[0]["stacktrace"] if h else exc.get("root-exception")) or ""
lines = t.splitlines()
causes = [l for l in lines if l.startswith("Caused by:")]
root = (causes[-1][len("Caused by: "):] if causes else (lines[0] if lines else "none"))
print(job["state"]); print(root)')"
    it_log "$side job $jid: $state, root cause: $root"
    if [[ "$state" == FAILED && "$root" == "java.lang.ArithmeticException: / by zero" && "$(cat "$W/$side.rc")" != 0 ]]; then
        it_check "$side-job-failed" PASS "FAILED, root cause $root"
    else
        it_check "$side-job-failed" FAIL "state $state, root cause '$root', sql-run.sh exit $(cat "$W/$side.rc")"
    fi

    # Where it was thrown: the first frame under the ArithmeticException, in REST and the TM log.
    frame=$(python3 -c '
import json, sys
e = json.load(open(sys.argv[1]))
h = e.get("exceptionHistory", {}).get("entries", [])
lines = ((h[0]["stacktrace"] if h else e.get("root-exception")) or "").splitlines()
for i, l in enumerate(lines):
    if "java.lang.ArithmeticException: / by zero" in l and i + 1 < len(lines):
        print(lines[i + 1].strip()); break' "$W/$side.exceptions.json" 2>/dev/null || true)
    tail -n +"$((LOGLINES[$side] + 1))" "$dist"/log/*taskexecutor*.log 2>/dev/null > "$W/$side.taskexecutor.log.new" || true
    tmframe=$(grep -A1 'java.lang.ArithmeticException: / by zero' "$W/$side.taskexecutor.log.new" | grep -m1 '^\s*at ' | sed 's/^\s*//' || true)
    it_log "$side: thrown at '$frame' (REST), '$tmframe' (TaskManager log)"
    if [[ $side == ember && $NATIVE_EXPECTED == 1 ]]; then
        n=$(it_native_jobs "$dist" "$jid")
        [[ "$n" -gt 0 ]] && it_check "ember-uses-NativeCalc" PASS "" || it_check "ember-uses-NativeCalc" FAIL "the plan has no NativeCalc"
        [[ "$frame" == "at dev.ember.flink.jni.NativeBridge.evaluateCalc"* ]] \
            && it_check "ember-thrown-natively" PASS "$frame" \
            || it_check "ember-thrown-natively" FAIL "first frame under the ArithmeticException: '${frame:-none}'"
        [[ "$tmframe" == "at dev.ember.flink.jni.NativeBridge.evaluateCalc"* ]] \
            && it_check "ember-taskmanager-log" PASS "java.lang.ArithmeticException: / by zero $tmframe" \
            || it_check "ember-taskmanager-log" FAIL "no ArithmeticException from NativeBridge.evaluateCalc in $dist/log/*taskexecutor*.log (first frame: '${tmframe:-none}')"
    elif [[ $side == stock ]]; then
        [[ -n "$frame" && "$frame" != *NativeBridge* ]] \
            && it_check "stock-thrown-by-generated-code" PASS "$frame" \
            || it_check "stock-thrown-by-generated-code" FAIL "first frame under the ArithmeticException: '${frame:-none}'"
    else
        it_log "ember side not expected to run natively (EMBER_JAR unset, Flink $IT_FLINK_VERSION or EMBER_IT_EXPECT_NATIVE=0): no native checks"
    fi

    # The TaskManager survived: same JVM, same registration, slots free again.
    pid_after=$(tm_pids "$dist" | tr '\n' ' ')
    ids_after=$(tm_ids "$dist" || true)
    free=""
    for _ in $(seq 1 20); do
        free=$(curl -fsS --max-time 10 "$url/overview" | python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["slots-available"], o["slots-total"])' || true)
        [[ -n "$free" && "${free% *}" == "${free#* }" ]] && break
        sleep 0.5
    done
    if [[ -n "${PID_BEFORE[$side]// /}" && "$pid_after" == "${PID_BEFORE[$side]}" && "$ids_after" == "${IDS_BEFORE[$side]}" \
          && "${free% *}" == "${free#* }" ]]; then
        it_check "$side-taskmanager-alive" PASS "pid ${pid_after% }, $ids_after, slots free $free"
    else
        it_check "$side-taskmanager-alive" FAIL "pid '${PID_BEFORE[$side]}' -> '$pid_after', TM '${IDS_BEFORE[$side]}' -> '$ids_after', slots free/total $free"
    fi
done
it_log "done in $((SECONDS - t0)) s"
exit $IT_FAILED
